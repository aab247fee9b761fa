// The engine: the one place that opens a data directory, loads the active list versions, builds
// the index once and hands out an immutable screener and decider over it. The CLI, the HTTP
// service (src/api) and future workers call only this to get at list data.
//
// What it hands out is a Generation: the active versions it was built from, the snapshot, ONE
// match::Screener over it, and (when asked for) a rules::Decider that screens parties with that
// same Screener. A Generation never changes; Current() returns a shared_ptr to it, so a request
// that took it keeps it (and every entity a hit points to) alive until it ends, whatever reloads
// happen meanwhile. Reload() builds a new Generation off to the side and swaps the pointer; a
// failed reload returns its Error and changes nothing that is served.
//
// Thread-safety: Current() and Reload() may be called from any thread; Current() only copies a
// pointer under a mutex (no request waits for a build). Reloads are serialized among themselves.
// Failure: Open() and Reload() return Errors (kConflict when no lists are imported and
// EngineOptions::require_lists, kValidation for a broken rule file, store errors as they come);
// nothing throws.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "core/error.h"
#include "index/snapshot.h"
#include "match/screener.h"
#include "rules/decider.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace redflag::engine {

struct EngineOptions {
  // Load the lists that are kept for rules but never screened (index::kUnscreenedLists, the IEEE
  // MAC registry, ~58k entities). Decisions need them; screen and compare skip them to start
  // faster. Screening results are the same either way.
  bool unscreened_lists = true;
  // Build a Decider. Its rule set is loaded (before any list data) from `rules_dir`, or
  // rules::DefaultRulesDir() when empty.
  bool decider = false;
  std::filesystem::path rules_dir;
  // Open() fails with kConflict when no list is imported. The service sets false: it starts,
  // reports not ready, and loads the lists when they appear.
  bool require_lists = true;
};

// One immutable build of the active list data.
struct Generation {
  std::uint64_t number = 0;                 // 1 for the first build, +1 per swap
  std::vector<store::ListVersion> versions;  // the active versions it was built from, by list_id
  std::shared_ptr<const index::Snapshot> snapshot;
  std::shared_ptr<const match::Screener> screener;
  std::shared_ptr<const rules::Decider> decider;  // null unless EngineOptions::decider
};

enum class ReloadMode : std::uint8_t {
  kIfChanged,  // rebuild only when the store's active versions differ from Current()'s
  kAlways,
};

class Engine {
 public:
  static core::Result<std::unique_ptr<Engine>> Open(const std::filesystem::path& data_dir,
                                                    EngineOptions options = {});

  // The generation being served; null only when no list is imported (require_lists = false).
  std::shared_ptr<const Generation> Current() const;

  // Rebuilds and swaps; returns true when a new generation was swapped in. On an Error the
  // current generation stays.
  core::Result<bool> Reload(ReloadMode mode = ReloadMode::kIfChanged);

  // The store the engine reads (alerts, audit, keys and list history live there too).
  store::Store& store() const { return *store_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }

 private:
  Engine(std::filesystem::path data_dir, std::unique_ptr<store::Store> store,
         EngineOptions options);
  core::Result<std::shared_ptr<const Generation>> Build(std::vector<store::ListVersion> versions,
                                                        std::uint64_t number) const;

  std::filesystem::path data_dir_;
  std::unique_ptr<store::Store> store_;
  EngineOptions options_;
  std::unique_ptr<rules::RuleSet> rule_set_;  // loaded once by Open when options_.decider

  mutable std::mutex current_mutex_;  // guards current_ only; held for a pointer copy
  std::shared_ptr<const Generation> current_;
  std::mutex reload_mutex_;  // one build at a time
};

// The active versions the engine loads under `options` (unscreened lists dropped when asked).
bool LoadsList(const EngineOptions& options, std::string_view list_id);

}  // namespace redflag::engine
