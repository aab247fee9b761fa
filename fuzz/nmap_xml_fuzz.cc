// libFuzzer target: arbitrary bytes into devices::ParseNmapXml (and format detection, merging and the
// HTML escaper over what it returns). Any crash, sanitizer report, hang or escaping exception is
// a bug. Every observation must carry its source and a MAC that is empty or 12 upper-case hex
// digits; an error must name the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "devices/inventory.h"
#include "report/report.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace redflag;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)devices::Detect(input, "scan.xml");
  auto parsed = devices::ParseNmapXml(input, "scan.xml");
  if (!parsed) {
    if (parsed.error().where.file != "scan.xml") std::abort();
    return 0;
  }
  for (const devices::Observation& seen : *parsed) {
    if (seen.source.empty()) std::abort();
    if (!seen.mac.empty() && seen.mac.size() != 12) std::abort();
    for (const char ch : seen.mac) {
      if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'F'))) std::abort();
    }
    const std::string escaped = report::Html(seen.manufacturer + seen.model + seen.hostname);
    if (escaped.find('<') != std::string::npos) std::abort();
  }
  const auto devices = devices::Merge(*parsed);
  if (devices.size() > parsed->size()) std::abort();
  return 0;
}
