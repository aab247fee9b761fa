// The rule engine: a transaction + the active lists + a date -> a Decision with citations.
//
// The engine screens every party (and every stated owner, and every security issuer) by name
// through `screen_lists`, finds securities by ISIN/ticker and device MAC prefixes in the list
// entities it is given, and evaluates the RuleSet as of the transaction date or `as_of`.
// Match confidence (docs/rules.md): a hit scoring >= kConfidentScore is a match whose list
// effect applies directly; a hit between the alert threshold (match::kDefaultThreshold, 0.80)
// and kConfidentScore is a possible match, reported as "review" with the effect it would have if
// confirmed (Finding::if_confirmed).
//
// Thread-safety: a Decider is immutable after construction; Decide() may run on many threads at
// once if the ScreenFns may. Lifetime: `entities` (and the entities hits point to) must outlive
// the Decider; MakeDecider (decider_factory.h) ties them to the snapshot it keeps alive.
// Failure: Decide() returns the ScreenFn's Error when screening fails (an invalid party name
// gives kInvalidArgument naming "parties[i].name"); it never throws.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/entity.h"
#include "core/error.h"
#include "match/hit.h"
#include "rules/decision.h"
#include "rules/rule_set.h"
#include "rules/transaction.h"

namespace redflag::rules {

// Hits at or above this score are confident matches (the same name up to spelling, order, legal
// form and transliteration, docs/matching.md); below it, down to the alert threshold, a person
// must confirm the match.
inline constexpr double kConfidentScore = 0.90;
inline constexpr double kAlertThreshold = 0.80;  // = match::kDefaultThreshold

// Screens one name; returns hits best first (scores in [0, 1]).
using ScreenFn = std::function<core::Result<std::vector<match::Hit>>(const match::Query&)>;

struct DeciderOptions {
  double confident_score = kConfidentScore;
  double alert_threshold = kAlertThreshold;
  // The list versions the entities come from (engine::Generation::versions); reported in every
  // decision with a caveat when a list behind a hit was published after the decision date.
  std::vector<ListUsed> list_versions;
};

class Decider {
 public:
  // `screen_lists` screens the active lists. `screen_covered` screens the NDAA 889 covered
  // companies (RuleSet::covered_companies) only; when empty, a vendor or manufacturer name
  // matches a covered company when it contains one of its names as whole words.
  Decider(RuleSet rules, std::span<const core::Entity> entities, ScreenFn screen_lists,
          ScreenFn screen_covered = {}, DeciderOptions options = {});

  core::Result<Decision> Decide(const Transaction& transaction,
                                std::optional<core::PartialDate> as_of = std::nullopt) const;

  const RuleSet& rules() const { return rules_; }
  // True when the entities include IEEE MAC assignments (MAC lookups are possible).
  bool has_mac_registry() const { return !mac_prefixes_.empty(); }

 private:
  friend class Evaluation;

  RuleSet rules_;
  ScreenFn screen_lists_;
  ScreenFn screen_covered_;
  DeciderOptions options_;
  // Lookups built once from the entities.
  std::unordered_map<std::string, const core::Entity*> cmic_by_isin_;
  std::unordered_map<std::string, const core::Entity*> cmic_by_ticker_;
  std::unordered_map<std::string, const core::Entity*> mac_prefixes_;  // hex prefix -> registrant
};

}  // namespace redflag::rules
