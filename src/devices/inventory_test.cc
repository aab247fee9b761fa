// The inventory parsers on the shapes the tools write, and their errors naming file and line
// or element. Inputs follow the fixtures in tests/fixtures/devices (real IEEE prefixes).
#include "devices/inventory.h"

#include <gtest/gtest.h>

namespace redflag::devices {
namespace {

std::string Error(const core::Result<std::vector<Observation>>& result) {
  return result ? std::string("(no error)") : result.error().ToString();
}

TEST(ParseMac, AcceptsTheFormsToolsPrint) {
  for (const char* text : {"04:03:12:5a:10:20", "04-03-12-5A-10-20", "0403.125a.1020",
                           "0403125a1020", "4:3:12:5a:10:20"}) {
    auto mac = ParseMac(text);
    ASSERT_TRUE(mac.has_value()) << text << ": " << mac.error().message;
    EXPECT_EQ(*mac, "0403125A1020") << text;
  }
  for (const char* text : {"", "04:03:12:5a:10", "04:03:12:5a:10:2g", "040312.5a1020",
                           "04:03:12:5a:10:200", "04::12:5a:10:20", "0403125a10"}) {
    EXPECT_FALSE(ParseMac(text).has_value()) << text;
  }
}

TEST(Detect, RecognisesEveryFormat) {
  EXPECT_EQ(Detect("<?xml version=\"1.0\"?><nmaprun>", "f").value(), Format::kNmapXml);
  EXPECT_EQ(Detect("<e><tds:GetDeviceInformationResponse/></e>", "f").value(), Format::kOnvifXml);
  EXPECT_EQ(Detect("# dhcpd\nlease 10.0.0.1 {\n}\n", "f").value(), Format::kDhcpdLeases);
  EXPECT_EQ(Detect("1614675600 3c:ef:8c:11:22:33 10.0.3.10 x *\n", "f").value(),
            Format::kDnsmasqLeases);
  EXPECT_EQ(Detect("10.0.4.1 dev eth0 lladdr 00:40:8c:01:02:03 REACHABLE\n", "f").value(),
            Format::kNeighbors);
  EXPECT_EQ(Detect("? (10.0.5.1) at 0:40:8c:1:2:3 on en0\n", "f").value(), Format::kNeighbors);
  EXPECT_EQ(Detect("ip,mac,manufacturer\n", "f").value(), Format::kCsv);
  auto unknown = Detect("hello world\n", "odd.txt");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().ToString().find("odd.txt:1: not a known inventory format"),
            std::string::npos);
}

TEST(NmapXml, HostsWithAddressesAndVendorsDownHostsSkipped) {
  auto seen = ParseNmapXml(R"(<nmaprun>
<host><status state="up"/><address addr="10.0.1.20" addrtype="ipv4"/>
<address addr="04:03:12:5A:10:20" addrtype="mac" vendor="Hangzhou Hikvision Digital Technology"/>
<hostnames><hostname name="cam1" type="PTR"/></hostnames></host>
<host><status state="down"/><address addr="10.0.1.99" addrtype="ipv4"/></host>
</nmaprun>)", "scan.xml");
  ASSERT_TRUE(seen.has_value()) << Error(seen);
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ((*seen)[0].ip, "10.0.1.20");
  EXPECT_EQ((*seen)[0].mac, "0403125A1020");
  EXPECT_EQ((*seen)[0].vendor_hint, "Hangzhou Hikvision Digital Technology");
  EXPECT_EQ((*seen)[0].hostname, "cam1");
  // Counted while walking, not by an element path per host (that was quadratic: 100,000 hosts
  // took 118 s of CPU).
  EXPECT_EQ((*seen)[0].source, "scan.xml: nmaprun/host[1]");
}

TEST(NmapXml, ErrorsNameTheElementOrLine) {
  const auto bad_mac = ParseNmapXml(
      "<nmaprun><host><address addr=\"10.0.0.1\" addrtype=\"ipv4\"/></host>\n"
      "<host><address addr=\"10.0.0.2\" addrtype=\"ipv4\"/><address addr=\"04:03\" "
      "addrtype=\"mac\"/></host></nmaprun>",
      "scan.xml");
  EXPECT_NE(Error(bad_mac).find("scan.xml: nmaprun/host[2]/address[2]: \"04:03\" is not a MAC"),
            std::string::npos) << Error(bad_mac);
  const auto broken = ParseNmapXml("<nmaprun>\n<host>\n<address addr=\"x\">\n</nmaprun>", "s.xml");
  EXPECT_NE(Error(broken).find("s.xml:4: not well-formed XML"), std::string::npos)
      << Error(broken);
  EXPECT_NE(Error(ParseNmapXml("<other/>", "s.xml")).find("no <nmaprun>"), std::string::npos);
}

TEST(DhcpdLeases, LeasesAndHostsWithHardwareAndNames) {
  auto seen = ParseDhcpdLeases(R"(# comment { not a block
lease 10.0.2.50 {
  starts 1 2021/03/01 08:00:00;
  hardware ethernet 0c:a6:4c:10:20:30;
  client-hostname "EZVIZ-C6N";
  set vendor-class-identifier = "udhcp 1.23.2";
}
host cam { hardware ethernet 04:03:12:00:00:01; fixed-address 10.0.0.9; }
)", "dhcpd.leases");
  ASSERT_TRUE(seen.has_value()) << Error(seen);
  ASSERT_EQ(seen->size(), 2u);
  EXPECT_EQ((*seen)[0].ip, "10.0.2.50");
  EXPECT_EQ((*seen)[0].mac, "0CA64C102030");
  EXPECT_EQ((*seen)[0].hostname, "EZVIZ-C6N");
  EXPECT_EQ((*seen)[0].vendor_hint, "udhcp 1.23.2");
  EXPECT_EQ((*seen)[0].source, "dhcpd.leases:2");
  EXPECT_EQ((*seen)[1].ip, "10.0.0.9");
}

TEST(DhcpdLeases, ErrorsNameTheLine) {
  EXPECT_NE(Error(ParseDhcpdLeases("lease 10.0.0.1 {\n  starts 1;\n", "l")).find("l:1: block"),
            std::string::npos);
  EXPECT_NE(Error(ParseDhcpdLeases("lease 1 {\n hardware ethernet zz:03;\n}\n", "l"))
                .find("l:2: \"zz:03\" is not a MAC"),
            std::string::npos);
  EXPECT_NE(Error(ParseDhcpdLeases("}\n", "l")).find("l:1: '}' without"), std::string::npos);
  EXPECT_NE(Error(ParseDhcpdLeases("lease 1 {\n client-hostname \"x;\n}\n", "l"))
                .find("l:2: unterminated string"),
            std::string::npos);
}

TEST(DnsmasqLeases, Ipv4WithMacIpv6WithoutAndErrors) {
  auto seen = ParseDnsmasqLeases(
      "1614675600 3c:ef:8c:11:22:33 10.0.3.10 XVR5108HS 01:3c:ef:8c:11:22:33\n"
      "duid 00:01:00:01:27:a3:5c:1e:52:54:00:12:34:56\n"
      "1614675900 305419896 fd00::1:20 * 00:01:00:01\n",
      "dnsmasq.leases");
  ASSERT_TRUE(seen.has_value()) << Error(seen);
  ASSERT_EQ(seen->size(), 2u);
  EXPECT_EQ((*seen)[0].mac, "3CEF8C112233");
  EXPECT_EQ((*seen)[0].hostname, "XVR5108HS");
  EXPECT_EQ((*seen)[1].mac, "");
  EXPECT_EQ((*seen)[1].ip, "fd00::1:20");
  EXPECT_NE(Error(ParseDnsmasqLeases("1 aa:bb:cc:dd:ee:ff 10.0.0.1 x\nsoon x y z\n", "d"))
                .find("d:2: expiry \"soon\""),
            std::string::npos);
  EXPECT_NE(Error(ParseDnsmasqLeases("1 aa:bb 10.0.0.1 x\n", "d")).find("d:1: \"aa:bb\""),
            std::string::npos);
}

TEST(Neighbors, IpNeighArpAnAndWindowsArp) {
  auto seen = ParseNeighbors(
      "10.0.4.1 dev eth0 lladdr 00:40:8c:01:02:03 REACHABLE\n"
      "10.0.4.3 dev eth0  FAILED\n"
      "fe80::1 dev eth0 lladdr 04:03:12:5a:10:21 router STALE\n"
      "? (10.0.5.1) at 0:40:8c:1:2:3 on en0 ifscope [ethernet]\n"
      "? (10.0.5.3) at <incomplete> on eth0\n"
      "Interface: 10.0.0.5 --- 0x4\n"
      "  Internet Address      Physical Address      Type\n"
      "  10.0.0.1              04-03-12-5a-10-20     dynamic\n",
      "n.txt");
  ASSERT_TRUE(seen.has_value()) << Error(seen);
  ASSERT_EQ(seen->size(), 4u);
  EXPECT_EQ((*seen)[1].ip, "fe80::1");
  EXPECT_EQ((*seen)[2].mac, "00408C010203");
  EXPECT_EQ((*seen)[3].mac, "0403125A1020");
  EXPECT_EQ((*seen)[3].source, "n.txt:8");
  EXPECT_NE(Error(ParseNeighbors("10.0.4.1 dev eth0 lladdr 00:40 REACHABLE\nhello\n", "n"))
                .find("n:1:"),
            std::string::npos);
  EXPECT_NE(Error(ParseNeighbors("10.0.4.1 dev eth0 FAILED\nhello there\n", "n"))
                .find("n:2: not an `ip neigh`"),
            std::string::npos);
}

TEST(OnvifXml, ResponsesWithTheirAddressAndErrors) {
  auto seen = ParseOnvifXml(R"(<responses><answer xaddr="http://10.0.1.20/onvif/device_service">
<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">
<s:Body><tds:GetDeviceInformationResponse><tds:Manufacturer> HIKVISION </tds:Manufacturer>
<tds:Model>DS-2CD2143G0-I</tds:Model><tds:FirmwareVersion>V5.5.0</tds:FirmwareVersion>
<tds:SerialNumber>S1</tds:SerialNumber><tds:HardwareId>88</tds:HardwareId>
</tds:GetDeviceInformationResponse></s:Body></s:Envelope></answer></responses>)", "o.xml");
  ASSERT_TRUE(seen.has_value()) << Error(seen);
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ((*seen)[0].ip, "10.0.1.20");
  EXPECT_EQ((*seen)[0].manufacturer, "HIKVISION");
  EXPECT_EQ((*seen)[0].model, "DS-2CD2143G0-I");
  EXPECT_EQ((*seen)[0].hardware_id, "88");
  EXPECT_NE(Error(ParseOnvifXml("<a><b/></a>", "o.xml")).find("no GetDeviceInformationResponse"),
            std::string::npos);
  EXPECT_NE(Error(ParseOnvifXml("<e><s:Body><s:Fault/></s:Body></e>", "o.xml"))
                .find("o.xml: e/s:Body/s:Fault: a SOAP Fault"),
            std::string::npos);
  EXPECT_NE(Error(ParseOnvifXml("<e><GetDeviceInformationResponse><SerialNumber>1</SerialNumber>"
                                "</GetDeviceInformationResponse></e>", "o.xml"))
                .find("neither Manufacturer nor Model"),
            std::string::npos);
}

TEST(DeviceCsv, ColumnsAndErrors) {
  auto seen = ParseDeviceCsv("IP,MAC,Manufacturer,Model,Serial\n"
                             "10.0.6.10,,Amcrest,IP4M-1041B,A1\n"
                             "10.0.6.11,4419.b612.3456,\"Hik, OEM\",,\n", "i.csv");
  ASSERT_TRUE(seen.has_value()) << Error(seen);
  ASSERT_EQ(seen->size(), 2u);
  EXPECT_EQ((*seen)[1].mac, "4419B6123456");
  EXPECT_EQ((*seen)[1].manufacturer, "Hik, OEM");
  EXPECT_NE(Error(ParseDeviceCsv("ip,mac\n10.0.0.1,zz\n", "i.csv")).find("i.csv:2: field \"mac\""),
            std::string::npos);
  EXPECT_NE(Error(ParseDeviceCsv("a,b\n1,2\n", "i.csv")).find("i.csv:1: the header"),
            std::string::npos);
}

TEST(Merge, SameMacThenSameAddressIsOneDevice) {
  const std::vector<Observation> seen = {
      {.ip = "10.0.1.20", .mac = "0403125A1020", .source = "scan.xml"},
      {.ip = "10.0.1.20", .manufacturer = "HIKVISION", .model = "DS-2CD2143G0-I",
       .source = "onvif.xml"},
      {.ip = "10.0.9.9", .mac = "0403125A1020", .source = "leases:4"},
      {.ip = "10.0.1.20", .mac = "0403125A9999", .source = "leases:9"},  // address reused
  };
  const std::vector<Device> devices = Merge(seen);
  ASSERT_EQ(devices.size(), 2u);
  EXPECT_EQ(devices[0].model, "DS-2CD2143G0-I");
  EXPECT_EQ(devices[0].ip, "10.0.1.20");
  EXPECT_EQ(devices[0].sources.size(), 3u);
  EXPECT_EQ(devices[1].mac, "0403125A9999");
}

}  // namespace
}  // namespace redflag::devices
