// Feeds arbitrary bytes to the custom-list CSV parser: a list or an Error, never a crash, hang
// or exception; ids in a parsed list are unique.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "sources/custom/custom_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = redflag::sources::ParseCustomCsvBuffer(text, "fuzz.csv", "custom-fuzz");
  if (parsed) {
    std::set<std::string> ids;
    for (const auto& entity : parsed->entities) {
      if (!ids.insert(entity.id).second || entity.names.empty()) __builtin_trap();
    }
  }
  return 0;
}
