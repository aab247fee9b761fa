// The ISO 20022 and SWIFT MT parsers on the hand-written fixtures in tests/fixtures/payments and
// on damaged messages: each error names its element or field.
#include "payments/message.h"

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "payments/message_internal.h"

namespace redflag::payments {
namespace {

using rules::Role;

std::string Fixture(const std::string& name) {
  const std::filesystem::path path =
      std::filesystem::path(REDFLAG_SOURCE_DIR) / "tests/fixtures/payments" / name;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  EXPECT_FALSE(out.str().empty()) << path;
  return out.str();
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

const PaymentParty* FindParty(const PaymentMessage& message, Role role) {
  for (const PaymentParty& party : message.parties) {
    if (party.role == role) return &party;
  }
  return nullptr;
}

struct GoodCase {
  std::string file;
  std::string format;
  std::string message_id;
  std::string date;
  std::string amount;
  std::string currency;
  std::size_t parties;
  std::string beneficiary;  // name of the first beneficiary ("" = BIC-only or none)
};

class ParseFixture : public ::testing::TestWithParam<GoodCase> {};

TEST_P(ParseFixture, ReadsIdDateAmountAndEveryParty) {
  const GoodCase& expected = GetParam();
  auto message = ParsePaymentMessage(Fixture(expected.file), expected.file);
  ASSERT_TRUE(message) << message.error().ToString();
  EXPECT_EQ(message->format, expected.format);
  EXPECT_EQ(message->message_id, expected.message_id);
  EXPECT_EQ(message->date.ToString(), expected.date);
  EXPECT_EQ(message->amount, expected.amount);
  EXPECT_EQ(message->currency, expected.currency);
  EXPECT_EQ(message->parties.size(), expected.parties);
  const PaymentParty* beneficiary = FindParty(*message, Role::kBeneficiary);
  ASSERT_NE(beneficiary, nullptr);
  EXPECT_EQ(beneficiary->name, expected.beneficiary);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, ParseFixture,
    ::testing::Values(
        GoodCase{"pacs008_hikvision.xml", "pacs.008.001.08", "FXDESK-20191015-0001", "2019-10-15",
                 "25000.00", "USD", 4, "Hangzhou Hikvision Digital Technology Co., Ltd."},
        GoodCase{"pacs008_sdn.xml", "pacs.008.001.10", "PAY-2021-SDN-77", "2021-03-01", "1200.50",
                 "EUR", 6, "Islamic Republic of Iran Shipping Lines"},
        GoodCase{"pacs008_clear.xml", "pacs.008.001.08", "CLEAR-0001", "2024-05-02", "980.00",
                 "EUR", 4, "Tulip Garden Supplies B.V."},
        GoodCase{"pacs009_cov.xml", "pacs.009.001.08", "COV-2022-0815", "2022-08-15", "50000",
                 "USD", 7, "Harbour Light Logistics Limited"},
        GoodCase{"pain001_dahua.xml", "pain.001.001.09", "PAIN-2020-0303", "2020-03-04", "7300.00",
                 "USD", 6, "Zhejiang Dahua Technology Co., Ltd."},
        GoodCase{"mt103_dahua.txt", "MT103", "FX20191016A", "2019-10-16", "18250.00", "USD", 6,
                 "ZHEJIANG DAHUA TECHNOLOGY COMPANY LIMITED"},
        GoodCase{"mt103_freetext_sdn.txt", "MT103", "GB2021MAR0007", "2021-03-05", "4200", "EUR", 4,
                 "DESERT PALM GENERAL TRADING LLC"},
        GoodCase{"mt103_clear.txt", "MT103", "CLEAR103", "2024-05-02", "980.00", "EUR", 4,
                 "TULIP GARDEN SUPPLIES B.V."},
        GoodCase{"mt202cov_intermediary.txt", "MT202 COV", "COV20220815", "2022-08-15", "50000",
                 "USD", 8, ""}),
    [](const ::testing::TestParamInfo<GoodCase>& info) {
      std::string name = info.param.file;
      for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return name;
    });

TEST(Iso20022, StructuredAddressGivesTheCountryAndAddressLinesAreFreeText) {
  auto message = ParseIso20022(Fixture("pain001_dahua.xml"));
  ASSERT_TRUE(message) << message.error().ToString();
  const PaymentParty* creditor = FindParty(*message, Role::kBeneficiary);
  ASSERT_NE(creditor, nullptr);
  EXPECT_EQ(creditor->country, "CN");
  ASSERT_EQ(creditor->address_lines.size(), 2u);
  EXPECT_EQ(creditor->address_lines[1], "Hangzhou");
  EXPECT_EQ(creditor->source, "PmtInf/CdtTrfTxInf/Cdtr");
  ASSERT_NE(FindParty(*message, Role::kUltimateCreditor), nullptr);
  ASSERT_EQ(message->free_text.size(), 1u);
  EXPECT_EQ(message->free_text[0].source, "PmtInf/CdtTrfTxInf/RmtInf/Ustrd");
}

TEST(Iso20022, BicOnlyAgentTakesItsCountryFromTheBic) {
  auto message = ParseIso20022(Fixture("pacs009_cov.xml"));
  ASSERT_TRUE(message) << message.error().ToString();
  const PaymentParty* intermediary = FindParty(*message, Role::kIntermediaryBank);
  ASSERT_NE(intermediary, nullptr);
  EXPECT_EQ(intermediary->name, "");
  EXPECT_EQ(intermediary->bic, "KDBKKPPY");
  EXPECT_EQ(intermediary->country, "KP");
  const rules::Transaction tx = ToTransaction(*message);
  EXPECT_EQ(tx.type, rules::TransactionType::kPayment);
  ASSERT_EQ(tx.parties.size(), message->parties.size());
  EXPECT_EQ(tx.parties[1].name, "KDBKKPPY");
  ASSERT_EQ(tx.parties[1].identifiers.size(), 1u);
  EXPECT_EQ(tx.parties[1].identifiers[0].type, core::IdType::kBic);
}

TEST(Iso20022, EveryTransactionOfABatchIsReadWithItsIndexInTheSource) {
  std::string text = Fixture("pacs008_clear.xml");
  const std::size_t start = text.find("<CdtTrfTxInf>");
  const std::size_t end = text.find("</CdtTrfTxInf>") + std::string("</CdtTrfTxInf>").size();
  std::string second = text.substr(start, end - start);
  second = Replace(second, "Tulip Garden Supplies B.V.", "Second Creditor Ltd");
  text.insert(end, second);
  auto message = ParseIso20022(text);
  ASSERT_TRUE(message) << message.error().ToString();
  ASSERT_EQ(message->parties.size(), 8u);
  EXPECT_EQ(message->parties[7].name, "Second Creditor Ltd");
  EXPECT_EQ(message->parties[7].source, "CdtTrfTxInf[2]/Cdtr");
  EXPECT_EQ(message->parties[3].source, "CdtTrfTxInf[1]/Cdtr");
  EXPECT_EQ(message->amount, "980.00");  // the first transaction's
}

TEST(Iso20022, BusinessApplicationHeaderEnvelopeIsAccepted) {
  std::string document = Fixture("pacs008_clear.xml");
  document = document.substr(document.find("<Document"));
  const std::string text =
      "<Envelope><AppHdr xmlns=\"urn:iso:std:iso:20022:tech:xsd:head.001.001.02\">"
      "<BizMsgIdr>X</BizMsgIdr></AppHdr>" +
      document + "</Envelope>";
  auto message = ParseIso20022(text);
  ASSERT_TRUE(message) << message.error().ToString();
  EXPECT_EQ(message->message_id, "CLEAR-0001");
}

TEST(SwiftMt, StructuredFiftyFJoinsNameLinesAndReadsTheCountry) {
  auto message = ParseSwiftMt(Fixture("mt103_freetext_sdn.txt"));
  ASSERT_TRUE(message) << message.error().ToString();
  const PaymentParty* originator = FindParty(*message, Role::kOriginator);
  ASSERT_NE(originator, nullptr);
  EXPECT_EQ(originator->name, "NORTHWIND TRADING LIMITED");
  EXPECT_EQ(originator->country, "GB");
  EXPECT_EQ(originator->account, "/GB29EXMP60161331926819");
  ASSERT_EQ(message->free_text.size(), 2u);
  EXPECT_EQ(message->free_text[0].source, "70");
  EXPECT_EQ(message->free_text[0].text,
            "FREIGHT FOR ISLAMIC REPUBLIC OF IRAN SHIPPING LINES VOYAGE 12");
  EXPECT_EQ(message->free_text[1].source, "72");
}

TEST(SwiftMt, NameLineEndingAtAWordIsNotJoinedWithTheAddress) {
  const std::string text =
      "{1:F01EXMPUS33AXXX0000000000}{2:I103EXMPCNSHXXXXN}{4:\n:20:REF\n:32A:191016USD1,\n"
      ":59:ZHEJIANG DAHUA TECHNOLOGY CO., LTD.\nNO. 1199 BINAN ROAD\n-}";
  auto message = ParseSwiftMt(text);
  ASSERT_TRUE(message) << message.error().ToString();
  const PaymentParty* beneficiary = FindParty(*message, Role::kBeneficiary);
  ASSERT_NE(beneficiary, nullptr);
  EXPECT_EQ(beneficiary->name, "ZHEJIANG DAHUA TECHNOLOGY CO., LTD.");
  EXPECT_EQ(beneficiary->address_lines, std::vector<std::string>{"NO. 1199 BINAN ROAD"});
}

TEST(SwiftMt, HeaderBanksAreScreenedByBic) {
  auto message = ParseSwiftMt(Fixture("mt103_clear.txt"));
  ASSERT_TRUE(message) << message.error().ToString();
  ASSERT_GE(message->parties.size(), 2u);
  EXPECT_EQ(message->parties[message->parties.size() - 2].bic, "EXMPDEHH");
  EXPECT_EQ(message->parties.back().bic, "EXMPNL2A");
  // No 57a: the receiver is the beneficiary's bank.
  EXPECT_EQ(message->parties.back().role, Role::kBeneficiaryBank);
}

struct BadCase {
  std::string name;
  std::string text;
  std::string where;    // expected in Location::field or element
  std::string message;  // expected inside the message
};

std::string ClearMt103() {
  return "{1:F01EXMPDEHHAXXX0000000000}{2:I103EXMPNL2AXXXXN}{4:\n:20:CLEAR103\n:23B:CRED\n"
         ":32A:240502EUR980,00\n:50K:MARGARETHE VOLLMER\n:59:TULIP GARDEN SUPPLIES B.V.\n-}";
}

class BadMessage : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadMessage, FailsNamingTheElementOrField) {
  const BadCase& bad = GetParam();
  auto message = ParsePaymentMessage(bad.text, "msg");
  ASSERT_FALSE(message) << bad.name;
  EXPECT_EQ(message.error().code, core::ErrorCode::kInvalidArgument);
  const std::string where = message.error().where.field + "|" + message.error().where.element;
  EXPECT_NE(where.find(bad.where), std::string::npos) << where;
  EXPECT_NE(message.error().message.find(bad.message), std::string::npos)
      << message.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Damaged, BadMessage,
    ::testing::Values(
        BadCase{"truncated_xml", Fixture("pacs008_clear.xml").substr(0, 700), "", "XML"},
        BadCase{"wrong_namespace", Fixture("bad/wrong_namespace.xml"), "Document",
                "camt.053.001.08"},
        BadCase{"bad_bic", Fixture("bad/bad_bic.xml"), "CdtTrfTxInf/DbtrAgt/FinInstnId/BICFI",
                "not a BIC"},
        BadCase{"long_name",
                Replace(Fixture("pacs008_clear.xml"), "<Nm>Margarethe Vollmer</Nm>",
                        "<Nm>" + std::string(141, 'x') + "</Nm>"),
                "CdtTrfTxInf/Dbtr/Nm", "141 characters, at most 140"},
        BadCase{"bad_country",
                Replace(Fixture("pacs008_clear.xml"), "<Ctry>NL</Ctry>", "<Ctry>NLD</Ctry>"),
                "CdtTrfTxInf/Cdtr/PstlAdr/Ctry", "country code"},
        BadCase{"no_creditor",
                Replace(Fixture("pacs008_clear.xml"),
                        "<Cdtr><Nm>Tulip Garden Supplies B.V.</Nm><PstlAdr><TwnNm>Leiden</TwnNm>"
                        "<Ctry>NL</Ctry></PstlAdr></Cdtr>",
                        ""),
                "CdtTrfTxInf", "Cdtr is missing"},
        BadCase{"bad_amount", Replace(Fixture("pacs008_clear.xml"), ">980.00<", ">980,00<"),
                "IntrBkSttlmAmt", "not a decimal amount"},
        BadCase{"no_msgid", Replace(Fixture("pacs008_clear.xml"), "<MsgId>CLEAR-0001</MsgId>", ""),
                "GrpHdr", "MsgId is missing"},
        BadCase{"truncated_block4", ClearMt103().substr(0, 80), "block 4", "truncated"},
        BadCase{"truncated_header", "{1:F01EXMPDEHHAXXX000", "block 1", "truncated"},
        BadCase{"long_field20", Replace(ClearMt103(), ":20:CLEAR103", ":20:REFERENCE-TOO-LONG-X"),
                "20", "at most 16"},
        BadCase{"long_name_line", Replace(ClearMt103(), "MARGARETHE VOLLMER", std::string(36, 'M')),
                "50K", "36 characters, at most 35"},
        BadCase{"five_name_lines", Replace(ClearMt103(), "MARGARETHE VOLLMER", "A\nB\nC\nD\nE\nF"),
                "50K", "at most 5"},
        BadCase{"bad_value_date", Replace(ClearMt103(), "240502", "241302"), "32A", "not a date"},
        BadCase{"no_field_20", Replace(ClearMt103(), ":20:CLEAR103\n", ""), "20", "missing"},
        BadCase{"bad_option_a", Replace(ClearMt103(), ":50K:MARGARETHE VOLLMER", ":52A:EXMP"),
                "52A", "BIC"},
        BadCase{"bad_50f_line", Replace(ClearMt103(), ":50K:MARGARETHE VOLLMER", ":50F:/123\nX/Y"),
                "50F", "number 1-8"},
        // Fuzz find: a tag 70A was read as field 70 (its text reported under "70A").
        BadCase{"option_letter_on_70", Replace(ClearMt103(), ":59:", ":70A:SHA\n:59:"), "70A",
                "no option A"},
        // Fuzz find: a block id that is a control byte put a raw newline in the error line.
        BadCase{"control_byte_block_id", "{1:F01EXMPDEHHAXXX0000000000}{\n:74:", "block \\n",
                "truncated"},
        // Fuzz find: stray UTF-8 continuation bytes were not counted against a field's length.
        BadCase{"stray_continuation_bytes_in_20",
                Replace(ClearMt103(), ":20:CLEAR103", ":20:COV" + std::string(20, '\x84')), "20",
                "at most 16"},
        BadCase{"mt940", Replace(ClearMt103(), "I103", "I940"), "block 2", "MT940"},
        BadCase{"neither", "hello", "", "not a payment message"}),
    [](const ::testing::TestParamInfo<BadCase>& info) { return info.param.name; });

TEST(BadMessageText, InputInMessagesIsQuotedAndCut) {
  const std::string text = Replace(Fixture("pacs008_clear.xml"), "<BICFI>EXMPDEHH</BICFI>",
                                   "<BICFI>" + std::string(300, 'Z') + "\x01</BICFI>");
  auto message = ParseIso20022(text);
  ASSERT_FALSE(message);
  EXPECT_LT(message.error().message.size(), 200u);
  EXPECT_EQ(message.error().message.find('\x01'), std::string::npos);
}

TEST(Utf8Length, CountsCodePointsAndEveryByteOfInvalidSequences) {
  EXPECT_EQ(Utf8Length("MÜLLER"), 6u);
  EXPECT_EQ(Utf8Length("杭州"), 2u);
  EXPECT_EQ(Utf8Length("\x84\x84\x84"), 3u);
  EXPECT_EQ(Utf8Length("A\xC3"), 2u);  // a lead byte cut off at the end
  EXPECT_EQ(Utf8Length("\xE6\x9D"
                       "A"),
            3u);  // a sequence broken by an ASCII byte
}

TEST(Bic, Iso9362Form) {
  EXPECT_TRUE(IsBic("KDBKKPPY"));
  EXPECT_TRUE(IsBic("EXMPUS33XXX"));
  EXPECT_FALSE(IsBic("EXMPUS3"));
  EXPECT_FALSE(IsBic("EXMPUS33XX"));
  EXPECT_FALSE(IsBic("EXM1US33"));
  EXPECT_FALSE(IsBic("exmpus33"));
}

}  // namespace
}  // namespace redflag::payments
