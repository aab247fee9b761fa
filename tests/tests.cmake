# End-to-end tests: the real `redflag` binary on the real lists (REDFLAG_DATA_DIR, default
# ../shared/data). One fixture imports every list into a fresh data dir; the tests that need
# imported data require it.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(REDFLAG_E2E_HOME ${CMAKE_BINARY_DIR}/e2e-home)
# stream_probe: the publisher and stream reader of the worker tests and bench/stream_bench.py.
add_executable(stream_probe ${CMAKE_SOURCE_DIR}/tests/tools/stream_probe.cc)
target_link_libraries(stream_probe PRIVATE PkgConfig::LIBNATS nlohmann_json::nlohmann_json)
set(REDFLAG_E2E_ENV
    "REDFLAG_DATA_DIR=${REDFLAG_DATA_DIR_DEFAULT};REDFLAG_BIN=$<TARGET_FILE:redflag>;REDFLAG_E2E_HOME=${REDFLAG_E2E_HOME};REDFLAG_SOURCE_DIR=${CMAKE_SOURCE_DIR};REDFLAG_STREAM_PROBE=$<TARGET_FILE:stream_probe>")

add_test(NAME e2e_import_all_lists
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/e2e/import_lists.py)
set_tests_properties(e2e_import_all_lists PROPERTIES FIXTURES_SETUP imported_lists
                     ENVIRONMENT "${REDFLAG_E2E_ENV}" LABELS e2e)

file(GLOB e2e_tests CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/e2e/test_*.py)
foreach(test_script ${e2e_tests})
  get_filename_component(test_name ${test_script} NAME_WE)
  add_test(NAME e2e_${test_name} COMMAND ${Python3_EXECUTABLE} ${test_script})
  set_tests_properties(e2e_${test_name} PROPERTIES FIXTURES_REQUIRED imported_lists
                       ENVIRONMENT "${REDFLAG_E2E_ENV}" LABELS e2e)
endforeach()
# Two servers on one PostgreSQL database: skipped (77) only without the server binaries.
set_tests_properties(e2e_test_serve_postgres PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
set_tests_properties(e2e_test_serve_kill PROPERTIES TIMEOUT 900)

# The web page in headless Chromium (tests/web/, docs/web.md): needs node_modules (scripts/setup
# runs `npm ci`) and /usr/bin/chromium. It starts its own `redflag serve` on a loopback port.
find_program(REDFLAG_NODE node)
if(REDFLAG_NODE)
  add_test(NAME e2e_web COMMAND ${REDFLAG_NODE} --test ${CMAKE_SOURCE_DIR}/tests/web/)
  set_tests_properties(e2e_web PROPERTIES ENVIRONMENT "${REDFLAG_E2E_ENV}" LABELS "e2e;web"
                       TIMEOUT 300 WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endif()

# The store tests on PostgreSQL (docs/store.md, "Tests on PostgreSQL"): tests/postgres_server.py
# starts a throwaway server (initdb in a temporary directory, a free 127.0.0.1 port, as the
# `postgres` user under root), runs the test binary's PostgreSQL variants against it and stops
# it. Without the server binaries the wrapper exits 77 and ctest reports the test as skipped.
foreach(pg_test service_store_test book_store_test sql_test)
  add_test(NAME ${pg_test}_postgres
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/postgres_server.py
                   $<TARGET_FILE:${pg_test}> --gtest_filter=*/Postgres)
  set_tests_properties(${pg_test}_postgres PROPERTIES SKIP_RETURN_CODE 77 LABELS "store;postgres"
                       ENVIRONMENT "REDFLAG_DATA_DIR=${REDFLAG_DATA_DIR_DEFAULT};REDFLAG_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
endforeach()
