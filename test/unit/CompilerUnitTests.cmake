# compiler_tests: units, expression trees and their text form, the matrix exponential and ODE
# propagators, the IR reader/printer, the chip arithmetic the LLVM backend emits, the mapping
# onto chip cores (cost model, partitioners).
add_executable(compiler_tests
  UnitsTest.cpp
  ExprTest.cpp
  MatrixExpTest.cpp
  PropagatorTest.cpp
  FixedPointCodegenTest.cpp
  MappingTest.cpp
  DesignRulesTest.cpp
)
target_link_libraries(compiler_tests PRIVATE snn_codegen snn_passes snn_ir GTest::gtest_main)
target_compile_definitions(compiler_tests PRIVATE
                           SNNC_UNIT_INPUTS="${CMAKE_CURRENT_SOURCE_DIR}/Inputs")
gtest_discover_tests(compiler_tests DISCOVERY_TIMEOUT 60)
