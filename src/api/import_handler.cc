// POST /v1/lists/import (admin): import list files from directories on the server, as
// `redflag lists import` does (atomic per list: a list that fails changes nothing), then swap
// the served generation. Body: {"paths": ["/srv/lists/un", ...]}. Uploads are not taken yet.
#include <fmt/format.h>

#include "api/handlers_internal.h"
#include "api/json_body.h"
#include "sources/registry.h"

namespace redflag::api::internal {
namespace {

constexpr std::size_t kMaxPaths = 64;

nlohmann::json ImportJob(const Call& call, const sources::ImportJob& job) {
  nlohmann::json out = {{"list_id", job.list_id}, {"format", job.format}};
  auto parsed = sources::Parse(job);
  if (!parsed) {
    out["status"] = "failed";
    out["error"] = parsed.error().ToString();
    return out;
  }
  auto imported = call.engine.store().Import(*parsed);
  if (!imported) {
    out["status"] = "failed";
    out["error"] = imported.error().ToString();
    return out;
  }
  out["status"] = imported->status == store::ImportStatus::kImported ? "imported" : "unchanged";
  out["version"] = imported->version.version_id;
  out["entities"] = imported->version.entity_count;
  return out;
}

}  // namespace

Response ImportLists(const Call& call) {
  auto body = ParseJsonObject(call.request.body, call.options.body);
  if (!body) return ErrorResponse(body.error());
  if (auto known = OnlyKnownFields(*body, {"paths"}, ""); !known) return ErrorResponse(known.error());
  const auto paths = body->find("paths");
  if (paths == body->end() || !paths->is_array() || paths->empty() || paths->size() > kMaxPaths) {
    return ErrorResponse(400, "invalid_argument",
                         fmt::format("paths must be 1 to {} server-side directories or files",
                                     kMaxPaths),
                         "paths");
  }
  nlohmann::json lists = nlohmann::json::array();
  bool failed = false;
  for (std::size_t idx = 0; idx < paths->size(); ++idx) {
    const auto& path = (*paths)[idx];
    if (!path.is_string()) {
      return ErrorResponse(400, "invalid_argument", "each path must be a string",
                           fmt::format("paths[{}]", idx));
    }
    core::Diagnostics found;
    auto jobs = sources::Discover(path.get<std::string>(), found);
    if (!jobs) return ErrorResponse(jobs.error());
    for (const sources::ImportJob& job : *jobs) {
      lists.push_back(ImportJob(call, job));
      failed = failed || lists.back()["status"] == "failed";
    }
  }
  auto reloaded = call.engine.Reload(engine::ReloadMode::kIfChanged);
  const auto generation = call.engine.Current();
  nlohmann::json out = {{"lists", lists},
                        {"failed", failed},
                        {"served_generation", generation ? generation->number : 0}};
  if (!reloaded) out["reload_error"] = reloaded.error().ToString();
  Response failure;
  if (!Audit(call, "import_request", {{"paths", *paths}, {"lists", lists}}, failure)) {
    return failure;
  }
  return JsonResponse(out, failed || !reloaded ? 422 : 200);
}

}  // namespace redflag::api::internal
