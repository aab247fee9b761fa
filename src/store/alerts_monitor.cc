// What a list change does to existing alerts (service_store.h, "Monitoring"): the delta
// re-screen (src/monitor) closes the alerts of removed listings and notes changed ones.
#include <nlohmann/json.hpp>

#include "store/service_store_internal.h"
#include "core/date.h"

namespace redflag::store {

core::Result<std::vector<Alert>> ServiceStore::UnclosedAlertsOfEntity(
    std::string_view entity_id) const {
  auto lease = impl_->Acquire();
  auto stmt = lease->Prepare(
      "SELECT alert_id, customer_ref, entity_id, list_id, state, best_score FROM alerts "
      "WHERE entity_id = ? AND state <> 'closed' ORDER BY alert_id");
  if (!stmt) return stmt.error();
  stmt->Bind(1, entity_id);
  std::vector<Alert> alerts;
  for (;;) {
    auto step = stmt->Step();
    if (!step) return step.error();
    if (!*step) break;
    Alert alert;
    alert.alert_id = stmt->Int(0);
    alert.customer_ref = stmt->Text(1);
    alert.entity_id = stmt->Text(2);
    alert.list_id = stmt->Text(3);
    alert.state = stmt->Text(4);
    alert.best_score = stmt->Double(5);
    alerts.push_back(std::move(alert));
  }
  return alerts;
}

core::Status ServiceStore::RecordListingChange(std::int64_t alert_id, std::string_view kind,
                                               std::string_view note, ListingEffect effect,
                                               const Actor& actor) {
  auto lease = impl_->Acquire();
  const sql::Connection& db = *lease;
  auto txn = sql::Transaction::Begin(db);
  if (!txn) return txn.error();
  const std::string now = core::NowUtcMillis();
  auto update = db.Prepare(effect == ListingEffect::kClose
                               ? "UPDATE alerts SET state = 'closed', updated_at = ?1 "
                                 "WHERE alert_id = ?2"
                               : "UPDATE alerts SET updated_at = ?1 WHERE alert_id = ?2");
  if (!update) return update.error();
  update->Bind(1, now).Bind(2, alert_id);
  if (auto done = update->Run(); !done) return done;
  auto insert = db.Prepare(
      "INSERT INTO alert_events (alert_id, at, kind, key_id, \"user\", detail) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  if (!insert) return insert.error();
  const nlohmann::json detail = {{"note", note}};
  insert->Bind(1, alert_id).Bind(2, now).Bind(3, kind).Bind(4, actor.key_id).Bind(5, actor.user);
  insert->Bind(6, detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (auto done = insert->Run(); !done) return done;
  return txn->Commit();
}

}  // namespace redflag::store
