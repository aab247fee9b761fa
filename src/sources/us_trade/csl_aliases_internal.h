// Aliases written in prose in the trade.gov CSL (Entity List rows above all): an alias field
// item "and JSC 140 Repair Plant" (the last of a "; and" list), "X, and Y", "X a.k.a. Y",
// "a.k.a., the following two aliases: -X; and -Y", a leading "-"; and names that carry their
// aliases: "X (a.k.a. Y)", "X (f.k.a. Y)", "X [aka Y, Z]", "X (Huawei)", "X. Affiliated Entity: Y".
// Found by reading every alt_names and name value of the May 2022 CSL (docs/rules.md, issue 19
// point 3, has the counts). Internal to src/sources; pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"

namespace redflag::sources::csl_internal {

struct AliasPart {
  std::string name;
  core::NameKind kind = core::NameKind::kStrongAka;
};

// One item of the alt_names list (already split on ';'): the aliases it holds, in order. An
// item that is one plain name comes back unchanged as one part.
std::vector<AliasPart> SplitAliasItem(std::string_view item);
// The aliases a listed name carries besides itself (the name without its parenthetical, the
// a.k.a./f.k.a. names, an affiliated entity's own name); empty for a plain name.
std::vector<AliasPart> AliasesInName(std::string_view name);

}  // namespace redflag::sources::csl_internal
