// Thin RAII wrappers over the SQLite C API for the store (internal to src/store).
// Not thread-safe: the Store serializes access with its mutex.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"

namespace redflag::store::internal {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Bind indexes are 1-based, like SQLite's. A failed bind is reported by the next Step().
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindDouble(int index, double value);
  // true: a row is available; false: done.
  core::Result<bool> Step();
  // Steps to completion (for statements that return no rows) and resets.
  core::Status Run();
  void Reset();

  std::int64_t Int(int column) const;
  double Double(int column) const;
  std::string_view Text(int column) const;
  std::string_view Blob(int column) const;
  bool IsNull(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  int bind_error_ = SQLITE_OK;
};

class Database {
 public:
  Database() = default;
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  static core::Result<Database> Open(const std::filesystem::path& path);
  core::Result<Statement> Prepare(std::string_view sql) const;
  core::Status Exec(const std::string& sql) const;
  std::int64_t LastInsertRowid() const;
  sqlite3* get() const { return db_; }
  const std::filesystem::path& path() const { return path_; }

  // kDatabase error "<path>: <context>: <sqlite message>".
  core::Error MakeDbError(std::string_view context) const;

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

// Rolls back on destruction unless Commit() succeeded.
class Transaction {
 public:
  static core::Result<Transaction> Begin(const Database& db);
  ~Transaction();
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  core::Status Commit();

 private:
  explicit Transaction(const Database* db) : db_(db) {}
  const Database* db_ = nullptr;
};

}  // namespace redflag::store::internal
