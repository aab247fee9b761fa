// The CSL row in a format-neutral form, and the builder that turns rows into entities. The CSV
// and JSON readers both fill CslRow, so the two formats give the same entities by construction.
// Internal to the sources module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostics.h"
#include "core/entity.h"

namespace redflag::sources::csl_internal {

struct CslId {
  std::string type;             // label, e.g. "Passport", "Effective Date (CMIC)"
  std::string number;           // value
  std::string country;          // as written (alpha-2 in practice)
  std::string issue_date;       // JSON only
  std::string expiration_date;  // JSON only, or CSV when two dates are given
  std::string undated;          // CSV: a single date the row does not say the meaning of
};

struct CslRow {
  std::string id;
  std::string source;
  std::string type;
  std::string name;
  std::string title;
  std::string federal_register_notice;
  std::string start_date;
  std::string end_date;
  std::string standard_order;
  std::string license_requirement;
  std::string license_policy;
  std::string call_sign;
  std::string vessel_type;
  std::string gross_tonnage;
  std::string gross_registered_tonnage;
  std::string vessel_flag;
  std::string vessel_owner;
  std::string remarks;
  std::string source_list_url;
  std::vector<std::string> programs;
  std::vector<std::string> alt_names;
  std::vector<std::string> citizenships;
  std::vector<std::string> dates_of_birth;
  std::vector<std::string> nationalities;
  std::vector<std::string> places_of_birth;
  std::vector<core::Address> addresses;
  std::vector<CslId> ids;
};

// "street, city, postal, CC" (CSV): the last part becomes the country when it is one; the rest
// is kept whole in `full`.
core::Address CslAddressFromText(std::string_view text);
// The JSON object's parts; `full` is the parts joined as the CSV writes them, so both agree.
core::Address CslAddressFromParts(std::string_view street, std::string_view city,
                                  std::string_view state, std::string_view postal_code,
                                  std::string_view country);
// How a CSV file orders an "ids" entry. 2022 files write the JSON keys in alphabetical order
// without the empty ones: "CC, [expiration, issue,] number, label"; files from 2023 on write
// them in JSON order: "label, number[, CC][, issue[, expiration]]". Decided per file by the
// first entry whose label is known, and remembered in `style`.
enum class CslIdStyle : std::uint8_t { kUnknown, kLabelLast, kLabelFirst };
CslId CslIdFromText(std::string_view text, CslIdStyle& style);

// Short list code for a CSL `source` ("Entity List (EL) - Bureau..." -> "EL"); "" when unknown.
std::string_view CslListCode(std::string_view source);

class CslBuilder {
 public:
  CslBuilder(std::string_view list_id, core::Diagnostics& diagnostics)
      : list_id_(list_id), diagnostics_(diagnostics) {}

  // Adds one row; `where` locates the row (file and line, or element) for diagnostics.
  void Add(CslRow row, const core::Location& where);
  std::vector<core::Entity> Take() { return std::move(entities_); }

 private:
  // The parts of Add, in order (csl_row.cc).
  void AddBirthsAndCountries(CslRow& row, core::Entity& entity, const core::Location& where);
  static void AddVesselFacts(const CslRow& row, core::Entity& entity);
  core::Listing MakeListing(CslRow& row, const core::Location& where);
  void AddIds(const CslRow& row, core::Entity& entity, core::Listing& listing,
              const core::Location& where);
  void ParseListingDate(std::string_view text, std::string_view field,
                        const core::Location& where, core::PartialDate& out);

  std::string list_id_;
  core::Diagnostics& diagnostics_;
  std::vector<core::Entity> entities_;
  std::unordered_map<std::string, std::size_t> by_native_id_;
};

}  // namespace redflag::sources::csl_internal
