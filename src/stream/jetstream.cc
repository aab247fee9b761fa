// cnats calls behind the Connection/Channel/Delivery types. Every natsStatus becomes an Error
// naming the call and, where the server said why, its JetStream error code and text.
#include "stream/jetstream.h"

#include <nats/nats.h>

#include <fmt/format.h>

#include <utility>

namespace redflag::stream {
namespace {

constexpr std::int64_t kNsPerMs = 1000000;
constexpr std::int64_t kPublishWaitMs = 5000;  // a publish not confirmed by then counts as failed

core::Error NatsError(std::string_view what, natsStatus status, jsErrCode js_error = static_cast<jsErrCode>(0)) {
  std::string message = fmt::format("{}: {}", what, natsStatus_GetText(status));
  if (const char* last = nats_GetLastError(nullptr); last != nullptr && *last != '\0') {
    message += fmt::format(" ({})", last);
  }
  if (js_error != 0) message += fmt::format(" [JetStream error {}]", static_cast<int>(js_error));
  return core::MakeError(core::ErrorCode::kUnavailable, std::move(message));
}

std::vector<std::string> SplitUrls(std::string_view urls) {
  std::vector<std::string> out;
  while (!urls.empty()) {
    const std::size_t comma = std::min(urls.find(','), urls.size());
    std::string_view url = urls.substr(0, comma);
    while (!url.empty() && url.front() == ' ') url.remove_prefix(1);
    while (!url.empty() && url.back() == ' ') url.remove_suffix(1);
    if (!url.empty()) out.emplace_back(url);
    urls.remove_prefix(std::min(comma + 1, urls.size()));
  }
  return out;
}

std::string MsgId(natsMsg* msg) {
  const char* value = nullptr;
  if (msg != nullptr && natsMsgHeader_Get(msg, "Nats-Msg-Id", &value) == NATS_OK &&
      value != nullptr) {
    return value;
  }
  return {};
}

// Runs on the library's thread for every asynchronous publish; owns `msg`.
void OnPubAck(jsCtx* /*js*/, natsMsg* msg, jsPubAck* /*pa*/, jsPubAckErr* pae, void* closure) {
  auto* results = static_cast<PublishResults*>(closure);
  {
    std::lock_guard lock(results->mutex);
    ++results->answered;
    if (pae != nullptr) results->failed.insert(MsgId(msg));
  }
  natsMsg_Destroy(msg);
}

core::Status EnsureStream(jsCtx* js, const std::string& name, std::string_view subject,
                          const StreamLayout& layout) {
  jsStreamInfo* info = nullptr;
  jsErrCode js_error = static_cast<jsErrCode>(0);
  natsStatus status = js_GetStreamInfo(&info, js, name.c_str(), nullptr, &js_error);
  if (status == NATS_OK) {
    jsStreamInfo_Destroy(info);
    return core::Ok();
  }
  if (status != NATS_NOT_FOUND && js_error != JSStreamNotFoundErr) {
    return NatsError("looking up stream " + name, status, js_error);
  }
  const std::string subject_text(subject);
  const char* subjects[] = {subject_text.c_str()};
  jsStreamConfig config;
  jsStreamConfig_Init(&config);
  config.Name = name.c_str();
  config.Subjects = subjects;
  config.SubjectsLen = 1;
  config.Storage = js_FileStorage;
  config.Replicas = layout.replicas;
  config.Duplicates = static_cast<std::int64_t>(layout.duplicate_window.count()) * 1000 * kNsPerMs;
  status = js_AddStream(&info, js, &config, nullptr, &js_error);
  if (status != NATS_OK) return NatsError("creating stream " + name, status, js_error);
  jsStreamInfo_Destroy(info);
  return core::Ok();
}

core::Status EnsureConsumer(jsCtx* js, const StreamLayout& layout) {
  jsConsumerInfo* info = nullptr;
  jsErrCode js_error = static_cast<jsErrCode>(0);
  natsStatus status = js_GetConsumerInfo(&info, js, layout.stream.c_str(), layout.durable.c_str(),
                                         nullptr, &js_error);
  if (status == NATS_OK) {
    jsConsumerInfo_Destroy(info);
    return core::Ok();
  }
  if (status != NATS_NOT_FOUND && js_error != JSConsumerNotFoundErr) {
    return NatsError("looking up consumer " + layout.durable, status, js_error);
  }
  const std::string filter = SubjectOf(layout, Flow::kIn);
  jsConsumerConfig config;
  jsConsumerConfig_Init(&config);
  config.Durable = layout.durable.c_str();
  config.AckPolicy = js_AckExplicit;
  config.DeliverPolicy = js_DeliverAll;
  config.AckWait = layout.ack_wait.count() * kNsPerMs;
  config.FilterSubject = filter.c_str();
  config.MaxAckPending = 20000;
  status = js_AddConsumer(&info, js, layout.stream.c_str(), &config, nullptr, &js_error);
  if (status != NATS_OK) {
    return NatsError("creating consumer " + layout.durable, status, js_error);
  }
  jsConsumerInfo_Destroy(info);
  return core::Ok();
}

}  // namespace

std::string SubjectOf(const StreamLayout& layout, Flow flow) {
  switch (flow) {
    case Flow::kIn: return layout.subject_prefix + ".in";
    case Flow::kDecided: return layout.subject_prefix + ".decided";
    case Flow::kHeld: return layout.subject_prefix + ".held";
    case Flow::kDead: return layout.subject_prefix + ".dead";
  }
  return layout.subject_prefix;
}

std::string StreamOf(const StreamLayout& layout, Flow flow) {
  switch (flow) {
    case Flow::kIn: return layout.stream;
    case Flow::kDecided: return layout.stream + "_DECIDED";
    case Flow::kHeld: return layout.stream + "_HELD";
    case Flow::kDead: return layout.stream + "_DEAD";
  }
  return layout.stream;
}

Delivery::Delivery(natsMsg* msg) : msg_(msg) {
  jsMsgMetaData* meta = nullptr;
  if (natsMsg_GetMetaData(&meta, msg_) == NATS_OK && meta != nullptr) {
    stream_seq_ = meta->Sequence.Stream;
    delivered_ = meta->NumDelivered;
    stored_ns_ = meta->Timestamp;
    jsMsgMetaData_Destroy(meta);
  }
}

Delivery::~Delivery() { natsMsg_Destroy(msg_); }

Delivery::Delivery(Delivery&& other) noexcept
    : msg_(std::exchange(other.msg_, nullptr)),
      stream_seq_(other.stream_seq_),
      delivered_(other.delivered_),
      stored_ns_(other.stored_ns_) {}

std::string_view Delivery::body() const {
  const char* data = natsMsg_GetData(msg_);
  return data == nullptr ? std::string_view()
                         : std::string_view(data, static_cast<std::size_t>(
                                                      natsMsg_GetDataLength(msg_)));
}

std::string Delivery::Header(const char* key) const {
  const char* value = nullptr;
  if (natsMsgHeader_Get(msg_, key, &value) == NATS_OK && value != nullptr) return value;
  return {};
}

core::Status Delivery::Ack() {
  if (const natsStatus status = natsMsg_Ack(msg_, nullptr); status != NATS_OK) {
    return NatsError("acknowledging a message", status);
  }
  return core::Ok();
}

core::Status Delivery::Nak(std::chrono::milliseconds delay) {
  if (const natsStatus status = natsMsg_NakWithDelay(msg_, delay.count(), nullptr);
      status != NATS_OK) {
    return NatsError("negatively acknowledging a message", status);
  }
  return core::Ok();
}

core::Result<std::unique_ptr<Connection>> Connection::Connect(std::string_view urls,
                                                              std::string_view name) {
  const std::vector<std::string> servers = SplitUrls(urls);
  if (servers.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "no NATS server URL given",
                           core::Location{.field = "--nats"});
  }
  std::vector<const char*> server_ptrs;
  for (const std::string& server : servers) server_ptrs.push_back(server.c_str());
  natsOptions* options = nullptr;
  natsStatus status = natsOptions_Create(&options);
  const std::string name_text(name);
  if (status == NATS_OK) {
    status = natsOptions_SetServers(options, server_ptrs.data(),
                                    static_cast<int>(server_ptrs.size()));
  }
  if (status == NATS_OK) status = natsOptions_SetName(options, name_text.c_str());
  // A cluster node going away is an ordinary event: reconnect to another one, forever.
  if (status == NATS_OK) status = natsOptions_SetMaxReconnect(options, -1);
  if (status == NATS_OK) status = natsOptions_SetReconnectWait(options, 100);
  if (status == NATS_OK) status = natsOptions_SetTimeout(options, 2000);
  natsConnection* conn = nullptr;
  if (status == NATS_OK) status = natsConnection_Connect(&conn, options);
  natsOptions_Destroy(options);
  if (status != NATS_OK) {
    return core::Error(NatsError(fmt::format("connecting to NATS at {}", urls), status));
  }
  return std::unique_ptr<Connection>(new Connection(conn));
}

Connection::~Connection() { natsConnection_Destroy(conn_); }

core::Status Connection::EnsureLayout(const StreamLayout& layout) {
  jsCtx* js = nullptr;
  if (const natsStatus status = natsConnection_JetStream(&js, conn_, nullptr); status != NATS_OK) {
    return NatsError("opening JetStream", status);
  }
  core::Status done = core::Ok();
  for (const Flow flow : {Flow::kIn, Flow::kDecided, Flow::kHeld, Flow::kDead}) {
    if (done) done = EnsureStream(js, StreamOf(layout, flow), SubjectOf(layout, flow), layout);
  }
  if (done && !layout.durable.empty()) done = EnsureConsumer(js, layout);
  jsCtx_Destroy(js);
  return done;
}

core::Result<std::unique_ptr<Channel>> Channel::Open(const Connection& connection,
                                                     const StreamLayout& layout, bool subscribe) {
  std::unique_ptr<Channel> channel(new Channel());
  jsOptions options;
  jsOptions_Init(&options);
  options.PublishAsync.AckHandler = OnPubAck;
  options.PublishAsync.AckHandlerClosure = channel->results_.get();
  options.PublishAsync.MaxPending = 8192;
  natsStatus status = natsConnection_JetStream(&channel->js_, connection.get(), &options);
  if (status != NATS_OK) return core::Error(NatsError("opening JetStream", status));
  if (!subscribe) return channel;
  jsSubOptions sub_options;
  jsSubOptions_Init(&sub_options);
  sub_options.Stream = layout.stream.c_str();
  sub_options.Consumer = layout.durable.c_str();
  sub_options.ManualAck = true;
  jsErrCode js_error = static_cast<jsErrCode>(0);
  const std::string subject = SubjectOf(layout, Flow::kIn);
  status = js_PullSubscribe(&channel->sub_, channel->js_, subject.c_str(), layout.durable.c_str(),
                            nullptr, &sub_options, &js_error);
  if (status != NATS_OK) {
    return core::Error(
        NatsError("subscribing to consumer " + layout.durable, status, js_error));
  }
  return channel;
}

Channel::~Channel() {
  // Destroy without unsubscribing: the durable consumer outlives every worker.
  natsSubscription_Destroy(sub_);
  jsCtx_Destroy(js_);
}

core::Result<std::vector<Delivery>> Channel::Fetch(int batch, std::chrono::milliseconds wait) {
  // First take what is there now, up to `batch`, without waiting; when nothing is, wait for one
  // message. A waiting request for a whole batch would hold the first message until the batch
  // fills or the wait ends: at a few hundred messages a second, tens of milliseconds.
  natsMsgList list{};
  jsFetchRequest request;
  jsFetchRequest_Init(&request);
  request.Batch = batch;
  request.NoWait = true;
  request.Expires = wait.count() * kNsPerMs;
  natsStatus status = natsSubscription_FetchRequest(&list, sub_, &request);
  if (list.Count == 0) {
    natsMsgList_Destroy(&list);
    list = natsMsgList{};
    jsFetchRequest_Init(&request);
    request.Batch = 1;
    request.Expires = wait.count() * kNsPerMs;
    status = natsSubscription_FetchRequest(&list, sub_, &request);
  }
  const jsErrCode js_error = static_cast<jsErrCode>(0);
  std::vector<Delivery> out;
  out.reserve(static_cast<std::size_t>(list.Count));
  for (int idx = 0; idx < list.Count; ++idx) {
    out.emplace_back(list.Msgs[idx]);
    list.Msgs[idx] = nullptr;
  }
  natsMsgList_Destroy(&list);
  if (!out.empty() || status == NATS_OK || status == NATS_TIMEOUT || status == NATS_NOT_FOUND) {
    return out;
  }
  return core::Error(NatsError("fetching messages", status, js_error));
}

core::Status Channel::Publish(std::string_view subject, const std::string& message_id,
                              std::string_view body, const std::vector<OutgoingHeader>& headers) {
  const std::string subject_text(subject);
  natsMsg* msg = nullptr;
  natsStatus status = natsMsg_Create(&msg, subject_text.c_str(), nullptr, body.data(),
                                     static_cast<int>(body.size()));
  if (status == NATS_OK) status = natsMsgHeader_Set(msg, "Nats-Msg-Id", message_id.c_str());
  for (const OutgoingHeader& header : headers) {
    if (status == NATS_OK) status = natsMsgHeader_Set(msg, header.key.c_str(), header.value.c_str());
  }
  jsPubOptions options;
  jsPubOptions_Init(&options);
  options.MaxWait = kPublishWaitMs;
  if (status == NATS_OK) status = js_PublishMsgAsync(js_, &msg, &options);
  natsMsg_Destroy(msg);  // no-op when the library took it
  if (status != NATS_OK) return NatsError("publishing to " + subject_text, status);
  outstanding_.push_back(message_id);
  return core::Ok();
}

std::set<std::string> Channel::WaitPublished(std::chrono::milliseconds wait) {
  jsPubOptions options;
  jsPubOptions_Init(&options);
  options.MaxWait = wait.count();
  std::set<std::string> failed;
  if (js_PublishAsyncComplete(js_, &options) != NATS_OK) {
    // Not all confirmed in time: what is still pending counts as not stored. Publishing it again
    // later is harmless (Nats-Msg-Id).
    natsMsgList pending{};
    if (js_PublishAsyncGetPendingList(&pending, js_) == NATS_OK) {
      for (int idx = 0; idx < pending.Count; ++idx) failed.insert(MsgId(pending.Msgs[idx]));
      natsMsgList_Destroy(&pending);
    }
  }
  std::lock_guard lock(results_->mutex);
  failed.merge(results_->failed);
  results_->failed.clear();
  results_->answered = 0;
  outstanding_.clear();
  return failed;
}

}  // namespace redflag::stream
