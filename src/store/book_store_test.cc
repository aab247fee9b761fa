#include "store/book_store.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "store/service_store.h"
#include "store/sql.h"
#include "store/store_test_util.h"

namespace redflag::store {
namespace {

using testing::TempDir;

BookRow Row(std::string ref, std::string name, std::string country = "") {
  return BookRow{.customer_ref = std::move(ref), .name = std::move(name),
                 .country = std::move(country)};
}

enum class Backend { kSqlite, kPostgres };

// Every case on SQLite and on PostgreSQL (ctest book_store_test_postgres starts the server).
class BookStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      const char* url = std::getenv("REDFLAG_TEST_POSTGRES_URL");
      if (url == nullptr || *url == '\0') {
        GTEST_SKIP() << "REDFLAG_TEST_POSTGRES_URL is not set: the PostgreSQL variants run "
                        "under ctest -R book_store_test_postgres (tests/postgres_server.py)";
      }
      url_ = url;
      auto admin = sql::OpenPostgres(url_);
      ASSERT_TRUE(admin) << admin.error().ToString();
      auto reset = (*admin)->Exec("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
      ASSERT_TRUE(reset) << reset.error().ToString();
    }
    auto store = Store::Open(dir_.path());
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
    auto books = BookStore::Open(*store_, url_);
    ASSERT_TRUE(books) << books.error().ToString();
    books_ = std::move(*books);
  }
  BookVersionInfo Import(std::vector<BookRow> rows) {
    auto info = books_->Import(BookImport{.book = "b", .file = "b.csv", .sha256 = "x",
                                          .rows = std::move(rows)},
                               "tester");
    EXPECT_TRUE(info) << info.error().ToString();
    return info ? *info : BookVersionInfo{};
  }
  std::vector<std::string> Names(std::int64_t version) {
    auto rows = books_->Rows("b", version);
    EXPECT_TRUE(rows);
    std::vector<std::string> names;
    for (const auto& row : *rows) names.push_back(row.customer_ref + "=" + row.name);
    return names;
  }

  TempDir dir_{"book-store"};
  std::string url_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<BookStore> books_;
};

INSTANTIATE_TEST_SUITE_P(Backends, BookStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) {
                           return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

TEST_P(BookStoreTest, ReimportAppliesAddsChangesAndRemovalsAndKeepsOldVersions) {
  const auto first = Import({Row("c1", "Alpha"), Row("c2", "Beta"), Row("c3", "Gamma")});
  EXPECT_EQ(first.version, 1);
  EXPECT_EQ(first.added, 3);
  const auto second = Import({Row("c1", "Alpha"), Row("c2", "Beta Ltd"), Row("c4", "Delta")});
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(second.added, 1);
  EXPECT_EQ(second.changed, 1);
  EXPECT_EQ(second.removed, 1);
  EXPECT_EQ(Names(0), (std::vector<std::string>{"c1=Alpha", "c2=Beta Ltd", "c4=Delta"}));
  EXPECT_EQ(Names(1), (std::vector<std::string>{"c1=Alpha", "c2=Beta", "c3=Gamma"}));
  auto rows = books_->Rows("b");
  ASSERT_TRUE(rows);
  EXPECT_EQ((*rows)[0].valid_from, 1);  // unchanged row keeps its version
  EXPECT_EQ((*rows)[1].valid_from, 2);
}

TEST_P(BookStoreTest, SameContentIsUnchangedAndWritesNoVersion) {
  Import({Row("c1", "Alpha")});
  const auto again = Import({Row("c1", "Alpha")});
  EXPECT_TRUE(again.unchanged);
  EXPECT_EQ(again.version, 1);
  auto versions = books_->Versions("b");
  ASSERT_TRUE(versions);
  EXPECT_EQ(versions->size(), 1u);
}

TEST_P(BookStoreTest, DuplicateRefImportsNothing) {
  Import({Row("c1", "Alpha")});
  auto info = books_->Import(
      BookImport{.book = "b", .rows = {Row("c2", "X"), Row("c2", "Y")}}, "tester");
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(Names(0), (std::vector<std::string>{"c1=Alpha"}));
}

TEST_P(BookStoreTest, ImportIsAuditedAndUnknownBookIsNotFound) {
  Import({Row("c1", "Alpha")});
  auto service = ServiceStore::Open(*store_, url_);
  ASSERT_TRUE(service);
  auto entries = (*service)->ExportAudit("");
  ASSERT_TRUE(entries);
  ASSERT_FALSE(entries->empty());
  EXPECT_EQ(entries->back().kind, "book_import");
  EXPECT_EQ(entries->back().actor, "tester");
  auto verdict = (*service)->VerifyAudit();
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->first_broken, 0);
  EXPECT_EQ(books_->Versions("nope").error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace redflag::store
