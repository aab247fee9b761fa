#include "holdings/holdings_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/report.h"

namespace redflag::holdings {
namespace {

using report::Html;

// Outcomes in the order a reader wants them: most severe first.
constexpr Outcome kBySeverity[] = {Outcome::kBlocked,  Outcome::kProhibitedPurchase,
                                   Outcome::kMustNotHold, Outcome::kDivestBy,
                                   Outcome::kReview,   Outcome::kClear};

std::string OutcomeLabel(Outcome outcome, const core::PartialDate& deadline) {
  if (outcome == Outcome::kDivestBy && !deadline.empty()) {
    return "divest by " + deadline.ToString();
  }
  std::string label(OutcomeName(outcome));
  for (char& ch : label) {
    if (ch == '_') ch = ' ';
  }
  return label;
}

const char* Color(Outcome outcome) {
  switch (outcome) {
    case Outcome::kBlocked: return "#6d0015";
    case Outcome::kProhibitedPurchase: return "#b00020";
    case Outcome::kMustNotHold: return "#d9480f";
    case Outcome::kDivestBy: return "#e8a400";
    case Outcome::kReview: return "#6f7c91";
    case Outcome::kClear: return "#2b8a3e";
  }
  return "#000";
}

nlohmann::json FindingJson(const Finding& finding) {
  nlohmann::json out = {{"outcome", OutcomeName(finding.outcome)},
                        {"list", finding.list},
                        {"entity_id", finding.entity_id},
                        {"entity_name", finding.entity_name},
                        {"matched_by", finding.matched_by},
                        {"score", finding.score},
                        {"citation", finding.citation},
                        {"reason", finding.reason}};
  if (!finding.deadline.empty()) out["deadline"] = finding.deadline.ToString();
  return out;
}

nlohmann::json FundJson(const FundSummary& fund) {
  nlohmann::json counts = nlohmann::json::object();
  nlohmann::json values = nlohmann::json::object();
  for (const Outcome outcome : kBySeverity) {
    const auto idx = static_cast<std::size_t>(outcome);
    counts[std::string(OutcomeName(outcome))] = fund.count[idx];
    values[std::string(OutcomeName(outcome))] = fund.market_value[idx];
  }
  nlohmann::json deadlines = nlohmann::json::array();
  for (const Deadline& deadline : fund.next_deadlines) {
    deadlines.push_back({{"date", deadline.date.ToString()}, {"what", deadline.what}});
  }
  return {{"fund", fund.fund},
          {"counts", counts},
          {"market_value", values},
          {"next_deadlines", deadlines}};
}

}  // namespace

std::string ReportToJson(const Report& report) {
  nlohmann::json holdings = nlohmann::json::array();
  for (std::size_t idx = 0; idx < report.holdings.size(); ++idx) {
    const Holding& h = report.holdings[idx];
    const HoldingResult& result = report.results[idx];
    nlohmann::json findings = nlohmann::json::array();
    for (const Finding& finding : result.findings) findings.push_back(FindingJson(finding));
    nlohmann::json row = {{"line", h.line},
                          {"fund", h.fund},
                          {"isin", h.isin},
                          {"ticker", h.ticker},
                          {"issuer_name", h.issuer_name},
                          {"quantity", h.quantity},
                          {"market_value", h.market_value},
                          {"outcome", OutcomeName(result.outcome)},
                          {"findings", std::move(findings)}};
    if (!h.exchange.empty()) row["exchange"] = h.exchange;
    if (!h.cusip.empty()) row["cusip"] = h.cusip;
    if (!h.sedol.empty()) row["sedol"] = h.sedol;
    if (!h.acquisition_date.empty()) row["acquisition_date"] = h.acquisition_date.ToString();
    if (!result.deadline.empty()) row["deadline"] = result.deadline.ToString();
    holdings.push_back(std::move(row));
  }
  nlohmann::json funds = nlohmann::json::array();
  for (const FundSummary& fund : report.funds) funds.push_back(FundJson(fund));
  const nlohmann::json out = {{"as_of", report.as_of.ToString()},
                              {"file", report.file},
                              {"holdings", std::move(holdings)},
                              {"funds", std::move(funds)}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string ReportToCsv(const Report& report) {
  std::string out = report::CsvRow({"line", "fund", "isin", "ticker", "issuer_name", "quantity",
                                    "market_value", "acquisition_date", "outcome", "deadline",
                                    "list", "entity_id", "entity_name", "matched_by", "citation",
                                    "reason"});
  for (std::size_t idx = 0; idx < report.holdings.size(); ++idx) {
    const Holding& h = report.holdings[idx];
    const HoldingResult& result = report.results[idx];
    const Finding empty;
    const Finding& top = result.findings.empty() ? empty : result.findings.front();
    out += report::CsvRow({std::to_string(h.line), h.fund, h.isin, h.ticker, h.issuer_name,
                           fmt::format("{}", h.quantity), fmt::format("{:.2f}", h.market_value),
                           h.acquisition_date.ToString(), std::string(OutcomeName(result.outcome)),
                           result.deadline.ToString(), top.list, top.entity_id, top.entity_name,
                           top.matched_by, top.citation, top.reason});
  }
  return out;
}

namespace {

std::string FundTable(const Report& report) {
  std::string out = "<h2>Summary per fund</h2>\n<table><tr><th>fund</th>";
  for (const Outcome outcome : kBySeverity) {
    out += fmt::format("<th>{}<br>count / market value</th>", Html(OutcomeLabel(outcome, {})));
  }
  out += "<th>next deadlines</th></tr>\n";
  for (const FundSummary& fund : report.funds) {
    out += "<tr><td>" + Html(fund.fund) + "</td>";
    for (const Outcome outcome : kBySeverity) {
      const auto idx = static_cast<std::size_t>(outcome);
      out += fmt::format("<td class=\"num\">{} / {}</td>", fund.count[idx],
                         report::Money(fund.market_value[idx]));
    }
    out += "<td>";
    for (const Deadline& deadline : fund.next_deadlines) {
      out += Html(deadline.date.ToString() + " " + deadline.what) + "<br>";
    }
    out += "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string ExposureChart(const Report& report) {
  std::vector<report::Bar> bars;
  for (const Outcome outcome : kBySeverity) {
    const auto idx = static_cast<std::size_t>(outcome);
    double value = 0;
    std::size_t count = 0;
    for (const FundSummary& fund : report.funds) {
      value += fund.market_value[idx];
      count += fund.count[idx];
    }
    bars.push_back({OutcomeLabel(outcome, {}), value,
                    fmt::format("{} holdings, {}", count, report::Money(value)), Color(outcome)});
  }
  return report::SvgBarChart("Market value by outcome (all funds)", bars);
}

std::string FlaggedTable(const Report& report) {
  std::string rows;
  std::size_t clear = 0;
  for (const Outcome outcome : kBySeverity) {
    if (outcome == Outcome::kClear) continue;
    for (std::size_t idx = 0; idx < report.holdings.size(); ++idx) {
      const HoldingResult& result = report.results[idx];
      if (result.outcome != outcome) continue;
      const Holding& h = report.holdings[idx];
      std::string evidence;
      for (const Finding& finding : result.findings) {
        if (finding.outcome == Outcome::kClear) continue;
        evidence += fmt::format("<p><b>{}</b> - {} [{}]: {}<br><i>{}</i></p>",
                                Html(finding.list), Html(finding.entity_name),
                                Html(finding.entity_id), Html(finding.reason),
                                Html(finding.citation));
      }
      rows += fmt::format(
          "<tr><td>{}</td><td class=\"num\">{}</td><td>{}<br>{}</td><td class=\"num\">{}</td>"
          "<td class=\"o-{}\">{}</td><td>{}</td></tr>\n",
          Html(h.fund), h.line,
          Html(h.SecurityLabel() == h.issuer_name ? std::string("(no identifier)") : h.SecurityLabel()),
          Html(h.issuer_name),
          report::Money(h.market_value), OutcomeName(outcome),
          Html(OutcomeLabel(outcome, result.deadline)), evidence);
    }
  }
  for (const HoldingResult& result : report.results) clear += result.outcome == Outcome::kClear;
  return fmt::format(
      "<h2>Holdings that need action or review</h2>\n<table><tr><th>fund</th><th>line</th>"
      "<th>security / issuer</th><th>market value</th><th>outcome</th><th>evidence and "
      "citation</th></tr>\n{}</table>\n<p>{} clear holdings are not listed (the CSV and JSON "
      "outputs list every holding).</p>\n",
      rows, clear);
}

}  // namespace

std::string ReportToHtml(const Report& report) {
  std::string body = fmt::format(
      "<h1>Holdings check as of {}</h1>\n<p>File: {} - {} holdings in {} funds. Outcomes: "
      "blocked (SDN issuer), prohibited purchase, must not hold, divest by DATE (NS-CMIC, EO "
      "13959 as amended by EO 14032, 31 CFR part 586), review (a person must look), clear.</p>\n",
      Html(report.as_of.ToString()), Html(report.file), report.holdings.size(),
      report.funds.size());
  body += ExposureChart(report);
  body += FundTable(report);
  body += FlaggedTable(report);
  return report::HtmlPage("Holdings check " + report.as_of.ToString(), body);
}

}  // namespace redflag::holdings
