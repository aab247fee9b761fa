#include "sources/eu/eu_xml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace redflag::sources {
namespace {

using ::testing::HasSubstr;

std::filesystem::path Excerpt() {
  const char* dir = std::getenv("REDFLAG_DATA_DIR");
  EXPECT_NE(dir, nullptr) << "REDFLAG_DATA_DIR must point at ../shared/data";
  return std::filesystem::path(dir == nullptr ? "" : dir) / "lists" / "eu" /
         "excerpt_2018-12-21.xml";
}

std::filesystem::path Fixture(std::string_view name) {
  return std::filesystem::path(REDFLAG_SOURCE_DIR) / "tests" / "fixtures" / "eu" / name;
}

const core::Name* FindName(const core::Entity& entity, std::string_view full) {
  for (const auto& name : entity.names) {
    if (name.full == full) return &name;
  }
  return nullptr;
}

TEST(EuXml, RealExcerptHasBothRecords) {
  // The excerpt holds 2 sanctionEntity elements (`grep -c '<sanctionEntity ' excerpt...xml`).
  auto list = ParseEuXml({Excerpt()}, "eu");
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->entities.size(), 2u);
  EXPECT_EQ(list->published.ToString(), "2018-12-21");
  EXPECT_EQ(list->diagnostics.entries().size(), 0u) << list->diagnostics.Format();

  const core::Entity& mugabe = list->entities[0];
  EXPECT_EQ(mugabe.id, "eu:1");
  EXPECT_EQ(mugabe.type, core::EntityType::kPerson);
  EXPECT_EQ(mugabe.primary_name(), "Robert Gabriel Mugabe");
  EXPECT_EQ(mugabe.names[0].given, "Robert Gabriel");
  EXPECT_EQ(mugabe.names[0].family, "Mugabe");
  EXPECT_EQ(mugabe.gender, "male");
  ASSERT_EQ(mugabe.birth_dates.size(), 1u);
  EXPECT_EQ(mugabe.birth_dates[0].from.ToString(), "1924-02-21");
  // countryIso2Code "00" means unknown: no country, no place.
  EXPECT_TRUE(mugabe.places_of_birth.empty());
  const auto passport =
      std::find_if(mugabe.identifiers.begin(), mugabe.identifiers.end(),
                   [](const auto& id) { return id.type == core::IdType::kPassport; });
  ASSERT_NE(passport, mugabe.identifiers.end());
  EXPECT_EQ(passport->value, "AD001095");
  EXPECT_EQ(passport->country, "");
  const auto reference = std::find_if(mugabe.identifiers.begin(), mugabe.identifiers.end(),
                                      [](const auto& id) { return id.value == "EU.36.64"; });
  EXPECT_NE(reference, mugabe.identifiers.end());
  ASSERT_EQ(mugabe.listings.size(), 1u);
  const core::Listing& listing = mugabe.listings[0];
  EXPECT_EQ(listing.list_id, "eu");
  EXPECT_EQ(listing.list_name, "EU Financial Sanctions File");
  EXPECT_EQ(listing.list_code, "EU");
  EXPECT_EQ(listing.programs, std::vector<std::string>{"ZWE"});
  EXPECT_EQ(listing.start.ToString(), "2018-02-16");
  EXPECT_EQ(listing.federal_register, std::vector<std::string>{"2018/223 (OJ L43)"});
  EXPECT_THAT(listing.source_url, HasSubstr("CELEX:32018R0223"));

  const core::Entity& front = list->entities[1];
  EXPECT_EQ(front.id, "eu:207");
  EXPECT_EQ(front.type, core::EntityType::kOrganization);
  EXPECT_EQ(front.primary_name(), "İslami Büyük Doğu Akıncılar Cephesi");
  EXPECT_EQ(front.names.size(), 8u);
  const core::Name* bulgarian = FindName(front, "Фронт на великите ислямски източни воини");
  ASSERT_NE(bulgarian, nullptr);
  EXPECT_EQ(bulgarian->script, "Cyrl");
  EXPECT_EQ(bulgarian->language, "bg");
  EXPECT_EQ(bulgarian->kind, core::NameKind::kStrongAka);
  const core::Name* greek = FindName(front, "Μέγα Ισλαµικό Μέτωπο των Πολεµιστών της Ανατολής");
  ASSERT_NE(greek, nullptr);
  EXPECT_EQ(greek->script, "Grek");
  EXPECT_EQ(FindName(front, "IBDA-C")->script, "");
  EXPECT_EQ(front.listings[0].start.ToString(), "2018-03-23");  // entryIntoForceDate
}

TEST(EuXml, OrganisationAliasesInOtherScripts) {
  auto list = ParseEuXml({Fixture("organisation_scripts.xml")}, "eu");
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->entities.size(), 1u);
  const core::Entity& entity = list->entities[0];
  EXPECT_EQ(entity.id, "eu:9001");
  // Six nameAlias elements; the last repeats the first and is dropped.
  ASSERT_EQ(entity.names.size(), 5u);
  EXPECT_EQ(entity.names[0].kind, core::NameKind::kPrimary);
  EXPECT_EQ(FindName(entity, "شركة المثال للتجارة")->script, "Arab");
  EXPECT_EQ(FindName(entity, "示例贸易有限公司")->script, "Hani");
  EXPECT_EQ(FindName(entity, "示例贸易有限公司")->language, "zh");
  EXPECT_EQ(FindName(entity, "Пример Трейдинг")->script, "Cyrl");
  EXPECT_EQ(FindName(entity, "ETC")->kind, core::NameKind::kWeakAka);
  ASSERT_EQ(entity.addresses.size(), 1u);
  EXPECT_EQ(entity.addresses[0].city, "Dubai");
  EXPECT_EQ(entity.addresses[0].street, "Office 12, Port Saeed, P.O. Box 1234");
  EXPECT_EQ(entity.addresses[0].country, "AE");
  const auto registration =
      std::find_if(entity.identifiers.begin(), entity.identifiers.end(),
                   [](const auto& id) { return id.type == core::IdType::kRegistration; });
  ASSERT_NE(registration, entity.identifiers.end());
  EXPECT_EQ(registration->value, "DXB-778812");
  EXPECT_EQ(registration->country, "AE");
  const auto un = std::find_if(entity.identifiers.begin(), entity.identifiers.end(),
                               [](const auto& id) { return id.value == "QDe.152"; });
  ASSERT_NE(un, entity.identifiers.end());
  EXPECT_EQ(un->scheme, "UN reference number");
  ASSERT_EQ(entity.listings.size(), 1u);
  // Two regulations: the earliest entry into force is the start, both OJ references are kept.
  EXPECT_EQ(entity.listings[0].start.ToString(), "2015-06-01");
  EXPECT_EQ(entity.listings[0].federal_register,
            (std::vector<std::string>{"2015/830 (OJ L132)", "2019/221 (OJ L37)"}));
  EXPECT_EQ(entity.listings[0].programs, std::vector<std::string>{"TAQA"});
}

TEST(EuXml, IndividualWithCircaYearRangeAndFlaggedPassport) {
  auto list = ParseEuXml({Fixture("person_circa.xml")}, "eu");
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->entities.size(), 1u);
  const core::Entity& entity = list->entities[0];
  EXPECT_EQ(entity.type, core::EntityType::kPerson);
  EXPECT_EQ(entity.primary_name(), "Ivan Petrovich Examplov");
  EXPECT_EQ(entity.titles, std::vector<std::string>{"Colonel"});
  EXPECT_THAT(entity.remarks, HasSubstr("function: Deputy Minister"));
  ASSERT_EQ(entity.birth_dates.size(), 2u);
  EXPECT_EQ(entity.birth_dates[0].from.ToString(), "1960");
  EXPECT_TRUE(entity.birth_dates[0].circa);
  EXPECT_EQ(entity.birth_dates[0].MinYear(), 1958);
  EXPECT_EQ(entity.birth_dates[1].from.ToString(), "1961");
  EXPECT_EQ(entity.birth_dates[1].to.ToString(), "1963");
  EXPECT_FALSE(entity.birth_dates[1].circa);
  EXPECT_EQ(entity.places_of_birth,
            std::vector<std::string>{"Kazan, Tatarstan, RUSSIAN FEDERATION"});
  EXPECT_EQ(entity.citizenships, std::vector<std::string>{"RU"});
  const auto passport =
      std::find_if(entity.identifiers.begin(), entity.identifiers.end(),
                   [](const auto& id) { return id.type == core::IdType::kPassport; });
  ASSERT_NE(passport, entity.identifiers.end());
  EXPECT_EQ(passport->country, "RU");
  EXPECT_THAT(passport->note, HasSubstr("known false"));
  EXPECT_THAT(passport->note, HasSubstr("reported lost"));
  EXPECT_THAT(passport->note, HasSubstr("issued 2012"));
}

TEST(EuXml, BadFieldsAreReportedAndRecordKept) {
  auto list = ParseEuXml({Fixture("bad_fields.xml")}, "eu");
  ASSERT_TRUE(list) << list.error().ToString();
  // 9003 is kept without its birth date and citizenship; 9004 has no name and is skipped.
  ASSERT_EQ(list->entities.size(), 1u);
  const core::Entity& entity = list->entities[0];
  EXPECT_EQ(entity.id, "eu:9003");
  EXPECT_TRUE(entity.birth_dates.empty());
  EXPECT_TRUE(entity.citizenships.empty());
  ASSERT_EQ(list->diagnostics.entries().size(), 3u) << list->diagnostics.Format();
  // Entries follow the parser's order: citizenship, then birth dates, then the skipped record.
  const std::string date = list->diagnostics.entries()[1].ToString();
  EXPECT_THAT(date, HasSubstr("bad_fields.xml:9"));
  EXPECT_THAT(date, HasSubstr("sanctionEntity[logicalId=9003]/birthdate"));
  EXPECT_THAT(date, HasSubstr("field \"birthdate\": \"1968-13-02\": is not a date"));
  EXPECT_THAT(date, HasSubstr("is not a date"));
  EXPECT_THAT(date, HasSubstr("record kept without it"));
  const std::string country = list->diagnostics.entries()[0].ToString();
  EXPECT_THAT(country, HasSubstr("bad_fields.xml:10"));
  EXPECT_THAT(country, HasSubstr("\"XYZ\""));
  const auto& skipped = list->diagnostics.entries()[2];
  EXPECT_EQ(skipped.severity, core::Severity::kError);
  EXPECT_THAT(skipped.ToString(), HasSubstr("bad_fields.xml:12"));
  EXPECT_THAT(skipped.ToString(), HasSubstr("record skipped"));
}

TEST(EuXml, MalformedFileFailsWithFileAndLine) {
  auto list = ParseEuXml({Fixture("malformed.xml")}, "eu");
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, core::ErrorCode::kParse);
  // Line 6 closes </sanctionEntity> while <nameAlias> (line 5) is still open.
  EXPECT_EQ(list.error().where.line, 6);
  EXPECT_THAT(list.error().ToString(), HasSubstr("malformed.xml:6"));
  EXPECT_THAT(list.error().message, HasSubstr("not well formed"));
}

TEST(EuXml, WrongRootOrNamespaceIsRejected) {
  auto root = ParseEuXmlBuffer("<CONSOLIDATED_LIST/>", "un.xml", "eu");
  ASSERT_FALSE(root);
  EXPECT_THAT(root.error().message, HasSubstr("expected <export>"));
  auto ns = ParseEuXmlBuffer("<export xmlns=\"urn:other\"/>", "ns.xml", "eu");
  ASSERT_FALSE(ns);
  EXPECT_THAT(ns.error().message, HasSubstr("namespace \"urn:other\""));
}

TEST(EuXml, FilesAreParsedInOrderAndDuplicatesSkipped) {
  auto list = ParseEuXml({Fixture("organisation_scripts.xml"), Fixture("person_circa.xml"),
                          Fixture("organisation_scripts.xml")},
                         "eu");
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->entities.size(), 2u);
  EXPECT_EQ(list->entities[0].id, "eu:9001");
  EXPECT_EQ(list->entities[1].id, "eu:9002");
  EXPECT_EQ(list->published.ToString(), "2024-03-02");  // newest generationDate
  EXPECT_EQ(list->files.size(), 3u);
  EXPECT_EQ(list->diagnostics.errors(), 1u);
  EXPECT_THAT(list->diagnostics.Format(), HasSubstr("logicalId appears more than once"));
}

}  // namespace
}  // namespace redflag::sources
