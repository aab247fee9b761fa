#include "sources/us_trade/csl.h"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>
#include <utility>

#include "sources/us_trade/csl_fields_internal.h"
#include "sources/us_trade/csl_row_internal.h"
#include "sources/csv_reader.h"

namespace redflag::sources {
namespace {

using csl_internal::CslBuilder;
using csl_internal::CslRow;
using csl_internal::SplitTrimmed;

enum Column : std::uint8_t {
  kId,
  kSource,
  kType,
  kPrograms,
  kName,
  kTitle,
  kAddresses,
  kFederalRegister,
  kStartDate,
  kEndDate,
  kStandardOrder,
  kLicenseRequirement,
  kLicensePolicy,
  kCallSign,
  kVesselType,
  kGrossTonnage,
  kGrossRegisteredTonnage,
  kVesselFlag,
  kVesselOwner,
  kRemarks,
  kSourceListUrl,
  kAltNames,
  kCitizenships,
  kDatesOfBirth,
  kNationalities,
  kPlacesOfBirth,
  kIds,
  kColumnCount,
};

// Header names of the columns we read (entity_number and source_information_url are not used:
// entity_number repeats _id for Treasury rows, and the information URL describes the list).
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "_id",
    "source",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "ids",
};

constexpr std::string_view kMultiSeparator = "; ";

class CslCsvParser {
 public:
  CslCsvParser(std::string_view list_id, ParsedList& out)
      : builder_(list_id, out.diagnostics), diagnostics_(out.diagnostics) {}

  core::Status ParseFile(std::string_view data, std::string_view file_name) {
    CsvReader reader(data, CsvOptions{.file_name = std::string(file_name)});
    auto header = reader.Next();
    if (!header) return header.error();
    if (!*header) {
      return core::MakeError(core::ErrorCode::kParse, "empty file (expected a CSL header row)",
                             {.file = std::string(file_name), .line = 1});
    }
    const std::vector<std::string> header_fields = (*header)->fields;
    std::array<int, kColumnCount> index;
    index.fill(-1);
    for (std::size_t col = 0; col < header_fields.size(); ++col) {
      std::string_view name = csl_internal::Trim(header_fields[col]);
      for (std::size_t known = 0; known < kColumnCount; ++known) {
        if (kColumnNames[known] == name && index[known] < 0) index[known] = static_cast<int>(col);
      }
    }
    for (const Column required : {kId, kSource, kName}) {
      if (index[required] < 0) {
        return core::MakeError(
            core::ErrorCode::kParse,
            fmt::format("not a CSL file: header has no \"{}\" column", kColumnNames[required]),
            {.file = std::string(file_name), .line = (*header)->line});
      }
    }
    // Each file may state ids in its own style (see CslIdStyle).
    csl_internal::CslIdStyle id_style = csl_internal::CslIdStyle::kUnknown;
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
      if (row.fields == header_fields) {
        diagnostics_.Info(where, "repeated header row skipped");
        continue;
      }
      const auto field = [&](Column column) -> std::string {
        return index[column] < 0 ? std::string() : row.fields[index[column]];
      };
      CslRow csl;
      csl.id = field(kId);
      csl.source = field(kSource);
      csl.type = field(kType);
      csl.name = field(kName);
      csl.title = field(kTitle);
      csl.federal_register_notice = field(kFederalRegister);
      csl.start_date = field(kStartDate);
      csl.end_date = field(kEndDate);
      csl.standard_order = field(kStandardOrder);
      csl.license_requirement = field(kLicenseRequirement);
      csl.license_policy = field(kLicensePolicy);
      csl.call_sign = field(kCallSign);
      csl.vessel_type = field(kVesselType);
      csl.gross_tonnage = field(kGrossTonnage);
      csl.gross_registered_tonnage = field(kGrossRegisteredTonnage);
      csl.vessel_flag = field(kVesselFlag);
      csl.vessel_owner = field(kVesselOwner);
      csl.remarks = field(kRemarks);
      csl.source_list_url = field(kSourceListUrl);
      csl.programs = SplitTrimmed(field(kPrograms), kMultiSeparator);
      csl.alt_names = SplitTrimmed(field(kAltNames), kMultiSeparator);
      csl.citizenships = SplitTrimmed(field(kCitizenships), kMultiSeparator);
      csl.dates_of_birth = SplitTrimmed(field(kDatesOfBirth), kMultiSeparator);
      csl.nationalities = SplitTrimmed(field(kNationalities), kMultiSeparator);
      csl.places_of_birth = SplitTrimmed(field(kPlacesOfBirth), kMultiSeparator);
      for (const std::string& text : SplitTrimmed(field(kAddresses), kMultiSeparator)) {
        csl.addresses.push_back(csl_internal::CslAddressFromText(text));
      }
      for (const std::string& text : SplitTrimmed(field(kIds), kMultiSeparator)) {
        csl.ids.push_back(csl_internal::CslIdFromText(text, id_style));
      }
      builder_.Add(std::move(csl), where);
    }
    return core::Ok();
  }

  std::vector<core::Entity> Take() { return builder_.Take(); }

 private:
  CslBuilder builder_;
  core::Diagnostics& diagnostics_;
};

ParsedList EmptyList(std::string_view list_id, std::string_view format) {
  ParsedList out;
  out.list_id = std::string(list_id);
  out.format = std::string(format);
  return out;
}

}  // namespace

core::Result<ParsedList> ParseCslCsvBuffer(std::string_view data, std::string_view file_name,
                                           std::string_view list_id) {
  try {
    ParsedList out = EmptyList(list_id, "csl_csv");
    CslCsvParser parser(list_id, out);
    if (auto status = parser.ParseFile(data, file_name); !status) return status.error();
    out.files.push_back(csl_internal::DescribeFile(std::string(file_name), data));
    out.entities = parser.Take();
    return out;
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal, error.what(),
                           {.file = std::string(file_name)});
  }
}

core::Result<ParsedList> ParseCslCsv(const std::vector<std::filesystem::path>& files,
                                     std::string_view list_id) {
  try {
    ParsedList out = EmptyList(list_id, "csl_csv");
    CslCsvParser parser(list_id, out);
    for (const std::filesystem::path& path : files) {
      auto data = csl_internal::ReadWholeFile(path);
      if (!data) return data.error();
      if (auto status = parser.ParseFile(*data, path.string()); !status) return status.error();
      out.files.push_back(csl_internal::DescribeFile(path, *data));
    }
    out.entities = parser.Take();
    return out;
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal, error.what());
  }
}

}  // namespace redflag::sources
