// The checks every inventory-parser fuzz target (fuzz/*_fuzz.cc for nmap, leases, neighbours,
// ONVIF, device CSV) runs on what its parser returns for arbitrary bytes. Any crash, sanitizer
// report, hang or escaping exception is a bug too. Checked: format detection never crashes; an
// error names the file; every observation carries its source and a MAC that is empty or 12
// upper-case hex digits; the HTML escaper leaves no '<'; merging never adds devices.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "devices/inventory.h"
#include "report/report.h"

namespace redflag::fuzz {

using InventoryParser = core::Result<std::vector<devices::Observation>> (*)(std::string_view,
                                                                            std::string_view);

inline int CheckInventoryParser(std::string_view input, std::string_view file,
                                InventoryParser parse) {
  (void)devices::Detect(input, file);
  auto parsed = parse(input, file);
  if (!parsed) {
    if (parsed.error().where.file != file) std::abort();
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
  if (devices::Merge(*parsed).size() > parsed->size()) std::abort();
  return 0;
}

}  // namespace redflag::fuzz
