// The route handlers of Service (internal to src/api). Each takes the call's context and
// returns a Response; none throws (Service::Handle also catches, as a last resort).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/http.h"
#include "api/service.h"
#include "engine/engine.h"
#include "store/service_store.h"

namespace redflag::api::internal {

struct Call {
  const Request& request;
  std::vector<std::string> params;  // path parameters, in pattern order
  engine::Engine& engine;
  store::ServiceStore& records;
  const ServiceOptions& options;
  Metrics& metrics;
  store::Actor actor;  // the key's id and name; empty on public routes
  store::Role role = store::Role::kScreener;  // the key's role (routes that need a key)
};

using Handler = Response (*)(const Call& call);

// system_handlers.cc
Response Healthz(const Call& call);
Response Readyz(const Call& call);
Response MetricsText(const Call& call);
Response OpenApi(const Call& call);
Response WhoAmI(const Call& call);
// screen_handlers.cc
Response Screen(const Call& call);
Response Compare(const Call& call);
Response Decide(const Call& call);
// payment_handler.cc
Response CheckPayment(const Call& call);
// yente.cc
Response Match(const Call& call);
// list_handlers.cc
Response GetEntity(const Call& call);
Response GetLists(const Call& call);
Response GetListVersions(const Call& call);
Response GetListDiff(const Call& call);
Response GetEntityHistory(const Call& call);
// import_handler.cc
Response ImportLists(const Call& call);
// alert_handlers.cc
Response ListAlerts(const Call& call);
Response GetAlert(const Call& call);
Response DisposeAlert(const Call& call);
Response ApproveAlert(const Call& call);
Response SendBackAlert(const Call& call);
// audit_handlers.cc
Response ListAudit(const Call& call);
Response VerifyAudit(const Call& call);

// Helpers shared by the handlers.
// The generation being served, or nullptr with `unavailable` set to a 503 response.
std::shared_ptr<const engine::Generation> ServedGeneration(const Call& call,
                                                           Response& unavailable);
// {"<list_id>": <version_id>, ...} of a generation: what an audit entry records.
nlohmann::json ListVersionsJson(const engine::Generation& generation);
// Appends an audit entry; the error response when it cannot be written.
bool Audit(const Call& call, std::string_view kind, const nlohmann::json& payload,
           Response& failure);

}  // namespace redflag::api::internal
