// The store's schema migrations (internal to src/store): schema.cc holds them, Store::Open runs
// the missing ones.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "store/sql.h"

namespace redflag::store::internal {

struct Migration {
  int version;
  const char* description;
  const char* sql;
};

// Ordered schema steps. Never edit a released step: append a new one. Each runs in its own
// transaction together with the schema_version bump.
std::span<const Migration> Migrations();

// The monitoring tables (schema_monitor.cc), version 20.
extern const Migration kMonitorMigration;

// A migration's SQLite DDL in PostgreSQL's dialect (schema_migrate.cc): INTEGER -> BIGINT,
// INTEGER PRIMARY KEY [AUTOINCREMENT] -> an identity key, REAL -> DOUBLE PRECISION,
// BLOB -> BYTEA, no WITHOUT ROWID, the column name user quoted.
std::string PostgresDdl(std::string_view sqlite_sql);
// Runs the missing migrations on the SQLite file (Store::Open), each in its own transaction with
// the version bump; `schema_version` is the stored version, then the one reached. A database of
// a newer redflag is refused (kValidation).
class Database;
core::Status MigrateSqlite(const Database& db, int& schema_version);
// Runs the missing migrations on a PostgreSQL database, holding an advisory lock meanwhile.
core::Status MigratePostgres(const sql::Connection& db);

}  // namespace redflag::store::internal
