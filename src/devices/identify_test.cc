// Maker identification and the section 889 outcome, with the real rule files (data/rules) and
// device tables (data/devices), and an IEEE registry of real assignments written by hand
// (MA-L 040312 Hikvision, 08EDED Dahua, 0CA64C EZVIZ, 00408C Axis; MA-L 402C76 with the MA-M
// block 402C761 of Shanghai Dahua Scale Factory inside it).
#include "devices/identify.h"

#include <gtest/gtest.h>

#include "devices/site_report.h"

namespace redflag::devices {
namespace {

core::PartialDate D(const char* text) { return core::ParseDate(text).value(); }

core::Entity Assignment(const char* registry, const char* prefix, const char* org) {
  core::Entity entity;
  entity.list_id = "ieee_oui";
  entity.native_id = std::string(registry) + "-" + prefix;
  entity.id = "ieee_oui:" + entity.native_id;
  entity.type = core::EntityType::kOrganization;
  entity.names.push_back(core::Name{.full = org});
  entity.identifiers.push_back(core::Identifier{.type = core::IdType::kMacPrefix, .value = prefix});
  entity.listings.push_back(core::Listing{.list_id = "ieee_oui", .list_code = "IEEE"});
  return entity;
}

const std::vector<core::Entity>& Registry() {
  static const std::vector<core::Entity> entities = {
      Assignment("MA-L", "040312", "Hangzhou Hikvision Digital Technology Co.,Ltd."),
      Assignment("MA-L", "08EDED", "Zhejiang Dahua Technology Co., Ltd."),
      Assignment("MA-L", "0CA64C", "Hangzhou Ezviz Software Co.,Ltd."),
      Assignment("MA-L", "00408C", "Axis Communications AB"),
      Assignment("MA-L", "402C76", "IEEE Registration Authority"),
      Assignment("MA-M", "402C761", "Shanghai Dahua Scale Factory"),
  };
  return entities;
}

const Identifier& TheIdentifier() {
  static const Identifier* identifier = [] {
    const std::filesystem::path data = std::filesystem::path(REDFLAG_SOURCE_DIR) / "data";
    auto rules = rules::LoadRuleSet(data / "rules");
    auto tables = LoadDeviceTables(data / "devices");
    EXPECT_TRUE(rules.has_value() && tables.has_value());
    return new Identifier(*rules, *tables, Registry());
  }();
  return *identifier;
}

DeviceResult Identify(Device device, const char* as_of = "2021-03-01") {
  auto result = TheIdentifier().Identify(device, D(as_of));
  EXPECT_TRUE(result.has_value());
  return *result;
}

TEST(ModelPattern, DigitsLettersAnyAndTrailingStar) {
  const ModelPattern ds{.pattern = "DS-2CD*"};
  EXPECT_TRUE(ds.Matches("DS-2CD2143G0-I"));
  EXPECT_TRUE(ds.Matches("ds-2cd2143g0-i"));
  EXPECT_FALSE(ds.Matches("DS-2C"));
  const ModelPattern imou{.pattern = "IPC-@##*"};
  EXPECT_TRUE(imou.Matches("IPC-A22EP"));
  EXPECT_FALSE(imou.Matches("IPC-HFW2431S"));
  const ModelPattern exact{.pattern = "PD#?5"};
  EXPECT_TRUE(exact.Matches("PD785"));
  EXPECT_FALSE(exact.Matches("PD7855"));
}

TEST(Identify, RandomisedMacSaysNothing) {
  const DeviceResult result = Identify({.mac = "DAA1193C4D5E"});  // 0xDA: locally administered
  EXPECT_EQ(result.device_class, DeviceClass::kUnknown);
  EXPECT_EQ(result.outcome, rules::Effect::kReview);
  ASSERT_EQ(result.evidence.size(), 1u);
  EXPECT_NE(result.evidence[0].text.find("locally administered"), std::string::npos);
}

TEST(Identify, MacAloneIsEvidenceNotProof) {
  const DeviceResult result = Identify({.mac = "0403125A1020"});
  EXPECT_EQ(result.device_class, DeviceClass::kCovered);
  EXPECT_EQ(result.company, "Hikvision");
  EXPECT_EQ(result.confidence, rules::Confidence::kMedium);  // capped: the chip's registrant
  EXPECT_EQ(result.outcome, rules::Effect::kReview);
  EXPECT_NE(result.evidence[0].text.find("not proof"), std::string::npos);
  EXPECT_NE(result.evidence[0].text.find("ieee_oui:MA-L-040312"), std::string::npos);
}

TEST(Identify, AgreeingSignalsMakeACoveredDevice) {
  const DeviceResult mac_and_model = Identify({.mac = "0403125A1020", .model = "DS-2CD2143G0-I"});
  EXPECT_EQ(mac_and_model.device_class, DeviceClass::kCovered);
  EXPECT_EQ(mac_and_model.confidence, rules::Confidence::kHigh);
  EXPECT_EQ(mac_and_model.outcome, rules::Effect::kProhibited);
  const DeviceResult onvif = Identify({.manufacturer = "HIKVISION"});
  EXPECT_EQ(onvif.outcome, rules::Effect::kProhibited);
  // A relabelled Dahua camera reporting "General": the model number gives it away.
  const DeviceResult oem = Identify({.manufacturer = "General", .model = "IPC-HDW5231R-ZE"});
  EXPECT_EQ(oem.company, "Dahua");
  EXPECT_EQ(oem.outcome, rules::Effect::kProhibited);
}

TEST(Identify, LongestPrefixAndFalseFriends) {
  const DeviceResult scale = Identify({.mac = "402C76123456"});
  EXPECT_EQ(scale.mac_registrant, "Shanghai Dahua Scale Factory");  // MA-M beats MA-L
  EXPECT_EQ(scale.device_class, DeviceClass::kLookAlike);
  EXPECT_EQ(scale.company, "Dahua");  // the company's own spelling, not the folded word
  const DeviceResult other = Identify({.mac = "402C76F23456"});
  EXPECT_EQ(other.mac_registrant, "IEEE Registration Authority");
  EXPECT_EQ(other.device_class, DeviceClass::kNotCovered);
  const DeviceResult axis = Identify({.mac = "00408CAABBCC", .manufacturer = "AXIS"});
  EXPECT_EQ(axis.device_class, DeviceClass::kNotCovered);
  EXPECT_EQ(axis.outcome, rules::Effect::kClear);
}

TEST(Identify, BrandsOnceOwnedDependOnTheDate) {
  EXPECT_EQ(Identify({.manufacturer = "LOREX"}, "2021-03-01").device_class, DeviceClass::kCovered);
  const DeviceResult sold = Identify({.manufacturer = "LOREX"}, "2024-06-01");
  EXPECT_EQ(sold.device_class, DeviceClass::kLookAlike);
  EXPECT_EQ(sold.outcome, rules::Effect::kReview);
  EXPECT_NE(sold.evidence[0].text.find("manufacture date"), std::string::npos);
  EXPECT_EQ(Identify({.manufacturer = "Honor"}, "2020-11-17").device_class,
            DeviceClass::kCovered);
  EXPECT_EQ(Identify({.manufacturer = "Honor"}, "2020-11-18").device_class,
            DeviceClass::kLookAlike);
  EXPECT_EQ(Identify({.manufacturer = "HiSilicon"}).device_class, DeviceClass::kLookAlike);
}

TEST(Identify, WhatItMeansDependsOnTheDate) {
  const Device camera{.manufacturer = "Dahua", .model = "IPC-HFW2431S-S-S2"};
  const DeviceResult before = Identify(camera, "2019-08-12");
  EXPECT_EQ(before.outcome, rules::Effect::kClear);
  EXPECT_NE(before.meaning.find("not yet in force"), std::string::npos);
  const DeviceResult part_a = Identify(camera, "2019-08-13");
  EXPECT_EQ(part_a.outcome, rules::Effect::kProhibited);
  EXPECT_NE(part_a.meaning.find("Part B applies from 2020-08-13"), std::string::npos);
  EXPECT_EQ(part_a.citation.find("889(a)(1)(B)"), std::string::npos);
  const DeviceResult part_b = Identify(camera, "2020-08-13");
  EXPECT_NE(part_b.meaning.find("report it to the contracting officer"), std::string::npos);
  EXPECT_NE(part_b.citation.find("889(a)(1)(B)"), std::string::npos);
}

TEST(SubnetOf, Ipv4Ipv6AndNone) {
  EXPECT_EQ(SubnetOf("10.0.1.20"), "10.0.1.0/24");
  EXPECT_EQ(SubnetOf("fe80::1%eth0"), "fe80::/64");
  EXPECT_EQ(SubnetOf("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  EXPECT_EQ(SubnetOf(""), "no address");
}

TEST(SiteReport, HtmlTablePerSubnetEscaped) {
  std::vector<Device> devices = {{.ip = "10.0.1.20", .model = "DS-2CD2143G0-I"},
                                 {.ip = "10.0.2.9", .manufacturer = "<b>AXIS</b>"},
                                 {.ip = "10.0.2.10", .manufacturer = "Dahua <script>"}};
  auto report = BuildSiteReport(TheIdentifier(), devices, D("2021-03-01"), {"a.csv"});
  ASSERT_TRUE(report.has_value());
  const std::string html = SiteReportToHtml(*report);
  EXPECT_NE(html.find("<h2>Subnet 10.0.1.0/24</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h2>Subnet 10.0.2.0/24</h2>"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<b>AXIS"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  const std::string csv = SiteReportToCsv(*report);
  EXPECT_NE(csv.find("10.0.1.20,,10.0.1.0/24,,DS-2CD2143G0-I,,,covered,Hikvision,high,prohibited"),
            std::string::npos) << csv;
}

TEST(DeviceTables, BrokenTableNamesFileAndPath) {
  auto tables = ParseDeviceTables(
      {{"oem_brands.json", R"({"brands": [{"brand": "X", "company": "Dahua", "relation": "sold",
         "confidence": "high", "source": "s", "source_date": "2020"}]})"},
       {"model_patterns.json", R"({"patterns": []})"},
       {"site_report.json", "{}"}});
  ASSERT_FALSE(tables.has_value());
  EXPECT_NE(tables.error().ToString().find("oem_brands.json: field \"brands[0].relation\""),
            std::string::npos) << tables.error().ToString();
  auto star = ParseDeviceTables(
      {{"oem_brands.json", R"({"brands": []})"},
       {"model_patterns.json", R"({"patterns": [{"pattern": "DS-*2", "company": "c", "brand": "b",
         "what": "w", "confidence": "low", "source": "s", "source_date": "d"}]})"},
       {"site_report.json", "{}"}});
  ASSERT_FALSE(star.has_value());
  EXPECT_NE(star.error().ToString().find("patterns[0].pattern"), std::string::npos);
}

}  // namespace
}  // namespace redflag::devices
