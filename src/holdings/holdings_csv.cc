// Holdings CSV parsing and the check digits of the securities identifiers it carries.
#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

#include "holdings/holdings.h"
#include "rules/transaction.h"
#include "sources/csv_reader.h"

namespace redflag::holdings {
namespace {

enum Column : std::uint8_t {
  kFund, kIsin, kTicker, kExchange, kCusip, kSedol, kIssuer, kQuantity, kValue, kAcquired,
  kColumnCount,
};
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "fund", "isin", "ticker", "exchange", "cusip", "sedol", "issuer_name", "quantity",
    "market_value", "acquisition_date"};

std::string Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

std::string Upper(std::string text) {
  for (char& ch : text) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return text;
}

std::optional<Column> ColumnOf(std::string header) {
  for (char& ch : header) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (header == "portfolio") return kFund;
  if (header == "issuer") return kIssuer;
  for (std::size_t idx = 0; idx < kColumnNames.size(); ++idx) {
    if (header == kColumnNames[idx]) return static_cast<Column>(idx);
  }
  return std::nullopt;
}

int CharValue(char ch) {  // 0-9 -> 0-9, A-Z -> 10-35, else -1
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'A' && ch <= 'Z') return ch - 'A' + 10;
  return -1;
}

// Decimal with optional sign and thousands separators ("1,234.50", "-12"); empty -> 0.
std::optional<double> ParseNumber(std::string_view text) {
  std::string digits;
  for (const char ch : text) {
    if (ch != ',' && ch != '_') digits += ch;
  }
  if (digits.empty()) return 0.0;
  if (digits.front() == '+') digits.erase(0, 1);
  double value = 0;
  const char* end = digits.data() + digits.size();
  const auto [ptr, ec] = std::from_chars(digits.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

core::Error BadField(std::string_view file, std::int64_t line, Column column, std::string message) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message),
                         core::Location{.file = std::string(file),
                                        .line = line,
                                        .field = std::string(kColumnNames[column])});
}

core::Result<Holding> ParseRow(const sources::CsvRecord& record,
                               const std::array<int, kColumnCount>& at, std::string_view file) {
  const auto get = [&](Column column) {
    const int idx = at[column];
    return idx < 0 || static_cast<std::size_t>(idx) >= record.fields.size()
               ? std::string()
               : Trim(record.fields[static_cast<std::size_t>(idx)]);
  };
  Holding row;
  row.line = record.line;
  row.fund = get(kFund);
  if (row.fund.empty()) return BadField(file, row.line, kFund, "is empty (every row names its fund)");
  row.isin = Upper(get(kIsin));
  if (!row.isin.empty() && !rules::IsValidIsin(row.isin)) {
    return BadField(file, row.line, kIsin,
                    fmt::format("\"{}\" is not an ISIN (2 letters, 9 letters or digits, check "
                                "digit; ISO 6166)", row.isin));
  }
  row.cusip = Upper(get(kCusip));
  if (!row.cusip.empty() && !IsValidCusip(row.cusip)) {
    return BadField(file, row.line, kCusip,
                    fmt::format("\"{}\" is not a CUSIP (9 characters with check digit)", row.cusip));
  }
  row.sedol = Upper(get(kSedol));
  if (!row.sedol.empty() && !IsValidSedol(row.sedol)) {
    return BadField(file, row.line, kSedol,
                    fmt::format("\"{}\" is not a SEDOL (7 characters with check digit)", row.sedol));
  }
  row.ticker = get(kTicker);
  row.exchange = get(kExchange);
  row.issuer_name = get(kIssuer);
  if (row.isin.empty() && row.cusip.empty() && row.sedol.empty() && row.ticker.empty() &&
      row.issuer_name.empty()) {
    return BadField(file, row.line, kIssuer,
                    "the row names no security: give an isin, cusip, sedol, ticker or issuer_name");
  }
  for (const auto& [column, target] : {std::pair{kQuantity, &row.quantity},
                                       std::pair{kValue, &row.market_value}}) {
    const std::string text = get(column);
    const auto value = ParseNumber(text);
    if (!value) {
      return BadField(file, row.line, column, fmt::format("\"{}\" is not a number", text));
    }
    *target = *value;
  }
  const std::string acquired = get(kAcquired);
  if (!acquired.empty()) {
    const auto date = core::ParseDate(acquired);
    if (!date || !date->full() || acquired.size() != 10 || acquired[4] != '-') {
      return BadField(file, row.line, kAcquired,
                      fmt::format("\"{}\" is not a date (expected YYYY-MM-DD)", acquired));
    }
    row.acquisition_date = *date;
  }
  return row;
}

}  // namespace

std::vector<std::string> Holding::Isins() const {
  std::vector<std::string> out;
  if (!isin.empty()) out.push_back(isin);
  // A CUSIP with * @ # (private placements) has no ISIN: ISINs are letters and digits only.
  if (!cusip.empty() && cusip.find_first_of("*@#") == std::string::npos) {
    out.push_back(IsinFromCusip(cusip));
  }
  if (!sedol.empty()) out.push_back(IsinFromSedol(sedol));
  return out;
}

std::string Holding::SecurityLabel() const {
  if (!isin.empty()) return isin;
  if (!cusip.empty()) return "CUSIP " + cusip;
  if (!sedol.empty()) return "SEDOL " + sedol;
  if (!ticker.empty()) return exchange.empty() ? ticker : ticker + " " + exchange;
  return issuer_name;
}

core::Result<std::vector<Holding>> ParseHoldingsCsv(std::string_view data,
                                                    std::string_view file_name) {
  sources::CsvReader reader(data, sources::CsvOptions{.file_name = std::string(file_name)});
  auto header = reader.Next();
  if (!header) return header.error();
  if (!*header) {
    return core::MakeError(core::ErrorCode::kParse, "the file is empty (expected a header row)",
                           core::Location{.file = std::string(file_name), .line = 1});
  }
  std::array<int, kColumnCount> at;
  at.fill(-1);
  for (std::size_t idx = 0; idx < (*header)->fields.size(); ++idx) {
    if (auto column = ColumnOf(Trim((*header)->fields[idx]))) {
      if (at[*column] < 0) at[*column] = static_cast<int>(idx);
    }
  }
  if (at[kFund] < 0 ||
      (at[kIsin] < 0 && at[kTicker] < 0 && at[kCusip] < 0 && at[kSedol] < 0 && at[kIssuer] < 0)) {
    return core::MakeError(
        core::ErrorCode::kParse,
        "the header must name a fund column and at least one of isin, ticker, cusip, sedol, "
        "issuer_name (columns: fund,isin,ticker,issuer_name,quantity,market_value,"
        "acquisition_date)",
        core::Location{.file = std::string(file_name), .line = (*header)->line});
  }
  std::vector<Holding> rows;
  while (true) {
    auto record = reader.Next();
    if (!record) return record.error();
    if (!*record) break;
    auto row = ParseRow(**record, at, file_name);
    if (!row) return row.error();
    rows.push_back(std::move(*row));
  }
  return rows;
}

std::optional<char> IsinCheckDigit(std::string_view first11) {
  if (first11.size() != 11) return std::nullopt;
  std::string digits;
  for (const char ch : first11) {
    const int value = CharValue(ch);
    if (value < 0) return std::nullopt;
    digits += std::to_string(value);
  }
  // Luhn over the expanded digits: double every second digit from the right, starting with the
  // rightmost (the check digit is appended after it).
  int sum = 0;
  bool twice = true;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int digit = *it - '0';
    if (twice) digit *= 2;
    sum += digit / 10 + digit % 10;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// CUSIP: 8 characters (digits, letters, * @ #) and a check digit: double every second value,
// sum the digits of each (CUSIP Global Services, "CUSIP check digit").
bool IsValidCusip(std::string_view cusip) {
  if (cusip.size() != 9 || !std::isdigit(static_cast<unsigned char>(cusip[8]))) return false;
  int sum = 0;
  for (std::size_t idx = 0; idx < 8; ++idx) {
    const char ch = cusip[idx];
    int value = CharValue(ch);
    if (ch == '*') value = 36;
    if (ch == '@') value = 37;
    if (ch == '#') value = 38;
    if (value < 0) return false;
    if (idx % 2 == 1) value *= 2;
    sum += value / 10 + value % 10;
  }
  return (10 - sum % 10) % 10 == cusip[8] - '0';
}

// SEDOL: 6 characters (digits, consonants) and a check digit with weights 1 3 1 7 3 9
// (London Stock Exchange SEDOL Masterfile technical specification).
bool IsValidSedol(std::string_view sedol) {
  constexpr std::array<int, 6> kWeights = {1, 3, 1, 7, 3, 9};
  if (sedol.size() != 7 || !std::isdigit(static_cast<unsigned char>(sedol[6]))) return false;
  int sum = 0;
  for (std::size_t idx = 0; idx < 6; ++idx) {
    const char ch = sedol[idx];
    const int value = CharValue(ch);
    if (value < 0 || std::string_view("AEIOU").find(ch) != std::string_view::npos) return false;
    sum += value * kWeights[idx];
  }
  return (10 - sum % 10) % 10 == sedol[6] - '0';
}

std::string IsinFromCusip(std::string_view cusip) {
  std::string isin = "US" + std::string(cusip);
  return isin + IsinCheckDigit(isin).value_or('0');
}

std::string IsinFromSedol(std::string_view sedol) {
  std::string isin = "GB00" + std::string(sedol);
  return isin + IsinCheckDigit(isin).value_or('0');
}

}  // namespace redflag::holdings
