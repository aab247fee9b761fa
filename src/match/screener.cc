#include "match/screener.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/country.h"
#include "core/quote.h"
#include "match/candidate_stage.h"
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
// The most a location qualifier (see PlaceMask) may add.
constexpr double kPlaceBonus = 0.10;
// An identifier alone never makes a weak name match certain: with an identifier bonus the score
// stays below this unless the name itself scores at least kIdentifierNameFloor.
constexpr double kIdentifierCap = 0.89;
constexpr double kIdentifierNameFloor = 0.85;

struct Validated {
  std::unique_ptr<PreparedQuery> prepared;
  std::string country;
  std::uint32_t place_mask = 0;  // see PlaceMask
};

// Query tokens that may be location qualifiers ("Zhejiang" in "Zhejiang Dahua Technology"): in an
// organization's name (the query is not typed a person nor looks like one), words that some
// listed party's address names as a place, provided at least one token of the query is not one.
// Such a token, left unmatched by a listed organization whose own address names that place, is
// taken out of the score (Rank) instead of counting as a word the listed name lacks.
std::uint32_t PlaceMask(const Query& query, const PreparedQuery& prepared,
                        const Snapshot& snapshot) {
  if (query.type == core::EntityType::kPerson || prepared.style == text::NameStyle::kPerson ||
      prepared.tokens.size() < 2) {
    return 0;
  }
  std::uint32_t mask = 0;
  for (std::size_t idx = 0; idx < prepared.tokens.size(); ++idx) {
    const TokenView& token = prepared.tokens[idx];
    if (!token.initial && snapshot.PlaceId(token.text) != Snapshot::kNoPlace) mask |= 1u << idx;
  }
  const std::uint32_t all = prepared.tokens.size() >= 32
                                ? 0xFFFFFFFFu
                                : (1u << prepared.tokens.size()) - 1;
  return mask == all ? 0 : mask;
}

core::Result<Validated> Validate(const Query& query, const Snapshot& snapshot) {
  if (query.name.size() > kMaxQueryBytes) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        "name is " + std::to_string(query.name.size()) + " bytes long; the limit is 4096",
        core::Location{.field = "name"});
  }
  Validated out;
  out.prepared = PrepareQuery(query.name, text::NameStyleOf(query.type), &snapshot);
  if (out.prepared->tokens.empty()) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        query.name.empty() ? "name is empty" : "name has no letters or digits to match on",
        core::Location{.field = "name"});
  }
  if (out.prepared->name.only_legal_form) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        "name " + core::Quote(query.name) + " is only a legal form or title; give the name itself",
        core::Location{.field = "name"});
  }
  out.place_mask = PlaceMask(query, *out.prepared, snapshot);
  if (!query.country.empty()) {
    out.country = core::CountryCode(query.country);
    if (out.country.empty()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "country " + core::Quote(query.country) + " is not a known country or code",
                             core::Location{.field = "country"});
    }
  }
  return out;
}

// Score bonus the secondary evidence of this query could add at most.
double MaxBonus(const Query& query, std::uint32_t place_mask) {
  double bonus = place_mask != 0 ? kPlaceBonus : 0;
  if (!query.country.empty()) bonus += kCountryBonus;
  if (!query.dob.empty()) bonus += kBirthYearBonus;
  if (!query.identifiers.empty()) bonus += kIdentifierBonus;
  return bonus;
}

struct EntityScore {
  double score = -1;
  std::uint32_t name_pos = 0;
  std::uint32_t unmatched = 0;  // query tokens the name left unmatched (ScoreName)
};

// Scoring: the best name score of each entity among the candidates, dropping names below
// name_floor. The bound skips names that cannot reach the floor (no query_hits: score every name).
std::unordered_map<std::uint32_t, EntityScore> BestNamePerEntity(
    const Snapshot& snapshot, const ListedTokens& listed, const BoundTable& bounds,
    const PreparedQuery& prepared, double name_floor, const std::vector<std::uint32_t>& candidates,
    const QueryHits* query_hits, ScreenStats* stats) {
  const ScorerParams& params = DefaultScorerParams();
  std::unordered_map<std::uint32_t, EntityScore> best_by_entity;
  std::size_t scored = 0;
  constexpr std::size_t kPrefetchAhead = 8;
  for (std::size_t at = 0; at < candidates.size(); ++at) {
    const std::uint32_t name_pos = candidates[at];
    if (at + kPrefetchAhead < candidates.size()) bounds.Prefetch(candidates[at + kPrefetchAhead]);
    if (query_hits != nullptr &&
        UpperBound(prepared, bounds.name(name_pos), *query_hits, params) < name_floor) {
      continue;
    }
    const NameRecord& record = snapshot.names()[name_pos];
    const NameScoreInput input{listed.Of(name_pos), record.legal_form, record.person,
                               record.organization, record.kind};
    ++scored;
    std::uint32_t unmatched = 0;
    const double score = ScoreName(prepared, input, params, nullptr, 0, &unmatched);
    if (score < name_floor) continue;
    EntityScore& best = best_by_entity[record.entity_idx];
    if (score > best.score) best = EntityScore{score, name_pos, unmatched};
  }
  if (stats != nullptr) {
    stats->candidates = candidates.size();
    stats->scored = scored;
  }
  return best_by_entity;
}

// What the query says besides its name, prepared once per query.
struct QueryEvidence {
  const Query& query;
  const PreparedQuery& prepared;
  const std::string& country;         // canonical code, or empty
  std::uint32_t place_mask = 0;       // see PlaceMask
  std::vector<std::string> ids;       // core::IdentifierKey of each query identifier
};

// Adds a signed amount to the score and records it in the explanation.
class Adjuster {
 public:
  Adjuster(double& score, Explanation& explanation) : score_(score), explanation_(explanation) {}
  void operator()(std::string what, double delta) {
    score_ += delta;
    explanation_.adjustments.push_back(Adjustment{std::move(what), delta});
  }

 private:
  double& score_;
  Explanation& explanation_;
};

// Evidence 1: query words that name a place in the listed organization's address are taken out
// of the score instead of counting as words the listed name lacks (see PlaceMask).
void AdjustForPlaces(const QueryEvidence& evidence, const Snapshot& snapshot,
                     std::uint32_t entity_idx, const EntityScore& best, const NameRecord& record,
                     const NameScoreInput& input, double name_score, Adjuster& adjust) {
  const std::uint32_t maybe = best.unmatched & evidence.place_mask;
  if (maybe == 0 || record.person) return;
  const PreparedQuery& prepared = evidence.prepared;
  const std::span<const std::uint32_t> entity_places = snapshot.PlacesOf(entity_idx);
  std::uint32_t qualifiers = 0;
  std::string words;
  for (std::size_t idx = 0; idx < prepared.tokens.size(); ++idx) {
    if ((maybe & (1u << idx)) == 0) continue;
    const std::string_view text = prepared.tokens[idx].text;
    if (!std::binary_search(entity_places.begin(), entity_places.end(),
                            snapshot.PlaceId(text))) {
      continue;
    }
    qualifiers |= 1u << idx;
    words += (words.empty() ? "'" : ", '") + std::string(text) + "'";
  }
  if (qualifiers == 0) return;
  const double without = ScoreName(prepared, input, DefaultScorerParams(), nullptr, qualifiers);
  const double delta = std::min(without - name_score, kPlaceBonus);
  if (delta > 0) {
    adjust("location qualifier: query " + words + " names a place in the listed party's address",
           delta);
  }
}

// Evidence 2: a person against an organization costs more than, say, a vessel against a company.
void AdjustForType(const Query& query, const core::Entity& entity, Adjuster& adjust) {
  if (query.type == core::EntityType::kUnknown || entity.type == core::EntityType::kUnknown ||
      query.type == entity.type) {
    return;
  }
  const bool person_mismatch =
      query.type == core::EntityType::kPerson || entity.type == core::EntityType::kPerson;
  adjust(std::string("type mismatch: query ") + std::string(core::EntityTypeName(query.type)) +
             ", listed " + std::string(core::EntityTypeName(entity.type)),
         person_mismatch ? -kPersonTypePenalty : -kOtherTypePenalty);
}

// Evidence 3: the query's country among the listed party's countries, or not.
void AdjustForCountry(const std::string& query_country, const core::Entity& entity,
                      Adjuster& adjust) {
  if (query_country.empty()) return;
  const std::vector<std::string> countries = entity.Countries();
  if (countries.empty()) return;
  if (std::find(countries.begin(), countries.end(), query_country) != countries.end()) {
    adjust("country matches " + query_country, kCountryBonus);
    return;
  }
  std::string listed;
  for (const std::string& code : countries) listed += (listed.empty() ? "" : ", ") + code;
  adjust("country differs: query " + query_country + ", listed " + listed, -kCountryPenalty);
}

// Evidence 4: the query's birth year within a year of a listed birth date, or not.
void AdjustForBirthYear(const Query& query, const core::Entity& entity, Adjuster& adjust) {
  if (query.dob.empty() || entity.birth_dates.empty()) return;
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

// Evidence 5: a shared identifier (4+ characters). Returns whether one matched.
bool AdjustForIdentifiers(const std::vector<std::string>& query_ids, const core::Entity& entity,
                          Adjuster& adjust) {
  if (query_ids.empty()) return false;
  for (const core::Identifier& identifier : entity.identifiers) {
    const std::string value = core::IdentifierKey(identifier.value);
    if (value.size() >= 4 &&
        std::find(query_ids.begin(), query_ids.end(), value) != query_ids.end()) {
      adjust("identifier " + identifier.value + " (" + identifier.type_raw + ") matches",
             kIdentifierBonus);
      return true;
    }
  }
  return false;
}

// Evidence: the entity's final score, its best name score adjusted by the query's secondary
// evidence, clamped to [0, 1]; the adjustments go into `explanation`.
double FinalScore(const QueryEvidence& evidence, const Snapshot& snapshot,
                  const ListedTokens& listed, std::uint32_t entity_idx, const EntityScore& best,
                  bool explain, Explanation& explanation) {
  const core::Entity& entity = snapshot.entities()[entity_idx];
  const NameRecord& record = snapshot.names()[best.name_pos];
  double score = best.score;
  const NameScoreInput input{listed.Of(best.name_pos), record.legal_form, record.person,
                             record.organization, record.kind};
  if (explain) score = ScoreName(evidence.prepared, input, DefaultScorerParams(), &explanation);
  const double name_score = score;
  Adjuster adjust(score, explanation);
  AdjustForPlaces(evidence, snapshot, entity_idx, best, record, input, name_score, adjust);
  AdjustForType(evidence.query, entity, adjust);
  AdjustForCountry(evidence.country, entity, adjust);
  AdjustForBirthYear(evidence.query, entity, adjust);
  const bool id_matched = AdjustForIdentifiers(evidence.ids, entity, adjust);
  // An identifier alone never makes a weak name match certain.
  if (id_matched && name_score < kIdentifierNameFloor) score = std::min(score, kIdentifierCap);
  return std::clamp(score, 0.0, 1.0);
}

// Party merging: one hit per party (its best entity), with every member entity and the names of
// every list they are on; best first, at most `limit`.
std::vector<Hit> MergeParties(const Snapshot& snapshot,
                              std::unordered_map<std::uint32_t, Hit>& best_by_party,
                              std::size_t limit) {
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
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

}  // namespace

Screener::Screener(std::shared_ptr<const index::Snapshot> snapshot)
    : snapshot_(std::move(snapshot)),
      listed_(MakeListedTokens(*snapshot_)),
      bounds_(*snapshot_, listed_) {}

std::vector<Hit> Screener::Rank(const Query& query, const PreparedQuery& prepared,
                                const std::string& country, std::uint32_t place_mask,
                                const std::vector<std::uint32_t>& candidates,
                                const QueryHits* query_hits, const ScreenOptions& options) const {
  const Snapshot& snapshot = *snapshot_;
  const double name_floor = options.threshold - MaxBonus(query, place_mask);
  const std::unordered_map<std::uint32_t, EntityScore> best_by_entity = BestNamePerEntity(
      snapshot, listed_, bounds_, prepared, name_floor, candidates, query_hits, options.stats);

  QueryEvidence evidence{query, prepared, country, place_mask, {}};
  for (const core::Identifier& identifier : query.identifiers) {
    evidence.ids.push_back(core::IdentifierKey(identifier.value));
  }
  std::unordered_map<std::uint32_t, Hit> best_by_party;
  for (const auto& [entity_idx, best] : best_by_entity) {
    Explanation explanation;
    const double score =
        FinalScore(evidence, snapshot, listed_, entity_idx, best, options.explain, explanation);
    if (score < options.threshold) continue;
    const core::Entity& entity = snapshot.entities()[entity_idx];
    Hit& hit = best_by_party[snapshot.PartyIdOf(entity_idx)];
    if (hit.entity != nullptr &&
        (hit.score > score || (hit.score == score && hit.entity->id < entity.id))) {
      continue;
    }
    const NameRecord& record = snapshot.names()[best.name_pos];
    hit.entity = &entity;
    hit.score = score;
    explanation.matched_name = entity.names[record.name_idx].full;
    explanation.matched_kind = record.kind;
    explanation.query_folded = prepared.name.folded;
    explanation.candidate_folded = record.folded;
    hit.explanation = std::move(explanation);
  }
  return MergeParties(snapshot, best_by_party, options.limit);
}

core::Result<std::vector<Hit>> Screener::Screen(const Query& query,
                                                const ScreenOptions& options) const {
  auto validated = Validate(query, *snapshot_);
  if (!validated) return validated.error();
  const PreparedQuery& prepared = *validated->prepared;
  const Snapshot& snapshot = *snapshot_;
  const ScorerParams& params = DefaultScorerParams();

  const double name_threshold = options.threshold - MaxBonus(query, validated->place_mask);
  QueryHits& hits = ThreadQueryHits();
  std::vector<std::uint32_t> candidates;
  CollectCandidates(snapshot, prepared, name_threshold, hits, candidates, params);
  return Rank(query, prepared, validated->country, validated->place_mask, candidates, &hits,
              options);
}

core::Result<std::vector<Hit>> Screener::ScreenBruteForce(const Query& query,
                                                          const ScreenOptions& options) const {
  auto validated = Validate(query, *snapshot_);
  if (!validated) return validated.error();
  std::vector<std::uint32_t> all(snapshot_->names().size());
  for (std::uint32_t name_pos = 0; name_pos < all.size(); ++name_pos) all[name_pos] = name_pos;
  return Rank(query, *validated->prepared, validated->country, validated->place_mask, all,
              nullptr, options);
}

core::Result<CompareResult> CompareNames(std::string_view name1, std::string_view name2,
                                         core::EntityType type, const index::Snapshot* weights) {
  for (const std::string_view name : {name1, name2}) {
    if (name.size() > kMaxQueryBytes) {
      return core::MakeError(core::ErrorCode::kInvalidArgument, "name is longer than 4096 bytes");
    }
  }
  const text::NameStyle style = text::NameStyleOf(type);
  const auto query = PrepareQuery(name1, style, weights);
  const auto other = PrepareQuery(name2, style, weights);
  CompareResult result;
  if (query->tokens.empty() || other->tokens.empty()) return result;
  const NameScoreInput input{other->tokens, other->name.legal_form,
                             style == text::NameStyle::kPerson,
                             style == text::NameStyle::kOrganization, core::NameKind::kPrimary};
  result.score = ScoreName(*query, input, DefaultScorerParams(), &result.explanation);
  result.explanation.matched_name = std::string(name2);
  result.explanation.query_folded = query->name.folded;
  result.explanation.candidate_folded = other->name.folded;
  return result;
}

}  // namespace redflag::match
