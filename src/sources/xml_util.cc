#include "sources/xml_util.h"
#include "core/sha256.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <system_error>

#include "core/date.h"

namespace redflag::sources::xml {
namespace {

using core::ErrorCode;
using core::MakeError;

bool IsSpace(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f'; }

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Decodes one UTF-8 code point at `pos`; returns U+FFFD and advances one byte on bad input.
char32_t NextCodePoint(std::string_view text, std::size_t& pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  int length = 0;
  char32_t cp = 0;
  if (byte < 0x80) {
    ++pos;
    return byte;
  } else if ((byte & 0xE0) == 0xC0) {
    length = 2;
    cp = byte & 0x1F;
  } else if ((byte & 0xF0) == 0xE0) {
    length = 3;
    cp = byte & 0x0F;
  } else if ((byte & 0xF8) == 0xF0) {
    length = 4;
    cp = byte & 0x07;
  } else {
    ++pos;
    return 0xFFFD;
  }
  if (pos + length > text.size()) {
    ++pos;
    return 0xFFFD;
  }
  for (int idx = 1; idx < length; ++idx) {
    const auto next = static_cast<unsigned char>(text[pos + idx]);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  pos += length;
  return cp;
}

enum class Script : std::uint8_t {
  kNone,
  kLatin,
  kCyrl,
  kGrek,
  kArmn,
  kHebr,
  kArab,
  kDeva,
  kThai,
  kGeor,
  kHang,
  kKana,
  kHani,
  kCount,
};

Script ScriptOfCodePoint(char32_t cp) {
  if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F) ||
      (cp >= 0x1E00 && cp <= 0x1EFF)) {
    return Script::kLatin;
  }
  if ((cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x1F00 && cp <= 0x1FFF)) return Script::kGrek;
  if ((cp >= 0x400 && cp <= 0x52F) || (cp >= 0x1C80 && cp <= 0x1C8F) ||
      (cp >= 0x2DE0 && cp <= 0x2DFF) || (cp >= 0xA640 && cp <= 0xA69F)) {
    return Script::kCyrl;
  }
  if (cp >= 0x530 && cp <= 0x58F) return Script::kArmn;
  if ((cp >= 0x590 && cp <= 0x5FF) || (cp >= 0xFB1D && cp <= 0xFB4F)) return Script::kHebr;
  if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
      (cp >= 0x8A0 && cp <= 0x8FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
      (cp >= 0xFE70 && cp <= 0xFEFF)) {
    return Script::kArab;
  }
  if (cp >= 0x900 && cp <= 0x97F) return Script::kDeva;
  if (cp >= 0xE00 && cp <= 0xE7F) return Script::kThai;
  if ((cp >= 0x10A0 && cp <= 0x10FF) || (cp >= 0x1C90 && cp <= 0x1CBF) ||
      (cp >= 0x2D00 && cp <= 0x2D2F)) {
    return Script::kGeor;
  }
  if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
      (cp >= 0xAC00 && cp <= 0xD7AF)) {
    return Script::kHang;
  }
  if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF)) return Script::kKana;
  if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF)) {
    return Script::kHani;
  }
  return Script::kNone;
}

constexpr std::array<std::string_view, static_cast<std::size_t>(Script::kCount)> kScriptCodes = {
    "", "", "Cyrl", "Grek", "Armn", "Hebr", "Arab", "Deva", "Thai", "Geor", "Hang", "Jpan", "Hani",
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Files and zips.

core::Result<std::string> ReadFileBytes(const std::filesystem::path& path,
                                        std::uint64_t max_bytes) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    return MakeError(
        ec == std::errc::no_such_file_or_directory ? ErrorCode::kNotFound : ErrorCode::kIo,
        fmt::format("cannot read file: {}", ec.message()), {path.string()});
  }
  if (size > max_bytes) {
    return MakeError(
        ErrorCode::kValidation,
        fmt::format("file is {} bytes, more than the {} bytes accepted", size, max_bytes),
        {path.string()});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, "cannot open file", {path.string()});
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (in.gcount() != static_cast<std::streamsize>(size)) {
    return MakeError(ErrorCode::kIo, "short read (file changed while reading?)", {path.string()});
  }
  return bytes;
}

bool LooksLikeZip(std::string_view bytes) {
  return StartsWith(bytes, std::string_view("PK\3\4", 4));
}

core::Result<ZipMember> ReadSingleZipMember(std::string_view bytes, std::string_view file_name,
                                            std::uint64_t max_bytes) {
  const core::Location where{std::string(file_name)};
  auto zip_error = [&](std::string what) {
    return MakeError(ErrorCode::kParse, std::move(what), where);
  };
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return zip_error(fmt::format("cannot read zip archive: {}", message));
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(source);
    return zip_error(fmt::format("not a readable zip archive: {}", message));
  }
  zip_error_fini(&error);
  // From here `archive` owns `source`.
  struct Closer {
    zip_t* archive;
    ~Closer() { zip_discard(archive); }
  } closer{archive};

  const zip_int64_t entries = zip_get_num_entries(archive, 0);
  if (entries != 1) {
    return zip_error(fmt::format("zip archive holds {} members; expected exactly one XML file",
                                 entries < 0 ? 0 : entries));
  }
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive, 0, 0, &stat) != 0 || (stat.valid & ZIP_STAT_NAME) == 0) {
    return zip_error(fmt::format("cannot read zip member: {}", zip_strerror(archive)));
  }
  const std::string member = stat.name;
  const std::string lowered = ToLowerAscii(member);
  if (member.empty() || member.back() == '/' || lowered.size() < 4 ||
      lowered.substr(lowered.size() - 4) != ".xml") {
    return zip_error(fmt::format("zip member \"{}\" is not an .xml file", Cut(member)));
  }
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
    return zip_error(fmt::format("zip member \"{}\" is encrypted", Cut(member)));
  }
  if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > max_bytes) {
    return zip_error(
        fmt::format("zip member \"{}\" is {} bytes uncompressed, more than the {} "
                    "bytes accepted",
                    Cut(member), stat.size, max_bytes));
  }
  zip_file_t* file = zip_fopen_index(archive, 0, 0);
  if (file == nullptr) {
    return zip_error(
        fmt::format("cannot open zip member \"{}\": {}", Cut(member), zip_strerror(archive)));
  }
  std::string out;
  std::array<char, 1 << 16> buffer;
  while (true) {
    const zip_int64_t got = zip_fread(file, buffer.data(), buffer.size());
    if (got < 0) {
      std::string message = zip_error_strerror(zip_file_get_error(file));
      zip_fclose(file);
      return zip_error(
          fmt::format("cannot decompress zip member \"{}\": {}", Cut(member), message));
    }
    if (got == 0) break;
    // Do not trust the header's size: stop as soon as the data itself passes the limit.
    if (out.size() + static_cast<std::uint64_t>(got) > max_bytes) {
      zip_fclose(file);
      return zip_error(fmt::format("zip member \"{}\" inflates past the {} bytes accepted",
                                   Cut(member), max_bytes));
    }
    out.append(buffer.data(), static_cast<std::size_t>(got));
  }
  if (zip_fclose(file) != 0) {
    return zip_error(fmt::format("zip member \"{}\" is damaged (checksum)", Cut(member)));
  }
  return ZipMember{member, std::move(out)};
}


// ---------------------------------------------------------------------------------------------
// Documents.

core::Result<std::unique_ptr<XmlFile>> XmlFile::Parse(std::string_view xml, std::string file_name) {
  std::unique_ptr<XmlFile> file(new XmlFile());
  file->file_name_ = std::move(file_name);
  file->line_starts_.push_back(0);
  for (std::size_t idx = 0; idx < xml.size(); ++idx) {
    if (xml[idx] == '\n') file->line_starts_.push_back(idx + 1);
  }
  pugi::xml_parse_result result;
  try {
    result = file->doc_.load_buffer(xml.data(), xml.size(),
                                    pugi::parse_default | pugi::parse_ws_pcdata_single,
                                    pugi::encoding_auto);
  } catch (const std::bad_alloc&) {
    return MakeError(ErrorCode::kParse, "out of memory while parsing XML", {file->file_name_});
  }
  if (!result) {
    const std::int64_t line = file->LineOfOffset(result.offset);
    return MakeError(ErrorCode::kParse,
                     fmt::format("XML is not well formed at line {} (byte offset {}): {}", line,
                                 result.offset, result.description()),
                     core::Location{file->file_name_, line});
  }
  return file;
}

std::int64_t XmlFile::LineOfOffset(std::ptrdiff_t offset) const {
  if (offset < 0 || line_starts_.empty()) return 0;
  const auto it =
      std::upper_bound(line_starts_.begin(), line_starts_.end(), static_cast<std::size_t>(offset));
  return static_cast<std::int64_t>(it - line_starts_.begin());
}

std::int64_t XmlFile::LineOf(const pugi::xml_node& node) const {
  if (!node) return 0;
  return LineOfOffset(node.offset_debug());
}

// ---------------------------------------------------------------------------------------------
// Nodes and text.

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  if (const auto colon = name.find(':'); colon != std::string_view::npos) {
    name.remove_prefix(colon + 1);
  }
  return name;
}

std::string NamespaceUri(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const auto colon = name.find(':');
  const std::string attribute =
      colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node current = node; current; current = current.parent()) {
    if (current.type() != pugi::node_element) break;
    if (const pugi::xml_attribute attr = current.attribute(attribute.c_str())) return attr.value();
  }
  return {};
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && LocalName(child) == name) return child;
  }
  return {};
}

pugi::xml_node Path(const pugi::xml_node& node, std::initializer_list<std::string_view> names) {
  pugi::xml_node current = node;
  for (std::string_view name : names) {
    current = Child(current, name);
    if (!current) break;
  }
  return current;
}

std::vector<pugi::xml_node> Children(const pugi::xml_node& node, std::string_view name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && LocalName(child) == name) out.push_back(child);
  }
  return out;
}

std::string Text(const pugi::xml_node& node) {
  if (!node) return {};
  // Concatenate text and CDATA children; elements inside are not expected in leaf fields.
  std::string text;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text += child.value();
    }
  }
  return Clean(text);
}

std::string ChildText(const pugi::xml_node& node, std::string_view name) {
  return Text(Child(node, name));
}

std::string Attr(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute attr = node.first_attribute(); attr; attr = attr.next_attribute()) {
    std::string_view attr_name = attr.name();
    if (attr_name == name) return Clean(attr.value());
  }
  return {};
}

bool IsTrue(std::string_view text) {
  const std::string lowered = ToLowerAscii(Clean(text));
  return lowered == "true" || lowered == "1";
}

std::string Clean(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char ch : text) {
    if (IsSpace(ch)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += ch;
  }
  return out;
}

std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

std::string Cut(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

std::string DetectScript(std::string_view utf8) {
  std::array<int, static_cast<std::size_t>(Script::kCount)> counts{};
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t cp = NextCodePoint(utf8, pos);
    ++counts[static_cast<std::size_t>(ScriptOfCodePoint(cp))];
  }
  // Japanese mixes kana with Han: any kana makes it Japanese.
  if (counts[static_cast<std::size_t>(Script::kKana)] > 0) return "Jpan";
  std::size_t best = static_cast<std::size_t>(Script::kLatin);
  for (std::size_t idx = static_cast<std::size_t>(Script::kCyrl); idx < counts.size(); ++idx) {
    if (counts[idx] > counts[best]) best = idx;
  }
  return std::string(kScriptCodes[best]);
}

std::string ScriptCodeFromName(std::string_view name) {
  static const std::map<std::string, std::string, std::less<>> kScripts = {
      {"latin", ""},
      {"latn", ""},
      {"cyrillic", "Cyrl"},
      {"cyrl", "Cyrl"},
      {"arabic", "Arab"},
      {"arab", "Arab"},
      {"armenian", "Armn"},
      {"armn", "Armn"},
      {"chinese simplified", "Hani"},
      {"chinese traditional", "Hani"},
      {"chinese", "Hani"},
      {"hani", "Hani"},
      {"hans", "Hani"},
      {"hant", "Hani"},
      {"georgian", "Geor"},
      {"geor", "Geor"},
      {"greek", "Grek"},
      {"grek", "Grek"},
      {"hangul", "Hang"},
      {"hang", "Hang"},
      {"korean", "Kore"},
      {"kore", "Kore"},
      {"hebrew", "Hebr"},
      {"hebr", "Hebr"},
      {"japanese", "Jpan"},
      {"jpan", "Jpan"},
      {"devanagari", "Deva"},
      {"deva", "Deva"},
      {"thai", "Thai"},
  };
  const auto it = kScripts.find(ToLowerAscii(Clean(name)));
  return it == kScripts.end() ? std::string() : it->second;
}

void AddName(core::Entity& entity, core::Name name) {
  if (name.full.empty()) return;
  for (const auto& existing : entity.names) {
    if (existing.full == name.full) return;
  }
  entity.names.push_back(std::move(name));
}

void AppendRemark(std::string& out, std::string_view text) {
  if (text.empty()) return;
  if (!out.empty()) out += "; ";
  out += text;
}

void AddUnique(std::vector<std::string>& values, std::string value) {
  if (value.empty()) return;
  if (std::find(values.begin(), values.end(), value) != values.end()) return;
  values.push_back(std::move(value));
}

}  // namespace redflag::sources::xml
