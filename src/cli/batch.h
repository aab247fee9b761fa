// Batch jobs over CSV or JSON-lines input with JSON-lines output: read all rows, process them on
// every core, write one output line per input row, show progress on stderr, and resume a killed
// run without redoing finished rows (rows whose id already has a complete line in the output are
// skipped; a torn last line is cut off first). Output order is completion order.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace redflag::cli {

// The rows are held compactly: every cell's bytes in one arena and 8 bytes per cell for its end
// (a 1,000,000-row, 3-column CSV takes about the file's size plus 48 MB, not 250 MB of strings).
class BatchInput {
 public:
  std::vector<std::string> columns;             // header (CSV) or the union of keys (JSONL)
  std::string file;                             // where the rows came from, for messages

  int Column(std::string_view name) const;      // -1 when absent
  std::size_t Rows() const { return rows_.size(); }
  // The value of row `row` in column `col`; "" when the row has none or `col` < 0.
  std::string_view Cell(std::size_t row, int col) const;
  std::int64_t Line(std::size_t row) const { return rows_[row].line; }  // 1-based input line
  // Why the row could not be read ("" when it could): such a row has no cells, and its output
  // line is an error object. Only when the input was read with BatchErrors::kPerRow.
  std::string_view RowError(std::size_t row) const;

  // Appends a row; `cells[i]` is the value of column i (missing trailing cells are "").
  template <typename Cells>
  void AddRow(const Cells& cells, std::int64_t line) {
    rows_.push_back(RowRef{.first_cell = cell_ends_.size(),
                           .cell_count = static_cast<std::uint32_t>(std::size(cells)),
                           .line = line,
                           .error = 0});
    for (const auto& cell : cells) {
      arena_.append(cell);
      cell_ends_.push_back(arena_.size());
    }
  }
  void AddBadRow(std::string error, std::int64_t line);

 private:
  struct RowRef {
    std::size_t first_cell = 0;
    std::uint32_t cell_count = 0;
    std::int64_t line = 0;
    std::uint32_t error = 0;  // 1 + index into errors_, 0 for none
  };
  std::vector<std::string> errors_;
  std::string arena_;
  std::vector<std::size_t> cell_ends_;
  std::vector<RowRef> rows_;
};

enum class BatchFormat : std::uint8_t { kAuto, kCsv, kJsonLines };
// The one policy for bad rows (README "Batch input"): by default a row that cannot be read or
// processed gets an error object in the output (with its input line) and the batch goes on; the
// command then exits 1. kStop (--strict) stops at the first bad row with file and line.
enum class BatchErrors : std::uint8_t { kPerRow, kStop };
struct BatchReadOptions {
  BatchFormat format = BatchFormat::kAuto;  // kAuto: .jsonl/.json/.ndjson -> JSON lines, else CSV
  BatchErrors errors = BatchErrors::kPerRow;
};

// CSV with a header, or JSON lines (one object per line; values turned into strings).
// `required` columns must exist. A file that is not text (a NUL byte in its first 64 KiB) is
// refused whole, as is a CSV whose quoting breaks (its rows cannot be told apart any more).
core::Result<BatchInput> ReadBatchInput(const std::filesystem::path& path,
                                        const std::vector<std::string>& required,
                                        const BatchReadOptions& options = {});
// "csv", "jsonl" or "auto" (--format) -> BatchFormat; kInvalidArgument for anything else.
core::Result<BatchFormat> ParseBatchFormat(std::string_view name);

struct BatchOptions {
  std::string id_column;      // the column that identifies a row in the output ("query_id")
  unsigned threads = 0;       // 0 = every core
  bool progress = true;       // progress bar on stderr
  std::string what = "rows";  // noun for the progress bar
  BatchErrors errors = BatchErrors::kPerRow;
};

struct BatchStats {
  std::size_t total = 0;
  std::size_t skipped = 0;    // already in the output from an earlier run
  std::size_t processed = 0;
  std::size_t failed = 0;     // rows whose output line is an error object
  double seconds = 0;
};

// What became of one row: `failed` when its output line is an error object, with the error's
// message (used by --strict to say why it stopped).
struct RowOutcome {
  bool failed = false;
  std::string error;
};
// `process(row_idx)` returns the row's output line (JSON, without newline) and fills `outcome`.
// Called from several threads at once. With BatchErrors::kStop the first failed row ends the
// batch: the rows finished before it stay in the output, and RunBatch returns the row's error
// with the input file and line.
using RowProcessor = std::function<std::string(std::size_t row_idx, RowOutcome& outcome)>;
core::Result<BatchStats> RunBatch(const BatchInput& input, const std::filesystem::path& output,
                                  const BatchOptions& options, const RowProcessor& process);

// "1 name", "2 names": counts in messages.
std::string Count(std::size_t count, std::string_view noun);
// After a batch: when rows failed, says how many and where to find them on stderr and returns
// kExitRowErrors; else kExitOk.
int ReportRowErrors(const BatchStats& stats, const std::filesystem::path& output);

}  // namespace redflag::cli
