// Optimal-string-alignment edit distance (Levenshtein plus adjacent transpositions) with a cutoff:
// the kernel behind typo tolerance in name preparation, the index and the scorer.
#pragma once

#include <string_view>

namespace redflag::index {

// The distance, or max_distance + 1 when it is larger. Strings longer than 64 bytes are compared
// for equality only (0 or max_distance + 1). Pure, thread-safe, no allocation.
int EditDistance(std::string_view a, std::string_view b, int max_distance);

}  // namespace redflag::index
