// libFuzzer target: arbitrary bytes into the ca_sema parser's in-memory entry point. Any crash,
// sanitizer report, hang or exception escaping is a bug. Every entity must have an id with the
// list prefix, a listing, and (when it has names) a primary name first.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sources/canada/ca_sema.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parsed = redflag::sources::ParseCaSemaBuffer(input, "sema-lmes.xml", "ca_sema");
  if (!parsed) return 0;
  for (const redflag::core::Entity& entity : parsed->entities) {
    if (entity.id.rfind("ca_sema:", 0) != 0 || entity.listings.empty()) std::abort();
    if (!entity.names.empty() && entity.names.front().kind != redflag::core::NameKind::kPrimary) {
      std::abort();
    }
  }
  return 0;
}
