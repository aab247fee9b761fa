// `redflag worker --nats URL[,URL…] [--stream PAYMENTS]`: decides payment messages from NATS
// JetStream until SIGINT/SIGTERM (src/stream/worker.h, docs/payments.md "Streams"). Decisions are
// stored by message id in the data directory (payment_decisions.db); lists imported meanwhile
// are picked up by a reload poll.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <iostream>
#include <mutex>
#include <thread>

#include "cli/app.h"
#include "payments/checker.h"
#include "rules/rule_set.h"
#include "stream/decision_store.h"
#include "stream/worker.h"

namespace redflag::cli {
namespace {

struct WorkerArgs {
  std::string nats;
  std::string stream = "PAYMENTS";
  std::string durable = "redflag-workers";
  std::string subject_prefix = "payments";
  int replicas = 1;
  int threads = 2;
  int batch = 32;
  double ack_wait_s = 30;
  double reload_every_s = 30;
  double stats_every_s = 10;
  std::string decisions;
  std::string rules_dir;
  std::string name;
  std::uint64_t crash_after_stored = 0;
};

std::string DefaultName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

// The checker of the engine's current generation, rebuilt when the generation changes.
class Checkers {
 public:
  Checkers(engine::Engine& engine, rules::RuleSet rules) : engine_(engine), rules_(std::move(rules)) {}

  std::shared_ptr<const payments::PaymentChecker> Current() {
    const auto generation = engine_.Current();
    if (generation == nullptr) return nullptr;
    std::lock_guard lock(mutex_);
    if (checker_ == nullptr || number_ != generation->number) {
      auto made = payments::PaymentChecker::Make(rules_, generation->snapshot, {},
                                                 generation->screener);
      if (!made) return checker_;  // keep deciding on the lists that worked
      checker_ = std::move(*made);
      number_ = generation->number;
    }
    return checker_;
  }

 private:
  engine::Engine& engine_;
  rules::RuleSet rules_;
  std::mutex mutex_;
  std::shared_ptr<const payments::PaymentChecker> checker_;
  std::uint64_t number_ = 0;
};

int Run(const GlobalOptions& global, const WorkerArgs& args) {
  auto rule_set = rules::LoadRuleSet(
      args.rules_dir.empty() ? rules::DefaultRulesDir() : std::filesystem::path(args.rules_dir));
  if (!rule_set) {
    core::Error error = rule_set.error();
    if (error.code == core::ErrorCode::kInvalidArgument) error.code = core::ErrorCode::kValidation;
    return ReportError(error);
  }
  auto engine = OpenEngine(global, {.unscreened_lists = false});
  if (!engine) return ReportError(engine.error());
  const std::filesystem::path decisions_path =
      args.decisions.empty() ? ResolveDataDir(global) / stream::kDecisionsFile
                             : std::filesystem::path(args.decisions);
  auto store = stream::OpenSqliteDecisionStore(decisions_path);
  if (!store) return ReportError(store.error());
  Checkers checkers(**engine, std::move(*rule_set));
  if (checkers.Current() == nullptr) {
    return ReportError(core::MakeError(core::ErrorCode::kConflict, "no lists to decide with"));
  }

  stream::WorkerOptions options;
  options.nats_urls = args.nats;
  options.layout.stream = args.stream;
  options.layout.durable = args.durable;
  options.layout.subject_prefix = args.subject_prefix;
  options.layout.replicas = args.replicas;
  options.layout.ack_wait = std::chrono::milliseconds(static_cast<int64_t>(args.ack_wait_s * 1000));
  options.threads = args.threads;
  options.batch = args.batch;
  options.name = args.name.empty() ? DefaultName() : args.name;
  options.crash_after_stored = args.crash_after_stored;
  options.log = global.quiet ? nullptr : &std::cerr;
  options.stats_every = std::chrono::seconds(static_cast<int64_t>(args.stats_every_s));
  stream::Worker worker(options, **store, [&checkers] { return checkers.Current(); });

  // SIGINT/SIGTERM are taken by one thread that sets `stop`; the worker finishes its batches.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::atomic<bool> stop{false};
  std::thread watcher([&signals, &stop] {
    int received = 0;
    sigwait(&signals, &received);
    stop = true;
  });
  std::thread reloader([&stop, &engine, every = args.reload_every_s] {
    auto next = std::chrono::steady_clock::now() + std::chrono::duration<double>(every);
    while (!stop.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (every <= 0 || std::chrono::steady_clock::now() < next) continue;
      (void)(*engine)->Reload(engine::ReloadMode::kIfChanged);  // a failed reload keeps the lists
      next = std::chrono::steady_clock::now() + std::chrono::duration<double>(every);
    }
  });
  const core::Status ran = worker.Run(stop);
  stop = true;
  pthread_kill(watcher.native_handle(), SIGTERM);  // wake the watcher if Run ended on its own
  watcher.join();
  reloader.join();
  if (!ran) return ReportError(ran.error());
  std::cout << worker.stats().ToJson() << "\n";
  return kExitOk;
}

}  // namespace

void RegisterWorkerCommand(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<WorkerArgs>();
  CLI::App* cmd = app.add_subcommand(
      "worker",
      "Decide payment messages from NATS JetStream until SIGINT/SIGTERM: pull from payments.in\n"
      "(one durable consumer group for all workers), publish each decision to payments.decided,\n"
      "held and review messages to payments.held, undecidable ones to payments.dead; ack only\n"
      "after the decision is stored (by message id, so a redelivery is never decided twice).\n"
      "  redflag worker --nats nats://10.0.0.1:4222,nats://10.0.0.2:4222 --stream PAYMENTS\n"
      "Publishers set Nats-Msg-Id to the message id. See docs/payments.md and "
      "docs/architecture.md.");
  cmd->add_option("--nats", args->nats, "NATS server URLs, comma separated")->required();
  cmd->add_option("--stream", args->stream,
                  "Inbound stream (default PAYMENTS); outputs are <stream>_DECIDED, _HELD, _DEAD");
  cmd->add_option("--subjects", args->subject_prefix,
                  "Subject prefix: <prefix>.in, .decided, .held, .dead (default payments)");
  cmd->add_option("--durable", args->durable, "Consumer group name (default redflag-workers)");
  cmd->add_option("--replicas", args->replicas,
                  "Replicas of the streams this worker creates when missing (default 1)")
      ->check(CLI::Range(1, 5));
  cmd->add_option("--threads", args->threads, "Pull loops, one core each (default 2)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--batch", args->batch, "Messages per fetch (default 32)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--ack-wait", args->ack_wait_s,
                  "Seconds before an unacknowledged message goes to another worker, when this "
                  "worker creates the consumer (default 30)")
      ->check(CLI::Range(0.1, 3600.0));
  cmd->add_option("--decisions", args->decisions,
                  "Decision store (default: payment_decisions.db in the data directory)");
  cmd->add_option("--rules", args->rules_dir, "Rule files directory (default: data/rules)");
  cmd->add_option("--name", args->name, "Worker name in headers and the store (default host:pid)");
  cmd->add_option("--reload-every", args->reload_every_s,
                  "Seconds between checks for newly imported lists (default 30, 0 = never)");
  cmd->add_option("--stats-every", args->stats_every_s,
                  "Seconds between stats lines on stderr (default 10, 0 = never)");
  // Failure testing only (tests/e2e/test_worker.py): exit as if killed right after storing.
  cmd->add_option("--crash-after-stored", args->crash_after_stored)->group("");
  cmd->callback([&global, &exit_code, args]() { exit_code = Run(global, *args); });
}

}  // namespace redflag::cli
