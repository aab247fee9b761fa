// Books of counterparties, versioned (book_store.h).
#include "store/book_store.h"
#include "core/date.h"

#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "store/service_store_internal.h"
#include "store/schema_internal.h"
#include "store/sql.h"

namespace redflag::store {

struct BookStore::Impl {
  std::unique_ptr<sql::Connection> db;  // SQLite (the data dir's file) or PostgreSQL
  mutable std::mutex mutex;  // a connection is used by one thread at a time: every use holds this
};

namespace {

using Database = sql::Connection;
using sql::Statement;

constexpr char kRowColumns[] =
    "SELECT customer_ref, name, type, country, dob, id, attributes, line, valid_from "
    "FROM book_rows ";
constexpr char kVersionColumns[] =
    "SELECT book, version, file, sha256, imported_at, row_count, added, changed, removed "
    "FROM book_versions ";

BookRow ReadRow(const Statement& stmt) {
  BookRow row;
  row.customer_ref = stmt.Text(0);
  row.name = stmt.Text(1);
  row.type = stmt.Text(2);
  row.country = stmt.Text(3);
  row.dob = stmt.Text(4);
  row.id = stmt.Text(5);
  row.attributes_json = stmt.Text(6);
  row.line = stmt.Int(7);
  row.valid_from = stmt.Int(8);
  return row;
}

BookVersionInfo ReadVersion(const Statement& stmt) {
  BookVersionInfo info;
  info.book = stmt.Text(0);
  info.version = stmt.Int(1);
  info.file = stmt.Text(2);
  info.sha256 = stmt.Text(3);
  info.imported_at = stmt.Text(4);
  info.rows = stmt.Int(5);
  info.added = stmt.Int(6);
  info.changed = stmt.Int(7);
  info.removed = stmt.Int(8);
  return info;
}

core::Result<std::vector<BookRow>> ReadRows(const Database& db, std::string_view book,
                                            std::int64_t version) {
  std::string where =
      version == 0 ? "WHERE book = ?1 AND valid_to IS NULL "
                   : "WHERE book = ?1 AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to > ?2) ";
  auto stmt = db.Prepare(std::string(kRowColumns) + where + "ORDER BY customer_ref");
  if (!stmt) return stmt.error();
  stmt->Bind(1, book);
  if (version != 0) stmt->Bind(2, version);
  std::vector<BookRow> rows;
  for (;;) {
    auto step = stmt->Step();
    if (!step) return step.error();
    if (!*step) break;
    rows.push_back(ReadRow(*stmt));
  }
  return rows;
}

core::Result<std::int64_t> CurrentVersion(const Database& db, std::string_view book) {
  auto stmt = db.Prepare("SELECT current_version FROM books WHERE book = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, book);
  auto step = stmt->Step();
  if (!step) return step.error();
  return *step ? stmt->Int(0) : std::int64_t{0};
}

core::Status InsertRow(const Database& db, std::string_view book, const BookRow& row,
                       std::int64_t version) {
  auto insert = db.Prepare(
      "INSERT INTO book_rows (book, customer_ref, valid_from, valid_to, line, name, type, "
      "country, dob, id, attributes) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert) return insert.error();
  insert->Bind(1, book).Bind(2, row.customer_ref).Bind(3, version).Bind(4, row.line);
  insert->Bind(5, row.name).Bind(6, row.type).Bind(7, row.country).Bind(8, row.dob);
  insert->Bind(9, row.id).Bind(10, row.attributes_json);
  return insert->Run();
}

core::Status CloseRow(const Database& db, std::string_view book, std::string_view ref,
                      std::int64_t version) {
  auto update = db.Prepare(
      "UPDATE book_rows SET valid_to = ?3 WHERE book = ?1 AND customer_ref = ?2 AND "
      "valid_to IS NULL");
  if (!update) return update.error();
  update->Bind(1, book).Bind(2, ref).Bind(3, version);
  return update->Run();
}

// Writes the differences between the current rows and `import.rows` as `version`.
core::Status ApplyRows(const Database& db, const BookImport& import, std::int64_t version,
                       BookVersionInfo& info) {
  auto current = ReadRows(db, import.book, 0);
  if (!current) return current.error();
  std::map<std::string_view, const BookRow*> old_rows;
  for (const BookRow& row : *current) old_rows.emplace(row.customer_ref, &row);
  std::map<std::string_view, bool> seen;
  for (const BookRow& row : import.rows) {
    if (row.customer_ref.empty() || !seen.emplace(row.customer_ref, true).second) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "empty or duplicate customer_ref in book " + import.book);
    }
    auto old = old_rows.find(row.customer_ref);
    if (old != old_rows.end() && old->second->SameContent(row)) continue;
    if (old != old_rows.end()) {
      ++info.changed;
      if (auto done = CloseRow(db, import.book, row.customer_ref, version); !done) return done;
    } else {
      ++info.added;
    }
    if (auto done = InsertRow(db, import.book, row, version); !done) return done;
  }
  for (const BookRow& row : *current) {
    if (seen.contains(row.customer_ref)) continue;
    ++info.removed;
    if (auto done = CloseRow(db, import.book, row.customer_ref, version); !done) return done;
  }
  return core::Ok();
}

core::Status RecordVersion(const Database& db, const BookVersionInfo& info,
                           std::string_view actor) {
  auto insert = db.Prepare(
      "INSERT INTO book_versions (book, version, file, sha256, imported_at, row_count, added, "
      "changed, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert) return insert.error();
  insert->Bind(1, info.book).Bind(2, info.version).Bind(3, info.file).Bind(4, info.sha256);
  insert->Bind(5, info.imported_at).Bind(6, info.rows).Bind(7, info.added);
  insert->Bind(8, info.changed).Bind(9, info.removed);
  if (auto done = insert->Run(); !done) return done;
  auto upsert = db.Prepare(
      "INSERT INTO books (book, current_version) VALUES (?1, ?2) "
      "ON CONFLICT(book) DO UPDATE SET current_version = ?2");
  if (!upsert) return upsert.error();
  upsert->Bind(1, info.book).Bind(2, info.version);
  if (auto done = upsert->Run(); !done) return done;
  const nlohmann::json payload = {{"book", info.book},       {"version", info.version},
                                  {"file", info.file},       {"sha256", info.sha256},
                                  {"rows", info.rows},       {"added", info.added},
                                  {"changed", info.changed}, {"removed", info.removed}};
  auto audit = internal::AppendAuditInTransaction(
      db, "book_import", actor, payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (!audit) return audit.error();
  return core::Ok();
}

}  // namespace

bool BookRow::SameContent(const BookRow& other) const {
  return name == other.name && type == other.type && country == other.country &&
         dob == other.dob && id == other.id && attributes_json == other.attributes_json;
}

BookStore::BookStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BookStore::~BookStore() = default;

core::Result<std::unique_ptr<BookStore>> BookStore::Open(const Store& store,
                                                          std::string_view database_url) {
  auto impl = std::make_unique<Impl>();
  if (database_url.empty()) {
    auto db = sql::OpenSqlite(store.database_path());
    if (!db) return db.error();
    impl->db = std::move(*db);
  } else {
    if (!sql::IsPostgresUrl(database_url)) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "a database URL starts with postgresql://",
                             core::Location{.field = "--db"});
    }
    auto db = sql::OpenPostgres(database_url);
    if (!db) return db.error();
    if (auto migrated = internal::MigratePostgres(**db); !migrated) return migrated.error();
    impl->db = std::move(*db);
  }
  return std::unique_ptr<BookStore>(new BookStore(std::move(impl)));
}

core::Result<BookVersionInfo> BookStore::Import(const BookImport& import, std::string_view actor) {
  std::lock_guard lock(impl_->mutex);
  const Database& db = *impl_->db;
  auto txn = sql::Transaction::Begin(db);
  if (!txn) return txn.error();
  auto current = CurrentVersion(db, import.book);
  if (!current) return current.error();
  BookVersionInfo info{.book = import.book,
                       .version = *current + 1,
                       .file = import.file,
                       .sha256 = import.sha256,
                       .imported_at = core::NowUtcMillis(),
                       .rows = static_cast<std::int64_t>(import.rows.size())};
  if (auto done = ApplyRows(db, import, info.version, info); !done) return done.error();
  if (*current != 0 && info.added + info.changed + info.removed == 0) {
    info.version = *current;
    info.unchanged = true;
    return info;  // the transaction rolls back: nothing was written
  }
  if (auto done = RecordVersion(db, info, actor); !done) return done.error();
  if (auto done = txn->Commit(); !done) return done.error();
  return info;
}

core::Result<std::vector<BookVersionInfo>> BookStore::Books() const {
  std::lock_guard lock(impl_->mutex);
  auto stmt = impl_->db->Prepare(
      std::string(kVersionColumns) +
      "WHERE (book, version) IN (SELECT book, current_version FROM books) ORDER BY book");
  if (!stmt) return stmt.error();
  std::vector<BookVersionInfo> books;
  for (;;) {
    auto step = stmt->Step();
    if (!step) return step.error();
    if (!*step) break;
    books.push_back(ReadVersion(*stmt));
  }
  return books;
}

core::Result<std::vector<BookVersionInfo>> BookStore::Versions(std::string_view book) const {
  std::lock_guard lock(impl_->mutex);
  auto stmt = impl_->db->Prepare(std::string(kVersionColumns) + "WHERE book = ? ORDER BY version");
  if (!stmt) return stmt.error();
  stmt->Bind(1, book);
  std::vector<BookVersionInfo> versions;
  for (;;) {
    auto step = stmt->Step();
    if (!step) return step.error();
    if (!*step) break;
    versions.push_back(ReadVersion(*stmt));
  }
  if (versions.empty()) {
    return core::MakeError(core::ErrorCode::kNotFound, "no book named " + std::string(book));
  }
  return versions;
}

core::Result<std::vector<BookRow>> BookStore::Rows(std::string_view book,
                                                   std::int64_t version) const {
  std::lock_guard lock(impl_->mutex);
  return ReadRows(*impl_->db, book, version);
}

}  // namespace redflag::store
