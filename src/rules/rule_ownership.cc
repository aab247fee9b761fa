// Ownership rules over a party's stated owners: the OFAC 50 percent rule (OFAC guidance of
// 2014-08-13) and the BIS Affiliates rule (15 CFR 744.11; 90 FR 47201). Owners are screened by
// name; shares of listed owners (or of owners themselves owned >= threshold by listed parties)
// add up.
#include <fmt/format.h>

#include "rules/evaluation.h"

namespace redflag::rules {
namespace {

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
  // Affiliates rule in force: the owner's Entity List entry applies with its own licence
  // requirement and review policy, item by item.
  if (rule.kind == RuleKind::kAffiliates && finding.effect == rule.effect && in_force.yes) {
    for (const Matched& listed : share->owners) {
      if (listed.score < ev.options().confident_score) continue;
      Rule el = rule;
      el.from_listing_start = true;
      el.from = {};
      el.suspended.clear();
      return EntityListRule(
          ev, el, party, listed,
          fmt::format("{} is {} owned by listed parties in the aggregate ({}), so "
                      "under the BIS Affiliates rule the entry of {} applies",
                      ev.Who(party), Percent(share->confirmed), chain, ev.EntryText(listed)));
    }
  }
  out.findings.push_back(std::move(finding));
  return out;
}

}  // namespace redflag::rules
