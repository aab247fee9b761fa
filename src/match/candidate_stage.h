// The candidate stage of screening: which listed names a query must be scored against, and a
// cheap upper bound on each one's name score so that most are never fully scored.
//
// Retrieval. Every query unit (a token, or two adjacent tokens written together) is looked up in
// the index: the listed tokens it may align with (deletion neighbours, variant group, phonetic
// key, verified with the scorer's own TokenSimilarity or residual-pass similarity) and the listed
// adjacent pairs it may equal when written together. Names are collected only through the units
// of the required tokens, and through listed initials that may stand for them (RequiredTokens: a
// name in which none of them aligns cannot reach the threshold).
//
// Bound. For a collected name, each token on either side gets the best similarity it could have
// with any token of the other side: from the retrieved hits (which include the pairs the scorer's
// residual pass could make) and from initials (compared directly). Treating every token with a
// partner as matched at that best similarity, and the others as unmatched, gives a score no
// alignment can beat: raising a similarity raises the score, and matching one more token with
// similarity s raises it whenever s > 1 - e (e: what an unmatched token counts, at least
// unmatched_candidate_person), which holds for every similarity the scorer accepts
// (BoundIsSound checks the parameters). Screener::ScreenBruteForce scores every name without the
// bound, so the tests comparing the two check the bound as well as retrieval.
//
// Thread-safety: a CandidateStage is immutable; Collect() fills a QueryHits that belongs to the
// calling thread.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "index/snapshot.h"
#include "match/name_scorer.h"

namespace redflag::match {

// A listed token (or joined pair) that may align with a query token: its weight and the
// similarity of the pair.
struct ListedPartner {
  double weight = 0;
  double similarity = 0;
};

// The query tokens one of which must align in a name for it to be able to reach `threshold`, the
// rarest first. partners[i]: what may align with query token i (those beaten on both weight and
// similarity by another may be left out).
std::vector<std::size_t> RequiredTokens(const PreparedQuery& query, double threshold,
                                        std::span<const std::vector<ListedPartner>> partners,
                                        const ScorerParams& params = DefaultScorerParams());

// Every listed name's tokens ready for the scorer, built once per snapshot: names()[i] owns
// views[starts[i] .. starts[i + 1]).
struct ListedTokens {
  core::LargeVector<TokenView> views;
  core::LargeVector<std::uint32_t> starts;
  std::span<const TokenView> Of(std::uint32_t name_pos) const {
    return {views.data() + starts[name_pos], starts[name_pos + 1] - starts[name_pos]};
  }
};
ListedTokens MakeListedTokens(const index::Snapshot& snapshot,
                              const ScorerParams& params = DefaultScorerParams());

// True when the parameters keep UpperBound an upper bound (see the file comment).
bool BoundIsSound(const ScorerParams& params);

// What the index said about one query: for each listed token and each listed joined pair, the
// query units that may align with it and how well. Per-thread scratch, reused across queries.
class QueryHits {
 public:
  struct Entry {
    std::uint32_t next;  // next entry of the same listed token or pair; kEnd when last
    std::uint8_t first;  // query unit: tokens [first, first + count)
    std::uint8_t count;
    float similarity;
  };
  static constexpr std::uint32_t kEnd = 0xFFFFFFFFu;

  // Prepares the scratch for a new query on `snapshot` (cheap: stamps, not clears).
  void Reset(const index::Snapshot& snapshot);
  void AddToken(index::TokenId token, std::uint8_t first, std::uint8_t count, float similarity);
  void AddJoined(std::uint32_t joined, std::uint8_t first, float similarity);
  // First entry for a listed token / joined pair, or kEnd.
  std::uint32_t TokenHead(index::TokenId token) const { return token_heads_[token].Get(epoch_); }
  std::uint32_t JoinedHead(std::uint32_t joined) const { return joined_heads_[joined].Get(epoch_); }
  const Entry& entry(std::uint32_t idx) const { return entries_[idx]; }
  // Adds a name to the candidates unless already there.
  void AddName(std::uint32_t name_pos, std::vector<std::uint32_t>& candidates) {
    if (name_stamp_[name_pos] == epoch_) return;
    name_stamp_[name_pos] = epoch_;
    candidates.push_back(name_pos);
  }

 private:
  // The first entry of a listed token or pair, valid when stamped with this query's epoch (stamp
  // and head side by side: one cache miss per lookup).
  struct Head {
    std::uint32_t stamp = 0;
    std::uint32_t first = kEnd;
    std::uint32_t Get(std::uint32_t epoch) const { return stamp == epoch ? first : kEnd; }
  };
  void Push(Head& head, Entry entry);
  const index::Snapshot* owner_ = nullptr;
  std::uint32_t epoch_ = 0;
  core::LargeVector<Head> token_heads_;
  core::LargeVector<Head> joined_heads_;
  core::LargeVector<std::uint32_t> name_stamp_;
  std::vector<Entry> entries_;
};

// This thread's QueryHits.
QueryHits& ThreadQueryHits();

// Looks up every unit of `query` in the snapshot's index, recording the hits in `hits` (after
// hits.Reset), and appends to `candidates` the names reached through the tokens RequiredTokens
// picks for a name score of `threshold` (0: every token).
void CollectCandidates(const index::Snapshot& snapshot, const PreparedQuery& query,
                       double threshold, QueryHits& hits, std::vector<std::uint32_t>& candidates,
                       const ScorerParams& params = DefaultScorerParams());

// What UpperBound needs of every listed name, packed into one small record per name (one or two
// cache lines: the bound runs on thousands of names per query, and each scattered read is a
// cache miss). Built once per snapshot.
class BoundTable {
 public:
  BoundTable() = default;
  BoundTable(const index::Snapshot& snapshot, const ListedTokens& listed);

  // A name's record: header, then per token {id, weight bits, length | initial << 8 | first
  // letter << 16, letters},
  // then the joined id of each adjacent pair.
  class Name {
   public:
    explicit Name(const std::uint32_t* data) : data_(data) {}
    std::size_t size() const { return data_[0] & 0xFF; }
    text::LegalFormClass legal_form() const {
      return static_cast<text::LegalFormClass>((data_[0] >> 8) & 0xFF);
    }
    bool person() const { return (data_[0] >> 16) & 1; }
    bool organization() const { return (data_[0] >> 17) & 1; }
    core::NameKind kind() const { return static_cast<core::NameKind>((data_[0] >> 20) & 0xF); }
    index::TokenId id(std::size_t token) const { return data_[1 + 4 * token]; }
    float weight(std::size_t token) const;
    std::size_t length(std::size_t token) const { return data_[3 + 4 * token] & 0xFF; }
    bool initial(std::size_t token) const { return (data_[3 + 4 * token] >> 8) & 1; }
    char first(std::size_t token) const { return static_cast<char>(data_[3 + 4 * token] >> 16); }
    std::uint32_t letters(std::size_t token) const { return data_[4 + 4 * token]; }
    std::uint32_t joined(std::size_t pair) const { return data_[1 + 4 * size() + pair]; }

   private:
    const std::uint32_t* data_;
  };
  Name name(std::uint32_t name_pos) const { return Name(data_.data() + starts_[name_pos]); }
  // Asks the CPU to start loading a name's record (the bound then reads it from cache).
  void Prefetch(std::uint32_t name_pos) const {
    __builtin_prefetch(data_.data() + starts_[name_pos]);
  }

 private:
  core::LargeVector<std::uint32_t> data_;
  core::LargeVector<std::uint32_t> starts_;
};

// An upper bound on ScoreName(query, candidate) for a name of the snapshot whose hits were
// collected in `hits`.
double UpperBound(const PreparedQuery& query, const BoundTable::Name& name, const QueryHits& hits,
                  const ScorerParams& params = DefaultScorerParams());

}  // namespace redflag::match
