// Feeds arbitrary bytes to every text entry point and checks the output contracts: Fold output
// is [a-z0-9 ] with no leading, trailing or double space; Fold == FoldEx.folded; tokens are
// non-empty and space-free; Fold equals the ICU reference; legal-form spans are in range, sorted
// and disjoint; phonetic keys are [a-z0-9]; CanonicalNameVariant returns a folded word.
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

bool IsFoldedChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace redflag::text;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const FoldResult result = FoldEx(input);
  const std::string& folded = result.folded;
  Check(folded == Fold(input));
  // Fast paths against the whole-string ICU reference.
  Check(folded == internal::FoldReference(input));
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
