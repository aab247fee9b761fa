#include "sources/registry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace redflag::sources {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

fs::path DataDir() {
  const char* dir = std::getenv("REDFLAG_DATA_DIR");
  return dir != nullptr ? fs::path(dir) : fs::path();
}

// "list_id format file1,file2" with file names only: one string per job, easy to compare.
std::vector<std::string> Describe(const std::vector<ImportJob>& jobs) {
  std::vector<std::string> out;
  for (const auto& job : jobs) {
    std::string files;
    for (const auto& file : job.files) {
      files += (files.empty() ? "" : ",") + file.filename().string();
    }
    out.push_back(job.list_id + " " + job.format + " " + files);
  }
  return out;
}

std::string InfoText(const core::Diagnostics& diagnostics) {
  std::string out;
  for (const auto& entry : diagnostics.entries()) out += entry.ToString() + "\n";
  return out;
}

// The SHA256SUMS file shipped with the data: "<hex>  <relative path>" per line.
std::map<std::string, std::string> ShippedSums() {
  std::map<std::string, std::string> sums;
  std::ifstream in(DataDir() / "SHA256SUMS");
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() > 66) sums[line.substr(66)] = line.substr(0, 64);
  }
  return sums;
}

TEST(Registry, ListsRootGivesOneJobPerListWithThePreferredFormat) {
  ASSERT_TRUE(fs::exists(DataDir() / "lists")) << "REDFLAG_DATA_DIR not set?";
  core::Diagnostics diagnostics;
  auto jobs = Discover(DataDir() / "lists", diagnostics);
  ASSERT_TRUE(jobs.has_value()) << jobs.error().ToString();
  // Directory order (sorted); sets in name order.
  EXPECT_THAT(Describe(*jobs),
              ElementsAre("bis_dpl bis_dpl dpl.txt",                              //
                          "ca_sema ca_sema sema-lmes.xml",                        //
                          "eu eu_xml excerpt_2018-12-21.xml",                     //
                          "ofac_cons ofac_legacy_csv cons_add.csv,cons_alt.csv,"  //
                          "cons_comments.csv,cons_prim.csv",                      //
                          "ofac_sdn ofac_legacy_csv add.csv,alt.csv,sdn.csv,"     //
                          "sdn_comments.csv",                                     //
                          "uk uk_fcdo_ods FCDO_SL_Mon_Aug 11 2025.ods",           //
                          "uk_ofsi uk_conlist sanctionsconlist.csv",              //
                          "un un_xml consolidated.xml",                           //
                          "us_csl csl_csv consolidated.csv"));
  const std::string info = InfoText(diagnostics);
  EXPECT_THAT(info, HasSubstr("CONS_ENHANCED.XML: other format of ofac_cons (ofac_enhanced_xml)"));
  EXPECT_THAT(info, HasSubstr("CONS_ENHANCED.ZIP: other format of ofac_cons"));
  EXPECT_THAT(info, HasSubstr("cons_advanced.xml: other format of ofac_cons (ofac_advanced_xml)"));
  EXPECT_THAT(info, HasSubstr("import it by naming the file"));
  EXPECT_THAT(info, HasSubstr("sdn_2024-05-03: sub-directory of list ofac_sdn"));
  EXPECT_THAT(info, HasSubstr("samples: sub-directory of list us_csl"));
  EXPECT_THAT(info, HasSubstr("eu/README.md: not a list file redflag reads: skipped"));
  EXPECT_EQ(diagnostics.warnings(), 0u);
}

TEST(Registry, DataRootAlsoFindsTheIeeeRegistriesAsOneJob) {
  core::Diagnostics diagnostics;
  auto jobs = Discover(DataDir(), diagnostics);
  ASSERT_TRUE(jobs.has_value()) << jobs.error().ToString();
  ASSERT_EQ(jobs->size(), 10u);
  EXPECT_EQ(Describe(*jobs)[0], "ieee_oui ieee_oui iab.csv,mam.csv,oui.csv,oui36.csv");
  const std::string info = InfoText(diagnostics);
  EXPECT_THAT(info, HasSubstr("hikvision_dahua_assignments.csv: not a list file"));
  EXPECT_THAT(info, HasSubstr("oui.txt: same data as oui.csv, which is imported: skipped"));
  EXPECT_THAT(info, HasSubstr("README.md: file outside a list directory"));
}

struct NamedCase {
  const char* path;      // relative to REDFLAG_DATA_DIR
  const char* expected;  // Describe() of the single job
};

TEST(Registry, NamedFilesAndSnapshotDirectoriesAreImportedWhateverThePreferences) {
  const NamedCase cases[] = {
      {"lists/ofac_cons/CONS_ENHANCED.XML", "ofac_cons ofac_enhanced_xml CONS_ENHANCED.XML"},
      {"lists/ofac_cons/CONS_ENHANCED.ZIP", "ofac_cons ofac_enhanced_xml CONS_ENHANCED.ZIP"},
      {"lists/ofac_cons/cons_advanced.xml", "ofac_cons ofac_advanced_xml cons_advanced.xml"},
      {"lists/ofac_sdn/sdn_2024-05-03", "ofac_sdn ofac_legacy_csv sdn.csv"},
      {"lists/ofac_sdn/sdn_2024-05-03/sdn.csv", "ofac_sdn ofac_legacy_csv sdn.csv"},
      {"lists/ofac_sdn/add.csv",
       "ofac_sdn ofac_legacy_csv add.csv,alt.csv,sdn.csv,sdn_comments.csv"},
      {"lists/ofac_sdn/", "ofac_sdn ofac_legacy_csv add.csv,alt.csv,sdn.csv,sdn_comments.csv"},
      {"lists/us_csl/samples/csl_2023-11-30_partial.csv",
       "us_csl csl_csv csl_2023-11-30_partial.csv"},
      {"lists/uk/sanctionsconlist.csv", "uk_ofsi uk_conlist sanctionsconlist.csv"},
      {"lists/un/consolidated.xml", "un un_xml consolidated.xml"},
      {"ieee-oui/mam.csv", "ieee_oui ieee_oui iab.csv,mam.csv,oui.csv,oui36.csv"},
  };
  for (const auto& row : cases) {
    core::Diagnostics diagnostics;
    auto jobs = Discover(DataDir() / row.path, diagnostics);
    ASSERT_TRUE(jobs.has_value()) << row.path << ": " << jobs.error().ToString();
    EXPECT_THAT(Describe(*jobs), ElementsAre(row.expected)) << row.path;
  }
}

TEST(Registry, SnapshotDirectoryWithTwoSamplesGivesTwoVersions) {
  core::Diagnostics diagnostics;
  auto jobs = Discover(DataDir() / "lists/us_csl/samples", diagnostics);
  ASSERT_TRUE(jobs.has_value());
  EXPECT_THAT(Describe(*jobs), ElementsAre("us_csl csl_csv consolidated_2025-06_sample.csv",
                                           "us_csl csl_csv csl_2023-11-30_partial.csv"));
}

TEST(Registry, UnknownNamedFileAndMissingPathAreErrors) {
  core::Diagnostics diagnostics;
  auto unknown = Discover(DataDir() / "README.md", diagnostics);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_THAT(unknown.error().where.file, HasSubstr("README.md"));
  EXPECT_THAT(unknown.error().message, HasSubstr("cannot tell which list"));
  auto missing = Discover(DataDir() / "lists" / "nope", diagnostics);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  EXPECT_THAT(missing.error().where.file, HasSubstr("lists/nope"));
}

TEST(Registry, CustomListDirectoryTakesItsCsvFiles) {
  const fs::path dir = fs::temp_directory_path() / "redflag-registry-test" / "custom-acme";
  fs::remove_all(dir.parent_path());
  fs::create_directories(dir);
  std::ofstream(dir / "blocked.csv") << "id,name\n1,Acme Bad Co\n";
  std::ofstream(dir / "notes.txt") << "not a list\n";
  core::Diagnostics diagnostics;
  auto jobs = Discover(dir.parent_path(), diagnostics);
  ASSERT_TRUE(jobs.has_value());
  EXPECT_THAT(Describe(*jobs), ElementsAre("custom-acme custom_csv blocked.csv"));
  EXPECT_THAT(InfoText(diagnostics), HasSubstr("notes.txt: not a list file"));
  fs::remove_all(dir.parent_path());
}

TEST(Registry, Sha256FileMatchesTheShippedChecksums) {
  const auto sums = ShippedSums();
  ASSERT_GT(sums.size(), 20u);
  for (const char* relative : {"lists/bis_dpl/dpl.txt", "lists/ofac_sdn/sdn.csv",
                               "lists/uk/FCDO_SL_Mon_Aug 11 2025.ods"}) {
    auto hash = Sha256File(DataDir() / relative);
    ASSERT_TRUE(hash.has_value()) << hash.error().ToString();
    EXPECT_EQ(*hash, sums.at(relative)) << relative;
  }
  auto missing = Sha256File(DataDir() / "nope.csv");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kIo);
}

TEST(Registry, ParseFillsFileHashesAndSizes) {
  const auto sums = ShippedSums();
  auto parsed = Parse(ImportJob{"bis_dpl", "bis_dpl", {DataDir() / "lists/bis_dpl/dpl.txt"}});
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ(parsed->list_id, "bis_dpl");
  ASSERT_EQ(parsed->files.size(), 1u);
  EXPECT_EQ(parsed->files[0].sha256, sums.at("lists/bis_dpl/dpl.txt"));
  EXPECT_EQ(parsed->files[0].size, fs::file_size(DataDir() / "lists/bis_dpl/dpl.txt"));
}

TEST(Registry, UnknownFormatIsAnError) {
  auto parsed = Parse(ImportJob{"x", "no_such_format", {"/tmp/x.csv"}});
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_THAT(parsed.error().message, HasSubstr("no parser for format \"no_such_format\""));
  auto no_files = Parse(ImportJob{"x", "bis_dpl", {}});
  ASSERT_FALSE(no_files.has_value());
  EXPECT_THAT(no_files.error().message, HasSubstr("has no files"));
}

}  // namespace
}  // namespace redflag::sources
