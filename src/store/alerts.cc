// Alerts, four-eyes review and false-positive memory (service_store.h).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/json_text.h"
#include "core/sha256.h"
#include "store/entity_codec.h"
#include "store/service_store_internal.h"

namespace redflag::store {
namespace {

using Database = sql::Connection;
using sql::Statement;

constexpr char kAlertColumns[] =
    "SELECT alert_id, customer_ref, entity_id, list_id, state, disposition, opened_at, "
    "updated_at, occurrences, best_score, hit_json, changes_json, pending_disposition, "
    "pending_user, pending_comment, pending_key FROM alerts ";

struct AlertRow {
  Alert alert;
  std::string pending_key;
};

AlertRow ReadAlert(const Statement& stmt) {
  AlertRow row;
  Alert& alert = row.alert;
  alert.alert_id = stmt.Int(0);
  alert.customer_ref = stmt.Text(1);
  alert.entity_id = stmt.Text(2);
  alert.list_id = stmt.Text(3);
  alert.state = stmt.Text(4);
  alert.disposition = stmt.Text(5);
  alert.opened_at = stmt.Text(6);
  alert.updated_at = stmt.Text(7);
  alert.occurrences = stmt.Int(8);
  alert.best_score = stmt.Double(9);
  alert.hit_json = stmt.Text(10);
  alert.changes_json = stmt.Text(11);
  alert.pending_disposition = stmt.Text(12);
  alert.pending_user = stmt.Text(13);
  alert.pending_comment = stmt.Text(14);
  row.pending_key = stmt.Text(15);
  return row;
}

core::Status AddEvent(const Database& db, std::int64_t alert_id, std::string_view kind,
                      const Actor& actor, const nlohmann::json& detail) {
  auto insert = db.Prepare(
      "INSERT INTO alert_events (alert_id, at, kind, key_id, \"user\", detail) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  if (!insert) return insert.error();
  insert->Bind(1, alert_id).Bind(2, core::NowUtcMillis()).Bind(3, kind);
  insert->Bind(4, actor.key_id).Bind(5, actor.user).Bind(6, core::JsonText(detail));
  return insert->Run();
}

core::Result<std::optional<AlertRow>> FindAlert(const Database& db, const std::string& where,
                                                std::int64_t id, std::string_view text1 = {},
                                                std::string_view text2 = {}) {
  auto stmt = db.Prepare(std::string(kAlertColumns) + where);
  if (!stmt) return stmt.error();
  if (id != 0) stmt->Bind(1, id);
  if (!text1.empty()) stmt->Bind(1, text1).Bind(2, text2);
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<AlertRow>();
  AlertRow alert = ReadAlert(*stmt);
  return std::optional<AlertRow>(std::move(alert));
}

std::string HexToBytes(std::string_view hex) {
  auto nibble = [](char ch) { return ch <= '9' ? ch - '0' : ch - 'a' + 10; };
  std::string out;
  for (std::size_t idx = 0; idx + 1 < hex.size(); idx += 2) {
    out.push_back(static_cast<char>(nibble(hex[idx]) * 16 + nibble(hex[idx + 1])));
  }
  return out;
}

// What changed in the entity since the content whose blob hash is `old_hash` (raw bytes).
core::Result<nlohmann::json> ChangesSince(const Database& db, std::string_view old_hash,
                                          const core::Entity& now) {
  auto stmt = db.Prepare("SELECT data FROM blobs WHERE hash = ?");
  if (!stmt) return stmt.error();
  stmt->BindBlob(1, old_hash);
  auto row = stmt->Step();
  if (!row) return row.error();
  nlohmann::json changes = nlohmann::json::array();
  if (!*row) return changes;  // the old content is gone: say nothing rather than guess
  auto old_entity = DecodeEntity(stmt->Blob(0));
  if (!old_entity) return old_entity.error();
  for (const FieldChange& change : DiffEntity(*old_entity, now)) {
    changes.push_back(
        {{"field", change.field}, {"old", change.old_value}, {"new", change.new_value}});
  }
  return changes;
}

core::Result<std::int64_t> InsertAlert(const Database& db, const ObservedHit& hit,
                                       std::string_view entity_hash,
                                       const std::string& changes_json) {
  const std::string now = core::NowUtcMillis();
  auto insert = db.Prepare(
      "INSERT INTO alerts (customer_ref, entity_id, list_id, state, opened_at, updated_at, "
      "occurrences, best_score, entity_hash, hit_json, changes_json) "
      "VALUES (?, ?, ?, 'open', ?, ?, 1, 0, ?, ?, ?) RETURNING alert_id");
  if (!insert) return insert.error();
  insert->Bind(1, hit.customer_ref).Bind(2, hit.entity->id).Bind(3, hit.entity->list_id);
  insert->Bind(4, now).Bind(5, now).BindBlob(6, entity_hash).Bind(7, hit.hit_json);
  insert->Bind(8, changes_json);
  auto returned = insert->Step();
  if (!returned) return returned.error();
  if (!*returned) return core::MakeError(core::ErrorCode::kDatabase, "no alert id returned");
  const std::int64_t alert_id = insert->Int(0);
  if (auto done = insert->Run(); !done) return done.error();
  auto score = db.Prepare("UPDATE alerts SET best_score = ?1 WHERE alert_id = ?2");
  if (!score) return score.error();
  score->BindDouble(1, hit.score).Bind(2, alert_id);
  if (auto done = score->Run(); !done) return done.error();
  return alert_id;
}

core::Status AddOccurrence(const Database& db, std::int64_t alert_id, double score) {
  // SQLite's two-argument MAX is PostgreSQL's GREATEST.
  auto update = db.Prepare(
      db.dialect() == sql::Dialect::kSqlite
          ? "UPDATE alerts SET occurrences = occurrences + 1, updated_at = ?1, "
            "best_score = MAX(best_score, ?2) WHERE alert_id = ?3"
          : "UPDATE alerts SET occurrences = occurrences + 1, updated_at = ?1, "
            "best_score = GREATEST(best_score, ?2) WHERE alert_id = ?3");
  if (!update) return update.error();
  update->Bind(1, core::NowUtcMillis());
  update->BindDouble(2, score);
  update->Bind(3, alert_id);
  return update->Run();
}

}  // namespace

std::string_view HitOutcomeName(HitOutcome outcome) {
  switch (outcome) {
    case HitOutcome::kOpened: return "opened";
    case HitOutcome::kOccurrence: return "occurrence";
    case HitOutcome::kSuppressed: return "suppressed";
    case HitOutcome::kReopened: return "reopened";
  }
  return "opened";
}

core::Result<HitResult> ServiceStore::ObserveHit(const ObservedHit& hit, const Actor& actor) {
  const std::string entity_hash = HexToBytes(core::Sha256Hex(EncodeEntity(*hit.entity)));
  auto lease = impl_->Acquire();
  const sql::Connection& db = *lease;
  auto tx = sql::Transaction::Begin(db);
  if (!tx) return tx.error();
  auto latest = FindAlert(db, "WHERE customer_ref = ?1 AND entity_id = ?2 ORDER BY alert_id DESC",
                          0, hit.customer_ref, hit.entity->id);
  if (!latest) return latest.error();
  HitResult result;
  if (*latest && ((*latest)->alert.state != "closed" ||
                  (*latest)->alert.disposition != DispositionName(Disposition::kFalsePositive))) {
    result = {(*latest)->alert.alert_id, HitOutcome::kOccurrence};
    if (auto done = AddOccurrence(db, result.alert_id, hit.score); !done) return done.error();
    if (auto done = AddEvent(db, result.alert_id, "occurrence", actor, {{"score", hit.score}});
        !done) {
      return done.error();
    }
    if (auto done = tx->Commit(); !done) return done.error();
    return result;
  }
  std::string changes_json;
  if (*latest) {
    auto stored = db.Prepare("SELECT entity_hash FROM alerts WHERE alert_id = ?");
    if (!stored) return stored.error();
    stored->Bind(1, (*latest)->alert.alert_id);
    if (auto row = stored->Step(); !row) return row.error();
    const std::string old_hash(stored->Blob(0));
    // An approved false positive stays quiet while the listing is the same content.
    if (old_hash == entity_hash) return HitResult{(*latest)->alert.alert_id, HitOutcome::kSuppressed};
    auto changes = [&] {
      if (!impl_->lists_db) return ChangesSince(db, old_hash, *hit.entity);
      std::lock_guard lists_lock(impl_->lists_mutex);
      return ChangesSince(*impl_->lists_db, old_hash, *hit.entity);
    }();
    if (!changes) return changes.error();
    changes_json = core::JsonText(*changes);
  }
  auto alert_id = InsertAlert(db, hit, entity_hash, changes_json);
  if (!alert_id) return alert_id.error();
  result = {*alert_id, *latest ? HitOutcome::kReopened : HitOutcome::kOpened};
  nlohmann::json detail = {{"score", hit.score}};
  if (*latest) detail["after_false_positive"] = (*latest)->alert.alert_id;
  if (auto done = AddEvent(db, *alert_id, "opened", actor, detail); !done) return done.error();
  if (auto done = tx->Commit(); !done) return done.error();
  return result;
}

core::Result<std::vector<Alert>> ServiceStore::ListAlerts(const AlertFilter& filter) const {
  auto lease = impl_->Acquire();
  auto stmt = lease->Prepare(
      std::string(kAlertColumns) +
      "WHERE alert_id > ?1 AND (?2 = '' OR state = ?2) AND (?3 = '' OR customer_ref = ?3) "
      "AND (?4 = '' OR list_id = ?4) AND opened_at >= ?5 ORDER BY alert_id LIMIT ?6");
  if (!stmt) return stmt.error();
  stmt->Bind(1, filter.after_id).Bind(2, filter.state).Bind(3, filter.customer_ref);
  stmt->Bind(4, filter.list_id).Bind(5, filter.since);
  stmt->Bind(6, static_cast<std::int64_t>(filter.limit));
  std::vector<Alert> alerts;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    alerts.push_back(ReadAlert(*stmt).alert);
  }
  return alerts;
}

core::Result<Alert> ServiceStore::GetAlert(std::int64_t alert_id) const {
  auto lease = impl_->Acquire();
  auto found = FindAlert(*lease, "WHERE alert_id = ?1", alert_id);
  if (!found) return found.error();
  if (!*found) {
    return core::MakeError(core::ErrorCode::kNotFound, fmt::format("no alert {}", alert_id));
  }
  Alert alert = std::move((*found)->alert);
  auto events = lease->Prepare(
      "SELECT at, kind, key_id, \"user\", detail FROM alert_events WHERE alert_id = ? "
      "ORDER BY event_id");
  if (!events) return events.error();
  events->Bind(1, alert_id);
  while (true) {
    auto row = events->Step();
    if (!row) return row.error();
    if (!*row) break;
    alert.events.push_back(AlertEvent{std::string(events->Text(0)), std::string(events->Text(1)),
                                      std::string(events->Text(2)), std::string(events->Text(3)),
                                      std::string(events->Text(4))});
  }
  return alert;
}

core::Status ServiceStore::Dispose(std::int64_t alert_id, Disposition disposition,
                                   std::string_view comment, const Actor& actor) {
  auto lease = impl_->Acquire();
  const sql::Connection& db = *lease;
  auto tx = sql::Transaction::Begin(db);
  if (!tx) return tx.error();
  auto found = FindAlert(db, "WHERE alert_id = ?1", alert_id);
  if (!found) return found.error();
  if (!*found) return core::MakeError(core::ErrorCode::kNotFound, fmt::format("no alert {}", alert_id));
  if ((*found)->alert.state != "open") {
    return core::MakeError(core::ErrorCode::kConflict,
                           fmt::format("alert {} is {}: only an open alert takes a disposition",
                                       alert_id, (*found)->alert.state));
  }
  auto update = db.Prepare(
      "UPDATE alerts SET state = 'pending_approval', pending_disposition = ?1, pending_key = ?2, "
      "pending_user = ?3, pending_comment = ?4, updated_at = ?5 WHERE alert_id = ?6");
  if (!update) return update.error();
  update->Bind(1, DispositionName(disposition)).Bind(2, actor.key_id).Bind(3, actor.user);
  update->Bind(4, comment).Bind(5, core::NowUtcMillis()).Bind(6, alert_id);
  if (auto done = update->Run(); !done) return done;
  const nlohmann::json detail = {{"alert_id", alert_id},
                                 {"disposition", DispositionName(disposition)},
                                 {"comment", comment}};
  if (auto done = AddEvent(db, alert_id, "disposition", actor, detail); !done) return done;
  auto audited = internal::AppendAuditInTransaction(db, "disposition", actor.key_id, core::JsonText(detail));
  if (!audited) return audited.error();
  return tx->Commit();
}

core::Status ServiceStore::Approve(std::int64_t alert_id, const Actor& actor) {
  auto lease = impl_->Acquire();
  const sql::Connection& db = *lease;
  auto tx = sql::Transaction::Begin(db);
  if (!tx) return tx.error();
  auto found = FindAlert(db, "WHERE alert_id = ?1", alert_id);
  if (!found) return found.error();
  if (!*found) return core::MakeError(core::ErrorCode::kNotFound, fmt::format("no alert {}", alert_id));
  const AlertRow& row = **found;
  if (row.alert.state != "pending_approval") {
    return core::MakeError(core::ErrorCode::kConflict,
                           fmt::format("alert {} is {}: nothing to approve", alert_id,
                                       row.alert.state));
  }
  // Four-eyes: neither the same key nor the same named user approves its own disposition.
  if (row.pending_key == actor.key_id || (!actor.user.empty() && row.alert.pending_user == actor.user)) {
    return core::MakeError(core::ErrorCode::kPermission,
                           "four-eyes: a disposition must be approved by a different user");
  }
  // Approved "needs information" goes back to the analysts; the others close the alert.
  const bool reopen = row.alert.pending_disposition == DispositionName(Disposition::kNeedsInformation);
  auto update = db.Prepare(
      "UPDATE alerts SET state = ?1, disposition = pending_disposition, pending_disposition = '', "
      "pending_key = '', pending_user = '', pending_comment = '', updated_at = ?2 "
      "WHERE alert_id = ?3");
  if (!update) return update.error();
  update->Bind(1, reopen ? "open" : "closed").Bind(2, core::NowUtcMillis()).Bind(3, alert_id);
  if (auto done = update->Run(); !done) return done;
  const nlohmann::json detail = {{"alert_id", alert_id},
                                 {"disposition", row.alert.pending_disposition},
                                 {"disposed_by", row.pending_key}};
  if (auto done = AddEvent(db, alert_id, "approval", actor, detail); !done) return done;
  auto audited = internal::AppendAuditInTransaction(db, "approval", actor.key_id, core::JsonText(detail));
  if (!audited) return audited.error();
  return tx->Commit();
}

core::Result<std::vector<std::pair<std::string, std::int64_t>>> ServiceStore::AlertCountsByState()
    const {
  auto lease = impl_->Acquire();
  auto stmt = lease->Prepare("SELECT state, COUNT(*) FROM alerts GROUP BY state ORDER BY state");
  if (!stmt) return stmt.error();
  std::vector<std::pair<std::string, std::int64_t>> counts;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    counts.emplace_back(std::string(stmt->Text(0)), stmt->Int(1));
  }
  return counts;
}

}  // namespace redflag::store
