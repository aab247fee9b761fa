#include "engine/engine.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <utility>

#include "core/memory.h"
#include "rules/decider_factory.h"

namespace redflag::engine {
namespace {

bool SameVersions(const std::vector<store::ListVersion>& left,
                  const std::vector<store::ListVersion>& right) {
  return std::equal(left.begin(), left.end(), right.begin(), right.end(),
                    [](const store::ListVersion& a, const store::ListVersion& b) {
                      return a.version_id == b.version_id;
                    });
}

core::Error NoListsError(const std::filesystem::path& data_dir) {
  return core::MakeError(core::ErrorCode::kConflict,
                         "no lists imported yet in " + data_dir.string() +
                             ": run `redflag lists import DIR` first (or `redflag demo`)");
}

}  // namespace

bool LoadsList(const EngineOptions& options, std::string_view list_id) {
  if (options.unscreened_lists) return true;
  return std::find(std::begin(index::kUnscreenedLists), std::end(index::kUnscreenedLists),
                   list_id) == std::end(index::kUnscreenedLists);
}

Engine::Engine(std::filesystem::path data_dir, std::unique_ptr<store::Store> store,
               EngineOptions options)
    : data_dir_(std::move(data_dir)), store_(std::move(store)), options_(std::move(options)) {}

core::Result<std::unique_ptr<Engine>> Engine::Open(const std::filesystem::path& data_dir,
                                                   EngineOptions options) {
  std::unique_ptr<rules::RuleSet> rule_set;
  if (options.decider) {
    // Rules before data, so that a broken rule file is reported even when no list is imported.
    auto loaded = rules::LoadRuleSet(options.rules_dir.empty() ? rules::DefaultRulesDir()
                                                               : options.rules_dir);
    if (!loaded) {
      core::Error error = loaded.error();
      // A broken rule file is a data problem of the installation, not of the caller's input.
      if (error.code == core::ErrorCode::kInvalidArgument) error.code = core::ErrorCode::kValidation;
      return error;
    }
    rule_set = std::make_unique<rules::RuleSet>(std::move(*loaded));
  }
  auto store = store::Store::Open(data_dir);
  if (!store) return store.error();
  std::unique_ptr<Engine> engine(new Engine(data_dir, std::move(*store), std::move(options)));
  engine->rule_set_ = std::move(rule_set);
  auto loaded = engine->Reload(ReloadMode::kAlways);
  if (!loaded) {
    // An empty store is not an error for the service: it is simply not ready yet.
    if (loaded.error().code != core::ErrorCode::kConflict || engine->options_.require_lists) {
      return loaded.error();
    }
  }
  return engine;
}

std::shared_ptr<const Generation> Engine::Current() const {
  std::lock_guard lock(current_mutex_);
  return current_;
}

core::Result<bool> Engine::Reload(ReloadMode mode) {
  std::lock_guard reload_lock(reload_mutex_);
  auto active = store_->ActiveVersions();
  if (!active) return active.error();
  std::vector<store::ListVersion> versions;
  for (store::ListVersion& version : *active) {
    if (LoadsList(options_, version.list_id)) versions.push_back(std::move(version));
  }
  const std::shared_ptr<const Generation> current = Current();
  if (mode == ReloadMode::kIfChanged && current != nullptr &&
      SameVersions(current->versions, versions)) {
    return false;
  }
  auto built = Build(std::move(versions), current == nullptr ? 1 : current->number + 1);
  if (!built) return built.error();
  {
    std::lock_guard lock(current_mutex_);
    current_ = std::move(*built);
  }
  return true;
}

core::Result<std::shared_ptr<const Generation>> Engine::Build(
    std::vector<store::ListVersion> versions, std::uint64_t number) const {
  std::vector<core::Entity> entities;
  // Versions come by list_id and each in file order: the same order as
  // Store::LoadActiveEntities, so the snapshot (and every tie between hits) is the same.
  for (const store::ListVersion& version : versions) {
    auto list = store_->LoadEntities(version.version_id);
    if (!list) return list.error();
    entities.insert(entities.end(), std::make_move_iterator(list->begin()),
                    std::make_move_iterator(list->end()));
  }
  if (entities.empty()) return NoListsError(data_dir_);
  core::ReleaseFreeMemory();
  auto snapshot = index::Snapshot::Build(std::move(entities));
  if (!snapshot) return snapshot.error();
  auto generation = std::make_shared<Generation>();
  generation->number = number;
  generation->versions = std::move(versions);
  generation->snapshot = *snapshot;
  generation->screener = std::make_shared<const match::Screener>(generation->snapshot);
  if (rule_set_ != nullptr) {
    // Decisions say which list versions they used (docs/rules.md, issue 19 point 7).
    rules::DeciderOptions decider_options;
    for (const store::ListVersion& version : generation->versions) {
      decider_options.list_versions.push_back(rules::ListUsed{.list_id = version.list_id,
                                                              .version_id = version.version_id,
                                                              .published = version.published,
                                                              .imported_at = version.imported_at});
    }
    auto decider = rules::MakeDecider(*rule_set_, generation->screener, decider_options);
    if (!decider) return decider.error();
    generation->decider = std::move(*decider);
  }
  core::ReleaseFreeMemory();
  return std::shared_ptr<const Generation>(std::move(generation));
}

}  // namespace redflag::engine
