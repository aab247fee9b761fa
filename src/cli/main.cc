// redflag: screening and decisions for sanctions and export-control lists.
// Each command family registers itself (app.h); errors are reported once, here or in the command.
#include <exception>
#include <iostream>
#include <new>

#include <CLI/CLI.hpp>

#include "cli/app.h"

namespace {

// Argument errors read like every other error: "redflag: error: ..." and where to find help.
std::string FailureMessage(const CLI::App* app, const CLI::Error& error) {
  std::string message = "redflag: error: " + std::string(error.what()) + "\n";
  if (app != nullptr && app->get_help_ptr() != nullptr) {
    message += "Run with " + app->get_help_ptr()->get_name() + " for more information.\n";
  }
  return message;
}

}  // namespace

int main(int argc, char** argv) {
  using redflag::cli::GlobalOptions;
  CLI::App app{
      "redflag: may we do this deal with this party, with this item - and why?\n"
      "Screens names against official sanctions and export-control lists and decides what a hit\n"
      "means for a transaction on a date, with the regulation that says so."};
  app.set_version_flag("--version", std::string("redflag ") + REDFLAG_VERSION);
  app.require_subcommand(1);
  app.failure_message(FailureMessage);
  GlobalOptions global;
  app.add_option("--data-dir", global.data_dir,
                 "Where the list store lives (default: $REDFLAG_HOME, else "
                 "$XDG_DATA_HOME/redflag or ~/.local/share/redflag)");
  app.add_option("--db", global.db,
                 "Keep keys, alerts and the audit trail in this PostgreSQL database "
                 "(postgresql://user@host:port/db; default: SQLite in the data directory)")
      ->envname("REDFLAG_DB");
  app.add_flag("-q,--quiet", global.quiet, "No progress or information on stderr");

  int exit_code = 0;
  redflag::cli::RegisterListsCommands(app, global, exit_code);
  redflag::cli::RegisterScreenCommand(app, global, exit_code);
  redflag::cli::RegisterCompareCommand(app, global, exit_code);
  redflag::cli::RegisterDecideCommand(app, global, exit_code);
  redflag::cli::RegisterDemoCommand(app, global, exit_code);
  redflag::cli::RegisterServeCommand(app, global, exit_code);
  redflag::cli::RegisterRecordsCommands(app, global, exit_code);
  redflag::cli::RegisterHoldingsCommand(app, global, exit_code);
  redflag::cli::RegisterDevicesCommand(app, global, exit_code);
  redflag::cli::RegisterPayCommands(app, global, exit_code);
  redflag::cli::RegisterWorkerCommand(app, global, exit_code);
  redflag::cli::RegisterBookCommands(app, global, exit_code);
  redflag::cli::RegisterInternalCommands(app, global, exit_code);

  // Commands return errors as values (app.h); this is the last line of defence, so that no
  // library exception ends the process with an abort and a core dump (exit 134).
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : redflag::cli::kExitUsage;
  } catch (const std::bad_alloc&) {
    std::cerr << "redflag: error: out of memory\n";
    return redflag::cli::kExitInternal;
  } catch (const std::exception& error) {
    std::cerr << "redflag: internal error: " << error.what()
              << " (please report this with the command that caused it)\n";
    return redflag::cli::kExitInternal;
  }
  return exit_code;
}
