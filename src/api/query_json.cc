#include "api/query_json.h"

#include <vector>

#include "api/json_body.h"

namespace redflag::api::internal {
namespace {

constexpr std::string_view kQueryFields[] = {"name",  "type",     "schema",      "country",
                                             "dob",   "id",       "query_id",    "customer_ref"};

std::string Field(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

core::Error Invalid(std::string message, std::string field) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message),
                         core::Location{.field = std::move(field)});
}

}  // namespace

core::Status OnlyKnownQueryFields(const nlohmann::json& object, const std::string& prefix,
                                  std::initializer_list<std::string_view> extra) {
  for (const auto& item : object.items()) {
    bool known = false;
    for (std::string_view name : kQueryFields) known = known || item.key() == name;
    for (std::string_view name : extra) known = known || item.key() == name;
    if (!known) return Invalid("unknown field \"" + item.key() + "\"", Field(prefix, item.key()));
  }
  return core::Ok();
}

core::Result<core::EntityType> ReadEntityType(const nlohmann::json& object,
                                              const std::string& prefix) {
  for (std::string_view key : {"type", "schema"}) {
    auto text = OptionalString(object, key, Field(prefix, key));
    if (!text) return text.error();
    if (!*text || (*text)->empty() || **text == "unknown" || **text == "Thing" ||
        **text == "LegalEntity") {
      continue;
    }
    const core::EntityType type = core::ParseEntityType(**text);
    if (type == core::EntityType::kUnknown) {
      return Invalid("\"" + **text + "\" is not one of person, organization, vessel, aircraft",
                     Field(prefix, key));
    }
    return type;
  }
  return core::EntityType::kUnknown;
}

core::Result<QueryInput> ReadQuery(const nlohmann::json& object, const std::string& prefix) {
  if (!object.is_object()) return Invalid("each query must be a JSON object", prefix);
  if (!prefix.empty()) {
    if (auto known = OnlyKnownQueryFields(object, prefix, {}); !known) return known.error();
  }
  QueryInput input;
  auto name = RequiredString(object, "name", Field(prefix, "name"));
  if (!name) return name.error();
  input.query.name = std::move(*name);
  auto type = ReadEntityType(object, prefix);
  if (!type) return type.error();
  input.query.type = *type;
  for (auto [key, out] : {std::pair<std::string_view, std::string*>{"country", &input.query.country},
                          {"query_id", &input.query_id},
                          {"customer_ref", &input.customer_ref}}) {
    auto text = OptionalString(object, key, Field(prefix, key));
    if (!text) return text.error();
    if (*text) *out = std::move(**text);
  }
  auto dob = OptionalString(object, "dob", Field(prefix, "dob"));
  if (!dob) return dob.error();
  if (*dob && !(*dob)->empty()) {
    const auto date = core::ParseDate(**dob);
    if (!date) {
      return Invalid("\"" + **dob + "\" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                     Field(prefix, "dob"));
    }
    input.query.dob = *date;
  }
  auto id = OptionalString(object, "id", Field(prefix, "id"));
  if (!id) return id.error();
  if (*id && !(*id)->empty()) {
    core::Identifier identifier;
    const std::string& text = **id;
    if (const std::size_t colon = text.find(':'); colon != std::string::npos) {
      identifier.type_raw = text.substr(0, colon);
      identifier.type = core::ParseIdTypeName(identifier.type_raw);
      identifier.value = text.substr(colon + 1);
    } else {
      identifier.value = text;
    }
    input.query.identifiers.push_back(std::move(identifier));
  }
  return input;
}

nlohmann::json QueryAuditJson(const QueryInput& input) {
  nlohmann::json out = {{"name", input.query.name}};
  if (!input.query_id.empty()) out["query_id"] = input.query_id;
  if (input.query.type != core::EntityType::kUnknown) {
    out["type"] = core::EntityTypeName(input.query.type);
  }
  if (!input.query.country.empty()) out["country"] = input.query.country;
  if (!input.query.dob.empty()) out["dob"] = input.query.dob.ToString();
  if (!input.customer_ref.empty()) out["customer_ref"] = input.customer_ref;
  return out;
}

}  // namespace redflag::api::internal
