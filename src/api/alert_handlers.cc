// GET /v1/alerts, GET /v1/alerts/{id}, POST /v1/alerts/{id}/disposition, .../approve,
// .../send-back.
#include <charconv>

#include <fmt/format.h>

#include "api/handlers_internal.h"
#include "api/json_body.h"

namespace redflag::api::internal {
namespace {

std::optional<std::int64_t> ParsePositive(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

nlohmann::json ParsedOrText(const std::string& text) {
  if (text.empty()) return nullptr;
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  return parsed.is_discarded() ? nlohmann::json(text) : parsed;
}

nlohmann::json AlertJson(const store::Alert& alert) {
  nlohmann::json out = {{"alert_id", alert.alert_id},
                        {"customer_ref", alert.customer_ref},
                        {"entity_id", alert.entity_id},
                        {"list_id", alert.list_id},
                        {"state", alert.state},
                        {"opened_at", alert.opened_at},
                        {"updated_at", alert.updated_at},
                        {"occurrences", alert.occurrences},
                        {"best_score", alert.best_score}};
  if (!alert.disposition.empty()) out["disposition"] = alert.disposition;
  if (!alert.pending_disposition.empty()) {
    out["pending"] = {{"disposition", alert.pending_disposition},
                      {"by", alert.pending_user},
                      {"comment", alert.pending_comment}};
  }
  if (!alert.changes_json.empty()) out["changed_since_false_positive"] = ParsedOrText(alert.changes_json);
  return out;
}

Response BadAlertId(const Call& call) {
  return ErrorResponse(400, "invalid_argument",
                       "alert id \"" + call.params[0] + "\" is not a positive integer", "id");
}

}  // namespace

Response ListAlerts(const Call& call) {
  store::AlertFilter filter;
  filter.state = call.request.Param("state");
  filter.customer_ref = call.request.Param("customer_ref");
  filter.list_id = call.request.Param("list");
  filter.since = call.request.Param("since");
  filter.limit = call.options.max_page;
  if (call.request.HasParam("limit")) {
    const auto limit = ParsePositive(call.request.Param("limit"));
    if (!limit) return ErrorResponse(400, "invalid_argument", "limit must be a positive integer", "limit");
    filter.limit = std::min<std::size_t>(*limit, call.options.max_page);
  }
  if (call.request.HasParam("after")) {
    const auto after = ParsePositive(call.request.Param("after"));
    if (!after) return ErrorResponse(400, "invalid_argument", "after must be an alert id", "after");
    filter.after_id = *after;
  }
  auto alerts = call.records.ListAlerts(filter);
  if (!alerts) return ErrorResponse(alerts.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& alert : *alerts) out.push_back(AlertJson(alert));
  nlohmann::json page = {{"alerts", out}};
  // A full page may have more after it: the client asks again with after=<next>.
  if (alerts->size() == filter.limit && !alerts->empty()) page["next"] = alerts->back().alert_id;
  return JsonResponse(page);
}

Response GetAlert(const Call& call) {
  const auto alert_id = ParsePositive(call.params[0]);
  if (!alert_id) return BadAlertId(call);
  auto alert = call.records.GetAlert(*alert_id);
  if (!alert) return ErrorResponse(alert.error());
  nlohmann::json out = AlertJson(*alert);
  out["hit"] = ParsedOrText(alert->hit_json);
  nlohmann::json history = nlohmann::json::array();
  for (const auto& event : alert->events) {
    history.push_back({{"at", event.at},
                       {"kind", event.kind},
                       {"key_id", event.key_id},
                       {"user", event.user},
                       {"detail", ParsedOrText(event.detail)}});
  }
  out["history"] = std::move(history);
  return JsonResponse(out);
}

Response DisposeAlert(const Call& call) {
  const auto alert_id = ParsePositive(call.params[0]);
  if (!alert_id) return BadAlertId(call);
  auto body = ParseJsonObject(call.request.body, call.options.body);
  if (!body) return ErrorResponse(body.error());
  if (auto known = OnlyKnownFields(*body, {"disposition", "comment"}, ""); !known) {
    return ErrorResponse(known.error());
  }
  auto name = RequiredString(*body, "disposition", "disposition");
  if (!name) return ErrorResponse(name.error());
  const auto disposition = store::ParseDisposition(*name);
  if (!disposition) {
    return ErrorResponse(400, "invalid_argument",
                         "disposition must be true_match, false_positive or needs_information",
                         "disposition");
  }
  auto comment = OptionalString(*body, "comment", "comment");
  if (!comment) return ErrorResponse(comment.error());
  if (auto done = call.records.Dispose(*alert_id, *disposition, comment->value_or(""), call.actor);
      !done) {
    return ErrorResponse(done.error());
  }
  return JsonResponse({{"alert_id", *alert_id},
                       {"state", "pending_approval"},
                       {"disposition", *name}});
}

Response ApproveAlert(const Call& call) {
  const auto alert_id = ParsePositive(call.params[0]);
  if (!alert_id) return BadAlertId(call);
  if (auto done = call.records.Approve(*alert_id, call.actor); !done) {
    return ErrorResponse(done.error());
  }
  auto alert = call.records.GetAlert(*alert_id);
  if (!alert) return ErrorResponse(alert.error());
  return JsonResponse(AlertJson(*alert));
}

Response SendBackAlert(const Call& call) {
  const auto alert_id = ParsePositive(call.params[0]);
  if (!alert_id) return BadAlertId(call);
  auto body = ParseJsonObject(call.request.body, call.options.body);
  if (!body) return ErrorResponse(body.error());
  if (auto known = OnlyKnownFields(*body, {"comment"}, ""); !known) {
    return ErrorResponse(known.error());
  }
  auto comment = RequiredString(*body, "comment", "comment");
  if (!comment) return ErrorResponse(comment.error());
  if (comment->find_first_not_of(" \t\r\n") == std::string::npos) {
    return ErrorResponse(400, "invalid_argument",
                         "comment must say why the disposition goes back", "comment");
  }
  if (auto done = call.records.SendBack(*alert_id, *comment, call.actor); !done) {
    return ErrorResponse(done.error());
  }
  auto alert = call.records.GetAlert(*alert_id);
  if (!alert) return ErrorResponse(alert.error());
  return JsonResponse(AlertJson(*alert));
}

}  // namespace redflag::api::internal
