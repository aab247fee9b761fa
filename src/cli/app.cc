#include "cli/app.h"

#include <cstdlib>
#include <iostream>


namespace redflag::cli {

std::filesystem::path ResolveDataDir(const GlobalOptions& global) {
  if (!global.data_dir.empty()) return global.data_dir;
  if (const char* home = std::getenv("REDFLAG_HOME"); home != nullptr && *home != '\0') {
    return home;
  }
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::filesystem::path(xdg) / "redflag";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".local" / "share" / "redflag";
  }
  return std::filesystem::current_path() / ".redflag";
}

int ExitCodeFor(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalidArgument: return 2;
    case core::ErrorCode::kParse:
    case core::ErrorCode::kValidation: return 3;
    case core::ErrorCode::kNotFound:
    case core::ErrorCode::kConflict: return 4;
    case core::ErrorCode::kIo:
    case core::ErrorCode::kDatabase:
    case core::ErrorCode::kUnavailable: return 5;
    case core::ErrorCode::kPermission: return 6;
    case core::ErrorCode::kInternal: return 70;
  }
  return 70;
}

int ReportError(const core::Error& error) {
  std::cerr << "redflag: error: " << error.ToString() << "\n";
  return ExitCodeFor(error.code);
}

core::Result<std::unique_ptr<engine::Engine>> OpenEngine(const GlobalOptions& global,
                                                         const engine::EngineOptions& options) {
  return engine::Engine::Open(ResolveDataDir(global), options);
}

}  // namespace redflag::cli
