// Holdings: the CSV and its identifiers, every outcome around the NS-CMIC dates, SDN issuers by
// ISIN, by name and by ownership, the per-fund summary and the printers. Entities are written
// by hand from the public list entries (Hikvision's NS-CMIC entry, OFAC SDN 33675) and checked
// with the real index and screener, as `redflag holdings check` builds them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "holdings/checker.h"
#include "holdings/holdings.h"
#include "holdings/holdings_report.h"
#include "holdings/holdings_rules.h"

namespace redflag::holdings {
namespace {

core::PartialDate D(const char* text) { return core::ParseDate(text).value(); }

core::Entity Org(std::string id, std::string code, std::vector<std::string> names,
                 std::vector<std::string> isins, const char* start = "",
                 const char* divestment = "") {
  core::Entity entity;
  entity.id = id;
  entity.list_id = id.substr(0, id.find(':'));
  entity.native_id = id.substr(id.find(':') + 1);
  entity.type = core::EntityType::kOrganization;
  for (std::size_t idx = 0; idx < names.size(); ++idx) {
    entity.names.push_back(core::Name{
        .full = names[idx], .kind = idx == 0 ? core::NameKind::kPrimary : core::NameKind::kStrongAka});
  }
  for (const std::string& isin : isins) {
    entity.identifiers.push_back(core::Identifier{.type = core::IdType::kIsin, .value = isin});
  }
  core::Listing listing{.list_id = entity.list_id, .list_name = code, .list_code = code};
  if (*start != '\0') listing.start = D(start);
  if (*divestment != '\0') listing.divestment = D(divestment);
  entity.listings.push_back(listing);
  return entity;
}

std::vector<core::Entity> Entities() {
  std::vector<core::Entity> out;
  // OFAC NS-CMIC entry 30946 (cons_prim.csv): ISIN CNE100000PM8, effective 02 Aug 2021,
  // purchase/sales for divestment until 03 Jun 2022.
  // Its ticker as OFAC's remarks parser keeps "Equity Ticker 002415 CN".
  core::Entity hikvision = Org("ofac_cons:30946", "CMIC",
                               {"HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", "HIKVISION"},
                               {"CNE100000PM8"}, "2021-08-02", "2022-06-03");
  hikvision.identifiers.push_back(core::Identifier{.type = core::IdType::kTicker,
                                                   .type_raw = "Equity Ticker",
                                                   .value = "002415",
                                                   .note = "exchange CN"});
  out.push_back(std::move(hikvision));
  out.push_back(Org("ofac_sdn:33675", "SDN", {"PINGTAN MARINE ENTERPRISE LTD."}, {"KYG7114V1023"}));
  out.push_back(Org("us_csl:dahua", "EL", {"Dahua Technology"}, {}));
  core::Entity owned = Org("us_csl:owned", "EL", {"Ocean Harvest Fishing Holdings"}, {});
  owned.links.push_back(core::Link{.relation = "owned_by",
                                   .target_name = "PINGTAN MARINE ENTERPRISE LTD.",
                                   .target_id = "ofac_sdn:33675", .percent = 60});
  out.push_back(owned);
  core::Entity minority = Org("us_csl:minority", "EL", {"Fuzhou Blue Sea Trading"}, {});
  minority.links.push_back(core::Link{.relation = "owned_by", .target_name = "PINGTAN",
                                      .target_id = "ofac_sdn:33675", .percent = 30});
  out.push_back(minority);
  for (const char* filler : {"Acme Widgets Corporation", "Northern Lights Shipping Company",
                             "Blue River Trading Limited", "Golden Harvest Foods Group"}) {
    out.push_back(Org(std::string("custom-x:") + filler, "X", {filler}, {}));
  }
  return out;
}

HoldingsRules Rules() {
  auto rules = LoadHoldingsRules(std::filesystem::path(REDFLAG_SOURCE_DIR) / "data" / "holdings" /
                                 "holdings_rules.json");
  EXPECT_TRUE(rules.has_value()) << rules.error().ToString();
  return *rules;
}

const Checker& TheChecker() {
  static const Checker* checker = [] {
    auto snapshot = index::Snapshot::Build(Entities());
    return new Checker(*snapshot, Rules());
  }();
  return *checker;
}

Holding Row(std::string isin, std::string issuer, const char* acquired = "") {
  Holding row;
  row.line = 2;
  row.fund = "Fund A";
  row.isin = std::move(isin);
  row.issuer_name = std::move(issuer);
  row.market_value = 100;
  if (*acquired != '\0') row.acquisition_date = D(acquired);
  return row;
}

HoldingResult CheckOne(Holding row, const char* as_of) {
  auto report = TheChecker().Check({std::move(row)}, D(as_of));
  EXPECT_TRUE(report.has_value());
  return report->results.at(0);
}

TEST(HoldingsCsv, IdentifierCheckDigits) {
  EXPECT_EQ(IsinCheckDigit("US037833100"), '5');  // Apple Inc. US0378331005
  EXPECT_TRUE(IsValidCusip("037833100"));
  EXPECT_FALSE(IsValidCusip("037833101"));
  EXPECT_EQ(IsinFromCusip("037833100"), "US0378331005");
  EXPECT_TRUE(IsValidSedol("0263494"));  // BAE Systems
  EXPECT_FALSE(IsValidSedol("0263495"));
  EXPECT_FALSE(IsValidSedol("A263494"));  // vowels are never used
  EXPECT_EQ(IsinFromSedol("0263494"), "GB0002634946");
}

// Found by holdings_csv_fuzz: a CUSIP with '@' passes its check digit but gave an "ISIN" with an
// '@' in it (and a wrong check digit).
TEST(HoldingsCsv, CusipWithSpecialCharactersGivesNoIsin) {
  ASSERT_TRUE(IsValidCusip("5@7833100"));
  auto rows = ParseHoldingsCsv("fund,cusip\nA,5@7833100\n", "h.csv");
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  EXPECT_TRUE((*rows)[0].Isins().empty());
  EXPECT_EQ((*rows)[0].SecurityLabel(), "CUSIP 5@7833100");
}

TEST(HoldingsCsv, ReadsColumnsInAnyOrderWithAliases) {
  auto rows = ParseHoldingsCsv(
      "Issuer,Portfolio,ISIN,market_value,quantity,acquisition_date,cusip\n"
      "\"Apple, Inc.\",Income,US0378331005,\"1,800.50\",-10,2017-01-03,\n"
      "Apple Inc.,Income,,0,,,037833100\n",
      "h.csv");
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].issuer_name, "Apple, Inc.");
  EXPECT_EQ((*rows)[0].fund, "Income");
  EXPECT_DOUBLE_EQ((*rows)[0].market_value, 1800.5);
  EXPECT_DOUBLE_EQ((*rows)[0].quantity, -10);
  EXPECT_EQ((*rows)[0].acquisition_date.ToString(), "2017-01-03");
  EXPECT_EQ((*rows)[1].line, 3);
  EXPECT_EQ((*rows)[1].Isins(), std::vector<std::string>{"US0378331005"});
}

TEST(HoldingsCsv, BadRowsNameFileLineAndColumn) {
  struct Case {
    const char* text;
    const char* where;
    const char* says;
  };
  const Case cases[] = {
      {"fund,isin\nA,US0378331005\nA,CNE100000PM9\n", "h.csv:3: field \"isin\"", "ISIN"},
      {"fund,isin,cusip\nA,,037833101\n", "h.csv:2: field \"cusip\"", "CUSIP"},
      {"fund,isin,sedol\nA,,0263495\n", "h.csv:2: field \"sedol\"", "SEDOL"},
      {"fund,isin,acquisition_date\nA,US0378331005,2021-02-30\n",
       "h.csv:2: field \"acquisition_date\"", "not a date"},
      {"fund,isin,market_value\nA,US0378331005,12abc\n", "h.csv:2: field \"market_value\"",
       "not a number"},
      {"fund,isin\n,US0378331005\n", "h.csv:2: field \"fund\"", "empty"},
      {"fund,isin,issuer_name\nA,,\n", "h.csv:2: field \"issuer_name\"", "names no security"},
      {"isin,issuer_name\nUS0378331005,Apple\n", "h.csv:1", "fund column"},
      {"fund,isin\nA,\"US0378331005\n", "h.csv:2", "unterminated"},
      {"", "h.csv:1", "empty"},
  };
  for (const Case& c : cases) {
    auto rows = ParseHoldingsCsv(c.text, "h.csv");
    ASSERT_FALSE(rows.has_value()) << c.text;
    const std::string message = rows.error().ToString();
    EXPECT_NE(message.find(c.where), std::string::npos) << message;
    EXPECT_NE(message.find(c.says), std::string::npos) << message;
  }
}

TEST(HoldingsCheck, CmicOutcomesAroundTheEntryDates) {
  struct Case {
    const char* as_of;
    const char* acquired;
    Outcome outcome;
    const char* deadline;
  };
  const Case cases[] = {
      {"2021-08-01", "2019-05-02", Outcome::kClear, "2021-08-02"},     // day before effective
      {"2021-08-02", "2019-05-02", Outcome::kDivestBy, "2022-06-03"},  // effective date
      {"2022-06-03", "2019-05-02", Outcome::kDivestBy, "2022-06-03"},  // last day to divest
      {"2022-06-04", "2019-05-02", Outcome::kMustNotHold, ""},         // window over
      {"2021-09-30", "2021-08-02", Outcome::kProhibitedPurchase, ""},  // bought on effective date
      {"2021-09-30", "2021-08-01", Outcome::kDivestBy, "2022-06-03"},  // bought the day before
      {"2021-09-30", "", Outcome::kDivestBy, "2022-06-03"},            // acquisition not stated
      {"2021-09-30", "2021-12-01", Outcome::kDivestBy, "2022-06-03"},  // "acquired" after as-of
  };
  for (const Case& c : cases) {
    const HoldingResult result =
        CheckOne(Row("CNE100000PM8", "Hangzhou Hikvision Digital Technology", c.acquired), c.as_of);
    EXPECT_EQ(result.outcome, c.outcome) << c.as_of << " " << c.acquired;
    EXPECT_EQ(result.deadline.ToString(), c.deadline) << c.as_of;
    ASSERT_FALSE(result.findings.empty());
    EXPECT_EQ(result.findings.front().list, "NS-CMIC");
    EXPECT_EQ(result.findings.front().entity_id, "ofac_cons:30946");
    EXPECT_NE(result.findings.front().citation.find("EO 14032"), std::string::npos);
  }
}

TEST(HoldingsCheck, NameOnlyMatchOfACmicIssuerIsReviewNeverClear) {
  // An ADR or a bond of the issuer: the ISIN is not one the entry lists.
  const HoldingResult adr = CheckOne(Row("US0378331005", "Hikvision"), "2022-01-10");
  EXPECT_EQ(adr.outcome, Outcome::kReview);
  EXPECT_NE(adr.findings.front().reason.find("not one the entry lists"), std::string::npos);
  const HoldingResult no_isin = CheckOne(Row("", "Hangzhou Hikvision Digital Technology Co Ltd"),
                                         "2022-07-01");
  EXPECT_EQ(no_isin.outcome, Outcome::kReview);
  // Before the entry is effective nothing applies yet: clear, with the date as a deadline.
  const HoldingResult early = CheckOne(Row("", "Hikvision"), "2021-01-04");
  EXPECT_EQ(early.outcome, Outcome::kClear);
  EXPECT_EQ(early.deadline.ToString(), "2021-08-02");
}

// The same reading as `redflag decide` (issue 19 point 10): a ticker identifies the security only
// on the exchange the entry names.
TEST(HoldingsCheck, TickerWithoutTheEntrysExchangeIsReview) {
  const auto ticker = [](const char* text, const char* exchange) {
    Holding row = Row("", "");
    row.ticker = text;
    row.exchange = exchange;
    return row;
  };
  EXPECT_EQ(CheckOne(ticker("002415", "CN"), "2022-01-10").outcome, Outcome::kDivestBy);
  EXPECT_EQ(CheckOne(ticker("002415 CN", ""), "2022-01-10").outcome, Outcome::kDivestBy);
  const HoldingResult bare = CheckOne(ticker("002415", ""), "2022-01-10");
  EXPECT_EQ(bare.outcome, Outcome::kReview);
  EXPECT_NE(bare.findings.front().reason.find("without an exchange"), std::string::npos);
  const HoldingResult other = CheckOne(ticker("002415", "US"), "2022-01-10");
  EXPECT_EQ(other.outcome, Outcome::kReview);
  EXPECT_NE(other.findings.front().reason.find("not on US"), std::string::npos);
}

TEST(HoldingsCheck, SdnIssuerIsBlockedByIsinByNameAndByOwnership) {
  const HoldingResult by_isin = CheckOne(Row("KYG7114V1023", ""), "2023-01-02");
  EXPECT_EQ(by_isin.outcome, Outcome::kBlocked);
  EXPECT_EQ(by_isin.findings.front().matched_by, "ISIN KYG7114V1023");
  EXPECT_NE(by_isin.findings.front().citation.find("501.603"), std::string::npos);
  const HoldingResult by_name = CheckOne(Row("", "Pingtan Marine Enterprise Ltd"), "2023-01-02");
  EXPECT_EQ(by_name.outcome, Outcome::kBlocked);
  const HoldingResult owned = CheckOne(Row("", "Ocean Harvest Fishing Holdings"), "2023-01-02");
  EXPECT_EQ(owned.outcome, Outcome::kBlocked);
  EXPECT_EQ(owned.findings.front().list, "OFAC 50 Percent Rule");
  const HoldingResult minority = CheckOne(Row("", "Fuzhou Blue Sea Trading"), "2023-01-02");
  EXPECT_EQ(minority.outcome, Outcome::kReview);  // 30 %: below the rule, still a red flag
}

TEST(HoldingsCheck, OtherListsAreReviewAndUnlistedIssuersClear) {
  EXPECT_EQ(CheckOne(Row("", "Dahua Technology"), "2022-01-10").outcome, Outcome::kReview);
  const HoldingResult apple = CheckOne(Row("US0378331005", "Apple Inc."), "2022-01-10");
  EXPECT_EQ(apple.outcome, Outcome::kClear);
  EXPECT_TRUE(apple.findings.empty());
}

TEST(HoldingsCheck, FundSummaryCountsValuesAndNextDeadlines) {
  std::vector<Holding> rows = {Row("CNE100000PM8", "Hikvision", "2019-05-02"),
                               Row("US0378331005", "Apple Inc."),
                               Row("KYG7114V1023", "")};
  rows[1].fund = "Fund B";
  rows[0].market_value = 756000;
  auto report = TheChecker().Check(rows, D("2022-01-10"), "h.csv");
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->funds.size(), 2u);
  const FundSummary& a = report->funds[0];
  EXPECT_EQ(a.fund, "Fund A");
  EXPECT_EQ(a.count[static_cast<int>(Outcome::kDivestBy)], 1u);
  EXPECT_EQ(a.count[static_cast<int>(Outcome::kBlocked)], 1u);
  EXPECT_DOUBLE_EQ(a.market_value[static_cast<int>(Outcome::kDivestBy)], 756000);
  ASSERT_EQ(a.next_deadlines.size(), 1u);
  EXPECT_EQ(a.next_deadlines[0].date.ToString(), "2022-06-03");
  EXPECT_EQ(report->funds[1].count[static_cast<int>(Outcome::kClear)], 1u);
}

TEST(HoldingsReport, PrintersEscapeAndAgree) {
  Holding hostile = Row("CNE100000PM8", "Hikvision", "2019-05-02");
  hostile.fund = "<script>alert(1)</script> & \"Co\"";
  auto report = TheChecker().Check({hostile}, D("2022-01-10"), "h.csv");
  ASSERT_TRUE(report.has_value());
  const std::string html = ReportToHtml(*report);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"),
            std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("divest by 2022-06-03"), std::string::npos);
  const auto json = nlohmann::json::parse(ReportToJson(*report));
  EXPECT_EQ(json["holdings"][0]["outcome"], "divest_by");
  EXPECT_EQ(json["holdings"][0]["deadline"], "2022-06-03");
  EXPECT_EQ(json["funds"][0]["counts"]["divest_by"], 1);
  const std::string csv = ReportToCsv(*report);
  EXPECT_NE(csv.find(",divest_by,2022-06-03,NS-CMIC,ofac_cons:30946,"), std::string::npos) << csv;
}

TEST(HoldingsRules, BrokenFileNamesThePath) {
  auto missing = ParseHoldingsRules(R"({"cmic_lists": ["CMIC"], "outcomes": {}})", "r.json");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().ToString().find("outcomes.clear"), std::string::npos);
  auto unknown = ParseHoldingsRules(R"({"cmic_lists": ["CMIC"], "colour": 1})", "r.json");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().ToString().find("r.json: field \"colour\""), std::string::npos)
      << unknown.error().ToString();
}

}  // namespace
}  // namespace redflag::holdings
