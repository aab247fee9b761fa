#include "store/service_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include <nlohmann/json.hpp>

#include "store/sql.h"
#include "store/store_test_util.h"

namespace redflag::store {
namespace {

using testing::MakeList;
using testing::SmallEntity;
using testing::TempDir;

enum class Backend { kSqlite, kPostgres };

// Every test runs on SQLite and on PostgreSQL. The PostgreSQL variants need a server:
// ctest's service_store_test_postgres starts one (tests/postgres_server.py) and passes its URL.
class ServiceStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      const char* url = std::getenv("REDFLAG_TEST_POSTGRES_URL");
      if (url == nullptr || *url == '\0') {
        GTEST_SKIP() << "REDFLAG_TEST_POSTGRES_URL is not set: the PostgreSQL variants run "
                        "under ctest -R service_store_test_postgres (tests/postgres_server.py)";
      }
      url_ = url;
      auto admin = sql::OpenPostgres(url_);
      ASSERT_TRUE(admin) << admin.error().ToString();
      pg_ = std::move(*admin);
      auto reset = pg_->Exec("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
      ASSERT_TRUE(reset) << reset.error().ToString();
    }
    auto store = Store::Open(dir_.path());
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
    service_ = OpenService();
    ASSERT_NE(service_, nullptr);
  }
  std::unique_ptr<ServiceStore> OpenService() {
    auto service = ServiceStore::Open(*store_, url_);
    EXPECT_TRUE(service) << service.error().ToString();
    return service ? std::move(*service) : nullptr;
  }
  // Runs SQL on the records' database behind the stores' backs (tampering, old schemas).
  void Exec(const std::string& sql) {
    if (pg_) {
      auto done = pg_->Exec(sql);
      EXPECT_TRUE(done) << done.error().ToString();
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_.path() / kDatabaseFileName).c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  std::int64_t RecordsSchemaVersion() {
    auto db = pg_ ? sql::OpenPostgres(url_) : sql::OpenSqlite(dir_.path() / kDatabaseFileName);
    EXPECT_TRUE(db);
    auto stmt = (*db)->Prepare("SELECT version FROM schema_version");
    EXPECT_TRUE(stmt);
    auto row = stmt->Step();
    EXPECT_TRUE(row && *row);
    return stmt->Int(0);
  }
  HitResult Observe(const core::Entity& entity, const Actor& actor = {"k0", "system"}) {
    return ObserveOn(*service_, entity, actor);
  }
  static HitResult ObserveOn(ServiceStore& service, const core::Entity& entity,
                             const Actor& actor = {"k0", "system"}) {
    auto result = service.ObserveHit(
        ObservedHit{.customer_ref = "cust-1", .entity = &entity, .score = 0.93, .hit_json = "{}"},
        actor);
    EXPECT_TRUE(result) << result.error().ToString();
    return result ? *result : HitResult{};
  }

  TempDir dir_{"service-store"};
  std::string url_;
  std::unique_ptr<sql::Connection> pg_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<ServiceStore> service_;
};

INSTANTIATE_TEST_SUITE_P(Backends, ServiceStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) {
                           return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

TEST_P(ServiceStoreTest, RecordsAreInTheChosenDatabase) {
  EXPECT_EQ(service_->dialect(),
            GetParam() == Backend::kSqlite ? sql::Dialect::kSqlite : sql::Dialect::kPostgres);
  EXPECT_EQ(RecordsSchemaVersion(), Store::LatestSchemaVersion());
  // Opening again (a second server) migrates nothing and changes nothing.
  ASSERT_TRUE(service_->AppendAudit("screening", "k1", "{}"));
  auto again = OpenService();
  ASSERT_NE(again, nullptr);
  auto entries = again->ExportAudit("");
  ASSERT_TRUE(entries);
  EXPECT_EQ(entries->size(), 1u);
}

TEST_P(ServiceStoreTest, SchemaVersionOneDatabaseIsMigratedToTheServiceTables) {
  EXPECT_EQ(Store::LatestSchemaVersion(), 20);  // 20: the monitor tables
  service_.reset();
  store_.reset();
  // What a database written before the service looks like: migration 1 only.
  Exec("DROP TABLE api_keys; DROP TABLE alert_events; DROP TABLE alerts; DROP TABLE audit_log; "
       "DROP TABLE proposal_votes; DROP TABLE proposals; DROP TABLE internal_lists; "
       "DROP TABLE book_rows; DROP TABLE book_versions; DROP TABLE books; "
       "UPDATE schema_version SET version = 1");
  auto store = Store::Open(dir_.path());
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_EQ((*store)->SchemaVersion(), 20);
  auto service = ServiceStore::Open(**store, url_);
  ASSERT_TRUE(service) << service.error().ToString();
  EXPECT_EQ(RecordsSchemaVersion(), 20);
  EXPECT_TRUE((*service)->CreateKey(Role::kScreener, "after-upgrade", "test"));
}

TEST_P(ServiceStoreTest, KeyAuthenticatesUntilRevokedAndOnlyItsHashIsStored) {
  auto created = service_->CreateKey(Role::kAnalyst, "alice", "cli");
  ASSERT_TRUE(created) << created.error().ToString();
  EXPECT_EQ(created->secret.rfind("rf_" + created->key.key_id + "_", 0), 0u);
  auto key = service_->Authenticate(created->secret);
  ASSERT_TRUE(key) << key.error().ToString();
  EXPECT_EQ(key->role, Role::kAnalyst);
  EXPECT_EQ(key->name, "alice");
  // One character off, same key id: refused.
  std::string wrong = created->secret;
  wrong.back() = wrong.back() == 'a' ? 'b' : 'a';
  EXPECT_EQ(service_->Authenticate(wrong).error().code, core::ErrorCode::kPermission);
  EXPECT_FALSE(service_->Authenticate("rf_short"));
  EXPECT_FALSE(service_->Authenticate(""));
  ASSERT_TRUE(service_->RevokeKey(created->key.key_id, "cli"));
  EXPECT_FALSE(service_->Authenticate(created->secret));
  EXPECT_EQ(service_->RevokeKey(created->key.key_id, "cli").error().code,
            core::ErrorCode::kNotFound);
  auto keys = service_->ListKeys();
  ASSERT_TRUE(keys);
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_FALSE((*keys)[0].revoked_at.empty());
}

TEST_P(ServiceStoreTest, RepeatHitAddsAnOccurrenceNotASecondAlert) {
  const core::Entity entity = SmallEntity("un", "1", "Green Pine Associated Corp");
  const HitResult first = Observe(entity);
  const HitResult second = Observe(entity);
  EXPECT_EQ(first.outcome, HitOutcome::kOpened);
  EXPECT_EQ(second.outcome, HitOutcome::kOccurrence);
  EXPECT_EQ(first.alert_id, second.alert_id);
  auto alert = service_->GetAlert(first.alert_id);
  ASSERT_TRUE(alert);
  EXPECT_EQ(alert->occurrences, 2);
  EXPECT_DOUBLE_EQ(alert->best_score, 0.93);
  EXPECT_EQ(alert->events.size(), 2u);
}

TEST_P(ServiceStoreTest, FourEyesRefusesTheSameKeyAndTheSameUser) {
  const core::Entity entity = SmallEntity("un", "1", "Green Pine Associated Corp");
  const HitResult hit = Observe(entity);
  const Actor analyst{"key-a", "alice"};
  ASSERT_TRUE(service_->Dispose(hit.alert_id, Disposition::kFalsePositive, "other person",
                                analyst));
  EXPECT_EQ(service_->Approve(hit.alert_id, analyst).error().code, core::ErrorCode::kPermission);
  // Another key of the same user is still the same pair of eyes.
  EXPECT_EQ(service_->Approve(hit.alert_id, {"key-b", "alice"}).error().code,
            core::ErrorCode::kPermission);
  auto pending = service_->GetAlert(hit.alert_id);
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->state, "pending_approval");
  ASSERT_TRUE(service_->Approve(hit.alert_id, {"key-c", "bob"}));
  auto closed = service_->GetAlert(hit.alert_id);
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->state, "closed");
  EXPECT_EQ(closed->disposition, "false_positive");
  EXPECT_EQ(service_->Approve(hit.alert_id, {"key-c", "bob"}).error().code,
            core::ErrorCode::kConflict);
}

TEST_P(ServiceStoreTest, ApprovedFalsePositiveSuppressesUntilTheListingChanges) {
  core::Entity entity = SmallEntity("un", "1", "Green Pine Associated Corp");
  ASSERT_TRUE(store_->Import(MakeList("un", {entity}, "v1")));
  const HitResult hit = Observe(entity);
  ASSERT_TRUE(service_->Dispose(hit.alert_id, Disposition::kFalsePositive, "", {"a", "alice"}));
  ASSERT_TRUE(service_->Approve(hit.alert_id, {"b", "bob"}));
  EXPECT_EQ(Observe(entity).outcome, HitOutcome::kSuppressed);

  entity.listings[0].programs.push_back("DPRK3");
  ASSERT_TRUE(store_->Import(MakeList("un", {entity}, "v2")));
  const HitResult again = Observe(entity);
  EXPECT_EQ(again.outcome, HitOutcome::kReopened);
  EXPECT_NE(again.alert_id, hit.alert_id);
  auto alert = service_->GetAlert(again.alert_id);
  ASSERT_TRUE(alert);
  const auto changes = nlohmann::json::parse(alert->changes_json);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0]["field"], "listings[0].programs");
  EXPECT_EQ(changes[0]["new"], "DPRK3");
}

TEST_P(ServiceStoreTest, AuditChainVerifiesAndNamesTheFirstEditedEntry) {
  for (int idx = 0; idx < 4; ++idx) {
    ASSERT_TRUE(service_->AppendAudit("screening", "k1", "{\"n\":" + std::to_string(idx) + "}"));
  }
  auto intact = service_->VerifyAudit();
  ASSERT_TRUE(intact);
  EXPECT_EQ(intact->entries, 4);
  EXPECT_EQ(intact->first_broken, 0);
  Exec("UPDATE audit_log SET payload = '{\"n\":9}' WHERE seq = 3");
  auto broken = service_->VerifyAudit();
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->first_broken, 3);
  EXPECT_NE(broken->reason.find("changed"), std::string::npos);
}

TEST_P(ServiceStoreTest, AuditVerifyNamesADeletedEntry) {
  for (int idx = 0; idx < 3; ++idx) ASSERT_TRUE(service_->AppendAudit("decision", "k1", "{}"));
  Exec("DELETE FROM audit_log WHERE seq = 2");
  auto broken = service_->VerifyAudit();
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->first_broken, 3);
}

TEST_P(ServiceStoreTest, ListImportsAreAuditedInTheSameChain) {
  ASSERT_TRUE(store_->Import(MakeList("un", {SmallEntity("un", "1", "Green Pine")}, "v1")));
  ASSERT_TRUE(service_->AppendAudit("screening", "k1", "{}"));
  auto entries = service_->ExportAudit("");
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].kind, "import");
  EXPECT_NE((*entries)[0].payload.find("\"list_id\":\"un\""), std::string::npos);
  EXPECT_EQ((*entries)[1].prev_hash, (*entries)[0].hash);
  auto verdict = service_->VerifyAudit();
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->first_broken, 0);
}

TEST_P(ServiceStoreTest, KeyChangesAndDispositionsAreAudited) {
  auto created = service_->CreateKey(Role::kAdmin, "ops", "cli");
  ASSERT_TRUE(created);
  ASSERT_TRUE(service_->RevokeKey(created->key.key_id, "cli"));
  auto entries = service_->ExportAudit("");
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].kind, "key_created");
  EXPECT_EQ((*entries)[1].kind, "key_revoked");
  EXPECT_EQ((*entries)[1].prev_hash, (*entries)[0].hash);
  EXPECT_EQ((*entries)[0].payload.find(created->secret), std::string::npos);
}

// Two stores on one database (two servers): hits observed and entries appended from both at
// once open one alert per pair, count every occurrence, and leave one intact chain.
TEST_P(ServiceStoreTest, TwoStoresAtOnceOpenOneAlertPerPairAndKeepOneChain) {
  auto other = OpenService();
  ASSERT_NE(other, nullptr);
  const std::vector<core::Entity> entities = {SmallEntity("un", "1", "Green Pine"),
                                              SmallEntity("un", "2", "Korea Mining"),
                                              SmallEntity("un", "3", "Tanchon Bank")};
  constexpr int kThreadsPerStore = 2;
  constexpr int kRounds = 15;
  std::vector<std::thread> threads;
  for (int idx = 0; idx < 2 * kThreadsPerStore; ++idx) {
    ServiceStore& service = idx % 2 == 0 ? *service_ : *other;
    threads.emplace_back([&service, &entities, idx] {
      for (int round = 0; round < kRounds; ++round) {
        ObserveOn(service, entities[static_cast<std::size_t>(round + idx) % entities.size()]);
        EXPECT_TRUE(service.AppendAudit("screening", "k" + std::to_string(idx), "{}"));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  auto alerts = service_->ListAlerts({});
  ASSERT_TRUE(alerts);
  ASSERT_EQ(alerts->size(), entities.size());
  std::int64_t occurrences = 0;
  for (const Alert& alert : *alerts) occurrences += alert.occurrences;
  EXPECT_EQ(occurrences, 2 * kThreadsPerStore * kRounds);
  auto verdict = other->VerifyAudit();
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->entries, 2 * kThreadsPerStore * kRounds);
  EXPECT_EQ(verdict->first_broken, 0) << verdict->reason;
}

// Two approvers on two stores race for the same pending alerts: each alert is approved exactly
// once, the loser is told it is no longer pending, and every approval is in the chain.
TEST_P(ServiceStoreTest, ConcurrentApprovalsOnTwoStoresApproveEachAlertOnce) {
  auto other = OpenService();
  ASSERT_NE(other, nullptr);
  constexpr int kAlerts = 12;
  std::vector<core::Entity> entities;
  for (int idx = 0; idx < kAlerts; ++idx) {
    entities.push_back(SmallEntity("un", std::to_string(idx + 1), "Party " + std::to_string(idx)));
  }
  std::vector<std::int64_t> ids;
  for (const auto& entity : entities) {
    const HitResult hit = Observe(entity);
    ASSERT_TRUE(service_->Dispose(hit.alert_id, Disposition::kTrueMatch, "", {"ka", "alice"}));
    ids.push_back(hit.alert_id);
  }
  std::atomic<int> approved{0};
  std::atomic<int> conflicts{0};
  auto approve_all = [&](ServiceStore& service, Actor actor, bool reverse) {
    for (int idx = 0; idx < kAlerts; ++idx) {
      const auto id = ids[static_cast<std::size_t>(reverse ? kAlerts - 1 - idx : idx)];
      auto done = service.Approve(id, actor);
      if (done) {
        ++approved;
      } else {
        EXPECT_EQ(done.error().code, core::ErrorCode::kConflict) << done.error().ToString();
        ++conflicts;
      }
    }
  };
  std::thread first(approve_all, std::ref(*service_), Actor{"kb", "bob"}, false);
  std::thread second(approve_all, std::ref(*other), Actor{"kc", "carol"}, true);
  first.join();
  second.join();
  EXPECT_EQ(approved.load(), kAlerts);
  EXPECT_EQ(conflicts.load(), kAlerts);
  for (const auto id : ids) {
    auto alert = other->GetAlert(id);
    ASSERT_TRUE(alert);
    EXPECT_EQ(alert->state, "closed");
    int approvals = 0;
    for (const auto& event : alert->events) approvals += event.kind == "approval" ? 1 : 0;
    EXPECT_EQ(approvals, 1) << "alert " << id;
  }
  auto verdict = service_->VerifyAudit();
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->entries, 2 * kAlerts);  // the dispositions and the approvals
  EXPECT_EQ(verdict->first_broken, 0) << verdict->reason;
}

}  // namespace
}  // namespace redflag::store
