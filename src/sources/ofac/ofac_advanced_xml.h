// OFAC "advanced" XML parser (sdn_advanced.xsd): SDN_ADVANCED.XML / CONS_ADVANCED.XML, root
// <Sanctions> in namespace http://www.un.org/sanctions/1.0 (older files) or
// https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML.
// Every cross-reference (reference values, locations, ID documents, name part groups, sanctions
// entries, profile relationships) is by numeric ID and is resolved here. docs/sources_xml.md
// describes the field mapping.
//
// - Entity ids: "<list_id>:<DistinctParty FixedRef>"; list_id is "ofac_sdn" or "ofac_cons".
// - ParsedList.published = DateOfIssue (the newest one over several files).
// - Returns an Error (file, line, reason) when a file cannot be read, is not well formed, has the
//   wrong root element or namespace, or lacks <ReferenceValueSets> or <DistinctParties>.
//   A reference to an ID that is not defined is a per-field problem: it goes to
//   ParsedList.diagnostics with the element path and line, the field is dropped and the entity
//   kept. A party without FixedRef or without any name is skipped with an error diagnostic.
// Thread-safe: no shared state; each call owns its result.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources {

// Parses one or more advanced XML files into one list version; an id already seen in an earlier
// file is skipped with a diagnostic.
core::Result<ParsedList> ParseOfacAdvancedXml(const std::vector<std::filesystem::path>& files,
                                              std::string_view list_id);

// Parses an advanced XML document held in memory. `file_name` is used in locations.
core::Result<ParsedList> ParseOfacAdvancedXmlBuffer(std::string_view xml,
                                                    std::string_view file_name,
                                                    std::string_view list_id);

}  // namespace redflag::sources
