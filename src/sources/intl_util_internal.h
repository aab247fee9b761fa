// Helpers shared by the "intl" parsers (UN XML, UK ConList/FCDO, Canada SEMA, IEEE OUI).
// Internal to src/sources: not part of any public contract. All functions are pure and
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources::intl {

// Largest list file we read (official files are a few MB); bigger files are refused.
inline constexpr std::uintmax_t kMaxFileBytes = 512u << 20;

// Reads a whole file. kNotFound / kIo / kInvalidArgument (too large) with the path.
core::Result<std::string> ReadFile(const std::filesystem::path& path);

// SourceFile for a buffer: the name, the SHA-256 of the bytes (lowercase hex) and the size.
SourceFile MakeSourceFile(std::string_view file_name, std::string_view data);

// Trims and collapses runs of white space (ASCII white space, NBSP U+00A0, U+202F, U+2007,
// U+200B, line breaks) into one ASCII space.
std::string CollapseSpace(std::string_view text);

// True when `text` is valid UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view text);

// Windows-1252 to UTF-8. The five bytes cp1252 leaves undefined map to U+FFFD.
std::string Cp1252ToUtf8(std::string_view text);

// ISO 15924 code of the dominant script of the letters in `utf8` when it is not Latin
// ("Cyrl", "Arab", "Hani", "Jpan", ...); "" for Latin, digits only or unknown scripts.
std::string DetectScript(std::string_view utf8);

// Appends `name` unless an identical `full` text is already present (the first one wins, so
// add the strongest kind first). Empty names are ignored. Sets `script` when empty.
void AddName(core::Entity& entity, core::Name name);

// Appends `value` unless already present or empty.
void AddUnique(std::vector<std::string>& values, std::string value);

// 1-based line number of byte `offset` in a buffer; built once per buffer.
class LineIndex {
 public:
  explicit LineIndex(std::string_view data);
  std::int64_t LineOf(std::ptrdiff_t offset) const;

 private:
  std::vector<std::size_t> newlines_;
};

// Splits on any of `separators` (each one character); pieces are CollapseSpace'd, empty dropped.
std::vector<std::string> SplitAny(std::string_view text, std::string_view separators);

// ASCII lower case copy.
std::string AsciiLower(std::string_view text);

}  // namespace redflag::sources::intl
