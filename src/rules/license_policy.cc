#include "rules/license_policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "rules/transaction.h"

namespace redflag::rules {
namespace {

// Lower case, typographic quotes and the section sign kept, runs of white space collapsed, and
// the source's own typos repaired ("semiconducto rs", "casa-by-case", "subjects to").
std::string Normalize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const unsigned char ch = static_cast<unsigned char>(text[pos]);
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(ch));
  }
  const std::array<std::pair<std::string_view, std::string_view>, 7> kFixes = {{
      {"semiconducto rs", "semiconductors"},
      {"casa-by-case", "case-by-case"},
      {"case by case", "case-by-case"},
      {"subjects to", "subject to"},
      {"u.s. ", "us "},
      {"presumption of  approval", "presumption of approval"},
      {"part§", "§"},
  }};
  for (const auto& [from, to] : kFixes) {
    for (std::size_t at = out.find(from); at != std::string::npos; at = out.find(from, at)) {
      out.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return out;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == ',' || text.front() == '.')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == ',' || text.back() == '.')) {
    text.remove_suffix(1);
  }
  return text;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Cited sections: "744.11", "736.2(b)(3)(vi)", "734.9(g)".
std::vector<std::string> Sections(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[pos])) ||
        (pos > 0 && std::isalnum(static_cast<unsigned char>(text[pos - 1])))) {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end - pos != 3 || end >= text.size() || text[end] != '.' || end + 1 >= text.size() ||
        !std::isdigit(static_cast<unsigned char>(text[end + 1]))) {
      pos = end;
      continue;
    }
    ++end;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    // Paragraph designations, possibly with a space before them: "744.2 (d)".
    while (true) {
      std::size_t probe = end;
      if (probe < text.size() && text[probe] == ' ') ++probe;
      if (probe >= text.size() || text[probe] != '(') break;
      const std::size_t close = text.find(')', probe);
      if (close == std::string_view::npos || close - probe > 6) break;
      bool alnum = close > probe + 1;
      for (std::size_t idx = probe + 1; idx < close; ++idx) {
        alnum = alnum && std::isalnum(static_cast<unsigned char>(text[idx]));
      }
      if (!alnum) break;
      end = close + 1;
    }
    std::string section;
    for (std::size_t idx = pos; idx < end; ++idx) {
      if (text[idx] != ' ') section += text[idx];
    }
    if (std::find(out.begin(), out.end(), section) == out.end()) out.push_back(section);
    pos = end;
  }
  return out;
}

// The policy phrase a clause starts with, and the length of the phrase.
std::optional<std::pair<ReviewPolicy, std::size_t>> LeadingPolicy(std::string_view clause) {
  static constexpr std::array<std::pair<std::string_view, ReviewPolicy>, 5> kPhrases = {{
      {"presumption of denial", ReviewPolicy::kPresumptionOfDenial},
      {"policy of denial", ReviewPolicy::kPolicyOfDenial},
      {"presumption of approval", ReviewPolicy::kPresumptionOfApproval},
      {"case-by-case", ReviewPolicy::kCaseByCase},
      {"case-by case", ReviewPolicy::kCaseByCase},
  }};
  for (const auto& [phrase, policy] : kPhrases) {
    if (StartsWith(clause, phrase)) return std::pair{policy, phrase.size()};
  }
  return std::nullopt;
}

// ECCNs named in "for eccns 1a004.c, 1a004.d, 1a995, and 2e983" (text after "eccns").
std::vector<std::string> EccnList(std::string_view text) {
  std::vector<std::string> out;
  std::string token;
  auto flush = [&] {
    while (!token.empty() && token.back() == '.') token.pop_back();
    if (auto eccn = NormalizeEccn(token); eccn && *eccn != "EAR99") out.push_back(*eccn);
    token.clear();
  };
  for (const char ch : text) {
    if (ch == ',' || ch == ' ') {
      flush();
    } else {
      token += ch;
    }
  }
  flush();
  return out;
}

// Classifies the scope words after the policy phrase. Returns false when not understood.
bool ClassifyScope(std::string_view rest, bool& is_default, PolicyException& exception) {
  rest = Trim(rest);
  for (std::string_view filler : {"review", "basis", "for licenses"}) {
    if (StartsWith(rest, filler)) rest = Trim(rest.substr(filler.size()));
  }
  static constexpr std::array<std::string_view, 6> kDefaults = {
      "",
      "for all other items subject to the ear",
      "for all other items",
      "for all items subject to the ear",
      "for all items",
      "for all other items subject to ear"};
  if (std::find(kDefaults.begin(), kDefaults.end(), rest) != kDefaults.end()) {
    is_default = true;
    return true;
  }
  is_default = false;
  if (StartsWith(rest, "for eccns") || StartsWith(rest, "for eccn")) {
    std::string_view list = rest.substr(rest.find("eccn") + 4);
    if (!list.empty() && list.front() == 's') list.remove_prefix(1);
    constexpr std::string_view kNote = "for ear99 items described in the note to eccn 1a995";
    if (const auto at = list.find(kNote); at != std::string_view::npos) {
      exception.categories.push_back("note_to_1a995");
      list = list.substr(0, at);
    }
    exception.eccns = EccnList(list);
    return !exception.eccns.empty();
  }
  // The Note to ECCN 1A995 describes some EAR99 items; a clause about them must never read as
  // "for EAR99 items" (which would make every EAR99 item case-by-case).
  if (StartsWith(rest, "for ear99 items described in the note to")) {
    if (rest.find("1a995") == std::string_view::npos) return false;
    exception.categories.emplace_back("note_to_1a995");
    return true;
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kCategories = {{
      {"for items necessary to detect, identify and treat infectious disease",
       "infectious_disease"},
      {"for all items listed on the ccl", "ccl"},
      {"for all items on the ccl", "ccl"},
      {"for ear99 items", "ear99"},
      {"for ear99", "ear99"},
      {"for items uniquely required for production of semiconductors at advanced technology "
       "nodes",
       "advanced_node_semiconductor"},
      {"for us government supported space programs", "usg_space_programs"},
      {"for the safety of civil aviation of aircraft", "civil_aviation_safety"},
  }};
  for (const auto& [phrase, category] : kCategories) {
    if (StartsWith(rest, phrase)) {
      exception.categories.emplace_back(category);
      return true;
    }
  }
  return false;
}

// Splits on ';' and on a '.' that ends a sentence (followed by a space or the end), so that
// "1A004.c" and "744.21(e)" stay whole.
std::vector<std::string> Clauses(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char ch = text[pos];
    const bool sentence_end = ch == '.' && (pos + 1 == text.size() || text[pos + 1] == ' ');
    if (ch == ';' || sentence_end) {
      if (!Trim(current).empty()) out.emplace_back(Trim(current));
      current.clear();
    } else {
      current += ch;
    }
  }
  if (!Trim(current).empty()) out.emplace_back(Trim(current));
  return out;
}

}  // namespace

std::string_view ReviewPolicyName(ReviewPolicy policy) {
  switch (policy) {
    case ReviewPolicy::kPresumptionOfApproval:
      return "presumption_of_approval";
    case ReviewPolicy::kCaseByCase:
      return "case_by_case";
    case ReviewPolicy::kPresumptionOfDenial:
      return "presumption_of_denial";
    case ReviewPolicy::kPolicyOfDenial:
      return "policy_of_denial";
  }
  return "unknown";
}

int Strictness(ReviewPolicy policy) { return static_cast<int>(policy); }

std::string_view ParseQualityName(ParseQuality quality) {
  switch (quality) {
    case ParseQuality::kFull:
      return "full";
    case ParseQuality::kPartial:
      return "partial";
    case ParseQuality::kUnparsed:
      return "unparsed";
  }
  return "unparsed";
}

LicenseRequirement ParseLicenseRequirement(std::string_view text) {
  LicenseRequirement out;
  out.raw = std::string(text);
  const std::string norm = Normalize(text);
  if (norm.empty()) return out;
  if (Contains(norm, "all items subject to the ear")) {
    out.scope = Contains(norm, "when used in projects specified in")
                    ? RequirementScope::kSection746_5
                    : RequirementScope::kAllItems;
  }
  out.sections = Sections(norm);
  // Foreign-direct-product paragraphs (15 CFR 734.9, and 736.2(b)(3)(vi) where footnote 1 lived
  // before 2022-10-07). The CSL writes the entry's footnote mark right after the section it
  // points to: "734.9(g),3 746.8(a)(3)". Which footnote a paragraph means when no mark is written
  // is rule data (export_scope.json), not parsing.
  for (const auto& section : out.sections) {
    if (section.rfind("734.9", 0) != 0 && section.rfind("736.2(b)(3)(vi)", 0) != 0) continue;
    if (out.fdp_section.empty()) out.fdp_section = section;
    const std::size_t at = norm.find(section);
    if (at == std::string::npos) continue;
    std::size_t pos = at + section.size();
    if (pos + 1 >= norm.size() || norm[pos] != ',' ||
        !std::isdigit(static_cast<unsigned char>(norm[pos + 1]))) {
      continue;
    }
    std::size_t end = pos + 1;
    while (end < norm.size() && std::isdigit(static_cast<unsigned char>(norm[end]))) ++end;
    // "734.9(g),3 746.8": a one- or two-digit mark, not the start of another section number.
    if (end - pos - 1 > 2 || (end < norm.size() && norm[end] == '.')) continue;
    out.fdp_footnote = std::stoi(norm.substr(pos + 1, end - pos - 1));
    out.fdp_section = section;
    break;
  }
  if (const auto at = norm.find("footnote ");
      out.fdp_footnote == 0 && at != std::string::npos && at + 9 < norm.size() &&
      std::isdigit(static_cast<unsigned char>(norm[at + 9]))) {
    out.fdp_footnote = norm[at + 9] - '0';
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kExceptions = {{
      {"except for food or medicine designated as ear99", "food_medicine_ear99"},
      {"5a992.c and 5d992.c", "5a992c_5d992c"},
      {"standards organization", "standards_organization_technology"},
      {"general license no", "ofac_general_license"},
      {"unmanned aerial vehicles", "uav_operation_technology"},
      {"harmonized system", "hs_energy_products"},
      {"joint ventures with persons from countries in country group a:1", "a1_joint_ventures"},
      {"license exception gov", "gov_exception"},
  }};
  for (const auto& [phrase, id] : kExceptions) {
    if (Contains(norm, phrase)) out.exceptions.emplace_back(id);
  }
  if (out.scope == RequirementScope::kUnknown) return out;
  // A qualifier we do not recognise makes the parse partial: the scope is known, but the entry
  // says more than the structure holds.
  const bool qualified = Contains(norm, "except") || Contains(norm, "apart from") ||
                         Contains(norm, "unless") || Contains(norm, " with ");
  const bool policy_inside = Contains(norm, "case-by-case");
  out.quality = (qualified && out.exceptions.empty()) || policy_inside ? ParseQuality::kPartial
                                                                       : ParseQuality::kFull;
  return out;
}

LicensePolicy ParseLicensePolicy(std::string_view text) {
  LicensePolicy out;
  out.raw = std::string(text);
  const std::string norm = Normalize(text);
  bool any_policy = false;
  for (const std::string& clause_text : Clauses(norm)) {
    std::string_view clause = clause_text;
    if (StartsWith(clause, "and ")) clause = Trim(clause.substr(4));
    if (StartsWith(clause, "see ")) {
      out.references.emplace_back(clause.substr(4));
      continue;
    }
    const auto lead = LeadingPolicy(clause);
    if (!lead) {
      out.unparsed_clauses.emplace_back(clause);
      continue;
    }
    bool is_default = false;
    PolicyException exception{.policy = lead->first};
    if (!ClassifyScope(clause.substr(lead->second), is_default, exception)) {
      out.unparsed_clauses.emplace_back(clause);
      continue;
    }
    any_policy = true;
    if (is_default) {
      // Two defaults would contradict each other; keep the stricter and call it partial.
      if (out.default_policy && *out.default_policy != lead->first) {
        out.unparsed_clauses.emplace_back(clause);
        if (Strictness(lead->first) > Strictness(*out.default_policy)) {
          out.default_policy = lead->first;
        }
      } else {
        out.default_policy = lead->first;
      }
    } else {
      out.exceptions.push_back(std::move(exception));
    }
  }
  if (!any_policy) {
    out.quality = ParseQuality::kUnparsed;
  } else {
    out.quality = out.unparsed_clauses.empty() ? ParseQuality::kFull : ParseQuality::kPartial;
  }
  return out;
}

PolicyAnswer PolicyForItem(const LicensePolicy& policy, std::string_view eccn,
                           const std::vector<std::string>& categories) {
  std::vector<std::string> item_categories = categories;
  if (eccn == "EAR99") {
    item_categories.emplace_back("ear99");
  } else if (!eccn.empty()) {
    item_categories.emplace_back("ccl");
  }
  for (const PolicyException& exception : policy.exceptions) {
    for (const std::string& listed : exception.eccns) {
      if (!eccn.empty() && EccnWithin(eccn, listed)) {
        return {exception.policy, eccn == listed ? fmt::format("{} is listed: {}", eccn,
                                                               ReviewPolicyName(exception.policy))
                                                 : fmt::format("{} is within {}: {}", eccn, listed,
                                                               ReviewPolicyName(exception.policy))};
      }
    }
    for (const std::string& category : exception.categories) {
      // Only EAR99 items can be "described in the Note to 1A995" (15 CFR part 774, ECCN 1A995).
      if (category == "note_to_1a995" && eccn != "EAR99") continue;
      if (std::find(item_categories.begin(), item_categories.end(), category) !=
          item_categories.end()) {
        return {exception.policy,
                fmt::format("item category {}: {}", category, ReviewPolicyName(exception.policy))};
      }
    }
  }
  if (policy.default_policy) {
    return {policy.default_policy,
            fmt::format("{} is not among the entry's exceptions: {} (the entry's default)",
                        eccn.empty() ? std::string_view("the item") : eccn,
                        ReviewPolicyName(*policy.default_policy))};
  }
  return {std::nullopt, "the licence review policy does not state a policy for this item"};
}

}  // namespace redflag::rules
