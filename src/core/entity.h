// The entity model every module shares: a listed party (person, organization, vessel, aircraft)
// with its names, addresses, identifiers, dates, listings and stated links.
//
// Plain value types, copyable, no invariants beyond what each field's comment says. Strings are
// UTF-8 as the source wrote them (after decoding the source's encoding); countries are ISO 3166
// alpha-2 ("CN"), with the source's own text kept in *_raw fields where it was not a code.
// Entity ids are "<list-id>:<native-id>" (docs/architecture.md, "Entity IDs").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace redflag::core {

enum class EntityType : std::uint8_t { kUnknown, kPerson, kOrganization, kVessel, kAircraft };
std::string_view EntityTypeName(EntityType type);  // "unknown", "person", "organization", ...
// Accepts our names and common source spellings: individual, entity, company, ship, airplane...
EntityType ParseEntityType(std::string_view text);

enum class NameKind : std::uint8_t {
  kPrimary,   // the list's main name
  kStrongAka, // a.k.a. the source calls strong / good quality (or does not grade)
  kWeakAka,   // a.k.a. the source calls weak / low quality: counts less in matching
  kFka,       // formerly known as
  kNka,       // now known as
};
std::string_view NameKindName(NameKind kind);  // "primary", "aka", "weak_aka", "fka", "nka"

struct Name {
  std::string full;          // as written by the source, e.g. "HAMID, Mustafa" or "海康威视"
  NameKind kind = NameKind::kPrimary;
  std::string script;        // ISO 15924 when the source says or the text shows (Latn, Cyrl, Hani, Arab...)
  std::string language;      // ISO 639 when the source says
  // Structured parts when the source gives them (UN FIRST_NAME..., EU firstName/lastName).
  std::string given;
  std::string family;
  friend bool operator==(const Name&, const Name&) = default;
};

struct Address {
  std::string street;
  std::string city;
  std::string state;
  std::string postal_code;
  std::string country;       // ISO alpha-2, "" when unknown
  std::string country_raw;   // source text when it was not a recognised country
  std::string full;          // unstructured address text when the source gives only that
  friend bool operator==(const Address&, const Address&) = default;
};

enum class IdType : std::uint8_t {
  kOther,
  kPassport,
  kNationalId,
  kTaxId,
  kUscc,            // PRC Unified Social Credit Code
  kRegistration,    // company / business registration number
  kIsin,
  kTicker,
  kImo,
  kMmsi,
  kCallSign,
  kBic,             // SWIFT/BIC
  kLei,
  kCryptoAddress,   // digital currency address; `scheme` holds the currency (XBT, ETH...)
  kAircraftSerial,  // manufacturer serial number
  kAircraftTail,    // tail / registration mark
  kDriversLicense,
  kSocialSecurity,
  kEmail,
  kWebsite,
  kPhone,
  kDuns,
  kMacPrefix,       // IEEE OUI / MA-M / MA-S assignment, hex without separators
};
std::string_view IdTypeName(IdType type);   // "passport", "national_id", "isin", ...
IdType ParseIdTypeName(std::string_view name);  // inverse of IdTypeName; kOther when unknown

struct Identifier {
  IdType type = IdType::kOther;
  std::string type_raw;      // the source's label, e.g. "Passport", "Unified Social Credit Code (USCC)"
  std::string value;
  std::string country;       // issuing country, ISO alpha-2
  std::string scheme;        // sub-type: crypto currency code, ID kind for kOther
  std::string note;          // issue/expiry dates, remarks
  friend bool operator==(const Identifier&, const Identifier&) = default;
};

// An identifier value compared across sources: letters and digits only, upper case
// ("CN 0012-34" and "cn001234" are the same key).
std::string IdentifierKey(std::string_view value);

// One listing of the entity on one (sub-)list, with the facts the list states, verbatim.
struct Listing {
  std::string list_id;       // our list-id: ofac_sdn, us_csl, ...
  std::string list_name;     // the sub-list as the source names it, e.g.
                             // "Entity List (EL) - Bureau of Industry and Security", "SDN"
  std::string list_code;     // short code: SDN, EL, DPL, UVL, MEU, SSI, CMIC, ISN, DTC, PLC, CAP, MBS, FSE, UN, UK, CA, EU
  std::vector<std::string> programs;  // e.g. "SDGT", "CMIC-EO13959", "IRAN"
  PartialDate start;         // listed on / effective date
  PartialDate end;           // end / expiration date (DPL orders, delistings)
  PartialDate divestment;    // CMIC: purchase/sales for divestment allowed until
  std::vector<std::string> federal_register;  // e.g. "84 FR 54002"
  std::string license_requirement;  // Entity List, verbatim
  std::string license_policy;       // Entity List, verbatim
  std::string standard_order;       // DPL "Y"/"N"
  std::string action;               // DPL action, UN list type, ...
  std::string source_url;
  std::string remarks;
  friend bool operator==(const Listing&, const Listing&) = default;
};

// A relation the source states. `target_name` is always set; `target_id` when the source gives
// an id we can resolve ("ofac_sdn:12345").
struct Link {
  std::string relation;      // "linked_to", "owned_by", "owner_of", "subsidiary_of", "associate"
  std::string target_name;
  std::string target_id;
  double percent = -1;       // ownership share when stated, else -1
  friend bool operator==(const Link&, const Link&) = default;
};

struct VesselInfo {
  std::string call_sign;
  std::string vessel_type;
  std::string tonnage;
  std::string gross_registered_tonnage;
  std::string flag;          // ISO alpha-2 when recognised, else the source text
  std::string owner;
  bool empty() const {
    return call_sign.empty() && vessel_type.empty() && tonnage.empty() &&
           gross_registered_tonnage.empty() && flag.empty() && owner.empty();
  }
  friend bool operator==(const VesselInfo&, const VesselInfo&) = default;
};

struct Entity {
  std::string id;            // "<list_id>:<native_id>"
  std::string list_id;
  std::string native_id;
  EntityType type = EntityType::kUnknown;
  std::vector<Name> names;   // names[0] is the primary name
  std::vector<Address> addresses;
  std::vector<Identifier> identifiers;
  std::vector<BirthDate> birth_dates;
  std::vector<std::string> places_of_birth;
  std::vector<std::string> nationalities;   // ISO alpha-2
  std::vector<std::string> citizenships;    // ISO alpha-2
  std::string gender;        // "male", "female" or ""
  std::vector<std::string> titles;
  std::vector<Listing> listings;
  std::vector<Link> links;
  VesselInfo vessel;
  std::string remarks;       // free text the source gives about the entity

  const std::string& primary_name() const;
  // Every country the entity is tied to: addresses, nationalities, citizenships, id issuers.
  std::vector<std::string> Countries() const;
  friend bool operator==(const Entity&, const Entity&) = default;
};

std::string MakeEntityId(std::string_view list_id, std::string_view native_id);

}  // namespace redflag::core
