// NS-CMIC securities (EO 13959 as amended by EO 14032; 31 CFR part 586): purchases of publicly
// traded securities of a listed company are prohibited from the entry's effective date; sales
// solely to divest are allowed until the divestment date. Securities are found by ISIN, ticker or
// the issuer's name (screened).
#include <fmt/format.h>

#include <algorithm>

#include "rules/decider_internal.h"
#include "rules/evaluation.h"

namespace redflag::rules {
namespace {

using internal::TickerKey;

// The CMIC listings a security points to, by ISIN, ticker and issuer name.
core::Result<std::vector<Matched>> MatchSecurity(Evaluation& ev, const Rule& rule,
                                                 const Security& security, std::size_t sec_idx) {
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
    if (auto it = ev.cmic_by_isin().find(security.isin); it != ev.cmic_by_isin().end()) {
      add(it->second, 1.0, "ISIN " + security.isin);
    }
  }
  if (!security.ticker.empty()) {
    if (auto it = ev.cmic_by_ticker().find(TickerKey(security.ticker));
        it != ev.cmic_by_ticker().end()) {
      add(it->second, 1.0, "ticker " + security.ticker);
    }
  }
  if (!security.issuer.empty()) {
    auto hits = ev.Screen(security.issuer, "", fmt::format("securities[{}].issuer", sec_idx));
    if (!hits) return hits.error();
    for (const match::Hit& hit : **hits) {
      std::vector<const core::Entity*> party = hit.same_party;
      if (party.empty()) party.push_back(hit.entity);
      for (const core::Entity* entity : party) {
        if (entity != nullptr) add(entity, hit.score, hit.explanation.matched_name);
      }
    }
  }
  return matches;
}

// The finding for one security and one CMIC listing on the evaluation date.
Finding JudgeSecurity(const Evaluation& ev, const Rule& rule, const Security& security,
                      const Matched& match) {
  Finding finding = ev.BaseFinding(rule, match);
  core::PartialDate effective = match.listing->start;
  if (effective.empty()) effective = internal::LabelledDate(*match.entity, "Effective Date (CMIC)");
  core::PartialDate divestment = match.listing->divestment;
  if (divestment.empty()) {
    divestment = internal::LabelledDate(*match.entity, "Divestment Date (CMIC)");
  }
  finding.since = effective;
  const core::PartialDate date = ev.date();
  const std::string what =
      fmt::format("{} of {} ({}), matched by {}, on the {} (effective {}{})",
                  security.action == SecurityAction::kBuy ? "Purchase" : "Sale",
                  !security.isin.empty()    ? security.isin
                  : security.ticker.empty() ? security.issuer
                                            : security.ticker,
                  match.entity->primary_name(), match.matched_name, finding.list,
                  effective.empty() ? "date not stated" : effective.ToString(),
                  divestment.empty() ? "" : ", divestment until " + divestment.ToString());
  const Evaluation::InForce in_force = ev.CheckInForce(rule, nullptr);
  if (!in_force.yes) {
    finding.effect = Effect::kClear;
    finding.reason = fmt::format("{}: rule {} is {}.", what, rule.id, in_force.why_not);
  } else if (!effective.empty() && date.ToDays() < effective.First().ToDays()) {
    finding.effect = Effect::kClear;
    finding.reason = fmt::format(
        "{}: on {} the entry was not yet effective, so this {} is not prohibited; from {} "
        "purchases are.",
        what, date.ToString(), security.action == SecurityAction::kBuy ? "purchase" : "sale",
        effective.ToString());
  } else if (security.action == SecurityAction::kBuy) {
    finding.reason = fmt::format(
        "{}: US persons may not purchase publicly traded securities of a listed company from "
        "the effective date{}. {}",
        what,
        divestment.empty() || date.ToDays() > divestment.Last().ToDays()
            ? std::string()
            : fmt::format(" (a purchase solely to divest is allowed until {}: only then is "
                          "this a review)",
                          divestment.ToString()),
        rule.action);
    ev.SetEffect(finding, Effect::kProhibited, match.score);
  } else if (divestment.empty()) {
    finding.reason = fmt::format(
        "{}: the entry states no divestment date, so whether a sale to divest is still "
        "allowed must be checked against the entry.",
        what);
    finding.effect = Effect::kReview;
    finding.if_confirmed = Effect::kProhibited;
  } else if (date.ToDays() <= divestment.Last().ToDays()) {
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
    ev.SetEffect(finding, Effect::kProhibited, match.score);
  }
  return finding;
}

}  // namespace

core::Result<TransactionOutput> CmicRule(Evaluation& ev, const Rule& rule) {
  TransactionOutput out;
  out.securities.resize(ev.tx().securities.size());
  for (std::size_t sec_idx = 0; sec_idx < ev.tx().securities.size(); ++sec_idx) {
    const Security& security = ev.tx().securities[sec_idx];
    auto matches = MatchSecurity(ev, rule, security, sec_idx);
    if (!matches) return matches.error();
    SecurityOutput& sec_out = out.securities[sec_idx];
    for (const Matched& match : *matches) {
      sec_out.matches.push_back(HitSummary{match.entity->id,
                                           match.entity->primary_name(),
                                           match.matched_name,
                                           match.score,
                                           {ev.ListName(rule, *match.listing)}});
      sec_out.findings.push_back(JudgeSecurity(ev, rule, security, match));
    }
  }
  return out;
}

}  // namespace redflag::rules
