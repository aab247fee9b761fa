#include "sources/un/un_xml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace redflag::sources {
namespace {

using ::testing::HasSubstr;

std::filesystem::path DataDir() {
  const char* dir = std::getenv("REDFLAG_DATA_DIR");
  EXPECT_NE(dir, nullptr) << "set REDFLAG_DATA_DIR to ../shared/data";
  return dir == nullptr ? std::filesystem::path("/nonexistent") : std::filesystem::path(dir);
}

std::filesystem::path Fixture(const std::string& name) {
  return std::filesystem::path(REDFLAG_SOURCE_DIR) / "tests/fixtures/un" / name;
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

std::string AllDiagnostics(const ParsedList& list) { return list.diagnostics.Format(1000); }

// Counts from the data README section 4, re-checked with
//   python3: len(root.find('INDIVIDUALS')) == 730, len(root.find('ENTITIES')) == 273.
TEST(UnXml, RealFileHasAllIndividualsAndEntities) {
  auto list = ParseUnXml({DataDir() / "lists/un/consolidated.xml"}, "un");
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_EQ(list->entities.size(), 1003u);
  const auto persons = std::count_if(
      list->entities.begin(), list->entities.end(),
      [](const core::Entity& entity) { return entity.type == core::EntityType::kPerson; });
  EXPECT_EQ(persons, 730);
  EXPECT_EQ(list->published.ToString(), "2026-02-27");
  EXPECT_EQ(list->format, "un_xml");
  ASSERT_EQ(list->files.size(), 1u);
  EXPECT_EQ(list->files[0].sha256.size(), 64u);
  // Every entity has an id, a primary name first and one UN listing with a program.
  for (const core::Entity& entity : list->entities) {
    ASSERT_FALSE(entity.names.empty()) << entity.id;
    EXPECT_EQ(entity.names[0].kind, core::NameKind::kPrimary) << entity.id;
    ASSERT_EQ(entity.listings.size(), 1u);
    EXPECT_EQ(entity.listings[0].list_code, "UN");
    EXPECT_EQ(entity.listings[0].programs.size(), 1u) << entity.id;
  }
}

// Alias counts by quality, computed with python over the raw file: distinct alias names (after
// whitespace collapsing, not equal to the primary or original-script name) whose QUALITY is
// "Low" -> 615, "f.k.a." -> 18; NAME_ORIGINAL_SCRIPT non-empty -> 378.
TEST(UnXml, RealFileAliasQualitiesAndScripts) {
  auto list = ParseUnXml({DataDir() / "lists/un/consolidated.xml"}, "un");
  ASSERT_TRUE(list) << list.error().ToString();
  int weak = 0;
  int fka = 0;
  int non_latin = 0;
  for (const core::Entity& entity : list->entities) {
    for (const core::Name& name : entity.names) {
      weak += name.kind == core::NameKind::kWeakAka;
      fka += name.kind == core::NameKind::kFka;
      non_latin += !name.script.empty();
    }
  }
  EXPECT_EQ(weak, 615);
  EXPECT_EQ(fka, 18);
  EXPECT_GE(non_latin, 378);
}

TEST(UnXml, RealFileRecordDetails) {
  auto list = ParseUnXml({DataDir() / "lists/un/consolidated.xml"}, "un");
  ASSERT_TRUE(list) << list.error().ToString();
  const core::Entity* saddam = Find(*list, "un:IQi.001");
  ASSERT_NE(saddam, nullptr);
  EXPECT_EQ(saddam->names[0].full, "SADDAM HUSSEIN AL-TIKRITI");
  EXPECT_EQ(saddam->names[0].given, "SADDAM");
  EXPECT_EQ(saddam->names[0].family, "HUSSEIN AL-TIKRITI");
  ASSERT_EQ(saddam->names.size(), 3u);
  EXPECT_EQ(saddam->names[1].script, "Arab");
  EXPECT_EQ(saddam->names[2].full, "Abu Ali");
  EXPECT_EQ(saddam->names[2].kind, core::NameKind::kWeakAka);
  ASSERT_EQ(saddam->birth_dates.size(), 1u);
  EXPECT_EQ(saddam->birth_dates[0].from.ToString(), "1937-04-28");
  EXPECT_EQ(saddam->nationalities, std::vector<std::string>{"IQ"});
  EXPECT_EQ(saddam->listings[0].start.ToString(), "2003-06-27");
  EXPECT_EQ(saddam->listings[0].programs[0], "Iraq");

  const core::Entity* adf = Find(*list, "un:CDe.001");
  ASSERT_NE(adf, nullptr);
  EXPECT_EQ(adf->type, core::EntityType::kOrganization);
  EXPECT_EQ(adf->primary_name(), "ADF");
  ASSERT_EQ(adf->names.size(), 5u);
  EXPECT_EQ(adf->names[2].kind, core::NameKind::kFka);
  ASSERT_EQ(adf->addresses.size(), 1u);
  EXPECT_EQ(adf->addresses[0].country, "CD");
  EXPECT_THAT(adf->remarks, HasSubstr("Jamil Mukulu"));
}

// The four field problems in the real file, found with grep: "30-35 years old" (line 13393),
// "former Soviet Union" (22489), "24/06/1402 (Hijri Calendar)" (22636), "Between Aug. and Sep.
// 1977". Each is reported with its line and the record is kept.
TEST(UnXml, RealFileFieldProblemsAreReportedWithLines) {
  auto list = ParseUnXml({DataDir() / "lists/un/consolidated.xml"}, "un");
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_EQ(list->diagnostics.warnings(), 4u) << AllDiagnostics(*list);
  EXPECT_EQ(list->diagnostics.errors(), 0u);
  const std::string text = AllDiagnostics(*list);
  EXPECT_THAT(text, HasSubstr("consolidated.xml:13393: INDIVIDUAL[286]/INDIVIDUAL_DATE_OF_BIRTH: "
                              "field \"NOTE\": \"30-35 years old\": is not a date"));
  EXPECT_THAT(text, HasSubstr("consolidated.xml:22489: INDIVIDUAL[417]/VALUE: field "
                              "\"NATIONALITY\": \"former Soviet Union\": is not a recognised"));
  EXPECT_THAT(text, HasSubstr(":22636: INDIVIDUAL[418]/INDIVIDUAL_DATE_OF_BIRTH: field \"NOTE\""));
}

TEST(UnXml, FixtureNamesDatesAndDocuments) {
  auto list = ParseUnXml({Fixture("edge_cases.xml")}, "un");
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_EQ(list->published.ToString(), "2024-01-02");
  ASSERT_EQ(list->entities.size(), 3u) << AllDiagnostics(*list);
  const core::Entity& john = list->entities[0];
  EXPECT_EQ(john.id, "un:QDi.900");
  EXPECT_EQ(john.native_id, "QDi.900");
  // Whitespace collapsed; the alias identical to the primary name is dropped.
  ASSERT_EQ(john.names.size(), 4u);
  EXPECT_EQ(john.names[0].full, "JOHN QUINCY PUBLIC");
  EXPECT_EQ(john.names[1].full, "جون");
  EXPECT_EQ(john.names[1].script, "Arab");
  EXPECT_EQ(john.names[2].kind, core::NameKind::kStrongAka);
  EXPECT_EQ(john.names[3].kind, core::NameKind::kWeakAka);
  EXPECT_EQ(john.gender, "male");
  EXPECT_EQ(john.titles, (std::vector<std::string>{"Dr.", "Financier"}));
  EXPECT_EQ(john.nationalities, std::vector<std::string>{"EG"});
  ASSERT_EQ(john.addresses.size(), 1u);
  EXPECT_EQ(john.addresses[0].street, "1 Nile St");
  EXPECT_EQ(john.addresses[0].city, "Cairo");
  EXPECT_EQ(john.places_of_birth, std::vector<std::string>{"Giza, Egypt"});
  // EXACT date, APPROXIMATELY year, BETWEEN with "Approximately", a month in the NOTE.
  ASSERT_EQ(john.birth_dates.size(), 4u);
  EXPECT_EQ(john.birth_dates[0].from.ToString(), "1960-02-29");
  EXPECT_FALSE(john.birth_dates[0].circa);
  EXPECT_EQ(john.birth_dates[1].from.ToString(), "1962");
  EXPECT_TRUE(john.birth_dates[1].circa);
  EXPECT_EQ(john.birth_dates[2].from.ToString(), "1955");
  EXPECT_EQ(john.birth_dates[2].to.ToString(), "1958");
  EXPECT_TRUE(john.birth_dates[2].circa);
  EXPECT_EQ(john.birth_dates[3].from.ToString(), "1961-08");
  ASSERT_EQ(john.identifiers.size(), 2u);
  EXPECT_EQ(john.identifiers[0].type, core::IdType::kPassport);
  EXPECT_EQ(john.identifiers[0].value, "A1234567");
  EXPECT_EQ(john.identifiers[0].country, "EG");
  EXPECT_THAT(john.identifiers[0].note, HasSubstr("issued 2001-01-01"));
  EXPECT_EQ(john.identifiers[1].type, core::IdType::kNationalId);
  EXPECT_EQ(john.identifiers[1].scheme, "Tazkira");
  // A LISTED_ON with a UTC offset is read as its date.
  EXPECT_EQ(john.listings[0].start.ToString(), "2015-04-07");
  EXPECT_EQ(john.remarks, "A test record.");
}

TEST(UnXml, FixtureBadRecordsAreReportedAndHandled) {
  auto list = ParseUnXml({Fixture("edge_cases.xml")}, "un");
  ASSERT_TRUE(list) << list.error().ToString();
  const std::string text = AllDiagnostics(*list);
  // A bad DOB: reported with its line, record kept without it.
  EXPECT_THAT(text, HasSubstr("edge_cases.xml:29: INDIVIDUAL[1]/INDIVIDUAL_DATE_OF_BIRTH: field "
                              "\"DATE\": \"1961-13-45\": is not a date"));
  EXPECT_THAT(text, HasSubstr(":18: INDIVIDUAL[1]/VALUE: field \"NATIONALITY\": \"Atlantis\""));
  // The duplicate reference is skipped, the first kept.
  EXPECT_THAT(text, HasSubstr(":39: INDIVIDUAL[2]: field \"REFERENCE_NUMBER\": \"QDi.900\": is a "
                              "duplicate reference number; record skipped"));
  // No REFERENCE_NUMBER: the DATAID stands in.
  const core::Entity& no_ref = list->entities[1];
  EXPECT_EQ(no_ref.id, "un:DATAID-3");
  EXPECT_TRUE(no_ref.listings[0].start.empty());
  EXPECT_THAT(text, HasSubstr(":44: INDIVIDUAL[3]: field \"LISTED_ON\": \"yesterday\""));
  // An entity with no FIRST_NAME: its first alias becomes the primary name.
  const core::Entity& org = list->entities[2];
  EXPECT_EQ(org.primary_name(), "Only Alias Org");
  EXPECT_EQ(org.names[0].kind, core::NameKind::kPrimary);
  EXPECT_EQ(org.names[1].kind, core::NameKind::kFka);
  EXPECT_EQ(list->diagnostics.errors(), 1u) << text;
}

TEST(UnXml, MalformedXmlFailsWithLine) {
  const std::string data =
      "<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n"
      "<INDIVIDUAL><FIRST_NAME>X</FIRST_NAME>\n</INDIVIDUALS>\n";
  auto list = ParseUnXmlBuffer(data, "broken.xml", "un");
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, core::ErrorCode::kParse);
  EXPECT_EQ(list.error().where.file, "broken.xml");
  EXPECT_EQ(list.error().where.line, 5);
  EXPECT_THAT(list.error().ToString(), HasSubstr("broken.xml:5: XML is not well formed"));
}

TEST(UnXml, WrongRootFails) {
  auto list = ParseUnXmlBuffer("<?xml version=\"1.0\"?>\n\n<data-set/>", "other.xml", "un");
  ASSERT_FALSE(list);
  EXPECT_THAT(list.error().ToString(),
              HasSubstr("other.xml:3: root element is <data-set>, expected <CONSOLIDATED_LIST>"));
}

// The real file cut in the middle of line 1000 (inside INDIVIDUAL 17) must fail, not import the
// first records silently.
TEST(UnXml, TruncatedRealFileFails) {
  const std::string data = ReadAll(DataDir() / "lists/un/consolidated.xml");
  ASSERT_GT(data.size(), 100000u);
  std::size_t offset = 0;
  for (int line = 1; line < 1000; ++line) offset = data.find('\n', offset) + 1;
  auto list = ParseUnXmlBuffer(std::string_view(data).substr(0, offset + 10), "cut.xml", "un");
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().where.file, "cut.xml");
  EXPECT_EQ(list.error().where.line, 1000);
}

TEST(UnXml, MissingFileAndWrongFileCount) {
  auto missing = ParseUnXml({"/nonexistent/consolidated.xml"}, "un");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().where.file, "/nonexistent/consolidated.xml");
  auto two = ParseUnXml({"a.xml", "b.xml"}, "un");
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace redflag::sources
