# libFuzzer targets: fuzz/<name>_fuzz.cc -> <name>_fuzz, linked with every library.
# Build with clang: cmake -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DREDFLAG_BUILD_FUZZERS=ON
# Seed corpora live in fuzz/corpus/<name>/.
file(GLOB fuzzers CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/*_fuzz.cc)
foreach(fuzz_src ${fuzzers})
  get_filename_component(fuzz_name ${fuzz_src} NAME_WE)
  add_executable(${fuzz_name} ${fuzz_src})
  target_link_libraries(${fuzz_name} PRIVATE redflag_holdings redflag_devices redflag_report
                        redflag_api redflag_monitor redflag_engine redflag_payments redflag_rules
                        redflag_match redflag_index redflag_ingest redflag_store
                        redflag_sources redflag_text redflag_core)
  target_link_options(${fuzz_name} PRIVATE -fsanitize=fuzzer)
endforeach()
