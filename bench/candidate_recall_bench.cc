// Candidate-stage check on the dev sets: every Nth query of ../shared/eval/dev (positives and
// negatives) is screened through the index (Screen) and over every name (ScreenBruteForce) with
// the same scorer; the hit lists at the default threshold must be identical. Prints the count of
// queries compared, of differing queries, and each difference. Exit 1 on any difference.
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
      const match::ScreenOptions options{.explain = false};
      auto fast = screener.Screen(match::Query{.name = name}, options);
      auto slow = screener.ScreenBruteForce(match::Query{.name = name}, options);
      ++compared;
      std::string fast_ids;
      std::string slow_ids;
      if (fast) for (const auto& hit : *fast) fast_ids += hit.entity->id + " ";
      if (slow) for (const auto& hit : *slow) slow_ids += hit.entity->id + " ";
      if (fast_ids != slow_ids || fast.has_value() != slow.has_value()) {
        ++differing;
        std::printf("DIFF %s\n  index: %s\n  brute: %s\n", name.c_str(), fast_ids.c_str(),
                    slow_ids.c_str());
      }
    }
  }
  std::printf("compared %zu queries (every %zu-th dev query), %zu differ\n", compared, stride,
              differing);
  return differing == 0 ? 0 : 1;
}
