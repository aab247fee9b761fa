#include "api/server.h"

#include <httplib.h>

#include <charconv>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/static_assets.h"
#include "core/date.h"
#include "core/json_text.h"

namespace redflag::api {

struct Server::Impl {
  Service& service;
  engine::Engine& engine;
  ServerOptions options;
  httplib::Server http;
  std::atomic<std::uint64_t> next_request{1};
  std::string id_prefix;
  std::mutex log_mutex;
  std::mutex stop_mutex;
  std::condition_variable stop_signal;
  bool stopping = false;

  void Handle(const httplib::Request& in, httplib::Response& out);
  void Log(const std::string& request_id, const httplib::Request& in, const Response& response,
           double seconds);
  void ReloadLoop();
};

namespace {

Request ToRequest(const httplib::Request& in) {
  Request request;
  request.method = in.method;
  request.path = in.path;
  for (const auto& [key, value] : in.params) request.query.emplace_back(key, value);
  request.authorization = in.get_header_value("Authorization");
  request.body = in.body;
  return request;
}

}  // namespace

void Server::Impl::Handle(const httplib::Request& in, httplib::Response& out) {
  if (ServeStaticAsset(in, out)) return;  // the web page (static_assets.h, docs/web.md)
  const auto start = std::chrono::steady_clock::now();
  const std::string request_id = fmt::format("{}-{}", id_prefix, next_request.fetch_add(1));
  const Response response = service.Handle(ToRequest(in));
  out.status = response.status;
  out.set_header("X-Request-Id", request_id);
  out.set_content(response.body, response.content_type);
  Log(request_id, in, response,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

void Server::Impl::Log(const std::string& request_id, const httplib::Request& in,
                       const Response& response, double seconds) {
  if (options.log == nullptr) return;
  const nlohmann::json line = {{"ts", core::NowUtcMillis()},
                               {"request_id", request_id},
                               {"method", in.method},
                               {"route", response.route},
                               {"status", response.status},
                               {"duration_ms", std::round(seconds * 1e6) / 1e3},
                               {"key_id", response.key_id},
                               {"bytes_in", in.body.size()},
                               {"bytes_out", response.body.size()}};
  std::lock_guard lock(log_mutex);
  *options.log << core::JsonText(line) << "\n" << std::flush;
}

void Server::Impl::ReloadLoop() {
  std::unique_lock lock(stop_mutex);
  while (!stop_signal.wait_for(lock, options.reload_poll, [this] { return stopping; })) {
    lock.unlock();
    // A failed reload keeps the current generation; the next poll tries again.
    auto reloaded = engine.Reload(engine::ReloadMode::kIfChanged);
    if (options.log != nullptr) {
      const auto generation = engine.Current();
      nlohmann::json line;
      if (!reloaded) {
        line = {{"ts", core::NowUtcMillis()}, {"event", "reload_failed"},
                {"error", reloaded.error().ToString()}};
      } else if (*reloaded && generation != nullptr) {
        line = {{"ts", core::NowUtcMillis()}, {"event", "lists_swapped"},
                {"generation", generation->number}};
      }
      if (!line.is_null()) {
        std::lock_guard log_lock(log_mutex);
        *options.log << core::JsonText(line) << "\n" << std::flush;
      }
    }
    lock.lock();
  }
}

Server::Server(Service& service, engine::Engine& engine, ServerOptions options)
    : impl_(new Impl{service, engine, std::move(options)}) {
  std::random_device device;
  impl_->id_prefix = fmt::format("{:08x}", device());
}

Server::~Server() { Stop(); }

core::Status Server::Run() {
  Impl& impl = *impl_;
  httplib::Server& http = impl.http;
  if (impl.options.threads > 0) {
    const std::size_t threads = impl.options.threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  }
  // One byte over the service's limit reaches the service, which names the limit in its error.
  // cpp-httplib's default also sets SO_REUSEPORT, with which a second server on a busy port
  // starts silently and takes half the connections; refuse a busy port instead. TCP_NODELAY:
  // headers and body go out in separate writes, and Nagle's algorithm against the client's
  // delayed ACK held every keep-alive response ~40 ms (measured: 300 requests/s on /healthz).
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  http.set_tcp_nodelay(true);
  http.set_payload_max_length(impl.service.options().body.max_bytes + 1);
  http.set_read_timeout(impl.options.read_timeout);
  http.set_write_timeout(impl.options.read_timeout);
  auto handler = [&impl](const httplib::Request& in, httplib::Response& out) {
    impl.Handle(in, out);
  };
  for (const char* pattern : {".*"}) {
    http.Get(pattern, handler);
    http.Post(pattern, handler);
    http.Put(pattern, handler);
    http.Delete(pattern, handler);
    http.Patch(pattern, handler);
  }
  http.set_error_handler([](const httplib::Request&, httplib::Response& out) {
    // cpp-httplib's own refusals (413 body too large, 400 bad request line) get the JSON shape.
    if (!out.body.empty()) return;
    const Response error =
        ErrorResponse(out.status, out.status == 413 ? "payload_too_large" : "bad_request",
                      out.status == 413 ? "the request body is larger than the limit"
                                        : "the request could not be read");
    out.set_content(error.body, error.content_type);
  });
  const int port = impl.options.port == 0 ? http.bind_to_any_port(impl.options.host)
                                          : (http.bind_to_port(impl.options.host,
                                                               impl.options.port)
                                                 ? impl.options.port
                                                 : -1);
  if (port < 0) {
    return core::MakeError(core::ErrorCode::kUnavailable,
                           fmt::format("cannot listen on {}:{}", impl.options.host,
                                       impl.options.port));
  }
  if (impl.options.on_listening) impl.options.on_listening(port);
  std::thread reloader([&impl] { impl.ReloadLoop(); });
  const bool served = http.listen_after_bind();
  {
    std::lock_guard lock(impl.stop_mutex);
    impl.stopping = true;
  }
  impl.stop_signal.notify_all();
  reloader.join();
  if (!served) {
    return core::MakeError(core::ErrorCode::kUnavailable, "the HTTP listener stopped on an error");
  }
  return core::Ok();
}

void Server::Stop() { impl_->http.stop(); }

core::Status ParseListen(std::string_view listen, ServerOptions& options) {
  const std::size_t colon = listen.rfind(':');
  std::string_view port_text = colon == std::string_view::npos ? listen : listen.substr(colon + 1);
  if (colon != std::string_view::npos && colon > 0) options.host = listen.substr(0, colon);
  int port = -1;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (error != std::errc() || end != port_text.data() + port_text.size() || port < 0 ||
      port > 65535) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "--listen \"" + std::string(listen) + "\" is not HOST:PORT",
                           core::Location{.field = "--listen"});
  }
  options.port = port;
  return core::Ok();
}

}  // namespace redflag::api
