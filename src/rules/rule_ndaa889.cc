// NDAA FY2019 (Pub. L. 115-232) section 889: covered telecommunications and video surveillance
// equipment of Huawei, ZTE, Hytera, Hikvision, Dahua and their subsidiaries and affiliates.
// Recognised by vendor/manufacturer name (screened against the covered companies only), by brand
// (data/rules/brands.json) and by MAC prefix through the IEEE registry (oui_patterns).
#include <fmt/format.h>

#include "rules/evaluation.h"

namespace redflag::rules {
namespace {

// One piece of evidence that a device comes from a covered company.
struct Evidence {
  std::string company;
  Confidence confidence;
  std::string how;
};

void BrandEvidence(const Evaluation& ev, const Device& device, std::vector<Evidence>& evidence) {
  if (device.brand.empty()) return;
  const std::string folded = FoldWords(device.brand);
  const Brand* best = nullptr;
  for (const Brand& brand : ev.rules().brands) {
    if (ContainsWords(folded, FoldWords(brand.brand)) &&
        (best == nullptr || brand.confidence > best->confidence)) {
      best = &brand;
    }
  }
  if (best != nullptr) {
    evidence.push_back(
        {best->company, best->confidence,
         fmt::format("brand \"{}\" is a {} brand ({} confidence; source: {})", device.brand,
                     best->company, ConfidenceName(best->confidence), best->source)});
  }
}

core::Status ManufacturerEvidence(const Evaluation& ev, const Device& device, std::size_t dev_idx,
                                  std::vector<Evidence>& evidence) {
  if (device.manufacturer.empty()) return core::Ok();
  auto companies =
      ev.CoveredCompanies(device.manufacturer, fmt::format("devices[{}].manufacturer", dev_idx));
  if (!companies) return companies.error();
  for (const auto& [company, score] : *companies) {
    evidence.push_back(
        {company, score >= ev.options().confident_score ? Confidence::kHigh : Confidence::kMedium,
         fmt::format("manufacturer \"{}\" matches {} (score {:.2f})", device.manufacturer, company,
                     score)});
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
        {best->company, best->confidence,
         fmt::format("MAC prefix {} is assigned by the IEEE to \"{}\" [{}] ({} confidence: "
                     "{}); a MAC prefix names the chip or board maker, which may differ "
                     "from the brand",
                     prefix, out.mac_registrant, registrant->id, ConfidenceName(best->confidence),
                     best->note)});
  }
}

Finding DeviceFinding(const Rule& rule, const Device& device, const Evidence& item,
                      const Evaluation::InForce& in_force) {
  Finding finding;
  finding.list = rule.list_name;
  finding.rule = rule.id;
  finding.entity_id = "ndaa889:" + item.company;
  finding.entity_name = item.company;
  finding.citation = rule.citation;
  if (!in_force.yes) {
    finding.effect = Effect::kClear;
    finding.reason = fmt::format("Device {} {}: {}; the rule {} is {}.", device.brand, device.model,
                                 item.how, rule.id, in_force.why_not);
  } else if (item.confidence == Confidence::kHigh) {
    finding.effect = rule.effect;
    finding.reason = fmt::format("Device {} {}: {}: {}. {}", device.brand, device.model, item.how,
                                 rule.meaning, rule.action);
  } else {
    finding.effect = Effect::kReview;
    finding.if_confirmed = rule.effect;
    finding.reason = fmt::format(
        "Device {} {}: {}: if the equipment is covered telecommunications or video "
        "surveillance equipment produced by {} or its affiliates, {}.",
        device.brand, device.model, item.how, item.company, EffectName(rule.effect));
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
      ev.SetEffect(finding, rule.effect, score);
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
    for (const Evidence& item : evidence) {
      dev_out.findings.push_back(DeviceFinding(rule, device, item, in_force));
    }
  }
  return out;
}

}  // namespace redflag::rules
