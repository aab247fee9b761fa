#include "sources/ofac/ofac_advanced_xml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace redflag::sources {
namespace {

using ::testing::HasSubstr;

std::filesystem::path AdvancedFile() {
  const char* dir = std::getenv("REDFLAG_DATA_DIR");
  EXPECT_NE(dir, nullptr) << "REDFLAG_DATA_DIR must point at ../shared/data";
  return std::filesystem::path(dir == nullptr ? "" : dir) / "lists" / "ofac_cons" /
         "cons_advanced.xml";
}

const core::Entity* Find(const ParsedList& list, std::string_view id) {
  for (const auto& entity : list.entities) {
    if (entity.id == id) return &entity;
  }
  return nullptr;
}

// A minimal advanced document: reference values for one feature type, one party whose feature
// is `feature_xml`.
std::string Document(std::string_view feature_xml) {
  std::string xml =
      "<?xml version=\"1.0\"?>\n"
      "<Sanctions xmlns=\"http://www.un.org/sanctions/1.0\">\n"
      "<DateOfIssue><Year>2020</Year><Month>3</Month><Day>17</Day></DateOfIssue>\n"
      "<ReferenceValueSets>\n"
      "<AliasTypeValues><AliasType ID=\"1403\">Name</AliasType></AliasTypeValues>\n"
      "<FeatureTypeValues><FeatureType ID=\"8\">Birthdate</FeatureType></FeatureTypeValues>\n"
      "<ListValues><List ID=\"1550\">SDN List</List></ListValues>\n"
      "<NamePartTypeValues><NamePartType ID=\"1525\">Entity Name</NamePartType>"
      "</NamePartTypeValues>\n"
      "<PartySubTypeValues><PartySubType ID=\"3\" PartyTypeID=\"2\">Unknown</PartySubType>"
      "</PartySubTypeValues>\n"
      "<PartyTypeValues><PartyType ID=\"2\">Entity</PartyType></PartyTypeValues>\n"
      "<SanctionsTypeValues><SanctionsType ID=\"1\">Program</SanctionsType>"
      "</SanctionsTypeValues>\n"
      "</ReferenceValueSets>\n<DistinctParties>\n"
      "<DistinctParty FixedRef=\"42\"><Profile ID=\"42\" PartySubTypeID=\"3\">\n"
      "<Identity ID=\"7\" Primary=\"true\"><Alias AliasTypeID=\"1403\" Primary=\"true\">"
      "<DocumentedName ID=\"9\"><DocumentedNamePart><NamePartValue NamePartGroupID=\"5\">"
      "EXAMPLE SHIPPING LLC</NamePartValue></DocumentedNamePart></DocumentedName></Alias>\n"
      "<NamePartGroups><MasterNamePartGroup><NamePartGroup ID=\"5\" NamePartTypeID=\"1525\"/>"
      "</MasterNamePartGroup></NamePartGroups></Identity>\n";
  xml += feature_xml;
  xml +=
      "</Profile></DistinctParty>\n</DistinctParties>\n<SanctionsEntries>\n"
      "<SanctionsEntry ID=\"1\" ProfileID=\"42\" ListID=\"1550\"><EntryEvent ID=\"1\">"
      "<Date><Year>2019</Year><Month>2</Month><Day>7</Day></Date></EntryEvent>"
      "<SanctionsMeasure ID=\"2\" SanctionsTypeID=\"1\"><Comment>SDGT</Comment>"
      "</SanctionsMeasure></SanctionsEntry>\n</SanctionsEntries>\n</Sanctions>\n";
  return xml;
}

TEST(OfacAdvancedXml, RealConsFileHasEveryParty) {
  // 375 = `grep -c '<DistinctParty ' cons_advanced.xml` (data README section 2); DateOfIssue is
  // Year 2020, Month 3, Day 17.
  auto list = ParseOfacAdvancedXml({AdvancedFile()}, "ofac_cons");
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_EQ(list->entities.size(), 375u);
  EXPECT_EQ(list->published.ToString(), "2020-03-17");
  EXPECT_EQ(list->format, "ofac_advanced_xml");
  EXPECT_EQ(list->diagnostics.entries().size(), 0u) << list->diagnostics.Format();
  // python xml.etree: 82 profiles with PartySubTypeID 4 (individual), 293 with 3 (entity).
  const auto people =
      std::count_if(list->entities.begin(), list->entities.end(),
                    [](const auto& e) { return e.type == core::EntityType::kPerson; });
  EXPECT_EQ(people, 82);
  for (const auto& entity : list->entities) {
    ASSERT_FALSE(entity.names.empty()) << entity.id;
    EXPECT_EQ(entity.names[0].kind, core::NameKind::kPrimary) << entity.id;
    EXPECT_FALSE(entity.listings.empty()) << entity.id;
  }
}

TEST(OfacAdvancedXml, PersonWithBirthDateCitizenshipGenderAndPassport) {
  auto list = ParseOfacAdvancedXml({AdvancedFile()}, "ofac_cons");
  ASSERT_TRUE(list) << list.error().ToString();
  // FixedRef 26182: Birthdate 1980-02-08 (DatePeriod), Citizenship Country -> Location 186205
  // "Turkey", Gender -> DetailReference 91526 "Male", IDRegDocument Passport U00242309 issued by
  // Country 11205 (TR), SanctionsEntry on List 91469 (FSE) dated 2019-02-07, program FSE-IR.
  const core::Entity* person = Find(*list, "ofac_cons:26182");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->type, core::EntityType::kPerson);
  EXPECT_EQ(person->primary_name(), "KAYAKIRAN, Evren");
  EXPECT_EQ(person->names[0].family, "KAYAKIRAN");
  EXPECT_EQ(person->names[0].given, "Evren");
  ASSERT_EQ(person->birth_dates.size(), 1u);
  EXPECT_EQ(person->birth_dates[0].from.ToString(), "1980-02-08");
  EXPECT_TRUE(person->birth_dates[0].to.empty());
  EXPECT_EQ(person->citizenships, std::vector<std::string>{"TR"});
  EXPECT_EQ(person->gender, "male");
  ASSERT_EQ(person->identifiers.size(), 1u);
  EXPECT_EQ(person->identifiers[0].type, core::IdType::kPassport);
  EXPECT_EQ(person->identifiers[0].value, "U00242309");
  EXPECT_EQ(person->identifiers[0].country, "TR");
  ASSERT_EQ(person->listings.size(), 1u);
  EXPECT_EQ(person->listings[0].list_code, "FSE");
  EXPECT_EQ(person->listings[0].start.ToString(), "2019-02-07");
  EXPECT_EQ(person->listings[0].programs, std::vector<std::string>{"FSE-IR"});
  EXPECT_THAT(person->listings[0].remarks, HasSubstr("Executive Order 13608 (Iran/Syria)"));
}

TEST(OfacAdvancedXml, PersonWithYearOfBirthAndPlaceOfBirth) {
  auto list = ParseOfacAdvancedXml({AdvancedFile()}, "ofac_cons");
  ASSERT_TRUE(list) << list.error().ToString();
  // FixedRef 9639: Birthdate 1962-01-01 .. 1962-12-31 (a year), Place of Birth "Shati";
  // cons_prim.csv says "DOB 1962; POB Shati." for the same ent_num.
  const core::Entity* person = Find(*list, "ofac_cons:9639");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->primary_name(), "HANIYA, Ismail Abdul Salah");
  ASSERT_EQ(person->names.size(), 3u);
  EXPECT_EQ(person->names[1].full, "HANIYA, Ismail");
  EXPECT_EQ(person->names[1].kind, core::NameKind::kStrongAka);
  ASSERT_EQ(person->birth_dates.size(), 1u);
  EXPECT_EQ(person->birth_dates[0].from.ToString(), "1962");
  EXPECT_EQ(person->places_of_birth, std::vector<std::string>{"Shati"});
  ASSERT_EQ(person->listings.size(), 1u);
  EXPECT_EQ(person->listings[0].list_code, "PLC");
  EXPECT_EQ(person->listings[0].start.ToString(), "2006-04-12");
}

TEST(OfacAdvancedXml, ProfileRelationshipsBecomeResolvedLinks) {
  auto list = ParseOfacAdvancedXml({AdvancedFile()}, "ofac_cons");
  ASSERT_TRUE(list) << list.error().ToString();
  // python: 276 ProfileRelationship elements, all From/To-ProfileIDs defined in the file, all of
  // RelationType 15003 "Owned or Controlled By".
  std::size_t links = 0;
  for (const auto& entity : list->entities) {
    for (const auto& link : entity.links) {
      ++links;
      EXPECT_EQ(link.relation, "owned_by");
      EXPECT_FALSE(link.target_id.empty());
      EXPECT_NE(Find(*list, link.target_id), nullptr) << link.target_id;
    }
  }
  EXPECT_EQ(links, 276u);
}

TEST(OfacAdvancedXml, AddressesComeFromLocations) {
  auto list = ParseOfacAdvancedXml({AdvancedFile()}, "ofac_cons");
  ASSERT_TRUE(list) << list.error().ToString();
  // Location 22761: 172 Xibin Rd / Ranghulu District / (Daqing, Heilongjiang Branch), Daqing,
  // 163453, CountryID 11065 (CN).
  bool found = false;
  for (const auto& entity : list->entities) {
    for (const auto& address : entity.addresses) {
      if (address.postal_code != "163453") continue;
      found = true;
      EXPECT_EQ(address.street, "172 Xibin Rd, Ranghulu District, (Daqing, Heilongjiang Branch)");
      EXPECT_EQ(address.city, "Daqing");
      EXPECT_EQ(address.country, "CN");
    }
  }
  EXPECT_TRUE(found);
}

TEST(OfacAdvancedXml, SmallDocumentResolvesListAndProgram) {
  auto list = ParseOfacAdvancedXmlBuffer(Document(""), "small.xml", "ofac_sdn");
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->entities.size(), 1u);
  const core::Entity& entity = list->entities[0];
  EXPECT_EQ(entity.id, "ofac_sdn:42");
  EXPECT_EQ(entity.type, core::EntityType::kOrganization);
  EXPECT_EQ(entity.primary_name(), "EXAMPLE SHIPPING LLC");
  ASSERT_EQ(entity.listings.size(), 1u);
  EXPECT_EQ(entity.listings[0].list_code, "SDN");
  EXPECT_EQ(entity.listings[0].programs, std::vector<std::string>{"SDGT"});
  EXPECT_EQ(entity.listings[0].start.ToString(), "2019-02-07");
}

TEST(OfacAdvancedXml, UndefinedReferenceIsReportedAndRecordKept) {
  const std::string xml = Document(
      "<Feature ID=\"500\" FeatureTypeID=\"999\"><FeatureVersion ID=\"501\">"
      "<VersionDetail>x</VersionDetail></FeatureVersion></Feature>\n"
      "<Feature ID=\"502\" FeatureTypeID=\"8\"><FeatureVersion ID=\"503\">"
      "<VersionLocation LocationID=\"777\"/></FeatureVersion></Feature>\n");
  auto list = ParseOfacAdvancedXmlBuffer(xml, "dangling.xml", "ofac_sdn");
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->entities.size(), 1u);
  ASSERT_GE(list->diagnostics.warnings(), 2u);
  const std::string first = list->diagnostics.entries()[0].ToString();
  EXPECT_THAT(first, HasSubstr("dangling.xml:17"));
  EXPECT_THAT(first, HasSubstr("DistinctParty[FixedRef=42]/Profile/Feature[ID=500]"));
  EXPECT_THAT(first, HasSubstr("FeatureType ID \"999\", which the file does not define"));
  EXPECT_THAT(first, HasSubstr("record kept"));
  const std::string second = list->diagnostics.entries()[1].ToString();
  EXPECT_THAT(second, HasSubstr("dangling.xml:18"));
  EXPECT_THAT(second, HasSubstr("Location ID \"777\""));
}

TEST(OfacAdvancedXml, StructureErrorsNameFileAndLine) {
  auto malformed = ParseOfacAdvancedXmlBuffer(
      "<?xml version=\"1.0\"?>\n<Sanctions xmlns=\"http://www.un.org/sanctions/1.0\">\n"
      "<DistinctParties>\n<DistinctParty FixedRef=\"1\">\n</Sanctions>\n",
      "bad.xml", "ofac_sdn");
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().code, core::ErrorCode::kParse);
  EXPECT_EQ(malformed.error().where.line, 5);
  EXPECT_THAT(malformed.error().ToString(), HasSubstr("bad.xml:5"));
  auto wrong_namespace = ParseOfacAdvancedXmlBuffer(
      "<Sanctions xmlns=\"urn:x\"><ReferenceValueSets/><DistinctParties/></Sanctions>", "ns.xml",
      "ofac_sdn");
  ASSERT_FALSE(wrong_namespace);
  EXPECT_THAT(wrong_namespace.error().message, HasSubstr("namespace \"urn:x\""));
  auto missing = ParseOfacAdvancedXmlBuffer(
      "<Sanctions xmlns=\"http://www.un.org/sanctions/1.0\"><ReferenceValueSets/></Sanctions>",
      "missing.xml", "ofac_sdn");
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message, HasSubstr("no <DistinctParties>"));
}

}  // namespace
}  // namespace redflag::sources
