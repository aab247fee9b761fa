// POST /v1/screen, /v1/compare, /v1/decide.
#include <fmt/format.h>

#include "api/handlers_internal.h"
#include "api/query_json.h"
#include "core/json_text.h"
#include "match/hit_json.h"
#include "rules/decision.h"
#include "rules/transaction.h"

namespace redflag::api::internal {
namespace {

struct ScreenSettings {
  match::ScreenOptions options;
};

core::Result<ScreenSettings> ReadSettings(const nlohmann::json& body) {
  ScreenSettings settings;
  settings.options.limit = 10;
  settings.options.explain = false;
  auto threshold = OptionalNumber(body, "threshold", "threshold", 0.0, 1.0);
  if (!threshold) return threshold.error();
  if (*threshold) settings.options.threshold = **threshold;
  auto limit = OptionalNumber(body, "limit", "limit", 1, 100);
  if (!limit) return limit.error();
  if (*limit) settings.options.limit = static_cast<std::size_t>(**limit);
  if (const auto explain = body.find("explain"); explain != body.end()) {
    if (!explain->is_boolean()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument, "explain must be true or false",
                             core::Location{.field = "explain"});
    }
    settings.options.explain = explain->get<bool>();
  }
  return settings;
}

// Opens or updates the alerts of the hits at or above the alert threshold.
core::Result<nlohmann::json> OpenAlerts(const Call& call, const std::string& customer_ref,
                                        const std::vector<const match::Hit*>& hits) {
  nlohmann::json alerts = nlohmann::json::array();
  for (const match::Hit* hit : hits) {
    if (hit->score < call.options.alert_threshold) continue;
    auto result = call.records.ObserveHit(
        store::ObservedHit{.customer_ref = customer_ref,
                           .entity = hit->entity,
                           .score = hit->score,
                           .hit_json = core::JsonText(match::HitToJson(*hit, {.explanation = true}))},
        call.actor);
    if (!result) return result.error();
    alerts.push_back({{"alert_id", result->alert_id},
                      {"entity_id", hit->entity->id},
                      {"outcome", store::HitOutcomeName(result->outcome)}});
  }
  return alerts;
}

// One query's result object (and its audit record): hits, or a per-query error.
core::Result<nlohmann::json> ScreenOne(const Call& call, const engine::Generation& generation,
                                       const QueryInput& input, const ScreenSettings& settings,
                                       nlohmann::json& audit_queries) {
  nlohmann::json result = nlohmann::json::object();
  if (!input.query_id.empty()) result["query_id"] = input.query_id;
  nlohmann::json audit = QueryAuditJson(input);
  auto hits = generation.screener->Screen(input.query, settings.options);
  if (!hits) {
    result["error"] = {{"code", core::ErrorCodeName(hits.error().code)},
                       {"message", hits.error().message}};
    result["hits"] = nlohmann::json::array();
    audit["error"] = hits.error().message;
    audit_queries.push_back(std::move(audit));
    return result;
  }
  nlohmann::json hits_json = nlohmann::json::array();
  nlohmann::json audit_hits = nlohmann::json::array();
  std::vector<const match::Hit*> pointers;
  for (const match::Hit& hit : *hits) {
    hits_json.push_back(match::HitToJson(hit, {.explanation = settings.options.explain}));
    audit_hits.push_back({{"entity_id", hit.entity->id}, {"score", match::RoundScore(hit.score)}});
    pointers.push_back(&hit);
  }
  result["hits"] = std::move(hits_json);
  audit["hits"] = std::move(audit_hits);
  if (!input.customer_ref.empty()) {
    auto alerts = OpenAlerts(call, input.customer_ref, pointers);
    if (!alerts) return alerts.error();
    audit["alerts"] = *alerts;
    result["alerts"] = std::move(*alerts);
  }
  audit_queries.push_back(std::move(audit));
  return result;
}

// Alerts for the parties' hits of a decision made for a customer.
core::Result<nlohmann::json> DecisionAlerts(const Call& call, const engine::Generation& generation,
                                            const rules::Decision& decision,
                                            const std::string& customer_ref) {
  nlohmann::json alerts = nlohmann::json::array();
  for (const rules::PartyDecision& party : decision.parties) {
    for (const rules::HitSummary& hit : party.hits) {
      const core::Entity* entity = generation.snapshot->Find(hit.entity_id);
      if (entity == nullptr || hit.score < call.options.alert_threshold) continue;
      const nlohmann::json hit_json = {{"entity_id", hit.entity_id},
                                       {"name", hit.name},
                                       {"matched_name", hit.matched_name},
                                       {"score", match::RoundScore(hit.score)},
                                       {"lists", hit.lists},
                                       {"party_role", rules::RoleName(party.role)}};
      auto result = call.records.ObserveHit(store::ObservedHit{.customer_ref = customer_ref,
                                                               .entity = entity,
                                                               .score = hit.score,
                                                               .hit_json = core::JsonText(hit_json)},
                                            call.actor);
      if (!result) return result.error();
      alerts.push_back({{"alert_id", result->alert_id},
                        {"entity_id", hit.entity_id},
                        {"outcome", store::HitOutcomeName(result->outcome)}});
    }
  }
  return alerts;
}

}  // namespace

Response Screen(const Call& call) {
  auto body = ParseJsonObject(call.request.body, call.options.body);
  if (!body) return ErrorResponse(body.error());
  const bool batch = body->contains("queries");
  auto known = batch ? OnlyKnownFields(*body, {"queries", "threshold", "limit", "explain"}, "")
                     : OnlyKnownQueryFields(*body, "", {"threshold", "limit", "explain"});
  if (!known) return ErrorResponse(known.error());
  auto settings = ReadSettings(*body);
  if (!settings) return ErrorResponse(settings.error());
  std::vector<QueryInput> inputs;
  if (batch) {
    const auto& queries = (*body)["queries"];
    if (!queries.is_array() || queries.empty()) {
      return ErrorResponse(400, "invalid_argument", "queries must be a non-empty array",
                           "queries");
    }
    if (queries.size() > call.options.max_batch) {
      return ErrorResponse(413, "batch_too_large",
                           fmt::format("{} queries; the limit is {} per request", queries.size(),
                                       call.options.max_batch),
                           "queries");
    }
    for (std::size_t idx = 0; idx < queries.size(); ++idx) {
      auto input = ReadQuery(queries[idx], fmt::format("queries[{}]", idx));
      if (!input) return ErrorResponse(input.error());
      inputs.push_back(std::move(*input));
    }
  } else {
    auto input = ReadQuery(*body, "");
    if (!input) return ErrorResponse(input.error());
    inputs.push_back(std::move(*input));
  }
  Response unavailable;
  const auto generation = ServedGeneration(call, unavailable);
  if (generation == nullptr) return unavailable;
  nlohmann::json results = nlohmann::json::array();
  nlohmann::json audit_queries = nlohmann::json::array();
  for (const QueryInput& input : inputs) {
    auto result = ScreenOne(call, *generation, input, *settings, audit_queries);
    if (!result) return ErrorResponse(result.error());
    results.push_back(std::move(*result));
  }
  Response failure;
  const nlohmann::json audit = {{"queries", std::move(audit_queries)},
                                {"threshold", settings->options.threshold},
                                {"list_versions", ListVersionsJson(*generation)}};
  if (!Audit(call, "screening", audit, failure)) return failure;
  return JsonResponse(batch ? nlohmann::json{{"results", std::move(results)}}
                            : std::move(results[0]));
}

Response Compare(const Call& call) {
  auto body = ParseJsonObject(call.request.body, call.options.body);
  if (!body) return ErrorResponse(body.error());
  if (auto known = OnlyKnownFields(*body, {"name1", "name2", "schema", "type", "threshold"}, "");
      !known) {
    return ErrorResponse(known.error());
  }
  auto name1 = RequiredString(*body, "name1", "name1");
  if (!name1) return ErrorResponse(name1.error());
  auto name2 = RequiredString(*body, "name2", "name2");
  if (!name2) return ErrorResponse(name2.error());
  auto type = ReadEntityType(*body);
  if (!type) return ErrorResponse(type.error());
  auto threshold = OptionalNumber(*body, "threshold", "threshold", 0.0, 1.0);
  if (!threshold) return ErrorResponse(threshold.error());
  const auto generation = call.engine.Current();  // weights only: comparing works without lists
  auto compared = match::CompareNames(*name1, *name2, *type,
                                      generation ? generation->snapshot.get() : nullptr);
  if (!compared) return ErrorResponse(compared.error());
  const double cutoff = threshold->value_or(match::kDefaultThreshold);
  return JsonResponse({{"score", match::RoundScore(compared->score)},
                       {"match", compared->score >= cutoff},
                       {"explanation", match::ExplanationToJson(compared->explanation)}});
}

Response Decide(const Call& call) {
  if (auto checked = CheckJsonText(call.request.body, call.options.body); !checked) {
    return ErrorResponse(checked.error());
  }
  auto transaction = rules::ParseTransaction(call.request.body);
  if (!transaction) return ErrorResponse(transaction.error());
  std::optional<core::PartialDate> as_of;
  if (const std::string_view text = call.request.Param("as_of"); !text.empty()) {
    const auto date = core::ParseDate(text);
    if (!date || !date->full()) {
      return ErrorResponse(400, "invalid_argument", "as_of must be a date YYYY-MM-DD", "as_of");
    }
    as_of = *date;
  }
  Response unavailable;
  const auto generation = ServedGeneration(call, unavailable);
  if (generation == nullptr) return unavailable;
  if (generation->decider == nullptr) {
    return ErrorResponse(503, "unavailable", "this server was started without the rule set");
  }
  auto decision = generation->decider->Decide(*transaction, as_of);
  if (!decision) return ErrorResponse(decision.error());
  nlohmann::json out = nlohmann::json::parse(rules::DecisionToJson(*decision, -1), nullptr, false);
  nlohmann::json audit = {{"transaction", nlohmann::json::parse(call.request.body, nullptr, false)},
                          {"as_of", as_of ? as_of->ToString() : ""},
                          {"outcome", out.value("outcome", "")},
                          {"list_versions", ListVersionsJson(*generation)}};
  if (const std::string customer_ref(call.request.Param("customer_ref")); !customer_ref.empty()) {
    auto alerts = DecisionAlerts(call, *generation, *decision, customer_ref);
    if (!alerts) return ErrorResponse(alerts.error());
    audit["alerts"] = *alerts;
    out["alerts"] = std::move(*alerts);
  }
  Response failure;
  if (!Audit(call, "decision", audit, failure)) return failure;
  return JsonResponse(out);
}

}  // namespace redflag::api::internal
