// `redflag demo`: the quick-start job (filled in once import and decide land).
#include "cli/app.h"

namespace redflag::cli {
void RegisterDemoCommand(CLI::App& app, GlobalOptions&, int&) {
  app.add_subcommand("demo", "Import the lists it can find, screen a few names, decide a sample");
}
}  // namespace redflag::cli
