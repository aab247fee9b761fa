// The real lists (REDFLAG_DATA_DIR) through registry -> parser -> store -> load.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <string>

#include "sources/registry.h"
#include "store/store.h"
#include "store/store_test_util.h"

namespace redflag::store {
namespace {

using testing::DataDir;
using ::testing::ElementsAre;
using testing::TempDir;

std::vector<sources::ImportJob> DiscoverAll() {
  std::vector<sources::ImportJob> jobs;
  for (const char* root : {"lists", "ieee-oui"}) {
    core::Diagnostics diagnostics;
    auto found = sources::Discover(DataDir() / root, diagnostics);
    EXPECT_TRUE(found.has_value()) << root << ": " << found.error().ToString();
    if (found) jobs.insert(jobs.end(), found->begin(), found->end());
  }
  return jobs;
}

TEST(StoreRealData, EveryListIsStoredExactlyAsTheParserReturnedIt) {
  ASSERT_TRUE(std::filesystem::exists(DataDir() / "lists")) << "REDFLAG_DATA_DIR not set?";
  TempDir dir("store-real");
  auto store = Store::Open(dir.path());
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  std::map<std::string, std::int64_t> counts;
  std::size_t total = 0;
  for (const auto& job : DiscoverAll()) {
    auto parsed = sources::Parse(job);
    ASSERT_TRUE(parsed.has_value()) << job.list_id << ": " << parsed.error().ToString();
    auto result = (*store)->Import(*parsed);
    ASSERT_TRUE(result.has_value()) << job.list_id << ": " << result.error().ToString();
    EXPECT_EQ(result->status, ImportStatus::kImported);
    EXPECT_EQ(result->version.entity_count, static_cast<std::int64_t>(parsed->entities.size()));
    auto loaded = (*store)->LoadEntities(result->version.version_id);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().ToString();
    ASSERT_EQ(loaded->size(), parsed->entities.size()) << job.list_id;
    for (std::size_t entity_idx = 0; entity_idx < loaded->size(); ++entity_idx) {
      ASSERT_EQ((*loaded)[entity_idx], parsed->entities[entity_idx])
          << job.list_id << " entity #" << entity_idx << " " << parsed->entities[entity_idx].id;
    }
    counts[job.list_id] = result->version.entity_count;
    total += parsed->entities.size();
  }
  std::vector<std::string> ids;
  for (const auto& [id, count] : counts) ids.push_back(id);
  EXPECT_THAT(ids, ElementsAre("bis_dpl", "ca_sema", "eu", "ieee_oui", "ofac_cons", "ofac_sdn",
                               "uk", "uk_ofsi", "un", "us_csl"));
  // Independent counts, from /work/shared/data/README.md (rows / records / Group IDs) and, for
  // us_csl, python: len({row['_id'] for row in csv.DictReader(consolidated.csv)}) == 14048.
  EXPECT_EQ(counts["ofac_sdn"], 13821);
  EXPECT_EQ(counts["ofac_cons"], 442);
  EXPECT_EQ(counts["un"], 1003);
  EXPECT_EQ(counts["ca_sema"], 4759);
  EXPECT_EQ(counts["uk"], 5302);
  EXPECT_EQ(counts["uk_ofsi"], 2106);
  EXPECT_EQ(counts["bis_dpl"], 665);
  EXPECT_EQ(counts["eu"], 2);
  EXPECT_EQ(counts["us_csl"], 14048);
  EXPECT_EQ(counts["ieee_oui"], 39630 + 6451 + 7064 + 4575);

  auto active = (*store)->LoadActiveEntities();
  ASSERT_TRUE(active.has_value()) << active.error().ToString();
  EXPECT_EQ(active->size(), total);
  EXPECT_EQ(active->front().list_id, "bis_dpl");
  EXPECT_EQ(active->back().list_id, "us_csl");

  // Importing the same files again records nothing.
  for (const auto& job : DiscoverAll()) {
    auto parsed = sources::Parse(job);
    ASSERT_TRUE(parsed.has_value());
    auto result = (*store)->Import(*parsed);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->status, ImportStatus::kUnchanged) << job.list_id;
  }
}

// The two SDN snapshots: sdn.csv + add/alt/comments of 2023-12-28 vs sdn_2024-05-03/sdn.csv
// alone. Added/removed computed independently with python over column 1 of both sdn.csv files:
// 1,256 ent_nums only in the new file, 112 only in the old one, 13,709 in both.
TEST(StoreRealData, SdnSnapshotsDiffMatchesTheEntNumSets) {
  TempDir dir("store-sdn-diff");
  auto store = Store::Open(dir.path());
  ASSERT_TRUE(store.has_value());
  std::vector<std::int64_t> versions;
  for (const char* path : {"lists/ofac_sdn", "lists/ofac_sdn/sdn_2024-05-03"}) {
    core::Diagnostics diagnostics;
    auto jobs = sources::Discover(DataDir() / path, diagnostics);
    ASSERT_TRUE(jobs.has_value());
    ASSERT_EQ(jobs->size(), 1u);
    auto parsed = sources::Parse(jobs->front());
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    auto result = (*store)->Import(*parsed);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    versions.push_back(result->version.version_id);
  }
  auto diff = (*store)->Diff("ofac_sdn", versions[0], versions[1]);
  ASSERT_TRUE(diff.has_value()) << diff.error().ToString();
  EXPECT_EQ(diff->added.size(), 1256u);
  EXPECT_EQ(diff->removed.size(), 112u);
  EXPECT_EQ(diff->changed.size() + diff->unchanged, 13709u);
  // The new snapshot has no add.csv/alt.csv, so every surviving entity that had an address or an
  // alias in the old set loses it. python over the raw files: 11,099 of the 13,709 common ent_nums
  // have an add.csv row with a non-"-0-" Address/City/Country; 6,648 have alt.csv rows.
  std::map<std::string, std::size_t> by_field;
  for (const auto& change : diff->changed) {
    std::set<std::string> fields;
    for (const auto& field : change.changes) {
      std::string kind = field.field;
      if (kind.rfind("listings[", 0) == 0) kind = "listings[]" + kind.substr(kind.find(']') + 1);
      fields.insert(kind);
    }
    for (const auto& field : fields) ++by_field[field];
  }
  EXPECT_EQ(by_field["addresses"], 11099u);
  EXPECT_GE(by_field["names"], 6648u);
  // For docs/store.md: the numbers of this run.
  std::cout << "sdn diff: added " << diff->added.size() << ", removed " << diff->removed.size()
            << ", changed " << diff->changed.size() << ", unchanged " << diff->unchanged << "\n";
  std::vector<std::pair<std::size_t, std::string>> sorted;
  for (const auto& [field, count] : by_field) sorted.emplace_back(count, field);
  std::sort(sorted.rbegin(), sorted.rend());
  for (const auto& [count, field] : sorted) std::cout << "  " << field << " " << count << "\n";
}

}  // namespace
}  // namespace redflag::store
