// A real list damaged at a known line must fail with file and line, and the previous version
// must keep serving (the leveldb corruption_test idea, on the OFAC SDN CSV set).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sources/registry.h"
#include "store/store.h"
#include "store/store_test_util.h"

namespace redflag::store {
namespace {

namespace fs = std::filesystem;
using testing::DataDir;
using ::testing::HasSubstr;
using testing::TempDir;

constexpr int kDamagedLine = 5000;  // 1-based line of sdn.csv that gets damaged

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Copies the SDN set into `dir`, applying `damage` to line kDamagedLine of sdn.csv (without its
// CRLF). Returns the damaged sdn.csv path.
fs::path CopyDamaged(const fs::path& dir, std::string (*damage)(const std::string&)) {
  const fs::path source = DataDir() / "lists" / "ofac_sdn";
  fs::create_directories(dir);
  for (const char* name : {"add.csv", "alt.csv", "sdn_comments.csv"}) {
    fs::copy_file(source / name, dir / name);
  }
  const std::string text = ReadFile(source / "sdn.csv");
  std::size_t begin = 0;
  for (int line = 1; line < kDamagedLine; ++line) begin = text.find("\r\n", begin) + 2;
  const std::size_t end = text.find("\r\n", begin);
  const std::string damaged =
      text.substr(0, begin) + damage(text.substr(begin, end - begin)) + text.substr(end);
  std::ofstream(dir / "sdn.csv", std::ios::binary) << damaged;
  return dir / "sdn.csv";
}

struct Fixture {
  TempDir dir{"store-corruption"};
  std::unique_ptr<Store> store;
  ListVersion active;
  std::vector<core::Entity> entities;

  void ImportReal() {
    auto opened = Store::Open(dir.path() / "data");
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    store = std::move(*opened);
    core::Diagnostics diagnostics;
    auto jobs = sources::Discover(DataDir() / "lists" / "ofac_sdn", diagnostics);
    ASSERT_TRUE(jobs.has_value());
    ASSERT_EQ(jobs->size(), 1u);
    auto parsed = sources::Parse(jobs->front());
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    auto result = store->Import(*parsed);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    active = result->version;
    entities = std::move(parsed->entities);
    ASSERT_EQ(entities.size(), 13821u);
  }

  // Imports the damaged copy the way `redflag lists import` does and checks the error and that
  // nothing changed.
  void ExpectRejected(const fs::path& damaged_sdn, const std::string& reason) {
    core::Diagnostics diagnostics;
    auto jobs = sources::Discover(damaged_sdn.parent_path(), diagnostics);
    ASSERT_TRUE(jobs.has_value());
    ASSERT_EQ(jobs->size(), 1u);
    EXPECT_EQ(jobs->front().list_id, "ofac_sdn");
    auto parsed = sources::Parse(jobs->front());
    ASSERT_FALSE(parsed.has_value()) << "damaged file parsed";
    EXPECT_EQ(parsed.error().code, core::ErrorCode::kParse);
    EXPECT_EQ(parsed.error().where.file, damaged_sdn.string());
    EXPECT_EQ(parsed.error().where.line, kDamagedLine) << parsed.error().ToString();
    EXPECT_THAT(parsed.error().ToString(),
                HasSubstr(damaged_sdn.string() + ":" + std::to_string(kDamagedLine)));
    EXPECT_THAT(parsed.error().message, HasSubstr(reason));

    auto versions = store->ActiveVersions();
    ASSERT_TRUE(versions.has_value());
    ASSERT_EQ(versions->size(), 1u);
    EXPECT_EQ((*versions)[0].version_id, active.version_id);
    EXPECT_EQ((*versions)[0].entity_count, 13821);
    EXPECT_EQ(store->Versions("ofac_sdn")->size(), 1u);
    auto loaded = store->LoadActiveEntities();
    ASSERT_TRUE(loaded.has_value()) << loaded.error().ToString();
    EXPECT_TRUE(*loaded == entities) << "active entities changed";
  }
};

TEST(StoreCorruption, WrongColumnCountNamesFileAndLineAndTheOldVersionStays) {
  Fixture fixture;
  ASSERT_NO_FATAL_FAILURE(fixture.ImportReal());
  // One field too many: 13 instead of 12.
  const fs::path damaged = CopyDamaged(fixture.dir.path() / "wrong-columns" / "ofac_sdn",
                                       [](const std::string& line) { return line + ",-0- "; });
  fixture.ExpectRejected(damaged, "column");
}

TEST(StoreCorruption, UnterminatedQuoteNamesFileAndLineAndTheOldVersionStays) {
  Fixture fixture;
  ASSERT_NO_FATAL_FAILURE(fixture.ImportReal());
  // Remove the closing quote of the name: the quote then runs to the end of the file.
  const fs::path damaged =
      CopyDamaged(fixture.dir.path() / "open-quote" / "ofac_sdn", [](const std::string& line) {
        const std::size_t open = line.find('"');
        const std::size_t close = line.find('"', open + 1);
        return line.substr(0, close) + line.substr(close + 1);
      });
  fixture.ExpectRejected(damaged, "quote");
}

TEST(StoreCorruption, DamagedBlobInTheDatabaseIsAnErrorNotACrash) {
  Fixture fixture;
  ASSERT_NO_FATAL_FAILURE(fixture.ImportReal());
  const fs::path db_path = fixture.store->database_path();
  fixture.store.reset();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE blobs SET data = x'01ff' WHERE blob_id = 7", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto reopened = Store::Open(db_path.parent_path());
  ASSERT_TRUE(reopened.has_value());
  auto loaded = (*reopened)->LoadActiveEntities();
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, core::ErrorCode::kParse);
  EXPECT_THAT(loaded.error().message, HasSubstr("entity ofac_sdn:"));
  EXPECT_THAT(loaded.error().message, HasSubstr("damaged entity blob"));
  EXPECT_EQ(loaded.error().where.file, db_path.string());
}

}  // namespace
}  // namespace redflag::store
