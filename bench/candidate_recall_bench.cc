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
#include <filesystem>
#include <fstream>
#include <sstream>

#include "index/snapshot.h"
#include "match/screener.h"
#include "sources/csv_reader.h"
#include "sources/registry.h"

int main(int argc, char** argv) {
  using namespace redflag;
  namespace fs = std::filesystem;
  const std::size_t stride = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 50;
  const char* env = std::getenv("REDFLAG_DATA_DIR");
  const fs::path data = env != nullptr ? fs::path(env) : fs::path("../shared/data");
  std::vector<core::Entity> all;
  for (const fs::path& path : {data / "lists", data / "ieee-oui"}) {
    core::Diagnostics diagnostics;
    auto jobs = sources::Discover(path, diagnostics);
    if (!jobs) continue;
    for (const auto& job : *jobs) {
      auto parsed = sources::Parse(job);
      if (!parsed) continue;
      for (auto& entity : parsed->entities) all.push_back(std::move(entity));
    }
  }
  auto snapshot = index::Snapshot::Build(std::move(all));
  if (!snapshot) {
    std::fprintf(stderr, "index build failed: %s\n", snapshot.error().ToString().c_str());
    return 2;
  }
  match::Screener screener(*snapshot);
  std::size_t compared = 0;
  std::size_t differing = 0;
  std::size_t row = 0;
  for (const char* file : {"screen_positives.csv", "screen_negatives.csv"}) {
    std::ifstream in(data / ".." / "eval" / "dev" / file);
    std::stringstream text;
    text << in.rdbuf();
    const std::string content = text.str();
    sources::CsvReader reader(content);
    bool header = true;
    while (true) {
      auto record = reader.Next();
      if (!record || !record->has_value()) break;
      if (header) {
        header = false;
        continue;
      }
      if (row++ % stride != 0) continue;
      const std::string& name = (*record)->fields.at(1);
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
        if (fast) for (const auto& hit : *fast) fast_ids += hit.entity->id + " ";
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
  }
  std::printf("compared %zu queries (every %zu-th dev query), %zu differ\n", compared, stride,
              differing);
  return differing == 0 ? 0 : 1;
}
