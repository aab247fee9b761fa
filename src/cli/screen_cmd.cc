// `redflag screen`: one name (readable or --json) or a batch file (CSV/JSONL in, JSONL out).
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/batch.h"
#include "cli/query_parse.h"
#include "core/json_text.h"
#include "match/hit_json.h"

namespace redflag::cli {
namespace {

struct ScreenArgs {
  QueryFields fields;
  bool json = false;
  std::string input;
  std::string output;
  double threshold = match::kDefaultThreshold;
  std::size_t limit = 10;
  bool explain = false;
  unsigned threads = 0;
  std::string format = "auto";
  bool strict = false;
};

void PrintReadable(const std::string& name, const std::vector<match::Hit>& hits,
                   double threshold) {
  if (hits.empty()) {
    std::cout << fmt::format("No listed party scores {:.2f} or more for \"{}\".\n", threshold,
                             name);
    return;
  }
  std::cout << fmt::format("{} hit{} for \"{}\" (alert threshold {:.2f}):\n", hits.size(),
                           hits.size() == 1 ? "" : "s", name, threshold);
  int rank = 0;
  for (const match::Hit& hit : hits) {
    ++rank;
    std::cout << fmt::format("\n{:2}. {:.3f}  {}  [{}]\n", rank, hit.score,
                             hit.entity->primary_name(), hit.entity->id);
    std::cout << fmt::format("    type {}; matched {} \"{}\"\n",
                             core::EntityTypeName(hit.entity->type),
                             core::NameKindName(hit.explanation.matched_kind),
                             hit.explanation.matched_name);
    for (const std::string& list : hit.lists) std::cout << "    list: " << list << "\n";
    if (hit.same_party.size() > 1) {
      std::string ids;
      for (std::size_t idx = 1; idx < hit.same_party.size(); ++idx) {
        ids += (ids.empty() ? "" : ", ") + hit.same_party[idx]->id;
      }
      std::cout << "    same party: " << ids << "\n";
    }
    std::string alignment;
    for (const match::TokenAlignment& token : hit.explanation.tokens) {
      if (!alignment.empty()) alignment += "; ";
      if (token.how == "unmatched") {
        alignment += token.query_token.empty() ? "(listed) " + token.candidate_token + " unmatched"
                                               : "(query) " + token.query_token + " unmatched";
      } else {
        alignment += fmt::format("{} ~ {} {:.2f} {}", token.query_token, token.candidate_token,
                                 token.similarity, token.how);
      }
    }
    std::cout << "    tokens: " << alignment << "\n";
    for (const match::Adjustment& adjustment : hit.explanation.adjustments) {
      std::cout << fmt::format("    {:+.2f} {}\n", adjustment.delta, adjustment.what);
    }
  }
}

int RunSingle(const GlobalOptions& global, const ScreenArgs& args) {
  auto query = ParseQuery(args.fields);
  if (!query) return ReportError(query.error());
  auto engine = OpenEngine(global, {.unscreened_lists = false});
  if (!engine) return ReportError(engine.error());
  const auto data = (*engine)->Current();
  const match::ScreenOptions options{.threshold = args.threshold, .limit = args.limit};
  auto hits = data->screener->Screen(*query, options);
  if (!hits) return ReportError(hits.error());
  if (args.json) {
    std::cout << core::JsonText(match::ScreenResultToJson(args.fields.name, args.threshold, *hits), 2)
              << "\n";
  } else {
    PrintReadable(args.fields.name, *hits, args.threshold);
  }
  return 0;
}

int RunBatchScreen(const GlobalOptions& global, const ScreenArgs& args) {
  if (args.output.empty()) {
    return ReportError(core::MakeError(core::ErrorCode::kInvalidArgument,
                                       "--input needs --output FILE.jsonl"));
  }
  auto format = ParseBatchFormat(args.format);
  if (!format) return ReportError(format.error());
  const BatchErrors errors = args.strict ? BatchErrors::kStop : BatchErrors::kPerRow;
  auto input = ReadBatchInput(args.input, {"query_id", "name"}, {.format = *format, .errors = errors});
  if (!input) return ReportError(input.error());
  auto engine = OpenEngine(global, {.unscreened_lists = false});
  if (!engine) return ReportError(engine.error());
  const auto data = (*engine)->Current();
  const int id_col = input->Column("query_id");
  const int name_col = input->Column("name");
  const int type_col = input->Column("type");
  const int country_col = input->Column("country");
  const int dob_col = input->Column("dob");
  const int id_value_col = input->Column("id");
  const match::ScreenOptions options{
      .threshold = args.threshold, .limit = args.limit, .explain = args.explain};
  const match::Screener& screener = *data->screener;
  auto cell = [&](std::size_t row_idx, int col) { return std::string(input->Cell(row_idx, col)); };
  const RowProcessor process = [&](std::size_t row_idx, RowOutcome& outcome) {
    nlohmann::json out;
    out["query_id"] = cell(row_idx, id_col);
    auto query = ParseQuery(QueryFields{cell(row_idx, name_col), cell(row_idx, type_col),
                                        cell(row_idx, country_col), cell(row_idx, dob_col),
                                        cell(row_idx, id_value_col)});
    core::Result<std::vector<match::Hit>> hits =
        query ? screener.Screen(*query, options) : core::Result<std::vector<match::Hit>>(query.error());
    nlohmann::json hits_json = nlohmann::json::array();
    if (hits) {
      for (const match::Hit& hit : *hits) {
        hits_json.push_back(match::HitToJson(hit, {.explanation = args.explain}));
      }
    } else {
      outcome.failed = true;
      outcome.error = hits.error().ToString();
      out["error"] = {{"code", std::string(core::ErrorCodeName(hits.error().code))},
                      {"message", hits.error().message},
                      {"line", input->Line(row_idx)}};
      if (!hits.error().where.field.empty()) out["error"]["field"] = hits.error().where.field;
    }
    out["hits"] = std::move(hits_json);
    return core::JsonText(out);
  };
  auto stats = RunBatch(*input, args.output,
                        BatchOptions{.id_column = "query_id",
                                     .threads = args.threads,
                                     .progress = !global.quiet,
                                     .what = "names",
                                     .errors = errors},
                        process);
  if (!stats) return ReportError(stats.error());
  if (!global.quiet) {
    std::cerr << fmt::format("screened {} in {:.1f} s ({:.0f}/s)", Count(stats->processed, "name"),
                             stats->seconds,
                             stats->seconds > 0
                                 ? static_cast<double>(stats->processed) / stats->seconds
                                 : 0.0);
    if (stats->skipped > 0) {
      std::cerr << fmt::format("; {} already done in an earlier run", stats->skipped);
    }
    std::cerr << "\n";
  }
  return ReportRowErrors(*stats, args.output);
}

}  // namespace

void RegisterScreenCommand(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<ScreenArgs>();
  CLI::App* screen = app.add_subcommand(
      "screen",
      "Find the listed parties a name may be.\n"
      "  redflag screen \"Hik-Vision Digital Tech\" [--type organization] [--country CN]\n"
      "  redflag screen --input queries.csv --output results.jsonl   (batch; resumes if killed)");
  screen->add_option("name", args->fields.name, "The name to screen");
  screen->add_option("--type", args->fields.type, "person|organization|vessel|aircraft");
  screen->add_option("--country", args->fields.country, "Country (ISO code or name)");
  screen->add_option("--dob", args->fields.dob, "Date of birth: YYYY, YYYY-MM or YYYY-MM-DD");
  screen->add_option("--id", args->fields.identifier,
                     "Identifier(s): VALUE or TYPE:VALUE, several separated by ';'");
  screen->add_flag("--json", args->json, "Print JSON (with the full explanation)");
  screen->add_option("--input", args->input,
                     "Batch input: CSV with header query_id,name[,type,country,dob,id] or JSONL");
  screen->add_option("--output", args->output, "Batch output: JSON lines, one per input row");
  screen->add_option("--threshold", args->threshold, "Alert threshold (default 0.80)")
      ->check(CLI::Range(0.0, 1.0));
  screen->add_option("--limit", args->limit, "At most this many hits per name (default 10)");
  screen->add_flag("--explain", args->explain, "Batch: include explanations in the output");
  screen->add_option("--format", args->format,
                     "Batch input format: csv, jsonl or auto (default: by extension, .jsonl/.json/"
                     ".ndjson are JSON lines)")
      ->check(CLI::IsMember({"auto", "csv", "jsonl", "ndjson"}));
  screen->add_flag("--strict", args->strict,
                   "Batch: stop at the first bad row (default: report it in the output, go on, "
                   "exit 1)");
  screen->add_option("--threads", args->threads, "Batch: worker threads (default: all cores)");
  screen->callback([&global, &exit_code, args]() {
    if (!args->input.empty()) {
      exit_code = RunBatchScreen(global, *args);
    } else if (args->fields.name.empty()) {
      exit_code = ReportError(core::MakeError(core::ErrorCode::kInvalidArgument,
                                              "give a name to screen, or --input FILE"));
    } else {
      exit_code = RunSingle(global, *args);
    }
  });
}

}  // namespace redflag::cli
