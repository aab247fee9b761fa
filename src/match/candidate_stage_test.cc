// The candidate stage: the bound never falls below the score it bounds, it prunes names that
// clearly differ, and retrieval reaches every name that shares a required token.
#include "match/candidate_stage.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace redflag::match {
namespace {

core::Entity Make(std::string native_id, core::EntityType type, std::vector<std::string> names) {
  core::Entity entity;
  entity.list_id = "ofac_sdn";
  entity.native_id = native_id;
  entity.id = core::MakeEntityId(entity.list_id, native_id);
  entity.type = type;
  for (std::size_t idx = 0; idx < names.size(); ++idx) {
    entity.names.push_back(core::Name{
        .full = names[idx],
        .kind = idx == 0 ? core::NameKind::kPrimary
                         : (idx == 2 ? core::NameKind::kWeakAka : core::NameKind::kStrongAka)});
  }
  entity.listings.push_back(core::Listing{.list_id = "ofac_sdn", .list_name = "SDN"});
  return entity;
}

// Names chosen for the hard parts of the bound: initials on either side, particles, tokens
// written together or apart, spelling variants, typos within two edits, repeated tokens, legal
// forms and weak aliases.
std::vector<core::Entity> HardNames() {
  using core::EntityType;
  return {
      Make("1", EntityType::kPerson, {"AL-AHMAD, Ahmad Mohamad Yunis", "Ahmed YOUNIS", "A. M. Yunis"}),
      Make("2", EntityType::kPerson, {"ABDUL RAHMAN, Ali", "ABDULRAHMAN, Aly", "H. U. RAHMAN"}),
      Make("3", EntityType::kPerson, {"SMITH, John Michael", "J. M. SMITH", "Jon Smyth"}),
      Make("4", EntityType::kOrganization, {"Hangzhou Hikvision Digital Technology Co., Ltd.",
                                            "HIK VISION", "Hikvision Digital"}),
      Make("5", EntityType::kOrganization, {"T.M.G. ENGINEERING LIMITED", "TMG Engineering"}),
      Make("6", EntityType::kUnknown, {"Mahmoud Abdel Ghani", "Mshmood Abdelghani"}),
      Make("7", EntityType::kVessel, {"OCEAN GLORY", "OCEANGLORY"}),
      Make("8", EntityType::kPerson, {"MOHAMMED, Mohammed Ahmed", "Muhammad Muhammad"}),
      Make("9", EntityType::kOrganization, {"Maya Farias S. de R.L. de C.V.", "MAYA FARIAS"}),
      Make("10", EntityType::kUnknown, {"Wladimir Putin", "V. V. PUTIN", "Vladimir Vladimirovich"}),
      Make("11", EntityType::kOrganization, {"Al Zawaya Group for Development and Investment"}),
  };
}

TEST(UpperBound, NeverBelowTheScoreOnHardNames) {
  auto snapshot = index::Snapshot::Build(HardNames());
  ASSERT_TRUE(snapshot.has_value());
  const index::Snapshot& index = **snapshot;
  const ListedTokens listed = MakeListedTokens(index);
  const BoundTable bounds(index, listed);
  const ScorerParams& params = DefaultScorerParams();
  ASSERT_TRUE(BoundIsSound(params));

  // Queries: every listed name, and perturbations and recombinations of their words.
  std::vector<std::string> queries;
  std::vector<std::string> words;
  for (const core::Entity& entity : index.entities()) {
    for (const core::Name& name : entity.names) {
      queries.push_back(name.full);
      std::string word;
      for (char ch : name.full + " ") {
        if (ch == ' ' || ch == ',') {
          if (!word.empty()) words.push_back(word);
          word.clear();
        } else {
          word += ch;
        }
      }
    }
  }
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1);
  for (int idx = 0; idx < 600; ++idx) {
    std::string query;
    const int count = 1 + static_cast<int>(rng() % 4);
    for (int word = 0; word < count; ++word) {
      std::string text = words[pick(rng)];
      const std::size_t pos = rng() % text.size();
      switch (rng() % 5) {
        case 0: text.erase(pos, 1); break;
        case 1: text.insert(pos, 1, static_cast<char>('a' + rng() % 26)); break;
        case 2: text[pos] = static_cast<char>('a' + rng() % 26); break;
        case 3: text = text.substr(0, 1) + "."; break;  // an initial
        default: break;
      }
      query += (query.empty() ? "" : " ") + text;
    }
    queries.push_back(query);
  }

  int compared = 0;
  int pruned = 0;
  for (const std::string& text : queries) {
    for (const text::NameStyle style :
         {text::NameStyle::kUnknown, text::NameStyle::kPerson,
          text::NameStyle::kOrganization}) {
      const auto query = PrepareQuery(text, style, &index);
      if (query->tokens.empty()) continue;
      // Hits for every token (threshold 0), and a bound for every name.
      QueryHits& hits = ThreadQueryHits();
      std::vector<std::uint32_t> candidates;
      CollectCandidates(index, *query, 0.0, hits, candidates);
      for (std::uint32_t name_pos = 0; name_pos < index.names().size(); ++name_pos) {
        const index::NameRecord& record = index.names()[name_pos];
        const NameScoreInput input{listed.Of(name_pos), record.legal_form, record.person,
                                   record.organization, record.kind};
        const double score = ScoreName(*query, input, params, nullptr);
        const double bound =
            UpperBound(*query, bounds.name(name_pos), hits, params);
        ASSERT_GE(bound, score) << "query \"" << text << "\" vs \"" << record.folded << "\"";
        ++compared;
        if (bound < 0.8) ++pruned;
      }
    }
  }
  EXPECT_GT(compared, 20000);
  // The bound is useful: most random pairs can be ruled out without scoring.
  EXPECT_GT(pruned, compared / 2);
}

TEST(UpperBound, ExactNameIsNotPrunedAndADifferentOneIs) {
  auto snapshot = index::Snapshot::Build(HardNames());
  ASSERT_TRUE(snapshot.has_value());
  const index::Snapshot& index = **snapshot;
  const ListedTokens listed = MakeListedTokens(index);
  const BoundTable bounds(index, listed);
  const auto bound_for = [&](std::string_view query_text, std::string_view listed_folded) {
    const auto query = PrepareQuery(query_text, text::NameStyle::kUnknown, &index);
    QueryHits& hits = ThreadQueryHits();
    std::vector<std::uint32_t> candidates;
    CollectCandidates(index, *query, 0.0, hits, candidates);
    for (std::uint32_t name_pos = 0; name_pos < index.names().size(); ++name_pos) {
      if (index.names()[name_pos].folded == listed_folded) {
        return UpperBound(*query, bounds.name(name_pos), hits);
      }
    }
    ADD_FAILURE() << "no listed name " << listed_folded;
    return -1.0;
  };
  EXPECT_GE(bound_for("Ocean Glory", "ocean glory"), 0.999);
  EXPECT_GE(bound_for("Oceanglory", "ocean glory"), 0.95);       // written together
  EXPECT_GE(bound_for("Hikvision Digital", "hikvision digital"), 0.949);  // weak alias: -0.05
  EXPECT_LT(bound_for("Ocean Glory", "hikvision digital"), 0.1);
  EXPECT_LT(bound_for("Ahmad Hassan Khan", "al ahmad ahmad mohamad yunis"), 0.8);
}

TEST(BoundIsSound, RejectsParametersThatBreakTheArgument) {
  EXPECT_TRUE(BoundIsSound(DefaultScorerParams()));
  ScorerParams loose = DefaultScorerParams();
  loose.unmatched_candidate_person = 0.2;  // an unmatched token would cost too little
  EXPECT_FALSE(BoundIsSound(loose));
  ScorerParams weak = DefaultScorerParams();
  weak.residual_min = 0.4;  // a residual pair could lower the score
  EXPECT_FALSE(BoundIsSound(weak));
}

TEST(RequiredTokens, RarestFirstAndAllWhenTheThresholdIsZero) {
  auto snapshot = index::Snapshot::Build(HardNames());
  ASSERT_TRUE(snapshot.has_value());
  const auto query =
      PrepareQuery("Ahmad Mohamad Yunis Smith", text::NameStyle::kPerson, snapshot->get());
  // Listed tokens weigh as the query's own (an exact match).
  std::vector<std::vector<ListedPartner>> listed_weight;
  for (const TokenView& token : query->tokens) listed_weight.push_back({{token.weight, 1.0}});
  const std::vector<std::size_t> at_default = RequiredTokens(*query, 0.8, listed_weight);
  ASSERT_FALSE(at_default.empty());
  EXPECT_LT(at_default.size(), query->tokens.size());
  // The rarest (heaviest) token comes first.
  for (const TokenView& token : query->tokens) {
    EXPECT_LE(token.weight, query->tokens[at_default.front()].weight);
  }
  EXPECT_EQ(RequiredTokens(*query, 0.0, listed_weight).size(), query->tokens.size());
  // Heavier listed partners (a rare spelling of a common word) make more tokens required.
  std::vector<std::vector<ListedPartner>> heavy(listed_weight.size(), {ListedPartner{1.0, 1.0}});
  EXPECT_GE(RequiredTokens(*query, 0.8, heavy).size(), at_default.size());
}

}  // namespace
}  // namespace redflag::match
