// UN Security Council Consolidated List, XML (https://scsanctions.un.org/resources/xml/en/
// consolidated.xml): CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY.
//
// One entity per INDIVIDUAL / ENTITY, id "<list_id>:<REFERENCE_NUMBER>" (e.g. "un:QDi.001").
// ParsedList.published is the root's dateGenerated. docs/sources_intl.md lists every field read.
//
// Fails (Error kParse, with file and line) when the XML is not well formed or the root is not
// CONSOLIDATED_LIST. A bad field (date, country) goes to ParsedList.diagnostics and the record
// is kept; a record without REFERENCE_NUMBER and DATAID, or with a duplicate reference, is
// skipped and reported. Thread-safe: no shared state.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources {

// Exactly one file; kInvalidArgument otherwise, kNotFound / kIo when it cannot be read.
core::Result<ParsedList> ParseUnXml(const std::vector<std::filesystem::path>& files,
                                    std::string_view list_id);

// The same over a buffer; `file_name` is used in locations and ParsedList.files.
core::Result<ParsedList> ParseUnXmlBuffer(std::string_view data, std::string_view file_name,
                                          std::string_view list_id);

}  // namespace redflag::sources
