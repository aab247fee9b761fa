// Internal view of the name tables for tests and docs checks; not part of the contract.
#pragma once

#include <string_view>
#include <vector>

namespace redflag::text::internal {

// The variant groups as written in name_variants.inc, canonical key first.
std::vector<std::vector<std::string_view>> VariantGroups();

}  // namespace redflag::text::internal
