#include "core/entity.h"

#include <algorithm>
#include <cctype>
#include <array>
#include <utility>

#include "core/enum_names.h"

namespace redflag::core {
namespace {

constexpr NameTable<IdType, 23> kIdTypeNames = {{
    {IdType::kOther, "other"},
    {IdType::kPassport, "passport"},
    {IdType::kNationalId, "national_id"},
    {IdType::kTaxId, "tax_id"},
    {IdType::kUscc, "uscc"},
    {IdType::kRegistration, "registration"},
    {IdType::kIsin, "isin"},
    {IdType::kTicker, "ticker"},
    {IdType::kImo, "imo"},
    {IdType::kMmsi, "mmsi"},
    {IdType::kCallSign, "call_sign"},
    {IdType::kBic, "bic"},
    {IdType::kLei, "lei"},
    {IdType::kCryptoAddress, "crypto_address"},
    {IdType::kAircraftSerial, "aircraft_serial"},
    {IdType::kAircraftTail, "aircraft_tail"},
    {IdType::kDriversLicense, "drivers_license"},
    {IdType::kSocialSecurity, "social_security"},
    {IdType::kEmail, "email"},
    {IdType::kWebsite, "website"},
    {IdType::kPhone, "phone"},
    {IdType::kDuns, "duns"},
    {IdType::kMacPrefix, "mac_prefix"},
}};

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return out;
}

}  // namespace

std::string_view EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kUnknown: return "unknown";
    case EntityType::kPerson: return "person";
    case EntityType::kOrganization: return "organization";
    case EntityType::kVessel: return "vessel";
    case EntityType::kAircraft: return "aircraft";
  }
  return "unknown";
}

EntityType ParseEntityType(std::string_view text) {
  const std::string lowered = Lower(text);
  if (lowered == "person" || lowered == "individual" || lowered == "p" || lowered == "human") {
    return EntityType::kPerson;
  }
  if (lowered == "organization" || lowered == "organisation" || lowered == "entity" ||
      lowered == "company" || lowered == "enterprise" || lowered == "e" ||
      lowered == "legalentity" || lowered == "legal_entity" || lowered == "-0-") {
    return EntityType::kOrganization;
  }
  if (lowered == "vessel" || lowered == "ship") return EntityType::kVessel;
  if (lowered == "aircraft" || lowered == "airplane" || lowered == "plane") {
    return EntityType::kAircraft;
  }
  return EntityType::kUnknown;
}

std::string_view NameKindName(NameKind kind) {
  switch (kind) {
    case NameKind::kPrimary: return "primary";
    case NameKind::kStrongAka: return "aka";
    case NameKind::kWeakAka: return "weak_aka";
    case NameKind::kFka: return "fka";
    case NameKind::kNka: return "nka";
  }
  return "aka";
}

std::string_view IdTypeName(IdType type) { return NameIn(kIdTypeNames, type, "other"); }

IdType ParseIdTypeName(std::string_view name) {
  return ValueIn(kIdTypeNames, name).value_or(IdType::kOther);
}

std::string IdentifierKey(std::string_view value) {
  std::string key;
  for (const char ch : value) {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      key += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
  }
  return key;
}

const std::string& Entity::primary_name() const {
  static const std::string kEmpty;
  return names.empty() ? kEmpty : names.front().full;
}

std::vector<std::string> Entity::Countries() const {
  std::vector<std::string> out;
  auto add = [&out](const std::string& code) {
    if (code.size() == 2 && std::find(out.begin(), out.end(), code) == out.end()) {
      out.push_back(code);
    }
  };
  for (const Address& address : addresses) add(address.country);
  for (const std::string& code : nationalities) add(code);
  for (const std::string& code : citizenships) add(code);
  for (const Identifier& identifier : identifiers) add(identifier.country);
  return out;
}

std::string MakeEntityId(std::string_view list_id, std::string_view native_id) {
  std::string out;
  out.reserve(list_id.size() + 1 + native_id.size());
  out.append(list_id).append(":").append(native_id);
  return out;
}

}  // namespace redflag::core
