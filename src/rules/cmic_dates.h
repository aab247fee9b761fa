// The dates of an NS-CMIC entry (EO 13959 as amended by EO 14032; 31 CFR part 586): when
// purchases become prohibited (effective) and until when sales solely to divest are allowed
// (divestment). Shared by `redflag decide` (rule_cmic.cc) and `redflag holdings check` so both
// read an entry the same way.
//
// Where the entry states them ("Effective Date (CMIC) 02 Aug 2021", "Purchase/Sales For
// Divestment Date (CMIC) 03 Jun 2022", or the listing's start/divestment set by the parser), they
// are used. Where it states only when the company was listed ("Listing Date (CMIC)", or a
// listing start without CMIC dates), EO 14032 sec. 1 sets them: purchases are prohibited from 60
// days after the determination, and sales to divest are allowed until 365 days after it
// (CmicTerms, from data/rules/cmic.json). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/entity.h"

namespace redflag::rules {

// EO 14032 sec. 1(a)(ii) and 1(b) for companies determined after the Annex (data).
struct CmicTerms {
  int effective_days = 60;
  int divestment_days = 365;
  std::string citation = "EO 14032 sec. 1(a)(ii), 1(b)";
};

struct CmicDates {
  core::PartialDate effective;   // empty when neither stated nor derivable
  core::PartialDate divestment;  // empty when neither stated nor derivable
  core::PartialDate listed;      // the listing (determination) date when known
  // How the dates were obtained, for the reader: "" when both are stated by the entry, else
  // "effective date not stated: listing date 2021-06-03 + 60 days (EO 14032 sec. 1(a)(ii))".
  std::string basis;
};

// The entity's tickers whose leading token is `key`, as "TICKER EXCHANGE" upper case with one
// space ("CHA US", "0728 HK"; "002415" when the entry names no exchange). A ticker identifies a
// security only together with its exchange.
std::vector<std::string> CmicTickers(const core::Entity& entity, std::string_view key);

CmicDates CmicDatesOf(const core::Entity& entity, const core::Listing& listing,
                      const CmicTerms& terms);

}  // namespace redflag::rules
