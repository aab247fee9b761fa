# redflag_module(<name> DEPS ...): a static library from src/<name>/*.cc (tests, benches and
# fuzzers excluded). Its include root is src/, so code includes "core/error.h" etc.
function(redflag_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${name}/*.cc)
  list(FILTER srcs EXCLUDE REGEX "_(test|bench|fuzz)\\.cc$")
  add_library(redflag_${name} STATIC ${srcs})
  target_include_directories(redflag_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(redflag_${name} PUBLIC ${ARG_DEPS})
  target_compile_definitions(redflag_${name} PUBLIC REDFLAG_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
endfunction()

# One test binary per test file, src/<module>/<name>_test.cc -> <name>_test. It links its module
# only (and what the module itself links), so a test that reaches a downstream module fails to
# build. Real list data reaches tests through REDFLAG_DATA_DIR.
function(redflag_module_tests)
  foreach(name ${ARGN})
    file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${name}/*_test.cc)
    foreach(test_src ${tests})
      get_filename_component(test_name ${test_src} NAME_WE)
      add_executable(${test_name} ${test_src})
      target_link_libraries(${test_name} PRIVATE redflag_${name} GTest::gtest GTest::gmock GTest::gtest_main)
      add_test(NAME ${test_name} COMMAND ${test_name})
      set_tests_properties(${test_name} PROPERTIES
        ENVIRONMENT "REDFLAG_DATA_DIR=${REDFLAG_DATA_DIR_DEFAULT};REDFLAG_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
        LABELS ${name})
    endforeach()
  endforeach()
endfunction()
