// POST /v1/payments through Service::Handle on a real store and engine (two small imported UN
// list versions): the body forms, errors, and the checker following a list swap.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/service.h"
#include "store/store_test_util.h"

namespace redflag::api {
namespace {

using store::testing::MakeList;
using store::testing::SmallEntity;
using store::testing::TempDir;

std::string Pacs008(const std::string& creditor) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>
<GrpHdr><MsgId>API-PAY-1</MsgId><CreDtTm>2024-01-15T09:30:00Z</CreDtTm><NbOfTxs>1</NbOfTxs>
<SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>
<CdtTrfTxInf><PmtId><EndToEndId>E2E-1</EndToEndId></PmtId>
<IntrBkSttlmAmt Ccy="EUR">1000.00</IntrBkSttlmAmt><IntrBkSttlmDt>2024-01-15</IntrBkSttlmDt>
<Dbtr><Nm>Velmora Foods 12 GmbH</Nm></Dbtr>
<DbtrAgt><FinInstnId><BICFI>ABCDDEFFXXX</BICFI></FinInstnId></DbtrAgt>
<CdtrAgt><FinInstnId><BICFI>EFGHFRPP</BICFI></FinInstnId></CdtrAgt>
<Cdtr><Nm>)" + creditor + R"(</Nm></Cdtr>
</CdtTrfTxInf></FIToFICstmrCdtTrf></Document>)";
}

class PaymentRouteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Import("v1", "Korea Mining Development Trading Corporation");
    auto engine = engine::Engine::Open(dir_.path(), {.decider = true, .require_lists = false});
    ASSERT_TRUE(engine) << engine.error().ToString();
    engine_ = std::move(*engine);
    auto records = store::ServiceStore::Open(engine_->store());
    ASSERT_TRUE(records) << records.error().ToString();
    records_ = std::move(*records);
    service_ = std::make_unique<Service>(*engine_, *records_);
    auto key = records_->CreateKey(store::Role::kScreener, "screener-user", "test");
    ASSERT_TRUE(key);
    key_ = key->secret;
  }
  void Import(const std::string& tag, const std::string& name) {
    auto store = store::Store::Open(dir_.path());
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->Import(MakeList("un", {SmallEntity("un", "1", name)}, tag)));
  }
  Response Post(const std::string& body) {
    return service_->Handle({"POST", "/v1/payments", {}, "Bearer " + key_, body});
  }
  static nlohmann::json Json(const Response& response) {
    return nlohmann::json::parse(response.body, nullptr, false);
  }
  static bool HitsUn1(const nlohmann::json& decision) {
    for (const auto& party : decision["parties"]) {
      for (const auto& hit : party["hits"]) {
        if (hit.value("entity_id", "") == "un:1") return true;
      }
    }
    return false;
  }

  TempDir dir_{"api-payments"};
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<store::ServiceStore> records_;
  std::unique_ptr<Service> service_;
  std::string key_;
};

TEST_F(PaymentRouteTest, XmlBodyGivesTheDecisionWithTheMessageId) {
  const Response response = Post(Pacs008("Korea Mining Development Trading Corporation"));
  ASSERT_EQ(response.status, 200) << response.body;
  const auto json = Json(response);
  EXPECT_EQ(json["message_id"], "API-PAY-1");
  EXPECT_EQ(json["format"], "pacs.008.001.08");
  EXPECT_NE(json["outcome"], "clear");
  EXPECT_TRUE(HitsUn1(json)) << response.body;
}

TEST_F(PaymentRouteTest, JsonBodyIsTheSameAsTheRawMessage) {
  const std::string xml = Pacs008("Velmora Textiles 40 BV");
  const Response raw = Post(xml);
  const Response wrapped = Post(nlohmann::json{{"message", xml}}.dump());
  ASSERT_EQ(raw.status, 200) << raw.body;
  ASSERT_EQ(wrapped.status, 200) << wrapped.body;
  EXPECT_EQ(Json(raw), Json(wrapped));
  EXPECT_EQ(Json(raw)["outcome"], "clear");
}

TEST_F(PaymentRouteTest, BadBodiesAre400NamingTheProblem) {
  Response response = Post("{1:F01BANKDEFFAXXX0000000000}{2:I940BANKFRPPXXXXN}{4:\n:20:X\n-}");
  EXPECT_EQ(response.status, 400) << response.body;
  EXPECT_NE(response.body.find("940"), std::string::npos) << response.body;
  response = Post(R"({"mesage": "x"})");
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("mesage"), std::string::npos) << response.body;
  response = Post(R"({"message": 5})");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(Json(response)["error"].value("field", ""), "message") << response.body;
  response = Post("");
  EXPECT_EQ(response.status, 400) << response.body;
}

TEST_F(PaymentRouteTest, NewListVersionIsUsedAfterTheSwap) {
  const std::string xml = Pacs008("Ashgrove Kestor Holding 77 AB");
  ASSERT_EQ(Post(xml).status, 200);
  EXPECT_FALSE(HitsUn1(Json(Post(xml))));
  Import("v2", "Ashgrove Kestor Holding 77 AB");
  auto reloaded = engine_->Reload();
  ASSERT_TRUE(reloaded && *reloaded);
  const Response after = Post(xml);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_TRUE(HitsUn1(Json(after))) << after.body;
}

}  // namespace
}  // namespace redflag::api
