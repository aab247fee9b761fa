// Runs the transaction scenarios through the engine over the REAL lists, checking what a
// compliance officer expects, exactly as ../shared/scenarios/check.py does through the CLI:
//   - ../shared/scenarios/*.json          (REDFLAG_DATA_DIR/../scenarios)
//   - tests/cases/decide/*.json           (our own cases, same format; REDFLAG_SOURCE_DIR)
// The lists are read with the sources parsers (sources::Discover + Parse over
// REDFLAG_DATA_DIR/lists and REDFLAG_DATA_DIR/ieee-oui), indexed, and screened with the real
// matcher. Expectation keys: outcome, not_outcome, findings [{list, effect?}], review_policy, and
// our own no_findings [{list, effect?}] (no finding may match) and contains [text] (each text
// must occur in some string of the decision, e.g. a reason or citation); check.py ignores both.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "index/snapshot.h"
#include "rules/decider_factory.h"
#include "rules/decision.h"
#include "rules/rule_set.h"
#include "rules/transaction.h"
#include "sources/registry.h"

namespace redflag::rules {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Lower(std::string text) {
  for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return text;
}

void Walk(const json& node, std::vector<const json*>& out) {
  if (node.is_object()) {
    out.push_back(&node);
    for (const auto& [key, value] : node.items()) Walk(value, out);
  } else if (node.is_array()) {
    for (const auto& value : node) Walk(value, out);
  }
}

// The checks of check.py; returns the problems found.
std::vector<std::string> Check(const json& decision, const json& expect) {
  std::vector<std::string> problems;
  const std::string outcome = decision.value("outcome", "");
  if (expect.contains("outcome")) {
    const auto& allowed = expect["outcome"];
    if (std::find(allowed.begin(), allowed.end(), outcome) == allowed.end()) {
      problems.push_back("outcome " + outcome + ", expected one of " + allowed.dump());
    }
  }
  if (expect.contains("not_outcome")) {
    const auto& wrong = expect["not_outcome"];
    if (std::find(wrong.begin(), wrong.end(), outcome) != wrong.end()) {
      problems.push_back("outcome " + outcome + " is wrong here");
    }
  }
  std::vector<const json*> objects;
  Walk(decision, objects);
  for (const auto& want : expect.value("findings", json::array())) {
    const std::string list = Lower(want["list"].get<std::string>());
    const bool found = std::any_of(objects.begin(), objects.end(), [&](const json* object) {
      if (!object->contains("list") || !(*object)["list"].is_string()) return false;
      if (Lower((*object)["list"].get<std::string>()).find(list) == std::string::npos) return false;
      return !want.contains("effect") ||
             (object->contains("effect") && (*object)["effect"] == want["effect"]);
    });
    if (!found) problems.push_back("no finding " + want.dump());
  }
  // Our own key (check.py ignores it): no finding may match, e.g. a listing not in force yet.
  for (const auto& unwanted : expect.value("no_findings", json::array())) {
    const std::string list = Lower(unwanted["list"].get<std::string>());
    const bool found = std::any_of(objects.begin(), objects.end(), [&](const json* object) {
      if (!object->contains("list") || !(*object)["list"].is_string()) return false;
      if (Lower((*object)["list"].get<std::string>()).find(list) == std::string::npos) return false;
      return !unwanted.contains("effect") ||
             (object->contains("effect") && (*object)["effect"] == unwanted["effect"]);
    });
    if (found) problems.push_back("unexpected finding " + unwanted.dump());
  }
  for (const auto& text : expect.value("contains", json::array())) {
    const std::string wanted = text.get<std::string>();
    bool found = false;
    std::vector<const json*> strings = {&decision};
    while (!strings.empty() && !found) {
      const json* node = strings.back();
      strings.pop_back();
      if (node->is_string()) {
        found = node->get<std::string>().find(wanted) != std::string::npos;
      } else if (node->is_structured()) {
        for (const auto& child : *node) strings.push_back(&child);
      }
    }
    if (!found) problems.push_back("no text containing \"" + wanted + "\"");
  }
  if (expect.contains("review_policy")) {
    const auto& policies = expect["review_policy"];
    const bool found = std::any_of(objects.begin(), objects.end(), [&](const json* object) {
      return object->contains("review_policy") &&
             std::find(policies.begin(), policies.end(), (*object)["review_policy"]) !=
                 policies.end();
    });
    if (!found) problems.push_back("no review_policy in " + policies.dump());
  }
  return problems;
}

class Scenarios : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* data_dir = std::getenv("REDFLAG_DATA_DIR");
    if (data_dir == nullptr) return;
    // One version per list (the first format Discover offers), as an import would keep.
    std::vector<sources::ParsedList> loaded;
    auto entities = sources::LoadLists(
        {fs::path(data_dir) / "lists", fs::path(data_dir) / "ieee-oui"}, &loaded);
    if (!entities) {
      load_error_ = entities.error().ToString();
      return;
    }
    auto snapshot = index::Snapshot::Build(std::move(*entities));
    if (!snapshot) {
      load_error_ = snapshot.error().ToString();
      return;
    }
    auto rules = LoadRuleSet(DefaultRulesDir());
    if (!rules) {
      load_error_ = rules.error().ToString();
      return;
    }
    // The list versions as `redflag decide` reports them (no store here: version 0).
    DeciderOptions options;
    for (const sources::ParsedList& list : loaded) {
      options.list_versions.push_back(ListUsed{.list_id = list.list_id, .published = list.published});
    }
    auto decider = MakeDecider(std::move(*rules), *snapshot, options);
    if (!decider) {
      load_error_ = decider.error().ToString();
      return;
    }
    decider_ = std::move(*decider).release();
  }
  static void TearDownTestSuite() {
    delete decider_;
    decider_ = nullptr;
  }

  static void RunDirectory(const fs::path& dir, std::size_t min_files) {
    ASSERT_NE(decider_, nullptr) << "lists not loaded: " << load_error_;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    ASSERT_GE(files.size(), min_files) << dir;
    for (const fs::path& file : files) {
      std::ifstream in(file);
      const json scenario = json::parse(in);
      auto tx = TransactionFromJson(scenario["transaction"]);
      ASSERT_TRUE(tx) << file << ": " << tx.error().ToString();
      std::optional<core::PartialDate> as_of;
      if (scenario.contains("as_of")) as_of = core::ParseDate(scenario["as_of"].get<std::string>());
      auto decision = decider_->Decide(*tx, as_of);
      ASSERT_TRUE(decision) << file << ": " << decision.error().ToString();
      const json out = json::parse(DecisionToJson(*decision));
      const auto problems = Check(out, scenario["expect"]);
      std::string joined;
      for (const auto& problem : problems) joined += "\n  " + problem;
      EXPECT_TRUE(problems.empty())
          << file.filename() << " (" << scenario.value("title", "") << "):" << joined
          << "\n  explanation: " << decision->explanation;
    }
  }

  static inline Decider* decider_ = nullptr;
  static inline std::string load_error_;
};

TEST_F(Scenarios, SharedScenariosPass) {
  const char* data_dir = std::getenv("REDFLAG_DATA_DIR");
  ASSERT_NE(data_dir, nullptr) << "set REDFLAG_DATA_DIR to ../shared/data";
  RunDirectory(fs::path(data_dir) / ".." / "scenarios", 13);
}

TEST_F(Scenarios, OwnDecisionCasesPass) {
  const char* source_dir = std::getenv("REDFLAG_SOURCE_DIR");
  const fs::path root = source_dir != nullptr ? fs::path(source_dir) : fs::path(REDFLAG_SOURCE_DIR);
  RunDirectory(root / "tests" / "cases" / "decide", 15);
}

}  // namespace
}  // namespace redflag::rules
