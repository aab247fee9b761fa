// Shared by service_store.cc, alerts.cc and audit.cc (internal to src/store).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>
#include <string>
#include <string_view>

#include "store/service_store.h"
#include "core/parsed_list.h"
#include "store/sql.h"
#include "store/sqlite_internal.h"

namespace redflag::store {

struct ServiceStore::Impl {
  // The records' connections: one on SQLite (its writers queue on the file lock anyway), a few
  // on PostgreSQL so that reads (key checks) and the network round trips of different requests
  // overlap; writes still run one at a time under the database's write lock (sql.h).
  std::vector<std::unique_ptr<sql::Connection>> pool;
  // The list store's database, for the stored content of an entity (the false-positive memory
  // says what changed) when the records are in PostgreSQL: the data dir's file. Null on SQLite
  // (the records' own connection reads it).
  std::unique_ptr<sql::Connection> lists_db;
  const Store* attached = nullptr;  // whose imports this store audits (PostgreSQL), or null
  mutable std::mutex mutex;         // guards `idle`; lists_mutex guards lists_db
  mutable std::condition_variable freed;
  mutable std::vector<sql::Connection*> idle;
  mutable std::mutex lists_mutex;

  // A connection for one call, back to the pool when the lease ends.
  class Lease {
   public:
    Lease(const Impl& impl, sql::Connection* db) : impl_(&impl), db_(db) {}
    ~Lease() {
      {
        std::lock_guard lock(impl_->mutex);
        impl_->idle.push_back(db_);
      }
      impl_->freed.notify_one();
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    const sql::Connection& operator*() const { return *db_; }
    const sql::Connection* operator->() const { return db_; }

   private:
    const Impl* impl_;
    sql::Connection* db_;
  };
  Lease Acquire() const {
    std::unique_lock lock(mutex);
    freed.wait(lock, [this] { return !idle.empty(); });
    sql::Connection* db = idle.back();
    idle.pop_back();
    return Lease(*this, db);
  }
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
core::Status AuditImport(const Database& db, const core::ParsedList& list,
                         std::int64_t version_id);

// The same entry appended to `impl`'s database (PostgreSQL) in a transaction of its own, while
// the import's SQLite transaction waits: Store::SetImportAuditor. If the import then fails to
// commit, the chain holds an entry for a version that does not exist (an entry too many, never
// one too few).
core::Status AuditImportElsewhere(ServiceStore::Impl& impl, const core::ParsedList& list,
                                  std::int64_t version_id);

// The hash an entry must carry: SHA-256 over its previous hash and its fields.
std::string AuditHash(const AuditEntry& entry);

}  // namespace internal
}  // namespace redflag::store
