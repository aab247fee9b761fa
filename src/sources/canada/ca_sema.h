// Canada: Consolidated Canadian Autonomous Sanctions List (SEMA / JVCFOA), XML
// data-set/record (https://www.international.gc.ca/.../sanctions/sema-lmes.xml).
//
// One entity per <record>. The file has no record id, so the native id is built from the fields
// that identify a listing in the regulations: the English regime name, the Schedule and the Item,
// as lowercase ASCII slugs joined by '_' (e.g. "ca_sema:belarus_1-part-1_8",
// "ca_sema:russia_1.1_1"); a record without Item gets "record-<n>" (1-based record index).
// Unlike a bare record index, this id survives insertions earlier in the file. Persons from
// LastName/GivenName, entities and ships from EntityOrShip (a ship has an IMO number or a vessel
// type in TitleOrShip). The published date is left empty: the file has none.
//
// Fails (Error kParse, file and line) when the XML is not well formed or the root is not
// <data-set>. A bad field goes to ParsedList.diagnostics and the record is kept. Thread-safe.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources {

// Exactly one file; kInvalidArgument otherwise, kNotFound / kIo when it cannot be read.
core::Result<ParsedList> ParseCaSema(const std::vector<std::filesystem::path>& files,
                                     std::string_view list_id);

// The same over a buffer; `file_name` is used in locations and ParsedList.files.
core::Result<ParsedList> ParseCaSemaBuffer(std::string_view data, std::string_view file_name,
                                           std::string_view list_id);

}  // namespace redflag::sources
