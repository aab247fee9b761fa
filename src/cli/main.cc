// redflag: screening and decisions for sanctions and export-control lists.
// Each command family registers itself (app.h); errors are reported once, here or in the command.
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/app.h"

int main(int argc, char** argv) {
  using redflag::cli::GlobalOptions;
  CLI::App app{
      "redflag: may we do this deal with this party, with this item - and why?\n"
      "Screens names against official sanctions and export-control lists and decides what a hit\n"
      "means for a transaction on a date, with the regulation that says so."};
  app.set_version_flag("--version", std::string("redflag ") + REDFLAG_VERSION);
  app.require_subcommand(1);
  GlobalOptions global;
  app.add_option("--data-dir", global.data_dir,
                 "Where the list store lives (default: $REDFLAG_HOME, else "
                 "$XDG_DATA_HOME/redflag or ~/.local/share/redflag)");
  app.add_flag("-q,--quiet", global.quiet, "No progress or information on stderr");

  int exit_code = 0;
  redflag::cli::RegisterListsCommands(app, global, exit_code);
  redflag::cli::RegisterScreenCommand(app, global, exit_code);
  redflag::cli::RegisterCompareCommand(app, global, exit_code);
  redflag::cli::RegisterDecideCommand(app, global, exit_code);
  redflag::cli::RegisterDemoCommand(app, global, exit_code);
  redflag::cli::RegisterServeCommand(app, global, exit_code);
  redflag::cli::RegisterRecordsCommands(app, global, exit_code);
  redflag::cli::RegisterBookCommands(app, global, exit_code);
  redflag::cli::RegisterInternalCommands(app, global, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }
  return exit_code;
}
