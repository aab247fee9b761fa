#include "text/name_prep.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "text/edit_distance.h"
#include "text/name_words.h"
#include "text/normalize.h"

namespace redflag::text {
namespace {

bool IsAsciiLetter(char ch) { return std::isalpha(static_cast<unsigned char>(ch)) != 0; }

// "C.M. VARGAS" -> "C M VARGAS": folding deletes periods, which would glue initials into one
// token ("cm"). Runs of single letters each followed by a period are split, unless the letters
// spell a legal form ("S.A.", "L.L.C.", "N.V."), which folding may glue as intended.
std::string SplitDottedInitials(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() + 8);
  std::size_t pos = 0;
  while (pos < raw.size()) {
    const bool at_word_start = pos == 0 || !IsAsciiLetter(raw[pos - 1]);
    if (at_word_start && IsAsciiLetter(raw[pos]) && pos + 1 < raw.size() && raw[pos + 1] == '.') {
      std::size_t end = pos;
      std::string letters;
      while (end + 1 < raw.size() && IsAsciiLetter(raw[end]) && raw[end + 1] == '.' &&
             (end + 2 >= raw.size() || !IsAsciiLetter(raw[end + 2]) ||
              (end + 3 < raw.size() && raw[end + 3] == '.') || end + 3 == raw.size())) {
        letters += static_cast<char>(std::tolower(static_cast<unsigned char>(raw[end])));
        end += 2;
        while (end < raw.size() && raw[end] == ' ' && end + 2 < raw.size() &&
               IsAsciiLetter(raw[end + 1]) && raw[end + 2] == '.' &&
               (end + 3 >= raw.size() || !IsAsciiLetter(raw[end + 3]))) {
          ++end;  // "J. M. Smith": spaces between initials
        }
      }
      const std::vector<std::string_view> single = {letters};
      if (letters.size() >= 2 && text::FindLegalForms(single).empty()) {
        for (char letter : letters) {
          out += letter;
          out += ' ';
        }
        pos = end;
        continue;
      }
    }
    out += raw[pos];
    ++pos;
  }
  return out;
}

// Legal forms glued onto a name token: "KAVOSHYARCOMPANY", "OOONOVATEK", "NuclinLLC". Only
// unambiguous forms, and only when at least 3 letters of name remain.
constexpr std::array<std::string_view, 16> kGluedSuffixes = {
    "company", "limited", "corporation", "llc", "jsc", "ojsc", "pjsc", "cjsc",
    "ltd", "fze", "fzco", "gmbh", "plc", "llp", "coltd", "inc"};
constexpr std::array<std::string_view, 8> kGluedPrefixes = {"ooo", "llc", "jsc", "ojsc",
                                                            "zao", "oao", "pao", "pjsc"};

// Words of legal-form phrases, so that a typo inside one ("OBSHCHESTOV", "SOICEDAD") does not
// keep the phrase from being recognised.
constexpr std::array<std::string_view, 24> kLegalFormWords = {
    "closed", "public",
    "obshchestvo", "ogranichennoi", "ogranichennoy", "otvetstvennostyu", "aktsionernoe",
    "publichnoe", "zakrytoe", "otkrytoe", "sociedad", "anonima", "limitada",
    "gesellschaft", "beschrankter", "haftung", "liability", "limited",
    "company", "corporation", "incorporated", "responsabilidad", "societe", "anonyme"};

bool IsStrandedLegalWord(std::string_view token) {
  static constexpr std::array<std::string_view, 10> kWords = {
      "liability", "closed", "open", "public", "joint", "stock", "co", "company", "limited",
      "private"};
  return std::find(kWords.begin(), kWords.end(), token) != kWords.end();
}

void SplitGluedLegalForms(std::vector<std::string>& tokens) {
  std::vector<std::string> out;
  out.reserve(tokens.size() + 2);
  for (std::string& token : tokens) {
    bool split = false;
    const std::vector<std::string_view> alone = {token};
    if (token.size() >= 6 && text::FindLegalForms(alone).empty()) {
      for (std::string_view suffix : kGluedSuffixes) {
        if (token.size() >= suffix.size() + 3 &&
            std::string_view(token).substr(token.size() - suffix.size()) == suffix) {
          out.push_back(token.substr(0, token.size() - suffix.size()));
          out.emplace_back(suffix);
          split = true;
          break;
        }
      }
      if (!split) {
        for (std::string_view prefix : kGluedPrefixes) {
          if (token.size() >= prefix.size() + 3 &&
              std::string_view(token).substr(0, prefix.size()) == prefix) {
            out.emplace_back(prefix);
            out.push_back(token.substr(prefix.size()));
            split = true;
            break;
          }
        }
      }
    }
    if (!split) out.push_back(std::move(token));
  }
  tokens = std::move(out);
}

void RepairLegalFormWords(std::vector<std::string>& tokens) {
  for (std::string& token : tokens) {
    if (token.size() < 6) continue;
    for (std::string_view word : kLegalFormWords) {
      if (token == word) break;
      const int allowed = word.size() >= 10 ? 2 : 1;
      if (std::abs(static_cast<int>(token.size()) - static_cast<int>(word.size())) > allowed) {
        continue;
      }
      if (EditDistance(token, word, allowed) <= allowed) {
        token = std::string(word);
        break;
      }
    }
  }
}

}  // namespace

NameStyle NameStyleOf(core::EntityType type) {
  switch (type) {
    case core::EntityType::kPerson: return NameStyle::kPerson;
    case core::EntityType::kOrganization:
    case core::EntityType::kVessel:
    case core::EntityType::kAircraft: return NameStyle::kOrganization;
    case core::EntityType::kUnknown: return NameStyle::kUnknown;
  }
  return NameStyle::kUnknown;
}

PreparedName PrepareName(std::string_view raw, NameStyle style) {
  PreparedName out;
  out.folded = text::Fold(style == NameStyle::kOrganization ? std::string(raw)
                                                             : SplitDottedInitials(raw));
  std::vector<std::string> owned;
  for (std::string_view token : text::SplitTokens(out.folded)) owned.emplace_back(token);
  if (owned.empty()) return out;
  if (style != NameStyle::kPerson && owned.size() <= 64) {
    SplitGluedLegalForms(owned);
    RepairLegalFormWords(owned);
  }
  const std::vector<std::string_view> all_tokens(owned.begin(), owned.end());

  // Legal forms only make sense for organizations; "AG" or "SA" inside a person's name is a name.
  std::vector<bool> in_legal_form(all_tokens.size(), false);
  if (style != NameStyle::kPerson) {
    std::size_t longest = 0;
    for (const text::LegalFormSpan& span : text::FindLegalForms(all_tokens)) {
      // A legal form that would swallow the whole name is kept as the name ("Company Limited" as
      // a query still has to mean something); only when something else remains is it split off.
      for (std::uint32_t idx = span.begin; idx < span.end; ++idx) in_legal_form[idx] = true;
      // The longest phrase names the form best: "Co. Limited Liability Company" is an LLC.
      if (span.end - span.begin >= longest) {
        longest = span.end - span.begin;
        out.legal_form = span.form;
      }
    }
    // Words of corporate phrases stranded next to a legal form ("Co. Limited *Liability*
    // Company", "*Closed* Joint Stock Company") belong to it, not to the name.
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t idx = 0; idx < all_tokens.size(); ++idx) {
        if (in_legal_form[idx] || !IsStrandedLegalWord(all_tokens[idx])) continue;
        const bool left = idx > 0 && in_legal_form[idx - 1];
        const bool right = idx + 1 < all_tokens.size() && in_legal_form[idx + 1];
        if (left || right) {
          in_legal_form[idx] = true;
          changed = true;
        }
      }
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

}  // namespace redflag::text
