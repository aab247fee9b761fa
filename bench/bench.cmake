# Google Benchmark kernels: bench/<name>_bench.cc -> <name>_bench (each has its own main), and the
# end-to-end latency tool screen_latency. Real lists come through REDFLAG_DATA_DIR.
file(GLOB benches CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/bench/*_bench.cc)
foreach(bench_src ${benches})
  get_filename_component(bench_name ${bench_src} NAME_WE)
  add_executable(${bench_name} ${bench_src})
  target_link_libraries(${bench_name} PRIVATE redflag_holdings redflag_devices redflag_report
                        redflag_payments redflag_rules redflag_match redflag_index
                        redflag_store redflag_sources redflag_text redflag_core
                        benchmark::benchmark Threads::Threads)
endforeach()

# The candidate stage against the brute-force oracle on the real lists and the dev queries
# (every 100th). Release build only (scripts/test stage 3): the brute force is slow under ASan.
add_test(NAME e2e_candidate_oracle COMMAND candidate_recall_bench 100)
set_tests_properties(e2e_candidate_oracle PROPERTIES LABELS e2e
                     ENVIRONMENT "REDFLAG_DATA_DIR=${REDFLAG_DATA_DIR_DEFAULT}")
