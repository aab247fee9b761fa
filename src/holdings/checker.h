// The holdings check: each position of a portfolio, as of a date, against the active lists.
//
// Identifiers first: a row's ISINs (given, or embedded in its CUSIP/SEDOL) and ticker are looked
// up in the identifiers the list entries carry (NS-CMIC entries list the ISINs of the issuer's
// securities). Then the issuer name is screened with match::Screener (the same screener and
// threshold `redflag decide` uses). Outcomes (holdings_rules.h), most severe wins:
//   blocked              issuer an SDN (by identifier, or a confident name match >= 0.90), or
//                        owned >= 50 % by SDNs according to the lists' stated links
//   prohibited_purchase  an NS-CMIC security acquired on or after the entry's effective date
//   divest_by DATE       an NS-CMIC security, effective date passed, divestment date not yet
//   must_not_hold        an NS-CMIC security after its divestment date
//   review               the issuer name matches a listed party but the security is not one the
//                        entry lists; a possible (0.80-0.90) match; a list that restricts trade,
//                        not investment; an NS-CMIC entry without its dates
//   clear                nothing applies (an NS-CMIC entry not yet effective is a clear with the
//                        date as the next deadline)
// A name-only match never gives clear while the entry is in force.
//
// Thread-safety: a Checker is immutable after construction; Check() may run on many threads.
// Lifetime: the snapshot is shared and kept alive by the Checker. Check() fails only when
// screening fails (an issuer name the screener rejects gives kInvalidArgument with its line).
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/entity.h"
#include "core/error.h"
#include "holdings/holdings.h"
#include "holdings/holdings_rules.h"
#include "index/snapshot.h"
#include "match/screener.h"

namespace redflag::holdings {

struct Finding {
  Outcome outcome = Outcome::kClear;
  std::string list;          // the list in words, e.g. "NS-CMIC"
  std::string entity_id;     // "ofac_cons:30946"
  std::string entity_name;
  std::string matched_by;    // "ISIN CNE100000PM8", "name \"Hikvision\" (score 0.97)"
  double score = 0;          // 1 for identifiers
  core::PartialDate deadline;  // divest_by: the divestment date; clear: the coming effective date
  std::string citation;
  std::string reason;
};

struct HoldingResult {
  Outcome outcome = Outcome::kClear;
  core::PartialDate deadline;
  std::vector<Finding> findings;  // most severe first
};

struct Deadline {
  core::PartialDate date;
  std::string what;  // "divest CNE100000PM8 (HANGZHOU HIKVISION ...)"
};

struct FundSummary {
  std::string fund;
  std::array<std::size_t, kOutcomeCount> count{};
  std::array<double, kOutcomeCount> market_value{};
  std::vector<Deadline> next_deadlines;  // after the as-of date, earliest first, at most 5
};

struct Report {
  core::PartialDate as_of;
  std::string file;
  std::vector<Holding> holdings;
  std::vector<HoldingResult> results;  // one per holding, same order
  std::vector<FundSummary> funds;      // in order of first appearance
};

struct CheckOptions {
  double alert_threshold = match::kDefaultThreshold;  // name hits below are dropped
  double confident_score = 0.90;  // at or above: a name match is the party (rules::kConfidentScore)
  unsigned threads = 2;           // issuer names are screened on this many threads
};

class Checker {
 public:
  Checker(std::shared_ptr<const index::Snapshot> snapshot, HoldingsRules rules,
          CheckOptions options = {});

  core::Result<Report> Check(std::vector<Holding> holdings, core::PartialDate as_of,
                             std::string file = "") const;

 private:
  friend class HoldingEvaluation;
  std::shared_ptr<const index::Snapshot> snapshot_;
  match::Screener screener_;
  HoldingsRules rules_;
  CheckOptions options_;
  std::unordered_map<std::string, std::vector<const core::Entity*>> by_isin_;
  std::unordered_map<std::string, std::vector<const core::Entity*>> by_ticker_;  // NS-CMIC only
};

}  // namespace redflag::holdings
