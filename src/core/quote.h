// Quoting user input inside a message (an error, a log line): whatever the input holds, the
// quote is short, one line and printable, so a 100 KB party name or a binary file cannot flood
// a terminal or hide text behind escape sequences.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace redflag::core {

inline constexpr std::size_t kQuoteMaxBytes = 80;

// `text` in double quotes: control bytes, DEL, backslash, double quote and invalid UTF-8 escaped
// (\n, \t, \xNN, \\, \"); cut at a character boundary after about `max_bytes` bytes of input,
// ending in `..." (N bytes)` so the reader knows it was cut and how long it was.
std::string Quote(std::string_view text, std::size_t max_bytes = kQuoteMaxBytes);

// Control bytes and invalid UTF-8 escaped as in Quote (quotes and backslashes left as they are),
// cut after about `max_bytes` bytes: for a whole message that may carry input, as the last step
// before it reaches a terminal or a log.
std::string Printable(std::string_view text, std::size_t max_bytes);

}  // namespace redflag::core
