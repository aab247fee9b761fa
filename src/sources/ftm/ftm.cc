#include "sources/ftm/ftm.h"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/country.h"
#include "core/date.h"
#include "sources/us_trade/csl_fields_internal.h"

namespace redflag::sources {
namespace {

using csl_internal::Trim;
using nlohmann::json;

constexpr std::string_view kListCode = "FTM";

struct IdProperty {
  std::string_view property;
  core::IdType type;
  std::string_view scheme;
};

// FtM identifier properties (followthemoney schema: Thing, LegalEntity, Organization, Company,
// Person, Vessel, Airplane).
constexpr IdProperty kIdProperties[] = {
    {"passportNumber", core::IdType::kPassport, ""},
    {"taxNumber", core::IdType::kTaxId, ""},
    {"vatCode", core::IdType::kTaxId, "VAT"},
    {"innCode", core::IdType::kTaxId, "INN"},
    {"registrationNumber", core::IdType::kRegistration, ""},
    {"ogrnCode", core::IdType::kRegistration, "OGRN"},
    {"okpoCode", core::IdType::kRegistration, "OKPO"},
    {"uniqueEntityId", core::IdType::kRegistration, "UEI"},
    {"leiCode", core::IdType::kLei, ""},
    {"swiftBic", core::IdType::kBic, ""},
    {"bikCode", core::IdType::kOther, "BIK"},
    {"isin", core::IdType::kIsin, ""},
    {"isinCode", core::IdType::kIsin, ""},
    {"ticker", core::IdType::kTicker, ""},
    {"dunsCode", core::IdType::kDuns, ""},
    {"imoNumber", core::IdType::kImo, ""},
    {"mmsi", core::IdType::kMmsi, ""},
    {"callSign", core::IdType::kCallSign, ""},
    {"serialNumber", core::IdType::kAircraftSerial, ""},
    {"email", core::IdType::kEmail, ""},
    {"website", core::IdType::kWebsite, ""},
    {"phone", core::IdType::kPhone, ""},
};

// Relation schemas: (from property, to property, relation seen from `from`, seen from `to`).
struct RelationSchema {
  std::string_view schema;
  std::string_view from;
  std::string_view to;
  std::string_view from_relation;
  std::string_view to_relation;
};

constexpr RelationSchema kRelations[] = {
    {"Ownership", "owner", "asset", "owner_of", "owned_by"},
    {"Directorship", "director", "organization", "director_of", "has_director"},
    {"Membership", "member", "organization", "member_of", "has_member"},
    {"Family", "person", "relative", "family", "family"},
    {"Associate", "person", "associate", "associate", "associate"},
    {"UnknownLink", "subject", "object", "linked_to", "linked_to"},
};

bool IsEntitySchema(std::string_view schema, core::EntityType& type) {
  if (schema == "Person") {
    type = core::EntityType::kPerson;
  } else if (schema == "Organization" || schema == "Company" || schema == "PublicBody") {
    type = core::EntityType::kOrganization;
  } else if (schema == "LegalEntity") {
    type = core::EntityType::kUnknown;  // FtM's "we do not know whether person or company"
  } else if (schema == "Vessel") {
    type = core::EntityType::kVessel;
  } else if (schema == "Airplane") {
    type = core::EntityType::kAircraft;
  } else {
    return false;
  }
  return true;
}

// Property values as strings: FtM writes arrays of strings; a bare string or number is accepted.
std::vector<std::string> Values(const json& properties, std::string_view key) {
  std::vector<std::string> out;
  const auto found = properties.find(key);
  if (found == properties.end()) return out;
  const auto add = [&out](const json& value) {
    std::string text;
    if (value.is_string()) {
      text = std::string(Trim(value.get_ref<const std::string&>()));
    } else if (value.is_number()) {
      text = value.dump();
    }
    if (!text.empty()) csl_internal::AddUnique(out, std::move(text));
  };
  if (found->is_array()) {
    for (const json& item : *found) add(item);
  } else {
    add(*found);
  }
  return out;
}

std::string First(const json& properties, std::string_view key) {
  std::vector<std::string> values = Values(properties, key);
  return values.empty() ? std::string() : std::move(values.front());
}

std::string TopString(const json& object, std::string_view key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return "";
  return found->get<std::string>();
}

core::Location At(const core::Location& where, std::string_view field) {
  core::Location out = where;
  out.field = std::string(field);
  return out;
}

// A relation or sanction line, kept until every entity has been read.
struct Pending {
  std::string schema;
  json properties;
  core::Location where;
};

class FtmParser {
 public:
  FtmParser(std::string_view list_id, ParsedList& out) : list_id_(list_id), out_(out) {}

  void ParseFile(std::string_view data, std::string_view file_name) {
    std::int64_t line_number = 0;
    std::size_t pos = 0;
    while (pos < data.size()) {
      std::size_t end = data.find('\n', pos);
      if (end == std::string_view::npos) end = data.size();
      ++line_number;
      const std::string_view line = Trim(data.substr(pos, end - pos));
      pos = end + 1;
      if (line.empty()) continue;
      ParseLine(line, core::Location{.file = std::string(file_name), .line = line_number});
    }
  }

  void Finish() {
    for (const Pending& pending : pending_) Resolve(pending);
    // An entity no Sanction refers to still needs a listing: the datasets it comes from.
    for (std::size_t idx = 0; idx < out_.entities.size(); ++idx) {
      core::Entity& entity = out_.entities[idx];
      if (!entity.listings.empty()) continue;
      core::Listing listing = BaseListing();
      const std::vector<std::string>& datasets = datasets_[idx];
      listing.list_name = "OpenSanctions";
      if (!datasets.empty()) {
        listing.list_name += ": ";
        for (std::size_t set_idx = 0; set_idx < datasets.size(); ++set_idx) {
          if (set_idx > 0) listing.list_name += ", ";
          listing.list_name += datasets[set_idx];
        }
      }
      listing.programs = programs_[idx];
      entity.listings.push_back(std::move(listing));
    }
    for (const auto& [schema, count] : skipped_schemas_) {
      out_.diagnostics.Info({.field = "schema"},
                            fmt::format("{} line(s) of schema {} not used", count, schema));
    }
    out_.published = newest_seen_;
  }

 private:
  void ParseLine(std::string_view line, const core::Location& where) {
    const json object = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
    const std::string original(line.substr(0, 200));
    if (object.is_discarded()) {
      out_.diagnostics.Warn(where, original, "is not valid JSON", "line skipped");
      return;
    }
    if (!object.is_object()) {
      out_.diagnostics.Warn(where, original, "is not a JSON object", "line skipped");
      return;
    }
    const std::string id(Trim(TopString(object, "id")));
    const std::string schema = TopString(object, "schema");
    if (id.empty() || schema.empty()) {
      out_.diagnostics.Warn(where, original, "has no \"id\" or no \"schema\"", "line skipped");
      return;
    }
    static const json kEmpty = json::object();
    const auto props = object.find("properties");
    const json& properties = (props != object.end() && props->is_object()) ? *props : kEmpty;
    NoteSeen(TopString(object, "last_seen"));
    NoteSeen(TopString(object, "last_change"));

    core::EntityType type = core::EntityType::kUnknown;
    if (IsEntitySchema(schema, type)) {
      AddEntity(object, id, type, properties, where);
      return;
    }
    if (schema == "Sanction") {
      pending_.push_back(Pending{schema, properties, where});
      return;
    }
    for (const RelationSchema& relation : kRelations) {
      if (relation.schema == schema) {
        pending_.push_back(Pending{schema, properties, where});
        return;
      }
    }
    ++skipped_schemas_[schema];
  }

  void NoteSeen(std::string_view text) {
    if (text.size() < 10) return;
    const auto date = core::ParseDate(text.substr(0, 10));
    if (date && *date <= today_ && *date > newest_seen_) newest_seen_ = *date;
  }

  void AddEntity(const json& object, const std::string& id, core::EntityType type,
                 const json& properties, const core::Location& where) {
    const std::vector<std::string> names = Values(properties, "name");
    if (names.empty()) {
      out_.diagnostics.Warn(At(where, "name"), id, "entity has no name", "line skipped");
      return;
    }
    if (by_id_.count(id) > 0) {
      out_.diagnostics.Warn(At(where, "id"), id,
                            fmt::format("duplicate id (first on line {})", lines_[id]),
                            "line skipped");
      return;
    }
    core::Entity entity;
    entity.list_id = list_id_;
    entity.native_id = id;
    entity.id = core::MakeEntityId(list_id_, id);
    entity.type = type;
    for (std::size_t idx = 0; idx < names.size(); ++idx) {
      csl_internal::AddName(entity, core::Name{.full = names[idx],
                                               .kind = idx == 0 ? core::NameKind::kPrimary
                                                                : core::NameKind::kStrongAka});
    }
    for (std::string& alias : Values(properties, "alias")) {
      csl_internal::AddName(
          entity, core::Name{.full = std::move(alias), .kind = core::NameKind::kStrongAka});
    }
    for (std::string& alias : Values(properties, "previousName")) {
      csl_internal::AddName(entity,
                            core::Name{.full = std::move(alias), .kind = core::NameKind::kFka});
    }
    for (std::string& alias : Values(properties, "weakAlias")) {
      csl_internal::AddName(entity,
                            core::Name{.full = std::move(alias), .kind = core::NameKind::kWeakAka});
    }
    for (const std::string& text : Values(properties, "birthDate")) {
      if (auto date = core::ParseBirthDate(text)) {
        date->raw = text;
        csl_internal::AddUnique(entity.birth_dates, std::move(*date));
      } else {
        out_.diagnostics.Warn(At(where, "birthDate"), text,
                              "is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                              "entity kept without this date of birth");
      }
    }
    for (std::string& place : Values(properties, "birthPlace")) {
      csl_internal::AddUnique(entity.places_of_birth, std::move(place));
    }
    AddCountries(Values(properties, "nationality"), "nationality", where, entity.nationalities);
    AddCountries(Values(properties, "citizenship"), "citizenship", where, entity.citizenships);
    std::vector<std::string> countries;
    AddCountries(Values(properties, "country"), "country", where, countries);
    AddCountries(Values(properties, "jurisdiction"), "jurisdiction", where, countries);
    for (const std::string& text : Values(properties, "address")) {
      csl_internal::AddUnique(entity.addresses, core::Address{.full = text});
    }
    // A single country with a single address is that address's country; otherwise the
    // countries stand on their own.
    if (countries.size() == 1 && entity.addresses.size() == 1) {
      entity.addresses[0].country = countries[0];
    } else {
      for (std::string& country : countries) {
        csl_internal::AddUnique(entity.addresses, core::Address{.country = std::move(country)});
      }
    }
    const std::string gender = First(properties, "gender");
    if (gender == "male" || gender == "female") entity.gender = gender;
    for (std::string& title : Values(properties, "position")) {
      csl_internal::AddUnique(entity.titles, std::move(title));
    }
    for (std::string& title : Values(properties, "title")) {
      csl_internal::AddUnique(entity.titles, std::move(title));
    }
    for (const std::string& note : Values(properties, "notes")) {
      csl_internal::AppendNote(entity.remarks, note);
    }

    // idNumber is a national id for a person and a registration for anything else.
    for (const std::string& value : Values(properties, "idNumber")) {
      AddId(entity,
            type == core::EntityType::kPerson ? core::IdType::kNationalId
                                              : core::IdType::kRegistration,
            "idNumber", "", value);
    }
    for (const IdProperty& row : kIdProperties) {
      core::IdType id_type = row.type;
      // An airplane's registrationNumber is its tail mark.
      if (type == core::EntityType::kAircraft && row.property == "registrationNumber") {
        id_type = core::IdType::kAircraftTail;
      }
      for (const std::string& value : Values(properties, row.property)) {
        AddId(entity, id_type, row.property, row.scheme, value);
      }
    }

    if (type == core::EntityType::kVessel) {
      const std::string flag = First(properties, "flag");
      if (!flag.empty()) {
        const std::string code = core::CountryCode(flag);
        entity.vessel.flag = code.empty() ? flag : code;
      }
      entity.vessel.call_sign = First(properties, "callSign");
      entity.vessel.vessel_type = First(properties, "type");
      entity.vessel.tonnage = First(properties, "tonnage");
      entity.vessel.gross_registered_tonnage = First(properties, "grossRegisteredTonnage");
    }

    std::vector<std::string> datasets;
    if (const auto found = object.find("datasets"); found != object.end() && found->is_array()) {
      for (const json& item : *found) {
        if (item.is_string()) csl_internal::AddUnique(datasets, item.get<std::string>());
      }
    }
    std::vector<std::string> programs = Values(properties, "program");

    by_id_.emplace(id, out_.entities.size());
    lines_.emplace(id, where.line);
    out_.entities.push_back(std::move(entity));
    datasets_.push_back(std::move(datasets));
    programs_.push_back(std::move(programs));
  }

  void AddCountries(const std::vector<std::string>& values, std::string_view field,
                    const core::Location& where, std::vector<std::string>& out) {
    for (const std::string& value : values) {
      std::string code = core::CountryCode(value);
      if (code.empty()) {
        out_.diagnostics.Warn(At(where, field), value, "is not a country (expected ISO 3166)",
                              "entity kept without this country");
        continue;
      }
      csl_internal::AddUnique(out, std::move(code));
    }
  }

  static void AddId(core::Entity& entity, core::IdType type, std::string_view label,
                    std::string_view scheme, std::string_view value) {
    core::Identifier id;
    id.type = type;
    id.type_raw = std::string(label);
    id.value = std::string(value);
    id.scheme = std::string(scheme);
    if (type == core::IdType::kOther && scheme.empty()) id.scheme = std::string(label);
    if (type == core::IdType::kImo && value.starts_with("IMO")) {
      id.value = std::string(Trim(value.substr(3)));
    }
    csl_internal::AddUnique(entity.identifiers, std::move(id));
  }

  core::Listing BaseListing() const {
    core::Listing listing;
    listing.list_id = list_id_;
    listing.list_code = std::string(kListCode);
    return listing;
  }

  // Index of the entity `id` names, or -1 after reporting it.
  std::ptrdiff_t Lookup(const std::string& id, std::string_view field, const Pending& pending) {
    const auto found = by_id_.find(id);
    if (found != by_id_.end()) return static_cast<std::ptrdiff_t>(found->second);
    out_.diagnostics.Warn(
        At(pending.where, field), id,
        fmt::format("{} refers to an entity that is not in the file", pending.schema),
        "relation dropped");
    return -1;
  }

  void Resolve(const Pending& pending) {
    if (pending.schema == "Sanction") {
      const std::vector<std::string> targets = Values(pending.properties, "entity");
      if (targets.empty()) {
        out_.diagnostics.Warn(At(pending.where, "entity"), "", "Sanction names no entity",
                              "sanction dropped");
      }
      for (const std::string& target : targets) {
        const std::ptrdiff_t idx = Lookup(target, "entity", pending);
        if (idx < 0) continue;
        out_.entities[idx].listings.push_back(SanctionListing(pending));
      }
      return;
    }
    for (const RelationSchema& relation : kRelations) {
      if (relation.schema != pending.schema) continue;
      const std::vector<std::string> from = Values(pending.properties, relation.from);
      const std::vector<std::string> to = Values(pending.properties, relation.to);
      if (from.empty() || to.empty()) {
        out_.diagnostics.Warn(
            At(pending.where, from.empty() ? relation.from : relation.to), "",
            fmt::format("{} has no {}", pending.schema, from.empty() ? relation.from : relation.to),
            "relation dropped");
        return;
      }
      double percent = -1;
      const std::string share = First(pending.properties, "percentage");
      if (!share.empty()) {
        double value = 0;
        const auto [end, error] = std::from_chars(share.data(), share.data() + share.size(), value);
        if (error == std::errc() && value >= 0 && value <= 100) {
          percent = value;
        } else {
          out_.diagnostics.Warn(At(pending.where, "percentage"), share,
                                "is not a percentage (expected a number 0-100)",
                                "relation kept without a share");
        }
        (void)end;
      }
      for (const std::string& from_id : from) {
        const std::ptrdiff_t from_idx = Lookup(from_id, relation.from, pending);
        if (from_idx < 0) continue;
        for (const std::string& to_id : to) {
          const std::ptrdiff_t to_idx = Lookup(to_id, relation.to, pending);
          if (to_idx < 0) continue;
          core::Entity& source = out_.entities[from_idx];
          core::Entity& target = out_.entities[to_idx];
          csl_internal::AddUnique(source.links,
                                  core::Link{.relation = std::string(relation.from_relation),
                                             .target_name = target.primary_name(),
                                             .target_id = target.id,
                                             .percent = percent});
          csl_internal::AddUnique(target.links,
                                  core::Link{.relation = std::string(relation.to_relation),
                                             .target_name = source.primary_name(),
                                             .target_id = source.id,
                                             .percent = percent});
        }
      }
      return;
    }
  }

  core::Listing SanctionListing(const Pending& pending) {
    const json& properties = pending.properties;
    core::Listing listing = BaseListing();
    listing.list_name = First(properties, "authority");
    listing.programs = Values(properties, "program");
    if (listing.list_name.empty() && !listing.programs.empty()) {
      listing.list_name = listing.programs.front();
    }
    if (listing.list_name.empty()) listing.list_name = "OpenSanctions";
    const auto date = [&](std::string_view field) -> core::PartialDate {
      const std::string text = First(properties, field);
      if (text.empty()) return {};
      if (const auto parsed = core::ParseDate(text)) return *parsed;
      out_.diagnostics.Warn(At(pending.where, field), text,
                            "is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                            "sanction kept without it");
      return {};
    };
    listing.start = date("startDate");
    if (listing.start.empty()) listing.start = date("listingDate");
    listing.end = date("endDate");
    listing.source_url = First(properties, "sourceUrl");
    for (const std::string& reason : Values(properties, "reason")) {
      csl_internal::AppendNote(listing.remarks, reason);
    }
    for (const std::string& provision : Values(properties, "provisions")) {
      csl_internal::AppendNote(listing.remarks, provision);
    }
    return listing;
  }

  std::string list_id_;
  ParsedList& out_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::int64_t> lines_;
  std::vector<std::vector<std::string>> datasets_;  // per entity
  std::vector<std::vector<std::string>> programs_;  // per entity
  std::vector<Pending> pending_;
  std::map<std::string, std::size_t> skipped_schemas_;
  core::PartialDate newest_seen_;
  core::PartialDate today_ = core::Today();
};

ParsedList EmptyList(std::string_view list_id) {
  ParsedList out;
  out.list_id = std::string(list_id);
  out.format = "ftm_jsonl";
  return out;
}

}  // namespace

core::Result<ParsedList> ParseFtmJsonlBuffer(std::string_view data, std::string_view file_name,
                                             std::string_view list_id) {
  try {
    ParsedList out = EmptyList(list_id);
    FtmParser parser(list_id, out);
    parser.ParseFile(data, file_name);
    parser.Finish();
    out.files.push_back(csl_internal::DescribeFile(std::string(file_name), data));
    return out;
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal, error.what(),
                           {.file = std::string(file_name)});
  }
}

core::Result<ParsedList> ParseFtmJsonl(const std::vector<std::filesystem::path>& files,
                                       std::string_view list_id) {
  try {
    ParsedList out = EmptyList(list_id);
    FtmParser parser(list_id, out);
    for (const std::filesystem::path& path : files) {
      auto data = csl_internal::ReadWholeFile(path);
      if (!data) return data.error();
      parser.ParseFile(*data, path.string());
      out.files.push_back(csl_internal::DescribeFile(path, *data));
    }
    parser.Finish();
    return out;
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal, error.what());
  }
}

}  // namespace redflag::sources
