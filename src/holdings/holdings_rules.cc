#include "holdings/holdings_rules.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "rules/rule_set.h"

namespace redflag::holdings {
namespace {

constexpr std::array<std::string_view, kOutcomeCount> kOutcomeNames = {
    "clear", "review", "divest_by", "must_not_hold", "prohibited_purchase", "blocked"};

core::Error Bad(std::string_view file, std::string path, std::string message) {
  return core::MakeError(core::ErrorCode::kValidation, std::move(message),
                         core::Location{.file = std::string(file), .field = std::move(path)});
}

core::Result<std::string> StringAt(const nlohmann::json& object, const char* key,
                                   std::string_view file, const std::string& path) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return Bad(file, path + "." + key, "expected a string");
  }
  return it->get<std::string>();
}

core::Result<std::vector<std::string>> Strings(const nlohmann::json& value, std::string_view file,
                                               const std::string& path) {
  std::vector<std::string> out;
  if (!value.is_array()) return Bad(file, path, "expected an array of strings");
  for (const auto& item : value) {
    if (!item.is_string()) return Bad(file, path, "expected an array of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

core::Status ReadOutcomes(const nlohmann::json& value, std::string_view file,
                          HoldingsRules& rules) {
  if (!value.is_object()) return Bad(file, "outcomes", "expected an object");
  for (const auto& [name, text] : value.items()) {
    const auto outcome = ParseOutcome(name);
    const std::string path = "outcomes." + name;
    if (!outcome) return Bad(file, path, "unknown outcome");
    if (!text.is_object() || text.size() != 3) {
      return Bad(file, path, "expected {meaning, action, citation}");
    }
    OutcomeText& out = rules.outcomes[static_cast<std::size_t>(*outcome)];
    for (auto [key, target] : {std::pair{"meaning", &out.meaning},
                               std::pair{"action", &out.action},
                               std::pair{"citation", &out.citation}}) {
      auto string = StringAt(text, key, file, path);
      if (!string) return string.error();
      *target = std::move(*string);
    }
  }
  for (std::size_t idx = 0; idx < kOutcomeCount; ++idx) {
    if (rules.outcomes[idx].meaning.empty()) {
      return Bad(file, fmt::format("outcomes.{}", kOutcomeNames[idx]), "missing");
    }
  }
  return core::Ok();
}

}  // namespace

std::string_view OutcomeName(Outcome outcome) {
  return kOutcomeNames[static_cast<std::size_t>(outcome)];
}

std::optional<Outcome> ParseOutcome(std::string_view name) {
  for (std::size_t idx = 0; idx < kOutcomeNames.size(); ++idx) {
    if (kOutcomeNames[idx] == name) return static_cast<Outcome>(idx);
  }
  return std::nullopt;
}

core::Result<HoldingsRules> ParseHoldingsRules(std::string_view json_text, std::string_view file) {
  const nlohmann::json root = nlohmann::json::parse(json_text, nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    return Bad(file, "", "not a JSON object");
  }
  HoldingsRules rules;
  for (const auto& [key, value] : root.items()) {
    if (key.starts_with("_")) continue;
    if (key == "cmic_lists" || key == "blocking_lists") {
      auto strings = Strings(value, file, key);
      if (!strings) return strings.error();
      (key == "cmic_lists" ? rules.cmic_lists : rules.blocking_lists) = std::move(*strings);
    } else if (key == "ownership_threshold_percent") {
      if (!value.is_number() || value.get<double>() <= 0 || value.get<double>() > 100) {
        return Bad(file, key, "expected a number in (0, 100]");
      }
      rules.ownership_threshold_percent = value.get<double>();
    } else if (key == "outcomes") {
      if (auto status = ReadOutcomes(value, file, rules); !status) return status.error();
    } else {
      return Bad(file, key, "unknown key");
    }
  }
  if (rules.cmic_lists.empty()) return Bad(file, "cmic_lists", "missing or empty");
  if (rules.outcomes[0].meaning.empty()) return Bad(file, "outcomes", "missing");
  return rules;
}

core::Result<HoldingsRules> LoadHoldingsRules(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return core::MakeError(core::ErrorCode::kNotFound, "cannot open the holdings rule file",
                           core::Location{.file = file.string()});
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto rules = ParseHoldingsRules(text.str(), file.string());
  if (!rules) return rules;
  // One source for the CMIC terms: the decision rules' cmic.json, when it is where it belongs.
  const std::filesystem::path cmic = file.parent_path().parent_path() / "rules" / "cmic.json";
  if (std::filesystem::exists(cmic)) {
    std::ifstream cmic_in(cmic, std::ios::binary);
    std::ostringstream cmic_text;
    cmic_text << cmic_in.rdbuf();
    auto set = rules::ParseRuleSet({{cmic.string(), cmic_text.str()}});
    if (!set) return set.error();
    rules->cmic_terms = set->cmic_terms;
  }
  return rules;
}

std::filesystem::path DefaultHoldingsRulesFile() {
  std::filesystem::path dir = rules::DefaultRulesDir();
  if (!dir.has_filename()) dir = dir.parent_path();  // "data/rules/" from the environment
  return dir.parent_path() / "holdings" / "holdings_rules.json";
}

}  // namespace redflag::holdings
