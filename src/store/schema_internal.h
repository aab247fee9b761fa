// The store's schema migrations (internal to src/store): schema.cc holds them, Store::Open runs
// the missing ones.
#pragma once

#include <span>

namespace redflag::store::internal {

struct Migration {
  int version;
  const char* description;
  const char* sql;
};

// Ordered schema steps. Never edit a released step: append a new one. Each runs in its own
// transaction together with the schema_version bump.
std::span<const Migration> Migrations();

// The monitoring tables (schema_monitor.cc), version 20.
extern const Migration kMonitorMigration;

}  // namespace redflag::store::internal
