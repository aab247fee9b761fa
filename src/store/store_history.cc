// An entity's history across the versions of its list: its content in each version (one query
// over the versions, the entity's row and its blob), and the steps between them, worded by
// DiffEntity (store_diff.cc) as the list diff words them.
#include "store/entity_codec.h"
#include "store/store_history_internal.h"

namespace redflag::store {

std::vector<EntityHistoryStep> HistorySteps(const EntityTimeline& timeline) {
  std::vector<EntityHistoryStep> steps;
  const core::Entity* previous = nullptr;
  for (const auto& [version_id, entity] : timeline) {
    const core::Entity* current = entity ? &*entity : nullptr;
    if (previous == nullptr && current != nullptr) {
      steps.push_back({version_id, "added", {}});
    } else if (previous != nullptr && current == nullptr) {
      steps.push_back({version_id, "removed", {}});
    } else if (previous != nullptr && current != nullptr) {
      auto changes = DiffEntity(*previous, *current);
      if (!changes.empty()) steps.push_back({version_id, "changed", std::move(changes)});
    }
    previous = current;
  }
  return steps;
}

namespace internal {

core::Result<std::vector<EntityHistoryStep>> EntityHistoryIn(const Database& db,
                                                             std::string_view entity_id) {
  // Every version of the entity's list (the id's part before ':'), with the entity's blob where
  // that version holds it.
  auto stmt = db.Prepare(
      "SELECT v.version_id, b.data FROM versions v LEFT JOIN version_entities ve "
      "ON ve.version_id = v.version_id AND ve.entity_id = ?1 "
      "LEFT JOIN blobs b ON b.blob_id = ve.blob_id WHERE v.list_id = ?2 ORDER BY v.version_id");
  if (!stmt) return stmt.error();
  stmt->Bind(1, entity_id).Bind(2, entity_id.substr(0, entity_id.find(':')));
  EntityTimeline timeline;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    timeline.emplace_back(stmt->Int(0), std::nullopt);
    if (stmt->IsNull(1)) continue;
    auto entity = DecodeEntity(stmt->Blob(1));
    if (!entity) {
      auto error = entity.error();
      error.message = "entity " + std::string(entity_id) + ": " + error.message;
      return error;
    }
    timeline.back().second = std::move(*entity);
  }
  return HistorySteps(timeline);
}

}  // namespace internal
}  // namespace redflag::store
