// Printers of a holdings Report: JSON and CSV for systems, HTML for a trustee.
//
// JSON: {"as_of", "file", "holdings": [{line, fund, isin, ..., outcome, deadline, findings: [...]}],
//        "funds": [{fund, counts: {outcome: n}, market_value: {outcome: v}, next_deadlines}]}.
// CSV: one row per holding with its outcome, deadline and most severe finding.
// HTML: a printable page - per-fund summary, a bar chart of market value by outcome (inline SVG),
// every holding that is not clear with its evidence and citation. All text is escaped.
// Pure functions; thread-safe.
#pragma once

#include <string>

#include "holdings/checker.h"

namespace redflag::holdings {

std::string ReportToJson(const Report& report);
std::string ReportToCsv(const Report& report);
std::string ReportToHtml(const Report& report);

}  // namespace redflag::holdings
