// Feeds arbitrary bytes to the CSL CSV parser: it must return a list or an Error, never crash,
// hang or throw.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sources/us_trade/csl.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = redflag::sources::ParseCslCsvBuffer(text, "fuzz.csv", "us_csl");
  if (parsed) {
    for (const auto& entity : parsed->entities) {
      if (entity.names.empty() || entity.listings.empty()) __builtin_trap();
      // Aliases split out of prose (csl_aliases.cc) are never empty and never longer than
      // the input they came from.
      for (const auto& name : entity.names) {
        if (name.full.empty() || name.full.size() > size) __builtin_trap();
      }
    }
  }
  return 0;
}
