// The store's schema, as ordered migrations (docs/store.md, "Migrations").
#include "store/schema_internal.h"

#include <array>
#include <vector>

namespace redflag::store::internal {
namespace {

// Ordered schema steps. Never edit a released step: append a new one. Each runs in its own
// transaction together with the schema_version bump.
const std::array<Migration, 2> kMigrations = {{
    {1, "initial schema: versions, files, lists, blobs, version entities, diagnostics",
     R"sql(
CREATE TABLE versions (
  version_id      INTEGER PRIMARY KEY AUTOINCREMENT,
  list_id         TEXT NOT NULL,
  format          TEXT NOT NULL,
  published       TEXT NOT NULL DEFAULT '',
  imported_at     TEXT NOT NULL,
  entity_count    INTEGER NOT NULL,
  name_count      INTEGER NOT NULL,
  warning_count   INTEGER NOT NULL,
  files_digest    TEXT NOT NULL,
  entities_digest TEXT NOT NULL
);
CREATE INDEX versions_by_list ON versions(list_id, version_id);
CREATE TABLE version_files (
  version_id INTEGER NOT NULL REFERENCES versions(version_id) ON DELETE CASCADE,
  file_idx   INTEGER NOT NULL,
  path       TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  size       INTEGER NOT NULL,
  PRIMARY KEY (version_id, file_idx)
) WITHOUT ROWID;
CREATE TABLE lists (
  list_id        TEXT PRIMARY KEY,
  active_version INTEGER NOT NULL REFERENCES versions(version_id)
) WITHOUT ROWID;
CREATE TABLE blobs (
  blob_id INTEGER PRIMARY KEY,
  hash    BLOB NOT NULL UNIQUE,
  data    BLOB NOT NULL
);
CREATE TABLE version_entities (
  version_id INTEGER NOT NULL REFERENCES versions(version_id) ON DELETE CASCADE,
  ord        INTEGER NOT NULL,
  entity_id  TEXT NOT NULL,
  blob_id    INTEGER NOT NULL REFERENCES blobs(blob_id),
  PRIMARY KEY (version_id, ord)
) WITHOUT ROWID;
CREATE UNIQUE INDEX version_entities_by_id ON version_entities(version_id, entity_id);
CREATE TABLE version_diagnostics (
  version_id INTEGER NOT NULL REFERENCES versions(version_id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  severity   INTEGER NOT NULL,
  file       TEXT NOT NULL,
  line       INTEGER NOT NULL,
  element    TEXT NOT NULL,
  field      TEXT NOT NULL,
  original   TEXT NOT NULL,
  message    TEXT NOT NULL,
  action     TEXT NOT NULL,
  PRIMARY KEY (version_id, idx)
) WITHOUT ROWID;
)sql"},
    {2, "service: API keys, alerts with their events, hash-chained audit log",
     R"sql(
CREATE TABLE api_keys (
  key_id     TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL,
  hash       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE alerts (
  alert_id     INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_ref TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  list_id      TEXT NOT NULL,
  state        TEXT NOT NULL,
  disposition  TEXT NOT NULL DEFAULT '',
  opened_at    TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  occurrences  INTEGER NOT NULL,
  best_score   REAL NOT NULL,
  entity_hash  BLOB NOT NULL,
  hit_json     TEXT NOT NULL,
  changes_json TEXT NOT NULL DEFAULT '',
  pending_disposition TEXT NOT NULL DEFAULT '',
  pending_key  TEXT NOT NULL DEFAULT '',
  pending_user TEXT NOT NULL DEFAULT '',
  pending_comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alerts_by_pair ON alerts(customer_ref, entity_id, alert_id);
CREATE INDEX alerts_by_state ON alerts(state, alert_id);
CREATE TABLE alert_events (
  event_id INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id INTEGER NOT NULL REFERENCES alerts(alert_id),
  at       TEXT NOT NULL,
  kind     TEXT NOT NULL,
  key_id   TEXT NOT NULL,
  user     TEXT NOT NULL,
  detail   TEXT NOT NULL
);
CREATE INDEX alert_events_by_alert ON alert_events(alert_id, event_id);
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  kind      TEXT NOT NULL,
  actor     TEXT NOT NULL,
  payload   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
)sql"},
}};

}  // namespace

// The service's steps, then the monitoring step (schema_monitor.cc), in version order.
std::span<const Migration> Migrations() {
  static const std::vector<Migration> all = [] {
    std::vector<Migration> steps(kMigrations.begin(), kMigrations.end());
    steps.push_back(kMonitorMigration);
    return steps;
  }();
  return all;
}

}  // namespace redflag::store::internal
