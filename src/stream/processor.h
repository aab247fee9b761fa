// The worker's message handling without the network: bytes in -> a stored decision.
//
// DecideMessage() is one message: a payment message (any format `pay check` reads) becomes the
// `pay check` decision JSON; anything that does not parse or cannot be decided becomes a dead
// letter holding the error (what, where, why). It is a pure function of the bytes and the
// checker; it parses nothing of its own (the payment parsers have their fuzzers,
// fuzz/payment_iso20022_fuzz.cc and fuzz/payment_swift_mt_fuzz.cc).
//
// ProcessBatch() is what a worker does with one fetched batch before it publishes and acks:
// it looks the batch's message ids up in the DecisionStore, decides only the messages not
// stored yet, stores those idempotently and returns, for every input, the record that is stored
// (for a redelivered message: the decision stored the first time, not a new one).
//
// Thread-safety: both may run on many threads at once (PaymentChecker and DecisionStore are).
// Failure: ProcessBatch returns the store's Error and then nothing of the batch may be acked;
// a message that cannot be decided is not an Error but a dead letter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "payments/checker.h"
#include "stream/decision_store.h"

namespace redflag::stream {

struct Decided {
  RecordKind kind = RecordKind::kDecided;
  std::string outcome;   // the decision's outcome; "invalid" for a dead letter
  std::string document;  // `pay check` JSON (one line), or {"error": …} for a dead letter
  std::string payment_id;  // the message's own id (GrpHdr/MsgId, field 20); "" when unparsed
};

Decided DecideMessage(const payments::PaymentChecker& checker, std::string_view bytes);

// Outcomes that are held: everything but clear (blocked = hold and report; review and the
// export-control outcomes = a person decides). Held messages are copied to payments.held.
bool IsHeld(std::string_view outcome);

struct Inbound {
  std::string message_id;  // the Nats-Msg-Id header; "" when the publisher set none
  std::string_view body;
  std::uint64_t stream_seq = 0;
};

enum class Fate : std::uint8_t {
  kDecidedNow,     // decided by this call and stored by it
  kAlreadyStored,  // found in the store: a redelivery; not decided again
  kLostRace,       // decided, but another worker stored the same id first: its record is used
};

struct Processed {
  StoredDecision record;  // what is stored for this message id
  Fate fate = Fate::kDecidedNow;
};

// The id a message is stored under: its Nats-Msg-Id; else the payment's own id; else
// "seq-<stream sequence>" (a message without either is still stored and dead-lettered once).
std::string StoreKey(const Inbound& inbound);

core::Result<std::vector<Processed>> ProcessBatch(const payments::PaymentChecker& checker,
                                                  DecisionStore& store,
                                                  const std::vector<Inbound>& batch,
                                                  std::string_view worker);

}  // namespace redflag::stream
