#include "sources/ftm/ftm.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace redflag::sources {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::filesystem::path SourceDir() {
  const char* dir = std::getenv("REDFLAG_SOURCE_DIR");
  return dir == nullptr ? std::filesystem::path(REDFLAG_SOURCE_DIR) : std::filesystem::path(dir);
}

const core::Entity* Find(const ParsedList& list, std::string_view id) {
  for (const core::Entity& entity : list.entities) {
    if (entity.id == id) return &entity;
  }
  return nullptr;
}

class FtmSample : public ::testing::Test {
 protected:
  void SetUp() override {
    auto parsed = ParseFtmJsonl({SourceDir() / "tests/fixtures/ftm/sample.jsonl"}, "ftm");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    list_ = std::move(*parsed);
  }
  ParsedList list_;
};

TEST_F(FtmSample, EntitySchemasBecomeEntitiesInFileOrder) {
  // 15 lines: 7 entities (Company x5, Person, Vessel), 2 Ownership, 5 Sanction, 1 Address.
  ASSERT_EQ(list_.entities.size(), 7u);
  EXPECT_EQ(list_.entities[0].id, "ftm:ftm-hikvision");
  EXPECT_EQ(list_.format, "ftm_jsonl");
  EXPECT_EQ(list_.diagnostics.warnings(), 0u) << list_.diagnostics.Format();
  ASSERT_EQ(list_.diagnostics.entries().size(), 1u);
  EXPECT_THAT(list_.diagnostics.entries()[0].message, HasSubstr("1 line(s) of schema Address"));
  // Newest last_seen in the file.
  EXPECT_EQ(list_.published.ToString(), "2025-06-01");
}

TEST_F(FtmSample, CompanyHasNamesScriptsIdsAndTwoSanctionListings) {
  const core::Entity* hik = Find(list_, "ftm:ftm-hikvision");
  ASSERT_NE(hik, nullptr);
  EXPECT_EQ(hik->type, core::EntityType::kOrganization);
  ASSERT_EQ(hik->names.size(), 3u);
  EXPECT_EQ(hik->names[0].kind, core::NameKind::kPrimary);
  EXPECT_EQ(hik->names[2].full, "海康威视");
  EXPECT_EQ(hik->names[2].script, "Hani");
  ASSERT_EQ(hik->addresses.size(), 1u);
  EXPECT_EQ(hik->addresses[0].country, "CN");
  ASSERT_EQ(hik->identifiers.size(), 3u);
  EXPECT_EQ(hik->identifiers[0].type, core::IdType::kRegistration);
  EXPECT_EQ(hik->identifiers[1].type, core::IdType::kIsin);
  EXPECT_EQ(hik->identifiers[2].type, core::IdType::kTicker);
  ASSERT_EQ(hik->listings.size(), 2u);
  const core::Listing& el = hik->listings[0];
  EXPECT_EQ(el.list_name, "Bureau of Industry and Security");
  EXPECT_EQ(el.list_code, "FTM");
  EXPECT_THAT(el.programs, ElementsAre("Entity List"));
  EXPECT_EQ(el.start.ToString(), "2019-10-09");
  EXPECT_EQ(el.remarks, "84 FR 54002");
  EXPECT_EQ(hik->listings[1].start.ToString(), "2021-06-03");  // listingDate when no startDate
}

TEST_F(FtmSample, OwnershipLinksBothWaysWithPercent) {
  const core::Entity* hik = Find(list_, "ftm:ftm-hikvision");
  const core::Entity* usa = Find(list_, "ftm:ftm-hikvision-usa");
  ASSERT_NE(hik, nullptr);
  ASSERT_NE(usa, nullptr);
  ASSERT_EQ(hik->links.size(), 2u);
  EXPECT_EQ(hik->links[0].relation, "owner_of");
  EXPECT_EQ(hik->links[0].target_id, "ftm:ftm-hikvision-usa");
  EXPECT_EQ(hik->links[0].target_name, "Hikvision USA Inc.");
  EXPECT_DOUBLE_EQ(hik->links[0].percent, 100.0);
  ASSERT_EQ(usa->links.size(), 1u);
  EXPECT_EQ(usa->links[0].relation, "owned_by");
  EXPECT_EQ(usa->links[0].target_id, "ftm:ftm-hikvision");
  // No Sanction names the subsidiary: its listing is its datasets.
  ASSERT_EQ(usa->listings.size(), 1u);
  EXPECT_EQ(usa->listings[0].list_name, "OpenSanctions: us_trade_csl");
}

TEST_F(FtmSample, PersonVesselAndWeakAliases) {
  const core::Entity* kim = Find(list_, "ftm:ftm-kim-jong-un");
  ASSERT_NE(kim, nullptr);
  EXPECT_EQ(kim->type, core::EntityType::kPerson);
  EXPECT_EQ(kim->gender, "male");
  ASSERT_EQ(kim->birth_dates.size(), 1u);
  EXPECT_EQ(kim->birth_dates[0].from.ToString(), "1984-01-08");
  EXPECT_THAT(kim->nationalities, ElementsAre("KP"));
  EXPECT_EQ(kim->names.at(2).script, "Hang");
  EXPECT_THAT(kim->titles, ElementsAre("Chairman of the State Affairs Commission"));

  const core::Entity* ship = Find(list_, "ftm:ftm-adrian-darya");
  ASSERT_NE(ship, nullptr);
  EXPECT_EQ(ship->type, core::EntityType::kVessel);
  EXPECT_EQ(ship->vessel.flag, "IR");
  EXPECT_EQ(ship->names.at(1).full, "GRACE 1");
  EXPECT_EQ(ship->names.at(1).kind, core::NameKind::kFka);
  EXPECT_EQ(ship->identifiers.at(0).type, core::IdType::kImo);
  EXPECT_THAT(ship->listings.at(0).programs, ElementsAre("SDGT", "IRGC"));

  const core::Entity* rosneft = Find(list_, "ftm:ftm-rosneft");
  ASSERT_NE(rosneft, nullptr);
  EXPECT_EQ(rosneft->names.at(1).script, "Cyrl");
  EXPECT_EQ(rosneft->names.at(2).kind, core::NameKind::kWeakAka);
  EXPECT_EQ(rosneft->addresses.at(0).country, "RU");
  ASSERT_EQ(rosneft->identifiers.size(), 3u);
  EXPECT_EQ(rosneft->identifiers[0].scheme, "INN");
  EXPECT_EQ(rosneft->identifiers[2].type, core::IdType::kLei);
}

TEST(Ftm, BadLinesAreReportedWithLineAndSkipped) {
  auto parsed = ParseFtmJsonlBuffer(
      "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Ann\"],"
      "\"birthDate\":[\"1970-13-40\"],\"nationality\":[\"zz\"]}}\n"
      "not json\n"
      "\n"
      "[1,2]\n"
      "{\"schema\":\"Person\"}\n"
      "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":\"Ann again\"}}\n"
      "{\"id\":\"s\",\"schema\":\"Sanction\",\"properties\":{\"entity\":[\"missing\"]}}\n"
      "{\"id\":\"o\",\"schema\":\"Ownership\",\"properties\":{\"owner\":[\"a\"],\"asset\":[\"a\"],"
      "\"percentage\":[\"lots\"]}}\n"
      "{\"id\":\"n\",\"schema\":\"Company\",\"properties\":{}}\n",
      "bad.jsonl", "ftm");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  ASSERT_EQ(parsed->entities.size(), 1u);
  EXPECT_TRUE(parsed->entities[0].birth_dates.empty());
  EXPECT_TRUE(parsed->entities[0].nationalities.empty());
  const auto& entries = parsed->diagnostics.entries();
  ASSERT_EQ(entries.size(), 9u) << parsed->diagnostics.Format();
  EXPECT_EQ(entries[0].where.field, "birthDate");
  EXPECT_EQ(entries[1].where.field, "nationality");
  EXPECT_EQ(entries[2].ToString(), "bad.jsonl:2: \"not json\": is not valid JSON; line skipped");
  EXPECT_EQ(entries[3].where.line, 4);
  EXPECT_EQ(entries[4].where.line, 5);
  EXPECT_THAT(entries[5].message, HasSubstr("duplicate id (first on line 1)"));
  EXPECT_EQ(entries[6].where.line, 9);  // Company without a name
  // Resolved after the whole file: the sanction's missing target, the bad percentage.
  EXPECT_EQ(entries[7].where.line, 7);
  EXPECT_THAT(entries[7].message, HasSubstr("not in the file"));
  EXPECT_EQ(entries[8].where.field, "percentage");
}

TEST(Ftm, UnreadableFileIsAnError) {
  auto parsed = ParseFtmJsonl({"/nonexistent/x.jsonl"}, "ftm");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace redflag::sources
