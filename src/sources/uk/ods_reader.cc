#include "sources/uk/ods_reader.h"

#include <fmt/format.h>
#include <zip.h>

#include <exception>
#include <memory>
#include <optional>
#include <pugixml.hpp>

namespace redflag::sources {
namespace {

constexpr int kMaxDepth = 32;  // nesting of row groups and inline text elements we follow
constexpr std::string_view kSpreadsheetMime = "application/vnd.oasis.opendocument.spreadsheet";
// Bookkeeping cost charged per kept cell, so that millions of tiny cells also hit the limit.
constexpr std::size_t kCellOverhead = 32;

core::Error ParseError(std::string_view file, std::int64_t row, std::string message) {
  return core::MakeError(core::ErrorCode::kParse, std::move(message),
                         core::Location{.file = std::string(file), .line = row});
}

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

// Reads entry `name` up to `max_bytes`; nullopt when absent; Error when larger or unreadable.
core::Result<std::optional<std::string>> ReadEntry(zip_t* archive, const char* name,
                                                   std::size_t max_bytes, std::string_view file) {
  const zip_int64_t index = zip_name_locate(archive, name, 0);
  if (index < 0) return std::optional<std::string>{};
  std::unique_ptr<zip_file_t, ZipFileCloser> entry(
      zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0));
  if (!entry) {
    return ParseError(file, 0,
                      fmt::format("cannot open {} in the zip: {}", name,
                                  zip_error_strerror(zip_get_error(archive))));
  }
  std::string out;
  char buffer[1 << 16];
  for (;;) {
    const zip_int64_t got = zip_fread(entry.get(), buffer, sizeof(buffer));
    if (got < 0) {
      return ParseError(file, 0,
                        fmt::format("cannot read {} in the zip: {}", name,
                                    zip_error_strerror(zip_file_get_error(entry.get()))));
    }
    if (got == 0) break;
    if (out.size() + static_cast<std::size_t>(got) > max_bytes) {
      return ParseError(file, 0,
                        fmt::format("{} is larger than the {} byte limit", name, max_bytes));
    }
    out.append(buffer, static_cast<std::size_t>(got));
  }
  return std::optional<std::string>(std::move(out));
}

class SheetBuilder {
 public:
  SheetBuilder(std::string_view file, const OdsLimits& limits) : file_(file), limits_(limits) {}

  core::Status AddRows(const pugi::xml_node& parent, int depth) {
    if (depth > kMaxDepth) return Fail("row groups nested too deeply");
    for (const pugi::xml_node& child : parent.children()) {
      const std::string_view name = child.name();
      if (name == "table:table-row") {
        if (auto status = AddRow(child); !status) return status;
      } else if (name == "table:table-header-rows" || name == "table:table-row-group" ||
                 name == "table:table-rows") {
        if (auto status = AddRows(child, depth + 1); !status) return status;
      }
    }
    return core::Ok();
  }

  OdsSheet Take() && { return std::move(sheet_); }
  OdsSheet& sheet() { return sheet_; }

 private:
  std::int64_t CurrentRow() const {
    return static_cast<std::int64_t>(sheet_.rows.size() + pending_rows_ + 1);
  }
  core::Error Fail(std::string message) const {
    return ParseError(file_, CurrentRow(), std::move(message));
  }

  static std::uint64_t Repeat(const pugi::xml_node& node, const char* attribute) {
    const std::uint64_t count = node.attribute(attribute).as_ullong(1);
    return count == 0 ? 1 : count;
  }

  core::Status Charge(std::size_t bytes) {
    total_bytes_ += bytes + kCellOverhead;
    if (total_bytes_ > limits_.max_content_bytes) {
      return Fail(fmt::format("sheet text exceeds the {} byte limit (repeated cells?)",
                              limits_.max_content_bytes));
    }
    return core::Ok();
  }

  core::Status AddRow(const pugi::xml_node& row) {
    std::vector<std::string> cells;
    std::uint64_t pending_cells = 0;
    for (const pugi::xml_node& cell : row.children()) {
      const std::string_view name = cell.name();
      if (name != "table:table-cell" && name != "table:covered-table-cell") continue;
      const std::uint64_t repeat = Repeat(cell, "table:number-columns-repeated");
      std::string text;
      if (name == "table:table-cell") {
        auto read = CellText(cell);
        if (!read) return read.error();
        text = std::move(*read);
      }
      if (text.empty()) {
        pending_cells += repeat;
        if (pending_cells > (std::uint64_t{1} << 40)) pending_cells = std::uint64_t{1} << 40;
        continue;
      }
      if (cells.size() + pending_cells + repeat > limits_.max_columns) {
        return Fail(fmt::format("row has more than {} columns", limits_.max_columns));
      }
      cells.resize(cells.size() + pending_cells);
      pending_cells = 0;
      for (std::uint64_t copy = 0; copy < repeat; ++copy) {
        if (auto status = Charge(text.size()); !status) return status;
        cells.push_back(text);
      }
    }
    const std::uint64_t repeat = Repeat(row, "table:number-rows-repeated");
    if (cells.empty()) {
      pending_rows_ += repeat;
      if (pending_rows_ > (std::uint64_t{1} << 40)) pending_rows_ = std::uint64_t{1} << 40;
      return core::Ok();
    }
    if (sheet_.rows.size() + pending_rows_ + repeat > limits_.max_rows) {
      return Fail(fmt::format("sheet has more than {} rows", limits_.max_rows));
    }
    sheet_.rows.resize(sheet_.rows.size() + pending_rows_);
    pending_rows_ = 0;
    std::size_t row_bytes = 0;
    for (const std::string& cell : cells) row_bytes += cell.size();
    for (std::uint64_t copy = 1; copy < repeat; ++copy) {
      if (auto status = Charge(row_bytes + cells.size() * kCellOverhead); !status) return status;
      sheet_.rows.push_back(cells);
    }
    sheet_.rows.push_back(std::move(cells));
    return core::Ok();
  }

  core::Result<std::string> CellText(const pugi::xml_node& cell) {
    std::string out;
    bool any_paragraph = false;
    for (const pugi::xml_node& child : cell.children()) {
      const std::string_view name = child.name();
      if (name != "text:p" && name != "text:h") continue;
      if (any_paragraph) out += '\n';
      any_paragraph = true;
      std::string paragraph;
      if (auto status = AppendInline(child, paragraph, 0); !status) return status.error();
      const auto first = paragraph.find_first_not_of(' ');
      const auto last = paragraph.find_last_not_of(' ');
      if (first != std::string::npos) out.append(paragraph, first, last - first + 1);
      if (out.size() > limits_.max_cell_bytes) break;
    }
    if (out.size() > limits_.max_cell_bytes) {
      return Fail(fmt::format("cell text longer than {} bytes", limits_.max_cell_bytes));
    }
    if (!any_paragraph) {
      for (const char* attribute : {"office:string-value", "office:value", "office:date-value"}) {
        if (const char* value = cell.attribute(attribute).as_string(); *value != '\0') {
          out = value;
          break;
        }
      }
      if (out.size() > limits_.max_cell_bytes) out.resize(limits_.max_cell_bytes);
    }
    return out;
  }

  // ODF 1.3 part 3, 6.1.2: runs of white space in text content collapse to one space;
  // <text:s text:c="N"/> stands for N spaces.
  core::Status AppendInline(const pugi::xml_node& node, std::string& out, int depth) {
    if (depth > kMaxDepth) return Fail("text elements nested too deeply");
    for (const pugi::xml_node& child : node.children()) {
      if (out.size() > limits_.max_cell_bytes) return core::Ok();
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        for (const char* ch = child.value(); *ch != '\0'; ++ch) {
          const bool space = *ch == ' ' || *ch == '\t' || *ch == '\n' || *ch == '\r';
          if (!space) {
            out += *ch;
          } else if (!out.empty() && out.back() != ' ') {
            out += ' ';
          }
        }
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = child.name();
      if (name == "text:s") {
        const std::uint64_t count = child.attribute("text:c").as_ullong(1);
        const std::size_t room = limits_.max_cell_bytes + 1 - out.size();
        out.append(static_cast<std::size_t>(std::min<std::uint64_t>(count, room)), ' ');
      } else if (name == "text:tab") {
        out += '\t';
      } else if (name == "text:line-break") {
        out += '\n';
      } else if (name == "office:annotation" || name == "text:note") {
        continue;  // comments and footnotes are not cell content
      } else if (auto status = AppendInline(child, out, depth + 1); !status) {
        return status;
      }
    }
    return core::Ok();
  }

  std::string_view file_;
  const OdsLimits& limits_;
  OdsSheet sheet_;
  std::uint64_t pending_rows_ = 0;
  std::size_t total_bytes_ = 0;
};

core::Result<OdsSheet> ReadContent(std::string_view content, std::string_view file,
                                   const OdsLimits& limits) {
  if (content.size() > limits.max_content_bytes) {
    return ParseError(
        file, 0,
        fmt::format("content.xml is larger than the {} byte limit", limits.max_content_bytes));
  }
  pugi::xml_document document;
  const pugi::xml_parse_result loaded =
      document.load_buffer(content.data(), content.size(),
                           pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_auto);
  if (!loaded) {
    return ParseError(file, 0,
                      fmt::format("content.xml is not well formed: {} at byte {}",
                                  loaded.description(), loaded.offset));
  }
  const pugi::xml_node root = document.document_element();
  const std::string_view root_name = root.name();
  if (root_name != "office:document-content" && root_name != "office:document") {
    return ParseError(
        file, 0,
        fmt::format("content.xml root is <{}>, expected <office:document-content>", root_name));
  }
  const pugi::xml_node table =
      root.child("office:body").child("office:spreadsheet").child("table:table");
  if (!table) return ParseError(file, 0, "the document has no spreadsheet table");
  SheetBuilder builder(file, limits);
  builder.sheet().name = table.attribute("table:name").as_string();
  if (auto status = builder.AddRows(table, 0); !status) return status.error();
  return std::move(builder).Take();
}

}  // namespace

core::Result<OdsSheet> ReadOdsContentXml(std::string_view content_xml, std::string_view file_name,
                                         const OdsLimits& limits) {
  try {
    return ReadContent(content_xml, file_name, limits);
  } catch (const std::exception& error) {
    return ParseError(file_name, 0, fmt::format("cannot read the sheet: {}", error.what()));
  }
}

core::Result<OdsSheet> ReadOdsFirstSheet(std::string_view zip_bytes, std::string_view file_name,
                                         const OdsLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, &error);
  if (source == nullptr) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return ParseError(file_name, 0, "cannot read the .ods: " + message);
  }
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(source);
    return ParseError(file_name, 0, "not an .ods file (not a zip archive): " + message);
  }
  zip_error_fini(&error);
  auto mimetype = ReadEntry(archive.get(), "mimetype", 256, file_name);
  if (!mimetype) return mimetype.error();
  if (*mimetype && !(*mimetype)->starts_with(kSpreadsheetMime)) {
    return ParseError(file_name, 0,
                      fmt::format("not an OpenDocument spreadsheet (mimetype \"{}\")",
                                  (*mimetype)->substr(0, 80)));
  }
  auto content = ReadEntry(archive.get(), "content.xml", limits.max_content_bytes, file_name);
  if (!content) return content.error();
  if (!*content) return ParseError(file_name, 0, "not an .ods file: the zip has no content.xml");
  return ReadOdsContentXml(**content, file_name, limits);
}

}  // namespace redflag::sources
