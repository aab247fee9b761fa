#include "rules/decision.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace redflag::rules {
namespace {

using nlohmann::json;

double Round3(double value) { return std::round(value * 1000.0) / 1000.0; }

json HitJson(const HitSummary& hit) {
  return json{{"entity_id", hit.entity_id},
              {"name", hit.name},
              {"matched_name", hit.matched_name},
              {"score", Round3(hit.score)},
              {"lists", hit.lists}};
}

json FindingJson(const Finding& finding) {
  json out{{"list", finding.list},
           {"entity_id", finding.entity_id},
           {"entity_name", finding.entity_name},
           {"effect", std::string(EffectName(finding.effect))},
           {"citation", finding.citation},
           {"rule", finding.rule},
           {"reason", finding.reason}};
  if (finding.if_confirmed) out["if_confirmed"] = std::string(EffectName(*finding.if_confirmed));
  if (finding.review_policy) {
    out["review_policy"] = std::string(ReviewPolicyName(*finding.review_policy));
  }
  if (finding.score > 0) out["score"] = Round3(finding.score);
  if (!finding.since.empty()) out["since"] = finding.since.ToString();
  return out;
}

json FindingsJson(const std::vector<Finding>& findings) {
  json out = json::array();
  for (const Finding& finding : findings) out.push_back(FindingJson(finding));
  return out;
}

std::string Cut(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text;
  return text.substr(0, width - 3) + "...";
}

void AppendFindingRows(std::string& out, const std::string& where,
                       const std::vector<Finding>& findings) {
  for (const Finding& finding : findings) {
    out += fmt::format("  {:<28} {:<34} {:<17} {:<22} {}\n", Cut(where, 28), Cut(finding.list, 34),
                       EffectName(finding.effect),
                       finding.review_policy ? ReviewPolicyName(*finding.review_policy) : "-",
                       finding.citation);
  }
}

}  // namespace

std::string DecisionToJson(const Decision& decision, int indent) {
  // Strings come from the caller's transaction and the lists and may hold invalid UTF-8 (list
  // files are passed through unchanged): replace rather than throw.
  return DecisionJson(decision).dump(indent, ' ', false, json::error_handler_t::replace);
}

nlohmann::json DecisionJson(const Decision& decision) {
  json out;
  out["outcome"] = std::string(EffectName(decision.outcome));
  out["as_of"] = decision.as_of.ToString();
  out["transaction_date"] = decision.transaction_date.ToString();
  out["type"] = std::string(TransactionTypeName(decision.type));
  json parties = json::array();
  for (const PartyDecision& party : decision.parties) {
    json hits = json::array();
    for (const HitSummary& hit : party.hits) hits.push_back(HitJson(hit));
    json node{{"role", std::string(RoleName(party.role))},
              {"name", party.name},
              {"hits", hits},
              {"findings", FindingsJson(party.findings)}};
    if (!party.country.empty()) node["country"] = party.country;
    parties.push_back(std::move(node));
  }
  out["parties"] = std::move(parties);
  json items = json::array();
  for (const ItemDecision& item : decision.items) {
    json node{{"description", item.description},
              {"eccn", item.eccn},
              {"subject_to_ear", item.subject_to_ear},
              {"license_required", item.license_required},
              {"reason", item.reason}};
    node["review_policy"] =
        item.review_policy ? json(std::string(ReviewPolicyName(*item.review_policy))) : json();
    items.push_back(std::move(node));
  }
  out["items"] = std::move(items);
  if (!decision.securities.empty()) {
    json securities = json::array();
    for (const SecurityDecision& security : decision.securities) {
      json matches = json::array();
      for (const HitSummary& hit : security.matches) matches.push_back(HitJson(hit));
      securities.push_back(
          json{{"isin", security.security.isin},
               {"ticker", security.security.ticker},
               {"issuer", security.security.issuer},
               {"action", security.security.action == SecurityAction::kBuy ? "buy" : "sell"},
               {"matches", matches},
               {"findings", FindingsJson(security.findings)}});
    }
    out["securities"] = std::move(securities);
  }
  if (!decision.devices.empty()) {
    json devices = json::array();
    for (const DeviceDecision& device : decision.devices) {
      json node{{"mac", device.device.mac},
                {"brand", device.device.brand},
                {"manufacturer", device.device.manufacturer},
                {"model", device.device.model},
                {"findings", FindingsJson(device.findings)}};
      if (!device.mac_registrant.empty()) node["mac_registrant"] = device.mac_registrant;
      devices.push_back(std::move(node));
    }
    out["devices"] = std::move(devices);
  }
  out["explanation"] = decision.explanation;
  return out;
}

std::string DecisionToText(const Decision& decision) {
  std::string out = fmt::format("Outcome: {} (as of {})\n\n{}\n\n", EffectName(decision.outcome),
                                decision.as_of.ToString(), decision.explanation);
  out += fmt::format("  {:<28} {:<34} {:<17} {:<22} {}\n", "party / item", "list", "effect",
                     "review policy", "citation");
  for (const PartyDecision& party : decision.parties) {
    AppendFindingRows(out, fmt::format("{} ({})", party.name, RoleName(party.role)),
                      party.findings);
  }
  for (const SecurityDecision& security : decision.securities) {
    AppendFindingRows(
        out,
        fmt::format("security {}", !security.security.isin.empty()     ? security.security.isin
                                   : !security.security.ticker.empty() ? security.security.ticker
                                                                       : security.security.issuer),
        security.findings);
  }
  for (const DeviceDecision& device : decision.devices) {
    AppendFindingRows(out, fmt::format("device {} {}", device.device.brand, device.device.model),
                      device.findings);
  }
  if (!decision.items.empty()) {
    out += fmt::format("\n  {:<12} {:<30} {:<8} {:<9} {}\n", "eccn", "item", "subject", "licence",
                       "review policy");
    for (const ItemDecision& item : decision.items) {
      out += fmt::format("  {:<12} {:<30} {:<8} {:<9} {}\n", item.eccn.empty() ? "-" : item.eccn,
                         Cut(item.description, 30), item.subject_to_ear ? "yes" : "no",
                         item.license_required ? "yes" : "no",
                         item.review_policy ? ReviewPolicyName(*item.review_policy) : "-");
    }
  }
  return out;
}

}  // namespace redflag::rules
