// Book files: CSV or JSON lines -> rows, every error with file, line and field (book_file.h).
#include "monitor/book_file.h"

#include <map>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/entity.h"
#include "sources/csv_reader.h"

namespace redflag::monitor {
namespace {

constexpr std::string_view kKnownColumns[] = {"customer_ref", "name", "type",
                                              "country",      "dob",  "id"};

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Shows a user's value inside a message: quoted, cut at 80 bytes.
std::string Shown(std::string_view value) {
  return Dump(nlohmann::json(std::string(value.substr(0, 80))));
}

class Checker {
 public:
  Checker(std::string_view file_name, std::size_t max_errors, ParsedBook& out)
      : file_(file_name), max_errors_(max_errors), out_(out) {}

  void Fail(core::ErrorCode code, std::int64_t line, std::string_view field,
            std::string message) {
    ++failures_;  // counted past the cap too: Add() must not keep a bad row once it is reached
    if (out_.errors.size() >= max_errors_) return;
    out_.errors.push_back(core::MakeError(
        code, std::move(message),
        core::Location{.file = file_, .line = line, .field = std::string(field)}));
  }

  // Checks one row's values and keeps it when they are fine.
  void Add(store::BookRow row) {
    const std::size_t failures_before = failures_;
    if (row.customer_ref.empty()) {
      Fail(core::ErrorCode::kValidation, row.line, "customer_ref", "is empty (it is required)");
    } else if (auto [first, inserted] = first_line_.emplace(row.customer_ref, row.line);
               !inserted) {
      Fail(core::ErrorCode::kValidation, row.line, "customer_ref",
           "duplicate customer_ref " + Shown(row.customer_ref) + " (first on line " +
               std::to_string(first->second) + ")");
    }
    if (row.name.find_first_not_of(" \t") == std::string::npos) {
      Fail(core::ErrorCode::kValidation, row.line, "name", "is empty (it is required)");
    }
    if (!row.type.empty() && core::ParseEntityType(row.type) == core::EntityType::kUnknown) {
      Fail(core::ErrorCode::kValidation, row.line, "type",
           Shown(row.type) + " is not a type (expected person, organization, vessel or aircraft)");
    }
    if (!row.dob.empty() && !core::ParseDate(row.dob)) {
      Fail(core::ErrorCode::kValidation, row.line, "dob",
           Shown(row.dob) + " is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
    }
    if (failures_ == failures_before) out_.rows.push_back(std::move(row));
  }

 private:
  std::string file_;
  std::size_t max_errors_;
  ParsedBook& out_;
  std::map<std::string, std::int64_t> first_line_;
  std::size_t failures_ = 0;
};

void SetField(store::BookRow& row, std::string_view column, std::string value) {
  if (column == "customer_ref") row.customer_ref = std::move(value);
  if (column == "name") row.name = std::move(value);
  if (column == "type") row.type = std::move(value);
  if (column == "country") row.country = std::move(value);
  if (column == "dob") row.dob = std::move(value);
  if (column == "id") row.id = std::move(value);
}

bool IsKnown(std::string_view column) {
  for (std::string_view known : kKnownColumns) {
    if (column == known) return true;
  }
  return false;
}

void ParseCsv(std::string_view data, std::string_view file_name, Checker& checker) {
  sources::CsvReader reader(data, {.file_name = std::string(file_name)});
  auto header = reader.Next();
  if (!header || !*header) {
    checker.Fail(core::ErrorCode::kParse, 1, "", header ? "no header line" : header.error().message);
    return;
  }
  const std::vector<std::string> columns = (*header)->fields;
  for (std::string_view required : {"customer_ref", "name"}) {
    if (std::find(columns.begin(), columns.end(), required) == columns.end()) {
      checker.Fail(core::ErrorCode::kParse, (*header)->line, required,
                   "the header has no column " + std::string(required));
    }
  }
  for (;;) {
    auto record = reader.Next();
    if (!record) {
      checker.Fail(core::ErrorCode::kParse, record.error().where.line, "", record.error().message);
      return;
    }
    if (!*record) return;
    if ((*record)->fields.size() != columns.size()) {
      checker.Fail(core::ErrorCode::kParse, (*record)->line, "",
                   std::to_string((*record)->fields.size()) + " fields, the header has " +
                       std::to_string(columns.size()));
      continue;
    }
    store::BookRow row;
    row.line = (*record)->line;
    nlohmann::json attributes = nlohmann::json::object();
    for (std::size_t col_idx = 0; col_idx < columns.size(); ++col_idx) {
      if (IsKnown(columns[col_idx])) {
        SetField(row, columns[col_idx], std::move((*record)->fields[col_idx]));
      } else {
        attributes[columns[col_idx]] = std::move((*record)->fields[col_idx]);
      }
    }
    row.attributes_json = Dump(attributes);
    checker.Add(std::move(row));
  }
}

// One JSON line -> a row; false (with the error reported) when it is not an object of strings.
bool RowFromJson(const nlohmann::json& object, std::int64_t line, Checker& checker,
                 store::BookRow& row) {
  if (!object.is_object()) {
    checker.Fail(core::ErrorCode::kParse, line, "", "a line must be a JSON object");
    return false;
  }
  row.line = line;
  nlohmann::json attributes = nlohmann::json::object();
  for (const auto& [key, value] : object.items()) {
    if (!IsKnown(key)) {
      attributes[key] = value;
      continue;
    }
    if (!value.is_string()) {
      checker.Fail(core::ErrorCode::kParse, line, key, "must be a string");
      return false;
    }
    SetField(row, key, value.get<std::string>());
  }
  row.attributes_json = Dump(attributes);
  return true;
}

void ParseJsonLines(std::string_view data, Checker& checker) {
  std::int64_t line = 0;
  std::size_t pos = 0;
  while (pos < data.size()) {
    const std::size_t end = std::min(data.find('\n', pos), data.size());
    const std::string_view text = data.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const nlohmann::json object = nlohmann::json::parse(text, nullptr, false);
    if (object.is_discarded()) {
      checker.Fail(core::ErrorCode::kParse, line, "", "not valid JSON");
      continue;
    }
    store::BookRow row;
    if (RowFromJson(object, line, checker, row)) checker.Add(std::move(row));
  }
}

}  // namespace

BookFormat BookFormatFor(std::string_view file_name) {
  return file_name.ends_with(".jsonl") || file_name.ends_with(".ndjson") ? BookFormat::kJsonLines
                                                                         : BookFormat::kCsv;
}

ParsedBook ParseBook(std::string_view data, std::string_view file_name, BookFormat format,
                     std::size_t max_errors) {
  ParsedBook out;
  Checker checker(file_name, max_errors, out);
  if (format == BookFormat::kCsv) {
    ParseCsv(data, file_name, checker);
  } else {
    ParseJsonLines(data, checker);
  }
  if (out.rows.empty() && out.errors.empty()) {
    checker.Fail(core::ErrorCode::kValidation, 0, "", "the book has no rows");
  }
  return out;
}

}  // namespace redflag::monitor
