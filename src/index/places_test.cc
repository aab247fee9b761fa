// Place words of listed parties' addresses: which address parts count, folding, administrative
// words, digits, and the snapshot's set over screened lists only.
#include "index/places.h"

#include <gtest/gtest.h>

#include "index/snapshot.h"

namespace redflag::index {
namespace {

core::Entity WithAddress(std::string list_id, std::string native_id, core::Address address) {
  core::Entity entity;
  entity.list_id = list_id;
  entity.native_id = native_id;
  entity.id = core::MakeEntityId(list_id, native_id);
  entity.names.push_back(core::Name{.full = "Example Holding " + native_id});
  entity.addresses.push_back(std::move(address));
  return entity;
}

TEST(Places, OneLineAddressKeepsShortPartsWithoutNumbers) {
  // The CSL's form: one line, comma-separated (Dahua Technology's Entity List address).
  const core::Entity entity = WithAddress(
      "us_csl", "1",
      core::Address{.full = "No. 1187, Bin'an Road, Binjiang District, Hangzhou, Zhejiang, CN"});
  EXPECT_EQ(EntityPlaceTokens(entity),
            (std::vector<std::string>{"binjiang", "hangzhou", "zhejiang"}));
}

TEST(Places, LongPartsStreetsAndNumbersAreNotPlaces) {
  const core::Entity entity = WithAddress(
      "us_csl", "2",
      core::Address{.full = "807, Block A, Meike Building No. 506, Beijing South Road, "
                            "New City, Xinjiang, Urumqi, CN"});
  // "Beijing South Road" has three words (a street), "Meike Building No. 506" a number, "Block A"
  // and "New City" only administrative or short words.
  EXPECT_EQ(EntityPlaceTokens(entity), (std::vector<std::string>{"xinjiang", "urumqi"}));
}

TEST(Places, CityAndStateFieldsAreFoldedAndStripped) {
  const core::Entity entity = WithAddress(
      "ofac_sdn", "3",
      core::Address{.street = "Lenina 5", .city = "Санкт-Петербург", .state = "Zhejiang 315040"});
  const std::vector<std::string> tokens = EntityPlaceTokens(entity);
  // Cyrillic is transliterated by the name folding; the postal code is dropped.
  EXPECT_EQ(tokens, (std::vector<std::string>{"sankt", "peterburg", "zhejiang"}));
}

TEST(Places, DuplicatesAcrossAddressesAreKeptOnce) {
  core::Entity entity = WithAddress("us_csl", "4", core::Address{.city = "Hangzhou"});
  entity.addresses.push_back(core::Address{.full = "Hangzhou, Zhejiang"});
  EXPECT_EQ(EntityPlaceTokens(entity), (std::vector<std::string>{"hangzhou", "zhejiang"}));
}

TEST(Places, SnapshotKnowsPlacesOfScreenedListsOnly) {
  std::vector<core::Entity> entities;
  entities.push_back(WithAddress("us_csl", "5", core::Address{.full = "Hangzhou, Zhejiang, CN"}));
  // The IEEE registry is kept for rules but not screened: its addresses are not places here.
  entities.push_back(WithAddress("ieee_oui", "MA-L-000000", core::Address{.full = "Shenzhen, CN"}));
  auto snapshot = Snapshot::Build(std::move(entities));
  ASSERT_TRUE(snapshot.has_value());
  const Snapshot& built = **snapshot;
  EXPECT_NE(built.PlaceId("zhejiang"), Snapshot::kNoPlace);
  EXPECT_NE(built.PlaceId("hangzhou"), Snapshot::kNoPlace);
  EXPECT_EQ(built.PlaceId("shenzhen"), Snapshot::kNoPlace);
  EXPECT_EQ(built.PlaceId("cn"), Snapshot::kNoPlace);
  // Per entity, the ids of exactly its EntityPlaceTokens; none for the unscreened registry.
  std::vector<std::string> words;
  for (const std::uint32_t id : built.PlacesOf(0)) {
    for (const std::string word : {"hangzhou", "zhejiang"}) {
      if (built.PlaceId(word) == id) words.push_back(word);
    }
  }
  EXPECT_EQ(words, EntityPlaceTokens(built.entities()[0]));
  EXPECT_EQ(built.PlacesOf(0).size(), 2u);
  EXPECT_TRUE(built.PlacesOf(1).empty());
}

}  // namespace
}  // namespace redflag::index
