#include "sources/custom/custom_csv.h"

#include <fmt/format.h>

#include <array>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/country.h"
#include "core/date.h"
#include "sources/us_trade/csl_fields_internal.h"
#include "sources/csv_reader.h"

namespace redflag::sources {
namespace {

using csl_internal::SplitTrimmed;
using csl_internal::Trim;

enum Column : std::uint8_t {
  kId,
  kName,
  kType,
  kAliases,
  kCountry,
  kDob,
  kIdentifiers,
  kPrograms,
  kListName,
  kStartDate,
  kEndDate,
  kRemarks,
  kColumnCount,
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "id",          "name",     "type",      "aliases",    "country",  "dob",
    "identifiers", "programs", "list_name", "start_date", "end_date", "remarks",
};

constexpr std::string_view kSeparator = ";";

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  return out;
}

core::Location At(const core::Location& where, std::string_view field) {
  core::Location out = where;
  out.field = std::string(field);
  return out;
}

class CustomParser {
 public:
  CustomParser(std::string_view list_id, ParsedList& out) : list_id_(list_id), out_(out) {}

  core::Status ParseFile(std::string_view data, std::string_view file_name) {
    CsvReader reader(data, CsvOptions{.file_name = std::string(file_name)});
    auto header = reader.Next();
    if (!header) return header.error();
    if (!*header) {
      return core::MakeError(core::ErrorCode::kParse, "empty file (expected a header row)",
                             {.file = std::string(file_name), .line = 1});
    }
    const std::vector<std::string>& header_fields = (*header)->fields;
    std::array<int, kColumnCount> index;
    index.fill(-1);
    for (std::size_t col = 0; col < header_fields.size(); ++col) {
      const std::string key = Lower(Trim(header_fields[col]));
      bool known_column = false;
      for (std::size_t known = 0; known < kColumnCount; ++known) {
        if (kColumnNames[known] == key) {
          known_column = true;
          if (index[known] < 0) index[known] = static_cast<int>(col);
        }
      }
      if (!known_column) {
        out_.diagnostics.Info(
            {.file = std::string(file_name), .line = (*header)->line, .field = key},
            "unknown column ignored");
      }
    }
    for (const Column required : {kId, kName}) {
      if (index[required] < 0) {
        return core::MakeError(
            core::ErrorCode::kParse,
            fmt::format("header has no \"{}\" column (required: id, name)", kColumnNames[required]),
            {.file = std::string(file_name), .line = (*header)->line});
      }
    }
    const std::size_t width = header_fields.size();
    while (true) {
      auto record = reader.Next();
      if (!record) return record.error();
      if (!*record) break;
      const CsvRecord& row = **record;
      const core::Location where{.file = std::string(file_name), .line = row.line};
      if (row.fields.size() != width) {
        return core::MakeError(
            core::ErrorCode::kParse,
            fmt::format("row has {} fields, the header has {}", row.fields.size(), width), where);
      }
      const auto field = [&](Column column) -> std::string_view {
        return index[column] < 0 ? std::string_view() : Trim(row.fields[index[column]]);
      };
      if (auto status = AddRow(field, where); !status) return status.error();
    }
    return core::Ok();
  }

 private:
  template <class Field>
  core::Status AddRow(const Field& field, const core::Location& where) {
    const std::string_view id = field(kId);
    const std::string_view name = field(kName);
    if (id.empty() || name.empty()) {
      out_.diagnostics.Warn(At(where, id.empty() ? "id" : "name"),
                            std::string(id.empty() ? name : id),
                            "empty id or name (both are required)", "record skipped");
      return core::Ok();
    }
    const auto [seen, inserted] = lines_.try_emplace(std::string(id), where);
    if (!inserted) {
      return core::MakeError(
          core::ErrorCode::kValidation,
          fmt::format("duplicate id \"{}\" (first used at {})", id, seen->second.ToString()),
          At(where, "id"));
    }
    core::Entity entity;
    entity.list_id = list_id_;
    entity.native_id = std::string(id);
    entity.id = core::MakeEntityId(list_id_, id);
    const std::string_view type = field(kType);
    entity.type = core::ParseEntityType(type);
    if (entity.type == core::EntityType::kUnknown && !type.empty()) {
      out_.diagnostics.Warn(At(where, "type"), std::string(type),
                            "unknown type (expected person, organization, vessel or aircraft)",
                            "record kept with type unknown");
    }
    csl_internal::AddName(entity, core::Name{.full = std::string(name)});
    for (std::string& alias : SplitTrimmed(field(kAliases), kSeparator)) {
      csl_internal::AddName(
          entity, core::Name{.full = std::move(alias), .kind = core::NameKind::kStrongAka});
    }
    for (const std::string& country : SplitTrimmed(field(kCountry), kSeparator)) {
      std::string code = core::CountryCode(country);
      if (code.empty()) {
        out_.diagnostics.Warn(At(where, "country"), country,
                              "is not a country (expected an ISO 3166 code or name)",
                              "record kept without this country");
        continue;
      }
      // A person's country is a nationality; anything else's is where it is.
      if (entity.type == core::EntityType::kPerson) {
        csl_internal::AddUnique(entity.nationalities, std::move(code));
      } else {
        csl_internal::AddUnique(entity.addresses, core::Address{.country = std::move(code)});
      }
    }
    for (const std::string& text : SplitTrimmed(field(kDob), kSeparator)) {
      if (auto date = core::ParseBirthDate(text)) {
        date->raw = text;
        entity.birth_dates.push_back(std::move(*date));
      } else {
        out_.diagnostics.Warn(At(where, "dob"), text,
                              "is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                              "record kept without this date of birth");
      }
    }
    for (const std::string& text : SplitTrimmed(field(kIdentifiers), kSeparator)) {
      AddIdentifier(entity, text, where);
    }
    core::Listing listing;
    listing.list_id = list_id_;
    listing.list_name = field(kListName).empty() ? list_id_ : std::string(field(kListName));
    listing.list_code = "CUSTOM";
    for (std::string& program : SplitTrimmed(field(kPrograms), kSeparator)) {
      csl_internal::AddUnique(listing.programs, std::move(program));
    }
    listing.start = ListingDate(field(kStartDate), "start_date", where);
    listing.end = ListingDate(field(kEndDate), "end_date", where);
    listing.remarks = std::string(field(kRemarks));
    entity.listings.push_back(std::move(listing));
    out_.entities.push_back(std::move(entity));
    return core::Ok();
  }

  // "type:value[:CC]"; the value may itself hold ':' (a URL), the country is the last part only
  // when it is two letters.
  void AddIdentifier(core::Entity& entity, std::string_view text, const core::Location& where) {
    const std::size_t first = text.find(':');
    if (first == std::string_view::npos || Trim(text.substr(0, first)).empty()) {
      out_.diagnostics.Warn(At(where, "identifiers"), std::string(text),
                            "is not an identifier (expected type:value or type:value:CC)",
                            "identifier dropped");
      return;
    }
    const std::string_view label = Trim(text.substr(0, first));
    std::string_view value = text.substr(first + 1);
    std::string country;
    const std::size_t last = value.rfind(':');
    if (last != std::string_view::npos) {
      const std::string_view tail = Trim(value.substr(last + 1));
      if (tail.size() == 2) {
        country = core::CountryCode(tail);
        if (country.empty()) {
          out_.diagnostics.Warn(At(where, "identifiers"), std::string(text),
                                "identifier country is not an ISO 3166 code",
                                "identifier kept without its country");
        }
        value = value.substr(0, last);
      }
    }
    value = Trim(value);
    if (value.empty()) {
      out_.diagnostics.Warn(At(where, "identifiers"), std::string(text), "identifier has no value",
                            "identifier dropped");
      return;
    }
    core::Identifier id;
    const std::string lowered = Lower(label);
    id.type = core::ParseIdTypeName(lowered);
    id.type_raw = std::string(label);
    id.value = std::string(value);
    id.country = std::move(country);
    // "crypto_address/ETH" or "xbt": the currency is the scheme.
    if (id.type == core::IdType::kOther) {
      const std::size_t slash = lowered.find('/');
      if (slash != std::string::npos &&
          core::ParseIdTypeName(lowered.substr(0, slash)) == core::IdType::kCryptoAddress) {
        id.type = core::IdType::kCryptoAddress;
        id.scheme = std::string(Trim(label.substr(slash + 1)));
      } else if (lowered != "other") {
        id.scheme = std::string(label);
      }
    }
    csl_internal::AddUnique(entity.identifiers, std::move(id));
  }

  core::PartialDate ListingDate(std::string_view text, std::string_view field_name,
                                const core::Location& where) {
    if (text.empty()) return {};
    if (const auto date = core::ParseDate(text)) return *date;
    out_.diagnostics.Warn(At(where, field_name), std::string(text),
                          "is not a date (expected YYYY-MM-DD)", "record kept without it");
    return {};
  }

  std::string list_id_;
  ParsedList& out_;
  std::unordered_map<std::string, core::Location> lines_;
};

ParsedList EmptyList(std::string_view list_id) {
  ParsedList out;
  out.list_id = std::string(list_id);
  out.format = "custom_csv";
  return out;
}

}  // namespace

core::Result<ParsedList> ParseCustomCsvBuffer(std::string_view data, std::string_view file_name,
                                              std::string_view list_id) {
  try {
    ParsedList out = EmptyList(list_id);
    CustomParser parser(list_id, out);
    if (auto status = parser.ParseFile(data, file_name); !status) return status.error();
    out.files.push_back(csl_internal::DescribeFile(std::string(file_name), data));
    return out;
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal, error.what(),
                           {.file = std::string(file_name)});
  }
}

core::Result<ParsedList> ParseCustomCsv(const std::vector<std::filesystem::path>& files,
                                        std::string_view list_id) {
  try {
    ParsedList out = EmptyList(list_id);
    CustomParser parser(list_id, out);
    for (const std::filesystem::path& path : files) {
      auto data = csl_internal::ReadWholeFile(path);
      if (!data) return data.error();
      if (auto status = parser.ParseFile(*data, path.string()); !status) return status.error();
      out.files.push_back(csl_internal::DescribeFile(path, *data));
    }
    return out;
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal, error.what());
  }
}

}  // namespace redflag::sources
