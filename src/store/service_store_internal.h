// Shared by service_store.cc, alerts.cc and audit.cc (internal to src/store).
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "store/service_store.h"
#include "sources/parsed_list.h"
#include "store/sql.h"
#include "store/sqlite_internal.h"

namespace redflag::store {

struct ServiceStore::Impl {
  std::unique_ptr<sql::Connection> db;  // SQLite (the data dir's file) or PostgreSQL
  // The list store's database, for the stored content of an entity (the false-positive memory
  // says what changed): `db` itself on SQLite, the data dir's file when `db` is PostgreSQL.
  std::unique_ptr<sql::Connection> lists_db;
  const Store* attached = nullptr;  // whose imports this store audits (PostgreSQL), or null
  mutable std::mutex mutex;  // a connection is used by one thread at a time: every use holds this
  const sql::Connection& lists() const { return lists_db ? *lists_db : *db; }
};

namespace internal {

// Appends one audit entry inside the caller's write transaction (BEGIN IMMEDIATE), so that the
// entry and the change it records commit together and the chain never forks between processes.
core::Result<AuditEntry> AppendAuditInTransaction(const sql::Connection& db, std::string_view kind,
                                                  std::string_view actor,
                                                  std::string_view payload_json);

// The same on a store-internal SQLite connection (list imports, books, governance).
core::Result<AuditEntry> AppendAuditInTransaction(const Database& db, std::string_view kind,
                                                  std::string_view actor,
                                                  std::string_view payload_json);

// The audit entry of a list import (list, version, files and their sha256, counts), inside the
// import's transaction.
core::Status AuditImport(const Database& db, const sources::ParsedList& list,
                         std::int64_t version_id);

// The same entry appended to `impl`'s database (PostgreSQL) in a transaction of its own, while
// the import's SQLite transaction waits: Store::SetImportAuditor. If the import then fails to
// commit, the chain holds an entry for a version that does not exist (an entry too many, never
// one too few).
core::Status AuditImportElsewhere(ServiceStore::Impl& impl, const sources::ParsedList& list,
                                  std::int64_t version_id);

// The hash an entry must carry: SHA-256 over its previous hash and its fields.
std::string AuditHash(const AuditEntry& entry);

}  // namespace internal
}  // namespace redflag::store
