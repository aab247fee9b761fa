// Dates as the lists give them: full (2019-10-09), year-month (1968-02), year only (1968), with
// "circa" and ranges ("1960 to 1962") for dates of birth.
//
// PartialDate is a value type; 0 in month/day means "not given". Comparisons treat a partial
// date as the whole period it names: Contains() answers "could 1968-02-11 be in 1968-02?".
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redflag::core {

struct PartialDate {
  std::int16_t year = 0;   // 0 = no date
  std::int8_t month = 0;   // 1..12, 0 = not given
  std::int8_t day = 0;     // 1..31, 0 = not given

  bool empty() const { return year == 0; }
  bool full() const { return year != 0 && month != 0 && day != 0; }
  // "YYYY", "YYYY-MM" or "YYYY-MM-DD"; "" when empty.
  std::string ToString() const;
  // First and last day of the period this date names (full dates: itself).
  PartialDate First() const;
  PartialDate Last() const;
  // Days since 1970-01-01 of First(); only meaningful when !empty().
  std::int32_t ToDays() const;
  static PartialDate FromDays(std::int32_t days);
  bool Contains(const PartialDate& other) const;

  friend auto operator<=>(const PartialDate&, const PartialDate&) = default;
};

// Parses one date in the forms the official lists use:
//   2019-10-09, 2019-10, 2019, 2019/10/09, 09/10/2019 (with `order`), 10/09/2019 (US),
//   09.10.2019, 9 Oct 2019, 09 OCT 2019, Oct 9, 2019, Oct 2019, 2019-10-09T00:00:00 (time dropped).
// Returns nullopt when the text is not a valid date (month 13, day 31 in April, year < 1000 ...).
enum class NumericDateOrder : std::uint8_t { kDayMonthYear, kMonthDayYear };
std::optional<PartialDate> ParseDate(std::string_view text,
                                     NumericDateOrder order = NumericDateOrder::kDayMonthYear);

// A date of birth (or of building, for vessels) with the uncertainty the source states.
struct BirthDate {
  PartialDate from;   // the date, or the start of a range
  PartialDate to;     // end of a range; empty unless the source gives a range
  bool circa = false;
  std::string raw;    // the text as the source wrote it

  // Earliest and latest year this could be, widened by `circa_years` when circa.
  int MinYear(int circa_years = 2) const;
  int MaxYear(int circa_years = 2) const;
  friend bool operator==(const BirthDate&, const BirthDate&) = default;
};

// Parses "circa 1960", "c. 1960", "1960 to 1962", "1960-1962", "between 1960 and 1962",
// "01 Jan 1960", "1960" ... Several dates separated by ';' or ',' are not split here.
std::optional<BirthDate> ParseBirthDate(std::string_view text,
                                        NumericDateOrder order = NumericDateOrder::kDayMonthYear);

// Today's date in UTC.
PartialDate Today();
// Now in UTC with milliseconds, "2026-12-06T18:50:46.123Z": the timestamp of stored records
// (alerts, audit entries, votes) and of the server's log lines.
std::string NowUtcMillis();

}  // namespace redflag::core
