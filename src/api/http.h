// The HTTP service's request and response, as plain values: the socket layer (server.h) fills a
// Request and writes the Response; everything between is a pure function (Service::Handle), so
// tests and the fuzzer drive it without sockets.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace redflag::api {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query string, percent-decoded by the socket layer
  std::vector<std::pair<std::string, std::string>> query;  // decoded query parameters
  std::string authorization;  // the Authorization header, "" when absent
  std::string body;

  // The first value of a query parameter, or "" when absent.
  std::string_view Param(std::string_view name) const;
  bool HasParam(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // For the request log and metrics: the route template ("/v1/entities/{id}", "unmatched") and
  // the id of the key that authenticated ("" when none). Never the key itself.
  std::string route;
  std::string key_id;
};

// The one place an ErrorCode becomes an HTTP status: invalid input 400, validation 422,
// permission 403, not found 404, conflict 409, unavailable 503, the rest 500.
int HttpStatusFor(core::ErrorCode code);

// {"error": {"code", "message", "field"?}} with HttpStatusFor(error.code).
Response ErrorResponse(const core::Error& error);
// The same with an explicit status and code name (401 unauthenticated, 405, 413, ...).
Response ErrorResponse(int status, std::string_view code, std::string_view message,
                       std::string_view field = {});
Response JsonResponse(const nlohmann::json& body, int status = 200);

}  // namespace redflag::api
