#include "sources/ofac/ofac_remarks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace redflag::sources {
namespace {

using core::IdType;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct Parsed {
  core::Entity entity;
  core::Listing listing;
  core::Diagnostics diagnostics;
};

Parsed Parse(std::string_view remarks) {
  Parsed out;
  ParseOfacRemarks(remarks, out.entity, out.listing, out.diagnostics,
                   core::Location{"sdn.csv", 42, {}, {}});
  return out;
}

// Real remarks of SDN ent_num 34477 (AYAD, Jihad Adnan), sdn.csv of 2023-12-28.
TEST(OfacRemarks, PersonFieldsFromRealEntry) {
  const Parsed parsed = Parse(
      "DOB 26 Nov 1988; nationality Germany; alt. nationality Lebanon; Gender Male; Secondary "
      "sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order "
      "13886; Passport C480ZRLP5 (Germany) expires 02 Apr 2027; National ID No. 2865885 "
      "(Lebanon); Linked To: HIZBALLAH.");
  const core::Entity& entity = parsed.entity;
  ASSERT_EQ(entity.birth_dates.size(), 1u);
  EXPECT_EQ(entity.birth_dates[0].from, (core::PartialDate{1988, 11, 26}));
  EXPECT_EQ(entity.birth_dates[0].raw, "26 Nov 1988");
  EXPECT_THAT(entity.nationalities, ElementsAre("DE", "LB"));
  EXPECT_EQ(entity.gender, "male");
  ASSERT_EQ(entity.identifiers.size(), 2u);
  EXPECT_EQ(entity.identifiers[0].type, IdType::kPassport);
  EXPECT_EQ(entity.identifiers[0].value, "C480ZRLP5");
  EXPECT_EQ(entity.identifiers[0].country, "DE");
  EXPECT_EQ(entity.identifiers[0].note, "expires 02 Apr 2027");
  EXPECT_EQ(entity.identifiers[1].type, IdType::kNationalId);
  EXPECT_EQ(entity.identifiers[1].value, "2865885");
  EXPECT_EQ(entity.identifiers[1].country, "LB");
  ASSERT_EQ(entity.links.size(), 1u);
  EXPECT_EQ(entity.links[0].relation, "linked_to");
  EXPECT_EQ(entity.links[0].target_name, "HIZBALLAH");
  EXPECT_EQ(parsed.listing.remarks,
            "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by "
            "Executive Order 13886");
  EXPECT_EQ(entity.remarks, "");
  EXPECT_EQ(parsed.diagnostics.warnings(), 0u);
}

// Remarks a.k.a.s are OFAC's weak aliases; f.k.a./n.k.a. keep their kind; apostrophes inside.
TEST(OfacRemarks, AliasesAreWeakAndKeepApostrophes) {
  const Parsed parsed = Parse(
      "a.k.a. 'ABU ISMAIL'; a.k.a. 'AL-MAGRABI, Abu Isma'il'; f.k.a. 'OLD NAME'; "
      "n.k.a. 'NEW NAME'; a.k.a. 'ABU ISMAIL'; a.k.a. 'DOCTOR M.R.O.'.");
  std::vector<std::pair<std::string, core::NameKind>> names;
  for (const core::Name& name : parsed.entity.names) names.emplace_back(name.full, name.kind);
  EXPECT_THAT(
      names,
      ElementsAre(std::pair{std::string("ABU ISMAIL"), core::NameKind::kWeakAka},
                  std::pair{std::string("AL-MAGRABI, Abu Isma'il"), core::NameKind::kWeakAka},
                  std::pair{std::string("OLD NAME"), core::NameKind::kFka},
                  std::pair{std::string("NEW NAME"), core::NameKind::kNka},
                  std::pair{std::string("DOCTOR M.R.O."), core::NameKind::kWeakAka}));
}

// Real remarks of ofac_cons ent_num 30946 (Hikvision), cons_prim.csv.
TEST(OfacRemarks, CmicFieldsFromRealEntry) {
  const Parsed parsed = Parse(
      "Equity Ticker 002415 CN; Issuer Name Hangzhou Hikvision Digital Technology; ISIN "
      "CNE100000PM8; Target Type Public Company; Effective Date (CMIC) 02 Aug 2021; "
      "Purchase/Sales For Divestment Date (CMIC) 03 Jun 2022; Listing Date (CMIC) 03 Jun 2021; "
      "Unified Social Credit Code (USCC) 91330000733796106P (China).");
  const core::Entity& entity = parsed.entity;
  ASSERT_EQ(entity.identifiers.size(), 3u);
  EXPECT_EQ(entity.identifiers[0].type, IdType::kTicker);
  EXPECT_EQ(entity.identifiers[0].value, "002415");
  EXPECT_EQ(entity.identifiers[0].note, "exchange CN");
  EXPECT_EQ(entity.identifiers[1].type, IdType::kIsin);
  EXPECT_EQ(entity.identifiers[1].value, "CNE100000PM8");
  EXPECT_EQ(entity.identifiers[2].type, IdType::kUscc);
  EXPECT_EQ(entity.identifiers[2].type_raw, "Unified Social Credit Code (USCC)");
  EXPECT_EQ(entity.identifiers[2].value, "91330000733796106P");
  EXPECT_EQ(entity.identifiers[2].country, "CN");
  ASSERT_EQ(entity.names.size(), 1u);
  EXPECT_EQ(entity.names[0].full, "Hangzhou Hikvision Digital Technology");
  EXPECT_EQ(entity.names[0].kind, core::NameKind::kWeakAka);
  EXPECT_EQ(parsed.listing.start, (core::PartialDate{2021, 8, 2}));
  EXPECT_EQ(parsed.listing.divestment, (core::PartialDate{2022, 6, 3}));
  EXPECT_EQ(parsed.listing.remarks, "Target Type Public Company; Listing Date (CMIC) 03 Jun 2021");
}

struct IdCase {
  const char* remarks;
  IdType type;
  const char* value;
  const char* country;
  const char* scheme;
  const char* note;
};

TEST(OfacRemarks, IdentifierTable) {
  // clang-format off
  const std::vector<IdCase> cases = {
      {"Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h", IdType::kCryptoAddress, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h", "", "XBT", ""},
      {"alt. Digital Currency Address - ETH 0x098B716B8Aaf21512996dC57EB0615e2383E2f96.", IdType::kCryptoAddress, "0x098B716B8Aaf21512996dC57EB0615e2383E2f96", "", "ETH", ""},
      {"Vessel Registration Identification IMO 9683740", IdType::kImo, "9683740", "", "", ""},
      {"MMSI 273340060", IdType::kMmsi, "273340060", "", "", ""},
      {"Identification Number IMO 5342883.", IdType::kImo, "5342883", "", "", ""},
      {"Identification Number 2.194.575 (Paraguay)", IdType::kNationalId, "2.194.575", "PY", "", ""},
      {"SWIFT/BIC HAVIGB2L", IdType::kBic, "HAVIGB2L", "", "", ""},
      {"Legal Entity Number 253400V1H6ART1UQ0N98 (Russia)", IdType::kLei, "253400V1H6ART1UQ0N98", "RU", "", ""},
      {"Registration Number HRA 738077 (Stuttgart) (Germany)", IdType::kRegistration, "HRA 738077", "DE", "", "(Stuttgart)"},
      {"C.U.R.P. AIMM67125HCHRRG06 (Mexico) issued 1968.", IdType::kNationalId, "AIMM67125HCHRRG06", "MX", "", "issued 1968"},
      {"Tax ID No. 7802375889 (Russia)", IdType::kTaxId, "7802375889", "RU", "", ""},
      {"Website http://vtbcapital.com", IdType::kWebsite, "http://vtbcapital.com", "", "", ""},
      {"alt. Email Address Wrfl77@hotmail.com", IdType::kEmail, "Wrfl77@hotmail.com", "", "", ""},
      {"Aircraft Manufacturer's Serial Number (MSN) 1023409321", IdType::kAircraftSerial, "1023409321", "", "", ""},
      {"Aircraft Tail Number N200VR", IdType::kAircraftTail, "N200VR", "", "", ""},
      {"D-U-N-S Number 542957624", IdType::kDuns, "542957624", "", "", ""},
      {"SSN 523-33-8386 (United States)", IdType::kSocialSecurity, "523-33-8386", "US", "", ""},
      {"Driver's License No. M634550610520 (United States)", IdType::kDriversLicense, "M634550610520", "US", "", ""},
      {"Other Vessel Call Sign 3ETQ5", IdType::kCallSign, "3ETQ5", "", "", ""},
      {"Phone Number 982188526300", IdType::kPhone, "982188526300", "", "", ""},
  };
  // clang-format on
  for (const IdCase& test_case : cases) {
    SCOPED_TRACE(test_case.remarks);
    const Parsed parsed = Parse(test_case.remarks);
    ASSERT_EQ(parsed.entity.identifiers.size(), 1u);
    const core::Identifier& id = parsed.entity.identifiers[0];
    EXPECT_EQ(id.type, test_case.type);
    EXPECT_EQ(id.value, test_case.value);
    EXPECT_EQ(id.country, test_case.country);
    EXPECT_EQ(id.scheme, test_case.scheme);
    EXPECT_EQ(id.note, test_case.note);
    EXPECT_EQ(parsed.entity.remarks, "");
  }
}

struct DobCase {
  const char* remarks;
  core::PartialDate from;
  core::PartialDate to;
  bool circa;
};

TEST(OfacRemarks, BirthDateForms) {
  // clang-format off
  const std::vector<DobCase> cases = {
      {"DOB 10 Dec 1948", {1948, 12, 10}, {}, false},
      {"DOB Mar 1945", {1945, 3, 0}, {}, false},
      {"DOB 1961.", {1961, 0, 0}, {}, false},
      {"DOB circa 1951", {1951, 0, 0}, {}, true},
      {"DOB 1960 to 1962", {1960, 0, 0}, {1962, 0, 0}, false},
      {"Vessel Year of Build 1976", {1976, 0, 0}, {}, false},
      {"Aircraft Manufacture Date Sep 1992", {1992, 9, 0}, {}, false},
  };
  // clang-format on
  for (const DobCase& test_case : cases) {
    SCOPED_TRACE(test_case.remarks);
    const Parsed parsed = Parse(test_case.remarks);
    ASSERT_EQ(parsed.entity.birth_dates.size(), 1u);
    EXPECT_EQ(parsed.entity.birth_dates[0].from, test_case.from);
    EXPECT_EQ(parsed.entity.birth_dates[0].to, test_case.to);
    EXPECT_EQ(parsed.entity.birth_dates[0].circa, test_case.circa);
  }
}

TEST(OfacRemarks, BadDateWarnsAndKeepsTextInRemarks) {
  const Parsed parsed = Parse("DOB 31 Feb 1970; POB Kabul, Afghanistan");
  EXPECT_TRUE(parsed.entity.birth_dates.empty());
  EXPECT_THAT(parsed.entity.places_of_birth, ElementsAre("Kabul, Afghanistan"));
  EXPECT_EQ(parsed.entity.remarks, "DOB 31 Feb 1970");
  ASSERT_EQ(parsed.diagnostics.entries().size(), 1u);
  const std::string text = parsed.diagnostics.entries()[0].ToString();
  EXPECT_THAT(text, HasSubstr("sdn.csv:42: field \"Remarks\""));
  EXPECT_THAT(text, HasSubstr("\"31 Feb 1970\" is not a date"));
  EXPECT_THAT(text, HasSubstr("record kept without it"));
}

TEST(OfacRemarks, UnknownCountryWarns) {
  const Parsed parsed = Parse("nationality Atlantis; citizen Colombia");
  EXPECT_TRUE(parsed.entity.nationalities.empty());
  EXPECT_THAT(parsed.entity.citizenships, ElementsAre("CO"));
  ASSERT_EQ(parsed.diagnostics.warnings(), 1u);
  EXPECT_THAT(parsed.diagnostics.entries()[0].ToString(),
              HasSubstr("nationality \"Atlantis\" is not a known country"));
  EXPECT_EQ(parsed.entity.remarks, "nationality Atlantis");
}

// Three 2023 entries write "nationality possibly Palestinian;arrested 23 Apr 2002" (no space).
TEST(OfacRemarks, BareSemicolonAndPossiblyNationality) {
  const Parsed parsed = Parse("nationality possibly Palestinian;arrested 23 Apr 2002.");
  EXPECT_THAT(parsed.entity.nationalities, ElementsAre("PS"));
  EXPECT_EQ(parsed.entity.remarks, "arrested 23 Apr 2002");
  EXPECT_EQ(parsed.diagnostics.warnings(), 0u);
}

TEST(OfacRemarks, LinkedToKeepsAbbreviationDot) {
  const Parsed parsed = Parse("Linked To: AVICAL S.A.; Linked To: MAHAN AIR.");
  ASSERT_EQ(parsed.entity.links.size(), 2u);
  EXPECT_EQ(parsed.entity.links[0].target_name, "AVICAL S.A.");
  EXPECT_EQ(parsed.entity.links[1].target_name, "MAHAN AIR");
}

TEST(OfacRemarks, UnknownSegmentsStayInEntityRemarks) {
  const Parsed parsed =
      Parse("Organization Established Date 1969; Member of the State Duma; Gender Male.");
  EXPECT_EQ(parsed.entity.remarks, "Organization Established Date 1969; Member of the State Duma");
  EXPECT_EQ(parsed.entity.gender, "male");
}

TEST(OfacRemarks, EmptyAndDegenerateInputsDoNothingHarmful) {
  for (std::string_view text : {"", ";", "; ;", "a.k.a.", "a.k.a. ''", "DOB", "Linked To:",
                                "Digital Currency Address - ", "Passport ()", "'", "(((", ")"}) {
    SCOPED_TRACE(text);
    const Parsed parsed = Parse(text);
    for (const core::Name& name : parsed.entity.names) EXPECT_FALSE(name.full.empty());
    for (const core::Identifier& id : parsed.entity.identifiers) EXPECT_FALSE(id.value.empty());
  }
}

}  // namespace
}  // namespace redflag::sources
