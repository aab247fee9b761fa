// Holdings evaluation. The Checker holds only immutable lookups; the per-call state (screening
// results per issuer name) lives in Check(), which is what makes concurrent calls safe.
#include "holdings/checker.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>
#include <set>
#include <thread>

#include "rules/cmic_dates.h"
#include "rules/rule_set.h"

namespace redflag::holdings {
namespace {

bool Contains(const std::vector<std::string>& codes, std::string_view code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// Leading letters/digits of a ticker, upper case: "002415 CN" -> "002415".
std::string TickerKey(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) break;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return out;
}

bool IsIsin(const core::Identifier& id) {
  return id.type == core::IdType::kIsin || id.type_raw.find("ISIN") != std::string::npos;
}

bool IsTicker(const core::Identifier& id) {
  return id.type == core::IdType::kTicker || id.type_raw.find("Ticker") != std::string::npos;
}

struct Matched {
  const core::Entity* entity = nullptr;
  const core::Listing* listing = nullptr;
  double score = 1;
  std::string how;
  bool by_identifier = false;
  std::string note;  // why an identifier match still does not identify the security
};

}  // namespace

// One holding against its matches; appends findings to `out`.
class HoldingEvaluation {
 public:
  HoldingEvaluation(const Checker& checker, const Holding& holding, core::PartialDate as_of,
                    HoldingResult& out)
      : c_(checker), h_(holding), as_of_(as_of), out_(out) {}

  void Run(const std::vector<match::Hit>* hits);

 private:
  void Add(const Matched& match);
  void Cmic(const Matched& match);
  void AddCmic(const Matched& match, Outcome outcome, std::string reason,
               core::PartialDate deadline);
  void Blocking(const Matched& match);
  void Ownership(const core::Entity& entity, const std::string& how);
  Finding Base(const Matched& match, Outcome outcome) const;

  const Checker& c_;
  const Holding& h_;
  core::PartialDate as_of_;
  HoldingResult& out_;
  std::vector<Matched> matches_;
  std::set<std::string> cmic_seen_;   // one NS-CMIC finding per issuer and dates
  std::set<std::string> party_seen_;  // one finding per listed name and list code
};

void HoldingEvaluation::Run(const std::vector<match::Hit>* hits) {
  for (const std::string& isin : h_.Isins()) {
    if (auto it = c_.by_isin_.find(isin); it != c_.by_isin_.end()) {
      for (const core::Entity* entity : it->second) {
        for (const core::Listing& listing : entity->listings) {
          matches_.push_back({entity, &listing, 1.0, "ISIN " + isin, true});
        }
      }
    }
  }
  if (!h_.ticker.empty() && h_.Isins().empty()) {
    // A ticker identifies the security only on the exchange the entry names (as decide does).
    const std::string key = TickerKey(h_.ticker);
    std::string exchange = h_.exchange;
    if (exchange.empty() && key.size() < h_.ticker.size()) exchange = h_.ticker.substr(key.size());
    exchange = TickerKey(std::string_view(exchange).substr(
        std::min(exchange.size(), exchange.find_first_not_of(" .:/"))));
    if (auto it = c_.by_ticker_.find(key); it != c_.by_ticker_.end()) {
      for (const core::Entity* entity : it->second) {
        const std::vector<std::string> listed = rules::CmicTickers(*entity, key);
        const bool on_exchange =
            !exchange.empty() &&
            std::find(listed.begin(), listed.end(), key + " " + exchange) != listed.end();
        std::string listed_text;
        for (const std::string& one : listed) listed_text += (listed_text.empty() ? "" : ", ") + one;
        const std::string note =
            on_exchange ? std::string()
            : exchange.empty()
                ? fmt::format("the ticker {} is given without an exchange and the entry lists it "
                              "as {}: another company may trade under it elsewhere",
                              key, listed_text)
                : fmt::format("the entry lists the ticker {} as {}, not on {}", key, listed_text,
                              exchange);
        for (const core::Listing& listing : entity->listings) {
          if (Contains(c_.rules_.cmic_lists, listing.list_code)) {
            matches_.push_back({entity, &listing, 1.0, "ticker " + h_.ticker, on_exchange, note});
          }
        }
      }
    }
  }
  const std::size_t identified = matches_.size();
  for (std::size_t idx = 0; idx < identified; ++idx) Add(matches_[idx]);
  if (hits != nullptr) {
    for (const match::Hit& hit : *hits) {
      std::vector<const core::Entity*> party = hit.same_party;
      if (party.empty()) party.push_back(hit.entity);
      for (const core::Entity* entity : party) {
        if (entity == nullptr) continue;
        for (const core::Listing& listing : entity->listings) {
          const bool seen = std::any_of(matches_.begin(), matches_.end(), [&](const Matched& m) {
            return m.entity == entity && m.listing == &listing;
          });
          if (seen) continue;
          matches_.push_back({entity, &listing, hit.score,
                              fmt::format("issuer name \"{}\" ~ \"{}\" (score {:.2f})",
                                          h_.issuer_name, hit.explanation.matched_name, hit.score),
                              false});
          Add(matches_.back());
        }
      }
    }
  }
  std::stable_sort(out_.findings.begin(), out_.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.outcome > b.outcome; });
  if (!out_.findings.empty()) {
    out_.outcome = out_.findings.front().outcome;
    for (const Finding& finding : out_.findings) {
      if (finding.outcome == out_.outcome && !finding.deadline.empty()) {
        out_.deadline = finding.deadline;
        break;
      }
    }
  }
}

Finding HoldingEvaluation::Base(const Matched& match, Outcome outcome) const {
  Finding finding;
  finding.outcome = outcome;
  finding.list = match.listing->list_name.empty() ? match.listing->list_code
                                                  : match.listing->list_name;
  finding.entity_id = match.entity->id;
  finding.entity_name = match.entity->primary_name();
  finding.matched_by = match.how;
  finding.score = match.score;
  finding.citation = c_.rules_.Text(outcome).citation;
  return finding;
}

void HoldingEvaluation::Add(const Matched& match) {
  const core::Listing& listing = *match.listing;
  if (!listing.end.empty() && listing.end.Last().ToDays() < as_of_.ToDays()) return;  // delisted
  if (Contains(c_.rules_.cmic_lists, listing.list_code)) return Cmic(match);
  // An OFAC entry and its CSL copy are one party: one finding per name and list.
  const std::string key = rules::FoldWords(match.entity->primary_name()) + "|" + listing.list_code;
  if (!party_seen_.insert(key).second) return;
  if (Contains(c_.rules_.blocking_lists, listing.list_code)) return Blocking(match);
  Finding finding = Base(match, Outcome::kReview);
  finding.reason = fmt::format(
      "{} ({}) is on the {} by {}: this list restricts dealings with the party (trade, exports), "
      "not investment in it as such; a red flag for a person to review.",
      h_.SecurityLabel(), finding.entity_name, finding.list, match.how);
  finding.citation = listing.list_code.empty() ? finding.list : listing.list_code + " list";
  out_.findings.push_back(std::move(finding));
  if (match.by_identifier || match.score >= c_.options_.confident_score) {
    Ownership(*match.entity, match.how);
  }
}

void HoldingEvaluation::Blocking(const Matched& match) {
  const bool confirmed = match.by_identifier || match.score >= c_.options_.confident_score;
  Finding finding = Base(match, confirmed ? Outcome::kBlocked : Outcome::kReview);
  const OutcomeText& text = c_.rules_.Text(Outcome::kBlocked);
  finding.citation = text.citation;
  finding.reason =
      confirmed
          ? fmt::format("{}: the issuer is {} [{}], on the {} (matched by {}): {}. {}",
                        h_.SecurityLabel(), finding.entity_name, finding.entity_id, finding.list,
                        match.how, text.meaning, text.action)
          : fmt::format("{}: possible match with {} [{}] on the {} ({}); if confirmed: blocked "
                        "- {}.",
                        h_.SecurityLabel(), finding.entity_name, finding.entity_id, finding.list,
                        match.how, text.meaning);
  out_.findings.push_back(std::move(finding));
}

// OFAC 50 Percent Rule over the links the lists state: shares held by SDNs add up.
void HoldingEvaluation::Ownership(const core::Entity& entity, const std::string& how) {
  double blocked_share = 0;
  std::vector<std::string> owners;
  bool share_unknown = false;
  for (const core::Link& link : entity.links) {
    if (link.relation != "owned_by" && link.relation != "subsidiary_of") continue;
    const core::Entity* owner = c_.snapshot_->Find(link.target_id);
    if (owner == nullptr) continue;
    const bool sdn = std::any_of(owner->listings.begin(), owner->listings.end(), [&](const auto& l) {
      return Contains(c_.rules_.blocking_lists, l.list_code);
    });
    if (!sdn) continue;
    owners.push_back(owner->primary_name());
    if (link.percent < 0) share_unknown = true;
    else blocked_share += link.percent;
  }
  if (owners.empty()) return;
  const bool blocked = blocked_share >= c_.rules_.ownership_threshold_percent;
  Finding finding;
  finding.outcome = blocked ? Outcome::kBlocked : Outcome::kReview;
  finding.list = "OFAC 50 Percent Rule";
  finding.entity_id = entity.id;
  finding.entity_name = entity.primary_name();
  finding.matched_by = how;
  finding.score = 1;
  finding.citation = c_.rules_.Text(Outcome::kBlocked).citation;
  finding.reason = fmt::format(
      "{}: the issuer {} is owned by SDNs ({}) with {:.4g}% stated{}; {} at {:.4g}% or more.",
      h_.SecurityLabel(), entity.primary_name(), fmt::join(owners, "; "), blocked_share,
      share_unknown ? " (some shares not stated)" : "", blocked ? "blocked" : "blocked only",
      c_.rules_.ownership_threshold_percent);
  out_.findings.push_back(std::move(finding));
}

void HoldingEvaluation::AddCmic(const Matched& match, Outcome outcome, std::string reason,
                                core::PartialDate deadline) {
  Finding finding = Base(match, outcome);
  finding.list = "NS-CMIC";
  finding.deadline = deadline;
  if (outcome == Outcome::kClear || outcome == Outcome::kReview) {
    finding.citation = c_.rules_.Text(Outcome::kDivestBy).citation;
  }
  finding.reason = std::move(reason);
  out_.findings.push_back(std::move(finding));
}

void HoldingEvaluation::Cmic(const Matched& match) {
  const core::Entity& entity = *match.entity;
  const rules::CmicDates dates = rules::CmicDatesOf(entity, *match.listing, c_.rules_.cmic_terms);
  const core::PartialDate& effective = dates.effective;
  const core::PartialDate& divestment = dates.divestment;
  const std::string key = fmt::format("{}|{}|{}|{}", rules::FoldWords(entity.primary_name()),
                                      effective.ToString(), divestment.ToString(),
                                      match.by_identifier);
  if (!cmic_seen_.insert(key).second) return;
  const std::string what = fmt::format(
      "{} ({}) on the NS-CMIC, matched by {} (effective {}{}{})", h_.SecurityLabel(),
      entity.primary_name(), match.how, effective.empty() ? "date not stated" : effective.ToString(),
      divestment.empty() ? "" : ", divestment until " + divestment.ToString(),
      dates.basis.empty() ? "" : "; " + dates.basis);
  const int today = as_of_.ToDays();
  const auto finish = [&](Outcome outcome, std::string reason, core::PartialDate deadline = {}) {
    AddCmic(match, outcome, std::move(reason), deadline);
  };
  if (!effective.empty() && today < effective.First().ToDays()) {
    return finish(Outcome::kClear,
                  fmt::format("{}: not yet effective on {}; from {} purchases are prohibited.", what,
                              as_of_.ToString(), effective.ToString()),
                  effective);
  }
  if (!match.by_identifier && !match.note.empty()) {
    return finish(Outcome::kReview, fmt::format("{}: {}. {}", what, match.note,
                                                c_.rules_.Text(Outcome::kReview).action));
  }
  if (!match.by_identifier) {
    return finish(Outcome::kReview,
                  fmt::format("{}: the issuer's name matches, but this security ({}) is not one "
                              "the entry lists - an ADR, another share class, a bond or a fund "
                              "holding it? {} If it is, or gives exposure to, a listed security, "
                              "the NS-CMIC rules apply.",
                              what, h_.Isins().empty() ? "no ISIN given" : h_.Isins().front(),
                              c_.rules_.Text(Outcome::kReview).action));
  }
  const OutcomeText* text = nullptr;
  if (effective.empty()) {
    return finish(Outcome::kReview,
                  what + ": the entry states neither its effective date nor its listing date; check the "
                     "entry for its dates.");
  }
  if (!h_.acquisition_date.empty() && h_.acquisition_date.ToDays() <= today &&
      h_.acquisition_date.ToDays() >= effective.First().ToDays()) {
    text = &c_.rules_.Text(Outcome::kProhibitedPurchase);
    return finish(Outcome::kProhibitedPurchase,
                  fmt::format("{}: acquired on {}, on or after the effective date: {}. {}", what,
                              h_.acquisition_date.ToString(), text->meaning, text->action));
  }
  if (divestment.empty()) {
    return finish(Outcome::kReview,
                  what + ": the entry states no divestment date; check the entry for how long "
                         "sales to divest are allowed.");
  }
  if (today <= divestment.Last().ToDays()) {
    text = &c_.rules_.Text(Outcome::kDivestBy);
    return finish(Outcome::kDivestBy,
                  fmt::format("{}: {}. {}", what, text->meaning, text->action), divestment);
  }
  text = &c_.rules_.Text(Outcome::kMustNotHold);
  finish(Outcome::kMustNotHold, fmt::format("{}: the divestment window ended on {}: {}. {}", what,
                                            divestment.ToString(), text->meaning, text->action));
}

namespace {

// Screens each distinct issuer name once, on `threads` threads; results by name index.
std::vector<core::Result<std::vector<match::Hit>>> ScreenNames(const match::Screener& screener,
                                                               const std::vector<std::string>& names,
                                                               const CheckOptions& options) {
  std::vector<core::Result<std::vector<match::Hit>>> results(
      names.size(), core::Result<std::vector<match::Hit>>(std::vector<match::Hit>()));
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t idx = next++; idx < names.size(); idx = next++) {
      match::Query query;
      query.name = names[idx];
      query.type = core::EntityType::kOrganization;
      results[idx] = screener.Screen(
          query,
          match::ScreenOptions{.threshold = options.alert_threshold, .limit = 20, .explain = false});
    }
  };
  const unsigned threads = std::max(1u, std::min<unsigned>(options.threads, 16));
  std::vector<std::thread> pool;
  for (unsigned idx = 1; idx < threads; ++idx) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  return results;
}

void Summarize(Report& report) {
  std::map<std::string, std::size_t> fund_index;
  for (std::size_t idx = 0; idx < report.holdings.size(); ++idx) {
    const Holding& holding = report.holdings[idx];
    const HoldingResult& result = report.results[idx];
    auto [it, added] = fund_index.emplace(holding.fund, report.funds.size());
    if (added) report.funds.push_back(FundSummary{.fund = holding.fund});
    FundSummary& fund = report.funds[it->second];
    const auto outcome = static_cast<std::size_t>(result.outcome);
    ++fund.count[outcome];
    fund.market_value[outcome] += holding.market_value;
    for (const Finding& finding : result.findings) {
      if (finding.deadline.empty() || finding.deadline.ToDays() <= report.as_of.ToDays()) continue;
      const std::string what = fmt::format(
          "{} {} ({})", finding.outcome == Outcome::kDivestBy ? "last day to divest" : "effective:",
          holding.SecurityLabel(), finding.entity_name);
      fund.next_deadlines.push_back({finding.deadline, what});
    }
  }
  for (FundSummary& fund : report.funds) {
    auto& deadlines = fund.next_deadlines;
    std::sort(deadlines.begin(), deadlines.end(), [](const Deadline& a, const Deadline& b) {
      return std::tie(a.date, a.what) < std::tie(b.date, b.what);
    });
    deadlines.erase(std::unique(deadlines.begin(), deadlines.end(),
                                [](const Deadline& a, const Deadline& b) {
                                  return a.date == b.date && a.what == b.what;
                                }),
                    deadlines.end());
    if (deadlines.size() > 5) deadlines.resize(5);
  }
}

}  // namespace

Checker::Checker(std::shared_ptr<const index::Snapshot> snapshot, HoldingsRules rules,
                 CheckOptions options)
    : snapshot_(snapshot), screener_(snapshot), rules_(std::move(rules)), options_(options) {
  for (const core::Entity& entity : snapshot_->entities()) {
    const bool cmic = std::any_of(entity.listings.begin(), entity.listings.end(), [&](const auto& l) {
      return Contains(rules_.cmic_lists, l.list_code);
    });
    for (const core::Identifier& id : entity.identifiers) {
      if (IsIsin(id)) {
        const std::string isin = core::IdentifierKey(id.value);
        auto& entities = by_isin_[isin];
        if (std::find(entities.begin(), entities.end(), &entity) == entities.end()) {
          entities.push_back(&entity);
        }
      } else if (cmic && IsTicker(id)) {
        const std::string key = TickerKey(id.value);
        if (!key.empty()) by_ticker_[key].push_back(&entity);
      }
    }
  }
}

core::Result<Report> Checker::Check(std::vector<Holding> holdings, core::PartialDate as_of,
                                    std::string file) const {
  Report report;
  report.as_of = as_of;
  report.file = std::move(file);
  report.holdings = std::move(holdings);
  std::unordered_map<std::string, std::size_t> name_index;
  std::vector<std::string> names;
  for (const Holding& holding : report.holdings) {
    if (!holding.issuer_name.empty() && name_index.emplace(holding.issuer_name, names.size()).second) {
      names.push_back(holding.issuer_name);
    }
  }
  auto hits = ScreenNames(screener_, names, options_);
  for (const Holding& holding : report.holdings) {  // the first row whose name failed
    const auto it = name_index.find(holding.issuer_name);
    if (it == name_index.end() || hits[it->second]) continue;
    core::Error error = hits[it->second].error();
    error.where = core::Location{.file = report.file, .line = holding.line, .field = "issuer_name"};
    return error;
  }
  report.results.resize(report.holdings.size());
  for (std::size_t idx = 0; idx < report.holdings.size(); ++idx) {
    const Holding& holding = report.holdings[idx];
    const auto it = name_index.find(holding.issuer_name);
    HoldingEvaluation(*this, holding, as_of, report.results[idx])
        .Run(it == name_index.end() ? nullptr : &*hits[it->second]);
  }
  Summarize(report);
  return report;
}

}  // namespace redflag::holdings
