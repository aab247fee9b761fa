// Fuzzes request parsing and routing: arbitrary bytes become a method, a path, query parameters,
// an Authorization header and a body, handled by api::Service over a small store (no sockets).
// Checks: no crash, a status from 200 to 599, a JSON body for every JSON response, an error body
// for every 4xx/5xx, and a route name for the metrics. Writes go to a temporary data dir.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "api/service.h"
#include "store/store_test_util.h"

namespace {

using namespace redflag;

struct World {
  std::unique_ptr<store::testing::TempDir> dir;
  std::unique_ptr<engine::Engine> engine;
  std::unique_ptr<store::ServiceStore> records;
  std::unique_ptr<api::Service> service;
  std::string keys[4];
};

World& TheWorld() {
  static World world = [] {
    World made;
    made.dir = std::make_unique<store::testing::TempDir>("http-fuzz");
    {
      auto store = store::Store::Open(made.dir->path());
      if (!store) std::abort();
      auto imported = (*store)->Import(store::testing::MakeList(
          "un",
          {store::testing::SmallEntity("un", "1", "Green Pine Associated Corporation"),
           store::testing::SmallEntity("un", "2", "Korea Mining Development Trading Corp")},
          "fuzz"));
      if (!imported) std::abort();
    }
    auto engine = engine::Engine::Open(made.dir->path(), {.decider = true});
    if (!engine) std::abort();
    made.engine = std::move(*engine);
    auto records = store::ServiceStore::Open(made.engine->store());
    if (!records) std::abort();
    made.records = std::move(*records);
    made.service = std::make_unique<api::Service>(
        *made.engine, *made.records, api::ServiceOptions{.body = {.max_bytes = 4096}, .max_batch = 8});
    for (int role = 1; role <= 4; ++role) {
      auto key = made.records->CreateKey(static_cast<store::Role>(role), "fuzz", "fuzz");
      if (!key) std::abort();
      made.keys[role - 1] = key->secret;
    }
    return made;
  }();
  return world;
}

constexpr const char* kMethods[] = {"GET", "POST", "PUT", "DELETE"};
constexpr const char* kPaths[] = {
    "/v1/screen",   "/v1/compare", "/v1/decide",  "/v1/match/default", "/v1/entities/un:1",
    "/v1/lists",    "/v1/alerts",  "/v1/alerts/1", "/v1/alerts/1/disposition",
    "/v1/alerts/1/approve", "/v1/lists/un/diff", "/metrics", "/v1/whoami",
    "/v1/entities/un:1/history", "/v1/alerts/1/send-back", "/v1/audit", "/v1/audit/verify",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  World& world = TheWorld();
  if (size < 2) return 0;
  const std::uint8_t selector = data[0];
  const std::uint8_t path_pick = data[1];
  std::string_view rest(reinterpret_cast<const char*>(data + 2), size - 2);
  api::Request request;
  request.method = kMethods[selector & 3];
  // Half the inputs use a known route; the others carry their own path up to the first newline.
  const std::size_t newline = rest.find('\n');
  if ((path_pick & 0x80) != 0 && newline != std::string_view::npos) {
    request.path = std::string(rest.substr(0, newline));
    rest.remove_prefix(newline + 1);
  } else {
    request.path = kPaths[path_pick % std::size(kPaths)];
  }
  const int auth = (selector >> 2) & 7;
  if (auth < 4) request.authorization = "Bearer " + world.keys[auth];
  if (auth == 4) request.authorization = "Bearer rf_garbage";
  if ((selector & 0x20) != 0) request.query = {{"limit", "3"}, {"customer_ref", "fuzz"}};
  if ((selector & 0x40) != 0) {
    // The audit filters, their times taken from the input (the body keeps the same bytes).
    const std::string time(rest.substr(0, std::min<std::size_t>(rest.size(), 24)));
    request.query.insert(request.query.end(), {{"kind", "screening"}, {"since", time},
                                               {"until", time}, {"before", "2"}});
  }
  request.body = std::string(rest);

  const api::Response response = world.service->Handle(request);
  if (response.status < 200 || response.status > 599 || response.route.empty()) std::abort();
  if (response.content_type == "application/json") {
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (body.is_discarded()) std::abort();
    if (response.status >= 400 && !body.contains("error")) std::abort();
  }
  return 0;
}
