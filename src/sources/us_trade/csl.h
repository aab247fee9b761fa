// trade.gov Consolidated Screening List (CSL): the CSV download (29 columns, found by header
// name) and the JSON form ({"results": [...]}, as data.trade.gov publishes it).
//
// One entity per `_id` (id "<list_id>:<_id>"): a Treasury entity that is on several lists appears
// in several rows with the same `_id`; it becomes ONE entity with the union of the rows' names,
// addresses, identifiers and dates, and ONE Listing per row, so the sub-lists stay apart.
// Listing.list_name is the `source` column verbatim, list_code the short code (EL, DPL, UVL, MEU,
// SDN, SSI, CMIC, ISN, DTC, PLC, CAP, MBS, FSE). CMIC "Effective Date (CMIC)" and
// "Purchase/Sales For Divestment Date (CMIC)" become Listing.start / Listing.divestment.
// The source's own "?" in place of non-ASCII apostrophes ("People?s") is kept as written.
//
// Failure: an Error (file, line) when a file cannot be read, is not a CSL (no `_id`, `source` or
// `name` column), has an unterminated quote, or a row whose field count differs from the
// header's. Bad fields (dates, countries) and rows without `_id`/`name` go to diagnostics; a
// repeated header row is skipped with an Info entry. Never throws. Thread-safe (no shared state).
// ParsedList.published stays empty: the CSL states no publication date.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources {

// Parses CSV files that together make one version; entities merge across files by `_id`.
core::Result<ParsedList> ParseCslCsv(const std::vector<std::filesystem::path>& files,
                                     std::string_view list_id);
// In-memory variant; `file_name` is used in locations and ParsedList.files.
core::Result<ParsedList> ParseCslCsvBuffer(std::string_view data, std::string_view file_name,
                                           std::string_view list_id);

// JSON: {"results": [{...}]} or a bare array of result objects. Accepts "id" or "_id".
// `addresses` are objects {address, city, state, postal_code, country}; `ids` are objects
// {type, number, country, issue_date, expiration_date}; multi-valued fields are arrays (a
// "; "-joined string is accepted too). Locations use element "results[N]".
core::Result<ParsedList> ParseCslJson(const std::vector<std::filesystem::path>& files,
                                      std::string_view list_id);
core::Result<ParsedList> ParseCslJsonBuffer(std::string_view data, std::string_view file_name,
                                            std::string_view list_id);

}  // namespace redflag::sources
