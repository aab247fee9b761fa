// Feeds arbitrary bytes to the book parser, as CSV and as JSON lines: rows or errors, never a
// crash, hang or exception. Kept rows have a unique, non-empty customer_ref and a name; every
// error names the file.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "monitor/book_file.h"

namespace {

void Check(const redflag::monitor::ParsedBook& book) {
  std::set<std::string> refs;
  for (const auto& row : book.rows) {
    if (row.customer_ref.empty() || row.name.empty() || !refs.insert(row.customer_ref).second) {
      __builtin_trap();
    }
  }
  for (const auto& error : book.errors) {
    if (error.where.file != "fuzz.book") __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using redflag::monitor::BookFormat;
  Check(redflag::monitor::ParseBook(text, "fuzz.book", BookFormat::kCsv));
  Check(redflag::monitor::ParseBook(text, "fuzz.book", BookFormat::kJsonLines));
  return 0;
}
