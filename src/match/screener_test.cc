// Screening over a small hand-built index: hits, order, parties across lists, secondary evidence,
// bad input, and the candidate stage against the brute-force oracle.
#include "match/screener.h"

#include <random>

#include <gtest/gtest.h>

namespace redflag::match {
namespace {

core::Entity Make(std::string list_id, std::string native_id, core::EntityType type,
                  std::vector<std::string> names, std::string list_name,
                  std::string country = "") {
  core::Entity entity;
  entity.list_id = list_id;
  entity.native_id = native_id;
  entity.id = core::MakeEntityId(list_id, native_id);
  entity.type = type;
  for (std::size_t idx = 0; idx < names.size(); ++idx) {
    entity.names.push_back(core::Name{.full = names[idx],
                                      .kind = idx == 0 ? core::NameKind::kPrimary
                                                       : core::NameKind::kStrongAka});
  }
  entity.listings.push_back(core::Listing{.list_id = list_id, .list_name = std::move(list_name)});
  if (!country.empty()) entity.addresses.push_back(core::Address{.country = country});
  return entity;
}

// Builds the index of `entities` plus `count` SDN organizations named
// "<prefix><letter><n><suffix>" (native ids from `first_id`): filler that makes the suffix's
// words common, as they are on the real lists.
std::shared_ptr<const index::Snapshot> BuildWithFillers(std::vector<core::Entity> entities,
                                                        int count, int first_id,
                                                        const std::string& prefix,
                                                        const std::string& suffix) {
  for (int idx = 0; idx < count; ++idx) {
    entities.push_back(Make("ofac_sdn", std::to_string(first_id + idx),
                            core::EntityType::kOrganization,
                            {prefix + std::string(1, static_cast<char>('a' + idx % 26)) +
                             std::to_string(idx) + suffix},
                            "SDN"));
  }
  auto snapshot = index::Snapshot::Build(std::move(entities));
  EXPECT_TRUE(snapshot.has_value());
  return *snapshot;
}

std::shared_ptr<const index::Snapshot> SmallIndex() {
  using core::EntityType;
  std::vector<core::Entity> entities = {
      Make("us_csl", "f095626c", EntityType::kUnknown,
           {"Hangzhou Hikvision Digital Technology Co., Ltd.", "Hikvision"}, "Entity List", "CN"),
      Make("us_csl", "aa01", EntityType::kUnknown, {"Dahua Technology"}, "Entity List", "CN"),
      Make("ofac_cons", "30946", EntityType::kOrganization,
           {"HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD."}, "NS-CMIC", "CN"),
      Make("us_csl", "30946", EntityType::kOrganization,
           {"HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", "HIKVISION"}, "CMIC (CSL)", "CN"),
      Make("ofac_sdn", "29159", EntityType::kOrganization, {"XINJIANG PUBLIC SECURITY BUREAU"},
           "SDN", "CN"),
      Make("ofac_sdn", "11377", EntityType::kPerson,
           {"HAMID, Mustafa Muhammad 'Atiya", "AL-MISRI, Abu Walid"}, "SDN", "EG"),
      Make("bis_dpl", "100", EntityType::kUnknown, {"DAHUA ELECTRONICS CORPORATION"}, "DPL", "US"),
      Make("ofac_sdn", "500", EntityType::kPerson, {"SMITH, John Michael"}, "SDN", "GB"),
      Make("ofac_sdn", "501", EntityType::kPerson, {"SMITH, Jane"}, "SDN", "US"),
      Make("ofac_sdn", "502", EntityType::kVessel, {"OCEAN GLORY"}, "SDN", "PA"),
      Make("ieee_oui", "MA-L-4419B6", EntityType::kOrganization,
           {"Hangzhou Hikvision Digital Technology Co.,Ltd."}, "IEEE MA-L"),
  };
  // Generic company names so that "trading", "company" and "limited" are common tokens.
  return BuildWithFillers(std::move(entities), 40, 1000, "Company",
                          " General Trading Company Limited");
}

std::vector<std::string> Ids(const std::vector<Hit>& hits) {
  std::vector<std::string> ids;
  for (const Hit& hit : hits) ids.push_back(hit.entity->id);
  return ids;
}

TEST(Screener, FindsAliasAndMessyName) {
  Screener screener(SmallIndex());
  auto hits = screener.Screen(Query{.name = "HIK-VISION DIGITAL TECH CO LTD"});
  ASSERT_TRUE(hits.has_value());
  ASSERT_GE(hits->size(), 2u);
  // The EL entry and the CMIC party (ofac_cons + its CSL copy, merged into one hit).
  std::vector<std::string> ids = Ids(*hits);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "us_csl:f095626c"), ids.end());
  EXPECT_GE((*hits)[0].score, 0.85);
}

TEST(Screener, SamePartyOnSeveralListsIsOneHit) {
  Screener screener(SmallIndex());
  auto hits = screener.Screen(Query{.name = "Hangzhou Hikvision Digital Technology Co Ltd"});
  ASSERT_TRUE(hits.has_value());
  int cmic_hits = 0;
  for (const Hit& hit : *hits) {
    if (hit.entity->native_id == "30946") {
      ++cmic_hits;
      EXPECT_EQ(hit.same_party.size(), 2u);
      EXPECT_EQ(hit.lists.size(), 2u);
    }
  }
  EXPECT_EQ(cmic_hits, 1);
}

TEST(Screener, IeeeRegistryIsNotScreened) {
  Screener screener(SmallIndex());
  auto hits = screener.Screen(Query{.name = "Hangzhou Hikvision Digital Technology Co.,Ltd."});
  ASSERT_TRUE(hits.has_value());
  for (const Hit& hit : *hits) EXPECT_NE(hit.entity->list_id, "ieee_oui");
}

TEST(Screener, OrderIsBestFirst) {
  Screener screener(SmallIndex());
  auto hits = screener.Screen(Query{.name = "John Smith", .type = core::EntityType::kPerson},
                              ScreenOptions{.threshold = 0.5});
  ASSERT_TRUE(hits.has_value());
  ASSERT_FALSE(hits->empty());
  EXPECT_EQ((*hits)[0].entity->id, "ofac_sdn:500");
  for (std::size_t idx = 1; idx < hits->size(); ++idx) {
    EXPECT_GE((*hits)[idx - 1].score, (*hits)[idx].score);
  }
}

TEST(Screener, TypeMismatchLowersScore) {
  Screener screener(SmallIndex());
  auto as_person = screener.Screen(
      Query{.name = "Ocean Glory", .type = core::EntityType::kPerson}, {.threshold = 0.0});
  auto as_vessel = screener.Screen(
      Query{.name = "Ocean Glory", .type = core::EntityType::kVessel}, {.threshold = 0.0});
  ASSERT_TRUE(as_person.has_value() && as_vessel.has_value());
  ASSERT_FALSE(as_person->empty());
  ASSERT_FALSE(as_vessel->empty());
  EXPECT_NEAR((*as_vessel)[0].score - (*as_person)[0].score, 0.15, 1e-9);
}

TEST(Screener, CountryEvidenceAdjustsAndExplains) {
  Screener screener(SmallIndex());
  auto same = screener.Screen(Query{.name = "Dahua Technology", .country = "China"});
  auto other = screener.Screen(Query{.name = "Dahua Technology", .country = "FR"});
  ASSERT_TRUE(same.has_value() && other.has_value());
  ASSERT_FALSE(same->empty());
  ASSERT_FALSE(other->empty());
  EXPECT_GT((*same)[0].score, (*other)[0].score);
  ASSERT_FALSE((*other)[0].explanation.adjustments.empty());
  EXPECT_NE((*other)[0].explanation.adjustments[0].what.find("country differs"),
            std::string::npos);
}

TEST(Screener, IdentifierAloneNeverMakesADifferentNameCertain) {
  std::vector<core::Entity> entities = {Make("ofac_cons", "1", core::EntityType::kOrganization,
                                             {"Alpha Beta Gamma Holdings"}, "CMIC")};
  entities[0].identifiers.push_back(
      core::Identifier{.type = core::IdType::kIsin, .type_raw = "ISIN", .value = "CNE100000PM8"});
  auto snapshot = index::Snapshot::Build(std::move(entities));
  ASSERT_TRUE(snapshot.has_value());
  Screener screener(*snapshot);
  Query query{.name = "Alpha Beta Delta Holdings"};
  query.identifiers.push_back(core::Identifier{.value = "CNE100000PM8"});
  auto hits = screener.Screen(query, {.threshold = 0.0});
  ASSERT_TRUE(hits.has_value());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_LE((*hits)[0].score, 0.89);
}

TEST(Screener, BadInputGivesClearErrors) {
  Screener screener(SmallIndex());
  struct BadCase {
    std::string name;
    std::string message_part;
  };
  const BadCase cases[] = {
      {"", "empty"},
      {"!!! ... ---", "no letters or digits"},
      {"Co., Ltd.", "only a legal form"},
      {std::string(10000, 'a'), "limit is 4096"},
  };
  for (const BadCase& bad : cases) {
    auto hits = screener.Screen(Query{.name = bad.name});
    ASSERT_FALSE(hits.has_value()) << bad.name.substr(0, 20);
    EXPECT_EQ(hits.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_NE(hits.error().message.find(bad.message_part), std::string::npos)
        << hits.error().message;
  }
  auto bad_country = screener.Screen(Query{.name = "Dahua", .country = "Atlantis"});
  ASSERT_FALSE(bad_country.has_value());
  EXPECT_EQ(bad_country.error().where.field, "country");
}

TEST(Screener, InvalidUtf8AndControlCharactersAreRepaired) {
  Screener screener(SmallIndex());
  auto hits = screener.Screen(Query{.name = "Dahua\xff\xfe Tech\x01nology"});
  ASSERT_TRUE(hits.has_value());
}

// Fuzzer find (screen_query_fuzz): an organization query made of single letters skipped the
// retrieval of initials, though the scorer aligns equal letters exactly.
TEST(Screener, OrganizationQueryOfSingleLettersAgreesWithBruteForce) {
  std::vector<core::Entity> entities = {Make("ofac_sdn", "26884", core::EntityType::kUnknown,
                                             {"B S COMPANY"}, "SDN")};
  auto snapshot = index::Snapshot::Build(std::move(entities));
  ASSERT_TRUE(snapshot.has_value());
  Screener screener(*snapshot);
  const Query query{.name = "B@ S'", .type = core::EntityType::kOrganization};
  auto fast = screener.Screen(query, {.threshold = 0.0});
  auto slow = screener.ScreenBruteForce(query, {.threshold = 0.0});
  ASSERT_TRUE(fast.has_value() && slow.has_value());
  EXPECT_EQ(Ids(*fast), Ids(*slow));
  EXPECT_EQ(Ids(*fast), std::vector<std::string>{"ofac_sdn:26884"});
}

// The candidate stage must not drop what the scorer accepts: perturbed names of every entity,
// screened both ways, give the same hits at the default threshold.
// Entity List entries written without their home province or city ("Dahua Technology" for
// Zhejiang Dahua Technology Co., Ltd.), with the CSL's one-line addresses.
std::shared_ptr<const index::Snapshot> PlaceIndex(bool dahua_in_zhejiang) {
  using core::EntityType;
  std::vector<core::Entity> entities = {
      Make("us_csl", "dahua", EntityType::kUnknown, {"Dahua Technology"}, "Entity List"),
      Make("us_csl", "ocean", EntityType::kVessel, {"OCEAN GLORY"}, "SDN"),
      Make("ofac_sdn", "rahman", EntityType::kPerson, {"RAHMAN, Abdul"}, "SDN"),
      Make("us_csl", "other", EntityType::kOrganization, {"Zhejiang Example Trading Co., Ltd."},
           "Entity List"),
  };
  entities[0].addresses.push_back(core::Address{
      .full = dahua_in_zhejiang ? "No. 1187, Bin'an Road, Binjiang District, Hangzhou, Zhejiang, CN"
                                : "1199 Bin'an Road, Binjiang High-tech Zone, Hangzhou, CN"});
  entities[1].addresses.push_back(core::Address{.full = "Panama City, PA"});
  entities[2].addresses.push_back(core::Address{.full = "Urumqi, Xinjiang, CN"});
  entities[3].addresses.push_back(core::Address{.full = "Ningbo, Zhejiang, CN"});
  // Common words, so that "technology" and "trading" weigh what they weigh on real lists.
  return BuildWithFillers(std::move(entities), 30, 2000, "Firm", " Technology Trading Company");
}

const Hit* HitFor(const std::vector<Hit>& hits, std::string_view id) {
  for (const Hit& hit : hits) {
    if (hit.entity->id == id) return &hit;
  }
  return nullptr;
}

TEST(Screener, HomeProvinceInTheAddressIsALocationQualifier) {
  Screener screener(PlaceIndex(/*dahua_in_zhejiang=*/true));
  const ScreenOptions all{.threshold = 0.5};
  auto hits = screener.Screen(Query{.name = "Zhejiang Dahua Technology Co., Ltd."}, all);
  ASSERT_TRUE(hits.has_value());
  const Hit* dahua = HitFor(*hits, "us_csl:dahua");
  ASSERT_NE(dahua, nullptr);
  // Without the rule "zhejiang" counts as a word the listed name lacks.
  EXPECT_LT(dahua->explanation.name_score, kDefaultThreshold);
  ASSERT_EQ(dahua->explanation.adjustments.size(), 1u);
  const Adjustment& qualifier = dahua->explanation.adjustments[0];
  EXPECT_NE(qualifier.what.find("location qualifier: query 'zhejiang'"), std::string::npos);
  EXPECT_GT(qualifier.delta, 0.0);
  EXPECT_LE(qualifier.delta, 0.10);
  EXPECT_NEAR(dahua->score, dahua->explanation.name_score + qualifier.delta, 1e-9);
  EXPECT_GE(dahua->score, kDefaultThreshold);
  // The Dahua entry ranks above the other Zhejiang company, which shares only the province.
  EXPECT_EQ((*hits)[0].entity->id, "us_csl:dahua");
  const Hit* other = HitFor(*hits, "us_csl:other");
  if (other != nullptr) {
    EXPECT_LT(other->score, kDefaultThreshold);
  }
  // The same at the default threshold, and the brute-force oracle agrees.
  auto fast = screener.Screen(Query{.name = "Zhejiang Dahua Technology Co., Ltd."});
  auto slow = screener.ScreenBruteForce(Query{.name = "Zhejiang Dahua Technology Co., Ltd."});
  ASSERT_TRUE(fast.has_value() && slow.has_value());
  EXPECT_EQ(Ids(*fast), Ids(*slow));
  EXPECT_EQ(Ids(*fast), (std::vector<std::string>{"us_csl:dahua"}));
}

TEST(Screener, LocationQualifierNeedsThePlaceInThatPartysAddress) {
  // "Zhejiang" is a place (another entry's address) but not where this Dahua entry is.
  Screener screener(PlaceIndex(/*dahua_in_zhejiang=*/false));
  auto hits = screener.Screen(Query{.name = "Zhejiang Dahua Technology Co., Ltd."},
                              ScreenOptions{.threshold = 0.5});
  ASSERT_TRUE(hits.has_value());
  const Hit* dahua = HitFor(*hits, "us_csl:dahua");
  ASSERT_NE(dahua, nullptr);
  EXPECT_TRUE(dahua->explanation.adjustments.empty());
  EXPECT_LT(dahua->score, kDefaultThreshold);
  // The city it is in does qualify.
  auto hangzhou = screener.Screen(Query{.name = "Hangzhou Dahua Technology"});
  ASSERT_TRUE(hangzhou.has_value());
  ASSERT_EQ(Ids(*hangzhou), (std::vector<std::string>{"us_csl:dahua"}));
  EXPECT_NE((*hangzhou)[0].explanation.adjustments.at(0).what.find("'hangzhou'"),
            std::string::npos);
}

TEST(Screener, NoLocationQualifierForPersonsOrPlacesAlone) {
  Screener screener(PlaceIndex(/*dahua_in_zhejiang=*/true));
  const ScreenOptions all{.threshold = 0.3};
  // A person's name is not qualified by a city, even one in the person's address.
  auto person = screener.Screen(Query{.name = "Abdul Rahman Urumqi"}, all);
  ASSERT_TRUE(person.has_value());
  const Hit* rahman = HitFor(*person, "ofac_sdn:rahman");
  ASSERT_NE(rahman, nullptr);
  EXPECT_TRUE(rahman->explanation.adjustments.empty());
  // A query made only of place words has nothing left to match on.
  auto places = screener.Screen(Query{.name = "Hangzhou Zhejiang"}, all);
  ASSERT_TRUE(places.has_value());
  const Hit* dahua = HitFor(*places, "us_csl:dahua");
  if (dahua != nullptr) {
    EXPECT_TRUE(dahua->explanation.adjustments.empty());
  }
  // A typed person query never gets it either.
  auto typed = screener.Screen(
      Query{.name = "Zhejiang Dahua Technology", .type = core::EntityType::kPerson}, all);
  ASSERT_TRUE(typed.has_value());
  for (const Hit& hit : *typed) {
    for (const Adjustment& adjustment : hit.explanation.adjustments) {
      EXPECT_EQ(adjustment.what.find("location qualifier"), std::string::npos);
    }
  }
}

TEST(Screener, CandidateStageAgreesWithBruteForce) {
  auto snapshot = SmallIndex();
  Screener screener(snapshot);
  std::mt19937 rng(20261123);
  int checked = 0;
  for (const core::Entity& entity : snapshot->entities()) {
    for (const core::Name& name : entity.names) {
      for (int variant = 0; variant < 4; ++variant) {
        std::string query = name.full;
        std::uniform_int_distribution<std::size_t> pos(0, query.size() - 1);
        if (variant == 1) query.erase(pos(rng), 1);
        if (variant == 2) std::swap(query[pos(rng)], query[pos(rng)]);
        if (variant == 3) query.insert(pos(rng), 1, 'x');
        auto fast = screener.Screen(Query{.name = query});
        auto slow = screener.ScreenBruteForce(Query{.name = query});
        if (!slow.has_value()) {
          EXPECT_FALSE(fast.has_value());
          continue;
        }
        ASSERT_TRUE(fast.has_value());
        EXPECT_EQ(Ids(*fast), Ids(*slow)) << query;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 150);
}

}  // namespace
}  // namespace redflag::match
