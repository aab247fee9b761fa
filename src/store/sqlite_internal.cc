#include "store/sqlite_internal.h"

#include <string>
#include <utility>

namespace redflag::store::internal {

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), bind_error_(other.bind_error_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_error_ = other.bind_error_;
  }
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  const int rc =
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::BindDouble(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  // A zero-length blob must still be a blob, not NULL: pass a non-null pointer.
  static const char kEmpty = 0;
  const int rc = sqlite3_bind_blob64(stmt_, index, bytes.empty() ? &kEmpty : bytes.data(),
                                     bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

core::Result<bool> Statement::Step() {
  if (bind_error_ != SQLITE_OK) {
    return core::MakeError(core::ErrorCode::kDatabase, std::string("binding a parameter failed: ") +
                                                           sqlite3_errstr(bind_error_));
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string sql = sqlite3_sql(stmt_) != nullptr ? sqlite3_sql(stmt_) : "";
  if (sql.size() > 80) sql = sql.substr(0, 80) + "...";
  return core::MakeError(core::ErrorCode::kDatabase,
                         std::string(sqlite3_errmsg(db_)) + " (in: " + sql + ")");
}

core::Status Statement::Run() {
  auto stepped = Step();
  Reset();
  if (!stepped) return stepped.error();
  return core::Ok();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = SQLITE_OK;
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string_view Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string_view Statement::Blob(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  if (data == nullptr) return {};
  return {data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Database::~Database() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

core::Result<Database> Database::Open(const std::filesystem::path& path) {
  Database db;
  db.path_ = path;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db.db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db.db_ != nullptr ? sqlite3_errmsg(db.db_) : sqlite3_errstr(rc);
    return core::MakeError(core::ErrorCode::kDatabase, "cannot open database: " + message,
                           core::Location{.file = path.string()});
  }
  sqlite3_extended_result_codes(db.db_, 1);
  return db;
}

core::Result<Statement> Database::Prepare(std::string_view sql) const {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    if (stmt != nullptr) sqlite3_finalize(stmt);
    return MakeDbError("preparing \"" + std::string(sql.substr(0, 60)) + "\"");
  }
  return Statement(db_, stmt);
}

core::Status Database::Exec(const std::string& sql) const {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    std::string head = sql.substr(0, 60);
    return core::MakeError(core::ErrorCode::kDatabase, text + " (in: " + head + ")",
                           core::Location{.file = path_.string()});
  }
  return core::Ok();
}

std::int64_t Database::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }

core::Error Database::MakeDbError(std::string_view context) const {
  return core::MakeError(core::ErrorCode::kDatabase,
                         std::string(context) + ": " + sqlite3_errmsg(db_),
                         core::Location{.file = path_.string()});
}

core::Result<Transaction> Transaction::Begin(const Database& db) {
  // IMMEDIATE takes the write lock now, so a concurrent writer waits (busy timeout) here rather
  // than failing half-way through the import.
  if (auto begun = db.Exec("BEGIN IMMEDIATE"); !begun) return begun.error();
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

}  // namespace redflag::store::internal
