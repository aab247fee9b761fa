#include "api/service.h"

#include <chrono>
#include <optional>
#include <string_view>

#include "api/handlers_internal.h"

namespace redflag::api {
namespace {

using internal::Call;
using internal::Handler;

struct RouteSpec {
  std::string_view method;
  std::string_view pattern;  // "{x}" is one path segment; "{x*}" the rest of the path
  std::optional<store::Role> role;  // nullopt: public
  Handler handler;
};

constexpr std::optional<store::Role> kPublic = std::nullopt;
constexpr auto kScreener = store::Role::kScreener;
constexpr auto kAnalyst = store::Role::kAnalyst;
constexpr auto kApprover = store::Role::kApprover;
constexpr auto kAdmin = store::Role::kAdmin;

// Every route of the API; docs/api.md and docs/openapi.json describe the same table.
constexpr RouteSpec kRoutes[] = {
    {"GET", "/healthz", kPublic, internal::Healthz},
    {"GET", "/readyz", kPublic, internal::Readyz},
    {"GET", "/metrics", kPublic, internal::MetricsText},
    {"GET", "/openapi.json", kPublic, internal::OpenApi},
    {"POST", "/v1/screen", kScreener, internal::Screen},
    {"POST", "/v1/compare", kScreener, internal::Compare},
    {"POST", "/v1/decide", kScreener, internal::Decide},
    {"POST", "/v1/payments", kScreener, internal::CheckPayment},
    {"POST", "/v1/match/{dataset}", kScreener, internal::Match},
    {"GET", "/v1/whoami", kScreener, internal::WhoAmI},
    {"GET", "/v1/entities/{id*}/history", kScreener, internal::GetEntityHistory},
    {"GET", "/v1/entities/{id*}", kScreener, internal::GetEntity},
    {"GET", "/v1/lists", kScreener, internal::GetLists},
    {"GET", "/v1/lists/{id}/versions", kScreener, internal::GetListVersions},
    {"GET", "/v1/lists/{id}/diff", kScreener, internal::GetListDiff},
    {"POST", "/v1/lists/import", kAdmin, internal::ImportLists},
    {"GET", "/v1/alerts", kAnalyst, internal::ListAlerts},
    {"GET", "/v1/alerts/{id}", kAnalyst, internal::GetAlert},
    {"POST", "/v1/alerts/{id}/disposition", kAnalyst, internal::DisposeAlert},
    {"POST", "/v1/alerts/{id}/approve", kApprover, internal::ApproveAlert},
    {"POST", "/v1/alerts/{id}/send-back", kApprover, internal::SendBackAlert},
    {"GET", "/v1/audit", kApprover, internal::ListAudit},
    {"GET", "/v1/audit/verify", kApprover, internal::VerifyAudit},
};

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const std::size_t end = std::min(path.find('/'), path.size());
    out.push_back(path.substr(0, end));
    path.remove_prefix(end);
  }
  return out;
}

// Path parameters when `path` fits `pattern`.
std::optional<std::vector<std::string>> MatchPath(std::string_view pattern,
                                                  std::string_view path) {
  const auto want = Segments(pattern);
  const auto have = Segments(path);
  std::vector<std::string> params;
  for (std::size_t idx = 0; idx < want.size(); ++idx) {
    const std::string_view segment = want[idx];
    const bool param = segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
    if (param && segment[segment.size() - 2] == '*') {
      // The rest of the path, slashes included (entity ids are the source's and may hold one),
      // up to the pattern's literal segments after it, which must end the path.
      const std::size_t tail = want.size() - idx - 1;
      if (have.size() < idx + 1 + tail) return std::nullopt;
      for (std::size_t back = 1; back <= tail; ++back) {
        if (want[want.size() - back] != have[have.size() - back]) return std::nullopt;
      }
      const std::string_view last = have[have.size() - tail - 1];
      const std::size_t offset = have[idx].data() - path.data();
      params.emplace_back(path.substr(offset, last.data() + last.size() - have[idx].data()));
      return params;
    }
    if (idx >= have.size()) return std::nullopt;
    if (param) {
      params.emplace_back(have[idx]);
    } else if (segment != have[idx]) {
      return std::nullopt;
    }
  }
  if (want.size() != have.size()) return std::nullopt;
  return params;
}

// "Bearer <key>" -> key; "" when absent or another scheme.
std::string_view BearerKey(std::string_view header) {
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size() || header.substr(0, kScheme.size()) != kScheme) return {};
  return header.substr(kScheme.size());
}

}  // namespace

Service::Service(engine::Engine& engine, store::ServiceStore& records, ServiceOptions options)
    : engine_(engine), records_(records), options_(std::move(options)) {}

Response Service::Handle(const Request& request) const {
  const auto start = std::chrono::steady_clock::now();
  Response response;
  try {
    response = Route(request);
  } catch (...) {
    // A bug or an allocation failure in one request must not stop the server.
    response = ErrorResponse(500, "internal_error", "the request failed inside the server");
    response.route = "error";
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Record(response.route, response.status, seconds);
  return response;
}

Response Service::Route(const Request& request) const {
  bool path_known = false;
  for (const RouteSpec& route : kRoutes) {
    auto params = MatchPath(route.pattern, request.path);
    if (!params) continue;
    path_known = true;
    if (route.method != request.method) continue;
    Call call{request, std::move(*params), engine_, records_, options_, metrics_, {}};
    Response response;
    if (request.body.size() > options_.body.max_bytes) {
      response = ErrorResponse(413, "payload_too_large",
                               "the request body is " + std::to_string(request.body.size()) +
                                   " bytes; the limit is " +
                                   std::to_string(options_.body.max_bytes));
    } else if (route.role) {
      const std::string_view key = BearerKey(request.authorization);
      if (key.empty()) {
        response = ErrorResponse(401, "unauthenticated",
                                 "this route needs an API key: Authorization: Bearer <key>");
      } else if (auto found = records_.Authenticate(key); !found) {
        response = found.error().code == core::ErrorCode::kPermission
                       ? ErrorResponse(401, "unauthenticated", found.error().message)
                       : ErrorResponse(found.error());
      } else if (found->role < *route.role) {
        response = ErrorResponse(
            403, "forbidden",
            "the key's role (" + std::string(store::RoleName(found->role)) + ") may not call " +
                std::string(route.pattern) + " (needs " + std::string(store::RoleName(*route.role)) +
                ")");
        response.key_id = found->key_id;
      } else {
        call.actor = store::Actor{found->key_id, found->name};
        call.role = found->role;
        response = route.handler(call);
        response.key_id = found->key_id;
      }
    } else {
      response = route.handler(call);
    }
    response.route = std::string(route.pattern);
    return response;
  }
  Response response = path_known
                          ? ErrorResponse(405, "method_not_allowed",
                                          request.method + " is not allowed on " + request.path)
                          : ErrorResponse(404, "not_found", "no route " + request.path);
  response.route = path_known ? "method_not_allowed" : "unmatched";
  return response;
}

}  // namespace redflag::api
