// The outcomes of a holdings check and what each means, with its citation, read from
// data/holdings/holdings_rules.json (rules are data, docs/holdings_devices.md).
//
// Loading is strict: a missing outcome, an unknown key or a wrong type fails with kValidation
// naming the file and the JSON path. Immutable after loading; share between threads.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "rules/cmic_dates.h"

namespace redflag::holdings {

// Ordered by severity: a holding's outcome is its most severe finding.
enum class Outcome : std::uint8_t {
  kClear,
  kReview,
  kDivestBy,
  kMustNotHold,
  kProhibitedPurchase,
  kBlocked,
};
inline constexpr std::size_t kOutcomeCount = 6;
std::string_view OutcomeName(Outcome outcome);  // "clear", "review", "divest_by", ...
std::optional<Outcome> ParseOutcome(std::string_view name);

struct OutcomeText {
  std::string meaning;
  std::string action;
  std::string citation;
};

struct HoldingsRules {
  std::vector<std::string> cmic_lists;      // Listing.list_code values of NS-CMIC
  std::vector<std::string> blocking_lists;  // list codes whose entries are blocked (SDN)
  double ownership_threshold_percent = 50;
  std::array<OutcomeText, kOutcomeCount> outcomes;
  // NS-CMIC dates for entries that state only a listing date: the same terms `redflag decide`
  // uses, read by LoadHoldingsRules from data/rules/cmic.json beside the holdings directory
  // (defaults = EO 14032 sec. 1 when that file is absent).
  rules::CmicTerms cmic_terms;

  const OutcomeText& Text(Outcome outcome) const {
    return outcomes[static_cast<std::size_t>(outcome)];
  }
};

core::Result<HoldingsRules> ParseHoldingsRules(std::string_view json_text, std::string_view file);
core::Result<HoldingsRules> LoadHoldingsRules(const std::filesystem::path& file);
// <dir of the rules>/../holdings/holdings_rules.json: beside data/rules (see rules::DefaultRulesDir).
std::filesystem::path DefaultHoldingsRulesFile();

}  // namespace redflag::holdings
