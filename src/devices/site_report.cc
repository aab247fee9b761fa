#include "devices/site_report.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace redflag::devices {
namespace {

using report::Html;

constexpr std::array<DeviceClass, 4> kClasses = {DeviceClass::kCovered, DeviceClass::kLookAlike,
                                                 DeviceClass::kUnknown, DeviceClass::kNotCovered};

const char* Color(DeviceClass cls) {
  switch (cls) {
    case DeviceClass::kCovered: return "#b00020";
    case DeviceClass::kLookAlike: return "#e8a400";
    case DeviceClass::kUnknown: return "#6f7c91";
    case DeviceClass::kNotCovered: return "#2b8a3e";
  }
  return "#000";
}

// Confidence is about a covered company: empty for devices that resemble none.
std::string Confidence(const DeviceResult& result) {
  return result.device_class == DeviceClass::kCovered
             ? std::string(rules::ConfidenceName(result.confidence))
             : std::string();
}

std::array<std::size_t, 4> CountByClass(const SiteReport& report) {
  std::array<std::size_t, 4> counts{};
  for (const DeviceResult& result : report.results) {
    ++counts[static_cast<std::size_t>(result.device_class)];
  }
  return counts;
}

}  // namespace

core::Result<SiteReport> BuildSiteReport(const Identifier& identifier, std::vector<Device> devices,
                                         core::PartialDate as_of, std::vector<std::string> files) {
  SiteReport report;
  report.as_of = as_of;
  report.files = std::move(files);
  report.mac_registry = identifier.has_mac_registry();
  report.devices = std::move(devices);
  report.results.reserve(report.devices.size());
  for (const Device& device : report.devices) {
    auto result = identifier.Identify(device, as_of);
    if (!result) {
      core::Error error = result.error();
      error.message = fmt::format("device from {}: {}",
                                  device.sources.empty() ? "?" : device.sources.front(),
                                  error.message);
      return error;
    }
    report.results.push_back(std::move(*result));
  }
  return report;
}

std::string SiteReportToJson(const SiteReport& report) {
  nlohmann::json devices = nlohmann::json::array();
  for (std::size_t idx = 0; idx < report.devices.size(); ++idx) {
    const Device& d = report.devices[idx];
    const DeviceResult& r = report.results[idx];
    nlohmann::json evidence = nlohmann::json::array();
    for (const Evidence& e : r.evidence) {
      evidence.push_back({{"signal", SignalName(e.signal)},
                          {"company", e.company},
                          {"confidence", rules::ConfidenceName(e.confidence)},
                          {"text", e.text}});
    }
    devices.push_back({{"ip", d.ip}, {"mac", d.mac}, {"subnet", SubnetOf(d.ip)},
                       {"manufacturer", d.manufacturer}, {"model", d.model},
                       {"firmware", d.firmware}, {"serial", d.serial}, {"hostname", d.hostname},
                       {"mac_registrant", r.mac_registrant},
                       {"class", DeviceClassName(r.device_class)}, {"company", r.company},
                       {"confidence", Confidence(r)},
                       {"outcome", rules::EffectName(r.outcome)}, {"meaning", r.meaning},
                       {"citation", r.citation}, {"evidence", std::move(evidence)},
                       {"sources", d.sources}});
  }
  nlohmann::json counts = nlohmann::json::object();
  const auto by_class = CountByClass(report);
  for (const DeviceClass cls : kClasses) {
    counts[std::string(DeviceClassName(cls))] = by_class[static_cast<std::size_t>(cls)];
  }
  const nlohmann::json out = {{"as_of", report.as_of.ToString()}, {"files", report.files},
                              {"mac_registry", report.mac_registry}, {"counts", counts},
                              {"devices", std::move(devices)}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string SiteReportToCsv(const SiteReport& report) {
  std::string out = report::CsvRow({"ip", "mac", "subnet", "manufacturer", "model", "serial",
                                    "mac_registrant", "class", "company", "confidence", "outcome",
                                    "evidence", "meaning", "citation"});
  for (std::size_t idx = 0; idx < report.devices.size(); ++idx) {
    const Device& d = report.devices[idx];
    const DeviceResult& r = report.results[idx];
    std::string evidence;
    for (const Evidence& e : r.evidence) {
      evidence += (evidence.empty() ? "" : " | ") + e.text;
    }
    out += report::CsvRow({d.ip, d.mac, SubnetOf(d.ip), d.manufacturer, d.model, d.serial,
                           r.mac_registrant, std::string(DeviceClassName(r.device_class)),
                           r.company, Confidence(r),
                           std::string(rules::EffectName(r.outcome)), evidence, r.meaning,
                           r.citation});
  }
  return out;
}

std::string SiteReportToHtml(const SiteReport& report) {
  const auto counts = CountByClass(report);
  std::vector<report::Bar> bars;
  for (const DeviceClass cls : kClasses) {
    const std::size_t count = counts[static_cast<std::size_t>(cls)];
    bars.push_back({std::string(DeviceClassName(cls)), static_cast<double>(count),
                    fmt::format("{} devices", count), Color(cls)});
  }
  std::map<std::string, std::vector<std::size_t>> subnets;
  for (std::size_t idx = 0; idx < report.devices.size(); ++idx) {
    subnets[SubnetOf(report.devices[idx].ip)].push_back(idx);
  }
  std::string body = fmt::format(
      "<h1>NDAA section 889 site report as of {}</h1>\n<p>Inputs: {}. {} devices.{}</p>\n",
      Html(report.as_of.ToString()), Html(fmt::format("{}", fmt::join(report.files, ", "))),
      report.devices.size(),
      report.mac_registry ? "" : " <b>The IEEE MAC registry is not imported: MACs were not "
                                 "looked up.</b>");
  body += report::SvgBarChart("Devices by class", bars);
  for (const auto& [subnet, members] : subnets) {
    std::string rows;
    std::size_t clear = 0;
    for (const std::size_t idx : members) {
      const Device& d = report.devices[idx];
      const DeviceResult& r = report.results[idx];
      if (r.device_class == DeviceClass::kNotCovered) {
        ++clear;
        continue;
      }
      std::string evidence;
      for (const Evidence& e : r.evidence) evidence += "<li>" + Html(e.text) + "</li>";
      rows += fmt::format(
          "<tr><td>{}<br>{}</td><td>{}<br>{}</td><td class=\"o-{}\">{}<br>{} {}</td><td>{}</td>"
          "<td><ul>{}</ul></td><td>{}<br><i>{}</i></td></tr>\n",
          Html(d.ip), Html(d.mac), Html(d.manufacturer), Html(d.model),
          rules::EffectName(r.outcome), Html(DeviceClassName(r.device_class)), Html(r.company),
          r.device_class == DeviceClass::kCovered ? "(" + Confidence(r) + ")" : std::string(),
          rules::EffectName(r.outcome), evidence,
          Html(r.meaning), Html(r.citation));
    }
    body += fmt::format("<h2>Subnet {}</h2>\n<p>{} devices; {} not covered (not listed).</p>\n",
                        Html(subnet), members.size(), clear);
    if (!rows.empty()) {
      body += "<table><tr><th>IP / MAC</th><th>manufacturer / model</th><th>class</th>"
              "<th>outcome</th><th>evidence</th><th>what it means / citation</th></tr>\n" +
              rows + "</table>\n";
    }
  }
  return report::HtmlPage("Section 889 site report " + report.as_of.ToString(), body);
}

}  // namespace redflag::devices
