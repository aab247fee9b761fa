// A thin C++ layer over Debian's libnats (cnats 3.4) for what the payment worker needs from
// NATS JetStream: a connection to a cluster, the streams and the durable pull consumer, fetching,
// acknowledging and publishing with Nats-Msg-Id and per-message results.
//
// Streams (docs/architecture.md "Payment streams"): the inbound stream `<name>` on payments.in,
// and one stream per output subject, `<name>_DECIDED` (payments.decided), `<name>_HELD`
// (payments.held) and `<name>_DEAD` (payments.dead). Outputs are separate streams because
// JetStream deduplicates by Nats-Msg-Id per stream: a decision, a held copy and the inbound
// message all carry the payment's message id.
//
// Thread-safety: a Connection may be shared by threads; a Channel (one JetStream context, one
// pull subscription, one set of outstanding publishes) belongs to one thread.
// Failure: every call returns an Error (kUnavailable for network and server trouble, kConflict
// for a stream or consumer that exists with another shape); nothing throws.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

struct __natsConnection;
struct __natsMsg;
struct __natsSubscription;
struct __jsCtx;

namespace redflag::stream {

// The four subjects, "<prefix>.in", ".decided", ".held", ".dead" (prefix "payments").
enum class Flow : std::uint8_t { kIn, kDecided, kHeld, kDead };

struct StreamLayout {
  std::string stream = "PAYMENTS";  // the inbound stream; outputs add _DECIDED, _HELD, _DEAD
  std::string subject_prefix = "payments";  // streams of one cluster may not share subjects
  int replicas = 1;                 // for streams this call creates (3 in a 3-node cluster)
  // JetStream drops a publish whose Nats-Msg-Id it stored within this window. It must be longer
  // than the longest time a message can wait for redelivery (AckWait times the redeliveries).
  std::chrono::seconds duplicate_window{600};
  std::string durable = "redflag-workers";  // the one consumer group of every worker
  std::chrono::milliseconds ack_wait{30000};
};

std::string SubjectOf(const StreamLayout& layout, Flow flow);  // "payments.decided"
std::string StreamOf(const StreamLayout& layout, Flow flow);   // "PAYMENTS_DECIDED"

// A message fetched from the inbound stream. Owns the natsMsg until acked, naked or destroyed.
class Delivery {
 public:
  explicit Delivery(__natsMsg* msg);
  ~Delivery();
  Delivery(Delivery&& other) noexcept;
  Delivery& operator=(Delivery&&) = delete;
  Delivery(const Delivery&) = delete;

  std::string_view body() const;
  std::string Header(const char* key) const;  // "" when absent
  std::uint64_t stream_seq() const { return stream_seq_; }
  std::uint64_t delivered() const { return delivered_; }  // 1 on the first delivery
  std::int64_t stored_ns() const { return stored_ns_; }   // when the stream stored it

  core::Status Ack();
  core::Status Nak(std::chrono::milliseconds delay);

 private:
  __natsMsg* msg_;
  std::uint64_t stream_seq_ = 0;
  std::uint64_t delivered_ = 0;
  std::int64_t stored_ns_ = 0;
};

class Connection {
 public:
  // `urls`: one or more nats:// URLs, comma separated; the client reconnects to any of them
  // (and to the servers the cluster announces) forever.
  static core::Result<std::unique_ptr<Connection>> Connect(std::string_view urls,
                                                           std::string_view name);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Creates the four streams and the durable consumer when missing (idempotent; several workers
  // may call it at once). Existing streams and consumers are used as they are.
  core::Status EnsureLayout(const StreamLayout& layout);

  __natsConnection* get() const { return conn_; }

 private:
  explicit Connection(__natsConnection* conn) : conn_(conn) {}
  __natsConnection* conn_;
};

// The results of one Channel's asynchronous publishes, filled on a library thread.
struct PublishResults {
  std::mutex mutex;
  std::set<std::string> failed;  // Nats-Msg-Id of publishes that were not stored
  std::size_t answered = 0;      // publishes with a result (stored, duplicate or failed)
};

struct OutgoingHeader {
  std::string key;
  std::string value;
};

// One thread's JetStream context: a pull subscription bound to the durable consumer (when
// `layout` names one) and asynchronous publishes whose results are collected per message id.
class Channel {
 public:
  static core::Result<std::unique_ptr<Channel>> Open(const Connection& connection,
                                                     const StreamLayout& layout, bool subscribe);
  ~Channel();
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  // Up to `batch` messages, waiting at most `wait`; an empty vector when none came.
  core::Result<std::vector<Delivery>> Fetch(int batch, std::chrono::milliseconds wait);

  // Publishes asynchronously with Nats-Msg-Id = `message_id`. Results: WaitPublished().
  core::Status Publish(std::string_view subject, const std::string& message_id,
                       std::string_view body, const std::vector<OutgoingHeader>& headers = {});
  // Waits for every outstanding publish; returns the message ids whose publish was not stored
  // (error, timeout). A duplicate (already stored within the window) counts as stored.
  std::set<std::string> WaitPublished(std::chrono::milliseconds wait);

 private:
  Channel() = default;

  __jsCtx* js_ = nullptr;
  __natsSubscription* sub_ = nullptr;
  std::unique_ptr<PublishResults> results_ = std::make_unique<PublishResults>();
  std::vector<std::string> outstanding_;  // ids published since the last WaitPublished
};


}  // namespace redflag::stream
