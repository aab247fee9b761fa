#include "engine/engine.h"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <atomic>
#include <thread>

#include "store/store_test_util.h"

namespace redflag::engine {
namespace {

using store::testing::MakeList;
using store::testing::SmallEntity;
using store::testing::TempDir;

core::Entity MacEntity(const std::string& native_id, const std::string& name) {
  core::Entity entity = SmallEntity("ieee_oui", native_id, name);
  entity.identifiers = {core::Identifier{.type = core::IdType::kMacPrefix, .value = "4419B6"}};
  return entity;
}

void ImportSample(const std::filesystem::path& dir, const std::string& tag,
                  const std::string& extra_name = "") {
  auto store = store::Store::Open(dir);
  ASSERT_TRUE(store) << store.error().ToString();
  std::vector<core::Entity> entities = {SmallEntity("un", "1", "Korea Mining Development Corp"),
                                        SmallEntity("un", "2", "Green Pine Associated Corp")};
  if (!extra_name.empty()) entities.push_back(SmallEntity("un", "3", extra_name));
  ASSERT_TRUE((*store)->Import(MakeList("un", std::move(entities), tag)));
  ASSERT_TRUE((*store)->Import(
      MakeList("ieee_oui", {MacEntity("MA-L-4419B6", "Hangzhou Hikvision Digital Tech")}, "oui")));
}

std::vector<std::string> HitIds(const Generation& generation, const std::string& name) {
  auto hits = generation.screener->Screen(match::Query{.name = name});
  std::vector<std::string> ids;
  if (hits) {
    for (const match::Hit& hit : *hits) ids.push_back(hit.entity->id);
  }
  return ids;
}

TEST(Engine, EmptyStoreIsAConflictNamingTheImportCommand) {
  TempDir dir("engine-empty");
  auto engine = Engine::Open(dir.path());
  ASSERT_FALSE(engine);
  EXPECT_EQ(engine.error().code, core::ErrorCode::kConflict);
  EXPECT_NE(engine.error().message.find("redflag lists import"), std::string::npos);
}

TEST(Engine, EmptyStoreIsNotReadyWhenListsAreNotRequired) {
  TempDir dir("engine-notready");
  auto engine = Engine::Open(dir.path(), {.require_lists = false});
  ASSERT_TRUE(engine) << engine.error().ToString();
  EXPECT_EQ((*engine)->Current(), nullptr);
  ImportSample(dir.path(), "v1");
  auto reloaded = (*engine)->Reload();
  ASSERT_TRUE(reloaded) << reloaded.error().ToString();
  EXPECT_TRUE(*reloaded);
  ASSERT_NE((*engine)->Current(), nullptr);
  EXPECT_EQ((*engine)->Current()->number, 1u);
}

TEST(Engine, UnscreenedListsAreLoadedOnlyWhenAsked) {
  TempDir dir("engine-unscreened");
  ImportSample(dir.path(), "v1");
  auto all = Engine::Open(dir.path());
  auto screened_only = Engine::Open(dir.path(), {.unscreened_lists = false});
  ASSERT_TRUE(all && screened_only);
  EXPECT_EQ((*all)->Current()->snapshot->entities().size(), 3u);
  EXPECT_EQ((*all)->Current()->versions.size(), 2u);
  EXPECT_EQ((*screened_only)->Current()->snapshot->entities().size(), 2u);
  EXPECT_EQ((*screened_only)->Current()->versions.size(), 1u);
  // The MAC registry's names are never screened, loaded or not.
  EXPECT_TRUE(HitIds(*(*all)->Current(), "Hangzhou Hikvision Digital Tech").empty());
  EXPECT_EQ(HitIds(*(*all)->Current(), "Green Pine Associated"),
            HitIds(*(*screened_only)->Current(), "Green Pine Associated"));
}

TEST(Engine, DeciderSharesTheGenerationsScreener) {
  TempDir dir("engine-decider");
  ImportSample(dir.path(), "v1");
  auto engine = Engine::Open(dir.path(), {.decider = true});
  ASSERT_TRUE(engine) << engine.error().ToString();
  const auto generation = (*engine)->Current();
  ASSERT_NE(generation->decider, nullptr);
  EXPECT_TRUE(generation->decider->has_mac_registry());
  // Only the generation holds the screener besides the decider's screening function.
  EXPECT_EQ(generation->screener.use_count(), 2);
}

TEST(Engine, ReloadSwapsOnlyWhenActiveVersionsChangeAndOldGenerationStaysValid) {
  TempDir dir("engine-reload");
  ImportSample(dir.path(), "v1");
  auto engine = Engine::Open(dir.path());
  ASSERT_TRUE(engine);
  const auto before = (*engine)->Current();
  auto unchanged = (*engine)->Reload();
  ASSERT_TRUE(unchanged);
  EXPECT_FALSE(*unchanged);
  EXPECT_EQ((*engine)->Current(), before);

  ImportSample(dir.path(), "v2", "Tanchon Commercial Bank");
  auto swapped = (*engine)->Reload();
  ASSERT_TRUE(swapped) << swapped.error().ToString();
  EXPECT_TRUE(*swapped);
  const auto after = (*engine)->Current();
  EXPECT_EQ(after->number, before->number + 1);
  EXPECT_EQ(HitIds(*after, "Tanchon Commercial Bank"), std::vector<std::string>{"un:3"});
  // A request that took the old generation keeps screening the old data.
  EXPECT_TRUE(HitIds(*before, "Tanchon Commercial Bank").empty());
  EXPECT_EQ(HitIds(*before, "Green Pine Associated"), std::vector<std::string>{"un:2"});
}

TEST(Engine, FailedReloadKeepsServingTheCurrentGeneration) {
  TempDir dir("engine-failed");
  ImportSample(dir.path(), "v1");
  auto engine = Engine::Open(dir.path());
  ASSERT_TRUE(engine);
  const auto before = (*engine)->Current();
  // Damage every stored entity: a rebuild cannot decode them and fails.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir.path() / store::kDatabaseFileName).c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE blobs SET data = x'ff00'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto reloaded = (*engine)->Reload(ReloadMode::kAlways);
  EXPECT_FALSE(reloaded);
  EXPECT_EQ((*engine)->Current(), before);
  EXPECT_EQ(HitIds(*(*engine)->Current(), "Green Pine Associated"),
            std::vector<std::string>{"un:2"});
}

TEST(Engine, ConcurrentReadersSeeWholeGenerationsDuringReloads) {
  TempDir dir("engine-concurrent");
  ImportSample(dir.path(), "v1");
  auto engine = Engine::Open(dir.path());
  ASSERT_TRUE(engine);
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::thread reader([&] {
    while (!stop.load()) {
      const auto generation = (*engine)->Current();
      if (HitIds(*generation, "Green Pine Associated") != std::vector<std::string>{"un:2"}) ++bad;
    }
  });
  for (int round = 0; round < 5; ++round) {
    ASSERT_TRUE((*engine)->Reload(ReloadMode::kAlways));
  }
  stop = true;
  reader.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ((*engine)->Current()->number, 6u);
}

}  // namespace
}  // namespace redflag::engine
