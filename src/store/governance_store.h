// Internal lists with governance: the committee and policy of each list, proposals to change it
// and the committee's votes (docs/monitoring.md, "Internal lists"). Only records: what a policy
// decides is src/monitor/governance.h, and a passed proposal becomes a list version through
// Store::Import like any list.
//
// Every write (list created, proposal, vote, outcome) appends its audit entry to the service's
// hash chain in the same transaction. A user votes once per proposal; votes on a decided
// proposal are refused.
// Thread-safety: every method may be called from any thread (an internal mutex).
// Failure: kDatabase; kNotFound for unknown lists and proposals; kConflict for a list that exists,
// a second vote, or a vote on a decided proposal.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "store/store.h"

namespace redflag::store {

struct InternalList {
  std::string name;
  std::string policy;                  // erc | majority | unanimous
  std::vector<std::string> committee;  // user names
  std::string created_at;
  std::string created_by;
};

struct Vote {
  std::string user;
  std::string vote;  // approve | reject
  std::string at;
};

struct Proposal {
  std::int64_t proposal_id = 0;
  std::string list_name;
  std::string action;     // add | remove | modify
  std::string entity_id;  // remove / modify: the entity; add: "" until it passes
  std::string name;       // add / modify: the new name
  std::string type;
  std::string country;
  std::string reason;
  std::string proposed_by;
  std::string created_at;
  std::string state = "open";  // open | passed | rejected
  std::string decided_at;
  std::int64_t version_id = 0;  // the list version a passed proposal made
  std::vector<Vote> votes;      // in the order cast
};

class GovernanceStore {
 public:
  static core::Result<std::unique_ptr<GovernanceStore>> Open(const Store& store);
  ~GovernanceStore();
  GovernanceStore(const GovernanceStore&) = delete;
  GovernanceStore& operator=(const GovernanceStore&) = delete;

  core::Status CreateList(const InternalList& list);
  core::Result<InternalList> GetList(std::string_view name) const;
  // Records an open proposal; returns its id.
  core::Result<std::int64_t> Propose(const Proposal& proposal);
  core::Result<Proposal> GetProposal(std::int64_t proposal_id) const;
  core::Result<std::vector<Proposal>> Proposals(std::string_view list_name) const;
  core::Status CastVote(std::int64_t proposal_id, std::string_view user, std::string_view vote);
  // Closes an open proposal as passed (with the version it made) or rejected.
  core::Status Decide(std::int64_t proposal_id, std::string_view state, std::int64_t version_id,
                      std::string_view entity_id);

  struct Impl;

 private:
  explicit GovernanceStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace redflag::store
