// OFAC "Enhanced XML" parser: SDN_ENHANCED.XML / CONS_ENHANCED.XML (or the official .ZIP holding
// it), namespace https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/
// ENHANCED_XML, root <sanctionsData>. docs/sources_xml.md describes the field mapping.
//
// - Entity ids: "<list_id>:<entity id attribute>" (the ent_num of the legacy CSV files, so
//   ofac_cons:30946 is Hikvision in both). list_id is "ofac_sdn" or "ofac_cons".
// - ParsedList.published = publicationInfo/dataAsOf (the newest one over several files).
// - Returns an Error (file, line, reason) when a file cannot be read, is not well formed, has the
//   wrong root element or namespace, lacks <entities>, or is a zip with other than one .xml
//   member or bigger than 512 MB uncompressed. A bad field goes to ParsedList.diagnostics with
//   its line and element and the entity is kept; an entity without id or name is skipped and
//   reported as an error diagnostic.
// Thread-safe: no shared state; each call owns its result.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources {

// Parses one or more Enhanced XML files (.XML or .ZIP) into one list version. Entities appear in
// file order; an id seen in an earlier file is skipped with a diagnostic.
core::Result<ParsedList> ParseOfacEnhancedXml(const std::vector<std::filesystem::path>& files,
                                              std::string_view list_id);

// Parses an Enhanced XML document held in memory (not a zip). `file_name` is used in locations.
core::Result<ParsedList> ParseOfacEnhancedXmlBuffer(std::string_view xml,
                                                    std::string_view file_name,
                                                    std::string_view list_id);

}  // namespace redflag::sources
