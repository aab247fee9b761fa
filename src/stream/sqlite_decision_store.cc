// DecisionStore on SQLite: one table keyed by message id. Writers take the database lock with
// BEGIN IMMEDIATE and wait up to kBusyMs for another process's writer, so two worker processes on
// one data directory share the file safely.
//
// Thread-safety: one connection, serialized by `mutex_`.
#include <sqlite3.h>

#include <fmt/format.h>

#include <mutex>
#include <utility>

#include "stream/decision_store.h"

namespace redflag::stream {
namespace {

constexpr int kBusyMs = 10000;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS payment_decisions (
  message_id    TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,
  outcome       TEXT NOT NULL,
  document      TEXT NOT NULL,
  stream_seq    INTEGER NOT NULL,
  decided_at_ms INTEGER NOT NULL,
  worker        TEXT NOT NULL
) WITHOUT ROWID;
)sql";

constexpr const char* kInsert =
    "INSERT INTO payment_decisions (message_id, kind, outcome, document, stream_seq, "
    "decided_at_ms, worker) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (message_id) DO NOTHING";
constexpr const char* kSelect =
    "SELECT message_id, kind, outcome, document, stream_seq, decided_at_ms, worker "
    "FROM payment_decisions";

// A prepared statement, finalized on every path.
struct Stmt {
  sqlite3_stmt* stmt = nullptr;
  ~Stmt() { sqlite3_finalize(stmt); }
};

class SqliteDecisionStore final : public DecisionStore {
 public:
  SqliteDecisionStore(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  ~SqliteDecisionStore() override { sqlite3_close(db_); }

  core::Result<std::vector<StoredDecision>> PutAll(
      const std::vector<StoredDecision>& records) override {
    std::lock_guard lock(mutex_);
    if (records.empty()) return std::vector<StoredDecision>{};
    if (auto begun = Exec("BEGIN IMMEDIATE"); !begun) return begun.error();
    auto stored = InsertThenRead(records);
    if (!stored) {
      (void)Exec("ROLLBACK");
      return stored.error();
    }
    if (auto committed = Exec("COMMIT"); !committed) {
      (void)Exec("ROLLBACK");
      return committed.error();
    }
    return stored;
  }

  core::Result<std::vector<StoredDecision>> FindAll(
      const std::vector<std::string>& message_ids) override {
    std::lock_guard lock(mutex_);
    std::vector<StoredDecision> out;
    Stmt select;
    if (auto prepared = Prepare(std::string(kSelect) + " WHERE message_id = ?1", select);
        !prepared) {
      return prepared.error();
    }
    for (const std::string& id : message_ids) {
      sqlite3_reset(select.stmt);
      sqlite3_bind_text(select.stmt, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
      auto rows = ReadRows(select.stmt, out);
      if (!rows) return rows.error();
    }
    return out;
  }

  core::Result<std::vector<StoredDecision>> All() override {
    std::lock_guard lock(mutex_);
    std::vector<StoredDecision> out;
    Stmt select;
    if (auto prepared = Prepare(std::string(kSelect) + " ORDER BY message_id", select);
        !prepared) {
      return prepared.error();
    }
    if (auto rows = ReadRows(select.stmt, out); !rows) return rows.error();
    return out;
  }

 private:
  core::Result<std::vector<StoredDecision>> InsertThenRead(
      const std::vector<StoredDecision>& records) {
    Stmt insert;
    if (auto prepared = Prepare(kInsert, insert); !prepared) return prepared.error();
    for (const StoredDecision& record : records) {
      sqlite3_reset(insert.stmt);
      const std::string_view kind = RecordKindName(record.kind);
      sqlite3_bind_text(insert.stmt, 1, record.message_id.data(),
                        static_cast<int>(record.message_id.size()), SQLITE_STATIC);
      sqlite3_bind_text(insert.stmt, 2, kind.data(), static_cast<int>(kind.size()), SQLITE_STATIC);
      sqlite3_bind_text(insert.stmt, 3, record.outcome.data(),
                        static_cast<int>(record.outcome.size()), SQLITE_STATIC);
      sqlite3_bind_text(insert.stmt, 4, record.document.data(),
                        static_cast<int>(record.document.size()), SQLITE_STATIC);
      sqlite3_bind_int64(insert.stmt, 5, static_cast<sqlite3_int64>(record.stream_seq));
      sqlite3_bind_int64(insert.stmt, 6, record.decided_at_ms);
      sqlite3_bind_text(insert.stmt, 7, record.worker.data(),
                        static_cast<int>(record.worker.size()), SQLITE_STATIC);
      if (sqlite3_step(insert.stmt) != SQLITE_DONE) return DbError("storing a decision");
    }
    // Read back inside the transaction: an id another worker stored first yields its record.
    Stmt select;
    if (auto prepared = Prepare(std::string(kSelect) + " WHERE message_id = ?1", select);
        !prepared) {
      return prepared.error();
    }
    std::vector<StoredDecision> out;
    out.reserve(records.size());
    for (const StoredDecision& record : records) {
      sqlite3_reset(select.stmt);
      sqlite3_bind_text(select.stmt, 1, record.message_id.data(),
                        static_cast<int>(record.message_id.size()), SQLITE_STATIC);
      const std::size_t before = out.size();
      if (auto rows = ReadRows(select.stmt, out); !rows) return rows.error();
      if (out.size() != before + 1) {
        return core::MakeError(core::ErrorCode::kInternal,
                               "a stored decision is missing right after its insert",
                               core::Location{.file = path_.string()});
      }
    }
    return out;
  }

  core::Status ReadRows(sqlite3_stmt* stmt, std::vector<StoredDecision>& out) {
    for (;;) {
      const int step = sqlite3_step(stmt);
      if (step == SQLITE_DONE) return core::Ok();
      if (step != SQLITE_ROW) return DbError("reading decisions");
      StoredDecision record;
      record.message_id = Text(stmt, 0);
      record.kind = Text(stmt, 1) == RecordKindName(RecordKind::kDead) ? RecordKind::kDead
                                                                         : RecordKind::kDecided;
      record.outcome = Text(stmt, 2);
      record.document = Text(stmt, 3);
      record.stream_seq = static_cast<std::uint64_t>(sqlite3_column_int64(stmt, 4));
      record.decided_at_ms = sqlite3_column_int64(stmt, 5);
      record.worker = Text(stmt, 6);
      out.push_back(std::move(record));
    }
  }

  static std::string Text(sqlite3_stmt* stmt, int column) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
    return text == nullptr ? std::string()
                           : std::string(text, static_cast<std::size_t>(
                                                   sqlite3_column_bytes(stmt, column)));
  }

  core::Status Prepare(const std::string& sql, Stmt& out) {
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &out.stmt, nullptr) != SQLITE_OK) {
      return DbError("preparing a statement");
    }
    return core::Ok();
  }

  core::Status Exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return DbError(sql);
    return core::Ok();
  }

  core::Error DbError(std::string_view context) const {
    return core::MakeError(core::ErrorCode::kDatabase,
                           fmt::format("{}: {}", context, sqlite3_errmsg(db_)),
                           core::Location{.file = path_.string()});
  }

  sqlite3* db_;
  std::filesystem::path path_;
  std::mutex mutex_;
};

}  // namespace

std::string_view RecordKindName(RecordKind kind) {
  return kind == RecordKind::kDead ? "dead" : "decided";
}

core::Result<std::unique_ptr<DecisionStore>> OpenSqliteDecisionStore(
    const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  const int opened = sqlite3_open_v2(path.c_str(), &db,
                                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                         SQLITE_OPEN_FULLMUTEX,
                                     nullptr);
  if (opened != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(opened);
    sqlite3_close(db);
    return core::MakeError(core::ErrorCode::kDatabase,
                           "cannot open the payment decisions database: " + message,
                           core::Location{.file = path.string()});
  }
  sqlite3_busy_timeout(db, kBusyMs);
  // WAL lets readers run beside the one writer; NORMAL sync is durable across a process crash
  // (kill -9), which is the failure the worker must survive without losing a stored decision.
  for (const char* sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", kSchema}) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
      std::string message = sqlite3_errmsg(db);
      sqlite3_close(db);
      return core::MakeError(core::ErrorCode::kDatabase,
                             "cannot prepare the payment decisions database: " + message,
                             core::Location{.file = path.string()});
    }
  }
  return std::unique_ptr<DecisionStore>(new SqliteDecisionStore(db, path));
}

}  // namespace redflag::stream
