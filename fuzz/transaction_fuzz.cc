// Fuzzes the transaction reader and the rule engine: arbitrary bytes -> ParseTransaction; when
// the bytes are a valid transaction, it is decided over a few hand-built entries (Entity List,
// DPL, SDN, NS-CMIC, IEEE) with the real index and matcher (rules/decider_test_util.h), and
// printed as JSON and text. Nothing may crash, hang or throw; the outcome must be the most severe finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rules/decider.h"
#include "rules/decider_test_util.h"
#include "rules/decision.h"
#include "rules/transaction.h"

namespace {

using redflag::rules::testing::MakeEntity;

struct World {
  redflag::rules::RuleSet rules;
  std::vector<redflag::core::Entity> entities;
  World() {
    auto loaded = redflag::rules::LoadRuleSet(redflag::rules::DefaultRulesDir());
    if (!loaded) std::abort();
    rules = *loaded;
    entities.push_back(MakeEntity(
        {.id = "us_csl:hik",
         .list_code = "EL",
         .names = {"Hikvision"},
         .start = "2019-10-09",
         .federal_register = {"84 FR 54002"},
         .license_requirement = "For all items subject to the EAR.  (See §744.11 of the EAR)",
         .license_policy = "Case-by-case review for ECCNs 1A004.c; presumption of denial for all "
                           "other items subject to the EAR."}));
    entities.push_back(MakeEntity({.id = "us_csl:dpl",
                                   .list_code = "DPL",
                                   .names = {"Denied Co"},
                                   .start = "2017-09-28",
                                   .end = "2025-11-19"}));
    entities.push_back(MakeEntity({.id = "ofac_sdn:1", .list_code = "SDN", .names = {"Blocked"}}));
    entities.push_back(MakeEntity({.id = "us_csl:meu", .list_code = "MEU", .names = {"Aero"}}));
    entities.push_back(
        MakeEntity({.id = "ofac_cons:2",
                    .list_code = "CMIC",
                    .names = {"Hikvision"},
                    .start = "2021-08-02",
                    .identifiers = {redflag::core::Identifier{.type = redflag::core::IdType::kIsin,
                                                              .value = "CNE100000PM8"}},
                    .divestment = "2022-06-03"}));
    entities.push_back(
        MakeEntity({.id = "ieee_oui:MA-L-4419B6",
                    .list_code = "MA-L",
                    .names = {"Hikvision Digital"},
                    .identifiers = {redflag::core::Identifier{
                        .type = redflag::core::IdType::kMacPrefix, .value = "4419B6"}}}));
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World* world = new World();
  static redflag::rules::Decider* decider =
      redflag::rules::testing::RealDecider(world->rules, world->entities).release();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto tx = redflag::rules::ParseTransaction(text);
  if (!tx) return 0;
  auto decision = decider->Decide(*tx);
  if (!decision) return 0;
  redflag::rules::Effect worst = redflag::rules::Effect::kClear;
  for (const auto& party : decision->parties) {
    for (const auto& finding : party.findings) worst = std::max(worst, finding.effect);
  }
  for (const auto& security : decision->securities) {
    for (const auto& finding : security.findings) worst = std::max(worst, finding.effect);
  }
  for (const auto& device : decision->devices) {
    for (const auto& finding : device.findings) worst = std::max(worst, finding.effect);
  }
  // An embargoed destination (or a party's country) is a finding of its own.
  for (const auto& finding : decision->destination_findings) {
    worst = std::max(worst, finding.effect);
  }
  if (worst != decision->outcome) std::abort();
  (void)redflag::rules::DecisionToJson(*decision);
  (void)redflag::rules::DecisionToText(*decision);
  return 0;
}
