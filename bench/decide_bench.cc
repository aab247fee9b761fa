// `redflag decide` after load: a 5-party, 10-item export decided over the real lists
// (REDFLAG_DATA_DIR/lists + ieee-oui, read with the sources parsers, indexed, real matcher).
// Target (issue #4): p99 <= 2 ms. Reports p50/p99 of single decisions as counters; the baseline
// in the same run is the screening of the same five names alone (BM_ScreenFiveParties), so the
// rule evaluation's own cost is the difference.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <vector>

#include "bench_data.h"
#include "index/snapshot.h"
#include "match/screener.h"
#include "rules/decider_factory.h"
#include "rules/transaction.h"
#include "sources/registry.h"

namespace {

namespace fs = std::filesystem;
using namespace redflag;

struct Loaded {
  std::shared_ptr<const index::Snapshot> snapshot;
  std::unique_ptr<rules::Decider> decider;
  rules::Transaction transaction;
  std::string error;
};

constexpr const char* kTransaction = R"({
  "type": "export", "date": "2021-05-04", "destination": "CN",
  "parties": [
    {"role": "exporter", "name": "Acme Sensors Inc.", "country": "US"},
    {"role": "purchaser", "name": "HIK-VISION DIGITAL TECH CO LTD", "country": "CN"},
    {"role": "intermediate_consignee", "name": "Dahua Technology", "country": "CN"},
    {"role": "ultimate_consignee", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
     "country": "CN", "owners": [{"name": "China Electronics Technology Group", "percent": 40}]},
    {"role": "forwarding_agent", "name": "Harbour Lights Freight Ltd", "country": "HK"}
  ],
  "items": [
    {"description": "cable", "eccn": "EAR99", "origin": "US"},
    {"description": "detector", "eccn": "1A004.c", "origin": "US"},
    {"description": "sensor", "eccn": "3A991", "origin": "TW", "us_content_percent": 30},
    {"description": "sensor", "eccn": "3A991", "origin": "TW", "us_content_percent": 10},
    {"description": "camera", "eccn": "6A003.b.4", "origin": "US"},
    {"description": "software", "eccn": "5D992.c", "origin": "US"},
    {"description": "chip", "eccn": "3A001.a", "origin": "KR", "direct_product": true,
     "us_content_percent": 0},
    {"description": "mask", "eccn": "1A999.a", "origin": "US"},
    {"description": "tools", "eccn": "EAR99", "origin": "US"},
    {"description": "laptop", "eccn": "5A992.c", "origin": "US"}
  ]
})";

Loaded& Load() {
  static Loaded* loaded = [] {
    auto* out = new Loaded();
    auto entities = bench::LoadAllLists();
    if (!entities) {
      out->error = entities.error().ToString();
      return out;
    }
    auto snapshot = index::Snapshot::Build(std::move(*entities));
    auto rules = rules::LoadRuleSet(rules::DefaultRulesDir());
    auto tx = rules::ParseTransaction(kTransaction);
    if (!snapshot || !rules || !tx) {
      out->error = "load failed";
      return out;
    }
    out->snapshot = *snapshot;
    auto decider = rules::MakeDecider(std::move(*rules), out->snapshot);
    if (!decider) {
      out->error = decider.error().ToString();
      return out;
    }
    out->decider = std::move(*decider);
    out->transaction = std::move(*tx);
    return out;
  }();
  return *loaded;
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t idx = std::min(values.size() - 1, static_cast<std::size_t>(p * values.size()));
  return values[idx];
}

void BM_Decide_5Parties10Items(benchmark::State& state) {
  Loaded& loaded = Load();
  if (!loaded.error.empty()) {
    state.SkipWithError(loaded.error.c_str());
    return;
  }
  // Check the answer before timing: the listed purchaser makes a licence necessary.
  auto check = loaded.decider->Decide(loaded.transaction);
  if (!check || check->outcome < rules::Effect::kLicenseRequired) {
    state.SkipWithError("unexpected decision: wrong data?");
    return;
  }
  std::vector<double> micros;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto decision = loaded.decider->Decide(loaded.transaction);
    const auto stop = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(decision);
    const double elapsed = std::chrono::duration<double>(stop - start).count();
    state.SetIterationTime(elapsed);
    micros.push_back(elapsed * 1e6);
  }
  state.counters["p50_us"] = Percentile(micros, 0.50);
  state.counters["p99_us"] = Percentile(micros, 0.99);
}
BENCHMARK(BM_Decide_5Parties10Items)->UseManualTime()->Unit(benchmark::kMicrosecond);

void BM_ScreenFiveParties(benchmark::State& state) {
  Loaded& loaded = Load();
  if (!loaded.error.empty()) {
    state.SkipWithError(loaded.error.c_str());
    return;
  }
  const match::Screener screener(loaded.snapshot);
  for (auto _ : state) {
    for (const auto& party : loaded.transaction.parties) {
      match::Query query;
      query.name = party.name;
      query.country = party.country;
      benchmark::DoNotOptimize(screener.Screen(query, {.explain = false}));
    }
  }
}
BENCHMARK(BM_ScreenFiveParties)->Unit(benchmark::kMicrosecond);

// The same parties without items or owners: separates screening from item evaluation.
void BM_Decide_5PartiesNoItems(benchmark::State& state) {
  Loaded& loaded = Load();
  if (!loaded.error.empty()) {
    state.SkipWithError(loaded.error.c_str());
    return;
  }
  rules::Transaction tx = loaded.transaction;
  tx.items.clear();
  for (auto& party : tx.parties) party.owners.clear();
  for (auto _ : state) benchmark::DoNotOptimize(loaded.decider->Decide(tx));
}
BENCHMARK(BM_Decide_5PartiesNoItems)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
