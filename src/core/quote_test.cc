#include "core/quote.h"

#include <string>

#include <gtest/gtest.h>

#include "core/json_text.h"

namespace redflag::core {
namespace {

TEST(Quote, PlainTextIsQuotedAsIs) { EXPECT_EQ(Quote("Hikvision"), "\"Hikvision\""); }

TEST(Quote, ControlBytesQuotesAndBackslashesAreEscaped) {
  EXPECT_EQ(Quote(std::string("a\0b\x1B[31mc\nd\"e\\f", 15)),
            "\"a\\x00b\\x1B[31mc\\nd\\\"e\\\\f\"");
}

TEST(Quote, ValidUtf8IsKeptAndInvalidBytesEscaped) {
  EXPECT_EQ(Quote("Газпром"), "\"Газпром\"");
  EXPECT_EQ(Quote("Hikvision \xFF"), "\"Hikvision \\xFF\"");
  EXPECT_EQ(Quote("\xE3\x82"), "\"\\xE3\\x82\"");            // truncated sequence
  EXPECT_EQ(Quote("\xC2\x9B" "1m"), "\"\\xC2\\x9B1m\"");     // C1 control (CSI) as bytes
  EXPECT_EQ(Quote("\xED\xA0\x80"), "\"\\xED\\xA0\\x80\"");  // surrogate
}

TEST(Quote, LongInputIsCutAndItsLengthGiven) {
  const std::string name(100000, 'x');
  const std::string quoted = Quote(name);
  EXPECT_LT(quoted.size(), 120u);
  EXPECT_EQ(quoted, "\"" + std::string(80, 'x') + "...\" (100000 bytes)");
}

TEST(Quote, CutNeverSplitsACharacter) {
  std::string name;
  for (int idx = 0; idx < 50; ++idx) name += "Ж";  // 2 bytes each
  const std::string quoted = Quote(name, 5);
  EXPECT_EQ(quoted, "\"ЖЖЖ...\" (100 bytes)");
}

TEST(Printable, KeepsQuotesEscapesControlsAndCuts) {
  EXPECT_EQ(Printable("field \"name\": bad\x07", 100), "field \"name\": bad\\x07");
  EXPECT_EQ(Printable("abcdef", 3), "abc... (6 bytes in all)");
}

TEST(JsonText, InvalidUtf8BecomesReplacementCharacterInsteadOfThrowing) {
  const nlohmann::json value = {{"query", "Hikvision \xFF"}};
  std::string text;
  ASSERT_NO_THROW(text = JsonText(value, 2));
  const auto parsed = nlohmann::json::parse(text);
  EXPECT_EQ(parsed["query"].get<std::string>(), "Hikvision \xEF\xBF\xBD");
  EXPECT_EQ(JsonText(nlohmann::json{{"a", 1}}), "{\"a\":1}");
}

}  // namespace
}  // namespace redflag::core
