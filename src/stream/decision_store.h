// Where a payment worker keeps what it decided, by message id, so that a message delivered twice
// (a worker died before its ack, an ack was lost, AckWait ran out) is decided once: the second
// delivery finds the stored decision and republishes it instead of deciding again
// (docs/architecture.md "Payment streams").
//
// The contract is idempotent insertion: PutAll() stores each record whose message id is not
// stored yet and keeps the first record of an id that is (INSERT ... ON CONFLICT DO NOTHING), and
// returns, for every input, the record that is stored after the call, so that every worker that
// raced on one id publishes the same decision. One implementation is here (SQLite, one file in
// the data directory: one worker, or several workers on one machine); a PostgreSQL one for
// workers on several machines implements the same three calls over a table of the same columns.
//
// Thread-safety: an implementation may be called from many threads at once.
// Failure: every call returns an Error (kDatabase, kIo) and changes nothing on failure; the
// worker then does not acknowledge the messages, so JetStream delivers them again.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace redflag::stream {

enum class RecordKind : std::uint8_t {
  kDecided,  // a decision (document = the `pay check` JSON)
  kDead,     // a message that could not be decided (document = {"error": ...}); dead-lettered
};

std::string_view RecordKindName(RecordKind kind);

struct StoredDecision {
  std::string message_id;       // Nats-Msg-Id of the inbound message, else the payment's id
  RecordKind kind = RecordKind::kDecided;
  std::string outcome;          // clear | review | blocked | …; "invalid" for kDead
  std::string document;         // one line of JSON
  std::uint64_t stream_seq = 0;  // the inbound message's sequence in the stream
  std::int64_t decided_at_ms = 0;  // Unix milliseconds, when it was decided
  std::string worker;           // which worker decided it ("host:pid")
};

class DecisionStore {
 public:
  virtual ~DecisionStore() = default;

  // Stores, in one transaction, each record whose message id is not stored; returns the stored
  // record of every input id, in input order (the earlier one when the id was already there).
  virtual core::Result<std::vector<StoredDecision>> PutAll(
      const std::vector<StoredDecision>& records) = 0;

  // The stored records among `message_ids` (ids not stored are absent), any order.
  virtual core::Result<std::vector<StoredDecision>> FindAll(
      const std::vector<std::string>& message_ids) = 0;

  // Every stored record, by message id (for tests and audits; small stores).
  virtual core::Result<std::vector<StoredDecision>> All() = 0;
};

// The SQLite store at `path` (created with its table when missing; WAL, so several worker
// processes on one machine may share the file).
core::Result<std::unique_ptr<DecisionStore>> OpenSqliteDecisionStore(
    const std::filesystem::path& path);

// The file name of the SQLite store in a data directory.
inline constexpr std::string_view kDecisionsFile = "payment_decisions.db";

}  // namespace redflag::stream
