// Store implementation: schema migrations, atomic imports, loading and diffs over SQLite.
//
// Thread-safety: all public methods lock impl_->mutex; the sqlite3 handle is opened NOMUTEX and is
// only touched under that lock.
#include "store/store.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "store/entity_codec.h"
#include "store/schema_internal.h"
#include "store/service_store_internal.h"
#include "store/sqlite_internal.h"

namespace redflag::store {
namespace {

using internal::Database;
using internal::Migration;
using internal::Statement;
using internal::Transaction;

// Diagnostics kept with a version for `lists status`; the counts are always complete.
constexpr std::size_t kMaxStoredDiagnostics = 1000;
constexpr int kBusyTimeoutMs = 10000;

using Digest = std::array<unsigned char, 32>;

Digest Sha256(std::string_view bytes) {
  Digest digest{};
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr);
  return digest;
}

std::string Hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t byte_idx = 0; byte_idx < size; ++byte_idx) {
    out.push_back(kDigits[data[byte_idx] >> 4]);
    out.push_back(kDigits[data[byte_idx] & 0xf]);
  }
  return out;
}

std::string NowUtc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

core::Error WithFile(core::Error error, const std::filesystem::path& path) {
  if (error.where.file.empty()) error.where.file = path.string();
  return error;
}

bool ValidListId(std::string_view list_id) {
  if (list_id.empty() || list_id.size() > 64) return false;
  return std::all_of(list_id.begin(), list_id.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
  });
}

core::Status Validate(const core::ParsedList& list) {
  if (!ValidListId(list.list_id)) {
    return core::MakeError(
        core::ErrorCode::kValidation,
        "list id \"" + list.list_id + "\" is not valid (expected 1-64 of a-z, 0-9, '_', '-')");
  }
  if (list.format.empty()) {
    return core::MakeError(core::ErrorCode::kValidation,
                           "list " + list.list_id + " has no format name");
  }
  for (const auto& file : list.files) {
    if (file.sha256.size() != 64) {
      return core::MakeError(core::ErrorCode::kValidation,
                             "file has no sha256 (the caller must hash it before importing)",
                             core::Location{.file = file.path.string()});
    }
  }
  const std::string prefix = list.list_id + ":";
  std::unordered_set<std::string_view> seen;
  seen.reserve(list.entities.size());
  for (std::size_t entity_idx = 0; entity_idx < list.entities.size(); ++entity_idx) {
    const core::Entity& entity = list.entities[entity_idx];
    const std::string where = "entity #" + std::to_string(entity_idx + 1);
    if (entity.id.size() <= prefix.size() || entity.id.compare(0, prefix.size(), prefix) != 0) {
      return core::MakeError(core::ErrorCode::kValidation,
                             where + " has id \"" + entity.id + "\", expected \"" + prefix +
                                 "<native id>\"; nothing imported for " + list.list_id);
    }
    if (entity.list_id != list.list_id) {
      return core::MakeError(core::ErrorCode::kValidation,
                             where + " (" + entity.id + ") has list_id \"" + entity.list_id +
                                 "\", expected \"" + list.list_id + "\"; nothing imported");
    }
    if (!seen.insert(entity.id).second) {
      return core::MakeError(core::ErrorCode::kValidation,
                             "duplicate entity id \"" + entity.id + "\" (" + where +
                                 "); nothing imported for " + list.list_id);
    }
  }
  return core::Ok();
}

// Digest of the files' contents, independent of their names and order.
std::string FilesDigest(const std::vector<core::SourceFile>& files) {
  std::vector<std::string> hashes;
  for (const auto& file : files) hashes.push_back(file.sha256);
  std::sort(hashes.begin(), hashes.end());
  std::string joined;
  for (const auto& hash : hashes) joined += hash + "\n";
  const Digest digest = Sha256(joined);
  return Hex(digest.data(), digest.size());
}

core::PartialDate ParseStoredDate(std::string_view text) {
  if (text.empty()) return {};
  return core::ParseDate(text).value_or(core::PartialDate{});
}

}  // namespace

struct Store::Impl {
  Database db;
  int schema_version = 0;
  mutable std::mutex mutex;
  mutable ImportAuditor auditor;  // set by a ServiceStore on PostgreSQL, under `mutex`

  core::Status Configure();
  core::Result<std::vector<ListVersion>> QueryVersions(const std::string& where_sql,
                                                       std::string_view bind_text,
                                                       std::int64_t bind_int) const;
  core::Result<std::optional<ListVersion>> ActiveVersionOf(std::string_view list_id) const;
  core::Result<core::Entity> LoadBlob(Statement& stmt, std::int64_t blob_id) const;
  core::Result<std::vector<std::pair<std::string, std::int64_t>>> EntityBlobIds(
      std::int64_t version_id) const;
};

core::Status Store::Impl::Configure() {
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  // journal_mode returns a row; read it to see whether WAL was granted.
  auto journal = db.Prepare("PRAGMA journal_mode=WAL");
  if (!journal) return WithFile(journal.error(), db.path());
  auto row = journal->Step();
  if (!row) return WithFile(row.error(), db.path());
  for (const char* pragma : {"PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"}) {
    if (auto done = db.Exec(pragma); !done) return done;
  }
  return core::Ok();
}

core::Result<std::vector<ListVersion>> Store::Impl::QueryVersions(const std::string& where_sql,
                                                                  std::string_view bind_text,
                                                                  std::int64_t bind_int) const {
  auto stmt = db.Prepare(
      "SELECT v.version_id, v.list_id, v.format, v.published, v.imported_at, v.entity_count, "
      "v.name_count, v.warning_count, (l.active_version IS NOT NULL) "
      "FROM versions v LEFT JOIN lists l ON l.active_version = v.version_id " +
      where_sql);
  if (!stmt) return stmt.error();
  if (!bind_text.empty()) stmt->Bind(1, bind_text);
  if (bind_int != 0) stmt->Bind(1, bind_int);
  std::vector<ListVersion> versions;
  while (true) {
    auto row = stmt->Step();
    if (!row) return WithFile(row.error(), db.path());
    if (!*row) break;
    ListVersion version;
    version.version_id = stmt->Int(0);
    version.list_id = stmt->Text(1);
    version.format = stmt->Text(2);
    version.published = ParseStoredDate(stmt->Text(3));
    version.imported_at = stmt->Text(4);
    version.entity_count = stmt->Int(5);
    version.name_count = stmt->Int(6);
    version.warning_count = stmt->Int(7);
    version.active = stmt->Int(8) != 0;
    versions.push_back(std::move(version));
  }
  auto files = db.Prepare(
      "SELECT path, sha256, size FROM version_files WHERE version_id = ? ORDER BY file_idx");
  if (!files) return files.error();
  for (auto& version : versions) {
    files->Bind(1, version.version_id);
    while (true) {
      auto row = files->Step();
      if (!row) return WithFile(row.error(), db.path());
      if (!*row) break;
      version.files.push_back(
          core::SourceFile{.path = std::filesystem::path(std::string(files->Text(0))),
                              .sha256 = std::string(files->Text(1)),
                              .size = static_cast<std::uint64_t>(files->Int(2))});
    }
    files->Reset();
  }
  return versions;
}

core::Result<std::optional<ListVersion>> Store::Impl::ActiveVersionOf(
    std::string_view list_id) const {
  auto versions = QueryVersions("WHERE l.list_id = ?", list_id, 0);
  if (!versions) return versions.error();
  if (versions->empty()) return std::optional<ListVersion>();
  return std::optional<ListVersion>(std::move(versions->front()));
}

core::Result<core::Entity> Store::Impl::LoadBlob(Statement& stmt, std::int64_t blob_id) const {
  stmt.Bind(1, blob_id);
  auto row = stmt.Step();
  if (!row) {
    stmt.Reset();
    return WithFile(row.error(), db.path());
  }
  if (!*row) {
    stmt.Reset();
    return core::MakeError(core::ErrorCode::kDatabase,
                           "entity blob " + std::to_string(blob_id) + " is missing",
                           core::Location{.file = db.path().string()});
  }
  auto entity = DecodeEntity(stmt.Blob(0));
  stmt.Reset();
  if (!entity) return WithFile(entity.error(), db.path());
  return entity;
}

core::Result<std::vector<std::pair<std::string, std::int64_t>>> Store::Impl::EntityBlobIds(
    std::int64_t version_id) const {
  auto stmt = db.Prepare(
      "SELECT entity_id, blob_id FROM version_entities WHERE version_id = ? ORDER BY ord");
  if (!stmt) return stmt.error();
  stmt->Bind(1, version_id);
  std::vector<std::pair<std::string, std::int64_t>> ids;
  while (true) {
    auto row = stmt->Step();
    if (!row) return WithFile(row.error(), db.path());
    if (!*row) break;
    ids.emplace_back(std::string(stmt->Text(0)), stmt->Int(1));
  }
  return ids;
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

void Store::SetImportAuditor(ImportAuditor auditor) const {
  std::lock_guard lock(impl_->mutex);
  impl_->auditor = std::move(auditor);
}

int Store::LatestSchemaVersion() { return internal::Migrations().back().version; }

int Store::SchemaVersion() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->schema_version;
}

const std::filesystem::path& Store::database_path() const { return impl_->db.path(); }

core::Result<std::unique_ptr<Store>> Store::Open(const std::filesystem::path& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return core::MakeError(core::ErrorCode::kIo,
                           "cannot create the data directory: " + ec.message(),
                           core::Location{.file = data_dir.string()});
  }
  auto impl = std::make_unique<Impl>();
  auto db = Database::Open(data_dir / kDatabaseFileName);
  if (!db) return db.error();
  impl->db = std::move(*db);
  if (auto configured = impl->Configure(); !configured) return configured.error();
  if (auto migrated = internal::MigrateSqlite(impl->db, impl->schema_version); !migrated) {
    return migrated.error();
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

namespace {

// A list's entities encoded and hashed, with the digests that tell an unchanged import.
struct EncodedList {
  std::vector<std::string> blobs;
  std::vector<Digest> hashes;
  std::string entities_digest;
  std::string files_digest;
  std::int64_t name_count = 0;
};

EncodedList EncodeList(const core::ParsedList& list) {
  EncodedList out;
  out.blobs.resize(list.entities.size());
  out.hashes.resize(list.entities.size());
  std::string all_hashes;
  all_hashes.reserve(list.entities.size() * sizeof(Digest));
  for (std::size_t entity_idx = 0; entity_idx < list.entities.size(); ++entity_idx) {
    out.blobs[entity_idx] = EncodeEntity(list.entities[entity_idx]);
    out.hashes[entity_idx] = Sha256(out.blobs[entity_idx]);
    all_hashes.append(reinterpret_cast<const char*>(out.hashes[entity_idx].data()),
                      out.hashes[entity_idx].size());
    out.name_count += static_cast<std::int64_t>(list.entities[entity_idx].names.size());
  }
  const Digest entities_digest_bytes = Sha256(all_hashes);
  out.entities_digest = Hex(entities_digest_bytes.data(), Digest{}.size());
  out.files_digest = FilesDigest(list.files);
  return out;
}

// True when the version `version_id` has the same files and entities.
core::Result<bool> SameAsVersion(const Database& db, std::int64_t version_id,
                                 const EncodedList& encoded) {
  auto digests =
      db.Prepare("SELECT files_digest, entities_digest FROM versions WHERE version_id = ?");
  if (!digests) return digests.error();
  digests->Bind(1, version_id);
  auto row = digests->Step();
  if (!row) return WithFile(row.error(), db.path());
  return *row && digests->Text(0) == encoded.files_digest &&
         digests->Text(1) == encoded.entities_digest;
}

// The versions row and its files; returns the new version id.
core::Result<std::int64_t> InsertVersion(const Database& db, const core::ParsedList& list,
                                         const EncodedList& encoded,
                                         const std::string& imported_at) {
  auto insert_version = db.Prepare(
      "INSERT INTO versions (list_id, format, published, imported_at, entity_count, name_count, "
      "warning_count, files_digest, entities_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert_version) return insert_version.error();
  insert_version->Bind(1, list.list_id)
      .Bind(2, list.format)
      .Bind(3, list.published.ToString())
      .Bind(4, imported_at)
      .Bind(5, static_cast<std::int64_t>(list.entities.size()))
      .Bind(6, encoded.name_count)
      .Bind(7, static_cast<std::int64_t>(list.diagnostics.warnings()))
      .Bind(8, encoded.files_digest)
      .Bind(9, encoded.entities_digest);
  if (auto done = insert_version->Run(); !done) return WithFile(done.error(), db.path());
  const std::int64_t version_id = db.LastInsertRowid();

  auto insert_file = db.Prepare(
      "INSERT INTO version_files (version_id, file_idx, path, sha256, size) VALUES (?,?,?,?,?)");
  if (!insert_file) return insert_file.error();
  for (std::size_t file_idx = 0; file_idx < list.files.size(); ++file_idx) {
    const auto& file = list.files[file_idx];
    insert_file->Bind(1, version_id)
        .Bind(2, static_cast<std::int64_t>(file_idx))
        .Bind(3, file.path.string())
        .Bind(4, file.sha256)
        .Bind(5, static_cast<std::int64_t>(file.size));
    if (auto done = insert_file->Run(); !done) return WithFile(done.error(), db.path());
  }
  return version_id;
}

// The version's entities, each blob stored once across versions (found by its hash).
core::Status InsertEntities(const Database& db, const core::ParsedList& list,
                            const EncodedList& encoded, std::int64_t version_id,
                            const ImportOptions& options) {
  auto find_blob = db.Prepare("SELECT blob_id FROM blobs WHERE hash = ?");
  auto insert_blob = db.Prepare("INSERT INTO blobs (hash, data) VALUES (?, ?)");
  auto insert_entity = db.Prepare(
      "INSERT INTO version_entities (version_id, ord, entity_id, blob_id) VALUES (?, ?, ?, ?)");
  if (!find_blob) return find_blob.error();
  if (!insert_blob) return insert_blob.error();
  if (!insert_entity) return insert_entity.error();
  for (std::size_t entity_idx = 0; entity_idx < list.entities.size(); ++entity_idx) {
    if (entity_idx == options.fail_after_entities) {
      return core::MakeError(core::ErrorCode::kInternal,
                             "injected failure after " + std::to_string(entity_idx) +
                                 " entities (ImportOptions::fail_after_entities)");
    }
    const std::string_view hash(reinterpret_cast<const char*>(encoded.hashes[entity_idx].data()),
                                encoded.hashes[entity_idx].size());
    find_blob->BindBlob(1, hash);
    auto found = find_blob->Step();
    if (!found) return WithFile(found.error(), db.path());
    std::int64_t blob_id = 0;
    if (*found) {
      blob_id = find_blob->Int(0);
      find_blob->Reset();
    } else {
      find_blob->Reset();
      insert_blob->BindBlob(1, hash).BindBlob(2, encoded.blobs[entity_idx]);
      if (auto done = insert_blob->Run(); !done) return WithFile(done.error(), db.path());
      blob_id = db.LastInsertRowid();
    }
    insert_entity->Bind(1, version_id)
        .Bind(2, static_cast<std::int64_t>(entity_idx))
        .Bind(3, list.entities[entity_idx].id)
        .Bind(4, blob_id);
    if (auto done = insert_entity->Run(); !done) {
      auto error = WithFile(done.error(), db.path());
      error.message = "storing " + list.entities[entity_idx].id + ": " + error.message;
      return error;
    }
  }
  return core::Ok();
}

// The first kMaxStoredDiagnostics diagnostics of the parse.
core::Status InsertDiagnostics(const Database& db, const core::Diagnostics& diagnostics,
                               std::int64_t version_id) {
  auto insert_diagnostic = db.Prepare(
      "INSERT INTO version_diagnostics (version_id, idx, severity, file, line, element, field, "
      "original, message, action) VALUES (?,?,?,?,?,?,?,?,?,?)");
  if (!insert_diagnostic) return insert_diagnostic.error();
  const auto& entries = diagnostics.entries();
  for (std::size_t diag_idx = 0; diag_idx < entries.size() && diag_idx < kMaxStoredDiagnostics;
       ++diag_idx) {
    const core::Diagnostic& diagnostic = entries[diag_idx];
    insert_diagnostic->Bind(1, version_id)
        .Bind(2, static_cast<std::int64_t>(diag_idx))
        .Bind(3, static_cast<std::int64_t>(diagnostic.severity))
        .Bind(4, diagnostic.where.file)
        .Bind(5, diagnostic.where.line)
        .Bind(6, diagnostic.where.element)
        .Bind(7, diagnostic.where.field)
        .Bind(8, diagnostic.original)
        .Bind(9, diagnostic.message)
        .Bind(10, diagnostic.action);
    if (auto done = insert_diagnostic->Run(); !done) return WithFile(done.error(), db.path());
  }
  return core::Ok();
}

core::Status ActivateVersion(const Database& db, const std::string& list_id,
                             std::int64_t version_id) {
  auto activate = db.Prepare(
      "INSERT INTO lists (list_id, active_version) VALUES (?, ?) "
      "ON CONFLICT(list_id) DO UPDATE SET active_version = excluded.active_version");
  if (!activate) return activate.error();
  activate->Bind(1, list_id).Bind(2, version_id);
  if (auto done = activate->Run(); !done) return WithFile(done.error(), db.path());
  return core::Ok();
}

}  // namespace

core::Result<ImportResult> Store::Import(const core::ParsedList& list,
                                         const ImportOptions& options) {
  if (auto valid = Validate(list); !valid) return valid.error();

  // Encode and hash outside the lock and the transaction: it is the CPU-heavy part.
  const EncodedList encoded = EncodeList(list);

  std::lock_guard lock(impl_->mutex);
  const Database& db = impl_->db;
  auto tx = Transaction::Begin(db);
  if (!tx) return WithFile(tx.error(), db.path());

  auto active = impl_->ActiveVersionOf(list.list_id);
  if (!active) return active.error();
  if (active->has_value()) {
    auto same = SameAsVersion(db, (*active)->version_id, encoded);
    if (!same) return same.error();
    if (*same) {
      return ImportResult{.status = ImportStatus::kUnchanged, .version = std::move(**active)};
    }
  }

  const std::string imported_at = NowUtc();
  auto version_id = InsertVersion(db, list, encoded, imported_at);
  if (!version_id) return version_id.error();
  if (auto done = InsertEntities(db, list, encoded, *version_id, options); !done) {
    return done.error();
  }
  if (auto done = InsertDiagnostics(db, list.diagnostics, *version_id); !done) return done.error();
  if (auto done = ActivateVersion(db, list.list_id, *version_id); !done) return done.error();
  // The import and its audit entry commit together (docs/api.md, "Audit trail").
  if (auto audited = impl_->auditor ? impl_->auditor(list, *version_id)
                                    : internal::AuditImport(db, list, *version_id);
      !audited) {
    return audited.error();
  }
  if (auto committed = tx->Commit(); !committed) return WithFile(committed.error(), db.path());

  ImportResult result;
  result.status = ImportStatus::kImported;
  result.version.version_id = *version_id;
  result.version.list_id = list.list_id;
  result.version.format = list.format;
  result.version.files = list.files;
  result.version.published = list.published;
  result.version.imported_at = imported_at;
  result.version.entity_count = static_cast<std::int64_t>(list.entities.size());
  result.version.name_count = encoded.name_count;
  result.version.warning_count = static_cast<std::int64_t>(list.diagnostics.warnings());
  result.version.active = true;
  return result;
}

core::Result<std::vector<ListVersion>> Store::Versions(std::string_view list_id) const {
  std::lock_guard lock(impl_->mutex);
  if (list_id.empty()) return std::vector<ListVersion>();
  return impl_->QueryVersions("WHERE v.list_id = ? ORDER BY v.version_id", list_id, 0);
}

core::Result<std::vector<ListVersion>> Store::ActiveVersions() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->QueryVersions("WHERE l.list_id IS NOT NULL ORDER BY v.list_id", {}, 0);
}

core::Result<ListVersion> Store::Version(std::int64_t version_id) const {
  std::lock_guard lock(impl_->mutex);
  auto versions = impl_->QueryVersions("WHERE v.version_id = ?", {}, version_id);
  if (!versions) return versions.error();
  if (versions->empty()) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           "version " + std::to_string(version_id) + " does not exist");
  }
  return std::move(versions->front());
}

core::Result<std::vector<core::Diagnostic>> Store::VersionDiagnostics(
    std::int64_t version_id) const {
  std::lock_guard lock(impl_->mutex);
  auto stmt = impl_->db.Prepare(
      "SELECT severity, file, line, element, field, original, message, action "
      "FROM version_diagnostics WHERE version_id = ? ORDER BY idx");
  if (!stmt) return stmt.error();
  stmt->Bind(1, version_id);
  std::vector<core::Diagnostic> diagnostics;
  while (true) {
    auto row = stmt->Step();
    if (!row) return WithFile(row.error(), impl_->db.path());
    if (!*row) break;
    core::Diagnostic diagnostic;
    const std::int64_t severity = stmt->Int(0);
    diagnostic.severity = severity <= static_cast<std::int64_t>(core::Severity::kError)
                              ? static_cast<core::Severity>(severity)
                              : core::Severity::kError;
    diagnostic.where.file = stmt->Text(1);
    diagnostic.where.line = stmt->Int(2);
    diagnostic.where.element = stmt->Text(3);
    diagnostic.where.field = stmt->Text(4);
    diagnostic.original = stmt->Text(5);
    diagnostic.message = stmt->Text(6);
    diagnostic.action = stmt->Text(7);
    diagnostics.push_back(std::move(diagnostic));
  }
  return diagnostics;
}

namespace {

core::Result<std::vector<core::Entity>> DecodeRows(Statement& stmt, std::size_t expected,
                                                   const std::filesystem::path& db_path) {
  std::vector<core::Entity> entities;
  entities.reserve(expected);
  while (true) {
    auto row = stmt.Step();
    if (!row) return WithFile(row.error(), db_path);
    if (!*row) break;
    auto entity = DecodeEntity(stmt.Blob(1));
    if (!entity) {
      auto error = WithFile(entity.error(), db_path);
      error.message = "entity " + std::string(stmt.Text(0)) + ": " + error.message;
      return error;
    }
    entities.push_back(std::move(*entity));
  }
  return entities;
}

}  // namespace

core::Result<std::vector<core::Entity>> Store::LoadEntities(std::int64_t version_id) const {
  std::lock_guard lock(impl_->mutex);
  auto count = impl_->db.Prepare("SELECT entity_count FROM versions WHERE version_id = ?");
  if (!count) return count.error();
  count->Bind(1, version_id);
  auto row = count->Step();
  if (!row) return WithFile(row.error(), impl_->db.path());
  if (!*row) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           "version " + std::to_string(version_id) + " does not exist");
  }
  const auto expected = static_cast<std::size_t>(count->Int(0));
  auto stmt = impl_->db.Prepare(
      "SELECT ve.entity_id, b.data FROM version_entities ve JOIN blobs b ON b.blob_id = ve.blob_id "
      "WHERE ve.version_id = ? ORDER BY ve.ord");
  if (!stmt) return stmt.error();
  stmt->Bind(1, version_id);
  return DecodeRows(*stmt, expected, impl_->db.path());
}

core::Result<std::vector<core::Entity>> Store::LoadActiveEntities() const {
  std::lock_guard lock(impl_->mutex);
  // One read transaction so that a concurrent import cannot flip a list half-way.
  auto tx = impl_->db.Exec("BEGIN");
  if (!tx) return tx.error();
  struct EndRead {
    const Database& db;
    ~EndRead() { (void)db.Exec("COMMIT"); }
  } end_read{impl_->db};
  auto count = impl_->db.Prepare(
      "SELECT COALESCE(SUM(v.entity_count), 0) FROM lists l "
      "JOIN versions v ON v.version_id = l.active_version");
  if (!count) return count.error();
  auto row = count->Step();
  if (!row) return WithFile(row.error(), impl_->db.path());
  const auto expected = static_cast<std::size_t>(count->Int(0));
  auto stmt = impl_->db.Prepare(
      "SELECT ve.entity_id, b.data FROM lists l "
      "JOIN version_entities ve ON ve.version_id = l.active_version "
      "JOIN blobs b ON b.blob_id = ve.blob_id ORDER BY l.list_id, ve.ord");
  if (!stmt) return stmt.error();
  return DecodeRows(*stmt, expected, impl_->db.path());
}

core::Result<ListDiff> Store::Diff(std::string_view list_id, std::int64_t from_version,
                                   std::int64_t to_version) const {
  std::lock_guard lock(impl_->mutex);
  for (const std::int64_t version_id : {from_version, to_version}) {
    auto versions = impl_->QueryVersions("WHERE v.version_id = ?", {}, version_id);
    if (!versions) return versions.error();
    if (versions->empty() || versions->front().list_id != list_id) {
      return core::MakeError(
          core::ErrorCode::kNotFound,
          "version " + std::to_string(version_id) + " is not a version of " + std::string(list_id));
    }
  }
  auto from_ids = impl_->EntityBlobIds(from_version);
  if (!from_ids) return from_ids.error();
  auto to_ids = impl_->EntityBlobIds(to_version);
  if (!to_ids) return to_ids.error();
  auto blob_stmt = impl_->db.Prepare("SELECT data FROM blobs WHERE blob_id = ?");
  if (!blob_stmt) return blob_stmt.error();

  ListDiff diff;
  diff.list_id = list_id;
  diff.from_version = from_version;
  diff.to_version = to_version;
  std::unordered_map<std::string_view, std::int64_t> from_blob;
  from_blob.reserve(from_ids->size());
  for (const auto& [id, blob_id] : *from_ids) from_blob.emplace(id, blob_id);
  std::unordered_set<std::string_view> to_set;
  to_set.reserve(to_ids->size());

  for (const auto& [id, blob_id] : *to_ids) {
    to_set.insert(id);
    const auto found = from_blob.find(id);
    if (found == from_blob.end()) {
      auto entity = impl_->LoadBlob(*blob_stmt, blob_id);
      if (!entity) return entity.error();
      diff.added.push_back(EntityRef{id, entity->names.empty() ? "" : entity->names[0].full});
      continue;
    }
    if (found->second == blob_id) {
      ++diff.unchanged;
      continue;
    }
    auto old_entity = impl_->LoadBlob(*blob_stmt, found->second);
    if (!old_entity) return old_entity.error();
    auto new_entity = impl_->LoadBlob(*blob_stmt, blob_id);
    if (!new_entity) return new_entity.error();
    diff.changed.push_back(
        EntityChange{.id = id,
                     .name = new_entity->names.empty() ? "" : new_entity->names[0].full,
                     .changes = DiffEntity(*old_entity, *new_entity)});
  }
  for (const auto& [id, blob_id] : *from_ids) {
    if (to_set.count(id) != 0) continue;
    auto entity = impl_->LoadBlob(*blob_stmt, blob_id);
    if (!entity) return entity.error();
    diff.removed.push_back(EntityRef{id, entity->names.empty() ? "" : entity->names[0].full});
  }
  return diff;
}

}  // namespace redflag::store
