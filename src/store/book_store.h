// Books of counterparties (customers, suppliers) kept beside the lists, in the same database,
// versioned like the lists (docs/monitoring.md).
//
// A book is a named set of rows keyed by customer_ref. Each Import() of a whole book file makes a
// new version in ONE transaction (with its audit entry): rows not in the file are closed (removed),
// rows whose fields differ are closed and re-inserted (changed), new refs are inserted (added).
// A row version is valid from the book version that wrote it until the one that closed it, so
// every past version of a book can be read back. An import with no difference writes nothing.
//
// Thread-safety: every method may be called from any thread (an internal mutex). Several
// processes may share the database: writes are BEGIN IMMEDIATE transactions.
// Failure: kDatabase for SQLite errors, kNotFound for an unknown book, kInvalidArgument for
// duplicate or empty customer_refs (the caller's parser reports them with lines first).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/store.h"

namespace redflag::store {

struct BookRow {
  std::string customer_ref;
  std::string name;
  std::string type;     // "person", "organization", ... or ""
  std::string country;  // as given
  std::string dob;      // as given
  std::string id;       // an identifier, as given
  std::string attributes_json = "{}";  // extra columns, a JSON object
  std::int64_t line = 0;               // line in the file it came from
  std::int64_t valid_from = 0;         // book version that wrote it (filled on read)

  bool SameContent(const BookRow& other) const;
};

struct BookVersionInfo {
  std::string book;
  std::int64_t version = 0;
  std::string file;
  std::string sha256;
  std::string imported_at;
  std::int64_t rows = 0;
  std::int64_t added = 0;
  std::int64_t changed = 0;
  std::int64_t removed = 0;
  bool unchanged = false;  // Import only: nothing differed, nothing written
};

struct BookImport {
  std::string book;
  std::string file;    // as given, for the record
  std::string sha256;  // of the file
  std::vector<BookRow> rows;
};

class BookStore {
 public:
  // Opens its own connection to the database of `store` (whose Open ran the migrations), or,
  // given a "postgresql://..." URL, to that database (running its migrations), where the alerts
  // and the audit chain of a ServiceStore opened with the same URL are (docs/store.md).
  static core::Result<std::unique_ptr<BookStore>> Open(const Store& store,
                                                       std::string_view database_url = {});
  ~BookStore();
  BookStore(const BookStore&) = delete;
  BookStore& operator=(const BookStore&) = delete;

  // Applies the whole file as the book's next version; `actor` goes to the audit entry.
  core::Result<BookVersionInfo> Import(const BookImport& import, std::string_view actor);
  // The current version of every book, by name.
  core::Result<std::vector<BookVersionInfo>> Books() const;
  // Every version of one book, oldest first (kNotFound when none).
  core::Result<std::vector<BookVersionInfo>> Versions(std::string_view book) const;
  // The rows of `book` as of `version` (0: current), by customer_ref.
  core::Result<std::vector<BookRow>> Rows(std::string_view book, std::int64_t version = 0) const;

  struct Impl;

 private:
  explicit BookStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace redflag::store
