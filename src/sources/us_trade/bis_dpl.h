// BIS Denied Persons List, the tab-separated text file (dpl.txt): a header row, then one row per
// order and address, every field double-quoted.
//
// One entity per row (DESIGN.md): id "<list_id>:<row number>", 1-based, header excluded; the
// name is trimmed (the source often starts names with a space); type is unknown (the file does
// not say). Each entity has one Listing "Denied Persons List (DPL) - Bureau of Industry and
// Security" (code DPL) with Effective_Date/Expiration_Date (MM/DD/YYYY) as start/end,
// Standard_Order, Action, FR_Citation split into "NN FR NNNNN" citations, and "Last_Update:
// <date>" in remarks. ParsedList.published is the newest Last_Update not after today; a
// Last_Update in the future (the real file has 3033-09-30) is reported and kept raw in remarks.
//
// Failure: an Error (file, line) when a file cannot be read, lacks the Name column, has an
// unterminated quote or a row whose field count differs from the header's. Bad dates go to
// diagnostics and the row is kept without them. Never throws; thread-safe.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources {

// Rows are numbered across `files` in order, so the ids of a one-file list are its row numbers.
core::Result<ParsedList> ParseBisDpl(const std::vector<std::filesystem::path>& files,
                                     std::string_view list_id);
core::Result<ParsedList> ParseBisDplBuffer(std::string_view data, std::string_view file_name,
                                           std::string_view list_id);

}  // namespace redflag::sources
