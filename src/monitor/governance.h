// What a committee's votes decide, and what a passed proposal does to its list
// (docs/monitoring.md, "Internal lists").
//
// Policies, per action: `erc` (the US End-User Review Committee's rule, 15 CFR 744.16): a
// majority of the committee adds, unanimity removes or modifies; `majority`: a majority of the
// committee for everything; `unanimous`: every member for everything. A proposal passes as soon
// as enough members approve, and fails as soon as enough reject that it can no longer pass.
// Pure functions; thread-safe; never throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"
#include "store/governance_store.h"

namespace redflag::monitor {

enum class Policy : std::uint8_t { kErc, kMajority, kUnanimous };
std::optional<Policy> ParsePolicy(std::string_view name);

enum class Outcome : std::uint8_t { kOpen, kPassed, kRejected };
std::string_view OutcomeName(Outcome outcome);

// Approvals needed for `action` ("add", "remove", "modify") by a committee of `committee_size`.
std::size_t ApprovalsNeeded(Policy policy, std::string_view action, std::size_t committee_size);
Outcome Tally(Policy policy, const store::Proposal& proposal, std::size_t committee_size);

// "custom-<name>": the list id the internal list is screened under.
std::string InternalListId(std::string_view name);

// The next version of the list: `current` (the active entities, empty for a new list) with the
// proposal applied. kNotFound when a remove/modify names an entity not on the list. The entity
// an add creates gets the next free native id; its id is returned in `changed_entity`.
core::Result<sources::ParsedList> ApplyProposal(std::string_view list_name,
                                                std::vector<core::Entity> current,
                                                const store::Proposal& proposal,
                                                std::string& changed_entity);

}  // namespace redflag::monitor
