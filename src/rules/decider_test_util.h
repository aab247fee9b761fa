// Test helpers for the rule engine: hand-built list entities (from public facts) and a Decider
// over them built like the CLI's, with the real index and matcher (no stand-in screener: a rule
// test sees the scores the product would give).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/entity.h"
#include "match/hit.h"
#include "index/snapshot.h"
#include "rules/decider.h"
#include "rules/decider_factory.h"
#include "rules/rule_set.h"

namespace redflag::rules::testing {

inline core::PartialDate D(const char* text) { return core::ParseDate(text).value(); }

struct EntitySpec {
  std::string id;         // "us_csl:hik"
  std::string list_code;  // "EL"
  std::string list_name;  // "Entity List (EL) - Bureau of Industry and Security"
  std::vector<std::string> names;
  std::string start;  // "" = none
  std::string end;
  std::vector<std::string> federal_register;
  std::string license_requirement;
  std::string license_policy;
  std::vector<core::Identifier> identifiers;
  std::string divestment;
};

inline core::Entity MakeEntity(const EntitySpec& spec) {
  core::Entity entity;
  entity.id = spec.id;
  entity.list_id = spec.id.substr(0, spec.id.find(':'));
  entity.native_id = spec.id.substr(spec.id.find(':') + 1);
  entity.type = core::EntityType::kOrganization;
  for (std::size_t idx = 0; idx < spec.names.size(); ++idx) {
    entity.names.push_back(
        core::Name{.full = spec.names[idx],
                   .kind = idx == 0 ? core::NameKind::kPrimary : core::NameKind::kStrongAka});
  }
  core::Listing listing;
  listing.list_id = entity.list_id;
  listing.list_code = spec.list_code;
  listing.list_name = spec.list_name.empty() ? spec.list_code : spec.list_name;
  if (!spec.start.empty()) listing.start = D(spec.start.c_str());
  if (!spec.end.empty()) listing.end = D(spec.end.c_str());
  if (!spec.divestment.empty()) listing.divestment = D(spec.divestment.c_str());
  listing.federal_register = spec.federal_register;
  listing.license_requirement = spec.license_requirement;
  listing.license_policy = spec.license_policy;
  entity.listings.push_back(listing);
  entity.identifiers = spec.identifiers;
  return entity;
}

// A Decider over `entities` the way `redflag decide` builds one (rules/decider_factory.h): the
// real index and matcher for the parties, the real covered-company index for section 889.
inline std::unique_ptr<Decider> RealDecider(const RuleSet& rules,
                                            std::vector<core::Entity> entities) {
  auto snapshot = index::Snapshot::Build(std::move(entities));
  if (!snapshot) return nullptr;
  auto decider = MakeDecider(rules, *snapshot);
  return decider ? std::move(*decider) : nullptr;
}

}  // namespace redflag::rules::testing
