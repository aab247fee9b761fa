// Folding pipeline. The reference is ICU over the whole string (FoldReference): NFKC, BGN
// Cyrillic, UNGEGN Greek, Any-Latin, Latin-ASCII, with each Han and Hangul character set apart
// as its own syllable. ICU is slow (Russian-Latin/BGN ~3 us per name, Han-Latin ~100 us), so
// Fold takes fast paths that give the same output (normalize_test checks them against the
// reference, including every Cyrillic line of a real list):
//   - ASCII: a byte table.
//   - Latin-1/Extended/Vietnamese/punctuation/fullwidth: a per-code-point table computed once
//     from the ICU pipeline itself.
//   - Han and Hangul: a per-thread cache of single-character ICU results.
//   - Russian Cyrillic letters: BGN/PCGN implemented here (only ye/e needs context).
//   - everything else (Greek, Arabic, kana, Ukrainian letters, ...): runs handed to ICU.
// Thread-safety: the Latin table is a function-local static (initialized once, then read-only);
// the Transliterator and the Han/Hangul cache are thread_local because
// icu::Transliterator::transliterate is not const.
#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>

#include "text/normalize_internal.h"

namespace redflag::text {
namespace {

// NFKC first so compatibility forms (fullwidth, ligatures, superscripts) become plain letters;
// then lower case, which the output is anyway, so that BGN's upper-case context rules (capital
// Ё alone -> "E" but "OYe" after a capital) never apply.
// Cyrillic uses BGN/PCGN (shch, zh, ye) rather than ICU's default ISO 9 (ŝ, ž), Greek uses
// UNGEGN (modern pronunciation). Apostrophe-like marks (soft/hard sign primes, ayn/hamza half
// rings, BGN's disambiguation middle dot) are removed before Latin-ASCII turns them into '"'.
constexpr char16_t kFoldRules[] =
    u"::NFKC;"
    u"::Lower;"
    u"::[:Cyrillic:] Russian-Latin/BGN;"
    u"::[:Greek:] Greek-Latin/UNGEGN;"
    u"::Any-Latin;"
    u"::[\\u0027\\u0060\\u00B4\\u00B7\\u02B9\\u02BA\\u02BB\\u02BC\\u02BD\\u02BE\\u02BF"
    u"\\u2018\\u2019\\u201B\\u2032\\uFF07] Remove;"
    u"::Latin-ASCII;";

constexpr std::size_t kMaxInputBytes = std::size_t{1} << 30;

bool IsApostropheLike(UChar32 c) {
  switch (c) {
    case 0x27:
    case 0x60:
    case 0xB4:
    case 0xB7:
    case 0x2B9:
    case 0x2BA:
    case 0x2BB:
    case 0x2BC:
    case 0x2BD:
    case 0x2BE:
    case 0x2BF:
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x2032:
    case 0xFF07:
      return true;
    default:
      return false;
  }
}

bool IsHangulSyllable(UChar32 c) { return c >= 0xAC00 && c <= 0xD7A3; }

// Appends folded ASCII to `out`, turning runs of separators into one space and never emitting a
// leading or trailing space.
class Sink {
 public:
  explicit Sink(std::string& out) : out_(out) {}

  void Ascii(unsigned char c) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      Emit(static_cast<char>(c));
    } else if (c >= 'A' && c <= 'Z') {
      Emit(static_cast<char>(c - 'A' + 'a'));
    } else if (c == '\'' || c == '`' || c == '.') {
      // Deleted, not a separator: "D'AGOSTINO" -> "dagostino", "L.L.C." -> "llc".
    } else if (c == '&') {
      Space();
      Emit('a');
      Emit('n');
      Emit('d');
      Space();
    } else {
      Space();
    }
  }
  void Space() { pending_space_ = true; }

 private:
  void Emit(char c) {
    if (pending_space_) {
      if (!out_.empty()) out_.push_back(' ');
      pending_space_ = false;
    }
    out_.push_back(c);
  }

  std::string& out_;
  bool pending_space_ = false;
};

std::unique_ptr<icu::Transliterator> MakeTransliterator() {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  std::unique_ptr<icu::Transliterator> result(icu::Transliterator::createFromRules(
      "redflag-fold", icu::UnicodeString(kFoldRules), UTRANS_FORWARD, parse_error, status));
  if (U_SUCCESS(status) && result) return result;
  // Older ICU data without the BGN tables: degrade to the generic pipeline.
  status = U_ZERO_ERROR;
  result.reset(
      icu::Transliterator::createInstance("NFKC; Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
  if (U_SUCCESS(status)) return result;
  return nullptr;
}

icu::Transliterator* ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = MakeTransliterator();
  return transliterator.get();
}

// Feeds transliterator output to the sink: ASCII as is, marks and apostrophes dropped,
// anything still not ASCII (unmappable symbols, U+FFFD) becomes a separator.
void FeedTransliterated(const icu::UnicodeString& text, Sink& sink) {
  const int32_t length = text.length();
  for (int32_t i = 0; i < length;) {
    const UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (c < 0x80) {
      sink.Ascii(static_cast<unsigned char>(c));
    } else if (IsApostropheLike(c) || u_charType(c) == U_NON_SPACING_MARK ||
               u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
      continue;
    } else {
      sink.Space();
    }
  }
}

bool IsHanOrHangul(UChar32 c) {
  if (IsHangulSyllable(c)) return true;
  if (c < 0x2E80) return false;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN && U_SUCCESS(status);
}

// The reference: the whole string through ICU. Each Han or Hangul character becomes its own
// token (one syllable each, as ICU writes pinyin for Han; ICU would glue Hangul together,
// "gimjeong-eun"). Each maximal invalid UTF-8 subsequence becomes a separator.
void FoldWithIcu(std::string_view utf8, icu::Transliterator* transliterator, Sink& sink) {
  icu::UnicodeString text;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      text.append(static_cast<UChar>(u' '));
      continue;
    }
    // Apostrophes go before NFKC can turn U+00B4 into space + combining acute.
    if (IsApostropheLike(c) || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
      continue;
    }
    if (IsHanOrHangul(c)) {
      text.append(static_cast<UChar>(u' '));
      text.append(c);
      text.append(static_cast<UChar>(u' '));
      continue;
    }
    text.append(c);
  }
  if (transliterator != nullptr) transliterator->transliterate(text);
  FeedTransliterated(text, sink);  // without ICU data non-ASCII becomes separators
}

// Latin table. Entries hold the ASCII that the ICU pipeline produces for the lone code point.
struct LatinEntry {
  std::array<char, 7> text{};
  std::uint8_t length = 0;
  bool use_icu = false;  // result did not fit: hand the code point to ICU
};

struct LatinRange {
  UChar32 first;
  UChar32 last;  // inclusive
};
constexpr std::array<LatinRange, 5> kLatinRanges = {{
    {0x0080, 0x024F},  // Latin-1 Supplement, Latin Extended-A/B
    {0x0300, 0x036F},  // combining diacritics
    {0x1E00, 0x1EFF},  // Latin Extended Additional (Vietnamese)
    {0x2000, 0x206F},  // General Punctuation (quotes, dashes, spaces, zero-width)
    {0xFF01, 0xFF5E},  // fullwidth ASCII
}};

class LatinTable {
 public:
  LatinTable() {
    std::unique_ptr<icu::Transliterator> transliterator = MakeTransliterator();
    std::size_t offset = 0;
    for (const LatinRange& range : kLatinRanges) {
      for (UChar32 c = range.first; c <= range.last; ++c) {
        LatinEntry& entry = entries_[offset + static_cast<std::size_t>(c - range.first)];
        if (IsApostropheLike(c) || u_charType(c) == U_NON_SPACING_MARK ||
            u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
          continue;  // deleted
        }
        // The entry must keep separators and deletions exact, so store the raw transliterated
        // ASCII and let the caller's sink interpret it.
        icu::UnicodeString text(c);
        if (transliterator) transliterator->transliterate(text);
        std::string raw;
        for (int32_t i = 0; i < text.length();) {
          const UChar32 out = text.char32At(i);
          i += U16_LENGTH(out);
          if (out < 0x80) {
            raw.push_back(static_cast<char>(out));
          } else if (IsApostropheLike(out) || u_charType(out) == U_NON_SPACING_MARK) {
            continue;
          } else {
            raw.push_back(' ');
          }
        }
        if (raw.size() > entry.text.size()) {
          entry.use_icu = true;
          continue;
        }
        for (std::size_t i = 0; i < raw.size(); ++i) entry.text[i] = raw[i];
        entry.length = static_cast<std::uint8_t>(raw.size());
      }
      offset += static_cast<std::size_t>(range.last - range.first + 1);
    }
  }

  // nullptr when `c` is outside the table.
  const LatinEntry* Find(UChar32 c) const {
    std::size_t offset = 0;
    for (const LatinRange& range : kLatinRanges) {
      if (c >= range.first && c <= range.last) {
        return &entries_[offset + static_cast<std::size_t>(c - range.first)];
      }
      offset += static_cast<std::size_t>(range.last - range.first + 1);
    }
    return nullptr;
  }

 private:
  static constexpr std::size_t kSize = [] {
    std::size_t size = 0;
    for (const LatinRange& range : kLatinRanges) {
      size += static_cast<std::size_t>(range.last - range.first + 1);
    }
    return size;
  }();
  std::array<LatinEntry, kSize> entries_{};
};

const LatinTable& GetLatinTable() {
  static const LatinTable table;
  return table;
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Russian letters handled natively: А..я and Ё/ё.
bool IsRussianLetter(UChar32 c) { return (c >= 0x410 && c <= 0x44F) || c == 0x401 || c == 0x451; }

UChar32 RussianLower(UChar32 c) {
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c == 0x401) return 0x451;
  return c;
}

// BGN/PCGN 1947 for Russian, as ICU's Russian-Latin/BGN then Latin-ASCII produce it: е and ё
// are "ye" at a word boundary (previous code point not a letter, mark or number, as in ICU's
// rules) and after a vowel, й, ъ or ь; ъ and ь vanish (their primes are deleted like
// apostrophes). ICU's quirks are kept: after an э that follows a letter other than a vowel, е is
// "e" ("кэе" -> "kee", "кээе" -> "keee"); after an е that became "ye" because of a vowel, the
// next е is "e" ("яее" -> "yayee", but "ее" -> "yeye"). BgnState carries that between calls.
// True when `c` is a letter other than a Russian vowel or й (any script: ICU's context is its
// own Latin output, so "Dэе" and "aэе" both give "ee").
bool IsLetterOtherThanRussianVowel(UChar32 c) {
  if (c < 0 || !u_isalpha(c)) return false;
  switch (RussianLower(c)) {
    case 0x430:
    case 0x435:
    case 0x451:
    case 0x438:
    case 0x439:
    case 0x43E:
    case 0x443:
    case 0x44B:
    case 0x44D:
    case 0x44E:
    case 0x44F:
      return false;
    default:
      return true;
  }
}

// Context the ICU rules carry from one Russian letter to the next (they match against their own
// Latin output): whether the last letter was an е written "ye" because of a vowel, and whether it
// was written with BGN's disambiguating middle dot (э after a letter other than a vowel or after
// another such э; ы after a vowel), after which е is "e".
struct BgnState {
  bool ye_after_vowel = false;
  bool dotted_e = false;
};

std::string_view RussianBgn(UChar32 lower, UChar32 previous, BgnState& state) {
  const BgnState last = state;
  state = BgnState{};
  static constexpr std::string_view kLetters[32] = {
      "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
      "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya",
  };
  const UChar32 p = RussianLower(previous);
  if (lower == 0x44D) {  // э
    state.dotted_e = IsLetterOtherThanRussianVowel(previous) || (p == 0x44D && last.dotted_e);
    return "e";
  }
  if (lower == 0x44B) {  // ы: "·y" after a vowel ("аые" -> "a·ye")
    state.dotted_e = previous >= 0 && u_isalpha(previous) &&
                     !IsLetterOtherThanRussianVowel(previous) && !last.ye_after_vowel;
    return "y";
  }
  if (lower == 0x435 || lower == 0x451) {  // е ё
    const bool boundary =
        previous < 0 || (U_GET_GC_MASK(previous) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) == 0;
    const bool after_vowel = p == 0x430 || p == 0x435 || p == 0x451 || p == 0x438 || p == 0x43E ||
                             p == 0x443 || p == 0x44B || p == 0x44D || p == 0x44E || p == 0x44F ||
                             p == 0x439 || p == 0x44A || p == 0x44C;
    if ((p == 0x44D || p == 0x44B) && last.dotted_e) return "e";
    if ((p == 0x435 || p == 0x451) && last.ye_after_vowel) return "e";
    if (boundary) return "ye";
    state.ye_after_vowel = after_vowel;
    return after_vowel ? "ye" : "e";
  }
  return kLetters[lower - 0x430];
}

// NFC composition of a Russian letter with the combining mark after it (и + U+0306 -> й);
// U_SENTINEL when they do not compose.
UChar32 ComposeWithNext(UChar32 c, const uint8_t* bytes, int32_t next, int32_t length) {
  if (next >= length || (bytes[next] != 0xCC && bytes[next] != 0xCD)) return U_SENTINEL;
  int32_t after = next;
  UChar32 mark;
  U8_NEXT(bytes, after, length, mark);
  if (mark < 0) return U_SENTINEL;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc == nullptr) return U_SENTINEL;
  return nfc->composePair(c, mark);
}

// Per-thread cache of single Han/Hangul characters through ICU (ASCII, separators as ' ').
const std::string& CachedSyllable(UChar32 c) {
  thread_local std::unordered_map<UChar32, std::string> cache;
  const auto it = cache.find(c);
  if (it != cache.end()) return it->second;
  icu::UnicodeString text(c);
  if (icu::Transliterator* transliterator = ThreadTransliterator()) {
    transliterator->transliterate(text);
  }
  std::string ascii;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 out = text.char32At(i);
    i += U16_LENGTH(out);
    if (out < 0x80) {
      ascii.push_back(static_cast<char>(out));
    } else if (!(IsApostropheLike(out) || u_charType(out) == U_NON_SPACING_MARK ||
                 u_hasBinaryProperty(out, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))) {
      ascii.push_back(' ');
    }
  }
  return cache.emplace(c, std::move(ascii)).first->second;
}

// What ICU's later steps see before a new run: the last few code points of the text as the
// reference has it by then (lower case, a Russian letter as its BGN Latin, a separator as a
// space). One code point was not enough: the kana iteration marks repeat the whole syllable
// before them ("ANAゞ" is "anana", normalize_test FuzzFinds "kana_iteration_mark_after_latin").
class RunContext {
 public:
  static constexpr std::size_t kSize = 16;
  void Push(UChar32 c) {
    if (length_ == kSize) {
      std::copy(recent_.begin() + 1, recent_.end(), recent_.begin());
      --length_;
    }
    recent_[length_++] = c;
  }
  void PushAscii(std::string_view latin) {
    for (char ascii : latin) Push(static_cast<unsigned char>(ascii));
  }
  void ReplaceLast(UChar32 c) {
    if (length_ > 0) recent_[length_ - 1] = c;
  }
  const UChar32* begin() const { return recent_.data(); }
  const UChar32* end() const { return recent_.data() + length_; }

 private:
  std::array<UChar32, kSize> recent_{};
  std::size_t length_ = 0;
};

// Collects the code points that need ICU. Once a run has started, everything up to the next Han
// or Hangul character (where the reference has a space) joins it, so ICU sees the same
// neighbours after each character as in the reference; the text before the run is passed as
// read-only context (RunContext), so ICU also sees the same neighbours before it (Greek "μπ" is
// "b" only at the start of a word).
class IcuRun {
 public:
  explicit IcuRun(Sink& sink) : sink_(sink) {}
  bool empty() const { return text_.length() == context_length_; }
  void Append(UChar32 c, const RunContext& before) {
    if (empty()) {
      for (UChar32 context : before) text_.append(context);
      context_length_ = text_.length();
    }
    text_.append(c);
  }
  void Flush() {
    if (empty()) return;
    if (icu::Transliterator* transliterator = ThreadTransliterator()) {
      UTransPosition position{0, text_.length(), context_length_, text_.length()};
      // Non-incremental: the incremental transliterate()/finishTransliteration() pair garbled
      // output for some inputs (normalize fuzzer, see FuzzFinds "icu_incremental_mode").
      transliterator->filteredTransliterate(text_, position, /*incremental=*/false);
    }
    FeedTransliterated(text_.tempSubString(context_length_), sink_);
    text_.remove();
    context_length_ = 0;
  }

 private:
  Sink& sink_;
  icu::UnicodeString text_;
  int32_t context_length_ = 0;
};

void FoldFast(std::string_view utf8, Sink& sink) {
  const LatinTable& table = GetLatinTable();
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  IcuRun run(sink);
  UChar32 previous = -1;  // last code point kept (deleted apostrophes are skipped)
  // For a Russian letter done here, ICU's later steps see its Latin output (Greek "ύ" after "э"
  // sees "e": "ef").
  RunContext context;
  BgnState bgn_state;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      // A separator; inside an ICU run it stays in the run, as in the reference, so that
      // Any-Latin still sees one script run around it.
      if (run.empty()) {
        sink.Space();
      } else {
        run.Append(u' ', context);
      }
      previous = ' ';
      context.Push(' ');
      continue;
    }
    if (c < 0x80 && !IsApostropheLike(c)) {
      if (run.empty()) {
        sink.Ascii(static_cast<unsigned char>(c));
      } else {
        run.Append(c, context);
      }
      previous = c;
      context.Push(u_tolower(c));
      continue;
    }
    // Deleted before ICU in the reference, so invisible to the ye/e context too.
    if (IsApostropheLike(c) || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
      continue;
    }
    const LatinEntry* entry = table.Find(c);
    if (entry != nullptr && !entry->use_icu) {
      if (run.empty()) {
        for (std::uint8_t k = 0; k < entry->length; ++k) {
          sink.Ascii(static_cast<unsigned char>(entry->text[k]));
        }
      } else {
        run.Append(c, context);
      }
    } else if (IsHanOrHangul(c)) {
      run.Flush();
      sink.Space();
      for (char ascii : CachedSyllable(c)) sink.Ascii(static_cast<unsigned char>(ascii));
      sink.Space();
      // The reference sets each syllable apart with spaces, so the next letter sees a space.
      previous = ' ';
      context.Push(' ');
      continue;
    } else if (IsRussianLetter(c) && run.empty()) {
      const UChar32 composed = ComposeWithNext(c, bytes, i, length);
      if (composed >= 0) {
        U8_FWD_1(bytes, i, length);  // the mark is part of `composed` now
        c = composed;
      }
      if (IsRussianLetter(c)) {
        run.Flush();
        const std::string_view latin = RussianBgn(RussianLower(c), previous, bgn_state);
        for (char ascii : latin) sink.Ascii(static_cast<unsigned char>(ascii));
        previous = c;
        if (latin.empty()) {
          context.Push(0x2B9);  // ъ/ь: BGN's prime
        } else {
          context.PushAscii(latin);
          // BGN writes ё as "ë" and Latin-ASCII strips the mark only later, so ICU's Greek step
          // sees "ë", not a vowel "e" ("ёύ" is "ey", not "ef": FuzzFinds "greek_after_yo").
          if (RussianLower(c) == 0x451) context.ReplaceLast(0xEB);
        }
        continue;
      } else {
        run.Append(c, context);  // a composed non-Russian letter (ӧ, ў): ICU
      }
    } else {
      run.Append(c, context);
    }
    previous = c;
    context.Push(u_tolower(c));
  }
  run.Flush();
}

}  // namespace

std::string Fold(std::string_view utf8) {
  // ICU indexes with int32_t; a name is never near 1 GiB, so cut rather than overflow.
  if (utf8.size() > kMaxInputBytes) utf8 = utf8.substr(0, kMaxInputBytes);
  std::string out;
  out.reserve(utf8.size() + 8);
  if (IsAscii(utf8)) {
    Sink sink(out);
    for (char c : utf8) sink.Ascii(static_cast<unsigned char>(c));
    return out;
  }
  Sink sink(out);
  FoldFast(utf8, sink);
  return out;
}

FoldResult FoldEx(std::string_view utf8) {
  if (utf8.size() > kMaxInputBytes) utf8 = utf8.substr(0, kMaxInputBytes);
  FoldResult result;
  result.folded = Fold(utf8);
  if (IsAscii(utf8)) {
    for (char c : utf8) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        result.script = "Latn";
        break;
      }
    }
    return result;
  }
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0x80 && u_isalnum(c)) {
      result.transliterated = true;
      break;
    }
  }
  result.script = DetectScript(utf8);
  return result;
}

std::vector<std::string_view> SplitTokens(std::string_view folded) {
  std::vector<std::string_view> tokens;
  std::size_t pos = 0;
  while (pos < folded.size()) {
    while (pos < folded.size() && folded[pos] == ' ') ++pos;
    const std::size_t start = pos;
    while (pos < folded.size() && folded[pos] != ' ') ++pos;
    if (pos > start) tokens.push_back(folded.substr(start, pos - start));
  }
  return tokens;
}

std::string DetectScript(std::string_view utf8) {
  if (utf8.size() > kMaxInputBytes) utf8 = utf8.substr(0, kMaxInputBytes);
  std::array<std::uint32_t, USCRIPT_CODE_LIMIT> counts{};
  int best = -1;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || script <= USCRIPT_INHERITED || script >= USCRIPT_CODE_LIMIT ||
        script == USCRIPT_UNKNOWN) {
      continue;
    }
    ++counts[script];
    if (best < 0 || counts[script] > counts[best]) best = script;
  }
  if (best < 0) return {};
  const char* name = uscript_getShortName(static_cast<UScriptCode>(best));
  return name == nullptr ? std::string() : std::string(name);
}

bool IsValidUtf8(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return false;
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const int32_t length = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(data, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

namespace internal {

std::string FoldReference(std::string_view utf8) {
  if (utf8.size() > kMaxInputBytes) utf8 = utf8.substr(0, kMaxInputBytes);
  std::string out;
  Sink sink(out);
  FoldWithIcu(utf8, ThreadTransliterator(), sink);
  return out;
}

}  // namespace internal
}  // namespace redflag::text
