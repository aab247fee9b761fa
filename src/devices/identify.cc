// Device identification: evidence from every signal, then one class and outcome per device.
#include "devices/identify.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

namespace redflag::devices {
namespace {

using rules::Confidence;
using rules::ConfidenceName;
using rules::ContainsWords;
using rules::FoldWords;

constexpr std::array<std::string_view, 4> kClassNames = {"covered", "look_alike", "unknown",
                                                         "not_covered"};
constexpr std::array<std::string_view, 4> kSignalNames = {"mac", "manufacturer", "model",
                                                          "hostname"};

// One entity per covered company, as rules::MakeDecider builds its covered-company index, so a
// manufacturer string is screened against those companies only (never the sanctions lists).
std::vector<core::Entity> CoveredEntities(const rules::RuleSet& rules) {
  std::vector<core::Entity> out;
  for (const rules::CoveredCompany& company : rules.covered_companies) {
    core::Entity entity;
    entity.list_id = "ndaa889";
    entity.native_id = company.company;
    entity.id = core::MakeEntityId(entity.list_id, entity.native_id);
    entity.type = core::EntityType::kOrganization;
    for (std::size_t idx = 0; idx < company.names.size(); ++idx) {
      entity.names.push_back(
          core::Name{.full = company.names[idx],
                     .kind = idx == 0 ? core::NameKind::kPrimary : core::NameKind::kStrongAka});
    }
    entity.listings.push_back(core::Listing{.list_id = "ndaa889", .list_code = "889"});
    out.push_back(std::move(entity));
  }
  return out;
}

Confidence Cap(Confidence confidence, Confidence cap) { return std::min(confidence, cap); }

bool Before(core::PartialDate date, core::PartialDate bound) {
  return !bound.empty() && date.ToDays() < bound.First().ToDays();
}
bool After(core::PartialDate date, core::PartialDate bound) {
  return !bound.empty() && date.ToDays() > bound.Last().ToDays();
}

}  // namespace

std::string_view DeviceClassName(DeviceClass cls) { return kClassNames[static_cast<int>(cls)]; }
std::string_view SignalName(Signal signal) { return kSignalNames[static_cast<int>(signal)]; }

Identifier::Identifier(const rules::RuleSet& rules, DeviceTables tables,
                       const std::vector<core::Entity>& registry_entities)
    : rule_brands_(rules.brands),
      oui_patterns_(rules.oui_patterns),
      tables_(std::move(tables)),
      registry_(sources::MacRegistry::FromEntities(registry_entities)) {
  for (const rules::CoveredCompany& company : rules.covered_companies) {
    covered_words_.emplace_back(FoldWords(company.company), company.company);
  }
  if (!rules.covered_companies.empty()) {
    if (auto snapshot = index::Snapshot::Build(CoveredEntities(rules))) {
      covered_ = std::make_unique<match::Screener>(*snapshot);
    }
  }
  if (const rules::Rule* rule = rules.Find("ndaa_889_part_a")) {
    part_a_from_ = rule->from;
    part_a_citation_ = rule->citation;
    part_a_meaning_ = rule->meaning;
  }
}

void Identifier::MacEvidence(const Device& device, DeviceResult& out) const {
  if (device.mac.size() != 12) return;
  const auto hex = [](char ch) { return ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10; };
  const int first = hex(device.mac[0]) * 16 + hex(device.mac[1]);
  Evidence evidence{.signal = Signal::kMac};
  const auto note = [&](std::string text) {
    evidence.text = std::move(text);
    out.evidence.push_back(evidence);
  };
  if ((first & 0x01) != 0) return note("a group (multicast) MAC names no device");
  if ((first & 0x02) != 0) {
    return note(fmt::format("MAC {} is locally administered (randomised): it says nothing about "
                            "the maker", device.mac));
  }
  std::string registrant;
  std::string where;
  if (has_mac_registry()) {
    auto entity = registry_.Lookup(device.mac);
    if (!entity || *entity == nullptr) {
      return note(fmt::format("MAC prefix {} is in no IEEE registry (MA-L, MA-M, MA-S)",
                              device.mac.substr(0, 6)));
    }
    registrant = (*entity)->primary_name();
    const std::string prefix =
        (*entity)->identifiers.empty() ? "" : (*entity)->identifiers.front().value;
    where = fmt::format("MAC prefix {} is assigned by the IEEE to \"{}\" [{}]", prefix,
                        registrant, (*entity)->id);
  } else if (!device.vendor_hint.empty()) {
    registrant = device.vendor_hint;
    where = fmt::format("nmap names the MAC vendor \"{}\" (IEEE registry not imported)", registrant);
  } else {
    return note("MAC not checked: the IEEE registry is not imported (redflag lists import "
                ".../ieee-oui)");
  }
  out.mac_registrant = registrant;
  const std::string folded = FoldWords(registrant);
  const rules::OuiPattern* best = nullptr;
  for (const rules::OuiPattern& pattern : oui_patterns_) {
    if (ContainsWords(folded, pattern.pattern) &&
        (best == nullptr || pattern.confidence > best->confidence ||
         (pattern.confidence == best->confidence && pattern.pattern.size() > best->pattern.size()))) {
      best = &pattern;
    }
  }
  if (best != nullptr) {
    evidence.kind = EvidenceKind::kCovered;
    evidence.company = best->company;
    evidence.confidence = Cap(best->confidence, Confidence::kMedium);
    return note(fmt::format("{} ({}): a prefix names the registrant of the network chip or board, "
                            "evidence of the maker but not proof", where, best->note));
  }
  for (const auto& [word, company] : covered_words_) {
    if (ContainsWords(folded, word)) {
      evidence.kind = EvidenceKind::kLookAlike;
      evidence.company = company;
      return note(fmt::format("{}: the name contains \"{}\" but is not a company of that group",
                              where, company));
    }
  }
  evidence.kind = EvidenceKind::kOtherMaker;
  evidence.company = registrant;
  note(where);
}

// The dated brand table: evidence for every row whose brand `folded` contains; returns the
// brands it knew (they supersede brands.json rows of the same brand).
std::set<std::string> Identifier::DatedBrandEvidence(std::string_view text,
                                                     const std::string& folded, Signal signal,
                                                     core::PartialDate as_of,
                                                     DeviceResult& out) const {
  const Confidence cap = signal == Signal::kHostname ? Confidence::kLow : Confidence::kHigh;
  std::set<std::string> dated;
  for (const OemBrand& brand : tables_.brands) {
    if (!ContainsWords(folded, brand.folded)) continue;
    dated.insert(brand.folded);
    Evidence evidence{.signal = signal, .company = brand.company,
                      .confidence = Cap(brand.confidence, cap)};
    constexpr std::array<std::string_view, 5> kRelationWords = {
        "a brand of", "the brand of a subsidiary of", "sold relabelled (OEM) for",
        "formerly owned by", "a component maker belonging to"};
    const std::string row = fmt::format(
        "{} \"{}\": {} is {} {} ({}; source: {}, {})", SignalName(signal), text, brand.brand,
        kRelationWords[static_cast<std::size_t>(brand.relation)], brand.company,
        brand.from.empty() && brand.to.empty()
            ? std::string("undated")
            : fmt::format("{} to {}", brand.from.empty() ? "?" : brand.from.ToString(),
                          brand.to.empty() ? "now" : brand.to.ToString()),
        brand.source, brand.source_date);
    const bool outside = Before(as_of, brand.from) || After(as_of, brand.to);
    if (brand.relation == Relation::kComponent) {
      evidence.kind = EvidenceKind::kLookAlike;
      evidence.text = row + ": a component maker; the device itself is someone else's";
    } else if (outside) {
      evidence.kind = EvidenceKind::kLookAlike;
      evidence.text = fmt::format("{}: on {} the brand is not {}'s; a device made while it was is "
                                  "{}-produced - check its manufacture date",
                                  row, as_of.ToString(), brand.company, brand.company);
    } else {
      evidence.kind = EvidenceKind::kCovered;
      evidence.text = row;
    }
    out.evidence.push_back(std::move(evidence));
  }
  return dated;
}

core::Status Identifier::NameEvidence(std::string_view text, Signal signal,
                                      core::PartialDate as_of, DeviceResult& out) const {
  const std::string folded = FoldWords(text);
  if (folded.empty()) return core::Ok();
  const std::size_t before = out.evidence.size();
  const Confidence cap = signal == Signal::kHostname ? Confidence::kLow : Confidence::kHigh;
  const std::set<std::string> dated = DatedBrandEvidence(text, folded, signal, as_of, out);
  for (const rules::Brand& brand : rule_brands_) {
    const std::string brand_folded = FoldWords(brand.brand);
    if (dated.contains(brand_folded) || !ContainsWords(folded, brand_folded)) continue;
    out.evidence.push_back(Evidence{
        .signal = signal, .kind = EvidenceKind::kCovered, .company = brand.company,
        .confidence = Cap(brand.confidence, cap),
        .text = fmt::format("{} \"{}\": {} is a {} brand (source: {})", SignalName(signal), text,
                            brand.brand, brand.company, brand.source)});
  }
  if (signal == Signal::kManufacturer && out.evidence.size() == before && covered_ != nullptr) {
    auto hits = covered_->Screen(match::Query{.name = std::string(text)},
                                 match::ScreenOptions{.limit = 5, .explain = false});
    if (!hits) return hits.error();
    for (const match::Hit& hit : *hits) {
      out.evidence.push_back(Evidence{
          .signal = signal, .kind = EvidenceKind::kCovered, .company = hit.entity->native_id,
          .confidence = hit.score >= 0.90 ? Confidence::kHigh : Confidence::kMedium,
          .text = fmt::format("manufacturer \"{}\" matches {} (\"{}\", score {:.2f})", text,
                              hit.entity->native_id, hit.explanation.matched_name, hit.score)});
    }
  }
  if (out.evidence.size() != before) return core::Ok();
  for (const auto& [word, company] : covered_words_) {
    if (ContainsWords(folded, word)) {
      out.evidence.push_back(Evidence{
          .signal = signal, .kind = EvidenceKind::kLookAlike, .company = company,
          .text = fmt::format("{} \"{}\" contains \"{}\" but names no company of that group",
                              SignalName(signal), text, company)});
      return core::Ok();
    }
  }
  if (signal == Signal::kManufacturer) {
    out.evidence.push_back(Evidence{.signal = signal, .kind = EvidenceKind::kOtherMaker,
                                    .company = std::string(text),
                                    .text = fmt::format("manufacturer \"{}\"", text)});
  }
  return core::Ok();
}

void Identifier::ModelEvidence(std::string_view model, Signal signal, DeviceResult& out) const {
  const ModelPattern* best = nullptr;
  for (const ModelPattern& pattern : tables_.patterns) {
    if (pattern.Matches(model) &&
        (best == nullptr || pattern.confidence > best->confidence ||
         (pattern.confidence == best->confidence && pattern.pattern.size() > best->pattern.size()))) {
      best = &pattern;
    }
  }
  if (best == nullptr) return;
  const bool shared = best->confidence == Confidence::kLow;
  out.evidence.push_back(Evidence{
      .signal = signal,
      .kind = shared ? EvidenceKind::kLookAlike : EvidenceKind::kCovered,
      .company = best->company,
      .confidence = best->confidence,
      .text = fmt::format("model \"{}\" fits {} pattern {} ({}; {} confidence; source: {}, {}){}",
                          model, best->brand, best->pattern, best->what,
                          ConfidenceName(best->confidence), best->source, best->source_date,
                          shared ? ": other makers use it too" : "")});
}

namespace {

// The class and company the evidence supports (DeviceResult::device_class, company, confidence).
void PickClass(DeviceResult& out) {
  // Per covered company: the best confidence, and the kinds of signal at medium or above.
  std::vector<std::pair<std::string, Confidence>> companies;
  for (const Evidence& evidence : out.evidence) {
    if (evidence.kind != EvidenceKind::kCovered) continue;
    Confidence level = evidence.confidence;
    std::set<Signal> strong;
    for (const Evidence& other : out.evidence) {
      if (other.kind == EvidenceKind::kCovered && other.company == evidence.company &&
          other.confidence >= Confidence::kMedium) {
        strong.insert(other.signal);
        level = std::max(level, other.confidence);
      }
    }
    if (strong.size() >= 2) level = Confidence::kHigh;  // independent signals agree
    companies.emplace_back(evidence.company, level);
  }
  const auto kind_first = [&](EvidenceKind kind) {
    return std::find_if(out.evidence.begin(), out.evidence.end(),
                        [&](const Evidence& e) { return e.kind == kind; });
  };
  if (!companies.empty()) {
    const auto best = std::max_element(companies.begin(), companies.end(), [](const auto& a,
                                                                             const auto& b) {
      return a.second < b.second;
    });
    out.device_class = DeviceClass::kCovered;
    out.company = best->first;
    out.confidence = best->second;
  } else if (auto it = kind_first(EvidenceKind::kLookAlike); it != out.evidence.end()) {
    out.device_class = DeviceClass::kLookAlike;
    out.company = it->company;
  } else if (auto other = kind_first(EvidenceKind::kOtherMaker); other != out.evidence.end()) {
    out.device_class = DeviceClass::kNotCovered;
    out.company = other->company;
  } else {
    out.device_class = DeviceClass::kUnknown;
  }
}

}  // namespace

void Identifier::Classify(core::PartialDate as_of, DeviceResult& out) const {
  PickClass(out);
  const bool part_b = !tables_.part_b_from.empty() && !Before(as_of, tables_.part_b_from);
  const std::string law = fmt::format(
      "Part A (from {}): {}. {}", part_a_from_.ToString(), part_a_meaning_,
      part_b ? fmt::format("Part B (from {}): {}.", tables_.part_b_from.ToString(),
                           tables_.part_b_meaning)
             : fmt::format("Part B applies from {}.", tables_.part_b_from.ToString()));
  out.citation = part_a_citation_ + (part_b ? "; " + tables_.part_b_citation : "");
  if (Before(as_of, part_a_from_)) {
    out.outcome = rules::Effect::kClear;
    out.meaning = fmt::format("Section 889 was not yet in force on {} (Part A from {}).",
                              as_of.ToString(), part_a_from_.ToString());
    return;
  }
  switch (out.device_class) {
    case DeviceClass::kCovered:
      out.outcome = out.confidence == Confidence::kHigh ? rules::Effect::kProhibited
                                                        : rules::Effect::kReview;
      out.meaning = out.confidence == Confidence::kHigh
                        ? fmt::format("{} equipment. {}", out.company, law)
                        : fmt::format("Probably {} equipment ({} confidence): confirm it. If "
                                      "confirmed: {}",
                                      out.company, ConfidenceName(out.confidence), law);
      return;
    case DeviceClass::kLookAlike:
      out.outcome = rules::Effect::kReview;
      out.meaning = fmt::format("Look-alike of {}: {}. If it is {} equipment: {}", out.company,
                                tables_.look_alike_means, out.company, law);
      return;
    case DeviceClass::kUnknown:
      out.outcome = rules::Effect::kReview;
      out.meaning = fmt::format("Unknown maker: {}.", tables_.unknown_means);
      return;
    case DeviceClass::kNotCovered:
      out.outcome = rules::Effect::kClear;
      out.meaning = fmt::format("{} ({}).", tables_.not_covered_means, out.company);
      out.citation.clear();
      return;
  }
}

core::Result<DeviceResult> Identifier::Identify(const Device& device,
                                                core::PartialDate as_of) const {
  DeviceResult out;
  MacEvidence(device, out);
  if (!device.manufacturer.empty()) {
    if (auto status = NameEvidence(device.manufacturer, Signal::kManufacturer, as_of, out);
        !status) {
      return status.error();
    }
  }
  if (!device.model.empty()) ModelEvidence(device.model, Signal::kModel, out);
  if (!device.hostname.empty()) {
    if (auto status = NameEvidence(device.hostname, Signal::kHostname, as_of, out); !status) {
      return status.error();
    }
  }
  Classify(as_of, out);
  return out;
}

std::string SubnetOf(std::string_view ip) {
  std::string text(ip.substr(0, ip.find('%')));  // drop an IPv6 zone ("fe80::1%eth0")
  if (text.empty()) return "no address";
  unsigned char bytes[16] = {};
  char buffer[INET6_ADDRSTRLEN] = {};
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) {
    return fmt::format("{}.{}.{}.0/24", bytes[0], bytes[1], bytes[2]);
  }
  if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) {
    std::fill(bytes + 8, bytes + 16, 0);
    inet_ntop(AF_INET6, bytes, buffer, sizeof(buffer));
    return std::string(buffer) + "/64";
  }
  return "other: " + text;
}

}  // namespace redflag::devices
