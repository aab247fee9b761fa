// `redflag compare`: the score of one name pair, or of a batch of pairs (CSV/JSONL in, JSONL out).
// Token weights come from the active lists when there are any (rare tokens count more), else
// every token weighs the same.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/batch.h"
#include "core/json_text.h"
#include "match/hit_json.h"

namespace redflag::cli {
namespace {

struct CompareArgs {
  std::string name1;
  std::string name2;
  std::string type;
  bool json = false;
  std::string input;
  std::string output;
  double threshold = match::kDefaultThreshold;
  unsigned threads = 0;
  std::string format = "auto";
  bool strict = false;
};

core::EntityType TypeOf(const std::string& schema) {
  return schema.empty() ? core::EntityType::kUnknown : core::ParseEntityType(schema);
}

int RunBatchCompare(const GlobalOptions& global, const CompareArgs& args,
                    const index::Snapshot* weights) {
  if (args.output.empty()) {
    return ReportError(
        core::MakeError(core::ErrorCode::kInvalidArgument, "--input needs --output FILE.jsonl"));
  }
  auto format = ParseBatchFormat(args.format);
  if (!format) return ReportError(format.error());
  const BatchErrors errors = args.strict ? BatchErrors::kStop : BatchErrors::kPerRow;
  auto input = ReadBatchInput(args.input, {"pair_id", "name1", "name2"},
                              {.format = *format, .errors = errors});
  if (!input) return ReportError(input.error());
  const int id_col = input->Column("pair_id");
  const int name1_col = input->Column("name1");
  const int name2_col = input->Column("name2");
  const int schema_col = input->Column("schema");
  const RowProcessor process = [&](std::size_t row_idx, RowOutcome& outcome) {
    nlohmann::json out;
    out["pair_id"] = std::string(input->Cell(row_idx, id_col));
    auto result = match::CompareNames(input->Cell(row_idx, name1_col),
                                      input->Cell(row_idx, name2_col),
                                      TypeOf(std::string(input->Cell(row_idx, schema_col))),
                                      weights);
    if (result) {
      out["score"] = match::RoundScore(result->score);
      out["match"] = result->score >= args.threshold;
    } else {
      outcome.failed = true;
      outcome.error = result.error().ToString();
      out["score"] = 0.0;
      out["match"] = false;
      out["error"] = {{"code", std::string(core::ErrorCodeName(result.error().code))},
                      {"message", result.error().message},
                      {"line", input->Line(row_idx)}};
    }
    return core::JsonText(out);
  };
  auto stats = RunBatch(*input, args.output,
                        BatchOptions{.id_column = "pair_id",
                                     .threads = args.threads,
                                     .progress = !global.quiet,
                                     .what = "pairs",
                                     .errors = errors},
                        process);
  if (!stats) return ReportError(stats.error());
  if (!global.quiet) {
    std::cerr << fmt::format("compared {} in {:.2f} s", Count(stats->processed, "pair"),
                             stats->seconds);
    if (stats->skipped > 0) {
      std::cerr << fmt::format("; {} already done in an earlier run", stats->skipped);
    }
    std::cerr << "\n";
  }
  return ReportRowErrors(*stats, args.output);
}

void PrintReadable(const match::CompareResult& result, double threshold) {
  const bool is_match = result.score >= threshold;
  std::cout << fmt::format("{:.3f}  {} (threshold {:.2f})\n", result.score,
                           is_match ? "match" : "no match", threshold);
  for (const match::TokenAlignment& token : result.explanation.tokens) {
    if (token.how == "unmatched") {
      std::cout << fmt::format("  unmatched: {}{}\n", token.query_token, token.candidate_token);
    } else {
      std::cout << fmt::format("  {} ~ {}  {:.2f} ({})\n", token.query_token,
                               token.candidate_token, token.similarity, token.how);
    }
  }
  if (!result.explanation.legal_forms.empty()) {
    std::cout << "  legal forms: " << result.explanation.legal_forms << "\n";
  }
}

int RunCompare(const GlobalOptions& global, const CompareArgs& args) {
  // Weights are optional: without imported lists the comparison still works, less sharply.
  auto engine = OpenEngine(global, {.unscreened_lists = false});
  const auto data = engine ? (*engine)->Current() : nullptr;
  const index::Snapshot* weights = data ? data->snapshot.get() : nullptr;
  if (!data && !global.quiet) {
    std::cerr << "redflag: note: no lists imported, so every token weighs the same\n";
  }
  if (!args.input.empty()) return RunBatchCompare(global, args, weights);
  if (args.name1.empty() || args.name2.empty()) {
    return ReportError(
        core::MakeError(core::ErrorCode::kInvalidArgument, "give two names, or --input FILE"));
  }
  auto result = match::CompareNames(args.name1, args.name2, TypeOf(args.type), weights);
  if (!result) return ReportError(result.error());
  if (args.json) {
    std::cout << core::JsonText(
                     match::CompareResultToJson(args.name1, args.name2, *result, args.threshold), 2)
              << "\n";
  } else {
    PrintReadable(*result, args.threshold);
  }
  return kExitOk;
}

}  // namespace

void RegisterCompareCommand(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* compare = app.add_subcommand(
      "compare",
      "Score how likely two names name the same party.\n"
      "  redflag compare \"Hangzhou Hikvision Digital Technology\" \"HIK-VISION DIGITAL TECH CO LTD\"\n"
      "  redflag compare --input pairs.csv --output scores.jsonl   (columns pair_id,name1,name2[,schema])");
  compare->add_option("name1", args->name1, "First name");
  compare->add_option("name2", args->name2, "Second name");
  compare->add_option("--type", args->type, "person|organization|vessel|aircraft");
  compare->add_flag("--json", args->json, "Print JSON with the explanation");
  compare->add_option("--input", args->input, "Batch input CSV/JSONL: pair_id,name1,name2[,schema]");
  compare->add_option("--output", args->output, "Batch output JSON lines");
  compare->add_option("--threshold", args->threshold, "Match threshold (default 0.80)")
      ->check(CLI::Range(0.0, 1.0));
  compare->add_option("--threads", args->threads, "Batch: worker threads (default: all cores)");
  compare->add_option("--format", args->format, "Batch input format: csv, jsonl or auto (default)")
      ->check(CLI::IsMember({"auto", "csv", "jsonl", "ndjson"}));
  compare->add_flag("--strict", args->strict,
                    "Batch: stop at the first bad row (default: report it, go on, exit 1)");
  compare->callback([&global, &exit_code, args]() { exit_code = RunCompare(global, *args); });
}

}  // namespace redflag::cli
