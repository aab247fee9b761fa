#include "sources/custom/custom_csv.h"

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

TEST(CustomCsv, DocumentedExampleParses) {
  auto parsed =
      ParseCustomCsv({SourceDir() / "tests/fixtures/custom/example.csv"}, "custom-vendors");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ(parsed->diagnostics.entries().size(), 0u) << parsed->diagnostics.Format();
  ASSERT_EQ(parsed->entities.size(), 4u);

  const core::Entity& hik = parsed->entities[0];
  EXPECT_EQ(hik.id, "custom-vendors:C-001");
  EXPECT_EQ(hik.type, core::EntityType::kOrganization);
  ASSERT_EQ(hik.names.size(), 3u);
  EXPECT_EQ(hik.names[2].full, "海康威视");
  EXPECT_EQ(hik.names[2].script, "Hani");
  EXPECT_EQ(hik.names[1].kind, core::NameKind::kStrongAka);
  EXPECT_EQ(hik.addresses.at(0).country, "CN");
  ASSERT_EQ(hik.identifiers.size(), 2u);
  EXPECT_EQ(hik.identifiers[0].type, core::IdType::kIsin);
  EXPECT_EQ(hik.identifiers[1].type, core::IdType::kUscc);
  EXPECT_EQ(hik.identifiers[1].country, "CN");
  const core::Listing& listing = hik.listings.at(0);
  EXPECT_EQ(listing.list_name, "Acme Corp Blocked Vendors");
  EXPECT_EQ(listing.list_id, "custom-vendors");
  EXPECT_THAT(listing.programs, ElementsAre("INTERNAL-BLOCK"));
  EXPECT_EQ(listing.start.ToString(), "2019-10-09");

  const core::Entity& doe = parsed->entities[1];
  EXPECT_EQ(doe.names[0].full, "DOE, John");
  EXPECT_THAT(doe.nationalities, ElementsAre("US", "GB"));
  ASSERT_EQ(doe.birth_dates.size(), 2u);
  EXPECT_TRUE(doe.birth_dates[1].circa);
  EXPECT_EQ(doe.identifiers.at(0).value, "X1234567");
  EXPECT_EQ(doe.listings[0].end.ToString(), "2026-01-15");
  EXPECT_EQ(doe.listings[0].remarks, "former employee; fraud case 2023-17");

  const core::Entity& ship = parsed->entities[2];
  EXPECT_EQ(ship.type, core::EntityType::kVessel);
  EXPECT_EQ(ship.identifiers.at(0).type, core::IdType::kImo);
  EXPECT_EQ(ship.identifiers.at(1).type, core::IdType::kMmsi);

  const core::Entity& pay = parsed->entities[3];
  EXPECT_EQ(pay.names.size(), 3u);
  ASSERT_EQ(pay.identifiers.size(), 2u);
  EXPECT_EQ(pay.identifiers[0].type, core::IdType::kWebsite);
  EXPECT_EQ(pay.identifiers[0].value, "https://expay.example");
  EXPECT_EQ(pay.identifiers[1].type, core::IdType::kCryptoAddress);
  EXPECT_EQ(pay.identifiers[1].scheme, "XBT");
  EXPECT_EQ(pay.listings[0].list_name, "Acme Corp Watch List");
}

TEST(CustomCsv, DuplicateIdRejectsTheFile) {
  auto parsed = ParseCustomCsvBuffer("id,name\nA,One\nB,Two\nA,Three\n", "dup.csv", "custom-x");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, core::ErrorCode::kValidation);
  EXPECT_EQ(parsed.error().where.line, 4);
  EXPECT_THAT(parsed.error().ToString(), HasSubstr("dup.csv:4"));
  EXPECT_THAT(parsed.error().message, HasSubstr("duplicate id \"A\" (first used at dup.csv:2)"));
}

TEST(CustomCsv, RequiredColumnsAndShapeAreChecked) {
  auto no_name = ParseCustomCsvBuffer("id,type\n1,person\n", "noname.csv", "custom-x");
  ASSERT_FALSE(no_name.has_value());
  EXPECT_THAT(no_name.error().message, HasSubstr("no \"name\" column"));
  auto ragged = ParseCustomCsvBuffer("id,name\n1,A,extra\n", "ragged.csv", "custom-x");
  ASSERT_FALSE(ragged.has_value());
  EXPECT_THAT(ragged.error().ToString(), HasSubstr("ragged.csv:2"));
}

TEST(CustomCsv, BadValuesAreReportedAndRowsKept) {
  auto parsed = ParseCustomCsvBuffer(
      "Name,ID,Type,dob,country,identifiers,start_date,colour\n"
      "Alpha,1,robot,1970-13-01,Atlantis,passport;lei:5493001KJTIIGC8Y1R12,yesterday,red\n"
      ",2,,,,,,\n",
      "bad.csv", "custom-x");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  ASSERT_EQ(parsed->entities.size(), 1u);
  const core::Entity& alpha = parsed->entities[0];
  EXPECT_EQ(alpha.type, core::EntityType::kUnknown);
  EXPECT_TRUE(alpha.birth_dates.empty());
  ASSERT_EQ(alpha.identifiers.size(), 1u);
  EXPECT_EQ(alpha.identifiers[0].type, core::IdType::kLei);
  // colour (info), type, country, dob, "passport", start_date, row 3 without name.
  const auto& entries = parsed->diagnostics.entries();
  ASSERT_EQ(entries.size(), 7u) << parsed->diagnostics.Format();
  EXPECT_EQ(entries[0].severity, core::Severity::kInfo);
  EXPECT_EQ(entries[0].where.field, "colour");
  EXPECT_EQ(entries[3].ToString(),
            "bad.csv:2: field \"dob\": \"1970-13-01\": is not a date (expected YYYY, YYYY-MM or "
            "YYYY-MM-DD); record kept without this date of birth");
  EXPECT_EQ(entries[4].original, "passport");
  EXPECT_EQ(entries[6].where.line, 3);
  EXPECT_EQ(entries[6].action, "record skipped");
}

}  // namespace
}  // namespace redflag::sources
