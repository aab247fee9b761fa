#include "core/error.h"

#include <fmt/format.h>

namespace redflag::core {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kParse: return "parse_error";
    case ErrorCode::kValidation: return "validation_error";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kIo: return "io_error";
    case ErrorCode::kDatabase: return "database_error";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kPermission: return "permission_denied";
    case ErrorCode::kInternal: return "internal_error";
  }
  return "internal_error";
}

std::string Location::ToString() const {
  std::string out = file;
  if (line > 0) out += fmt::format("{}{}", out.empty() ? "line " : ":", line);
  if (!element.empty()) out += fmt::format("{}{}", out.empty() ? "" : ": ", element);
  if (!field.empty()) out += fmt::format("{}field \"{}\"", out.empty() ? "" : ": ", field);
  return out;
}

std::string Error::ToString() const {
  const std::string where_text = where.ToString();
  return where_text.empty() ? message : where_text + ": " + message;
}

}  // namespace redflag::core
