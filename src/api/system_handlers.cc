// /healthz, /readyz, /metrics, /openapi.json and the helpers every handler shares.
#include <chrono>
#include <ctime>

#include <fmt/format.h>

#include "api/handlers_internal.h"

namespace redflag::api::internal {
namespace {

// Seconds since an "YYYY-MM-DDTHH:MM:SSZ" UTC time, or -1 when it does not parse.
double AgeSeconds(const std::string& utc) {
  std::tm tm{};
  if (strptime(utc.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr) return -1;
  const std::time_t then = timegm(&tm);
  return std::difftime(std::time(nullptr), then);
}

}  // namespace

std::shared_ptr<const engine::Generation> ServedGeneration(const Call& call,
                                                           Response& unavailable) {
  auto generation = call.engine.Current();
  if (generation == nullptr) {
    unavailable = ErrorResponse(503, "unavailable",
                                "no lists imported yet: run `redflag lists import DIR`");
  }
  return generation;
}

nlohmann::json ListVersionsJson(const engine::Generation& generation) {
  nlohmann::json versions = nlohmann::json::object();
  for (const store::ListVersion& version : generation.versions) {
    versions[version.list_id] = version.version_id;
  }
  return versions;
}

bool Audit(const Call& call, std::string_view kind, const nlohmann::json& payload,
           Response& failure) {
  auto entry = call.records.AppendAudit(
      kind, call.actor.key_id,
      payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (!entry) {
    // Nothing is answered that the audit trail does not hold.
    failure = ErrorResponse(entry.error());
    return false;
  }
  return true;
}

Response Healthz(const Call&) { return JsonResponse({{"status", "ok"}}); }

Response Readyz(const Call& call) {
  const auto generation = call.engine.Current();
  if (generation == nullptr) {
    return ErrorResponse(503, "unavailable", "no lists loaded yet");
  }
  return JsonResponse({{"status", "ready"},
                       {"generation", generation->number},
                       {"entities", generation->snapshot->entities().size()},
                       {"list_versions", ListVersionsJson(*generation)}});
}

Response MetricsText(const Call& call) {
  Response response;
  response.content_type = "text/plain; version=0.0.4";
  response.body = call.metrics.Render();
  const auto generation = call.engine.Current();
  response.body +=
      "# HELP redflag_ready 1 when lists are loaded.\n# TYPE redflag_ready gauge\n" +
      fmt::format("redflag_ready {}\n", generation != nullptr ? 1 : 0);
  if (generation != nullptr) {
    response.body +=
        "# HELP redflag_list_version Active version id per list.\n"
        "# TYPE redflag_list_version gauge\n";
    for (const auto& version : generation->versions) {
      response.body += fmt::format("redflag_list_version{{list=\"{}\"}} {}\n", version.list_id,
                                   version.version_id);
    }
    response.body +=
        "# HELP redflag_list_age_seconds Seconds since the active version was imported.\n"
        "# TYPE redflag_list_age_seconds gauge\n";
    for (const auto& version : generation->versions) {
      response.body += fmt::format("redflag_list_age_seconds{{list=\"{}\"}} {:.0f}\n",
                                   version.list_id, AgeSeconds(version.imported_at));
    }
  }
  if (auto counts = call.records.AlertCountsByState()) {
    response.body += "# HELP redflag_alerts Alerts by state.\n# TYPE redflag_alerts gauge\n";
    for (const auto& [state, count] : *counts) {
      response.body += fmt::format("redflag_alerts{{state=\"{}\"}} {}\n", state, count);
    }
  }
  return response;
}

// The key that called: what the web page shows and offers (docs/web.md).
Response WhoAmI(const Call& call) {
  return JsonResponse({{"key_id", call.actor.key_id},
                       {"name", call.actor.user},
                       {"role", store::RoleName(call.role)}});
}

Response OpenApi(const Call&) {
  Response response;
  response.body = std::string(OpenApiDocument());
  return response;
}

}  // namespace redflag::api::internal
