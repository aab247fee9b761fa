#include <openssl/evp.h>
#include "core/sha256.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <system_error>

#include "sources/intl_util_internal.h"

namespace redflag::sources::intl {
namespace {

// Decodes one code point at `pos` and advances; invalid sequences yield U+FFFD and advance one
// byte, so every input terminates.
char32_t NextCodePoint(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t idx) { return static_cast<unsigned char>(text[idx]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  int length = 0;
  char32_t code = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code = lead & 0x07, min = 0x10000;
  } else {
    ++pos;
    return 0xFFFD;
  }
  if (pos + static_cast<std::size_t>(length) > text.size()) {
    ++pos;
    return 0xFFFD;
  }
  for (int idx = 1; idx < length; ++idx) {
    const unsigned char next = byte(pos + static_cast<std::size_t>(idx));
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    code = (code << 6) | (next & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    ++pos;
    return 0xFFFD;
  }
  pos += static_cast<std::size_t>(length);
  return code;
}

void AppendUtf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

bool IsSpace(char32_t code) {
  return code == ' ' || code == '\t' || code == '\n' || code == '\r' || code == '\v' ||
         code == '\f' || code == 0xA0 || code == 0x202F || code == 0x2007 || code == 0x200B ||
         code == 0x2028 || code == 0x2029 || code == 0xFEFF;
}

enum class Script : std::uint8_t {
  kNone,
  kLatin,
  kGreek,
  kCyrillic,
  kArmenian,
  kHebrew,
  kArabic,
  kDevanagari,
  kThai,
  kGeorgian,
  kHangul,
  kKana,
  kHan,
  kCount,
};

Script ScriptOf(char32_t code) {
  if ((code >= 'A' && code <= 'Z') || (code >= 'a' && code <= 'z')) return Script::kLatin;
  if ((code >= 0xC0 && code <= 0x24F && code != 0xD7 && code != 0xF7) ||
      (code >= 0x1E00 && code <= 0x1EFF)) {
    return Script::kLatin;
  }
  if ((code >= 0x370 && code <= 0x3FF) || (code >= 0x1F00 && code <= 0x1FFF)) {
    return Script::kGreek;
  }
  if ((code >= 0x400 && code <= 0x52F) || (code >= 0x2DE0 && code <= 0x2DFF) ||
      (code >= 0xA640 && code <= 0xA69F)) {
    return Script::kCyrillic;
  }
  if (code >= 0x530 && code <= 0x58F) return Script::kArmenian;
  if (code >= 0x590 && code <= 0x5FF) return Script::kHebrew;
  if ((code >= 0x600 && code <= 0x6FF) || (code >= 0x750 && code <= 0x77F) ||
      (code >= 0x8A0 && code <= 0x8FF) || (code >= 0xFB50 && code <= 0xFDFF) ||
      (code >= 0xFE70 && code <= 0xFEFF)) {
    return Script::kArabic;
  }
  if (code >= 0x900 && code <= 0x97F) return Script::kDevanagari;
  if (code >= 0xE00 && code <= 0xE7F) return Script::kThai;
  if (code >= 0x10A0 && code <= 0x10FF) return Script::kGeorgian;
  if ((code >= 0x1100 && code <= 0x11FF) || (code >= 0x3130 && code <= 0x318F) ||
      (code >= 0xAC00 && code <= 0xD7AF)) {
    return Script::kHangul;
  }
  if (code >= 0x3040 && code <= 0x30FF) return Script::kKana;
  if ((code >= 0x4E00 && code <= 0x9FFF) || (code >= 0x3400 && code <= 0x4DBF) ||
      (code >= 0xF900 && code <= 0xFAFF) || (code >= 0x20000 && code <= 0x2FFFF)) {
    return Script::kHan;
  }
  return Script::kNone;
}

// cp1252 0x80..0x9F; 0 marks the five undefined bytes.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

}  // namespace

core::Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) {
    return core::MakeError(
        error == std::errc::no_such_file_or_directory ? core::ErrorCode::kNotFound
                                                      : core::ErrorCode::kIo,
        "cannot read file: " + error.message(), core::Location{.file = path.string()});
  }
  if (size > kMaxFileBytes) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "file is larger than the " + std::to_string(kMaxFileBytes >> 20) +
                               " MiB limit for a list file",
                           core::Location{.file = path.string()});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::MakeError(core::ErrorCode::kIo, "cannot open file",
                           core::Location{.file = path.string()});
  }
  std::string data(static_cast<std::size_t>(size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  data.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    return core::MakeError(core::ErrorCode::kIo, "read error",
                           core::Location{.file = path.string()});
  }
  return data;
}

SourceFile MakeSourceFile(std::string_view file_name, std::string_view data) {
  SourceFile file;
  file.path = std::filesystem::path(std::string(file_name));
  file.size = data.size();
  file.sha256 = core::Sha256Hex(data);
  return file;
}

std::string CollapseSpace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t code = NextCodePoint(text, pos);
    if (IsSpace(code)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (code == 0xFFFD && pos - start == 1) {
      AppendUtf8(out, 0xFFFD);  // keep the output valid UTF-8
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    if (NextCodePoint(text, pos) == 0xFFFD && pos - start == 1) return false;
  }
  return true;
}

std::string Cp1252ToUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x80) {
      out += ch;
    } else if (byte < 0xA0) {
      const char16_t mapped = kCp1252High[byte - 0x80];
      AppendUtf8(out, mapped == 0 ? 0xFFFD : mapped);
    } else {
      AppendUtf8(out, byte);
    }
  }
  return out;
}

std::string DetectScript(std::string_view utf8) {
  std::array<int, static_cast<std::size_t>(Script::kCount)> counts{};
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    ++counts[static_cast<std::size_t>(ScriptOf(NextCodePoint(utf8, pos)))];
  }
  const auto count = [&](Script script) { return counts[static_cast<std::size_t>(script)]; };
  if (count(Script::kKana) > 0) {
    return count(Script::kKana) + count(Script::kHan) > count(Script::kLatin) ? "Jpan" : "";
  }
  Script best = Script::kNone;
  int best_count = 0;
  for (std::size_t idx = static_cast<std::size_t>(Script::kGreek); idx < counts.size(); ++idx) {
    if (counts[idx] > best_count) {
      best = static_cast<Script>(idx);
      best_count = counts[idx];
    }
  }
  if (best_count == 0 || best_count <= count(Script::kLatin)) return "";
  switch (best) {
    case Script::kGreek:
      return "Grek";
    case Script::kCyrillic:
      return "Cyrl";
    case Script::kArmenian:
      return "Armn";
    case Script::kHebrew:
      return "Hebr";
    case Script::kArabic:
      return "Arab";
    case Script::kDevanagari:
      return "Deva";
    case Script::kThai:
      return "Thai";
    case Script::kGeorgian:
      return "Geor";
    case Script::kHangul:
      return "Hang";
    case Script::kHan:
      return "Hani";
    default:
      return "";
  }
}

void AddName(core::Entity& entity, core::Name name) {
  if (name.full.empty()) return;
  for (const core::Name& existing : entity.names) {
    if (existing.full == name.full) return;
  }
  if (name.script.empty()) name.script = DetectScript(name.full);
  entity.names.push_back(std::move(name));
}

void AddUnique(std::vector<std::string>& values, std::string value) {
  if (value.empty()) return;
  if (std::find(values.begin(), values.end(), value) != values.end()) return;
  values.push_back(std::move(value));
}

LineIndex::LineIndex(std::string_view data) {
  for (std::size_t pos = 0; pos < data.size(); ++pos) {
    if (data[pos] == '\n') newlines_.push_back(pos);
  }
}

std::int64_t LineIndex::LineOf(std::ptrdiff_t offset) const {
  if (offset < 0) return 0;
  const auto it =
      std::lower_bound(newlines_.begin(), newlines_.end(), static_cast<std::size_t>(offset));
  return static_cast<std::int64_t>(it - newlines_.begin()) + 1;
}

std::vector<std::string> SplitAny(std::string_view text, std::string_view separators) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t pos = 0; pos <= text.size(); ++pos) {
    if (pos == text.size() || separators.find(text[pos]) != std::string_view::npos) {
      std::string piece = CollapseSpace(text.substr(start, pos - start));
      if (!piece.empty()) out.push_back(std::move(piece));
      start = pos + 1;
    }
  }
  return out;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

}  // namespace redflag::sources::intl
