// `redflag book import|status|export|screen`: books of counterparties, monitored against the
// lists (docs/monitoring.md). Also the re-screen every list import runs (RescreenBooks).
#include <chrono>
#include <iostream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "monitor/book_file.h"
#include "monitor/rescreen.h"
#include "core/sha256.h"
#include "sources/xml_util.h"
#include "store/book_store.h"
#include "store/service_store.h"

namespace redflag::cli {
namespace {

constexpr std::uint64_t kMaxBookBytes = 4ull << 30;
const store::Actor kCliActor{.key_id = "cli", .user = "cli"};

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct Stores {
  std::unique_ptr<store::Store> lists;
  std::unique_ptr<store::BookStore> books;
};

core::Result<Stores> OpenStores(const GlobalOptions& global) {
  auto lists = store::Store::Open(ResolveDataDir(global));
  if (!lists) return lists.error();
  auto books = store::BookStore::Open(**lists, global.db);
  if (!books) return books.error();
  return Stores{std::move(*lists), std::move(*books)};
}

struct ImportArgs {
  std::string file;
  std::string book = "default";
};

int RunImport(const GlobalOptions& global, const ImportArgs& args) {
  auto bytes = sources::xml::ReadFileBytes(args.file, kMaxBookBytes);
  if (!bytes) return ReportError(bytes.error());
  const auto parsed =
      monitor::ParseBook(*bytes, args.file, monitor::BookFormatFor(args.file));
  if (!parsed.errors.empty()) {
    for (const core::Error& error : parsed.errors) ReportError(error);
    std::cerr << fmt::format("redflag: error: {}: {} error(s); nothing imported\n", args.file,
                             parsed.errors.size());
    return ExitCodeFor(core::ErrorCode::kValidation);
  }
  auto stores = OpenStores(global);
  if (!stores) return ReportError(stores.error());
  auto info = stores->books->Import(store::BookImport{.book = args.book,
                                                      .file = args.file,
                                                      .sha256 = core::Sha256Hex(*bytes),
                                                      .rows = parsed.rows},
                                    "cli");
  if (!info) return ReportError(info.error());
  if (info->unchanged) {
    std::cout << fmt::format("book {}: unchanged, version {} stays ({} rows)\n", info->book,
                             info->version, info->rows);
  } else {
    std::cout << fmt::format("book {}: version {}, {} rows ({} added, {} changed, {} removed)\n",
                             info->book, info->version, info->rows, info->added, info->changed,
                             info->removed);
  }
  return 0;
}

nlohmann::json VersionJson(const store::BookVersionInfo& info) {
  return {{"book", info.book},       {"version", info.version}, {"file", info.file},
          {"sha256", info.sha256},   {"imported_at", info.imported_at},
          {"rows", info.rows},       {"added", info.added},     {"changed", info.changed},
          {"removed", info.removed}};
}

int RunStatus(const GlobalOptions& global, bool json) {
  auto stores = OpenStores(global);
  if (!stores) return ReportError(stores.error());
  auto books = stores->books->Books();
  if (!books) return ReportError(books.error());
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& info : *books) out.push_back(VersionJson(info));
    std::cout << Dump(out) << "\n";
    return 0;
  }
  if (books->empty()) std::cout << "no books imported yet: run `redflag book import FILE`\n";
  for (const auto& info : *books) {
    std::cout << fmt::format("{}: version {}, {} rows, imported {} from {}\n", info.book,
                             info.version, info.rows, info.imported_at, info.file);
  }
  return 0;
}

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char ch : value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

int RunExport(const GlobalOptions& global, const std::string& book, std::int64_t version) {
  auto stores = OpenStores(global);
  if (!stores) return ReportError(stores.error());
  if (auto versions = stores->books->Versions(book); !versions) {
    return ReportError(versions.error());
  }
  auto rows = stores->books->Rows(book, version);
  if (!rows) return ReportError(rows.error());
  std::cout << "customer_ref,name,type,country,dob,id,attributes\n";
  for (const auto& row : *rows) {
    std::cout << fmt::format("{},{},{},{},{},{},{}\n", CsvField(row.customer_ref),
                             CsvField(row.name), CsvField(row.type), CsvField(row.country),
                             CsvField(row.dob), CsvField(row.id), CsvField(row.attributes_json));
  }
  return 0;
}

struct ScreenArgs {
  std::string book;
  bool full = false;
};

void PrintStats(std::string_view what, const monitor::RescreenStats& stats, double seconds) {
  std::cout << fmt::format(
      "{}: {} rows screened, {} listed names queried, {} hits: {} alerts opened, {} "
      "occurrences, {} suppressed, {} reopened, {} closed in {:.2f} s\n",
      what, stats.rows, stats.queries, stats.hits, stats.opened, stats.occurrences,
      stats.suppressed, stats.reopened, stats.closed, seconds);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int RunScreen(const GlobalOptions& global, const ScreenArgs& args) {
  auto stores = OpenStores(global);
  if (!stores) return ReportError(stores.error());
  auto books = stores->books->Books();
  if (!books) return ReportError(books.error());
  std::erase_if(*books, [&](const auto& info) { return !args.book.empty() && info.book != args.book; });
  if (books->empty()) {
    return ReportError(core::MakeError(core::ErrorCode::kNotFound, "no such book imported"));
  }
  auto engine = OpenEngine(global, {.unscreened_lists = false});
  if (!engine) return ReportError(engine.error());
  auto records = OpenRecords(global, *stores->lists);
  if (!records) return ReportError(records.error());
  monitor::Monitor monitor(**records, kCliActor);
  for (const auto& info : *books) {
    const auto start = std::chrono::steady_clock::now();
    auto rows = stores->books->Rows(info.book);
    if (!rows) return ReportError(rows.error());
    if (!args.full) {
      std::erase_if(*rows, [&](const auto& row) { return row.valid_from != info.version; });
    }
    auto stats = monitor.ScreenRows(*(*engine)->Current(), *rows,
                                    args.full ? "full re-screen of book " + info.book
                                              : "book " + info.book + " version " +
                                                    std::to_string(info.version));
    if (!stats) return ReportError(stats.error());
    PrintStats("book " + info.book, *stats, SecondsSince(start));
  }
  return 0;
}

// The delta of one imported version against the list's previous version (everything is added
// when there is none).
core::Result<store::ListDiff> DeltaOf(const store::Store& lists, const engine::Generation& now,
                                      const store::ListVersion& version) {
  auto versions = lists.Versions(version.list_id);
  if (!versions) return versions.error();
  std::int64_t previous = 0;
  for (const auto& other : *versions) {
    if (other.version_id < version.version_id) previous = other.version_id;
  }
  if (previous != 0) return lists.Diff(version.list_id, previous, version.version_id);
  store::ListDiff diff{.list_id = version.list_id, .to_version = version.version_id};
  for (const core::Entity& entity : now.snapshot->entities()) {
    if (entity.list_id == version.list_id) diff.added.push_back({entity.id, entity.primary_name()});
  }
  return diff;
}

// Every book's current rows, one per customer_ref (the first book wins a shared ref).
core::Result<std::vector<store::BookRow>> AllBookRows(const store::BookStore& books) {
  auto infos = books.Books();
  if (!infos) return infos.error();
  std::vector<store::BookRow> all;
  std::set<std::string> refs;
  for (const auto& info : *infos) {
    auto rows = books.Rows(info.book);
    if (!rows) return rows.error();
    for (auto& row : *rows) {
      if (refs.insert(row.customer_ref).second) all.push_back(std::move(row));
    }
  }
  return all;
}

}  // namespace

int RescreenBooks(const GlobalOptions& global, const std::vector<store::ListVersion>& imported) {
  if (imported.empty()) return 0;
  auto stores = OpenStores(global);
  if (!stores) return ReportError(stores.error());
  auto rows = AllBookRows(*stores->books);
  if (!rows) return ReportError(rows.error());
  if (rows->empty()) return 0;
  auto engine = OpenEngine(global, {.unscreened_lists = false});
  // Only empty lists are left (the last entry of an internal list removed): nothing can hit.
  // TODO(#16): close the alerts of the removed entities in this case too.
  if (!engine && engine.error().code == core::ErrorCode::kConflict) return 0;
  if (!engine) return ReportError(engine.error());
  auto records = OpenRecords(global, *stores->lists);
  if (!records) return ReportError(records.error());
  monitor::Monitor monitor(**records, kCliActor);
  const auto generation = (*engine)->Current();
  for (const auto& version : imported) {
    const auto start = std::chrono::steady_clock::now();
    auto diff = DeltaOf(*stores->lists, *generation, version);
    if (!diff) return ReportError(diff.error());
    auto stats = monitor.ScreenDelta(*generation, *rows, *diff);
    if (!stats) return ReportError(stats.error());
    PrintStats(fmt::format("books re-screened on the {} delta to version {} (+{} ~{} -{})",
                           diff->list_id, diff->to_version, diff->added.size(),
                           diff->changed.size(), diff->removed.size()),
               *stats, SecondsSince(start));
  }
  return 0;
}

void RegisterBookCommands(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto* book = app.add_subcommand("book", "Books of counterparties monitored against the lists");
  book->require_subcommand(1);

  auto import_args = std::make_shared<ImportArgs>();
  auto* import = book->add_subcommand(
      "import", "Import a book file (CSV with customer_ref,name[,type,country,dob,id,...] or "
                "JSON lines) as the book's next version; a file with any error imports nothing");
  import->add_option("file", import_args->file, "The book file")->required();
  import->add_option("--book", import_args->book, "Book name (default: default)");
  import->callback([&global, &exit_code, import_args] {
    exit_code = RunImport(global, *import_args);
  });

  auto json = std::make_shared<bool>(false);
  auto* status = book->add_subcommand("status", "Books, their versions and row counts");
  status->add_flag("--json", *json, "JSON output");
  status->callback([&global, &exit_code, json] { exit_code = RunStatus(global, *json); });

  auto export_book = std::make_shared<std::string>("default");
  auto export_version = std::make_shared<std::int64_t>(0);
  auto* export_cmd = book->add_subcommand("export", "A book's rows as CSV on stdout");
  export_cmd->add_option("--book", *export_book, "Book name (default: default)");
  export_cmd->add_option("--version", *export_version, "A past version (default: current)");
  export_cmd->callback([&global, &exit_code, export_book, export_version] {
    exit_code = RunExport(global, *export_book, *export_version);
  });

  auto screen_args = std::make_shared<ScreenArgs>();
  auto* screen = book->add_subcommand(
      "screen", "Screen a book's rows added or changed by its last import (--full: every row) "
                "and open alerts");
  screen->add_option("--book", screen_args->book, "One book (default: every book)");
  screen->add_flag("--full", screen_args->full, "Screen every row");
  screen->callback([&global, &exit_code, screen_args] {
    exit_code = RunScreen(global, *screen_args);
  });
}

}  // namespace redflag::cli
