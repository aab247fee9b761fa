// Finds the list files in a directory (or takes single files) and runs the right parser.
//
// Directory layout: the directory names under ../shared/data/lists are the list-ids; a directory
// given to Discover may be that `lists/` root, one list's directory, or a single file. Files are
// recognised by name and content (docs/sources.md has the table). Sub-directories of a list
// directory that hold other snapshots (ofac_sdn/sdn_2024-05-03, us_csl/samples) are not imported
// unless named directly.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources {

// One import job: a list-id, a format and the files that together make one version.
struct ImportJob {
  std::string list_id;
  std::string format;
  std::vector<std::filesystem::path> files;
};

// Every import job found under `path`. Unknown files are skipped and reported in `diagnostics`.
core::Result<std::vector<ImportJob>> Discover(const std::filesystem::path& path,
                                              core::Diagnostics& diagnostics);

// Runs the parser for `job.format`.
core::Result<ParsedList> Parse(const ImportJob& job);

// The entities of every list found under `roots` (Discover, then Parse), without a store: one
// version per list (the first job Discover offers for a list-id, as an import keeps). The first
// discovery or parse error is returned. For benchmarks, tests and tools working on list files.
// When `loaded` is given, one ParsedList per list loaded is appended to it without entities
// (list_id, format, files, published, diagnostics).
core::Result<std::vector<core::Entity>> LoadLists(const std::vector<std::filesystem::path>& roots,
                                                  std::vector<ParsedList>* loaded = nullptr);

// SHA-256 of a file's bytes, lowercase hex.
core::Result<std::string> Sha256File(const std::filesystem::path& path);

}  // namespace redflag::sources
