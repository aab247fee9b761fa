// Helpers shared by the inventory parsers. Not part of the module's contract.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "core/error.h"

namespace redflag::devices::internal {

// 1-based line of byte `offset` in `data`.
std::int64_t LineAt(std::string_view data, std::size_t offset);
// Parses `data` as XML into `doc`; kParse with the file and line of the syntax error.
core::Status LoadXml(pugi::xml_document& doc, std::string_view data, std::string_view file);
// Element name without its namespace prefix ("tds:Model" -> "Model").
std::string_view LocalName(const pugi::xml_node& node);
// "nmaprun/host[3]/address[2]": the element's path with 1-based indexes among same-named siblings.
std::string ElementPath(const pugi::xml_node& node);
// Text with leading/trailing white space removed.
std::string Trimmed(std::string_view text);

}  // namespace redflag::devices::internal
