// Screening: the listed parties a query may be, best first, each with score and explanation.
//
// A Screener wraps one immutable index snapshot and is safe to use from many threads at once.
// Screen() looks up candidates in the index (never all names) and scores only them;
// ScreenBruteForce() scores every name of every entity with the same scorer and is the test oracle
// for the candidate stage. Both return the same hits for every query at or above the default
// threshold (asserted in tests and measured on the dev sets, docs/matching.md).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "core/error.h"
#include "index/snapshot.h"
#include "match/candidate_stage.h"
#include "match/hit.h"
#include "match/name_scorer.h"

namespace redflag::match {

// The default alert threshold. Meaning of scores (docs/matching.md): >= 0.90 the same name up to
// spelling, order, legal form and transliteration; 0.80-0.90 the same name with a real
// difference (a typo in a short token, a missing middle name, initials); < 0.80 shares tokens but
// differs in something informative.
inline constexpr double kDefaultThreshold = 0.80;

// What one Screen() call did, for benchmarks and tuning.
struct ScreenStats {
  std::size_t candidates = 0;  // names the candidate stage retrieved
  std::size_t scored = 0;      // of those, names whose upper bound let the full scorer run
};

struct ScreenOptions {
  double threshold = kDefaultThreshold;  // hits below are dropped
  std::size_t limit = 50;                // at most this many hits, best first
  bool explain = true;                   // fill Hit::explanation token alignments
  ScreenStats* stats = nullptr;          // filled when non-null
};

class Screener {
 public:
  explicit Screener(std::shared_ptr<const index::Snapshot> snapshot);

  // Invalid queries (empty name, no letters or digits, only a legal form, > 4 KiB) give an Error
  // kInvalidArgument saying why; invalid UTF-8 is repaired, not rejected.
  core::Result<std::vector<Hit>> Screen(const Query& query, const ScreenOptions& options = {}) const;
  core::Result<std::vector<Hit>> ScreenBruteForce(const Query& query,
                                                  const ScreenOptions& options = {}) const;

  const index::Snapshot& snapshot() const { return *snapshot_; }

 private:
  std::vector<Hit> Rank(const Query& query, const PreparedQuery& prepared,
                        const std::string& country, std::uint32_t place_mask,
                        const std::vector<std::uint32_t>& candidates,
                        const QueryHits* query_hits, const ScreenOptions& options) const;

  std::shared_ptr<const index::Snapshot> snapshot_;
  ListedTokens listed_;  // every listed name's tokens, ready for the scorer
  BoundTable bounds_;    // per-name records for the candidate bound
};

// Score two names directly (`redflag compare`): the same scorer, with token weights from the
// snapshot when given (nullptr: uniform weights from a built-in table of generic words).
struct CompareResult {
  double score = 0;
  Explanation explanation;
};
core::Result<CompareResult> CompareNames(std::string_view name1, std::string_view name2,
                                         core::EntityType type,
                                         const index::Snapshot* weights = nullptr);

}  // namespace redflag::match
