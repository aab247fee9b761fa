// `redflag demo`: the quick-start job. Imports the lists it can find (the real ones beside the
// checkout, or the hand-written sample in data/sample when they are missing, or the directories
// given), screens a few messy names and decides the sample transaction, explaining each step.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/app.h"
#include "rules/decision.h"
#include "rules/transaction.h"

namespace redflag::cli {
namespace {

namespace fs = std::filesystem;

struct DemoArgs {
  std::vector<std::string> paths;
};

std::vector<std::string> DefaultPaths(bool quiet) {
  const fs::path source = REDFLAG_SOURCE_DIR;
  const fs::path shared = source.parent_path() / "shared" / "data";
  std::vector<std::string> paths;
  if (fs::is_directory(shared / "lists")) {
    paths.push_back((shared / "lists").string());
    if (fs::is_directory(shared / "ieee-oui")) paths.push_back((shared / "ieee-oui").string());
    if (!quiet) std::cout << "Using the real lists in " << shared.string() << "\n";
  } else {
    paths.push_back((source / "data" / "sample").string());
    if (!quiet) {
      std::cout << "Real lists not found beside the checkout; using the embedded sample "
                   "(data/sample, written by hand from public facts).\n";
    }
  }
  return paths;
}

const char* const kDemoNames[] = {
    "HIK-VISION DIGITAL TECH CO LTD",
    "Zhejiang Dahua Technology Co., Ltd.",
    "Xinjiang Public Security Bureau",
    "iFlytek",
    "Northwind Security Distributors Ltd",
};

int Screen(const engine::Generation& data) {
  std::cout << "\n== 2. Screening messy names (alert threshold "
            << fmt::format("{:.2f}", match::kDefaultThreshold) << ")\n";
  for (const char* name : kDemoNames) {
    auto hits = data.screener->Screen(match::Query{.name = name}, {.limit = 3});
    if (!hits) return ReportError(hits.error());
    std::cout << fmt::format("\n\"{}\": {} hit{}\n", name, hits->size(),
                             hits->size() == 1 ? "" : "s");
    for (const match::Hit& hit : *hits) {
      std::string lists;
      for (const std::string& list : hit.lists) lists += (lists.empty() ? "" : "; ") + list;
      std::cout << fmt::format("  {:.3f}  {}  [{}]  matched \"{}\"\n         {}\n", hit.score,
                               hit.entity->primary_name(), hit.entity->id,
                               hit.explanation.matched_name, lists);
    }
  }
  return 0;
}

int Decide(const engine::Generation& data) {
  const fs::path file = fs::path(REDFLAG_SOURCE_DIR) / "data" / "sample" / "transaction.json";
  std::ifstream in(file);
  if (!in) {
    return ReportError(core::MakeError(core::ErrorCode::kNotFound, "sample transaction missing",
                                       core::Location{.file = file.string()}));
  }
  std::stringstream text;
  text << in.rdbuf();
  std::cout << "\n== 3. Deciding the sample transaction (" << file.string() << ")\n"
            << text.str() << "\n";
  auto transaction = rules::ParseTransaction(text.str());
  if (!transaction) return ReportError(transaction.error());
  auto decision = data.decider->Decide(*transaction, std::nullopt);
  if (!decision) return ReportError(decision.error());
  std::cout << rules::DecisionToText(*decision) << "\n";
  return 0;
}

}  // namespace

void RegisterDemoCommand(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* demo = app.add_subcommand(
      "demo",
      "The quick start: import the lists it can find (../shared/data beside the checkout, else the "
      "embedded sample, or the directories given), screen a few names, decide a sample "
      "transaction.");
  demo->add_option("paths", args->paths, "List directories or files to import instead");
  demo->callback([&global, &exit_code, args]() {
    std::cout << "redflag demo — data directory " << ResolveDataDir(global).string() << "\n"
              << "\n== 1. Importing lists\n";
    const std::vector<std::string> paths =
        args->paths.empty() ? DefaultPaths(global.quiet) : args->paths;
    if (const int code = ImportPaths(global, paths); code != 0) {
      std::cerr << "redflag: some lists failed to import (above); the demo goes on with what is "
                   "active\n";
    }
    auto engine = OpenEngine(global, {.decider = true});
    if (!engine) {
      exit_code = ReportError(engine.error());
      return;
    }
    const auto data = (*engine)->Current();
    exit_code = Screen(*data);
    if (exit_code == 0) exit_code = Decide(*data);
    if (exit_code == 0) {
      std::cout << "\nNext: `redflag screen \"<name>\"`, `redflag decide <transaction.json>`, "
                   "`redflag lists status`; `redflag --help` lists every command.\n";
    }
  });
}

}  // namespace redflag::cli
