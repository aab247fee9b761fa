// Internal entry points of normalize.cc for tests and fuzzers; not part of the contract.
#pragma once

#include <string>
#include <string_view>

namespace redflag::text::internal {

// Slow, obvious reference for Fold: the whole string through the ICU pipeline, no fast paths.
// Fold(x) must equal FoldReference(x) for every input (tests and the fuzzer check it).
std::string FoldReference(std::string_view utf8);

}  // namespace redflag::text::internal
