# Installs this build of snnc into a scratch prefix, builds examples/embed against it with
# find_package(snnc) and snnc_add_network(), runs the application, and checks that editing an
# imported .snn file recompiles the network (dependency tracking through snnc -MD).
#
# cmake -DBINARY_DIR=<snnc build> -DSOURCE_DIR=<snnc source> -DWORK=<scratch> -P RunEmbed.cmake
cmake_minimum_required(VERSION 3.20)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "command failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(LAST_OUTPUT "${out}${err}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
run(${CMAKE_COMMAND} --install "${BINARY_DIR}" --prefix "${WORK}/prefix")
file(COPY "${SOURCE_DIR}/examples/embed/" DESTINATION "${WORK}/src")
run(${CMAKE_COMMAND} -S "${WORK}/src" -B "${WORK}/build" -G Ninja
    "-DCMAKE_PREFIX_PATH=${WORK}/prefix" -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build "${WORK}/build")
if(NOT LAST_OUTPUT MATCHES "Compiling spiking network reflex.snn")
  message(FATAL_ERROR "the network was not compiled by the build:\n${LAST_OUTPUT}")
endif()
run("${WORK}/build/reflex")
message(STATUS "${LAST_OUTPUT}")
if(NOT LAST_OUTPUT MATCHES "reflex: OK")
  message(FATAL_ERROR "the embedded network misbehaved:\n${LAST_OUTPUT}")
endif()

# Nothing changed: nothing is rebuilt.
run(${CMAKE_COMMAND} --build "${WORK}/build")
if(LAST_OUTPUT MATCHES "Compiling spiking network")
  message(FATAL_ERROR "the network was recompiled although nothing changed:\n${LAST_OUTPUT}")
endif()
# Editing the imported model file recompiles the network.
file(APPEND "${WORK}/src/reflex_models.snn" "// edited\n")
run(${CMAKE_COMMAND} --build "${WORK}/build")
if(NOT LAST_OUTPUT MATCHES "Compiling spiking network reflex.snn")
  message(FATAL_ERROR "editing an imported file did not recompile the network:\n${LAST_OUTPUT}")
endif()
message(STATUS "embed example: built, ran, and dependency tracking works")
