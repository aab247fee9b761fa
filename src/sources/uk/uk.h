// United Kingdom sanctions lists, two formats of list "uk" (docs/sources_intl.md):
//
// - OFSI Consolidated List "ConList" CSV: row 1 "Last Updated,<dd/mm/yyyy>" (-> published),
//   row 2 the header, then one row per name / alias / address variant. Rows are grouped by
//   "Group ID" into one entity "<list_id>:<Group ID>" (groups need not be contiguous). Windows-1252
//   unless the whole file is valid UTF-8. Columns are found by header name.
// - FCDO UK Sanctions List .ods (8 summary columns, one row per designation): one entity
//   "<list_id>:<Unique ID>" (e.g. "uk:RUS0001") per row. No aliases, addresses or birth dates.
//
// Both fail (Error kParse with file and line/row) on a file that is not the format: CSV with an
// unterminated quote or a row whose column count differs from the header, missing required
// columns; an .ods that is not a zip / has no content.xml / no sheet. A bad field goes to
// ParsedList.diagnostics and the record is kept. Thread-safe: no shared state.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources {

// Exactly one file each; kInvalidArgument otherwise, kNotFound / kIo when it cannot be read.
core::Result<ParsedList> ParseUkConList(const std::vector<std::filesystem::path>& files,
                                        std::string_view list_id);
core::Result<ParsedList> ParseUkFcdoOds(const std::vector<std::filesystem::path>& files,
                                        std::string_view list_id);

// The same over a buffer; `file_name` is used in locations and ParsedList.files.
core::Result<ParsedList> ParseUkConListBuffer(std::string_view data, std::string_view file_name,
                                              std::string_view list_id);
core::Result<ParsedList> ParseUkFcdoOdsBuffer(std::string_view data, std::string_view file_name,
                                              std::string_view list_id);

}  // namespace redflag::sources
