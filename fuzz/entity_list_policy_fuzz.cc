// Fuzzes the Entity List licence-column parsers: the input is split at the first NUL into a
// licence requirement and a licence policy; an ECCN is taken from the first line of the policy
// when it parses. Checks the parser's own contract: a full or partial parse has at least one
// policy; an unparsed one gives no answer; ParseLicensePolicy is deterministic.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rules/license_policy.h"
#include "rules/transaction.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = text.find('\0');
  const std::string_view requirement_text = text.substr(0, nul);
  const std::string_view policy_text =
      nul == std::string_view::npos ? std::string_view() : text.substr(nul + 1);
  const auto requirement = redflag::rules::ParseLicenseRequirement(requirement_text);
  if (requirement.raw != requirement_text) std::abort();
  // The footnote mark after an FDP section (or "footnote N") is one or two digits.
  if (requirement.fdp_footnote < 0 || requirement.fdp_footnote > 99) std::abort();
  const auto policy = redflag::rules::ParseLicensePolicy(policy_text);
  const bool has_policy = policy.default_policy.has_value() || !policy.exceptions.empty();
  if ((policy.quality == redflag::rules::ParseQuality::kUnparsed) == has_policy) std::abort();
  const std::string eccn =
      redflag::rules::NormalizeEccn(policy_text.substr(0, policy_text.find('\n'))).value_or("");
  const auto answer = redflag::rules::PolicyForItem(policy, eccn, {"ear99"});
  if (!has_policy && answer.policy) std::abort();
  const auto again = redflag::rules::ParseLicensePolicy(policy_text);
  if (again.default_policy != policy.default_policy || again.quality != policy.quality) {
    std::abort();
  }
  return 0;
}
