// `redflag holdings check FILE [--as-of DATE] [--format json|csv|html]`: every position of a
// portfolio against the active lists (NS-CMIC dates, SDN issuers, name matches), with a summary
// per fund (docs/holdings_devices.md). Exit codes as app.h: 2 bad file or option (naming file,
// line and column), 3 a broken rule file, 4 no lists imported.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/app.h"
#include "holdings/checker.h"
#include "holdings/holdings.h"
#include "holdings/holdings_report.h"
#include "holdings/holdings_rules.h"

namespace redflag::cli {
namespace {

struct HoldingsArgs {
  std::string file;
  std::string as_of;
  std::string format = "json";
  std::string rules_file;
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

core::Result<core::PartialDate> AsOf(const std::string& text) {
  if (text.empty()) return core::Today();
  const auto date = core::ParseDate(text);
  if (!date || !date->full() || text.size() != 10 || text[4] != '-') {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("\"{}\" is not a calendar date (expected YYYY-MM-DD)", text),
                           core::Location{.field = "--as-of"});
  }
  return *date;
}

int Run(const GlobalOptions& global, const HoldingsArgs& args) {
  auto as_of = AsOf(args.as_of);
  if (!as_of) return ReportError(as_of.error());
  auto text = ReadFile(args.file);
  if (!text) return ReportError(text.error());
  auto holdings = holdings::ParseHoldingsCsv(*text, args.file);
  if (!holdings) {
    core::Error error = holdings.error();
    error.code = core::ErrorCode::kInvalidArgument;  // the caller's file, not our data
    return ReportError(error);
  }
  auto rules = holdings::LoadHoldingsRules(args.rules_file.empty()
                                               ? holdings::DefaultHoldingsRulesFile()
                                               : std::filesystem::path(args.rules_file));
  if (!rules) return ReportError(rules.error());
  auto engine = OpenEngine(global, {.unscreened_lists = false});
  if (!engine) return ReportError(engine.error());
  const holdings::Checker checker((*engine)->Current()->snapshot, std::move(*rules));
  auto report = checker.Check(std::move(*holdings), *as_of, args.file);
  if (!report) return ReportError(report.error());
  if (args.format == "csv") {
    std::cout << holdings::ReportToCsv(*report);
  } else if (args.format == "html") {
    std::cout << holdings::ReportToHtml(*report);
  } else {
    std::cout << holdings::ReportToJson(*report);
  }
  return 0;
}

}  // namespace

void RegisterHoldingsCommand(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<HoldingsArgs>();
  CLI::App* holdings = app.add_subcommand(
      "holdings", "Portfolio holdings against the lists (NS-CMIC dates, SDN issuers).");
  holdings->require_subcommand(1);
  CLI::App* check = holdings->add_subcommand(
      "check",
      "Outcome of every holding as of a date: blocked, prohibited_purchase, must_not_hold, "
      "divest_by DATE, review or clear, with the list entry and citation; a summary per fund.\n"
      "  redflag holdings check holdings.csv --as-of 2022-01-10 --format html > report.html\n"
      "Columns: fund,isin,ticker,issuer_name,quantity,market_value,acquisition_date "
      "(optional: exchange,cusip,sedol). See docs/holdings_devices.md.");
  check->add_option("file", args->file, "Holdings CSV")->required();
  check->add_option("--as-of", args->as_of, "Evaluate on this date (YYYY-MM-DD; default today)");
  check->add_option("--format", args->format, "json (default), csv or html")
      ->check(CLI::IsMember({"json", "csv", "html"}));
  check->add_option("--rules", args->rules_file,
                    "Holdings rule file (default data/holdings/holdings_rules.json)");
  check->callback([&global, &exit_code, args]() { exit_code = Run(global, *args); });
}

}  // namespace redflag::cli
