// `redflag serve`: Service over HTTP/1.1 (cpp-httplib, keep-alive, a thread pool). Gives every
// response an X-Request-Id, writes one JSON line per request to the log (request id, method,
// route template, status, duration, key id, sizes: never the key, the body or a screened name),
// and polls the store to swap in new list versions imported meanwhile (CLI or another process).
//
// Run() blocks until Stop() (e.g. from a SIGTERM watcher) and returns an Error when it cannot
// listen. Thread-safety: Stop() may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "api/service.h"
#include "core/error.h"
#include "engine/engine.h"

namespace redflag::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0: any free port (see on_listening)
  std::size_t threads = 0;         // 0: cpp-httplib's default pool size
  std::chrono::seconds read_timeout{5};   // a client that stops sending is dropped
  std::chrono::milliseconds reload_poll{1000};  // how often the store is checked for new lists
  std::ostream* log = nullptr;     // request log (JSON lines); nullptr: none
  std::function<void(int port)> on_listening;  // called once bound, with the port
};

class Server {
 public:
  Server(Service& service, engine::Engine& engine, ServerOptions options);
  ~Server();
  core::Status Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Splits "host:port" (or ":port", or "port"); kInvalidArgument when the port is not 0-65535.
core::Status ParseListen(std::string_view listen, ServerOptions& options);

}  // namespace redflag::api
