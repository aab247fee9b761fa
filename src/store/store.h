// The store: versioned snapshots of every list in one SQLite database, <data_dir>/redflag.db.
//
// Each successful Import() adds one version of a list (its files with sha256 and size, the
// publication date, counts and entities) and makes it the list's active version, all in ONE
// transaction: a failure anywhere rolls back and the previous version stays active. Entities are
// stored as compact binary blobs (entity_codec.h) deduplicated by content hash across versions,
// so an unchanged entity costs nothing in a new version. docs/store.md has the schema.
//
// Version ids are global and increasing (version 7 may be ofac_sdn's third version); a list's
// versions are its ids in increasing order.
//
// Thread-safety: every method may be called from any thread; calls on one Store are serialized
// by an internal mutex. Several processes may open the same database (WAL mode, busy timeout);
// an import holds the write lock for its transaction only.
// Failure: every method returns an Error (kDatabase for SQLite failures, kNotFound for unknown
// versions or lists, kValidation for a ParsedList that breaks the id contract); none throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/diagnostics.h"
#include "core/entity.h"
#include "core/error.h"
#include "core/parsed_list.h"

namespace redflag::store {

inline constexpr char kDatabaseFileName[] = "redflag.db";

// One stored version of one list.
struct ListVersion {
  std::int64_t version_id = 0;
  std::string list_id;
  std::string format;
  std::vector<core::SourceFile> files;  // path as given at import time
  core::PartialDate published;             // empty when the source states none
  std::string imported_at;                 // UTC, "2026-11-23T19:08:00Z"
  std::int64_t entity_count = 0;
  std::int64_t name_count = 0;
  std::int64_t warning_count = 0;
  bool active = false;
};

enum class ImportStatus : std::uint8_t {
  kImported,   // a new version was recorded and is now active
  kUnchanged,  // same files and same entities as the active version: nothing recorded
};

struct ImportResult {
  ImportStatus status = ImportStatus::kImported;
  ListVersion version;  // the new version, or the active one when unchanged
};

struct ImportOptions {
  // Testing only: fail with kInternal after writing this many entities (inside the transaction),
  // to prove that a failure mid-way rolls everything back.
  std::size_t fail_after_entities = std::numeric_limits<std::size_t>::max();
};

// A changed field of an entity. For collections (names, addresses, identifiers, ...) old_value
// lists the elements only in the old version and new_value those only in the new one, "; "
// separated; for single values they are the old and new value.
struct FieldChange {
  std::string field;  // "names", "addresses", "listings[0].programs", "vessel.flag", "remarks"...
  std::string old_value;
  std::string new_value;
};

struct EntityRef {
  std::string id;
  std::string name;  // primary name
};

struct EntityChange {
  std::string id;
  std::string name;  // primary name in the newer version
  std::vector<FieldChange> changes;
};

struct ListDiff {
  std::string list_id;
  std::int64_t from_version = 0;
  std::int64_t to_version = 0;
  std::vector<EntityRef> added;       // in `to` file order
  std::vector<EntityRef> removed;     // in `from` file order
  std::vector<EntityChange> changed;  // in `to` file order
  std::size_t unchanged = 0;
};

class Store {
 public:
  // Opens (creating if needed) <data_dir>/redflag.db: WAL mode, foreign keys on, busy timeout,
  // then runs the schema migrations. A database written by a newer redflag (higher schema
  // version) is a kConflict Error; a file that is not a database is a kDatabase Error.
  static core::Result<std::unique_ptr<Store>> Open(const std::filesystem::path& data_dir);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The schema version this build writes (the number of migrations).
  static int LatestSchemaVersion();
  int SchemaVersion() const;
  const std::filesystem::path& database_path() const;

  // Validates `list` (non-empty list_id and format, every entity id "<list_id>:<native>" and
  // unique, entity.list_id == list_id), then stores it as a new active version in one
  // transaction. Same file hashes and same entities as the active version -> kUnchanged and
  // nothing written. Files whose sha256 is empty must have been hashed by the caller.
  core::Result<ImportResult> Import(const core::ParsedList& list,
                                    const ImportOptions& options = {});

  // When the service's records live in another database (PostgreSQL), they take the audit
  // entry of each import here: called inside the import's transaction, before it commits; an
  // Error rolls the import back. Unset (the default) or reset to {}: the entry goes into this
  // database's audit log, in the same transaction.
  using ImportAuditor =
      std::function<core::Status(const core::ParsedList& list, std::int64_t version_id)>;
  void SetImportAuditor(ImportAuditor auditor) const;

  // Every version of `list_id`, oldest first; empty when the list was never imported.
  core::Result<std::vector<ListVersion>> Versions(std::string_view list_id) const;
  // The active version of every list, by list_id.
  core::Result<std::vector<ListVersion>> ActiveVersions() const;
  // One version; kNotFound when it does not exist.
  core::Result<ListVersion> Version(std::int64_t version_id) const;
  // The diagnostics recorded with a version (at most the first 1000).
  core::Result<std::vector<core::Diagnostic>> VersionDiagnostics(std::int64_t version_id) const;

  // The entities of one version, in file order.
  core::Result<std::vector<core::Entity>> LoadEntities(std::int64_t version_id) const;
  // Every entity of every list's ACTIVE version, in (list_id, file order).
  core::Result<std::vector<core::Entity>> LoadActiveEntities() const;

  // Entities added, removed and changed (with the changed fields) from `from_version` to
  // `to_version`, both versions of `list_id` (kNotFound otherwise).
  core::Result<ListDiff> Diff(std::string_view list_id, std::int64_t from_version,
                              std::int64_t to_version) const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Field-by-field comparison of two versions of one entity (what Diff reports for it).
std::vector<FieldChange> DiffEntity(const core::Entity& from, const core::Entity& to);

}  // namespace redflag::store
