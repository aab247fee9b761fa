#include "ingest/updater.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "sources/registry.h"
#include "store/store_test_util.h"

namespace redflag::ingest {
namespace {

using store::ImportStatus;
using store::ListVersion;
using store::Store;
using store::testing::DataDir;
using ::testing::HasSubstr;
using store::testing::MakeList;
using store::testing::SmallEntity;
using ::testing::StartsWith;
using store::testing::TempDir;

std::string FileUrl(const std::filesystem::path& path) {
  return "file://" + std::filesystem::absolute(path).string();
}

UpdateOptions FastOptions(const std::filesystem::path& temp_root) {
  UpdateOptions options;
  options.download.connect_timeout_seconds = 5;
  options.download.total_timeout_seconds = 20;
  options.temp_root = temp_root;
  return options;
}

TEST(UpdateConfig, ShippedConfigurationParsesAndCoversTheOfficialLists) {
  auto sources = LoadUpdateConfig(DefaultUpdateConfigPath());
  ASSERT_TRUE(sources.has_value()) << sources.error().ToString();
  std::vector<std::string> ids;
  for (const auto& source : *sources) ids.push_back(source.list_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"ofac_sdn", "ofac_cons", "us_csl", "un", "uk", "ca_sema",
                                           "ieee_oui", "bis_dpl"}));
  // The OFAC sets are four files each; every URL is https.
  EXPECT_EQ((*sources)[0].files.size(), 4u);
  EXPECT_EQ((*sources)[0].files[0].name, "sdn.csv");
  EXPECT_EQ((*sources)[1].files[0].name, "cons_prim.csv");
  EXPECT_EQ((*sources)[6].files.size(), 4u);
  for (const auto& source : *sources) {
    for (const auto& file : source.files) EXPECT_THAT(file.url, StartsWith("https://"));
  }
  // The BIS DPL URL is unverified and off by default.
  EXPECT_FALSE(sources->back().verified);
  EXPECT_FALSE(sources->back().enabled);
}

struct BadConfigCase {
  const char* json;
  const char* field;
  const char* message;
};

TEST(UpdateConfig, BadConfigurationsNameTheFieldAndReason) {
  const BadConfigCase cases[] = {
      {R"({"sources": 3})", "sources", "expected an object with a \"sources\" array"},
      {R"({"sources": [{"format": "x", "files": []}]})", "sources[0].list_id", "missing"},
      {R"({"sources": [{"list_id": "a", "format": "x", "files": []}]})", "sources[0].files",
       "expected a non-empty array"},
      {R"({"sources": [{"list_id": "a", "format": "x", "files": [{"url": "http://x/y", "name": "y"}]}]})",
       "sources[0].files[0].url", "is not an https:// (or file://) URL"},
      {R"({"sources": [{"list_id": "a", "format": "x", "files": [{"url": "https://x/y", "name": "../y"}]}]})",
       "sources[0].files[0].name", "is not a plain file name"},
      {R"({"sources": [{"list_id": "a", "format": "x", "enabled": "yes", "files": [{"url": "https://x/y", "name": "y"}]}]})",
       "sources[0].enabled", "expected true or false"},
      {R"({"sources": [{"list_id": "a", "format": "x", "files": [{"url": "https://x/y", "name": "y"}]},
                       {"list_id": "a", "format": "x", "files": [{"url": "https://x/y", "name": "y"}]}]})",
       "sources[1].list_id", "configured twice"},
  };
  for (const auto& row : cases) {
    auto sources = ParseUpdateConfig(row.json, "cfg.json");
    ASSERT_FALSE(sources.has_value()) << row.json;
    EXPECT_EQ(sources.error().where.file, "cfg.json");
    EXPECT_EQ(sources.error().where.field, row.field) << row.json;
    EXPECT_THAT(sources.error().message, HasSubstr(row.message)) << row.json;
  }
  auto not_json = ParseUpdateConfig("{", "cfg.json");
  ASSERT_FALSE(not_json.has_value());
  EXPECT_EQ(not_json.error().code, core::ErrorCode::kParse);
  EXPECT_THAT(not_json.error().message, HasSubstr("not valid JSON"));
}

TEST(Download, PlainHttpIsRefused) {
  TempDir dir("dl-http");
  auto done = DownloadFile("http://example.com/sdn.csv", dir.path() / "sdn.csv");
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_THAT(done.error().message, HasSubstr("only https://"));
}

// The network path for real: nothing listens on port 9 of localhost and .invalid never
// resolves (RFC 6761), so both fail the way an offline machine does.
TEST(Update, OfflineFailsCleanlyPerListAndLeavesTheStoreUnchanged) {
  TempDir dir("update-offline");
  auto store = Store::Open(dir.path() / "data");
  ASSERT_TRUE(store.has_value());
  const std::vector<core::Entity> entities = {SmallEntity("ofac_sdn", "1", "Alpha"),
                                              SmallEntity("ofac_sdn", "2", "Beta")};
  auto first = (*store)->Import(MakeList("ofac_sdn", entities, "a"));
  ASSERT_TRUE(first.has_value());
  const std::vector<UpdateSource> sources = {
      {.list_id = "ofac_sdn",
       .format = "ofac_legacy_csv",
       .files = {{"https://127.0.0.1:9/SDN.CSV", "sdn.csv"}}},
      {.list_id = "un",
       .format = "un_xml",
       .files = {{"https://scsanctions.redflag-test.invalid/consolidated.xml",
                  "consolidated.xml"}}},
  };
  auto outcomes = UpdateLists(**store, sources, FastOptions(dir.path()));
  ASSERT_TRUE(outcomes.has_value());
  ASSERT_EQ(outcomes->size(), 2u);
  const auto& sdn = (*outcomes)[0];
  ASSERT_TRUE(sdn.error.has_value());
  EXPECT_EQ(sdn.error->code, core::ErrorCode::kUnavailable);
  EXPECT_THAT(sdn.error->message, StartsWith("cannot reach 127.0.0.1:9: "));
  EXPECT_THAT(sdn.error->message,
              HasSubstr("; nothing changed, active version " +
                        std::to_string(first->version.version_id) + " of ofac_sdn stays"));
  const auto& un = (*outcomes)[1];
  ASSERT_TRUE(un.error.has_value());
  EXPECT_EQ(un.error->code, core::ErrorCode::kUnavailable);
  EXPECT_THAT(un.error->message, StartsWith("cannot reach scsanctions.redflag-test.invalid: "));
  EXPECT_THAT(un.error->message, HasSubstr("nothing changed, no version of un was imported yet"));

  EXPECT_EQ((*store)->Versions("ofac_sdn")->size(), 1u);
  EXPECT_TRUE((*store)->Versions("un")->empty());
  EXPECT_EQ(*(*store)->LoadActiveEntities(), entities);
  // The temporary download directories are gone.
  std::size_t leftovers = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    if (entry.path().filename().string().rfind("redflag-update-", 0) == 0) ++leftovers;
  }
  EXPECT_EQ(leftovers, 0u);
}

// Copies the real OFAC consolidated CSV set and serves it through file:// URLs: download, verify
// (parse) and import must give exactly what parsing the originals gives.
TEST(Update, FileUrlsGoThroughDownloadVerifyAndImport) {
  const auto lists = DataDir() / "lists" / "ofac_cons";
  ASSERT_TRUE(std::filesystem::exists(lists / "cons_prim.csv")) << "REDFLAG_DATA_DIR not set?";
  TempDir dir("update-file");
  const auto mirror = dir.path() / "mirror";
  std::filesystem::create_directories(mirror);
  std::vector<UpdateFile> files;
  for (const char* name : {"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"}) {
    // Upper-case names as on the official endpoint; the config maps them to parser names.
    std::string upper = name;
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    std::filesystem::copy_file(lists / name, mirror / upper);
    files.push_back({FileUrl(mirror / upper), name});
  }
  auto direct =
      sources::Parse(sources::ImportJob{"ofac_cons",
                                        "ofac_legacy_csv",
                                        {lists / "cons_prim.csv", lists / "cons_add.csv",
                                         lists / "cons_alt.csv", lists / "cons_comments.csv"}});
  ASSERT_TRUE(direct.has_value()) << direct.error().ToString();

  auto store = Store::Open(dir.path() / "data");
  ASSERT_TRUE(store.has_value());
  const std::vector<UpdateSource> sources = {
      {.list_id = "ofac_cons", .format = "ofac_legacy_csv", .files = files}};
  auto outcomes = UpdateLists(**store, sources, FastOptions(dir.path()));
  ASSERT_TRUE(outcomes.has_value());
  ASSERT_EQ(outcomes->size(), 1u);
  ASSERT_FALSE((*outcomes)[0].error.has_value()) << (*outcomes)[0].error->ToString();
  ASSERT_TRUE((*outcomes)[0].result.has_value());
  EXPECT_EQ((*outcomes)[0].result->status, ImportStatus::kImported);
  const ListVersion& version = (*outcomes)[0].result->version;
  EXPECT_EQ(version.entity_count, static_cast<std::int64_t>(direct->entities.size()));
  ASSERT_EQ(version.files.size(), 4u);
  std::vector<std::string> recorded;
  for (const auto& file : version.files) recorded.push_back(file.path.string());
  EXPECT_THAT(recorded, ::testing::Contains(files[0].url));
  auto loaded = (*store)->LoadActiveEntities();
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(*loaded, direct->entities);

  // Same files again: unchanged, nothing recorded.
  auto again = UpdateLists(**store, sources, FastOptions(dir.path()));
  ASSERT_TRUE(again.has_value());
  ASSERT_TRUE((*again)[0].result.has_value());
  EXPECT_EQ((*again)[0].result->status, ImportStatus::kUnchanged);
  EXPECT_EQ((*store)->Versions("ofac_cons")->size(), 1u);
}

TEST(Update, DownloadThatDoesNotParseChangesNothing) {
  TempDir dir("update-garbage");
  {
    std::ofstream out(dir.path() / "SDN.CSV", std::ios::binary);
    out << "1,\"unterminated\n";
  }
  auto store = Store::Open(dir.path() / "data");
  ASSERT_TRUE(store.has_value());
  const std::vector<UpdateSource> sources = {
      {.list_id = "ofac_sdn",
       .format = "ofac_legacy_csv",
       .files = {{FileUrl(dir.path() / "SDN.CSV"), "sdn.csv"}}}};
  auto outcomes = UpdateLists(**store, sources, FastOptions(dir.path()));
  ASSERT_TRUE(outcomes.has_value());
  ASSERT_TRUE((*outcomes)[0].error.has_value());
  EXPECT_THAT((*outcomes)[0].error->message, HasSubstr("downloaded ofac_sdn does not parse"));
  EXPECT_THAT((*outcomes)[0].error->message, HasSubstr("nothing changed"));
  EXPECT_TRUE((*store)->ActiveVersions()->empty());
}

TEST(Update, SizeCapAbandonsTheDownload) {
  TempDir dir("update-cap");
  {
    std::ofstream out(dir.path() / "big.csv", std::ios::binary);
    out << std::string(100, 'x');
  }
  DownloadOptions options;
  options.max_bytes = 10;
  auto done = DownloadFile(FileUrl(dir.path() / "big.csv"), dir.path() / "out.csv", options);
  ASSERT_FALSE(done.has_value());
  EXPECT_THAT(done.error().message, HasSubstr("larger than the 10-byte cap"));
}

TEST(Update, OnlyRunsOneListEvenWhenDisabledAndUnknownOnlyIsNotFound) {
  TempDir dir("update-only");
  auto store = Store::Open(dir.path() / "data");
  ASSERT_TRUE(store.has_value());
  const std::vector<UpdateSource> sources = {
      {.list_id = "un",
       .format = "un_xml",
       .files = {{"https://127.0.0.1:9/consolidated.xml", "consolidated.xml"}}},
      {.list_id = "bis_dpl",
       .format = "bis_dpl",
       .files = {{"https://127.0.0.1:9/dpl.txt", "dpl.txt"}},
       .enabled = false},
  };
  auto all = UpdateLists(**store, sources, FastOptions(dir.path()));
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 1u);  // bis_dpl is disabled
  EXPECT_EQ((*all)[0].list_id, "un");
  auto options = FastOptions(dir.path());
  options.only = "bis_dpl";
  auto only = UpdateLists(**store, sources, options);
  ASSERT_TRUE(only.has_value());
  ASSERT_EQ(only->size(), 1u);
  EXPECT_EQ((*only)[0].list_id, "bis_dpl");
  options.only = "nope";
  auto unknown = UpdateLists(**store, sources, options);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kNotFound);
  EXPECT_THAT(unknown.error().message, HasSubstr("\"nope\" is not in the update configuration"));
}

}  // namespace
}  // namespace redflag::ingest
