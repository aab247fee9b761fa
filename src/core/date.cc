#include "core/date.h"

#include <array>
#include <cctype>
#include <chrono>
#include <ctime>
#include <fmt/format.h>

namespace redflag::core {
namespace {

constexpr std::array<std::string_view, 12> kMonthNames = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

bool Valid(int year, int month, int day) {
  if (year < 1000 || year > 9999) return false;
  if (month < 0 || month > 12) return false;
  if (month == 0) return day == 0;
  return day >= 0 && day <= DaysInMonth(year, month);
}

std::optional<PartialDate> Make(int year, int month, int day) {
  if (!Valid(year, month, day)) return std::nullopt;
  return PartialDate{static_cast<std::int16_t>(year), static_cast<std::int8_t>(month),
                     static_cast<std::int8_t>(day)};
}

// Token of a date text: a number or a word (month name).
struct Token {
  bool number = false;
  int value = 0;
  int digits = 0;
  std::string word;
};

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char ch = static_cast<unsigned char>(text[pos]);
    if (std::isdigit(ch)) {
      Token token{.number = true};
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        if (token.digits < 9) token.value = token.value * 10 + (text[pos] - '0');
        ++token.digits;
        ++pos;
      }
      tokens.push_back(token);
    } else if (std::isalpha(ch)) {
      Token token;
      while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) {
        token.word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[pos])));
        ++pos;
      }
      tokens.push_back(std::move(token));
    } else {
      ++pos;
    }
  }
  return tokens;
}

int MonthFromWord(std::string_view word) {
  if (word.size() < 3) return 0;
  for (std::size_t idx = 0; idx < kMonthNames.size(); ++idx) {
    if (word.substr(0, 3) == kMonthNames[idx]) {
      // Accept "oct", "october", "sept"; reject words that only start like a month ("marine").
      static constexpr std::array<std::string_view, 12> kFull = {
          "january", "february", "march", "april", "may", "june",
          "july", "august", "september", "october", "november", "december"};
      if (word.size() == 3 || kFull[idx].substr(0, word.size()) == word ||
          (idx == 8 && word == "sept")) {
        return static_cast<int>(idx) + 1;
      }
    }
  }
  return 0;
}

}  // namespace

std::string PartialDate::ToString() const {
  if (empty()) return {};
  if (month == 0) return fmt::format("{:04d}", year);
  if (day == 0) return fmt::format("{:04d}-{:02d}", year, month);
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

PartialDate PartialDate::First() const {
  if (empty()) return *this;
  return PartialDate{year, month == 0 ? std::int8_t{1} : month, day == 0 ? std::int8_t{1} : day};
}

PartialDate PartialDate::Last() const {
  if (empty()) return *this;
  const int last_month = month == 0 ? 12 : month;
  const int last_day = day == 0 ? DaysInMonth(year, last_month) : day;
  return PartialDate{year, static_cast<std::int8_t>(last_month),
                     static_cast<std::int8_t>(last_day)};
}

std::int32_t PartialDate::ToDays() const {
  // Howard Hinnant's days_from_civil.
  const PartialDate first = First();
  int y = first.year;
  const unsigned m = static_cast<unsigned>(first.month);
  const unsigned d = static_cast<unsigned>(first.day);
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

PartialDate PartialDate::FromDays(std::int32_t days) {
  days += 719468;
  const int era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return PartialDate{static_cast<std::int16_t>(y + (m <= 2)), static_cast<std::int8_t>(m),
                     static_cast<std::int8_t>(d)};
}

bool PartialDate::Contains(const PartialDate& other) const {
  if (empty() || other.empty()) return false;
  return First() <= other.First() && other.Last() <= Last();
}

std::optional<PartialDate> ParseDate(std::string_view text, NumericDateOrder order) {
  // Drop a time part: "2019-10-09T00:00:00" or "2019-10-09 00:00:00".
  if (const auto t_pos = text.find('T'); t_pos == 10) text = text.substr(0, t_pos);
  if (text.size() > 10 && text[10] == ' ' && text.find(':') != std::string_view::npos) {
    text = text.substr(0, 10);
  }
  const std::vector<Token> tokens = Tokenize(text);
  if (tokens.empty() || tokens.size() > 3) return std::nullopt;
  std::vector<int> numbers;
  int month_word = 0;
  for (const Token& token : tokens) {
    if (token.number) {
      numbers.push_back(token.digits > 4 ? -1 : token.value);
      if (token.digits > 4) return std::nullopt;
    } else {
      const int month = MonthFromWord(token.word);
      if (month == 0 || month_word != 0) return std::nullopt;
      month_word = month;
    }
  }
  const bool first_is_year = tokens.front().number && tokens.front().digits == 4;
  if (month_word != 0) {
    // "9 Oct 2019", "Oct 9, 2019", "Oct 2019", "2019 Oct 9".
    if (numbers.size() == 1) return Make(numbers[0], month_word, 0);
    if (numbers.size() != 2) return std::nullopt;
    if (first_is_year) return Make(numbers[0], month_word, numbers[1]);
    return Make(numbers[1], month_word, numbers[0]);
  }
  if (numbers.size() == 1) return tokens[0].digits == 4 ? Make(numbers[0], 0, 0) : std::nullopt;
  if (numbers.size() == 2) {
    // "2019-10" or "10/2019".
    if (first_is_year) return Make(numbers[0], numbers[1], 0);
    if (tokens[1].digits == 4) return Make(numbers[1], numbers[0], 0);
    return std::nullopt;
  }
  if (first_is_year) return Make(numbers[0], numbers[1], numbers[2]);
  if (tokens[2].digits != 4) return std::nullopt;
  if (order == NumericDateOrder::kMonthDayYear) return Make(numbers[2], numbers[0], numbers[1]);
  return Make(numbers[2], numbers[1], numbers[0]);
}

int BirthDate::MinYear(int circa_years) const {
  return from.year - (circa ? circa_years : 0);
}

int BirthDate::MaxYear(int circa_years) const {
  return (to.empty() ? from.year : to.year) + (circa ? circa_years : 0);
}

std::optional<BirthDate> ParseBirthDate(std::string_view text, NumericDateOrder order) {
  BirthDate out;
  out.raw = std::string(text);
  std::string lowered;
  for (char ch : text) lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::string_view rest = lowered;
  auto trim = [](std::string_view view) {
    while (!view.empty() && (view.front() == ' ' || view.front() == '\t')) view.remove_prefix(1);
    while (!view.empty() && (view.back() == ' ' || view.back() == '\t' || view.back() == '.')) {
      view.remove_suffix(1);
    }
    return view;
  };
  rest = trim(rest);
  for (std::string_view prefix : {"circa", "approximately", "approx.", "approx", "about", "ca.",
                                  "c.", "ca "}) {
    if (rest.substr(0, prefix.size()) == prefix) {
      out.circa = true;
      rest = trim(rest.substr(prefix.size()));
      break;
    }
  }
  if (rest.substr(0, 8) == "between ") rest = trim(rest.substr(8));
  for (std::string_view separator : {" to ", " and ", " - ", " through "}) {
    if (const auto pos = rest.find(separator); pos != std::string_view::npos) {
      const auto from = ParseDate(trim(rest.substr(0, pos)), order);
      const auto to = ParseDate(trim(rest.substr(pos + separator.size())), order);
      if (!from || !to || *to < *from) return std::nullopt;
      out.from = *from;
      out.to = *to;
      return out;
    }
  }
  // "1960-1962": two 4-digit years joined by a dash.
  if (rest.size() == 9 && rest[4] == '-' && ParseDate(rest.substr(0, 4)) &&
      ParseDate(rest.substr(5, 4))) {
    out.from = *ParseDate(rest.substr(0, 4));
    out.to = *ParseDate(rest.substr(5, 4));
    if (out.to < out.from) return std::nullopt;
    return out;
  }
  const auto date = ParseDate(rest, order);
  if (!date) return std::nullopt;
  out.from = *date;
  return out;
}

PartialDate Today() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count();
  return PartialDate::FromDays(static_cast<std::int32_t>(days));
}

std::string NowUtcMillis() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:03}Z", buffer, millis);
}

}  // namespace redflag::core
