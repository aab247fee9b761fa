#include "api/http.h"

namespace redflag::api {

std::string_view Request::Param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return {};
}

bool Request::HasParam(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return true;
  }
  return false;
}

int HttpStatusFor(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalidArgument:
    case core::ErrorCode::kParse: return 400;
    case core::ErrorCode::kValidation: return 422;
    case core::ErrorCode::kPermission: return 403;
    case core::ErrorCode::kNotFound: return 404;
    case core::ErrorCode::kConflict: return 409;
    case core::ErrorCode::kUnavailable: return 503;
    case core::ErrorCode::kIo:
    case core::ErrorCode::kDatabase:
    case core::ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response ErrorResponse(int status, std::string_view code, std::string_view message,
                       std::string_view field) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return JsonResponse({{"error", std::move(error)}}, status);
}

Response ErrorResponse(const core::Error& error) {
  // Server-side failures say what failed, not where on disk.
  const int status = HttpStatusFor(error.code);
  const std::string message =
      status >= 500 ? error.message : (error.where.file.empty() ? error.message : error.ToString());
  return ErrorResponse(status, core::ErrorCodeName(error.code), message, error.where.field);
}

Response JsonResponse(const nlohmann::json& body, int status) {
  Response response;
  response.status = status;
  // Names from the lists are valid UTF-8; replace, never throw, if one is not.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace redflag::api
