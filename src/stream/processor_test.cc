// The worker's message handling without the network: real payment fixtures, the real parser,
// index, matcher and rule files over a few hand-built list entries, and a real SQLite decision
// store in a temporary directory. What is proven here: a redelivered message is answered from
// the store and never decided twice; two workers on one store keep the first decision; a bad
// message becomes one stored dead letter naming the element.
#include "stream/processor.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "rules/decider_test_util.h"

namespace redflag::stream {
namespace {

using rules::testing::MakeEntity;

std::string Fixture(const std::string& name) {
  const char* source = std::getenv("REDFLAG_SOURCE_DIR");
  const std::filesystem::path root = source != nullptr ? source : REDFLAG_SOURCE_DIR;
  std::ifstream in(root / "tests/fixtures/payments" / name, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

class ProcessorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rules = rules::LoadRuleSet(rules::DefaultRulesDir());
    ASSERT_TRUE(rules) << rules.error().ToString();
    std::vector<core::Entity> entities;
    entities.push_back(MakeEntity({.id = "us_csl:hik",
                                   .list_code = "EL",
                                   .list_name = "Entity List",
                                   .names = {"Hangzhou Hikvision Digital Technology Co., Ltd."},
                                   .start = "2019-10-09",
                                   .federal_register = {"84 FR 54002"}}));
    entities.push_back(MakeEntity({.id = "ofac_sdn:1",
                                   .list_code = "SDN",
                                   .names = {"Islamic Republic of Iran Shipping Lines"}}));
    auto snapshot = index::Snapshot::Build(std::move(entities));
    ASSERT_TRUE(snapshot) << snapshot.error().ToString();
    auto checker = payments::PaymentChecker::Make(std::move(*rules), *snapshot);
    ASSERT_TRUE(checker) << checker.error().ToString();
    checker_ = std::move(*checker);
    dir_ = std::filesystem::temp_directory_path() /
           ("redflag_processor_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = Open();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<DecisionStore> Open() {
    auto store = OpenSqliteDecisionStore(dir_ / kDecisionsFile);
    EXPECT_TRUE(store) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }

  std::vector<Processed> Process(DecisionStore& store, const std::vector<Inbound>& batch,
                                 std::string_view worker) {
    auto processed = ProcessBatch(*checker_, store, batch, worker);
    EXPECT_TRUE(processed) << processed.error().ToString();
    return processed ? std::move(*processed) : std::vector<Processed>{};
  }

  std::unique_ptr<payments::PaymentChecker> checker_;
  std::filesystem::path dir_;
  std::unique_ptr<DecisionStore> store_;
};

TEST_F(ProcessorTest, DecideMessageGivesThePayCheckDocument) {
  const Decided decided = DecideMessage(*checker_, Fixture("pacs008_hikvision.xml"));
  ASSERT_EQ(decided.kind, RecordKind::kDecided) << decided.document;
  EXPECT_EQ(decided.outcome, "review");
  EXPECT_EQ(decided.payment_id, "FXDESK-20191015-0001");
  const auto json = nlohmann::json::parse(decided.document);
  EXPECT_EQ(json["message_id"], "FXDESK-20191015-0001");
  EXPECT_EQ(json["outcome"], "review");
  EXPECT_EQ(decided.document.find('\n'), std::string::npos) << "one line, for a message body";
  EXPECT_TRUE(IsHeld(decided.outcome));
  EXPECT_FALSE(IsHeld("clear"));
}

TEST_F(ProcessorTest, BadMessageIsADeadLetterNamingWhatIsWrong) {
  const Decided decided = DecideMessage(*checker_, Fixture("bad/wrong_namespace.xml"));
  EXPECT_EQ(decided.kind, RecordKind::kDead);
  EXPECT_EQ(decided.outcome, "invalid");
  const auto json = nlohmann::json::parse(decided.document);
  EXPECT_FALSE(json["error"]["message"].get<std::string>().empty());
  EXPECT_NE(json["error"]["message"].get<std::string>().find("namespace"), std::string::npos)
      << json.dump();
  EXPECT_EQ(DecideMessage(*checker_, "").kind, RecordKind::kDead);
  EXPECT_EQ(DecideMessage(*checker_, std::string("\0\xff{1:", 5)).kind, RecordKind::kDead);
}

TEST_F(ProcessorTest, RedeliveredMessageIsAnsweredFromTheStoreNotDecidedAgain) {
  const std::string body = Fixture("pacs008_sdn.xml");
  const std::vector<Inbound> batch = {{"PAY-1", body, 7}};
  const auto first = Process(*store_, batch, "worker-a");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].fate, Fate::kDecidedNow);
  EXPECT_EQ(first[0].record.outcome, "blocked");
  EXPECT_EQ(first[0].record.stream_seq, 7u);

  // The same message again (its ack was lost), this time at another worker.
  const auto again = Process(*store_, {{"PAY-1", body, 7}}, "worker-b");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].fate, Fate::kAlreadyStored);
  EXPECT_EQ(again[0].record.worker, "worker-a");
  EXPECT_EQ(again[0].record.decided_at_ms, first[0].record.decided_at_ms);
  EXPECT_EQ(again[0].record.document, first[0].record.document);
  auto all = store_->All();
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 1u);
}

TEST_F(ProcessorTest, TwoProcessesOnOneStoreKeepTheFirstDecision) {
  auto other = Open();  // a second connection: another worker process on the same data dir
  ASSERT_NE(other, nullptr);
  StoredDecision first{.message_id = "X", .outcome = "clear", .document = "{\"a\":1}",
                       .stream_seq = 1, .decided_at_ms = 10, .worker = "a"};
  StoredDecision second = first;
  second.worker = "b";
  second.document = "{\"b\":2}";
  auto put_first = store_->PutAll({first});
  ASSERT_TRUE(put_first);
  auto put_second = other->PutAll({second});
  ASSERT_TRUE(put_second);
  ASSERT_EQ(put_second->size(), 1u);
  EXPECT_EQ((*put_second)[0].worker, "a");
  EXPECT_EQ((*put_second)[0].document, "{\"a\":1}");
  auto found = other->FindAll({"X", "missing"});
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].worker, "a");
}

TEST_F(ProcessorTest, SameIdTwiceInOneBatchIsStoredOnce) {
  const std::string body = Fixture("pacs008_clear.xml");
  const auto processed = Process(*store_, {{"DUP", body, 1}, {"DUP", body, 2}}, "w");
  ASSERT_EQ(processed.size(), 2u);
  EXPECT_EQ(processed[0].fate, Fate::kDecidedNow);
  EXPECT_EQ(processed[1].fate, Fate::kLostRace);
  EXPECT_EQ(processed[1].record.stream_seq, 1u);
  EXPECT_EQ(processed[0].record.outcome, "clear");
  auto all = store_->All();
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 1u);
}

TEST_F(ProcessorTest, DeadLetterIsStoredOnceUnderItsKey) {
  const std::string body = Fixture("bad/truncated.xml");
  const auto first = Process(*store_, {{"", body, 41}}, "w");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].record.kind, RecordKind::kDead);
  EXPECT_EQ(first[0].record.message_id, "seq-41");
  const auto again = Process(*store_, {{"", body, 41}}, "w");
  EXPECT_EQ(again[0].fate, Fate::kAlreadyStored);
  auto reopened = Open();
  auto all = reopened->All();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].kind, RecordKind::kDead);
}

TEST_F(ProcessorTest, StoreKeyIsTheHeaderElseThePaymentIdElseTheSequence) {
  const std::string body = Fixture("mt103_clear.txt");
  EXPECT_EQ(StoreKey({"hdr-1", body, 3}), "hdr-1");
  auto parsed = payments::ParsePaymentMessage(body);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(StoreKey({"", body, 3}), parsed->message_id);
  EXPECT_EQ(StoreKey({"", "not a payment", 3}), "seq-3");
}

TEST(DecisionStore, UnwritablePathIsADatabaseError) {
  auto store = OpenSqliteDecisionStore("/nonexistent-dir/for/sure/decisions.db");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, core::ErrorCode::kDatabase);
  EXPECT_NE(store.error().ToString().find("/nonexistent-dir/for/sure/decisions.db"),
            std::string::npos);
}

}  // namespace
}  // namespace redflag::stream
