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

// The key being written: a code is not repeated when the one before it is the same.
class KeyWriter {
 public:
  explicit KeyWriter(std::string& key) : key_(key) {}
  void Push(char c) {
    if (key_.empty() || key_.back() != c) key_.push_back(c);
  }
  // Pushes `c` and returns `taken`, the letters the code stands for.
  std::size_t Emit(char c, std::size_t taken) {
    Push(c);
    return taken;
  }

 private:
  std::string& key_;
};

// Writes the code of the consonant at t[i] (with the letters that spell it together) and returns
// how many letters it took.
std::size_t EncodeConsonant(std::string_view t, std::size_t i, KeyWriter& out) {
  const auto at = [t](std::size_t pos) { return pos < t.size() ? t[pos] : '\0'; };
  const char c = t[i];
  const char next = at(i + 1);
  switch (c) {
    case 's':
      if (StartsWith(t, i, "shch")) return out.Emit('x', 4);
      if (StartsWith(t, i, "sch")) return out.Emit('x', 3);
      if (StartsWith(t, i, "sh") || StartsWith(t, i, "sz")) return out.Emit('x', 2);
      return out.Emit('s', 1);
    case 't':
      if (StartsWith(t, i, "tsch")) return out.Emit('c', 4);
      if (StartsWith(t, i, "tch")) return out.Emit('c', 3);
      if (StartsWith(t, i, "th")) return out.Emit('t', 2);
      if (StartsWith(t, i, "ts") || StartsWith(t, i, "tz")) return out.Emit('s', 2);
      return out.Emit('t', 1);
    case 'c':
      if (StartsWith(t, i, "ch") || StartsWith(t, i, "cz")) return out.Emit('c', 2);
      if (StartsWith(t, i, "ck")) return out.Emit('k', 2);
      out.Push(next == 'e' || next == 'i' || next == 'y' ? 's' : 'k');
      return 1;
    case 'k':
      out.Push(next == 'h' ? 'h' : 'k');
      return next == 'h' ? 2 : 1;
    case 'g':
      out.Push('g');
      return next == 'h' ? 2 : 1;
    case 'p':
      out.Push(next == 'h' ? 'f' : 'p');
      return next == 'h' ? 2 : 1;
    case 'd':
      if (StartsWith(t, i, "dzh") || StartsWith(t, i, "dsch")) {
        out.Push('j');
        return t[i + 1] == 'z' ? 3 : 4;
      }
      if (StartsWith(t, i, "dj")) return out.Emit('j', 2);
      out.Push('d');
      return next == 'h' ? 2 : 1;
    case 'z':
      out.Push(next == 'h' ? 'j' : 's');
      return next == 'h' ? 2 : 1;
    case 'q':
      return out.Emit('k', 1);
    case 'x':
      if (i == 0) {
        out.Push('s');
      } else {
        out.Push('k');
        out.Push('s');
      }
      return 1;
    case 'w':
      // Initial or after a vowel w is the consonant v (wladimir, tschernow); after a
      // consonant it is the u of another romanization (dahwa/dahua).
      out.Push(i == 0 || IsVowel(t[i - 1]) ? 'v' : 'a');
      return 1;
    case 'h':
      // Final h after a vowel is silent (abdullah/abdulla, fatimah/fatima).
      if (!(i + 1 == t.size() && i > 0 && IsVowel(t[i - 1]))) out.Push('h');
      return 1;
    default:  // b f j l m n r v
      return out.Emit(c, 1);
  }
}

}  // namespace

std::string PhoneticKey(std::string_view folded_token) {
  const std::string_view t = folded_token;
  std::string key;
  key.reserve(t.size() + 1);
  KeyWriter out(key);
  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    if (c >= '0' && c <= '9') {
      out.Push(c);
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
    const char next = i + 1 < t.size() ? t[i + 1] : '\0';
    if (IsVowel(c) || (i == 0 && ((c == 'i' && IsVowel(next)) ||
                                  (c == 'j' && (next == 'e' || next == 'o' || next == 'u'))))) {
      out.Push('a');
      ++i;
      continue;
    }
    i += EncodeConsonant(t, i, out);
  }
  return key;
}

}  // namespace redflag::text
