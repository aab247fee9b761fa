// Whether an item is subject to the EAR (15 CFR 734.3) before any foreign-direct-product rule:
// US origin, de minimis US-controlled content (15 CFR 734.4). The levels and destinations are data
// (data/rules/export_scope.json).
#include <fmt/format.h>

#include <algorithm>

#include "rules/evaluation.h"

namespace redflag::rules {

std::string ShipsFrom(const Transaction& tx, const Item& item) {
  if (!item.ships_from.empty()) return item.ships_from;
  if (!tx.ships_from.empty()) return tx.ships_from;
  for (const Party& party : tx.parties) {
    if (party.role == Role::kExporter) return party.country;
  }
  return {};
}

ScopeAnswer GeneralScope(const RuleSet& rules, const Item& item, const Transaction& tx) {
  const DeMinimis& dm = rules.de_minimis;
  const std::string& destination = tx.destination;
  if (item.origin.empty()) {
    return {EarScope::kSubject,
            "origin not stated: treated as a US-origin item subject to the EAR"};
  }
  if (item.origin == "US") {
    return {EarScope::kSubject,
            fmt::format("US-origin item: subject to the EAR ({})", rules.us_origin_citation)};
  }
  // 15 CFR 734.3(a)(1): all items in the United States are subject to the EAR, whatever their
  // origin; de minimis (734.4) and the foreign-direct-product rules (734.9) are only about
  // foreign-made items outside the United States.
  if (const std::string from = ShipsFrom(tx, item); from == "US") {
    return {EarScope::kSubject,
            fmt::format("foreign-made ({}) but shipped from the United States: subject to the EAR "
                        "whatever its US content, de minimis does not apply ({})",
                        item.origin, rules.us_located_citation)};
  }
  if (!item.us_content_percent) {
    return {EarScope::kUnknown,
            fmt::format("foreign-made ({}) with no US-controlled content stated: cannot tell "
                        "whether it exceeds the de minimis level ({})",
                        item.origin, dm.citation)};
  }
  const bool restricted =
      std::find(dm.restricted_destinations.begin(), dm.restricted_destinations.end(),
                destination) != dm.restricted_destinations.end();
  const double level = restricted ? dm.restricted_percent : dm.percent;
  const std::string where =
      restricted ? fmt::format("{} for {}", Percent(level), destination) : Percent(level);
  if (*item.us_content_percent > level) {
    return {EarScope::kSubject,
            fmt::format("foreign-made ({}) with {} US-controlled content, above the de minimis "
                        "level of {}: subject to the EAR ({})",
                        item.origin, Percent(*item.us_content_percent), where, dm.citation)};
  }
  return {EarScope::kNotSubject,
          fmt::format("foreign-made ({}) with {} US-controlled content, not above the de minimis "
                      "level of {}: not subject to the EAR ({})",
                      item.origin, Percent(*item.us_content_percent), where, dm.citation)};
}

FootnoteLookup FindFootnote(const RuleSet& rules, const LicenseRequirement& requirement) {
  FootnoteLookup out;
  if (requirement.fdp_footnote > 0) {
    for (const FdpFootnote& entry : rules.fdp_footnotes) {
      if (entry.footnote == requirement.fdp_footnote) out.footnote = &entry;
    }
    if (out.footnote == nullptr) {
      out.unknown = fmt::format("the entry marks FDP footnote {} after {}, which the rule data "
                                "(export_scope.json) does not describe",
                                requirement.fdp_footnote, requirement.fdp_section);
    }
    return out;
  }
  if (requirement.fdp_section.empty()) return out;
  // "734.9(e)(1)(i)" is within "734.9(e)(1)"; "734.9(e)" alone names three footnotes.
  for (const FdpFootnote& entry : rules.fdp_footnotes) {
    for (const std::string& section : entry.sections) {
      const std::string& cited = requirement.fdp_section;
      if (cited == section || (cited.rfind(section, 0) == 0 && cited[section.size()] == '(')) {
        out.footnote = &entry;
        return out;
      }
    }
  }
  out.unknown = fmt::format("the entry cites the foreign-direct-product paragraph {} without a "
                            "footnote mark the rule data can tell apart",
                            requirement.fdp_section);
  return out;
}

namespace {

// "3E001" = that ECCN or a sub-paragraph; "3D" = category 3, product group D; "D" = group D.
bool InScope(const std::vector<std::string>& patterns, const std::string& eccn) {
  if (eccn.size() < 5 || eccn == "EAR99") return false;
  for (const std::string& pattern : patterns) {
    if (pattern.size() == 1 && eccn[1] == pattern[0]) return true;
    if (pattern.size() == 2 && eccn[0] == pattern[0] && eccn[1] == pattern[1]) return true;
    if (pattern.size() > 2 && EccnWithin(eccn, pattern)) return true;
  }
  return false;
}

}  // namespace

ScopeAnswer DirectProductScope(const FdpFootnote& footnote, const Item& item,
                               core::PartialDate date) {
  const std::string rule =
      fmt::format("FDP footnote {} ({}: {})", footnote.footnote, footnote.citation,
                  footnote.description);
  if (date < footnote.from) {
    return {EarScope::kNotSubject,
            fmt::format("the entry carries {}, which applies from {}: not a foreign direct "
                        "product subject to the EAR on this date",
                        rule, footnote.from.ToString())};
  }
  if (!footnote.full_scope_from.empty() && date < footnote.full_scope_from) {
    return {EarScope::kUnknown,
            fmt::format("the entry carries {}; on this date its earlier scope applied ({}; the "
                        "current scope from {}): check whether the item was produced from the "
                        "entity's own design",
                        rule, footnote.before_full_scope, footnote.full_scope_from.ToString())};
  }
  if (item.direct_product_of.empty()) {
    return {EarScope::kUnknown,
            fmt::format("a foreign direct product and the entry carries {}, which covers only {}; "
                        "state the ECCN of the US technology or software it is a direct product "
                        "of (direct_product_of) to decide",
                        rule, footnote.product_scope_text)};
  }
  if (!footnote.item_scope.empty() && !InScope(footnote.item_scope, item.eccn)) {
    return {EarScope::kNotSubject,
            fmt::format("the entry carries {}, but the item ({}) is outside its item scope: {}",
                        rule, item.eccn.empty() ? "ECCN not stated" : item.eccn,
                        footnote.product_scope_text)};
  }
  if (!InScope(footnote.product_scope, item.direct_product_of)) {
    return {EarScope::kNotSubject,
            fmt::format("a direct product of {} technology or software, outside the product scope "
                        "of {} ({}); not subject under the footnote unless made by a plant that is "
                        "itself a direct product of technology or software in that scope",
                        item.direct_product_of, rule, footnote.product_scope_text)};
  }
  return {EarScope::kSubject,
          fmt::format("foreign direct product of {} technology or software: within the product "
                      "scope of {}, and the knowledge condition is met because the footnote {} "
                      "entity is a party to the transaction ({}): subject to the EAR",
                      item.direct_product_of, rule, footnote.footnote, footnote.knowledge)};
}

bool HasCategory(const Item& item, std::string_view category) {
  return std::find(item.categories.begin(), item.categories.end(), category) !=
         item.categories.end();
}

}  // namespace redflag::rules
