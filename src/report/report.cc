#include "report/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace redflag::report {
namespace {

// Length of the valid UTF-8 sequence starting at `text[at]`, or 0 when it is not one.
std::size_t Utf8Length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t idx) { return static_cast<unsigned char>(text[idx]); };
  const unsigned char lead = byte(at);
  std::size_t length = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  if (lead >= 0xE0 && lead <= 0xEF) length = 3;
  if (lead >= 0xF0 && lead <= 0xF4) length = 4;
  if (length == 0 || at + length > text.size()) return 0;
  for (std::size_t idx = 1; idx < length; ++idx) {
    if ((byte(at + idx) & 0xC0) != 0x80) return 0;
  }
  // Overlong three-byte forms, surrogates and code points past U+10FFFF.
  if (lead == 0xE0 && byte(at + 1) < 0xA0) return 0;
  if (lead == 0xED && byte(at + 1) >= 0xA0) return 0;
  if (lead == 0xF0 && byte(at + 1) < 0x90) return 0;
  if (lead == 0xF4 && byte(at + 1) >= 0x90) return 0;
  return length;
}

}  // namespace

std::string Html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t at = 0; at < text.size();) {
    const char ch = text[at];
    const std::size_t length = Utf8Length(text, at);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++at;
      continue;
    }
    if (length > 1) {
      out.append(text.substr(at, length));
      at += length;
      continue;
    }
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\t':
      case '\n': out += ch; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F) {
          out += "\xEF\xBF\xBD";
        } else {
          out += ch;
        }
    }
    ++at;
  }
  return out;
}

std::string CsvField(std::string_view text) {
  const bool formula = !text.empty() && std::string_view("=+-@").find(text[0]) != std::string_view::npos;
  const bool quote = formula || text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) return std::string(text);
  std::string out = "\"";
  if (formula) out += '\'';
  for (const char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
  return out;
}

std::string CsvRow(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t idx = 0; idx < fields.size(); ++idx) {
    if (idx > 0) out += ',';
    out += CsvField(fields[idx]);
  }
  out += '\n';
  return out;
}

std::string SvgBarChart(std::string_view title, const std::vector<Bar>& bars) {
  constexpr int kLabelWidth = 150;
  constexpr int kBarWidth = 360;
  constexpr int kRow = 26;
  const int height = 30 + kRow * static_cast<int>(bars.size());
  double max_value = 0;
  for (const Bar& bar : bars) max_value = std::max(max_value, bar.value);
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"760\" height=\"{}\" "
      "viewBox=\"0 0 760 {}\"><title>{}</title>"
      "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">{}</text>",
      height, height, Html(title), Html(title));
  for (std::size_t idx = 0; idx < bars.size(); ++idx) {
    const Bar& bar = bars[idx];
    const int y = 28 + kRow * static_cast<int>(idx);
    const double share = max_value > 0 && bar.value > 0 ? bar.value / max_value : 0;
    const int width = static_cast<int>(std::lround(share * kBarWidth));
    out += fmt::format(
        "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text>"
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
        y + 13, Html(bar.label), kLabelWidth, y, width, Html(bar.color),
        kLabelWidth + width + 6, y + 13, Html(bar.caption));
  }
  out += "</svg>";
  return out;
}

std::string HtmlPage(std::string_view title, std::string_view body) {
  return fmt::format(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\n"
      "<style>body{{font-family:sans-serif;font-size:13px;margin:2em;color:#111}}"
      "table{{border-collapse:collapse;margin:0.5em 0 1.5em}}"
      "th,td{{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}}"
      "th{{background:#eee}}td.num{{text-align:right}}"
      ".o-blocked,.o-prohibited_purchase,.o-prohibited,.o-must_not_hold{{color:#b00020;"
      "font-weight:bold}}.o-divest_by,.o-review{{color:#8a5a00;font-weight:bold}}"
      "@media print{{body{{margin:0}}h2{{page-break-before:auto}}tr{{page-break-inside:avoid}}}}"
      "</style></head><body>\n{}\n</body></html>\n",
      Html(title), body);
}

std::string Money(double value) {
  if (!std::isfinite(value)) return "n/a";
  const std::string digits = fmt::format("{:.2f}", std::fabs(value));
  const std::size_t dot = digits.find('.');
  std::string out;
  for (std::size_t idx = 0; idx < dot; ++idx) {
    if (idx > 0 && (dot - idx) % 3 == 0) out += ',';
    out += digits[idx];
  }
  out += digits.substr(dot);
  return value < 0 ? "-" + out : out;
}

}  // namespace redflag::report
