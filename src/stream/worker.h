// `redflag worker`: decides payment messages from NATS JetStream, exactly once in effect.
//
// Each thread of a Worker pulls batches from the durable consumer (one group for every worker
// process: JetStream hands each message to one of them), and for each batch:
//   1. ProcessBatch: messages whose id is stored are not decided again; the others are decided
//      and stored (INSERT ... ON CONFLICT DO NOTHING);
//   2. publishes each stored decision to payments.decided (Nats-Msg-Id = the message id), a copy
//      of each held message (any outcome but clear) to payments.held, and each message that could
//      not be decided to payments.dead with its error;
//   3. acknowledges a message only when its decision is stored and every publish for it was
//      confirmed; otherwise it is nak'ed and JetStream delivers it again (to any worker), which
//      then finds the stored decision and publishes it again (a duplicate JetStream drops).
// A worker that dies leaves its unacknowledged messages to the others after AckWait.
//
// Thread-safety: Run() runs the threads itself; Stats() may be read from any thread.
// Failure: Run() returns an Error only when it cannot start (connect, layout, subscribe); once
// running, network, store and publish trouble is logged, the batch is left unacked, and the
// worker goes on until `stop` is set.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "core/error.h"
#include "payments/checker.h"
#include "stream/decision_store.h"
#include "stream/jetstream.h"

namespace redflag::stream {

struct WorkerOptions {
  std::string nats_urls = "nats://127.0.0.1:4222";
  StreamLayout layout;
  int threads = 2;  // pull loops; each decides its batch on its own core
  int batch = 32;   // messages per fetch: larger is faster, smaller has lower latency
  std::chrono::milliseconds fetch_wait{500};
  std::chrono::milliseconds publish_wait{5000};
  std::string name;  // in headers and the store; default "<host>:<pid>"
  // Testing the failure path: after storing a batch that brings the decisions stored by this
  // process to at least this many, exit at once (status 137, as kill -9) before publishing or
  // acknowledging it. 0 = never.
  std::uint64_t crash_after_stored = 0;
  std::ostream* log = nullptr;  // one line per problem and per stats interval; null = quiet
  std::chrono::seconds stats_every{10};
};

struct WorkerStats {
  std::atomic<std::uint64_t> fetched{0};
  std::atomic<std::uint64_t> decided{0};         // decided and stored by this worker
  std::atomic<std::uint64_t> already_stored{0};  // redeliveries answered from the store
  std::atomic<std::uint64_t> lost_race{0};       // decided, but another worker stored first
  std::atomic<std::uint64_t> dead{0};            // dead letters stored by this worker
  std::atomic<std::uint64_t> held{0};            // held copies published
  std::atomic<std::uint64_t> acked{0};
  std::atomic<std::uint64_t> retried{0};  // nak'ed: store or publish failed; delivered again
  std::atomic<std::uint64_t> errors{0};   // fetch, store and publish failures logged

  std::string ToJson() const;
};

// Hands the worker the checker to use for the next batch (the engine's current lists).
using CheckerSource = std::function<std::shared_ptr<const payments::PaymentChecker>()>;

class Worker {
 public:
  Worker(WorkerOptions options, DecisionStore& store, CheckerSource checker);

  // Connects, ensures the streams and the consumer, runs the threads until `stop` is true,
  // finishes their batches and returns.
  core::Status Run(const std::atomic<bool>& stop);

  const WorkerStats& stats() const { return stats_; }

 private:
  void Loop(Channel& channel, const std::atomic<bool>& stop);
  void HandleBatch(Channel& channel, std::vector<Delivery>& deliveries);
  void Log(const std::string& line) const;

  WorkerOptions options_;
  DecisionStore& store_;
  CheckerSource checker_;
  WorkerStats stats_;
  std::atomic<std::uint64_t> stored_by_me_{0};
};

}  // namespace redflag::stream
