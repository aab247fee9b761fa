#include "rules/cmic_dates.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "rules/decider_internal.h"

namespace redflag::rules {

namespace {
std::string TickerKeyOf(std::string_view text) { return internal::TickerKey(text); }
}  // namespace

std::vector<std::string> CmicTickers(const core::Entity& entity, std::string_view key) {
  std::vector<std::string> out;
  for (const core::Identifier& id : entity.identifiers) {
    if (id.type != core::IdType::kTicker && id.type_raw.find("Ticker") == std::string::npos) {
      continue;
    }
    if (internal::TickerKey(id.value) != key) continue;
    std::string full;
    bool space = false;
    for (const char ch : id.value) {
      if (std::isalnum(static_cast<unsigned char>(ch))) {
        if (space && !full.empty()) full += ' ';
        space = false;
        full += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      } else {
        space = true;
      }
    }
    // OFAC's remarks parser keeps "Equity Ticker 002415 CN" as value "002415", note "exchange
    // CN"; other sources may put the code in the country.
    if (full.find(' ') == std::string::npos) {
      if (id.note.rfind("exchange ", 0) == 0) {
        full += " " + TickerKeyOf(id.note.substr(9));
      } else if (!id.country.empty()) {
        full += " " + id.country;
      }
    }
    if (std::find(out.begin(), out.end(), full) == out.end()) out.push_back(full);
  }
  return out;
}

CmicDates CmicDatesOf(const core::Entity& entity, const core::Listing& listing,
                      const CmicTerms& terms) {
  using internal::LabelledDate;
  CmicDates out;
  out.effective = LabelledDate(entity, "Effective Date (CMIC)");
  out.divestment = listing.divestment;
  if (out.divestment.empty()) out.divestment = LabelledDate(entity, "Divestment Date (CMIC)");
  out.listed = LabelledDate(entity, "Listing Date (CMIC)");
  // The parsers put a stated effective date into the listing's start and the divestment date
  // beside it; a start without a divestment date and without CMIC labels is the listing date.
  if (out.effective.empty() && !listing.start.empty()) {
    if (!out.divestment.empty() || (!out.listed.empty() && listing.start != out.listed)) {
      out.effective = listing.start;
    } else if (out.listed.empty()) {
      out.listed = listing.start;
    }
  }
  std::vector<std::string> basis;
  if (out.effective.empty() && !out.listed.empty() && out.listed.full()) {
    out.effective = core::PartialDate::FromDays(out.listed.ToDays() + terms.effective_days);
    basis.push_back(fmt::format("effective date not stated: listing date {} + {} days ({})",
                                out.listed.ToString(), terms.effective_days, terms.citation));
  }
  if (out.divestment.empty() && !out.listed.empty() && out.listed.full()) {
    out.divestment = core::PartialDate::FromDays(out.listed.ToDays() + terms.divestment_days);
    basis.push_back(fmt::format("divestment date not stated: listing date {} + {} days ({})",
                                out.listed.ToString(), terms.divestment_days, terms.citation));
  }
  for (const std::string& part : basis) {
    out.basis += (out.basis.empty() ? "" : "; ") + part;
  }
  return out;
}

}  // namespace redflag::rules
