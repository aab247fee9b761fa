// A small SQL layer (internal to src/store) with two backends: SQLite (the embedded default) and
// PostgreSQL through libpq (docs/store.md, "PostgreSQL"). Code written against it runs on both:
//
// - Placeholders are SQLite's `?` and `?N`; the PostgreSQL backend rewrites them to `$N`
//   (outside string literals and quoted identifiers).
// - Values: text, 64-bit integers, doubles, blobs (SQLite BLOB, PostgreSQL BYTEA). Ids come
//   back through `INSERT ... RETURNING`, which both understand.
// - Transaction::Begin takes the database's single write lock at once: SQLite's BEGIN
//   IMMEDIATE, and on PostgreSQL a transaction-scoped advisory lock (kWriteLockKey) taken in the
//   same transaction. So a read-then-write transaction (open an alert if none is open, append
//   to the audit chain after its head) behaves the same on both: writers from any process or
//   connection run one after the other, readers are never blocked.
//
// Not thread-safe: one Connection is used by one thread at a time (its owner holds a mutex).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace redflag::store::internal {
class Database;
}

namespace redflag::store::sql {

enum class Dialect : std::uint8_t { kSqlite, kPostgres };

// The PostgreSQL advisory lock every write transaction takes ("redflag" in ASCII).
inline constexpr std::int64_t kWriteLockKey = 0x7265646661676;
// The advisory lock held while migrating a PostgreSQL schema (two servers starting at once).
inline constexpr std::int64_t kMigrateLockKey = 0x7265646661677;

// One backend's prepared statement (sql_sqlite.cc, sql_postgres.cc).
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void BindText(int index, std::string_view text) = 0;
  virtual void BindInt(int index, std::int64_t value) = 0;
  virtual void BindDouble(int index, double value) = 0;
  virtual void BindBlob(int index, std::string_view bytes) = 0;
  virtual core::Result<bool> Step() = 0;
  virtual void Reset() = 0;
  // Rows inserted, updated or deleted by the statement's last run.
  virtual std::int64_t Changes() const = 0;
  virtual std::int64_t Int(int column) const = 0;
  virtual double Double(int column) const = 0;
  virtual std::string_view Text(int column) const = 0;
  virtual std::string_view Blob(int column) const = 0;
  virtual bool IsNull(int column) const = 0;
};

// A statement: bind (1-based, like SQLite), Step through the rows (0-based columns).
class Statement {
 public:
  explicit Statement(std::unique_ptr<StatementBackend> backend) : backend_(std::move(backend)) {}

  Statement& Bind(int index, std::string_view text) { return backend_->BindText(index, text), *this; }
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, std::int64_t value) { return backend_->BindInt(index, value), *this; }
  Statement& BindDouble(int index, double value) { return backend_->BindDouble(index, value), *this; }
  Statement& BindBlob(int index, std::string_view bytes) { return backend_->BindBlob(index, bytes), *this; }
  // true: a row is available; false: done.
  core::Result<bool> Step() { return backend_->Step(); }
  // Runs to completion (for statements that return no rows) and resets.
  core::Status Run();
  // Like Run, and says how many rows it changed.
  core::Result<std::int64_t> Execute();
  void Reset() { backend_->Reset(); }

  std::int64_t Int(int column) const { return backend_->Int(column); }
  double Double(int column) const { return backend_->Double(column); }
  std::string_view Text(int column) const { return backend_->Text(column); }
  std::string_view Blob(int column) const { return backend_->Blob(column); }
  bool IsNull(int column) const { return backend_->IsNull(column); }

 private:
  std::unique_ptr<StatementBackend> backend_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  virtual core::Result<Statement> Prepare(std::string_view sql) const = 0;
  // One or more statements without parameters (migrations, BEGIN/COMMIT).
  virtual core::Status Exec(const std::string& sql) const = 0;
  // Where the data is, for messages: a file path or "postgresql://host:port/db" (no password).
  virtual std::string Describe() const = 0;
};

// Rolls back on destruction unless Commit() succeeded. Begin takes the write lock (see above).
class Transaction {
 public:
  static core::Result<Transaction> Begin(const Connection& db);
  ~Transaction();
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  core::Status Commit();

 private:
  explicit Transaction(const Connection* db) : db_(db) {}
  const Connection* db_ = nullptr;
};

// "postgresql://..." or "postgres://..." (libpq's URI forms).
bool IsPostgresUrl(std::string_view url);
// The URL without its password, for messages and logs.
std::string RedactUrl(std::string_view url);

// A new SQLite connection (busy timeout, foreign keys on, synchronous=NORMAL), or one that
// borrows an open internal::Database (which must outlive it).
core::Result<std::unique_ptr<Connection>> OpenSqlite(const std::filesystem::path& path);
std::unique_ptr<Connection> BorrowSqlite(const internal::Database& db);
// A PostgreSQL connection (libpq), kDatabase Error naming the redacted URL when it fails.
core::Result<std::unique_ptr<Connection>> OpenPostgres(std::string_view url);

// The PostgreSQL rewrite of SQLite-style placeholders: `?` -> `$k` (counting), `?N` -> `$N`.
std::string PostgresPlaceholders(std::string_view sql);

}  // namespace redflag::store::sql
