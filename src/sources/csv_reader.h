// A small RFC 4180 CSV reader over an in-memory buffer, with line tracking for error messages.
//
// Accepts what official list files actually contain:
// - records ended by CRLF, LF or a lone CR (all count as one line each); the last record may
//   lack a line end;
// - quoted fields with "" as an escaped quote, and with delimiters and line ends inside;
// - a UTF-8 byte-order mark at the start (dropped);
// - a DOS end-of-file byte 0x1A (Ctrl-Z) at the end, optionally followed by line ends (dropped
//   when `strip_ctrl_z`, the default);
// - a quote character inside an unquoted field is kept as a literal character (`5" gun`).
// Empty lines (outside quotes) are skipped when `skip_empty_lines`, the default.
//
// Fails (returns an Error with code kParse, the file name and the line) on:
// - a quoted field that is never closed ("unterminated quoted field opened on line N");
// - text after a closing quote other than a delimiter or line end (`"abc"x,`), unless
//   `allow_text_after_quote`, in which case the text is appended to the field.
// After an Error the reader stays at end: every later Next() returns the same Error.
//
// Bytes are passed through unchanged (no encoding conversion). Fields are copies, so a record
// outlives the reader; the reader itself keeps a view of `data`, which must outlive it.
// Not thread-safe; use one reader per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace redflag::sources {

struct CsvOptions {
  char delimiter = ',';
  char quote = '"';
  bool strip_ctrl_z = true;
  std::string file_name;  // used in error locations only
  bool skip_empty_lines = true;
  bool allow_text_after_quote = false;
};

struct CsvRecord {
  std::vector<std::string> fields;
  std::int64_t line = 0;  // 1-based line where the record starts
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view data, CsvOptions options = {});

  // Next record; nullopt at end; Error on an unterminated quote etc. with the line number.
  core::Result<std::optional<CsvRecord>> Next();

  // 1-based line the reader is at (the line the next record would start on).
  std::int64_t line() const { return line_; }

 private:
  std::string_view data_;
  CsvOptions options_;
  std::size_t pos_ = 0;
  std::int64_t line_ = 1;
  std::optional<core::Error> failed_;
};

}  // namespace redflag::sources
