#include "rules/cmic_dates.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace redflag::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

core::PartialDate Date(const char* text) { return *core::ParseDate(text); }

core::Entity Cmic(std::vector<core::Identifier> ids, core::Listing listing) {
  core::Entity entity;
  entity.list_id = "ofac_cons";
  entity.identifiers = std::move(ids);
  listing.list_code = "CMIC";
  entity.listings.push_back(std::move(listing));
  return entity;
}

TEST(CmicDates, StatedDatesAreUsedAsTheyAre) {
  const core::Entity entity =
      Cmic({{.type_raw = "Effective Date (CMIC)", .value = "02 Aug 2021"},
            {.type_raw = "Purchase/Sales For Divestment Date (CMIC)", .value = "03 Jun 2022"},
            {.type_raw = "Listing Date (CMIC)", .value = "03 Jun 2021"}},
           {});
  const CmicDates dates = CmicDatesOf(entity, entity.listings[0], CmicTerms{});
  EXPECT_EQ(dates.effective, Date("2021-08-02"));
  EXPECT_EQ(dates.divestment, Date("2022-06-03"));
  EXPECT_TRUE(dates.basis.empty());
}

// EO 14032 sec. 1(a)(ii), 1(b): a later addition's purchases are prohibited from 60 days after
// the determination, and sales to divest are allowed for 365 days. The Annex's own dates agree:
// 2021-06-03 + 60 = 2021-08-02, + 365 = 2022-06-03.
TEST(CmicDates, OnlyAListingDateGivesSixtyAndThreeHundredSixtyFiveDays) {
  const core::Entity annex = Cmic({{.type_raw = "Listing Date (CMIC)", .value = "03 Jun 2021"}}, {});
  const CmicDates dates = CmicDatesOf(annex, annex.listings[0], CmicTerms{});
  EXPECT_EQ(dates.effective, Date("2021-08-02"));
  EXPECT_EQ(dates.divestment, Date("2022-06-03"));
  EXPECT_THAT(dates.basis, HasSubstr("listing date 2021-06-03 + 60 days"));
  // A listing start without CMIC dates is the listing date (SenseTime: 2021-12-10).
  const core::Entity later = Cmic({}, {.start = Date("2021-12-10")});
  const CmicDates later_dates = CmicDatesOf(later, later.listings[0], CmicTerms{});
  EXPECT_EQ(later_dates.effective, Date("2022-02-08"));
  EXPECT_EQ(later_dates.divestment, Date("2022-12-10"));
  // A listing start beside a divestment date is the effective date the parser put there.
  const core::Entity parsed = Cmic({}, {.start = Date("2021-08-02"), .divestment = Date("2022-06-03")});
  EXPECT_EQ(CmicDatesOf(parsed, parsed.listings[0], CmicTerms{}).effective, Date("2021-08-02"));
  // Nothing stated: no dates (the rule makes it a review).
  const core::Entity bare = Cmic({}, {});
  EXPECT_TRUE(CmicDatesOf(bare, bare.listings[0], CmicTerms{}).effective.empty());
}

TEST(CmicDates, TickersCarryTheirExchange) {
  core::Entity entity = Cmic({{.type = core::IdType::kTicker, .type_raw = "Equity Ticker",
                               .value = "002415", .note = "exchange CN"},
                              {.type = core::IdType::kTicker, .type_raw = "Equity Ticker",
                               .value = "CHA US"}},
                             {});
  EXPECT_THAT(CmicTickers(entity, "002415"), ElementsAre("002415 CN"));
  EXPECT_THAT(CmicTickers(entity, "CHA"), ElementsAre("CHA US"));
  EXPECT_TRUE(CmicTickers(entity, "XYZ").empty());
}

}  // namespace
}  // namespace redflag::rules
