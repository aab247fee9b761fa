// `redflag pay check` in process, after load: generated pacs.008.001.08 messages with 4-6
// parties and agents each (a fixed seed; fictional customers, a few listed names and one listed
// BIC) over the real lists. Three rates in one run: parse only (the baseline), parse + decide
// without the free-text scan, and the whole check (parse + decide + free-text scan). Each
// benchmark checks its answers before timing: the generated set must hold blocked, review and
// clear messages.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "bench_data.h"
#include "index/snapshot.h"
#include "payments/checker.h"
#include "payments/message.h"
#include "rules/rule_set.h"

namespace {

using namespace redflag;

constexpr std::size_t kMessages = 500;

const char* const kClean[] = {
    "Acme Sensors Inc.",
    "Margarethe Vollmer",
    "Tulip Garden Supplies B.V.",
    "Harbour Light Logistics Limited",
    "Orchid Marine Pte Ltd",
    "Northwind Trading Ltd",
    "Desert Palm General Trading LLC",
    "Blue Fjord Seafood AS",
    "Maple Leaf Lumber Corp",
    "Juan Carlos Pereira",
    "Sakura Precision Tools KK",
    "Lakeside Security Integrators Co",
};
const char* const kListed[] = {
    "Hangzhou Hikvision Digital Technology Co., Ltd.",
    "Zhejiang Dahua Technology Co., Ltd.",
    "Islamic Republic of Iran Shipping Lines",
};
const char* const kRemittance[] = {
    "Invoice 2024-0042 spare parts",          "Order 5521 garden chairs and two parasols",
    "Freight charges container booking 4411", "Salary March",
    "Consulting fees Q2 per contract 17",
};

std::string Party(const char* element, const std::string& name, const char* country) {
  return std::string("<") + element + "><Nm>" + name + "</Nm><PstlAdr><Ctry>" + country +
         "</Ctry></PstlAdr></" + element + ">";
}

std::string Agent(const char* element, const std::string& bic) {
  return std::string("<") + element + "><FinInstnId><BICFI>" + bic + "</BICFI></FinInstnId></" +
         element + ">";
}

// One message: debtor, creditor, their agents (4 parties), and 0-2 of ultimate debtor and
// intermediary agent (up to 6). About 1 in 10 creditors is listed, 1 in 50 intermediaries is a
// listed bank's BIC.
std::string MakeMessage(std::mt19937& rng, std::size_t idx) {
  auto pick = [&rng](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const std::string creditor =
      pick(10) == 0 ? kListed[pick(std::size(kListed))] : kClean[pick(std::size(kClean))];
  std::string tx = "<CdtTrfTxInf><PmtId><EndToEndId>E" + std::to_string(idx) +
                   "</EndToEndId></PmtId><IntrBkSttlmAmt Ccy=\"USD\">" +
                   std::to_string(100 + pick(100000)) +
                   ".00</IntrBkSttlmAmt><IntrBkSttlmDt>2024-05-02</IntrBkSttlmDt>";
  if (pick(2) == 0) tx += Party("UltmtDbtr", kClean[pick(std::size(kClean))], "US");
  tx += Party("Dbtr", kClean[pick(std::size(kClean))], "US");
  tx += Agent("DbtrAgt", "EXMPUS33");
  if (pick(2) == 0) tx += Agent("IntrmyAgt1", pick(25) == 0 ? "KDBKKPPY" : "EXMPDEFF");
  tx += Agent("CdtrAgt", "EXMPCNSH");
  tx += Party("Cdtr", creditor, "CN");
  tx += std::string("<RmtInf><Ustrd>") + kRemittance[pick(std::size(kRemittance))] +
        "</Ustrd></RmtInf></CdtTrfTxInf>";
  return "<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
         "pacs.008.001.08\"><FIToFICstmrCdtTrf><GrpHdr><MsgId>BENCH-" +
         std::to_string(idx) +
         "</MsgId><CreDtTm>2024-05-02T08:00:00Z</CreDtTm><NbOfTxs>1"
         "</NbOfTxs></GrpHdr>" +
         tx + "</FIToFICstmrCdtTrf></Document>";
}

struct Loaded {
  std::unique_ptr<payments::PaymentChecker> checker;     // with the free-text scan
  std::unique_ptr<payments::PaymentChecker> names_only;  // without it
  std::vector<std::string> messages;
  std::string error;
};

Loaded& Load() {
  static Loaded* loaded = [] {
    auto* out = new Loaded();
    auto entities = bench::LoadAllLists();
    auto rules = rules::LoadRuleSet(rules::DefaultRulesDir());
    if (!entities || !rules) {
      out->error = "cannot load the lists or the rules";
      return out;
    }
    auto snapshot = index::Snapshot::Build(std::move(*entities));
    if (!snapshot) {
      out->error = snapshot.error().ToString();
      return out;
    }
    auto checker = payments::PaymentChecker::Make(*rules, *snapshot);
    auto names_only = payments::PaymentChecker::Make(*rules, *snapshot, {.scan_free_text = false});
    if (!checker || !names_only) {
      out->error = "cannot build the checker";
      return out;
    }
    out->checker = std::move(*checker);
    out->names_only = std::move(*names_only);
    std::mt19937 rng(17);
    for (std::size_t idx = 0; idx < kMessages; ++idx)
      out->messages.push_back(MakeMessage(rng, idx));
    return out;
  }();
  return *loaded;
}

// The generated set must decide blocked, review and clear (and parse whole) before it is timed.
bool AnswersLookRight(const Loaded& loaded) {
  std::size_t outcomes[5] = {};
  for (const std::string& text : loaded.messages) {
    auto message = payments::ParseIso20022(text);
    if (!message || message->parties.size() < 4 || message->parties.size() > 6) return false;
    auto result = loaded.checker->Check(std::move(*message));
    if (!result) return false;
    ++outcomes[static_cast<int>(result->decision.outcome)];
  }
  return outcomes[static_cast<int>(rules::Effect::kBlocked)] > 0 &&
         outcomes[static_cast<int>(rules::Effect::kReview)] > 0 &&
         outcomes[static_cast<int>(rules::Effect::kClear)] > 0;
}

void Run(benchmark::State& state, const payments::PaymentChecker* checker) {
  Loaded& loaded = Load();
  if (!loaded.error.empty()) {
    state.SkipWithError(loaded.error.c_str());
    return;
  }
  static const bool right = AnswersLookRight(loaded);
  if (!right) {
    state.SkipWithError("the generated messages do not decide blocked, review and clear");
    return;
  }
  std::size_t idx = 0;
  for (auto _ : state) {
    auto message = payments::ParseIso20022(loaded.messages[idx++ % loaded.messages.size()]);
    if (checker == nullptr) {
      benchmark::DoNotOptimize(message);
      continue;
    }
    auto result = checker->Check(std::move(*message));
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_PayParseOnly(benchmark::State& state) { Run(state, nullptr); }
void BM_PayParseDecide(benchmark::State& state) { Run(state, Load().names_only.get()); }
void BM_PayCheck(benchmark::State& state) { Run(state, Load().checker.get()); }

BENCHMARK(BM_PayParseOnly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PayParseDecide)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PayCheck)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
