// The Military End-User licence (15 CFR 744.21(a)(1)): a licence is required for the items of
// Supplement No. 2 to part 744 (data/rules/military_end_user.json, meu_items) to a listed
// military end user, presumption of denial; other items are a review.
#include <fmt/format.h>

#include <algorithm>

#include "rules/evaluation.h"

namespace redflag::rules {

RuleOutput MeuRule(Evaluation& ev, const Rule& rule, const Party& party, const Matched& match) {
  RuleOutput out;
  Finding finding = ev.BaseFinding(rule, match);
  const Evaluation::InForce in_force = ev.CheckInForce(rule, match.listing);
  if (ev.NotYetListed(rule, party, match, in_force, out)) return out;
  if (!in_force.yes) {
    finding.effect = Effect::kClear;
    finding.reason = fmt::format("{} matches {} on the {}; the rule {} is {}.", ev.Who(party),
                                 ev.EntryText(match), finding.list, rule.id, in_force.why_not);
    out.findings.push_back(std::move(finding));
    return out;
  }
  const RuleSet& rules = ev.rules();
  std::vector<std::string> listed;
  std::vector<std::string> other;
  for (std::size_t item_idx = 0; item_idx < ev.tx().items.size(); ++item_idx) {
    const Item& item = ev.tx().items[item_idx];
    const bool in_supplement =
        std::any_of(rules.meu_items.begin(), rules.meu_items.end(),
                    [&](const std::string& eccn) { return EccnWithin(item.eccn, eccn); });
    const std::string label = item.eccn.empty() ? fmt::format("item {}", item_idx + 1) : item.eccn;
    if (in_supplement && ev.scope(item_idx).scope != EarScope::kNotSubject) {
      listed.push_back(label);
      out.item_notes.push_back(
          ItemNote{.item_idx = item_idx,
                   .license_required = true,
                   .review_policy = ReviewPolicy::kPresumptionOfDenial,
                   .reason = fmt::format("; Military End-User List ({}): licence required "
                                         "for Supplement No. 2 items",
                                         match.entity->primary_name())});
    } else {
      other.push_back(label);
    }
  }
  const std::string base = fmt::format("{} matches {} on the {}: {}", ev.Who(party),
                                       ev.EntryText(match), finding.list, rule.meaning);
  if (!listed.empty()) {
    finding.reason = fmt::format("{}. Items in Supplement No. 2 to part 744: {}. {} ({})", base,
                                 JoinStrings(listed, ", "), rule.action, rules.meu_items_note);
    finding.review_policy = ReviewPolicy::kPresumptionOfDenial;
    ev.SetEffect(finding, rule.effect, match.score);
  } else {
    finding.reason = fmt::format(
        "{}. {}: not in Supplement No. 2 to part 744 as modelled ({}); no MEU licence "
        "requirement is modelled for them, but a military end use would need one. {}",
        base, other.empty() ? std::string("no items stated") : JoinStrings(other, ", "),
        rules.meu_items_note, rule.action);
    finding.effect = Effect::kReview;
  }
  out.findings.push_back(std::move(finding));
  return out;
}

}  // namespace redflag::rules
