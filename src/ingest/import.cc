#include "ingest/import.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace redflag::ingest {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

void ImportJobs(store::Store& store, const std::vector<sources::ImportJob>& jobs,
                const std::function<void(const ListOutcome&)>& on_list,
                const ImportOptions& options) {
  // Parse on worker threads while this thread stores the lists in job order: the store's writes
  // are serial anyway.
  std::vector<std::optional<core::Result<sources::ParsedList>>> parsed_lists(jobs.size());
  std::vector<double> parse_seconds(jobs.size(), 0);
  std::mutex mutex;
  std::condition_variable ready;
  std::atomic<std::size_t> next_job = 0;
  auto worker = [&] {
    for (std::size_t job_idx = next_job++; job_idx < jobs.size(); job_idx = next_job++) {
      const auto parse_start = std::chrono::steady_clock::now();
      auto parsed = sources::Parse(jobs[job_idx]);
      const double took = SecondsSince(parse_start);
      std::lock_guard lock(mutex);
      parsed_lists[job_idx].emplace(std::move(parsed));
      parse_seconds[job_idx] = took;
      ready.notify_all();
    }
  };
  const unsigned workers =
      std::clamp(std::thread::hardware_concurrency(), 1u, std::max(options.parse_threads, 1u));
  std::vector<std::thread> threads;
  for (unsigned worker_idx = 0; worker_idx < workers && worker_idx < jobs.size(); ++worker_idx) {
    threads.emplace_back(worker);
  }

  for (std::size_t job_idx = 0; job_idx < jobs.size(); ++job_idx) {
    std::optional<core::Result<sources::ParsedList>> slot;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return parsed_lists[job_idx].has_value(); });
      slot = std::move(parsed_lists[job_idx]);
      parsed_lists[job_idx].reset();
    }
    auto& parsed = *slot;
    ListOutcome outcome{.job = jobs[job_idx], .parse_seconds = parse_seconds[job_idx]};
    if (!parsed) {
      outcome.parse_error = &parsed.error();
      on_list(outcome);
      continue;
    }
    if (options.before_store) options.before_store(*parsed);
    const auto store_start = std::chrono::steady_clock::now();
    const core::Result<store::ImportResult> imported = store.Import(*parsed);
    outcome.store_seconds = SecondsSince(store_start);
    outcome.parsed = &*parsed;
    outcome.imported = &imported;
    on_list(outcome);
  }
  for (auto& thread : threads) thread.join();
}

}  // namespace redflag::ingest
