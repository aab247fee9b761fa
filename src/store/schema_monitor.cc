// The monitoring tables (books of counterparties, versioned), as a migration of their own
// (docs/monitoring.md). Numbered 20 so that the service's migrations (3, 4, ...) can still be
// appended below it without a clash; Store::Open runs every migration above the stored version.
#include "store/schema_internal.h"

namespace redflag::store::internal {

const Migration kMonitorMigration = {
    20, "monitor: books of counterparties, versioned; internal lists, proposals and votes",
    R"sql(
CREATE TABLE books (
  book            TEXT PRIMARY KEY,
  current_version INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE book_versions (
  book        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  file        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  row_count   INTEGER NOT NULL,
  added       INTEGER NOT NULL,
  changed     INTEGER NOT NULL,
  removed     INTEGER NOT NULL,
  PRIMARY KEY (book, version)
) WITHOUT ROWID;
CREATE TABLE book_rows (
  book         TEXT NOT NULL,
  customer_ref TEXT NOT NULL,
  valid_from   INTEGER NOT NULL,
  valid_to     INTEGER,
  line         INTEGER NOT NULL,
  name         TEXT NOT NULL,
  type         TEXT NOT NULL,
  country      TEXT NOT NULL,
  dob          TEXT NOT NULL,
  id           TEXT NOT NULL,
  attributes   TEXT NOT NULL,
  PRIMARY KEY (book, customer_ref, valid_from)
) WITHOUT ROWID;
CREATE INDEX book_rows_current ON book_rows(book, valid_to);
CREATE INDEX alerts_by_entity ON alerts(entity_id, state);
CREATE TABLE internal_lists (
  name       TEXT PRIMARY KEY,
  policy     TEXT NOT NULL,
  committee  TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE proposals (
  proposal_id INTEGER PRIMARY KEY AUTOINCREMENT,
  list_name   TEXT NOT NULL REFERENCES internal_lists(name),
  action      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  country     TEXT NOT NULL,
  reason      TEXT NOT NULL,
  proposed_by TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  state       TEXT NOT NULL,
  decided_at  TEXT NOT NULL DEFAULT '',
  version_id  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE proposal_votes (
  proposal_id INTEGER NOT NULL REFERENCES proposals(proposal_id),
  user        TEXT NOT NULL,
  vote        TEXT NOT NULL,
  at          TEXT NOT NULL,
  PRIMARY KEY (proposal_id, user)
) WITHOUT ROWID;
)sql"};

}  // namespace redflag::store::internal
