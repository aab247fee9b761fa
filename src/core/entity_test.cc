#include "core/entity.h"

#include <gtest/gtest.h>

#include "core/enum_names.h"

namespace redflag::core {
namespace {

TEST(IdentifierKey, KeepsLettersAndDigitsUpperCase) {
  EXPECT_EQ(IdentifierKey("cne100000pm8"), "CNE100000PM8");
  EXPECT_EQ(IdentifierKey("CN 0012-34/a"), "CN001234A");
  EXPECT_EQ(IdentifierKey(" -./ "), "");
}

TEST(NameTable, BothWaysAndFallbacks) {
  EXPECT_EQ(IdTypeName(IdType::kPassport), "passport");
  EXPECT_EQ(ParseIdTypeName("passport"), IdType::kPassport);
  EXPECT_EQ(ParseIdTypeName("no such type"), IdType::kOther);
  enum class Color { kRed, kGreen, kBlue };
  constexpr NameTable<Color, 2> kColors = {{{Color::kRed, "red"}, {Color::kGreen, "green"}}};
  EXPECT_EQ(NameIn(kColors, Color::kGreen, "?"), "green");
  EXPECT_EQ(NameIn(kColors, Color::kBlue, "?"), "?");
  EXPECT_EQ(ValueIn(kColors, "red"), Color::kRed);
  EXPECT_FALSE(ValueIn(kColors, "Red").has_value());  // exact names only
}

}  // namespace
}  // namespace redflag::core
