// Reading a book file: counterparties to monitor (docs/monitoring.md, "Book files").
//
// CSV with a header (columns customer_ref and name required; type, country, dob and id optional;
// any other column kept as an attribute) or JSON lines (one object per line with the same keys;
// other keys kept as attributes). The file is read whole and checked whole: every problem is
// reported with the file, line and field, duplicate customer_refs name both lines, and a file
// with any error imports nothing (ParsedBook::errors non-empty).
// Pure functions of their input; thread-safe. Never throws (nlohmann exceptions caught here).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/book_store.h"

namespace redflag::monitor {

enum class BookFormat : std::uint8_t { kCsv, kJsonLines };

struct ParsedBook {
  std::vector<store::BookRow> rows;  // in file order
  std::vector<core::Error> errors;   // kParse / kValidation, each with file, line and field
};

// Format from the file name: ".jsonl" / ".ndjson" -> JSON lines, anything else CSV.
BookFormat BookFormatFor(std::string_view file_name);

// Parses `data` (the whole file). At most `max_errors` errors are kept (the count goes on).
ParsedBook ParseBook(std::string_view data, std::string_view file_name, BookFormat format,
                     std::size_t max_errors = 100);

}  // namespace redflag::monitor
