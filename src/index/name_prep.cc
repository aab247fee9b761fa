#include "index/name_prep.h"

#include "text/name_words.h"
#include "text/normalize.h"

namespace redflag::index {

PreparedName PrepareName(std::string_view raw, NameStyle style) {
  PreparedName out;
  out.folded = text::Fold(raw);
  const std::vector<std::string_view> all_tokens = text::SplitTokens(out.folded);
  if (all_tokens.empty()) return out;

  // Legal forms only make sense for organizations; "AG" or "SA" inside a person's name is a name.
  std::vector<bool> in_legal_form(all_tokens.size(), false);
  if (style != NameStyle::kPerson) {
    for (const text::LegalFormSpan& span : text::FindLegalForms(all_tokens)) {
      // A legal form that would swallow the whole name is kept as the name ("Company Limited" as
      // a query still has to mean something); only when something else remains is it split off.
      for (std::uint32_t idx = span.begin; idx < span.end; ++idx) in_legal_form[idx] = true;
      if (out.legal_form == text::LegalFormClass::kNone) out.legal_form = span.form;
    }
  }
  std::size_t remaining = 0;
  for (std::size_t idx = 0; idx < all_tokens.size(); ++idx) {
    if (in_legal_form[idx]) continue;
    if (style != NameStyle::kOrganization && all_tokens.size() > 1 &&
        text::IsHonorific(all_tokens[idx])) {
      continue;
    }
    ++remaining;
  }
  if (remaining == 0) out.only_legal_form = true;

  out.tokens.reserve(all_tokens.size());
  for (std::size_t idx = 0; idx < all_tokens.size(); ++idx) {
    const std::string_view token = all_tokens[idx];
    if (remaining > 0) {
      if (in_legal_form[idx]) continue;
      if (style != NameStyle::kOrganization && all_tokens.size() > 1 &&
          text::IsHonorific(token)) {
        continue;
      }
    }
    PreparedToken prepared;
    if (style != NameStyle::kPerson) {
      const std::string_view expanded = text::ExpandAbbreviation(token);
      prepared.text = expanded.empty() ? std::string(token) : std::string(expanded);
    } else {
      prepared.text = std::string(token);
    }
    prepared.particle = text::IsParticle(prepared.text);
    prepared.initial = prepared.text.size() == 1 && prepared.text[0] >= 'a' &&
                       prepared.text[0] <= 'z';
    out.tokens.push_back(std::move(prepared));
  }
  return out;
}

}  // namespace redflag::index
