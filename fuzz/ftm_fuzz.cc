// Feeds arbitrary bytes to the FollowTheMoney JSON-lines parser: a list or an Error, never a
// crash, hang or exception; every entity keeps a name and a listing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sources/ftm/ftm.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = redflag::sources::ParseFtmJsonlBuffer(text, "fuzz.jsonl", "ftm");
  if (parsed) {
    for (const auto& entity : parsed->entities) {
      if (entity.names.empty() || entity.listings.empty()) __builtin_trap();
    }
  }
  return 0;
}
