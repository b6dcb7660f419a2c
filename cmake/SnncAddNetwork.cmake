# snnc_add_network(<target> <file.snn>
#                  [NETWORK <name>]            network to compile when the file has several
#                  [IMPORT_DIRS <dir>...]      extra import search directories (-I)
#                  [OPTIONS <option>...])      more snnc options (e.g. -O3, --seed=7)
#
# Compiles a .snn network at build time with snnc into an object file and a C header, and makes
# <target> a static library holding the object. Linking <target> adds the header's directory to
# the include path and links the snnc runtime. The imports of the network are tracked through a
# dependency file written by snnc -MD, so editing an imported file recompiles the network.
function(snnc_add_network target source)
  cmake_parse_arguments(ARG "" "NETWORK" "IMPORT_DIRS;OPTIONS" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "snnc_add_network: unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  get_filename_component(src "${source}" ABSOLUTE)
  get_filename_component(stem "${source}" NAME_WE)
  set(outdir "${CMAKE_CURRENT_BINARY_DIR}/${target}.snnc")
  set(obj "${outdir}/${stem}${CMAKE_C_OUTPUT_EXTENSION}")
  if(NOT CMAKE_C_OUTPUT_EXTENSION)
    set(obj "${outdir}/${stem}.o")
  endif()
  set(hdr "${outdir}/${stem}.h")
  set(dep "${outdir}/${stem}.d")
  set(args "${src}" -o "${obj}" --header "${hdr}" -MD -MF "${dep}")
  foreach(dir IN LISTS ARG_IMPORT_DIRS)
    get_filename_component(dir "${dir}" ABSOLUTE)
    list(APPEND args "-I${dir}")
  endforeach()
  if(ARG_NETWORK)
    list(APPEND args "--network=${ARG_NETWORK}")
  endif()
  list(APPEND args ${ARG_OPTIONS})
  file(MAKE_DIRECTORY "${outdir}")
  add_custom_command(
    OUTPUT "${obj}" "${hdr}"
    COMMAND snnc::snnc ${args}
    DEPENDS "${src}" snnc::snnc
    DEPFILE "${dep}"
    COMMENT "Compiling spiking network ${source}"
    VERBATIM)
  set_source_files_properties("${obj}" PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)
  add_library(${target} STATIC "${obj}" "${hdr}")
  set_target_properties(${target} PROPERTIES LINKER_LANGUAGE CXX)
  target_include_directories(${target} PUBLIC "${outdir}")
  target_link_libraries(${target} PUBLIC snnc::snnrt)
endfunction()
