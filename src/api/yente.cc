// POST /v1/match/{dataset}: the request and response shape of OpenSanctions yente's /match, so a
// client written for yente switches by changing its base URL. Mapping in docs/api.md ("yente").
#include <algorithm>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "api/handlers_internal.h"
#include "api/json_body.h"
#include "match/hit_json.h"

namespace redflag::api::internal {
namespace {

constexpr std::size_t kDefaultLimit = 5;
constexpr std::size_t kMaxLimit = 500;
constexpr double kDefaultCutoff = 0.5;  // candidates below are not returned at all

std::string_view SchemaOf(core::EntityType type) {
  switch (type) {
    case core::EntityType::kPerson: return "Person";
    case core::EntityType::kOrganization: return "Organization";
    case core::EntityType::kVessel: return "Vessel";
    case core::EntityType::kAircraft: return "Airplane";
    case core::EntityType::kUnknown: return "LegalEntity";
  }
  return "LegalEntity";
}

void AddUnique(nlohmann::json& values, const std::string& value) {
  if (value.empty()) return;
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

// The FollowTheMoney properties of an entity that a yente client reads.
nlohmann::json FtmProperties(const core::Entity& entity) {
  std::map<std::string, nlohmann::json> props;
  auto add = [&props](const char* key, const std::string& value) {
    auto [it, inserted] = props.try_emplace(key, nlohmann::json::array());
    AddUnique(it->second, value);
  };
  for (const core::Name& name : entity.names) {
    add(name.kind == core::NameKind::kPrimary ? "name"
        : name.kind == core::NameKind::kWeakAka ? "weakAlias"
        : name.kind == core::NameKind::kFka    ? "previousName"
                                               : "alias",
        name.full);
  }
  for (const core::Address& address : entity.addresses) {
    add("country", address.country);
    add("address", address.full);
  }
  for (const std::string& country : entity.nationalities) add("nationality", country);
  for (const std::string& country : entity.citizenships) add("citizenship", country);
  for (const core::BirthDate& date : entity.birth_dates) add("birthDate", date.from.ToString());
  for (const core::Identifier& id : entity.identifiers) {
    add(id.type == core::IdType::kPassport ? "passportNumber"
        : id.type == core::IdType::kImo    ? "imoNumber"
        : id.type == core::IdType::kRegistration ? "registrationNumber"
                                                 : "idNumber",
        id.value);
  }
  for (const core::Listing& listing : entity.listings) {
    for (const std::string& program : listing.programs) add("program", program);
  }
  add("topics", "sanction");
  add("notes", entity.remarks);
  nlohmann::json out = nlohmann::json::object();
  for (auto& [key, values] : props) {
    if (!values.empty()) out[key] = std::move(values);
  }
  return out;
}

// First value of properties[key], as a string ("" when absent). Wrong types are errors.
core::Result<std::vector<std::string>> Values(const nlohmann::json& properties,
                                              std::string_view key, const std::string& field) {
  std::vector<std::string> out;
  const auto found = properties.find(key);
  if (found == properties.end()) return out;
  if (found->is_string()) return std::vector<std::string>{found->get<std::string>()};
  if (!found->is_array()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           field + " must be a list of strings", core::Location{.field = field});
  }
  for (const auto& value : *found) {
    if (!value.is_string()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             field + " must be a list of strings", core::Location{.field = field});
    }
    out.push_back(value.get<std::string>());
  }
  return out;
}

struct MatchParams {
  std::size_t limit = kDefaultLimit;
  double threshold = match::kDefaultThreshold;
  double cutoff = kDefaultCutoff;
};

core::Result<MatchParams> ReadParams(const Request& request) {
  MatchParams params;
  auto number = [&request](std::string_view key, double min, double max,
                           double& out) -> core::Status {
    if (!request.HasParam(key)) return core::Ok();
    const std::string text(request.Param(key));
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !(value >= min && value <= max)) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             fmt::format("{} must be a number from {} to {}", key, min, max),
                             core::Location{.field = std::string(key)});
    }
    out = value;
    return core::Ok();
  };
  double limit = static_cast<double>(kDefaultLimit);
  if (auto done = number("limit", 1, kMaxLimit, limit); !done) return done.error();
  params.limit = static_cast<std::size_t>(limit);
  if (auto done = number("threshold", 0, 1, params.threshold); !done) return done.error();
  if (auto done = number("cutoff", 0, 1, params.cutoff); !done) return done.error();
  return params;
}

// A yente entity example -> our query (every name screened; the best score per entity kept).
core::Result<std::vector<match::Query>> ReadExample(const nlohmann::json& example,
                                                    const std::string& field) {
  if (!example.is_object()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, field + " must be an object",
                           core::Location{.field = field});
  }
  const auto properties = example.find("properties");
  if (properties == example.end() || !properties->is_object()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           field + ".properties must be an object",
                           core::Location{.field = field + ".properties"});
  }
  auto schema = OptionalString(example, "schema", field + ".schema");
  if (!schema) return schema.error();
  auto names = Values(*properties, "name", field + ".properties.name");
  if (!names) return names.error();
  if (names->empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           field + ".properties.name needs at least one name",
                           core::Location{.field = field + ".properties.name"});
  }
  match::Query base;
  if (*schema && **schema != "Thing" && **schema != "LegalEntity") {
    base.type = core::ParseEntityType(**schema);
  }
  for (const char* key : {"country", "nationality", "jurisdiction"}) {
    auto countries = Values(*properties, key, field + ".properties." + key);
    if (!countries) return countries.error();
    if (!countries->empty() && base.country.empty()) base.country = countries->front();
  }
  auto dates = Values(*properties, "birthDate", field + ".properties.birthDate");
  if (!dates) return dates.error();
  if (!dates->empty()) base.dob = core::ParseDate(dates->front()).value_or(core::PartialDate{});
  std::vector<match::Query> queries;
  for (const std::string& name : *names) {
    match::Query query = base;
    query.name = name;
    queries.push_back(std::move(query));
  }
  return queries;
}

nlohmann::json ResultJson(const match::Hit& hit, const MatchParams& params) {
  nlohmann::json features = {{"name_score", match::RoundScore(hit.explanation.name_score)}};
  for (const match::Adjustment& adjustment : hit.explanation.adjustments) {
    features[adjustment.what] = match::RoundScore(adjustment.delta);
  }
  nlohmann::json datasets = nlohmann::json::array();
  for (const core::Entity* entity : hit.same_party) AddUnique(datasets, entity->list_id);
  return {{"id", hit.entity->id},
          {"caption", hit.entity->primary_name()},
          {"schema", SchemaOf(hit.entity->type)},
          {"properties", FtmProperties(*hit.entity)},
          {"datasets", datasets},
          {"referents", nlohmann::json::array()},
          {"target", true},
          {"score", match::RoundScore(hit.score)},
          {"match", hit.score >= params.threshold},
          {"features", features},
          {"explanation", match::ExplanationToJson(hit.explanation)}};
}

// The best hits over every name of one example, restricted to `dataset` unless "default".
core::Result<nlohmann::json> MatchOne(const engine::Generation& generation,
                                      const std::vector<match::Query>& queries,
                                      const std::string& dataset, const MatchParams& params) {
  std::vector<match::Hit> best;
  for (const match::Query& query : queries) {
    auto hits = generation.screener->Screen(query, {.threshold = params.cutoff, .limit = kMaxLimit});
    if (!hits) return hits.error();
    for (match::Hit& hit : *hits) {
      if (dataset != "default" && hit.entity->list_id != dataset) continue;
      auto same = std::find_if(best.begin(), best.end(),
                               [&hit](const match::Hit& b) { return b.entity == hit.entity; });
      if (same == best.end()) {
        best.push_back(std::move(hit));
      } else if (hit.score > same->score) {
        *same = std::move(hit);
      }
    }
  }
  std::stable_sort(best.begin(), best.end(),
                   [](const match::Hit& a, const match::Hit& b) { return a.score > b.score; });
  const std::size_t total = best.size();
  if (best.size() > params.limit) best.resize(params.limit);
  nlohmann::json results = nlohmann::json::array();
  for (const match::Hit& hit : best) results.push_back(ResultJson(hit, params));
  return nlohmann::json{{"status", 200},
                        {"results", std::move(results)},
                        {"total", {{"value", total}, {"relation", "eq"}}}};
}

bool KnownDataset(const engine::Generation& generation, const std::string& dataset) {
  if (dataset == "default" || dataset == "sanctions") return true;
  return std::any_of(generation.versions.begin(), generation.versions.end(),
                     [&dataset](const auto& version) { return version.list_id == dataset; });
}

}  // namespace

Response Match(const Call& call) {
  auto params = ReadParams(call.request);
  if (!params) return ErrorResponse(params.error());
  auto body = ParseJsonObject(call.request.body, call.options.body);
  if (!body) return ErrorResponse(body.error());
  const auto queries = body->find("queries");
  if (queries == body->end() || !queries->is_object() || queries->empty()) {
    return ErrorResponse(400, "invalid_argument",
                         "queries must be an object of entity examples keyed by query id",
                         "queries");
  }
  if (queries->size() > call.options.max_batch) {
    return ErrorResponse(413, "batch_too_large",
                         fmt::format("{} queries; the limit is {}", queries->size(),
                                     call.options.max_batch),
                         "queries");
  }
  Response unavailable;
  const auto generation = ServedGeneration(call, unavailable);
  if (generation == nullptr) return unavailable;
  const std::string dataset = call.params[0] == "sanctions" ? "default" : call.params[0];
  if (!KnownDataset(*generation, dataset)) {
    return ErrorResponse(404, "not_found", "no dataset \"" + call.params[0] + "\"", "dataset");
  }
  nlohmann::json responses = nlohmann::json::object();
  nlohmann::json audit_queries = nlohmann::json::object();
  for (const auto& [query_id, example] : queries->items()) {
    auto examples = ReadExample(example, "queries." + query_id);
    if (!examples) return ErrorResponse(examples.error());
    auto response = MatchOne(*generation, *examples, dataset, *params);
    if (!response) return ErrorResponse(response.error());
    response->emplace("query", example);
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& result : (*response)["results"]) ids.push_back(result["id"]);
    audit_queries[query_id] = {{"example", example}, {"results", ids}};
    responses[query_id] = std::move(*response);
  }
  Response failure;
  if (!Audit(call, "screening",
             {{"route", "match"}, {"dataset", dataset}, {"queries", audit_queries},
              {"list_versions", ListVersionsJson(*generation)}},
             failure)) {
    return failure;
  }
  return JsonResponse({{"responses", std::move(responses)},
                       {"matcher", {{"name", "redflag"}, {"threshold", params->threshold}}},
                       {"limit", params->limit}});
}

}  // namespace redflag::api::internal
