// The plain list rule: a screened party on the rule's lists, in its roles and transaction types,
// gets the rule's effect while the rule is in force (SDN: 31 CFR 501.603; DPL: 15 CFR 764.2(k);
// UVL: 15 CFR 744.15; CMIC as a party; other lists: review). The data is in data/rules/*.json.
#include <fmt/format.h>

#include "rules/evaluation.h"

namespace redflag::rules {

RuleOutput ListPartyRule(Evaluation& ev, const Rule& rule, const Party& party,
                         const Matched& match) {
  RuleOutput out;
  Finding finding = ev.BaseFinding(rule, match);
  const Evaluation::InForce in_force = ev.CheckInForce(rule, match.listing);
  if (ev.NotYetListed(rule, party, match, in_force, out)) return out;
  if (!in_force.yes) {
    finding.effect = Effect::kClear;
    finding.reason = fmt::format(
        "{} matches {} on the {}; the rule {} is {}: no effect on this "
        "transaction.",
        ev.Who(party), ev.EntryText(match), finding.list, rule.id, in_force.why_not);
    out.findings.push_back(std::move(finding));
    return out;
  }
  finding.reason = fmt::format("{} matches {} on the {}: {}. {}", ev.Who(party),
                               ev.EntryText(match), finding.list, rule.meaning, rule.action);
  if (rule.from_listing_start && match.listing->start.empty() && rule.effect > Effect::kReview) {
    // OFAC's CSV and the CSL give no designation date (the advanced XML does): the entry is
    // treated as in force, and the reader is told what that assumes.
    finding.reason += fmt::format(
        " The list gives no designation date for this entry: it is treated as in force on {}; "
        "if the party was designated after that date, the transaction was not {} when made "
        "(check the designation date, e.g. in OFAC's advanced XML).",
        ev.date().ToString(), EffectName(rule.effect));
  }
  ev.SetEffect(finding, rule.effect, match.score);
  out.findings.push_back(std::move(finding));
  return out;
}

}  // namespace redflag::rules
