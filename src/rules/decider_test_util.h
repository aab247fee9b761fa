// Test helpers for the rule engine: hand-built list entities (from public facts) and a fake
// screener, so rule tests do not depend on the matcher's tuning. The fake matches a query to an
// entity when the folded words of the query equal the folded words of one of its names (score
// 1.0), or when a score was set for that exact query with SetScore().
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/entity.h"
#include "match/hit.h"
#include "rules/decider.h"
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

class FakeScreener {
 public:
  explicit FakeScreener(const std::vector<core::Entity>* entities) : entities_(entities) {}

  // Makes `query` hit the entity `entity_id` with `score` (in addition to exact-name hits).
  void SetScore(const std::string& query, const std::string& entity_id, double score) {
    scores_[FoldWords(query)].emplace_back(entity_id, score);
  }

  core::Result<std::vector<match::Hit>> operator()(const match::Query& query) const {
    const std::string folded = FoldWords(query.name);
    if (folded.empty()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument, "name has no letters or digits");
    }
    std::vector<match::Hit> hits;
    for (const core::Entity& entity : *entities_) {
      double score = 0;
      std::string matched;
      for (const core::Name& name : entity.names) {
        if (FoldWords(name.full) == folded) {
          score = 1.0;
          matched = name.full;
        }
      }
      if (auto it = scores_.find(folded); it != scores_.end()) {
        for (const auto& [id, set_score] : it->second) {
          if (id == entity.id) {
            score = set_score;
            matched = entity.primary_name();
          }
        }
      }
      if (score <= 0) continue;
      match::Hit hit;
      hit.entity = &entity;
      hit.same_party = {&entity};
      hit.score = score;
      hit.explanation.matched_name = matched;
      for (const core::Listing& listing : entity.listings) hit.lists.push_back(listing.list_name);
      hits.push_back(std::move(hit));
    }
    return hits;
  }

 private:
  const std::vector<core::Entity>* entities_;
  std::map<std::string, std::vector<std::pair<std::string, double>>> scores_;
};

}  // namespace redflag::rules::testing
