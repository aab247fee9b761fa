// Batch jobs over CSV or JSON-lines input with JSON-lines output: read all rows, process them on
// every core, write one output line per input row, show progress on stderr, and resume a killed
// run without redoing finished rows (rows whose id already has a complete line in the output are
// skipped; a torn last line is cut off first). Output order is completion order.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/error.h"

namespace redflag::cli {

struct BatchInput {
  std::vector<std::string> columns;             // header (CSV) or the union of keys (JSONL)
  std::vector<std::vector<std::string>> rows;   // one value per column, "" when missing
  std::vector<std::int64_t> lines;              // 1-based input line of each row
  int Column(std::string_view name) const;      // -1 when absent
};

// CSV with a header, or JSON lines (one object per line; values turned into strings), chosen by
// extension (.jsonl/.json/.ndjson -> JSON lines, otherwise CSV). `required` columns must exist.
core::Result<BatchInput> ReadBatchInput(const std::filesystem::path& path,
                                        const std::vector<std::string>& required);

struct BatchOptions {
  std::string id_column;      // the column that identifies a row in the output ("query_id")
  unsigned threads = 0;       // 0 = every core
  bool progress = true;       // progress bar on stderr
  std::string what = "rows";  // noun for the progress bar
};

struct BatchStats {
  std::size_t total = 0;
  std::size_t skipped = 0;    // already in the output from an earlier run
  std::size_t processed = 0;
  std::size_t failed = 0;     // rows whose output line is an error object
  double seconds = 0;
};

// `process(row_idx)` returns the row's output line (JSON, without newline) and sets `failed`
// when that line reports an error. Called from several threads at once.
using RowProcessor = std::function<std::string(std::size_t row_idx, bool& failed)>;
core::Result<BatchStats> RunBatch(const BatchInput& input, const std::filesystem::path& output,
                                  const BatchOptions& options, const RowProcessor& process);

}  // namespace redflag::cli
