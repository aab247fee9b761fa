#include "sources/us_trade/bis_dpl.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

namespace redflag::sources {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::filesystem::path DataDir() {
  const char* dir = std::getenv("REDFLAG_DATA_DIR");
  return dir == nullptr ? std::filesystem::path("../shared/data") : std::filesystem::path(dir);
}

constexpr std::string_view kHeader =
    "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t"
    "\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t"
    "\"FR_Citation\"\n";

TEST(BisDplRealFile, OneEntityPerRowWithOrderFacts) {
  auto parsed = ParseBisDpl({DataDir() / "lists/bis_dpl/dpl.txt"}, "bis_dpl");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  // README section 3 and python csv (delimiter tab): 665 rows, 546 distinct names of which 545
  // differ after trimming, 53 without Expiration_Date, 660 with Standard_Order Y (one is "y").
  ASSERT_EQ(parsed->entities.size(), 665u);
  std::set<std::string> names;
  std::size_t without_end = 0;
  std::size_t standard = 0;
  std::size_t citations = 0;
  for (const core::Entity& entity : parsed->entities) {
    names.insert(entity.names.at(0).full);
    const core::Listing& listing = entity.listings.at(0);
    without_end += listing.end.empty();
    standard += listing.standard_order == "Y";
    citations += listing.federal_register.size();
    EXPECT_FALSE(listing.start.empty()) << entity.id;
  }
  EXPECT_EQ(names.size(), 545u);
  EXPECT_EQ(without_end, 53u);
  EXPECT_EQ(standard, 660u);
  // python re "(\d{1,4})\s*\.?\s*F\s*\.?\s*R\s*\.?\s*(\d+)" per row, de-duplicated per row.
  EXPECT_EQ(citations, 1781u);

  const core::Entity& first = parsed->entities[0];
  EXPECT_EQ(first.id, "bis_dpl:1");
  EXPECT_EQ(first.names[0].full, "I. ASH");
  EXPECT_EQ(first.type, core::EntityType::kUnknown);
  ASSERT_EQ(first.addresses.size(), 1u);
  EXPECT_EQ(first.addresses[0].city, "SEAGOVILLE");
  EXPECT_EQ(first.addresses[0].state, "TX");
  EXPECT_EQ(first.addresses[0].country, "US");
  EXPECT_EQ(first.addresses[0].postal_code, "75159");
  const core::Listing& listing = first.listings[0];
  EXPECT_EQ(listing.list_name, "Denied Persons List (DPL) - Bureau of Industry and Security");
  EXPECT_EQ(listing.list_code, "DPL");
  EXPECT_EQ(listing.start.ToString(), "2003-06-19");
  EXPECT_EQ(listing.end.ToString(), "2056-06-29");
  EXPECT_THAT(listing.federal_register, ElementsAre("68 FR 38290", "71 FR 38843", "72 FR 4236"));
  EXPECT_EQ(listing.action, "FEDERAL REGISTER NOTICE UPDATED");
  EXPECT_EQ(listing.remarks, "Last_Update: 2007-01-31");
  EXPECT_EQ(parsed->entities[1].id, "bis_dpl:2");
  EXPECT_EQ(parsed->entities[1].names[0].full, "AARON ABRAHAM VILLA");

  // README: newest plausible Last_Update 2023-11-28; 3033-09-30 on line 316 is a typo.
  EXPECT_EQ(parsed->published.ToString(), "2023-11-28");
  ASSERT_EQ(parsed->diagnostics.warnings(), 1u);
  const core::Diagnostic& typo = parsed->diagnostics.entries().at(0);
  EXPECT_EQ(typo.where.line, 316);
  EXPECT_EQ(typo.where.field, "Last_Update");
  EXPECT_EQ(typo.original, "3033-09-30");
  EXPECT_THAT(typo.ToString(), HasSubstr("dpl.txt:316"));
  EXPECT_THAT(typo.message, HasSubstr("future"));
  EXPECT_EQ(parsed->entities[314].listings[0].remarks, "Last_Update: 3033-09-30");
}

TEST(BisDpl, BadDatesAreReportedAndRowKept) {
  std::string data(kHeader);
  data +=
      "\"ACME\"\t\"\"\t\"\"\t\"\"\t\"Iran\"\t\"\"\t\"13/45/2020\"\t\"\"\t\"y\"\t\"\"\t\"\"\t"
      "\"85 F.R. 16054 3/20/2020\"\n";
  data += "\" \"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\n";
  data += "\"B\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"01/02/2020\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\n";
  auto parsed = ParseBisDplBuffer(data, "mini.txt", "bis_dpl");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  ASSERT_EQ(parsed->entities.size(), 2u);
  EXPECT_EQ(parsed->entities[0].addresses.at(0).country, "IR");
  EXPECT_TRUE(parsed->entities[0].listings[0].start.empty());
  EXPECT_EQ(parsed->entities[0].listings[0].standard_order, "Y");
  // Row numbers stay those of the file even when a row is skipped.
  EXPECT_EQ(parsed->entities[1].id, "bis_dpl:3");
  EXPECT_EQ(parsed->entities[1].listings[0].start.ToString(), "2020-01-02");  // MM/DD/YYYY
  EXPECT_TRUE(parsed->published.empty());
  ASSERT_EQ(parsed->diagnostics.entries().size(), 2u);
  EXPECT_EQ(parsed->diagnostics.entries()[0].ToString(),
            "mini.txt:2: field \"Effective_Date\": \"13/45/2020\": is not a date (expected "
            "MM/DD/YYYY); record kept without it");
  EXPECT_EQ(parsed->diagnostics.entries()[1].where.line, 3);
  EXPECT_EQ(parsed->diagnostics.entries()[1].action, "record skipped");
}

TEST(BisDpl, StructuralDamageFailsWithLine) {
  std::string short_row(kHeader);
  short_row += "\"A\"\t\"B\"\n";
  auto parsed = ParseBisDplBuffer(short_row, "short.txt", "bis_dpl");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_THAT(parsed.error().ToString(), HasSubstr("short.txt:2"));
  EXPECT_THAT(parsed.error().message, HasSubstr("2 fields, the header has 12"));

  std::string open_quote(kHeader);
  open_quote += "\"A\t\"B\"\n";
  auto unterminated = ParseBisDplBuffer(open_quote, "quote.txt", "bis_dpl");
  ASSERT_FALSE(unterminated.has_value());
  EXPECT_EQ(unterminated.error().where.file, "quote.txt");

  auto not_dpl = ParseBisDplBuffer("a\tb\n1\t2\n", "other.txt", "bis_dpl");
  ASSERT_FALSE(not_dpl.has_value());
  EXPECT_THAT(not_dpl.error().message, HasSubstr("\"Name\""));

  auto missing = ParseBisDpl({"/nonexistent/dpl.txt"}, "bis_dpl");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace redflag::sources
