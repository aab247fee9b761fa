// The SQLite backend of the SQL layer (sql.h) over the store's RAII wrappers
// (sqlite_internal.h), and the backend-neutral parts of sql.h.
#include <sqlite3.h>

#include <utility>

#include "store/sql.h"
#include "store/sqlite_internal.h"

namespace redflag::store::sql {
namespace {

constexpr int kBusyTimeoutMs = 10000;

class SqliteStatement final : public StatementBackend {
 public:
  SqliteStatement(sqlite3* db, internal::Statement stmt) : db_(db), stmt_(std::move(stmt)) {}
  void BindText(int index, std::string_view text) override { stmt_.Bind(index, text); }
  void BindInt(int index, std::int64_t value) override { stmt_.Bind(index, value); }
  void BindDouble(int index, double value) override { stmt_.BindDouble(index, value); }
  void BindBlob(int index, std::string_view bytes) override { stmt_.BindBlob(index, bytes); }
  core::Result<bool> Step() override {
    auto row = stmt_.Step();
    if (row && !*row) changes_ = sqlite3_changes64(db_);
    return row;
  }
  void Reset() override { stmt_.Reset(); }
  std::int64_t Changes() const override { return changes_; }
  std::int64_t Int(int column) const override { return stmt_.Int(column); }
  double Double(int column) const override { return stmt_.Double(column); }
  std::string_view Text(int column) const override { return stmt_.Text(column); }
  std::string_view Blob(int column) const override { return stmt_.Blob(column); }
  bool IsNull(int column) const override { return stmt_.IsNull(column); }

 private:
  sqlite3* db_;
  internal::Statement stmt_;
  std::int64_t changes_ = 0;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const internal::Database* db) : db_(db) {}
  explicit SqliteConnection(internal::Database owned)
      : owned_(std::move(owned)), db_(&owned_) {}
  Dialect dialect() const override { return Dialect::kSqlite; }
  core::Result<Statement> Prepare(std::string_view sql) const override {
    auto stmt = db_->Prepare(sql);
    if (!stmt) return stmt.error();
    return Statement(std::make_unique<SqliteStatement>(db_->get(), std::move(*stmt)));
  }
  core::Status Exec(const std::string& sql) const override { return db_->Exec(sql); }
  std::string Describe() const override { return db_->path().string(); }

 private:
  internal::Database owned_;
  const internal::Database* db_;
};

}  // namespace

core::Status Statement::Run() {
  auto done = Execute();
  if (!done) return done.error();
  return core::Ok();
}

core::Result<std::int64_t> Statement::Execute() {
  while (true) {
    auto row = Step();
    if (!row) {
      Reset();
      return row.error();
    }
    if (!*row) break;
  }
  const std::int64_t changes = backend_->Changes();
  Reset();
  return changes;
}

core::Result<Transaction> Transaction::Begin(const Connection& db) {
  if (db.dialect() == Dialect::kSqlite) {
    // IMMEDIATE takes the write lock now, so a concurrent writer waits (busy timeout) here
    // rather than failing half-way.
    if (auto begun = db.Exec("BEGIN IMMEDIATE"); !begun) return begun.error();
    return Transaction(&db);
  }
  // The same on PostgreSQL: one writer at a time, the lock released by COMMIT or ROLLBACK.
  if (auto begun = db.Exec("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kWriteLockKey) +
                           ")");
      !begun) {
    (void)db.Exec("ROLLBACK");
    return begun.error();
  }
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
}

core::Status Transaction::Commit() {
  if (db_ == nullptr) return core::MakeError(core::ErrorCode::kInternal, "commit twice");
  auto committed = db_->Exec("COMMIT");
  if (!committed) return committed;  // the destructor rolls back
  db_ = nullptr;
  return core::Ok();
}

core::Result<std::unique_ptr<Connection>> OpenSqlite(const std::filesystem::path& path) {
  auto db = internal::Database::Open(path);
  if (!db) return db.error();
  sqlite3_busy_timeout(db->get(), kBusyTimeoutMs);
  for (const char* pragma : {"PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"}) {
    if (auto done = db->Exec(pragma); !done) return done.error();
  }
  return std::unique_ptr<Connection>(new SqliteConnection(std::move(*db)));
}

std::unique_ptr<Connection> BorrowSqlite(const internal::Database& db) {
  return std::make_unique<SqliteConnection>(&db);
}

}  // namespace redflag::store::sql
