#include "core/quote.h"

#include <cstdint>

#include <fmt/format.h>

namespace redflag::core {
namespace {

// Length of the valid UTF-8 sequence at `pos` (1-4), or 0 when the bytes there are not one.
std::size_t Utf8Length(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = 0;
  std::uint32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  std::uint32_t code = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    const auto byte = static_cast<unsigned char>(text[pos + k]);
    if ((byte & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  // C1 controls (U+0080..U+009F) act as terminal escapes too.
  if (code >= 0x80 && code <= 0x9F) return 0;
  return length;
}

enum class Quotes : std::uint8_t { kEscape, kKeep };

// Appends the escaped form of `text` up to about `max_bytes` input bytes; returns the number of
// input bytes consumed.
std::size_t AppendEscaped(std::string_view text, std::size_t max_bytes, Quotes quotes,
                          std::string& out) {
  std::size_t pos = 0;
  while (pos < text.size() && pos < max_bytes) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte >= 0x20 && byte < 0x7F) {
      if (quotes == Quotes::kEscape && (byte == '"' || byte == '\\')) out.push_back('\\');
      out.push_back(static_cast<char>(byte));
      ++pos;
    } else if (byte == '\n') {
      out += "\\n", ++pos;
    } else if (byte == '\t') {
      out += "\\t", ++pos;
    } else if (byte == '\r') {
      out += "\\r", ++pos;
    } else if (const std::size_t length = byte >= 0x80 ? Utf8Length(text, pos) : 0; length > 0) {
      out.append(text.substr(pos, length));
      pos += length;
    } else {
      out += fmt::format("\\x{:02X}", byte);
      ++pos;
    }
  }
  return pos;
}

}  // namespace

std::string Quote(std::string_view text, std::size_t max_bytes) {
  std::string out = "\"";
  const std::size_t used = AppendEscaped(text, max_bytes, Quotes::kEscape, out);
  out.push_back('"');
  if (used < text.size()) {
    out.insert(out.size() - 1, "...");
    out += fmt::format(" ({} bytes)", text.size());
  }
  return out;
}

std::string Printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  const std::size_t used = AppendEscaped(text, max_bytes, Quotes::kKeep, out);
  if (used < text.size()) out += fmt::format("... ({} bytes in all)", text.size());
  return out;
}

}  // namespace redflag::core
