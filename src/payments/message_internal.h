// Checks shared by the ISO 20022 and the SWIFT MT parsers. Not a public API.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/date.h"

namespace redflag::payments {

// More parties and agents than this in one message is refused: a pacs.008 batch this large is
// split by its sender, and screening cost grows with it.
inline constexpr std::size_t kMaxParties = 1000;

// Code points in UTF-8 text (invalid bytes count one each).
std::size_t Utf8Length(std::string_view text);
// Two upper-case ASCII letters.
bool IsCountryCode(std::string_view text);
// Three upper-case ASCII letters.
bool IsCurrencyCode(std::string_view text);
// Digits with at most one '.' and at most 5 decimals, at most 18 digits (ISO 20022
// ActiveCurrencyAndAmount); no sign.
bool IsDecimalAmount(std::string_view text);
// "YYYY-MM-DD", a real calendar date.
std::optional<core::PartialDate> ParseIsoDate(std::string_view text);

}  // namespace redflag::payments
