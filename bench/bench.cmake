# Google Benchmark kernels: bench/<name>_bench.cc -> <name>_bench (each has its own main), and the
# end-to-end latency tool screen_latency. Real lists come through REDFLAG_DATA_DIR.
file(GLOB benches CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/bench/*_bench.cc)
foreach(bench_src ${benches})
  get_filename_component(bench_name ${bench_src} NAME_WE)
  add_executable(${bench_name} ${bench_src})
  target_link_libraries(${bench_name} PRIVATE redflag_rules redflag_match redflag_index
                        redflag_store redflag_sources redflag_text redflag_core
                        benchmark::benchmark Threads::Threads)
endforeach()
