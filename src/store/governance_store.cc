// Internal lists, proposals and votes, each write audited in its transaction (governance_store.h).
#include "store/governance_store.h"
#include "core/date.h"

#include <mutex>

#include <nlohmann/json.hpp>

#include "store/service_store_internal.h"
#include "store/sqlite_internal.h"

namespace redflag::store {

struct GovernanceStore::Impl {
  internal::Database db;
  mutable std::mutex mutex;  // the connection is NOMUTEX: every use holds this
};

namespace {

using internal::Database;
using internal::Statement;

constexpr int kBusyTimeoutMs = 10000;
constexpr char kProposalColumns[] =
    "SELECT proposal_id, list_name, action, entity_id, name, type, country, reason, proposed_by, "
    "created_at, state, decided_at, version_id FROM proposals ";

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

core::Status Audit(const Database& db, std::string_view kind, std::string_view actor,
                   const nlohmann::json& payload) {
  auto entry = internal::AppendAuditInTransaction(db, kind, actor, Dump(payload));
  if (!entry) return entry.error();
  return core::Ok();
}

Proposal ReadProposal(const Statement& stmt) {
  Proposal proposal;
  proposal.proposal_id = stmt.Int(0);
  proposal.list_name = stmt.Text(1);
  proposal.action = stmt.Text(2);
  proposal.entity_id = stmt.Text(3);
  proposal.name = stmt.Text(4);
  proposal.type = stmt.Text(5);
  proposal.country = stmt.Text(6);
  proposal.reason = stmt.Text(7);
  proposal.proposed_by = stmt.Text(8);
  proposal.created_at = stmt.Text(9);
  proposal.state = stmt.Text(10);
  proposal.decided_at = stmt.Text(11);
  proposal.version_id = stmt.Int(12);
  return proposal;
}

core::Status ReadVotes(const Database& db, Proposal& proposal) {
  auto stmt = db.Prepare(
      "SELECT user, vote, at FROM proposal_votes WHERE proposal_id = ? ORDER BY at, user");
  if (!stmt) return stmt.error();
  stmt->Bind(1, proposal.proposal_id);
  for (;;) {
    auto step = stmt->Step();
    if (!step) return step.error();
    if (!*step) return core::Ok();
    proposal.votes.push_back(
        Vote{std::string(stmt->Text(0)), std::string(stmt->Text(1)), std::string(stmt->Text(2))});
  }
}

core::Result<Proposal> LoadProposal(const Database& db, std::int64_t proposal_id) {
  auto stmt = db.Prepare(std::string(kProposalColumns) + "WHERE proposal_id = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, proposal_id);
  auto step = stmt->Step();
  if (!step) return step.error();
  if (!*step) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           "no proposal " + std::to_string(proposal_id));
  }
  Proposal proposal = ReadProposal(*stmt);
  if (auto done = ReadVotes(db, proposal); !done) return done.error();
  return proposal;
}

}  // namespace

GovernanceStore::GovernanceStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GovernanceStore::~GovernanceStore() = default;

core::Result<std::unique_ptr<GovernanceStore>> GovernanceStore::Open(const Store& store) {
  auto db = Database::Open(store.database_path());
  if (!db) return db.error();
  sqlite3_busy_timeout(db->get(), kBusyTimeoutMs);
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(*db);
  return std::unique_ptr<GovernanceStore>(new GovernanceStore(std::move(impl)));
}

core::Status GovernanceStore::CreateList(const InternalList& list) {
  std::lock_guard lock(impl_->mutex);
  const Database& db = impl_->db;
  auto txn = internal::Transaction::Begin(db);
  if (!txn) return txn.error();
  auto insert = db.Prepare(
      "INSERT INTO internal_lists (name, policy, committee, created_at, created_by) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO NOTHING");
  if (!insert) return insert.error();
  insert->Bind(1, list.name).Bind(2, list.policy).Bind(3, Dump(list.committee));
  insert->Bind(4, core::NowUtcMillis()).Bind(5, list.created_by);
  if (auto done = insert->Run(); !done) return done;
  if (sqlite3_changes(db.get()) == 0) {
    return core::MakeError(core::ErrorCode::kConflict,
                           "internal list " + list.name + " exists already");
  }
  if (auto done = Audit(db, "internal_list_created", list.created_by,
                        {{"list", list.name}, {"policy", list.policy},
                         {"committee", list.committee}});
      !done) {
    return done;
  }
  return txn->Commit();
}

core::Result<InternalList> GovernanceStore::GetList(std::string_view name) const {
  std::lock_guard lock(impl_->mutex);
  auto stmt = impl_->db.Prepare(
      "SELECT name, policy, committee, created_at, created_by FROM internal_lists WHERE name = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, name);
  auto step = stmt->Step();
  if (!step) return step.error();
  if (!*step) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           "no internal list named " + Dump(std::string(name)));
  }
  InternalList list{.name = std::string(stmt->Text(0)), .policy = std::string(stmt->Text(1))};
  const auto committee = nlohmann::json::parse(stmt->Text(2), nullptr, false);
  if (committee.is_array()) {
    for (const auto& user : committee) {
      if (user.is_string()) list.committee.push_back(user.get<std::string>());
    }
  }
  list.created_at = stmt->Text(3);
  list.created_by = stmt->Text(4);
  return list;
}

core::Result<std::int64_t> GovernanceStore::Propose(const Proposal& proposal) {
  std::lock_guard lock(impl_->mutex);
  const Database& db = impl_->db;
  auto txn = internal::Transaction::Begin(db);
  if (!txn) return txn.error();
  auto insert = db.Prepare(
      "INSERT INTO proposals (list_name, action, entity_id, name, type, country, reason, "
      "proposed_by, created_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')");
  if (!insert) return insert.error();
  insert->Bind(1, proposal.list_name).Bind(2, proposal.action).Bind(3, proposal.entity_id);
  insert->Bind(4, proposal.name).Bind(5, proposal.type).Bind(6, proposal.country);
  insert->Bind(7, proposal.reason).Bind(8, proposal.proposed_by);
  insert->Bind(9, core::NowUtcMillis());
  if (auto done = insert->Run(); !done) return done.error();
  const std::int64_t proposal_id = db.LastInsertRowid();
  if (auto done = Audit(db, "internal_proposal", proposal.proposed_by,
                        {{"proposal", proposal_id},
                         {"list", proposal.list_name},
                         {"action", proposal.action},
                         {"entity_id", proposal.entity_id},
                         {"name", proposal.name},
                         {"reason", proposal.reason}});
      !done) {
    return done.error();
  }
  if (auto done = txn->Commit(); !done) return done.error();
  return proposal_id;
}

core::Result<Proposal> GovernanceStore::GetProposal(std::int64_t proposal_id) const {
  std::lock_guard lock(impl_->mutex);
  return LoadProposal(impl_->db, proposal_id);
}

core::Result<std::vector<Proposal>> GovernanceStore::Proposals(std::string_view list_name) const {
  std::lock_guard lock(impl_->mutex);
  auto stmt = impl_->db.Prepare(std::string(kProposalColumns) +
                                "WHERE list_name = ? ORDER BY proposal_id");
  if (!stmt) return stmt.error();
  stmt->Bind(1, list_name);
  std::vector<Proposal> proposals;
  for (;;) {
    auto step = stmt->Step();
    if (!step) return step.error();
    if (!*step) break;
    proposals.push_back(ReadProposal(*stmt));
  }
  for (Proposal& proposal : proposals) {
    if (auto done = ReadVotes(impl_->db, proposal); !done) return done.error();
  }
  return proposals;
}

core::Status GovernanceStore::CastVote(std::int64_t proposal_id, std::string_view user,
                                       std::string_view vote) {
  std::lock_guard lock(impl_->mutex);
  const Database& db = impl_->db;
  auto txn = internal::Transaction::Begin(db);
  if (!txn) return txn.error();
  auto proposal = LoadProposal(db, proposal_id);
  if (!proposal) return proposal.error();
  if (proposal->state != "open") {
    return core::MakeError(core::ErrorCode::kConflict, "proposal " + std::to_string(proposal_id) +
                                                           " is " + proposal->state);
  }
  for (const Vote& cast : proposal->votes) {
    if (cast.user == user) {
      return core::MakeError(core::ErrorCode::kConflict,
                             Dump(std::string(user)) + " has voted on proposal " +
                                 std::to_string(proposal_id) + " already");
    }
  }
  auto insert = db.Prepare(
      "INSERT INTO proposal_votes (proposal_id, user, vote, at) VALUES (?, ?, ?, ?)");
  if (!insert) return insert.error();
  insert->Bind(1, proposal_id).Bind(2, user).Bind(3, vote).Bind(4, core::NowUtcMillis());
  if (auto done = insert->Run(); !done) return done;
  if (auto done = Audit(db, "internal_vote", user,
                        {{"proposal", proposal_id}, {"list", proposal->list_name},
                         {"vote", vote}});
      !done) {
    return done;
  }
  return txn->Commit();
}

core::Status GovernanceStore::Decide(std::int64_t proposal_id, std::string_view state,
                                     std::int64_t version_id, std::string_view entity_id) {
  std::lock_guard lock(impl_->mutex);
  const Database& db = impl_->db;
  auto txn = internal::Transaction::Begin(db);
  if (!txn) return txn.error();
  auto update = db.Prepare(
      "UPDATE proposals SET state = ?2, decided_at = ?3, version_id = ?4, entity_id = ?5 "
      "WHERE proposal_id = ?1 AND state = 'open'");
  if (!update) return update.error();
  update->Bind(1, proposal_id).Bind(2, state).Bind(3, core::NowUtcMillis());
  update->Bind(4, version_id).Bind(5, entity_id);
  if (auto done = update->Run(); !done) return done;
  if (sqlite3_changes(db.get()) == 0) {
    return core::MakeError(core::ErrorCode::kConflict,
                           "proposal " + std::to_string(proposal_id) + " is not open");
  }
  if (auto done = Audit(db, "internal_outcome", "policy",
                        {{"proposal", proposal_id}, {"outcome", state},
                         {"version", version_id}, {"entity_id", entity_id}});
      !done) {
    return done;
  }
  return txn->Commit();
}

}  // namespace redflag::store
