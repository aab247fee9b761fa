// Turns a raw name into the tokens the index and the scorer work on. One code path for list names
// (at index build) and queries (at screen time), so both sides are always prepared the same way.
//
// Steps: text::Fold (NFKC, transliteration to ASCII, case, diacritics, punctuation); split into
// tokens; legal-form phrases removed and kept as a class ("Co., Ltd." -> kLimited); honorifics and
// titles removed from person names ("Dr", "Sheikh", "General"); organization abbreviations
// expanded ("intl" -> "international"); particles ("al", "bin", "van") flagged so they weigh little.
// Thread-safe (text functions are); allocates only its output.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "text/legal_form.h"

namespace redflag::text {

struct PreparedToken {
  std::string text;
  bool particle = false;
  bool initial = false;     // a single letter: an initial of a given name
};

struct PreparedName {
  std::string folded;                       // the whole folded name
  std::vector<PreparedToken> tokens;        // name tokens in order
  text::LegalFormClass legal_form = text::LegalFormClass::kNone;
  bool only_legal_form = false;             // the name was nothing but a legal form / honorific
};

enum class NameStyle : std::uint8_t { kUnknown, kPerson, kOrganization };

// Persons -> kPerson; organizations, vessels and aircraft -> kOrganization; untyped -> kUnknown.
NameStyle NameStyleOf(core::EntityType type);

PreparedName PrepareName(std::string_view raw, NameStyle style);

}  // namespace redflag::text
