// A portfolio holdings file (`redflag holdings check`): one row per position, CSV with a header.
//
// Columns (header names are case-insensitive; order free; extra columns ignored):
//   fund (or portfolio)            required, non-empty on every row
//   isin, ticker, exchange, cusip, sedol, issuer_name (or issuer)
//                                  at least one of isin/ticker/cusip/sedol/issuer_name per row
//   quantity, market_value         decimal numbers, may be empty (0), may be negative (shorts)
//   acquisition_date               YYYY-MM-DD or empty
// ISINs, CUSIPs and SEDOLs are checked (ISO 6166 / CUSIP / SEDOL check digits); a CUSIP gives
// the US ISIN and a SEDOL the GB ISIN it is embedded in, so identifiers are matched first.
//
// Failure: kParse (CSV structure) or kInvalidArgument (a bad value) with the file, the 1-based
// line and the column, e.g. `h.csv:17: field "isin": "CNE100000PM9" fails the ISIN check digit`.
// The first bad row stops the parse: a compliance report must not silently leave a row out.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace redflag::holdings {

struct Holding {
  std::int64_t line = 0;  // 1-based line of the row in the file
  std::string fund;
  std::string isin;       // upper case, validated; "" when not given
  std::string ticker;
  std::string exchange;
  std::string cusip;      // upper case, validated
  std::string sedol;      // upper case, validated
  std::string issuer_name;
  double quantity = 0;
  double market_value = 0;
  core::PartialDate acquisition_date;  // empty when not given

  // The ISINs this row is known by: `isin`, and the ones embedded CUSIP/SEDOL give (none for a
  // CUSIP with * @ #, which no ISIN can embed).
  std::vector<std::string> Isins() const;
  // ISIN, else CUSIP, SEDOL, ticker (with exchange), else the issuer name: what a person reads.
  std::string SecurityLabel() const;
};

core::Result<std::vector<Holding>> ParseHoldingsCsv(std::string_view data,
                                                    std::string_view file_name);

// Check digits. IsinCheckDigit takes the first 11 characters (upper-case letters and digits).
std::optional<char> IsinCheckDigit(std::string_view first11);
bool IsValidCusip(std::string_view cusip);
bool IsValidSedol(std::string_view sedol);
// "US" + CUSIP + check digit; "GB00" + SEDOL + check digit. REQUIRES: a valid CUSIP / SEDOL.
std::string IsinFromCusip(std::string_view cusip);
std::string IsinFromSedol(std::string_view sedol);

}  // namespace redflag::holdings
