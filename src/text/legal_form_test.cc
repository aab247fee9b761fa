#include "text/legal_form.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/normalize.h"

namespace redflag::text {
namespace {

// Folds `name` and returns the classes of the legal-form spans with their token ranges,
// e.g. "limited@3-5".
std::vector<std::string> Spans(const std::string& name) {
  const std::string folded = Fold(name);
  const std::vector<std::string_view> tokens = SplitTokens(folded);
  std::vector<std::string> result;
  for (const LegalFormSpan& span : FindLegalForms(tokens)) {
    result.push_back(std::string(LegalFormClassName(span.form)) + "@" + std::to_string(span.begin) +
                     "-" + std::to_string(span.end));
  }
  return result;
}

// The class of a name that is only a legal form.
LegalFormClass ClassOf(const std::string& form) {
  const std::string folded = Fold(form);
  const std::vector<std::string_view> tokens = SplitTokens(folded);
  const std::vector<LegalFormSpan> spans = FindLegalForms(tokens);
  if (spans.size() != 1 || spans[0].begin != 0 || spans[0].end != tokens.size()) {
    return LegalFormClass::kNone;
  }
  return spans[0].form;
}

struct EquivalenceCase {
  const char* form;
  LegalFormClass expected;
};

// Every spelling in one block must land in the same class (the equivalences the matcher relies
// on: JSC == AO, OOO == LLC, Co., Ltd. == Company Limited, PJSC == PAO, CJSC == ZAO, ...).
const EquivalenceCase kEquivalences[] = {
    {"JSC", LegalFormClass::kJointStock},
    {"Joint Stock Company", LegalFormClass::kJointStock},
    {"Joint-Stock Company", LegalFormClass::kJointStock},
    {"AO", LegalFormClass::kJointStock},
    {"Акционерное общество", LegalFormClass::kJointStock},
    {"Aktsionernoe Obshchestvo", LegalFormClass::kJointStock},
    {"PJSC", LegalFormClass::kJointStock},
    {"PAO", LegalFormClass::kJointStock},
    {"Public Joint Stock Company", LegalFormClass::kJointStock},
    {"Публичное акционерное общество", LegalFormClass::kJointStock},
    {"Publichnoe Aktsionernoe Obshchestvo", LegalFormClass::kJointStock},
    {"CJSC", LegalFormClass::kJointStock},
    {"ZAO", LegalFormClass::kJointStock},
    {"Closed Joint Stock Company", LegalFormClass::kJointStock},
    {"OJSC", LegalFormClass::kJointStock},
    {"OAO", LegalFormClass::kJointStock},
    {"Open Joint Stock Company", LegalFormClass::kJointStock},
    {"S.A.", LegalFormClass::kJointStock},
    {"SA", LegalFormClass::kJointStock},
    {"Sociedad Anónima", LegalFormClass::kJointStock},
    {"Société Anonyme", LegalFormClass::kJointStock},
    {"S.p.A.", LegalFormClass::kJointStock},
    {"AG", LegalFormClass::kJointStock},
    {"Aktiengesellschaft", LegalFormClass::kJointStock},
    {"OOO", LegalFormClass::kLlc},
    {"ООО", LegalFormClass::kLlc},
    {"LLC", LegalFormClass::kLlc},
    {"L.L.C.", LegalFormClass::kLlc},
    {"Limited Liability Company", LegalFormClass::kLlc},
    {"Общество с ограниченной ответственностью", LegalFormClass::kLlc},
    {"Obshchestvo s Ogranichennoi Otvetstvennostyu", LegalFormClass::kLlc},
    {"ТОО", LegalFormClass::kLlc},
    {"GmbH", LegalFormClass::kLlc},
    {"Gesellschaft mit beschränkter Haftung", LegalFormClass::kLlc},
    {"SARL", LegalFormClass::kLlc},
    {"S.R.L.", LegalFormClass::kLlc},
    {"s.r.o.", LegalFormClass::kLlc},
    {"Sp. z o.o.", LegalFormClass::kLlc},
    {"Ltda.", LegalFormClass::kLlc},
    {"Co., Ltd.", LegalFormClass::kLimited},
    {"Company Limited", LegalFormClass::kLimited},
    {"Co. Limited", LegalFormClass::kLimited},
    {"Ltd", LegalFormClass::kLimited},
    {"Limited", LegalFormClass::kLimited},
    {"Pvt. Ltd.", LegalFormClass::kLimited},
    {"Private Limited", LegalFormClass::kLimited},
    {"Sdn. Bhd.", LegalFormClass::kLimited},
    {"Pte. Ltd.", LegalFormClass::kLimited},
    {"Pty Ltd", LegalFormClass::kLimited},
    {"有限公司", LegalFormClass::kLimited},
    {"Inc.", LegalFormClass::kCorporation},
    {"Incorporated", LegalFormClass::kCorporation},
    {"Corp.", LegalFormClass::kCorporation},
    {"Corporation", LegalFormClass::kCorporation},
    {"K.K.", LegalFormClass::kCorporation},
    {"Kabushiki Kaisha", LegalFormClass::kCorporation},
    {"株式会社", LegalFormClass::kCorporation},
    {"Co.", LegalFormClass::kCompany},
    {"Company", LegalFormClass::kCompany},
    {"Cie", LegalFormClass::kCompany},
    {"公司", LegalFormClass::kCompany},
    {"LLP", LegalFormClass::kPartnership},
    {"L.P.", LegalFormClass::kPartnership},
    {"Limited Partnership", LegalFormClass::kPartnership},
    {"KG", LegalFormClass::kPartnership},
    {"GmbH & Co. KG", LegalFormClass::kPartnership},
    {"PLC", LegalFormClass::kPlc},
    {"Public Limited Company", LegalFormClass::kPlc},
    {"FZE", LegalFormClass::kFreeZone},
    {"FZCO", LegalFormClass::kFreeZone},
    {"FZ-LLC", LegalFormClass::kFreeZone},
    {"Co-operative", LegalFormClass::kCooperative},
    {"Cooperative", LegalFormClass::kCooperative},
    {"Stiftung", LegalFormClass::kFoundation},
    {"FGUP", LegalFormClass::kState},
    {"Federal State Unitary Enterprise", LegalFormClass::kState},
    {"Федеральное государственное унитарное предприятие", LegalFormClass::kState},
    {"ANO", LegalFormClass::kOther},
};

TEST(FindLegalForms, EquivalentFormsShareAClass) {
  for (const EquivalenceCase& row : kEquivalences) {
    EXPECT_EQ(ClassOf(row.form), row.expected)
        << row.form << " -> " << LegalFormClassName(ClassOf(row.form));
  }
}

struct SpanCase {
  const char* name;
  std::vector<std::string> spans;
};

const SpanCase kSpanCases[] = {
    {"Hikvision Digital Technology Co., Ltd.", {"limited@3-5"}},
    {"Hangzhou Hikvision Digital Technology Co., Ltd.", {"limited@4-6"}},
    {"OOO Lazarev", {"llc@0-1"}},
    {"JSC DUBNA CABLE PLANT", {"joint_stock@0-1"}},
    {"Gazprom Neft PAO", {"joint_stock@2-3"}},
    {"ANGLO-CARIBBEAN CO., LTD.", {"limited@2-4"}},
    {"Banco Nacional de Cuba", {}},
    {"Iyad Ag Ghaly", {}},  // "ag" mid-name is a Tuareg particle, not AG
    {"AT&T", {}},
    {"Sa Air Tours SA", {"joint_stock@0-1", "joint_stock@3-4"}},
    {"Acme As Ltd", {"joint_stock@1-2", "limited@2-3"}},  // edge form next to an accepted one
    {"Acme GmbH & Co. KG", {"partnership@1-5"}},
    {"Siemens Aktiengesellschaft Berlin", {"joint_stock@1-2"}},
    {"Obshchestvo s Ogranichennoy Otvetstvennostyu Lazarev", {"llc@0-4"}},
    {"杭州海康威视数字技术股份有限公司", {"joint_stock@10-16"}},
    {"Emirates Trading FZE LLC", {"free_zone@2-4"}},
    {"", {}},
};

TEST(FindLegalForms, FindsSpansAnywhereLongestFirst) {
  for (const SpanCase& row : kSpanCases) {
    EXPECT_EQ(Spans(row.name), row.spans) << row.name;
  }
}

TEST(IsOnlyLegalForm, TrueOnlyWhenEveryTokenIsALegalForm) {
  const auto only = [](const std::string& name) {
    const std::string folded = Fold(name);
    return IsOnlyLegalForm(SplitTokens(folded));
  };
  EXPECT_TRUE(only("Co., Ltd."));
  EXPECT_TRUE(only("LLC"));
  EXPECT_TRUE(only("Joint Stock Company"));
  EXPECT_TRUE(only("Ltd. LLC"));
  EXPECT_FALSE(only("Hikvision Co., Ltd."));
  EXPECT_FALSE(only(""));
}

TEST(LegalFormClassName, NamesEveryClass) {
  EXPECT_EQ(LegalFormClassName(LegalFormClass::kNone), "none");
  EXPECT_EQ(LegalFormClassName(LegalFormClass::kLimited), "limited");
  EXPECT_EQ(LegalFormClassName(LegalFormClass::kLlc), "llc");
  EXPECT_EQ(LegalFormClassName(LegalFormClass::kJointStock), "joint_stock");
  EXPECT_EQ(LegalFormClassName(LegalFormClass::kCorporation), "corporation");
  EXPECT_EQ(LegalFormClassName(LegalFormClass::kCompany), "company");
  EXPECT_EQ(LegalFormClassName(LegalFormClass::kPartnership), "partnership");
  EXPECT_EQ(LegalFormClassName(LegalFormClass::kPlc), "plc");
  EXPECT_EQ(LegalFormClassName(LegalFormClass::kFreeZone), "free_zone");
  EXPECT_EQ(LegalFormClassName(LegalFormClass::kCooperative), "cooperative");
  EXPECT_EQ(LegalFormClassName(LegalFormClass::kFoundation), "foundation");
  EXPECT_EQ(LegalFormClassName(LegalFormClass::kState), "state");
  EXPECT_EQ(LegalFormClassName(LegalFormClass::kOther), "other");
}

// Dotted abbreviations split into single letters (text::PrepareName does this to initials):
// runs of single letters match the phrase written with or without spaces.
TEST(FindLegalForms, SingleLetterRunsMatchTheJoinedPhrase) {
  const std::vector<std::string_view> mexican = {"maya", "farias", "s", "de", "r",
                                                 "l",    "de",     "c", "v"};
  const std::vector<LegalFormSpan> spans = FindLegalForms(mexican);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].begin, 2u);
  EXPECT_EQ(spans[0].end, 9u);
  EXPECT_EQ(spans[0].form, LegalFormClass::kLlc);
  const std::vector<std::string_view> spaced_llc = {"acme", "l", "l", "c"};
  ASSERT_EQ(FindLegalForms(spaced_llc).size(), 1u);
  EXPECT_EQ(FindLegalForms(spaced_llc)[0].form, LegalFormClass::kLlc);
  const std::vector<std::string_view> joined_llc = {"acme", "llc"};
  EXPECT_EQ(FindLegalForms(joined_llc)[0].form, LegalFormClass::kLlc);
  // Initials that spell no legal form stay name tokens.
  const std::vector<std::string_view> person = {"j", "m", "smith"};
  EXPECT_TRUE(FindLegalForms(person).empty());
}

// Tokens longer than any phrase and long names must not trip the join buffer.
TEST(FindLegalForms, LongTokensAndNamesAreSafe) {
  const std::string long_token(500, 'x');
  std::vector<std::string_view> tokens = {long_token, "ltd", long_token};
  const std::vector<LegalFormSpan> spans = FindLegalForms(tokens);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].begin, 1u);
  std::vector<std::string_view> many(2000, "co");
  EXPECT_FALSE(FindLegalForms(many).empty());
}

}  // namespace
}  // namespace redflag::text
