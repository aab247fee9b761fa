// PhoneticKey: one left-to-right pass, longest digraph first at each position. Each run of
// vowels becomes one "a" (so vowel spelling varies freely but the syllable count stays), and
// equal consecutive output letters collapse (ss -> s, mm -> m). Output letters: a (vowel run),
// b c(=ch) d f g h j(=zh, dzh) k l m n p r s t v x(=sh); digits pass through.
#include "text/phonetic.h"

namespace redflag::text {
namespace {

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

bool StartsWith(std::string_view text, std::size_t pos, std::string_view prefix) {
  return text.substr(pos, prefix.size()) == prefix;
}

}  // namespace

std::string PhoneticKey(std::string_view folded_token) {
  const std::string_view t = folded_token;
  std::string key;
  key.reserve(t.size() + 1);
  const auto push = [&key](char c) {
    if (key.empty() || key.back() != c) key.push_back(c);
  };
  const auto at = [t](std::size_t pos) { return pos < t.size() ? t[pos] : '\0'; };
  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    if (c >= '0' && c <= '9') {
      push(c);
      ++i;
      continue;
    }
    if (c < 'a' || c > 'z') {  // not folded text: ignore
      ++i;
      continue;
    }
    // A leading glide before a vowel is written y, i, j or not at all (yusuf/jusuf, iurii/yuri,
    // yelena/jelena/elena): it joins the vowel run. Initial j only before e/o/u, where it is the
    // German/Slavic spelling of y; before a/i it is usually the English j (jamal, jiang).
    const char next = at(i + 1);
    if (IsVowel(c) || (i == 0 && ((c == 'i' && IsVowel(next)) ||
                                  (c == 'j' && (next == 'e' || next == 'o' || next == 'u'))))) {
      push('a');
      ++i;
      continue;
    }
    switch (c) {
      case 's':
        if (StartsWith(t, i, "shch")) {
          push('x');
          i += 4;
        } else if (StartsWith(t, i, "sch")) {
          push('x');
          i += 3;
        } else if (StartsWith(t, i, "sh") || StartsWith(t, i, "sz")) {
          push('x');
          i += 2;
        } else {
          push('s');
          ++i;
        }
        break;
      case 't':
        if (StartsWith(t, i, "tsch")) {
          push('c');
          i += 4;
        } else if (StartsWith(t, i, "tch")) {
          push('c');
          i += 3;
        } else if (StartsWith(t, i, "th")) {
          push('t');
          i += 2;
        } else if (StartsWith(t, i, "ts") || StartsWith(t, i, "tz")) {
          push('s');
          i += 2;
        } else {
          push('t');
          ++i;
        }
        break;
      case 'c':
        if (StartsWith(t, i, "ch") || StartsWith(t, i, "cz")) {
          push('c');
          i += 2;
        } else if (StartsWith(t, i, "ck")) {
          push('k');
          i += 2;
        } else {
          push(next == 'e' || next == 'i' || next == 'y' ? 's' : 'k');
          ++i;
        }
        break;
      case 'k':
        push(at(i + 1) == 'h' ? 'h' : 'k');
        i += at(i + 1) == 'h' ? 2 : 1;
        break;
      case 'g':
        push('g');
        i += at(i + 1) == 'h' ? 2 : 1;
        break;
      case 'p':
        push(at(i + 1) == 'h' ? 'f' : 'p');
        i += at(i + 1) == 'h' ? 2 : 1;
        break;
      case 'd':
        if (StartsWith(t, i, "dzh") || StartsWith(t, i, "dsch")) {
          push('j');
          i += t[i + 1] == 'z' ? 3 : 4;
        } else if (StartsWith(t, i, "dj")) {
          push('j');
          i += 2;
        } else {
          push('d');
          i += at(i + 1) == 'h' ? 2 : 1;
        }
        break;
      case 'z':
        push(at(i + 1) == 'h' ? 'j' : 's');
        i += at(i + 1) == 'h' ? 2 : 1;
        break;
      case 'q':
        push('k');
        ++i;
        break;
      case 'x':
        if (i == 0) {
          push('s');
        } else {
          push('k');
          push('s');
        }
        ++i;
        break;
      case 'w':
        // Initial or after a vowel w is the consonant v (wladimir, tschernow); after a
        // consonant it is the u of another romanization (dahwa/dahua).
        if (i == 0 || IsVowel(t[i - 1])) {
          push('v');
        } else {
          push('a');
        }
        ++i;
        break;
      case 'h':
        // Final h after a vowel is silent (abdullah/abdulla, fatimah/fatima).
        if (!(i + 1 == t.size() && i > 0 && IsVowel(t[i - 1]))) push('h');
        ++i;
        break;
      default:  // b f j l m n r v
        push(c);
        ++i;
        break;
    }
  }
  return key;
}

}  // namespace redflag::text
