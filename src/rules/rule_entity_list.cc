// The Entity List licence (15 CFR 744.11; 744.16; 748.5(c)-(f)): the entry's own licence
// requirement and review policy (parsed by license_policy.cc) applied item by item to the items
// that are subject to the EAR (ear_scope.cc), including foreign direct products when the entry
// carries an FDP footnote (15 CFR 734.9).
#include <fmt/format.h>

#include <algorithm>

#include "rules/evaluation.h"

namespace redflag::rules {
namespace {

// What the entry means for the transaction's items.
struct ItemsAnswer {
  std::vector<std::string> notes;
  bool any_required = false;
  bool any_unknown = false;
  std::optional<ReviewPolicy> strictest;
  std::vector<ItemNote> item_notes;

  void NotePolicy(const std::optional<ReviewPolicy>& item_policy) {
    if (item_policy && (!strictest || Strictness(*item_policy) > Strictness(*strictest))) {
      strictest = item_policy;
    }
  }
};

// One item under the entry; appends to `answer`.
void ItemUnderEntry(const Evaluation& ev, const Matched& match,
                    const LicenseRequirement& requirement, const LicensePolicy& policy,
                    const FootnoteLookup& footnote, std::size_t item_idx,
                    ItemsAnswer& answer) {
  const Item& item = ev.tx().items[item_idx];
  ScopeAnswer scope = ev.scope(item_idx);
  if (scope.scope != EarScope::kSubject && item.direct_product) {
    if (footnote.footnote != nullptr) {
      const ScopeAnswer fdp = DirectProductScope(*footnote.footnote, item, ev.date());
      if (fdp.scope == EarScope::kSubject) {
        scope = fdp;
        answer.item_notes.push_back(
            ItemNote{.item_idx = item_idx, .subject_to_ear = true, .reason = "; " + fdp.reason});
      } else if (fdp.scope == EarScope::kUnknown) {
        scope = {EarScope::kUnknown, scope.reason + "; " + fdp.reason};
      } else {
        scope.reason += "; " + fdp.reason;
      }
    } else if (!footnote.unknown.empty()) {
      scope = {EarScope::kUnknown, scope.reason + "; " + footnote.unknown};
    } else {
      scope.reason +=
          "; the entry has no foreign-direct-product footnote, so the item's being "
          "a direct product does not bring it under the EAR";
    }
  }
  const std::string label = item.eccn.empty() ? fmt::format("item {}", item_idx + 1) : item.eccn;
  if (scope.scope == EarScope::kNotSubject) {
    answer.notes.push_back(fmt::format(
        "{}: {}, so the Entity List licence requirement does not apply", label, scope.reason));
    return;
  }
  if (scope.scope == EarScope::kUnknown) {
    answer.any_unknown = true;
    answer.notes.push_back(fmt::format("{}: {}", label, scope.reason));
    return;
  }
  const bool food_or_medicine = HasCategory(item, "food") || HasCategory(item, "medicine");
  if (item.eccn == "EAR99" && food_or_medicine &&
      std::find(requirement.exceptions.begin(), requirement.exceptions.end(),
                "food_medicine_ear99") != requirement.exceptions.end()) {
    answer.notes.push_back(fmt::format("{}: EAR99 food or medicine, excepted by the entry", label));
    return;
  }
  const PolicyAnswer policy_answer = PolicyForItem(policy, item.eccn, item.categories);
  answer.any_required = true;
  ItemNote note{.item_idx = item_idx, .license_required = true};
  if (policy_answer.policy) {
    note.review_policy = policy_answer.policy;
    answer.NotePolicy(policy_answer.policy);
    answer.notes.push_back(fmt::format("{}: licence required, {}", label, policy_answer.why));
    note.reason = fmt::format("; Entity List ({}): licence required, {}",
                              match.entity->primary_name(), policy_answer.why);
  } else {
    answer.any_unknown = true;
    answer.notes.push_back(
        fmt::format("{}: licence required; review policy not stated for this item "
                    "(policy text: \"{}\")",
                    label, policy.raw));
    note.reason = fmt::format(
        "; Entity List ({}): licence required, review policy to be "
        "read from the entry: \"{}\"",
        match.entity->primary_name(), policy.raw);
  }
  answer.item_notes.push_back(std::move(note));
}

}  // namespace

RuleOutput EntityListRule(Evaluation& ev, const Rule& rule, const Party& party,
                          const Matched& match, std::string_view via) {
  RuleOutput out;
  Finding finding = ev.BaseFinding(rule, match);
  const Evaluation::InForce in_force = ev.CheckInForce(rule, match.listing);
  const std::string subject = via.empty() ? fmt::format("{} matches {} on the {}", ev.Who(party),
                                                        ev.EntryText(match), finding.list)
                                          : std::string(via);
  if (ev.NotYetListed(rule, party, match, in_force, out)) return out;
  if (!in_force.yes) {
    finding.effect = Effect::kClear;
    finding.reason = fmt::format("{}; the rule {} is {}: no effect on this transaction.", subject,
                                 rule.id, in_force.why_not);
    out.findings.push_back(std::move(finding));
    return out;
  }
  const LicenseRequirement requirement =
      ParseLicenseRequirement(match.listing->license_requirement);
  const LicensePolicy policy = ParseLicensePolicy(match.listing->license_policy);
  const FootnoteLookup footnote = FindFootnote(ev.rules(), requirement);
  if (requirement.scope == RequirementScope::kUnknown) {
    finding.reason = fmt::format(
        "{}: the entry's licence requirement could not be read (\"{}\"); a person must read the "
        "entry to decide whether a licence is required.",
        subject, requirement.raw);
    ev.SetEffect(finding, Effect::kReview, match.score);
    finding.if_confirmed = Effect::kLicenseRequired;
    out.findings.push_back(std::move(finding));
    return out;
  }
  if (requirement.scope == RequirementScope::kSection746_5) {
    finding.reason = fmt::format(
        "{}: the entry requires a licence only for items used in the projects of 15 CFR 746.5 "
        "(\"{}\"); review policy: \"{}\". Confirm the end use before shipping.",
        subject, requirement.raw, policy.raw);
    ev.SetEffect(finding, Effect::kReview, match.score);
    finding.if_confirmed = Effect::kLicenseRequired;
    out.findings.push_back(std::move(finding));
    return out;
  }

  ItemsAnswer answer;
  for (std::size_t item_idx = 0; item_idx < ev.tx().items.size(); ++item_idx) {
    ItemUnderEntry(ev, match, requirement, policy, footnote, item_idx, answer);
  }
  std::string policy_text;
  if (ev.tx().items.empty()) {
    answer.any_required = true;
    if (policy.default_policy) answer.NotePolicy(policy.default_policy);
    answer.notes.push_back("no items stated: the requirement covers all items subject to the EAR");
  }
  if (policy.quality != ParseQuality::kFull) {
    policy_text = fmt::format(" The review policy could only be read {} (\"{}\"): read the entry.",
                              ParseQualityName(policy.quality), policy.raw);
  }
  finding.review_policy = answer.strictest;
  if (answer.any_required) {
    finding.reason =
        fmt::format("{}: {}. Requirement: \"{}\". {}.{} {}", subject, rule.meaning, requirement.raw,
                    JoinStrings(answer.notes, "; "), policy_text, rule.action);
    ev.SetEffect(finding, Effect::kLicenseRequired, match.score);
  } else if (answer.any_unknown) {
    finding.reason = fmt::format("{}: whether a licence is required cannot be decided: {}.{}",
                                 subject, JoinStrings(answer.notes, "; "), policy_text);
    finding.effect = Effect::kReview;
    finding.if_confirmed = Effect::kLicenseRequired;
  } else {
    finding.reason = fmt::format(
        "{}: no Entity List licence is required for these items: {}. The party is still a "
        "listed party: keep the classification and content calculation on file.",
        subject, JoinStrings(answer.notes, "; "));
    finding.effect = Effect::kReview;
  }
  out.findings.push_back(std::move(finding));
  out.item_notes = std::move(answer.item_notes);
  return out;
}

}  // namespace redflag::rules
