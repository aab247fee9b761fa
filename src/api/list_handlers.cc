// GET /v1/entities/{id}, /v1/entities/{id}/history, /v1/lists, /v1/lists/{id}/versions,
// /v1/lists/{id}/diff.
#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "api/entity_json.h"
#include "api/handlers_internal.h"
#include "store/version_json.h"

namespace redflag::api::internal {
namespace {

std::optional<std::int64_t> ParseId(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

nlohmann::json ChangesJson(const std::vector<store::FieldChange>& changes) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& field : changes) {
    fields.push_back({{"field", field.field}, {"old", field.old_value}, {"new", field.new_value}});
  }
  return fields;
}

nlohmann::json DiffJson(const store::ListDiff& diff) {
  nlohmann::json added = nlohmann::json::array();
  nlohmann::json removed = nlohmann::json::array();
  nlohmann::json changed = nlohmann::json::array();
  for (const auto& ref : diff.added) added.push_back({{"id", ref.id}, {"name", ref.name}});
  for (const auto& ref : diff.removed) removed.push_back({{"id", ref.id}, {"name", ref.name}});
  for (const auto& change : diff.changed) {
    changed.push_back(
        {{"id", change.id}, {"name", change.name}, {"changes", ChangesJson(change.changes)}});
  }
  return {{"list_id", diff.list_id},
          {"from", diff.from_version},
          {"to", diff.to_version},
          {"counts",
           {{"added", diff.added.size()},
            {"removed", diff.removed.size()},
            {"changed", diff.changed.size()},
            {"unchanged", diff.unchanged}}},
          {"added", added},
          {"removed", removed},
          {"changed", changed}};
}

}  // namespace

Response GetEntity(const Call& call) {
  Response unavailable;
  const auto generation = ServedGeneration(call, unavailable);
  if (generation == nullptr) return unavailable;
  const core::Entity* entity = generation->snapshot->Find(call.params[0]);
  if (entity == nullptr) {
    return ErrorResponse(404, "not_found", "no entity \"" + call.params[0] + "\" in the active lists",
                         "id");
  }
  nlohmann::json out = EntityToJson(*entity);
  // The same party on other lists (an OFAC entry and its CSL copy): all its listings.
  nlohmann::json same_party = nlohmann::json::array();
  for (std::uint32_t idx : generation->snapshot->PartyOf(generation->snapshot->IndexOf(entity))) {
    const core::Entity& other = generation->snapshot->entities()[idx];
    if (&other != entity) same_party.push_back(other.id);
  }
  if (!same_party.empty()) out["same_party"] = std::move(same_party);
  return JsonResponse(out);
}

Response GetEntityHistory(const Call& call) {
  const std::string& entity_id = call.params[0];
  auto steps = call.engine.store().EntityHistory(entity_id);
  if (!steps) return ErrorResponse(steps.error());
  if (steps->empty()) {
    return ErrorResponse(404, "not_found",
                         "entity \"" + entity_id + "\" is in no version of any list", "id");
  }
  const std::string list_id = entity_id.substr(0, entity_id.find(':'));
  auto versions = call.engine.store().Versions(list_id);
  if (!versions) return ErrorResponse(versions.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& step : *steps) {
    nlohmann::json item = {{"version", step.version_id}, {"kind", step.kind}};
    for (const auto& version : *versions) {
      if (version.version_id != step.version_id) continue;
      item["published"] =
          version.published.empty() ? nullptr : nlohmann::json(version.published.ToString());
      item["imported_at"] = version.imported_at;
    }
    if (!step.changes.empty()) item["changes"] = ChangesJson(step.changes);
    out.push_back(std::move(item));
  }
  const bool present = steps->back().kind != "removed";
  return JsonResponse({{"entity_id", entity_id},
                       {"list_id", list_id},
                       {"versions_of_list", versions->size()},
                       {"in_latest_version", present},
                       {"history", out}});
}

Response GetLists(const Call& call) {
  auto versions = call.engine.store().ActiveVersions();
  if (!versions) return ErrorResponse(versions.error());
  nlohmann::json lists = nlohmann::json::array();
  for (const auto& version : *versions) lists.push_back(store::VersionToJson(version));
  const auto generation = call.engine.Current();
  return JsonResponse({{"lists", lists},
                       {"served_generation", generation ? generation->number : 0},
                       {"served_versions",
                        generation ? ListVersionsJson(*generation) : nlohmann::json::object()}});
}

Response GetListVersions(const Call& call) {
  auto versions = call.engine.store().Versions(call.params[0]);
  if (!versions) return ErrorResponse(versions.error());
  if (versions->empty()) {
    return ErrorResponse(404, "not_found", "list " + call.params[0] + " was never imported", "id");
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& version : *versions) out.push_back(store::VersionToJson(version));
  return JsonResponse({{"list_id", call.params[0]}, {"versions", out}});
}

Response GetListDiff(const Call& call) {
  const std::string& list_id = call.params[0];
  auto versions = call.engine.store().Versions(list_id);
  if (!versions) return ErrorResponse(versions.error());
  if (versions->empty()) {
    return ErrorResponse(404, "not_found", "list " + list_id + " was never imported", "id");
  }
  std::int64_t from = 0;
  std::int64_t to = 0;
  if (call.request.HasParam("from") || call.request.HasParam("to")) {
    const auto from_id = ParseId(call.request.Param("from"));
    const auto to_id = ParseId(call.request.Param("to"));
    if (!from_id || !to_id) {
      return ErrorResponse(400, "invalid_argument",
                           "give both from and to as version ids, or neither", "from");
    }
    from = *from_id;
    to = *to_id;
  } else {
    auto active = std::find_if(versions->begin(), versions->end(),
                               [](const auto& version) { return version.active; });
    if (active == versions->end() || active == versions->begin()) {
      return ErrorResponse(404, "not_found",
                           list_id + " has no version before its active one; give from and to");
    }
    from = std::prev(active)->version_id;
    to = active->version_id;
  }
  auto diff = call.engine.store().Diff(list_id, from, to);
  if (!diff) return ErrorResponse(diff.error());
  return JsonResponse(DiffJson(*diff));
}

}  // namespace redflag::api::internal
