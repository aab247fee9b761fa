#include "sources/ofac/ofac_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace redflag::sources {
namespace {

namespace fs = std::filesystem;
using core::IdType;
using core::NameKind;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

fs::path DataDir() {
  const char* dir = std::getenv("REDFLAG_DATA_DIR");
  return dir == nullptr ? fs::path() : fs::path(dir);
}

fs::path FixtureDir() {
  const char* dir = std::getenv("REDFLAG_SOURCE_DIR");
  return fs::path(dir == nullptr ? REDFLAG_SOURCE_DIR : dir) / "tests/fixtures/ofac_csv";
}

std::string ReadAll(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
}

const core::Entity* Find(const ParsedList& list, std::string_view id) {
  for (const core::Entity& entity : list.entities) {
    if (entity.id == id) return &entity;
  }
  return nullptr;
}

std::size_t CountNames(const ParsedList& list, NameKind kind) {
  std::size_t count = 0;
  for (const core::Entity& entity : list.entities) {
    count += std::count_if(entity.names.begin(), entity.names.end(),
                           [&](const core::Name& name) { return name.kind == kind; });
  }
  return count;
}

const core::Identifier* FindId(const core::Entity& entity, IdType type) {
  for (const core::Identifier& id : entity.identifiers) {
    if (id.type == type) return &id;
  }
  return nullptr;
}

// Parsed once per test binary: the real 2023-12-28 SDN set and the cons set.
class OfacCsvRealData : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_FALSE(DataDir().empty()) << "REDFLAG_DATA_DIR is not set";
    const fs::path sdn = DataDir() / "lists/ofac_sdn";
    auto parsed = ParseOfacLegacyCsv(
        {sdn / "sdn_comments.csv", sdn / "alt.csv", sdn / "add.csv", sdn / "sdn.csv"}, "ofac_sdn");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    sdn_ = new ParsedList(std::move(*parsed));
    const fs::path cons = DataDir() / "lists/ofac_cons";
    auto cons_parsed = ParseOfacLegacyCsv({cons / "cons_prim.csv", cons / "cons_add.csv",
                                           cons / "cons_alt.csv", cons / "cons_comments.csv"},
                                          "ofac_cons");
    ASSERT_TRUE(cons_parsed.has_value()) << cons_parsed.error().ToString();
    cons_ = new ParsedList(std::move(*cons_parsed));
  }
  static void TearDownTestSuite() {
    delete sdn_;
    delete cons_;
  }
  static ParsedList* sdn_;
  static ParsedList* cons_;
};
ParsedList* OfacCsvRealData::sdn_ = nullptr;
ParsedList* OfacCsvRealData::cons_ = nullptr;

// Expected counts from the data README, re-checked with python's csv module over the raw files
// (Counter of column 3 of sdn.csv: individual 6,646, -0- 6,033, vessel 764, aircraft 378).
TEST_F(OfacCsvRealData, SdnEntityCountsByType) {
  ASSERT_NE(sdn_, nullptr);
  EXPECT_EQ(sdn_->list_id, "ofac_sdn");
  EXPECT_EQ(sdn_->format, "ofac_legacy_csv");
  ASSERT_EQ(sdn_->entities.size(), 13821u);
  std::map<core::EntityType, int> by_type;
  for (const core::Entity& entity : sdn_->entities) ++by_type[entity.type];
  EXPECT_EQ(by_type[core::EntityType::kPerson], 6646);
  EXPECT_EQ(by_type[core::EntityType::kOrganization], 6033);
  EXPECT_EQ(by_type[core::EntityType::kVessel], 764);
  EXPECT_EQ(by_type[core::EntityType::kAircraft], 378);
  EXPECT_EQ(by_type[core::EntityType::kUnknown], 0);
  ASSERT_EQ(sdn_->files.size(), 4u);
  for (const SourceFile& file : sdn_->files) EXPECT_EQ(file.sha256.size(), 64u);
}

// add.csv has 18,990 rows over all 13,821 ent_nums; 2,652 rows are all "-0-" and they are the
// only row of their entity (python: rows with columns 3-6 == "-0- "). Those say "no address" and
// add nothing, so 16,338 addresses over 11,169 entities.
TEST_F(OfacCsvRealData, SdnAddressesFromAddCsv) {
  ASSERT_NE(sdn_, nullptr);
  std::size_t addresses = 0;
  std::size_t with_address = 0;
  for (const core::Entity& entity : sdn_->entities) {
    addresses += entity.addresses.size();
    with_address += entity.addresses.empty() ? 0 : 1;
  }
  EXPECT_EQ(addresses, 16338u);
  EXPECT_EQ(with_address, 11169u);
  // ent 36 AEROCARIBBEAN AIRLINES: add.csv row 25 "Havana", "Cuba".
  const core::Entity* entity = Find(*sdn_, "ofac_sdn:36");
  ASSERT_NE(entity, nullptr);
  ASSERT_FALSE(entity->addresses.empty());
  EXPECT_EQ(entity->addresses[0].city, "Havana");
  EXPECT_EQ(entity->addresses[0].country, "CU");
}

// alt.csv: 17,091 rows over 6,667 entities; 3 rows repeat their entity's primary name exactly
// (ent 18721, 35979, 40268) and are de-duplicated. python over the other rows: aka 16,504 over
// 6,497 entities, fka 567, nka 17. The remarks add weak a.k.a.s (3,299 "a.k.a. '" segments in
// the remarks joined with sdn_comments.csv), 86 f.k.a. and 1 n.k.a.
TEST_F(OfacCsvRealData, SdnAliasesFromAltCsvAndRemarks) {
  ASSERT_NE(sdn_, nullptr);
  EXPECT_EQ(CountNames(*sdn_, NameKind::kPrimary), 13821u);
  EXPECT_EQ(CountNames(*sdn_, NameKind::kStrongAka), 16504u);
  EXPECT_EQ(CountNames(*sdn_, NameKind::kFka), 567u + 86u);
  EXPECT_EQ(CountNames(*sdn_, NameKind::kNka), 17u + 1u);
  EXPECT_EQ(CountNames(*sdn_, NameKind::kWeakAka), 3299u);
  std::size_t with_strong = 0;
  for (const core::Entity& entity : sdn_->entities) {
    EXPECT_EQ(entity.names.front().kind, NameKind::kPrimary);
    with_strong += std::any_of(entity.names.begin(), entity.names.end(),
                               [](const core::Name& n) { return n.kind == NameKind::kStrongAka; });
  }
  EXPECT_EQ(with_strong, 6497u);
}

// sdn_comments.csv continues 16 of the 17 remarks cut at 1,000 characters. Joined texts checked
// against `python: sdn remarks + comments` for three entries whose cut falls inside a value.
TEST_F(OfacCsvRealData, SdnRemarksContinuationsJoinExactly) {
  ASSERT_NE(sdn_, nullptr);
  // ent 27307: cut inside "a.k.a. 'WHOIS HACKIN" + "G TEAM'".
  const core::Entity* hackers = Find(*sdn_, "ofac_sdn:27307");
  ASSERT_NE(hackers, nullptr);
  EXPECT_TRUE(std::any_of(hackers->names.begin(), hackers->names.end(), [](const core::Name& n) {
    return n.full == "WHOIS HACKING TEAM" && n.kind == NameKind::kWeakAka;
  }));
  // ent 30518: cut inside an XBT address "... XBT 1Gq" + "ChmWqGtsaLrGbHfgdrV5Nkvahtjjuxr".
  const core::Entity* wallets = Find(*sdn_, "ofac_sdn:30518");
  ASSERT_NE(wallets, nullptr);
  EXPECT_TRUE(std::any_of(wallets->identifiers.begin(), wallets->identifiers.end(),
                          [](const core::Identifier& id) {
                            return id.type == IdType::kCryptoAddress && id.scheme == "XBT" &&
                                   id.value == "1GqChmWqGtsaLrGbHfgdrV5Nkvahtjjuxr";
                          }));
  // ent 17018: cut between "Listing Date (EO 14024 Directive 3)" and ": 24 Feb 2022".
  const core::Entity* directive = Find(*sdn_, "ofac_sdn:17018");
  ASSERT_NE(directive, nullptr);
  EXPECT_THAT(directive->listings.at(0).remarks,
              HasSubstr("; Listing Date (EO 14024 Directive 3): 24 Feb 2022; "));
  // ent 45430 has no continuation (README): one warning naming it, record kept.
  const core::Entity* missing = Find(*sdn_, "ofac_sdn:45430");
  ASSERT_NE(missing, nullptr);
  std::size_t cut_warnings = 0;
  for (const core::Diagnostic& entry : sdn_->diagnostics.entries()) {
    if (entry.message.find("1000-character cut") != std::string::npos) {
      ++cut_warnings;
      EXPECT_THAT(entry.message, HasSubstr("ent_num 45430"));
      EXPECT_THAT(entry.where.file, HasSubstr("sdn.csv"));
    }
  }
  EXPECT_EQ(cut_warnings, 1u);
}

// ent 8150 (sdn.csv): "DOB 20 Mar 1965; POB El Castillo, Meta, Colombia; nationality Colombia;
// Gender Male; Cedula No. 17353695 (Colombia); a.k.a. 'ROMANA, Edison'; a.k.a. 'ROMANA';
// Linked To: SEGUNDA MARQUETALIA."
TEST_F(OfacCsvRealData, SdnPersonSample) {
  ASSERT_NE(sdn_, nullptr);
  const core::Entity* entity = Find(*sdn_, "ofac_sdn:8150");
  ASSERT_NE(entity, nullptr);
  EXPECT_EQ(entity->primary_name(), "CASTELLANOS GARZON, Henry");
  EXPECT_EQ(entity->type, core::EntityType::kPerson);
  ASSERT_EQ(entity->birth_dates.size(), 1u);
  EXPECT_EQ(entity->birth_dates[0].from, (core::PartialDate{1965, 3, 20}));
  EXPECT_THAT(entity->places_of_birth, ElementsAre("El Castillo, Meta, Colombia"));
  EXPECT_THAT(entity->nationalities, ElementsAre("CO"));
  EXPECT_EQ(entity->gender, "male");
  std::vector<std::string> weak;
  for (const core::Name& name : entity->names) {
    if (name.kind == NameKind::kWeakAka) weak.push_back(name.full);
  }
  EXPECT_THAT(weak, ElementsAre("ROMANA, Edison", "ROMANA"));
  ASSERT_EQ(entity->links.size(), 1u);
  EXPECT_EQ(entity->links[0].target_name, "SEGUNDA MARQUETALIA");
  // SEGUNDA MARQUETALIA is itself an SDN entry, so the link resolves to its id.
  EXPECT_THAT(entity->links[0].target_id, HasSubstr("ofac_sdn:"));
  const core::Identifier* cedula = FindId(*entity, IdType::kNationalId);
  ASSERT_NE(cedula, nullptr);
  EXPECT_EQ(cedula->value, "17353695");
  EXPECT_EQ(cedula->country, "CO");
}

TEST_F(OfacCsvRealData, XinjiangPublicSecurityBureauProgram) {
  ASSERT_NE(sdn_, nullptr);
  const core::Entity* entity = Find(*sdn_, "ofac_sdn:29159");
  ASSERT_NE(entity, nullptr);
  EXPECT_EQ(entity->primary_name(), "XINJIANG PUBLIC SECURITY BUREAU");
  EXPECT_EQ(entity->type, core::EntityType::kOrganization);
  ASSERT_EQ(entity->listings.size(), 1u);
  EXPECT_THAT(entity->listings[0].programs, ElementsAre("GLOMAG"));
  EXPECT_EQ(entity->listings[0].list_code, "SDN");
  EXPECT_EQ(entity->listings[0].list_name,
            "Specially Designated Nationals and Blocked Persons List (SDN)");
}

// cons_prim.csv 442 rows; cons_add.csv 574 rows of which 52 are all "-0-"; cons_alt.csv 1,073
// rows of which 2 repeat the primary name (python, as for the SDN set): aka 930, fka 141.
TEST_F(OfacCsvRealData, ConsCounts) {
  ASSERT_NE(cons_, nullptr);
  ASSERT_EQ(cons_->entities.size(), 442u);
  std::size_t addresses = 0;
  for (const core::Entity& entity : cons_->entities) addresses += entity.addresses.size();
  EXPECT_EQ(addresses, 574u - 52u);
  EXPECT_EQ(CountNames(*cons_, NameKind::kStrongAka), 930u);
  // cons_prim.csv remarks hold 3 "f.k.a. '" segments, cons_alt.csv 141 fka rows.
  EXPECT_EQ(CountNames(*cons_, NameKind::kFka), 141u + 3u);
  // Sub-lists from programs (python Counter of column 4 of cons_prim.csv): 68 CMIC-EO13959,
  // 76 + 2 with NS-PLC, 197 + 86 + 2 + 1 with UKRAINE-EO13662.
  std::map<std::string, int> by_code;
  for (const core::Entity& entity : cons_->entities) ++by_code[entity.listings.at(0).list_code];
  EXPECT_EQ(by_code["CMIC"], 68);
  EXPECT_EQ(by_code["PLC"], 78);
  EXPECT_EQ(by_code["SSI"], 286);
  EXPECT_EQ(by_code["CAP"], 1);  // 15268 BANK OF KUNLUN, 561-Related
  EXPECT_EQ(by_code["MBS"], 442 - 68 - 78 - 286 - 1);
}

TEST_F(OfacCsvRealData, HikvisionCmicEntry) {
  ASSERT_NE(cons_, nullptr);
  const core::Entity* entity = Find(*cons_, "ofac_cons:30946");
  ASSERT_NE(entity, nullptr);
  EXPECT_EQ(entity->primary_name(), "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.");
  const core::Identifier* isin = FindId(*entity, IdType::kIsin);
  ASSERT_NE(isin, nullptr);
  EXPECT_EQ(isin->value, "CNE100000PM8");
  const core::Identifier* ticker = FindId(*entity, IdType::kTicker);
  ASSERT_NE(ticker, nullptr);
  EXPECT_EQ(ticker->value, "002415");
  const core::Identifier* uscc = FindId(*entity, IdType::kUscc);
  ASSERT_NE(uscc, nullptr);
  EXPECT_EQ(uscc->value, "91330000733796106P");
  EXPECT_EQ(uscc->country, "CN");
  ASSERT_EQ(entity->listings.size(), 1u);
  const core::Listing& listing = entity->listings[0];
  EXPECT_THAT(listing.programs, ElementsAre("CMIC-EO13959"));
  EXPECT_EQ(listing.list_code, "CMIC");
  EXPECT_EQ(listing.list_name, "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC)");
  EXPECT_EQ(listing.start, (core::PartialDate{2021, 8, 2}));
  EXPECT_EQ(listing.divestment, (core::PartialDate{2022, 6, 3}));
}

// The newest full sdn.csv (2024-05-03) alone: 14,965 rows (README; python row count).
TEST(OfacCsv, Sdn20240503PrimaryFileAlone) {
  ASSERT_FALSE(DataDir().empty()) << "REDFLAG_DATA_DIR is not set";
  auto parsed =
      ParseOfacLegacyCsv({DataDir() / "lists/ofac_sdn/sdn_2024-05-03/sdn.csv"}, "ofac_sdn");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ(parsed->entities.size(), 14965u);
  for (const core::Entity& entity : parsed->entities) EXPECT_TRUE(entity.addresses.empty());
}

// A damaged copy of the real sdn.csv must fail with the file and line, nothing returned.
class OfacCsvDamaged : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(DataDir().empty()) << "REDFLAG_DATA_DIR is not set";
    original_ = ReadAll(DataDir() / "lists/ofac_sdn/sdn.csv");
    ASSERT_GT(original_.size(), 1000000u);
    dir_ = fs::temp_directory_path() /
           ("redflag_ofac_csv_test_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Offset of the start of 1-based line `line` (CRLF line ends, no newlines inside quotes).
  std::size_t LineStart(int line) const {
    std::size_t pos = 0;
    for (int line_idx = 1; line_idx < line; ++line_idx) pos = original_.find("\r\n", pos) + 2;
    return pos;
  }
  fs::path Write(const std::string& data) const {
    const fs::path path = dir_ / "sdn.csv";
    std::ofstream(path, std::ios::binary) << data;
    return path;
  }

  std::string original_;
  fs::path dir_;
};

TEST_F(OfacCsvDamaged, RowMissingAColumnFailsWithLine) {
  // Drop the last field of line 5035, the first line from 5000 on whose Remarks is "-0- "
  // (awk 'NR>=5000 && /,-0- \r$/'); a quoted Remarks would hold commas.
  const std::size_t start = LineStart(5035);
  const std::size_t end = original_.find("\r\n", start);
  const std::size_t last_comma = original_.rfind(',', end);
  ASSERT_GT(last_comma, start);
  std::string damaged = original_;
  damaged.erase(last_comma, end - last_comma);
  const fs::path path = Write(damaged);
  auto parsed = ParseOfacLegacyCsv({path}, "ofac_sdn");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, core::ErrorCode::kParse);
  EXPECT_EQ(parsed.error().where.line, 5035);
  EXPECT_THAT(parsed.error().ToString(), HasSubstr(path.string() + ":5035: "));
  EXPECT_THAT(parsed.error().ToString(), HasSubstr("expected 12 columns, found 11"));
}

TEST_F(OfacCsvDamaged, TruncatedInsideQuotedNameFailsWithLine) {
  // A download cut off inside the quoted name on line 9000.
  const std::size_t start = LineStart(9000);
  const std::size_t quote = original_.find('"', start);
  std::string damaged = original_.substr(0, quote + 4);
  const fs::path path = Write(damaged);
  auto parsed = ParseOfacLegacyCsv({path}, "ofac_sdn");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_THAT(parsed.error().ToString(), HasSubstr(path.string() + ":9000: "));
  EXPECT_THAT(parsed.error().ToString(),
              HasSubstr("unterminated quoted field opened on line 9000"));
}

TEST_F(OfacCsvDamaged, NonNumericEntNumFailsWithLine) {
  std::string damaged = original_;
  damaged.insert(LineStart(77), "X");
  const fs::path path = Write(damaged);
  auto parsed = ParseOfacLegacyCsv({path}, "ofac_sdn");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_THAT(parsed.error().ToString(), HasSubstr(":77: ent_num \"X"));
  EXPECT_THAT(parsed.error().ToString(), HasSubstr("is not a number"));
}

// Hand-made set in tests/fixtures/ofac_csv/edge: "-0-" fields, Ctrl-Z, a doubled quote and an
// embedded CRLF inside quotes, multi-program, a 1,000-character cut continued in an LF-ended
// sdn_comments.csv (cut inside "Digital Currency Addres|s - XBT 1TestAddr0012...").
class OfacCsvFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path dir = FixtureDir() / "edge";
    auto good = ParseOfacLegacyCsv(
        {dir / "add.csv", dir / "sdn.csv", dir / "alt.csv", dir / "sdn_comments.csv"}, "ofac_sdn");
    ASSERT_TRUE(good.has_value()) << good.error().ToString();
    list_ = std::move(*good);
  }
  ParsedList list_;
};

TEST_F(OfacCsvFixture, EmptyMarkerMultiProgramAndTypes) {
  ASSERT_EQ(list_.entities.size(), 5u);
  const core::Entity& airline = list_.entities[0];
  EXPECT_EQ(airline.id, "ofac_sdn:36");
  EXPECT_EQ(airline.type, core::EntityType::kOrganization);
  EXPECT_TRUE(airline.titles.empty());
  EXPECT_TRUE(airline.vessel.empty());
  EXPECT_EQ(airline.remarks, "");
  const core::Entity& bank = list_.entities[1];
  EXPECT_THAT(bank.listings.at(0).programs, ElementsAre("CUBA", "IRAQ2", "SDGT"));
  // alt row 220 repeats the primary name and is dropped; the remarks a.k.a. is weak.
  ASSERT_EQ(bank.names.size(), 3u);
  EXPECT_EQ(bank.names[1].full, "NATIONAL BANK OF CUBA");
  EXPECT_EQ(bank.names[1].kind, NameKind::kStrongAka);
  EXPECT_EQ(bank.names[2].full, "BNC");
  EXPECT_EQ(bank.names[2].kind, NameKind::kWeakAka);
  EXPECT_EQ(bank.addresses.at(0).city, "Mexico");
  EXPECT_EQ(bank.addresses.at(0).state, "Distrito Federal");
  EXPECT_EQ(bank.addresses.at(0).postal_code, "11560");
  EXPECT_EQ(bank.addresses.at(0).country, "MX");
  const core::Entity& person = list_.entities[2];
  EXPECT_EQ(person.type, core::EntityType::kPerson);
  EXPECT_THAT(person.titles, ElementsAre("Operational and Military Leader of JIHAD GROUP"));
  EXPECT_TRUE(person.addresses.empty());  // its only add.csv row is all "-0-"
  EXPECT_THAT(person.citizenships, ElementsAre("EG"));
  ASSERT_EQ(person.links.size(), 1u);
  EXPECT_EQ(person.links[0].target_id, "ofac_sdn:36");
  EXPECT_EQ(person.names.at(2).kind, NameKind::kFka);
}

TEST_F(OfacCsvFixture, VesselWithQuotesAndEmbeddedNewline) {
  const core::Entity& vessel = list_.entities[3];
  EXPECT_EQ(vessel.type, core::EntityType::kVessel);
  EXPECT_EQ(vessel.primary_name(), "SEA \"STAR\" ONE");
  EXPECT_EQ(vessel.vessel.call_sign, "9BXY");
  EXPECT_EQ(vessel.vessel.vessel_type, "Crude Oil Tanker");
  EXPECT_EQ(vessel.vessel.tonnage, "150,000");
  EXPECT_EQ(vessel.vessel.gross_registered_tonnage, "80,000");
  EXPECT_EQ(vessel.vessel.flag, "IR");
  EXPECT_EQ(vessel.vessel.owner, "NATIONAL IRANIAN\r\nTANKER COMPANY");
  const core::Identifier* call_sign = FindId(vessel, IdType::kCallSign);
  ASSERT_NE(call_sign, nullptr);
  EXPECT_EQ(call_sign->value, "9BXY");
  ASSERT_NE(FindId(vessel, IdType::kImo), nullptr);
  EXPECT_EQ(FindId(vessel, IdType::kImo)->value, "9000001");
  ASSERT_EQ(vessel.birth_dates.size(), 1u);  // Vessel Year of Build
  EXPECT_EQ(vessel.birth_dates[0].from.year, 1999);
  EXPECT_EQ(vessel.names.at(1).kind, NameKind::kNka);
  // Region: Crimea -> UA with the region kept as text.
  ASSERT_EQ(vessel.addresses.size(), 1u);
  EXPECT_EQ(vessel.addresses[0].country, "UA");
  EXPECT_EQ(vessel.addresses[0].country_raw, "Region: Crimea");
  // The linked party is not in the set: name kept, no id. "LTD." keeps its dot.
  ASSERT_EQ(vessel.links.size(), 1u);
  EXPECT_EQ(vessel.links[0].target_name, "NOT IN THIS FILE LTD.");
  EXPECT_EQ(vessel.links[0].target_id, "");
}

TEST_F(OfacCsvFixture, CommentsContinueRemarksAtTheCut) {
  const core::Entity& person = list_.entities[4];
  std::set<std::string> addresses;
  for (const core::Identifier& id : person.identifiers) {
    if (id.type == IdType::kCryptoAddress) addresses.insert(id.value);
  }
  // The fixture holds 1TestAddr0000..0013 (grep over both files); the cut falls inside "Address"
  // just before 0012.
  EXPECT_EQ(addresses.size(), 14u);
  EXPECT_TRUE(addresses.contains("1TestAddr0012QwErTyUiOpAsDfGhJkLzXcVbNm"));
  ASSERT_EQ(person.links.size(), 1u);  // the last segment, in the continuation
  EXPECT_EQ(person.links[0].target_id, "ofac_sdn:306");
  EXPECT_EQ(list_.diagnostics.warnings(), 0u);
}

TEST(OfacCsv, BuffersRejectOrphansAndBadShapes) {
  const std::string primary = "1,\"A\",-0- ,\"P\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1A";
  const std::string doubled = primary.substr(0, primary.size() - 1) + primary;
  struct Case {
    const char* name;
    OfacCsvBuffers buffers;
    const char* expected;
  };
  // clang-format off
  const std::vector<Case> cases = {
      {"orphan add", {primary, "2,1,-0- ,-0- ,\"Iran\",-0- \r\n", "", ""}, "add.csv:1: ent_num 2 is not in sdn.csv"},
      {"orphan alt", {primary, "", "1,1,\"aka\",\"B\",-0- \r\n7,2,\"aka\",\"C\",-0- \r\n", ""}, "alt.csv:2: ent_num 7 is not in sdn.csv"},
      {"orphan comment", {primary, "", "", "9,\"x\"\n"}, "sdn_comments.csv:1: ent_num 9 is not in sdn.csv"},
      {"short add row", {primary, "1,1,-0- \r\n", "", ""}, "add.csv:1: expected 6 columns, found 3"},
      {"duplicate ent_num", {doubled, "", "", ""}, "sdn.csv:2: ent_num 1 appears twice (first on line 1)"},
      {"empty name", {"1,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n", "", "", ""}, "sdn.csv:1: ent_num 1 has an empty SDN_Name"},
      {"no primary", {"", "1,1,-0- ,-0- ,-0- ,-0- \r\n", "", ""}, "the primary file sdn.csv is missing"},
      {"only ctrl-z", {"\x1A", "", "", ""}, "sdn.csv: the primary file contains no records"},
  };
  // clang-format on
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    auto parsed = ParseOfacLegacyCsvBuffers(test_case.buffers, "ofac_sdn");
    ASSERT_FALSE(parsed.has_value());
    EXPECT_THAT(parsed.error().ToString(), HasSubstr(test_case.expected));
  }
}

TEST(OfacCsv, FileNamesAreRecognisedCaseInsensitively) {
  const fs::path dir = FixtureDir() / "edge";
  // "SDN.CSV" is taken as the primary file (and does not exist here): an I/O error naming it.
  auto upper = ParseOfacLegacyCsv({dir / "SDN.CSV"}, "ofac_sdn");
  ASSERT_FALSE(upper.has_value());
  EXPECT_EQ(upper.error().code, core::ErrorCode::kIo);
  EXPECT_THAT(upper.error().ToString(), HasSubstr("SDN.CSV: cannot open the file"));
  // A name outside the set is refused before anything is read.
  auto other = ParseOfacLegacyCsv({dir / "sdn.csv", dir / "notes.csv"}, "ofac_sdn");
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_THAT(other.error().ToString(), HasSubstr("notes.csv: not a file of the ofac_sdn"));
  // The cons names do not belong to the SDN set.
  auto cons = ParseOfacLegacyCsv({dir / "cons_prim.csv"}, "ofac_sdn");
  ASSERT_FALSE(cons.has_value());
  EXPECT_EQ(cons.error().code, core::ErrorCode::kInvalidArgument);
}

TEST(OfacCsv, UnknownListIdIsRejected) {
  auto parsed = ParseOfacLegacyCsvBuffers({.primary = "1,\"A\""}, "un");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_THAT(parsed.error().message, HasSubstr("expected ofac_sdn or ofac_cons"));
}

TEST(OfacCsv, FieldProblemsAreWarningsAndRecordKept) {
  const std::string primary =
      "1,\"A\",\"robot\",\"P\",-0- ,-0- ,-0- ,-0- ,-0- ,\"Atlantis\",-0- ,\"DOB 30 Feb 1970\"\r\n";
  auto parsed = ParseOfacLegacyCsvBuffers({.primary = primary,
                                           .add = "1,5,-0- ,-0- ,\"Narnia\",-0- \r\n",
                                           .alt = "1,6,\"xka\",\"B\",-0- \r\n"},
                                          "ofac_sdn");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  ASSERT_EQ(parsed->entities.size(), 1u);
  const core::Entity& entity = parsed->entities[0];
  EXPECT_EQ(entity.type, core::EntityType::kUnknown);
  EXPECT_EQ(entity.vessel.flag, "Atlantis");
  EXPECT_EQ(entity.addresses.at(0).country_raw, "Narnia");
  EXPECT_EQ(entity.names.at(1).kind, NameKind::kStrongAka);
  EXPECT_TRUE(entity.birth_dates.empty());
  const std::string all = parsed->diagnostics.Format(100);
  EXPECT_THAT(all, HasSubstr("sdn.csv:1: field \"SDN_Type\": \"robot\": unknown SDN_Type"));
  EXPECT_THAT(all, HasSubstr("sdn.csv:1: field \"Vess_flag\": \"Atlantis\": not a known country"));
  EXPECT_THAT(all, HasSubstr("add.csv:1: field \"Country\": \"Narnia\": not a known country"));
  EXPECT_THAT(all, HasSubstr("alt.csv:1: field \"alt_type\": \"xka\": unknown alt_type"));
  EXPECT_THAT(all, HasSubstr("sdn.csv:1: field \"Remarks\": \"DOB 30 Feb 1970\""));
  EXPECT_EQ(parsed->diagnostics.warnings(), 5u);
}

}  // namespace
}  // namespace redflag::sources
