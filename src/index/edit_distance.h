// Optimal-string-alignment edit distance (Levenshtein plus adjacent transpositions) with a cutoff:
// the kernel behind typo tolerance in name preparation, the index and the scorer.
#pragma once

#include <cstdint>
#include <string_view>

namespace redflag::index {

// The distance, or max_distance + 1 when it is larger. Strings longer than 64 bytes are compared
// for equality only (0 or max_distance + 1). Pure, thread-safe, no allocation.
int EditDistance(std::string_view a, std::string_view b, int max_distance);

// Bit i set when letter 'a'+i occurs in `text` (bits 26..31: digits, folded mod 6). Strings whose
// masks differ in k bits are at least ceil(k / 2) edits apart: a free filter before EditDistance.
std::uint32_t LetterMask(std::string_view text);

// False when strings with these letter masks must be more than max_distance edits apart.
inline bool LettersWithin(std::uint32_t a, std::uint32_t b, int max_distance) {
  // Bit count without a library call (no -mpopcnt in the portable build).
  std::uint32_t bits = a ^ b;
  bits = bits - ((bits >> 1) & 0x55555555u);
  bits = (bits & 0x33333333u) + ((bits >> 2) & 0x33333333u);
  const int count = static_cast<int>((((bits + (bits >> 4)) & 0x0F0F0F0Fu) * 0x01010101u) >> 24);
  return (count + 1) / 2 <= max_distance;
}

}  // namespace redflag::index
