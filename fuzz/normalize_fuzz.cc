// Feeds arbitrary bytes to every text entry point and checks the output contracts: Fold output
// is [a-z0-9 ] with no leading, trailing or double space; Fold == FoldEx.folded; tokens are
// non-empty and space-free; Fold equals the ICU reference; legal-form spans are in range, sorted
// and disjoint; phonetic keys are [a-z0-9]; CanonicalNameVariant returns a folded word.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/normalize_internal.h"
#include "text/text.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

// ICU's Russian BGN rules decide е/ы/э after another vowel from their own Latin output; the fast
// path reproduces every case found so far (normalize_test FuzzFinds) but not provably all, so
// such vowel pairs are left out of the reference comparison (docs/text.md, "Not handled").
bool HasRussianVowelPair(std::string_view text) {
  const auto is_vowel = [](UChar32 c) {
    if (c >= 0x410 && c <= 0x42F) c += 0x20;
    if (c == 0x401) c = 0x451;
    return c == 0x430 || c == 0x435 || c == 0x451 || c == 0x438 || c == 0x439 || c == 0x43E ||
           c == 0x443 || c == 0x44B || c == 0x44D || c == 0x44E || c == 0x44F;
  };
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  bool previous_vowel = false;
  for (std::int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    const bool vowel = c >= 0 && is_vowel(c);
    if (vowel && previous_vowel) return true;
    // Deleted characters (apostrophes, marks, invalid bytes) do not break a pair.
    if (c >= 0 && c >= 0x80 && !vowel && u_isalpha(c)) previous_vowel = false;
    if (c >= 0 && c < 0x80) previous_vowel = false;
    if (vowel) previous_vowel = true;
  }
  return false;
}

bool IsFoldedChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace redflag::text;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const FoldResult result = FoldEx(input);
  const std::string& folded = result.folded;
  Check(folded == Fold(input));
  // Fast paths against the whole-string ICU reference.
  if (!HasRussianVowelPair(input)) Check(folded == internal::FoldReference(input));
  Check(folded.empty() || (folded.front() != ' ' && folded.back() != ' '));
  for (std::size_t i = 0; i < folded.size(); ++i) {
    Check(IsFoldedChar(folded[i]) || (folded[i] == ' ' && folded[i + 1] != ' '));
  }
  Check(Fold(folded) == folded);  // idempotent
  Check(result.script.empty() || result.script.size() == 4);
  Check(DetectScript(input) == result.script);

  const std::vector<std::string_view> tokens = SplitTokens(folded);
  std::uint32_t previous_end = 0;
  for (const LegalFormSpan& span : FindLegalForms(tokens)) {
    Check(span.begin < span.end && span.end <= tokens.size() && span.begin >= previous_end);
    Check(span.form != LegalFormClass::kNone);
    previous_end = span.end;
  }
  (void)IsOnlyLegalForm(tokens);
  for (std::string_view token : tokens) {
    Check(!token.empty());
    for (char c : PhoneticKey(token)) Check(IsFoldedChar(c));
    for (char c : CanonicalNameVariant(token)) Check(IsFoldedChar(c));
    (void)ExpandAbbreviation(token);
    (void)IsParticle(token);
    (void)IsHonorific(token);
  }
  // Raw bytes straight into the token functions must not crash either.
  for (char c : PhoneticKey(input)) Check(IsFoldedChar(c));
  (void)CanonicalNameVariant(input);
  return 0;
}
