// Screening books of counterparties against the lists, whole or on a list delta
// (docs/monitoring.md, "Delta re-screening").
//
// ScreenRows() is the full path: every row is a query against the generation's screener, and
// every hit at or above the alert threshold goes to ServiceStore::ObserveHit (which opens an
// alert, adds an occurrence, or keeps an approved false positive suppressed).
//
// ScreenDelta() is the path run after a list import. It indexes the book's names once (the
// inverted direction) and queries that index with every name of the added and changed listed
// entities, so its work grows with the delta, not the book. Each candidate row found is then
// screened forward exactly as ScreenRows() does, and only hits on delta entities are kept: the
// scores and alerts are those of a full re-screen. Alerts of removed entities are closed, and
// alerts of changed entities that no longer match are closed, each with a note saying which
// list version did it. New alerts carry the cause ("added to ofac_sdn in version 7", "a.k.a.
// added in version 7: ...") in their hit JSON.
//
// Thread-safety: a Monitor is used by one thread at a time; the stores serialize themselves.
// Failure: store errors come back as they are; a row whose name cannot be screened (no letters)
// is counted in `invalid_rows` and skipped.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/error.h"
#include "engine/engine.h"
#include "store/book_store.h"
#include "store/service_store.h"

namespace redflag::monitor {

struct MonitorOptions {
  double alert_threshold = match::kDefaultThreshold;
  // Reverse-index candidates are kept from this score: lower than the alert threshold because
  // the reverse direction (listed name as query) scores a pair a little differently.
  double candidate_threshold = 0.6;
  std::size_t hit_limit = 50;  // per row, as the forward screen of the API
};

struct RescreenStats {
  std::size_t rows = 0;        // rows screened forward
  std::size_t queries = 0;     // listed names queried against the book index (delta only)
  std::size_t hits = 0;        // hits at or above the alert threshold
  std::size_t opened = 0;
  std::size_t occurrences = 0;
  std::size_t suppressed = 0;
  std::size_t reopened = 0;
  std::size_t closed = 0;      // alerts closed by a removed or changed listing
  std::size_t invalid_rows = 0;
};

class Monitor {
 public:
  Monitor(store::ServiceStore& records, store::Actor actor, MonitorOptions options = {})
      : records_(records), actor_(std::move(actor)), options_(options) {}

  core::Result<RescreenStats> ScreenRows(const engine::Generation& generation,
                                         const std::vector<store::BookRow>& rows,
                                         const std::string& cause);

  core::Result<RescreenStats> ScreenDelta(const engine::Generation& generation,
                                          const std::vector<store::BookRow>& rows,
                                          const store::ListDiff& diff);

 private:
  store::ServiceStore& records_;
  store::Actor actor_;
  MonitorOptions options_;
};

}  // namespace redflag::monitor
