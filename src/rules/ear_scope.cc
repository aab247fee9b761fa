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

const FdpFootnote* FindFootnote(const RuleSet& rules, int footnote) {
  for (const FdpFootnote& entry : rules.fdp_footnotes) {
    if (entry.footnote == footnote) return &entry;
  }
  return nullptr;
}

bool HasCategory(const Item& item, std::string_view category) {
  return std::find(item.categories.begin(), item.categories.end(), category) !=
         item.categories.end();
}

}  // namespace redflag::rules
