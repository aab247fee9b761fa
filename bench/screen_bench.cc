// Screening speed on all the real lists: one query through the index (Screen) against the same
// scorer over every name (ScreenBruteForce), in the same binary and run. Queries are the dev-set
// positives and negatives (../shared/eval/dev), so the numbers are for realistic messy names.
// Also reports index build time and snapshot memory, and p50/p99 per-query latency.
//
//   REDFLAG_DATA_DIR=../shared/data build/screen_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>

#include "bench_data.h"
#include "index/snapshot.h"
#include "match/screener.h"

namespace {

using namespace redflag;

struct Fixture {
  std::shared_ptr<const index::Snapshot> snapshot;
  std::unique_ptr<match::Screener> screener;
  std::vector<std::string> queries;
  double build_seconds = 0;
};

Fixture& Shared() {
  static Fixture fixture = [] {
    Fixture out;
    auto entities = bench::LoadAllLists();
    if (!entities) return out;
    const auto start = std::chrono::steady_clock::now();
    auto snapshot = index::Snapshot::Build(std::move(*entities));
    out.build_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (snapshot) {
      out.snapshot = *snapshot;
      out.screener = std::make_unique<match::Screener>(out.snapshot);
    }
    out.queries = bench::LoadDevQueries();
    return out;
  }();
  return fixture;
}

void BM_Screen_Index(benchmark::State& state) {
  Fixture& fixture = Shared();
  if (!fixture.screener || fixture.queries.empty()) {
    state.SkipWithError("no data: set REDFLAG_DATA_DIR");
    return;
  }
  // Check the answer before timing: a known listed name must be found.
  auto check = fixture.screener->Screen(match::Query{.name = "Hikvision"});
  if (!check || check->empty()) {
    state.SkipWithError("no hit for Hikvision: wrong data?");
    return;
  }
  const match::ScreenOptions options{.explain = false};
  std::size_t idx = 0;
  for (auto _ : state) {
    auto hits = fixture.screener->Screen(match::Query{.name = fixture.queries[idx]}, options);
    benchmark::DoNotOptimize(hits);
    idx = (idx + 1) % fixture.queries.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["index_build_s"] = fixture.build_seconds;
  state.counters["snapshot_MB"] = static_cast<double>(fixture.snapshot->MemoryBytes()) / 1e6;
  state.counters["names"] = static_cast<double>(fixture.snapshot->names().size());
}
BENCHMARK(BM_Screen_Index)->Unit(benchmark::kMicrosecond);

// Baseline: the same scorer over every name of every entity.
void BM_Screen_BruteForce(benchmark::State& state) {
  Fixture& fixture = Shared();
  if (!fixture.screener || fixture.queries.empty()) {
    state.SkipWithError("no data: set REDFLAG_DATA_DIR");
    return;
  }
  const match::ScreenOptions options{.explain = false};
  std::size_t idx = 0;
  for (auto _ : state) {
    auto hits =
        fixture.screener->ScreenBruteForce(match::Query{.name = fixture.queries[idx]}, options);
    benchmark::DoNotOptimize(hits);
    idx = (idx + 97) % fixture.queries.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Screen_BruteForce)->Unit(benchmark::kMillisecond)->Iterations(200);

// Per-query latency distribution over every dev query, one thread (reported as counters).
void BM_Screen_Latency(benchmark::State& state) {
  Fixture& fixture = Shared();
  if (!fixture.screener || fixture.queries.empty()) {
    state.SkipWithError("no data: set REDFLAG_DATA_DIR");
    return;
  }
  const match::ScreenOptions options{.explain = false};
  std::vector<double> micros;
  for (auto _ : state) {
    micros.clear();
    for (const std::string& query : fixture.queries) {
      const auto start = std::chrono::steady_clock::now();
      auto hits = fixture.screener->Screen(match::Query{.name = query}, options);
      benchmark::DoNotOptimize(hits);
      micros.push_back(
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
              .count());
    }
  }
  std::sort(micros.begin(), micros.end());
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[micros.size() * 99 / 100];
  state.counters["max_us"] = micros.back();
  state.counters["queries"] = static_cast<double>(micros.size());
}
BENCHMARK(BM_Screen_Latency)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
