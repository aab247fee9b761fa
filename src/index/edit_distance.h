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

}  // namespace redflag::index
