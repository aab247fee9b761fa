// Feeds arbitrary bytes to the BIS Denied Persons List parser: a list or an Error, never a
// crash, hang or exception.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sources/us_trade/bis_dpl.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = redflag::sources::ParseBisDplBuffer(text, "fuzz.txt", "bis_dpl");
  if (parsed) {
    for (const auto& entity : parsed->entities) {
      if (entity.names.empty() || entity.listings.size() != 1) __builtin_trap();
    }
  }
  return 0;
}
