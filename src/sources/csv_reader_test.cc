#include "sources/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace redflag::sources {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Reads every record or returns the error text ("file:line: message").
struct ReadAll {
  std::vector<CsvRecord> records;
  std::string error;
};

ReadAll Read(std::string_view data, CsvOptions options = {}) {
  ReadAll out;
  CsvReader reader(data, std::move(options));
  while (true) {
    auto next = reader.Next();
    if (!next) {
      out.error = next.error().ToString();
      return out;
    }
    if (!*next) return out;
    out.records.push_back(std::move(**next));
  }
}

std::vector<std::vector<std::string>> Fields(const ReadAll& all) {
  std::vector<std::vector<std::string>> out;
  for (const CsvRecord& record : all.records) out.push_back(record.fields);
  return out;
}

std::vector<std::int64_t> Lines(const ReadAll& all) {
  std::vector<std::int64_t> out;
  for (const CsvRecord& record : all.records) out.push_back(record.line);
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

struct Case {
  const char* name;
  std::string_view data;
  Rows rows;
  std::vector<std::int64_t> lines;
};

TEST(CsvReader, ReadsTableOfInputs) {
  // clang-format off
  const std::vector<Case> cases = {
      {"empty", "", {}, {}},
      {"lf", "a,b\nc,d\n", {{"a", "b"}, {"c", "d"}}, {1, 2}},
      {"crlf", "a,b\r\nc,d\r\n", {{"a", "b"}, {"c", "d"}}, {1, 2}},
      {"lone cr", "a,b\rc,d", {{"a", "b"}, {"c", "d"}}, {1, 2}},
      {"no final newline", "a,b\nc,d", {{"a", "b"}, {"c", "d"}}, {1, 2}},
      {"empty fields", ",,\n", {{"", "", ""}}, {1}},
      {"trailing delimiter", "a,\n", {{"a", ""}}, {1}},
      {"trailing delimiter at eof", "a,", {{"a", ""}}, {1}},
      {"quoted", "\"a,b\",c\n", {{"a,b", "c"}}, {1}},
      {"escaped quote", "\"say \"\"hi\"\"\",x\n", {{"say \"hi\"", "x"}}, {1}},
      {"empty quoted", "\"\",x\n", {{"", "x"}}, {1}},
      {"embedded lf", "\"a\nb\",c\nd,e\n", {{"a\nb", "c"}, {"d", "e"}}, {1, 3}},
      {"embedded crlf", "\"a\r\nb\",c\r\nd\r\n", {{"a\r\nb", "c"}, {"d"}}, {1, 3}},
      {"empty lines skipped", "\n\na\n\r\n\nb\n", {{"a"}, {"b"}}, {3, 6}},
      {"bom", "\xEF\xBB\xBFid,name\n", {{"id", "name"}}, {1}},
      {"ctrl-z after crlf", "a,b\r\n\x1A", {{"a", "b"}}, {1}},
      {"ctrl-z alone", "\x1A", {}, {}},
      {"ctrl-z then newline", "a\r\n\x1A\r\n", {{"a"}}, {1}},
      {"ctrl-z after quoted", "1,\"x\"\x1A", {{"1", "x"}}, {1}},
      {"quote inside unquoted field", "5\" gun,x\n", {{"5\" gun", "x"}}, {1}},
      {"ofac empty marker", "36,\"A\",-0- ,-0- \r\n", {{"36", "A", "-0- ", "-0- "}}, {1}},
  };
  // clang-format on
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    const ReadAll all = Read(test_case.data);
    EXPECT_EQ(all.error, "");
    EXPECT_EQ(Fields(all), test_case.rows);
    EXPECT_EQ(Lines(all), test_case.lines);
  }
}

TEST(CsvReader, CtrlZIsKeptWhenStrippingIsOff) {
  const ReadAll all = Read("a\n\x1A", {.strip_ctrl_z = false});
  EXPECT_EQ(all.error, "");
  EXPECT_EQ(Fields(all), (Rows{{"a"}, {"\x1A"}}));
}

TEST(CsvReader, CtrlZInsideDataIsOrdinaryByte) {
  const ReadAll all = Read("a\x1A,b\n");
  EXPECT_EQ(Fields(all), (Rows{{"a\x1A", "b"}}));
}

TEST(CsvReader, EmptyLinesAreRecordsWhenNotSkipped) {
  const ReadAll all = Read("a\n\nb\n", {.skip_empty_lines = false});
  EXPECT_EQ(Fields(all), (Rows{{"a"}, {""}, {"b"}}));
  EXPECT_EQ(Lines(all), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST(CsvReader, TabDelimiterAndOtherQuote) {
  const ReadAll all = Read("'a\tb'\tc\n", {.delimiter = '\t', .quote = '\''});
  EXPECT_EQ(Fields(all), (Rows{{"a\tb", "c"}}));
}

TEST(CsvReader, UnterminatedQuoteFailsWithFileAndRecordLine) {
  const ReadAll all = Read("a,b\nc,\"open\nstill open\nmore\n", {.file_name = "x.csv"});
  ASSERT_EQ(all.records.size(), 1u);
  EXPECT_THAT(all.error, HasSubstr("x.csv:2: "));
  EXPECT_THAT(all.error, HasSubstr("unterminated quoted field opened on line 2 (field 2"));
}

TEST(CsvReader, TextAfterClosingQuoteFails) {
  const ReadAll all = Read("1,2\n3,\"ab\"c,4\n", {.file_name = "y.csv"});
  ASSERT_EQ(all.records.size(), 1u);
  EXPECT_THAT(all.error, HasSubstr("y.csv:2: "));
  EXPECT_THAT(all.error, HasSubstr("unexpected 'c' after the closing quote of field 2"));
}

TEST(CsvReader, TextAfterClosingQuoteAppendedWhenAllowed) {
  const ReadAll all = Read("\"ab\"c,4\n", {.allow_text_after_quote = true});
  EXPECT_EQ(all.error, "");
  EXPECT_EQ(Fields(all), (Rows{{"abc", "4"}}));
}

TEST(CsvReader, ErrorIsStickyAfterFailure) {
  CsvReader reader("\"never closed\n", {.file_name = "z.csv"});
  auto first = reader.Next();
  ASSERT_FALSE(first.has_value());
  auto second = reader.Next();
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(first.error().ToString(), second.error().ToString());
}

TEST(CsvReader, LineCountsNewlinesInsideQuotesForLaterRecords) {
  CsvReader reader("\"a\r\nb\r\nc\",1\r\nlast,2\r\n");
  ASSERT_TRUE(reader.Next().has_value());
  EXPECT_EQ(reader.line(), 4);
  auto next = reader.Next();
  ASSERT_TRUE(next.has_value() && next->has_value());
  EXPECT_EQ((*next)->line, 4);
  EXPECT_THAT((*next)->fields, ElementsAre("last", "2"));
}

}  // namespace
}  // namespace redflag::sources
