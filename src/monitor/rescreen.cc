// Full and delta re-screening of books (rescreen.h).
#include "monitor/rescreen.h"

#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "match/hit_json.h"

namespace redflag::monitor {
namespace {

constexpr char kBookListId[] = "book";
// The reverse index returns at most this many rows per listed name: a common name ("Ali") may
// match many customers, and each one is screened forward afterwards.
constexpr std::size_t kReverseLimit = 5000;

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

match::Query QueryFor(const store::BookRow& row) {
  match::Query query;
  query.name = row.name;
  query.type = core::ParseEntityType(row.type);
  query.country = row.country;
  if (auto dob = core::ParseDate(row.dob)) query.dob = *dob;
  return query;
}

// Why an entity of the delta can hit now: the sentence new alerts carry.
std::map<std::string, std::string> DeltaCauses(const store::ListDiff& diff) {
  std::map<std::string, std::string> causes;
  const std::string version = " in version " + std::to_string(diff.to_version);
  for (const store::EntityRef& added : diff.added) {
    causes[added.id] = "added to " + diff.list_id + version;
  }
  for (const store::EntityChange& changed : diff.changed) {
    std::string cause = "listing on " + diff.list_id + " changed" + version;
    for (const store::FieldChange& change : changed.changes) {
      if (change.field == "names" && !change.new_value.empty()) {
        cause = "a.k.a. added to " + diff.list_id + version + ": " + change.new_value;
      }
    }
    causes[changed.id] = cause;
  }
  return causes;
}

// The book's rows as entities of a throwaway list, indexed: listed names become the queries.
core::Result<std::shared_ptr<const match::Screener>> IndexBook(
    const std::vector<store::BookRow>& rows) {
  std::vector<core::Entity> entities;
  entities.reserve(rows.size());
  for (std::size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
    core::Entity entity;
    entity.native_id = std::to_string(row_idx);
    entity.list_id = kBookListId;
    entity.id = core::MakeEntityId(kBookListId, entity.native_id);
    entity.type = core::ParseEntityType(rows[row_idx].type);
    entity.names.push_back(core::Name{.full = rows[row_idx].name});
    entities.push_back(std::move(entity));
  }
  auto snapshot = index::Snapshot::Build(std::move(entities));
  if (!snapshot) return snapshot.error();
  return std::make_shared<const match::Screener>(std::move(*snapshot));
}

// Hits of one row at or above the alert threshold; an unscreenable name gives none.
std::vector<match::Hit> ForwardHits(const match::Screener& screener,
                                           const store::BookRow& row, const MonitorOptions& options,
                                           RescreenStats& stats) {
  ++stats.rows;
  auto hits = screener.Screen(QueryFor(row), {.threshold = options.alert_threshold,
                                              .limit = options.hit_limit,
                                              .explain = false});
  if (!hits) {
    ++stats.invalid_rows;
    return {};
  }
  return std::move(*hits);
}

core::Status Observe(store::ServiceStore& records, const store::Actor& actor,
                            const std::string& customer_ref, const match::Hit& hit,
                            const std::string& cause, RescreenStats& stats) {
  nlohmann::json hit_json = match::HitToJson(hit, {.explanation = false});
  hit_json["cause"] = cause;
  auto result = records.ObserveHit(store::ObservedHit{.customer_ref = customer_ref,
                                                      .entity = hit.entity,
                                                      .score = hit.score,
                                                      .hit_json = Dump(hit_json)},
                                   actor);
  if (!result) return result.error();
  ++stats.hits;
  switch (result->outcome) {
    case store::HitOutcome::kOpened: ++stats.opened; break;
    case store::HitOutcome::kOccurrence: ++stats.occurrences; break;
    case store::HitOutcome::kSuppressed: ++stats.suppressed; break;
    case store::HitOutcome::kReopened: ++stats.reopened; break;
  }
  return core::Ok();
}

struct FoundHit {
  std::string customer_ref;
  match::Hit hit;
};

// The book rows that any name of a delta entity may match (the reverse direction).
core::Result<std::set<std::size_t>> CandidateRows(const engine::Generation& generation,
                                                  const std::vector<store::BookRow>& rows,
                                                  const store::ListDiff& diff,
                                                  const std::map<std::string, std::string>& causes,
                                                  const MonitorOptions& options,
                                                  RescreenStats& stats) {
  std::set<std::size_t> candidates;
  if (causes.empty() || rows.empty()) return candidates;
  auto book = IndexBook(rows);
  if (!book) return book.error();
  for (const core::Entity& entity : generation.snapshot->entities()) {
    if (entity.list_id != diff.list_id || !causes.contains(entity.id)) continue;
    for (const core::Name& name : entity.names) {
      ++stats.queries;
      auto hits = (*book)->Screen(match::Query{.name = name.full, .type = entity.type},
                                  {.threshold = options.candidate_threshold,
                                   .limit = kReverseLimit,
                                   .explain = false});
      if (!hits) continue;  // a listed name with nothing to index (only a legal form)
      for (const match::Hit& hit : *hits) {
        candidates.insert((*book)->snapshot().IndexOf(hit.entity));
      }
    }
  }
  return candidates;
}

// What a delta run shares among its steps.
struct DeltaRun {
  store::ServiceStore& records;
  const store::Actor& actor;
  const std::vector<store::BookRow>& rows;
  const std::set<std::size_t>& candidates;
  const std::set<std::pair<std::string, std::string>>& found_pairs;
  std::function<void(std::size_t)> screen_row;  // forward screen, collects delta hits
};

// Alerts of changed listings: kept when the pair still hits (the hit adds an occurrence later),
// closed when it no longer does. A row the reverse index did not return is screened here, so a
// pair is never closed without being screened against the new version.
core::Status SettleChanged(DeltaRun& run, const store::ListDiff& diff, RescreenStats& stats) {
  std::unordered_map<std::string_view, std::size_t> row_of_ref;
  for (std::size_t row_idx = 0; row_idx < run.rows.size(); ++row_idx) {
    row_of_ref.emplace(run.rows[row_idx].customer_ref, row_idx);
  }
  const std::string note =
      "listing on " + diff.list_id + " changed in version " + std::to_string(diff.to_version);
  for (const store::EntityChange& changed : diff.changed) {
    auto alerts = run.records.UnclosedAlertsOfEntity(changed.id);
    if (!alerts) return alerts.error();
    for (const store::Alert& alert : *alerts) {
      auto row = row_of_ref.find(alert.customer_ref);
      if (row == row_of_ref.end()) continue;  // not a book row (an API screening): left as is
      if (!run.candidates.contains(row->second)) run.screen_row(row->second);
      const bool still = run.found_pairs.contains({alert.customer_ref, changed.id});
      auto done = run.records.RecordListingChange(
          alert.alert_id, still ? "listing_changed" : "listing_changed_no_match",
          still ? note : note + "; no longer matches",
          still ? store::ServiceStore::ListingEffect::kNote
                : store::ServiceStore::ListingEffect::kClose,
          run.actor);
      if (!done) return done;
      if (!still) ++stats.closed;
    }
  }
  return core::Ok();
}

}  // namespace

core::Result<RescreenStats> Monitor::ScreenRows(const engine::Generation& generation,
                                                const std::vector<store::BookRow>& rows,
                                                const std::string& cause) {
  RescreenStats stats;
  for (const store::BookRow& row : rows) {
    for (const match::Hit& hit : ForwardHits(*generation.screener, row, options_, stats)) {
      if (auto done = Observe(records_, actor_, row.customer_ref, hit, cause, stats); !done) {
        return done.error();
      }
    }
  }
  return stats;
}

core::Result<RescreenStats> Monitor::ScreenDelta(const engine::Generation& generation,
                                                 const std::vector<store::BookRow>& rows,
                                                 const store::ListDiff& diff) {
  RescreenStats stats;
  const auto causes = DeltaCauses(diff);
  auto candidates = CandidateRows(generation, rows, diff, causes, options_, stats);
  if (!candidates) return candidates.error();
  std::vector<FoundHit> found;
  std::set<std::pair<std::string, std::string>> found_pairs;
  auto screen_row = [&](std::size_t row_idx) {
    for (match::Hit& hit : ForwardHits(*generation.screener, rows[row_idx], options_, stats)) {
      if (!causes.contains(hit.entity->id)) continue;
      found_pairs.emplace(rows[row_idx].customer_ref, hit.entity->id);
      found.push_back(FoundHit{rows[row_idx].customer_ref, std::move(hit)});
    }
  };
  for (std::size_t row_idx : *candidates) screen_row(row_idx);

  const std::string version = " in version " + std::to_string(diff.to_version);
  for (const store::EntityRef& removed : diff.removed) {
    auto alerts = records_.UnclosedAlertsOfEntity(removed.id);
    if (!alerts) return alerts.error();
    for (const store::Alert& alert : *alerts) {
      auto done = records_.RecordListingChange(
          alert.alert_id, "listing_removed", "removed from " + diff.list_id + version,
          store::ServiceStore::ListingEffect::kClose, actor_);
      if (!done) return done.error();
      ++stats.closed;
    }
  }
  DeltaRun run{records_, actor_, rows, *candidates, found_pairs, screen_row};
  if (auto done = SettleChanged(run, diff, stats); !done) return done.error();
  for (const FoundHit& item : found) {
    auto done = Observe(records_, actor_, item.customer_ref, item.hit,
                        causes.at(item.hit.entity->id), stats);
    if (!done) return done.error();
  }
  return stats;
}

}  // namespace redflag::monitor
