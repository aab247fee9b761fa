// NDAA FY2019 (Pub. L. 115-232) section 889: covered telecommunications and video surveillance
// equipment of Huawei, ZTE, Hytera, Hikvision, Dahua and their subsidiaries and affiliates.
// Recognised by vendor/manufacturer name (screened against the covered companies only), by brand
// (data/rules/brands.json) and by MAC prefix through the IEEE registry (oui_patterns).
#include <fmt/format.h>

#include <algorithm>

#include "rules/evaluation.h"

namespace redflag::rules {
namespace {

// One piece of evidence that a device comes from a covered company.
struct Evidence {
  std::string company;
  Confidence confidence;
  std::string how;
  bool mac_only = false;  // from the MAC prefix: names the network chip's maker, not the device's
};

// The most specific brand row (longest brand, then highest confidence) whose words occur in
// `text`: "Prama Hikvision" before "Hikvision", "Hikrobot" in "Hangzhou Hikrobot Technology".
const Brand* BrandIn(const RuleSet& rules, std::string_view text) {
  const std::string folded = FoldWords(text);
  const Brand* best = nullptr;
  std::size_t best_size = 0;
  for (const Brand& brand : rules.brands) {
    const std::string words = FoldWords(brand.brand);
    if (!ContainsWords(folded, words)) continue;
    if (best == nullptr || words.size() > best_size ||
        (words.size() == best_size && brand.confidence > best->confidence)) {
      best = &brand;
      best_size = words.size();
    }
  }
  return best;
}

// One confidence for one maker whatever the evidence (name, brand or MAC row): a name or MAC
// registrant that contains a brand of the same company takes at most that brand's confidence
// (Hikrobot, Hikmicro and HiSilicon are medium in all three tables).
Confidence CapByBrand(const RuleSet& rules, std::string_view text, const std::string& company,
                      Confidence confidence) {
  const Brand* brand = BrandIn(rules, text);
  if (brand != nullptr && brand->company == company && brand->confidence < confidence) {
    return brand->confidence;
  }
  return confidence;
}

std::string Ownership(const Brand& brand) {
  if (brand.owned_from.empty() && brand.owned_until.empty()) return {};
  return fmt::format("; owned by {}{}{}{}", brand.company,
                     brand.owned_from.empty() ? "" : " from " + brand.owned_from.ToString(),
                     brand.owned_until.empty() ? "" : " until " + brand.owned_until.ToString(),
                     brand.ownership_source.empty() ? "" : " (" + brand.ownership_source + ")");
}

void BrandEvidence(const Evaluation& ev, const Device& device, std::vector<Evidence>& evidence) {
  if (device.brand.empty()) return;
  const Brand* best = BrandIn(ev.rules(), device.brand);
  if (best != nullptr) {
    evidence.push_back({best->company, best->confidence,
                        fmt::format("brand \"{}\" is a {} brand ({} confidence; source: {}{})",
                                    device.brand, best->company, ConfidenceName(best->confidence),
                                    best->source, Ownership(*best))});
  }
}

core::Status ManufacturerEvidence(const Evaluation& ev, const Device& device, std::size_t dev_idx,
                                  std::vector<Evidence>& evidence) {
  if (device.manufacturer.empty()) return core::Ok();
  auto companies =
      ev.CoveredCompanies(device.manufacturer, fmt::format("devices[{}].manufacturer", dev_idx));
  if (!companies) return companies.error();
  for (const auto& [company, score] : *companies) {
    const Confidence by_score =
        score >= ev.options().confident_score ? Confidence::kHigh : Confidence::kMedium;
    evidence.push_back({company, CapByBrand(ev.rules(), device.manufacturer, company, by_score),
                        fmt::format("manufacturer \"{}\" matches {} (score {:.2f})",
                                    device.manufacturer, company, score)});
  }
  return core::Ok();
}

// The IEEE registrant of the device's MAC prefix (longest of 9/7/6 hex digits) and what it says.
void MacEvidence(const Evaluation& ev, const Rule& rule, const Device& device,
                 const Evaluation::InForce& in_force, DeviceOutput& out,
                 std::vector<Evidence>& evidence) {
  if (device.mac.empty()) return;
  const core::Entity* registrant = nullptr;
  std::string prefix;
  for (const std::size_t length : {9u, 7u, 6u}) {
    auto it = ev.mac_prefixes().find(device.mac.substr(0, length));
    if (it != ev.mac_prefixes().end()) {
      registrant = it->second;
      prefix = it->first;
      break;
    }
  }
  if (ev.mac_prefixes().empty()) {
    Finding finding;
    finding.list = rule.list_name;
    finding.rule = rule.id;
    finding.citation = rule.citation;
    finding.action = rule.action;
    finding.action = rule.action;
    finding.effect = in_force.yes ? Effect::kReview : Effect::kClear;
    finding.reason = fmt::format(
        "MAC {} could not be checked: the IEEE MAC registry is not loaded (import "
        "ieee-oui with `redflag lists import`).",
        device.mac);
    out.findings.push_back(std::move(finding));
    return;
  }
  if (registrant == nullptr) return;
  out.mac_registrant = registrant->primary_name();
  const std::string folded = FoldWords(out.mac_registrant);
  const OuiPattern* best = nullptr;
  for (const OuiPattern& pattern : ev.rules().oui_patterns) {
    if (ContainsWords(folded, pattern.pattern) &&
        (best == nullptr || pattern.confidence > best->confidence ||
         (pattern.confidence == best->confidence &&
          pattern.pattern.size() > best->pattern.size()))) {
      best = &pattern;
    }
  }
  if (best != nullptr) {
    evidence.push_back(
        {best->company, CapByBrand(ev.rules(), out.mac_registrant, best->company, best->confidence),
         fmt::format("MAC prefix {} is assigned by the IEEE to \"{}\" [{}] ({} confidence: "
                     "{}); a MAC prefix names the chip or board maker, which may differ "
                     "from the brand",
                     prefix, out.mac_registrant, registrant->id, ConfidenceName(best->confidence),
                     best->note),
         true});
  }
}

// A MAC prefix alone is evidence of the network chip's maker, not proof of the device's: it
// stays a review unless a brand, model or manufacturer of the same company confirms it.
void CapMacOnly(std::vector<Evidence>& evidence) {
  for (Evidence& item : evidence) {
    if (!item.mac_only || item.confidence != Confidence::kHigh) continue;
    const bool confirmed = std::any_of(evidence.begin(), evidence.end(), [&](const Evidence& e) {
      return !e.mac_only && e.company == item.company && e.confidence == Confidence::kHigh;
    });
    if (!confirmed) {
      item.confidence = Confidence::kMedium;
      item.how +=
          "; only the MAC prefix points to this company: prohibited if the brand, model or "
          "manufacturer confirms it";
    }
  }
}

// True when a US executive agency, federal contractor or grantee is involved: only then does
// s.889 bind the buyer (889(a)(1)(A) agencies, (B) their contractors; FAR 52.204-25; 2 CFR
// 200.216 for grants and loans).
bool HasFederalNexus(const Transaction& tx) {
  if (tx.federal.value_or(false)) return true;
  return std::any_of(tx.parties.begin(), tx.parties.end(),
                     [](const Party& party) { return party.federal; });
}

std::string NoNexus(const Evaluation& ev, const Rule& rule) {
  return fmt::format(
      " No federal nexus is stated (\"federal\": true on the transaction or a party): {} ({}). "
      "For a private buyer this is not prohibited; if the purchase is for a federal agency, "
      "contract or grant, it is {}.",
      ev.rules().federal_nexus.note, ev.rules().federal_nexus.citation, EffectName(rule.effect));
}

Finding DeviceFinding(const Evaluation& ev, const Rule& rule, const Device& device,
                      const Evidence& item, const Evaluation::InForce& in_force) {
  Finding finding;
  finding.list = rule.list_name;
  finding.rule = rule.id;
  finding.entity_id = "ndaa889:" + item.company;
  finding.entity_name = item.company;
  finding.citation = rule.citation;
  finding.action = rule.action;
  if (!in_force.yes) {
    finding.effect = Effect::kClear;
    finding.reason = fmt::format("Device {} {}: {}; the rule {} is {}.", device.brand, device.model,
                                 item.how, rule.id, in_force.why_not);
  } else if (item.confidence == Confidence::kHigh && HasFederalNexus(ev.tx())) {
    finding.effect = rule.effect;
    finding.reason = fmt::format("Device {} {}: {}: {}. {}", device.brand, device.model, item.how,
                                 rule.meaning, rule.action);
  } else if (item.confidence == Confidence::kHigh) {
    finding.effect = Effect::kReview;
    finding.if_confirmed = rule.effect;
    finding.citation = JoinStrings({rule.citation, ev.rules().federal_nexus.citation}, "; ");
    finding.reason = fmt::format("Device {} {}: {}: covered equipment of {}.{}", device.brand,
                                 device.model, item.how, item.company, NoNexus(ev, rule));
  } else {
    finding.effect = Effect::kReview;
    finding.if_confirmed = rule.effect;
    finding.reason = fmt::format(
        "Device {} {}: {}: if the equipment is covered telecommunications or video "
        "surveillance equipment produced by {} or its affiliates, {}.",
        device.brand, device.model, item.how, item.company, EffectName(rule.effect));
    if (!HasFederalNexus(ev.tx())) finding.reason += NoNexus(ev, rule);
  }
  return finding;
}

}  // namespace

core::Result<RuleOutput> CoveredPartyRule(Evaluation& ev, const Rule& rule, std::size_t party_idx,
                                          const Party& party) {
  RuleOutput out;
  auto companies = ev.CoveredCompanies(party.name, fmt::format("parties[{}].name", party_idx));
  if (!companies) return companies.error();
  for (const auto& [company, score] : *companies) {
    Finding finding;
    finding.list = rule.list_name;
    finding.rule = rule.id;
    finding.entity_id = "ndaa889:" + company;
    finding.entity_name = company;
    finding.citation = rule.citation;
    finding.action = rule.action;
    finding.action = rule.action;
    finding.score = score;
    const Evaluation::InForce in_force = ev.CheckInForce(rule, nullptr);
    if (!in_force.yes) {
      finding.effect = Effect::kClear;
      finding.reason = fmt::format("{} is {} (a covered company, score {:.2f}); the rule {} is {}.",
                                   ev.Who(party), company, score, rule.id, in_force.why_not);
    } else {
      finding.reason = fmt::format(
          "{} is {} or its subsidiary/affiliate (score {:.2f}), a company named in section 889: "
          "{}. {}",
          ev.Who(party), company, score, rule.meaning, rule.action);
      const Confidence by_score =
          score >= ev.options().confident_score ? Confidence::kHigh : Confidence::kMedium;
      const Confidence confidence = CapByBrand(ev.rules(), party.name, company, by_score);
      if (confidence == Confidence::kHigh && HasFederalNexus(ev.tx())) {
        ev.SetEffect(finding, rule.effect, score);
      } else {
        finding.effect = Effect::kReview;
        finding.if_confirmed = rule.effect;
        if (confidence != by_score) {
          finding.reason += fmt::format(
              " The name carries the {} brand of {} ({} confidence in the brand table): covered "
              "only for the equipment section 889 names.",
              BrandIn(ev.rules(), party.name)->brand, company, ConfidenceName(confidence));
        }
        if (!HasFederalNexus(ev.tx())) finding.reason += NoNexus(ev, rule);
      }
    }
    out.findings.push_back(std::move(finding));
  }
  return out;
}

core::Result<TransactionOutput> DevicesRule(Evaluation& ev, const Rule& rule) {
  TransactionOutput out;
  out.devices.resize(ev.tx().devices.size());
  const Evaluation::InForce in_force = ev.CheckInForce(rule, nullptr);
  for (std::size_t dev_idx = 0; dev_idx < ev.tx().devices.size(); ++dev_idx) {
    const Device& device = ev.tx().devices[dev_idx];
    DeviceOutput& dev_out = out.devices[dev_idx];
    std::vector<Evidence> evidence;
    BrandEvidence(ev, device, evidence);
    if (auto status = ManufacturerEvidence(ev, device, dev_idx, evidence); !status) {
      return status.error();
    }
    MacEvidence(ev, rule, device, in_force, dev_out, evidence);
    CapMacOnly(evidence);
    for (const Evidence& item : evidence) {
      dev_out.findings.push_back(DeviceFinding(ev, rule, device, item, in_force));
    }
  }
  return out;
}

}  // namespace redflag::rules
