// The section 889 site report over an inventory: JSON and CSV for systems, HTML (a table per
// subnet, a bar chart of devices by class) for the integrator and the contracting officer.
// Every device is in JSON/CSV; the HTML lists covered, look-alike and unknown devices and counts
// the others per subnet. All text is escaped. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "devices/identify.h"
#include "devices/inventory.h"

namespace redflag::devices {

struct SiteReport {
  core::PartialDate as_of;
  std::vector<std::string> files;
  bool mac_registry = false;  // false: MACs could not be looked up (registry not imported)
  std::vector<Device> devices;
  std::vector<DeviceResult> results;  // one per device, same order
};

// Identifies every device (manufacturer strings screened once each).
core::Result<SiteReport> BuildSiteReport(const Identifier& identifier, std::vector<Device> devices,
                                         core::PartialDate as_of, std::vector<std::string> files);

std::string SiteReportToJson(const SiteReport& report);
std::string SiteReportToCsv(const SiteReport& report);
std::string SiteReportToHtml(const SiteReport& report);

}  // namespace redflag::devices
