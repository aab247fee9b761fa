// The OFAC vocabulary shared by the Enhanced and the advanced XML parsers: alias kinds, name and
// address parts, ID document labels, feature types, list names and programs (xml_util.h).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>

#include "core/date.h"
#include "sources/xml_util.h"

namespace redflag::sources::xml {
namespace {

using core::IdType;

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Removes a trailing ':' or ' -' from an OFAC label ("Organization Type:" -> "Organization
// Type") so that remarks read "Organization Type: Public Company".
std::string LabelForRemark(std::string_view type_name) {
  std::string label = Clean(type_name);
  while (!label.empty() && (label.back() == ':' || label.back() == '-' || label.back() == ' ')) {
    label.pop_back();
  }
  return label;
}

std::string FormatRemark(std::string_view type_name, const FeatureValue& value) {
  std::string text = value.text;
  if (text.empty() && value.has_date)
    text = DateFromBounds(value.date_from, value.date_to).ToString();
  if (text.empty() && !value.country_raw.empty()) text = value.country_raw;
  std::string out = fmt::format("{}: {}", LabelForRemark(type_name), text);
  if (!value.comment.empty()) out += fmt::format(" ({})", value.comment);
  return out;
}

void AddIdentifier(core::Entity& entity, core::Identifier id) {
  if (id.value.empty()) return;
  for (const auto& existing : entity.identifiers) {
    if (existing.type == id.type && existing.value == id.value && existing.scheme == id.scheme) {
      return;
    }
  }
  entity.identifiers.push_back(std::move(id));
}

// The date a DATE feature names, from its text or its bounds; nullopt when neither reads.
std::optional<core::PartialDate> FeatureDate(const FeatureValue& value) {
  if (!value.text.empty()) {
    if (auto date = core::ParseDate(value.text)) return date;
  }
  if (value.has_date && !value.date_from.empty())
    return DateFromBounds(value.date_from, value.date_to);
  return std::nullopt;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// OFAC vocabulary.

core::NameKind OfacAliasKind(std::string_view alias_type, bool low_quality) {
  const std::string type = ToLowerAscii(alias_type);
  if (Contains(type, "f.k.a") || type == "fka") return core::NameKind::kFka;
  if (Contains(type, "n.k.a") || type == "nka") return core::NameKind::kNka;
  return low_quality ? core::NameKind::kWeakAka : core::NameKind::kStrongAka;
}

core::Name OfacNameFromParts(const std::vector<NamePart>& parts) {
  core::Name name;
  std::string given;
  std::string family;
  std::string other;
  for (const NamePart& part : parts) {
    if (part.value.empty()) continue;
    const std::string type = ToLowerAscii(part.type);
    std::string* target = &other;
    if (type == "last name" || type == "patronymic" || type == "matronymic") {
      target = &family;
    } else if (type == "first name" || type == "middle name") {
      target = &given;
    }
    if (!target->empty()) *target += ' ';
    *target += part.value;
  }
  name.given = given;
  name.family = family;
  if (!family.empty() && !given.empty()) {
    name.full = family + ", " + given;
    if (!other.empty()) name.full += " " + other;
  } else {
    std::string full;
    for (const NamePart& part : parts) {
      if (part.value.empty()) continue;
      if (!full.empty()) full += ' ';
      full += part.value;
    }
    name.full = full;
  }
  return name;
}

core::Address OfacAddressFromParts(const std::vector<AddressPart>& parts, std::string country,
                                   std::string country_raw) {
  core::Address address;
  std::string unknown;
  for (const AddressPart& part : parts) {
    if (part.value.empty()) continue;
    const std::string type = ToLowerAscii(part.type);
    if (StartsWith(type, "address")) {
      if (!address.street.empty()) address.street += ", ";
      address.street += part.value;
    } else if (type == "city") {
      address.city = part.value;
    } else if (type == "state/province" || type == "state") {
      address.state = part.value;
    } else if (type == "region") {
      if (address.state.empty()) {
        address.state = part.value;
      } else {
        address.state += ", " + part.value;
      }
    } else if (type == "postal code") {
      address.postal_code = part.value;
    } else {
      if (!unknown.empty()) unknown += ", ";
      unknown += part.value;
    }
  }
  address.country = std::move(country);
  address.country_raw = address.country.empty() ? std::move(country_raw) : std::string();
  if (!unknown.empty()) address.full = unknown;
  return address;
}

core::Identifier OfacIdentifier(std::string_view type_label, std::string_view number) {
  core::Identifier id;
  id.type_raw = Clean(type_label);
  id.value = Clean(number);
  const std::string type = ToLowerAscii(id.type_raw);
  auto any = [&](std::initializer_list<std::string_view> needles) {
    return std::any_of(needles.begin(), needles.end(),
                       [&](std::string_view needle) { return Contains(type, needle); });
  };
  if (Contains(type, "passport")) {
    id.type = IdType::kPassport;
  } else if (any({"unified social credit", "(uscc", "usccc"})) {
    id.type = IdType::kUscc;
  } else if (type == "legal entity number" || type == "lei") {
    id.type = IdType::kLei;
  } else if (type == "ssn" || Contains(type, "social security")) {
    id.type = IdType::kSocialSecurity;
  } else if (Contains(type, "driver")) {
    id.type = IdType::kDriversLicense;
  } else if (type == "mmsi") {
    id.type = IdType::kMmsi;
  } else if (Contains(type, "vessel registration") || type == "imo") {
    const std::string lowered = ToLowerAscii(id.value);
    if (StartsWith(lowered, "imo") || type == "imo") {
      id.type = IdType::kImo;
      if (StartsWith(lowered, "imo")) id.value = Clean(id.value.substr(3));
    } else {
      id.type = IdType::kRegistration;
    }
  } else if (Contains(type, "aircraft serial")) {
    id.type = IdType::kAircraftSerial;
  } else if (Contains(type, "swift") || type == "bic") {
    id.type = IdType::kBic;
  } else if (any({"tax", "r.f.c", "rfc", "nit #", "ruc #", "fein", "c.i.f", "rif #", "v.a.t", "vat",
                  "c.u.i.t", "fiscal", "n.i.f", "nuit", "rtn", "c.u.i.", "rsin", "inn"})) {
    id.type = IdType::kTaxId;
  } else if (any({"national id", "cedula", "d.n.i", "personal id", "identification number",
                  "kenyan id", "turkish identification", "tazkira", "cnp", "c.u.r.p",
                  "citizen's card", "uae identification", "national foreign id",
                  "numero de identidad", "c.i.n.", "n.i.e.", "identity card", "id card",
                  "id no"})) {
    id.type = IdType::kNationalId;
  } else if (any({"regist", "company number", "c.r. no", "incorporation", "gazette",
                  "trade license", "chamber of comm", "enterprise number", "business number",
                  "mercantil", "romanian c.r", "ogrn", "organization code", "branch unit",
                  "le number"})) {
    id.type = IdType::kRegistration;
  } else {
    id.type = IdType::kOther;
    id.scheme = id.type_raw;
  }
  return id;
}

core::PartialDate DateFromBounds(const core::PartialDate& from, const core::PartialDate& to) {
  if (from.empty()) return to;
  if (to.empty() || from == to) return from;
  const core::PartialDate first = from.First();
  const core::PartialDate last = to.Last();
  if (first.year == last.year && first.month == 1 && first.day == 1 && last.month == 12 &&
      last.day == 31) {
    return core::PartialDate{first.year, 0, 0};
  }
  const core::PartialDate month{first.year, first.month, 0};
  if (first.year == last.year && first.month == last.month && first.day == 1 &&
      month.Last() == last) {
    return month;
  }
  return from;
}

core::BirthDate BirthDateFromBounds(const core::PartialDate& from, const core::PartialDate& to,
                                    bool approximate, std::string raw) {
  core::BirthDate out;
  out.raw = std::move(raw);
  out.circa = approximate;
  if (from.empty() || to.empty()) {
    out.from = from.empty() ? to : from;
    return out;
  }
  const core::PartialDate first = from.First();
  const core::PartialDate last = to.Last();
  const core::PartialDate single = DateFromBounds(first, last);
  if (single.First() == first && single.Last() == last) {
    out.from = single;
    return out;
  }
  // A range ("1960 to 1962" is 1960-01-01 .. 1962-12-31): keep each end as coarse as it is.
  out.from = first.month == 1 && first.day == 1 ? core::PartialDate{first.year, 0, 0} : first;
  out.to = last.month == 12 && last.day == 31 ? core::PartialDate{last.year, 0, 0} : last;
  if (out.to < out.from) std::swap(out.from, out.to);
  return out;
}

void ApplyOfacFeature(std::string_view type_name, const FeatureValue& value, FeatureSink& sink,
                      const core::Location& where, core::Diagnostics& diagnostics) {
  core::Entity& entity = *sink.entity;
  const std::string type = ToLowerAscii(Clean(type_name));
  const std::string& text = value.text;
  auto drop_bad_date = [&](std::string_view expected) {
    core::Location location = where;
    location.field = std::string(Clean(type_name));
    diagnostics.Warn(std::move(location), Cut(text),
                     fmt::format("is not a date (expected {})", expected),
                     "record kept without it");
  };
  auto add_id = [&](IdType id_type, std::string scheme = {}) {
    core::Identifier id;
    id.type = id_type;
    id.type_raw = Clean(type_name);
    id.value = text;
    id.scheme = std::move(scheme);
    id.note = value.comment;
    AddIdentifier(entity, std::move(id));
  };
  auto country_list = [&](std::vector<std::string>& out) {
    if (!value.country.empty()) {
      AddUnique(out, value.country);
      return;
    }
    core::Location location = where;
    location.field = std::string(Clean(type_name));
    diagnostics.Warn(std::move(location), Cut(value.country_raw.empty() ? text : value.country_raw),
                     "not a recognised country (expected a country with an ISO 3166 code)",
                     "record kept without it");
  };

  if (type == "birthdate" || type == "date of birth") {
    std::optional<core::BirthDate> birth;
    if (!text.empty()) birth = core::ParseBirthDate(text);
    if (birth) {
      birth->circa = birth->circa || value.approximate;
    } else if (value.has_date && !value.date_from.empty()) {
      birth = BirthDateFromBounds(value.date_from, value.date_to, value.approximate, text);
    }
    if (!birth) {
      drop_bad_date("a date such as 1962, 01 Jan 1962 or circa 1962");
      return;
    }
    entity.birth_dates.push_back(std::move(*birth));
  } else if (type == "place of birth") {
    std::string place = text;
    if (place.empty() && value.has_address) {
      const core::Address& a = value.address;
      for (const std::string* part : {&a.street, &a.city, &a.state, &a.full, &a.country_raw}) {
        if (!part->empty()) AppendRemark(place, *part);
      }
      if (place.empty() && !a.country.empty()) place = a.country;
    }
    AddUnique(entity.places_of_birth, place);
  } else if (type == "nationality country" || type == "nationality" ||
             type == "nationality of registration") {
    country_list(entity.nationalities);
  } else if (type == "citizenship country" || type == "citizenship") {
    country_list(entity.citizenships);
  } else if (type == "gender") {
    const std::string lowered = ToLowerAscii(text);
    if (lowered == "male" || lowered == "m") {
      entity.gender = "male";
    } else if (lowered == "female" || lowered == "f") {
      entity.gender = "female";
    }
  } else if (type == "title") {
    AddUnique(entity.titles, text);
  } else if (type == "isin") {
    add_id(IdType::kIsin);
  } else if (type == "equity ticker") {
    add_id(IdType::kTicker);
  } else if (type == "swift/bic" || type == "bic") {
    add_id(IdType::kBic);
  } else if (type == "website") {
    add_id(IdType::kWebsite);
  } else if (type == "email address") {
    add_id(IdType::kEmail);
  } else if (type == "phone number") {
    add_id(IdType::kPhone);
  } else if (type == "mmsi") {
    add_id(IdType::kMmsi);
  } else if (type == "bik (ru)") {
    add_id(IdType::kOther, "BIK");
  } else if (StartsWith(type, "digital currency address")) {
    // "Digital Currency Address - XBT": the currency code follows the dash.
    std::string currency;
    if (const auto dash = type_name.rfind('-'); dash != std::string_view::npos) {
      currency = Clean(type_name.substr(dash + 1));
    }
    add_id(IdType::kCryptoAddress, currency);
  } else if (type == "vessel call sign" || type == "other vessel call sign") {
    add_id(IdType::kCallSign);
    if (type == "vessel call sign" && entity.vessel.call_sign.empty()) {
      entity.vessel.call_sign = text;
    }
  } else if (type == "vessel type" && entity.vessel.vessel_type.empty()) {
    entity.vessel.vessel_type = text;
  } else if (type == "vessel flag" && entity.vessel.flag.empty()) {
    entity.vessel.flag = !value.country.empty()
                             ? value.country
                             : (!value.country_raw.empty() ? value.country_raw : text);
  } else if (type == "vessel owner" && entity.vessel.owner.empty()) {
    entity.vessel.owner = text;
  } else if (type == "vessel tonnage" && entity.vessel.tonnage.empty()) {
    entity.vessel.tonnage = text;
  } else if (type == "vessel gross registered tonnage" &&
             entity.vessel.gross_registered_tonnage.empty()) {
    entity.vessel.gross_registered_tonnage = text;
  } else if (Contains(type, "aircraft") &&
             (Contains(type, "serial number") || Contains(type, "construction number"))) {
    add_id(IdType::kAircraftSerial);
  } else if (Contains(type, "aircraft tail number")) {
    add_id(IdType::kAircraftTail);
  } else if (type == "effective date (cmic)" ||
             type == "purchase/sales for divestment date (cmic)") {
    const auto date = FeatureDate(value);
    if (!date) {
      drop_bad_date("a date such as 02 Aug 2021");
      return;
    }
    (type[0] == 'e' ? sink.cmic_effective : sink.cmic_divestment) = *date;
  } else if (type == "location") {
    if (value.has_address) entity.addresses.push_back(value.address);
  } else if (Contains(type, "directive") || Contains(type, "sanctions risk") ||
             Contains(type, "caatsa") || Contains(type, "executive order") ||
             StartsWith(type, "ifca") || StartsWith(type, "peesa") ||
             StartsWith(type, "additional sanctions") ||
             StartsWith(type, "transactions prohibited") || StartsWith(type, "listing date") ||
             StartsWith(type, "effective date")) {
    AppendRemark(sink.listing_remarks, FormatRemark(type_name, value));
  } else {
    // Facts the model has no field for (issuer name, target type, established date, aircraft
    // model, vessel year of build...): keep them readable in the entity's remarks.
    AppendRemark(entity.remarks, FormatRemark(type_name, value));
  }
}

bool OfacListFromName(std::string_view list_name, OfacListInfo& info) {
  struct Row {
    std::string_view needle;  // lowercase, matched against the lowercased list name
    std::string_view name;
    std::string_view code;
  };
  static constexpr std::array<Row, 8> kLists = {{
      {"palestinian legislative council", "Non-SDN Palestinian Legislative Council List (NS-PLC)",
       "PLC"},
      {"cmic", "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC)", "CMIC"},
      {"chinese military", "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC)",
       "CMIC"},
      {"menu-based", "Non-SDN Menu-Based Sanctions List (NS-MBS)", "MBS"},
      {"sectoral sanctions", "Sectoral Sanctions Identifications List (SSI)", "SSI"},
      {"fse", "Foreign Sanctions Evaders List (FSE)", "FSE"},
      {"capta", "Correspondent Account or Payable-Through Account Sanctions (CAPTA)", "CAP"},
      {"sdn list", "Specially Designated Nationals and Blocked Persons List (SDN)", "SDN"},
  }};
  const std::string lowered = ToLowerAscii(Clean(list_name));
  for (const Row& row : kLists) {
    if (Contains(lowered, row.needle)) {
      info.name = row.name;
      info.code = row.code;
      return true;
    }
  }
  if (lowered == "foreign sanctions evaders list") {
    info = {"Foreign Sanctions Evaders List (FSE)", "FSE"};
    return true;
  }
  info = {Clean(list_name), ""};
  return false;
}

bool OfacListFromCode(std::string_view code, OfacListInfo& info) {
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"SDN", "SDN List"},
      {"SSI", "Sectoral Sanctions Identifications List"},
      {"CMIC", "Non-SDN CMIC List"},
      {"PLC", "Non-SDN Palestinian Legislative Council List"},
      {"MBS", "Non-SDN Menu-Based Sanctions List"},
      {"FSE", "FSE List"},
      {"CAP", "CAPTA List"},
  };
  const auto it = kNames.find(code);
  if (it == kNames.end()) return false;
  return OfacListFromName(it->second, info);
}

std::string_view OfacProgramListCode(std::string_view program) {
  const std::string upper = [&] {
    std::string out(program);
    for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return out;
  }();
  if (upper == "UKRAINE-EO13662") return "SSI";
  if (StartsWith(upper, "CMIC")) return "CMIC";
  if (upper == "NS-PLC") return "PLC";
  if (StartsWith(upper, "FSE-") || upper == "FSE") return "FSE";
  if (upper == "561-RELATED") return "CAP";
  return {};
}

void AssignOfacPrograms(const std::vector<std::string>& programs,
                        std::vector<core::Listing>& listings) {
  if (listings.empty()) return;
  if (listings.size() == 1) {
    for (const auto& program : programs) AddUnique(listings[0].programs, program);
    return;
  }
  std::vector<std::string> rest;
  for (const auto& program : programs) {
    const std::string_view code = OfacProgramListCode(program);
    bool placed = false;
    for (auto& listing : listings) {
      if (!code.empty() && listing.list_code == code) {
        AddUnique(listing.programs, program);
        placed = true;
      }
    }
    if (!placed) rest.push_back(program);
  }
  if (rest.empty()) return;
  std::vector<core::Listing*> targets;
  for (auto& listing : listings) {
    if (listing.list_code == "SDN") targets.push_back(&listing);
  }
  if (targets.empty()) {
    for (auto& listing : listings) {
      if (listing.programs.empty()) targets.push_back(&listing);
    }
  }
  if (targets.empty()) {
    for (auto& listing : listings) targets.push_back(&listing);
  }
  for (core::Listing* listing : targets) {
    for (const auto& program : rest) AddUnique(listing->programs, program);
  }
}

core::EntityType OfacEntityType(std::string_view text) {
  const std::string lowered = ToLowerAscii(Clean(text));
  if (lowered == "individual") return core::EntityType::kPerson;
  if (lowered == "entity") return core::EntityType::kOrganization;
  if (lowered == "vessel") return core::EntityType::kVessel;
  if (lowered == "aircraft") return core::EntityType::kAircraft;
  return core::ParseEntityType(lowered);
}

std::string OfacRelation(std::string_view type) {
  static const std::map<std::string, std::string, std::less<>> kRelations = {
      {"owned or controlled by", "owned_by"},
      {"owns, controls, or operates", "owner_of"},
      {"associate of", "associate"},
      {"linked to", "linked_to"},
      {"acting for or on behalf of", "acting_for"},
      {"providing support to", "supports"},
      {"family member of", "family_of"},
      {"leader or official of", "leader_of"},
      {"principal executive officer", "executive_of"},
      {"playing a significant role in", "significant_role_in"},
      {"property in the interest of", "property_of"},
  };
  const std::string lowered = ToLowerAscii(Clean(type));
  if (const auto it = kRelations.find(lowered); it != kRelations.end()) return it->second;
  std::string out;
  for (char ch : lowered) {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      out += ch;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "related" : out;
}

}  // namespace redflag::sources::xml
