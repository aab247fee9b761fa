// EU Financial Sanctions File (FSF) XML parser: root <export> in namespace
// http://eu.europa.ec/fpi/fsd/export, one <sanctionEntity> per subject. docs/sources_xml.md
// describes the field mapping and what was tested (only a 2-record real excerpt was available).
//
// - Entity ids: "eu:<logicalId>"; names[0] is the first nameAlias (the FSF has no primary flag),
//   strong="false" aliases are weak a.k.a.s. Each entity gets one listing "EU Financial Sanctions
//   File" (code EU) holding every regulation: programmes, earliest entry into force as start,
//   each regulation's OJ reference ("2018/223 (OJ L43)") in federal_register.
// - ParsedList.published = the export's generationDate.
// - Returns an Error (file, line, reason) when a file cannot be read, is not well formed, or has
//   the wrong root element or namespace. A bad field (date, country code) goes to
//   ParsedList.diagnostics with its line and element and the entity is kept; an entity without
//   logicalId or without any name is skipped with an error diagnostic.
// Thread-safe: no shared state; each call owns its result.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources {

// Parses one or more FSF XML files into one list version; a logicalId seen in an earlier file is
// skipped with a diagnostic.
core::Result<ParsedList> ParseEuXml(const std::vector<std::filesystem::path>& files,
                                    std::string_view list_id);

// Parses an FSF XML document held in memory. `file_name` is used in locations.
core::Result<ParsedList> ParseEuXmlBuffer(std::string_view xml, std::string_view file_name,
                                          std::string_view list_id);

}  // namespace redflag::sources
