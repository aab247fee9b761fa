#include "rules/transaction.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace redflag::rules {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kValid = R"({
  "type": "export", "date": "2019-10-10", "destination": "CN",
  "parties": [
    {"role": "exporter", "name": "Acme Sensors Inc.", "country": "US"},
    {"role": "ultimate_consignee", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
     "country": "China",
     "owners": [{"name": "Holding A", "percent": 30, "owners": [{"name": "B", "percent": 100}]}]}
  ],
  "items": [{"description": "cable", "eccn": "ear99", "origin": "US", "us_content_percent": 100,
             "direct_product": false}],
  "securities": [{"isin": "cne100000pm8", "action": "buy"}],
  "devices": [{"mac": "44-19-b6-12-34-56", "brand": "HiLook"}],
  "amount": "25000.00", "currency": "USD", "extra_key": {"ignored": true}
})";

TEST(ParseTransaction, ReadsEveryFieldAndNormalizes) {
  auto tx = ParseTransaction(kValid);
  ASSERT_TRUE(tx) << tx.error().ToString();
  EXPECT_EQ(tx->type, TransactionType::kExport);
  EXPECT_EQ(tx->date.ToString(), "2019-10-10");
  EXPECT_EQ(tx->destination, "CN");
  ASSERT_EQ(tx->parties.size(), 2u);
  EXPECT_EQ(tx->parties[1].role, Role::kUltimateConsignee);
  EXPECT_EQ(tx->parties[1].country, "CN");
  ASSERT_EQ(tx->parties[1].owners.size(), 1u);
  EXPECT_DOUBLE_EQ(tx->parties[1].owners[0].percent, 30);
  ASSERT_EQ(tx->parties[1].owners[0].owners.size(), 1u);
  EXPECT_EQ(tx->items[0].eccn, "EAR99");
  EXPECT_EQ(tx->items[0].origin, "US");
  EXPECT_EQ(tx->securities[0].isin, "CNE100000PM8");
  EXPECT_EQ(tx->devices[0].mac, "4419B6123456");
  EXPECT_EQ(tx->amount, "25000.00");
}

struct BadCase {
  std::string json;
  std::string field;
  std::string message;
};

class ParseTransactionRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(ParseTransactionRejects, NamesTheFieldAndWhatWasExpected) {
  auto tx = ParseTransaction(GetParam().json);
  ASSERT_FALSE(tx) << GetParam().json;
  EXPECT_EQ(tx.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(tx.error().where.field, GetParam().field);
  EXPECT_THAT(tx.error().message, HasSubstr(GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseTransactionRejects,
    ::testing::Values(
        BadCase{R"({"type":"exports","date":"2020-01-01"})", "type", "unknown transaction type"},
        BadCase{R"({"date":"2020-01-01"})", "type", "is required"},
        BadCase{R"({"type":"export","date":"2019-02-29"})", "date", "not a calendar date"},
        BadCase{R"({"type":"export","date":"2020-13-01"})", "date", "expected YYYY-MM-DD"},
        BadCase{R"({"type":"export","date":"10/10/2019"})", "date", "expected YYYY-MM-DD"},
        BadCase{R"({"type":"export","date":20191010})", "date", "expected a string"},
        BadCase{R"({"type":"export","date":"2020-01-01","destination":"Atlantis"})", "destination",
                "is not a country"},
        BadCase{R"({"type":"export","date":"2020-01-01","parties":[{"role":"buyer","name":"X"}]})",
                "parties[0].role", "unknown role \"buyer\""},
        BadCase{
            R"({"type":"export","date":"2020-01-01","parties":[{"role":"exporter","name":"A"},{"role":7,"name":"X"}]})",
            "parties[1].role", "expected a string"},
        BadCase{R"({"type":"export","date":"2020-01-01","parties":[{"role":"end_user"}]})",
                "parties[0].name", "is required"},
        BadCase{R"({"type":"export","date":"2020-01-01","parties":{"role":"end_user"}})", "parties",
                "expected an array"},
        BadCase{R"({"type":"export","date":"2020-01-01","items":[{"eccn":"1A04"}]})",
                "items[0].eccn", "is not an ECCN"},
        BadCase{
            R"({"type":"export","date":"2020-01-01","items":[{"eccn":"1A004.c","categories":["note_to_1a995"]}]})",
            "items[0].categories[0]", "applies only to EAR99 items"},
        BadCase{R"({"type":"export","date":"2020-01-01","items":[{"ships_from":"Atlantis"}]})",
                "items[0].ships_from", "is not a country"},
        BadCase{R"({"type":"procurement","date":"2020-01-01","federal":"yes"})", "federal",
                "expected true or false"},
        BadCase{R"({"type":"export","date":"2020-01-01","items":[{"eccn":"EAR-99"}]})",
                "items[0].eccn", "is not an ECCN"},
        BadCase{R"({"type":"export","date":"2020-01-01","items":[{"eccn":"1F004"}]})",
                "items[0].eccn", "is not an ECCN"},
        BadCase{R"({"type":"export","date":"2020-01-01","items":[{"eccn":"1A004..c"}]})",
                "items[0].eccn", "is not an ECCN"},
        BadCase{R"({"type":"export","date":"2020-01-01","items":[{"us_content_percent":100.5}]})",
                "items[0].us_content_percent", "0..100"},
        BadCase{R"({"type":"export","date":"2020-01-01","items":[{"us_content_percent":"25"}]})",
                "items[0].us_content_percent", "expected a number"},
        BadCase{R"({"type":"export","date":"2020-01-01","items":[{"direct_product":"yes"}]})",
                "items[0].direct_product", "expected true or false"},
        BadCase{
            R"({"type":"investment","date":"2021-09-01","securities":[{"isin":"CNE100000PM9","action":"buy"}]})",
            "securities[0].isin", "not a valid ISIN"},
        BadCase{
            R"({"type":"investment","date":"2021-09-01","securities":[{"isin":"CNE100000PM8","action":"hold"}]})",
            "securities[0].action", "expected buy or sell"},
        BadCase{R"({"type":"investment","date":"2021-09-01","securities":[{"action":"buy"}]})",
                "securities[0]", "needs an isin, a ticker or an issuer"},
        BadCase{
            R"({"type":"procurement","date":"2024-02-01","devices":[{"mac":"44:19:B6:12:34"}]})",
            "devices[0].mac", "not a MAC address"},
        BadCase{
            R"({"type":"procurement","date":"2024-02-01","devices":[{"mac":"44:19-B6:12:34:56"}]})",
            "devices[0].mac", "not a MAC address"},
        BadCase{
            R"({"type":"procurement","date":"2024-02-01","devices":[{"mac":"GG:19:B6:12:34:56"}]})",
            "devices[0].mac", "not a MAC address"},
        BadCase{
            R"({"type":"export","date":"2020-01-01","parties":[{"role":"end_user","name":"X","owners":[{"name":"A","percent":60},{"name":"B","percent":50}]}]})",
            "parties[0].owners", "more than 100%"},
        BadCase{
            R"({"type":"export","date":"2020-01-01","parties":[{"role":"end_user","name":"X","owners":[{"name":"A"}]}]})",
            "parties[0].owners[0].percent", "is required"},
        BadCase{
            R"({"type":"export","date":"2020-01-01","parties":[{"role":"end_user","name":"X","owners":[{"name":"A","percent":50,"owners":[{"name":"B","percent":-1}]}]}]})",
            "parties[0].owners[0].owners[0].percent", "0..100"},
        BadCase{R"({"type":"payment","date":"2020-01-01","amount":"12,50"})", "amount",
                "is not a number"},
        BadCase{R"([1,2,3])", "", "JSON object"},
        BadCase{R"({"type":"export",)", "", "not valid JSON"}));

TEST(ParseTransaction, RejectsOwnersNestedTooDeep) {
  std::string owners = R"({"name":"Z","percent":100})";
  for (int depth = 0; depth < 20; ++depth) {
    owners = R"({"name":"N","percent":100,"owners":[)" + owners + "]}";
  }
  const std::string json = R"({"type":"export","date":"2020-01-01","parties":[{"role":"end_user",)"
                           R"("name":"X","owners":[)" +
                           owners + "]}]}";
  auto tx = ParseTransaction(json);
  ASSERT_FALSE(tx);
  EXPECT_THAT(tx.error().message, HasSubstr("nested deeper than 16"));
}

struct EccnCase {
  std::string text;
  std::string normalized;  // "" = invalid
};

TEST(NormalizeEccn, AcceptsCclNumbersAndRejectsOthers) {
  const EccnCase cases[] = {
      {"EAR99", "EAR99"},
      {"ear99", "EAR99"},
      {"1A004.c", "1A004.c"},
      {"1a004.C", "1A004.c"},
      {"3A991", "3A991"},
      {"5A002.a.1", "5A002.a.1"},
      {"6A003.b.4", "6A003.b.4"},
      {"0Y521", "0Y521"},
      {"9x515", "9x515"},
      {"9X515.a", "9x515.a"},
      {" 3A090 ", "3A090"},
      {"1A04", ""},
      {"1F004", ""},
      {"A1004", ""},
      {"1A004.", ""},
      {"1A004-c", ""},
      {"EAR 99", ""},
      {"", ""},
  };
  for (const EccnCase& c : cases) {
    const auto got = NormalizeEccn(c.text);
    EXPECT_EQ(got.value_or(""), c.normalized) << c.text;
  }
}

TEST(EccnWithin, SubParagraphsAreWithinTheirParentOnly) {
  EXPECT_TRUE(EccnWithin("1A004.c", "1A004.c"));
  EXPECT_TRUE(EccnWithin("1A004.c.1", "1A004.c"));
  EXPECT_TRUE(EccnWithin("1A995.a", "1A995"));
  EXPECT_FALSE(EccnWithin("1A004.d", "1A004.c"));
  EXPECT_FALSE(EccnWithin("1A004", "1A004.c"));
  EXPECT_FALSE(EccnWithin("1A004.cd", "1A004.c"));
  EXPECT_FALSE(EccnWithin("1A9950", "1A995"));
}

TEST(IsValidIsin, ChecksTheLuhnDigit) {
  EXPECT_TRUE(IsValidIsin("CNE100000PM8"));  // Hikvision A-share (OFAC cons_prim.csv)
  EXPECT_TRUE(IsValidIsin("US0378331005"));  // Apple Inc.
  EXPECT_TRUE(IsValidIsin("US5949181045"));  // Microsoft
  EXPECT_FALSE(IsValidIsin("US0378331004"));
  EXPECT_FALSE(IsValidIsin("CNE100000PM"));
  EXPECT_FALSE(IsValidIsin("1NE100000PM8"));
  EXPECT_FALSE(IsValidIsin("CNE100000PMX"));
}

TEST(NormalizeMac, AcceptsTheCommonNotations) {
  EXPECT_EQ(NormalizeMac("44:19:B6:12:34:56").value_or(""), "4419B6123456");
  EXPECT_EQ(NormalizeMac("44-19-b6-12-34-56").value_or(""), "4419B6123456");
  EXPECT_EQ(NormalizeMac("4419.b612.3456").value_or(""), "4419B6123456");
  EXPECT_EQ(NormalizeMac("4419b6123456").value_or(""), "4419B6123456");
  EXPECT_FALSE(NormalizeMac("4419b612345"));
  EXPECT_FALSE(NormalizeMac("441:9b6:123:456"));
  EXPECT_FALSE(NormalizeMac("44:19:B6:12:34:56:78"));
  EXPECT_FALSE(NormalizeMac(""));
}

}  // namespace
}  // namespace redflag::rules
