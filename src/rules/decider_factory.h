// Builds a Decider over the active list data: parties are screened with match::Screener over
// `snapshot`, and NDAA 889 vendor/manufacturer names with a second Screener over a small index
// of the covered companies of the RuleSet only (never the whole sanctions list).
//
// The returned Decider keeps both snapshots alive (its ScreenFns own them), so entity pointers in
// its decisions stay valid for its lifetime. Thread-safe like Decider. Fails when the covered-
// company index cannot be built.
#pragma once

#include <memory>

#include "core/error.h"
#include "index/snapshot.h"
#include "match/screener.h"
#include "rules/decider.h"
#include "rules/rule_set.h"

namespace redflag::rules {

core::Result<std::unique_ptr<Decider>> MakeDecider(RuleSet rules,
                                                   std::shared_ptr<const index::Snapshot> snapshot,
                                                   DeciderOptions options = {});
// The same, screening parties with `screener` (shared with whoever else screens that snapshot,
// engine::Engine) instead of building a second Screener over its snapshot.
core::Result<std::unique_ptr<Decider>> MakeDecider(RuleSet rules,
                                                   std::shared_ptr<const match::Screener> screener,
                                                   DeciderOptions options = {});

}  // namespace redflag::rules
