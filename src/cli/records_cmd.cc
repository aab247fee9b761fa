// `redflag keys create|list|revoke`, `redflag audit verify|export`, `redflag alerts list|show`:
// the service's records (docs/api.md) for administrators and scripts.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "store/service_store.h"

namespace redflag::cli {
namespace {

struct RecordsArgs {
  std::string role;
  std::string name;
  std::string key_id;
  std::string since;
  std::string state;
  std::string customer_ref;
  std::int64_t alert_id = 0;
  bool json = false;
};

// Runs `fn` with the service records of the data directory; returns its exit code.
template <class Fn>
int WithRecords(const GlobalOptions& global, Fn&& fn) {
  auto store = store::Store::Open(ResolveDataDir(global));
  if (!store) return ReportError(store.error());
  auto records = OpenRecords(global, **store);
  if (!records) return ReportError(records.error());
  return fn(**records);
}

int CreateKey(store::ServiceStore& records, const RecordsArgs& args) {
  const auto role = store::ParseRole(args.role);
  if (!role) {
    return ReportError(core::MakeError(core::ErrorCode::kInvalidArgument,
                                       "--role must be screener, analyst, approver or admin",
                                       core::Location{.field = "--role"}));
  }
  auto created = records.CreateKey(*role, args.name, "cli");
  if (!created) return ReportError(created.error());
  std::cerr << fmt::format("created key {} ({}, role {}); it is shown once, store it now:\n",
                           created->key.key_id, created->key.name, args.role);
  std::cout << created->secret << "\n";
  return 0;
}

int ListKeys(store::ServiceStore& records) {
  auto keys = records.ListKeys();
  if (!keys) return ReportError(keys.error());
  for (const auto& key : *keys) {
    std::cout << fmt::format("{}  {:<8}  {:<20}  created {}{}\n", key.key_id,
                             store::RoleName(key.role), key.name, key.created_at,
                             key.revoked_at.empty() ? "" : "  revoked " + key.revoked_at);
  }
  return 0;
}

int VerifyAudit(store::ServiceStore& records) {
  auto verdict = records.VerifyAudit();
  if (!verdict) return ReportError(verdict.error());
  if (verdict->first_broken != 0) {
    return ReportError(core::MakeError(
        core::ErrorCode::kValidation,
        fmt::format("audit chain broken at entry {}: {}", verdict->first_broken, verdict->reason)));
  }
  std::cout << fmt::format("audit chain intact: {} entries\n", verdict->entries);
  return 0;
}

int ExportAudit(store::ServiceStore& records, const RecordsArgs& args) {
  auto entries = records.ExportAudit(args.since);
  if (!entries) return ReportError(entries.error());
  for (const auto& entry : *entries) {
    nlohmann::json line = {{"seq", entry.seq},         {"at", entry.at},
                           {"kind", entry.kind},       {"actor", entry.actor},
                           {"prev_hash", entry.prev_hash}, {"hash", entry.hash}};
    line["payload"] = nlohmann::json::parse(entry.payload, nullptr, false);
    if (line["payload"].is_discarded()) line["payload"] = entry.payload;
    std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return 0;
}

int ListAlerts(store::ServiceStore& records, const RecordsArgs& args) {
  auto alerts = records.ListAlerts(
      {.state = args.state, .customer_ref = args.customer_ref, .since = args.since, .limit = 100000});
  if (!alerts) return ReportError(alerts.error());
  for (const auto& alert : *alerts) {
    std::cout << fmt::format("{}  {:<16}  {:<18}  {}  score {:.3f}  x{}{}\n", alert.alert_id,
                             alert.state, alert.customer_ref, alert.entity_id, alert.best_score,
                             alert.occurrences,
                             alert.disposition.empty() ? "" : "  " + alert.disposition);
  }
  return 0;
}

int ShowAlert(store::ServiceStore& records, const RecordsArgs& args) {
  auto alert = records.GetAlert(args.alert_id);
  if (!alert) return ReportError(alert.error());
  std::cout << fmt::format("alert {}: {} x {} ({}), {}; {} occurrence(s), best score {:.3f}\n",
                           alert->alert_id, alert->customer_ref, alert->entity_id, alert->list_id,
                           alert->state, alert->occurrences, alert->best_score);
  if (!alert->changes_json.empty()) std::cout << "changed since false positive: " << alert->changes_json << "\n";
  for (const auto& event : alert->events) {
    std::cout << fmt::format("  {}  {:<12} key {} {}  {}\n", event.at, event.kind, event.key_id,
                             event.user, event.detail);
  }
  return 0;
}

}  // namespace

void RegisterRecordsCommands(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<RecordsArgs>();
  CLI::App* keys = app.add_subcommand("keys", "API keys for `redflag serve` (stored as hashes)");
  keys->require_subcommand(1);
  CLI::App* create = keys->add_subcommand("create", "Create a key; it is printed on the last line");
  create->add_option("--role", args->role, "screener|analyst|approver|admin")->required();
  create->add_option("--name", args->name, "Who or what the key is for");
  create->callback([&global, &exit_code, args] {
    exit_code = WithRecords(global, [&](store::ServiceStore& r) { return CreateKey(r, *args); });
  });
  keys->add_subcommand("list", "List keys (ids, roles, names; never the keys)")
      ->callback([&global, &exit_code] {
        exit_code = WithRecords(global, [](store::ServiceStore& r) { return ListKeys(r); });
      });
  CLI::App* revoke = keys->add_subcommand("revoke", "Revoke a key by id");
  revoke->add_option("id", args->key_id, "Key id (from `keys list`)")->required();
  revoke->callback([&global, &exit_code, args] {
    exit_code = WithRecords(global, [&](store::ServiceStore& r) {
      auto done = r.RevokeKey(args->key_id, "cli");
      return done ? 0 : ReportError(done.error());
    });
  });

  CLI::App* audit = app.add_subcommand("audit", "The hash-chained audit trail");
  audit->require_subcommand(1);
  audit->add_subcommand("verify", "Check the chain; name the first broken entry")
      ->callback([&global, &exit_code] {
        exit_code = WithRecords(global, [](store::ServiceStore& r) { return VerifyAudit(r); });
      });
  CLI::App* export_cmd = audit->add_subcommand("export", "Entries as JSON lines");
  export_cmd->add_option("--since", args->since, "Only entries at or after this UTC time");
  export_cmd->callback([&global, &exit_code, args] {
    exit_code = WithRecords(global, [&](store::ServiceStore& r) { return ExportAudit(r, *args); });
  });

  CLI::App* alerts = app.add_subcommand("alerts", "Alerts opened by screenings for a customer_ref");
  alerts->require_subcommand(1);
  CLI::App* list = alerts->add_subcommand("list", "One line per alert");
  list->add_option("--state", args->state, "open|pending_approval|closed");
  list->add_option("--customer-ref", args->customer_ref, "Only this customer");
  list->add_option("--since", args->since, "Opened at or after this UTC time");
  list->callback([&global, &exit_code, args] {
    exit_code = WithRecords(global, [&](store::ServiceStore& r) { return ListAlerts(r, *args); });
  });
  CLI::App* show = alerts->add_subcommand("show", "One alert with its history");
  show->add_option("id", args->alert_id, "Alert id")->required();
  show->callback([&global, &exit_code, args] {
    exit_code = WithRecords(global, [&](store::ServiceStore& r) { return ShowAlert(r, *args); });
  });
}

}  // namespace redflag::cli
