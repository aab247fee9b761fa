// `redflag pay check <message> [--as-of YYYY-MM-DD] [--format json|text]`: screens one payment
// message (ISO 20022 pacs.008/pacs.009/pain.001 XML, SWIFT MT103/MT202/MT202 COV) and prints
// the decision with its message id (docs/payments.md). A bad message exits 2 naming the element
// or field; no imported lists exits 4.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/app.h"
#include "core/quote.h"
#include "payments/checker.h"
#include "payments/message.h"
#include "rules/rule_set.h"

namespace redflag::cli {
namespace {

struct PayArgs {
  std::string message;
  std::string as_of;
  std::string format = "json";
  std::string rules_dir;
};

core::Result<std::string> ReadMessage(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::MakeError(core::ErrorCode::kNotFound, "cannot open the payment message",
                           core::Location{.file = path});
  }
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

core::Result<std::optional<core::PartialDate>> AsOf(const std::string& text) {
  if (text.empty()) return std::optional<core::PartialDate>();
  const auto date = core::ParseDate(text);
  if (!date || !date->full() || text.size() != 10 || text[4] != '-') {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        fmt::format("{} is not a calendar date (expected YYYY-MM-DD)", core::Quote(text)),
        core::Location{.field = "--as-of"});
  }
  return std::optional<core::PartialDate>(*date);
}

void PrintText(const payments::PaymentResult& result) {
  std::cout << fmt::format("Message {} ({}), {} {} on {}\n", result.message.message_id,
                           result.message.format, result.message.amount, result.message.currency,
                           result.message.date.ToString());
  for (const payments::PaymentParty& party : result.message.parties) {
    std::cout << fmt::format("  {:<18} {:<40} {:<11} {:<2} [{}]\n", rules::RoleName(party.role),
                             party.name.empty() ? "-" : party.name, party.bic, party.country,
                             party.source);
  }
  for (const payments::TextHit& hit : result.text_hits) {
    std::cout << fmt::format("  free text {}: \"{}\" ~ {} ({:.2f})\n", hit.source, hit.window,
                             hit.hit.name, hit.hit.score);
  }
  std::cout << "\n" << rules::DecisionToText(result.decision);
}

int Run(const GlobalOptions& global, const PayArgs& args) {
  auto as_of = AsOf(args.as_of);
  if (!as_of) return ReportError(as_of.error());
  auto bytes = ReadMessage(args.message);
  if (!bytes) return ReportError(bytes.error());
  auto message = payments::ParsePaymentMessage(*bytes, args.message);
  if (!message) return ReportError(message.error());
  auto rule_set = rules::LoadRuleSet(
      args.rules_dir.empty() ? rules::DefaultRulesDir() : std::filesystem::path(args.rules_dir));
  if (!rule_set) {
    core::Error error = rule_set.error();
    // A broken rule file is a data problem of the installation, not of the caller's input.
    if (error.code == core::ErrorCode::kInvalidArgument) error.code = core::ErrorCode::kValidation;
    return ReportError(error);
  }
  auto engine = OpenEngine(global, {.unscreened_lists = false});
  if (!engine) return ReportError(engine.error());
  const auto data = (*engine)->Current();
  auto checker =
      payments::PaymentChecker::Make(std::move(*rule_set), data->snapshot, {}, data->screener);
  if (!checker) return ReportError(checker.error());
  auto result = (*checker)->Check(std::move(*message), *as_of);
  if (!result) {
    core::Error error = result.error();
    if (error.where.file.empty()) error.where.file = args.message;
    return ReportError(error);
  }
  if (args.format == "text") {
    PrintText(*result);
  } else {
    std::cout << payments::PaymentResultToJson(*result) << "\n";
  }
  return kExitOk;
}

}  // namespace

void RegisterPayCommands(CLI::App& app, GlobalOptions& global, int& exit_code) {
  CLI::App* pay = app.add_subcommand(
      "pay", "Payments: screen payment messages (ISO 20022, SWIFT MT) and decide hold or release.");
  pay->require_subcommand(1);
  auto args = std::make_shared<PayArgs>();
  CLI::App* check = pay->add_subcommand(
      "check",
      "Screen one payment message: every party and agent (by name and BIC) and its free text, "
      "then decide blocked (hold and report), review or clear.\n"
      "  redflag pay check pacs008.xml\n"
      "  redflag pay check mt103.txt --format text\n"
      "Formats: pacs.008, pacs.009, pain.001 (XML); MT103, MT202, MT202 COV. See "
      "docs/payments.md.");
  check->add_option("message", args->message, "Payment message file ('-' = stdin)")->required();
  check->add_option("--as-of", args->as_of,
                    "Evaluate the rules on this date (YYYY-MM-DD) instead of the message's");
  check->add_option("--format", args->format, "json (default) or text")
      ->check(CLI::IsMember({"json", "text"}));
  check->add_option("--rules", args->rules_dir,
                    "Rule files directory (default: $REDFLAG_RULES_DIR, else data/rules)");
  check->callback([&global, &exit_code, args]() { exit_code = Run(global, *args); });
}

}  // namespace redflag::cli
