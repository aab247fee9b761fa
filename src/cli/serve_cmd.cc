// `redflag serve [--listen 127.0.0.1:8080]`: the HTTP API (docs/api.md) until SIGINT/SIGTERM.
#include <signal.h>

#include <iostream>
#include <thread>

#include "api/server.h"
#include "api/service.h"
#include "cli/app.h"
#include "store/service_store.h"

namespace redflag::cli {
namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  std::size_t threads = 0;
  std::string rules_dir;
  std::size_t max_batch = 1000;
  std::size_t max_body = 1 << 20;
};

int Run(const GlobalOptions& global, const ServeArgs& args) {
  api::ServerOptions server_options;
  if (auto parsed = api::ParseListen(args.listen, server_options); !parsed) {
    return ReportError(parsed.error());
  }
  server_options.threads = args.threads;
  server_options.log = &std::cerr;
  // Not ready without lists, but up: lists imported later are picked up by the reload poll.
  auto engine = OpenEngine(global, {.decider = true, .rules_dir = args.rules_dir,
                                    .require_lists = false});
  if (!engine) return ReportError(engine.error());
  auto records = OpenRecords(global, (*engine)->store());
  if (!records) return ReportError(records.error());
  api::Service service(**engine, **records,
                       {.body = {.max_bytes = args.max_body}, .max_batch = args.max_batch});
  // SIGINT/SIGTERM are taken by one thread that stops the server; every other thread blocks them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  server_options.on_listening = [&global](int port) {
    if (!global.quiet) std::cerr << "redflag: serving on port " << port << "\n";
  };
  api::Server server(service, **engine, server_options);
  std::thread watcher([&signals, &server] {
    int received = 0;
    sigwait(&signals, &received);
    server.Stop();
  });
  const core::Status ran = server.Run();
  // Wake the watcher if the server stopped on its own.
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  if (!ran) return ReportError(ran.error());
  return 0;
}

}  // namespace

void RegisterServeCommand(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* serve = app.add_subcommand(
      "serve",
      "Serve the HTTP API (docs/api.md): screen, compare, decide, yente-style match, entities,\n"
      "lists, alerts with four-eyes review, audit trail; /healthz /readyz /metrics /openapi.json.\n"
      "  redflag serve --listen 127.0.0.1:8080\n"
      "Clients send `Authorization: Bearer <key>` (redflag keys create --role screener).");
  serve->add_option("--listen", args->listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  serve->add_option("--threads", args->threads, "Worker threads (default: cpp-httplib's)");
  serve->add_option("--rules", args->rules_dir, "Rule files directory (default: data/rules)");
  serve->add_option("--max-batch", args->max_batch, "Queries per request (default 1000)");
  serve->add_option("--max-body", args->max_body, "Request body limit in bytes (default 1 MiB)");
  serve->callback([&global, &exit_code, args]() { exit_code = Run(global, *args); });
}

}  // namespace redflag::cli
