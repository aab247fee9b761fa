// A company's own screening list as CSV (format documented in docs/custom_list_format.md).
//
// Header row with any of the columns
//   id,name,type,aliases,country,dob,identifiers,programs,list_name,start_date,end_date,remarks
// in any order; `id` and `name` are required, unknown columns are ignored (Info diagnostic).
// Multi-valued fields (aliases, country, dob, identifiers, programs) are separated by ';'.
// identifiers are "type:value[:CC]" with type one of core::IdTypeName's names (passport, isin,
// imo, ...) or any other label (kept as scheme of an "other" id). Entity id
// "<list_id>:<id column>"; one Listing per row with list_name from `list_name` (default: the
// list id) and list_code "CUSTOM".
//
// Failure: an Error (file, line) on an unreadable file, a missing id/name column, an
// unterminated quote, a row with a wrong field count, or a duplicate id (a company list with
// two rows for one id is ambiguous). Rows without id or name and bad values go to diagnostics.
// Never throws; thread-safe.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources {

// `list_id` is "custom-<name>". Ids must be unique across `files`.
core::Result<ParsedList> ParseCustomCsv(const std::vector<std::filesystem::path>& files,
                                        std::string_view list_id);
core::Result<ParsedList> ParseCustomCsvBuffer(std::string_view data, std::string_view file_name,
                                              std::string_view list_id);

}  // namespace redflag::sources
