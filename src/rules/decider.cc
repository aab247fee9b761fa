// Rule evaluation. One Evaluation object per Decide() call holds the per-call state (date,
// screening cache, the decision being built); the Decider itself is never written after
// construction, which is what makes concurrent Decide() calls safe.
#include "rules/decider.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "rules/decider_internal.h"

namespace redflag::rules {

namespace internal {

bool IsCmicListing(const core::Listing& listing) { return listing.list_code == "CMIC"; }

std::string HexOnly(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    if (std::isxdigit(static_cast<unsigned char>(ch))) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
  }
  return out;
}

std::string TickerKey(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) break;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return out;
}

// A date the source states next to a label, e.g. "Effective Date (CMIC) 02 Aug 2021" in OFAC
// remarks or an identifier {type_raw "Effective Date (CMIC)", value "02 Aug 2021"} from the CSL.
core::PartialDate LabelledDate(const core::Entity& entity, std::string_view label) {
  for (const core::Identifier& id : entity.identifiers) {
    if (id.type_raw.find(label) != std::string::npos ||
        id.scheme.find(label) != std::string::npos) {
      if (auto date = core::ParseDate(id.value)) return *date;
    }
  }
  for (const std::string* text : {&entity.remarks}) {
    const auto at = text->find(label);
    if (at == std::string::npos) continue;
    std::string_view rest = std::string_view(*text).substr(at + label.size());
    rest = rest.substr(0, rest.find(';'));
    if (auto date = core::ParseDate(rest)) return *date;
  }
  for (const core::Listing& listing : entity.listings) {
    const auto at = listing.remarks.find(label);
    if (at == std::string::npos) continue;
    std::string_view rest = std::string_view(listing.remarks).substr(at + label.size());
    rest = rest.substr(0, rest.find(';'));
    if (auto date = core::ParseDate(rest)) return *date;
  }
  return {};
}

}  // namespace internal

namespace {

using internal::HexOnly;
using internal::TickerKey;

std::string JoinStrings(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::string Percent(double value) { return fmt::format("{:.4g}%", value); }

// Whether an item is subject to the EAR at all, apart from the foreign-direct-product rules.
enum class EarScope : std::uint8_t { kSubject, kNotSubject, kUnknown };
struct ScopeAnswer {
  EarScope scope = EarScope::kUnknown;
  std::string reason;
};

ScopeAnswer GeneralScope(const RuleSet& rules, const Item& item, const std::string& destination) {
  const DeMinimis& dm = rules.de_minimis;
  if (item.origin.empty()) {
    return {EarScope::kSubject,
            "origin not stated: treated as a US-origin item subject to the EAR"};
  }
  if (item.origin == "US") {
    return {EarScope::kSubject,
            fmt::format("US-origin item: subject to the EAR ({})", rules.us_origin_citation)};
  }
  if (!item.us_content_percent) {
    return {EarScope::kUnknown,
            fmt::format("foreign-made ({}) with no US-controlled content stated: cannot tell "
                        "whether it exceeds the de minimis level ({})",
                        item.origin, dm.citation)};
  }
  const bool restricted =
      std::find(dm.restricted_destinations.begin(), dm.restricted_destinations.end(),
                destination) != dm.restricted_destinations.end();
  const double level = restricted ? dm.restricted_percent : dm.percent;
  const std::string where =
      restricted ? fmt::format("{} for {}", Percent(level), destination) : Percent(level);
  if (*item.us_content_percent > level) {
    return {EarScope::kSubject,
            fmt::format("foreign-made ({}) with {} US-controlled content, above the de minimis "
                        "level of {}: subject to the EAR ({})",
                        item.origin, Percent(*item.us_content_percent), where, dm.citation)};
  }
  return {EarScope::kNotSubject,
          fmt::format("foreign-made ({}) with {} US-controlled content, not above the de minimis "
                      "level of {}: not subject to the EAR ({})",
                      item.origin, Percent(*item.us_content_percent), where, dm.citation)};
}

const FdpFootnote* FindFootnote(const RuleSet& rules, int footnote) {
  for (const FdpFootnote& entry : rules.fdp_footnotes) {
    if (entry.footnote == footnote) return &entry;
  }
  return nullptr;
}

bool HasCategory(const Item& item, std::string_view category) {
  return std::find(item.categories.begin(), item.categories.end(), category) !=
         item.categories.end();
}

}  // namespace

// Per-call state of Decide().
class Evaluation {
 public:
  Evaluation(const Decider& decider, const Transaction& tx, core::PartialDate date)
      : d_(decider), rules_(decider.rules_), tx_(tx), date_(date) {}

  core::Result<Decision> Run();

 private:
  struct Matched {
    const core::Entity* entity = nullptr;
    const core::Listing* listing = nullptr;
    double score = 0;
    std::string matched_name;
    std::size_t hit_idx = 0;  // which hit (party) of the screening it came from
  };
  struct InForce {
    bool yes = true;
    std::string why_not;
  };
  // Ownership share held by restricted persons, confirmed and including possible matches.
  struct Share {
    double confirmed = 0;
    double possible = 0;
    std::vector<std::string> notes;
    std::vector<Matched> owners;  // listed owners (confirmed first)
  };

  core::Result<const std::vector<match::Hit>*> Screen(
      const std::string& name, const std::string& country, const std::string& field,
      const std::vector<core::Identifier>& identifiers = {});
  std::vector<Matched> ListingsOf(const std::vector<match::Hit>& hits) const;
  bool Ignored(const core::Entity& entity) const;
  InForce CheckInForce(const Rule& rule, const core::Listing* listing) const;
  std::string ListName(const Rule& rule, const core::Listing& listing) const;
  std::string Citation(const Rule& rule, const core::Listing* listing) const;
  std::string Who(const Party& party) const;
  std::string EntryText(const Matched& match) const;
  Finding BaseFinding(const Rule& rule, const Matched& match) const;
  // Applies match confidence: a possible match turns `effect` into review.
  void SetEffect(Finding& finding, Effect effect, double score) const;

  void EvaluateListParty(const Rule& rule, const Party& party, const Matched& match,
                         PartyDecision& out);
  void EvaluateEntityList(const Rule& rule, const Party& party, const Matched& match,
                          PartyDecision& out, std::string_view via = {});
  void EvaluateMeu(const Rule& rule, const Party& party, const Matched& match, PartyDecision& out);
  core::Status EvaluateOwnership(const Rule& rule, std::size_t party_idx, const Party& party,
                                 PartyDecision& out);
  core::Result<Share> OwnedShare(const Rule& rule, const std::vector<Owner>& owners,
                                 const std::string& path, int depth);
  core::Status EvaluateSecurities(const Rule& rule);
  core::Status EvaluateDevices(const Rule& rule);
  core::Status EvaluateCoveredParty(const Rule& rule, std::size_t party_idx, const Party& party,
                                    PartyDecision& out);
  core::Result<std::vector<std::pair<std::string, double>>> CoveredCompanies(
      const std::string& name, const std::string& field);

  void Finish(Decision& decision) const;
  std::string Explain(const Decision& decision) const;

  const Decider& d_;
  const RuleSet& rules_;
  const Transaction& tx_;
  core::PartialDate date_;
  std::map<std::pair<std::string, std::string>, std::vector<match::Hit>> cache_;
  std::vector<ItemDecision> items_;
  std::vector<ScopeAnswer> scopes_;
  Decision decision_;
};

core::Result<const std::vector<match::Hit>*> Evaluation::Screen(
    const std::string& name, const std::string& country, const std::string& field,
    const std::vector<core::Identifier>& identifiers) {
  // Identifiers change the hits (a BIC names its bank), so they are part of the cache key.
  std::string key_country = country;
  for (const core::Identifier& identifier : identifiers) key_country += "\n" + identifier.value;
  const auto key = std::pair{name, key_country};
  if (auto it = cache_.find(key); it != cache_.end()) return &it->second;
  match::Query query;
  query.name = name;
  query.country = country;
  query.identifiers = identifiers;
  auto hits = d_.screen_lists_(query);
  if (!hits) {
    core::Error error = hits.error();
    // The screener names the query's field ("name", "country"); say which party's it is.
    if (error.where.field.empty()) {
      error.where.field = field;
    } else if (const std::size_t dot = field.rfind('.'); dot != std::string::npos) {
      error.where.field = field.substr(0, dot + 1) + error.where.field;
    }
    error.message = fmt::format("screening \"{}\" failed: {}", name, error.message);
    return error;
  }
  std::vector<match::Hit> kept;
  for (match::Hit& hit : *hits) {
    if (hit.entity == nullptr || hit.score < d_.options_.alert_threshold) continue;
    if (Ignored(*hit.entity)) continue;
    kept.push_back(std::move(hit));
  }
  return &cache_.emplace(key, std::move(kept)).first->second;
}

bool Evaluation::Ignored(const core::Entity& entity) const {
  return std::find(rules_.ignored_list_ids.begin(), rules_.ignored_list_ids.end(),
                   entity.list_id) != rules_.ignored_list_ids.end();
}

std::vector<Evaluation::Matched> Evaluation::ListingsOf(const std::vector<match::Hit>& hits) const {
  std::vector<Matched> out;
  for (std::size_t hit_idx = 0; hit_idx < hits.size(); ++hit_idx) {
    const match::Hit& hit = hits[hit_idx];
    std::vector<const core::Entity*> party = hit.same_party;
    if (party.empty()) party.push_back(hit.entity);
    for (const core::Entity* entity : party) {
      if (entity == nullptr || Ignored(*entity)) continue;
      for (const core::Listing& listing : entity->listings) {
        out.push_back(Matched{entity, &listing, hit.score, hit.explanation.matched_name, hit_idx});
      }
    }
  }
  return out;
}

Evaluation::InForce Evaluation::CheckInForce(const Rule& rule, const core::Listing* listing) const {
  core::PartialDate from = rule.from;
  if (rule.from_listing_start && listing != nullptr && !listing->start.empty()) {
    from = listing->start.First();
  }
  core::PartialDate to = rule.to;
  if (rule.to_listing_end && listing != nullptr && !listing->end.empty()) {
    to = listing->end.Last();
  }
  if (!from.empty() && date_.ToDays() < from.ToDays()) {
    return {false,
            fmt::format("in force only from {}, after {}", from.ToString(), date_.ToString())};
  }
  if (!to.empty() && date_.ToDays() > to.ToDays()) {
    return {false,
            fmt::format("in force only until {}, before {}", to.ToString(), date_.ToString())};
  }
  for (const Suspension& window : rule.suspended) {
    if (date_.ToDays() >= window.from.ToDays() && date_.ToDays() <= window.to.ToDays()) {
      return {false, fmt::format("suspended from {} through {}{}", window.from.ToString(),
                                 window.to.ToString(),
                                 window.citation.empty() ? "" : " (" + window.citation + ")")};
    }
  }
  return {};
}

std::string Evaluation::ListName(const Rule& rule, const core::Listing& listing) const {
  if (!rule.list_name.empty()) return rule.list_name;
  if (!listing.list_name.empty()) return listing.list_name;
  if (!listing.list_code.empty()) return listing.list_code;
  return listing.list_id;
}

std::string Evaluation::Citation(const Rule& rule, const core::Listing* listing) const {
  std::vector<std::string> parts = {rule.citation};
  if (listing != nullptr) {
    for (const std::string& notice : listing->federal_register) parts.push_back(notice);
  }
  return JoinStrings(parts, "; ");
}

std::string Evaluation::Who(const Party& party) const {
  return fmt::format("{} ({})", party.name, RoleName(party.role));
}

std::string Evaluation::EntryText(const Matched& match) const {
  std::string text = fmt::format("{} [{}]", match.entity->primary_name(), match.entity->id);
  if (match.score > 0) {
    text += fmt::format(" (score {:.2f}", match.score);
    if (!match.matched_name.empty()) text += fmt::format(", matched \"{}\"", match.matched_name);
    text += ")";
  }
  if (match.listing != nullptr && !match.listing->start.empty()) {
    text += fmt::format(", listed since {}", match.listing->start.ToString());
  }
  if (match.listing != nullptr && !match.listing->federal_register.empty()) {
    text += fmt::format(" ({})", JoinStrings(match.listing->federal_register, "; "));
  }
  return text;
}

Finding Evaluation::BaseFinding(const Rule& rule, const Matched& match) const {
  Finding finding;
  finding.list = match.listing != nullptr ? ListName(rule, *match.listing) : rule.list_name;
  finding.entity_id = match.entity != nullptr ? match.entity->id : "";
  finding.entity_name = match.entity != nullptr ? match.entity->primary_name() : "";
  finding.rule = rule.id;
  finding.citation = Citation(rule, match.listing);
  finding.score = match.score;
  if (match.listing != nullptr) finding.since = match.listing->start;
  return finding;
}

void Evaluation::SetEffect(Finding& finding, Effect effect, double score) const {
  if (effect > Effect::kReview && score < d_.options_.confident_score) {
    finding.effect = Effect::kReview;
    finding.if_confirmed = effect;
    finding.reason = fmt::format("Possible match (score {:.2f}, below {:.2f}): if confirmed, {}. ",
                                 score, d_.options_.confident_score, EffectName(effect)) +
                     finding.reason;
  } else {
    finding.effect = effect;
  }
}

void Evaluation::EvaluateListParty(const Rule& rule, const Party& party, const Matched& match,
                                   PartyDecision& out) {
  Finding finding = BaseFinding(rule, match);
  const InForce in_force = CheckInForce(rule, match.listing);
  if (!in_force.yes) {
    finding.effect = Effect::kClear;
    finding.reason = fmt::format(
        "{} matches {} on the {}; the rule {} is {}: no effect on this "
        "transaction.",
        Who(party), EntryText(match), finding.list, rule.id, in_force.why_not);
    out.findings.push_back(std::move(finding));
    return;
  }
  finding.reason = fmt::format("{} matches {} on the {}: {}. {}", Who(party), EntryText(match),
                               finding.list, rule.meaning, rule.action);
  SetEffect(finding, rule.effect, match.score);
  out.findings.push_back(std::move(finding));
}

void Evaluation::EvaluateEntityList(const Rule& rule, const Party& party, const Matched& match,
                                    PartyDecision& out, std::string_view via) {
  Finding finding = BaseFinding(rule, match);
  const InForce in_force = CheckInForce(rule, match.listing);
  const std::string subject = via.empty() ? fmt::format("{} matches {} on the {}", Who(party),
                                                        EntryText(match), finding.list)
                                          : std::string(via);
  if (!in_force.yes) {
    finding.effect = Effect::kClear;
    finding.reason = fmt::format("{}; the rule {} is {}: no effect on this transaction.", subject,
                                 rule.id, in_force.why_not);
    out.findings.push_back(std::move(finding));
    return;
  }
  const LicenseRequirement requirement =
      ParseLicenseRequirement(match.listing->license_requirement);
  const LicensePolicy policy = ParseLicensePolicy(match.listing->license_policy);
  const FdpFootnote* footnote =
      requirement.fdp_footnote > 0 ? FindFootnote(rules_, requirement.fdp_footnote) : nullptr;

  std::vector<std::string> notes;
  bool any_required = false;
  bool any_unknown = false;
  std::optional<ReviewPolicy> strictest;
  auto note_policy = [&](const std::optional<ReviewPolicy>& item_policy) {
    if (item_policy && (!strictest || Strictness(*item_policy) > Strictness(*strictest))) {
      strictest = item_policy;
    }
  };

  if (requirement.scope == RequirementScope::kUnknown) {
    finding.reason = fmt::format(
        "{}: the entry's licence requirement could not be read (\"{}\"); a person must read the "
        "entry to decide whether a licence is required.",
        subject, requirement.raw);
    SetEffect(finding, Effect::kReview, match.score);
    finding.if_confirmed = Effect::kLicenseRequired;
    out.findings.push_back(std::move(finding));
    return;
  }
  if (requirement.scope == RequirementScope::kSection746_5) {
    finding.reason = fmt::format(
        "{}: the entry requires a licence only for items used in the projects of 15 CFR 746.5 "
        "(\"{}\"); review policy: \"{}\". Confirm the end use before shipping.",
        subject, requirement.raw, policy.raw);
    SetEffect(finding, Effect::kReview, match.score);
    finding.if_confirmed = Effect::kLicenseRequired;
    out.findings.push_back(std::move(finding));
    return;
  }

  for (std::size_t item_idx = 0; item_idx < tx_.items.size(); ++item_idx) {
    const Item& item = tx_.items[item_idx];
    ItemDecision& item_out = items_[item_idx];
    ScopeAnswer scope = scopes_[item_idx];
    if (scope.scope != EarScope::kSubject && item.direct_product) {
      if (footnote != nullptr) {
        scope = {EarScope::kSubject,
                 fmt::format("foreign direct product and the entry carries FDP footnote {} ({}: "
                             "{}): subject to the EAR",
                             footnote->footnote, footnote->citation, footnote->description)};
        item_out.subject_to_ear = true;
        item_out.reason += "; " + scope.reason;
      } else {
        scope.reason +=
            "; the entry has no foreign-direct-product footnote, so the item's being "
            "a direct product does not bring it under the EAR";
      }
    }
    const std::string label = item.eccn.empty() ? fmt::format("item {}", item_idx + 1) : item.eccn;
    if (scope.scope == EarScope::kNotSubject) {
      notes.push_back(fmt::format("{}: {}, so the Entity List licence requirement does not apply",
                                  label, scope.reason));
      continue;
    }
    if (scope.scope == EarScope::kUnknown) {
      any_unknown = true;
      notes.push_back(fmt::format("{}: {}", label, scope.reason));
      continue;
    }
    const bool food_or_medicine = HasCategory(item, "food") || HasCategory(item, "medicine");
    if (item.eccn == "EAR99" && food_or_medicine &&
        std::find(requirement.exceptions.begin(), requirement.exceptions.end(),
                  "food_medicine_ear99") != requirement.exceptions.end()) {
      notes.push_back(fmt::format("{}: EAR99 food or medicine, excepted by the entry", label));
      continue;
    }
    const PolicyAnswer answer = PolicyForItem(policy, item.eccn, item.categories);
    any_required = true;
    item_out.license_required = true;
    if (answer.policy) {
      if (!item_out.review_policy ||
          Strictness(*answer.policy) > Strictness(*item_out.review_policy)) {
        item_out.review_policy = answer.policy;
      }
      note_policy(answer.policy);
      notes.push_back(fmt::format("{}: licence required, {}", label, answer.why));
      item_out.reason += fmt::format("; Entity List ({}): licence required, {}",
                                     match.entity->primary_name(), answer.why);
    } else {
      any_unknown = true;
      notes.push_back(
          fmt::format("{}: licence required; review policy not stated for this item "
                      "(policy text: \"{}\")",
                      label, policy.raw));
      item_out.reason += fmt::format(
          "; Entity List ({}): licence required, review policy to be "
          "read from the entry: \"{}\"",
          match.entity->primary_name(), policy.raw);
    }
  }

  std::string policy_text;
  if (tx_.items.empty()) {
    any_required = true;
    if (policy.default_policy) note_policy(policy.default_policy);
    notes.push_back("no items stated: the requirement covers all items subject to the EAR");
  }
  if (policy.quality != ParseQuality::kFull) {
    policy_text = fmt::format(" The review policy could only be read {} (\"{}\"): read the entry.",
                              ParseQualityName(policy.quality), policy.raw);
  }
  finding.review_policy = strictest;
  if (any_required) {
    finding.reason =
        fmt::format("{}: {}. Requirement: \"{}\". {}.{} {}", subject, rule.meaning, requirement.raw,
                    JoinStrings(notes, "; "), policy_text, rule.action);
    SetEffect(finding, Effect::kLicenseRequired, match.score);
  } else if (any_unknown) {
    finding.reason = fmt::format("{}: whether a licence is required cannot be decided: {}.{}",
                                 subject, JoinStrings(notes, "; "), policy_text);
    finding.effect = Effect::kReview;
    finding.if_confirmed = Effect::kLicenseRequired;
  } else {
    finding.reason = fmt::format(
        "{}: no Entity List licence is required for these items: {}. The party is still a "
        "listed party: keep the classification and content calculation on file.",
        subject, JoinStrings(notes, "; "));
    finding.effect = Effect::kReview;
  }
  out.findings.push_back(std::move(finding));
}

void Evaluation::EvaluateMeu(const Rule& rule, const Party& party, const Matched& match,
                             PartyDecision& out) {
  Finding finding = BaseFinding(rule, match);
  const InForce in_force = CheckInForce(rule, match.listing);
  if (!in_force.yes) {
    finding.effect = Effect::kClear;
    finding.reason = fmt::format("{} matches {} on the {}; the rule {} is {}.", Who(party),
                                 EntryText(match), finding.list, rule.id, in_force.why_not);
    out.findings.push_back(std::move(finding));
    return;
  }
  std::vector<std::string> listed;
  std::vector<std::string> other;
  for (std::size_t item_idx = 0; item_idx < tx_.items.size(); ++item_idx) {
    const Item& item = tx_.items[item_idx];
    const bool in_supplement =
        std::any_of(rules_.meu_items.begin(), rules_.meu_items.end(),
                    [&](const std::string& eccn) { return EccnWithin(item.eccn, eccn); });
    const std::string label = item.eccn.empty() ? fmt::format("item {}", item_idx + 1) : item.eccn;
    if (in_supplement && scopes_[item_idx].scope != EarScope::kNotSubject) {
      listed.push_back(label);
      items_[item_idx].license_required = true;
      if (!items_[item_idx].review_policy || Strictness(*items_[item_idx].review_policy) <
                                                 Strictness(ReviewPolicy::kPresumptionOfDenial)) {
        items_[item_idx].review_policy = ReviewPolicy::kPresumptionOfDenial;
      }
      items_[item_idx].reason += fmt::format(
          "; Military End-User List ({}): licence required "
          "for Supplement No. 2 items",
          match.entity->primary_name());
    } else {
      other.push_back(label);
    }
  }
  const std::string base = fmt::format("{} matches {} on the {}: {}", Who(party), EntryText(match),
                                       finding.list, rule.meaning);
  if (!listed.empty()) {
    finding.reason = fmt::format("{}. Items in Supplement No. 2 to part 744: {}. {} ({})", base,
                                 JoinStrings(listed, ", "), rule.action, rules_.meu_items_note);
    finding.review_policy = ReviewPolicy::kPresumptionOfDenial;
    SetEffect(finding, rule.effect, match.score);
  } else {
    finding.reason = fmt::format(
        "{}. {}: not in Supplement No. 2 to part 744 as modelled ({}); no MEU licence "
        "requirement is modelled for them, but a military end use would need one. {}",
        base, other.empty() ? std::string("no items stated") : JoinStrings(other, ", "),
        rules_.meu_items_note, rule.action);
    finding.effect = Effect::kReview;
  }
  out.findings.push_back(std::move(finding));
}

core::Result<Evaluation::Share> Evaluation::OwnedShare(const Rule& rule,
                                                       const std::vector<Owner>& owners,
                                                       const std::string& path, int depth) {
  Share share;
  for (std::size_t owner_idx = 0; owner_idx < owners.size(); ++owner_idx) {
    const Owner& owner = owners[owner_idx];
    const std::string owner_path = fmt::format("{}.owners[{}]", path, owner_idx);
    auto hits = Screen(owner.name, owner.country, owner_path + ".name");
    if (!hits) return hits.error();
    bool confirmed = false;
    bool possible = false;
    for (const Matched& match : ListingsOf(**hits)) {
      if (!rule.NamesList(match.listing->list_code)) continue;
      if (!CheckInForce(Rule{.from_listing_start = true, .to_listing_end = true}, match.listing)
               .yes) {
        continue;
      }
      if (match.score >= d_.options_.confident_score) {
        if (!confirmed) {
          share.notes.push_back(
              fmt::format("{}% held by {}, listed as {} [{}] on the {} "
                          "(score {:.2f})",
                          owner.percent, owner.name, match.entity->primary_name(), match.entity->id,
                          match.listing->list_code, match.score));
        }
        confirmed = true;
        share.owners.insert(share.owners.begin(), match);
      } else {
        if (!possible && !confirmed) {
          share.notes.push_back(
              fmt::format("{}% held by {}, possibly {} [{}] on the {} "
                          "(score {:.2f})",
                          owner.percent, owner.name, match.entity->primary_name(), match.entity->id,
                          match.listing->list_code, match.score));
        }
        possible = true;
        share.owners.push_back(match);
      }
    }
    if (!confirmed && !owner.owners.empty() && depth < 32) {
      // OFAC guidance (2014-08-13), example 3: an entity that is itself blocked through the
      // 50 percent rule counts with its full share; an unblocked intermediate passes nothing on.
      auto sub = OwnedShare(rule, owner.owners, owner_path, depth + 1);
      if (!sub) return sub.error();
      if (sub->confirmed >= rule.threshold_percent) {
        confirmed = true;
        share.notes.push_back(fmt::format("{}% held by {}, itself {}% owned by listed parties ({})",
                                          owner.percent, owner.name, sub->confirmed,
                                          JoinStrings(sub->notes, "; ")));
        share.owners.insert(share.owners.end(), sub->owners.begin(), sub->owners.end());
      } else if (sub->possible >= rule.threshold_percent) {
        possible = true;
        share.notes.push_back(
            fmt::format("{}% held by {}, possibly {}% owned by listed parties ({})", owner.percent,
                        owner.name, sub->possible, JoinStrings(sub->notes, "; ")));
        share.owners.insert(share.owners.end(), sub->owners.begin(), sub->owners.end());
      } else if (sub->possible > 0) {
        share.notes.push_back(fmt::format(
            "{} is only {}% owned by listed parties, below {}%: its {}% share does not count",
            owner.name, sub->possible, rule.threshold_percent, owner.percent));
      }
    }
    if (confirmed) share.confirmed += owner.percent;
    if (confirmed || possible) share.possible += owner.percent;
  }
  return share;
}

core::Status Evaluation::EvaluateOwnership(const Rule& rule, std::size_t party_idx,
                                           const Party& party, PartyDecision& out) {
  if (party.owners.empty()) return core::Ok();
  auto share = OwnedShare(rule, party.owners, fmt::format("parties[{}]", party_idx), 0);
  if (!share) return share.error();
  if (share->possible <= 0) return core::Ok();
  Matched owner = share->owners.empty() ? Matched{} : share->owners.front();
  Finding finding;
  finding.list = rule.list_name;
  finding.rule = rule.id;
  finding.entity_id = owner.entity != nullptr ? owner.entity->id : "";
  finding.entity_name = owner.entity != nullptr ? owner.entity->primary_name() : "";
  finding.citation = Citation(rule, owner.listing);
  finding.score = owner.score;
  const std::string chain = JoinStrings(share->notes, "; ");
  const InForce in_force = CheckInForce(rule, nullptr);
  const double threshold = rule.threshold_percent;
  if (share->confirmed >= threshold && in_force.yes) {
    finding.effect = rule.effect;
    finding.reason =
        fmt::format("{} is {} owned by listed parties in the aggregate ({}): {}. {}", Who(party),
                    Percent(share->confirmed), chain, rule.meaning, rule.action);
  } else if (share->possible >= threshold && in_force.yes) {
    finding.effect = Effect::kReview;
    finding.if_confirmed = rule.effect;
    finding.reason = fmt::format(
        "{} may be {} owned by listed parties ({}), but some owners are only possible matches: "
        "if confirmed, {}. {}",
        Who(party), Percent(share->possible), chain, EffectName(rule.effect), rule.meaning);
  } else if (share->possible >= threshold) {
    finding.effect = Effect::kReview;
    finding.reason = fmt::format(
        "{} is {} owned by listed parties ({}), but the rule {} is {}. Ownership by a listed "
        "party remains a red flag: apply heightened due diligence.",
        Who(party), Percent(share->possible), chain, rule.id, in_force.why_not);
  } else {
    finding.effect = Effect::kReview;
    finding.reason = fmt::format(
        "{} is {} owned by listed parties ({}), below the {} threshold of the rule {}: not "
        "restricted by ownership alone, but the owners may control it; check control and future "
        "changes of ownership.",
        Who(party), Percent(share->possible), chain, Percent(threshold), rule.id);
  }
  // Affiliates rule in force: the owner's Entity List entry applies with its own licence
  // requirement and review policy, item by item.
  if (rule.kind == RuleKind::kAffiliates && finding.effect == rule.effect && in_force.yes) {
    for (const Matched& listed : share->owners) {
      if (listed.score < d_.options_.confident_score) continue;
      Rule el = rule;
      el.from_listing_start = true;
      el.from = {};
      el.suspended.clear();
      EvaluateEntityList(
          el, party, listed, out,
          fmt::format("{} is {} owned by listed parties in the aggregate ({}), so "
                      "under the BIS Affiliates rule the entry of {} applies",
                      Who(party), Percent(share->confirmed), chain, EntryText(listed)));
      return core::Ok();
    }
  }
  out.findings.push_back(std::move(finding));
  return core::Ok();
}

core::Status Evaluation::EvaluateSecurities(const Rule& rule) {
  for (std::size_t sec_idx = 0; sec_idx < tx_.securities.size(); ++sec_idx) {
    const Security& security = tx_.securities[sec_idx];
    SecurityDecision& out = decision_.securities[sec_idx];
    std::vector<Matched> matches;
    auto add = [&](const core::Entity* entity, double score, const std::string& how) {
      for (const core::Listing& listing : entity->listings) {
        if (!rule.NamesList(listing.list_code)) continue;
        const bool seen = std::any_of(matches.begin(), matches.end(), [&](const Matched& m) {
          return m.entity == entity && m.listing == &listing;
        });
        if (!seen) matches.push_back(Matched{entity, &listing, score, how});
      }
    };
    if (!security.isin.empty()) {
      if (auto it = d_.cmic_by_isin_.find(security.isin); it != d_.cmic_by_isin_.end()) {
        add(it->second, 1.0, "ISIN " + security.isin);
      }
    }
    if (!security.ticker.empty()) {
      if (auto it = d_.cmic_by_ticker_.find(TickerKey(security.ticker));
          it != d_.cmic_by_ticker_.end()) {
        add(it->second, 1.0, "ticker " + security.ticker);
      }
    }
    if (!security.issuer.empty()) {
      auto hits = Screen(security.issuer, "", fmt::format("securities[{}].issuer", sec_idx));
      if (!hits) return hits.error();
      for (const match::Hit& hit : **hits) {
        std::vector<const core::Entity*> party = hit.same_party;
        if (party.empty()) party.push_back(hit.entity);
        for (const core::Entity* entity : party) {
          if (entity != nullptr) add(entity, hit.score, hit.explanation.matched_name);
        }
      }
    }
    for (const Matched& match : matches) {
      HitSummary summary{match.entity->id,
                         match.entity->primary_name(),
                         match.matched_name,
                         match.score,
                         {ListName(rule, *match.listing)}};
      const bool seen =
          std::any_of(out.matches.begin(), out.matches.end(),
                      [&](const HitSummary& h) { return h.entity_id == summary.entity_id; });
      if (!seen) out.matches.push_back(summary);

      Finding finding = BaseFinding(rule, match);
      core::PartialDate effective = match.listing->start;
      if (effective.empty())
        effective = internal::LabelledDate(*match.entity, "Effective Date (CMIC)");
      core::PartialDate divestment = match.listing->divestment;
      if (divestment.empty()) {
        divestment = internal::LabelledDate(*match.entity, "Divestment Date (CMIC)");
      }
      finding.since = effective;
      const std::string what =
          fmt::format("{} of {} ({}), matched by {}, on the {} (effective {}{})",
                      security.action == SecurityAction::kBuy ? "Purchase" : "Sale",
                      !security.isin.empty()    ? security.isin
                      : security.ticker.empty() ? security.issuer
                                                : security.ticker,
                      match.entity->primary_name(), match.matched_name, finding.list,
                      effective.empty() ? "date not stated" : effective.ToString(),
                      divestment.empty() ? "" : ", divestment until " + divestment.ToString());
      const InForce in_force = CheckInForce(rule, nullptr);
      if (!in_force.yes) {
        finding.effect = Effect::kClear;
        finding.reason = fmt::format("{}: rule {} is {}.", what, rule.id, in_force.why_not);
      } else if (!effective.empty() && date_.ToDays() < effective.First().ToDays()) {
        finding.effect = Effect::kClear;
        finding.reason = fmt::format(
            "{}: on {} the entry was not yet effective, so this {} is not prohibited; from {} "
            "purchases are.",
            what, date_.ToString(), security.action == SecurityAction::kBuy ? "purchase" : "sale",
            effective.ToString());
      } else if (security.action == SecurityAction::kBuy) {
        finding.reason = fmt::format(
            "{}: US persons may not purchase publicly traded securities of a listed company from "
            "the effective date{}. {}",
            what,
            divestment.empty() || date_.ToDays() > divestment.Last().ToDays()
                ? std::string()
                : fmt::format(" (a purchase solely to divest is allowed until {}: only then is "
                              "this a review)",
                              divestment.ToString()),
            rule.action);
        SetEffect(finding, Effect::kProhibited, match.score);
      } else if (divestment.empty()) {
        finding.reason = fmt::format(
            "{}: the entry states no divestment date, so whether a sale to divest is still "
            "allowed must be checked against the entry.",
            what);
        finding.effect = Effect::kReview;
        finding.if_confirmed = Effect::kProhibited;
      } else if (date_.ToDays() <= divestment.Last().ToDays()) {
        finding.reason = fmt::format(
            "{}: sales made solely to divest are allowed until {} (EO 14032 sec. 1(c)); "
            "document that this sale is a divestment.",
            what, divestment.ToString());
        finding.effect = Effect::kReview;
      } else {
        finding.reason = fmt::format(
            "{}: the divestment window ended on {}; after it, purchases and sales are prohibited. "
            "{}",
            what, divestment.ToString(), rule.action);
        SetEffect(finding, Effect::kProhibited, match.score);
      }
      out.findings.push_back(std::move(finding));
    }
  }
  return core::Ok();
}

core::Result<std::vector<std::pair<std::string, double>>> Evaluation::CoveredCompanies(
    const std::string& name, const std::string& field) {
  std::vector<std::pair<std::string, double>> out;
  if (d_.screen_covered_) {
    match::Query query;
    query.name = name;
    auto hits = d_.screen_covered_(query);
    if (!hits) {
      core::Error error = hits.error();
      // The screener names the query's field ("name", "country"); say which party's it is.
    if (error.where.field.empty()) {
      error.where.field = field;
    } else if (const std::size_t dot = field.rfind('.'); dot != std::string::npos) {
      error.where.field = field.substr(0, dot + 1) + error.where.field;
    }
      return error;
    }
    for (const match::Hit& hit : *hits) {
      if (hit.entity == nullptr || hit.score < d_.options_.alert_threshold) continue;
      // Covered-company entities carry the company in their native id.
      out.emplace_back(hit.entity->native_id, hit.score);
    }
    return out;
  }
  const std::string folded = FoldWords(name);
  for (const CoveredCompany& company : rules_.covered_companies) {
    for (const std::string& alias : company.names) {
      if (ContainsWords(folded, FoldWords(alias))) {
        out.emplace_back(company.company, 1.0);
        break;
      }
    }
  }
  return out;
}

core::Status Evaluation::EvaluateCoveredParty(const Rule& rule, std::size_t party_idx,
                                              const Party& party, PartyDecision& out) {
  auto companies = CoveredCompanies(party.name, fmt::format("parties[{}].name", party_idx));
  if (!companies) return companies.error();
  for (const auto& [company, score] : *companies) {
    Finding finding;
    finding.list = rule.list_name;
    finding.rule = rule.id;
    finding.entity_id = "ndaa889:" + company;
    finding.entity_name = company;
    finding.citation = rule.citation;
    finding.score = score;
    const InForce in_force = CheckInForce(rule, nullptr);
    if (!in_force.yes) {
      finding.effect = Effect::kClear;
      finding.reason = fmt::format("{} is {} (a covered company, score {:.2f}); the rule {} is {}.",
                                   Who(party), company, score, rule.id, in_force.why_not);
    } else {
      finding.reason = fmt::format(
          "{} is {} or its subsidiary/affiliate (score {:.2f}), a company named in section 889: "
          "{}. {}",
          Who(party), company, score, rule.meaning, rule.action);
      SetEffect(finding, rule.effect, score);
    }
    out.findings.push_back(std::move(finding));
  }
  return core::Ok();
}

core::Status Evaluation::EvaluateDevices(const Rule& rule) {
  const InForce in_force = CheckInForce(rule, nullptr);
  for (std::size_t dev_idx = 0; dev_idx < tx_.devices.size(); ++dev_idx) {
    const Device& device = tx_.devices[dev_idx];
    DeviceDecision& out = decision_.devices[dev_idx];
    struct Evidence {
      std::string company;
      Confidence confidence;
      std::string how;
    };
    std::vector<Evidence> evidence;
    if (!device.brand.empty()) {
      const std::string folded = FoldWords(device.brand);
      const Brand* best = nullptr;
      for (const Brand& brand : rules_.brands) {
        if (ContainsWords(folded, FoldWords(brand.brand)) &&
            (best == nullptr || brand.confidence > best->confidence)) {
          best = &brand;
        }
      }
      if (best != nullptr) {
        evidence.push_back(
            {best->company, best->confidence,
             fmt::format("brand \"{}\" is a {} brand ({} confidence; source: {})", device.brand,
                         best->company, ConfidenceName(best->confidence), best->source)});
      }
    }
    if (!device.manufacturer.empty()) {
      auto companies =
          CoveredCompanies(device.manufacturer, fmt::format("devices[{}].manufacturer", dev_idx));
      if (!companies) return companies.error();
      for (const auto& [company, score] : *companies) {
        evidence.push_back(
            {company,
             score >= d_.options_.confident_score ? Confidence::kHigh : Confidence::kMedium,
             fmt::format("manufacturer \"{}\" matches {} (score {:.2f})", device.manufacturer,
                         company, score)});
      }
    }
    if (!device.mac.empty()) {
      const core::Entity* registrant = nullptr;
      std::string prefix;
      for (const std::size_t length : {9u, 7u, 6u}) {
        auto it = d_.mac_prefixes_.find(device.mac.substr(0, length));
        if (it != d_.mac_prefixes_.end()) {
          registrant = it->second;
          prefix = it->first;
          break;
        }
      }
      if (d_.mac_prefixes_.empty()) {
        Finding finding;
        finding.list = rule.list_name;
        finding.rule = rule.id;
        finding.citation = rule.citation;
        finding.effect = in_force.yes ? Effect::kReview : Effect::kClear;
        finding.reason = fmt::format(
            "MAC {} could not be checked: the IEEE MAC registry is not loaded (import "
            "ieee-oui with `redflag lists import`).",
            device.mac);
        out.findings.push_back(std::move(finding));
      } else if (registrant != nullptr) {
        out.mac_registrant = registrant->primary_name();
        const std::string folded = FoldWords(out.mac_registrant);
        const OuiPattern* best = nullptr;
        for (const OuiPattern& pattern : rules_.oui_patterns) {
          if (ContainsWords(folded, pattern.pattern) &&
              (best == nullptr || pattern.confidence > best->confidence ||
               (pattern.confidence == best->confidence &&
                pattern.pattern.size() > best->pattern.size()))) {
            best = &pattern;
          }
        }
        if (best != nullptr) {
          evidence.push_back(
              {best->company, best->confidence,
               fmt::format("MAC prefix {} is assigned by the IEEE to \"{}\" [{}] ({} confidence: "
                           "{}); a MAC prefix names the chip or board maker, which may differ "
                           "from the brand",
                           prefix, out.mac_registrant, registrant->id,
                           ConfidenceName(best->confidence), best->note)});
        }
      }
    }
    for (const Evidence& item : evidence) {
      Finding finding;
      finding.list = rule.list_name;
      finding.rule = rule.id;
      finding.entity_id = "ndaa889:" + item.company;
      finding.entity_name = item.company;
      finding.citation = rule.citation;
      if (!in_force.yes) {
        finding.effect = Effect::kClear;
        finding.reason = fmt::format("Device {} {}: {}; the rule {} is {}.", device.brand,
                                     device.model, item.how, rule.id, in_force.why_not);
      } else if (item.confidence == Confidence::kHigh) {
        finding.effect = rule.effect;
        finding.reason = fmt::format("Device {} {}: {}: {}. {}", device.brand, device.model,
                                     item.how, rule.meaning, rule.action);
      } else {
        finding.effect = Effect::kReview;
        finding.if_confirmed = rule.effect;
        finding.reason = fmt::format(
            "Device {} {}: {}: if the equipment is covered telecommunications or video "
            "surveillance equipment produced by {} or its affiliates, {}.",
            device.brand, device.model, item.how, item.company, EffectName(rule.effect));
      }
      out.findings.push_back(std::move(finding));
    }
  }
  return core::Ok();
}

core::Result<Decision> Evaluation::Run() {
  decision_.as_of = date_;
  decision_.transaction_date = tx_.date;
  decision_.type = tx_.type;
  decision_.securities.resize(tx_.securities.size());
  decision_.devices.resize(tx_.devices.size());
  for (std::size_t sec_idx = 0; sec_idx < tx_.securities.size(); ++sec_idx) {
    decision_.securities[sec_idx].security = tx_.securities[sec_idx];
  }
  for (std::size_t dev_idx = 0; dev_idx < tx_.devices.size(); ++dev_idx) {
    decision_.devices[dev_idx].device = tx_.devices[dev_idx];
  }
  for (const Item& item : tx_.items) {
    ScopeAnswer scope = GeneralScope(rules_, item, tx_.destination);
    ItemDecision out;
    out.description = item.description;
    out.eccn = item.eccn;
    out.subject_to_ear = scope.scope == EarScope::kSubject;
    out.reason = scope.reason;
    items_.push_back(std::move(out));
    scopes_.push_back(std::move(scope));
  }

  for (std::size_t party_idx = 0; party_idx < tx_.parties.size(); ++party_idx) {
    const Party& party = tx_.parties[party_idx];
    PartyDecision out;
    out.role = party.role;
    out.name = party.name;
    out.country = party.country;
    auto hits = Screen(party.name, party.country, fmt::format("parties[{}].name", party_idx),
                       party.identifiers);
    if (!hits) return hits.error();
    for (const match::Hit& hit : **hits) {
      HitSummary summary{hit.entity->id, hit.entity->primary_name(), hit.explanation.matched_name,
                         hit.score, hit.lists};
      if (summary.lists.empty()) {
        for (const core::Listing& listing : hit.entity->listings) {
          summary.lists.push_back(listing.list_name.empty() ? listing.list_code
                                                            : listing.list_name);
        }
      }
      out.hits.push_back(std::move(summary));
    }
    // One finding per rule and listed party: an OFAC entry and its CSL copy are one party.
    std::set<std::pair<std::string, std::size_t>> done;  // (rule id, hit index)
    for (const Matched& match : ListingsOf(**hits)) {
      bool named = false;
      for (const Rule& rule : rules_.rules)
        named = named || rule.NamesList(match.listing->list_code);
      for (const Rule& rule : rules_.rules) {
        const bool list_ok =
            rule.NamesList(match.listing->list_code) || (!named && rule.NamesList("*"));
        if (!list_ok || !rule.AppliesToType(tx_.type) || !rule.AppliesToRole(party.role)) {
          continue;
        }
        if (!done.insert({rule.id, match.hit_idx}).second) continue;
        switch (rule.kind) {
          case RuleKind::kListParty:
            EvaluateListParty(rule, party, match, out);
            break;
          case RuleKind::kEntityListLicense:
            EvaluateEntityList(rule, party, match, out);
            break;
          case RuleKind::kMeuLicense:
            EvaluateMeu(rule, party, match, out);
            break;
          default:
            break;  // ownership, CMIC and 889 rules are evaluated below
        }
      }
    }
    for (const Rule& rule : rules_.rules) {
      if (!rule.AppliesToType(tx_.type) || !rule.AppliesToRole(party.role)) continue;
      if (rule.kind == RuleKind::kOwnership || rule.kind == RuleKind::kAffiliates) {
        if (auto status = EvaluateOwnership(rule, party_idx, party, out); !status) {
          return status.error();
        }
      } else if (rule.kind == RuleKind::kNdaa889) {
        if (auto status = EvaluateCoveredParty(rule, party_idx, party, out); !status) {
          return status.error();
        }
      }
    }
    decision_.parties.push_back(std::move(out));
  }
  for (const Rule& rule : rules_.rules) {
    if (!rule.AppliesToType(tx_.type)) continue;
    if (rule.kind == RuleKind::kCmic) {
      if (auto status = EvaluateSecurities(rule); !status) return status.error();
    } else if (rule.kind == RuleKind::kNdaa889) {
      if (auto status = EvaluateDevices(rule); !status) return status.error();
    }
  }
  decision_.items = items_;
  Finish(decision_);
  return std::move(decision_);
}

void Evaluation::Finish(Decision& decision) const {
  Effect outcome = Effect::kClear;
  // Most severe first (in rule order among equals): what decides is read first.
  auto visit = [&](std::vector<Finding>& findings) {
    std::stable_sort(findings.begin(), findings.end(),
                     [](const Finding& left, const Finding& right) {
                       return left.effect > right.effect;
                     });
    for (const Finding& finding : findings) outcome = std::max(outcome, finding.effect);
  };
  for (PartyDecision& party : decision.parties) visit(party.findings);
  for (SecurityDecision& security : decision.securities) visit(security.findings);
  for (DeviceDecision& device : decision.devices) visit(device.findings);
  decision.outcome = outcome;
  for (ItemDecision& item : decision.items) {
    if (!item.reason.empty() && item.reason.front() == ';') item.reason.erase(0, 2);
    if (!item.license_required) {
      item.reason +=
          item.subject_to_ear ? "; no licence requirement from the parties' list entries" : "";
    }
  }
  decision.explanation = Explain(decision);
}

std::string Evaluation::Explain(const Decision& decision) const {
  std::vector<std::pair<const Finding*, std::string>> serious;
  std::vector<const Finding*> informational;
  auto collect = [&](const std::vector<Finding>& findings, const std::string& where) {
    for (const Finding& finding : findings) {
      if (finding.effect == Effect::kClear) {
        informational.push_back(&finding);
      } else {
        serious.emplace_back(&finding, where);
      }
    }
  };
  for (const PartyDecision& party : decision.parties) collect(party.findings, party.name);
  for (const SecurityDecision& security : decision.securities) collect(security.findings, "");
  for (const DeviceDecision& device : decision.devices) collect(device.findings, "");
  std::stable_sort(serious.begin(), serious.end(), [](const auto& left, const auto& right) {
    return left.first->effect > right.first->effect;
  });
  std::string text =
      fmt::format("Decision for this {} dated {}, evaluated as of {}: {}.",
                  TransactionTypeName(decision.type), decision.transaction_date.ToString(),
                  decision.as_of.ToString(), EffectName(decision.outcome));
  if (serious.empty()) {
    text += fmt::format(
        " No party, item, security or device matched a restriction in force on {} at or above "
        "the alert threshold ({:.2f}).",
        decision.as_of.ToString(), d_.options_.alert_threshold);
  }
  for (const auto& [finding, where] : serious) {
    text += fmt::format(" [{} - {}, {}] {}", EffectName(finding->effect), finding->list,
                        finding->citation, finding->reason);
  }
  for (const Finding* finding : informational) {
    text += fmt::format(" [note - {}] {}", finding->list, finding->reason);
  }
  return text;
}

Decider::Decider(RuleSet rules, std::span<const core::Entity> entities, ScreenFn screen_lists,
                 ScreenFn screen_covered, DeciderOptions options)
    : rules_(std::move(rules)),
      screen_lists_(std::move(screen_lists)),
      screen_covered_(std::move(screen_covered)),
      options_(options) {
  for (const core::Entity& entity : entities) {
    const bool cmic =
        std::any_of(entity.listings.begin(), entity.listings.end(), internal::IsCmicListing);
    for (const core::Identifier& id : entity.identifiers) {
      if (id.type == core::IdType::kMacPrefix) {
        const std::string hex = HexOnly(id.value);
        if (hex.size() >= 6 && hex.size() <= 9) mac_prefixes_.emplace(hex, &entity);
        continue;
      }
      if (!cmic) continue;
      if (id.type == core::IdType::kIsin || id.type_raw.find("ISIN") != std::string::npos) {
        const std::string isin = core::IdentifierKey(id.value);
        if (!isin.empty()) cmic_by_isin_.emplace(isin, &entity);
      } else if (id.type == core::IdType::kTicker ||
                 id.type_raw.find("Ticker") != std::string::npos) {
        const std::string key = TickerKey(id.value);
        if (!key.empty()) cmic_by_ticker_.emplace(key, &entity);
      }
    }
  }
}

core::Result<Decision> Decider::Decide(const Transaction& transaction,
                                       std::optional<core::PartialDate> as_of) const {
  const core::PartialDate date = as_of && as_of->full() ? *as_of : transaction.date;
  if (!date.full()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "the transaction has no full date to evaluate the rules on",
                           core::Location{.field = "date"});
  }
  Evaluation evaluation(*this, transaction, date);
  return evaluation.Run();
}

}  // namespace redflag::rules
