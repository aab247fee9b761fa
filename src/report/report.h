// Output helpers shared by the holdings and devices reports: escaping for HTML and CSV, and a
// printable HTML page with an inline SVG bar chart (no script, no external asset).
//
// Pure functions over strings; thread-safe. Every piece of caller text that reaches HTML goes
// through Html() (element text and attribute values alike), so a file cannot inject markup.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace redflag::report {

// &, <, >, " and ' escaped; invalid UTF-8 bytes and control characters other than tab and
// newline replaced by U+FFFD, so the page is always valid UTF-8.
std::string Html(std::string_view text);

// One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, or starts with
// = + - @ (those are also prefixed with ' so a spreadsheet does not run them as formulas).
std::string CsvField(std::string_view text);
// Fields joined with commas, ended by "\n".
std::string CsvRow(const std::vector<std::string>& fields);

struct Bar {
  std::string label;
  double value = 0;       // drawn length; negative values are drawn as 0
  std::string caption;    // text after the bar, e.g. "12 holdings, 3,400,000.00"
  std::string color;      // CSS colour, e.g. "#b00020"; must be a literal the caller controls
};

// A horizontal bar chart as an inline <svg> with a <title> and one row per bar.
std::string SvgBarChart(std::string_view title, const std::vector<Bar>& bars);

// "<!doctype html>...": a complete page with print-friendly CSS; `body` is inserted as is (the
// caller builds it with Html()).
std::string HtmlPage(std::string_view title, std::string_view body);

// 1234567.891 -> "1,234,567.89".
std::string Money(double value);

}  // namespace redflag::report
