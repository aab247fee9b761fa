#include "match/candidate_stage.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "text/edit_distance.h"

namespace redflag::match {

using index::Snapshot;
using index::TokenId;

namespace {

TokenView ListedView(const index::TokenInfo& info, TokenId id) {
  TokenView view;
  view.text = info.text;
  view.variant = info.variant;
  view.phonetic = info.phonetic;
  view.weight = info.weight;
  view.initial = info.text.size() == 1;
  view.letters = info.letters;
  view.id = id;
  return view;
}

void SortUnique(std::vector<std::uint32_t>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

}  // namespace

// Prefix filter: with the rarest tokens S taken first, consider a name in which no token of S
// aligns. Its score is (A_q + A_c) / (M_q + M_c + e W_S + ...), where A and M are the agreement
// and weight of its aligned tokens on each side and e the least an unmatched query token counts:
// A_q <= M_q <= W_rest, and each rest token brings at most one of its listed partners (weight w,
// similarity s) to the candidate side. The largest ratio over those choices is found by
// Dinkelbach's iteration (for a ratio r, each token takes the partner maximizing (s - r) w when
// positive; repeat with the new ratio until it stops rising). S grows until it is below the
// threshold.
std::vector<std::size_t> RequiredTokens(const PreparedQuery& query, double threshold,
                                        std::span<const std::vector<ListedPartner>> partners,
                                        const ScorerParams& params) {
  const std::size_t count = query.tokens.size();
  std::vector<std::size_t> order(count);
  for (std::size_t idx = 0; idx < count; ++idx) order[idx] = idx;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t lhs, std::size_t rhs) {
    return query.tokens[lhs].weight > query.tokens[rhs].weight;
  });
  static const std::vector<ListedPartner> kAnyPartner = {{1.0, 1.0}};
  const auto options = [&](std::size_t idx) -> const std::vector<ListedPartner>& {
    return idx < partners.size() ? partners[idx] : kAnyPartner;
  };
  const double extra = std::min(params.unmatched_query_person, params.unmatched_query_org);
  std::vector<bool> in_s(count, false);
  double taken = 0;
  const auto bound = [&]() {
    double query_rest = 0;
    for (std::size_t idx = 0; idx < count; ++idx) {
      if (!in_s[idx]) query_rest += query.tokens[idx].weight;
    }
    const double base_denominator = query_rest + extra * taken;
    if (base_denominator <= 0) return 0.0;
    double ratio = query_rest / base_denominator;
    for (int round = 0; round < 50; ++round) {
      double numerator = query_rest;
      double denominator = base_denominator;
      for (std::size_t idx = 0; idx < count; ++idx) {
        if (in_s[idx]) continue;
        const ListedPartner* best = nullptr;
        double best_gain = 0;
        for (const ListedPartner& option : options(idx)) {
          const double gain = (option.similarity - ratio) * option.weight;
          if (gain > best_gain) {
            best_gain = gain;
            best = &option;
          }
        }
        if (best == nullptr) continue;
        numerator += best->similarity * best->weight;
        denominator += best->weight;
      }
      const double next = numerator / denominator;
      if (next <= ratio + 1e-12) break;
      ratio = next;
    }
    return ratio;
  };
  std::vector<std::size_t> required;
  for (std::size_t idx : order) {
    // Retrieval reaches every name in which a token of S could align at all (by edits, variant,
    // phonetic key, joined tokens, the residual pass or a listed initial), so in a name it does
    // not reach every token of S is unmatched.
    if (threshold > 0 && !required.empty() && bound() < threshold) break;
    required.push_back(idx);
    in_s[idx] = true;
    taken += query.tokens[idx].weight;
  }
  return required;
}

bool BoundIsSound(const ScorerParams& params) {
  const double least_similarity =
      std::min({params.min_token_similarity, params.residual_min,
                std::min(params.initial_similarity, params.residual_cap)});
  const double least_extra =
      std::min({params.unmatched_query_person, params.unmatched_query_org,
                params.unmatched_candidate_person, params.unmatched_candidate_org});
  return least_similarity > 1.0 - least_extra;
}

void QueryHits::Reset(const Snapshot& snapshot) {
  if (owner_ != &snapshot || token_heads_.size() != snapshot.tokens().size() ||
      joined_heads_.size() != snapshot.JoinedCount() ||
      name_stamp_.size() != snapshot.names().size()) {
    owner_ = &snapshot;
    epoch_ = 0;
    token_heads_.assign(snapshot.tokens().size(), Head{});
    joined_heads_.assign(snapshot.JoinedCount(), Head{});
    name_stamp_.assign(snapshot.names().size(), 0);
  }
  if (++epoch_ == 0) {
    std::fill(token_heads_.begin(), token_heads_.end(), Head{});
    std::fill(joined_heads_.begin(), joined_heads_.end(), Head{});
    std::fill(name_stamp_.begin(), name_stamp_.end(), 0);
    epoch_ = 1;
  }
  entries_.clear();
}

void QueryHits::Push(Head& head, Entry entry) {
  entry.next = head.Get(epoch_);
  head.stamp = epoch_;
  head.first = static_cast<std::uint32_t>(entries_.size());
  entries_.push_back(entry);
}

void QueryHits::AddToken(TokenId token, std::uint8_t first, std::uint8_t count, float similarity) {
  Push(token_heads_[token], Entry{kEnd, first, count, similarity});
}

void QueryHits::AddJoined(std::uint32_t joined, std::uint8_t first, float similarity) {
  Push(joined_heads_[joined], Entry{kEnd, first, 1, similarity});
}

QueryHits& ThreadQueryHits() {
  thread_local QueryHits hits;
  return hits;
}

namespace {

// Per query token: the listed tokens and joined pairs it aligns with, and the most weight they
// can have (for RequiredTokens). Per adjacent pair: the listed tokens it equals when joined.
// One per thread, reused across queries.
struct CandidateScratch {
  std::vector<std::vector<std::uint32_t>> token_hits;
  std::vector<std::vector<std::uint32_t>> joined_hits;
  std::vector<std::vector<std::uint32_t>> pair_hits;
  std::vector<std::uint32_t> similar;
  std::vector<std::vector<ListedPartner>> partners;

  void Reset(std::size_t count) {
    token_hits.resize(kMaxNameTokens);
    joined_hits.resize(kMaxNameTokens);
    pair_hits.resize(kMaxNameTokens);
    partners.resize(kMaxNameTokens);
    for (std::size_t idx = 0; idx < count; ++idx) partners[idx].clear();
  }

  // Keeps only partners not beaten on both weight and similarity by another.
  void Partner(std::size_t idx, double weight, double similarity) {
    std::vector<ListedPartner>& list = partners[idx];
    for (const ListedPartner& other : list) {
      if (other.weight >= weight && other.similarity >= similarity) return;
    }
    std::erase_if(list, [&](const ListedPartner& other) {
      return other.weight <= weight && other.similarity <= similarity;
    });
    list.push_back(ListedPartner{weight, similarity});
  }
};

// The listed tokens and joined pairs query token `idx` aligns with, into `hits` and `scratch`.
void MatchQueryToken(const Snapshot& snapshot, const PreparedQuery& query, std::size_t idx,
                     bool allow_initials, const ScorerParams& params, QueryHits& hits,
                     CandidateScratch& scratch) {
  const TokenView& token = query.tokens[idx];
  const auto first = static_cast<std::uint8_t>(idx);
  scratch.token_hits[idx].clear();
  scratch.joined_hits[idx].clear();
  if (token.initial) {
    // Any listed word starting with the letter, or the same letter.
    scratch.Partner(idx, 1.0, allow_initials ? params.initial_similarity : 0.0);
    scratch.Partner(idx, params.initial_weight, 1.0);
    return;
  }
  if (allow_initials) scratch.Partner(idx, params.initial_weight, params.initial_similarity);
  std::vector<std::uint32_t>& similar = scratch.similar;
  similar.clear();
  snapshot.SimilarTokens(token.text, similar);
  SortUnique(similar);
  // One bit-parallel distance per neighbour gives both of the scorer's similarities.
  const text::OsaPattern pattern(token.text);
  for (TokenId id : similar) {
    const TokenView listed = ListedView(snapshot.tokens()[id], id);
    double similarity = 0;
    if (listed.initial) {
      const char* how = "";
      similarity = TokenSimilarity(token, listed, allow_initials, params, &how);
      if (similarity < params.min_token_similarity) {
        similarity = ResidualSimilarity(query, idx, listed, params);
      }
    } else {
      const PairSimilarities both =
          SimilaritiesAt(token, listed, pattern.Distance(listed.text), params);
      // Below the main pass's minimum the pair may still meet in the residual pass.
      similarity = both.main >= params.min_token_similarity ? both.main : both.residual;
    }
    if (similarity <= 0) continue;
    hits.AddToken(id, first, 1, static_cast<float>(similarity));
    scratch.token_hits[idx].push_back(id);
    scratch.Partner(idx, listed.weight, similarity);
  }
  // Merged and split tokens: "hikvision" vs "hik vision", one edit allowed.
  similar.clear();
  snapshot.SimilarJoined(token.text, similar);
  SortUnique(similar);
  for (std::uint32_t joined_id : similar) {
    if (text::EditDistance(token.text, snapshot.JoinedText(joined_id), 1) > 1) continue;
    hits.AddJoined(joined_id, first, static_cast<float>(params.joined_similarity));
    scratch.joined_hits[idx].push_back(joined_id);
    scratch.Partner(idx, snapshot.JoinedWeight(joined_id), params.joined_similarity);
  }
}

// Two adjacent query tokens written together against one listed token ("hik vision").
void MatchQueryPairs(const Snapshot& snapshot, const PreparedQuery& query, std::size_t count,
                     const ScorerParams& params, QueryHits& hits, CandidateScratch& scratch) {
  std::vector<std::uint32_t>& similar = scratch.similar;
  std::string text;
  for (std::size_t idx = 0; idx + 1 < count; ++idx) {
    scratch.pair_hits[idx].clear();
    if (query.tokens[idx].initial || query.tokens[idx + 1].initial) continue;
    text.assign(query.tokens[idx].text).append(query.tokens[idx + 1].text);
    similar.clear();
    snapshot.TokensWithinOneEdit(text, similar);
    SortUnique(similar);
    for (TokenId id : similar) {
      if (text::EditDistance(text, snapshot.tokens()[id].text, 1) > 1) continue;
      hits.AddToken(id, static_cast<std::uint8_t>(idx), 2,
                    static_cast<float>(params.joined_similarity));
      scratch.pair_hits[idx].push_back(id);
      // Counted for both tokens: an over-estimate keeps RequiredTokens' bound a bound.
      const double weight = snapshot.tokens()[id].weight;
      scratch.Partner(idx, weight, params.joined_similarity);
      scratch.Partner(idx + 1, weight, params.joined_similarity);
    }
  }
}

// The names holding what a required query token (or a pair with one) aligns with.
void AddRequiredNames(const Snapshot& snapshot, const PreparedQuery& query, std::size_t count,
                      const std::array<bool, kMaxNameTokens>& is_required, bool allow_initials,
                      const CandidateScratch& scratch, QueryHits& hits,
                      std::vector<std::uint32_t>& candidates) {
  const auto add_names = [&](std::span<const std::uint32_t> names) {
    for (std::uint32_t name_pos : names) hits.AddName(name_pos, candidates);
  };
  for (std::size_t idx = 0; idx < count; ++idx) {
    if (!is_required[idx]) continue;
    const TokenView& token = query.tokens[idx];
    if (token.initial) {
      // Any listed token starting with the letter may align (persons), and the same single
      // letter always does ("B S COMPANY" and "B. S."). Rare in the required set (initials
      // weigh little), so a scan of the token table is acceptable.
      if (const TokenId same = snapshot.Lookup(token.text); same != index::kNoToken) {
        add_names(snapshot.NamesWithToken(same));
      }
      if (!allow_initials) continue;
      for (TokenId id = 0; id < snapshot.tokens().size(); ++id) {
        const std::string& listed = snapshot.tokens()[id].text;
        if (!listed.empty() && listed[0] == token.text[0]) add_names(snapshot.NamesWithToken(id));
      }
      continue;
    }
    for (TokenId id : scratch.token_hits[idx]) add_names(snapshot.NamesWithToken(id));
    for (std::uint32_t joined_id : scratch.joined_hits[idx]) {
      add_names(snapshot.NamesWithJoinedId(joined_id));
    }
    // A listed initial may stand for this word ("J." for "John"); few names have initials.
    if (allow_initials) {
      if (const TokenId initial = snapshot.Lookup(token.text.substr(0, 1));
          initial != index::kNoToken) {
        add_names(snapshot.NamesWithToken(initial));
      }
    }
  }
  for (std::size_t idx = 0; idx + 1 < count; ++idx) {
    if (!is_required[idx] && !is_required[idx + 1]) continue;
    for (TokenId id : scratch.pair_hits[idx]) add_names(snapshot.NamesWithToken(id));
  }
}

}  // namespace

void CollectCandidates(const Snapshot& snapshot, const PreparedQuery& query, double threshold,
                       QueryHits& hits, std::vector<std::uint32_t>& candidates,
                       const ScorerParams& params) {
  hits.Reset(snapshot);
  const std::size_t count = std::min(query.tokens.size(), kMaxNameTokens);
  const bool allow_initials = query.style != text::NameStyle::kOrganization;
  thread_local CandidateScratch scratch;
  scratch.Reset(count);
  for (std::size_t idx = 0; idx < count; ++idx) {
    MatchQueryToken(snapshot, query, idx, allow_initials, params, hits, scratch);
  }
  MatchQueryPairs(snapshot, query, count, params, hits, scratch);

  const std::vector<std::size_t> required = RequiredTokens(
      query, threshold,
      std::span<const std::vector<ListedPartner>>(scratch.partners.data(), count), params);
  std::array<bool, kMaxNameTokens> is_required{};
  for (std::size_t idx : required) {
    if (idx < count) is_required[idx] = true;
  }
  AddRequiredNames(snapshot, query, count, is_required, allow_initials, scratch, hits,
                   candidates);
}

ListedTokens MakeListedTokens(const Snapshot& snapshot, const ScorerParams& params) {
  ListedTokens listed;
  listed.starts.reserve(snapshot.names().size() + 1);
  listed.starts.push_back(0);
  for (const index::NameRecord& record : snapshot.names()) {
    for (TokenId id : record.tokens) {
      TokenView view = ListedView(snapshot.tokens()[id], id);
      if (view.initial) view.weight = params.initial_weight;
      listed.views.push_back(view);
    }
    listed.starts.push_back(static_cast<std::uint32_t>(listed.views.size()));
  }
  return listed;
}

BoundTable::BoundTable(const Snapshot& snapshot, const ListedTokens& listed) {
  const auto& names = snapshot.names();
  starts_.reserve(names.size());
  for (std::uint32_t name_pos = 0; name_pos < names.size(); ++name_pos) {
    const index::NameRecord& record = names[name_pos];
    const std::span<const TokenView> tokens = listed.Of(name_pos);
    const std::size_t count = std::min(tokens.size(), kMaxNameTokens);
    starts_.push_back(static_cast<std::uint32_t>(data_.size()));
    data_.push_back(static_cast<std::uint32_t>(count) |
                    static_cast<std::uint32_t>(record.legal_form) << 8 |
                    static_cast<std::uint32_t>(record.person) << 16 |
                    static_cast<std::uint32_t>(record.organization) << 17 |
                    static_cast<std::uint32_t>(record.kind) << 20);
    for (std::size_t idx = 0; idx < count; ++idx) {
      const TokenView& token = tokens[idx];
      const float weight = static_cast<float>(token.weight);
      std::uint32_t weight_bits = 0;
      std::memcpy(&weight_bits, &weight, sizeof weight_bits);
      data_.push_back(token.id);
      data_.push_back(weight_bits);
      const auto first = static_cast<unsigned char>(token.text.empty() ? '\0' : token.text[0]);
      data_.push_back(static_cast<std::uint32_t>(std::min<std::size_t>(token.text.size(), 255)) |
                      static_cast<std::uint32_t>(token.initial) << 8 |
                      static_cast<std::uint32_t>(first) << 16);
      data_.push_back(token.letters);
    }
    for (std::size_t idx = 0; idx + 1 < count; ++idx) {
      data_.push_back(idx < record.joined.size() ? record.joined[idx] : index::kNoToken);
    }
  }
}

float BoundTable::Name::weight(std::size_t token) const {
  float weight = 0;
  std::memcpy(&weight, &data_[2 + 4 * token], sizeof weight);
  return weight;
}

double UpperBound(const PreparedQuery& query, const BoundTable::Name& name, const QueryHits& hits,
                  const ScorerParams& params) {
  const std::span<const TokenView> q_tokens = query.tokens;
  const std::size_t q_count = std::min(q_tokens.size(), kMaxNameTokens);
  const std::size_t c_count = name.size();
  if (q_count == 0 || c_count == 0) return 0;
  const NameScoreInput candidate{
      {}, name.legal_form(), name.person(), name.organization(), name.kind()};
  const bool allow_initials = AllowInitials(query, candidate);
  std::array<float, kMaxNameTokens> best_q;
  std::array<float, kMaxNameTokens> best_c;
  std::fill_n(best_q.begin(), q_count, 0.0f);
  std::fill_n(best_c.begin(), c_count, 0.0f);
  const auto pair = [&](std::size_t q_idx, std::size_t c_idx, float similarity) {
    best_q[q_idx] = std::max(best_q[q_idx], similarity);
    best_c[c_idx] = std::max(best_c[c_idx], similarity);
  };
  // Initials are compared with the scorer's own rule, from the record's first letters.
  const auto initial_pair = [&](std::size_t q_idx, std::size_t c_idx) {
    const char* how = "";
    const double similarity =
        InitialSimilarity(q_tokens[q_idx], name.first(c_idx), name.length(c_idx),
                          name.initial(c_idx), allow_initials, params, &how);
    if (similarity > 0) pair(q_idx, c_idx, static_cast<float>(similarity));
  };

  for (std::size_t c_idx = 0; c_idx < c_count; ++c_idx) {
    if (name.initial(c_idx)) {
      for (std::size_t q_idx = 0; q_idx < q_count; ++q_idx) initial_pair(q_idx, c_idx);
      continue;
    }
    for (std::uint32_t at = hits.TokenHead(name.id(c_idx)); at != QueryHits::kEnd;) {
      const QueryHits::Entry& entry = hits.entry(at);
      if (entry.first + entry.count <= q_count) {
        for (std::size_t q_idx = entry.first; q_idx < entry.first + entry.count; ++q_idx) {
          pair(q_idx, c_idx, entry.similarity);
        }
      }
      at = entry.next;
    }
    if (query.has_initial) {
      for (std::size_t q_idx = 0; q_idx < q_count; ++q_idx) {
        if (q_tokens[q_idx].initial) initial_pair(q_idx, c_idx);
      }
    }
  }
  for (std::size_t c_idx = 0; c_idx + 1 < c_count; ++c_idx) {
    const std::uint32_t joined = name.joined(c_idx);
    if (joined == index::kNoToken) continue;
    for (std::uint32_t at = hits.JoinedHead(joined); at != QueryHits::kEnd;) {
      const QueryHits::Entry& entry = hits.entry(at);
      if (entry.first < q_count) {
        pair(entry.first, c_idx, entry.similarity);
        pair(entry.first, c_idx + 1, entry.similarity);
      }
      at = entry.next;
    }
  }
  // Residual-pass pairs are among the hits (CollectCandidates records them for every query
  // token), so a token without a hit cannot align at all.
  double agreement = 0;
  double matched = 0;
  double unmatched_query = 0;
  double unmatched_candidate = 0;
  for (std::size_t q_idx = 0; q_idx < q_count; ++q_idx) {
    const double weight = q_tokens[q_idx].weight;
    if (best_q[q_idx] > 0) {
      agreement += best_q[q_idx] * weight;
      matched += weight;
    } else {
      unmatched_query += weight;
    }
  }
  for (std::size_t c_idx = 0; c_idx < c_count; ++c_idx) {
    const double weight = name.weight(c_idx);
    if (best_c[c_idx] > 0) {
      agreement += best_c[c_idx] * weight;
      matched += weight;
    } else {
      unmatched_candidate += weight;
    }
  }
  const UnmatchedFactors extra = UnmatchedFactorsFor(query, candidate, params);
  const double denominator =
      matched + extra.query * unmatched_query + extra.candidate * unmatched_candidate;
  if (denominator <= 0) return 0;
  // float similarities and weights round: a hair of slack keeps the bound above the score.
  return std::clamp(agreement / denominator - FixedPenalty(query, candidate, params) + 1e-6, 0.0,
                    1.0);
}

}  // namespace redflag::match
