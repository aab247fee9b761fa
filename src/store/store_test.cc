#include "store/store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "store/store_test_util.h"

namespace redflag::store {
namespace {

using ::testing::ElementsAre;
using testing::FullEntity;
using ::testing::HasSubstr;
using testing::MakeList;
using testing::SmallEntity;
using testing::TempDir;

std::unique_ptr<Store> OpenOrDie(const std::filesystem::path& dir) {
  auto store = Store::Open(dir);
  EXPECT_TRUE(store.has_value()) << store.error().ToString();
  return store ? std::move(*store) : nullptr;
}

// Runs one SQL statement on the database file directly, behind the Store's back.
void RawExec(const std::filesystem::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  EXPECT_EQ(rc, SQLITE_OK) << (message ? message : "");
  sqlite3_free(message);
  sqlite3_close(db);
}

std::int64_t RawCount(const std::filesystem::path& db_path, const std::string& table) {
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) return -1;
  sqlite3_stmt* stmt = nullptr;
  std::int64_t count = -1;
  if (sqlite3_prepare_v2(db, ("SELECT COUNT(*) FROM " + table).c_str(), -1, &stmt, nullptr) ==
          SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    count = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return count;
}

std::vector<core::Entity> ThreeEntities() {
  return {FullEntity("test", "1"), SmallEntity("test", "2", "Beta Trading LLC"),
          SmallEntity("test", "3", "Gamma Shipping")};
}

TEST(Store, OpenOnFreshDirCreatesTheSchemaAndReopenKeepsData) {
  TempDir dir("store-open");
  {
    auto store = OpenOrDie(dir.path() / "nested" / "data");
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->SchemaVersion(), Store::LatestSchemaVersion());
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "nested" / "data" / "redflag.db"));
    auto versions = store->ActiveVersions();
    ASSERT_TRUE(versions.has_value());
    EXPECT_TRUE(versions->empty());
    ASSERT_TRUE(store->Import(MakeList("test", ThreeEntities(), "a")).has_value());
  }
  auto store = OpenOrDie(dir.path() / "nested" / "data");
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->SchemaVersion(), Store::LatestSchemaVersion());
  auto entities = store->LoadActiveEntities();
  ASSERT_TRUE(entities.has_value()) << entities.error().ToString();
  EXPECT_EQ(*entities, ThreeEntities());
  EXPECT_EQ(RawCount(dir.path() / "nested" / "data" / "redflag.db", "schema_version"), 1);
}

TEST(Store, DatabaseFromNewerRedflagIsAClearError) {
  TempDir dir("store-newer");
  { ASSERT_NE(OpenOrDie(dir.path()), nullptr); }
  RawExec(dir.path() / "redflag.db", "UPDATE schema_version SET version = 999");
  auto store = Store::Open(dir.path());
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, core::ErrorCode::kValidation);
  EXPECT_THAT(store.error().message, HasSubstr("schema version 999 is newer than this redflag"));
  EXPECT_THAT(store.error().where.file, HasSubstr("redflag.db"));
}

TEST(Store, FileThatIsNotADatabaseIsAnError) {
  TempDir dir("store-garbage");
  {
    std::ofstream out(dir.path() / "redflag.db", std::ios::binary);
    out << std::string(8192, 'z');
  }
  auto store = Store::Open(dir.path());
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, core::ErrorCode::kDatabase);
  EXPECT_THAT(store.error().ToString(), HasSubstr("redflag.db"));
  EXPECT_THAT(store.error().message, HasSubstr("not a database"));
}

TEST(Store, ImportThenLoadActiveEntitiesGivesThemBackInFileOrder) {
  TempDir dir("store-import");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  auto result = store->Import(MakeList("test", ThreeEntities(), "a"));
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  EXPECT_EQ(result->status, ImportStatus::kImported);
  EXPECT_EQ(result->version.entity_count, 3);
  EXPECT_EQ(result->version.name_count, 5 + 1 + 1);
  EXPECT_TRUE(result->version.active);

  auto entities = store->LoadActiveEntities();
  ASSERT_TRUE(entities.has_value()) << entities.error().ToString();
  EXPECT_EQ(*entities, ThreeEntities());
  auto by_version = store->LoadEntities(result->version.version_id);
  ASSERT_TRUE(by_version.has_value());
  EXPECT_EQ(*by_version, ThreeEntities());

  auto version = store->Version(result->version.version_id);
  ASSERT_TRUE(version.has_value());
  EXPECT_EQ(version->list_id, "test");
  EXPECT_EQ(version->format, "test_format");
  EXPECT_EQ(version->published, (core::PartialDate{2024, 5, 3}));
  ASSERT_EQ(version->files.size(), 1u);
  EXPECT_EQ(version->files[0].path, "/data/a.csv");
  EXPECT_EQ(version->files[0].size, 1234u);
  EXPECT_EQ(version->files[0].sha256.size(), 64u);
  EXPECT_EQ(version->imported_at.size(), 20u);  // 2026-11-23T19:08:00Z
}

TEST(Store, ActiveEntitiesComeInListIdOrderThenFileOrder) {
  TempDir dir("store-order");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(
      store
          ->Import(MakeList("zeta",
                            {SmallEntity("zeta", "9", "Z9"), SmallEntity("zeta", "1", "Z1")}, "z"))
          .has_value());
  ASSERT_TRUE(store->Import(MakeList("alpha", {SmallEntity("alpha", "5", "A5")}, "a")).has_value());
  auto entities = store->LoadActiveEntities();
  ASSERT_TRUE(entities.has_value());
  std::vector<std::string> ids;
  for (const auto& entity : *entities) ids.push_back(entity.id);
  EXPECT_THAT(ids, ElementsAre("alpha:5", "zeta:9", "zeta:1"));
}

TEST(Store, SecondImportOfChangedDataBecomesActiveAndTheOldOneStaysListed) {
  TempDir dir("store-second");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  auto first = store->Import(MakeList("test", ThreeEntities(), "a"));
  ASSERT_TRUE(first.has_value());
  auto changed = ThreeEntities();
  changed[1].names[0].full = "Beta Trading FZE";
  auto second = store->Import(MakeList("test", changed, "b"));
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_EQ(second->status, ImportStatus::kImported);
  EXPECT_GT(second->version.version_id, first->version.version_id);

  auto versions = store->Versions("test");
  ASSERT_TRUE(versions.has_value());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].version_id, first->version.version_id);
  EXPECT_FALSE((*versions)[0].active);
  EXPECT_TRUE((*versions)[1].active);
  auto active = store->ActiveVersions();
  ASSERT_TRUE(active.has_value());
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ((*active)[0].version_id, second->version.version_id);

  EXPECT_EQ(*store->LoadActiveEntities(), changed);
  EXPECT_EQ(*store->LoadEntities(first->version.version_id), ThreeEntities());
  // Two unchanged entities are shared between the versions: 3 + 1 blobs, not 6.
  EXPECT_EQ(RawCount(store->database_path(), "blobs"), 4);
}

TEST(Store, IdenticalFilesAndEntitiesAreUnchangedAndRecordNothing) {
  TempDir dir("store-unchanged");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  auto first = store->Import(MakeList("test", ThreeEntities(), "a"));
  ASSERT_TRUE(first.has_value());
  auto again = store->Import(MakeList("test", ThreeEntities(), "a"));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->status, ImportStatus::kUnchanged);
  EXPECT_EQ(again->version.version_id, first->version.version_id);
  EXPECT_EQ(store->Versions("test")->size(), 1u);
  EXPECT_EQ(RawCount(store->database_path(), "versions"), 1);
}

TEST(Store, SameFilesReadDifferentlyByANewerParserMakeANewVersion) {
  TempDir dir("store-reparse");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Import(MakeList("test", ThreeEntities(), "a")).has_value());
  auto reparsed = ThreeEntities();
  reparsed[2].type = core::EntityType::kVessel;
  auto again = store->Import(MakeList("test", reparsed, "a"));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->status, ImportStatus::kImported);
  EXPECT_EQ(store->Versions("test")->size(), 2u);
}

TEST(Store, DuplicateEntityIdIsRejectedAndThePreviousVersionStaysActive) {
  TempDir dir("store-dup");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  auto first = store->Import(MakeList("test", ThreeEntities(), "a"));
  ASSERT_TRUE(first.has_value());
  auto bad = ThreeEntities();
  bad.push_back(SmallEntity("test", "2", "Beta again"));
  auto result = store->Import(MakeList("test", bad, "b"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, core::ErrorCode::kValidation);
  EXPECT_THAT(result.error().message, HasSubstr("duplicate entity id \"test:2\" (entity #4)"));
  auto active = store->ActiveVersions();
  ASSERT_TRUE(active.has_value());
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ((*active)[0].version_id, first->version.version_id);
  EXPECT_EQ(*store->LoadActiveEntities(), ThreeEntities());
  EXPECT_EQ(store->Versions("test")->size(), 1u);
}

TEST(Store, EntityOfAnotherListIsRejected) {
  TempDir dir("store-prefix");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  auto entities = ThreeEntities();
  entities.push_back(SmallEntity("other", "7", "Stray"));
  auto result = store->Import(MakeList("test", entities, "a"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, core::ErrorCode::kValidation);
  EXPECT_THAT(result.error().message, HasSubstr("entity #4 has id \"other:7\", expected \"test:"));
  EXPECT_TRUE(store->ActiveVersions()->empty());
}

TEST(Store, FailureMidwayRollsBackEverythingAndThePreviousVersionStaysLoadable) {
  TempDir dir("store-midway");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  auto first = store->Import(MakeList("test", ThreeEntities(), "a"));
  ASSERT_TRUE(first.has_value());
  const auto blobs_before = RawCount(store->database_path(), "blobs");
  auto changed = ThreeEntities();
  for (auto& entity : changed) entity.remarks = "changed";
  auto result = store->Import(MakeList("test", changed, "b"), {.fail_after_entities = 2});
  ASSERT_FALSE(result.has_value());
  EXPECT_THAT(result.error().message, HasSubstr("injected failure after 2 entities"));
  // No trace of the failed version: no version row, no entity rows, no new blobs.
  EXPECT_EQ(RawCount(store->database_path(), "versions"), 1);
  EXPECT_EQ(RawCount(store->database_path(), "version_entities"), 3);
  EXPECT_EQ(RawCount(store->database_path(), "blobs"), blobs_before);
  auto active = store->ActiveVersions();
  ASSERT_TRUE(active.has_value());
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ((*active)[0].version_id, first->version.version_id);
  EXPECT_EQ(*store->LoadActiveEntities(), ThreeEntities());
  // And the store still works afterwards.
  auto retry = store->Import(MakeList("test", changed, "b"));
  ASSERT_TRUE(retry.has_value()) << retry.error().ToString();
  EXPECT_EQ(*store->LoadActiveEntities(), changed);
}

TEST(Store, FileWithoutHashIsRejected) {
  TempDir dir("store-nohash");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  auto list = MakeList("test", ThreeEntities(), "a");
  list.files[0].sha256.clear();
  auto result = store->Import(list);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().where.file, "/data/a.csv");
  EXPECT_THAT(result.error().message, HasSubstr("no sha256"));
}

TEST(Store, DiagnosticsAreKeptWithTheVersion) {
  TempDir dir("store-diag");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  auto list = MakeList("test", ThreeEntities(), "a");
  list.diagnostics.Warn(core::Location{.file = "sdn.csv", .line = 4812, .field = "DOB"},
                        "1968-13-02", "is not a date (expected YYYY-MM-DD)",
                        "record kept without it");
  auto result = store->Import(list);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->version.warning_count, 1);
  auto diagnostics = store->VersionDiagnostics(result->version.version_id);
  ASSERT_TRUE(diagnostics.has_value());
  ASSERT_EQ(diagnostics->size(), 1u);
  EXPECT_EQ((*diagnostics)[0].ToString(),
            "sdn.csv:4812: field \"DOB\": \"1968-13-02\": is not a date (expected YYYY-MM-DD); "
            "record kept without it");
}

TEST(Store, UnknownVersionIsNotFound) {
  TempDir dir("store-notfound");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  auto entities = store->LoadEntities(42);
  ASSERT_FALSE(entities.has_value());
  EXPECT_EQ(entities.error().code, core::ErrorCode::kNotFound);
  EXPECT_FALSE(store->Version(42).has_value());
}

TEST(Store, ConcurrentLoadsDuringImportsSeeWholeVersions) {
  TempDir dir("store-threads");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Import(MakeList("test", ThreeEntities(), "a")).has_value());
  std::vector<std::thread> readers;
  std::atomic<int> bad_loads = 0;
  for (int reader_idx = 0; reader_idx < 2; ++reader_idx) {
    readers.emplace_back([&] {
      for (int load_idx = 0; load_idx < 50; ++load_idx) {
        auto entities = store->LoadActiveEntities();
        if (!entities || entities->size() != 3) ++bad_loads;
      }
    });
  }
  for (int import_idx = 0; import_idx < 20; ++import_idx) {
    auto entities = ThreeEntities();
    entities[0].remarks = "round " + std::to_string(import_idx);
    ASSERT_TRUE(
        store->Import(MakeList("test", entities, "r" + std::to_string(import_idx))).has_value());
  }
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(bad_loads, 0);
  EXPECT_EQ(store->Versions("test")->size(), 21u);
}

// Diff on two small hand-built versions: exact ids and fields.
TEST(StoreDiff, ReportsExactlyTheAddedRemovedAndChangedEntitiesWithTheirFields) {
  TempDir dir("store-diff");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  std::vector<core::Entity> v1 = {
      SmallEntity("test", "1", "Alpha"),
      SmallEntity("test", "2", "Beta"),
      SmallEntity("test", "3", "Gamma"),
      SmallEntity("test", "4", "Delta"),
  };
  std::vector<core::Entity> v2 = {v1[0], v1[2], v1[3], SmallEntity("test", "5", "Epsilon")};
  // 3: a new alias and another program; 4: remarks and start date.
  v2[1].names.push_back(core::Name{.full = "Gamma Ltd", .kind = core::NameKind::kStrongAka});
  v2[1].listings[0].programs.push_back("SDGT");
  v2[2].remarks = "now with remarks";
  v2[2].listings[0].start = {2024, 5, 3};
  auto first = store->Import(MakeList("test", v1, "v1"));
  auto second = store->Import(MakeList("test", v2, "v2"));
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());

  auto diff = store->Diff("test", first->version.version_id, second->version.version_id);
  ASSERT_TRUE(diff.has_value()) << diff.error().ToString();
  ASSERT_EQ(diff->added.size(), 1u);
  EXPECT_EQ(diff->added[0].id, "test:5");
  EXPECT_EQ(diff->added[0].name, "Epsilon");
  ASSERT_EQ(diff->removed.size(), 1u);
  EXPECT_EQ(diff->removed[0].id, "test:2");
  EXPECT_EQ(diff->removed[0].name, "Beta");
  EXPECT_EQ(diff->unchanged, 1u);
  ASSERT_EQ(diff->changed.size(), 2u);

  EXPECT_EQ(diff->changed[0].id, "test:3");
  ASSERT_EQ(diff->changed[0].changes.size(), 2u);
  EXPECT_EQ(diff->changed[0].changes[0].field, "names");
  EXPECT_EQ(diff->changed[0].changes[0].old_value, "");
  EXPECT_EQ(diff->changed[0].changes[0].new_value, "Gamma Ltd (aka)");
  EXPECT_EQ(diff->changed[0].changes[1].field, "listings[0].programs");
  EXPECT_EQ(diff->changed[0].changes[1].old_value, "");
  EXPECT_EQ(diff->changed[0].changes[1].new_value, "SDGT");

  EXPECT_EQ(diff->changed[1].id, "test:4");
  ASSERT_EQ(diff->changed[1].changes.size(), 2u);
  EXPECT_EQ(diff->changed[1].changes[0].field, "listings[0].start");
  EXPECT_EQ(diff->changed[1].changes[0].old_value, "");
  EXPECT_EQ(diff->changed[1].changes[0].new_value, "2024-05-03");
  EXPECT_EQ(diff->changed[1].changes[1].field, "remarks");
  EXPECT_EQ(diff->changed[1].changes[1].new_value, "now with remarks");

  // Reversed direction swaps added and removed.
  auto reverse = store->Diff("test", second->version.version_id, first->version.version_id);
  ASSERT_TRUE(reverse.has_value());
  ASSERT_EQ(reverse->added.size(), 1u);
  EXPECT_EQ(reverse->added[0].id, "test:2");
  ASSERT_EQ(reverse->removed.size(), 1u);
  EXPECT_EQ(reverse->removed[0].id, "test:5");
}

// An entity's history: added, changed (the fields Diff reports), unchanged (no step), removed,
// added again; another entity of the list and another list do not appear.
TEST(StoreDiff, EntityHistoryWalksEveryVersionOfItsList) {
  TempDir dir("store-history");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  core::Entity alpha = SmallEntity("test", "1", "Alpha");
  const core::Entity beta = SmallEntity("test", "2", "Beta");
  std::vector<std::int64_t> ids;
  auto import = [&](std::vector<core::Entity> entities, const std::string& tag) {
    auto done = store->Import(MakeList("test", std::move(entities), tag));
    ASSERT_TRUE(done.has_value()) << done.error().ToString();
    ids.push_back(done->version.version_id);
  };
  import({beta}, "v1");                                      // alpha not there yet
  ASSERT_TRUE(store->Import(MakeList("other", {SmallEntity("other", "1", "O")}, "o")));
  import({alpha, beta}, "v2");                               // added
  alpha.listings[0].programs.push_back("SDGT");
  import({alpha, beta}, "v3");                               // changed
  import({beta, alpha, SmallEntity("test", "3", "C")}, "v4");  // same content: no step
  import({beta}, "v5");                                      // removed
  import({alpha, beta}, "v6");                               // back again

  auto history = store->EntityHistory("test:1");
  ASSERT_TRUE(history.has_value()) << history.error().ToString();
  ASSERT_EQ(history->size(), 4u);
  EXPECT_EQ((*history)[0].kind, "added");
  EXPECT_EQ((*history)[0].version_id, ids[1]);
  EXPECT_EQ((*history)[1].kind, "changed");
  EXPECT_EQ((*history)[1].version_id, ids[2]);
  ASSERT_EQ((*history)[1].changes.size(), 1u);
  EXPECT_EQ((*history)[1].changes[0].field, "listings[0].programs");
  EXPECT_EQ((*history)[1].changes[0].new_value, "SDGT");
  EXPECT_EQ((*history)[2].kind, "removed");
  EXPECT_EQ((*history)[2].version_id, ids[4]);
  EXPECT_EQ((*history)[3].kind, "added");
  EXPECT_EQ((*history)[3].version_id, ids[5]);

  auto steady = store->EntityHistory("test:2");
  ASSERT_TRUE(steady.has_value());
  ASSERT_EQ(steady->size(), 1u);
  EXPECT_EQ(steady->front().version_id, ids[0]);
  auto never = store->EntityHistory("test:99");
  ASSERT_TRUE(never.has_value());
  EXPECT_TRUE(never->empty());
  auto no_list = store->EntityHistory("nolist:1");
  ASSERT_TRUE(no_list.has_value());
  EXPECT_TRUE(no_list->empty());
}

TEST(StoreDiff, VersionOfAnotherListIsNotFound) {
  TempDir dir("store-diff-other");
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  auto a = store->Import(MakeList("test", ThreeEntities(), "a"));
  auto b = store->Import(MakeList("other", {SmallEntity("other", "1", "O")}, "o"));
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value());
  auto diff = store->Diff("test", a->version.version_id, b->version.version_id);
  ASSERT_FALSE(diff.has_value());
  EXPECT_EQ(diff.error().code, core::ErrorCode::kNotFound);
  EXPECT_THAT(diff.error().message, HasSubstr("version " + std::to_string(b->version.version_id) +
                                              " is not a version of test"));
}

struct FieldCase {
  const char* field;
  void (*mutate)(core::Entity&);
};

// Every field DiffEntity knows, one row per field: a change there is reported under that path.
TEST(StoreDiff, DiffEntityNamesEachChangedField) {
  const FieldCase cases[] = {
      {"type", [](core::Entity& e) { e.type = core::EntityType::kVessel; }},
      {"names", [](core::Entity& e) { e.names[1].script = "Latn"; }},
      {"addresses", [](core::Entity& e) { e.addresses[0].city = "Urumqi"; }},
      {"identifiers", [](core::Entity& e) { e.identifiers[0].value = "B999"; }},
      {"birth_dates", [](core::Entity& e) { e.birth_dates[0].circa = false; }},
      {"places_of_birth", [](core::Entity& e) { e.places_of_birth.push_back("Qom"); }},
      {"nationalities", [](core::Entity& e) { e.nationalities.pop_back(); }},
      {"citizenships", [](core::Entity& e) { e.citizenships = {"IQ"}; }},
      {"gender", [](core::Entity& e) { e.gender = "female"; }},
      {"titles", [](core::Entity& e) { e.titles.clear(); }},
      {"listings[0].programs", [](core::Entity& e) { e.listings[0].programs = {"IRAN"}; }},
      {"listings[0].end", [](core::Entity& e) { e.listings[0].end = {}; }},
      {"listings[0].divestment",
       [](core::Entity& e) {
         e.listings[0].divestment = {2022, 1, 1};
       }},
      {"listings[0].federal_register",
       [](core::Entity& e) { e.listings[0].federal_register.push_back("86 FR 1"); }},
      {"listings[0].license_policy", [](core::Entity& e) { e.listings[0].license_policy = "x"; }},
      {"listings", [](core::Entity& e) { e.listings.push_back(e.listings[0]); }},
      {"links", [](core::Entity& e) { e.links[0].percent = 10; }},
      {"vessel.flag", [](core::Entity& e) { e.vessel.flag = "PA"; }},
      {"vessel.call_sign", [](core::Entity& e) { e.vessel.call_sign = "X"; }},
      {"remarks", [](core::Entity& e) { e.remarks += " More."; }},
  };
  for (const auto& row : cases) {
    const core::Entity before = FullEntity("test", "1");
    core::Entity after = before;
    row.mutate(after);
    const auto changes = DiffEntity(before, after);
    ASSERT_EQ(changes.size(), 1u) << row.field;
    EXPECT_EQ(changes[0].field, row.field);
    EXPECT_NE(changes[0].old_value, changes[0].new_value) << row.field;
  }
  EXPECT_TRUE(DiffEntity(FullEntity("test", "1"), FullEntity("test", "1")).empty());
}

TEST(StoreDiff, ReorderedCollectionIsReportedAsOrderOnly) {
  core::Entity before = FullEntity("test", "1");
  core::Entity after = before;
  std::swap(after.titles[0], after.titles[1]);
  const auto changes = DiffEntity(before, after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].field, "titles");
  EXPECT_EQ(changes[0].old_value, "(order) Dr.; General");
  EXPECT_EQ(changes[0].new_value, "(order) General; Dr.");
}

}  // namespace
}  // namespace redflag::store
