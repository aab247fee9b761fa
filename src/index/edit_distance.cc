#include "index/edit_distance.h"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace redflag::index {

int EditDistance(std::string_view a, std::string_view b, int max_distance) {
  const int len_a = static_cast<int>(a.size());
  const int len_b = static_cast<int>(b.size());
  if (std::abs(len_a - len_b) > max_distance) return max_distance + 1;
  if (len_a > 64 || len_b > 64) return a == b ? 0 : max_distance + 1;
  // Optimal string alignment (Damerau-Levenshtein without repeated edits of one substring):
  // three rolling rows, stopped early once a whole row exceeds max_distance.
  std::array<int, 66> two_back{};
  std::array<int, 66> previous{};
  std::array<int, 66> current{};
  for (int col = 0; col <= len_b; ++col) previous[col] = col;
  for (int row = 1; row <= len_a; ++row) {
    current[0] = row;
    int row_min = current[0];
    for (int col = 1; col <= len_b; ++col) {
      const int cost = a[row - 1] == b[col - 1] ? 0 : 1;
      int value = std::min({previous[col] + 1, current[col - 1] + 1, previous[col - 1] + cost});
      if (row > 1 && col > 1 && a[row - 1] == b[col - 2] && a[row - 2] == b[col - 1]) {
        value = std::min(value, two_back[col - 2] + 1);
      }
      current[col] = value;
      row_min = std::min(row_min, value);
    }
    if (row_min > max_distance) return max_distance + 1;
    two_back = previous;
    previous = current;
  }
  return previous[len_b];
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
