// `redflag decide <transaction.json> [--as-of YYYY-MM-DD] [--format json|text]`: what the hits
// mean for one transaction on one date (docs/rules.md). JSON on stdout by default; an invalid
// transaction exits 2 naming the field; no imported lists exits 4 telling the user to import.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/app.h"
#include "rules/decision.h"
#include "rules/transaction.h"

namespace redflag::cli {
namespace {

struct DecideArgs {
  std::string transaction;
  std::string as_of;
  std::string format = "json";
  std::string rules_dir;
};

core::Result<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::MakeError(core::ErrorCode::kNotFound, "cannot open the transaction file",
                           core::Location{.file = path});
  }
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

int Run(const GlobalOptions& global, const DecideArgs& args) {
  std::optional<core::PartialDate> as_of;
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
  auto text = ReadInput(args.transaction);
  if (!text) return ReportError(text.error());
  auto transaction = rules::ParseTransaction(*text);
  if (!transaction) {
    core::Error error = transaction.error();
    if (error.where.file.empty()) error.where.file = args.transaction;
    return ReportError(error);
  }
  // Rules load before the lists: a broken rule file is reported even when none is imported.
  auto engine = OpenEngine(global, {.decider = true, .rules_dir = args.rules_dir});
  if (!engine) return ReportError(engine.error());
  const auto data = (*engine)->Current();
  auto decision = data->decider->Decide(*transaction, as_of);
  if (!decision) {
    core::Error error = decision.error();
    if (error.where.file.empty()) error.where.file = args.transaction;
    return ReportError(error);
  }
  if (args.format == "text") {
    std::cout << rules::DecisionToText(*decision);
  } else {
    std::cout << rules::DecisionToJson(*decision) << "\n";
  }
  return 0;
}

}  // namespace

void RegisterDecideCommand(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<DecideArgs>();
  CLI::App* decide = app.add_subcommand(
      "decide",
      "Decide what the lists mean for a transaction on its date: clear, review, "
      "license_required, prohibited or blocked, with the rule and citation behind it.\n"
      "  redflag decide transaction.json\n"
      "  redflag decide transaction.json --as-of 2019-10-10 --format text\n"
      "Transaction format: docs/architecture.md (\"Transaction\"); rules: docs/rules.md.");
  decide->add_option("transaction", args->transaction, "Transaction JSON file ('-' = stdin)")
      ->required();
  decide->add_option("--as-of", args->as_of,
                     "Evaluate the rules on this date (YYYY-MM-DD) instead of the transaction's");
  decide->add_option("--format", args->format, "json (default) or text")
      ->check(CLI::IsMember({"json", "text"}));
  decide->add_option("--rules", args->rules_dir,
                     "Rule files directory (default: $REDFLAG_RULES_DIR, else data/rules)");
  decide->callback([&global, &exit_code, args]() { exit_code = Run(global, *args); });
}

}  // namespace redflag::cli
