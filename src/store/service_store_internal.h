// Shared by service_store.cc, alerts.cc and audit.cc (internal to src/store).
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "store/service_store.h"
#include "core/parsed_list.h"
#include "store/sqlite_internal.h"

namespace redflag::store {

struct ServiceStore::Impl {
  internal::Database db;
  mutable std::mutex mutex;  // the connection is NOMUTEX: every use holds this
};

namespace internal {

// Appends one audit entry inside the caller's write transaction (BEGIN IMMEDIATE), so that the
// entry and the change it records commit together and the chain never forks between processes.
core::Result<AuditEntry> AppendAuditInTransaction(const Database& db, std::string_view kind,
                                                  std::string_view actor,
                                                  std::string_view payload_json);

// The audit entry of a list import (list, version, files and their sha256, counts), inside the
// import's transaction.
core::Status AuditImport(const Database& db, const core::ParsedList& list,
                         std::int64_t version_id);

// The hash an entry must carry: SHA-256 over its previous hash and its fields.
std::string AuditHash(const AuditEntry& entry);

}  // namespace internal
}  // namespace redflag::store
