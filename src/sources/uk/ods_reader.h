// Reads the first sheet of an OpenDocument spreadsheet (.ods) into rows of cell texts.
//
// The .ods is a zip (read with libzip from memory); its content.xml is parsed with pugixml.
// Cell text is the cell's <text:p> paragraphs joined by '\n', with <text:s text:c="N"/> as N
// spaces, <text:tab/> as '\t', <text:line-break/> as '\n' and the text of <text:span>,
// <text:a> and other inline elements; a cell without paragraphs gives its office:string-value
// / office:value / office:date-value attribute. Covered (merged) cells read as "".
//
// table:number-columns-repeated and table:number-rows-repeated are expanded, but trailing empty
// cells of a row and trailing empty rows are dropped (spreadsheet tools pad sheets to 16384 x
// 1048576), so memory stays proportional to the content. Limits (OdsLimits) bound everything
// else; exceeding one is an Error, never a crash or a hang.
//
// Fails with kParse (with the file name, and the sheet row when it applies) when the bytes are
// not a zip, content.xml is missing, too large or not well formed, or there is no sheet.
// Thread-safe: no shared state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace redflag::sources {

struct OdsLimits {
  std::size_t max_content_bytes = 256u << 20;  // uncompressed content.xml
  std::size_t max_rows = 1'000'000;            // rows kept (empty rows before content count)
  std::size_t max_columns = 4096;              // cells kept per row
  std::size_t max_cell_bytes = 1u << 20;       // text of one cell
};

struct OdsSheet {
  std::string name;                            // table:name
  std::vector<std::vector<std::string>> rows;  // rows[i] is sheet row i + 1
};

core::Result<OdsSheet> ReadOdsFirstSheet(std::string_view zip_bytes, std::string_view file_name,
                                         const OdsLimits& limits = {});

// The same over an already extracted content.xml (used by tests and the fuzzer).
core::Result<OdsSheet> ReadOdsContentXml(std::string_view content_xml, std::string_view file_name,
                                         const OdsLimits& limits = {});

}  // namespace redflag::sources
