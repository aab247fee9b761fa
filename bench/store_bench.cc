// Store start-up cost: open the database and load every active entity (the budget is "open +
// load + build index <= 1 s" for all lists). The store is built once per run from the real
// lists ($REDFLAG_DATA_DIR/lists and ieee-oui, through the registry), in a temporary directory.
// Baseline in the same run: BM_DecodeActiveBlobs decodes the same blobs already in memory, so
// the difference to BM_LoadActiveEntities is SQLite's share. Each benchmark checks its answer
// (the entity count equals the sum of the active versions' counts) before timing.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench_data.h"
#include "sources/registry.h"
#include "store/entity_codec.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using redflag::store::Store;

using redflag::bench::DataDir;

// Imports everything once; returns the data dir and the expected entity count.
struct BenchStore {
  fs::path dir;
  std::size_t expected = 0;
  std::string error;

  BenchStore() {
    dir = fs::temp_directory_path() / ("redflag-store-bench-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    auto store = Store::Open(dir);
    if (!store) {
      error = store.error().ToString();
      return;
    }
    for (const char* root : {"lists", "ieee-oui"}) {
      redflag::core::Diagnostics diagnostics;
      auto jobs = redflag::sources::Discover(DataDir() / root, diagnostics);
      if (!jobs) {
        error = jobs.error().ToString();
        return;
      }
      for (const auto& job : *jobs) {
        auto parsed = redflag::sources::Parse(job);
        if (!parsed) {
          error = parsed.error().ToString();
          return;
        }
        auto imported = (*store)->Import(*parsed);
        if (!imported) {
          error = imported.error().ToString();
          return;
        }
        expected += parsed->entities.size();
      }
    }
  }
  ~BenchStore() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

BenchStore& Shared() {
  static BenchStore store;
  return store;
}

void BM_LoadActiveEntities(benchmark::State& state) {
  auto& shared = Shared();
  if (!shared.error.empty()) return state.SkipWithError(shared.error.c_str());
  auto store = Store::Open(shared.dir);
  if (!store) return state.SkipWithError(store.error().ToString().c_str());
  auto check = (*store)->LoadActiveEntities();
  if (!check || check->size() != shared.expected) {
    return state.SkipWithError("wrong entity count: wrong data?");
  }
  for (auto _ : state) {
    auto entities = (*store)->LoadActiveEntities();
    benchmark::DoNotOptimize(entities);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(shared.expected));
  state.counters["entities"] = static_cast<double>(shared.expected);
}
BENCHMARK(BM_LoadActiveEntities)->Unit(benchmark::kMillisecond);

void BM_OpenAndLoadActiveEntities(benchmark::State& state) {
  auto& shared = Shared();
  if (!shared.error.empty()) return state.SkipWithError(shared.error.c_str());
  for (auto _ : state) {
    auto store = Store::Open(shared.dir);
    if (!store) return state.SkipWithError(store.error().ToString().c_str());
    auto entities = (*store)->LoadActiveEntities();
    if (!entities || entities->size() != shared.expected) {
      return state.SkipWithError("wrong entity count: wrong data?");
    }
    benchmark::DoNotOptimize(entities);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(shared.expected));
}
BENCHMARK(BM_OpenAndLoadActiveEntities)->Unit(benchmark::kMillisecond);

// Baseline: the codec alone over the same entities' blobs, already in memory.
void BM_DecodeActiveBlobs(benchmark::State& state) {
  auto& shared = Shared();
  if (!shared.error.empty()) return state.SkipWithError(shared.error.c_str());
  auto store = Store::Open(shared.dir);
  if (!store) return state.SkipWithError(store.error().ToString().c_str());
  auto entities = (*store)->LoadActiveEntities();
  if (!entities || entities->size() != shared.expected) {
    return state.SkipWithError("wrong entity count: wrong data?");
  }
  std::vector<std::string> blobs;
  blobs.reserve(entities->size());
  for (const auto& entity : *entities) blobs.push_back(redflag::store::EncodeEntity(entity));
  for (auto _ : state) {
    std::vector<redflag::core::Entity> decoded;
    decoded.reserve(blobs.size());
    for (const auto& blob : blobs) decoded.push_back(*redflag::store::DecodeEntity(blob));
    benchmark::DoNotOptimize(decoded);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(blobs.size()));
}
BENCHMARK(BM_DecodeActiveBlobs)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
