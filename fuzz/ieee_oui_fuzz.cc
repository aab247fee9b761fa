// libFuzzer target: arbitrary bytes into the ieee_oui parser's in-memory entry point. Any crash,
// sanitizer report, hang or exception escaping is a bug. Every entity must have an id with the
// list prefix, a listing, and (when it has names) a primary name first.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sources/ieee/ieee_oui.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parsed = redflag::sources::ParseIeeeOuiBuffer(input, "oui.csv", "ieee_oui");
  // NormalizeMac gives 12 uppercase hex digits or an error; Lookup agrees with it.
  auto mac = redflag::sources::NormalizeMac(input);
  if (mac) {
    if (mac->size() != 12) std::abort();
    for (const char ch : *mac) {
      if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'F'))) std::abort();
    }
  }
  if (!parsed) return 0;
  for (const redflag::core::Entity& entity : parsed->entities) {
    if (entity.id.rfind("ieee_oui:", 0) != 0 || entity.listings.empty()) std::abort();
    if (entity.identifiers.empty() || entity.identifiers.front().value.size() > 9) std::abort();
    if (!entity.names.empty() && entity.names.front().kind != redflag::core::NameKind::kPrimary) {
      std::abort();
    }
  }
  const auto registry = redflag::sources::MacRegistry::FromEntities(parsed->entities);
  if (registry.Lookup(input).has_value() != mac.has_value()) std::abort();
  for (const redflag::core::Entity& entity : parsed->entities) {
    // Every assignment must find an entity, at least its own prefix length.
    const std::string& prefix = entity.identifiers.front().value;
    auto hit = registry.Lookup(prefix + std::string(12 - prefix.size(), '0'));
    if (!hit || *hit == nullptr) std::abort();
  }
  return 0;
}
