// The two licence columns of an Entity List entry (Supplement No. 4 to 15 CFR part 744, as the
// trade.gov CSL carries them) parsed into a structure an item's ECCN can be checked against:
//
//   license_requirement  "For all items subject to the EAR. (See §744.11 of the EAR)"
//     -> scope (all items / all except stated exceptions / only when used in §746.5 projects),
//        the sections it cites, the foreign-direct-product paragraph it cites (§734.9(...) or
//        §736.2(b)(3)(vi)) and the footnote mark written after it ("734.9(g),3" -> 3). Which
//        footnote an unmarked paragraph means is rule data (export_scope.json, fdp_footnotes).
//   license_policy       "Case-by-case review for ECCNs 1A004.c, ...; presumption of denial for
//                         all other items subject to the EAR."
//     -> default review policy + exceptions by ECCN (sub-paragraphs included) or by category.
//
// Parsing never fails: what is not understood is kept verbatim and reported as kPartial or
// kUnparsed, and the rule engine turns that into a "review" finding with the raw text. Pure
// functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redflag::rules {

enum class ReviewPolicy : std::uint8_t {
  kPresumptionOfApproval,
  kCaseByCase,
  kPresumptionOfDenial,
  kPolicyOfDenial,
};
std::string_view ReviewPolicyName(ReviewPolicy policy);  // "case_by_case", ...
// Higher is stricter: approval < case-by-case < presumption of denial < policy of denial.
int Strictness(ReviewPolicy policy);

enum class ParseQuality : std::uint8_t { kFull, kPartial, kUnparsed };
std::string_view ParseQualityName(ParseQuality quality);  // "full", "partial", "unparsed"

enum class RequirementScope : std::uint8_t {
  kAllItems,      // all items subject to the EAR (possibly with stated exceptions)
  kSection746_5,  // only items for projects specified in 15 CFR 746.5
  kUnknown,
};

struct LicenseRequirement {
  RequirementScope scope = RequirementScope::kUnknown;
  // Stated exceptions to the scope, as category ids: "food_medicine_ear99",
  // "standards_organization_technology", "5a992c_5d992c", "ofac_general_license",
  // "uav_operation_technology", "hs_energy_products", "gov_exception".
  std::vector<std::string> exceptions;
  std::vector<std::string> sections;  // cited CFR sections as written: "744.11", "734.9(g)"
  int fdp_footnote = 0;     // the footnote mark written in the entry; 0 none (see file comment)
  std::string fdp_section;  // the FDP paragraph cited: "734.9(g)", "734.9(e)(2)", "736.2(b)(3)(vi)"
  ParseQuality quality = ParseQuality::kUnparsed;
  std::string raw;
};

struct PolicyException {
  ReviewPolicy policy = ReviewPolicy::kCaseByCase;
  std::vector<std::string> eccns;       // normalized ECCNs; an item matches if within one
  std::vector<std::string> categories;  // "note_to_1a995", "infectious_disease", "ccl",
                                        // "ear99", "advanced_node_semiconductor",
                                        // "usg_space_programs", "civil_aviation_safety"
};

struct LicensePolicy {
  std::optional<ReviewPolicy> default_policy;
  std::vector<PolicyException> exceptions;
  std::vector<std::string> references;  // "§§ 746.8(b) and 744.21(e)": cited, not interpreted
  ParseQuality quality = ParseQuality::kUnparsed;
  std::vector<std::string> unparsed_clauses;
  std::string raw;
};

LicenseRequirement ParseLicenseRequirement(std::string_view text);
LicensePolicy ParseLicensePolicy(std::string_view text);

// The review policy for one item. `eccn` is normalized ("" when unknown: only the default
// applies); `categories` are the item's stated categories. nullopt when the policy has no rule
// that covers the item (unparsed policy, or only exceptions that do not match).
struct PolicyAnswer {
  std::optional<ReviewPolicy> policy;
  std::string why;  // "1A004.c.1 is within 1A004.c: case-by-case", "default: presumption of denial"
};
PolicyAnswer PolicyForItem(const LicensePolicy& policy, std::string_view eccn,
                           const std::vector<std::string>& categories);

}  // namespace redflag::rules
