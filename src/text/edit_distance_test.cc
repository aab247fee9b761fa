#include "text/edit_distance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace redflag::text {
namespace {

// The textbook full-matrix optimal string alignment distance: the definition the banded,
// early-stopping kernel must agree with.
int ReferenceOsa(const std::string& a, const std::string& b) {
  const std::size_t rows = a.size() + 1;
  const std::size_t cols = b.size() + 1;
  std::vector<std::vector<int>> d(rows, std::vector<int>(cols, 0));
  for (std::size_t i = 0; i < rows; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j < cols; ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i < rows; ++i) {
    for (std::size_t j = 1; j < cols; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

TEST(EditDistance, AgreesWithTheFullMatrixOnRandomStrings) {
  // Small alphabet so that matches, transpositions and near misses are common.
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<int> length(0, 12);
  std::uniform_int_distribution<int> letter(0, 3);
  std::uniform_int_distribution<int> limit(0, 4);
  int within = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    std::string a(static_cast<std::size_t>(length(rng)), 'a');
    for (char& ch : a) ch = static_cast<char>('a' + letter(rng));
    // b: a few random edits of a, or an unrelated string.
    std::string b = a;
    const int edits = limit(rng);
    for (int edit = 0; edit < edits; ++edit) {
      const int kind = letter(rng);
      const std::size_t pos = b.empty() ? 0 : static_cast<std::size_t>(rng() % b.size());
      if (kind == 0 && !b.empty()) b.erase(pos, 1);
      if (kind == 1) b.insert(pos, 1, static_cast<char>('a' + letter(rng)));
      if (kind == 2 && !b.empty()) b[pos] = static_cast<char>('a' + letter(rng));
      if (kind == 3 && pos + 1 < b.size()) std::swap(b[pos], b[pos + 1]);
    }
    const int max_distance = limit(rng);
    const int expected = std::min(ReferenceOsa(a, b), max_distance + 1);
    ASSERT_EQ(EditDistance(a, b, max_distance), expected)
        << "\"" << a << "\" / \"" << b << "\" max " << max_distance;
    if (expected <= max_distance) ++within;
  }
  EXPECT_GT(within, 5000);  // the trials exercised the accepting path, not only the cutoff
}

// Random strings over a small alphabet, with b a few edits away from a (or unrelated).
std::pair<std::string, std::string> RandomPair(std::mt19937& rng, int max_length) {
  std::uniform_int_distribution<int> length(0, max_length);
  std::uniform_int_distribution<int> letter(0, 3);
  std::uniform_int_distribution<int> edits(0, 5);
  std::string a(static_cast<std::size_t>(length(rng)), 'a');
  for (char& ch : a) ch = static_cast<char>('a' + letter(rng));
  std::string b = a;
  for (int edit = edits(rng); edit > 0; --edit) {
    const int kind = letter(rng);
    const std::size_t pos = b.empty() ? 0 : static_cast<std::size_t>(rng() % b.size());
    if (kind == 0 && !b.empty()) b.erase(pos, 1);
    if (kind == 1) b.insert(pos, 1, static_cast<char>('a' + letter(rng)));
    if (kind == 2 && !b.empty()) b[pos] = static_cast<char>('a' + letter(rng));
    if (kind == 3 && pos + 1 < b.size()) std::swap(b[pos], b[pos + 1]);
  }
  return {a, b};
}

TEST(OsaPattern, AgreesWithTheFullMatrixOnRandomStrings) {
  std::mt19937 rng(20261205);
  for (int trial = 0; trial < 40000; ++trial) {
    const auto [a, b] = RandomPair(rng, trial % 2 == 0 ? 12 : 64);
    if (b.size() > OsaPattern::kMaxPatternLength) continue;
    const OsaPattern pattern(a);
    ASSERT_EQ(pattern.Distance(b), ReferenceOsa(a, b)) << "\"" << a << "\" / \"" << b << "\"";
  }
}

TEST(OsaPattern, AgreesWithTheBandedKernelAtEveryCutoff) {
  // Every entry point agrees: the exact distance, capped, is what EditDistance returns.
  std::mt19937 rng(7);
  for (int trial = 0; trial < 20000; ++trial) {
    const auto [a, b] = RandomPair(rng, 10);
    const int exact = OsaPattern(a).Distance(b);
    for (int max_distance = 0; max_distance <= 3; ++max_distance) {
      ASSERT_EQ(std::min(exact, max_distance + 1), EditDistance(a, b, max_distance))
          << "\"" << a << "\" / \"" << b << "\" max " << max_distance;
    }
  }
}

TEST(OsaPattern, TranspositionsCountOnceAndLengthsAtTheWordBoundary) {
  EXPECT_EQ(OsaPattern("hikvision").Distance("hikvisoin"), 1);
  EXPECT_EQ(OsaPattern("ca").Distance("abc"), 3);  // OSA, not unrestricted Damerau (2)
  EXPECT_EQ(OsaPattern("").Distance("abc"), 3);
  EXPECT_EQ(OsaPattern("abc").Distance(""), 3);
  const std::string long63(63, 'x');
  const std::string long64(64, 'x');
  const std::string long65(65, 'x');
  EXPECT_EQ(OsaPattern(long64).Distance(long63), 1);
  EXPECT_EQ(OsaPattern(long63).Distance(long64), 1);
  EXPECT_EQ(OsaPattern(long64).Distance(long64), 0);
  EXPECT_EQ(OsaPattern(long65).Distance(long65), 0);
  EXPECT_EQ(OsaPattern(long65).Distance(long64), OsaPattern::kFar);
  EXPECT_EQ(OsaPattern(long64).Distance(long65), OsaPattern::kFar);
}

TEST(LetterMask, LettersAndDigits) {
  EXPECT_EQ(LetterMask("abc"), 0b111u);
  EXPECT_EQ(LetterMask("cab"), LetterMask("abc"));
  EXPECT_EQ(LetterMask("z"), 1u << 25);
  EXPECT_EQ(LetterMask("0"), 1u << 26);
  EXPECT_EQ(LetterMask("6"), 1u << 26);  // digits fold mod 6
  EXPECT_EQ(LetterMask(""), 0u);
}

struct EditCase {
  const char* a;
  const char* b;
  int max_distance;
  int expected;
};

TEST(EditDistance, MatchesDefinition) {
  const EditCase cases[] = {
      {"", "", 2, 0},
      {"abc", "abc", 2, 0},
      {"abc", "abd", 2, 1},
      {"abcd", "abdc", 2, 1},      // transposition
      {"abc", "ab", 2, 1},         // deletion
      {"abc", "xyz", 2, 3},        // capped at max + 1
      {"kitten", "sitting", 3, 3},
      {"hikvision", "hikvsion", 2, 1},
  };
  for (const EditCase& test_case : cases) {
    EXPECT_EQ(EditDistance(test_case.a, test_case.b, test_case.max_distance), test_case.expected)
        << test_case.a << " / " << test_case.b;
  }
}

TEST(EditDistance, LongInputsDoNotOverflow) {
  const std::string long_a(200, 'a');
  const std::string long_b(200, 'b');
  EXPECT_EQ(EditDistance(long_a, long_a, 2), 0);
  EXPECT_EQ(EditDistance(long_a, long_b, 2), 3);
}

}  // namespace
}  // namespace redflag::text
