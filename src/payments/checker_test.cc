// PaymentChecker over a few hand-built list entries with the real index, matcher and rule files:
// what each role and each kind of hit (name, BIC, free text) does to the outcome.
#include "payments/checker.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "rules/decider_test_util.h"

namespace redflag::payments {
namespace {

using rules::Effect;
using rules::Role;
using rules::testing::MakeEntity;

class CheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rules = rules::LoadRuleSet(rules::DefaultRulesDir());
    ASSERT_TRUE(rules) << rules.error().ToString();
    std::vector<core::Entity> entities;
    entities.push_back(MakeEntity({.id = "us_csl:hik",
                                   .list_code = "EL",
                                   .list_name = "Entity List",
                                   .names = {"Hangzhou Hikvision Digital Technology Co., Ltd."},
                                   .start = "2019-10-09",
                                   .federal_register = {"84 FR 54002"}}));
    entities.push_back(MakeEntity({.id = "ofac_sdn:1",
                                   .list_code = "SDN",
                                   .names = {"Islamic Republic of Iran Shipping Lines"}}));
    entities.push_back(MakeEntity(
        {.id = "ofac_sdn:2",
         .list_code = "SDN",
         .names = {"Korea Daesong Bank"},
         .identifiers = {core::Identifier{.type = core::IdType::kBic, .value = "KDBKKPPY"}}}));
    auto snapshot = index::Snapshot::Build(std::move(entities));
    ASSERT_TRUE(snapshot) << snapshot.error().ToString();
    auto checker = PaymentChecker::Make(std::move(*rules), *snapshot);
    ASSERT_TRUE(checker) << checker.error().ToString();
    checker_ = std::move(*checker);
  }

  PaymentMessage Message(std::vector<PaymentParty> parties, std::vector<FreeText> text = {}) {
    PaymentMessage message;
    message.format = "pacs.008.001.08";
    message.message_id = "M1";
    message.date = rules::testing::D("2021-06-01");
    message.parties = std::move(parties);
    message.free_text = std::move(text);
    return message;
  }

  PaymentResult Check(PaymentMessage message) {
    auto result = checker_->Check(std::move(message));
    EXPECT_TRUE(result) << result.error().ToString();
    return result ? std::move(*result) : PaymentResult{};
  }

  std::unique_ptr<PaymentChecker> checker_;
};

PaymentParty Party(Role role, std::string name, std::string bic = "") {
  return PaymentParty{.role = role, .name = std::move(name), .bic = std::move(bic)};
}

TEST_F(CheckerTest, EntityListBeneficiaryIsReview) {
  const PaymentResult result =
      Check(Message({Party(Role::kOriginator, "Acme Sensors Inc."),
                     Party(Role::kBeneficiary, "Hangzhou Hikvision Digital Technology Co Ltd")}));
  EXPECT_EQ(result.decision.outcome, Effect::kReview);
  ASSERT_EQ(result.decision.parties.size(), 2u);
  ASSERT_FALSE(result.decision.parties[1].findings.empty());
  EXPECT_EQ(result.decision.parties[1].findings[0].list, "Entity List");
}

TEST_F(CheckerTest, SdnBeneficiaryIsBlockedWithReportingCitation) {
  const PaymentResult result =
      Check(Message({Party(Role::kBeneficiary, "Islamic Republic of Iran Shipping Lines")}));
  EXPECT_EQ(result.decision.outcome, Effect::kBlocked);
  ASSERT_FALSE(result.decision.parties[0].findings.empty());
  EXPECT_NE(result.decision.parties[0].findings[0].citation.find("501.603"), std::string::npos);
}

TEST_F(CheckerTest, UltimateCreditorIsScreenedToo) {
  const PaymentResult result =
      Check(Message({Party(Role::kBeneficiary, "Harbour Light Logistics"),
                     Party(Role::kUltimateCreditor, "Islamic Republic of Iran Shipping Lines")}));
  EXPECT_EQ(result.decision.outcome, Effect::kBlocked);
  EXPECT_EQ(result.decision.parties[1].role, Role::kUltimateCreditor);
}

TEST_F(CheckerTest, BicOnlyAgentMatchesTheListedBankByIdentifier) {
  const PaymentResult result = Check(Message({Party(Role::kBeneficiary, "Harbour Light Logistics"),
                                              Party(Role::kIntermediaryBank, "", "KDBKKPPYXXX")}));
  EXPECT_EQ(result.decision.outcome, Effect::kBlocked);
  ASSERT_EQ(result.decision.parties[1].hits.size(), 1u);
  EXPECT_EQ(result.decision.parties[1].hits[0].entity_id, "ofac_sdn:2");
  EXPECT_DOUBLE_EQ(result.decision.parties[1].hits[0].score, 1.0);
}

TEST_F(CheckerTest, BicOfAnotherBankInTheSameCountryIsNoHit) {
  const PaymentResult result = Check(Message({Party(Role::kIntermediaryBank, "", "KDBKKPPZ")}));
  EXPECT_EQ(result.decision.outcome, Effect::kClear);
  EXPECT_TRUE(result.decision.parties[0].hits.empty());
}

TEST_F(CheckerTest, ListedNameInsideRemittanceTextIsReviewNotBlocked) {
  const PaymentResult result = Check(
      Message({Party(Role::kBeneficiary, "Desert Palm General Trading LLC")},
              {FreeText{"70", "FREIGHT FOR ISLAMIC REPUBLIC OF IRAN SHIPPING LINES VOY 12"}}));
  EXPECT_EQ(result.decision.outcome, Effect::kReview);
  ASSERT_EQ(result.text_hits.size(), 1u);
  EXPECT_EQ(result.text_hits[0].hit.entity_id, "ofac_sdn:1");
  EXPECT_EQ(result.text_hits[0].source, "70");
  EXPECT_NE(result.decision.explanation.find("free text"), std::string::npos);
}

TEST_F(CheckerTest, OrdinaryRemittanceTextFindsNothing) {
  const PaymentResult result =
      Check(Message({Party(Role::kBeneficiary, "Tulip Garden Supplies B.V.")},
                    {FreeText{"RmtInf/Ustrd", "Order 5521 garden chairs, Iran rugs and 2 parasols"},
                     FreeText{"72", "/INS/EXMPDEFF BANK TRANSFER"}}));
  EXPECT_EQ(result.decision.outcome, Effect::kClear);
  EXPECT_TRUE(result.text_hits.empty());
}

TEST_F(CheckerTest, ShortWindowsDoNotCountAsNames) {
  // One listed word alone ("Bank", "Lines") is far below the text threshold.
  const PaymentResult result =
      Check(Message({Party(Role::kBeneficiary, "Tulip Garden Supplies B.V.")},
                    {FreeText{"70", "Korea bank lines"}}));
  EXPECT_TRUE(result.text_hits.empty());
}

TEST_F(CheckerTest, JsonIsTheDecisionWithMessageIdAndSources) {
  PaymentMessage message =
      Message({Party(Role::kIntermediaryBank, "", "KDBKKPPY")}, {FreeText{"70", "invoice 7"}});
  message.parties[0].source = "56A";
  const PaymentResult result = Check(std::move(message));
  const auto json = nlohmann::json::parse(PaymentResultToJson(result, -1));
  EXPECT_EQ(json["message_id"], "M1");
  EXPECT_EQ(json["outcome"], "blocked");
  EXPECT_EQ(json["type"], "payment");
  EXPECT_EQ(json["parties"][0]["role"], "intermediary_bank");
  EXPECT_EQ(json["parties"][0]["bic"], "KDBKKPPY");
  EXPECT_EQ(json["parties"][0]["source"], "56A");
  EXPECT_EQ(json["message"]["free_text"][0]["source"], "70");
  EXPECT_TRUE(json["text_hits"].is_array());
}

}  // namespace
}  // namespace redflag::payments
