#include "sources/uk/uk.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "sources/uk/ods_reader.h"

namespace redflag::sources {
namespace {

using ::testing::HasSubstr;

std::filesystem::path DataDir() {
  const char* dir = std::getenv("REDFLAG_DATA_DIR");
  EXPECT_NE(dir, nullptr) << "set REDFLAG_DATA_DIR to ../shared/data";
  return dir == nullptr ? std::filesystem::path("/nonexistent") : std::filesystem::path(dir);
}

std::filesystem::path Fixture(const std::string& name) {
  return std::filesystem::path(REDFLAG_SOURCE_DIR) / "tests/fixtures/uk" / name;
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

const core::Entity* Find(const ParsedList& list, std::string_view id) {
  for (const core::Entity& entity : list.entities) {
    if (entity.id == id) return &entity;
  }
  return nullptr;
}

std::map<core::EntityType, int> CountTypes(const ParsedList& list) {
  std::map<core::EntityType, int> counts;
  for (const core::Entity& entity : list.entities) ++counts[entity.type];
  return counts;
}

// ------------------------------------------------------------------------------------------
// ConList CSV.

// Counts computed with python (csv module over the file decoded as cp1252): 9,487 data rows,
// 2,106 distinct Group IDs (1,426 "Individual", 680 "Entity" by the group's first row), 2,114
// distinct (Group ID, Regime) pairs (6 groups have two or three regimes).
TEST(UkConList, RealFileGroupsRowsIntoEntities) {
  auto list = ParseUkConList({DataDir() / "lists/uk/sanctionsconlist.csv"}, "uk");
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_EQ(list->entities.size(), 2106u);
  const auto types = CountTypes(*list);
  EXPECT_EQ(types.at(core::EntityType::kPerson), 1426);
  EXPECT_EQ(types.at(core::EntityType::kOrganization), 680);
  EXPECT_EQ(list->published.ToString(), "2018-04-13");
  EXPECT_EQ(list->format, "uk_conlist_csv");
  std::size_t listings = 0;
  for (const core::Entity& entity : list->entities) {
    ASSERT_FALSE(entity.names.empty()) << entity.id;
    EXPECT_EQ(entity.names[0].kind, core::NameKind::kPrimary);
    listings += entity.listings.size();
  }
  EXPECT_EQ(listings, 2114u);
  EXPECT_EQ(list->diagnostics.errors(), 0u) << list->diagnostics.Format();
  // The first group in file order is 13349 (python: first data row's Group ID).
  EXPECT_EQ(list->entities[0].id, "uk:13349");
}

TEST(UkConList, RealFileGroupDetailsAndCp1252) {
  auto list = ParseUkConList({DataDir() / "lists/uk/sanctionsconlist.csv"}, "uk");
  ASSERT_TRUE(list) << list.error().ToString();
  const core::Entity* farooq = Find(*list, "uk:13349");
  ASSERT_NE(farooq, nullptr);
  // Row 3 is an AKA; the "Prime Alias" row of the group gives the primary name.
  EXPECT_EQ(farooq->primary_name(), "Nayef Salam Muhammad Ujaym AL-HABABI");
  EXPECT_EQ(farooq->names[0].family, "AL-HABABI");
  EXPECT_EQ(farooq->names[1].full, "Sheikh Farooq AL-QAHTANI");
  EXPECT_EQ(farooq->nationalities, (std::vector<std::string>{"SA", "QA"}));
  ASSERT_EQ(farooq->birth_dates.size(), 2u);  // 00/00/1980 and 00/00/1981
  EXPECT_EQ(farooq->birth_dates[0].from.ToString(), "1980");
  EXPECT_EQ(farooq->birth_dates[1].from.ToString(), "1981");
  ASSERT_FALSE(farooq->identifiers.empty());
  EXPECT_EQ(farooq->identifiers[0].type, core::IdType::kPassport);
  EXPECT_EQ(farooq->identifiers[0].value, "592667");
  EXPECT_EQ(farooq->listings[0].start.ToString(), "2016-04-01");
  // 0x92 in group 13190's surname is a right single quote (U+2019) after decoding.
  const core::Entity* quoted = Find(*list, "uk:13190");
  ASSERT_NE(quoted, nullptr);
  EXPECT_TRUE(std::any_of(quoted->names.begin(), quoted->names.end(), [](const core::Name& name) {
    return name.family == "AL-MU\u2019AYYAD";
  }));
}

TEST(UkConList, FixtureGroupsNonContiguousRows) {
  auto list = ParseUkConList({Fixture("conlist_small.csv")}, "uk");
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_EQ(list->published.ToString(), "2025-01-07");
  ASSERT_EQ(list->entities.size(), 2u);
  const core::Entity& person = list->entities[0];
  EXPECT_EQ(person.id, "uk:100");
  EXPECT_EQ(person.type, core::EntityType::kPerson);
  ASSERT_EQ(person.names.size(), 2u);
  EXPECT_EQ(person.names[0].full, "John Paul O\u2019BRIEN");
  EXPECT_EQ(person.names[0].given, "John Paul");
  EXPECT_EQ(person.names[0].kind, core::NameKind::kPrimary);
  EXPECT_EQ(person.names[1].full, "Jon SMITH");
  EXPECT_EQ(person.names[1].kind, core::NameKind::kStrongAka);
  EXPECT_EQ(person.nationalities, (std::vector<std::string>{"RU", "CY"}));
  ASSERT_EQ(person.birth_dates.size(), 2u);
  EXPECT_EQ(person.birth_dates[0].from.ToString(), "1960");
  EXPECT_EQ(person.birth_dates[1].from.ToString(), "1961-08");
  ASSERT_EQ(person.identifiers.size(), 2u);
  EXPECT_EQ(person.identifiers[0].value, "12345678");
  EXPECT_EQ(person.identifiers[1].value, "AB9876543");
  ASSERT_EQ(person.addresses.size(), 1u);
  EXPECT_EQ(person.addresses[0].country, "RU");
  EXPECT_EQ(person.addresses[0].full, "1 Red Square, Moscow, Russia");
  EXPECT_EQ(person.titles, std::vector<std::string>{"Dr"});
  ASSERT_EQ(person.listings.size(), 2u);  // Russia 2020-02-01, Cyber 2021-04-03
  EXPECT_EQ(person.listings[0].programs, std::vector<std::string>{"Russia"});
  EXPECT_EQ(person.listings[1].programs, std::vector<std::string>{"Cyber"});
  EXPECT_EQ(person.listings[1].start.ToString(), "2021-04-03");
  EXPECT_EQ(person.listings[0].list_name, "OFSI Consolidated List");
  EXPECT_EQ(person.remarks, "Test group.");

  const core::Entity& org = list->entities[1];
  EXPECT_EQ(org.type, core::EntityType::kOrganization);
  EXPECT_EQ(org.primary_name(), "ACME TRADING");
  EXPECT_TRUE(org.names[0].given.empty());
  EXPECT_EQ(org.names[1].kind, core::NameKind::kFka);
  EXPECT_EQ(org.remarks, "Line one, \"quoted\"");
}

TEST(UkConList, FixtureFieldProblemsAreReported) {
  auto list = ParseUkConList({Fixture("conlist_small.csv")}, "uk");
  ASSERT_TRUE(list) << list.error().ToString();
  const std::string text = list->diagnostics.Format(100);
  EXPECT_THAT(text, HasSubstr("conlist_small.csv:6: field \"Dob\": \"31/02/1960\": is not a date"));
  EXPECT_THAT(text, HasSubstr("conlist_small.csv:8: field \"Group id\": is empty; row skipped"));
  EXPECT_EQ(list->diagnostics.errors(), 1u);
}

TEST(UkConList, WrongColumnCountFailsWithLine) {
  std::string data = ReadAll(Fixture("conlist_small.csv"));
  data += "ONLY,THREE,FIELDS\n";
  auto list = ParseUkConListBuffer(data, "damaged.csv", "uk");
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, core::ErrorCode::kParse);
  EXPECT_THAT(list.error().ToString(),
              HasSubstr("damaged.csv:9: row has 3 fields, the header has 29"));
}

// The real file with one comma removed from line 5001 must fail at that line (a fixed-column
// file with a short row cannot be trusted).
TEST(UkConList, DamagedRealFileFailsWithLine) {
  std::string data = ReadAll(DataDir() / "lists/uk/sanctionsconlist.csv");
  std::size_t offset = 0;
  for (int line = 1; line < 5001; ++line) offset = data.find('\n', offset) + 1;
  data.erase(data.find(',', offset), 1);
  auto list = ParseUkConListBuffer(data, "sanctionsconlist.csv", "uk");
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().where.file, "sanctionsconlist.csv");
  EXPECT_EQ(list.error().where.line, 5001) << list.error().ToString();
  EXPECT_THAT(list.error().message, HasSubstr("row has 28 fields, the header has 29"));
}

TEST(UkConList, FileWithoutHeaderFails) {
  auto list = ParseUkConListBuffer("Last Updated,01/01/2020\nfoo,bar\n", "x.csv", "uk");
  ASSERT_FALSE(list);
  EXPECT_THAT(list.error().ToString(), HasSubstr("x.csv:2: header has no \"name 6\" column"));
}

// ------------------------------------------------------------------------------------------
// FCDO .ods.

// Counts computed with python (zipfile + ElementTree over content.xml, independent of
// ods_reader): 5,302 data rows, Type Individual 3,754 / Entity 1,087 / Ship 461, Designation
// source UK 4,386 / UN 908 / UK|UN 8; two rows (BEL0174, RUS1467) have an empty Name.
TEST(UkFcdoOds, RealFileHasOneEntityPerRow) {
  auto list = ParseUkFcdoOds({DataDir() / "lists/uk/FCDO_SL_Mon_Aug 11 2025.ods"}, "uk");
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_EQ(list->entities.size(), 5302u);
  const auto types = CountTypes(*list);
  EXPECT_EQ(types.at(core::EntityType::kPerson), 3754);
  EXPECT_EQ(types.at(core::EntityType::kOrganization), 1087);
  EXPECT_EQ(types.at(core::EntityType::kVessel), 461);
  std::map<std::string, int> sources;
  for (const core::Entity& entity : list->entities) ++sources[entity.listings.at(0).action];
  EXPECT_EQ(sources["UK"], 4386);
  EXPECT_EQ(sources["UN"], 908);
  EXPECT_EQ(sources["UK|UN"], 8);
  EXPECT_EQ(list->published.ToString(), "2025-08-11");  // from the file name
  EXPECT_EQ(list->diagnostics.warnings(), 2u) << list->diagnostics.Format();
  EXPECT_THAT(list->diagnostics.Format(), HasSubstr("BEL0174"));

  const core::Entity* kiselyov = Find(*list, "uk:RUS0001");
  ASSERT_NE(kiselyov, nullptr);
  EXPECT_EQ(kiselyov->primary_name(), "Kiselyov Dmitry Konstantinovich");
  EXPECT_EQ(kiselyov->type, core::EntityType::kPerson);
  ASSERT_EQ(kiselyov->identifiers.size(), 1u);
  EXPECT_EQ(kiselyov->identifiers[0].scheme, "ofsi_group_id");
  EXPECT_EQ(kiselyov->identifiers[0].value, "12944");
  const core::Listing& listing = kiselyov->listings.at(0);
  EXPECT_EQ(listing.list_name, "UK Sanctions List");
  EXPECT_EQ(listing.list_code, "UK");
  EXPECT_EQ(listing.programs, std::vector<std::string>{"Russia"});
  EXPECT_EQ(listing.start.ToString(), "2020-12-31");
  EXPECT_THAT(listing.remarks, HasSubstr("Asset freeze"));
}

TEST(UkFcdoOds, FixtureCellsSpansSpacesAndRepeats) {
  auto list = ParseUkFcdoOds({Fixture("FCDO_SL_Tue_Jan 7 2025.ods")}, "uk");
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_EQ(list->published.ToString(), "2025-01-07");
  ASSERT_EQ(list->entities.size(), 4u);
  EXPECT_EQ(list->entities[1].primary_name(), "GRU Unit 26165");  // span, <text:s c=2/> collapsed
  EXPECT_EQ(list->entities[1].listings[0].action, "UK|UN");
  EXPECT_TRUE(list->entities[2].identifiers.empty());  // no OFSI Group ID
  EXPECT_EQ(list->entities[2].type, core::EntityType::kVessel);
  EXPECT_TRUE(list->entities[2].listings[0].start.empty());
  EXPECT_THAT(list->diagnostics.Format(),
              HasSubstr(":4: field \"date designated\": \"32-13-2020\": is not a date"));
  // Row 7 follows two repeated empty rows; a covered cell still counts as a column.
  EXPECT_EQ(list->entities[3].id, "uk:IRN0004");
  EXPECT_EQ(list->entities[3].primary_name(), "A & B Trading");
  EXPECT_EQ(list->entities[3].listings[0].start.ToString(), "2010-02-01");
}

TEST(OdsReader, ExpandsRepeatsButDropsTrailingPadding) {
  auto sheet = ReadOdsContentXml(ReadAll(Fixture("fcdo_content.xml")), "content.xml");
  ASSERT_TRUE(sheet) << sheet.error().ToString();
  EXPECT_EQ(sheet->name, "UK_Sanction_List");
  ASSERT_EQ(sheet->rows.size(), 7u);  // 4 rows, 2 empty, 1 row; the 1,048,000 padding dropped
  EXPECT_EQ(sheet->rows[0].size(), 8u);
  EXPECT_EQ(sheet->rows[2][2], "GRU Unit  26165");  // <text:span> and <text:s text:c="2"/>
  EXPECT_TRUE(sheet->rows[4].empty());
  EXPECT_EQ(sheet->rows[6][1], "");
  EXPECT_EQ(sheet->rows[6][2], "A & B\nTrading");
}

TEST(OdsReader, LimitsAreErrorsNotCrashes) {
  const std::string content = ReadAll(Fixture("fcdo_content.xml"));
  auto few_rows = ReadOdsContentXml(content, "c.xml", {.max_rows = 3});
  ASSERT_FALSE(few_rows);
  EXPECT_THAT(few_rows.error().ToString(), HasSubstr("c.xml:4: sheet has more than 3 rows"));
  auto few_columns = ReadOdsContentXml(content, "c.xml", {.max_columns = 7});
  ASSERT_FALSE(few_columns);
  EXPECT_THAT(few_columns.error().ToString(), HasSubstr("row has more than 7 columns"));
  auto short_cells = ReadOdsContentXml(content, "c.xml", {.max_cell_bytes = 10});
  ASSERT_FALSE(short_cells);
  EXPECT_THAT(short_cells.error().ToString(), HasSubstr("cell text longer than 10 bytes"));
  // A non-empty cell repeated a billion times hits the byte budget, it is not materialised.
  const std::string bomb =
      "<office:document-content><office:body><office:spreadsheet><table:table>"
      "<table:table-row table:number-rows-repeated=\"1000000000\"><table:table-cell "
      "table:number-columns-repeated=\"1000\"><text:p>x</text:p></table:table-cell>"
      "</table:table-row></table:table></office:spreadsheet></office:body>"
      "</office:document-content>";
  auto exploded = ReadOdsContentXml(bomb, "bomb.xml", {.max_content_bytes = 1 << 20});
  ASSERT_FALSE(exploded);
  EXPECT_THAT(exploded.error().ToString(), HasSubstr("bomb.xml"));
}

TEST(UkFcdoOds, NotAZipOrNoContentFails) {
  auto text = ParseUkFcdoOdsBuffer("Unique ID,Name\n", "list.ods", "uk");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, core::ErrorCode::kParse);
  EXPECT_THAT(text.error().ToString(), HasSubstr("list.ods: not an .ods file (not a zip archive)"));
  auto no_content = ParseUkFcdoOds({Fixture("no_content.ods")}, "uk");
  ASSERT_FALSE(no_content);
  EXPECT_THAT(no_content.error().ToString(), HasSubstr("the zip has no content.xml"));
  auto odt = ParseUkFcdoOds({Fixture("text_document.odt")}, "uk");
  ASSERT_FALSE(odt);
  EXPECT_THAT(odt.error().ToString(), HasSubstr("not an OpenDocument spreadsheet"));
}

// The real .ods with bytes overwritten in the middle of the compressed content.xml must fail
// (CRC / inflate error), never yield a partial list.
TEST(UkFcdoOds, DamagedRealFileFails) {
  std::string data = ReadAll(DataDir() / "lists/uk/FCDO_SL_Mon_Aug 11 2025.ods");
  ASSERT_GT(data.size(), 100000u);
  for (std::size_t idx = 80000; idx < 80064; ++idx) data[idx] = static_cast<char>(idx * 7);
  auto list = ParseUkFcdoOdsBuffer(data, "damaged.ods", "uk");
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().where.file, "damaged.ods");
  EXPECT_THAT(list.error().message, HasSubstr("content.xml"));
}

TEST(UkFcdoOds, SheetWithoutHeaderFails) {
  const std::string content =
      "<office:document-content><office:body><office:spreadsheet><table:table>"
      "<table:table-row><table:table-cell><text:p>hello</text:p></table:table-cell>"
      "</table:table-row></table:table></office:spreadsheet></office:body>"
      "</office:document-content>";
  auto sheet = ReadOdsContentXml(content, "c.xml");
  ASSERT_TRUE(sheet);
  ASSERT_EQ(sheet->rows.size(), 1u);
  EXPECT_EQ(sheet->rows[0][0], "hello");
  auto bad_xml = ReadOdsContentXml("<office:document-content><x>", "c.xml");
  ASSERT_FALSE(bad_xml);
  EXPECT_THAT(bad_xml.error().ToString(), HasSubstr("content.xml is not well formed"));
}

}  // namespace
}  // namespace redflag::sources
