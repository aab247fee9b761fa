#include "match/screener.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/country.h"
#include "match/name_scorer.h"
#include "text/normalize.h"

namespace redflag::match {
namespace {

using index::NameRecord;
using index::Snapshot;
using index::TokenId;

constexpr std::size_t kMaxQueryBytes = 4096;
constexpr double kCountryBonus = 0.02;
constexpr double kCountryPenalty = 0.05;
constexpr double kBirthYearBonus = 0.03;
constexpr double kBirthYearPenalty = 0.10;
constexpr double kIdentifierBonus = 0.10;
constexpr double kPersonTypePenalty = 0.15;
constexpr double kOtherTypePenalty = 0.05;
// An identifier alone never makes a weak name match certain: with an identifier bonus the score
// stays below this unless the name itself scores at least kIdentifierNameFloor.
constexpr double kIdentifierCap = 0.89;
constexpr double kIdentifierNameFloor = 0.85;

std::string NormalizeIdValue(std::string_view value) {
  std::string out;
  for (char ch : value) {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
  }
  return out;
}

// Per-thread scratch space for candidate collection: a stamp per name avoids clearing a bitmap.
struct Scratch {
  const Snapshot* owner = nullptr;
  std::vector<std::uint32_t> stamp;
  std::uint32_t epoch = 0;
  std::vector<TokenId> similar;
  std::vector<std::uint32_t> joined;
};

Scratch& ThreadScratch(const Snapshot& snapshot) {
  thread_local Scratch scratch;
  if (scratch.owner != &snapshot || scratch.stamp.size() != snapshot.names().size()) {
    scratch.owner = &snapshot;
    scratch.stamp.assign(snapshot.names().size(), 0);
    scratch.epoch = 0;
  }
  if (++scratch.epoch == 0) {
    std::fill(scratch.stamp.begin(), scratch.stamp.end(), 0);
    scratch.epoch = 1;
  }
  return scratch;
}

struct Validated {
  std::unique_ptr<PreparedQuery> prepared;
  std::string country;
};

core::Result<Validated> Validate(const Query& query, const Snapshot& snapshot) {
  if (query.name.size() > kMaxQueryBytes) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "name is " + std::to_string(query.name.size()) +
                               " bytes long; the limit is 4096",
                           core::Location{.field = "name"});
  }
  Validated out;
  out.prepared = PrepareQuery(query.name, index::NameStyleOf(query.type), &snapshot);
  if (out.prepared->tokens.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           query.name.empty() ? "name is empty"
                                              : "name has no letters or digits to match on",
                           core::Location{.field = "name"});
  }
  if (out.prepared->name.only_legal_form) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "name \"" + query.name +
                               "\" is only a legal form or title; give the name itself",
                           core::Location{.field = "name"});
  }
  if (!query.country.empty()) {
    out.country = core::CountryCode(query.country);
    if (out.country.empty()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "country \"" + query.country + "\" is not a known country or code",
                             core::Location{.field = "country"});
    }
  }
  return out;
}

// Score bonus the secondary evidence of this query could add at most.
double MaxBonus(const Query& query) {
  double bonus = 0;
  if (!query.country.empty()) bonus += kCountryBonus;
  if (!query.dob.empty()) bonus += kBirthYearBonus;
  if (!query.identifiers.empty()) bonus += kIdentifierBonus;
  return bonus;
}

// Prefix filter: the query tokens a candidate must share at least one of to be able to reach
// `threshold`. With the rarest tokens S taken first, a name matching none of S scores at most
// 2 W_rest / (2 W_rest + e W_S) (its best case: it has exactly the other tokens), where e is the
// least an unmatched query token counts. So S grows until that bound falls below threshold.
std::vector<std::size_t> RequiredTokens(const PreparedQuery& query, double threshold) {
  std::vector<std::size_t> order(query.tokens.size());
  for (std::size_t idx = 0; idx < order.size(); ++idx) order[idx] = idx;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t lhs, std::size_t rhs) {
    return query.tokens[lhs].weight > query.tokens[rhs].weight;
  });
  const ScorerParams& params = DefaultScorerParams();
  const double extra = std::min(params.unmatched_query_person, params.unmatched_query_org);
  double rest = query.total_weight;
  double taken = 0;
  std::vector<std::size_t> required;
  for (std::size_t idx : order) {
    if (threshold > 0 && rest > 0) {
      // Without S, a name can still pair S's tokens in the scorer's residual pass (at most
      // residual_cap each), so both bounds must be below the threshold.
      const double unmatched_bound = 2 * rest / (2 * rest + extra * taken);
      const double residual_bound =
          (rest + params.residual_cap * taken) / (rest + taken);
      if (std::max(unmatched_bound, residual_bound) < threshold) break;
    }
    required.push_back(idx);
    taken += query.tokens[idx].weight;
    rest -= query.tokens[idx].weight;
  }
  return required;
}

struct EntityScore {
  double score = -1;
  std::uint32_t name_pos = 0;
};

}  // namespace

Screener::Screener(std::shared_ptr<const index::Snapshot> snapshot)
    : snapshot_(std::move(snapshot)) {
  const ScorerParams& params = DefaultScorerParams();
  const auto& names = snapshot_->names();
  view_start_.reserve(names.size() + 1);
  view_start_.push_back(0);
  for (const NameRecord& record : names) {
    for (TokenId id : record.tokens) {
      const index::TokenInfo& info = snapshot_->tokens()[id];
      TokenView view;
      view.text = info.text;
      view.variant = info.variant;
      view.phonetic = info.phonetic;
      view.initial = info.text.size() == 1;
      view.weight = view.initial ? params.initial_weight : info.weight;
      view.letters = info.letters;
      view.id = id;
      views_.push_back(view);
    }
    view_start_.push_back(static_cast<std::uint32_t>(views_.size()));
  }
}

std::vector<Hit> Screener::Rank(const Query& query, const PreparedQuery& prepared,
                                const std::string& country,
                                const std::vector<std::uint32_t>& candidates,
                                const ScreenOptions& options) const {
  const Snapshot& snapshot = *snapshot_;
  const ScorerParams& params = DefaultScorerParams();
  std::unordered_map<std::uint32_t, EntityScore> best_by_entity;
  const double name_floor = options.threshold - MaxBonus(query);
  if (options.stats != nullptr) {
    options.stats->candidates = candidates.size();
    options.stats->scored = candidates.size();
  }
  for (std::uint32_t name_pos : candidates) {
    const NameRecord& record = snapshot.names()[name_pos];
    const NameScoreInput input{NameTokens(name_pos), record.legal_form, record.person,
                               record.organization, record.kind};
    const double score = ScoreName(prepared, input, params, nullptr);
    if (score < name_floor) continue;
    EntityScore& best = best_by_entity[record.entity_idx];
    if (score > best.score) best = EntityScore{score, name_pos};
  }

  const std::string& query_country = country;
  std::vector<std::string> query_ids;
  for (const core::Identifier& identifier : query.identifiers) {
    query_ids.push_back(NormalizeIdValue(identifier.value));
  }

  // Final score per entity with secondary evidence, then the best entity of each party.
  std::unordered_map<std::uint32_t, Hit> best_by_party;
  for (const auto& [entity_idx, best] : best_by_entity) {
    const core::Entity& entity = snapshot.entities()[entity_idx];
    const NameRecord& record = snapshot.names()[best.name_pos];
    Explanation explanation;
    double score = best.score;
    if (options.explain) {
      const NameScoreInput input{NameTokens(best.name_pos), record.legal_form, record.person,
                                 record.organization, record.kind};
      score = ScoreName(prepared, input, params, &explanation);
    }
    const double name_score = score;
    auto adjust = [&](std::string what, double delta) {
      score += delta;
      explanation.adjustments.push_back(Adjustment{std::move(what), delta});
    };
    if (query.type != core::EntityType::kUnknown && entity.type != core::EntityType::kUnknown &&
        query.type != entity.type) {
      const bool person_mismatch =
          query.type == core::EntityType::kPerson || entity.type == core::EntityType::kPerson;
      adjust(std::string("type mismatch: query ") +
                 std::string(core::EntityTypeName(query.type)) + ", listed " +
                 std::string(core::EntityTypeName(entity.type)),
             person_mismatch ? -kPersonTypePenalty : -kOtherTypePenalty);
    }
    if (!query_country.empty()) {
      const std::vector<std::string> countries = entity.Countries();
      if (!countries.empty()) {
        if (std::find(countries.begin(), countries.end(), query_country) != countries.end()) {
          adjust("country matches " + query_country, kCountryBonus);
        } else {
          std::string listed;
          for (const std::string& code : countries) listed += (listed.empty() ? "" : ", ") + code;
          adjust("country differs: query " + query_country + ", listed " + listed,
                 -kCountryPenalty);
        }
      }
    }
    if (!query.dob.empty() && !entity.birth_dates.empty()) {
      bool any_match = false;
      for (const core::BirthDate& date : entity.birth_dates) {
        if (date.from.empty()) continue;
        if (query.dob.year >= date.MinYear(1) - 1 && query.dob.year <= date.MaxYear(1) + 1) {
          any_match = true;
        }
      }
      if (any_match) {
        adjust("birth year " + std::to_string(query.dob.year) + " fits a listed birth date",
               kBirthYearBonus);
      } else {
        adjust("birth year " + std::to_string(query.dob.year) + " differs from " +
                   entity.birth_dates.front().raw,
               -kBirthYearPenalty);
      }
    }
    if (!query_ids.empty()) {
      bool matched = false;
      for (const core::Identifier& identifier : entity.identifiers) {
        const std::string value = NormalizeIdValue(identifier.value);
        if (value.size() >= 4 &&
            std::find(query_ids.begin(), query_ids.end(), value) != query_ids.end()) {
          matched = true;
          adjust("identifier " + identifier.value + " (" + identifier.type_raw + ") matches",
                 kIdentifierBonus);
          break;
        }
      }
      if (matched && name_score < kIdentifierNameFloor) score = std::min(score, kIdentifierCap);
    }
    score = std::clamp(score, 0.0, 1.0);
    if (score < options.threshold) continue;

    const std::uint32_t party = snapshot.PartyIdOf(entity_idx);
    Hit& hit = best_by_party[party];
    if (hit.entity != nullptr &&
        (hit.score > score || (hit.score == score && hit.entity->id < entity.id))) {
      continue;
    }
    hit.entity = &entity;
    hit.score = score;
    explanation.matched_name = entity.names[record.name_idx].full;
    explanation.matched_kind = record.kind;
    explanation.query_folded = prepared.name.folded;
    explanation.candidate_folded = record.folded;
    hit.explanation = std::move(explanation);
  }

  std::vector<Hit> hits;
  hits.reserve(best_by_party.size());
  for (auto& [party, hit] : best_by_party) {
    const std::uint32_t entity_idx = snapshot.IndexOf(hit.entity);
    hit.same_party.push_back(hit.entity);
    for (std::uint32_t member : snapshot.PartyOf(entity_idx)) {
      if (member != entity_idx) hit.same_party.push_back(&snapshot.entities()[member]);
    }
    for (const core::Entity* member : hit.same_party) {
      for (const core::Listing& listing : member->listings) {
        if (std::find(hit.lists.begin(), hit.lists.end(), listing.list_name) == hit.lists.end()) {
          hit.lists.push_back(listing.list_name);
        }
      }
    }
    hits.push_back(std::move(hit));
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& lhs, const Hit& rhs) {
    if (lhs.score != rhs.score) return lhs.score > rhs.score;
    return lhs.entity->id < rhs.entity->id;
  });
  if (hits.size() > options.limit) hits.resize(options.limit);
  return hits;
}

core::Result<std::vector<Hit>> Screener::Screen(const Query& query,
                                                const ScreenOptions& options) const {
  auto validated = Validate(query, *snapshot_);
  if (!validated) return validated.error();
  const PreparedQuery& prepared = *validated->prepared;
  const Snapshot& snapshot = *snapshot_;
  const ScorerParams& params = DefaultScorerParams();

  Scratch& scratch = ThreadScratch(snapshot);
  std::vector<std::uint32_t> candidates;
  auto add_names = [&](const std::vector<std::uint32_t>& names) {
    for (std::uint32_t name_pos : names) {
      if (scratch.stamp[name_pos] == scratch.epoch) continue;
      scratch.stamp[name_pos] = scratch.epoch;
      candidates.push_back(name_pos);
    }
  };
  const double name_threshold = options.threshold - MaxBonus(query);
  const bool allow_initials = prepared.style != index::NameStyle::kOrganization;
  for (std::size_t token_idx : RequiredTokens(prepared, name_threshold)) {
    const TokenView& token = prepared.tokens[token_idx];
    if (token.initial) {
      // An initial in the required set: any token starting with it may align. Rare in practice
      // (initials weigh little), so a scan of the token table is acceptable.
      // The same single letter always aligns exactly ("B S COMPANY" and "B. S."), initials or not.
      if (const TokenId same = snapshot.Lookup(token.text); same != index::kNoToken) {
        add_names(snapshot.NamesWithToken(same));
      }
      if (!allow_initials) continue;
      for (TokenId id = 0; id < snapshot.tokens().size(); ++id) {
        if (!snapshot.tokens()[id].text.empty() && snapshot.tokens()[id].text[0] == token.text[0]) {
          add_names(snapshot.NamesWithToken(id));
        }
      }
      continue;
    }
    scratch.similar.clear();
    snapshot.SimilarTokens(token.text, scratch.similar);
    std::sort(scratch.similar.begin(), scratch.similar.end());
    scratch.similar.erase(std::unique(scratch.similar.begin(), scratch.similar.end()),
                          scratch.similar.end());
    for (TokenId id : scratch.similar) {
      const index::TokenInfo& info = snapshot.tokens()[id];
      const TokenView candidate{info.text, info.variant, info.phonetic, info.weight,
                                info.text.size() == 1, info.letters};
      const char* how = "";
      if (TokenSimilarity(token, candidate, allow_initials, params, &how) <
          params.min_token_similarity) {
        continue;
      }
      add_names(snapshot.NamesWithToken(id));
    }
    // Merged and split tokens: "hikvision" vs "hik vision" and the reverse, one edit allowed.
    scratch.joined.clear();
    snapshot.SimilarJoined(token.text, scratch.joined);
    for (std::uint32_t joined_id : scratch.joined) {
      if (EditDistance(token.text, snapshot.JoinedText(joined_id), 1) <= 1) {
        add_names(snapshot.NamesWithJoinedId(joined_id));
      }
    }
    for (std::size_t neighbour : {token_idx - 1, token_idx + 1}) {
      if (neighbour >= prepared.tokens.size()) continue;
      const std::size_t first = std::min(token_idx, neighbour);
      if (prepared.tokens[first].initial || prepared.tokens[first + 1].initial) continue;
      std::string joined(prepared.tokens[first].text);
      joined.append(prepared.tokens[first + 1].text);
      scratch.similar.clear();
      snapshot.TokensWithinOneEdit(joined, scratch.similar);
      for (TokenId id : scratch.similar) {
        if (EditDistance(joined, snapshot.tokens()[id].text, 1) <= 1) {
          add_names(snapshot.NamesWithToken(id));
        }
      }
    }
  }
  return Rank(query, prepared, validated->country, candidates, options);
}

core::Result<std::vector<Hit>> Screener::ScreenBruteForce(const Query& query,
                                                          const ScreenOptions& options) const {
  auto validated = Validate(query, *snapshot_);
  if (!validated) return validated.error();
  std::vector<std::uint32_t> all(snapshot_->names().size());
  for (std::uint32_t name_pos = 0; name_pos < all.size(); ++name_pos) all[name_pos] = name_pos;
  return Rank(query, *validated->prepared, validated->country, all, options);
}

core::Result<CompareResult> CompareNames(std::string_view name1, std::string_view name2,
                                         core::EntityType type, const index::Snapshot* weights) {
  for (const std::string_view name : {name1, name2}) {
    if (name.size() > kMaxQueryBytes) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "name is longer than 4096 bytes");
    }
  }
  const index::NameStyle style = index::NameStyleOf(type);
  const auto query = PrepareQuery(name1, style, weights);
  const auto other = PrepareQuery(name2, style, weights);
  CompareResult result;
  if (query->tokens.empty() || other->tokens.empty()) return result;
  const NameScoreInput input{other->tokens, other->name.legal_form,
                             style == index::NameStyle::kPerson,
                             style == index::NameStyle::kOrganization, core::NameKind::kPrimary};
  result.score = ScoreName(*query, input, DefaultScorerParams(), &result.explanation);
  result.explanation.matched_name = std::string(name2);
  result.explanation.query_folded = query->name.folded;
  result.explanation.candidate_folded = other->name.folded;
  return result;
}

}  // namespace redflag::match
