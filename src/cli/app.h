// Shared plumbing of the `redflag` command: global options, the data directory, exit codes and
// error printing. Each command family lives in its own file and registers itself on the CLI11
// app through one Register* function declared here; main.cc calls them all.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/error.h"
#include "engine/engine.h"
#include "store/service_store.h"

namespace redflag::cli {

struct GlobalOptions {
  std::string data_dir;  // --data-dir; empty -> $REDFLAG_HOME -> $XDG_DATA_HOME/redflag -> ~/.local/share/redflag
  bool quiet = false;    // --quiet: no progress or info on stderr
  std::string db;        // --db / $REDFLAG_DB: "postgresql://..." for the records; empty -> SQLite
};

// Where the store lives for these options (created on first use by the store).
std::filesystem::path ResolveDataDir(const GlobalOptions& global);

// The service's records (keys, alerts, audit trail) for these options: in the data directory's
// SQLite file, or in the PostgreSQL database of --db / $REDFLAG_DB (docs/store.md).
core::Result<std::unique_ptr<store::ServiceStore>> OpenRecords(const GlobalOptions& global,
                                                               const store::Store& lists);

// Exit codes, one table for every command (README "Exit codes"). A finding is not an error:
// `decide` exits 0 whatever the outcome, `screen` exits 0 with or without hits.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRowErrors = 1;  // a batch ran, but some rows failed (each reported)
inline constexpr int kExitUsage = 2;      // bad arguments or invalid input (query, transaction)
inline constexpr int kExitData = 3;       // a file is not what its format says (list, batch, rules)
inline constexpr int kExitNoLists = 4;    // no lists imported yet
inline constexpr int kExitNotFound = 5;   // a file, list, version or entity does not exist
inline constexpr int kExitIo = 6;         // the system, the database or the network failed
inline constexpr int kExitPermission = 7;  // not allowed
inline constexpr int kExitInternal = 70;  // a bug
int ExitCodeFor(core::ErrorCode code);
// Prints "redflag: error: <where>: <message>" on stderr (control bytes escaped, cut at 2,000
// bytes, so that no input can flood or drive the terminal) and returns ExitCodeFor(error.code).
int ReportError(const core::Error& error);

// The engine over the data directory of these options (engine/engine.h): the active lists,
// indexed, with one Screener (and a Decider when options.decider). Fails with kConflict ("no
// lists imported yet: run `redflag lists import DIR`") when the store is empty.
core::Result<std::unique_ptr<engine::Engine>> OpenEngine(const GlobalOptions& global,
                                                         const engine::EngineOptions& options);

// Imports every list found under `paths` (what `redflag lists import` does); returns its exit
// code. Defined in lists_cmd.cc; the demo uses it.
int ImportPaths(const GlobalOptions& global, const std::vector<std::string>& paths);

// Every command family. `exit_code` is where the command's callback stores its result.
void RegisterListsCommands(CLI::App& app, GlobalOptions& global, int& exit_code);    // lists_cmd.cc
void RegisterScreenCommand(CLI::App& app, GlobalOptions& global, int& exit_code);    // screen_cmd.cc
void RegisterCompareCommand(CLI::App& app, GlobalOptions& global, int& exit_code);   // compare_cmd.cc
void RegisterDecideCommand(CLI::App& app, GlobalOptions& global, int& exit_code);    // decide_cmd.cc
void RegisterDemoCommand(CLI::App& app, GlobalOptions& global, int& exit_code);      // demo_cmd.cc
void RegisterServeCommand(CLI::App& app, GlobalOptions& global, int& exit_code);     // serve_cmd.cc
// keys, audit, alerts: records_cmd.cc
void RegisterRecordsCommands(CLI::App& app, GlobalOptions& global, int& exit_code);
void RegisterHoldingsCommand(CLI::App& app, GlobalOptions& global, int& exit_code);  // holdings_cmd.cc
void RegisterDevicesCommand(CLI::App& app, GlobalOptions& global, int& exit_code);   // devices_cmd.cc
void RegisterPayCommands(CLI::App& app, GlobalOptions& global, int& exit_code);      // pay_cmd.cc
void RegisterWorkerCommand(CLI::App& app, GlobalOptions& global, int& exit_code);    // worker_cmd.cc
void RegisterBookCommands(CLI::App& app, GlobalOptions& global, int& exit_code);      // book_cmd.cc
void RegisterInternalCommands(CLI::App& app, GlobalOptions& global, int& exit_code);  // internal_cmd.cc

// After `lists import`: re-screens every book on the delta of each imported version (book_cmd.cc).
int RescreenBooks(const GlobalOptions& global, const std::vector<store::ListVersion>& imported);

}  // namespace redflag::cli
