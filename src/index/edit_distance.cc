#include "index/edit_distance.h"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace redflag::index {

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

std::uint32_t LetterMask(std::string_view text) {
  std::uint32_t mask = 0;
  for (char ch : text) {
    if (ch >= 'a' && ch <= 'z') mask |= 1u << (ch - 'a');
    if (ch >= '0' && ch <= '9') mask |= 1u << (26 + (ch - '0') % 6);
  }
  return mask;
}

}  // namespace redflag::index
