#include "sources/csv_reader.h"

#include <fmt/format.h>

#include <utility>

namespace redflag::sources {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr char kCtrlZ = '\x1A';

bool IsLineEnd(char ch) { return ch == '\n' || ch == '\r'; }

// Printable form of one byte for error messages.
std::string Describe(char ch) {
  const auto byte = static_cast<unsigned char>(ch);
  if (byte >= 0x20 && byte < 0x7F) return fmt::format("'{}'", ch);
  return fmt::format("byte 0x{:02X}", byte);
}

}  // namespace

CsvReader::CsvReader(std::string_view data, CsvOptions options)
    : data_(data), options_(std::move(options)) {
  if (data_.starts_with(kUtf8Bom)) data_.remove_prefix(kUtf8Bom.size());
  if (options_.strip_ctrl_z) {
    // The DOS end-of-file marker ends the data; line ends around it are the last record's own.
    std::size_t end = data_.size();
    while (end > 0 && IsLineEnd(data_[end - 1])) --end;
    if (end > 0 && data_[end - 1] == kCtrlZ) data_ = data_.substr(0, end - 1);
  }
}

core::Result<std::optional<CsvRecord>> CsvReader::Next() {
  if (failed_) return *failed_;
  const char delimiter = options_.delimiter;
  const char quote = options_.quote;

  // Consumes one line end at pos_ (CRLF, LF or CR) and counts it.
  auto consume_line_end = [this] {
    if (data_[pos_] == '\r' && pos_ + 1 < data_.size() && data_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  };

  if (options_.skip_empty_lines) {
    while (pos_ < data_.size() && IsLineEnd(data_[pos_])) consume_line_end();
  }
  if (pos_ >= data_.size()) return std::optional<CsvRecord>();

  CsvRecord record;
  record.line = line_;
  std::string field;
  while (true) {
    // At the start of a field.
    if (pos_ < data_.size() && data_[pos_] == quote) {
      const std::int64_t open_line = line_;
      ++pos_;
      bool closed = false;
      while (pos_ < data_.size()) {
        const char ch = data_[pos_];
        if (ch == quote) {
          if (pos_ + 1 < data_.size() && data_[pos_ + 1] == quote) {
            field += quote;
            pos_ += 2;
            continue;
          }
          ++pos_;
          closed = true;
          break;
        }
        if (IsLineEnd(ch)) {
          // Keep the line end as written inside the field, but count it.
          const std::size_t start = pos_;
          consume_line_end();
          field.append(data_.substr(start, pos_ - start));
          continue;
        }
        field += ch;
        ++pos_;
      }
      if (!closed) {
        failed_ = core::MakeError(
            core::ErrorCode::kParse,
            fmt::format("unterminated quoted field opened on line {} (field {} of the record)",
                        open_line, record.fields.size() + 1),
            core::Location{options_.file_name, record.line, {}, {}});
        return *failed_;
      }
      // After the closing quote only a delimiter or a line end may follow.
      while (pos_ < data_.size() && data_[pos_] != delimiter && !IsLineEnd(data_[pos_])) {
        if (!options_.allow_text_after_quote) {
          failed_ = core::MakeError(
              core::ErrorCode::kParse,
              fmt::format("unexpected {} after the closing quote of field {} (expected '{}' or "
                          "end of line)",
                          Describe(data_[pos_]), record.fields.size() + 1, delimiter),
              core::Location{options_.file_name, line_, {}, {}});
          return *failed_;
        }
        field += data_[pos_];
        ++pos_;
      }
    } else {
      while (pos_ < data_.size() && data_[pos_] != delimiter && !IsLineEnd(data_[pos_])) {
        field += data_[pos_];
        ++pos_;
      }
    }
    record.fields.push_back(std::move(field));
    field.clear();
    if (pos_ >= data_.size()) break;
    if (data_[pos_] == delimiter) {
      ++pos_;
      continue;  // a delimiter at the very end still opens one more (empty) field
    }
    consume_line_end();
    break;
  }
  return std::optional<CsvRecord>(std::move(record));
}

}  // namespace redflag::sources
