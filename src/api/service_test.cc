#include "api/service.h"

#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "store/store_test_util.h"

namespace redflag::api {
namespace {

using store::testing::MakeList;
using store::testing::SmallEntity;
using store::testing::TempDir;

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(/*with_lists=*/true); }

  void Open(bool with_lists, ServiceOptions options = {}) {
    service_.reset();
    records_.reset();
    engine_.reset();
    if (with_lists) Import("v1", "Korea Mining Development Trading Corporation");
    auto engine = engine::Engine::Open(dir_.path(), {.decider = true, .require_lists = false});
    ASSERT_TRUE(engine) << engine.error().ToString();
    engine_ = std::move(*engine);
    auto records = store::ServiceStore::Open(engine_->store());
    ASSERT_TRUE(records) << records.error().ToString();
    records_ = std::move(*records);
    service_ = std::make_unique<Service>(*engine_, *records_, options);
    for (store::Role role : {store::Role::kScreener, store::Role::kAnalyst, store::Role::kApprover,
                             store::Role::kAdmin}) {
      auto key = records_->CreateKey(role, std::string(store::RoleName(role)) + "-user", "test");
      ASSERT_TRUE(key);
      keys_[static_cast<int>(role)] = key->secret;
    }
  }
  void Import(const std::string& tag, const std::string& first_name) {
    auto store = store::Store::Open(dir_.path());
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->Import(MakeList(
        "un", {SmallEntity("un", "1", first_name), SmallEntity("un", "2", "Green Pine Associated Corporation")},
        tag)));
  }
  std::string Key(store::Role role) { return keys_[static_cast<int>(role)]; }

  Response Call(const std::string& method, const std::string& path, const std::string& body = "",
                store::Role role = store::Role::kScreener,
                std::vector<std::pair<std::string, std::string>> query = {}) {
    Request request{method, path, std::move(query), "Bearer " + Key(role), body};
    return service_->Handle(request);
  }
  static nlohmann::json Json(const Response& response) {
    return nlohmann::json::parse(response.body, nullptr, false);
  }
  static std::string ErrorField(const Response& response) {
    return Json(response)["error"].value("field", "");
  }

  TempDir dir_{"api-service"};
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<store::ServiceStore> records_;
  std::unique_ptr<Service> service_;
  std::string keys_[5];
};

TEST(HttpStatus, OneMappingFromErrorCodes) {
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kParse), 400);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kValidation), 422);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kPermission), 403);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kDatabase), 500);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kInternal), 500);
}

TEST_F(ServiceTest, NoKeyIs401AndAKeyWithoutTheRoleIs403) {
  const Response none = service_->Handle({"POST", "/v1/screen", {}, "", R"({"name":"x"})"});
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(Json(none)["error"]["code"], "unauthenticated");
  const Response wrong = service_->Handle(
      {"POST", "/v1/screen", {}, "Bearer rf_000000000000_" + std::string(48, '0'), "{}"});
  EXPECT_EQ(wrong.status, 401);
  const Response basic = service_->Handle({"GET", "/v1/lists", {}, "Basic abc", ""});
  EXPECT_EQ(basic.status, 401);
  const Response forbidden = Call("GET", "/v1/alerts");
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(Json(forbidden)["error"]["code"], "forbidden");
  EXPECT_FALSE(forbidden.key_id.empty());
  EXPECT_EQ(Call("GET", "/v1/alerts", "", store::Role::kAnalyst).status, 200);
  EXPECT_EQ(service_->Handle({"GET", "/healthz", {}, "", ""}).status, 200);
}

TEST_F(ServiceTest, RevokedKeyIs401) {
  auto key = records_->CreateKey(store::Role::kAdmin, "temp", "test");
  ASSERT_TRUE(key);
  ASSERT_TRUE(records_->RevokeKey(key->key.key_id, "test"));
  EXPECT_EQ(service_->Handle({"GET", "/v1/lists", {}, "Bearer " + key->secret, ""}).status, 401);
}

TEST_F(ServiceTest, ScreensOneQueryAndABatch) {
  const Response one = Call("POST", "/v1/screen", R"({"name":"Green Pine Associated Corp"})");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(Json(one)["hits"][0]["entity_id"], "un:2");
  EXPECT_EQ(one.route, "/v1/screen");
  const Response batch = Call(
      "POST", "/v1/screen",
      R"({"queries":[{"query_id":"a","name":"Green Pine Associated"},{"query_id":"b","name":"Nobody Known At All"}]})");
  ASSERT_EQ(batch.status, 200) << batch.body;
  const auto results = Json(batch)["results"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["query_id"], "a");
  EXPECT_EQ(results[0]["hits"].size(), 1u);
  EXPECT_TRUE(results[1]["hits"].empty());
}

TEST_F(ServiceTest, BadBodiesAre4xxNamingTheProblem) {
  struct Case {
    std::string body;
    int status;
    std::string needle;
  };
  const Case cases[] = {
      {"", 400, "empty"},
      {"{\"name\": ", 400, "not valid JSON"},
      {"[1,2]", 400, "JSON object"},
      {"{\"name\":\"a\xff\"}", 400, "UTF-8"},
      {std::string(40, '[') + std::string(40, ']'), 400, "deeper"},
      {R"({"name": 5})", 400, "must be a string"},
      {R"({"name": "x", "colour": "red"})", 400, "unknown field"},
      {R"({"queries": "x"})", 400, "non-empty array"},
      {R"({"queries": [5]})", 400, "JSON object"},
      {R"({"name":"Green Pine","threshold":7})", 400, "between"},
      {R"({"name":"Green Pine","dob":"1990-13-45"})", 400, "not a date"},
  };
  for (const Case& item : cases) {
    const Response response = Call("POST", "/v1/screen", item.body);
    EXPECT_EQ(response.status, item.status) << item.body;
    EXPECT_NE(Json(response)["error"]["message"].get<std::string>().find(item.needle),
              std::string::npos)
        << item.body << " -> " << response.body;
  }
  EXPECT_EQ(ErrorField(Call("POST", "/v1/screen", R"({"queries":[{"name":"a"},{"name":1}]})")),
            "queries[1].name");
}

TEST_F(ServiceTest, BodyAndBatchLimitsAreParameters) {
  Open(false, ServiceOptions{.body = {.max_bytes = 64}, .max_batch = 2});
  const std::string big = R"({"name":")" + std::string(64, 'a') + R"("})";
  EXPECT_EQ(Call("POST", "/v1/screen", big).status, 413);
  EXPECT_EQ(Call("POST", "/v1/screen", R"({"queries":[{"name":"a"},{"name":"b"}]})").status, 200);
  const Response over =
      Call("POST", "/v1/screen", R"({"queries":[{"name":"a"},{"name":"b"},{"name":"c"}]})");
  EXPECT_EQ(over.status, 413);
  EXPECT_EQ(ErrorField(over), "queries");
}

TEST_F(ServiceTest, UnknownRouteIs404AndWrongMethodIs405) {
  EXPECT_EQ(Call("GET", "/v1/nothing").status, 404);
  EXPECT_EQ(Call("GET", "/v1/screen").status, 405);
  EXPECT_EQ(Call("DELETE", "/v1/lists").status, 405);
}

TEST_F(ServiceTest, AlertFourEyesAndFalsePositiveMemoryThroughTheApi) {
  const std::string body = R"({"name":"Green Pine Associated Corporation","customer_ref":"c-9"})";
  const Response first = Call("POST", "/v1/screen", body);
  ASSERT_EQ(first.status, 200) << first.body;
  const auto alert = Json(first)["alerts"][0];
  EXPECT_EQ(alert["outcome"], "opened");
  const std::string id = std::to_string(alert["alert_id"].get<int>());
  EXPECT_EQ(Json(Call("POST", "/v1/screen", body))["alerts"][0]["outcome"], "occurrence");

  EXPECT_EQ(Call("POST", "/v1/alerts/" + id + "/disposition", R"({"disposition":"maybe"})",
                 store::Role::kAnalyst)
                .status,
            400);
  ASSERT_EQ(Call("POST", "/v1/alerts/" + id + "/disposition",
                 R"({"disposition":"false_positive","comment":"different company"})",
                 store::Role::kApprover)
                .status,
            200);
  // The approver who made the disposition cannot approve it; an analyst may not approve at all.
  EXPECT_EQ(Call("POST", "/v1/alerts/" + id + "/approve", "", store::Role::kApprover).status, 403);
  EXPECT_EQ(Call("POST", "/v1/alerts/" + id + "/approve", "", store::Role::kAnalyst).status, 403);
  const Response approved = Call("POST", "/v1/alerts/" + id + "/approve", "", store::Role::kAdmin);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Json(approved)["state"], "closed");
  EXPECT_EQ(Json(Call("POST", "/v1/screen", body))["alerts"][0]["outcome"], "suppressed");

  const Response shown = Call("GET", "/v1/alerts/" + id, "", store::Role::kAnalyst);
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(Json(shown)["history"].size(), 4u);  // opened, occurrence, disposition, approval
  EXPECT_EQ(Call("GET", "/v1/alerts/x", "", store::Role::kAnalyst).status, 400);
  EXPECT_EQ(Call("GET", "/v1/alerts/999", "", store::Role::kAnalyst).status, 404);
  const auto listed = Json(Call("GET", "/v1/alerts", "", store::Role::kAnalyst, {{"state", "closed"}}));
  EXPECT_EQ(listed["alerts"].size(), 1u);
}

TEST_F(ServiceTest, WhoAmINamesTheKeyAndItsRoleForEveryRole) {
  for (store::Role role : {store::Role::kScreener, store::Role::kAnalyst, store::Role::kApprover,
                           store::Role::kAdmin}) {
    const Response me = Call("GET", "/v1/whoami", "", role);
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(Json(me)["role"], store::RoleName(role));
    EXPECT_EQ(Json(me)["name"], std::string(store::RoleName(role)) + "-user");
    // The key id is the key's public part: rf_<key id>_<secret>.
    EXPECT_EQ("rf_" + Json(me)["key_id"].get<std::string>() + "_",
              Key(role).substr(0, Json(me)["key_id"].get<std::string>().size() + 4));
    EXPECT_EQ(me.body.find(Key(role)), std::string::npos);
  }
  EXPECT_EQ(service_->Handle({"GET", "/v1/whoami", {}, "", ""}).status, 401);
}

TEST_F(ServiceTest, ApproverSendsADispositionBackWithAComment) {
  const Response screened =
      Call("POST", "/v1/screen", R"({"name":"Green Pine Associated Corporation","customer_ref":"c-7"})");
  ASSERT_EQ(screened.status, 200) << screened.body;
  const std::string id = std::to_string(Json(screened)["alerts"][0]["alert_id"].get<int>());
  const std::string path = "/v1/alerts/" + id + "/send-back";
  const std::string body = R"({"comment":"the birth year differs: check it"})";
  EXPECT_EQ(Call("POST", path, body, store::Role::kApprover).status, 409);  // nothing pending
  ASSERT_EQ(Call("POST", "/v1/alerts/" + id + "/disposition", R"({"disposition":"false_positive"})",
                 store::Role::kApprover)
                .status,
            200);
  EXPECT_EQ(Call("POST", path, body, store::Role::kAnalyst).status, 403);   // role
  EXPECT_EQ(Call("POST", path, body, store::Role::kApprover).status, 403);  // four-eyes
  EXPECT_EQ(ErrorField(Call("POST", path, R"({"comment":"  "})", store::Role::kAdmin)), "comment");
  EXPECT_EQ(ErrorField(Call("POST", path, "{}", store::Role::kAdmin)), "comment");
  EXPECT_EQ(Call("POST", path, R"({"comment":"x","extra":1})", store::Role::kAdmin).status, 400);
  const Response sent = Call("POST", path, body, store::Role::kAdmin);
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(Json(sent)["state"], "open");
  EXPECT_FALSE(Json(sent).contains("pending"));
  const auto history = Json(Call("GET", "/v1/alerts/" + id, "", store::Role::kAnalyst))["history"];
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back()["kind"], "sent_back");
  EXPECT_EQ(history.back()["detail"]["comment"], "the birth year differs: check it");
  EXPECT_EQ(history.back()["user"], "admin-user");
}

TEST_F(ServiceTest, AuditTrailIsBrowsedFilteredPagedAndVerifiedByApprovers) {
  for (const char* name : {"Green Pine", "Korea Mining", "Nobody"}) {
    ASSERT_EQ(Call("POST", "/v1/screen", std::string(R"({"name":")") + name + "\"}").status, 200);
  }
  EXPECT_EQ(Call("GET", "/v1/audit", "", store::Role::kAnalyst).status, 403);
  EXPECT_EQ(Call("GET", "/v1/audit/verify", "", store::Role::kAnalyst).status, 403);
  const Response all = Call("GET", "/v1/audit", "", store::Role::kApprover);
  ASSERT_EQ(all.status, 200) << all.body;
  const auto entries = Json(all)["entries"];
  ASSERT_GE(entries.size(), 4u);  // the import, four keys, three screenings
  EXPECT_GT(entries[0]["seq"].get<int>(), entries[1]["seq"].get<int>());  // newest first
  EXPECT_EQ(entries[0]["kind"], "screening");
  EXPECT_EQ(entries[0]["actor_name"], "screener-user");
  EXPECT_EQ(entries[0]["payload"]["queries"][0]["name"], "Nobody");
  EXPECT_EQ(entries[0]["prev_hash"], entries[1]["hash"]);

  const auto screenings = Json(Call("GET", "/v1/audit", "", store::Role::kApprover,
                                    {{"kind", "screening"}, {"limit", "2"}}));
  ASSERT_EQ(screenings["entries"].size(), 2u);
  ASSERT_TRUE(screenings.contains("next"));
  const auto older = Json(Call("GET", "/v1/audit", "", store::Role::kApprover,
                               {{"kind", "screening"}, {"before", std::to_string(screenings["next"].get<int>())}}));
  ASSERT_EQ(older["entries"].size(), 1u);
  EXPECT_EQ(older["entries"][0]["payload"]["queries"][0]["name"], "Green Pine");
  EXPECT_FALSE(older.contains("next"));
  const std::string actor = entries[0]["actor"];
  EXPECT_EQ(Json(Call("GET", "/v1/audit", "", store::Role::kAdmin, {{"actor", actor}}))["entries"].size(), 3u);
  EXPECT_TRUE(Json(Call("GET", "/v1/audit", "", store::Role::kAdmin, {{"until", "2001-01-01"}}))["entries"].empty());
  EXPECT_EQ(ErrorField(Call("GET", "/v1/audit", "", store::Role::kAdmin, {{"since", "yesterday"}})), "since");
  EXPECT_EQ(ErrorField(Call("GET", "/v1/audit", "", store::Role::kAdmin, {{"before", "0"}})), "before");

  const Response verify = Call("GET", "/v1/audit/verify", "", store::Role::kApprover);
  ASSERT_EQ(verify.status, 200) << verify.body;
  EXPECT_TRUE(Json(verify)["intact"].get<bool>());
  EXPECT_EQ(Json(verify)["entries"], entries.size());
}

TEST_F(ServiceTest, EntityHistoryAcrossListVersions) {
  Import("v2", "Korea Mining Development Trading Corp");
  ASSERT_TRUE(engine_->Reload());
  const Response changed = Call("GET", "/v1/entities/un:1/history");
  ASSERT_EQ(changed.status, 200) << changed.body;
  const auto history = Json(changed)["history"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["kind"], "added");
  EXPECT_EQ(history[1]["kind"], "changed");
  EXPECT_EQ(history[1]["changes"][0]["field"], "names");
  EXPECT_EQ(history[1]["changes"][0]["new"], "Korea Mining Development Trading Corp (primary)");
  EXPECT_EQ(history[1]["published"], "2024-05-03");
  EXPECT_TRUE(Json(changed)["in_latest_version"].get<bool>());
  EXPECT_EQ(Json(changed)["versions_of_list"], 2);
  EXPECT_EQ(Json(Call("GET", "/v1/entities/un:2/history"))["history"].size(), 1u);
  EXPECT_EQ(Call("GET", "/v1/entities/un:404/history").status, 404);
  // The entity route still takes ids that merely contain "history".
  EXPECT_EQ(Call("GET", "/v1/entities/history").status, 404);
  EXPECT_EQ(Call("POST", "/v1/entities/un:1/history").status, 405);
}

TEST_F(ServiceTest, EveryScreeningIsAuditedWithItsListVersions) {
  ASSERT_EQ(Call("POST", "/v1/screen", R"({"name":"Green Pine"})").status, 200);
  auto entries = records_->ExportAudit("");
  ASSERT_TRUE(entries);
  ASSERT_FALSE(entries->empty());
  const auto& last = entries->back();
  EXPECT_EQ(last.kind, "screening");
  const auto payload = nlohmann::json::parse(last.payload);
  EXPECT_EQ(payload["queries"][0]["name"], "Green Pine");
  EXPECT_TRUE(payload["list_versions"].contains("un"));
  auto verdict = records_->VerifyAudit();
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->first_broken, 0);
}

TEST_F(ServiceTest, YenteMatchRequestAndResponse) {
  const std::string request = R"({"queries":{"q1":{"schema":"Company","properties":{
      "name":["Green Pine Associated Corp"],"country":["kp"]}},
      "q2":{"schema":"Person","properties":{"name":["Nobody Known At All"]}}}})";
  const Response response = Call("POST", "/v1/match/default", request, store::Role::kScreener,
                                 {{"limit", "3"}});
  ASSERT_EQ(response.status, 200) << response.body;
  const auto out = Json(response);
  const auto& q1 = out["responses"]["q1"];
  EXPECT_EQ(q1["status"], 200);
  ASSERT_FALSE(q1["results"].empty());
  const auto& top = q1["results"][0];
  EXPECT_EQ(top["id"], "un:2");
  EXPECT_EQ(top["caption"], "Green Pine Associated Corporation");
  EXPECT_EQ(top["schema"], "Organization");
  EXPECT_EQ(top["datasets"], nlohmann::json::array({"un"}));
  EXPECT_EQ(top["properties"]["name"][0], "Green Pine Associated Corporation");
  EXPECT_TRUE(top["match"].get<bool>());
  EXPECT_GT(top["score"].get<double>(), 0.8);
  EXPECT_TRUE(top.contains("features"));
  EXPECT_TRUE(out["responses"]["q2"]["results"].empty());
  EXPECT_EQ(out["limit"], 3);
  EXPECT_EQ(Call("POST", "/v1/match/nope", request).status, 404);
  EXPECT_EQ(Call("POST", "/v1/match/un", R"({"queries":{"q":{"properties":{"name":[1]}}}})").status,
            400);
  EXPECT_EQ(Call("POST", "/v1/match/un", request, store::Role::kScreener, {{"limit", "x"}}).status,
            400);
}

TEST_F(ServiceTest, EntitiesListsVersionsAndDiff) {
  const Response entity = Call("GET", "/v1/entities/un:2");
  ASSERT_EQ(entity.status, 200) << entity.body;
  EXPECT_EQ(Json(entity)["listings"][0]["programs"][0], "PROG");
  EXPECT_EQ(Call("GET", "/v1/entities/un:404").status, 404);
  EXPECT_EQ(Json(Call("GET", "/v1/lists"))["lists"][0]["list_id"], "un");
  EXPECT_EQ(Call("GET", "/v1/lists/nope/versions").status, 404);
  Import("v2", "Korea Mining Development Trading Corp");
  ASSERT_TRUE(engine_->Reload());
  EXPECT_EQ(Json(Call("GET", "/v1/lists/un/versions"))["versions"].size(), 2u);
  const Response diff = Call("GET", "/v1/lists/un/diff");
  ASSERT_EQ(diff.status, 200) << diff.body;
  EXPECT_EQ(Json(diff)["counts"]["changed"], 1);
  EXPECT_EQ(Call("GET", "/v1/lists/un/diff", "", store::Role::kScreener, {{"from", "1"}}).status,
            400);
}

TEST_F(ServiceTest, AdminImportsServerSideListsAndTheyAreServedAtOnce) {
  TempDir lists("api-import");
  std::filesystem::create_directories(lists.path() / "custom-watch");
  {
    std::ofstream csv(lists.path() / "custom-watch" / "watch.csv");
    csv << "id,name,type\nw1,Zyxwvut Quillfeather Holdings,organization\n";
  }
  const std::string body = nlohmann::json{{"paths", {lists.path().string()}}}.dump();
  EXPECT_EQ(Call("POST", "/v1/lists/import", body, store::Role::kApprover).status, 403);
  EXPECT_EQ(Call("POST", "/v1/lists/import", R"({"paths":[]})", store::Role::kAdmin).status, 400);
  const Response imported = Call("POST", "/v1/lists/import", body, store::Role::kAdmin);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(Json(imported)["lists"][0]["status"], "imported");
  const Response hit = Call("POST", "/v1/screen", R"({"name":"Zyxwvut Quillfeather Holdings"})");
  EXPECT_EQ(Json(hit)["hits"][0]["entity_id"], "custom-watch:w1") << hit.body;
  // A broken file changes nothing and says so.
  {
    std::ofstream csv(lists.path() / "custom-watch" / "watch.csv");
    csv << "id,name\nw1,A\nw1,B\n";
  }
  const Response broken = Call("POST", "/v1/lists/import", body, store::Role::kAdmin);
  EXPECT_EQ(broken.status, 422) << broken.body;
  EXPECT_EQ(Json(Call("POST", "/v1/screen", R"({"name":"Zyxwvut Quillfeather Holdings"})"))["hits"]
                .size(),
            1u);
}

TEST_F(ServiceTest, NotReadyWithoutListsButHealthy) {
  TempDir empty("api-empty");
  auto engine = engine::Engine::Open(empty.path(), {.require_lists = false});
  ASSERT_TRUE(engine);
  auto records = store::ServiceStore::Open((*engine)->store());
  ASSERT_TRUE(records);
  auto key = (*records)->CreateKey(store::Role::kScreener, "s", "test");
  ASSERT_TRUE(key);
  Service service(**engine, **records);
  EXPECT_EQ(service.Handle({"GET", "/healthz", {}, "", ""}).status, 200);
  EXPECT_EQ(service.Handle({"GET", "/readyz", {}, "", ""}).status, 503);
  EXPECT_EQ(service.Handle({"POST", "/v1/screen", {}, "Bearer " + key->secret, R"({"name":"x"})"})
                .status,
            503);
}

TEST_F(ServiceTest, DecideAnswersADecisionAndRejectsABadTransaction) {
  const std::string transaction = R"({"type":"export","date":"2024-01-10","destination":"KP",
      "parties":[{"role":"ultimate_consignee","name":"Green Pine Associated Corporation","country":"KP"}],
      "items":[{"description":"pump","eccn":"EAR99","origin":"US"}]})";
  const Response decided = Call("POST", "/v1/decide", transaction);
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_TRUE(Json(decided).contains("outcome"));
  const Response bad = Call("POST", "/v1/decide", R"({"type":"export"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
}

TEST_F(ServiceTest, MetricsCountRequestsPerRouteAndStatus) {
  (void)Call("POST", "/v1/screen", R"({"name":"Green Pine"})");
  (void)Call("POST", "/v1/screen", R"({"name":5})");
  const std::string text = service_->Handle({"GET", "/metrics", {}, "", ""}).body;
  EXPECT_NE(text.find("redflag_http_requests_total{route=\"/v1/screen\",status=\"200\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("redflag_http_requests_total{route=\"/v1/screen\",status=\"400\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("redflag_list_version{list=\"un\"}"), std::string::npos);
  EXPECT_NE(text.find("redflag_http_request_duration_seconds_bucket"), std::string::npos);
}

TEST_F(ServiceTest, OpenApiDocumentIsJsonAndListsEveryRoute) {
  const auto doc = nlohmann::json::parse(service_->Handle({"GET", "/openapi.json", {}, "", ""}).body,
                                         nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  for (const char* path : {"/v1/screen", "/v1/match/{dataset}", "/v1/alerts/{id}/approve",
                           "/v1/entities/{id}", "/metrics", "/v1/whoami", "/v1/audit",
                           "/v1/audit/verify", "/v1/alerts/{id}/send-back",
                           "/v1/entities/{id}/history"}) {
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
  }
}

}  // namespace
}  // namespace redflag::api
