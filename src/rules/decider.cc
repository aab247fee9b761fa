// The rule engine's driver: one dispatch table keyed by rule kind, the per-call loop over parties,
// listings, securities and devices, and the merge of what each rule returns into the Decision.
// The rule kinds themselves are in rule_*.cc (evaluation.h).
#include "rules/decider.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "rules/decider_internal.h"
#include "rules/evaluation.h"

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

using ListingRuleFn = RuleOutput (*)(Evaluation&, const Rule&, const Party&, const Matched&);
using PartyRuleFn = core::Result<RuleOutput> (*)(Evaluation&, const Rule&, std::size_t,
                                                 const Party&);
using TransactionRuleFn = core::Result<TransactionOutput> (*)(Evaluation&, const Rule&);

RuleOutput EntityListListing(Evaluation& ev, const Rule& rule, const Party& party,
                             const Matched& match) {
  return EntityListRule(ev, rule, party, match);
}

// What each rule kind looks at: a listing of a party's hit, a party, or the whole transaction.
struct RuleKindEntry {
  RuleKind kind;
  ListingRuleFn on_listing = nullptr;
  PartyRuleFn on_party = nullptr;
  TransactionRuleFn on_transaction = nullptr;
};
constexpr RuleKindEntry kRuleKinds[] = {
    {RuleKind::kListParty, &ListPartyRule, nullptr, nullptr},
    {RuleKind::kEntityListLicense, &EntityListListing, nullptr, nullptr},
    {RuleKind::kMeuLicense, &MeuRule, nullptr, nullptr},
    {RuleKind::kOwnership, nullptr, &OwnershipRule, nullptr},
    {RuleKind::kAffiliates, nullptr, &OwnershipRule, nullptr},
    {RuleKind::kCmic, nullptr, nullptr, &CmicRule},
    {RuleKind::kNdaa889, nullptr, &CoveredPartyRule, &DevicesRule},
    {RuleKind::kEmbargo, nullptr, nullptr, &EmbargoRule},
};

const RuleKindEntry& EntryFor(RuleKind kind) {
  for (const RuleKindEntry& entry : kRuleKinds) {
    if (entry.kind == kind) return entry;
  }
  return kRuleKinds[0];  // unreachable: every RuleKind has a row (rule_set.cc parses no other)
}

void MergeItemNotes(const std::vector<ItemNote>& notes, std::vector<ItemDecision>& items) {
  for (const ItemNote& note : notes) {
    ItemDecision& item = items[note.item_idx];
    if (note.subject_to_ear) item.subject_to_ear = true;
    if (note.license_required) item.license_required = true;
    if (note.review_policy && (!item.review_policy ||
                               Strictness(*note.review_policy) > Strictness(*item.review_policy))) {
      item.review_policy = note.review_policy;
    }
    item.reason += note.reason;
  }
}

void Merge(RuleOutput output, PartyDecision& party, std::vector<ItemDecision>& items) {
  for (Finding& finding : output.findings) party.findings.push_back(std::move(finding));
  MergeItemNotes(output.item_notes, items);
  for (LaterListing& later : output.listed_later) {
    const bool seen = std::any_of(
        party.listed_later.begin(), party.listed_later.end(), [&](const LaterListing& other) {
          return other.entity_id == later.entity_id && other.list_name == later.list_name &&
                 other.since.ToString() == later.since.ToString();
        });
    if (!seen) party.listed_later.push_back(std::move(later));
  }
}

void Merge(TransactionOutput output, Decision& decision) {
  for (Finding& finding : output.destination) {
    decision.destination_findings.push_back(std::move(finding));
  }
  for (std::size_t sec_idx = 0; sec_idx < output.securities.size(); ++sec_idx) {
    SecurityDecision& out = decision.securities[sec_idx];
    for (HitSummary& summary : output.securities[sec_idx].matches) {
      const bool seen =
          std::any_of(out.matches.begin(), out.matches.end(),
                      [&](const HitSummary& h) { return h.entity_id == summary.entity_id; });
      if (!seen) out.matches.push_back(std::move(summary));
    }
    for (Finding& finding : output.securities[sec_idx].findings) {
      out.findings.push_back(std::move(finding));
    }
  }
  for (std::size_t dev_idx = 0; dev_idx < output.devices.size(); ++dev_idx) {
    DeviceDecision& out = decision.devices[dev_idx];
    if (!output.devices[dev_idx].mac_registrant.empty()) {
      out.mac_registrant = output.devices[dev_idx].mac_registrant;
    }
    for (Finding& finding : output.devices[dev_idx].findings) {
      out.findings.push_back(std::move(finding));
    }
  }
}

std::vector<HitSummary> Summaries(const std::vector<match::Hit>& hits) {
  std::vector<HitSummary> out;
  for (const match::Hit& hit : hits) {
    HitSummary summary{hit.entity->id, hit.entity->primary_name(), hit.explanation.matched_name,
                       hit.score, hit.lists};
    if (summary.lists.empty()) {
      for (const core::Listing& listing : hit.entity->listings) {
        summary.lists.push_back(listing.list_name.empty() ? listing.list_code : listing.list_name);
      }
    }
    out.push_back(std::move(summary));
  }
  return out;
}

// Every rule for one party: listing rules over each listing of its hits, then party rules.
core::Result<PartyDecision> DecideParty(Evaluation& ev, std::size_t party_idx,
                                        std::vector<ItemDecision>& items) {
  const Party& party = ev.tx().parties[party_idx];
  const RuleSet& rules = ev.rules();
  PartyDecision out;
  out.role = party.role;
  out.name = party.name;
  out.country = party.country;
  auto hits = ev.Screen(party.name, party.country, fmt::format("parties[{}].name", party_idx),
                        party.identifiers);
  if (!hits) return hits.error();
  out.hits = Summaries(**hits);
  // One finding per rule and listed party: an OFAC entry and its CSL copy are one party.
  std::set<std::pair<std::string, std::size_t>> done;  // (rule id, hit index)
  for (const Matched& match : ev.ListingsOf(**hits)) {
    bool named = false;
    for (const Rule& rule : rules.rules) {
      // Embargo rules name countries, not lists.
      if (rule.kind == RuleKind::kEmbargo) continue;
      named = named || rule.NamesList(match.listing->list_code);
    }
    for (const Rule& rule : rules.rules) {
      if (rule.kind == RuleKind::kEmbargo) continue;
      const bool list_ok =
          rule.NamesList(match.listing->list_code) || (!named && rule.NamesList("*"));
      if (!list_ok || !rule.AppliesToType(ev.tx().type) || !rule.AppliesToRole(party.role)) {
        continue;
      }
      if (!done.insert({rule.id, match.hit_idx}).second) continue;
      if (const ListingRuleFn fn = EntryFor(rule.kind).on_listing) {
        Merge(fn(ev, rule, party, match), out, items);
      }
    }
  }
  for (const Rule& rule : rules.rules) {
    if (!rule.AppliesToType(ev.tx().type) || !rule.AppliesToRole(party.role)) continue;
    if (const PartyRuleFn fn = EntryFor(rule.kind).on_party) {
      auto output = fn(ev, rule, party_idx, party);
      if (!output) return output.error();
      Merge(std::move(*output), out, items);
    }
  }
  return out;
}

std::string Explain(const DeciderOptions& options, const Decision& decision);

void Finish(const DeciderOptions& options, Decision& decision) {
  Effect outcome = Effect::kClear;
  // Most severe first (in rule order among equals): what decides is read first.
  auto visit = [&](std::vector<Finding>& findings) {
    std::stable_sort(
        findings.begin(), findings.end(),
        [](const Finding& left, const Finding& right) { return left.effect > right.effect; });
    for (const Finding& finding : findings) outcome = std::max(outcome, finding.effect);
  };
  for (PartyDecision& party : decision.parties) visit(party.findings);
  for (SecurityDecision& security : decision.securities) visit(security.findings);
  for (DeviceDecision& device : decision.devices) visit(device.findings);
  visit(decision.destination_findings);
  decision.outcome = outcome;
  for (ItemDecision& item : decision.items) {
    if (!item.reason.empty() && item.reason.front() == ';') item.reason.erase(0, 2);
    if (!item.license_required) {
      item.reason +=
          item.subject_to_ear ? "; no licence requirement from the parties' list entries" : "";
    }
  }
  decision.explanation = Explain(options, decision);
}

std::string Explain(const DeciderOptions& options, const Decision& decision) {
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
  collect(decision.destination_findings, "");
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
        decision.as_of.ToString(), options.alert_threshold);
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

// Which list versions the decision used; a list behind a hit that was published after the
// decision date gets the caveat (issue 19 point 7): its entries may have read differently then.
void NoteListVersions(const Evaluation& ev, Decision& decision) {
  decision.lists_used = ev.options().list_versions;
  std::set<std::string> hit_lists;
  for (const PartyDecision& party : decision.parties) {
    for (const HitSummary& hit : party.hits) {
      hit_lists.insert(hit.entity_id.substr(0, hit.entity_id.find(':')));
    }
  }
  for (const SecurityDecision& security : decision.securities) {
    for (const HitSummary& hit : security.matches) {
      hit_lists.insert(hit.entity_id.substr(0, hit.entity_id.find(':')));
    }
  }
  for (const ListUsed& list : decision.lists_used) {
    if (hit_lists.count(list.list_id) == 0) continue;
    if (list.published.empty() && !list.newest_entry.empty() &&
        list.newest_entry.First().ToDays() > ev.date().ToDays()) {
      decision.caveats.push_back(fmt::format(
          "decided on the {} list as published on or after {} (its newest entry; the source "
          "states no publication date); earlier wording not known",
          list.list_id, list.newest_entry.ToString()));
    } else if (list.published.empty()) {
      decision.caveats.push_back(fmt::format(
          "decided on the {} list version {}, whose publication date the source does not "
          "state; its entries may have read differently on {}: earlier wording not known",
          list.list_id, list.version_id, ev.date().ToString()));
    } else if (list.published.First().ToDays() > ev.date().ToDays()) {
      decision.caveats.push_back(
          fmt::format("decided on the {} list as published on {}; earlier wording not known",
                      list.list_id, list.published.ToString()));
    }
  }
}

core::Result<Decision> Run(Evaluation& ev) {
  const Transaction& tx = ev.tx();
  Decision decision;
  decision.as_of = ev.date();
  decision.transaction_date = tx.date;
  decision.type = tx.type;
  decision.destination = tx.destination;
  for (const Security& security : tx.securities) {
    decision.securities.push_back(SecurityDecision{.security = security});
  }
  for (const Device& device : tx.devices)
    decision.devices.push_back(DeviceDecision{.device = device});
  for (std::size_t item_idx = 0; item_idx < tx.items.size(); ++item_idx) {
    const Item& item = tx.items[item_idx];
    ItemDecision out;
    out.description = item.description;
    out.eccn = item.eccn;
    out.subject_to_ear = ev.scope(item_idx).scope == EarScope::kSubject;
    out.reason = ev.scope(item_idx).reason;
    decision.items.push_back(std::move(out));
  }
  for (std::size_t party_idx = 0; party_idx < tx.parties.size(); ++party_idx) {
    auto party = DecideParty(ev, party_idx, decision.items);
    if (!party) return party.error();
    decision.parties.push_back(std::move(*party));
  }
  for (const Rule& rule : ev.rules().rules) {
    if (!rule.AppliesToType(tx.type)) continue;
    if (const TransactionRuleFn fn = EntryFor(rule.kind).on_transaction) {
      auto output = fn(ev, rule);
      if (!output) return output.error();
      Merge(std::move(*output), decision);
    }
  }
  NoteListVersions(ev, decision);
  Finish(ev.options(), decision);
  return decision;
}

}  // namespace

Decider::Decider(RuleSet rules, std::span<const core::Entity> entities, ScreenFn screen_lists,
                 ScreenFn screen_covered, DeciderOptions options)
    : rules_(std::move(rules)),
      screen_lists_(std::move(screen_lists)),
      screen_covered_(std::move(screen_covered)),
      options_(options) {
  // A list without a publication date was published no earlier than its newest entry.
  std::map<std::string, core::PartialDate> newest;
  for (const core::Entity& entity : entities) {
    for (const core::Listing& listing : entity.listings) {
      core::PartialDate& latest = newest[entity.list_id];
      if (!listing.start.empty() && (latest.empty() || latest < listing.start)) {
        latest = listing.start;
      }
    }
  }
  for (ListUsed& list : options_.list_versions) list.newest_entry = newest[list.list_id];
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
  return Run(evaluation);
}

}  // namespace redflag::rules
