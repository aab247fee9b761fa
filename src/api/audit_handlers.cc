// GET /v1/audit (the trail, newest first, filtered and paged) and GET /v1/audit/verify.
#include <charconv>
#include <map>

#include "api/handlers_internal.h"

namespace redflag::api::internal {
namespace {

std::optional<std::int64_t> ParsePositive(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// "YYYY-MM-DD", optionally followed by a time ("T12:00", "T12:00:00.000Z"): the prefix the
// store's timestamps are compared with.
bool IsTimePrefix(std::string_view text) {
  if (text.size() < 10 || text.size() > 24) return false;
  for (std::size_t idx = 0; idx < text.size(); ++idx) {
    const char ch = text[idx];
    const bool ok = idx == 4 || idx == 7 ? ch == '-'
                    : idx == 10           ? ch == 'T'
                    : idx < 10            ? (ch >= '0' && ch <= '9')
                                          : ((ch >= '0' && ch <= '9') || ch == ':' || ch == '.' ||
                                             ch == 'Z');
    if (!ok) return false;
  }
  return true;
}

nlohmann::json ParsedPayload(const std::string& text) {
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  return parsed.is_discarded() ? nlohmann::json(text) : parsed;
}

}  // namespace

Response ListAudit(const Call& call) {
  store::AuditFilter filter;
  filter.kind = call.request.Param("kind");
  filter.actor = call.request.Param("actor");
  filter.limit = call.options.max_page;
  for (const char* name : {"since", "until"}) {
    const std::string_view value = call.request.Param(name);
    if (!value.empty() && !IsTimePrefix(value)) {
      return ErrorResponse(400, "invalid_argument",
                           std::string(name) + " must be a UTC date or time: YYYY-MM-DD[THH:MM[:SS]]",
                           name);
    }
    (std::string_view(name) == "since" ? filter.since : filter.until) = value;
  }
  if (call.request.HasParam("limit")) {
    const auto limit = ParsePositive(call.request.Param("limit"));
    if (!limit) return ErrorResponse(400, "invalid_argument", "limit must be a positive integer", "limit");
    filter.limit = std::min<std::size_t>(*limit, call.options.max_page);
  }
  if (call.request.HasParam("before")) {
    const auto before = ParsePositive(call.request.Param("before"));
    if (!before) return ErrorResponse(400, "invalid_argument", "before must be an entry number", "before");
    filter.before_seq = *before;
  }
  auto entries = call.records.ListAudit(filter);
  if (!entries) return ErrorResponse(entries.error());
  // Key ids with the names they were made for, so a reader sees who (never a key).
  auto keys = call.records.ListKeys();
  if (!keys) return ErrorResponse(keys.error());
  std::map<std::string, std::string, std::less<>> names;
  for (const auto& key : *keys) names.emplace(key.key_id, key.name);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& entry : *entries) {
    nlohmann::json item = {{"seq", entry.seq},         {"at", entry.at},
                           {"kind", entry.kind},       {"actor", entry.actor},
                           {"payload", ParsedPayload(entry.payload)},
                           {"prev_hash", entry.prev_hash}, {"hash", entry.hash}};
    if (auto name = names.find(entry.actor); name != names.end()) item["actor_name"] = name->second;
    out.push_back(std::move(item));
  }
  nlohmann::json page = {{"entries", out}};
  // A full page may have older entries after it: ask again with before=<next>.
  if (entries->size() == filter.limit && !entries->empty()) page["next"] = entries->back().seq;
  return JsonResponse(page);
}

Response VerifyAudit(const Call& call) {
  auto verdict = call.records.VerifyAudit();
  if (!verdict) return ErrorResponse(verdict.error());
  nlohmann::json out = {{"intact", verdict->first_broken == 0}, {"entries", verdict->entries}};
  if (verdict->first_broken != 0) {
    out["first_broken"] = verdict->first_broken;
    out["reason"] = verdict->reason;
  }
  return JsonResponse(out);
}

}  // namespace redflag::api::internal
