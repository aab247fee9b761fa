#include "report/report.h"

#include <gtest/gtest.h>

namespace redflag::report {
namespace {

TEST(Html, EscapesMarkupAndRepairsBadUtf8) {
  EXPECT_EQ(Html("<a href='x'>\"&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(Html("Zürich 海康"), "Zürich 海康");
  EXPECT_EQ(Html("a\xFF" "b\xC3"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");  // stray and cut bytes
  EXPECT_EQ(Html("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(Html(std::string("x\x01y", 3)), "x\xEF\xBF\xBDy");
}

TEST(Csv, QuotesWhenNeededAndDefusesFormulas) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvRow({"a", "", "c"}), "a,,c\n");
}

TEST(SvgBarChart, OneBarPerRowScaledToTheLargestAndEscaped) {
  const std::string svg = SvgBarChart("<t>", {{"a", 50, "half", "#111"},
                                              {"b", 100, "full", "#222"},
                                              {"c", -5, "none", "#333"}});
  EXPECT_NE(svg.find("<title>&lt;t&gt;</title>"), std::string::npos);
  EXPECT_NE(svg.find("width=\"180\""), std::string::npos);  // 50 of 100 on a 360 px axis
  EXPECT_NE(svg.find("width=\"360\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"0\""), std::string::npos);
  EXPECT_EQ(svg.find("http://"), svg.find("http://www.w3.org/2000/svg"));  // no other URL
}

TEST(Money, GroupsThousands) {
  EXPECT_EQ(Money(1234567.891), "1,234,567.89");
  EXPECT_EQ(Money(-1000), "-1,000.00");
  EXPECT_EQ(Money(999.999), "1,000.00");
  EXPECT_EQ(Money(0), "0.00");
}

}  // namespace
}  // namespace redflag::report
