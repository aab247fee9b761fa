#include "match/name_scorer.h"

#include <algorithm>
#include <array>
#include <bit>

#include "text/edit_distance.h"
#include "text/legal_form.h"
#include "text/name_words.h"
#include "text/phonetic.h"

namespace redflag::match {
namespace {

using Unit = AlignUnit;

struct Pair {
  std::uint8_t query_unit;
  std::uint8_t candidate_unit;
  double similarity;
  double priority;
  const char* how;
};

// Fills `units` (reused across calls: scoring a candidate does not allocate once the thread's
// buffers have grown). Single tokens come first, in token order.
void MakeUnits(std::span<const TokenView> tokens, std::vector<Unit>& units) {
  const std::size_t count = std::min(tokens.size(), kMaxNameTokens);
  units.clear();
  for (std::size_t idx = 0; idx < count; ++idx) {
    units.push_back(
        Unit{static_cast<std::uint8_t>(idx), 1,
             static_cast<std::uint16_t>(std::min<std::size_t>(tokens[idx].text.size(), 0xFFFF)),
             tokens[idx].letters});
  }
  for (std::size_t idx = 0; idx + 1 < count; ++idx) {
    if (tokens[idx].initial || tokens[idx + 1].initial) continue;
    units.push_back(Unit{static_cast<std::uint8_t>(idx), 2,
                         static_cast<std::uint16_t>(std::min<std::size_t>(
                             tokens[idx].text.size() + tokens[idx + 1].text.size(), 0xFFFF)),
                         tokens[idx].letters | tokens[idx + 1].letters});
  }
}

// The unit's text: the token itself, or the two tokens joined in `buffer`.
std::string_view UnitText(const Unit& unit, std::span<const TokenView> tokens,
                          std::string& buffer) {
  if (unit.count == 1) return tokens[unit.first].text;
  buffer.assign(tokens[unit.first].text).append(tokens[unit.first + 1].text);
  return buffer;
}

double UnitWeight(const Unit& unit, std::span<const TokenView> tokens) {
  double weight = 0;
  for (std::uint8_t idx = unit.first; idx < unit.first + unit.count; ++idx) {
    weight += tokens[idx].weight;
  }
  return weight;
}

// The longest edit distance EditSimilarity accepts: 1 for tokens of 4+ letters, 2 for tokens of
// index::Snapshot::kLongTokenLength+ (capped by `max_allowed`): the same limits the index's
// deletion keys cover, so the candidate stage finds every pair this accepts. -1: none (3-letter
// tokens only against 4-letter ones, "saf"/"safa": the index's deletion keys of the longer token
// cover that pair; two 3-letter tokens differ too much in one letter).
int EditLimit(std::size_t longest, std::size_t shortest, int max_allowed) {
  if (shortest < 3 || longest < 4) return -1;
  return std::min(max_allowed, shortest >= index::Snapshot::kLongTokenLength ? 2 : 1);
}

// The edit similarity of two tokens `distance` edits apart (any value above the limit: none).
double EditSimilarityAt(std::size_t longest, int limit, int distance, const ScorerParams& params) {
  if (limit < 0 || distance > limit) return 0;
  return 1.0 - params.edit_scale * static_cast<double>(distance) / static_cast<double>(longest);
}

double EditSimilarity(std::string_view a, std::string_view b, const ScorerParams& params,
                      int max_allowed = 2) {
  const std::size_t longest = std::max(a.size(), b.size());
  const int limit = EditLimit(longest, std::min(a.size(), b.size()), max_allowed);
  if (limit < 0) return 0;
  return EditSimilarityAt(longest, limit, text::EditDistance(a, b, limit), params);
}

// The residual pass's similarity of two tokens `distance` edits apart (any value above 2: none).
double ResidualAt(std::size_t longest, std::size_t shortest, int distance,
                  const ScorerParams& params) {
  if (longest < 4 || shortest < 3 || distance > 2) return 0;
  const double similarity = std::min(
      params.residual_cap, 1.0 - static_cast<double>(distance) / static_cast<double>(longest));
  return similarity < params.residual_min ? 0 : similarity;
}

// The residual pass's similarity, computed (see the public ResidualSimilarity).
double ComputeResidual(const TokenView& query, const TokenView& candidate,
                       const ScorerParams& params) {
  const std::size_t longest = std::max(query.text.size(), candidate.text.size());
  const std::size_t shortest = std::min(query.text.size(), candidate.text.size());
  if (longest < 4 || shortest < 3) return 0;
  // Letters that differ too much rule out two edits without comparing the texts.
  if (!text::LettersWithin(query.letters, candidate.letters, 2)) return 0;
  return ResidualAt(longest, shortest, text::EditDistance(query.text, candidate.text, 2), params);
}

// The main pass's similarity of two tokens that are not initials, with their edit distance
// computed only when it is needed (`distance` returns it, capped above `limit`).
template <class Distance>
double WordSimilarity(const TokenView& query, const TokenView& candidate,
                      const ScorerParams& params, const char** how, Distance&& distance) {
  if (query.text == candidate.text) {
    *how = kHowExact;
    return 1.0;
  }
  if (!query.variant.empty() && query.variant == candidate.variant) {
    *how = kHowVariant;
    return params.variant_similarity;
  }
  const std::size_t longest = std::max(query.text.size(), candidate.text.size());
  const std::size_t shortest = std::min(query.text.size(), candidate.text.size());
  const int limit = EditLimit(longest, shortest, 2);
  double similarity = 0;
  if (limit >= 0 && text::LettersWithin(query.letters, candidate.letters, limit)) {
    similarity = EditSimilarityAt(longest, limit, distance(limit), params);
  }
  *how = kHowEdit;
  if (!query.phonetic.empty() && query.phonetic == candidate.phonetic &&
      shortest >= params.phonetic_min_length && similarity < params.phonetic_similarity) {
    similarity = params.phonetic_similarity;
    *how = kHowPhonetic;
  }
  return similarity;
}

}  // namespace

SimilarityMemo::Slot& SimilarityMemo::At(std::size_t query_token, index::TokenId listed_token) {
  if (2 * (used_ + 1) > slots_.size()) Grow();
  // Listed token and query token packed, + 1 so that key 0 means an empty slot.
  const std::uint32_t key =
      static_cast<std::uint32_t>(listed_token * kMaxNameTokens + query_token) + 1;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t pos = (key * 0x9E3779B1u) & mask;; pos = (pos + 1) & mask) {
    Slot& slot = slots_[pos];
    if (slot.key == key) return slot;
    if (slot.key == 0) {
      ++used_;
      slot.key = key;
      return slot;  // filled == false: the caller computes and fills it
    }
  }
}

void SimilarityMemo::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.key == 0) continue;
    std::size_t pos = (slot.key * 0x9E3779B1u) & mask;
    while (slots_[pos].key != 0) pos = (pos + 1) & mask;
    slots_[pos] = slot;
  }
}

double ResidualSimilarity(const PreparedQuery& query, std::size_t query_token,
                          const TokenView& candidate, const ScorerParams& params) {
  const TokenView& token = query.tokens[query_token];
  if (candidate.id == index::kNoToken) return ComputeResidual(token, candidate, params);
  SimilarityMemo::Slot& slot = query.memo.At(query_token, candidate.id);
  if (slot.residual < 0) slot.residual = ComputeResidual(token, candidate, params);
  return slot.residual;
}

const ScorerParams& DefaultScorerParams() {
  static const ScorerParams params;
  return params;
}

std::unique_ptr<PreparedQuery> PrepareQuery(std::string_view name, text::NameStyle style,
                                            const index::Snapshot* weights,
                                            const ScorerParams& params) {
  auto query = std::make_unique<PreparedQuery>();
  query->name = text::PrepareName(name, style);
  query->style = style;
  const std::size_t count = std::min(query->name.tokens.size(), kMaxNameTokens);
  query->variants.reserve(count);
  query->phonetics.reserve(count);
  for (std::size_t idx = 0; idx < count; ++idx) {
    const text::PreparedToken& token = query->name.tokens[idx];
    query->variants.emplace_back(text::CanonicalNameVariant(token.text));
    query->phonetics.push_back(text::PhoneticKey(token.text));
  }
  query->tokens.reserve(count);
  for (std::size_t idx = 0; idx < count; ++idx) {
    const text::PreparedToken& token = query->name.tokens[idx];
    TokenView view;
    view.text = token.text;
    view.variant = query->variants[idx];
    view.phonetic = query->phonetics[idx];
    view.initial = token.initial;
    view.letters = text::LetterMask(token.text);
    double weight = weights != nullptr ? weights->TokenWeight(token.text) : 1.0;
    if (token.initial) weight = params.initial_weight;
    if (token.particle) weight *= params.particle_weight_factor;
    view.weight = weight;
    query->total_weight += weight;
    query->has_initial = query->has_initial || token.initial;
    query->tokens.push_back(view);
  }
  MakeUnits(query->tokens, query->units);
  return query;
}

double TokenSimilarity(const TokenView& query, const TokenView& candidate, bool allow_initials,
                       const ScorerParams& params, const char** how) {
  if (query.text == candidate.text) {
    *how = kHowExact;
    return 1.0;
  }
  if (query.initial || candidate.initial) {
    const double similarity =
        InitialSimilarity(query, candidate.text.empty() ? '\0' : candidate.text[0],
                          candidate.text.size(), candidate.initial, allow_initials, params, how);
    return similarity;
  }
  return WordSimilarity(query, candidate, params, how, [&](int limit) {
    return text::EditDistance(query.text, candidate.text, limit);
  });
}

PairSimilarities SimilaritiesAt(const TokenView& query, const TokenView& candidate, int distance,
                                const ScorerParams& params) {
  PairSimilarities out;
  out.main = WordSimilarity(query, candidate, params, &out.how, [&](int) { return distance; });
  out.residual = ResidualAt(std::max(query.text.size(), candidate.text.size()),
                            std::min(query.text.size(), candidate.text.size()), distance, params);
  return out;
}

UnmatchedFactors UnmatchedFactorsFor(const PreparedQuery& query, const NameScoreInput& candidate,
                                     const ScorerParams& params) {
  // Persons: a listed middle name the query leaves out costs little. Organizations: every
  // distinctive word counts. When neither side is typed and neither has a legal form, the name
  // may be either, and the costs lie halfway.
  const bool person = candidate.candidate_person || query.style == text::NameStyle::kPerson;
  if (person) return {params.unmatched_query_person, params.unmatched_candidate_person};
  if (query.style == text::NameStyle::kUnknown && !candidate.candidate_organization &&
      query.name.legal_form == text::LegalFormClass::kNone &&
      candidate.candidate_legal_form == text::LegalFormClass::kNone) {
    return {(params.unmatched_query_person + params.unmatched_query_org) / 2,
            (params.unmatched_candidate_person + params.unmatched_candidate_org) / 2};
  }
  return {params.unmatched_query_org, params.unmatched_candidate_org};
}

double FixedPenalty(const PreparedQuery& query, const NameScoreInput& candidate,
                    const ScorerParams& params) {
  double penalty = 0;
  if (query.name.legal_form != text::LegalFormClass::kNone &&
      candidate.candidate_legal_form != text::LegalFormClass::kNone &&
      query.name.legal_form != candidate.candidate_legal_form) {
    penalty += params.legal_form_mismatch_penalty;
  }
  if (candidate.candidate_kind == core::NameKind::kWeakAka) penalty += params.weak_alias_penalty;
  return penalty;
}

namespace {

// One ScoreName call: both names' tokens and units, the candidate pairs, and the one-to-one
// assignment built from them. query_used / candidate_used hold a token's slot in `chosen`, or -1.
struct Alignment {
  std::span<const TokenView> query_tokens;
  std::span<const TokenView> candidate_tokens;
  const std::vector<Unit>& query_units;
  const std::vector<Unit>& candidate_units;
  std::vector<const Pair*>& chosen;
  std::string& query_buffer;      // scratch for UnitText
  std::string& candidate_buffer;
  std::array<std::int8_t, kMaxNameTokens> query_used{};
  std::array<std::int8_t, kMaxNameTokens> candidate_used{};
};

// The similarity of a query unit and a candidate unit; *how = nullptr when they cannot align.
double UnitSimilarity(const PreparedQuery& query, Alignment& align, const Unit& q_unit,
                      const Unit& c_unit, bool allow_initials, const ScorerParams& params,
                      const char** how) {
  if (q_unit.count == 1 && c_unit.count == 1) {
    const TokenView& q_token = align.query_tokens[q_unit.first];
    const TokenView& c_token = align.candidate_tokens[c_unit.first];
    if (c_token.id != index::kNoToken && !q_token.initial && !c_token.initial) {
      // Without initials the similarity depends on the two tokens only: memoize it.
      SimilarityMemo::Slot& slot = query.memo.At(q_unit.first, c_token.id);
      if (!slot.filled) {
        slot.similarity = TokenSimilarity(q_token, c_token, allow_initials, params, &slot.how);
        slot.filled = true;
      }
      *how = slot.how;
      return slot.similarity;
    }
    return TokenSimilarity(q_token, c_token, allow_initials, params, how);
  }
  // A token against two tokens written together: exact (joined_similarity) or one edit.
  // Length and letters rule out almost every pair before any text is built.
  if (q_unit.length > c_unit.length + 1 || c_unit.length > q_unit.length + 1 ||
      !text::LettersWithin(q_unit.letters, c_unit.letters, 1)) {
    *how = nullptr;
    return 0;
  }
  const std::string_view q_text = UnitText(q_unit, align.query_tokens, align.query_buffer);
  const std::string_view c_text = UnitText(c_unit, align.candidate_tokens, align.candidate_buffer);
  *how = kHowJoined;
  if (q_text == c_text) return params.joined_similarity;
  // Joined units allow one edit only: the index keeps single-deletion keys for them.
  return params.joined_similarity * EditSimilarity(q_text, c_text, params, 1);
}

// Every unit pair similar enough to align, highest priority first.
void CollectPairs(const PreparedQuery& query, Alignment& align, bool allow_initials,
                  const ScorerParams& params, std::vector<Pair>& pairs) {
  pairs.clear();
  for (std::size_t q_idx = 0; q_idx < align.query_units.size(); ++q_idx) {
    const Unit& q_unit = align.query_units[q_idx];
    for (std::size_t c_idx = 0; c_idx < align.candidate_units.size(); ++c_idx) {
      const Unit& c_unit = align.candidate_units[c_idx];
      if (q_unit.count == 2 && c_unit.count == 2) continue;
      const char* how = "";
      const double similarity =
          UnitSimilarity(query, align, q_unit, c_unit, allow_initials, params, &how);
      if (how == nullptr) continue;
      if (similarity < params.min_token_similarity && how != kHowInitial) continue;
      const double priority = similarity * (UnitWeight(q_unit, align.query_tokens) +
                                            UnitWeight(c_unit, align.candidate_tokens));
      pairs.push_back(Pair{static_cast<std::uint8_t>(q_idx), static_cast<std::uint8_t>(c_idx),
                           similarity, priority, how});
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& lhs, const Pair& rhs) {
    return lhs.priority != rhs.priority ? lhs.priority > rhs.priority
                                        : lhs.similarity > rhs.similarity;
  });
}

// Greedy one-to-one assignment by priority: optimal in practice for names this short, and
// deterministic. A token takes part in at most one aligned unit.
void AssignGreedy(const std::vector<Pair>& pairs, Alignment& align) {
  for (const Pair& pair : pairs) {
    const Unit& q_unit = align.query_units[pair.query_unit];
    const Unit& c_unit = align.candidate_units[pair.candidate_unit];
    bool free = true;
    for (int idx = q_unit.first; idx < q_unit.first + q_unit.count; ++idx) {
      free = free && align.query_used[idx] < 0;
    }
    for (int idx = c_unit.first; idx < c_unit.first + c_unit.count; ++idx) {
      free = free && align.candidate_used[idx] < 0;
    }
    if (!free) continue;
    const auto slot = static_cast<std::int8_t>(align.chosen.size());
    for (int idx = q_unit.first; idx < q_unit.first + q_unit.count; ++idx) {
      align.query_used[idx] = slot;
    }
    for (int idx = c_unit.first; idx < c_unit.first + c_unit.count; ++idx) {
      align.candidate_used[idx] = slot;
    }
    align.chosen.push_back(&pair);
  }
}

// Residual pass: tokens left on both sides are paired by a softer similarity (up to two edits
// in any length), worth at most residual_cap: "Mshmood"/"Mahmoud", "hmad"/"Ahmed". It only
// completes a name that already matched elsewhere.
void AssignResidual(const PreparedQuery& query, const ScorerParams& params,
                    std::vector<Pair>& residual, Alignment& align) {
  residual.clear();
  for (std::size_t q_idx = 0; q_idx < align.query_units.size(); ++q_idx) {
    const Unit& q_unit = align.query_units[q_idx];
    if (q_unit.count != 1 || align.query_used[q_unit.first] >= 0 ||
        align.query_tokens[q_unit.first].initial) {
      continue;
    }
    for (std::size_t c_idx = 0; c_idx < align.candidate_units.size(); ++c_idx) {
      const Unit& c_unit = align.candidate_units[c_idx];
      if (c_unit.count != 1 || align.candidate_used[c_unit.first] >= 0 ||
          align.candidate_tokens[c_unit.first].initial) {
        continue;
      }
      const TokenView& q_token = align.query_tokens[q_unit.first];
      const TokenView& c_token = align.candidate_tokens[c_unit.first];
      const double similarity = ResidualSimilarity(query, q_unit.first, c_token, params);
      if (similarity <= 0) continue;
      residual.push_back(Pair{static_cast<std::uint8_t>(q_idx), static_cast<std::uint8_t>(c_idx),
                              similarity, similarity * (q_token.weight + c_token.weight),
                              kHowResidual});
    }
  }
  std::sort(residual.begin(), residual.end(),
            [](const Pair& lhs, const Pair& rhs) { return lhs.priority > rhs.priority; });
  for (const Pair& pair : residual) {
    const std::uint8_t q_token = align.query_units[pair.query_unit].first;
    const std::uint8_t c_token = align.candidate_units[pair.candidate_unit].first;
    if (align.query_used[q_token] >= 0 || align.candidate_used[c_token] >= 0) continue;
    align.query_used[q_token] = static_cast<std::int8_t>(align.chosen.size());
    align.candidate_used[c_token] = static_cast<std::int8_t>(align.chosen.size());
    align.chosen.push_back(&pair);
  }
}

// The score of an assignment: matched similarity over matched weight plus the unmatched weight
// (scaled by UnmatchedFactorsFor), less the fixed penalties.
double AlignmentScore(const PreparedQuery& query, const NameScoreInput& candidate,
                      const ScorerParams& params, const Alignment& align,
                      std::uint32_t absent_query_tokens, std::uint32_t* unmatched_query_tokens) {
  double matched_query = 0;
  double matched_query_weight = 0;
  double unmatched_query_weight = 0;
  std::uint32_t unmatched_mask = 0;
  const std::size_t query_count = std::min(align.query_tokens.size(), kMaxNameTokens);
  const std::size_t candidate_count = std::min(align.candidate_tokens.size(), kMaxNameTokens);
  for (std::size_t idx = 0; idx < query_count; ++idx) {
    const double weight = align.query_tokens[idx].weight;
    if (align.query_used[idx] >= 0) {
      matched_query += align.chosen[align.query_used[idx]]->similarity * weight;
      matched_query_weight += weight;
    } else {
      unmatched_mask |= 1u << idx;
      if ((absent_query_tokens & (1u << idx)) == 0) unmatched_query_weight += weight;
    }
  }
  if (unmatched_query_tokens != nullptr) *unmatched_query_tokens = unmatched_mask;
  double matched_candidate = 0;
  double matched_candidate_weight = 0;
  double unmatched_candidate_weight = 0;
  for (std::size_t idx = 0; idx < candidate_count; ++idx) {
    const double weight = align.candidate_tokens[idx].weight;
    if (align.candidate_used[idx] >= 0) {
      matched_candidate += align.chosen[align.candidate_used[idx]]->similarity * weight;
      matched_candidate_weight += weight;
    } else {
      unmatched_candidate_weight += weight;
    }
  }
  const UnmatchedFactors extra = UnmatchedFactorsFor(query, candidate, params);
  const double denominator = matched_query_weight + matched_candidate_weight +
                             extra.query * unmatched_query_weight +
                             extra.candidate * unmatched_candidate_weight;
  const double score = denominator > 0 ? (matched_query + matched_candidate) / denominator : 0;
  return std::clamp(score - FixedPenalty(query, candidate, params), 0.0, 1.0);
}

// The explanation of a score: aligned units, unmatched tokens, legal forms and penalties.
void ExplainAlignment(const PreparedQuery& query, const NameScoreInput& candidate,
                      const ScorerParams& params, const Alignment& align, double score,
                      Explanation& explanation) {
  explanation.name_score = score;
  explanation.tokens.clear();
  for (const Pair* pair : align.chosen) {
    const Unit& q_unit = align.query_units[pair->query_unit];
    const Unit& c_unit = align.candidate_units[pair->candidate_unit];
    TokenAlignment alignment;
    for (int idx = q_unit.first; idx < q_unit.first + q_unit.count; ++idx) {
      if (!alignment.query_token.empty()) alignment.query_token += ' ';
      alignment.query_token.append(align.query_tokens[idx].text);
    }
    for (int idx = c_unit.first; idx < c_unit.first + c_unit.count; ++idx) {
      if (!alignment.candidate_token.empty()) alignment.candidate_token += ' ';
      alignment.candidate_token.append(align.candidate_tokens[idx].text);
    }
    alignment.similarity = pair->similarity;
    alignment.query_weight = UnitWeight(q_unit, align.query_tokens);
    alignment.candidate_weight = UnitWeight(c_unit, align.candidate_tokens);
    alignment.how = pair->how;
    explanation.tokens.push_back(std::move(alignment));
  }
  const std::size_t query_count = std::min(align.query_tokens.size(), kMaxNameTokens);
  const std::size_t candidate_count = std::min(align.candidate_tokens.size(), kMaxNameTokens);
  for (std::size_t idx = 0; idx < query_count; ++idx) {
    if (align.query_used[idx] >= 0) continue;
    explanation.tokens.push_back(TokenAlignment{std::string(align.query_tokens[idx].text), "", 0,
                                                align.query_tokens[idx].weight, 0, "unmatched"});
  }
  for (std::size_t idx = 0; idx < candidate_count; ++idx) {
    if (align.candidate_used[idx] >= 0) continue;
    explanation.tokens.push_back(TokenAlignment{"", std::string(align.candidate_tokens[idx].text),
                                                0, 0, align.candidate_tokens[idx].weight,
                                                "unmatched"});
  }
  explanation.legal_forms.clear();
  if (query.name.legal_form != text::LegalFormClass::kNone ||
      candidate.candidate_legal_form != text::LegalFormClass::kNone) {
    explanation.legal_forms =
        "query: " + std::string(text::LegalFormClassName(query.name.legal_form)) +
        ", candidate: " + std::string(text::LegalFormClassName(candidate.candidate_legal_form));
  }
  if (candidate.candidate_kind == core::NameKind::kWeakAka) {
    explanation.adjustments.push_back(Adjustment{"weak alias", -params.weak_alias_penalty});
  }
  if (query.name.legal_form != text::LegalFormClass::kNone &&
      candidate.candidate_legal_form != text::LegalFormClass::kNone &&
      query.name.legal_form != candidate.candidate_legal_form) {
    explanation.adjustments.push_back(
        Adjustment{"different legal form", -params.legal_form_mismatch_penalty});
  }
}

}  // namespace

double ScoreName(const PreparedQuery& query, const NameScoreInput& candidate,
                 const ScorerParams& params, Explanation* explanation,
                 std::uint32_t absent_query_tokens, std::uint32_t* unmatched_query_tokens) {
  if (query.tokens.empty() || candidate.candidate_tokens.empty()) return 0;
  const bool allow_initials = AllowInitials(query, candidate);
  // Reused across calls: scoring a candidate does not allocate once the thread's buffers grew.
  thread_local std::vector<Unit> candidate_units;
  thread_local std::vector<Pair> pairs;
  thread_local std::vector<Pair> residual;
  thread_local std::vector<const Pair*> chosen;
  thread_local std::string query_buffer;
  thread_local std::string candidate_buffer;
  MakeUnits(candidate.candidate_tokens, candidate_units);
  chosen.clear();
  Alignment align{query.tokens,  candidate.candidate_tokens, query.units, candidate_units,
                  chosen,        query_buffer,               candidate_buffer};
  align.query_used.fill(-1);
  align.candidate_used.fill(-1);

  CollectPairs(query, align, allow_initials, params, pairs);
  AssignGreedy(pairs, align);
  AssignResidual(query, params, residual, align);
  const double score =
      AlignmentScore(query, candidate, params, align, absent_query_tokens, unmatched_query_tokens);
  if (explanation != nullptr) {
    ExplainAlignment(query, candidate, params, align, score, *explanation);
  }
  return score;
}

}  // namespace redflag::match
