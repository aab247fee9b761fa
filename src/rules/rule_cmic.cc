// NS-CMIC securities (EO 13959 as amended by EO 14032; 31 CFR part 586): purchases of publicly
// traded securities of a listed company are prohibited from the entry's effective date; sales
// solely to divest are allowed until the divestment date. Securities are found by ISIN, ticker or
// the issuer's name (screened).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "rules/cmic_dates.h"

#include "rules/decider_internal.h"
#include "rules/evaluation.h"

namespace redflag::rules {
namespace {

using internal::TickerKey;

// "CHA US", "0728 HK", "002415.SZ" -> {"CHA", "US"}: the ticker and the exchange it names.
std::pair<std::string, std::string> TickerAndExchange(std::string_view text) {
  const std::string key = TickerKey(text);
  std::string rest(text.substr(std::min(text.size(), text.find_first_of(" .:/"))));
  std::string exchange;
  for (const char ch : rest) {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      exchange += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
  }
  return {key, exchange};
}

// The CMIC listings a security points to, by ISIN, ticker and issuer name. Only a listed ISIN,
// or a ticker on the exchange the entry names, identifies the security; a bare ticker and the
// issuer's name identify at most the company (review, EO 14032 sec. 1 and docs/rules.md).
core::Result<std::vector<Matched>> MatchSecurity(Evaluation& ev, const Rule& rule,
                                                 const Security& security, std::size_t sec_idx) {
  std::vector<Matched> matches;
  auto add = [&](const core::Entity* entity, double score, const std::string& how,
                 const std::string& note) {
    for (const core::Listing& listing : entity->listings) {
      if (!rule.NamesList(listing.list_code)) continue;
      const bool seen = std::any_of(matches.begin(), matches.end(), [&](const Matched& m) {
        return m.entity == entity && m.listing == &listing;
      });
      if (!seen) matches.push_back(Matched{entity, &listing, score, how, 0, note});
    }
  };
  bool by_isin = false;
  if (!security.isin.empty()) {
    if (auto it = ev.cmic_by_isin().find(security.isin); it != ev.cmic_by_isin().end()) {
      add(it->second, 1.0, "ISIN " + security.isin, "");
      by_isin = true;
    }
  }
  if (!security.ticker.empty()) {
    const auto [ticker, exchange] = TickerAndExchange(security.ticker);
    if (auto it = ev.cmic_by_ticker().find(ticker); it != ev.cmic_by_ticker().end()) {
      const std::vector<std::string> listed = CmicTickers(*it->second, ticker);
      const bool on_listed_exchange =
          !exchange.empty() &&
          std::find(listed.begin(), listed.end(), ticker + " " + exchange) != listed.end();
      std::string note;
      if (exchange.empty()) {
        note = fmt::format("the ticker {} is given without an exchange; the entry lists it as {}: "
                           "another company may trade under {} elsewhere, so state the exchange "
                           "or the ISIN",
                           ticker, JoinStrings(listed, ", "), ticker);
      } else if (!on_listed_exchange) {
        note = fmt::format("the entry lists the ticker {} as {}, not on {}: confirm the security",
                           ticker, JoinStrings(listed, ", "), exchange);
      }
      add(it->second, 1.0, "ticker " + security.ticker, note);
    }
  }
  if (!security.issuer.empty() && !by_isin) {
    auto hits = ev.Screen(security.issuer, "", fmt::format("securities[{}].issuer", sec_idx));
    if (!hits) return hits.error();
    const std::string note =
        security.isin.empty()
            ? "the security is identified only by its issuer's name: every publicly traded "
              "security of a listed company (and securities derivative of them or designed to "
              "give exposure to them) is covered, but which security this is must be confirmed "
              "(state the ISIN)"
            : fmt::format("the issuer matches a listed company but {} is not an ISIN the entry "
                          "lists: an ADR, another share class, a bond or a fund holding it? If it "
                          "is, or gives exposure to, a security of the listed company, the "
                          "prohibition applies",
                          security.isin);
    for (const match::Hit& hit : **hits) {
      std::vector<const core::Entity*> party = hit.same_party;
      if (party.empty()) party.push_back(hit.entity);
      for (const core::Entity* entity : party) {
        if (entity != nullptr) add(entity, hit.score, hit.explanation.matched_name, note);
      }
    }
  }
  return matches;
}

// The finding for one security and one CMIC listing on the evaluation date.
Finding JudgeSecurity(const Evaluation& ev, const Rule& rule, const Security& security,
                      const Matched& match) {
  Finding finding = ev.BaseFinding(rule, match);
  const CmicDates dates = CmicDatesOf(*match.entity, *match.listing, ev.rules().cmic_terms);
  const core::PartialDate& effective = dates.effective;
  const core::PartialDate& divestment = dates.divestment;
  finding.since = effective;
  const core::PartialDate date = ev.date();
  const std::string what = fmt::format(
      "{} of {} ({}), matched by {}, on the {} (effective {}{}{})",
      security.action == SecurityAction::kBuy ? "Purchase" : "Sale",
      !security.isin.empty()    ? security.isin
      : security.ticker.empty() ? security.issuer
                                : security.ticker,
      match.entity->primary_name(), match.matched_name, finding.list,
      effective.empty() ? "date not stated" : effective.ToString(),
      divestment.empty() ? "" : ", divestment until " + divestment.ToString(),
      dates.basis.empty() ? "" : "; " + dates.basis);
  const Evaluation::InForce in_force = ev.CheckInForce(rule, nullptr);
  Effect effect = Effect::kProhibited;
  if (!in_force.yes) {
    finding.effect = Effect::kClear;
    finding.reason = fmt::format("{}: rule {} is {}.", what, rule.id, in_force.why_not);
    return finding;
  }
  if (!effective.empty() && date.ToDays() < effective.First().ToDays()) {
    finding.effect = Effect::kClear;
    finding.reason = fmt::format(
        "{}: on {} the entry was not yet effective, so this {} is not prohibited; from {} "
        "purchases are.",
        what, date.ToString(), security.action == SecurityAction::kBuy ? "purchase" : "sale",
        effective.ToString());
    return finding;
  }
  if (effective.empty()) {
    finding.reason = fmt::format(
        "{}: the entry states neither its effective date nor its listing date, so whether the "
        "prohibition was in force on {} must be read from the entry.",
        what, date.ToString());
    effect = Effect::kReview;
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
  } else if (divestment.empty()) {
    finding.reason = fmt::format(
        "{}: the entry states no divestment date, so whether a sale to divest is still "
        "allowed must be checked against the entry.",
        what);
    effect = Effect::kReview;
  } else if (date.ToDays() <= divestment.Last().ToDays()) {
    finding.reason = fmt::format(
        "{}: sales made solely to divest are allowed until {} (EO 14032 sec. 1(c)); "
        "document that this sale is a divestment.",
        what, divestment.ToString());
    finding.effect = Effect::kReview;
    return finding;
  } else {
    finding.reason = fmt::format(
        "{}: the divestment window ended on {}; after it, purchases and sales are prohibited. "
        "{}",
        what, divestment.ToString(), rule.action);
  }
  if (effect == Effect::kReview || !match.review_note.empty()) {
    if (!match.review_note.empty()) finding.reason += " Review: " + match.review_note + ".";
    finding.effect = Effect::kReview;
    finding.if_confirmed = Effect::kProhibited;
    return finding;
  }
  ev.SetEffect(finding, Effect::kProhibited, match.score);
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
