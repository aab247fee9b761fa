// The hash-chained audit log (service_store.h).
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "core/date.h"
#include "store/service_store_internal.h"

namespace redflag::store {
namespace internal {
namespace {

const std::string kGenesisHash(64, '0');

AuditEntry ReadEntry(const sql::Statement& stmt) {
  AuditEntry entry;
  entry.seq = stmt.Int(0);
  entry.at = stmt.Text(1);
  entry.kind = stmt.Text(2);
  entry.actor = stmt.Text(3);
  entry.payload = stmt.Text(4);
  entry.prev_hash = stmt.Text(5);
  entry.hash = stmt.Text(6);
  return entry;
}

constexpr char kSelectEntries[] =
    "SELECT seq, at, kind, actor, payload, prev_hash, hash FROM audit_log ";

}  // namespace

std::string AuditHash(const AuditEntry& entry) {
  // Lengths before each field, so that no two different entries hash the same bytes.
  std::string bytes = entry.prev_hash;
  for (const std::string* field : {&entry.at, &entry.kind, &entry.actor, &entry.payload}) {
    bytes += fmt::format("|{}:", field->size());
    bytes += *field;
  }
  bytes += fmt::format("|{}", entry.seq);
  return core::Sha256Hex(bytes);
}

core::Result<AuditEntry> AppendAuditInTransaction(const sql::Connection& db, std::string_view kind,
                                                  std::string_view actor,
                                                  std::string_view payload_json) {
  auto last = db.Prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!last) return last.error();
  auto row = last->Step();
  if (!row) return row.error();
  AuditEntry entry;
  entry.seq = *row ? last->Int(0) + 1 : 1;
  entry.prev_hash = *row ? std::string(last->Text(1)) : kGenesisHash;
  entry.at = core::NowUtcMillis();
  entry.kind = kind;
  entry.actor = actor;
  entry.payload = payload_json;
  entry.hash = AuditHash(entry);
  auto insert = db.Prepare(
      "INSERT INTO audit_log (seq, at, kind, actor, payload, prev_hash, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!insert) return insert.error();
  insert->Bind(1, entry.seq).Bind(2, entry.at).Bind(3, entry.kind).Bind(4, entry.actor);
  insert->Bind(5, entry.payload).Bind(6, entry.prev_hash).Bind(7, entry.hash);
  if (auto done = insert->Run(); !done) return done.error();
  return entry;
}

core::Result<AuditEntry> AppendAuditInTransaction(const Database& db, std::string_view kind,
                                                  std::string_view actor,
                                                  std::string_view payload_json) {
  return AppendAuditInTransaction(*sql::BorrowSqlite(db), kind, actor, payload_json);
}

std::string ImportAuditPayload(const core::ParsedList& list, std::int64_t version_id) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& file : list.files) {
    files.push_back({{"path", file.path.string()}, {"sha256", file.sha256}, {"size", file.size}});
  }
  const nlohmann::json payload = {{"list_id", list.list_id},
                                  {"version", version_id},
                                  {"format", list.format},
                                  {"entities", list.entities.size()},
                                  {"files", std::move(files)}};
  return payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

core::Status AuditImport(const Database& db, const core::ParsedList& list,
                         std::int64_t version_id) {
  auto entry = AppendAuditInTransaction(db, "import", "store", ImportAuditPayload(list, version_id));
  if (!entry) return entry.error();
  return core::Ok();
}

core::Status AuditImportElsewhere(ServiceStore::Impl& impl, const core::ParsedList& list,
                                  std::int64_t version_id) {
  auto lease = impl.Acquire();
  auto tx = sql::Transaction::Begin(*lease);
  if (!tx) return tx.error();
  auto entry = AppendAuditInTransaction(*lease, "import", "store",
                                        ImportAuditPayload(list, version_id));
  if (!entry) return entry.error();
  return tx->Commit();
}

}  // namespace internal

core::Result<AuditEntry> ServiceStore::AppendAudit(std::string_view kind, std::string_view actor,
                                                   std::string_view payload_json) {
  auto lease = impl_->Acquire();
  auto tx = sql::Transaction::Begin(*lease);
  if (!tx) return tx.error();
  auto entry = internal::AppendAuditInTransaction(*lease, kind, actor, payload_json);
  if (!entry) return entry.error();
  if (auto done = tx->Commit(); !done) return done.error();
  return entry;
}

core::Result<AuditVerdict> ServiceStore::VerifyAudit() const {
  auto lease = impl_->Acquire();
  auto stmt = lease->Prepare(std::string(internal::kSelectEntries) + "ORDER BY seq");
  if (!stmt) return stmt.error();
  AuditVerdict verdict;
  std::string expected_prev = internal::kGenesisHash;
  std::int64_t expected_seq = 1;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    const AuditEntry entry = internal::ReadEntry(*stmt);
    ++verdict.entries;
    std::string reason;
    if (entry.seq != expected_seq) {
      reason = fmt::format("entry {} follows entry {}: an entry is missing", entry.seq,
                           expected_seq - 1);
    } else if (entry.prev_hash != expected_prev) {
      reason = fmt::format("entry {} does not hold the hash of entry {}", entry.seq,
                           entry.seq - 1);
    } else if (internal::AuditHash(entry) != entry.hash) {
      reason = fmt::format("entry {} ({}) was changed after it was written: its content does "
                           "not match its hash",
                           entry.seq, entry.kind);
    }
    if (!reason.empty()) {
      verdict.first_broken = entry.seq;
      verdict.reason = std::move(reason);
      return verdict;
    }
    expected_prev = entry.hash;
    ++expected_seq;
  }
  return verdict;
}

core::Result<std::vector<AuditEntry>> ServiceStore::ExportAudit(std::string_view since) const {
  auto lease = impl_->Acquire();
  auto stmt = lease->Prepare(std::string(internal::kSelectEntries) +
                                "WHERE at >= ? ORDER BY seq");
  if (!stmt) return stmt.error();
  stmt->Bind(1, since);
  std::vector<AuditEntry> entries;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    entries.push_back(internal::ReadEntry(*stmt));
  }
  return entries;
}

}  // namespace redflag::store
