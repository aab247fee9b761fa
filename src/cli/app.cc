#include "cli/app.h"

#include <cstdlib>
#include <iostream>

#include "core/quote.h"

namespace redflag::cli {

core::Result<std::unique_ptr<store::ServiceStore>> OpenRecords(const GlobalOptions& global,
                                                               const store::Store& lists) {
  return store::ServiceStore::Open(lists, global.db);
}

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
  std::error_code error;  // the working directory may have been deleted: then a relative path
  const std::filesystem::path here = std::filesystem::current_path(error);
  return (error ? std::filesystem::path(".") : here) / ".redflag";
}

int ExitCodeFor(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalidArgument: return kExitUsage;
    case core::ErrorCode::kParse:
    case core::ErrorCode::kValidation: return kExitData;
    case core::ErrorCode::kConflict: return kExitNoLists;
    case core::ErrorCode::kNotFound: return kExitNotFound;
    case core::ErrorCode::kIo:
    case core::ErrorCode::kDatabase:
    case core::ErrorCode::kUnavailable: return kExitIo;
    case core::ErrorCode::kPermission: return kExitPermission;
    case core::ErrorCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

int ReportError(const core::Error& error) {
  constexpr std::size_t kMaxMessageBytes = 2000;
  std::cerr << "redflag: error: " << core::Printable(error.ToString(), kMaxMessageBytes) << "\n";
  return ExitCodeFor(error.code);
}

core::Result<std::unique_ptr<engine::Engine>> OpenEngine(const GlobalOptions& global,
                                                         const engine::EngineOptions& options) {
  return engine::Engine::Open(ResolveDataDir(global), options);
}

}  // namespace redflag::cli
