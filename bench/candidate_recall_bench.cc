// Candidate-stage check on the dev sets: every Nth query of ../shared/eval/dev (positives and
// negatives) is screened through the index (Screen: retrieval, then the upper bound, then the
// scorer) and over every name (ScreenBruteForce: the scorer alone); the hit lists must be
// identical at thresholds 0.6, 0.7, 0.8 (the default) and 0.9. Prints the count of queries
// compared, of differing queries, and each difference. Exit 1 on any difference. Also a ctest
// (e2e_candidate_oracle) in the release build.
//
//   REDFLAG_DATA_DIR=../shared/data build/candidate_recall_bench [STRIDE (default 50)]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench_data.h"
#include "index/snapshot.h"
#include "match/screener.h"

int main(int argc, char** argv) {
  using namespace redflag;
  char* end = nullptr;
  const long stride = argc > 1 ? std::strtol(argv[1], &end, 10) : 50;
  if (stride < 1 || (argc > 1 && *end != '\0')) {
    std::fprintf(stderr, "candidate_recall_bench: STRIDE must be a whole number >= 1, got \"%s\"\n",
                 argv[1]);
    return 2;
  }
  auto entities = bench::LoadAllLists();
  if (!entities) {
    std::fprintf(stderr, "loading the lists failed: %s\n", entities.error().ToString().c_str());
    return 2;
  }
  auto snapshot = index::Snapshot::Build(std::move(*entities));
  if (!snapshot) {
    std::fprintf(stderr, "index build failed: %s\n", snapshot.error().ToString().c_str());
    return 2;
  }
  const std::vector<std::string> queries = bench::LoadDevQueries();
  if (queries.empty()) {
    std::fprintf(stderr, "no dev queries under %s/../eval/dev\n", bench::DataDir().c_str());
    return 2;
  }
  match::Screener screener(*snapshot);
  std::size_t compared = 0;
  std::size_t differing = 0;
  for (std::size_t row = 0; row < queries.size(); row += static_cast<std::size_t>(stride)) {
    const std::string& name = queries[row];
    // The brute force runs once, at the lowest threshold; a hit's score does not depend on
    // the threshold, so its list at a higher one is a filter of this one.
    auto slow = screener.ScreenBruteForce(match::Query{.name = name},
                                          {.threshold = 0.6, .limit = 100000, .explain = false});
    ++compared;
    bool differs = false;
    for (const double threshold : {0.6, 0.7, 0.8, 0.9}) {
      auto fast = screener.Screen(match::Query{.name = name},
                                  {.threshold = threshold, .limit = 100000, .explain = false});
      std::string fast_ids;
      std::string slow_ids;
      if (fast)
        for (const auto& hit : *fast) fast_ids += hit.entity->id + " ";
      if (slow) {
        for (const auto& hit : *slow) {
          if (hit.score >= threshold) slow_ids += hit.entity->id + " ";
        }
      }
      if (fast_ids != slow_ids || fast.has_value() != slow.has_value()) {
        differs = true;
        std::printf("DIFF at %.1f %s\n  index: %s\n  brute: %s\n", threshold, name.c_str(),
                    fast_ids.c_str(), slow_ids.c_str());
      }
    }
    if (differs) ++differing;
  }
  std::printf("compared %zu queries (every %ld-th dev query), %zu differ\n", compared, stride,
              differing);
  return differing == 0 ? 0 : 1;
}
