// Fuzzes the `lists update` configuration reader: any bytes give sources or an Error, never a
// crash; accepted sources only ever name https/file URLs and plain file names.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/updater.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  auto sources = redflag::ingest::ParseUpdateConfig(json, "fuzz.json");
  if (!sources) return 0;
  for (const auto& source : *sources) {
    if (source.list_id.empty() || source.files.empty()) std::abort();
    for (const auto& file : source.files) {
      if (file.url.rfind("https://", 0) != 0 && file.url.rfind("file://", 0) != 0) std::abort();
      if (file.name.find('/') != std::string_view::npos || file.name == "..") std::abort();
    }
  }
  return 0;
}
