// Who made each device, how sure we are, and what section 889 makes of it on a date.
//
// Signals (each kept as Evidence with its text and source):
//   MAC       the IEEE registries (MA-S 9, MA-M 7, MA-L 6 hex digits; longest prefix wins). A
//             prefix names the registrant of the network chip or board, not the brand on the
//             box, so MAC evidence is capped at medium confidence. Locally administered
//             (randomised) and group MACs say nothing.
//   manufacturer  ONVIF Manufacturer / CSV: the brand tables (data/rules/brands.json and the
//             dated data/devices/oem_brands.json), then the covered companies of ndaa_889.json
//             (screened with match::Screener over those companies only).
//   model     data/devices/model_patterns.json.
//   hostname  brand and model tables at low confidence (a DHCP name is set by whoever likes).
// Class: covered (a covered company, with the confidence of the best evidence; two medium
// signals of different kinds agreeing make high), look_alike (resembles covered equipment, but
// the evidence says not, or not necessarily: a brand sold before the date, a component maker, a
// false-friend name such as "Shanghai Dahua Scale Factory", a shared model prefix), not_covered
// (the signals name another maker), unknown (no signal names a maker).
// Outcome on the date: before Part A (2019-08-13) clear; covered high -> prohibited; covered
// medium/low, look_alike, unknown -> review; not_covered -> clear.
//
// Thread-safety: an Identifier is immutable after construction; Identify() may run on many
// threads. Lifetime: `registry_entities` must outlive the Identifier (the MAC registry points
// into it). Failure: Identify() fails only when the covered-company screener rejects a
// manufacturer string (kInvalidArgument); the CLI reports it with the device's source.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/entity.h"
#include "core/error.h"
#include "devices/inventory.h"
#include "devices/tables.h"
#include "match/screener.h"
#include "rules/rule_set.h"
#include "sources/ieee/ieee_oui.h"

namespace redflag::devices {

enum class DeviceClass : std::uint8_t { kCovered, kLookAlike, kUnknown, kNotCovered };
std::string_view DeviceClassName(DeviceClass cls);  // "covered", "look_alike", ...

enum class Signal : std::uint8_t { kMac, kManufacturer, kModel, kHostname };
std::string_view SignalName(Signal signal);

enum class EvidenceKind : std::uint8_t { kCovered, kLookAlike, kOtherMaker, kNothing };

struct Evidence {
  Signal signal = Signal::kMac;
  EvidenceKind kind = EvidenceKind::kNothing;
  std::string company;  // covered company (kCovered, kLookAlike) or the maker named (kOtherMaker)
  rules::Confidence confidence = rules::Confidence::kLow;
  std::string text;     // what the signal says and why, with the table row's source
};

struct DeviceResult {
  DeviceClass device_class = DeviceClass::kUnknown;
  std::string company;  // covered / resembled company, or the other maker
  rules::Confidence confidence = rules::Confidence::kLow;
  rules::Effect outcome = rules::Effect::kReview;  // clear, review or prohibited
  std::string meaning;   // what it means on the date (Part A, Part B)
  std::string citation;
  std::string mac_registrant;  // IEEE organisation of the MAC prefix, when found
  std::vector<Evidence> evidence;
};

class Identifier {
 public:
  // `registry_entities`: the ieee_oui list (may be empty: MACs are then "not checked").
  Identifier(const rules::RuleSet& rules, DeviceTables tables,
             const std::vector<core::Entity>& registry_entities);

  core::Result<DeviceResult> Identify(const Device& device, core::PartialDate as_of) const;

  bool has_mac_registry() const { return registry_.size() > 0; }

 private:
  void MacEvidence(const Device& device, DeviceResult& out) const;
  core::Status NameEvidence(std::string_view text, Signal signal, core::PartialDate as_of,
                            DeviceResult& out) const;
  std::set<std::string> DatedBrandEvidence(std::string_view text, const std::string& folded,
                                           Signal signal, core::PartialDate as_of,
                                           DeviceResult& out) const;
  void ModelEvidence(std::string_view model, Signal signal, DeviceResult& out) const;
  void Classify(core::PartialDate as_of, DeviceResult& out) const;

  std::vector<rules::Brand> rule_brands_;
  std::vector<rules::OuiPattern> oui_patterns_;
  // Covered companies as {folded name, name}: {"dahua", "Dahua"}, ...
  std::vector<std::pair<std::string, std::string>> covered_words_;
  DeviceTables tables_;
  sources::MacRegistry registry_;
  std::unique_ptr<match::Screener> covered_;  // covered companies only
  core::PartialDate part_a_from_;
  std::string part_a_citation_;
  std::string part_a_meaning_;
};

// "10.1.2.0/24" for IPv4, the /64 for IPv6, "no address" when empty.
std::string SubnetOf(std::string_view ip);

}  // namespace redflag::devices
