// libFuzzer target: arbitrary bytes as an OFAC advanced XML document. The parser must return a
// list or an Error, never crash or hang; every entity it returns has a name and a listing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sources/ofac/ofac_advanced_xml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto list = redflag::sources::ParseOfacAdvancedXmlBuffer(bytes, "fuzz.xml", "ofac_sdn");
  if (list) {
    for (const auto& entity : list->entities) {
      if (entity.names.empty() || entity.listings.empty()) __builtin_trap();
    }
  }
  return 0;
}
