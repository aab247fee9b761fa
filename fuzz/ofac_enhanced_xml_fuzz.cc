// libFuzzer target: arbitrary bytes as an OFAC Enhanced XML document, and as a zip archive when
// they start like one. The parser must return a list or an Error, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sources/ofac/ofac_enhanced_xml.h"
#include "sources/xml_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (redflag::sources::xml::LooksLikeZip(bytes)) {
    auto member = redflag::sources::xml::ReadSingleZipMember(bytes, "fuzz.zip", 1 << 20);
    if (member) {
      auto list =
          redflag::sources::ParseOfacEnhancedXmlBuffer(member->bytes, "fuzz.xml", "ofac_sdn");
      (void)list;
    }
    return 0;
  }
  auto list = redflag::sources::ParseOfacEnhancedXmlBuffer(bytes, "fuzz.xml", "ofac_sdn");
  if (list) {
    for (const auto& entity : list->entities) {
      if (entity.names.empty() || entity.listings.empty()) __builtin_trap();
    }
  }
  return 0;
}
