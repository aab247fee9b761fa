// Fuzzes the query path: arbitrary bytes as a name (and, from the first byte, a type) screened
// against a small hand-built index, and compared with a fixed name. Checks: no crash, scores in
// [0, 1], hits sorted best first, and the candidate stage agrees with the brute-force oracle;
// the same bytes as an address give well-formed place words (index/places.h).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "index/places.h"
#include "index/snapshot.h"
#include "match/screener.h"

namespace {

using namespace redflag;

core::Entity Make(std::string native_id, core::EntityType type, std::vector<std::string> names) {
  core::Entity entity;
  entity.list_id = "fuzz";
  entity.native_id = native_id;
  entity.id = core::MakeEntityId("fuzz", native_id);
  entity.type = type;
  for (std::string& name : names) entity.names.push_back(core::Name{.full = std::move(name)});
  entity.listings.push_back(core::Listing{.list_id = "fuzz", .list_name = "Fuzz list"});
  return entity;
}

const match::Screener& Screener() {
  static const match::Screener screener = [] {
    std::vector<core::Entity> entities = {
        Make("1", core::EntityType::kOrganization,
             {"Hangzhou Hikvision Digital Technology Co., Ltd.", "Hikvision"}),
        Make("2", core::EntityType::kPerson, {"SMITH, John Michael", "J. M. SMITH"}),
        Make("3", core::EntityType::kOrganization, {"OOO Gazprom Neft", "ООО Газпром нефть"}),
        Make("4", core::EntityType::kUnknown, {"AL-MISRI, Abu Walid", "B S COMPANY"}),
        Make("5", core::EntityType::kVessel, {"OCEAN GLORY"}),
    };
    // Addresses with place words, so that location qualifiers are exercised too.
    entities[0].addresses.push_back(core::Address{.full = "Binjiang District, Hangzhou, Zhejiang, CN"});
    entities[2].addresses.push_back(core::Address{.city = "Moscow"});
    return match::Screener(*index::Snapshot::Build(std::move(entities)));
  }();
  return screener;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto type = static_cast<core::EntityType>(data[0] % 5);
  const std::string name(reinterpret_cast<const char*>(data + 1), size - 1);
  const match::Query query{.name = name, .type = type};
  // The same bytes as a listed address: its place words are folded words of at least 4 bytes.
  std::vector<std::string> places;
  redflag::index::PlaceTokensOf(name, places);
  for (const std::string& place : places) {
    if (place.size() < 4 || place.find(' ') != std::string::npos) std::abort();
  }
  auto fast = Screener().Screen(query);
  auto slow = Screener().ScreenBruteForce(query);
  if (fast.has_value() != slow.has_value()) std::abort();
  if (fast) {
    if (fast->size() != slow->size()) std::abort();
    for (std::size_t idx = 0; idx < fast->size(); ++idx) {
      const match::Hit& hit = (*fast)[idx];
      if (hit.score < 0 || hit.score > 1) std::abort();
      if (idx > 0 && (*fast)[idx - 1].score < hit.score) std::abort();
      if (hit.entity != (*slow)[idx].entity) std::abort();
    }
  }
  auto compared = match::CompareNames(name, "Hikvision Digital Technology", type);
  if (compared && (compared->score < 0 || compared->score > 1)) std::abort();
  return 0;
}
