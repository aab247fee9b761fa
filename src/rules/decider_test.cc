// Rule-by-rule tests of the engine over hand-built entities (public facts: 84 FR 54002, the
// DPL order against Dahua Electronics Corp., the OFAC NS-CMIC entry of Hikvision, ...), decided
// by a Decider built like the CLI's (real index and matcher, decider_test_util.h).
#include "rules/decider.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "rules/decider_internal.h"
#include "rules/decider_test_util.h"

namespace redflag::rules {
namespace {

using testing::D;
using testing::EntitySpec;
using ::testing::HasSubstr;
using testing::MakeEntity;
using ::testing::Not;
using testing::RealDecider;

constexpr const char* kElName = "Entity List (EL) - Bureau of Industry and Security";
constexpr const char* kHikRequirement =
    "For all items subject to the EAR.  (See §744.11 of the EAR)";
constexpr const char* kHikPolicy =
    "Case-by-case review for ECCNs 1A004.c, 1A004.d, 1A995, 1A999.a, 1D003, 2A983, 2D983, and "
    "2E983, and for EAR99 items described in the Note to ECCN 1A995; case-by-case review for "
    "items necessary to detect, identify and treat infectious disease; and presumption of denial "
    "for all other items subject to the EAR.";

class DeciderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rules = LoadRuleSet(DefaultRulesDir());
    ASSERT_TRUE(rules) << rules.error().ToString();
    rules_ = *rules;
    Add({.id = "us_csl:hik",
         .list_code = "EL",
         .list_name = kElName,
         .names = {"Hangzhou Hikvision Digital Technology Co., Ltd.", "Hikvision"},
         .start = "2019-10-09",
         .federal_register = {"84 FR 54002", "85 FR 44159"},
         .license_requirement = kHikRequirement,
         .license_policy = kHikPolicy});
    Add({.id = "us_csl:huawei",
         .list_code = "EL",
         .list_name = kElName,
         .names = {"Huawei Technologies Co., Ltd."},
         .start = "2019-05-16",
         .federal_register = {"84 FR 22963"},
         .license_requirement =
             "For all items subject to the EAR, see §§ 736.2(b)(3)(vi), and 744.11 of the EAR, "
             "EXCEPT for technology subject to the EAR that is designated as EAR99 ... "
             "“standards organization” (see §772.1)",
         .license_policy = "Presumption of denial"});
    Add({.id = "us_csl:nuke",
         .list_code = "EL",
         .list_name = kElName,
         .names = {"Reference Policy Institute"},
         .start = "2010-01-01",
         .license_requirement = "For all items subject to the EAR. (See §744.2 (d) of the EAR)",
         .license_policy = "See §744.2(d) of the EAR."});
    Add({.id = "us_csl:blank",
         .list_code = "EL",
         .list_name = kElName,
         .names = {"Blank Columns Trading"},
         .start = "2010-01-01"});
    Add({.id = "us_csl:dahua_dpl",
         .list_code = "DPL",
         .list_name = "Denied Persons List (DPL) - Bureau of Industry and Security",
         .names = {"DAHUA ELECTRONICS CORPORATION"},
         .start = "2017-09-28",
         .end = "2025-11-19",
         .federal_register = {"82 F.R. 46480 10/5/2017"}});
    Add({.id = "us_csl:uvl",
         .list_code = "UVL",
         .names = {"Unverified Optics Ltd"},
         .start = "2020-01-01"});
    Add({.id = "us_csl:meu",
         .list_code = "MEU",
         .names = {"Military Aero Institute"},
         .start = "2020-12-23"});
    Add({.id = "ofac_sdn:29159",
         .list_code = "SDN",
         .list_name = "SDN",
         .names = {"XINJIANG PUBLIC SECURITY BUREAU"}});
    Add({.id = "ofac_sdn:1", .list_code = "SDN", .list_name = "SDN", .names = {"Blocked One"}});
    Add({.id = "ofac_sdn:2", .list_code = "SDN", .list_name = "SDN", .names = {"Blocked Two"}});
    Add({.id = "ofac_cons:30946",
         .list_code = "CMIC",
         .list_name = "NS-CMIC",
         .names = {"HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", "HIKVISION"},
         .identifiers = {core::Identifier{.type = core::IdType::kIsin, .value = "CNE100000PM8"},
                         core::Identifier{.type = core::IdType::kTicker, .value = "002415 CN"}}});
    // The OFAC file states the CMIC dates in the remarks.
    entities_.back().remarks =
        "Equity Ticker 002415 CN; ISIN CNE100000PM8; Effective Date (CMIC) 02 Aug 2021; "
        "Purchase/Sales For Divestment Date (CMIC) 03 Jun 2022; Listing Date (CMIC) 03 Jun 2021.";
    Add({.id = "ieee_oui:MA-L:4419B6",
         .list_code = "IEEE",
         .names = {"Hangzhou Hikvision Digital Technology Co.,Ltd."},
         .identifiers = {core::Identifier{.type = core::IdType::kMacPrefix, .value = "4419B6"}}});
    Add({.id = "ieee_oui:MA-M:1C8259D",
         .list_code = "IEEE",
         .names = {"Shanghai Dahua Scale Factory"},
         .identifiers = {core::Identifier{.type = core::IdType::kMacPrefix, .value = "1C8259D"}}});
    Add({.id = "ieee_oui:MA-L:F4B1C2",
         .list_code = "IEEE",
         .names = {"ZHEJIANG DAHUA TECHNOLOGYCO.,LTD"},
         .identifiers = {core::Identifier{.type = core::IdType::kMacPrefix, .value = "F4B1C2"}}});
  }

  void Add(const EntitySpec& spec) { entities_.push_back(MakeEntity(spec)); }

  Decision Decide(const std::string& json, const char* as_of = nullptr) {
    auto tx = ParseTransaction(json);
    EXPECT_TRUE(tx) << tx.error().ToString();
    if (!tx) return {};
    const std::unique_ptr<Decider> decider = RealDecider(rules_, entities_);
    EXPECT_NE(decider, nullptr);
    if (decider == nullptr) return {};
    std::optional<core::PartialDate> date;
    if (as_of != nullptr) date = D(as_of);
    auto decision = decider->Decide(*tx, date);
    EXPECT_TRUE(decision) << decision.error().ToString();
    return decision ? *decision : Decision{};
  }

  // A two-party export to `name` in `role` of one item.
  Decision Export(const std::string& date, const std::string& role, const std::string& name,
                  const std::string& item = R"({"eccn":"EAR99","origin":"US"})",
                  const std::string& destination = "CN") {
    return Decide(R"({"type":"export","date":")" + date + R"(","destination":")" + destination +
                  R"(","parties":[{"role":"exporter","name":"Acme Sensors Inc.","country":"US"},)"
                  R"({"role":")" +
                  role + R"(","name":")" + name + R"("}],"items":[)" + item + "]}");
  }

  static std::vector<Finding> All(const Decision& decision) {
    std::vector<Finding> out;
    for (const auto& party : decision.parties) {
      out.insert(out.end(), party.findings.begin(), party.findings.end());
    }
    for (const auto& security : decision.securities) {
      out.insert(out.end(), security.findings.begin(), security.findings.end());
    }
    for (const auto& device : decision.devices) {
      out.insert(out.end(), device.findings.begin(), device.findings.end());
    }
    return out;
  }

  static const Finding* FindRule(const Decision& decision, const std::string& rule) {
    static std::vector<Finding> storage;
    storage = All(decision);
    for (const Finding& finding : storage) {
      if (finding.rule == rule) return &finding;
    }
    return nullptr;
  }

  RuleSet rules_;
  std::vector<core::Entity> entities_;
};

constexpr const char* kHik = "Hangzhou Hikvision Digital Technology Co., Ltd.";

// --- Entity List ---------------------------------------------------------------------------

TEST_F(DeciderTest, EntityListEar99ToHikvisionNeedsLicencePresumptionOfDenial) {
  const Decision decision = Export("2019-10-10", "ultimate_consignee", kHik);
  EXPECT_EQ(decision.outcome, Effect::kLicenseRequired);
  const Finding* finding = FindRule(decision, "entity_list_license");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->list, "Entity List");
  EXPECT_EQ(finding->entity_id, "us_csl:hik");
  EXPECT_EQ(finding->effect, Effect::kLicenseRequired);
  EXPECT_EQ(finding->review_policy, ReviewPolicy::kPresumptionOfDenial);
  EXPECT_THAT(finding->citation, HasSubstr("15 CFR 744.11"));
  EXPECT_THAT(finding->citation, HasSubstr("84 FR 54002"));
  EXPECT_THAT(finding->reason, HasSubstr("no licence exceptions"));
  ASSERT_EQ(decision.items.size(), 1u);
  EXPECT_TRUE(decision.items[0].subject_to_ear);
  EXPECT_TRUE(decision.items[0].license_required);
  EXPECT_EQ(decision.items[0].review_policy, ReviewPolicy::kPresumptionOfDenial);
  EXPECT_THAT(decision.explanation, HasSubstr("84 FR 54002"));
}

TEST_F(DeciderTest, EntityListStartDateBoundaries) {
  struct Case {
    const char* date;
    Effect outcome;
  };
  const Case cases[] = {
      {"2019-07-10", Effect::kClear},   // 91 days before: outside the listing-lag window
      {"2019-07-11", Effect::kReview},  // 90 days before: lists lag the Federal Register
      {"2019-10-08", Effect::kReview},          {"2019-10-09", Effect::kLicenseRequired},
      {"2019-10-10", Effect::kLicenseRequired},
  };
  for (const Case& c : cases) {
    const Decision decision = Export(c.date, "ultimate_consignee", kHik);
    EXPECT_EQ(decision.outcome, c.outcome) << c.date;
  }
  const Finding* before =
      FindRule(Export("2019-10-08", "ultimate_consignee", kHik), "entity_list_license");
  ASSERT_NE(before, nullptr);
  EXPECT_EQ(before->effect, Effect::kReview);
  EXPECT_EQ(before->if_confirmed, Effect::kLicenseRequired);
  EXPECT_THAT(before->reason, HasSubstr("listed from 2019-10-09 per the list"));
  EXPECT_THAT(before->reason, HasSubstr("check the Federal Register effective date"));
  // Outside the window the entry is "listed later": shown apart, never a finding.
  const Decision long_before = Export("2019-07-10", "ultimate_consignee", kHik);
  EXPECT_EQ(FindRule(long_before, "entity_list_license"), nullptr);
  ASSERT_EQ(long_before.parties[1].listed_later.size(), 1u);
  EXPECT_EQ(long_before.parties[1].listed_later[0].since.ToString(), "2019-10-09");
}

TEST_F(DeciderTest, AsOfOverridesTheTransactionDate) {
  const std::string tx =
      R"({"type":"export","date":"2019-06-01","parties":[{"role":"end_user","name":")" +
      std::string(kHik) + R"("}],"items":[{"eccn":"EAR99","origin":"US"}]})";
  EXPECT_EQ(Decide(tx).outcome, Effect::kClear);
  const Decision later = Decide(tx, "2019-10-09");
  EXPECT_EQ(later.outcome, Effect::kLicenseRequired);
  EXPECT_EQ(later.as_of.ToString(), "2019-10-09");
  EXPECT_EQ(later.transaction_date.ToString(), "2019-06-01");
}

TEST_F(DeciderTest, EntityListRolesThatTriggerTheLicence) {
  struct Case {
    const char* role;
    Effect outcome;
    const char* rule;
  };
  const Case cases[] = {
      {"purchaser", Effect::kLicenseRequired, "entity_list_license"},
      {"intermediate_consignee", Effect::kLicenseRequired, "entity_list_license"},
      {"ultimate_consignee", Effect::kLicenseRequired, "entity_list_license"},
      {"end_user", Effect::kLicenseRequired, "entity_list_license"},
      {"exporter", Effect::kReview, "entity_list_other_role"},
      {"forwarding_agent", Effect::kReview, "entity_list_other_role"},
  };
  for (const Case& c : cases) {
    const Decision decision = Export("2020-01-10", c.role, kHik);
    EXPECT_EQ(decision.outcome, c.outcome) << c.role;
    EXPECT_NE(FindRule(decision, c.rule), nullptr) << c.role;
    if (c.outcome == Effect::kReview) {
      EXPECT_EQ(FindRule(decision, "entity_list_license"), nullptr) << c.role;
    }
  }
}

TEST_F(DeciderTest, EntityListCaseByCaseEccnsAndSubParagraphs) {
  struct Case {
    const char* eccn;
    ReviewPolicy policy;
  };
  const Case cases[] = {
      {"1A004.c", ReviewPolicy::kCaseByCase}, {"1A004.c.1", ReviewPolicy::kCaseByCase},
      {"1A004.d", ReviewPolicy::kCaseByCase}, {"1A004.e", ReviewPolicy::kPresumptionOfDenial},
      {"2D983", ReviewPolicy::kCaseByCase},   {"3A991", ReviewPolicy::kPresumptionOfDenial},
  };
  for (const Case& c : cases) {
    const Decision decision = Export("2020-03-01", "end_user", kHik,
                                     std::string(R"({"eccn":")") + c.eccn + R"(","origin":"US"})");
    ASSERT_EQ(decision.items.size(), 1u);
    EXPECT_EQ(decision.items[0].review_policy, c.policy) << c.eccn;
    EXPECT_EQ(decision.outcome, Effect::kLicenseRequired) << c.eccn;
  }
}

TEST_F(DeciderTest, StrictestItemPolicyIsTheFindingsPolicy) {
  const Decision decision =
      Export("2020-03-01", "end_user", kHik,
             R"({"eccn":"1A004.c","origin":"US"},{"eccn":"EAR99","origin":"US"})");
  const Finding* finding = FindRule(decision, "entity_list_license");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->review_policy, ReviewPolicy::kPresumptionOfDenial);
  EXPECT_EQ(decision.items[0].review_policy, ReviewPolicy::kCaseByCase);
  EXPECT_EQ(decision.items[1].review_policy, ReviewPolicy::kPresumptionOfDenial);
}

TEST_F(DeciderTest, DeMinimisBoundaries) {
  struct Case {
    double percent;
    const char* destination;
    Effect outcome;
    bool subject;
  };
  const Case cases[] = {
      {24.9, "CN", Effect::kReview, false},         {25.0, "CN", Effect::kReview, false},
      {25.1, "CN", Effect::kLicenseRequired, true}, {10.0, "IR", Effect::kReview, false},
      {10.1, "IR", Effect::kLicenseRequired, true}, {24.0, "KP", Effect::kLicenseRequired, true},
  };
  for (const Case& c : cases) {
    const std::string item =
        R"({"eccn":"3A991","origin":"TW","ships_from":"TW","us_content_percent":)" +
        std::to_string(c.percent) + "}";
    const Decision decision = Export("2020-03-01", "end_user", kHik, item, c.destination);
    // Iran and North Korea are also embargoed destinations (destinations.json): the OFAC
    // programme makes those outcomes prohibited whatever the item, so only the item is checked.
    if (std::string(c.destination) == "CN") {
      EXPECT_EQ(decision.outcome, c.outcome) << c.percent << " " << c.destination;
    }
    ASSERT_EQ(decision.items.size(), 1u);
    EXPECT_EQ(decision.items[0].subject_to_ear, c.subject) << c.percent;
    EXPECT_EQ(decision.items[0].license_required, c.subject) << c.percent;
  }
}

TEST_F(DeciderTest, ForeignMadeItemInTheUnitedStatesIsSubjectWhateverItsContent) {
  // 15 CFR 734.3(a)(1): ships_from absent -> the exporter's country (US here).
  const Decision from_exporter = Export("2021-02-01", "ultimate_consignee", kHik,
                                        R"({"eccn":"3A991","origin":"TW","us_content_percent":5})");
  EXPECT_EQ(from_exporter.outcome, Effect::kLicenseRequired);
  EXPECT_TRUE(from_exporter.items[0].subject_to_ear);
  EXPECT_THAT(from_exporter.items[0].reason, HasSubstr("734.3(a)(1)"));
  const Decision abroad = Export("2021-02-01", "ultimate_consignee", kHik,
                                 R"({"eccn":"3A991","origin":"TW","ships_from":"TW",)"
                                 R"("us_content_percent":5})");
  EXPECT_EQ(abroad.outcome, Effect::kReview);
  EXPECT_FALSE(abroad.items[0].subject_to_ear);
}

TEST_F(DeciderTest, ForeignMadeChipsToListedCompanyExplainWhyNoLicence) {
  const Decision decision =
      Export("2020-03-01", "ultimate_consignee", kHik,
             R"({"description":"image sensor","eccn":"3A991","origin":"TW","ships_from":"TW",)"
             R"("us_content_percent":5})");
  EXPECT_EQ(decision.outcome, Effect::kReview);
  const Finding* finding = FindRule(decision, "entity_list_license");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->effect, Effect::kReview);
  EXPECT_THAT(finding->reason, HasSubstr("not above the de minimis level of 25%"));
  EXPECT_THAT(finding->reason, HasSubstr("no Entity List licence is required"));
}

TEST_F(DeciderTest, ForeignMadeWithoutUsContentIsReviewNotClear) {
  const Decision decision = Export("2020-03-01", "ultimate_consignee", kHik,
                                   R"({"eccn":"3A991","origin":"TW","ships_from":"TW"})");
  EXPECT_EQ(decision.outcome, Effect::kReview);
  EXPECT_THAT(FindRule(decision, "entity_list_license")->reason,
              HasSubstr("no US-controlled content stated"));
}

TEST_F(DeciderTest, ForeignDirectProductNeedsTheEntrysFootnote) {
  const std::string item = R"({"eccn":"3A991","origin":"TW","ships_from":"TW",)"
                           R"("us_content_percent":0,)"
                           R"("direct_product_of":"3E001"})";
  const Decision huawei = Export("2021-01-05", "end_user", "Huawei Technologies Co., Ltd.", item);
  EXPECT_EQ(huawei.outcome, Effect::kLicenseRequired);
  EXPECT_TRUE(huawei.items[0].subject_to_ear);
  EXPECT_THAT(huawei.items[0].reason, HasSubstr("FDP footnote 1"));
  EXPECT_THAT(huawei.items[0].reason, HasSubstr("knowledge condition is met"));
  const Decision hik = Export("2021-01-05", "end_user", kHik, item);
  EXPECT_EQ(hik.outcome, Effect::kReview);
  EXPECT_FALSE(hik.items[0].subject_to_ear);
  EXPECT_THAT(FindRule(hik, "entity_list_license")->reason,
              HasSubstr("no foreign-direct-product footnote"));
}

TEST_F(DeciderTest, ForeignDirectProductFootnoteOneByDateAndProductScope) {
  const auto item = [](const std::string& of) {
    return R"({"eccn":"3A991","origin":"TW","ships_from":"TW","us_content_percent":0,)" +
           (of.empty() ? std::string(R"("direct_product":true})")
                       : R"("direct_product_of":")" + of + R"("})");
  };
  const std::string huawei = "Huawei Technologies Co., Ltd.";
  // Which technology: not stated -> review; outside the product scope -> not subject.
  const Decision unstated = Export("2021-01-05", "end_user", huawei, item(""));
  EXPECT_EQ(unstated.outcome, Effect::kReview);
  EXPECT_THAT(FindRule(unstated, "entity_list_license")->reason, HasSubstr("direct_product_of"));
  const Decision outside = Export("2021-01-05", "end_user", huawei, item("2E003"));
  EXPECT_EQ(outside.outcome, Effect::kReview);
  EXPECT_FALSE(outside.items[0].subject_to_ear);
  EXPECT_THAT(FindRule(outside, "entity_list_license")->reason,
              HasSubstr("outside the product scope"));
  // Before 2020-05-15 the rule did not exist; until 2020-08-16 its narrower scope applied.
  const Decision before = Export("2020-05-14", "end_user", huawei, item("3E001"));
  EXPECT_FALSE(before.items[0].subject_to_ear);
  EXPECT_THAT(FindRule(before, "entity_list_license")->reason, HasSubstr("applies from 2020-05-15"));
  const Decision narrow = Export("2020-08-16", "end_user", huawei, item("3E001"));
  EXPECT_EQ(narrow.outcome, Effect::kReview);
  EXPECT_THAT(FindRule(narrow, "entity_list_license")->reason, HasSubstr("earlier scope"));
  const Decision full = Export("2020-08-17", "end_user", huawei, item("3E001"));
  EXPECT_EQ(full.outcome, Effect::kLicenseRequired);
}

TEST_F(DeciderTest, UnparsedPolicyKeepsLicenceButGivesNoPolicyAndQuotesTheEntry) {
  const Decision decision = Export("2020-01-10", "end_user", "Reference Policy Institute");
  EXPECT_EQ(decision.outcome, Effect::kLicenseRequired);
  const Finding* finding = FindRule(decision, "entity_list_license");
  ASSERT_NE(finding, nullptr);
  EXPECT_FALSE(finding->review_policy);
  EXPECT_THAT(finding->reason, HasSubstr("See §744.2(d) of the EAR."));
  EXPECT_FALSE(decision.items[0].review_policy);
}

TEST_F(DeciderTest, UnparsedRequirementIsReviewWithRawTextNeverClear) {
  const Decision decision = Export("2020-01-10", "end_user", "Blank Columns Trading");
  EXPECT_EQ(decision.outcome, Effect::kReview);
  const Finding* finding = FindRule(decision, "entity_list_license");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->if_confirmed, Effect::kLicenseRequired);
  EXPECT_THAT(finding->reason, HasSubstr("could not be read"));
}

TEST_F(DeciderTest, PossibleMatchIsReviewWithWhatItWouldBe) {
  // A messy spelling the matcher scores between the alert threshold (0.80) and the confident
  // level (0.90): review, saying what a confirmed match would mean.
  const Decision decision = Export("2021-05-04", "purchaser", "HIK-VISION DIGITAL TECH");
  ASSERT_FALSE(decision.parties[1].hits.empty());
  const double score = decision.parties[1].hits[0].score;
  EXPECT_GE(score, 0.80);
  EXPECT_LT(score, 0.90);
  EXPECT_EQ(decision.outcome, Effect::kReview);
  const Finding* finding = FindRule(decision, "entity_list_license");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->if_confirmed, Effect::kLicenseRequired);
  EXPECT_THAT(finding->reason, HasSubstr("Possible match (score 0.8"));
  // A near-exact spelling is confident: the licence requirement applies.
  const Decision confident =
      Export("2021-05-04", "purchaser", "Hangzhou Hikvision Digital Technology Company");
  ASSERT_FALSE(confident.parties[1].hits.empty());
  EXPECT_GE(confident.parties[1].hits[0].score, 0.90);
  EXPECT_EQ(confident.outcome, Effect::kLicenseRequired);
}

TEST_F(DeciderTest, HitsBelowTheAlertThresholdAreIgnored) {
  // Shares only the short prefix "Hik" with the listed name: no hit, no finding.
  const Decision decision = Export("2021-05-04", "purchaser", "Hik Foods");
  EXPECT_EQ(decision.outcome, Effect::kClear);
  EXPECT_TRUE(decision.parties[1].hits.empty());
}

TEST_F(DeciderTest, PaymentToEntityListPartyIsReviewNotProhibited) {
  const Decision decision =
      Decide(R"({"type":"payment","date":"2019-10-15","amount":"25000.00","currency":"USD",)"
             R"("parties":[{"role":"originator","name":"Northwind Ltd","country":"GB"},)"
             R"({"role":"beneficiary","name":"Hikvision","country":"CN"}]})");
  EXPECT_EQ(decision.outcome, Effect::kReview);
  const Finding* finding = FindRule(decision, "entity_list_red_flag");
  ASSERT_NE(finding, nullptr);
  EXPECT_THAT(finding->reason, HasSubstr("not a blocking sanction"));
}

// --- Denied Persons List -------------------------------------------------------------------

TEST_F(DeciderTest, DeniedPersonsOrderBoundaries) {
  struct Case {
    const char* date;
    Effect outcome;
  };
  const Case cases[] = {
      {"2017-06-01", Effect::kClear},      {"2017-09-27", Effect::kReview},
      {"2017-09-28", Effect::kProhibited}, {"2020-01-10", Effect::kProhibited},
      {"2025-11-19", Effect::kProhibited}, {"2025-11-20", Effect::kClear},
      {"2026-01-10", Effect::kClear},
  };
  for (const Case& c : cases) {
    const Decision decision = Export(c.date, "purchaser", "Dahua Electronics Corporation",
                                     R"({"eccn":"EAR99","origin":"US"})", "HK");
    EXPECT_EQ(decision.outcome, c.outcome) << c.date;
  }
  const Finding* finding = FindRule(
      Export("2020-01-10", "purchaser", "Dahua Electronics Corporation"), "denied_person_export");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->list, "Denied Persons List");
  EXPECT_THAT(finding->citation, HasSubstr("764"));
  EXPECT_THAT(finding->citation, HasSubstr("82 F.R. 46480"));
}

TEST_F(DeciderTest, DeniedPersonsAnyRoleInAnExport) {
  for (const char* role : {"exporter", "forwarding_agent", "end_user", "intermediate_consignee"}) {
    EXPECT_EQ(Export("2020-01-10", role, "Dahua Electronics Corporation").outcome,
              Effect::kProhibited)
        << role;
  }
}

TEST_F(DeciderTest, DeniedPersonInAPaymentIsReview) {
  const Decision decision =
      Decide(R"({"type":"payment","date":"2020-01-10","parties":[{"role":"beneficiary",)"
             R"("name":"Dahua Electronics Corporation"}]})");
  EXPECT_EQ(decision.outcome, Effect::kReview);
}

// --- Unverified List, Military End-User List -------------------------------------------------

TEST_F(DeciderTest, UnverifiedListIsReviewWithUvlStatement) {
  const Decision decision = Export("2021-01-10", "ultimate_consignee", "Unverified Optics Ltd");
  EXPECT_EQ(decision.outcome, Effect::kReview);
  const Finding* finding = FindRule(decision, "unverified_list");
  ASSERT_NE(finding, nullptr);
  EXPECT_THAT(finding->reason, HasSubstr("UVL statement"));
  EXPECT_THAT(finding->reason, HasSubstr("no licence exceptions"));
  EXPECT_EQ(finding->citation, "15 CFR 744.15");
}

TEST_F(DeciderTest, MilitaryEndUserLicenceOnlyForSupplement2Items) {
  const Decision listed = Export("2021-01-10", "end_user", "Military Aero Institute",
                                 R"({"eccn":"3A991.a","origin":"US"})");
  EXPECT_EQ(listed.outcome, Effect::kLicenseRequired);
  EXPECT_TRUE(listed.items[0].license_required);
  const Decision other = Export("2021-01-10", "end_user", "Military Aero Institute",
                                R"({"eccn":"EAR99","origin":"US"})");
  EXPECT_EQ(other.outcome, Effect::kReview);
  EXPECT_THAT(FindRule(other, "military_end_user_license")->reason,
              HasSubstr("not in Supplement No. 2"));
  // The day before the entry's date: review (lists lag the Federal Register), not clear.
  EXPECT_EQ(Export("2020-12-22", "end_user", "Military Aero Institute",
                   R"({"eccn":"3A991","origin":"US"})")
                .outcome,
            Effect::kReview);
  EXPECT_EQ(Export("2020-09-01", "end_user", "Military Aero Institute",
                   R"({"eccn":"3A991","origin":"US"})")
                .outcome,
            Effect::kClear);
}

// --- OFAC SDN and the 50 percent rule -------------------------------------------------------

TEST_F(DeciderTest, PaymentToSdnIsBlocked) {
  const Decision decision = Decide(
      R"({"type":"payment","date":"2021-01-05","parties":[{"role":"originator","name":"Acme"},)"
      R"({"role":"beneficiary","name":"Xinjiang Public Security Bureau","country":"CN"}]})");
  EXPECT_EQ(decision.outcome, Effect::kBlocked);
  const Finding* finding = FindRule(decision, "ofac_sdn");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->list, "SDN");
  EXPECT_THAT(finding->citation, HasSubstr("31 CFR"));
}

TEST_F(DeciderTest, SdnInAnyRoleAndTypeIsBlocked) {
  for (const char* type : {"export", "investment", "procurement", "onboarding"}) {
    const Decision decision = Decide(std::string(R"({"type":")") + type +
                                     R"(","date":"2022-01-01","parties":[{"role":"customer",)"
                                     R"("name":"Blocked One"}]})");
    EXPECT_EQ(decision.outcome, Effect::kBlocked) << type;
  }
}

std::string Owned(const std::string& owners) {
  return R"({"type":"payment","date":"2022-01-01","parties":[{"role":"beneficiary",)"
         R"("name":"Target Holdings Ltd","owners":)" +
         owners + "}]}";
}

TEST_F(DeciderTest, FiftyPercentRuleAggregatesOwners) {
  struct Case {
    const char* owners;
    Effect outcome;
  };
  const Case cases[] = {
      {R"([{"name":"Blocked One","percent":30},{"name":"Blocked Two","percent":25}])",
       Effect::kBlocked},
      {R"([{"name":"Blocked One","percent":50}])", Effect::kBlocked},
      {R"([{"name":"Blocked One","percent":49.9}])", Effect::kReview},
      {R"([{"name":"Blocked One","percent":30},{"name":"Blocked Two","percent":19.9}])",
       Effect::kReview},
      {R"([{"name":"Clean Owner","percent":100}])", Effect::kClear},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Decide(Owned(c.owners)).outcome, c.outcome) << c.owners;
  }
  const Finding* finding = FindRule(Decide(Owned(cases[0].owners)), "ofac_50_percent");
  ASSERT_NE(finding, nullptr);
  EXPECT_THAT(finding->reason, HasSubstr("55%"));
  EXPECT_THAT(finding->reason, HasSubstr("Blocked One"));
}

// OFAC guidance of 2014-08-13, example 3: an entity 50%+ owned by a blocked person is blocked,
// and its own holdings count in full. Multiplying down the chain (60% x 60% = 36%) is not the
// rule: the intermediate is blocked, so its 60% counts.
TEST_F(DeciderTest, FiftyPercentRuleFollowsBlockedIntermediatesInFull) {
  EXPECT_EQ(Decide(Owned(R"([{"name":"Middle Co","percent":60,)"
                         R"("owners":[{"name":"Blocked One","percent":60}]}])"))
                .outcome,
            Effect::kBlocked);
  // Unblocked intermediate (owned 40%): passes nothing on.
  const Decision partial = Decide(Owned(R"([{"name":"Middle Co","percent":100,)"
                                        R"("owners":[{"name":"Blocked One","percent":40}]}])"));
  EXPECT_EQ(partial.outcome, Effect::kClear);
  // Two levels, aggregated at the bottom: 30% + 25% makes the intermediate blocked.
  EXPECT_EQ(
      Decide(Owned(R"([{"name":"Middle Co","percent":50,"owners":[)"
                   R"({"name":"Blocked One","percent":30},{"name":"Blocked Two","percent":25}]}])"))
          .outcome,
      Effect::kBlocked);
}

TEST_F(DeciderTest, FiftyPercentRuleWithPossibleOwnerMatchIsReview) {
  const Decision decision = Decide(Owned(R"([{"name":"Blocked Onne","percent":70}])"));
  EXPECT_EQ(decision.outcome, Effect::kReview);
  EXPECT_EQ(FindRule(decision, "ofac_50_percent")->if_confirmed, Effect::kBlocked);
}

// --- BIS Affiliates rule ---------------------------------------------------------------------

TEST_F(DeciderTest, AffiliatesRuleDatesAndSuspension) {
  struct Case {
    const char* date;
    Effect outcome;
  };
  const Case cases[] = {
      {"2025-09-28", Effect::kReview},          {"2025-09-29", Effect::kLicenseRequired},
      {"2025-11-09", Effect::kLicenseRequired}, {"2025-11-10", Effect::kReview},
      {"2026-11-09", Effect::kReview},          {"2026-11-10", Effect::kLicenseRequired},
  };
  for (const Case& c : cases) {
    const Decision decision = Decide(
        std::string(R"({"type":"export","date":")") + c.date +
        R"(","destination":"NL","parties":[{"role":"ultimate_consignee","name":"Hik Europe BV",)"
        R"("owners":[{"name":"Hikvision","percent":100}]}],)"
        R"("items":[{"eccn":"EAR99","origin":"US"}]})");
    EXPECT_EQ(decision.outcome, c.outcome) << c.date;
    const Finding* finding = FindRule(decision, "bis_affiliates_rule");
    ASSERT_NE(finding, nullptr) << c.date;
    EXPECT_THAT(finding->list, HasSubstr("Entity List")) << c.date;
    if (c.outcome == Effect::kLicenseRequired) {
      EXPECT_EQ(finding->review_policy, ReviewPolicy::kPresumptionOfDenial);
      EXPECT_THAT(finding->citation, HasSubstr("90 FR 47201"));
    }
  }
}

TEST_F(DeciderTest, AffiliatesRuleNeedsFiftyPercentAndATriggeringRole) {
  const auto tx = [](const char* role, int percent) {
    return std::string(R"({"type":"export","date":"2025-10-15","parties":[{"role":")") + role +
           R"(","name":"Hik Europe BV","owners":[{"name":"Hikvision","percent":)" +
           std::to_string(percent) + R"(}]}],"items":[{"eccn":"EAR99","origin":"US"}]})";
  };
  EXPECT_EQ(Decide(tx("end_user", 50)).outcome, Effect::kLicenseRequired);
  EXPECT_EQ(Decide(tx("end_user", 49)).outcome, Effect::kReview);
  EXPECT_EQ(Decide(tx("exporter", 100)).outcome, Effect::kClear);
}

// --- NS-CMIC ---------------------------------------------------------------------------------

std::string Trade(const char* date, const char* action, const char* security) {
  return std::string(R"({"type":"investment","date":")") + date +
         R"(","parties":[{"role":"investor","name":"Example Teachers Fund","country":"US"}],)"
         R"("securities":[{)" +
         security + R"(,"action":")" + action + R"("}]})";
}

TEST_F(DeciderTest, CmicPurchaseAndSaleAroundEffectiveAndDivestmentDates) {
  struct Case {
    const char* date;
    const char* action;
    Effect outcome;
  };
  const Case cases[] = {
      {"2021-08-01", "buy", Effect::kClear},      {"2021-08-02", "buy", Effect::kProhibited},
      {"2021-09-01", "buy", Effect::kProhibited}, {"2022-01-15", "sell", Effect::kReview},
      {"2022-06-03", "sell", Effect::kReview},    {"2022-06-04", "sell", Effect::kProhibited},
      {"2023-01-01", "buy", Effect::kProhibited}, {"2021-07-01", "sell", Effect::kClear},
  };
  for (const Case& c : cases) {
    const Decision decision = Decide(Trade(c.date, c.action, R"("isin":"CNE100000PM8")"));
    EXPECT_EQ(decision.outcome, c.outcome) << c.date << " " << c.action;
    const Finding* finding = FindRule(decision, "cmic_securities");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->list, "NS-CMIC");
    EXPECT_EQ(finding->entity_id, "ofac_cons:30946");
  }
}

TEST_F(DeciderTest, CmicSecurityFoundByTickerOrIssuerName) {
  // Only the ticker on the exchange the entry names identifies the security; a bare ticker and
  // the issuer's name are a review, prohibited if confirmed (issue 19 point 10).
  EXPECT_EQ(Decide(Trade("2021-09-01", "buy", R"("ticker":"002415 CN")")).outcome,
            Effect::kProhibited);
  const Decision bare = Decide(Trade("2021-09-01", "buy", R"("ticker":"002415")"));
  EXPECT_EQ(bare.outcome, Effect::kReview);
  EXPECT_EQ(FindRule(bare, "cmic_securities")->if_confirmed, Effect::kProhibited);
  EXPECT_THAT(FindRule(bare, "cmic_securities")->reason, HasSubstr("without an exchange"));
  const Decision other = Decide(Trade("2021-09-01", "buy", R"("ticker":"002415 US")"));
  EXPECT_EQ(other.outcome, Effect::kReview);
  EXPECT_THAT(FindRule(other, "cmic_securities")->reason, HasSubstr("not on US"));
  const Decision issuer = Decide(Trade("2021-09-01", "buy", R"("issuer":"Hikvision")"));
  EXPECT_EQ(issuer.outcome, Effect::kReview);
  EXPECT_EQ(FindRule(issuer, "cmic_securities")->if_confirmed, Effect::kProhibited);
  EXPECT_EQ(Decide(Trade("2021-09-01", "buy", R"("isin":"US0378331005")")).outcome, Effect::kClear);
}

TEST_F(DeciderTest, CmicListingHasNoEffectOnAnExport) {
  entities_.erase(entities_.begin());  // only the CMIC entry of Hikvision remains
  const Decision decision = Export("2022-01-10", "ultimate_consignee", kHik);
  EXPECT_EQ(decision.outcome, Effect::kClear);
  const Finding* finding = FindRule(decision, "cmic_no_effect");
  ASSERT_NE(finding, nullptr);
  EXPECT_THAT(finding->reason, HasSubstr("restricts only purchases"));
}

// --- NDAA section 889 ------------------------------------------------------------------------

std::string Procure(const char* date, const std::string& device,
                    const char* vendor = "Metro Camera Supply LLC") {
  // Federal: section 889 binds agencies and their contractors (Ndaa889NeedsAFederalNexus).
  return std::string(R"({"type":"procurement","federal":true,"date":")") + date +
         R"(","parties":[{"role":"vendor","name":")" + vendor + R"("}],"devices":[)" + device +
         "]}";
}

TEST_F(DeciderTest, Ndaa889ByBrand) {
  struct Case {
    const char* brand;
    Effect outcome;
  };
  const Case cases[] = {
      {"HiLook", Effect::kProhibited},
      {"EZVIZ", Effect::kProhibited},
      {"hiwatch", Effect::kProhibited},
      {"Imou", Effect::kProhibited},
      {"Prama Hikvision", Effect::kProhibited},
      {"Lorex", Effect::kReview},
      {"Honor", Effect::kReview},
      {"Axis", Effect::kClear},
      {"HiLookalike", Effect::kClear},
  };
  for (const Case& c : cases) {
    const Decision decision =
        Decide(Procure("2024-02-01", std::string(R"({"brand":")") + c.brand + R"("})"));
    EXPECT_EQ(decision.outcome, c.outcome) << c.brand;
  }
  const Finding* finding =
      FindRule(Decide(Procure("2024-02-01", R"({"brand":"HiLook"})")), "ndaa_889_part_a");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->list, "NDAA Section 889");
  EXPECT_THAT(finding->citation, HasSubstr("889"));
}

TEST_F(DeciderTest, Ndaa889PartAStartDate) {
  EXPECT_EQ(Decide(Procure("2019-08-12", R"({"brand":"HiLook"})")).outcome, Effect::kClear);
  EXPECT_EQ(Decide(Procure("2019-08-13", R"({"brand":"HiLook"})")).outcome, Effect::kProhibited);
}

TEST_F(DeciderTest, Ndaa889ByMacAndNotByLookAlikes) {
  // A MAC prefix alone names the network chip's maker: review, prohibited if confirmed.
  const Decision hik =
      Decide(Procure("2024-02-01", R"({"mac":"44:19:B6:12:34:56","brand":"Acme"})"));
  EXPECT_EQ(hik.outcome, Effect::kReview);
  ASSERT_EQ(hik.devices[0].findings.size(), 1u);
  EXPECT_EQ(hik.devices[0].findings[0].if_confirmed, Effect::kProhibited);
  EXPECT_THAT(hik.devices[0].findings[0].reason, HasSubstr("only the MAC prefix"));
  EXPECT_EQ(hik.devices[0].mac_registrant, "Hangzhou Hikvision Digital Technology Co.,Ltd.");
  const Decision dahua = Decide(Procure("2024-02-01", R"({"mac":"F4-B1-C2-00-00-01"})"));
  EXPECT_EQ(dahua.outcome, Effect::kReview);
  // The brand confirms the MAC: covered.
  const Decision confirmed =
      Decide(Procure("2024-02-01", R"({"mac":"44:19:B6:12:34:56","brand":"Hikvision"})"));
  EXPECT_EQ(confirmed.outcome, Effect::kProhibited);
  for (const Finding& finding : confirmed.devices[0].findings) {
    EXPECT_EQ(finding.effect, Effect::kProhibited) << finding.reason;
  }
  const Decision scale = Decide(Procure("2024-02-01", R"({"mac":"1C:82:59:D0:00:01"})"));
  EXPECT_EQ(scale.outcome, Effect::kClear);
  EXPECT_EQ(scale.devices[0].mac_registrant, "Shanghai Dahua Scale Factory");
  EXPECT_TRUE(scale.devices[0].findings.empty());
}

TEST_F(DeciderTest, Ndaa889MacWithoutRegistryIsReview) {
  std::erase_if(entities_, [](const core::Entity& e) { return e.list_id == "ieee_oui"; });
  EXPECT_EQ(Decide(Procure("2024-02-01", R"({"mac":"44:19:B6:12:34:56"})")).outcome,
            Effect::kReview);
}

TEST_F(DeciderTest, Ndaa889ByVendorOrManufacturerName) {
  EXPECT_EQ(Decide(Procure("2024-02-01", R"({"model":"X"})", "ZTE Corporation")).outcome,
            Effect::kProhibited);
  EXPECT_EQ(Decide(Procure("2024-02-01", R"({"manufacturer":"Hytera Communications Co., Ltd."})"))
                .outcome,
            Effect::kProhibited);
  EXPECT_EQ(Decide(Procure("2024-02-01", R"({"manufacturer":"Aztec Cameras"})")).outcome,
            Effect::kClear);
}

TEST_F(DeciderTest, Ndaa889NeedsAFederalNexus) {
  const auto with = [](const char* federal) {
    return std::string(R"({"type":"procurement","date":"2024-02-01")") + federal +
           R"(,"parties":[{"role":"vendor","name":"Metro Camera Supply"}],)"
           R"("devices":[{"brand":"HiLook"}]})";
  };
  EXPECT_EQ(Decide(with("")).outcome, Effect::kReview);
  const Decision private_buyer = Decide(with(R"(,"federal":false)"));
  EXPECT_EQ(private_buyer.outcome, Effect::kReview);
  const Finding* finding = FindRule(private_buyer, "ndaa_889_part_a");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->if_confirmed, Effect::kProhibited);
  EXPECT_THAT(finding->reason, HasSubstr("No federal nexus"));
  EXPECT_THAT(finding->citation, HasSubstr("2 CFR 200.216"));
  EXPECT_EQ(Decide(with(R"(,"federal":true)")).outcome, Effect::kProhibited);
}

TEST_F(DeciderTest, Ndaa889OneConfidencePerMaker) {
  // Hikrobot: medium as a brand, as a manufacturer name and as a vendor name.
  EXPECT_EQ(Decide(Procure("2024-02-01", R"({"brand":"Hikrobot"})")).outcome, Effect::kReview);
  EXPECT_EQ(
      Decide(Procure("2024-02-01", R"({"manufacturer":"Hangzhou Hikrobot Technology Co., Ltd."})"))
          .outcome,
      Effect::kReview);
  EXPECT_EQ(
      Decide(Procure("2024-02-01", R"({"model":"X"})", "Hangzhou Hikrobot Technology Co., Ltd."))
          .outcome,
      Effect::kReview);
  EXPECT_EQ(Decide(Procure("2024-02-01", R"({"manufacturer":"HiSilicon Technologies Co., Ltd."})"))
                .outcome,
            Effect::kReview);
}

TEST_F(DeciderTest, Ndaa889BrandOwnershipDatesAreStated) {
  const Finding* finding =
      FindRule(Decide(Procure("2024-02-01", R"({"brand":"Lorex"})")), "ndaa_889_part_a");
  ASSERT_NE(finding, nullptr);
  EXPECT_THAT(finding->reason, HasSubstr("owned by Dahua from 2018 until 2023"));
}

TEST_F(DeciderTest, Ndaa889OnlyForProcurement) {
  const Decision decision = Decide(
      R"({"type":"onboarding","date":"2024-02-01","parties":[{"role":"customer","name":"Acme"}],)"
      R"("devices":[{"brand":"HiLook"}]})");
  EXPECT_EQ(decision.outcome, Effect::kClear);
}

// --- Outcome and output --------------------------------------------------------------------

TEST_F(DeciderTest, OutcomeIsTheMostSevereFinding) {
  const Decision decision = Decide(
      R"({"type":"export","date":"2020-01-10","parties":[{"role":"end_user","name":"Hikvision"},)"
      R"({"role":"purchaser","name":"Dahua Electronics Corporation"},)"
      R"({"role":"forwarding_agent","name":"Blocked One"}],"items":[{"eccn":"EAR99"}]})");
  EXPECT_EQ(decision.outcome, Effect::kBlocked);
  EXPECT_NE(FindRule(decision, "entity_list_license"), nullptr);
  EXPECT_NE(FindRule(decision, "denied_person_export"), nullptr);
  // The explanation lists the most severe finding first.
  EXPECT_LT(decision.explanation.find("[blocked"), decision.explanation.find("[prohibited"));
  EXPECT_LT(decision.explanation.find("[prohibited"),
            decision.explanation.find("[license_required"));
}

TEST_F(DeciderTest, CleanTransactionIsClearWithAnExplanation) {
  const Decision decision = Export("2020-01-10", "ultimate_consignee", "Friendly Optics GmbH");
  EXPECT_EQ(decision.outcome, Effect::kClear);
  EXPECT_THAT(decision.explanation, HasSubstr("No party, item, security or device matched"));
}

TEST_F(DeciderTest, JsonOutputHasTheDesignShape) {
  const Decision decision = Export("2019-10-10", "ultimate_consignee", kHik);
  const auto json = nlohmann::json::parse(DecisionToJson(decision));
  EXPECT_EQ(json["outcome"], "license_required");
  EXPECT_EQ(json["as_of"], "2019-10-10");
  ASSERT_EQ(json["parties"].size(), 2u);
  const auto& party = json["parties"][1];
  EXPECT_EQ(party["role"], "ultimate_consignee");
  // The EL entry and the NS-CMIC entry of Hikvision both carry the name.
  ASSERT_EQ(party["hits"].size(), 2u);
  std::vector<std::string> hit_ids;
  for (const auto& hit : party["hits"]) {
    hit_ids.push_back(hit["entity_id"]);
    EXPECT_EQ(hit["score"], 1.0);
  }
  EXPECT_THAT(hit_ids, ::testing::UnorderedElementsAre("us_csl:hik", "ofac_cons:30946"));
  // Findings are most severe first: the Entity List's licence requirement, then the CMIC note.
  ASSERT_EQ(party["findings"].size(), 2u);
  EXPECT_EQ(party["findings"][0]["list"], "Entity List");
  EXPECT_EQ(party["findings"][0]["effect"], "license_required");
  EXPECT_EQ(party["findings"][0]["review_policy"], "presumption_of_denial");
  EXPECT_EQ(party["findings"][1]["list"], "NS-CMIC");
  EXPECT_EQ(party["findings"][1]["effect"], "clear");
  EXPECT_EQ(json["items"][0]["eccn"], "EAR99");
  EXPECT_EQ(json["items"][0]["subject_to_ear"], true);
  EXPECT_EQ(json["items"][0]["license_required"], true);
  EXPECT_TRUE(json["explanation"].is_string());
  const std::string text = DecisionToText(decision);
  EXPECT_THAT(text, HasSubstr("Outcome: license_required"));
  EXPECT_THAT(text, HasSubstr("presumption_of_denial"));
  // Issue 19 point 13: outcome and one-line reason first, then one block per finding, then items.
  const std::size_t reason = text.find("\nReason: ");
  const std::size_t block = text.find("\n  1. license_required - Entity List\n");
  const std::size_t items = text.find("\nItems\n");
  ASSERT_NE(reason, std::string::npos) << text;
  ASSERT_NE(block, std::string::npos) << text;
  ASSERT_NE(items, std::string::npos) << text;
  EXPECT_LT(reason, block);
  EXPECT_LT(block, items);
  EXPECT_THAT(text, HasSubstr("     To do:    Do not ship without a BIS licence"));
  EXPECT_THAT(text, HasSubstr("     Citation: 15 CFR 744.11"));
}

TEST_F(DeciderTest, ScreeningErrorNamesThePartyField) {
  auto tx = ParseTransaction(
      R"({"type":"export","date":"2020-01-10","parties":[{"role":"end_user","name":"Hik"},)"
      R"({"role":"purchaser","name":"---"}]})");
  ASSERT_TRUE(tx);
  const std::unique_ptr<Decider> decider = RealDecider(rules_, entities_);
  ASSERT_NE(decider, nullptr);
  auto decision = decider->Decide(*tx);
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().where.field, "parties[1].name");
  EXPECT_THAT(decision.error().message, HasSubstr("screening \"---\" failed"));
}

TEST(DeciderInternal, CmicDatesFromRemarksAndIdentifiers) {
  core::Entity entity;
  entity.remarks =
      "ISIN CNE100000PM8; Effective Date (CMIC) 02 Aug 2021; Purchase/Sales For "
      "Divestment Date (CMIC) 03 Jun 2022.";
  EXPECT_EQ(internal::LabelledDate(entity, "Effective Date (CMIC)").ToString(), "2021-08-02");
  EXPECT_EQ(internal::LabelledDate(entity, "Divestment Date (CMIC)").ToString(), "2022-06-03");
  core::Entity csl;
  csl.identifiers.push_back(
      core::Identifier{.type_raw = "Effective Date (CMIC)", .value = "02 Aug 2021"});
  EXPECT_EQ(internal::LabelledDate(csl, "Effective Date (CMIC)").ToString(), "2021-08-02");
  EXPECT_TRUE(internal::LabelledDate(csl, "Divestment Date (CMIC)").empty());
  EXPECT_EQ(internal::TickerKey("002415 CN"), "002415");
  EXPECT_EQ(internal::HexOnly("44-19-b6"), "4419B6");
}

}  // namespace
}  // namespace redflag::rules

namespace redflag::rules {
namespace {

TEST(RuleSet, ShippedRuleFilesLoadAndCiteTheirLaw) {
  auto rules = LoadRuleSet(DefaultRulesDir());
  ASSERT_TRUE(rules) << rules.error().ToString();
  for (const char* id : {"entity_list_license", "denied_person_export", "unverified_list",
                         "military_end_user_license", "ofac_sdn", "ofac_50_percent",
                         "bis_affiliates_rule", "cmic_securities", "ndaa_889_part_a"}) {
    const Rule* rule = rules->Find(id);
    ASSERT_NE(rule, nullptr) << id;
    EXPECT_FALSE(rule->citation.empty()) << id;
  }
  const Rule* affiliates = rules->Find("bis_affiliates_rule");
  EXPECT_EQ(affiliates->from.ToString(), "2025-09-29");
  ASSERT_EQ(affiliates->suspended.size(), 1u);
  EXPECT_EQ(affiliates->suspended[0].from.ToString(), "2025-11-10");
  EXPECT_EQ(affiliates->suspended[0].to.ToString(), "2026-11-09");
  EXPECT_EQ(rules->de_minimis.restricted_destinations,
            (std::vector<std::string>{"CU", "IR", "KP", "SY"}));
}

struct BadRuleFile {
  std::string content;
  std::string field;
  std::string message;
};

TEST(RuleSet, StrictLoadingNamesFileAndField) {
  const BadRuleFile cases[] = {
      {R"({"rules":[{"id":"x","kind":"magic","lists":["EL"],"list_name":"EL","transaction_types":"*","roles":"*","effect":"review","citation":"c","meaning":"m"}]})",
       "rules[0].kind", "unknown rule kind \"magic\""},
      {R"({"rules":[{"id":"x","kind":"list_party","lists":["EL"],"list_name":"EL","transaction_types":"*","roles":["buyer"],"effect":"review","citation":"c","meaning":"m"}]})",
       "rules[0].roles", "unknown role \"buyer\""},
      {R"({"rules":[{"id":"x","kind":"list_party","lists":["EL"],"list_name":"EL","transaction_types":"*","roles":"*","effect":"forbidden","citation":"c","meaning":"m"}]})",
       "rules[0].effect", "unknown effect"},
      {R"({"rules":[{"id":"x","kind":"list_party","lists":["EL"],"list_name":"EL","transaction_types":"*","roles":"*","effect":"review","meaning":"m"}]})",
       "rules[0].citation", "is required"},
      {R"({"rules":[{"id":"x","kind":"list_party","lists":["EL"],"list_name":"EL","transaction_types":"*","roles":"*","effect":"review","citation":"c","meaning":"m","effective":{"from":"2025-02-30"}}]})",
       "rules[0].effective.from", "is not a date"},
      {R"({"rulez":[]})", "rulez", "unknown key"},
  };
  for (const BadRuleFile& c : cases) {
    auto rules = ParseRuleSet({{"data/rules/test.json", c.content}});
    ASSERT_FALSE(rules) << c.content;
    EXPECT_EQ(rules.error().where.file, "data/rules/test.json");
    EXPECT_EQ(rules.error().where.field, c.field) << c.content;
    EXPECT_THAT(rules.error().message, ::testing::HasSubstr(c.message)) << c.content;
  }
}

TEST(RuleSet, ContainsWordsNeedsWholeWords) {
  EXPECT_TRUE(ContainsWords(FoldWords("ZHEJIANG DAHUA TECHNOLOGYCO.,LTD"), "dahua technologyco"));
  EXPECT_FALSE(ContainsWords(FoldWords("ZHEJIANG DAHUA TECHNOLOGYCO.,LTD"), "dahua technology"));
  EXPECT_FALSE(ContainsWords(FoldWords("Shanghai Dahua Scale Factory"), "dahua technology"));
  EXPECT_FALSE(ContainsWords(FoldWords("Aztec Systems"), "zte"));
  EXPECT_TRUE(ContainsWords(FoldWords("zte corporation"), "zte"));
}

}  // namespace
}  // namespace redflag::rules
