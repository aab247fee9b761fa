#include "sources/us_trade/csl.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "sources/us_trade/csl_fields_internal.h"
#include "sources/us_trade/csl_row_internal.h"

namespace redflag::sources {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::filesystem::path DataDir() {
  const char* dir = std::getenv("REDFLAG_DATA_DIR");
  return dir == nullptr ? std::filesystem::path("../shared/data") : std::filesystem::path(dir);
}

std::filesystem::path SourceDir() {
  const char* dir = std::getenv("REDFLAG_SOURCE_DIR");
  return dir == nullptr ? std::filesystem::path(REDFLAG_SOURCE_DIR) : std::filesystem::path(dir);
}

const core::Entity* FindEntity(const ParsedList& list, std::string_view native_id) {
  for (const core::Entity& entity : list.entities) {
    if (entity.native_id == native_id) return &entity;
  }
  return nullptr;
}

const core::Listing* FindListing(const core::Entity& entity, std::string_view code) {
  for (const core::Listing& listing : entity.listings) {
    if (listing.list_code == code) return &listing;
  }
  return nullptr;
}

const core::Identifier* FindIdentifier(const core::Entity& entity, core::IdType type) {
  for (const core::Identifier& id : entity.identifiers) {
    if (id.type == type) return &id;
  }
  return nullptr;
}

constexpr std::string_view kHeader =
    "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
    "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,"
    "gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,"
    "alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,"
    "ids\n";

// --- The real 2022 file (README section 5) --------------------------------------------------

class CslRealFile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto parsed = ParseCslCsv({DataDir() / "lists/us_csl/consolidated.csv"}, "us_csl");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    list_ = new ParsedList(std::move(*parsed));
  }
  static void TearDownTestSuite() {
    delete list_;
    list_ = nullptr;
  }
  static ParsedList* list_;
};
ParsedList* CslRealFile::list_ = nullptr;

TEST_F(CslRealFile, OneEntityPerIdAndOneListingPerRow) {
  // python3 csv.DictReader over the file: 14,160 rows, 14,048 distinct _id.
  EXPECT_EQ(list_->entities.size(), 14048u);
  std::map<std::string, int> by_code;
  std::size_t listings = 0;
  for (const core::Entity& entity : list_->entities) {
    for (const core::Listing& listing : entity.listings) {
      ++by_code[listing.list_code];
      ++listings;
      EXPECT_EQ(listing.list_id, "us_csl");
    }
  }
  EXPECT_EQ(listings, 14160u);
  // Per-source row counts from the data README (section 5), checked with python Counter.
  const std::map<std::string, int> expected = {
      {"SDN", 10026}, {"EL", 2001}, {"DTC", 727}, {"DPL", 462}, {"SSI", 290},
      {"UVL", 201},   {"ISN", 163}, {"PLC", 78},  {"MEU", 71},  {"CMIC", 68},
      {"CAP", 53},    {"MBS", 17},  {"FSE", 3},
  };
  EXPECT_EQ(by_code, expected);
}

TEST_F(CslRealFile, EveryEntityHasIdPrimaryNameAndListing) {
  std::set<std::string> ids;
  for (const core::Entity& entity : list_->entities) {
    EXPECT_EQ(entity.id, "us_csl:" + entity.native_id);
    ASSERT_FALSE(entity.names.empty()) << entity.id;
    EXPECT_EQ(entity.names[0].kind, core::NameKind::kPrimary) << entity.id;
    EXPECT_FALSE(entity.listings.empty()) << entity.id;
    ids.insert(entity.id);
  }
  EXPECT_EQ(ids.size(), list_->entities.size());
}

TEST_F(CslRealFile, OnlyTheThreeImpossibleStartDatesAreReported) {
  // awk: the file has start_date 0097-06-30 on lines 1753 and 1754 and 0017-05-26 on line 9906
  // (year < 1000); nothing else is malformed.
  EXPECT_EQ(list_->diagnostics.warnings(), 3u);
  EXPECT_EQ(list_->diagnostics.errors(), 0u);
  ASSERT_EQ(list_->diagnostics.entries().size(), 3u);
  const core::Diagnostic& first = list_->diagnostics.entries()[0];
  EXPECT_EQ(first.where.line, 1753);
  EXPECT_EQ(first.where.field, "start_date");
  EXPECT_EQ(first.original, "0097-06-30");
  EXPECT_THAT(first.ToString(), HasSubstr("consolidated.csv:1753"));
  EXPECT_THAT(first.ToString(), HasSubstr("is not a date"));
  EXPECT_THAT(first.action, HasSubstr("record kept"));
}

TEST_F(CslRealFile, HikvisionEntityListRow) {
  const core::Entity* hikvision = FindEntity(*list_, "f095626c9f8becc70b5948507fb6de6e443b257a");
  ASSERT_NE(hikvision, nullptr);
  EXPECT_EQ(hikvision->names[0].full, "Hangzhou Hikvision Digital Technology Co., Ltd.");
  ASSERT_EQ(hikvision->names.size(), 2u);
  EXPECT_EQ(hikvision->names[1].full, "Hikvision");
  EXPECT_EQ(hikvision->names[1].kind, core::NameKind::kStrongAka);
  EXPECT_EQ(hikvision->type, core::EntityType::kUnknown);  // the CSL leaves BIS rows untyped
  ASSERT_EQ(hikvision->addresses.size(), 3u);
  EXPECT_EQ(hikvision->addresses[0].country, "CN");
  EXPECT_EQ(hikvision->addresses[0].full,
            "No. 555 Qianmo Road, Binjiang District, Hangzhou, 310052");
  ASSERT_EQ(hikvision->listings.size(), 1u);
  const core::Listing& listing = hikvision->listings[0];
  EXPECT_EQ(listing.list_code, "EL");
  EXPECT_EQ(listing.list_name, "Entity List (EL) - Bureau of Industry and Security");
  EXPECT_EQ(listing.start.ToString(), "2019-10-09");
  EXPECT_THAT(listing.federal_register, ElementsAre("84 FR 54002", "85 FR 44159"));
  EXPECT_EQ(listing.license_requirement,
            "For all items subject to the EAR.  (See \u00a7744.11 of the EAR)");
  EXPECT_EQ(listing.license_policy,
            "Case-by-case review for ECCNs 1A004.c, 1A004.d, 1A995, 1A999.a, 1D003, 2A983, 2D983, "
            "and 2E983, and for EAR99 items described in the Note to ECCN 1A995; case-by-case "
            "review for items necessary to detect, identify and treat infectious disease; and "
            "presumption of denial for all other items subject to the EAR.");
}

TEST_F(CslRealFile, HikvisionCmicRowGivesDatesAndSecurities) {
  const core::Entity* cmic = FindEntity(*list_, "30946");
  ASSERT_NE(cmic, nullptr);
  EXPECT_EQ(cmic->type, core::EntityType::kOrganization);
  const core::Listing* listing = FindListing(*cmic, "CMIC");
  ASSERT_NE(listing, nullptr);
  EXPECT_EQ(listing->start.ToString(), "2021-08-02");       // "02 Aug 2021, Effective Date (CMIC)"
  EXPECT_EQ(listing->divestment.ToString(), "2022-06-03");  // "03 Jun 2022, Purchase/Sales ..."
  EXPECT_THAT(listing->programs, ElementsAre("CMIC-EO13959"));
  EXPECT_THAT(listing->remarks, HasSubstr("Listing Date (CMIC) 03 Jun 2021"));
  const core::Identifier* isin = FindIdentifier(*cmic, core::IdType::kIsin);
  ASSERT_NE(isin, nullptr);
  EXPECT_EQ(isin->value, "CNE100000PM8");
  const core::Identifier* uscc = FindIdentifier(*cmic, core::IdType::kUscc);
  ASSERT_NE(uscc, nullptr);
  EXPECT_EQ(uscc->value, "91330000733796106P");
  EXPECT_EQ(uscc->country, "CN");
  EXPECT_EQ(uscc->type_raw, "Unified Social Credit Code (USCC)");
  const core::Identifier* ticker = FindIdentifier(*cmic, core::IdType::kTicker);
  ASSERT_NE(ticker, nullptr);
  EXPECT_EQ(ticker->value, "002415 CN");
}

TEST_F(CslRealFile, TreasuryEntityOnThreeListsIsOneEntityWithThreeListings) {
  const core::Entity* vtb = FindEntity(*list_, "18725");
  ASSERT_NE(vtb, nullptr);
  ASSERT_EQ(vtb->listings.size(), 3u);
  EXPECT_EQ(vtb->listings[0].list_code, "CAP");
  EXPECT_EQ(vtb->listings[1].list_code, "SDN");
  EXPECT_EQ(vtb->listings[2].list_code, "SSI");
  EXPECT_EQ(vtb->names.size(), 2u);      // BANCO VTB AFRICA SA + VTB AFRICA, not repeated
  EXPECT_EQ(vtb->addresses.size(), 1u);  // the same address on every row
  ASSERT_EQ(vtb->links.size(), 1u);
  EXPECT_EQ(vtb->links[0].relation, "linked_to");
  EXPECT_EQ(vtb->links[0].target_name, "VTB BANK PUBLIC JOINT STOCK COMPANY");
  const core::Identifier* bic = FindIdentifier(*vtb, core::IdType::kBic);
  ASSERT_NE(bic, nullptr);
  EXPECT_EQ(bic->value, "VTBLAOLU");
  EXPECT_THAT(vtb->listings[1].remarks,
              HasSubstr("Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, "
                        "31 CFR 589.201 and/or 589.209"));
}

TEST_F(CslRealFile, DeniedPersonRowHasOrderDatesAndCitations) {
  const core::Entity* ash = FindEntity(*list_, "deb7a1d5743a85c354ca1a2c7f2664e2104b32d7");
  ASSERT_NE(ash, nullptr);
  EXPECT_EQ(ash->names[0].full, "I. ASH");  // the source writes " I. ASH"
  const core::Listing& listing = ash->listings.at(0);
  EXPECT_EQ(listing.list_code, "DPL");
  EXPECT_EQ(listing.start.ToString(), "2003-06-19");
  EXPECT_EQ(listing.end.ToString(), "2056-06-29");
  EXPECT_EQ(listing.standard_order, "Y");
  EXPECT_THAT(listing.federal_register, ElementsAre("68 FR 38290", "71 FR 38843", "72 FR 4236"));
  EXPECT_EQ(ash->addresses.at(0).country, "US");
}

TEST_F(CslRealFile, PersonRowGivesGenderBirthDateNationality) {
  const core::Entity* abbas = FindEntity(*list_, "24904");
  ASSERT_NE(abbas, nullptr);
  EXPECT_EQ(abbas->type, core::EntityType::kPerson);
  EXPECT_EQ(abbas->gender, "male");
  ASSERT_EQ(abbas->birth_dates.size(), 1u);
  EXPECT_EQ(abbas->birth_dates[0].from.ToString(), "1978-08-22");
  EXPECT_THAT(abbas->nationalities, ElementsAre("SY"));
  EXPECT_EQ(abbas->identifiers.size(), 0u);  // "Male, Gender" is no identifier
  // The apostrophe-like "'" stays as written.
  EXPECT_EQ(abbas->names[0].full, "'ABBAS, Yasir");
}

// --- The 2023 and 2025 samples (newer column formats) -----------------------------------------

TEST(CslSamples, PartialFile2023IsRejectedAsTruncated) {
  // The sample's last record is cut inside a quoted field that opens on line 4233.
  auto parsed =
      ParseCslCsv({DataDir() / "lists/us_csl/samples/csl_2023-11-30_partial.csv"}, "us_csl");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, core::ErrorCode::kParse);
  EXPECT_EQ(parsed.error().where.line, 4233);
  EXPECT_THAT(parsed.error().ToString(), HasSubstr("csl_2023-11-30_partial.csv:4233"));
  EXPECT_THAT(parsed.error().message, HasSubstr("unterminated"));
}

TEST(CslSamples, PartialFile2023WithoutItsCutRecordSkipsRepeatedHeader) {
  auto data =
      csl_internal::ReadWholeFile(DataDir() / "lists/us_csl/samples/csl_2023-11-30_partial.csv");
  ASSERT_TRUE(data.has_value());
  // Cut before the truncated last record, which starts with "11476".
  const std::size_t cut = data->rfind("\n\"11476\"");
  ASSERT_NE(cut, std::string::npos);
  auto parsed = ParseCslCsvBuffer(std::string_view(*data).substr(0, cut + 1),
                                  "csl_2023-11-30_partial.csv", "us_csl");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  // python csv over the same cut: 4,226 data rows after the two header rows, 4,219 distinct _id.
  EXPECT_EQ(parsed->entities.size(), 4219u);
  std::size_t listings = 0;
  std::size_t el = 0;
  for (const core::Entity& entity : parsed->entities) {
    listings += entity.listings.size();
    for (const core::Listing& listing : entity.listings) el += listing.list_code == "EL";
  }
  EXPECT_EQ(listings, 4226u);
  EXPECT_EQ(el, 919u);  // README: 919 Entity List rows
  ASSERT_FALSE(parsed->diagnostics.entries().empty());
  const core::Diagnostic& info = parsed->diagnostics.entries()[0];
  EXPECT_EQ(info.severity, core::Severity::kInfo);
  EXPECT_EQ(info.where.line, 2);
  EXPECT_THAT(info.message, HasSubstr("repeated header"));
  // 2023 ids are label-first: "Passport, 585843, TR, 11 Nov 1999".
  bool found_passport = false;
  for (const core::Entity& entity : parsed->entities) {
    for (const core::Identifier& id : entity.identifiers) {
      if (id.type == core::IdType::kPassport && id.value == "585843") {
        found_passport = true;
        EXPECT_EQ(id.country, "TR");
        EXPECT_EQ(id.note, "issued 11 Nov 1999");
      }
    }
  }
  EXPECT_TRUE(found_passport);
}

TEST(CslSamples, Current2025FormatReadsLabelFirstIds) {
  auto parsed =
      ParseCslCsv({DataDir() / "lists/us_csl/samples/consolidated_2025-06_sample.csv"}, "us_csl");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ(parsed->entities.size(), 13u);  // 13 rows, 13 distinct _id (python csv)
  EXPECT_EQ(parsed->diagnostics.warnings(), 0u);
  const core::Entity* rim = FindEntity(*parsed, "52291");
  ASSERT_NE(rim, nullptr);
  EXPECT_EQ(rim->gender, "male");
  const core::Identifier* passport = FindIdentifier(*rim, core::IdType::kPassport);
  ASSERT_NE(passport, nullptr);
  EXPECT_EQ(passport->value, "836238033");
  EXPECT_EQ(passport->country, "KP");
  ASSERT_EQ(rim->addresses.size(), 2u);
  EXPECT_EQ(rim->addresses[0].country, "CN");
  EXPECT_EQ(rim->addresses[0].full, "Shenyang");
  EXPECT_THAT(rim->listings.at(0).remarks,
              HasSubstr("Secondary sanctions risk: North Korea Sanctions Regulations, sections "
                        "510.201 and 510.210"));
}

// --- CSV and JSON agree ------------------------------------------------------------------------

TEST(CslJson, FixtureGivesTheSameEntitiesAsTheSameRowsInCsv) {
  // tests/fixtures/csl/consolidated_rows.csv holds 21 rows copied from the 2022 consolidated.csv;
  // consolidated.json is the same rows converted to the data.trade.gov JSON shape.
  const std::filesystem::path dir = SourceDir() / "tests/fixtures/csl";
  auto csv = ParseCslCsv({dir / "consolidated_rows.csv"}, "us_csl");
  auto json = ParseCslJson({dir / "consolidated.json"}, "us_csl");
  ASSERT_TRUE(csv.has_value()) << csv.error().ToString();
  ASSERT_TRUE(json.has_value()) << json.error().ToString();
  EXPECT_EQ(json->format, "csl_json");
  ASSERT_EQ(csv->entities.size(), 19u);  // 21 rows, 18725 three times
  ASSERT_EQ(json->entities.size(), csv->entities.size());
  for (std::size_t idx = 0; idx < csv->entities.size(); ++idx) {
    core::Entity from_json = json->entities[idx];
    // JSON addresses are structured; CSV ones only have `full` and the country.
    for (core::Address& address : from_json.addresses) {
      EXPECT_FALSE(address.full.empty() && !address.street.empty());
      address.street.clear();
      address.city.clear();
      address.state.clear();
      address.postal_code.clear();
    }
    EXPECT_EQ(from_json, csv->entities[idx]) << "entity " << csv->entities[idx].id;
  }
}

TEST(CslJson, BadDocumentsFailWithTheFileName) {
  auto not_json = ParseCslJsonBuffer("{\"results\": [", "broken.json", "us_csl");
  ASSERT_FALSE(not_json.has_value());
  EXPECT_EQ(not_json.error().code, core::ErrorCode::kParse);
  EXPECT_THAT(not_json.error().ToString(), HasSubstr("broken.json"));
  auto wrong_shape = ParseCslJsonBuffer("{\"total\": 3}", "shape.json", "us_csl");
  ASSERT_FALSE(wrong_shape.has_value());
  EXPECT_THAT(wrong_shape.error().message, HasSubstr("results"));
}

TEST(CslJson, OddValuesAreToleratedAndReported) {
  auto parsed = ParseCslJsonBuffer(
      R"({"results": [
        7,
        {"id": "a1", "name": "Acme", "source": "Entity List (EL) - Bureau of Industry and Security",
         "start_date": "2019-13-45", "alt_names": "Acme Ltd; ACME", "entity_number": 12,
         "addresses": [{"address": "1 Main St", "city": "Macau", "country": "MO"}, null],
         "ids": [{"type": "ISIN", "number": "US0000000001"}, "CN, 123, Registration Number"]},
        {"id": "a2", "name": null, "source": "x"}
      ]})",
      "odd.json", "us_csl");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  ASSERT_EQ(parsed->entities.size(), 1u);
  const core::Entity& acme = parsed->entities[0];
  EXPECT_EQ(acme.names.size(), 3u);
  ASSERT_EQ(acme.addresses.size(), 1u);
  EXPECT_EQ(acme.addresses[0].full, "1 Main St, Macau");
  EXPECT_EQ(acme.addresses[0].street, "1 Main St");
  EXPECT_EQ(acme.addresses[0].country, "MO");
  ASSERT_EQ(acme.identifiers.size(), 2u);
  EXPECT_EQ(acme.identifiers[1].type, core::IdType::kRegistration);
  EXPECT_EQ(acme.identifiers[1].country, "CN");
  EXPECT_TRUE(acme.listings[0].start.empty());
  // results[0] not an object, results[1] bad start_date, results[2] no name.
  ASSERT_EQ(parsed->diagnostics.warnings(), 3u);
  EXPECT_EQ(parsed->diagnostics.entries()[0].where.element, "results[0]");
  EXPECT_EQ(parsed->diagnostics.entries()[1].where.element, "results[1]");
  EXPECT_EQ(parsed->diagnostics.entries()[1].where.field, "start_date");
  EXPECT_EQ(parsed->diagnostics.entries()[2].where.field, "name");
}

// --- CSV damage ----------------------------------------------------------------------------------

TEST(CslCsv, RowWithWrongFieldCountFailsWithLine) {
  std::string data(kHeader);
  data +=
      "1,Specially Designated Nationals (SDN) - Treasury Department,1,Individual,SDGT,A,,,,,,,,,,"
      ",,,,,,,,,,,,,\n";
  data += "2,x,y\n";
  auto parsed = ParseCslCsvBuffer(data, "short.csv", "us_csl");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().where.line, 3);
  EXPECT_THAT(parsed.error().ToString(), HasSubstr("short.csv:3"));
  EXPECT_THAT(parsed.error().message, HasSubstr("3 fields, the header has 29"));
}

TEST(CslCsv, MissingRequiredColumnFails) {
  auto parsed = ParseCslCsvBuffer("id,source,name\n1,x,y\n", "other.csv", "us_csl");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_THAT(parsed.error().message, HasSubstr("no \"_id\" column"));
  auto empty = ParseCslCsvBuffer("", "empty.csv", "us_csl");
  ASSERT_FALSE(empty.has_value());
  EXPECT_THAT(empty.error().message, HasSubstr("empty file"));
}

TEST(CslCsv, ColumnsAreFoundByNameInAnyOrder) {
  auto parsed = ParseCslCsvBuffer(
      "name,ids,source,_id,dates_of_birth,nationalities\n"
      "\"DOE, John\",\"Male, Gender; US, 123, Passport\",Specially Designated Nationals (SDN) - "
      "Treasury Department,42,1968-13-02; circa 1970,XX; RU\n"
      ",,Specially Designated Nationals (SDN) - Treasury Department,43,,\n",
      "reordered.csv", "us_csl");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  ASSERT_EQ(parsed->entities.size(), 1u);
  const core::Entity& doe = parsed->entities[0];
  EXPECT_EQ(doe.id, "us_csl:42");
  EXPECT_EQ(doe.gender, "male");
  ASSERT_EQ(doe.birth_dates.size(), 1u);
  EXPECT_TRUE(doe.birth_dates[0].circa);
  EXPECT_THAT(doe.nationalities, ElementsAre("RU"));
  ASSERT_EQ(doe.identifiers.size(), 1u);
  EXPECT_EQ(doe.identifiers[0].country, "US");
  const auto& entries = parsed->diagnostics.entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].ToString(),
            "reordered.csv:2: field \"dates_of_birth\": \"1968-13-02\": is not a date (expected "
            "YYYY, YYYY-MM, YYYY-MM-DD, circa YYYY or YYYY to YYYY); record kept without this "
            "date of birth");
  EXPECT_EQ(entries[1].where.field, "nationalities");
  EXPECT_EQ(entries[1].original, "XX");
  EXPECT_EQ(entries[2].where.line, 3);
  EXPECT_EQ(entries[2].action, "record skipped");
}

// --- Field helpers -------------------------------------------------------------------------------

struct FrCase {
  std::string_view text;
  std::vector<std::string> expected;
};

TEST(CslFields, FederalRegisterCitationsAreNormalized) {
  const FrCase cases[] = {
      {"84 FR 54002; 85 FR 44159", {"84 FR 54002", "85 FR 44159"}},
      {"68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06", {"68 FR 38290", "71 FR 38843"}},
      {"81.F.R. 22575 4/18/2016", {"81 FR 22575"}},
      {"84  FR 21233", {"84 FR 21233"}},
      {"80 F.R 57572 9/24/15 ", {"80 FR 57572"}},
      {"82 F.R. 16789, 16790 4/6/2017", {"82 FR 16789"}},
      {"77 FR 61249 No. 195", {"77 FR 61249"}},
      {"73 FR 54511 (9/22/2008), 77 FR 24587", {"73 FR 54511", "77 FR 24587"}},
      {"54 F.R. 9537 3/7/89 and 54 F.R. 13715 4/5/89", {"54 FR 9537", "54 FR 13715"}},
      {"Vol. 85, No. 228, 11/25/2020", {"Vol. 85, No. 228, 11/25/2020"}},
      {"FRANCE 12", {"FRANCE 12"}},
      {"", {}},
  };
  for (const FrCase& test_case : cases) {
    EXPECT_EQ(csl_internal::NormalizeFederalRegister(test_case.text), test_case.expected)
        << test_case.text;
  }
}

struct IdCase {
  std::string_view text;
  std::string_view type;
  std::string_view number;
  std::string_view country;
  std::string_view issue;
  std::string_view expiration;
  std::string_view undated;
};

TEST(CslFields, IdsAreReadInBothColumnOrders) {
  const IdCase label_last[] = {
      {"CN, 91330000733796106P, Unified Social Credit Code (USCC)",
       "Unified Social Credit Code (USCC)", "91330000733796106P", "CN", "", "", ""},
      {"CNE100000PM8, ISIN", "ISIN", "CNE100000PM8", "", "", "", ""},
      {"JO, 2014-08-30, 2009-08-31, K475336, Passport", "Passport", "K475336", "JO", "2009-08-31",
       "2014-08-30", ""},
      {"MM, 2017-01-16, 110364903, Registration Number", "Registration Number", "110364903", "MM",
       "", "", "2017-01-16"},
      {"Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209, Secondary "
       "sanctions risk:",
       "Secondary sanctions risk:",
       "Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209", "", "", "",
       ""},
  };
  for (const IdCase& test_case : label_last) {
    auto style = csl_internal::CslIdStyle::kLabelLast;
    const csl_internal::CslId id = csl_internal::CslIdFromText(test_case.text, style);
    EXPECT_EQ(id.type, test_case.type) << test_case.text;
    EXPECT_EQ(id.number, test_case.number) << test_case.text;
    EXPECT_EQ(id.country, test_case.country) << test_case.text;
    EXPECT_EQ(id.issue_date, test_case.issue) << test_case.text;
    EXPECT_EQ(id.expiration_date, test_case.expiration) << test_case.text;
    EXPECT_EQ(id.undated, test_case.undated) << test_case.text;
  }
  const IdCase label_first[] = {
      {"Passport, 836238033, KP", "Passport", "836238033", "KP", "", "", ""},
      {"Passport, 585843, TR, 11 Nov 1999", "Passport", "585843", "TR", "11 Nov 1999", "", ""},
      {"Effective Date (CMIC), 2022-02-14", "Effective Date (CMIC)", "2022-02-14", "", "", "", ""},
      {"Secondary sanctions risk:, North Korea Sanctions Regulations, sections 510.201 and 510.210",
       "Secondary sanctions risk:",
       "North Korea Sanctions Regulations, sections 510.201 and 510.210", "", "", "", ""},
  };
  for (const IdCase& test_case : label_first) {
    auto style = csl_internal::CslIdStyle::kLabelFirst;
    const csl_internal::CslId id = csl_internal::CslIdFromText(test_case.text, style);
    EXPECT_EQ(id.type, test_case.type) << test_case.text;
    EXPECT_EQ(id.number, test_case.number) << test_case.text;
    EXPECT_EQ(id.country, test_case.country) << test_case.text;
    EXPECT_EQ(id.issue_date, test_case.issue) << test_case.text;
  }
}

TEST(CslFields, IdStyleIsLearnedFromTheFirstKnownLabel) {
  auto style = csl_internal::CslIdStyle::kUnknown;
  EXPECT_EQ(csl_internal::CslIdFromText("Gender, Male", style).number, "Male");
  EXPECT_EQ(style, csl_internal::CslIdStyle::kLabelFirst);
  style = csl_internal::CslIdStyle::kUnknown;
  EXPECT_EQ(csl_internal::CslIdFromText("Male, Gender", style).number, "Male");
  EXPECT_EQ(style, csl_internal::CslIdStyle::kLabelLast);
}

TEST(CslFields, ListCodesComeFromTheSourceText) {
  EXPECT_EQ(csl_internal::CslListCode("Entity List (EL) - Bureau of Industry and Security"), "EL");
  EXPECT_EQ(csl_internal::CslListCode("Capta List (CAP) - Treasury Department"), "CAP");
  EXPECT_EQ(csl_internal::CslListCode(
                "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department"),
            "MBS");
  EXPECT_EQ(csl_internal::CslListCode("Military End User (MEU) List - Bureau of Industry and "
                                      "Security"),
            "MEU");
  EXPECT_EQ(csl_internal::CslListCode("Something else"), "");
}

TEST(CslFields, IdLabelsAreClassified) {
  using csl_internal::ClassifyIdLabel;
  using csl_internal::IdDisposition;
  EXPECT_EQ(ClassifyIdLabel("Passport").type, core::IdType::kPassport);
  EXPECT_EQ(ClassifyIdLabel("Gender").disposition, IdDisposition::kGender);
  EXPECT_EQ(ClassifyIdLabel("Purchase/Sales For Divestment Date (CMIC)").disposition,
            IdDisposition::kDivestment);
  EXPECT_EQ(ClassifyIdLabel("Executive Order 14014 Directive Information:").disposition,
            IdDisposition::kListingNote);
  EXPECT_EQ(ClassifyIdLabel("Aircraft Model").disposition, IdDisposition::kEntityNote);
  const csl_internal::IdLabel eth = ClassifyIdLabel("Digital Currency Address - ETH");
  EXPECT_EQ(eth.type, core::IdType::kCryptoAddress);
  EXPECT_EQ(eth.scheme, "ETH");
  const csl_internal::IdLabel bik = ClassifyIdLabel("BIK (RU)");
  EXPECT_EQ(bik.type, core::IdType::kOther);
  EXPECT_EQ(bik.scheme, "BIK (RU)");
  const core::Identifier imo =
      csl_internal::MakeIdentifier(ClassifyIdLabel("Vessel Registration Identification"),
                                   "Vessel Registration Identification", "IMO 8898831", "");
  EXPECT_EQ(imo.type, core::IdType::kImo);
  EXPECT_EQ(imo.value, "8898831");
}

TEST(CslFields, LinkedToTargetsAreSplit) {
  EXPECT_THAT(csl_internal::LinkedToTargets("(Linked To: SHIRAZ ELECTRONICS INDUSTRIES; Linked "
                                            "To: LIU, Emily)"),
              ElementsAre("SHIRAZ ELECTRONICS INDUSTRIES", "LIU, Emily"));
  EXPECT_THAT(csl_internal::LinkedToTargets("(Linked To: AL-QA'IDA (AQ))"),
              ElementsAre("AL-QA'IDA (AQ)"));
  EXPECT_TRUE(csl_internal::LinkedToTargets("FR NOTICE ADDED").empty());
}

TEST(CslFields, ScriptsAreDetectedFromCodePoints) {
  EXPECT_EQ(csl_internal::DetectScript("海康威视"), "Hani");
  EXPECT_EQ(csl_internal::DetectScript("Роснефть"), "Cyrl");
  EXPECT_EQ(csl_internal::DetectScript("شركة"), "Arab");
  EXPECT_EQ(csl_internal::DetectScript("トヨタ"), "Jpan");
  EXPECT_EQ(csl_internal::DetectScript("김정은"), "Hang");
  EXPECT_EQ(csl_internal::DetectScript("Café"), "");
}

}  // namespace
}  // namespace redflag::sources
