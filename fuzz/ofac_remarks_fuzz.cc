// Fuzzes ParseOfacRemarks with arbitrary text. Checks: no crash/hang, no empty names,
// identifier values or link targets.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sources/ofac/ofac_remarks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view remarks(reinterpret_cast<const char*>(data), size);
  redflag::core::Entity entity;
  redflag::core::Listing listing;
  redflag::core::Diagnostics diagnostics;
  redflag::sources::ParseOfacRemarks(remarks, entity, listing, diagnostics,
                                     redflag::core::Location{"sdn.csv", 1, {}, {}});
  for (const auto& name : entity.names) {
    if (name.full.empty()) std::abort();
  }
  for (const auto& id : entity.identifiers) {
    if (id.value.empty()) std::abort();
  }
  for (const auto& link : entity.links) {
    if (link.target_name.empty()) std::abort();
  }
  return 0;
}
