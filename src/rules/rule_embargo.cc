// Comprehensively embargoed destinations (data/rules/destinations.json): a transaction to one of
// them needs a BIS licence (15 CFR part 746) and is barred for US persons by the OFAC programme,
// even when no party is listed. Rules of kind `embargo` name ISO country codes in `lists`; their
// `items` say which items carry the effect (docs/rules.md, "Destinations").
#include <fmt/format.h>

#include <algorithm>

#include "rules/evaluation.h"

namespace redflag::rules {
namespace {

// The destination the rule is checked against: the transaction's, else the country of the party
// that receives the items or the funds.
std::string DestinationOf(const Transaction& tx) {
  if (!tx.destination.empty()) return tx.destination;
  for (const Role role : {Role::kUltimateConsignee, Role::kEndUser, Role::kBeneficiary}) {
    for (const Party& party : tx.parties) {
      if (party.role == role && !party.country.empty()) return party.country;
    }
  }
  return {};
}

}  // namespace

core::Result<TransactionOutput> EmbargoRule(Evaluation& ev, const Rule& rule) {
  TransactionOutput out;
  const std::string destination = DestinationOf(ev.tx());
  if (destination.empty() || !rule.NamesList(destination) || rule.NamesList("*")) return out;
  Finding finding;
  finding.list = rule.list_name;
  finding.rule = rule.id;
  finding.entity_id = "destination:" + destination;
  finding.entity_name = destination;
  finding.citation = rule.citation;
  finding.action = rule.action;
  const Evaluation::InForce in_force = ev.CheckInForce(rule, nullptr);
  if (!in_force.yes) {
    finding.effect = Effect::kClear;
    finding.reason =
        fmt::format("Destination {}: the rule {} is {}.", destination, rule.id, in_force.why_not);
    out.destination.push_back(std::move(finding));
    return out;
  }
  const std::vector<Item>& items = ev.tx().items;
  std::vector<std::string> covered;
  std::vector<std::string> unclear;
  for (std::size_t item_idx = 0; item_idx < items.size(); ++item_idx) {
    const Item& item = items[item_idx];
    const std::string label = item.eccn.empty() ? fmt::format("item {}", item_idx + 1) : item.eccn;
    const EarScope scope = ev.scope(item_idx).scope;
    if (rule.items == "any") {
      covered.push_back(label);
    } else if (scope == EarScope::kNotSubject) {
      continue;
    } else if (scope == EarScope::kUnknown) {
      unclear.push_back(label + " (EAR scope unknown)");
    } else if (rule.items == "ccl" && (item.eccn.empty() || item.eccn == "EAR99")) {
      unclear.push_back(label + (item.eccn.empty() ? " (not classified)" : " (EAR99)"));
    } else {
      covered.push_back(label);
    }
  }
  const bool no_items = items.empty();
  const std::string what = fmt::format("Destination {} ({})", destination, rule.list_name);
  if (!covered.empty() || no_items) {
    finding.reason = fmt::format(
        "{}: {}.{} {}", what, rule.meaning,
        no_items ? std::string(" No items stated.") : " Items: " + JoinStrings(covered, ", ") + ".",
        rule.action);
    finding.effect = rule.effect;
  } else if (!unclear.empty()) {
    finding.reason = fmt::format("{}: {}. Items to check: {}. {}", what, rule.meaning,
                                 JoinStrings(unclear, ", "), rule.action);
    finding.effect = Effect::kReview;
    finding.if_confirmed = rule.effect;
  } else {
    finding.reason = fmt::format(
        "{}: {}; no item here is subject to the EAR, so the licence "
        "requirement does not reach them.",
        what, rule.meaning);
    finding.effect = Effect::kReview;
  }
  out.destination.push_back(std::move(finding));
  return out;
}

}  // namespace redflag::rules
