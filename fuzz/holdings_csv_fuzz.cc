// libFuzzer target: arbitrary bytes into holdings::ParseHoldingsCsv and the CSV field escaper.
// Any crash, sanitizer report, hang or escaping exception is a bug. Every parsed row must have a
// fund, valid identifiers (the ISIN check digit, CUSIP/SEDOL-derived ISINs valid too) and lines
// that increase; an error must name the file and a line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "holdings/holdings.h"
#include "report/report.h"
#include "rules/transaction.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace redflag;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto rows = holdings::ParseHoldingsCsv(input, "holdings.csv");
  if (!rows) {
    if (rows.error().where.file != "holdings.csv" || rows.error().where.line < 1) std::abort();
    return 0;
  }
  std::int64_t last_line = 1;
  for (const holdings::Holding& row : *rows) {
    if (row.fund.empty() || row.line <= last_line) std::abort();
    last_line = row.line;
    for (const std::string& isin : row.Isins()) {
      if (!rules::IsValidIsin(isin)) std::abort();
    }
    const std::string field = report::CsvField(row.issuer_name);
    if (field.find_first_of("\r\n") != std::string::npos && field.front() != '"') std::abort();
  }
  return 0;
}
