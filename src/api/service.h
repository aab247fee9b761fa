// The HTTP API as a pure function: Service::Handle(Request) -> Response (docs/api.md). It routes,
// authenticates the bearer key and checks its role, parses and validates the body, calls the
// engine (screen, compare, decide, yente-style match), reads the store (entities, list versions,
// diffs), works alerts (four-eyes) and appends the audit trail. Sockets, request ids and the
// request log are server.h's.
//
// Thread-safety: Handle() may run on many threads at once; each call takes the engine's current
// Generation once, so a list swap never changes data under a running request.
// Failure: Handle() never throws and never crashes on input: every problem is a JSON error
// response ({"error": {"code", "message", "field"?}}) with the status of HttpStatusFor().
#pragma once

#include <cstddef>
#include <string>

#include "api/http.h"
#include "api/json_body.h"
#include "api/metrics.h"
#include "engine/engine.h"
#include "match/screener.h"
#include "store/service_store.h"

namespace redflag::api {

struct ServiceOptions {
  BodyLimits body;                                 // 1 MiB, nesting 16
  std::size_t max_batch = 1000;                    // queries per /v1/screen and /v1/match call
  double alert_threshold = match::kDefaultThreshold;  // hits at or above open alerts
  std::size_t max_page = 500;                      // alerts per page
};

class Service {
 public:
  // `engine` and `records` must outlive the Service.
  Service(engine::Engine& engine, store::ServiceStore& records, ServiceOptions options = {});

  Response Handle(const Request& request) const;

  Metrics& metrics() const { return metrics_; }
  const ServiceOptions& options() const { return options_; }

 private:
  Response Route(const Request& request) const;

  engine::Engine& engine_;
  store::ServiceStore& records_;
  ServiceOptions options_;
  mutable Metrics metrics_;
};

// The OpenAPI 3.1 document served at /openapi.json (docs/openapi.json, compiled in).
std::string_view OpenApiDocument();

}  // namespace redflag::api
