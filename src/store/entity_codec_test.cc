#include "store/entity_codec.h"

#include <gtest/gtest.h>

#include <string>

#include "store/store_test_util.h"

namespace redflag::store {
namespace {

using testing::FullEntity;

TEST(EntityCodec, FullyPopulatedEntityRoundTripsFieldByField) {
  const core::Entity original = FullEntity("ofac_sdn", "12345");
  const std::string bytes = EncodeEntity(original);
  auto decoded = DecodeEntity(bytes);
  ASSERT_TRUE(decoded.has_value()) << decoded.error().ToString();
  const core::Entity& e = *decoded;
  // Field by field, so that a field the codec forgets names itself in the failure.
  EXPECT_EQ(e.id, original.id);
  EXPECT_EQ(e.list_id, original.list_id);
  EXPECT_EQ(e.native_id, original.native_id);
  EXPECT_EQ(e.type, original.type);
  EXPECT_EQ(e.names, original.names);
  EXPECT_EQ(e.addresses, original.addresses);
  EXPECT_EQ(e.identifiers, original.identifiers);
  EXPECT_EQ(e.birth_dates, original.birth_dates);
  EXPECT_EQ(e.places_of_birth, original.places_of_birth);
  EXPECT_EQ(e.nationalities, original.nationalities);
  EXPECT_EQ(e.citizenships, original.citizenships);
  EXPECT_EQ(e.gender, original.gender);
  EXPECT_EQ(e.titles, original.titles);
  EXPECT_EQ(e.listings, original.listings);
  EXPECT_EQ(e.links, original.links);
  EXPECT_EQ(e.vessel, original.vessel);
  EXPECT_EQ(e.remarks, original.remarks);
  EXPECT_EQ(e, original);  // and nothing else differs
}

TEST(EntityCodec, DefaultEntityRoundTrips) {
  const core::Entity original;
  auto decoded = DecodeEntity(EncodeEntity(original));
  ASSERT_TRUE(decoded.has_value()) << decoded.error().ToString();
  EXPECT_EQ(*decoded, original);
}

TEST(EntityCodec, EqualEntitiesGiveEqualBytesAndAnyChangeChangesThem) {
  core::Entity a = FullEntity("un", "QDi.001");
  core::Entity b = FullEntity("un", "QDi.001");
  EXPECT_EQ(EncodeEntity(a), EncodeEntity(b));
  b.listings[0].programs.push_back("NEW");
  EXPECT_NE(EncodeEntity(a), EncodeEntity(b));
  b = a;
  b.links[0].percent = 50.25;
  EXPECT_NE(EncodeEntity(a), EncodeEntity(b));
}

TEST(EntityCodec, LongStringsCrossVarintBoundaries) {
  // Lengths 127/128 and 16383/16384 switch between 1-, 2- and 3-byte varints.
  for (const std::size_t size : {0u, 1u, 127u, 128u, 129u, 16383u, 16384u, 70000u}) {
    core::Entity e;
    e.remarks.assign(size, 'x');
    auto decoded = DecodeEntity(EncodeEntity(e));
    ASSERT_TRUE(decoded.has_value()) << size << ": " << decoded.error().ToString();
    EXPECT_EQ(decoded->remarks.size(), size);
  }
}

TEST(EntityCodec, EveryTruncationIsAnErrorNotACrash) {
  const std::string bytes = EncodeEntity(FullEntity("eu", "13"));
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    auto decoded = DecodeEntity(std::string_view(bytes).substr(0, size));
    ASSERT_FALSE(decoded.has_value()) << "prefix of " << size << " bytes decoded";
    EXPECT_EQ(decoded.error().code, core::ErrorCode::kParse);
    EXPECT_NE(decoded.error().message.find("damaged entity blob"), std::string::npos)
        << decoded.error().message;
  }
}

TEST(EntityCodec, TrailingBytesAreRejected) {
  const std::string bytes = EncodeEntity(FullEntity("eu", "13")) + "x";
  auto decoded = DecodeEntity(bytes);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().message.find("1 trailing bytes"), std::string::npos)
      << decoded.error().message;
}

TEST(EntityCodec, UnknownCodecVersionIsNamed) {
  std::string bytes = EncodeEntity(FullEntity("eu", "13"));
  bytes[0] = 9;
  auto decoded = DecodeEntity(bytes);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().message.find("codec version 9"), std::string::npos)
      << decoded.error().message;
}

TEST(EntityCodec, OutOfRangeEnumIsRejected) {
  core::Entity e;
  e.id = "x:1";
  e.list_id = "x";
  e.native_id = "1";
  std::string bytes = EncodeEntity(e);
  // version(1) + id(1+3) + list_id(1+1) + native_id(1+1) -> type byte at offset 9.
  ASSERT_EQ(bytes[9], static_cast<char>(core::EntityType::kUnknown));
  bytes[9] = 42;
  auto decoded = DecodeEntity(bytes);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().message.find("entity type value 42 out of range"), std::string::npos)
      << decoded.error().message;
}

TEST(EntityCodec, HugeElementCountDoesNotAllocate) {
  // version, three empty strings, type, then a names count of 2^62: must fail on the count.
  std::string bytes = {1, 0, 0, 0, 0};
  for (int byte_idx = 0; byte_idx < 8; ++byte_idx) bytes.push_back(static_cast<char>(0xff));
  bytes.push_back(0x3f);
  auto decoded = DecodeEntity(bytes);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().message.find("exceeds the remaining bytes"), std::string::npos)
      << decoded.error().message;
}

}  // namespace
}  // namespace redflag::store
