// `redflag lists import | status | diff | update`: the list store from the command line.
// Contracts: /work/shared/DESIGN.md "Command line"; docs/store.md has examples of each output.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/json_text.h"
#include "ingest/import.h"
#include "ingest/updater.h"
#include "sources/registry.h"
#include "store/store.h"
#include "store/version_json.h"

namespace redflag::cli {
namespace {

constexpr std::size_t kDiagnosticsShown = 5;

struct ImportArgs {
  std::vector<std::string> paths;
};
struct StatusArgs {
  bool json = false;
};
struct DiffArgs {
  std::string list_id;
  std::int64_t from = 0;  // version ids start at 1: 0 = not given
  std::int64_t to = 0;
  bool json = false;
  std::size_t limit = 50;
};
struct UpdateArgs {
  std::string config;
  std::string only;
};

std::string Published(const core::PartialDate& date) {
  return date.empty() ? "-" : date.ToString();
}

// A per-list failure: reported with the list id in front, never aborting the other lists.
int ReportListError(const std::string& list_id, core::Error error, bool add_nothing_changed) {
  // "ofac_sdn: sdn.csv:42: unterminated quote; ..." reads better with the list first.
  error.message = list_id + ": " + error.ToString();
  error.where = {};
  if (add_nothing_changed) error.message += "; nothing changed for " + list_id;
  return ReportError(error);
}

void PrintDiagnostics(const std::vector<core::Diagnostic>& diagnostics, std::size_t total) {
  std::size_t shown = 0;
  for (const auto& diagnostic : diagnostics) {
    if (diagnostic.severity == core::Severity::kInfo) continue;
    if (shown == kDiagnosticsShown) break;
    std::cout << "    " << (diagnostic.severity == core::Severity::kError ? "error" : "warning")
              << ": " << diagnostic.ToString() << "\n";
    ++shown;
  }
  if (total > shown) std::cout << fmt::format("    ... and {} more\n", total - shown);
}

void PrintImported(const store::ImportResult& result, std::size_t warnings,
                   const std::vector<core::Diagnostic>& diagnostics) {
  const store::ListVersion& version = result.version;
  if (result.status == store::ImportStatus::kUnchanged) {
    std::cout << fmt::format("{:<10} {:<18} unchanged (active version {}, {} entities)\n",
                             version.list_id, version.format, version.version_id,
                             version.entity_count);
    return;
  }
  std::cout << fmt::format(
      "{:<10} {:<18} version {:<4} {:>6} entities {:>6} names {:>5} warnings  published {}\n",
      version.list_id, version.format, version.version_id, version.entity_count, version.name_count,
      warnings, Published(version.published));
  PrintDiagnostics(diagnostics, warnings);
}

int RunImport(const GlobalOptions& global, const ImportArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  auto store = store::Store::Open(ResolveDataDir(global));
  if (!store) return ReportError(store.error());
  // With --db, the imports are audited in that database's chain (the records attach to the store).
  std::unique_ptr<store::ServiceStore> records;
  if (!global.db.empty()) {
    auto opened = OpenRecords(global, **store);
    if (!opened) return ReportError(opened.error());
    records = std::move(*opened);
  }

  int exit_code = 0;
  auto fail = [&exit_code](int code) {
    if (exit_code == 0) exit_code = code;
  };
  std::vector<sources::ImportJob> jobs;
  for (const auto& given : args.paths) {
    // Stored as an absolute path: a relative one means nothing once the shell has moved on.
    std::error_code absolute_error;
    const std::filesystem::path absolute = std::filesystem::absolute(given, absolute_error);
    const std::filesystem::path path = absolute_error ? std::filesystem::path(given) : absolute;
    core::Diagnostics found;
    auto discovered = sources::Discover(path.lexically_normal(), found);
    if (!global.quiet) {
      for (const auto& entry : found.entries()) {
        std::cerr << "redflag: info: " << entry.ToString() << "\n";
      }
    }
    if (!discovered) {
      fail(ReportError(discovered.error()));
      continue;
    }
    for (auto& job : *discovered) {
      const bool seen = std::any_of(jobs.begin(), jobs.end(), [&](const auto& other) {
        return other.list_id == job.list_id && other.format == job.format &&
               other.files == job.files;
      });
      if (!seen) jobs.push_back(std::move(job));
    }
  }
  if (jobs.empty()) {
    // Nothing to import: the error above (or this one) says why; no "0 imported" summary.
    if (exit_code != 0) return exit_code;
    return ReportError(
        core::MakeError(core::ErrorCode::kNotFound, "no list files found in the given paths"));
  }

  std::size_t imported = 0;
  std::vector<store::ListVersion> imported_versions;  // for the books' delta re-screen
  std::size_t unchanged = 0;
  std::size_t failed = 0;
  const auto on_list = [&](const ingest::ListOutcome& list) {
    const auto& job = list.job;
    if (list.parse_error != nullptr) {
      ++failed;
      fail(ReportListError(job.list_id, *list.parse_error, true));
      return;
    }
    if (!global.quiet) {
      std::cerr << fmt::format(
          "redflag: {} ({}, {} file{}): read in {:.2f} s, stored in {:.2f} s\n", job.list_id,
          job.format, job.files.size(), job.files.size() == 1 ? "" : "s", list.parse_seconds,
          list.store_seconds);
    }
    const auto& result = *list.imported;
    if (!result) {
      ++failed;
      fail(ReportListError(job.list_id, result.error(), true));
      return;
    }
    if (result->status == store::ImportStatus::kUnchanged) {
      ++unchanged;
    } else {
      ++imported;
      imported_versions.push_back(result->version);
    }
    const sources::ParsedList& parsed = *list.parsed;
    PrintImported(*result, parsed.diagnostics.warnings() + parsed.diagnostics.errors(),
                  parsed.diagnostics.entries());
  };
  // Parsers run on up to two threads while this thread stores the lists in job order.
  ingest::ImportJobs(**store, jobs, on_list, {.parse_threads = 2});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format("{} imported, {} unchanged, {} failed in {:.2f} s\n", imported,
                           unchanged, failed, seconds);
  fail(RescreenBooks(global, imported_versions));
  return exit_code;
}

int RunStatus(const GlobalOptions& global, const StatusArgs& args) {
  const auto data_dir = ResolveDataDir(global);
  auto store = store::Store::Open(data_dir);
  if (!store) return ReportError(store.error());
  auto active = (*store)->ActiveVersions();
  if (!active) return ReportError(active.error());
  nlohmann::json lists = nlohmann::json::array();
  std::vector<std::size_t> older_counts;
  for (const auto& version : *active) {
    auto versions = (*store)->Versions(version.list_id);
    if (!versions) return ReportError(versions.error());
    older_counts.push_back(versions->size() - 1);
    nlohmann::json item = store::VersionToJson(version);
    item["older_versions"] = versions->size() - 1;
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& other : *versions) ids.push_back(other.version_id);
    item["all_versions"] = ids;
    lists.push_back(std::move(item));
  }
  if (args.json) {
    nlohmann::json out = {{"data_dir", data_dir.string()},
                          {"database", (*store)->database_path().string()},
                          {"schema_version", (*store)->SchemaVersion()},
                          {"lists", lists}};
    std::cout << core::JsonText(out, 2) << "\n";
    return 0;
  }
  if (active->empty()) {
    std::cout << "No lists imported yet in " << data_dir.string()
              << ": run `redflag lists import DIR` or `redflag lists update`.\n";
    return 0;
  }
  std::cout << fmt::format("{:<10} {:>7}  {:<18} {:<10}  {:<20} {:>8} {:>8} {:>5}\n", "list",
                           "version", "format", "published", "imported at", "entities", "warnings",
                           "older");
  for (std::size_t list_idx = 0; list_idx < active->size(); ++list_idx) {
    const auto& version = (*active)[list_idx];
    std::cout << fmt::format("{:<10} {:>7}  {:<18} {:<10}  {:<20} {:>8} {:>8} {:>5}\n",
                             version.list_id, version.version_id, version.format,
                             Published(version.published), version.imported_at,
                             version.entity_count, version.warning_count, older_counts[list_idx]);
    for (const auto& file : version.files) {
      std::cout << fmt::format("    {}  ({} bytes, sha256 {})\n", file.path.string(), file.size,
                               file.sha256.substr(0, 16));
    }
  }
  std::cout << "Store: " << (*store)->database_path().string() << "\n";
  return 0;
}

// "listings[3].programs" -> "listings[].programs", so counts group by kind of field.
std::string FieldKind(const std::string& field) {
  std::string out;
  bool in_index = false;
  for (char ch : field) {
    if (ch == '[') {
      in_index = true;
      out += "[]";
    } else if (ch == ']') {
      in_index = false;
    } else if (!in_index) {
      out += ch;
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::size_t>> FieldCounts(const store::ListDiff& diff) {
  std::map<std::string, std::size_t> counts;
  for (const auto& change : diff.changed) {
    std::set<std::string> kinds;
    for (const auto& field : change.changes) kinds.insert(FieldKind(field.field));
    for (const auto& kind : kinds) ++counts[kind];
  }
  std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return sorted;
}

std::string Shorten(const std::string& text, std::size_t max = 160) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  return text.substr(0, cut) + "...";
}

int RunDiff(const GlobalOptions& global, const DiffArgs& args) {
  if ((args.from == 0) != (args.to == 0)) {
    return ReportError(core::MakeError(core::ErrorCode::kInvalidArgument,
                                       "give both <from> and <to> versions, or neither"));
  }
  auto store = store::Store::Open(ResolveDataDir(global));
  if (!store) return ReportError(store.error());
  auto versions = (*store)->Versions(args.list_id);
  if (!versions) return ReportError(versions.error());
  if (versions->empty()) {
    return ReportError(core::MakeError(core::ErrorCode::kNotFound,
                                       "list " + args.list_id + " was never imported"));
  }
  std::int64_t from = 0;
  std::int64_t to = 0;
  if (args.from != 0) {
    from = args.from;
    to = args.to;
  } else {
    // Previous vs active: the newest version older than the active one.
    auto active = std::find_if(versions->begin(), versions->end(),
                               [](const auto& version) { return version.active; });
    if (active == versions->end() || active == versions->begin()) {
      return ReportError(core::MakeError(
          core::ErrorCode::kNotFound,
          fmt::format("{} has no version before its active version {}; nothing to compare "
                      "(give <from> <to> to compare other versions)",
                      args.list_id, active == versions->end() ? 0 : active->version_id)));
    }
    from = std::prev(active)->version_id;
    to = active->version_id;
  }
  auto diff = (*store)->Diff(args.list_id, from, to);
  if (!diff) return ReportError(diff.error());
  const auto from_version = (*store)->Version(from);
  const auto to_version = (*store)->Version(to);
  if (!from_version) return ReportError(from_version.error());
  if (!to_version) return ReportError(to_version.error());
  const auto field_counts = FieldCounts(*diff);

  if (args.json) {
    nlohmann::json added = nlohmann::json::array();
    nlohmann::json removed = nlohmann::json::array();
    nlohmann::json changed = nlohmann::json::array();
    for (const auto& ref : diff->added) added.push_back({{"id", ref.id}, {"name", ref.name}});
    for (const auto& ref : diff->removed) removed.push_back({{"id", ref.id}, {"name", ref.name}});
    for (const auto& change : diff->changed) {
      nlohmann::json fields = nlohmann::json::array();
      for (const auto& field : change.changes) {
        fields.push_back(
            {{"field", field.field}, {"old", field.old_value}, {"new", field.new_value}});
      }
      changed.push_back({{"id", change.id}, {"name", change.name}, {"changes", fields}});
    }
    // Most changed first: an array keeps the order a JSON object would lose.
    nlohmann::json counts_by_field = nlohmann::json::array();
    for (const auto& [field, count] : field_counts) {
      counts_by_field.push_back({{"field", field}, {"entities", count}});
    }
    nlohmann::json out = {{"list_id", diff->list_id},
                          {"from", store::VersionToJson(*from_version)},
                          {"to", store::VersionToJson(*to_version)},
                          {"counts",
                           {{"added", diff->added.size()},
                            {"removed", diff->removed.size()},
                            {"changed", diff->changed.size()},
                            {"unchanged", diff->unchanged}}},
                          {"changed_fields", counts_by_field},
                          {"added", added},
                          {"removed", removed},
                          {"changed", changed}};
    std::cout << core::JsonText(out, 2) << "\n";
    return 0;
  }

  std::cout << fmt::format(
      "{}: version {} (published {}, imported {}) -> version {} (published "
      "{}, imported {})\n",
      diff->list_id, from, Published(from_version->published), from_version->imported_at, to,
      Published(to_version->published), to_version->imported_at);
  std::cout << fmt::format("{} added, {} removed, {} changed, {} unchanged\n", diff->added.size(),
                           diff->removed.size(), diff->changed.size(), diff->unchanged);
  if (!field_counts.empty()) {
    std::cout << "changed fields (entities):";
    for (const auto& [field, count] : field_counts)
      std::cout << fmt::format(" {} {};", field, count);
    std::cout << "\n";
  }
  const std::size_t limit = args.limit == 0 ? static_cast<std::size_t>(-1) : args.limit;
  auto more = [&](std::size_t total) {
    if (total > limit) {
      std::cout << fmt::format("  ... and {} more (--limit 0 or --json for all)\n", total - limit);
    }
  };
  if (!diff->added.empty()) std::cout << "\nadded:\n";
  for (std::size_t idx = 0; idx < diff->added.size() && idx < limit; ++idx) {
    std::cout << fmt::format("  + {}  {}\n", diff->added[idx].id, diff->added[idx].name);
  }
  more(diff->added.size());
  if (!diff->removed.empty()) std::cout << "\nremoved:\n";
  for (std::size_t idx = 0; idx < diff->removed.size() && idx < limit; ++idx) {
    std::cout << fmt::format("  - {}  {}\n", diff->removed[idx].id, diff->removed[idx].name);
  }
  more(diff->removed.size());
  if (!diff->changed.empty()) std::cout << "\nchanged:\n";
  for (std::size_t idx = 0; idx < diff->changed.size() && idx < limit; ++idx) {
    const auto& change = diff->changed[idx];
    std::cout << fmt::format("  ~ {}  {}\n", change.id, change.name);
    for (const auto& field : change.changes) {
      std::cout << fmt::format("      {}:", field.field);
      if (!field.old_value.empty()) std::cout << " - " << Shorten(field.old_value);
      if (!field.new_value.empty()) std::cout << " + " << Shorten(field.new_value);
      std::cout << "\n";
    }
  }
  more(diff->changed.size());
  return 0;
}

int RunUpdate(const GlobalOptions& global, const UpdateArgs& args) {
  const std::filesystem::path config =
      args.config.empty() ? ingest::DefaultUpdateConfigPath() : std::filesystem::path(args.config);
  auto sources = ingest::LoadUpdateConfig(config);
  if (!sources) return ReportError(sources.error());
  auto store = store::Store::Open(ResolveDataDir(global));
  if (!store) return ReportError(store.error());
  if (!global.quiet) {
    for (const auto& source : *sources) {
      const bool selected = args.only.empty() ? source.enabled : source.list_id == args.only;
      if (selected && !source.verified) {
        std::cerr << "redflag: note: " << source.list_id << ": URL not verified: " << source.note
                  << "\n";
      } else if (args.only.empty() && !source.enabled) {
        std::cerr << "redflag: note: " << source.list_id
                  << ": not downloaded by default; `redflag lists update --only "
                  << source.list_id << "` tries it\n";
      }
    }
  }
  ingest::UpdateOptions options;
  options.only = args.only;
  auto outcomes = ingest::UpdateLists(**store, *sources, options);
  if (!outcomes) return ReportError(outcomes.error());
  int exit_code = 0;
  std::size_t failed = 0;
  for (const auto& outcome : *outcomes) {
    if (outcome.error) {
      ++failed;
      const int code = ReportListError(outcome.list_id, *outcome.error, false);
      if (exit_code == 0) exit_code = code;
      continue;
    }
    PrintImported(*outcome.result, outcome.warnings, outcome.first_diagnostics);
  }
  std::cout << fmt::format("{} of {} lists updated\n", outcomes->size() - failed, outcomes->size());
  return exit_code;
}

}  // namespace

void RegisterListsCommands(CLI::App& app, GlobalOptions& global, int& exit_code) {
  CLI::App* lists = app.add_subcommand("lists", "Import, inspect, compare and update the lists");
  lists->require_subcommand(1);

  auto import_args = std::make_shared<ImportArgs>();
  CLI::App* import_cmd = lists->add_subcommand(
      "import",
      "Parse and validate list files, then store a new version of each list (atomic per list).\n"
      "A path may be a lists/ root, one list's directory, or single files.");
  import_cmd->add_option("paths", import_args->paths, "Directories or files")->required();
  import_cmd->callback(
      [&global, &exit_code, import_args] { exit_code = RunImport(global, *import_args); });

  auto status_args = std::make_shared<StatusArgs>();
  CLI::App* status_cmd =
      lists->add_subcommand("status", "Active version, dates, counts and files of every list");
  status_cmd->add_flag("--json", status_args->json, "Machine-readable output");
  status_cmd->callback(
      [&global, &exit_code, status_args] { exit_code = RunStatus(global, *status_args); });

  auto diff_args = std::make_shared<DiffArgs>();
  CLI::App* diff_cmd =
      lists->add_subcommand("diff",
                            "Entities added, removed and changed between two versions of a list "
                            "(default: previous vs active)");
  diff_cmd->add_option("list-id", diff_args->list_id, "The list, e.g. ofac_sdn")->required();
  diff_cmd->add_option("from", diff_args->from, "Version id to compare from (default: previous)")
      ->check(CLI::PositiveNumber);
  diff_cmd->add_option("to", diff_args->to, "Version id to compare to (default: active)")
      ->check(CLI::PositiveNumber);
  diff_cmd->add_flag("--json", diff_args->json, "Full machine-readable diff");
  diff_cmd
      ->add_option("--limit", diff_args->limit,
                   "Entities shown per section in the readable output (0 = all)")
      ->capture_default_str();
  diff_cmd->callback([&global, &exit_code, diff_args] { exit_code = RunDiff(global, *diff_args); });

  auto update_args = std::make_shared<UpdateArgs>();
  CLI::App* update_cmd = lists->add_subcommand(
      "update",
      "Download every configured list from its official URL, verify it, then import it.\n"
      "Offline or failing lists change nothing: their active version stays.");
  update_cmd->add_option("--config", update_args->config,
                         "Source configuration (default: data/update_sources.json)");
  update_cmd->add_option("--only", update_args->only, "Update just this list id");
  update_cmd->callback(
      [&global, &exit_code, update_args] { exit_code = RunUpdate(global, *update_args); });
}

int ImportPaths(const GlobalOptions& global, const std::vector<std::string>& paths) {
  return RunImport(global, ImportArgs{paths});
}

}  // namespace redflag::cli
