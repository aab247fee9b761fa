// The hard cases of name matching, asserting scores and order (issue #3). Names compared with
// uniform token weights (no index) unless a test builds one.
#include "match/name_scorer.h"

#include <gtest/gtest.h>

#include "match/screener.h"

namespace redflag::match {
namespace {

double Compare(std::string_view a, std::string_view b,
               core::EntityType type = core::EntityType::kUnknown) {
  auto result = CompareNames(a, b, type);
  EXPECT_TRUE(result.has_value());
  return result ? result->score : -1;
}

struct PairCase {
  const char* query;
  const char* listed;
  core::EntityType type;
  double min_score;  // inclusive
  double max_score;  // inclusive
};

constexpr auto kPerson = core::EntityType::kPerson;
constexpr auto kOrg = core::EntityType::kOrganization;
constexpr auto kAny = core::EntityType::kUnknown;

class NameScorerCases : public ::testing::TestWithParam<PairCase> {};

TEST_P(NameScorerCases, ScoreIsInRange) {
  const PairCase& test_case = GetParam();
  const double score = Compare(test_case.query, test_case.listed, test_case.type);
  EXPECT_GE(score, test_case.min_score) << test_case.query << " vs " << test_case.listed;
  EXPECT_LE(score, test_case.max_score) << test_case.query << " vs " << test_case.listed;
}

INSTANTIATE_TEST_SUITE_P(
    HardCases, NameScorerCases,
    ::testing::Values(
        // Identity, case, punctuation, diacritics.
        PairCase{"Hangzhou Hikvision Digital Technology Co., Ltd.", "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD", kOrg, 0.99, 1.0},
        PairCase{"SOE, Mâung Maung", "SOE, Maung Maung", kPerson, 0.99, 1.0},
        // Word order: surname-first with a comma.
        PairCase{"John SMITH", "SMITH, John", kPerson, 0.99, 1.0},
        PairCase{"Mustafa Muhammad Atiya HAMID", "HAMID, Mustafa Muhammad 'Atiya", kPerson, 0.99, 1.0},
        // Transliteration variants: no first-letter gate.
        PairCase{"Jusuf Ahmed", "Yusuf Ahmad", kPerson, 0.9, 0.98},
        PairCase{"Mohamed ALI", "ALI, Muhammad", kPerson, 0.9, 0.98},
        PairCase{"Wladimir Putin", "Vladimir PUTIN", kPerson, 0.9, 0.98},
        // Typos.
        PairCase{"KOZHEMYAKO, Olfg Nikolayevich", "KOZHEMYAKO, Oleg Nikolayevich", kPerson, 0.88, 0.99},
        PairCase{"TYRANSNEFT FINANS OOO", "TRANSNEFT FINANS, OOO", kOrg, 0.9, 0.99},
        // Merged and split tokens.
        PairCase{"Hik Vision Digital Technology", "Hikvision Digital Technology", kOrg, 0.95, 1.0},
        PairCase{"ABDUL RAHMAN", "ABDULRAHMAN", kPerson, 0.95, 1.0},
        // Legal forms: equivalent forms match, abbreviations expand.
        PairCase{"JSC DUBNA CABLE PLANT", "JOINT STOCK COMPANY DUBNA CABLE PLANT", kOrg, 0.99, 1.0},
        PairCase{"LEVERAGE, SOCIEDAD ANONIMA", "LEVERAGE, S.A.", kOrg, 0.99, 1.0},
        PairCase{"Acme Intl Trading Co", "ACME INTERNATIONAL TRADING COMPANY", kOrg, 0.99, 1.0},
        PairCase{"Maya Farías S. de R.L. de C.V.", "MAYA FARIAS", kAny, 0.99, 1.0},
        // Initials and a missing middle name: plausible, not certain.
        PairCase{"J. M. Smith", "John Michael Smith", kPerson, 0.8, 0.95},
        PairCase{"Nikolay SHULGINOV", "SHULGINOV, Nikolay Grigorevich", kPerson, 0.8, 0.95},
        // Different people who share a surname or a given name.
        PairCase{"Houssam KATRANGI", "KATRANGI, Mohamad", kPerson, 0.0, 0.65},
        PairCase{"Murat TEKE", "KARAYILAN, Murat", kPerson, 0.0, 0.65},
        // A shared legal form or generic word does not make companies alike.
        PairCase{"Kwon Solutions Co., Ltd.", "Park Solutions Co., Ltd.", kOrg, 0.0, 0.7},
        PairCase{"GPB-DI HOLDINGS LIMITED", "ASCENT HOLDINGS LIMITED", kOrg, 0.0, 0.7},
        // Nothing in common.
        PairCase{"Tyrone Hyatt", "Zhejiang Dahua Technology", kAny, 0.0, 0.1}));

TEST(NameScorer, OrderPrefersTheCloserName) {
  const double exact = Compare("Dahua Technology", "Dahua Technology");
  const double typo = Compare("Dahau Technology", "Dahua Technology");
  const double other = Compare("Dahua Electronics Corporation", "Dahua Technology");
  EXPECT_GT(exact, typo);
  EXPECT_GT(typo, other);
  EXPECT_LT(other, kDefaultThreshold);
}

TEST(NameScorer, CandidateMiddleNameCostsLessThanAQueryExtraToken) {
  // A list entry with a middle name the query leaves out is a likelier match than a query that
  // adds a token the list does not have.
  const double missing_middle = Compare("Ivan Petrov", "Ivan Sergeyevich Petrov", kPerson);
  const double extra_in_query = Compare("Ivan Sergeyevich Petrov", "Ivan Petrov", kPerson);
  EXPECT_GT(missing_middle, extra_in_query);
}

TEST(NameScorer, WeakAliasScoresLess) {
  auto query = PrepareQuery("Abu Walid", text::NameStyle::kPerson, nullptr);
  auto listed = PrepareQuery("Abu Walid", text::NameStyle::kPerson, nullptr);
  const NameScoreInput strong{listed->tokens, text::LegalFormClass::kNone, true, false,
                              core::NameKind::kStrongAka};
  const NameScoreInput weak{listed->tokens, text::LegalFormClass::kNone, true, false,
                            core::NameKind::kWeakAka};
  EXPECT_GT(ScoreName(*query, strong, DefaultScorerParams(), nullptr),
            ScoreName(*query, weak, DefaultScorerParams(), nullptr));
}

TEST(NameScorer, ExplanationAlignsTokens) {
  auto result = CompareNames("HIK-VISION DIGITAL TECH CO LTD",
                             "Hangzhou Hikvision Digital Technology Co., Ltd.",
                             core::EntityType::kOrganization);
  ASSERT_TRUE(result.has_value());
  bool joined = false;
  bool unmatched_city = false;
  for (const TokenAlignment& token : result->explanation.tokens) {
    if (token.how == "joined" && token.query_token == "hik vision" &&
        token.candidate_token == "hikvision") {
      joined = true;
    }
    if (token.how == "unmatched" && token.candidate_token == "hangzhou") unmatched_city = true;
  }
  EXPECT_TRUE(joined);
  EXPECT_TRUE(unmatched_city);
  EXPECT_NE(result->explanation.legal_forms.find("limited"), std::string::npos);
}

}  // namespace
}  // namespace redflag::match
