#include "sources/ofac/ofac_enhanced_xml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace redflag::sources {
namespace {

using ::testing::HasSubstr;

std::filesystem::path DataDir() {
  const char* dir = std::getenv("REDFLAG_DATA_DIR");
  EXPECT_NE(dir, nullptr) << "REDFLAG_DATA_DIR must point at ../shared/data";
  return dir == nullptr ? std::filesystem::path() : std::filesystem::path(dir);
}

std::filesystem::path ConsDir() { return DataDir() / "lists" / "ofac_cons"; }

const core::Entity* Find(const ParsedList& list, std::string_view id) {
  for (const auto& entity : list.entities) {
    if (entity.id == id) return &entity;
  }
  return nullptr;
}

const core::Identifier* FindId(const core::Entity& entity, core::IdType type) {
  for (const auto& id : entity.identifiers) {
    if (id.type == type) return &id;
  }
  return nullptr;
}

constexpr std::string_view kHeader =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<sanctionsData xmlns=\"https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/"
    "exports/ENHANCED_XML\">\n";

// A one-entity document; `body` goes inside <entity id="1">.
std::string Document(std::string_view body) {
  std::string xml(kHeader);
  xml += "<publicationInfo><dataAsOf>2025-01-10T00:00:00</dataAsOf></publicationInfo>\n";
  xml += "<entities>\n<entity id=\"1\">\n";
  xml += body;
  xml += "</entity>\n</entities>\n</sanctionsData>\n";
  return xml;
}

std::string NameXml(std::string_view full, std::string_view primary, std::string_view alias_type,
                    std::string_view low_quality) {
  return "<name><isPrimary>" + std::string(primary) + "</isPrimary><aliasType>" +
         std::string(alias_type) + "</aliasType><isLowQuality>" + std::string(low_quality) +
         "</isLowQuality><translations><translation><isPrimary>true</isPrimary><script>Latin"
         "</script><formattedFullName>" +
         std::string(full) + "</formattedFullName></translation></translations></name>\n";
}

TEST(OfacEnhancedXml, RealConsFileHasEveryEntity) {
  // 443 = `grep -c '<entity ' CONS_ENHANCED.XML` (also data README section 2); dataAsOf is
  // 2025-01-10T00:00:00 in publicationInfo.
  auto list = ParseOfacEnhancedXml({ConsDir() / "CONS_ENHANCED.XML"}, "ofac_cons");
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_EQ(list->entities.size(), 443u);
  EXPECT_EQ(list->published.ToString(), "2025-01-10");
  EXPECT_EQ(list->format, "ofac_enhanced_xml");
  EXPECT_EQ(list->diagnostics.errors(), 0u) << list->diagnostics.Format();
  ASSERT_EQ(list->files.size(), 1u);
  EXPECT_EQ(list->files[0].size, 3420879u);
  EXPECT_EQ(list->files[0].sha256.size(), 64u);
  for (const auto& entity : list->entities) {
    ASSERT_FALSE(entity.names.empty()) << entity.id;
    EXPECT_EQ(entity.names[0].kind, core::NameKind::kPrimary) << entity.id;
    EXPECT_FALSE(entity.listings.empty()) << entity.id;
  }
  // 80 individuals, 363 entities: python xml.etree Counter over generalInfo/entityType.
  const auto people =
      std::count_if(list->entities.begin(), list->entities.end(),
                    [](const auto& e) { return e.type == core::EntityType::kPerson; });
  EXPECT_EQ(people, 80);
}

TEST(OfacEnhancedXml, HikvisionHasIsinUsccAndCmicDates) {
  auto list = ParseOfacEnhancedXml({ConsDir() / "CONS_ENHANCED.XML"}, "ofac_cons");
  ASSERT_TRUE(list) << list.error().ToString();
  const core::Entity* hikvision = Find(*list, "ofac_cons:30946");
  ASSERT_NE(hikvision, nullptr);
  EXPECT_EQ(hikvision->type, core::EntityType::kOrganization);
  EXPECT_EQ(hikvision->primary_name(), "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.");
  ASSERT_EQ(hikvision->names.size(), 3u);
  EXPECT_EQ(hikvision->names[1].full, "HIKVISION");
  EXPECT_EQ(hikvision->names[1].kind, core::NameKind::kStrongAka);
  const core::Identifier* isin = FindId(*hikvision, core::IdType::kIsin);
  ASSERT_NE(isin, nullptr);
  EXPECT_EQ(isin->value, "CNE100000PM8");
  const core::Identifier* uscc = FindId(*hikvision, core::IdType::kUscc);
  ASSERT_NE(uscc, nullptr);
  EXPECT_EQ(uscc->value, "91330000733796106P");
  EXPECT_EQ(uscc->country, "CN");
  const core::Identifier* ticker = FindId(*hikvision, core::IdType::kTicker);
  ASSERT_NE(ticker, nullptr);
  EXPECT_EQ(ticker->value, "002415 CN");
  ASSERT_EQ(hikvision->addresses.size(), 1u);
  EXPECT_EQ(hikvision->addresses[0].city, "Hangzhou");
  EXPECT_EQ(hikvision->addresses[0].postal_code, "310051");
  EXPECT_EQ(hikvision->addresses[0].country, "CN");
  // The file lists it on "Non-SDN CMIC List" (datePublished 2021-06-03) with features
  // Listing Date 03 Jun 2021, Effective Date 02 Aug 2021, Divestment Date 03 Jun 2022.
  ASSERT_EQ(hikvision->listings.size(), 1u);
  const core::Listing& cmic = hikvision->listings[0];
  EXPECT_EQ(cmic.list_code, "CMIC");
  EXPECT_EQ(cmic.list_name, "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC)");
  EXPECT_EQ(cmic.programs, std::vector<std::string>{"CMIC-EO13959"});
  EXPECT_EQ(cmic.start.ToString(), "2021-08-02");
  EXPECT_EQ(cmic.divestment.ToString(), "2022-06-03");
  EXPECT_THAT(cmic.remarks, HasSubstr("Executive Order 14032 (CMIC)"));
}

TEST(OfacEnhancedXml, PersonHasBirthDatePlaceAndStructuredName) {
  auto list = ParseOfacEnhancedXml({ConsDir() / "CONS_ENHANCED.XML"}, "ofac_cons");
  ASSERT_TRUE(list) << list.error().ToString();
  // cons_prim.csv: 9639,"HANIYA, Ismail Abdul Salah","individual","NS-PLC",...,"DOB 1962; POB
  // Shati."
  const core::Entity* haniya = Find(*list, "ofac_cons:9639");
  ASSERT_NE(haniya, nullptr);
  EXPECT_EQ(haniya->type, core::EntityType::kPerson);
  EXPECT_EQ(haniya->primary_name(), "HANIYA, Ismail Abdul Salah");
  EXPECT_EQ(haniya->names[0].family, "HANIYA");
  EXPECT_EQ(haniya->names[0].given, "Ismail Abdul Salah");
  ASSERT_EQ(haniya->birth_dates.size(), 1u);
  EXPECT_EQ(haniya->birth_dates[0].from.ToString(), "1962");
  EXPECT_EQ(haniya->places_of_birth, std::vector<std::string>{"Shati"});
  ASSERT_EQ(haniya->listings.size(), 1u);
  EXPECT_EQ(haniya->listings[0].list_code, "PLC");
  EXPECT_EQ(haniya->listings[0].list_name, "Non-SDN Palestinian Legislative Council List (NS-PLC)");
}

TEST(OfacEnhancedXml, TranslationsCarryTheirScript) {
  auto list = ParseOfacEnhancedXml({ConsDir() / "CONS_ENHANCED.XML"}, "ofac_cons");
  ASSERT_TRUE(list) << list.error().ToString();
  // Megvii (33091) has a "Chinese Simplified" translation 旷视科技有限公司.
  const core::Entity* megvii = Find(*list, "ofac_cons:33091");
  ASSERT_NE(megvii, nullptr);
  const auto han = std::find_if(megvii->names.begin(), megvii->names.end(),
                                [](const auto& name) { return name.full == "旷视科技有限公司"; });
  ASSERT_NE(han, megvii->names.end());
  EXPECT_EQ(han->script, "Hani");
  EXPECT_EQ(megvii->names[0].script, "");
  // VTB (17013) has a Cyrillic translation of its primary name.
  const core::Entity* vtb = Find(*list, "ofac_cons:17013");
  ASSERT_NE(vtb, nullptr);
  const auto cyrillic = std::find_if(vtb->names.begin(), vtb->names.end(),
                                     [](const auto& name) { return name.script == "Cyrl"; });
  ASSERT_NE(cyrillic, vtb->names.end());
  EXPECT_EQ(cyrillic->full, "БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО");
  EXPECT_EQ(cyrillic->kind, core::NameKind::kStrongAka);
}

TEST(OfacEnhancedXml, RelationshipsBecomeLinksResolvedInTheFile) {
  auto list = ParseOfacEnhancedXml({ConsDir() / "CONS_ENHANCED.XML"}, "ofac_cons");
  ASSERT_TRUE(list) << list.error().ToString();
  // python: 283 relationship elements, 282 of whose relatedEntity/@entityId are entity ids of
  // the file.
  std::size_t links = 0;
  std::size_t resolved = 0;
  for (const auto& entity : list->entities) {
    links += entity.links.size();
    for (const auto& link : entity.links) resolved += link.target_id.empty() ? 0 : 1;
  }
  EXPECT_EQ(links, 283u);
  EXPECT_EQ(resolved, 282u);
}

TEST(OfacEnhancedXml, ZipGivesTheSameEntitiesAsTheXml) {
  auto from_xml = ParseOfacEnhancedXml({ConsDir() / "CONS_ENHANCED.XML"}, "ofac_cons");
  auto from_zip = ParseOfacEnhancedXml({ConsDir() / "CONS_ENHANCED.ZIP"}, "ofac_cons");
  ASSERT_TRUE(from_xml) << from_xml.error().ToString();
  ASSERT_TRUE(from_zip) << from_zip.error().ToString();
  EXPECT_EQ(from_zip->published, from_xml->published);
  ASSERT_EQ(from_zip->entities.size(), from_xml->entities.size());
  EXPECT_TRUE(from_zip->entities == from_xml->entities);
  EXPECT_EQ(from_zip->files[0].size, 207200u);
}

TEST(OfacEnhancedXml, BufferAndFileEntryPointsAgree) {
  const auto path = ConsDir() / "CONS_ENHANCED.XML";
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto from_file = ParseOfacEnhancedXml({path}, "ofac_cons");
  auto from_buffer = ParseOfacEnhancedXmlBuffer(bytes, path.string(), "ofac_cons");
  ASSERT_TRUE(from_file && from_buffer);
  EXPECT_TRUE(from_file->entities == from_buffer->entities);
  EXPECT_EQ(from_file->files[0].sha256, from_buffer->files[0].sha256);
}

TEST(OfacEnhancedXml, MalformedXmlFailsWithFileAndLine) {
  std::string xml = Document("<generalInfo><entityType>Entity</entityType>\n</generalInfo>\n");
  // Damage line 7 (header 2 lines, publicationInfo, entities, entity, generalInfo): the closing tag
  // no longer matches.
  xml.replace(xml.find("</generalInfo>"), 14, "</generalInfoX>");
  auto list = ParseOfacEnhancedXmlBuffer(xml, "damaged.xml", "ofac_sdn");
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, core::ErrorCode::kParse);
  EXPECT_EQ(list.error().where.file, "damaged.xml");
  EXPECT_EQ(list.error().where.line, 7);
  EXPECT_THAT(list.error().ToString(), HasSubstr("damaged.xml:7"));
  EXPECT_THAT(list.error().message, HasSubstr("not well formed"));
}

TEST(OfacEnhancedXml, RealFileCutShortFailsWithItsLine) {
  const auto path = ConsDir() / "CONS_ENHANCED.XML";
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Keep lines 1..50000 (awk 'NR==50001' shows an element deep inside <entities>): the data
  // ends inside open elements, reported on the last line present.
  std::size_t offset = 0;
  for (int line = 1; line < 50001; ++line) offset = bytes.find('\n', offset) + 1;
  bytes.resize(offset);
  auto list = ParseOfacEnhancedXmlBuffer(bytes, "CONS_ENHANCED.XML", "ofac_cons");
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().where.line, 50000);
  EXPECT_THAT(list.error().ToString(), HasSubstr("CONS_ENHANCED.XML:50000"));
}

TEST(OfacEnhancedXml, WrongRootOrNamespaceIsRejected) {
  auto wrong_root = ParseOfacEnhancedXmlBuffer(
      "<sdnList xmlns=\"http://tempuri.org/sdnList.xsd\"></sdnList>", "sdn.xml", "ofac_sdn");
  ASSERT_FALSE(wrong_root);
  EXPECT_THAT(wrong_root.error().message, HasSubstr("expected <sanctionsData>"));
  auto wrong_namespace = ParseOfacEnhancedXmlBuffer(
      "<sanctionsData xmlns=\"urn:other\"><entities/></sanctionsData>", "x.xml", "ofac_sdn");
  ASSERT_FALSE(wrong_namespace);
  EXPECT_THAT(wrong_namespace.error().message, HasSubstr("namespace \"urn:other\""));
  std::string no_entities(kHeader);
  no_entities += "</sanctionsData>";
  auto missing = ParseOfacEnhancedXmlBuffer(no_entities, "x.xml", "ofac_sdn");
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message, HasSubstr("no <entities>"));
}

TEST(OfacEnhancedXml, AliasKindsFollowTypeAndQuality) {
  const std::string xml =
      Document("<generalInfo><entityType>Individual</entityType></generalInfo>\n<names>\n" +
               NameXml("DOE, John", "true", "", "false") +
               NameXml("DOE, Johnny", "false", "A.K.A.", "true") +
               NameXml("ROE, John", "false", "F.K.A.", "false") +
               NameXml("POE, John", "false", "N.K.A.", "false") +
               NameXml("DOE, J.", "false", "A.K.A.", "false") +
               NameXml("DOE, J.", "false", "A.K.A.", "true") +
               "</names>\n<sanctionsLists><sanctionsList datePublished=\"2020-01-02\">SDN List"
               "</sanctionsList></sanctionsLists>\n<sanctionsPrograms><sanctionsProgram>SDGT"
               "</sanctionsProgram></sanctionsPrograms>\n");
  auto list = ParseOfacEnhancedXmlBuffer(xml, "aliases.xml", "ofac_sdn");
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->entities.size(), 1u);
  const core::Entity& entity = list->entities[0];
  EXPECT_EQ(entity.id, "ofac_sdn:1");
  ASSERT_EQ(entity.names.size(), 5u);  // the repeated "DOE, J." keeps its first (strong) kind
  EXPECT_EQ(entity.names[0].kind, core::NameKind::kPrimary);
  EXPECT_EQ(entity.names[1].kind, core::NameKind::kWeakAka);
  EXPECT_EQ(entity.names[2].kind, core::NameKind::kFka);
  EXPECT_EQ(entity.names[3].kind, core::NameKind::kNka);
  EXPECT_EQ(entity.names[4].kind, core::NameKind::kStrongAka);
  ASSERT_EQ(entity.listings.size(), 1u);
  EXPECT_EQ(entity.listings[0].list_code, "SDN");
  EXPECT_EQ(entity.listings[0].list_name,
            "Specially Designated Nationals and Blocked Persons List (SDN)");
  EXPECT_EQ(entity.listings[0].start.ToString(), "2020-01-02");
  EXPECT_EQ(entity.listings[0].programs, std::vector<std::string>{"SDGT"});
}

TEST(OfacEnhancedXml, BadBirthDateIsReportedAndRecordKept) {
  const std::string xml =
      Document("<generalInfo><entityType>Individual</entityType></generalInfo>\n<names>\n" +
               NameXml("DOE, John", "true", "", "false") +
               "</names>\n<features>\n<feature id=\"77\"><type featureTypeId=\"8\">Birthdate</type>"
               "<value>31 Feb 1970</value></feature>\n"
               "<feature id=\"78\"><type featureTypeId=\"1\">Digital Currency Address - XBT</type>"
               "<value>1BoatSLRHtKNngkdXEeobR76b53LETtpyT</value></feature>\n</features>\n");
  auto list = ParseOfacEnhancedXmlBuffer(xml, "dates.xml", "ofac_sdn");
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->entities.size(), 1u);
  EXPECT_TRUE(list->entities[0].birth_dates.empty());
  ASSERT_EQ(list->diagnostics.warnings(), 1u);
  const std::string message = list->diagnostics.entries()[0].ToString();
  EXPECT_THAT(message, HasSubstr("dates.xml:11"));
  EXPECT_THAT(message, HasSubstr("feature[id=77]"));
  EXPECT_THAT(message, HasSubstr("\"31 Feb 1970\""));
  EXPECT_THAT(message, HasSubstr("is not a date"));
  EXPECT_THAT(message, HasSubstr("record kept without it"));
  const core::Identifier* crypto = FindId(list->entities[0], core::IdType::kCryptoAddress);
  ASSERT_NE(crypto, nullptr);
  EXPECT_EQ(crypto->scheme, "XBT");
  EXPECT_EQ(crypto->value, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT");
}

TEST(OfacEnhancedXml, EntityWithoutNameOrIdIsSkippedWithError) {
  std::string xml(kHeader);
  xml += "<entities>\n<entity id=\"5\"><names/></entity>\n<entity><names>" +
         NameXml("X", "true", "", "false") + "</names></entity>\n</entities></sanctionsData>";
  auto list = ParseOfacEnhancedXmlBuffer(xml, "empty.xml", "ofac_sdn");
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_TRUE(list->entities.empty());
  ASSERT_EQ(list->diagnostics.errors(), 2u);
  std::vector<std::string> errors;
  for (const auto& entry : list->diagnostics.entries()) {
    if (entry.severity == core::Severity::kError) errors.push_back(entry.ToString());
  }
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_THAT(errors[0], HasSubstr("empty.xml:4: entity[id=5]/names"));
  EXPECT_THAT(errors[0], HasSubstr("entity has no name"));
  EXPECT_THAT(errors[0], HasSubstr("record skipped"));
  EXPECT_THAT(errors[1], HasSubstr("empty.xml:5: entity"));
  EXPECT_THAT(errors[1], HasSubstr("no id attribute"));
}

// Writes a zip holding `members` (name, content) to `path`.
void WriteZip(const std::filesystem::path& path,
              const std::vector<std::pair<std::string, std::string>>& members) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr);
  for (const auto& [name, content] : members) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    ASSERT_NE(source, nullptr);
    ASSERT_GE(zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE), 0);
  }
  ASSERT_EQ(zip_close(archive), 0);
}

TEST(OfacEnhancedXml, ZipWithSeveralOrOddMembersIsRejected) {
  const auto dir = std::filesystem::temp_directory_path() / "redflag_enhanced_zip_test";
  std::filesystem::create_directories(dir);
  const std::string xml = Document("<names>" + NameXml("A", "true", "", "false") + "</names>");
  WriteZip(dir / "two.zip", {{"A.XML", xml}, {"B.XML", xml}});
  auto two = ParseOfacEnhancedXml({dir / "two.zip"}, "ofac_sdn");
  ASSERT_FALSE(two);
  EXPECT_THAT(two.error().ToString(), HasSubstr("two.zip"));
  EXPECT_THAT(two.error().message, HasSubstr("holds 2 members"));
  WriteZip(dir / "odd.zip", {{"readme.txt", xml}});
  auto odd = ParseOfacEnhancedXml({dir / "odd.zip"}, "ofac_sdn");
  ASSERT_FALSE(odd);
  EXPECT_THAT(odd.error().message, HasSubstr("\"readme.txt\" is not an .xml file"));
  WriteZip(dir / "one.zip", {{"SDN_ENHANCED.XML", xml}});
  auto one = ParseOfacEnhancedXml({dir / "one.zip"}, "ofac_sdn");
  ASSERT_TRUE(one) << one.error().ToString();
  EXPECT_EQ(one->entities.size(), 1u);
  std::filesystem::remove_all(dir);
}

TEST(OfacEnhancedXml, MissingFileIsNotFound) {
  auto list = ParseOfacEnhancedXml({"/nonexistent/SDN_ENHANCED.XML"}, "ofac_sdn");
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace redflag::sources
