#include "sources/us_trade/bis_dpl.h"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>
#include <utility>

#include "core/country.h"
#include "core/date.h"
#include "sources/us_trade/csl_fields_internal.h"
#include "sources/csv_reader.h"

namespace redflag::sources {
namespace {

using csl_internal::Trim;

constexpr std::string_view kListName =
    "Denied Persons List (DPL) - Bureau of Industry and Security";

enum Column : std::uint8_t {
  kName,
  kStreet,
  kCity,
  kState,
  kCountry,
  kPostalCode,
  kEffective,
  kExpiration,
  kStandardOrder,
  kLastUpdate,
  kAction,
  kFrCitation,
  kColumnCount,
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "Name",           "Street_Address",  "City",           "State",       "Country", "Postal_Code",
    "Effective_Date", "Expiration_Date", "Standard_Order", "Last_Update", "Action",  "FR_Citation",
};

// Header names are matched up to their first space or "(" ("Effective_Date (MM/DD/YYYY)").
std::string_view HeaderKey(std::string_view text) {
  text = Trim(text);
  const std::size_t end = text.find_first_of(" (");
  return end == std::string_view::npos ? text : text.substr(0, end);
}

class DplParser {
 public:
  DplParser(std::string_view list_id, ParsedList& out) : list_id_(list_id), out_(out) {}

  core::Status ParseFile(std::string_view data, std::string_view file_name) {
    CsvReader reader(data, CsvOptions{.delimiter = '\t', .file_name = std::string(file_name)});
    auto header = reader.Next();
    if (!header) return header.error();
    if (!*header) {
      return core::MakeError(core::ErrorCode::kParse, "empty file (expected the DPL header row)",
                             {.file = std::string(file_name), .line = 1});
    }
    const std::vector<std::string> header_fields = (*header)->fields;
    std::array<int, kColumnCount> index;
    index.fill(-1);
    for (std::size_t col = 0; col < header_fields.size(); ++col) {
      const std::string_view key = HeaderKey(header_fields[col]);
      for (std::size_t known = 0; known < kColumnCount; ++known) {
        if (kColumnNames[known] == key && index[known] < 0) index[known] = static_cast<int>(col);
      }
    }
    if (index[kName] < 0) {
      return core::MakeError(core::ErrorCode::kParse,
                             "not a Denied Persons List file: header has no \"Name\" column",
                             {.file = std::string(file_name), .line = (*header)->line});
    }
    while (true) {
      auto record = reader.Next();
      if (!record) return record.error();
      if (!*record) break;
      const CsvRecord& row = **record;
      const core::Location where{.file = std::string(file_name), .line = row.line};
      if (row.fields.size() != header_fields.size()) {
        return core::MakeError(core::ErrorCode::kParse,
                               fmt::format("row has {} fields, the header has {}",
                                           row.fields.size(), header_fields.size()),
                               where);
      }
      ++row_number_;
      const auto field = [&](Column column) -> std::string_view {
        return index[column] < 0 ? std::string_view() : Trim(row.fields[index[column]]);
      };
      AddRow(field, where);
    }
    return core::Ok();
  }

  void Finish() { out_.published = newest_update_; }

 private:
  template <class Field>
  void AddRow(const Field& field, const core::Location& where) {
    const std::string native_id = std::to_string(row_number_);
    const std::string_view name = field(kName);
    if (name.empty()) {
      out_.diagnostics.Warn(At(where, "Name"), "", "empty name (expected the denied party's name)",
                            "record skipped");
      return;
    }
    core::Entity entity;
    entity.list_id = list_id_;
    entity.native_id = native_id;
    entity.id = core::MakeEntityId(list_id_, native_id);
    csl_internal::AddName(entity, core::Name{.full = std::string(name)});

    core::Address address;
    address.street = std::string(field(kStreet));
    address.city = std::string(field(kCity));
    address.state = std::string(field(kState));
    address.postal_code = std::string(field(kPostalCode));
    const std::string_view country = field(kCountry);
    if (!country.empty()) {
      address.country = core::CountryCode(country);
      if (address.country.empty()) address.country_raw = std::string(country);
    }
    if (!(address == core::Address{})) entity.addresses.push_back(std::move(address));

    core::Listing listing;
    listing.list_id = list_id_;
    listing.list_name = std::string(kListName);
    listing.list_code = "DPL";
    listing.start = Date(field(kEffective), "Effective_Date", where);
    listing.end = Date(field(kExpiration), "Expiration_Date", where);
    std::string order(field(kStandardOrder));
    for (char& ch : order) ch = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
    listing.standard_order = std::move(order);
    listing.action = std::string(field(kAction));
    if (!field(kFrCitation).empty()) {
      listing.federal_register = csl_internal::NormalizeFederalRegister(field(kFrCitation));
    }
    const std::string_view last_update = field(kLastUpdate);
    if (!last_update.empty()) {
      listing.remarks = fmt::format("Last_Update: {}", last_update);
      const auto date = core::ParseDate(last_update);
      if (!date) {
        out_.diagnostics.Warn(At(where, "Last_Update"), std::string(last_update),
                              "is not a date (expected YYYY-MM-DD)", "kept raw in remarks");
      } else if (*date > today_) {
        out_.diagnostics.Warn(At(where, "Last_Update"), std::string(last_update),
                              "is in the future (a typo in the source?)",
                              "kept raw in remarks; not used as the publication date");
      } else if (*date > newest_update_) {
        newest_update_ = *date;
      }
    }
    entity.listings.push_back(std::move(listing));
    out_.entities.push_back(std::move(entity));
  }

  core::PartialDate Date(std::string_view text, std::string_view field_name,
                         const core::Location& where) {
    if (text.empty()) return {};
    if (const auto date = core::ParseDate(text, core::NumericDateOrder::kMonthDayYear)) {
      return *date;
    }
    out_.diagnostics.Warn(At(where, field_name), std::string(text),
                          "is not a date (expected MM/DD/YYYY)", "record kept without it");
    return {};
  }

  static core::Location At(const core::Location& where, std::string_view field) {
    core::Location out = where;
    out.field = std::string(field);
    return out;
  }

  std::string list_id_;
  ParsedList& out_;
  std::int64_t row_number_ = 0;
  core::PartialDate newest_update_;
  core::PartialDate today_ = core::Today();
};

ParsedList EmptyList(std::string_view list_id) {
  ParsedList out;
  out.list_id = std::string(list_id);
  out.format = "bis_dpl_txt";
  return out;
}

}  // namespace

core::Result<ParsedList> ParseBisDplBuffer(std::string_view data, std::string_view file_name,
                                           std::string_view list_id) {
  try {
    ParsedList out = EmptyList(list_id);
    DplParser parser(list_id, out);
    if (auto status = parser.ParseFile(data, file_name); !status) return status.error();
    parser.Finish();
    out.files.push_back(csl_internal::DescribeFile(std::string(file_name), data));
    return out;
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal, error.what(),
                           {.file = std::string(file_name)});
  }
}

core::Result<ParsedList> ParseBisDpl(const std::vector<std::filesystem::path>& files,
                                     std::string_view list_id) {
  try {
    ParsedList out = EmptyList(list_id);
    DplParser parser(list_id, out);
    for (const std::filesystem::path& path : files) {
      auto data = csl_internal::ReadWholeFile(path);
      if (!data) return data.error();
      if (auto status = parser.ParseFile(*data, path.string()); !status) return status.error();
      out.files.push_back(csl_internal::DescribeFile(path, *data));
    }
    parser.Finish();
    return out;
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal, error.what());
  }
}

}  // namespace redflag::sources
