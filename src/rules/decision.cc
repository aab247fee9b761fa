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
  if (!finding.action.empty()) out["action"] = finding.action;
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
    if (!party.listed_later.empty()) {
      json later = json::array();
      for (const LaterListing& listing : party.listed_later) {
        later.push_back(json{{"list_name", listing.list_name},
                             {"entity_id", listing.entity_id},
                             {"entity_name", listing.entity_name},
                             {"since", listing.since.ToString()},
                             {"rule", listing.rule}});
      }
      node["listed_later"] = std::move(later);
    }
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
  if (!decision.destination_findings.empty()) {
    out["destination"] = json{{"country", decision.destination},
                              {"findings", FindingsJson(decision.destination_findings)}};
  }
  if (!decision.lists_used.empty()) {
    json lists = json::array();
    for (const ListUsed& list : decision.lists_used) {
      json node = {{"list_id", list.list_id}, {"version_id", list.version_id}};
      if (!list.published.empty()) node["published"] = list.published.ToString();
      if (!list.imported_at.empty()) node["imported_at"] = list.imported_at;
      if (!list.newest_entry.empty()) node["newest_entry"] = list.newest_entry.ToString();
      lists.push_back(std::move(node));
    }
    out["lists_used"] = std::move(lists);
  }
  if (!decision.caveats.empty()) out["caveats"] = decision.caveats;
  out["explanation"] = decision.explanation;
  return out;
}

namespace {

struct Located {
  const Finding* finding;
  std::string where;
};

std::vector<Located> Ordered(const Decision& decision) {
  std::vector<Located> out;
  for (const PartyDecision& party : decision.parties) {
    for (const Finding& finding : party.findings) {
      out.push_back({&finding, fmt::format("{} ({})", party.name, RoleName(party.role))});
    }
  }
  for (const SecurityDecision& security : decision.securities) {
    const Security& sec = security.security;
    for (const Finding& finding : security.findings) {
      out.push_back({&finding, fmt::format("security {}", !sec.isin.empty()     ? sec.isin
                                                          : !sec.ticker.empty() ? sec.ticker
                                                                                : sec.issuer)});
    }
  }
  for (const DeviceDecision& device : decision.devices) {
    for (const Finding& finding : device.findings) {
      out.push_back({&finding, fmt::format("device {} {} {}", device.device.brand,
                                           device.device.model, device.device.mac)});
    }
  }
  for (const Finding& finding : decision.destination_findings) {
    out.push_back({&finding, "destination " + decision.destination});
  }
  std::stable_sort(out.begin(), out.end(), [](const Located& left, const Located& right) {
    return left.finding->effect > right.finding->effect;
  });
  return out;
}

void AppendBlock(std::string& out, std::size_t number, const Located& located) {
  const Finding& finding = *located.finding;
  out += fmt::format("  {}. {} - {}\n", number, EffectName(finding.effect), finding.list);
  out += fmt::format("     Party:    {}\n", located.where);
  if (!finding.entity_id.empty()) {
    std::string entry = fmt::format("{} [{}]", finding.entity_name, finding.entity_id);
    if (finding.score > 0) entry += fmt::format(", score {:.2f}", finding.score);
    if (!finding.since.empty()) entry += ", since " + finding.since.ToString();
    out += fmt::format("     Entry:    {}\n", entry);
  }
  if (finding.if_confirmed) {
    out += fmt::format("     If confirmed: {}\n", EffectName(*finding.if_confirmed));
  }
  if (finding.review_policy) {
    out += fmt::format("     Policy:   {}\n", ReviewPolicyName(*finding.review_policy));
  }
  out += fmt::format("     Citation: {}\n", finding.citation);
  out += fmt::format("     Why:      {}\n", finding.reason);
  if (!finding.action.empty()) out += fmt::format("     To do:    {}\n", finding.action);
}

}  // namespace

std::string DecisionToText(const Decision& decision) {
  const std::vector<Located> ordered = Ordered(decision);
  std::string out =
      fmt::format("Outcome: {} (as of {}; {} dated {})\n", EffectName(decision.outcome),
                  decision.as_of.ToString(), TransactionTypeName(decision.type),
                  decision.transaction_date.ToString());
  std::size_t serious = 0;
  for (const Located& located : ordered) serious += located.finding->effect != Effect::kClear;
  if (serious == 0) {
    out +=
        "Reason: no party, item, security, device or destination matched a restriction in "
        "force on this date.\n";
  } else {
    const Finding& first = *ordered.front().finding;
    out += fmt::format("Reason: {} - {}, {} ({}){}\n", ordered.front().where, first.list,
                       EffectName(first.effect), first.citation,
                       serious > 1 ? fmt::format("; {} more finding(s) below", serious - 1) : "");
    out += "\nFindings\n";
    std::size_t number = 0;
    for (const Located& located : ordered) {
      if (located.finding->effect != Effect::kClear) AppendBlock(out, ++number, located);
    }
  }
  bool later_header = false;
  for (const PartyDecision& party : decision.parties) {
    for (const LaterListing& later : party.listed_later) {
      if (!later_header) out += "\nListed later (not in force on this date)\n";
      later_header = true;
      out +=
          fmt::format("  {} ({}): {} [{}] on the {} from {}\n", party.name, RoleName(party.role),
                      later.entity_name, later.entity_id, later.list_name, later.since.ToString());
    }
  }
  if (serious < ordered.size()) {
    out += "\nNotes (no effect on this transaction)\n";
    for (const Located& located : ordered) {
      if (located.finding->effect != Effect::kClear) continue;
      out += fmt::format("  {} - {}: {}\n", located.where, located.finding->list,
                         located.finding->reason);
    }
  }
  if (!decision.items.empty()) {
    out += fmt::format("\nItems\n  {:<12} {:<30} {:<8} {:<9} {:<22} {}\n", "eccn", "item",
                       "subject", "licence", "review policy", "reason");
    for (const ItemDecision& item : decision.items) {
      out += fmt::format("  {:<12} {:<30} {:<8} {:<9} {:<22} {}\n",
                         item.eccn.empty() ? "-" : item.eccn, Cut(item.description, 30),
                         item.subject_to_ear ? "yes" : "no", item.license_required ? "yes" : "no",
                         item.review_policy ? ReviewPolicyName(*item.review_policy) : "-",
                         item.reason);
    }
  }
  if (!decision.lists_used.empty()) {
    out += "\nLists used\n";
    for (const ListUsed& list : decision.lists_used) {
      out += fmt::format("  {} version {} published {}\n", list.list_id, list.version_id,
                         list.published.empty() ? "(not stated)" : list.published.ToString());
    }
  }
  for (const std::string& caveat : decision.caveats) out += "Caveat: " + caveat + "\n";
  return out;
}

}  // namespace redflag::rules
