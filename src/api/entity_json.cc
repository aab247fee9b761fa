#include "api/entity_json.h"

namespace redflag::api {
namespace {

// Adds key: value only when value is not empty (strings, arrays, dates).
void Put(nlohmann::json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}
void Put(nlohmann::json& out, const char* key, const std::vector<std::string>& values) {
  if (!values.empty()) out[key] = values;
}
void Put(nlohmann::json& out, const char* key, const core::PartialDate& date) {
  if (!date.empty()) out[key] = date.ToString();
}

nlohmann::json NameJson(const core::Name& name) {
  nlohmann::json out = {{"full", name.full}, {"kind", core::NameKindName(name.kind)}};
  Put(out, "script", name.script);
  Put(out, "language", name.language);
  Put(out, "given", name.given);
  Put(out, "family", name.family);
  return out;
}

nlohmann::json AddressJson(const core::Address& address) {
  nlohmann::json out = nlohmann::json::object();
  Put(out, "street", address.street);
  Put(out, "city", address.city);
  Put(out, "state", address.state);
  Put(out, "postal_code", address.postal_code);
  Put(out, "country", address.country);
  Put(out, "country_raw", address.country_raw);
  Put(out, "full", address.full);
  return out;
}

nlohmann::json IdentifierJson(const core::Identifier& identifier) {
  nlohmann::json out = {{"type", core::IdTypeName(identifier.type)}, {"value", identifier.value}};
  Put(out, "type_raw", identifier.type_raw);
  Put(out, "country", identifier.country);
  Put(out, "scheme", identifier.scheme);
  Put(out, "note", identifier.note);
  return out;
}

nlohmann::json ListingJson(const core::Listing& listing) {
  nlohmann::json out = {{"list_id", listing.list_id}};
  Put(out, "list_name", listing.list_name);
  Put(out, "list_code", listing.list_code);
  Put(out, "programs", listing.programs);
  Put(out, "start", listing.start);
  Put(out, "end", listing.end);
  Put(out, "divestment", listing.divestment);
  Put(out, "federal_register", listing.federal_register);
  Put(out, "license_requirement", listing.license_requirement);
  Put(out, "license_policy", listing.license_policy);
  Put(out, "standard_order", listing.standard_order);
  Put(out, "action", listing.action);
  Put(out, "source_url", listing.source_url);
  Put(out, "remarks", listing.remarks);
  return out;
}

nlohmann::json LinkJson(const core::Link& link) {
  nlohmann::json out = {{"relation", link.relation}};
  Put(out, "target_name", link.target_name);
  Put(out, "target_id", link.target_id);
  if (link.percent >= 0) out["percent"] = link.percent;
  return out;
}

template <class T, class Fn>
void PutEach(nlohmann::json& out, const char* key, const std::vector<T>& values, Fn&& to_json) {
  if (values.empty()) return;
  nlohmann::json array = nlohmann::json::array();
  for (const T& value : values) array.push_back(to_json(value));
  out[key] = std::move(array);
}

}  // namespace

nlohmann::json EntityToJson(const core::Entity& entity) {
  nlohmann::json out = {{"id", entity.id},
                        {"list_id", entity.list_id},
                        {"native_id", entity.native_id},
                        {"type", core::EntityTypeName(entity.type)},
                        {"name", entity.primary_name()}};
  PutEach(out, "names", entity.names, NameJson);
  PutEach(out, "addresses", entity.addresses, AddressJson);
  PutEach(out, "identifiers", entity.identifiers, IdentifierJson);
  PutEach(out, "birth_dates", entity.birth_dates, [](const core::BirthDate& date) {
    nlohmann::json item = nlohmann::json::object();
    Put(item, "from", date.from);
    Put(item, "to", date.to);
    if (date.circa) item["circa"] = true;
    Put(item, "raw", date.raw);
    return item;
  });
  Put(out, "places_of_birth", entity.places_of_birth);
  Put(out, "nationalities", entity.nationalities);
  Put(out, "citizenships", entity.citizenships);
  Put(out, "gender", entity.gender);
  Put(out, "titles", entity.titles);
  PutEach(out, "listings", entity.listings, ListingJson);
  PutEach(out, "links", entity.links, LinkJson);
  if (!entity.vessel.empty()) {
    nlohmann::json vessel = nlohmann::json::object();
    Put(vessel, "call_sign", entity.vessel.call_sign);
    Put(vessel, "vessel_type", entity.vessel.vessel_type);
    Put(vessel, "tonnage", entity.vessel.tonnage);
    Put(vessel, "gross_registered_tonnage", entity.vessel.gross_registered_tonnage);
    Put(vessel, "flag", entity.vessel.flag);
    Put(vessel, "owner", entity.vessel.owner);
    out["vessel"] = std::move(vessel);
  }
  Put(out, "remarks", entity.remarks);
  return out;
}

}  // namespace redflag::api
