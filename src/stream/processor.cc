#include "stream/processor.h"

#include <chrono>
#include <string>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "payments/message.h"
#include "rules/rule_set.h"

namespace redflag::stream {
namespace {

constexpr std::string_view kInvalidOutcome = "invalid";

Decided DeadLetter(const core::Error& error, std::string payment_id) {
  nlohmann::json where = nlohmann::json::object();
  if (!error.where.field.empty()) where["field"] = error.where.field;
  if (!error.where.element.empty()) where["element"] = error.where.element;
  if (error.where.line != 0) where["line"] = error.where.line;
  nlohmann::json document = {{"error",
                              {{"code", std::string(core::ErrorCodeName(error.code))},
                               {"message", error.ToString()},
                               {"where", std::move(where)}}}};
  if (!payment_id.empty()) document["message_id"] = payment_id;
  return Decided{RecordKind::kDead, std::string(kInvalidOutcome), core::JsonText(document),
                 std::move(payment_id)};
}

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Decided DecideMessage(const payments::PaymentChecker& checker, std::string_view bytes) {
  auto message = payments::ParsePaymentMessage(bytes);
  if (!message) return DeadLetter(message.error(), "");
  std::string payment_id = message->message_id;
  auto result = checker.Check(std::move(*message));
  if (!result) return DeadLetter(result.error(), std::move(payment_id));
  return Decided{RecordKind::kDecided, std::string(rules::EffectName(result->decision.outcome)),
                 payments::PaymentResultToJson(*result, -1), std::move(payment_id)};
}

bool IsHeld(std::string_view outcome) { return outcome != "clear"; }

std::string StoreKey(const Inbound& inbound) {
  if (!inbound.message_id.empty()) return inbound.message_id;
  // No Nats-Msg-Id: the payment's own id (parsing is cheap next to deciding).
  if (auto message = payments::ParsePaymentMessage(inbound.body);
      message && !message->message_id.empty()) {
    return message->message_id;
  }
  return "seq-" + std::to_string(inbound.stream_seq);
}

core::Result<std::vector<Processed>> ProcessBatch(const payments::PaymentChecker& checker,
                                                  DecisionStore& store,
                                                  const std::vector<Inbound>& batch,
                                                  std::string_view worker) {
  std::vector<std::string> keys;
  keys.reserve(batch.size());
  for (const Inbound& inbound : batch) keys.push_back(StoreKey(inbound));
  auto found = store.FindAll(keys);
  if (!found) return found.error();
  std::unordered_map<std::string, StoredDecision> stored;
  for (StoredDecision& record : *found) stored.emplace(record.message_id, std::move(record));

  std::vector<StoredDecision> fresh;
  std::vector<std::size_t> fresh_of;  // input index of each fresh record
  for (std::size_t idx = 0; idx < batch.size(); ++idx) {
    if (stored.count(keys[idx]) != 0) continue;
    Decided decided = DecideMessage(checker, batch[idx].body);
    fresh.push_back(StoredDecision{.message_id = keys[idx],
                                   .kind = decided.kind,
                                   .outcome = std::move(decided.outcome),
                                   .document = std::move(decided.document),
                                   .stream_seq = batch[idx].stream_seq,
                                   .decided_at_ms = NowMs(),
                                   .worker = std::string(worker)});
    fresh_of.push_back(idx);
  }
  auto put = store.PutAll(fresh);
  if (!put) return put.error();

  std::vector<Processed> out(batch.size());
  for (std::size_t idx = 0; idx < batch.size(); ++idx) {
    if (auto it = stored.find(keys[idx]); it != stored.end()) {
      out[idx] = Processed{it->second, Fate::kAlreadyStored};
    }
  }
  for (std::size_t fresh_idx = 0; fresh_idx < fresh.size(); ++fresh_idx) {
    StoredDecision& kept = (*put)[fresh_idx];
    const StoredDecision& mine = fresh[fresh_idx];
    // The stored record is ours when it carries our worker and time; a twin of the same id in
    // this very batch, or another worker, may have stored first.
    const bool ours = kept.worker == mine.worker && kept.decided_at_ms == mine.decided_at_ms &&
                      kept.stream_seq == mine.stream_seq && kept.document == mine.document;
    out[fresh_of[fresh_idx]] = Processed{std::move(kept), ours ? Fate::kDecidedNow : Fate::kLostRace};
  }
  return out;
}

}  // namespace redflag::stream
