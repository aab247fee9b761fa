// The JSON form of the CSL, as data.trade.gov publishes it: {"results": [{...}]} where each result
// has the CSV's fields, with arrays for the multi-valued ones and objects for addresses and ids.
// Every value is read defensively (a field may be missing, null, a string, a number or an
// array); nlohmann::json is used without exceptions for parsing and inside try for the rest.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "sources/us_trade/csl.h"
#include "sources/us_trade/csl_fields_internal.h"
#include "sources/us_trade/csl_row_internal.h"

namespace redflag::sources {
namespace {

using csl_internal::CslRow;
using nlohmann::json;

constexpr std::string_view kMultiSeparator = "; ";

std::string Scalar(const json& value) {
  if (value.is_string()) return value.get_ref<const std::string&>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return "";
}

// A single-valued field; an array is joined with "; " (some exports use arrays everywhere).
std::string Str(const json& object, std::string_view key) {
  const auto found = object.find(key);
  if (found == object.end()) return "";
  if (found->is_array()) {
    std::string out;
    for (const json& item : *found) csl_internal::AppendNote(out, Scalar(item));
    return out;
  }
  return Scalar(*found);
}

// A multi-valued field: an array of scalars, or a "; "-joined string.
std::vector<std::string> List(const json& object, std::string_view key) {
  const auto found = object.find(key);
  if (found == object.end()) return {};
  if (found->is_array()) {
    std::vector<std::string> out;
    for (const json& item : *found) {
      std::string text(csl_internal::Trim(Scalar(item)));
      if (!text.empty()) out.push_back(std::move(text));
    }
    return out;
  }
  return csl_internal::SplitTrimmed(Scalar(*found), kMultiSeparator);
}

CslRow RowFromJson(const json& object, csl_internal::CslIdStyle& id_style) {
  CslRow row;
  row.id = Str(object, "id");
  if (row.id.empty()) row.id = Str(object, "_id");
  row.source = Str(object, "source");
  row.type = Str(object, "type");
  row.name = Str(object, "name");
  row.title = Str(object, "title");
  row.federal_register_notice = Str(object, "federal_register_notice");
  row.start_date = Str(object, "start_date");
  row.end_date = Str(object, "end_date");
  row.standard_order = Str(object, "standard_order");
  row.license_requirement = Str(object, "license_requirement");
  row.license_policy = Str(object, "license_policy");
  row.call_sign = Str(object, "call_sign");
  row.vessel_type = Str(object, "vessel_type");
  row.gross_tonnage = Str(object, "gross_tonnage");
  row.gross_registered_tonnage = Str(object, "gross_registered_tonnage");
  row.vessel_flag = Str(object, "vessel_flag");
  row.vessel_owner = Str(object, "vessel_owner");
  row.remarks = Str(object, "remarks");
  row.source_list_url = Str(object, "source_list_url");
  row.programs = List(object, "programs");
  row.alt_names = List(object, "alt_names");
  row.citizenships = List(object, "citizenships");
  row.dates_of_birth = List(object, "dates_of_birth");
  row.nationalities = List(object, "nationalities");
  row.places_of_birth = List(object, "places_of_birth");

  if (const auto addresses = object.find("addresses"); addresses != object.end()) {
    if (addresses->is_array()) {
      for (const json& item : *addresses) {
        if (item.is_object()) {
          row.addresses.push_back(csl_internal::CslAddressFromParts(
              Str(item, "address"), Str(item, "city"), Str(item, "state"), Str(item, "postal_code"),
              Str(item, "country")));
        } else if (!csl_internal::Trim(Scalar(item)).empty()) {
          row.addresses.push_back(csl_internal::CslAddressFromText(Scalar(item)));
        }
      }
    } else {
      for (const std::string& text : csl_internal::SplitTrimmed(Scalar(*addresses), "; ")) {
        row.addresses.push_back(csl_internal::CslAddressFromText(text));
      }
    }
  }
  if (const auto ids = object.find("ids"); ids != object.end()) {
    if (ids->is_array()) {
      for (const json& item : *ids) {
        if (item.is_object()) {
          row.ids.push_back(csl_internal::CslId{.type = Str(item, "type"),
                                                .number = Str(item, "number"),
                                                .country = Str(item, "country"),
                                                .issue_date = Str(item, "issue_date"),
                                                .expiration_date = Str(item, "expiration_date")});
        } else if (!csl_internal::Trim(Scalar(item)).empty()) {
          row.ids.push_back(csl_internal::CslIdFromText(Scalar(item), id_style));
        }
      }
    } else {
      for (const std::string& text : csl_internal::SplitTrimmed(Scalar(*ids), "; ")) {
        row.ids.push_back(csl_internal::CslIdFromText(text, id_style));
      }
    }
  }
  return row;
}

core::Status ParseJsonFile(std::string_view data, std::string_view file_name,
                           csl_internal::CslBuilder& builder, core::Diagnostics& diagnostics) {
  const json document = json::parse(data.begin(), data.end(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return core::MakeError(core::ErrorCode::kParse, "not valid JSON",
                           {.file = std::string(file_name)});
  }
  const json* results = nullptr;
  if (document.is_array()) {
    results = &document;
  } else if (document.is_object()) {
    const auto found = document.find("results");
    if (found != document.end() && found->is_array()) results = &*found;
  }
  if (results == nullptr) {
    return core::MakeError(core::ErrorCode::kParse,
                           "not a CSL JSON document (expected {\"results\": [...]} or an array)",
                           {.file = std::string(file_name)});
  }
  csl_internal::CslIdStyle id_style = csl_internal::CslIdStyle::kUnknown;
  for (std::size_t idx = 0; idx < results->size(); ++idx) {
    const json& item = (*results)[idx];
    const core::Location where{.file = std::string(file_name),
                               .element = fmt::format("results[{}]", idx)};
    if (!item.is_object()) {
      diagnostics.Warn(where,
                       item.dump(-1, ' ', false, json::error_handler_t::replace).substr(0, 200),
                       "result is not an object", "record skipped");
      continue;
    }
    builder.Add(RowFromJson(item, id_style), where);
  }
  return core::Ok();
}

}  // namespace

core::Result<ParsedList> ParseCslJsonBuffer(std::string_view data, std::string_view file_name,
                                            std::string_view list_id) {
  try {
    ParsedList out;
    out.list_id = std::string(list_id);
    out.format = "csl_json";
    csl_internal::CslBuilder builder(list_id, out.diagnostics);
    if (auto status = ParseJsonFile(data, file_name, builder, out.diagnostics); !status) {
      return status.error();
    }
    out.files.push_back(csl_internal::DescribeFile(std::string(file_name), data));
    out.entities = builder.Take();
    return out;
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal, error.what(),
                           {.file = std::string(file_name)});
  }
}

core::Result<ParsedList> ParseCslJson(const std::vector<std::filesystem::path>& files,
                                      std::string_view list_id) {
  try {
    ParsedList out;
    out.list_id = std::string(list_id);
    out.format = "csl_json";
    csl_internal::CslBuilder builder(list_id, out.diagnostics);
    for (const std::filesystem::path& path : files) {
      auto data = csl_internal::ReadWholeFile(path);
      if (!data) return data.error();
      if (auto status = ParseJsonFile(*data, path.string(), builder, out.diagnostics); !status) {
        return status.error();
      }
      out.files.push_back(csl_internal::DescribeFile(path, *data));
    }
    out.entities = builder.Take();
    return out;
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal, error.what());
  }
}

}  // namespace redflag::sources
