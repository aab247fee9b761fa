// stream_probe: the NATS side of the stream tests and the stream benchmark (tests/e2e/
// test_worker.py, bench/stream_bench.py), over the same Debian libnats the worker uses.
//
//   stream_probe publish --nats URLS --input FILE.jsonl [--subject payments.in] [--rate N]
//     Publishes each line {"id": …, "body": …} with Nats-Msg-Id = id, at most N per second
//     (0 = as fast as acks come). A publish that is not confirmed (a node died, a timeout) is
//     published again with the same id until it is, as a real publisher must; JetStream drops
//     the ones it had stored. Prints {"published", "duplicates", "republished", "seconds"}.
//   stream_probe dump --nats URLS --stream NAME --subject SUBJECT
//     Reads every message of the stream; one JSON line each: {"seq", "ts" (ns, stored), "id"
//     (Nats-Msg-Id), the Redflag-* headers, and "message_id"/"outcome" when the body is JSON}.
#include <nats/nats.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

struct Args {
  std::string command, nats, input, stream, subject = "payments.in";
  double rate = 0;
};

struct Pending {
  std::mutex mutex;
  std::set<std::string> failed;
  std::size_t duplicates = 0;
};

std::string Header(natsMsg* msg, const char* key) {
  const char* value = nullptr;
  if (natsMsgHeader_Get(msg, key, &value) == NATS_OK && value != nullptr) return value;
  return {};
}

void OnAck(jsCtx*, natsMsg* msg, jsPubAck* pa, jsPubAckErr* pae, void* closure) {
  auto* pending = static_cast<Pending*>(closure);
  std::lock_guard lock(pending->mutex);
  if (pae != nullptr) pending->failed.insert(Header(msg, "Nats-Msg-Id"));
  if (pa != nullptr && pa->Duplicate) ++pending->duplicates;
  natsMsg_Destroy(msg);
}

natsConnection* Connect(const std::string& urls) {
  std::vector<std::string> servers;
  std::size_t start = 0;
  while (start <= urls.size()) {
    const std::size_t comma = std::min(urls.find(',', start), urls.size());
    if (comma > start) servers.push_back(urls.substr(start, comma - start));
    start = comma + 1;
  }
  std::vector<const char*> ptrs;
  for (const auto& server : servers) ptrs.push_back(server.c_str());
  natsOptions* options = nullptr;
  natsOptions_Create(&options);
  natsOptions_SetServers(options, ptrs.data(), static_cast<int>(ptrs.size()));
  natsOptions_SetMaxReconnect(options, -1);
  natsOptions_SetReconnectWait(options, 100);
  natsConnection* conn = nullptr;
  const natsStatus status = natsConnection_Connect(&conn, options);
  natsOptions_Destroy(options);
  if (status != NATS_OK) {
    std::cerr << "stream_probe: connect: " << natsStatus_GetText(status) << "\n";
    std::exit(1);
  }
  return conn;
}

bool PublishOne(jsCtx* js, const std::string& subject, const std::string& id,
                const std::string& body) {
  natsMsg* msg = nullptr;
  natsMsg_Create(&msg, subject.c_str(), nullptr, body.data(), static_cast<int>(body.size()));
  natsMsgHeader_Set(msg, "Nats-Msg-Id", id.c_str());
  jsPubOptions options;
  jsPubOptions_Init(&options);
  options.MaxWait = 5000;
  const natsStatus status = js_PublishMsgAsync(js, &msg, &options);
  natsMsg_Destroy(msg);
  return status == NATS_OK;
}

int Publish(const Args& args) {
  std::vector<std::pair<std::string, std::string>> messages;
  std::ifstream in(args.input);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto json = nlohmann::json::parse(line);
    messages.emplace_back(json.at("id").get<std::string>(), json.at("body").get<std::string>());
  }
  natsConnection* conn = Connect(args.nats);
  Pending pending;
  jsOptions options;
  jsOptions_Init(&options);
  options.PublishAsync.AckHandler = OnAck;
  options.PublishAsync.AckHandlerClosure = &pending;
  options.PublishAsync.MaxPending = 4096;
  jsCtx* js = nullptr;
  natsConnection_JetStream(&js, conn, &options);
  const auto start = std::chrono::steady_clock::now();
  std::map<std::string, const std::string*> by_id;
  std::set<std::string> unsent;
  for (std::size_t idx = 0; idx < messages.size(); ++idx) {
    const auto& [id, body] = messages[idx];
    by_id[id] = &body;
    if (args.rate > 0) {
      std::this_thread::sleep_until(start + std::chrono::duration<double>(idx / args.rate));
    }
    if (!PublishOne(js, args.subject, id, body)) unsent.insert(id);
  }
  std::size_t republished = 0;
  for (int round = 0; round < 120; ++round) {
    jsPubOptions wait;
    jsPubOptions_Init(&wait);
    wait.MaxWait = 10000;
    const natsStatus completed = js_PublishAsyncComplete(js, &wait);
    if (std::getenv("STREAM_PROBE_DEBUG") != nullptr) {
      std::cerr << "round " << round << " complete=" << natsStatus_GetText(completed)
                << " unsent=" << unsent.size() << " failed=" << pending.failed.size() << "\n";
    }
    if (completed != NATS_OK) {
      natsMsgList list{};
      if (js_PublishAsyncGetPendingList(&list, js) == NATS_OK) {
        for (int idx = 0; idx < list.Count; ++idx) unsent.insert(Header(list.Msgs[idx], "Nats-Msg-Id"));
        natsMsgList_Destroy(&list);
      }
    }
    {
      std::lock_guard lock(pending.mutex);
      unsent.merge(pending.failed);
      pending.failed.clear();
    }
    if (unsent.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::set<std::string> again;
    again.swap(unsent);
    for (const std::string& id : again) {
      ++republished;
      if (!PublishOne(js, args.subject, id, *by_id.at(id))) unsent.insert(id);
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << nlohmann::json{{"published", messages.size()}, {"duplicates", pending.duplicates},
                              {"republished", republished}, {"unconfirmed", unsent.size()},
                              {"seconds", seconds}}.dump()
            << std::endl;
  jsCtx_Destroy(js);
  natsConnection_Destroy(conn);
  return unsent.empty() ? 0 : 1;
}

int Dump(const Args& args) {
  natsConnection* conn = Connect(args.nats);
  jsCtx* js = nullptr;
  natsConnection_JetStream(&js, conn, nullptr);
  jsStreamInfo* info = nullptr;
  jsErrCode js_error = static_cast<jsErrCode>(0);
  if (js_GetStreamInfo(&info, js, args.stream.c_str(), nullptr, &js_error) != NATS_OK) {
    std::cerr << "stream_probe: no stream " << args.stream << "\n";
    return 1;
  }
  const std::uint64_t total = info->State.Msgs;
  jsStreamInfo_Destroy(info);
  jsSubOptions sub_options;
  jsSubOptions_Init(&sub_options);
  sub_options.Stream = args.stream.c_str();
  sub_options.Ordered = true;
  natsSubscription* sub = nullptr;
  if (total > 0 && js_SubscribeSync(&sub, js, args.subject.c_str(), nullptr, &sub_options,
                                    &js_error) != NATS_OK) {
    std::cerr << "stream_probe: cannot subscribe to " << args.stream << "\n";
    return 1;
  }
  std::uint64_t seen = 0;
  while (seen < total) {
    natsMsg* msg = nullptr;
    if (natsSubscription_NextMsg(&msg, sub, 10000) != NATS_OK) break;
    jsMsgMetaData* meta = nullptr;
    nlohmann::json line = {{"id", Header(msg, "Nats-Msg-Id")}};
    if (natsMsg_GetMetaData(&meta, msg) == NATS_OK) {
      line["seq"] = meta->Sequence.Stream;
      line["ts"] = meta->Timestamp;
      jsMsgMetaData_Destroy(meta);
    }
    for (const char* key : {"Redflag-Outcome", "Redflag-Worker", "Redflag-Decided-At",
                            "Redflag-Stream-Seq", "Redflag-Error"}) {
      if (std::string value = Header(msg, key); !value.empty()) line[key] = value;
    }
    const char* data = natsMsg_GetData(msg);
    const auto body = nlohmann::json::parse(
        data == nullptr ? "" : std::string(data, natsMsg_GetDataLength(msg)), nullptr, false);
    if (body.is_object()) {
      line["message_id"] = body.value("message_id", "");
      line["outcome"] = body.value("outcome", "");
    }
    std::cout << line.dump() << "\n";
    natsMsg_Destroy(msg);
    ++seen;
  }
  natsSubscription_Destroy(sub);
  jsCtx_Destroy(js);
  natsConnection_Destroy(conn);
  if (seen < total) {
    std::cerr << "stream_probe: read " << seen << " of " << total << " messages\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (argc < 2) {
    std::cerr << "usage: stream_probe publish|dump --nats URLS [--input F] [--stream S] "
                 "[--subject S] [--rate N]\n";
    return 2;
  }
  args.command = argv[1];
  for (int idx = 2; idx + 1 < argc; idx += 2) {
    const std::string key = argv[idx];
    const std::string value = argv[idx + 1];
    if (key == "--nats") args.nats = value;
    else if (key == "--input") args.input = value;
    else if (key == "--stream") args.stream = value;
    else if (key == "--subject") args.subject = value;
    else if (key == "--rate") args.rate = std::stod(value);
    else {
      std::cerr << "stream_probe: unknown option " << key << "\n";
      return 2;
    }
  }
  if (args.command == "publish") return Publish(args);
  if (args.command == "dump") return Dump(args);
  std::cerr << "stream_probe: unknown command " << args.command << "\n";
  return 2;
}
