#include "sources/canada/ca_sema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
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
  return std::filesystem::path(REDFLAG_SOURCE_DIR) / "tests/fixtures/ca" / name;
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

// Counts computed with python (ElementTree over the raw file): 4,759 <record>s; 3,334 with
// LastName/GivenName, 1,425 with EntityOrShip of which 109 have ShipIMONumber (and all of
// those a vessel type in TitleOrShip); (Country, Schedule, Item) is unique across records.
// Regimes: Russia 2,426, Ukraine 553. Two DateOfBirthOrShipBuildDate values are not dates
// ("Sep-99", "born in the early 1970s").
TEST(CaSema, RealFileCountsTypesAndIds) {
  auto list = ParseCaSema({DataDir() / "lists/ca_sema/sema-lmes.xml"}, "ca_sema");
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->entities.size(), 4759u);
  std::map<core::EntityType, int> types;
  std::map<std::string, int> programs;
  std::set<std::string> ids;
  int imo = 0;
  for (const core::Entity& entity : list->entities) {
    ++types[entity.type];
    ids.insert(entity.id);
    ASSERT_EQ(entity.listings.size(), 1u);
    ++programs[entity.listings[0].programs.at(0)];
    for (const core::Identifier& identifier : entity.identifiers) {
      imo += identifier.type == core::IdType::kImo;
    }
    ASSERT_FALSE(entity.names.empty()) << entity.id;
    EXPECT_EQ(entity.names[0].kind, core::NameKind::kPrimary);
  }
  EXPECT_EQ(types[core::EntityType::kPerson], 3334);
  EXPECT_EQ(types[core::EntityType::kVessel], 109);
  EXPECT_EQ(types[core::EntityType::kOrganization], 1316);
  EXPECT_EQ(imo, 109);
  EXPECT_EQ(ids.size(), 4759u);
  EXPECT_EQ(programs["Russia"], 2426);
  EXPECT_EQ(programs["Ukraine"], 553);
  EXPECT_TRUE(list->published.empty());
  EXPECT_EQ(list->diagnostics.warnings(), 2u) << list->diagnostics.Format();
  EXPECT_THAT(list->diagnostics.Format(), HasSubstr("\"Sep-99\": is not a date"));
}

TEST(CaSema, RealFileRecordDetails) {
  auto list = ParseCaSema({DataDir() / "lists/ca_sema/sema-lmes.xml"}, "ca_sema");
  ASSERT_TRUE(list) << list.error().ToString();
  const core::Entity* lukashenko = Find(*list, "ca_sema:belarus_1-part-1_8");
  ASSERT_NE(lukashenko, nullptr);
  EXPECT_EQ(lukashenko->primary_name(), "Aleksandr Grigoryevich Lukashenko");
  EXPECT_EQ(lukashenko->names[0].family, "Lukashenko");
  ASSERT_EQ(lukashenko->birth_dates.size(), 1u);
  EXPECT_EQ(lukashenko->birth_dates[0].from.ToString(), "1954-08-30");
  EXPECT_EQ(lukashenko->listings[0].start.ToString(), "2020-09-28");
  EXPECT_EQ(lukashenko->listings[0].remarks, "Schedule 1, Part 1, Item 8");
  EXPECT_EQ(lukashenko->listings[0].list_code, "CA");

  const core::Entity* ship = Find(*list, "ca_sema:russia_1.1_1");
  ASSERT_NE(ship, nullptr);
  EXPECT_EQ(ship->type, core::EntityType::kVessel);
  EXPECT_EQ(ship->primary_name(), "Balitiyskiy III");
  EXPECT_EQ(ship->vessel.vessel_type, "General Cargo / Multi Purpose");
  ASSERT_EQ(ship->identifiers.size(), 1u);
  EXPECT_EQ(ship->identifiers[0].value, "7612448");

  // "Belarusian: Мікалай ...; Russian: Николай ..., Коля Лукашенко" (Aliases of Item 120).
  const core::Entity* nikolai = Find(*list, "ca_sema:belarus_1-part-1_120");
  ASSERT_NE(nikolai, nullptr);
  int russian = 0;
  int belarusian = 0;
  for (const core::Name& name : nikolai->names) {
    russian += name.language == "ru";
    belarusian += name.language == "be";
    if (!name.language.empty()) {
      EXPECT_EQ(name.script, "Cyrl") << name.full;
    }
  }
  EXPECT_EQ(russian, 2);
  EXPECT_EQ(belarusian, 1);
}

TEST(CaSema, FixtureAliasesDatesAndShips) {
  auto list = ParseCaSema({Fixture("edge_cases.xml")}, "ca_sema");
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->entities.size(), 5u);
  const core::Entity& ivanov = list->entities[0];
  EXPECT_EQ(ivanov.id, "ca_sema:russia_1-part-1_7");
  EXPECT_EQ(ivanov.primary_name(), "Ivan Ivanovich Ivanov");
  EXPECT_EQ(ivanov.titles, std::vector<std::string>{"General/général"});
  ASSERT_EQ(ivanov.birth_dates.size(), 2u);  // "1963 or 1964"
  EXPECT_EQ(ivanov.birth_dates[0].from.ToString(), "1963");
  EXPECT_EQ(ivanov.birth_dates[1].from.ToString(), "1964");
  ASSERT_EQ(ivanov.names.size(), 5u);
  EXPECT_EQ(ivanov.names[1].full, "Ivan Ivanoff");
  EXPECT_EQ(ivanov.names[1].language, "");
  EXPECT_EQ(ivanov.names[2].full, "Иван Иванович Иванов");
  EXPECT_EQ(ivanov.names[2].language, "ru");
  EXPECT_EQ(ivanov.names[3].language, "ru");
  EXPECT_EQ(ivanov.names[4].language, "be");
  EXPECT_EQ(ivanov.listings[0].programs, std::vector<std::string>{"Russia"});

  const core::Entity& foo = list->entities[1];
  EXPECT_EQ(foo.id, "ca_sema:myanmar-burma_part-2_3");
  EXPECT_EQ(foo.type, core::EntityType::kOrganization);
  ASSERT_EQ(foo.names.size(), 3u);
  EXPECT_EQ(foo.names[1].full, "Foo Trading Company, Inc.");  // legal form kept with its name
  EXPECT_EQ(foo.names[2].full, "Foo Holdings");               // stray ')' dropped
  EXPECT_EQ(foo.listings[0].programs, std::vector<std::string>{"Myanmar (Burma)"});
  EXPECT_TRUE(foo.listings[0].start.empty());

  const core::Entity& ship = list->entities[2];
  EXPECT_EQ(ship.type, core::EntityType::kVessel);
  EXPECT_EQ(ship.identifiers.at(0).value, "1234567");
  EXPECT_TRUE(ship.birth_dates.empty());
  // Same regime/schedule/item as the previous record: kept with a distinct id.
  EXPECT_EQ(list->entities[3].id, "ca_sema:russia_1.1_1~4");
  EXPECT_EQ(list->entities[3].identifiers.at(0).value, "12345");
  EXPECT_EQ(list->entities[4].id, "ca_sema:record-5");

  const std::string text = list->diagnostics.Format(100);
  EXPECT_THAT(text, HasSubstr("edge_cases.xml:21: record[2]: field \"DateOfListing\": "
                              "\"2021-13-01\": is not a date"));
  EXPECT_THAT(text, HasSubstr(":28: record[3]: field \"DateOfBirthOrShipBuildDate\""));
  EXPECT_THAT(text, HasSubstr(":36: record[4]: field \"ShipIMONumber\": \"12345\""));
  EXPECT_THAT(text, HasSubstr("record[4]: field \"Item\": \"russia_1.1_1\": regime/schedule/item "
                              "repeats an earlier record"));
}

TEST(CaSema, MalformedXmlAndWrongRootFail) {
  auto broken =
      ParseCaSemaBuffer("<data-set>\n<record>\n<Item>1</Itm>\n</record>", "b.xml", "ca_sema");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, core::ErrorCode::kParse);
  EXPECT_THAT(broken.error().ToString(), HasSubstr("b.xml:3: XML is not well formed"));
  auto other = ParseCaSemaBuffer("<CONSOLIDATED_LIST/>", "u.xml", "ca_sema");
  ASSERT_FALSE(other);
  EXPECT_THAT(other.error().ToString(), HasSubstr("expected <data-set>"));
}

// The real file cut inside line 20000 fails with that line.
TEST(CaSema, TruncatedRealFileFails) {
  const std::string data = ReadAll(DataDir() / "lists/ca_sema/sema-lmes.xml");
  std::size_t offset = 0;
  for (int line = 1; line < 20000; ++line) offset = data.find('\n', offset) + 1;
  auto list = ParseCaSemaBuffer(std::string_view(data).substr(0, offset + 3), "cut.xml", "ca_sema");
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().where.file, "cut.xml");
  EXPECT_EQ(list.error().where.line, 20000);
}

}  // namespace
}  // namespace redflag::sources
