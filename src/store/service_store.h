// What the service records beside the lists, in the same database: API keys (hashes only),
// alerts with their history, and the hash-chained audit log (docs/api.md, "Alerts and audit").
//
// Keys: a key is "rf_<key id>_<secret>"; only the SHA-256 of the whole key is stored, and
// Authenticate() compares hashes in constant time. Alerts: one per (customer_ref, entity) while
// it is open; a repeat adds an occurrence; a disposition waits for a different approver
// (four-eyes); an approved false positive suppresses the pair until the entity's content
// changes, and then a new alert says which fields changed. Audit: each entry holds the SHA-256
// of the previous entry; Verify() names the first entry that breaks the chain.
//
// Thread-safety: every method may be called from any thread (an internal mutex serializes
// them). Several processes may share the database (SQLite file or PostgreSQL): every write is
// one transaction holding the database's write lock (sql.h), so an alert is never opened twice,
// an approval never lost and the audit chain never forks.
// Failure: methods return Errors (kDatabase, kNotFound, kPermission for four-eyes violations and
// bad keys, kConflict for a disposition in the wrong state, kInvalidArgument for bad values).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "core/error.h"
#include "store/sql.h"
#include "store/store.h"

namespace redflag::store {

// screener ⊂ analyst ⊂ approver ⊂ admin (DESIGN.md, "HTTP").
enum class Role : std::uint8_t { kScreener = 1, kAnalyst = 2, kApprover = 3, kAdmin = 4 };
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct ApiKey {
  std::string key_id;
  std::string name;  // the user or system it was made for
  Role role = Role::kScreener;
  std::string created_at;
  std::string revoked_at;  // "" while valid
};

struct CreatedKey {
  ApiKey key;
  std::string secret;  // the whole key, shown once
};

// Who did something: the key and its name. Four-eyes compares both.
struct Actor {
  std::string key_id;
  std::string user;
};

enum class Disposition : std::uint8_t { kTrueMatch, kFalsePositive, kNeedsInformation };
std::string_view DispositionName(Disposition disposition);
std::optional<Disposition> ParseDisposition(std::string_view name);

struct AlertEvent {
  std::string at;
  std::string kind;  // opened, occurrence, disposition, approval
  std::string key_id;
  std::string user;
  std::string detail;  // JSON
};

struct Alert {
  std::int64_t alert_id = 0;
  std::string customer_ref;
  std::string entity_id;
  std::string list_id;
  std::string state;        // open | pending_approval | closed
  std::string disposition;  // the approved one, "" before
  std::string opened_at;
  std::string updated_at;
  std::int64_t occurrences = 0;
  double best_score = 0;
  std::string hit_json;      // the hit that opened it
  std::string changes_json;  // fields changed since an approved false positive, "" when none
  std::string pending_disposition;
  std::string pending_user;
  std::string pending_comment;
  std::vector<AlertEvent> events;  // filled by GetAlert only
};

struct AlertFilter {
  std::string state;
  std::string customer_ref;
  std::string list_id;
  std::string since;  // opened_at >= since (ISO 8601 UTC)
  std::int64_t after_id = 0;  // pagination: alerts with a larger id
  std::size_t limit = 100;
};

enum class HitOutcome : std::uint8_t { kOpened, kOccurrence, kSuppressed, kReopened };
std::string_view HitOutcomeName(HitOutcome outcome);

struct ObservedHit {
  std::string customer_ref;
  const core::Entity* entity = nullptr;
  double score = 0;
  std::string hit_json;
};

struct HitResult {
  std::int64_t alert_id = 0;
  HitOutcome outcome = HitOutcome::kOpened;
};

struct AuditEntry {
  std::int64_t seq = 0;
  std::string at;
  std::string kind;   // screening, decision, disposition, approval, import, key_created, ...
  std::string actor;  // key id, or "cli"
  std::string payload;  // JSON
  std::string prev_hash;
  std::string hash;
};

struct AuditVerdict {
  std::int64_t entries = 0;
  std::int64_t first_broken = 0;  // 0 when the chain is intact
  std::string reason;
};

class ServiceStore {
 public:
  // Opens its own connection to the database of `store` (whose Open ran the migrations), or,
  // given a "postgresql://..." URL, to that PostgreSQL database, running its migrations
  // (docs/store.md, "PostgreSQL"); the entity contents for "what changed" still come from
  // `store`'s file then. Any other non-empty URL is kInvalidArgument.
  static core::Result<std::unique_ptr<ServiceStore>> Open(const Store& store,
                                                          std::string_view database_url = {});
  // Which database the records are in (tests, messages).
  sql::Dialect dialect() const;
  ~ServiceStore();
  ServiceStore(const ServiceStore&) = delete;
  ServiceStore& operator=(const ServiceStore&) = delete;

  // Keys. Create and Revoke append an audit entry (actor: `by`).
  core::Result<CreatedKey> CreateKey(Role role, std::string_view name, std::string_view by);
  core::Result<std::vector<ApiKey>> ListKeys() const;
  core::Status RevokeKey(std::string_view key_id, std::string_view by);
  // kPermission for an unknown, malformed or revoked key.
  core::Result<ApiKey> Authenticate(std::string_view secret) const;

  // Alerts (alerts.cc).
  core::Result<HitResult> ObserveHit(const ObservedHit& hit, const Actor& actor);
  core::Result<std::vector<Alert>> ListAlerts(const AlertFilter& filter) const;
  core::Result<Alert> GetAlert(std::int64_t alert_id) const;
  core::Status Dispose(std::int64_t alert_id, Disposition disposition, std::string_view comment,
                       const Actor& actor);
  core::Status Approve(std::int64_t alert_id, const Actor& actor);
  core::Result<std::vector<std::pair<std::string, std::int64_t>>> AlertCountsByState() const;
  // Monitoring (alerts_monitor.cc): the alerts of an entity not yet closed, and a list change
  // recorded on an alert as an event `kind` with `note`; kClose also closes it.
  enum class ListingEffect : std::uint8_t { kNote, kClose };
  core::Result<std::vector<Alert>> UnclosedAlertsOfEntity(std::string_view entity_id) const;
  core::Status RecordListingChange(std::int64_t alert_id, std::string_view kind,
                                   std::string_view note, ListingEffect effect,
                                   const Actor& actor);

  // Audit (audit.cc).
  core::Result<AuditEntry> AppendAudit(std::string_view kind, std::string_view actor,
                                       std::string_view payload_json);
  core::Result<AuditVerdict> VerifyAudit() const;
  core::Result<std::vector<AuditEntry>> ExportAudit(std::string_view since) const;

  struct Impl;

 private:
  explicit ServiceStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace redflag::store
