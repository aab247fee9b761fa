// Text folding: any-script UTF-8 name -> ASCII search form, plus token splitting and script
// detection. This is the one place where names become comparable strings; the index and the
// matcher both go through Fold, so a key built at index time equals the key built at query time.
//
// Thread-safety: every function here is safe to call from any number of threads at once. ICU
// objects are created once per thread on first non-Latin input and reused.
// Failure: none. Invalid UTF-8 is replaced (each maximal bad sequence acts as a space), nothing
// throws. Performance: ASCII, Latin with diacritics, Russian Cyrillic, Han and Hangul avoid ICU
// at call time (the Han/Hangul cache fills once per thread per character) and allocate only
// the output string (~0.2-1 us per name); Greek, Arabic, kana and other scripts go through the
// per-thread ICU Transliterator (~10 us per name).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace redflag::text {

// NFKC, transliteration to Latin (Cyrillic: BGN/PCGN Russian; Greek: UNGEGN; Han: pinyin
// without tones, one syllable per token; Hangul: Revised Romanization, one syllable per token;
// other scripts: ICU Any-Latin), then ASCII. Lower case; diacritics removed (ß->ss, æ->ae,
// ø->o, ł->l); apostrophes (' ’ ‘ ` ´ ʼ ʹ ʻ ʾ ʿ) and periods are deleted ("D'AGOSTINO" ->
// "dagostino", "S.A." -> "sa"); '&' -> " and "; every other punctuation, symbol, control or
// unmappable character -> space; whitespace collapsed and trimmed.
// The result contains only [a-z0-9 ], no leading/trailing space and no double space.
std::string Fold(std::string_view utf8);  // input beyond 1 GiB is ignored

struct FoldResult {
  std::string folded;           // == Fold(input)
  bool transliterated = false;  // a non-ASCII letter or digit was converted to ASCII
  std::string script;           // dominant ISO 15924 script of the input letters ("" if none)
};
FoldResult FoldEx(std::string_view utf8);

// Splits a folded string on spaces (empty pieces dropped). Views point into `folded`, which must
// outlive them.
std::vector<std::string_view> SplitTokens(std::string_view folded);

// Dominant ISO 15924 script code ("Latn", "Cyrl", "Hani", "Arab", "Hang", ...) of the letters
// of `utf8`; Common/Inherited characters are ignored; "" when there is no letter. Ties go to the
// script seen first.
std::string DetectScript(std::string_view utf8);

// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

}  // namespace redflag::text
