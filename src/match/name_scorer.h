// The name scorer: how well a query name and a candidate name agree, in [0, 1], with the token
// alignment that explains it.
//
// Tokens are aligned one-to-one (order-free, so "SMITH, John" = "John Smith"), and a token may
// also align with two adjacent tokens of the other side written together ("Hikvision" =
// "Hik Vision"). Token similarity: exact 1; same spelling-variant group ("mohammed"/"muhammad")
// 0.95; joined tokens 0.97; one edit (two for long tokens) by length; same phonetic key at least
// kPhoneticSimilarity; an initial against a name starting with it kInitialSimilarity (persons).
// The name score is a weighted agreement of both sides: matched weight over total weight, where a
// token's weight is its informativeness (rare tokens count more; index::Snapshot::TokenWeight),
// and tokens left unmatched count against the score, candidate extras (a middle name the query
// leaves out) less than query extras.
//
// All functions are pure and thread-safe. The prepared query is built once and scored against
// many candidates.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/name_prep.h"
#include "index/snapshot.h"
#include "match/hit.h"

namespace redflag::match {

// Names are compared on their first kMaxNameTokens tokens (a name rarely has more than 12).
inline constexpr std::size_t kMaxNameTokens = 24;

struct ScorerParams {
  double min_token_similarity = 0.74;  // pairs below do not align
  double variant_similarity = 0.95;
  double joined_similarity = 0.97;
  double phonetic_similarity = 0.80;
  std::size_t phonetic_min_length = 5;  // short tokens sound alike too easily ("kach"/"kutch")
  double initial_similarity = 0.80;
  double initial_weight = 0.12;         // an initial says little
  double particle_weight_factor = 0.3;  // "al", "bin", "van"
  double edit_scale = 1.0;              // similarity = 1 - edit_scale * distance / max length
  // How much an unmatched token counts in the denominator (1 = as much as a matched one).
  double unmatched_query_person = 0.75;
  double unmatched_candidate_person = 0.45;
  double unmatched_query_org = 0.90;
  double unmatched_candidate_org = 0.85;
  double residual_cap = 0.70;  // leftover tokens paired by up to two edits: at most this
  double residual_min = 0.62;
  double weak_alias_penalty = 0.05;
  double legal_form_mismatch_penalty = 0.03;
};

const ScorerParams& DefaultScorerParams();

// One side's token, ready for comparison. Views point into the owning query or snapshot.
struct TokenView {
  std::string_view text;
  std::string_view variant;
  std::string_view phonetic;
  double weight = 1;
  bool initial = false;
  std::uint32_t letters = 0;  // text::LetterMask(text): a cheap lower bound on edit distance
  index::TokenId id = index::kNoToken;  // the snapshot's token id (listed names), else kNoToken
};

// Memo of query-token x listed-token similarities for one prepared query. The candidates of one
// query share most of their tokens, so each pair is computed once; the memo only stores what
// TokenSimilarity returned, so scores are the same with and without it. Not thread-safe: a
// PreparedQuery belongs to one thread.
class SimilarityMemo {
 public:
  struct Slot {
    std::uint32_t key = 0;  // 0: empty
    bool filled = false;    // similarity/how computed
    double similarity = 0;
    const char* how = "";
    double residual = -1;  // residual-pass similarity; -1 until computed
  };
  // The slot for (query token, listed token); `filled` is false the first time: compute the
  // similarity and fill it in. Valid until the next call.
  Slot& At(std::size_t query_token, index::TokenId listed_token);

 private:
  void Grow();
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

// A unit of alignment: one token (count 1) or two adjacent tokens written together (count 2),
// with their total length and letters (a cheap filter before any text is compared).
struct AlignUnit {
  std::uint8_t first = 0;
  std::uint8_t count = 1;
  std::uint16_t length = 0;
  std::uint32_t letters = 0;
};

struct PreparedQuery {
  text::PreparedName name;
  text::NameStyle style = text::NameStyle::kUnknown;
  std::vector<std::string> variants;
  std::vector<std::string> phonetics;
  std::vector<TokenView> tokens;  // views into name/variants/phonetics: do not copy the struct
  std::vector<AlignUnit> units;   // single tokens first, then adjacent pairs
  bool has_initial = false;       // some token is an initial
  double total_weight = 0;
  mutable SimilarityMemo memo;  // see SimilarityMemo
};

// Builds the query's tokens and weights. `weights` gives token informativeness (nullptr: every
// token weighs 1 except initials and particles).
std::unique_ptr<PreparedQuery> PrepareQuery(std::string_view name, text::NameStyle style,
                                            const index::Snapshot* weights,
                                            const ScorerParams& params = DefaultScorerParams());

// Similarity of two tokens in [0, 1]; `how` names the rule that gave it.
double TokenSimilarity(const TokenView& query, const TokenView& candidate, bool allow_initials,
                       const ScorerParams& params, const char** how);

// What aligned a pair of tokens (TokenAlignment::how). One object each across the program, so
// the scorer may compare them by pointer.
inline constexpr char kHowExact[] = "exact";
inline constexpr char kHowInitial[] = "initial";
inline constexpr char kHowVariant[] = "variant";
inline constexpr char kHowEdit[] = "edit";
inline constexpr char kHowPhonetic[] = "phonetic";
inline constexpr char kHowJoined[] = "joined";
inline constexpr char kHowResidual[] = "residual";

// TokenSimilarity when the query token or the candidate token is an initial, from the candidate's
// first letter (0 when empty), length and initial flag alone: what BoundTable keeps of a listed
// token, so the candidate bound needs no listed text.
inline double InitialSimilarity(const TokenView& query, char candidate_first,
                                std::size_t candidate_length, bool candidate_initial,
                                bool allow_initials, const ScorerParams& params, const char** how) {
  if (candidate_length == 1 && query.text.size() == 1 && query.text[0] == candidate_first) {
    *how = kHowExact;
    return 1.0;
  }
  if (allow_initials && !query.text.empty() && candidate_length > 0 &&
      query.text[0] == candidate_first) {
    *how = kHowInitial;
    // A full query word against a listed initial is weak evidence, and the index cannot reach
    // it through keys: it is worth no more than a residual pair (see RequiredTokens).
    if (candidate_initial && !query.initial) {
      return std::min(params.initial_similarity, params.residual_cap);
    }
    return params.initial_similarity;
  }
  return 0;
}

// Both passes' similarities of a query token and a listed token, neither of them an initial,
// given their optimal-string-alignment distance (exact, or any value above 2 when they are
// further apart): main = TokenSimilarity (with its `how`), residual = the residual pass's
// similarity (ResidualSimilarity). For the candidate stage, which has the distance from one
// bit-parallel pass (text::OsaPattern) and needs both.
struct PairSimilarities {
  double main = 0;
  const char* how = "";
  double residual = 0;
};
PairSimilarities SimilaritiesAt(const TokenView& query, const TokenView& candidate, int distance,
                                const ScorerParams& params);

struct NameScoreInput {
  std::span<const TokenView> candidate_tokens;
  text::LegalFormClass candidate_legal_form = text::LegalFormClass::kNone;
  bool candidate_person = false;
  bool candidate_organization = false;  // typed organization, vessel or aircraft
  core::NameKind candidate_kind = core::NameKind::kPrimary;
};

// How much an unmatched query token and an unmatched candidate token count in the score's
// denominator (ScorerParams unmatched_*), by whether the pair is a person, an organization or
// either.
struct UnmatchedFactors {
  double query = 1;
  double candidate = 1;
};
UnmatchedFactors UnmatchedFactorsFor(const PreparedQuery& query, const NameScoreInput& candidate,
                                     const ScorerParams& params);

// The residual pass's similarity of query token `query_token` and a leftover candidate token: up
// to two edits at any length, capped at residual_cap; 0 below residual_min. Memoized in the
// query when the candidate token has an id.
double ResidualSimilarity(const PreparedQuery& query, std::size_t query_token,
                          const TokenView& candidate, const ScorerParams& params);

// Score deductions that do not depend on the alignment: a different legal form, a weak alias.
double FixedPenalty(const PreparedQuery& query, const NameScoreInput& candidate,
                    const ScorerParams& params);

// Whether initials may align ("J." with "John"): never for an organization on either side.
inline bool AllowInitials(const PreparedQuery& query, const NameScoreInput& candidate) {
  return query.style != text::NameStyle::kOrganization && !candidate.candidate_organization;
}

// Scores one candidate name. Fills `explanation` (tokens, legal forms, name_score) when non-null.
// Query tokens whose bit (1 << token index) is set in `absent_query_tokens` and that stay
// unmatched are left out of the score, as if the query did not have them (a location qualifier,
// match/screener.h); the alignment is the same. `unmatched_query_tokens`, when non-null, receives
// the bits of the query tokens left unmatched.
double ScoreName(const PreparedQuery& query, const NameScoreInput& candidate,
                 const ScorerParams& params, Explanation* explanation,
                 std::uint32_t absent_query_tokens = 0,
                 std::uint32_t* unmatched_query_tokens = nullptr);
static_assert(kMaxNameTokens <= 32, "token bit masks are 32 bits wide");

}  // namespace redflag::match
