# redflag_module(<name> DEPS ... [TEST_DEPS ...]): a static library from the .cc files under
# src/<name>/, subfolders included (tests, benches and fuzzers excluded). Its include root is src/,
# so code includes "core/error.h" etc. DEPS are exactly the modules (redflag_<module>) and
# libraries the module's code includes (tests/check_module_deps.py checks it); TEST_DEPS are what
# its tests need besides, e.g. the source parsers to load real data.
function(redflag_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;TEST_DEPS" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${name}/*.cc)
  list(FILTER srcs EXCLUDE REGEX "_(test|bench|fuzz)\\.cc$")
  add_library(redflag_${name} STATIC ${srcs})
  target_include_directories(redflag_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(redflag_${name} PUBLIC ${ARG_DEPS})
  target_compile_definitions(redflag_${name} PUBLIC REDFLAG_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  set_property(GLOBAL PROPERTY REDFLAG_TEST_DEPS_${name} ${ARG_TEST_DEPS})
endfunction()

# One test binary per test file, src/<module>/**/<name>_test.cc -> <name>_test. It links its
# module (and what the module itself links) plus the module's TEST_DEPS, so a test that reaches a
# downstream module fails to build. Real list data reaches tests through REDFLAG_DATA_DIR.
function(redflag_module_tests)
  foreach(name ${ARGN})
    get_property(test_deps GLOBAL PROPERTY REDFLAG_TEST_DEPS_${name})
    file(GLOB_RECURSE tests CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${name}/*_test.cc)
    foreach(test_src ${tests})
      get_filename_component(test_name ${test_src} NAME_WE)
      add_executable(${test_name} ${test_src})
      target_link_libraries(${test_name} PRIVATE redflag_${name} ${test_deps} GTest::gtest
                            GTest::gmock GTest::gtest_main)
      add_test(NAME ${test_name} COMMAND ${test_name})
      set_tests_properties(${test_name} PROPERTIES
        ENVIRONMENT "REDFLAG_DATA_DIR=${REDFLAG_DATA_DIR_DEFAULT};REDFLAG_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
        LABELS ${name})
    endforeach()
  endforeach()
endfunction()
