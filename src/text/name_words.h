// Word lists for names: organization abbreviations, person-name particles and honorifics, and
// spelling-variant groups of given/family names.
//
// All functions take one token of text::Fold output ([a-z0-9], no spaces) and look it up in
// read-only tables built once; they are safe to call from any thread and never allocate.
// Returned views point into static storage and stay valid for the life of the program.
// The tables are listed in docs/text.md; the variant groups live in name_variants.inc.
#pragma once

#include <string_view>

namespace redflag::text {

// Full form of an unambiguous organization-word abbreviation ("intl" -> "international",
// "mfg" -> "manufacturing", "co" -> "company"); "" when `folded_token` is not one.
std::string_view ExpandAbbreviation(std::string_view folded_token);

// Name particles that carry no identity on their own: al, el, bin, ibn, bint, abu, van, von, de,
// da, di, del, della, dos, le, la, ter, ...
bool IsParticle(std::string_view folded_token);

// Titles and ranks that precede a person's name: mr, dr, sheikh, haji, mullah, general, col, ...
bool IsHonorific(std::string_view folded_token);

// Canonical key of the spelling-variant group `folded_token` belongs to ("mohammed" ->
// "muhammad", "oleksandr" -> "aleksandr", "gim" -> "kim"); the token itself when it belongs to
// no group (the view then aliases the argument).
std::string_view CanonicalNameVariant(std::string_view folded_token);

}  // namespace redflag::text
