// ServiceStore: opening, roles and API keys (alerts.cc and audit.cc hold the rest).
#include "store/service_store.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <chrono>
#include <ctime>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/json_text.h"
#include "core/sha256.h"
#include "store/schema_internal.h"
#include "store/service_store_internal.h"

namespace redflag::store {
namespace {

constexpr std::size_t kKeyIdBytes = 6;
// Connections per process to PostgreSQL (ServiceStore::Impl::pool).
constexpr int kPostgresConnections = 4;
constexpr std::size_t kSecretBytes = 24;

core::Result<std::string> RandomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
    return core::MakeError(core::ErrorCode::kInternal, "the system random generator failed");
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : raw) {
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0xf]);
  }
  return hex;
}

// "rf_<key id>_<secret>" -> key id, or "" when the shape is wrong.
std::string_view KeyIdOf(std::string_view secret) {
  if (secret.size() != 3 + 2 * kKeyIdBytes + 1 + 2 * kSecretBytes) return {};
  if (secret.substr(0, 3) != "rf_" || secret[3 + 2 * kKeyIdBytes] != '_') return {};
  return secret.substr(3, 2 * kKeyIdBytes);
}

core::Error BadKey() {
  return core::MakeError(core::ErrorCode::kPermission, "unknown or revoked API key");
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kScreener: return "screener";
    case Role::kAnalyst: return "analyst";
    case Role::kApprover: return "approver";
    case Role::kAdmin: return "admin";
  }
  return "screener";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : {Role::kScreener, Role::kAnalyst, Role::kApprover, Role::kAdmin}) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

std::string_view DispositionName(Disposition disposition) {
  switch (disposition) {
    case Disposition::kTrueMatch: return "true_match";
    case Disposition::kFalsePositive: return "false_positive";
    case Disposition::kNeedsInformation: return "needs_information";
  }
  return "needs_information";
}

std::optional<Disposition> ParseDisposition(std::string_view name) {
  for (Disposition value :
       {Disposition::kTrueMatch, Disposition::kFalsePositive, Disposition::kNeedsInformation}) {
    if (DispositionName(value) == name) return value;
  }
  return std::nullopt;
}

ServiceStore::ServiceStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ServiceStore::~ServiceStore() {
  if (impl_->attached != nullptr) impl_->attached->SetImportAuditor({});
}

core::Result<std::unique_ptr<ServiceStore>> ServiceStore::Open(const Store& store,
                                                                std::string_view database_url) {
  auto impl = std::make_unique<Impl>();
  if (database_url.empty()) {
    auto db = sql::OpenSqlite(store.database_path());
    if (!db) return db.error();
    impl->pool.push_back(std::move(*db));
    impl->idle.push_back(impl->pool.back().get());
    return std::unique_ptr<ServiceStore>(new ServiceStore(std::move(impl)));
  }
  if (!sql::IsPostgresUrl(database_url)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "a database URL starts with postgresql:// (SQLite in the data "
                           "directory is the default and needs none)",
                           core::Location{.field = "--db"});
  }
  for (int idx = 0; idx < kPostgresConnections; ++idx) {
    auto db = sql::OpenPostgres(database_url);
    if (!db) return db.error();
    if (idx == 0) {
      if (auto migrated = internal::MigratePostgres(**db); !migrated) return migrated.error();
    }
    impl->pool.push_back(std::move(*db));
    impl->idle.push_back(impl->pool.back().get());
  }
  auto lists = sql::OpenSqlite(store.database_path());
  if (!lists) return lists.error();
  impl->lists_db = std::move(*lists);
  // Imports through `store` are audited in this chain, not in the file's.
  impl->attached = &store;
  store.SetImportAuditor([raw = impl.get()](const core::ParsedList& list, std::int64_t version) {
    return internal::AuditImportElsewhere(*raw, list, version);
  });
  return std::unique_ptr<ServiceStore>(new ServiceStore(std::move(impl)));
}

sql::Dialect ServiceStore::dialect() const { return impl_->pool.front()->dialect(); }

core::Result<CreatedKey> ServiceStore::CreateKey(Role role, std::string_view name,
                                                 std::string_view by) {
  auto key_id = RandomHex(kKeyIdBytes);
  auto secret = RandomHex(kSecretBytes);
  if (!key_id || !secret) return core::MakeError(core::ErrorCode::kInternal, "no randomness");
  CreatedKey created;
  created.key = ApiKey{.key_id = *key_id,
                       .name = std::string(name),
                       .role = role,
                       .created_at = core::NowUtcMillis()};
  created.secret = "rf_" + *key_id + "_" + *secret;
  auto lease = impl_->Acquire();
  auto tx = sql::Transaction::Begin(*lease);
  if (!tx) return tx.error();
  auto insert = lease->Prepare(
      "INSERT INTO api_keys (key_id, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?)");
  if (!insert) return insert.error();
  insert->Bind(1, created.key.key_id).Bind(2, created.key.name).Bind(3, RoleName(role));
  insert->Bind(4, core::Sha256Hex(created.secret)).Bind(5, created.key.created_at);
  if (auto done = insert->Run(); !done) return done.error();
  const nlohmann::json payload = {
      {"key_id", created.key.key_id}, {"name", created.key.name}, {"role", RoleName(role)}};
  auto audited = internal::AppendAuditInTransaction(*lease, "key_created", by, core::JsonText(payload));
  if (!audited) return audited.error();
  if (auto done = tx->Commit(); !done) return done.error();
  return created;
}

core::Result<std::vector<ApiKey>> ServiceStore::ListKeys() const {
  auto lease = impl_->Acquire();
  auto stmt = lease->Prepare(
      "SELECT key_id, name, role, created_at, revoked_at FROM api_keys ORDER BY created_at");
  if (!stmt) return stmt.error();
  std::vector<ApiKey> keys;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    keys.push_back(ApiKey{.key_id = std::string(stmt->Text(0)),
                          .name = std::string(stmt->Text(1)),
                          .role = ParseRole(stmt->Text(2)).value_or(Role::kScreener),
                          .created_at = std::string(stmt->Text(3)),
                          .revoked_at = std::string(stmt->Text(4))});
  }
  return keys;
}

core::Status ServiceStore::RevokeKey(std::string_view key_id, std::string_view by) {
  auto lease = impl_->Acquire();
  auto tx = sql::Transaction::Begin(*lease);
  if (!tx) return tx.error();
  auto update = lease->Prepare(
      "UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at = ''");
  if (!update) return update.error();
  update->Bind(1, core::NowUtcMillis()).Bind(2, key_id);
  auto changed = update->Execute();
  if (!changed) return changed.error();
  if (*changed == 0) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           fmt::format("no valid key with id \"{}\"", key_id));
  }
  const nlohmann::json payload = {{"key_id", key_id}};
  auto audited = internal::AppendAuditInTransaction(*lease, "key_revoked", by, core::JsonText(payload));
  if (!audited) return audited.error();
  return tx->Commit();
}

core::Result<ApiKey> ServiceStore::Authenticate(std::string_view secret) const {
  const std::string_view key_id = KeyIdOf(secret);
  if (key_id.empty()) return BadKey();
  const std::string presented = core::Sha256Hex(secret);
  auto lease = impl_->Acquire();
  auto stmt = lease->Prepare(
      "SELECT key_id, name, role, created_at, revoked_at, hash FROM api_keys WHERE key_id = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, key_id);
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return BadKey();
  const std::string_view stored = stmt->Text(5);
  // Constant time over the hash, so the comparison leaks nothing about where they differ.
  if (stored.size() != presented.size() ||
      CRYPTO_memcmp(stored.data(), presented.data(), presented.size()) != 0 ||
      !stmt->Text(4).empty()) {
    return BadKey();
  }
  auto role = ParseRole(stmt->Text(2));
  if (!role) return BadKey();
  return ApiKey{.key_id = std::string(stmt->Text(0)),
                .name = std::string(stmt->Text(1)),
                .role = *role,
                .created_at = std::string(stmt->Text(3))};
}

}  // namespace redflag::store
