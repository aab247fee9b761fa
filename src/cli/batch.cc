#include "cli/batch.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "core/json_text.h"
#include "core/quote.h"
#include "sources/csv_reader.h"

namespace redflag::cli {
namespace {

core::Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::MakeError(core::ErrorCode::kNotFound, "cannot open input file",
                           core::Location{.file = path.string()});
  }
  // Read straight into a string of the file's size (a stringstream would hold the bytes twice).
  std::string content;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size > 0) {
    content.resize(static_cast<std::size_t>(size));
    in.seekg(0, std::ios::beg);
    in.read(content.data(), size);
    content.resize(static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    return core::MakeError(core::ErrorCode::kIo, "cannot read input file",
                           core::Location{.file = path.string()});
  }
  return content;
}

std::string ValueToString(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return {};
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value) out += (out.empty() ? "" : ";") + ValueToString(item);
    return out;
  }
  return value.dump();
}

bool IsJsonLines(const std::filesystem::path& path, BatchFormat format) {
  if (format != BatchFormat::kAuto) return format == BatchFormat::kJsonLines;
  const std::string extension = path.extension().string();
  return extension == ".jsonl" || extension == ".json" || extension == ".ndjson";
}

// A NUL byte early on: an image, an archive, a spreadsheet - no CSV or JSON-lines file has one.
bool LooksBinary(std::string_view content) {
  constexpr std::size_t kSniffBytes = 64 * 1024;
  return content.substr(0, kSniffBytes).find('\0') != std::string_view::npos;
}

// JSON lines: one object per line; a key first seen on a later line becomes a new column, empty
// in earlier rows. A line that is not an object is a bad row (or the end, with kStop).
core::Status ReadJsonLines(std::string_view content, const BatchReadOptions& options,
                           BatchInput& input) {
  std::vector<std::string> row;
  std::size_t pos = 0;
  std::int64_t line_number = 0;
  while (pos < content.size()) {
    std::size_t newline = content.find('\n', pos);
    if (newline == std::string::npos) newline = content.size();
    ++line_number;
    const std::string_view line = content.substr(pos, newline - pos);
    pos = newline + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    nlohmann::json object;
    std::string problem;
    try {
      object = nlohmann::json::parse(line);
      if (!object.is_object()) problem = std::string("a JSON ") + object.type_name() + ", not an object";
    } catch (const nlohmann::json::exception& error) {
      problem = error.what();
    }
    if (!problem.empty()) {
      if (options.errors == BatchErrors::kStop) {
        return core::MakeError(core::ErrorCode::kParse, "not a JSON object: " + problem,
                               core::Location{.file = input.file, .line = line_number});
      }
      input.AddBadRow("not a JSON object: " + problem, line_number);
      continue;
    }
    row.assign(input.columns.size(), std::string());
    for (const auto& [key, value] : object.items()) {
      int col = input.Column(key);
      if (col < 0) {
        col = static_cast<int>(input.columns.size());
        input.columns.push_back(key);
        row.emplace_back();
      }
      row[static_cast<std::size_t>(col)] = ValueToString(value);
    }
    input.AddRow(row, line_number);
  }
  return core::Ok();
}

core::Status ReadCsv(const std::string& content, BatchInput& input) {
  sources::CsvReader reader(content, sources::CsvOptions{.file_name = input.file});
  bool header = true;
  while (true) {
    auto record = reader.Next();
    if (!record) return record.error();
    if (!record->has_value()) break;
    auto& fields = (*record)->fields;
    if (header) {
      for (auto& field : fields) {
        while (!field.empty() && (field.back() == ' ' || field.back() == '\r')) field.pop_back();
      }
      input.columns = std::move(fields);
      header = false;
      continue;
    }
    fields.resize(input.columns.size());
    input.AddRow(fields, (*record)->line);
  }
  return core::Ok();
}

// Ids of rows already complete in `output`; cuts a torn last line off the file.
core::Result<std::unordered_set<std::string>> FinishedIds(const std::filesystem::path& output,
                                                          const std::string& id_column) {
  std::unordered_set<std::string> done;
  std::error_code error;
  if (!std::filesystem::exists(output, error)) return done;
  auto content = ReadFile(output);
  if (!content) return content.error();
  std::size_t good_end = 0;
  std::size_t pos = 0;
  while (pos < content->size()) {
    const std::size_t newline = content->find('\n', pos);
    if (newline == std::string::npos) break;  // torn line: no newline yet
    const std::string_view line(content->data() + pos, newline - pos);
    try {
      const auto parsed = nlohmann::json::parse(line);
      if (parsed.contains(id_column)) done.insert(ValueToString(parsed[id_column]));
    } catch (const nlohmann::json::exception&) {
      break;  // a damaged line: redo it and everything after it
    }
    good_end = newline + 1;
    pos = newline + 1;
  }
  if (good_end != content->size()) std::filesystem::resize_file(output, good_end, error);
  if (error) {
    return core::MakeError(core::ErrorCode::kIo, "cannot truncate torn output: " + error.message(),
                           core::Location{.file = output.string()});
  }
  return done;
}

// The output line of a row that could not be read (BatchInput::RowError), or "" for a good row.
std::string UnreadableRow(const BatchInput& input, std::size_t row_idx,
                          const std::string& id_column, RowOutcome& outcome) {
  const std::string_view error = input.RowError(row_idx);
  if (error.empty()) return {};
  outcome.failed = true;
  outcome.error = std::string(error);
  const nlohmann::json out = {
      {id_column, ""},
      {"error", {{"code", "parse"}, {"message", error}, {"line", input.Line(row_idx)}}}};
  return core::JsonText(out);
}

}  // namespace

int BatchInput::Column(std::string_view name) const {
  for (std::size_t idx = 0; idx < columns.size(); ++idx) {
    if (columns[idx] == name) return static_cast<int>(idx);
  }
  return -1;
}

std::string_view BatchInput::Cell(std::size_t row, int col) const {
  const RowRef& ref = rows_[row];
  if (col < 0 || static_cast<std::uint32_t>(col) >= ref.cell_count) return {};
  const std::size_t cell = ref.first_cell + static_cast<std::size_t>(col);
  const std::size_t begin = cell == 0 ? 0 : cell_ends_[cell - 1];
  return std::string_view(arena_).substr(begin, cell_ends_[cell] - begin);
}

std::string_view BatchInput::RowError(std::size_t row) const {
  const std::uint32_t error = rows_[row].error;
  return error == 0 ? std::string_view() : std::string_view(errors_[error - 1]);
}

void BatchInput::AddBadRow(std::string error, std::int64_t line) {
  errors_.push_back(std::move(error));
  rows_.push_back(RowRef{.first_cell = cell_ends_.size(),
                         .cell_count = 0,
                         .line = line,
                         .error = static_cast<std::uint32_t>(errors_.size())});
}

core::Result<BatchFormat> ParseBatchFormat(std::string_view name) {
  if (name.empty() || name == "auto") return BatchFormat::kAuto;
  if (name == "csv") return BatchFormat::kCsv;
  if (name == "jsonl" || name == "ndjson") return BatchFormat::kJsonLines;
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "unknown input format " + core::Quote(name) + " (expected csv, jsonl or auto)",
                         core::Location{.field = "--format"});
}

core::Result<BatchInput> ReadBatchInput(const std::filesystem::path& path,
                                        const std::vector<std::string>& required,
                                        const BatchReadOptions& options) {
  auto content = ReadFile(path);
  if (!content) return content.error();
  BatchInput input;
  input.file = path.string();
  if (LooksBinary(*content)) {
    return core::MakeError(core::ErrorCode::kParse,
                           "not a text file (it holds NUL bytes): give a CSV file with a header "
                           "row, or JSON lines",
                           core::Location{.file = input.file});
  }
  const core::Status read = IsJsonLines(path, options.format) ? ReadJsonLines(*content, options, input)
                                                              : ReadCsv(*content, input);
  if (!read) return read.error();
  for (const std::string& column : required) {
    if (input.Column(column) < 0) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "input has no \"" + column + "\" column (columns: " +
                                 fmt::format("{}", fmt::join(input.columns, ",")) + ")",
                             core::Location{.file = path.string(), .line = 1});
    }
  }
  return input;
}

core::Result<BatchStats> RunBatch(const BatchInput& input, const std::filesystem::path& output,
                                  const BatchOptions& options, const RowProcessor& process) {
  const auto start = std::chrono::steady_clock::now();
  const int id_column = input.Column(options.id_column);
  if (id_column < 0) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "input has no \"" + options.id_column + "\" column");
  }
  auto done = FinishedIds(output, options.id_column);
  if (!done) return done.error();

  BatchStats stats;
  stats.total = input.Rows();
  std::vector<std::size_t> todo;
  todo.reserve(input.Rows());
  for (std::size_t row_idx = 0; row_idx < input.Rows(); ++row_idx) {
    if (done->count(std::string(input.Cell(row_idx, id_column))) > 0) {
      ++stats.skipped;
    } else {
      todo.push_back(row_idx);
    }
  }

  std::FILE* out = std::fopen(output.c_str(), "ab");
  if (out == nullptr) {
    return core::MakeError(core::ErrorCode::kIo, "cannot open output file for writing",
                           core::Location{.file = output.string()});
  }
  const unsigned threads =
      options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  constexpr std::size_t kChunk = 512;
  std::atomic<std::size_t> next_chunk{0};
  std::atomic<std::size_t> processed{0};
  std::atomic<std::size_t> failed{0};
  std::atomic<bool> stop{false};
  std::optional<core::Error> first_error;  // written once, by the thread that set `stop`
  std::mutex write_mutex;
  bool write_error = false;
  auto worker = [&]() {
    std::string buffer;
    while (true) {
      const std::size_t begin = next_chunk.fetch_add(kChunk);
      if (begin >= todo.size() || stop.load()) break;
      const std::size_t end = std::min(todo.size(), begin + kChunk);
      buffer.clear();
      for (std::size_t pos = begin; pos < end && !stop.load(); ++pos) {
        RowOutcome outcome;
        buffer += UnreadableRow(input, todo[pos], options.id_column, outcome);
        if (!outcome.failed) buffer += process(todo[pos], outcome);
        buffer += '\n';
        if (!outcome.failed) continue;
        failed.fetch_add(1);
        if (options.errors == BatchErrors::kStop && !stop.exchange(true)) {
          first_error = core::MakeError(
              core::ErrorCode::kInvalidArgument, outcome.error + " (--strict: stopped here)",
              core::Location{.file = input.file, .line = input.Line(todo[pos])});
        }
      }
      {
        // Whole chunks of whole lines, flushed: a kill loses at most the chunks in flight.
        std::lock_guard<std::mutex> lock(write_mutex);
        if (std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size() ||
            std::fflush(out) != 0) {
          write_error = true;
        }
      }
      processed.fetch_add(end - begin);
    }
  };

  std::vector<std::thread> pool;
  for (unsigned idx = 0; idx < threads; ++idx) pool.emplace_back(worker);
  const bool tty = isatty(STDERR_FILENO) != 0;
  if (options.progress && !todo.empty()) {
    std::size_t last_reported = 0;
    while (processed.load() < todo.size() && !stop.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(tty ? 250 : 1000));
      const std::size_t now_done = processed.load();
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double rate = elapsed > 0 ? static_cast<double>(now_done) / elapsed : 0;
      const double eta = rate > 0 ? static_cast<double>(todo.size() - now_done) / rate : 0;
      const int percent = static_cast<int>(100.0 * static_cast<double>(now_done) /
                                           static_cast<double>(todo.size()));
      if (tty) {
        const int filled = percent / 4;
        std::fprintf(stderr, "\r[%s%s] %3d%% %zu/%zu %s, %.0f/s, ETA %.0fs ",
                     std::string(filled, '#').c_str(), std::string(25 - filled, '.').c_str(),
                     percent, now_done, todo.size(), options.what.c_str(), rate, eta);
      } else if (now_done - last_reported >= todo.size() / 10 || now_done == todo.size()) {
        std::fprintf(stderr, "%3d%% %zu/%zu %s, %.0f/s\n", percent, now_done, todo.size(),
                     options.what.c_str(), rate);
        last_reported = now_done;
      }
    }
    if (tty) std::fprintf(stderr, "\n");
  }
  for (std::thread& thread : pool) thread.join();
  std::fclose(out);
  if (write_error) {
    return core::MakeError(core::ErrorCode::kIo, "writing the output failed (disk full?)",
                           core::Location{.file = output.string()});
  }
  if (first_error) return *first_error;
  stats.processed = processed.load();
  stats.failed = failed.load();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

std::string Count(std::size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

int ReportRowErrors(const BatchStats& stats, const std::filesystem::path& output) {
  if (stats.failed == 0) return kExitOk;
  std::cerr << fmt::format(
      "redflag: error: {} of {} failed; each has an \"error\" object (with its input line) in {}\n",
      Count(stats.failed, "row"), stats.processed, output.string());
  return kExitRowErrors;
}

}  // namespace redflag::cli
