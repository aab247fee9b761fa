#include "monitor/book_file.h"

#include <gtest/gtest.h>

namespace redflag::monitor {
namespace {

ParsedBook Csv(std::string_view text) { return ParseBook(text, "book.csv", BookFormat::kCsv); }

TEST(BookFile, CsvKeepsKnownColumnsAndExtraAsAttributes) {
  const auto book = Csv(
      "customer_ref,name,country,segment,dob\n"
      "c1,Acme Sensors Inc.,US,retail,\n"
      "c2,\"Ivanov, Ivan\",RU,private,1960-02-03\n");
  ASSERT_TRUE(book.errors.empty()) << book.errors[0].ToString();
  ASSERT_EQ(book.rows.size(), 2u);
  EXPECT_EQ(book.rows[1].name, "Ivanov, Ivan");
  EXPECT_EQ(book.rows[1].dob, "1960-02-03");
  EXPECT_EQ(book.rows[1].line, 3);
  EXPECT_EQ(book.rows[0].attributes_json, R"({"segment":"retail"})");
}

TEST(BookFile, DuplicateRefNamesBothLinesAndKeepsNoRowsForImport) {
  const auto book = Csv("customer_ref,name\nc1,A\nc2,B\nc1,C\n");
  ASSERT_EQ(book.errors.size(), 1u);
  EXPECT_EQ(book.errors[0].where.file, "book.csv");
  EXPECT_EQ(book.errors[0].where.line, 4);
  EXPECT_EQ(book.errors[0].where.field, "customer_ref");
  EXPECT_NE(book.errors[0].message.find("first on line 2"), std::string::npos);
}

TEST(BookFile, EachBadFieldIsReportedWithLineAndField) {
  const auto book = Csv(
      "customer_ref,name,type,dob\n"
      "c1,,person,\n"
      "c2,Bob,martian,\n"
      "c3,Eve,person,1968-13-02\n"
      ",Zed,,\n");
  ASSERT_EQ(book.errors.size(), 4u);
  EXPECT_EQ(book.errors[0].where.field, "name");
  EXPECT_EQ(book.errors[0].where.line, 2);
  EXPECT_EQ(book.errors[1].where.field, "type");
  EXPECT_EQ(book.errors[2].where.field, "dob");
  EXPECT_EQ(book.errors[2].where.line, 4);
  EXPECT_EQ(book.errors[3].where.field, "customer_ref");
}

TEST(BookFile, MissingRequiredColumnAndRaggedRowsFail) {
  EXPECT_EQ(Csv("ref,name\nc1,A\n").errors.at(0).where.field, "customer_ref");
  const auto ragged = Csv("customer_ref,name\nc1,A,extra\n");
  ASSERT_FALSE(ragged.errors.empty());
  EXPECT_EQ(ragged.errors[0].where.line, 2);
  EXPECT_FALSE(Csv("").errors.empty());
  EXPECT_FALSE(Csv("customer_ref,name\n\"c1,A\n").errors.empty());  // unterminated quote
}

TEST(BookFile, JsonLinesKeepsOtherKeysAndRejectsNonStrings) {
  const auto good = ParseBook(
      "{\"customer_ref\":\"c1\",\"name\":\"Acme\",\"tier\":3}\n\n{\"customer_ref\":\"c2\","
      "\"name\":\"Beta\"}\n",
      "b.jsonl", BookFormat::kJsonLines);
  ASSERT_TRUE(good.errors.empty());
  ASSERT_EQ(good.rows.size(), 2u);
  EXPECT_EQ(good.rows[0].attributes_json, R"({"tier":3})");
  EXPECT_EQ(good.rows[1].line, 3);
  const auto bad = ParseBook("{\"customer_ref\":1,\"name\":\"A\"}\nnot json\n[1]\n", "b.jsonl",
                             BookFormat::kJsonLines);
  ASSERT_EQ(bad.errors.size(), 3u);
  EXPECT_EQ(bad.errors[0].where.field, "customer_ref");
  EXPECT_EQ(bad.errors[1].where.line, 2);
  EXPECT_EQ(bad.errors[2].where.line, 3);
}

TEST(BookFile, ErrorCountIsCapped) {
  std::string text = "customer_ref,name\n";
  for (int row_idx = 0; row_idx < 10; ++row_idx) text += "c,\n";
  EXPECT_EQ(ParseBook(text, "b.csv", BookFormat::kCsv, 5).errors.size(), 5u);
}

// Fuzzer find: once the error cap was reached, a bad row (empty name) was kept among the rows.
TEST(BookFile, BadRowsAfterTheErrorCapAreNotKept) {
  std::string text = "customer_ref,name\n";
  for (int row_idx = 0; row_idx < 10; ++row_idx) text += "c" + std::to_string(row_idx) + ",\n";
  const auto book = ParseBook(text, "b.csv", BookFormat::kCsv, 3);
  EXPECT_EQ(book.errors.size(), 3u);
  EXPECT_TRUE(book.rows.empty());
}

TEST(BookFile, FormatFollowsTheFileName) {
  EXPECT_EQ(BookFormatFor("x.jsonl"), BookFormat::kJsonLines);
  EXPECT_EQ(BookFormatFor("x.ndjson"), BookFormat::kJsonLines);
  EXPECT_EQ(BookFormatFor("x.csv"), BookFormat::kCsv);
}

}  // namespace
}  // namespace redflag::monitor
