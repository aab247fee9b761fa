#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/country.h"
#include "core/date.h"
#include "sources/us_trade/csl_aliases_internal.h"
#include "sources/us_trade/csl_fields_internal.h"
#include "sources/us_trade/csl_row_internal.h"

namespace redflag::sources::csl_internal {
namespace {

bool IsUpperAlpha2(std::string_view text) {
  return text.size() == 2 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'A' && text[1] <= 'Z';
}

// A date part inside an "ids" entry ("2014-08-30", "11 Nov 1999"); bare numbers are values.
bool LooksLikeDate(std::string_view text) {
  if (text.find_first_not_of("0123456789") == std::string_view::npos) return false;
  if (text.find_first_of("0123456789") == std::string_view::npos) return false;
  return core::ParseDate(text).has_value();
}

bool IsKnownLabel(std::string_view text) {
  const IdLabel label = ClassifyIdLabel(text);
  return !(label.disposition == IdDisposition::kIdentifier && label.type == core::IdType::kOther);
}

std::string Join(const std::vector<std::string_view>& parts, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t idx = begin; idx < end; ++idx) {
    if (idx > begin) out += ", ";
    out += parts[idx];
  }
  return out;
}

struct ListCode {
  std::string_view marker;
  std::string_view code;
};

constexpr std::array<ListCode, 14> kListCodes = {{
    {"(EL)", "EL"},
    {"(DPL)", "DPL"},
    {"(UVL)", "UVL"},
    {"(MEU)", "MEU"},
    {"(SDN)", "SDN"},
    {"(SSI)", "SSI"},
    {"(CMIC)", "CMIC"},
    {"(ISN)", "ISN"},
    {"(DTC)", "DTC"},
    {"(PLC)", "PLC"},
    {"(CAP)", "CAP"},
    {"CAPTA", "CAP"},
    {"(NS-MBS", "MBS"},
    {"(FSE)", "FSE"},
}};

core::Location At(const core::Location& where, std::string_view field) {
  core::Location out = where;
  out.field = std::string(field);
  return out;
}

std::string IdNote(const CslId& id) {
  std::string note;
  if (!id.issue_date.empty()) AppendNote(note, "issued " + id.issue_date);
  if (!id.expiration_date.empty()) AppendNote(note, "expires " + id.expiration_date);
  if (!id.undated.empty()) AppendNote(note, "date " + id.undated);
  return note;
}

}  // namespace

core::Address CslAddressFromText(std::string_view text) {
  core::Address address;
  text = Trim(text);
  const std::size_t comma = text.rfind(", ");
  const std::string_view last =
      Trim(comma == std::string_view::npos ? text : text.substr(comma + 2));
  std::string country = core::CountryCode(last);
  if (!country.empty()) {
    address.country = std::move(country);
    address.full = std::string(comma == std::string_view::npos ? "" : Trim(text.substr(0, comma)));
  } else {
    address.full = std::string(text);
  }
  return address;
}

core::Address CslAddressFromParts(std::string_view street, std::string_view city,
                                  std::string_view state, std::string_view postal_code,
                                  std::string_view country) {
  core::Address address;
  address.street = std::string(Trim(street));
  address.city = std::string(Trim(city));
  address.state = std::string(Trim(state));
  address.postal_code = std::string(Trim(postal_code));
  for (const std::string* part :
       {&address.street, &address.city, &address.state, &address.postal_code}) {
    if (part->empty()) continue;
    if (!address.full.empty()) address.full += ", ";
    address.full += *part;
  }
  country = Trim(country);
  address.country = core::CountryCode(country);
  if (address.country.empty()) address.country_raw = std::string(country);
  return address;
}

CslId CslIdFromText(std::string_view text, CslIdStyle& style) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(", ", pos);
    if (end == std::string_view::npos) end = text.size();
    parts.push_back(Trim(text.substr(pos, end - pos)));
    pos = end + 2;
  }
  CslId id;
  if (parts.size() == 1) {
    id.number = std::string(parts[0]);
    return id;
  }
  if (style == CslIdStyle::kUnknown) {
    if (IsKnownLabel(parts.back())) {
      style = CslIdStyle::kLabelLast;
    } else if (IsKnownLabel(parts.front())) {
      style = CslIdStyle::kLabelFirst;
    }
  }
  // Until a known label decides, an entry ending in a label-like ":"/"-" or starting with a
  // country code reads as label-last.
  CslIdStyle this_style = style;
  if (this_style == CslIdStyle::kUnknown) {
    const bool last_is_label = parts.back().ends_with(':') || parts.back().ends_with('-');
    const bool first_is_label = parts.front().ends_with(':') || parts.front().ends_with('-');
    if (last_is_label || (!first_is_label && IsUpperAlpha2(parts.front()))) {
      this_style = CslIdStyle::kLabelLast;
    } else {
      this_style = CslIdStyle::kLabelFirst;
    }
  }
  std::size_t begin = 0;
  std::size_t end = parts.size();
  if (this_style == CslIdStyle::kLabelLast) {
    id.type = std::string(parts[--end]);
    if (end - begin >= 2 && IsUpperAlpha2(parts[begin])) id.country = std::string(parts[begin++]);
    std::vector<std::string_view> dates;
    while (end - begin >= 2 && dates.size() < 2 && LooksLikeDate(parts[begin])) {
      dates.push_back(parts[begin++]);
    }
    if (dates.size() == 2) {
      id.expiration_date = std::string(dates[0]);
      id.issue_date = std::string(dates[1]);
    } else if (dates.size() == 1) {
      id.undated = std::string(dates[0]);
    }
  } else {
    id.type = std::string(parts[begin++]);
    std::vector<std::string_view> dates;
    while (end - begin >= 2 && dates.size() < 2 && LooksLikeDate(parts[end - 1])) {
      dates.insert(dates.begin(), parts[--end]);
    }
    if (!dates.empty()) id.issue_date = std::string(dates[0]);
    if (dates.size() == 2) id.expiration_date = std::string(dates[1]);
    if (end - begin >= 2 && IsUpperAlpha2(parts[end - 1])) id.country = std::string(parts[--end]);
  }
  id.number = Join(parts, begin, end);
  return id;
}

std::string_view CslListCode(std::string_view source) {
  for (const ListCode& row : kListCodes) {
    if (source.find(row.marker) != std::string_view::npos) return row.code;
  }
  return "";
}

void CslBuilder::Add(CslRow row, const core::Location& where) {
  row.id = std::string(Trim(row.id));
  row.name = std::string(Trim(row.name));
  if (row.id.empty()) {
    diagnostics_.Warn(At(where, "_id"), row.name, "empty _id (expected the CSL entry id)",
                      "record skipped");
    return;
  }
  if (row.name.empty()) {
    diagnostics_.Warn(At(where, "name"), row.id, "empty name (expected the listed party's name)",
                      "record skipped");
    return;
  }

  core::Entity fresh;
  const auto [found, inserted] = by_native_id_.try_emplace(row.id, entities_.size());
  if (inserted) {
    fresh.list_id = list_id_;
    fresh.native_id = row.id;
    fresh.id = core::MakeEntityId(list_id_, row.id);
    entities_.push_back(std::move(fresh));
  }
  core::Entity& entity = entities_[found->second];

  const std::string_view type_text = Trim(row.type);
  const core::EntityType type = core::ParseEntityType(type_text);
  if (type == core::EntityType::kUnknown && !type_text.empty()) {
    diagnostics_.Warn(At(where, "type"), std::string(type_text),
                      "unknown type (expected Individual, Entity, Vessel or Aircraft)",
                      "record kept with type unknown");
  }
  if (entity.type == core::EntityType::kUnknown) entity.type = type;

  // Another row of the same entity may spell the main name differently: it becomes an a.k.a.
  AddName(entity, core::Name{.full = row.name,
                             .kind = entity.names.empty() ? core::NameKind::kPrimary
                                                          : core::NameKind::kStrongAka});
  // Aliases the name and the alias items carry in prose (csl_aliases.cc). CSL does not grade
  // aliases, so every alt_name is a strong a.k.a. (an f.k.a. stays one).
  for (AliasPart& part : AliasesInName(row.name)) {
    AddName(entity, core::Name{.full = std::move(part.name), .kind = part.kind});
  }
  for (const std::string& alias : row.alt_names) {
    for (AliasPart& part : SplitAliasItem(alias)) {
      AddName(entity, core::Name{.full = std::move(part.name), .kind = part.kind});
    }
  }
  for (core::Address& address : row.addresses) AddUnique(entity.addresses, std::move(address));
  if (!Trim(row.title).empty()) AddUnique(entity.titles, std::string(Trim(row.title)));

  AddBirthsAndCountries(row, entity, where);
  AddVesselFacts(row, entity);
  core::Listing listing = MakeListing(row, where);
  for (const std::string& target : LinkedToTargets(row.remarks)) {
    AddUnique(entity.links, core::Link{.relation = "linked_to", .target_name = target});
  }
  AddIds(row, entity, listing, where);
  entity.listings.push_back(std::move(listing));
}

void CslBuilder::AddBirthsAndCountries(CslRow& row, core::Entity& entity,
                                       const core::Location& where) {
  for (const std::string& text : row.dates_of_birth) {
    if (auto date = core::ParseBirthDate(text)) {
      date->raw = text;
      AddUnique(entity.birth_dates, std::move(*date));
    } else {
      diagnostics_.Warn(At(where, "dates_of_birth"), text,
                        "is not a date (expected YYYY, YYYY-MM, YYYY-MM-DD, circa YYYY or "
                        "YYYY to YYYY)",
                        "record kept without this date of birth");
    }
  }
  for (std::string& place : row.places_of_birth) {
    AddUnique(entity.places_of_birth, std::move(place));
  }
  const auto add_countries = [&](const std::vector<std::string>& values, std::string_view field,
                                 std::vector<std::string>& out) {
    for (const std::string& value : values) {
      std::string code = core::CountryCode(value);
      if (code.empty()) {
        diagnostics_.Warn(At(where, field), value,
                          "is not a country (expected an ISO 3166 code or name)",
                          "record kept without this country");
        continue;
      }
      AddUnique(out, std::move(code));
    }
  };
  add_countries(row.nationalities, "nationalities", entity.nationalities);
  add_countries(row.citizenships, "citizenships", entity.citizenships);
}

// Vessel facts: the first row that states one wins.
void CslBuilder::AddVesselFacts(const CslRow& row, core::Entity& entity) {
  core::VesselInfo& vessel = entity.vessel;
  const auto fill = [](std::string& target, std::string_view value) {
    value = Trim(value);
    if (target.empty() && !value.empty()) target = std::string(value);
  };
  fill(vessel.call_sign, row.call_sign);
  fill(vessel.vessel_type, row.vessel_type);
  fill(vessel.tonnage, row.gross_tonnage);
  fill(vessel.gross_registered_tonnage, row.gross_registered_tonnage);
  fill(vessel.owner, row.vessel_owner);
  if (!Trim(row.vessel_flag).empty() && vessel.flag.empty()) {
    const std::string code = core::CountryCode(row.vessel_flag);
    vessel.flag = code.empty() ? std::string(Trim(row.vessel_flag)) : code;
  }
  if (!Trim(row.call_sign).empty()) {
    AddUnique(entity.identifiers, core::Identifier{.type = core::IdType::kCallSign,
                                                   .type_raw = "call_sign",
                                                   .value = std::string(Trim(row.call_sign))});
  }
}

void CslBuilder::ParseListingDate(std::string_view text, std::string_view field,
                                  const core::Location& where, core::PartialDate& out) {
  text = Trim(text);
  if (text.empty()) return;
  if (const auto date = core::ParseDate(text)) {
    out = *date;
  } else {
    diagnostics_.Warn(At(where, field), std::string(text),
                      "is not a date (expected YYYY-MM-DD or DD Mon YYYY)",
                      "record kept without it");
  }
}

core::Listing CslBuilder::MakeListing(CslRow& row, const core::Location& where) {
  core::Listing listing;
  listing.list_id = list_id_;
  listing.list_name = std::string(Trim(row.source));
  listing.list_code = std::string(CslListCode(listing.list_name));
  if (listing.list_code.empty()) {
    diagnostics_.Warn(At(where, "source"), listing.list_name,
                      "unknown source list (expected one of the CSL sources, e.g. \"Entity List "
                      "(EL) - Bureau of Industry and Security\")",
                      "record kept without a list code");
  }
  for (std::string& program : row.programs) AddUnique(listing.programs, std::move(program));
  ParseListingDate(row.start_date, "start_date", where, listing.start);
  ParseListingDate(row.end_date, "end_date", where, listing.end);
  if (!Trim(row.federal_register_notice).empty()) {
    listing.federal_register = NormalizeFederalRegister(row.federal_register_notice);
  }
  listing.license_requirement = row.license_requirement;
  listing.license_policy = row.license_policy;
  listing.standard_order = std::string(Trim(row.standard_order));
  listing.source_url = std::string(Trim(row.source_list_url));
  listing.remarks = std::string(Trim(row.remarks));
  return listing;
}

// The `ids` column: identifiers, and the labelled facts CSL keeps there (gender, listing dates,
// notes), each by ClassifyIdLabel.
void CslBuilder::AddIds(const CslRow& row, core::Entity& entity, core::Listing& listing,
                        const core::Location& where) {
  for (const CslId& id : row.ids) {
    const IdLabel label = ClassifyIdLabel(id.type);
    const std::string_view value = Trim(id.number);
    switch (label.disposition) {
      case IdDisposition::kGender: {
        std::string gender;
        for (const char ch : value) gender.push_back(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
        if (gender == "male" || gender == "female") {
          if (entity.gender.empty()) entity.gender = gender;
        } else {
          diagnostics_.Warn(At(where, "ids"), std::string(value),
                            "gender is neither Male nor Female", "record kept without gender");
        }
        break;
      }
      case IdDisposition::kListingStart:
        ParseListingDate(value, "ids", where, listing.start);
        break;
      case IdDisposition::kDivestment:
        ParseListingDate(value, "ids", where, listing.divestment);
        break;
      case IdDisposition::kListingNote:
        AppendNote(listing.remarks, fmt::format("{} {}", Trim(id.type), value));
        break;
      case IdDisposition::kEntityNote: {
        const std::string note = fmt::format("{} {}", Trim(id.type), value);
        if (entity.remarks.find(note) == std::string::npos) AppendNote(entity.remarks, note);
        break;
      }
      case IdDisposition::kIdentifier: {
        if (value.empty()) break;
        std::string country;
        if (!Trim(id.country).empty()) {
          country = core::CountryCode(id.country);
          if (country.empty()) {
            diagnostics_.Warn(At(where, "ids"), id.country, "identifier country is not a country",
                              "identifier kept without its country");
          }
        }
        core::Identifier identifier = MakeIdentifier(label, id.type, value, country);
        identifier.note = IdNote(id);
        AddUnique(entity.identifiers, std::move(identifier));
        break;
      }
    }
  }
}

}  // namespace redflag::sources::csl_internal
