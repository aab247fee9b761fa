// Policies and proposals of internal lists (governance.h).
#include "monitor/governance.h"

#include <algorithm>

namespace redflag::monitor {
namespace {

constexpr char kFormat[] = "internal_list";

core::Entity NewEntity(std::string_view list_name, const std::vector<core::Entity>& current) {
  std::int64_t next = 1;
  for (const core::Entity& entity : current) {
    std::int64_t native = 0;
    for (char ch : entity.native_id) {
      if (ch < '0' || ch > '9') break;
      native = native * 10 + (ch - '0');
    }
    next = std::max(next, native + 1);
  }
  core::Entity entity;
  entity.list_id = InternalListId(list_name);
  entity.native_id = std::to_string(next);
  entity.id = core::MakeEntityId(entity.list_id, entity.native_id);
  return entity;
}

void Fill(core::Entity& entity, std::string_view list_name, const store::Proposal& proposal) {
  if (!proposal.name.empty()) entity.names = {core::Name{.full = proposal.name}};
  if (!proposal.type.empty()) entity.type = core::ParseEntityType(proposal.type);
  if (!proposal.country.empty()) {
    entity.addresses = {core::Address{}};
    entity.addresses[0].country = proposal.country;
  }
  entity.listings = {core::Listing{.list_id = InternalListId(list_name),
                                   .list_name = std::string(list_name),
                                   .list_code = "INTERNAL"}};
  entity.remarks = "proposal " + std::to_string(proposal.proposal_id) + ": " + proposal.reason;
}

}  // namespace

std::optional<Policy> ParsePolicy(std::string_view name) {
  if (name == "erc") return Policy::kErc;
  if (name == "majority") return Policy::kMajority;
  if (name == "unanimous") return Policy::kUnanimous;
  return std::nullopt;
}

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOpen: return "open";
    case Outcome::kPassed: return "passed";
    case Outcome::kRejected: return "rejected";
  }
  return "open";
}

std::size_t ApprovalsNeeded(Policy policy, std::string_view action, std::size_t committee_size) {
  const std::size_t majority = committee_size / 2 + 1;
  switch (policy) {
    case Policy::kErc: return action == "add" ? majority : committee_size;
    case Policy::kMajority: return majority;
    case Policy::kUnanimous: return committee_size;
  }
  return committee_size;
}

Outcome Tally(Policy policy, const store::Proposal& proposal, std::size_t committee_size) {
  const std::size_t needed = ApprovalsNeeded(policy, proposal.action, committee_size);
  const auto approvals = static_cast<std::size_t>(
      std::count_if(proposal.votes.begin(), proposal.votes.end(),
                    [](const store::Vote& vote) { return vote.vote == "approve"; }));
  const std::size_t rejections = proposal.votes.size() - approvals;
  if (approvals >= needed) return Outcome::kPassed;
  if (committee_size - rejections < needed) return Outcome::kRejected;
  return Outcome::kOpen;
}

std::string InternalListId(std::string_view name) { return "custom-" + std::string(name); }

core::Result<sources::ParsedList> ApplyProposal(std::string_view list_name,
                                                std::vector<core::Entity> current,
                                                const store::Proposal& proposal,
                                                std::string& changed_entity) {
  sources::ParsedList list;
  list.list_id = InternalListId(list_name);
  list.format = kFormat;
  if (proposal.action == "add") {
    core::Entity entity = NewEntity(list_name, current);
    Fill(entity, list_name, proposal);
    changed_entity = entity.id;
    current.push_back(std::move(entity));
  } else {
    auto found = std::find_if(current.begin(), current.end(), [&](const core::Entity& entity) {
      return entity.id == proposal.entity_id;
    });
    if (found == current.end()) {
      return core::MakeError(core::ErrorCode::kNotFound,
                             "no entity " + proposal.entity_id + " on " + list.list_id);
    }
    changed_entity = found->id;
    if (proposal.action == "remove") {
      current.erase(found);
    } else {
      Fill(*found, list_name, proposal);
    }
  }
  list.entities = std::move(current);
  return list;
}

}  // namespace redflag::monitor
