#include "text/edit_distance.h"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace redflag::text {

int EditDistance(std::string_view a, std::string_view b, int max_distance) {
  const int len_a = static_cast<int>(a.size());
  const int len_b = static_cast<int>(b.size());
  const int over = max_distance + 1;
  if (std::abs(len_a - len_b) > max_distance) return over;
  if (len_a > 64 || len_b > 64) return a == b ? 0 : over;
  if (max_distance <= 0) return a == b ? 0 : over;
  // Optimal string alignment (Damerau-Levenshtein without repeated edits of one substring).
  // Only the diagonal band |row - col| <= max_distance can hold values <= max_distance, so each
  // row computes 2 * max_distance + 1 cells; three rotating rows, values capped at `over`, and a
  // stop as soon as a whole band exceeds max_distance. Cells left of a band are never read; the
  // one right of it is set to `over` for the next row.
  std::array<std::array<int, 66>, 3> rows;
  int* two_back = rows[0].data();
  int* previous = rows[1].data();
  int* current = rows[2].data();
  for (int col = 0; col <= len_b; ++col) previous[col] = std::min(col, over);
  for (int row = 1; row <= len_a; ++row) {
    const int lo = std::max(1, row - max_distance);
    const int hi = std::min(len_b, row + max_distance);
    current[lo - 1] = lo == 1 ? std::min(row, over) : over;
    int row_min = current[lo - 1];
    const char a_char = a[row - 1];
    for (int col = lo; col <= hi; ++col) {
      const int cost = a_char == b[col - 1] ? 0 : 1;
      int value = std::min({previous[col] + 1, current[col - 1] + 1, previous[col - 1] + cost});
      if (row > 1 && col > 1 && a_char == b[col - 2] && a[row - 2] == b[col - 1]) {
        value = std::min(value, two_back[col - 2] + 1);
      }
      value = std::min(value, over);
      current[col] = value;
      row_min = std::min(row_min, value);
    }
    if (hi < len_b) current[hi + 1] = over;
    if (row_min > max_distance) return over;
    int* recycled = two_back;
    two_back = previous;
    previous = current;
    current = recycled;
  }
  return std::min(previous[len_b], over);
}

OsaPattern::OsaPattern(std::string_view pattern) : pattern_(pattern) {
  if (pattern.size() > kMaxPatternLength) return;
  for (std::size_t pos = 0; pos < pattern.size(); ++pos) {
    peq_[static_cast<unsigned char>(pattern[pos])] |= std::uint64_t{1} << pos;
  }
}

int OsaPattern::Distance(std::string_view text) const {
  const std::size_t m = pattern_.size();
  if (m > kMaxPatternLength || text.size() > kMaxPatternLength) {
    return pattern_ == text ? 0 : kFar;
  }
  if (m == 0) return static_cast<int>(text.size());
  // Column j of the dynamic-programming matrix is kept as vertical deltas: VP (+1) and VN (-1)
  // per row; the score is the last row's value, D[m][j]. Hyyro's names: Eq = Peq[t_j],
  // D0 = diagonal zero deltas, HP/HN = horizontal deltas, TR = rows where a transposition of
  // t_{j-1} t_j against the pattern gives a zero diagonal delta.
  const std::uint64_t last = std::uint64_t{1} << (m - 1);
  std::uint64_t vp = ~std::uint64_t{0};
  std::uint64_t vn = 0;
  std::uint64_t d0 = 0;
  std::uint64_t eq_previous = 0;
  int score = static_cast<int>(m);
  for (const char ch : text) {
    const std::uint64_t eq = peq_[static_cast<unsigned char>(ch)];
    const std::uint64_t tr = (((~d0) & eq) << 1) & eq_previous;
    d0 = (((eq & vp) + vp) ^ vp) | eq | vn | tr;
    std::uint64_t hp = vn | ~(d0 | vp);
    std::uint64_t hn = vp & d0;
    if (hp & last) ++score;
    if (hn & last) --score;
    // Row 0 of the matrix is D[0][j] = j: a +1 horizontal delta enters at the bottom.
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
    eq_previous = eq;
  }
  return score;
}

std::uint32_t LetterMask(std::string_view text) {
  std::uint32_t mask = 0;
  for (char ch : text) {
    if (ch >= 'a' && ch <= 'z') mask |= 1u << (ch - 'a');
    if (ch >= '0' && ch <= '9') mask |= 1u << (26 + (ch - '0') % 6);
  }
  return mask;
}

}  // namespace redflag::text
