// `redflag devices check FILE... [--as-of DATE] [--format json|csv|html]`: the NDAA section 889
// site report over inventory files the site's own tools produced (docs/holdings_devices.md).
// Loads only the IEEE MAC registry from the store (not the sanctions index). Exit codes as
// app.h: 2 a bad inventory file or option (naming file and line or element), 3 a broken table.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/app.h"
#include "devices/identify.h"
#include "devices/inventory.h"
#include "devices/site_report.h"
#include "devices/tables.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace redflag::cli {
namespace {

struct DevicesArgs {
  std::vector<std::string> files;
  std::string as_of;
  std::string format = "json";
  std::string rules_dir;
  std::string tables_dir;
};

core::Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::MakeError(core::ErrorCode::kNotFound, "cannot open the file",
                           core::Location{.file = path});
  }
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// The active ieee_oui version's entities; empty (with a note on stderr) when never imported.
core::Result<std::vector<core::Entity>> LoadMacRegistry(const GlobalOptions& global) {
  auto store = store::Store::Open(ResolveDataDir(global));
  if (!store) return store.error();
  auto versions = (*store)->ActiveVersions();
  if (!versions) return versions.error();
  for (const store::ListVersion& version : *versions) {
    if (version.list_id == "ieee_oui") return (*store)->LoadEntities(version.version_id);
  }
  if (!global.quiet) {
    std::cerr << "redflag: note: the IEEE MAC registry is not imported; MAC prefixes are not "
                 "looked up (redflag lists import .../ieee-oui)\n";
  }
  return std::vector<core::Entity>();
}

int Run(const GlobalOptions& global, const DevicesArgs& args) {
  core::PartialDate as_of = core::Today();
  if (!args.as_of.empty()) {
    const auto date = core::ParseDate(args.as_of);
    if (!date || !date->full() || args.as_of.size() != 10 || args.as_of[4] != '-') {
      return ReportError(core::MakeError(
          core::ErrorCode::kInvalidArgument,
          fmt::format("\"{}\" is not a calendar date (expected YYYY-MM-DD)", args.as_of),
          core::Location{.field = "--as-of"}));
    }
    as_of = *date;
  }
  std::vector<devices::Observation> observations;
  for (const std::string& file : args.files) {
    auto text = ReadFile(file);
    if (!text) return ReportError(text.error());
    auto parsed = devices::ParseInventory(*text, file);
    if (!parsed) {
      core::Error error = parsed.error();
      error.code = core::ErrorCode::kInvalidArgument;  // the caller's file, not our data
      return ReportError(error);
    }
    observations.insert(observations.end(), parsed->begin(), parsed->end());
  }
  auto rule_set = rules::LoadRuleSet(args.rules_dir.empty() ? rules::DefaultRulesDir()
                                                             : std::filesystem::path(args.rules_dir));
  if (!rule_set) {
    core::Error error = rule_set.error();
    error.code = core::ErrorCode::kValidation;
    return ReportError(error);
  }
  auto tables = devices::LoadDeviceTables(args.tables_dir.empty()
                                              ? devices::DefaultDeviceTablesDir()
                                              : std::filesystem::path(args.tables_dir));
  if (!tables) return ReportError(tables.error());
  auto registry = LoadMacRegistry(global);
  if (!registry) return ReportError(registry.error());
  const devices::Identifier identifier(*rule_set, std::move(*tables), *registry);
  auto report = devices::BuildSiteReport(identifier, devices::Merge(observations), as_of,
                                         args.files);
  if (!report) return ReportError(report.error());
  if (args.format == "csv") {
    std::cout << devices::SiteReportToCsv(*report);
  } else if (args.format == "html") {
    std::cout << devices::SiteReportToHtml(*report);
  } else {
    std::cout << devices::SiteReportToJson(*report);
  }
  return 0;
}

}  // namespace

void RegisterDevicesCommand(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<DevicesArgs>();
  CLI::App* devices = app.add_subcommand(
      "devices", "Device inventories against NDAA section 889 (Huawei, ZTE, Hytera, Hikvision, "
                 "Dahua and their brands).");
  devices->require_subcommand(1);
  CLI::App* check = devices->add_subcommand(
      "check",
      "Section 889 site report: each device's maker from its MAC prefix, ONVIF manufacturer, "
      "model number and brand, with confidence and evidence; covered, look_alike, unknown or "
      "not_covered, and what it means on the date.\n"
      "  redflag devices check scan.xml onvif.xml --as-of 2021-03-01 --format html > site.html\n"
      "Inputs (detected): nmap -oX XML, ISC dhcpd leases, dnsmasq leases, `ip neigh` / `arp -an` "
      "output, ONVIF GetDeviceInformation XML, CSV ip,mac,manufacturer,model,serial. Records of "
      "the same device (same MAC, else same IP) in several files are joined.");
  check->add_option("file", args->files, "Inventory files")->required();
  check->add_option("--as-of", args->as_of, "Evaluate on this date (YYYY-MM-DD; default today)");
  check->add_option("--format", args->format, "json (default), csv or html")
      ->check(CLI::IsMember({"json", "csv", "html"}));
  check->add_option("--rules", args->rules_dir,
                    "Rule files directory (default: $REDFLAG_RULES_DIR, else data/rules)");
  check->add_option("--tables", args->tables_dir, "Device tables directory (default data/devices)");
  check->callback([&global, &exit_code, args]() { exit_code = Run(global, *args); });
}

}  // namespace redflag::cli
