// Parse -> import: the one loop behind `redflag lists import` and `redflag lists update`.
//
// Each job (a list and its files, sources::Discover) is parsed by the source parsers and stored as
// a new version of its list (store::Store::Import, atomic per list). Failure is per list: a list
// whose parse or import fails changes nothing in the store, and the others go on.
// Thread-safety: parsers run on up to ImportOptions::parse_threads threads (they share no state);
// the store's writes and every call of `on_list` happen on the calling thread, in job order.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"
#include "sources/registry.h"
#include "store/store.h"

namespace redflag::ingest {

// What happened to one job, handed to the caller as soon as it is stored (or has failed).
struct ListOutcome {
  const sources::ImportJob& job;
  double parse_seconds = 0;
  double store_seconds = 0;
  const core::Error* parse_error = nullptr;          // set when the parse failed
  const sources::ParsedList* parsed = nullptr;       // set when it parsed
  const core::Result<store::ImportResult>* imported = nullptr;  // set when it parsed
};

struct ImportOptions {
  unsigned parse_threads = 2;  // at most; never more than the machine's cores
  // Called on each parsed list before it is stored, e.g. to record the URLs files came from.
  std::function<void(sources::ParsedList&)> before_store;
};

// Parses and stores every job, calling `on_list` once per job in job order.
void ImportJobs(store::Store& store, const std::vector<sources::ImportJob>& jobs,
                const std::function<void(const ListOutcome&)>& on_list,
                const ImportOptions& options = {});

}  // namespace redflag::ingest
