// `redflag lists update`: download each configured list from its official URL, verify it by
// parsing, then import it into the store (ingest::ImportJobs, the same path as `lists import`).
//
// The configuration (data/update_sources.json, docs/store.md "Update") names, per list, the
// format and the files to fetch. Only https:// URLs (and file:// for local mirrors and tests)
// are fetched; redirects are followed to https only; every transfer has a connect timeout, a total
// timeout and a size cap. Files go to a fresh temporary directory that is removed afterwards.
//
// Failure: per list, never all-or-nothing across lists. A list whose download, parse or import
// fails changes nothing in the store (its active version stays) and gets an Error saying why:
//   cannot reach sanctionslistservice.ofac.treas.gov: Could not resolve host: ...; nothing
//   changed, active version 3 of ofac_sdn stays
// Download problems are kUnavailable. Thread-safety: UpdateLists may run on any thread; the
// Store serializes its own access.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/store.h"

namespace redflag::ingest {

struct UpdateFile {
  std::string url;
  std::string name;  // the local file name the parser recognises, e.g. "sdn.csv"
};

struct UpdateSource {
  std::string list_id;
  std::string format;
  std::vector<UpdateFile> files;
  bool enabled = true;   // disabled sources run only when asked for with --only
  bool verified = true;  // false: the URL is documented but not confirmed to work
  std::string note;
};

// Reads and checks the configuration (kParse/kInvalidArgument naming the file and field).
core::Result<std::vector<UpdateSource>> LoadUpdateConfig(const std::filesystem::path& path);
core::Result<std::vector<UpdateSource>> ParseUpdateConfig(std::string_view json,
                                                          std::string_view file_name);
// <source dir>/data/update_sources.json (REDFLAG_SOURCE_DIR at build time).
std::filesystem::path DefaultUpdateConfigPath();

struct DownloadOptions {
  std::uint64_t max_bytes = 512ull << 20;  // per file; the largest official file is ~30 MB
  long connect_timeout_seconds = 20;
  long total_timeout_seconds = 600;
};

// Downloads `url` to `destination` (overwritten). kInvalidArgument for a URL that is not
// https:// or file://; kUnavailable when the host cannot be reached or answers an error.
core::Status DownloadFile(const std::string& url, const std::filesystem::path& destination,
                          const DownloadOptions& options = {});

struct UpdateOptions {
  std::string only;  // a list id: update just that list (even if disabled)
  DownloadOptions download;
  std::filesystem::path temp_root;  // empty: the system temp directory
};

struct UpdateOutcome {
  std::string list_id;
  std::optional<store::ImportResult> result;  // set on success
  std::optional<core::Error> error;    // set on failure
  std::size_t warnings = 0;
  std::vector<core::Diagnostic> first_diagnostics;  // up to 5, for the report
};

// Runs every (selected) source in order. kNotFound when `only` names no configured list.
core::Result<std::vector<UpdateOutcome>> UpdateLists(store::Store& store,
                                                     const std::vector<UpdateSource>& sources,
                                                     const UpdateOptions& options = {});

}  // namespace redflag::ingest
