// Optimal-string-alignment edit distance (Levenshtein plus adjacent transpositions) with a cutoff:
// the kernel behind typo tolerance in name preparation, the index and the scorer.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace redflag::text {

// The distance, or max_distance + 1 when it is larger. Strings longer than 64 bytes are compared
// for equality only (0 or max_distance + 1). Pure, thread-safe, no allocation.
int EditDistance(std::string_view a, std::string_view b, int max_distance);

// One string prepared for many exact optimal-string-alignment distances against others (the
// neighbours of a query token in the index): the bit-parallel algorithm of H. Hyyrö, "A
// bit-vector algorithm for computing Levenshtein and Damerau edit distances", Nordic Journal of
// Computing 10 (2003), which extends G. Myers (JACM 1999) with transpositions. One pass of a few
// word operations per character of the other string, with no band and no cutoff. Patterns longer
// than kMaxPatternLength are compared for equality only, as EditDistance does.
class OsaPattern {
 public:
  static constexpr std::size_t kMaxPatternLength = 64;
  explicit OsaPattern(std::string_view pattern);
  // Exactly EditDistance(pattern, text, max) whenever that is <= max, for every max; when either
  // string is longer than kMaxPatternLength: 0 if equal, else kFar.
  int Distance(std::string_view text) const;
  static constexpr int kFar = 1 << 20;

 private:
  std::string_view pattern_;
  std::array<std::uint64_t, 256> peq_{};  // peq_[c]: bit i set when pattern[i] == c
};

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

}  // namespace redflag::text
