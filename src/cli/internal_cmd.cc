// `redflag internal create|propose|vote|show`: the company's own lists, changed only by
// proposals its committee votes on (docs/monitoring.md, "Internal lists"). A passed proposal is
// imported as a new version of custom-NAME, and the books are re-screened on it.
#include <algorithm>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "monitor/governance.h"
#include "store/governance_store.h"

namespace redflag::cli {
namespace {

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

core::Error Usage(std::string message) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message));
}

struct Stores {
  std::unique_ptr<store::Store> lists;
  std::unique_ptr<store::GovernanceStore> governance;
};

core::Result<Stores> OpenStores(const GlobalOptions& global) {
  auto lists = store::Store::Open(ResolveDataDir(global));
  if (!lists) return lists.error();
  auto governance = store::GovernanceStore::Open(**lists);
  if (!governance) return governance.error();
  return Stores{std::move(*lists), std::move(*governance)};
}

std::vector<std::string> SplitCommittee(const std::string& text) {
  std::vector<std::string> members;
  std::stringstream stream(text);
  for (std::string member; std::getline(stream, member, ',');) {
    if (!member.empty() && std::find(members.begin(), members.end(), member) == members.end()) {
      members.push_back(member);
    }
  }
  return members;
}

struct CreateArgs {
  std::string name;
  std::string committee;
  std::string policy = "erc";
  std::string by = "cli";
};

int RunCreate(const GlobalOptions& global, const CreateArgs& args) {
  if (!monitor::ParsePolicy(args.policy)) {
    return ReportError(Usage("--policy must be erc, majority or unanimous, not " +
                             Dump(args.policy)));
  }
  const auto committee = SplitCommittee(args.committee);
  if (committee.empty()) return ReportError(Usage("--committee names no member"));
  if (args.name.empty() || args.name.find_first_of(" :/") != std::string::npos) {
    return ReportError(Usage("a list name has no spaces, ':' or '/': " + Dump(args.name)));
  }
  auto stores = OpenStores(global);
  if (!stores) return ReportError(stores.error());
  auto done = stores->governance->CreateList(store::InternalList{
      .name = args.name, .policy = args.policy, .committee = committee, .created_by = args.by});
  if (!done) return ReportError(done.error());
  std::cout << fmt::format("internal list {} ({}), committee of {}, policy {}\n", args.name,
                           monitor::InternalListId(args.name), committee.size(), args.policy);
  return 0;
}

struct ProposeArgs {
  std::string list;
  std::string action;
  std::string entity;
  std::string name;
  std::string type;
  std::string country;
  std::string by;
  std::string reason;
};

core::Status CheckProposal(const ProposeArgs& args) {
  if (args.action == "add" && args.name.empty()) return Usage("add needs --name");
  if (args.action != "add" && args.entity.empty()) return Usage(args.action + " needs --entity");
  if (!args.type.empty() && core::ParseEntityType(args.type) == core::EntityType::kUnknown) {
    return Usage("--type " + Dump(args.type) + " is not a type");
  }
  return core::Ok();
}

core::Result<std::vector<core::Entity>> ActiveEntities(const store::Store& lists,
                                                       const std::string& list_id,
                                                       std::int64_t& version_id);

int RunPropose(const GlobalOptions& global, const ProposeArgs& args) {
  if (auto valid = CheckProposal(args); !valid) return ReportError(valid.error());
  auto stores = OpenStores(global);
  if (!stores) return ReportError(stores.error());
  auto list = stores->governance->GetList(args.list);
  if (!list) return ReportError(list.error());
  if (args.action != "add") {
    std::int64_t version_id = 0;
    auto entities = ActiveEntities(*stores->lists, monitor::InternalListId(args.list), version_id);
    if (!entities) return ReportError(entities.error());
    if (std::none_of(entities->begin(), entities->end(),
                     [&](const core::Entity& entity) { return entity.id == args.entity; })) {
      return ReportError(core::MakeError(core::ErrorCode::kNotFound,
                                         "no entity " + Dump(args.entity) + " on " +
                                             monitor::InternalListId(args.list)));
    }
  }
  auto proposal_id = stores->governance->Propose(store::Proposal{
      .list_name = args.list, .action = args.action, .entity_id = args.entity,
      .name = args.name, .type = args.type, .country = args.country, .reason = args.reason,
      .proposed_by = args.by});
  if (!proposal_id) return ReportError(proposal_id.error());
  std::cout << fmt::format("proposal {} on {}: {} (needs {} of {} approvals)\n", *proposal_id,
                           args.list, args.action,
                           monitor::ApprovalsNeeded(monitor::ParsePolicy(list->policy).value_or(monitor::Policy::kUnanimous),
                                                    args.action, list->committee.size()),
                           list->committee.size());
  std::cout << *proposal_id << "\n";
  return 0;
}

// The active entities of custom-NAME (none before its first passed proposal).
core::Result<std::vector<core::Entity>> ActiveEntities(const store::Store& lists,
                                                       const std::string& list_id,
                                                       std::int64_t& version_id) {
  auto active = lists.ActiveVersions();
  if (!active) return active.error();
  version_id = 0;
  for (const auto& version : *active) {
    if (version.list_id == list_id) version_id = version.version_id;
  }
  if (version_id == 0) return std::vector<core::Entity>{};
  return lists.LoadEntities(version_id);
}

// A passed proposal: the list's next version, imported, then the books re-screened on it.
int Enact(const GlobalOptions& global, Stores& stores, const store::Proposal& proposal) {
  std::int64_t active_version = 0;
  const std::string list_id = monitor::InternalListId(proposal.list_name);
  auto entities = ActiveEntities(*stores.lists, list_id, active_version);
  if (!entities) return ReportError(entities.error());
  std::string entity_id;
  auto next = monitor::ApplyProposal(proposal.list_name, std::move(*entities), proposal, entity_id);
  if (!next) return ReportError(next.error());
  auto imported = stores.lists->Import(*next);
  if (!imported) return ReportError(imported.error());
  auto decided = stores.governance->Decide(proposal.proposal_id, "passed",
                                           imported->version.version_id, entity_id);
  if (!decided) return ReportError(decided.error());
  std::cout << fmt::format("proposal {} passed: {} {} is version {} of {}\n",
                           proposal.proposal_id, proposal.action, entity_id,
                           imported->version.version_id, list_id);
  return RescreenBooks(global, {imported->version});
}

int RunVote(const GlobalOptions& global, std::int64_t proposal_id, const std::string& vote,
            const std::string& by) {
  auto stores = OpenStores(global);
  if (!stores) return ReportError(stores.error());
  auto proposal = stores->governance->GetProposal(proposal_id);
  if (!proposal) return ReportError(proposal.error());
  auto list = stores->governance->GetList(proposal->list_name);
  if (!list) return ReportError(list.error());
  if (std::find(list->committee.begin(), list->committee.end(), by) == list->committee.end()) {
    return ReportError(core::MakeError(
        core::ErrorCode::kPermission,
        Dump(by) + " is not on the committee of " + proposal->list_name + "; only members vote"));
  }
  if (auto done = stores->governance->CastVote(proposal_id, by, vote); !done) {
    return ReportError(done.error());
  }
  proposal = stores->governance->GetProposal(proposal_id);
  if (!proposal) return ReportError(proposal.error());
  const auto policy = monitor::ParsePolicy(list->policy).value_or(monitor::Policy::kUnanimous);
  const auto outcome = monitor::Tally(policy, *proposal, list->committee.size());
  std::cout << fmt::format("vote recorded: {} {} proposal {}; {}\n", by, vote, proposal_id,
                           monitor::OutcomeName(outcome));
  if (outcome == monitor::Outcome::kPassed) return Enact(global, *stores, *proposal);
  if (outcome == monitor::Outcome::kRejected) {
    auto done = stores->governance->Decide(proposal_id, "rejected", 0, proposal->entity_id);
    if (!done) return ReportError(done.error());
  }
  return 0;
}

nlohmann::json ProposalJson(const store::Proposal& proposal) {
  nlohmann::json votes = nlohmann::json::array();
  for (const auto& vote : proposal.votes) {
    votes.push_back({{"user", vote.user}, {"vote", vote.vote}, {"at", vote.at}});
  }
  return {{"proposal", proposal.proposal_id}, {"action", proposal.action},
          {"entity_id", proposal.entity_id},  {"name", proposal.name},
          {"reason", proposal.reason},        {"by", proposal.proposed_by},
          {"created_at", proposal.created_at}, {"state", proposal.state},
          {"decided_at", proposal.decided_at}, {"version", proposal.version_id},
          {"votes", votes}};
}

int RunShow(const GlobalOptions& global, const std::string& name, bool proposals, bool json) {
  auto stores = OpenStores(global);
  if (!stores) return ReportError(stores.error());
  auto list = stores->governance->GetList(name);
  if (!list) return ReportError(list.error());
  std::int64_t version_id = 0;
  auto entities = ActiveEntities(*stores->lists, monitor::InternalListId(name), version_id);
  if (!entities) return ReportError(entities.error());
  nlohmann::json out = {{"list", name},
                        {"list_id", monitor::InternalListId(name)},
                        {"policy", list->policy},
                        {"committee", list->committee},
                        {"version", version_id},
                        {"entities", nlohmann::json::array()}};
  for (const auto& entity : *entities) {
    out["entities"].push_back({{"entity_id", entity.id}, {"name", entity.primary_name()}});
  }
  auto all = stores->governance->Proposals(name);
  if (!all) return ReportError(all.error());
  if (proposals) {
    out["proposals"] = nlohmann::json::array();
    for (const auto& proposal : *all) out["proposals"].push_back(ProposalJson(proposal));
  }
  if (json) {
    std::cout << Dump(out) << "\n";
    return 0;
  }
  std::cout << fmt::format("{} ({}): policy {}, committee {}, version {}, {} entities\n", name,
                           monitor::InternalListId(name), list->policy,
                           fmt::join(list->committee, ","), version_id, entities->size());
  for (const auto& entity : *entities) {
    std::cout << fmt::format("  {}  {}\n", entity.id, entity.primary_name());
  }
  for (const auto& proposal : proposals ? *all : std::vector<store::Proposal>{}) {
    std::cout << fmt::format("  proposal {}: {} {} by {} - {} ({} votes)\n",
                             proposal.proposal_id, proposal.action,
                             proposal.name.empty() ? proposal.entity_id : proposal.name,
                             proposal.proposed_by, proposal.state, proposal.votes.size());
  }
  return 0;
}

}  // namespace

void RegisterInternalCommands(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto* internal = app.add_subcommand(
      "internal", "The company's own lists, changed by committee votes (screened as custom-NAME)");
  internal->require_subcommand(1);

  auto create_args = std::make_shared<CreateArgs>();
  auto* create = internal->add_subcommand("create", "Create an internal list and its committee");
  create->add_option("name", create_args->name, "List name")->required();
  create->add_option("--committee", create_args->committee, "Members: u1,u2,...")->required();
  create->add_option("--policy", create_args->policy, "erc (default) | majority | unanimous");
  create->add_option("--by", create_args->by, "Who creates it (for the audit trail)");
  create->callback([&global, &exit_code, create_args] {
    exit_code = RunCreate(global, *create_args);
  });

  auto propose_args = std::make_shared<ProposeArgs>();
  auto* propose = internal->add_subcommand(
      "propose", "Propose a change; prints the proposal id on its last line");
  propose->add_option("name", propose_args->list, "List name")->required();
  propose->add_option("action", propose_args->action, "add | remove | modify")
      ->required()
      ->check(CLI::IsMember({"add", "remove", "modify"}));
  propose->add_option("--entity", propose_args->entity, "remove/modify: the entity id");
  propose->add_option("--name", propose_args->name, "add/modify: the party's name");
  propose->add_option("--type", propose_args->type, "person|organization|vessel|aircraft");
  propose->add_option("--country", propose_args->country, "ISO country code");
  propose->add_option("--by", propose_args->by, "Who proposes")->required();
  propose->add_option("--reason", propose_args->reason, "Why");
  propose->callback([&global, &exit_code, propose_args] {
    exit_code = RunPropose(global, *propose_args);
  });

  struct VoteArgs {
    std::int64_t proposal = 0;
    std::string vote;
    std::string by;
  };
  auto vote_args = std::make_shared<VoteArgs>();
  auto* vote = internal->add_subcommand("vote", "Vote on a proposal (committee members, once)");
  vote->add_option("proposal", vote_args->proposal, "Proposal id")->required();
  vote->add_option("vote", vote_args->vote, "approve | reject")
      ->required()
      ->check(CLI::IsMember({"approve", "reject"}));
  vote->add_option("--by", vote_args->by, "Who votes")->required();
  vote->callback([&global, &exit_code, vote_args] {
    exit_code = RunVote(global, vote_args->proposal, vote_args->vote, vote_args->by);
  });

  struct ShowArgs {
    std::string name;
    bool proposals = false;
    bool json = false;
  };
  auto show_args = std::make_shared<ShowArgs>();
  auto* show = internal->add_subcommand("show", "The list, its entities and (--proposals) votes");
  show->add_option("name", show_args->name, "List name")->required();
  show->add_flag("--proposals", show_args->proposals, "Also every proposal and its votes");
  show->add_flag("--json", show_args->json, "JSON output");
  show->callback([&global, &exit_code, show_args] {
    exit_code = RunShow(global, show_args->name, show_args->proposals, show_args->json);
  });
}

}  // namespace redflag::cli
