// Diagnostics: the per-record problems a parser met and what it did about each.
//
// A parser reports a bad record here and goes on; it returns an Error only when the whole file
// cannot be trusted (see docs/sources.md for the per-source policy). Each entry says where
// (file, line or element, field), the original text, what was expected, and what happened to
// the record, e.g.
//   lists/us_csl/consolidated.csv:4812: field "dates_of_birth": "1968-13-02" is not a date
//   (expected YYYY, YYYY-MM or YYYY-MM-DD); record kept without a birth date
// Not thread-safe: one Diagnostics per parse.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/error.h"

namespace redflag::core {

enum class Severity : std::uint8_t { kInfo, kWarning, kError };

struct Diagnostic {
  Severity severity = Severity::kWarning;
  Location where;
  std::string original;  // the offending text, cut to 200 bytes
  std::string message;   // what is wrong and what was expected
  std::string action;    // what happened to the record ("record skipped", "field dropped")
  std::string ToString() const;
};

class Diagnostics {
 public:
  // Keeps at most `max_kept` entries in full (counts go on past it) so that a file with a
  // million bad rows cannot exhaust memory.
  explicit Diagnostics(std::size_t max_kept = 10000) : max_kept_(max_kept) {}

  void Add(Severity severity, Location where, std::string original, std::string message,
           std::string action);
  void Warn(Location where, std::string original, std::string message, std::string action) {
    Add(Severity::kWarning, std::move(where), std::move(original), std::move(message),
        std::move(action));
  }
  void Fail(Location where, std::string original, std::string message, std::string action) {
    Add(Severity::kError, std::move(where), std::move(original), std::move(message),
        std::move(action));
  }
  void Info(Location where, std::string message) {
    Add(Severity::kInfo, std::move(where), {}, std::move(message), {});
  }

  const std::vector<Diagnostic>& entries() const { return entries_; }
  std::size_t warnings() const { return warnings_; }
  std::size_t errors() const { return errors_; }
  bool HasErrors() const { return errors_ > 0; }
  void Merge(const Diagnostics& other);
  // The first `limit` entries, one per line, then "... and N more".
  std::string Format(std::size_t limit = 20) const;

 private:
  std::size_t max_kept_;
  std::vector<Diagnostic> entries_;
  std::size_t warnings_ = 0;
  std::size_t errors_ = 0;
  std::size_t dropped_ = 0;
};

}  // namespace redflag::core
