#include "rules/decider_factory.h"

#include <utility>
#include <vector>

#include "match/screener.h"

namespace redflag::rules {
namespace {

// One entity per covered company; native id = the company ("Hikvision"), which is what
// Decider reports for an 889 match.
std::vector<core::Entity> CoveredEntities(const RuleSet& rules) {
  std::vector<core::Entity> out;
  for (const CoveredCompany& company : rules.covered_companies) {
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
    core::Listing listing;
    listing.list_id = entity.list_id;
    listing.list_code = "889";
    listing.list_name = "NDAA Section 889 covered company";
    entity.listings.push_back(std::move(listing));
    out.push_back(std::move(entity));
  }
  return out;
}

ScreenFn ScreenWith(std::shared_ptr<const match::Screener> screener, double threshold) {
  return [screener = std::move(screener), threshold](const match::Query& query) {
    return screener->Screen(
        query, match::ScreenOptions{.threshold = threshold, .limit = 20, .explain = false});
  };
}

}  // namespace

core::Result<std::unique_ptr<Decider>> MakeDecider(RuleSet rules,
                                                   std::shared_ptr<const index::Snapshot> snapshot,
                                                   DeciderOptions options) {
  return MakeDecider(std::move(rules), std::make_shared<const match::Screener>(std::move(snapshot)),
                     options);
}

core::Result<std::unique_ptr<Decider>> MakeDecider(RuleSet rules,
                                                   std::shared_ptr<const match::Screener> screener,
                                                   DeciderOptions options) {
  ScreenFn covered;
  if (!rules.covered_companies.empty()) {
    auto covered_snapshot = index::Snapshot::Build(CoveredEntities(rules));
    if (!covered_snapshot) return covered_snapshot.error();
    covered = ScreenWith(std::make_shared<const match::Screener>(*covered_snapshot),
                         options.alert_threshold);
  }
  // The ScreenFn holds the screener, which holds the snapshot the entities live in.
  const auto& entities = screener->snapshot().entities();
  auto lists = ScreenWith(std::move(screener), options.alert_threshold);
  return std::make_unique<Decider>(std::move(rules), entities, std::move(lists), std::move(covered),
                                   options);
}

}  // namespace redflag::rules
