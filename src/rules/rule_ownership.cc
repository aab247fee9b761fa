// Ownership rules over a party's stated owners: the OFAC 50 percent rule (OFAC guidance of
// 2014-08-13) and the BIS Affiliates rule (15 CFR 744.11; 90 FR 47201). Owners are screened by
// name; shares of listed owners (or of owners themselves owned >= threshold by listed parties)
// add up.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "rules/evaluation.h"

namespace redflag::rules {
namespace {

// The Affiliates rule counts SDN owners only under the programmes of 15 CFR 744.8 (data).
bool AffiliatesOwnerCounts(const Evaluation& ev, const core::Listing& listing) {
  if (listing.list_code != "SDN") return true;
  const std::vector<std::string>& programs = ev.rules().affiliates.sdn_programs;
  return std::any_of(listing.programs.begin(), listing.programs.end(), [&](const std::string& p) {
    return std::find(programs.begin(), programs.end(), p) != programs.end();
  });
}

// Higher is more restrictive: effect first, then the review policy.
std::pair<int, int> Restrictiveness(const Finding& finding) {
  return {static_cast<int>(finding.effect),
          finding.review_policy ? Strictness(*finding.review_policy) + 1 : 0};
}

// The affiliate under one listed owner's entry: the Entity List licence item by item, the MEU
// licence for Supplement No. 2 items, or 744.8 for an SDN owner.
RuleOutput UnderOwner(Evaluation& ev, const Rule& rule, const Party& party, const Matched& owner,
                      const std::string& via) {
  Rule el = rule;
  el.from_listing_start = true;
  el.from = {};
  el.suspended.clear();
  if (owner.listing->list_code == "EL") return EntityListRule(ev, el, party, owner, via);
  if (owner.listing->list_code == "MEU") {
    RuleOutput out = MeuRule(ev, el, party, owner);
    for (Finding& finding : out.findings) finding.reason = via + ". " + finding.reason;
    return out;
  }
  RuleOutput out;
  Finding finding = ev.BaseFinding(el, owner);
  finding.citation = ev.Citation(el, owner.listing) + "; " + ev.rules().affiliates.sdn_citation;
  finding.review_policy = ReviewPolicy::kPolicyOfDenial;
  finding.reason = fmt::format("{}: the owner is blocked under {} ({}), so a licence is required "
                               "for all items subject to the EAR. {}",
                               via, JoinStrings(owner.listing->programs, ", "),
                               ev.rules().affiliates.sdn_citation, rule.action);
  ev.SetEffect(finding, Effect::kLicenseRequired, owner.score);
  for (std::size_t item_idx = 0; item_idx < ev.tx().items.size(); ++item_idx) {
    if (ev.scope(item_idx).scope == EarScope::kNotSubject) continue;
    out.item_notes.push_back(ItemNote{.item_idx = item_idx,
                                      .license_required = true,
                                      .review_policy = ReviewPolicy::kPolicyOfDenial,
                                      .reason = "; Affiliates rule (744.8 owner): licence required"});
  }
  out.findings.push_back(std::move(finding));
  return out;
}

// The BIS Affiliates rule in force: the most restrictive requirement of the confirmed owners,
// eased by the temporary general licence and the savings clause of the rule's first weeks.
RuleOutput AffiliatesInForce(Evaluation& ev, const Rule& rule, const Party& party,
                             const std::vector<Matched>& owners, const std::string& via) {
  RuleOutput best;
  for (const Matched& owner : owners) {
    if (owner.score < ev.options().confident_score) continue;
    RuleOutput one = UnderOwner(
        ev, rule, party, owner,
        fmt::format("{} {} ({})", via, ev.EntryText(owner), owner.listing->list_code));
    if (one.findings.empty()) continue;
    if (best.findings.empty() ||
        Restrictiveness(one.findings.front()) > Restrictiveness(best.findings.front())) {
      best = std::move(one);
    }
  }
  if (best.findings.empty()) return best;
  Finding& finding = best.findings.front();
  finding.rule = rule.id;
  finding.list = rule.list_name;
  const AffiliatesTerms& terms = ev.rules().affiliates;
  const DatedClause& tgl = terms.temporary_general_licence;
  if (tgl.Covers(ev.date()) && finding.effect == Effect::kLicenseRequired) {
    // The TGL reached joint ventures: a co-owner that is not listed, in the US or Country Group
    // A:5, may bring the affiliate under it; an owner without a country cannot be ruled out.
    std::vector<std::string> co_owners;
    bool unknown = false;
    for (const Owner& owner : party.owners) {
      bool listed = false;
      if (auto hits = ev.Screen(owner.name, owner.country, "owners")) {
        for (const Matched& match : ev.ListingsOf(**hits)) {
          listed = listed || (rule.NamesList(match.listing->list_code) &&
                              AffiliatesOwnerCounts(ev, *match.listing) &&
                              match.score >= ev.options().alert_threshold);
        }
      }
      if (listed) continue;
      if (owner.country.empty()) unknown = true;
      if (std::find(tgl.co_owner_countries.begin(), tgl.co_owner_countries.end(),
                    owner.country) != tgl.co_owner_countries.end()) {
        co_owners.push_back(fmt::format("{} ({})", owner.name, owner.country));
      }
    }
    if (!co_owners.empty() || unknown) {
      finding.reason += fmt::format(
          " On {} {} ({}); co-owners: {}: check whether it applies.", ev.date().ToString(),
          tgl.text, tgl.citation,
          co_owners.empty() ? std::string("country not stated") : JoinStrings(co_owners, ", "));
      finding.effect = Effect::kReview;
      finding.if_confirmed = Effect::kLicenseRequired;
    } else {
      finding.reason += fmt::format(
          " The temporary general licence of the rule's first weeks ({}) does not apply: no "
          "co-owner in the United States or Country Group A:5.",
          tgl.citation);
    }
  }
  if (terms.savings_clause.Covers(ev.date())) {
    finding.reason += fmt::format(" Savings clause: {} ({}).", terms.savings_clause.text,
                                  terms.savings_clause.citation);
  }
  if (!rule.suspended.empty() && ev.date().ToDays() > rule.suspended.back().to.ToDays() &&
      terms.data_as_of.ToDays() < ev.date().ToDays()) {
    finding.reason += " " + terms.extension_note;
  }
  return best;
}

// Ownership share held by restricted persons, confirmed and including possible matches.
struct Share {
  double confirmed = 0;
  double possible = 0;
  std::vector<std::string> notes;
  std::vector<Matched> owners;  // listed owners (confirmed first)
};

core::Result<Share> OwnedShare(Evaluation& ev, const Rule& rule, const std::vector<Owner>& owners,
                               const std::string& path, int depth) {
  Share share;
  for (std::size_t owner_idx = 0; owner_idx < owners.size(); ++owner_idx) {
    const Owner& owner = owners[owner_idx];
    const std::string owner_path = fmt::format("{}.owners[{}]", path, owner_idx);
    auto hits = ev.Screen(owner.name, owner.country, owner_path + ".name");
    if (!hits) return hits.error();
    bool confirmed = false;
    bool possible = false;
    for (const Matched& match : ev.ListingsOf(**hits)) {
      if (!rule.NamesList(match.listing->list_code)) continue;
      if (rule.kind == RuleKind::kAffiliates && !AffiliatesOwnerCounts(ev, *match.listing)) continue;
      if (!ev.CheckInForce(Rule{.from_listing_start = true, .to_listing_end = true}, match.listing)
               .yes) {
        continue;
      }
      if (match.score >= ev.options().confident_score) {
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
      auto sub = OwnedShare(ev, rule, owner.owners, owner_path, depth + 1);
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

}  // namespace

core::Result<RuleOutput> OwnershipRule(Evaluation& ev, const Rule& rule, std::size_t party_idx,
                                       const Party& party) {
  RuleOutput out;
  if (party.owners.empty()) return out;
  auto share = OwnedShare(ev, rule, party.owners, fmt::format("parties[{}]", party_idx), 0);
  if (!share) return share.error();
  if (share->possible <= 0) return out;
  Matched owner = share->owners.empty() ? Matched{} : share->owners.front();
  Finding finding;
  finding.list = rule.list_name;
  finding.rule = rule.id;
  finding.entity_id = owner.entity != nullptr ? owner.entity->id : "";
  finding.entity_name = owner.entity != nullptr ? owner.entity->primary_name() : "";
  finding.citation = ev.Citation(rule, owner.listing);
  finding.action = rule.action;
  finding.score = owner.score;
  const std::string chain = JoinStrings(share->notes, "; ");
  const Evaluation::InForce in_force = ev.CheckInForce(rule, nullptr);
  const double threshold = rule.threshold_percent;
  if (share->confirmed >= threshold && in_force.yes) {
    finding.effect = rule.effect;
    finding.reason =
        fmt::format("{} is {} owned by listed parties in the aggregate ({}): {}. {}", ev.Who(party),
                    Percent(share->confirmed), chain, rule.meaning, rule.action);
  } else if (share->possible >= threshold && in_force.yes) {
    finding.effect = Effect::kReview;
    finding.if_confirmed = rule.effect;
    finding.reason = fmt::format(
        "{} may be {} owned by listed parties ({}), but some owners are only possible matches: "
        "if confirmed, {}. {}",
        ev.Who(party), Percent(share->possible), chain, EffectName(rule.effect), rule.meaning);
  } else if (share->possible >= threshold) {
    finding.effect = Effect::kReview;
    finding.reason = fmt::format(
        "{} is {} owned by listed parties ({}), but the rule {} is {}. Ownership by a listed "
        "party remains a red flag: apply heightened due diligence.",
        ev.Who(party), Percent(share->possible), chain, rule.id, in_force.why_not);
  } else {
    finding.effect = Effect::kReview;
    finding.reason = fmt::format(
        "{} is {} owned by listed parties ({}), below the {} threshold of the rule {}: not "
        "restricted by ownership alone, but the owners may control it; check control and future "
        "changes of ownership.",
        ev.Who(party), Percent(share->possible), chain, Percent(threshold), rule.id);
  }
  if (rule.kind == RuleKind::kAffiliates && finding.effect != Effect::kClear &&
      party.country == "US") {
    // The rule reaches foreign affiliates only; a US party owned by listed parties stays a red
    // flag.
    finding.effect = Effect::kReview;
    finding.if_confirmed.reset();
    finding.reason = fmt::format("{} is {} owned by listed parties ({}), but {}. Ownership by a "
                                 "listed party remains a red flag.",
                                 ev.Who(party), Percent(share->possible), chain,
                                 ev.rules().affiliates.foreign_only);
  } else if (rule.kind == RuleKind::kAffiliates && finding.effect == rule.effect &&
             in_force.yes) {
    // The owners' entries apply with their own requirements, item by item; the most restrictive
    // one is the affiliate's.
    RuleOutput applied = AffiliatesInForce(
        ev, rule, party, share->owners,
        fmt::format("{} is {} owned by listed parties in the aggregate ({}), so under the BIS "
                    "Affiliates rule the owners' licence requirements apply, the most restrictive "
                    "being that of",
                    ev.Who(party), Percent(share->confirmed), chain));
    if (!applied.findings.empty()) return applied;
  }
  out.findings.push_back(std::move(finding));
  return out;
}

}  // namespace redflag::rules
