#include "stream/worker.h"

#include <fmt/format.h>

#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "stream/processor.h"

namespace redflag::stream {
namespace {

constexpr std::chrono::milliseconds kRetryDelay{1000};  // before a nak'ed message comes again
constexpr std::chrono::milliseconds kPauseAfterError{200};
constexpr int kLayoutAttempts = 75;  // x 400 ms: 30 s

std::mutex log_mutex;  // one line at a time from every thread

std::vector<OutgoingHeader> DecisionHeaders(const StoredDecision& record) {
  return {{"Redflag-Outcome", record.outcome},
          {"Redflag-Worker", record.worker},
          {"Redflag-Decided-At", std::to_string(record.decided_at_ms)},
          {"Redflag-Stream-Seq", std::to_string(record.stream_seq)}};
}

}  // namespace

std::string WorkerStats::ToJson() const {
  return core::JsonText(nlohmann::json{{"fetched", fetched.load()},
                                       {"decided", decided.load()},
                                       {"already_stored", already_stored.load()},
                                       {"lost_race", lost_race.load()},
                                       {"dead", dead.load()},
                                       {"held", held.load()},
                                       {"acked", acked.load()},
                                       {"retried", retried.load()},
                                       {"errors", errors.load()}});
}

Worker::Worker(WorkerOptions options, DecisionStore& store, CheckerSource checker)
    : options_(std::move(options)), store_(store), checker_(std::move(checker)) {}

void Worker::Log(const std::string& line) const {
  if (options_.log == nullptr) return;
  std::lock_guard lock(log_mutex);
  *options_.log << "redflag worker " << options_.name << ": " << line << "\n" << std::flush;
}

core::Status Worker::Run(const std::atomic<bool>& stop) {
  auto connection = Connection::Connect(options_.nats_urls, "redflag worker " + options_.name);
  if (!connection) return connection.error();
  // A cluster that is starting has no JetStream leader yet: wait for one, a while.
  core::Status layout = (*connection)->EnsureLayout(options_.layout);
  for (int attempt = 0; !layout && attempt < kLayoutAttempts && !stop.load(); ++attempt) {
    std::this_thread::sleep_for(kPauseAfterError * 2);
    layout = (*connection)->EnsureLayout(options_.layout);
  }
  if (!layout) return layout.error();
  std::vector<std::unique_ptr<Channel>> channels;
  for (int idx = 0; idx < std::max(1, options_.threads); ++idx) {
    auto channel = Channel::Open(**connection, options_.layout, /*subscribe=*/true);
    if (!channel) return channel.error();
    channels.push_back(std::move(*channel));
  }
  Log(fmt::format("pulling {} from stream {} (consumer {}), {} threads",
                  SubjectOf(options_.layout, Flow::kIn),
                  options_.layout.stream, options_.layout.durable, channels.size()));
  std::vector<std::thread> threads;
  for (auto& channel : channels) {
    threads.emplace_back([this, &channel, &stop] { Loop(*channel, stop); });
  }
  auto last_stats = std::chrono::steady_clock::now();
  while (!stop.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto now = std::chrono::steady_clock::now();
    if (options_.stats_every.count() > 0 && now - last_stats >= options_.stats_every) {
      Log("stats " + stats_.ToJson());
      last_stats = now;
    }
  }
  for (std::thread& thread : threads) thread.join();
  channels.clear();
  return core::Ok();
}

void Worker::Loop(Channel& channel, const std::atomic<bool>& stop) {
  while (!stop.load()) {
    auto deliveries = channel.Fetch(options_.batch, options_.fetch_wait);
    if (!deliveries) {
      // A node going away or a leader election: the client reconnects; fetch again shortly.
      ++stats_.errors;
      Log(deliveries.error().ToString());
      std::this_thread::sleep_for(kPauseAfterError);
      continue;
    }
    if (deliveries->empty()) continue;
    stats_.fetched += deliveries->size();
    HandleBatch(channel, *deliveries);
  }
}

void Worker::HandleBatch(Channel& channel, std::vector<Delivery>& deliveries) {
  auto nak_all = [&](const std::string& why) {
    ++stats_.errors;
    Log(why + fmt::format("; {} messages left for redelivery", deliveries.size()));
    for (Delivery& delivery : deliveries) (void)delivery.Nak(kRetryDelay);
    stats_.retried += deliveries.size();
  };
  const std::shared_ptr<const payments::PaymentChecker> checker = checker_();
  if (checker == nullptr) return nak_all("no list data loaded");
  std::vector<Inbound> inbound;
  inbound.reserve(deliveries.size());
  for (const Delivery& delivery : deliveries) {
    inbound.push_back(Inbound{delivery.Header("Nats-Msg-Id"), delivery.body(),
                              delivery.stream_seq()});
  }
  auto processed = ProcessBatch(*checker, store_, inbound, options_.name);
  if (!processed) return nak_all("storing decisions failed: " + processed.error().ToString());

  std::uint64_t stored_now = 0;
  for (const Processed& item : *processed) {
    if (item.fate == Fate::kAlreadyStored) ++stats_.already_stored;
    if (item.fate == Fate::kLostRace) ++stats_.lost_race;
    if (item.fate != Fate::kDecidedNow) continue;
    ++stored_now;
    ++(item.record.kind == RecordKind::kDead ? stats_.dead : stats_.decided);
  }
  const std::uint64_t stored_total = stored_by_me_ += stored_now;
  if (options_.crash_after_stored != 0 && stored_total >= options_.crash_after_stored) {
    Log(fmt::format("crash_after_stored: exiting after {} stored, before publishing", stored_total));
    std::_Exit(137);
  }

  std::set<std::string> unpublished;
  for (std::size_t idx = 0; idx < processed->size(); ++idx) {
    const StoredDecision& record = (*processed)[idx].record;
    std::vector<OutgoingHeader> headers = DecisionHeaders(record);
    core::Status sent = core::Ok();
    if (record.kind == RecordKind::kDead) {
      headers.push_back({"Redflag-Error", record.document});
      sent = channel.Publish(SubjectOf(options_.layout, Flow::kDead), record.message_id, inbound[idx].body, headers);
    } else {
      sent = channel.Publish(SubjectOf(options_.layout, Flow::kDecided), record.message_id, record.document, headers);
      if (sent && IsHeld(record.outcome)) {
        sent = channel.Publish(SubjectOf(options_.layout, Flow::kHeld), record.message_id, inbound[idx].body, headers);
        if (sent) ++stats_.held;
      }
    }
    if (!sent) unpublished.insert(record.message_id);
  }
  std::set<std::string> failed = channel.WaitPublished(options_.publish_wait);
  failed.merge(unpublished);
  if (!failed.empty()) {
    ++stats_.errors;
    Log(fmt::format("{} publishes not confirmed; their messages are left for redelivery",
                    failed.size()));
  }
  for (std::size_t idx = 0; idx < deliveries.size(); ++idx) {
    if (failed.count((*processed)[idx].record.message_id) != 0) {
      (void)deliveries[idx].Nak(kRetryDelay);
      ++stats_.retried;
    } else if (deliveries[idx].Ack()) {
      ++stats_.acked;
    } else {
      ++stats_.errors;  // the ack is lost: redelivered after AckWait, answered from the store
    }
  }
}

}  // namespace redflag::stream
