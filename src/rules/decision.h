// A decision: what the hits mean for one transaction on one date (docs/architecture.md,
// "Decision"). The outcome is the most severe finding: blocked > prohibited > license_required >
// review > clear. Every finding names the list in words, the entity, the effect, the rule and
// its citation (CFR section plus the entry's Federal Register notices). Findings with effect
// "clear" are informational (an entry not yet or no longer in force, a list with no effect on
// this transaction type) and never raise the outcome.
//
// Plain value types; the printers are pure and thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "rules/license_policy.h"
#include "rules/rule_set.h"
#include "rules/transaction.h"

namespace redflag::rules {

struct HitSummary {
  std::string entity_id;
  std::string name;          // the entity's primary name
  std::string matched_name;  // the name that matched
  double score = 0;
  std::vector<std::string> lists;
};

struct Finding {
  std::string list;       // the list in words: "Entity List", "SDN", "NS-CMIC", ...
  std::string entity_id;  // "" for findings not tied to a list entry (e.g. a brand)
  std::string entity_name;
  Effect effect = Effect::kReview;
  std::optional<Effect> if_confirmed;  // for a possible match (review): the effect if confirmed
  std::string citation;
  std::string rule;    // rule id in data/rules
  std::string reason;  // one or two sentences a compliance officer can read
  std::string action;  // what to do (the rule's `action`); "" when the rule states none
  std::optional<ReviewPolicy> review_policy;
  double score = 0;         // name-match score behind the finding (1 for exact identifiers)
  core::PartialDate since;  // the entry's start date when known
};

// A listing of a matched entity that starts after the decision date: not a finding on that date,
// shown apart so that the reader knows it is coming (docs/rules.md, "Listing dates").
struct LaterListing {
  std::string list_name;
  std::string entity_id;
  std::string entity_name;
  core::PartialDate since;
  std::string rule;
};

struct PartyDecision {
  Role role = Role::kCustomer;
  std::string name;
  std::string country;
  std::vector<HitSummary> hits;
  std::vector<Finding> findings;
  std::vector<LaterListing> listed_later;
};

struct ItemDecision {
  std::string description;
  std::string eccn;
  bool subject_to_ear = false;
  bool license_required = false;
  std::optional<ReviewPolicy> review_policy;
  std::string reason;
};

struct SecurityDecision {
  Security security;
  std::vector<HitSummary> matches;
  std::vector<Finding> findings;
};

struct DeviceDecision {
  Device device;
  std::string mac_registrant;  // IEEE organisation of the MAC prefix, "" when unknown
  std::vector<Finding> findings;
};

// A list version the decision was made on (what the engine loaded): its id in the store (0 when
// the lists were read from files), and the date the source says it was published.
struct ListUsed {
  std::string list_id;
  std::int64_t version_id = 0;
  core::PartialDate published;     // empty when the source states none
  std::string imported_at;         // UTC, "" when not from a store
  core::PartialDate newest_entry;  // the latest entry start date in it (filled by the Decider)
};

struct Decision {
  Effect outcome = Effect::kClear;
  core::PartialDate as_of;
  core::PartialDate transaction_date;
  TransactionType type = TransactionType::kExport;
  std::string destination;  // ISO alpha-2, "" when not given
  std::vector<PartyDecision> parties;
  std::vector<ItemDecision> items;
  std::vector<SecurityDecision> securities;
  std::vector<DeviceDecision> devices;
  std::vector<Finding> destination_findings;  // embargoed destination (15 CFR part 746, OFAC)
  // The list versions used, and a caveat for each list behind a hit that was published after
  // the decision date ("decided on the list as published on DATE; earlier wording not known").
  std::vector<ListUsed> lists_used;
  std::vector<std::string> caveats;
  std::string explanation;
};

// JSON as in docs/architecture.md (pretty-printed with `indent` spaces; -1 = one line).
std::string DecisionToJson(const Decision& decision, int indent = 2);
// The same document as a value, for callers that add fields (a payment adds its message id).
nlohmann::json DecisionJson(const Decision& decision);
// For a compliance officer: the outcome and a one-line reason first, then one block per finding
// (party or object, list entry, effect, review policy, citation, why, what to do), listings that
// start later, notes, and the items table.
std::string DecisionToText(const Decision& decision);

}  // namespace redflag::rules
