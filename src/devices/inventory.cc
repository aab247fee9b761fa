// Format detection, MAC parsing and merging of observations into devices.
#include "devices/inventory.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <unordered_map>

namespace redflag::devices {
namespace {

constexpr std::array<std::string_view, 6> kFormatNames = {
    "nmap_xml", "dhcpd_leases", "dnsmasq_leases", "neighbors", "onvif_xml", "csv"};

std::string_view SkipSpaceAndBom(std::string_view data) {
  if (data.starts_with("\xEF\xBB\xBF")) data.remove_prefix(3);
  while (!data.empty() && std::isspace(static_cast<unsigned char>(data.front()))) {
    data.remove_prefix(1);
  }
  return data;
}

int HexValue(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

void Fill(std::string& target, const std::string& value) {
  if (target.empty()) target = value;
}

}  // namespace

std::string_view FormatName(Format format) { return kFormatNames[static_cast<std::size_t>(format)]; }

core::Result<std::string> ParseMac(std::string_view text) {
  const auto bad = [&](std::string why) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("\"{}\" is not a MAC address: {}",
                                       text.substr(0, 64), why));
  };
  if (text.empty()) return bad("empty");
  std::string out;
  const char separator = text.find(':') != std::string_view::npos   ? ':'
                         : text.find('-') != std::string_view::npos ? '-'
                         : text.find('.') != std::string_view::npos ? '.'
                                                                    : '\0';
  std::vector<std::string_view> groups;
  if (separator == '\0') {
    groups.push_back(text);
  } else {
    std::size_t start = 0;
    for (std::size_t at = text.find(separator); ; at = text.find(separator, start)) {
      groups.push_back(text.substr(start, at == std::string_view::npos ? text.npos : at - start));
      if (at == std::string_view::npos) break;
      start = at + 1;
    }
  }
  for (const std::string_view group : groups) {
    for (const char ch : group) {
      if (HexValue(ch) < 0) return bad(fmt::format("'{}' is not a hex digit", ch));
    }
  }
  if (separator == '\0' && text.size() == 12) {
    out = std::string(text);
  } else if (separator == '.' && groups.size() == 3) {
    for (const std::string_view group : groups) {
      if (group.size() != 4) return bad("dotted form needs 3 groups of 4 hex digits");
      out += group;
    }
  } else if ((separator == ':' || separator == '-') && groups.size() == 6) {
    for (const std::string_view group : groups) {
      if (group.empty() || group.size() > 2) return bad("an octet needs 1 or 2 hex digits");
      if (group.size() == 1) out += '0';
      out += group;
    }
  } else {
    return bad("expected 6 octets (44:19:b6:12:34:56), 3 groups (4419.b612.3456) or 12 digits");
  }
  for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

core::Result<Format> Detect(std::string_view data, std::string_view file_name) {
  const std::string_view head = SkipSpaceAndBom(data);
  const std::string_view start = head.substr(0, 4096);
  if (start.starts_with("<")) {
    if (start.find("<nmaprun") != std::string_view::npos) return Format::kNmapXml;
    if (data.find("GetDeviceInformationResponse") != std::string_view::npos) {
      return Format::kOnvifXml;
    }
  } else if (start.find("lease ") != std::string_view::npos &&
             start.find('{') != std::string_view::npos) {
    return Format::kDhcpdLeases;
  } else if (start.starts_with("Interface:") || start.find(" lladdr ") != std::string_view::npos ||
             start.find(" dev ") != std::string_view::npos ||
             (start.starts_with("? (") || start.find(") at ") != std::string_view::npos)) {
    return Format::kNeighbors;
  } else {
    const std::string_view first = start.substr(0, start.find('\n'));
    if (first.find(',') != std::string_view::npos) return Format::kCsv;
    if (!first.empty() && std::isdigit(static_cast<unsigned char>(first.front()))) {
      return Format::kDnsmasqLeases;
    }
    if (first.starts_with("duid ")) return Format::kDnsmasqLeases;
  }
  if (head.empty()) {
    return core::MakeError(core::ErrorCode::kParse, "the file is empty",
                           core::Location{.file = std::string(file_name)});
  }
  return core::MakeError(
      core::ErrorCode::kParse,
      "not a known inventory format (nmap -oX XML, ISC dhcpd leases, dnsmasq leases, `ip neigh` "
      "or `arp -an` output, ONVIF GetDeviceInformation XML, CSV ip,mac,manufacturer,model,serial)",
      core::Location{.file = std::string(file_name), .line = 1});
}

core::Result<std::vector<Observation>> ParseInventory(std::string_view data,
                                                      std::string_view file_name) {
  auto format = Detect(data, file_name);
  if (!format) return format.error();
  switch (*format) {
    case Format::kNmapXml: return ParseNmapXml(data, file_name);
    case Format::kDhcpdLeases: return ParseDhcpdLeases(data, file_name);
    case Format::kDnsmasqLeases: return ParseDnsmasqLeases(data, file_name);
    case Format::kNeighbors: return ParseNeighbors(data, file_name);
    case Format::kOnvifXml: return ParseOnvifXml(data, file_name);
    case Format::kCsv: return ParseDeviceCsv(data, file_name);
  }
  return core::MakeError(core::ErrorCode::kInternal, "unhandled format");
}

std::vector<Device> Merge(const std::vector<Observation>& observations) {
  std::vector<Device> devices;
  std::unordered_map<std::string, std::size_t> by_mac;
  std::unordered_map<std::string, std::size_t> by_ip;
  for (const Observation& seen : observations) {
    std::size_t idx = devices.size();
    if (!seen.mac.empty()) {
      if (auto it = by_mac.find(seen.mac); it != by_mac.end()) idx = it->second;
    }
    if (idx == devices.size() && !seen.ip.empty()) {
      // An address joins a device only when the MACs do not contradict (DHCP reuses addresses).
      if (auto it = by_ip.find(seen.ip); it != by_ip.end() &&
          (seen.mac.empty() || devices[it->second].mac.empty())) {
        idx = it->second;
      }
    }
    if (idx == devices.size()) devices.emplace_back();
    Device& device = devices[idx];
    Fill(device.ip, seen.ip);
    Fill(device.mac, seen.mac);
    Fill(device.manufacturer, seen.manufacturer);
    Fill(device.model, seen.model);
    Fill(device.firmware, seen.firmware);
    Fill(device.serial, seen.serial);
    Fill(device.hardware_id, seen.hardware_id);
    Fill(device.hostname, seen.hostname);
    Fill(device.vendor_hint, seen.vendor_hint);
    device.sources.push_back(seen.source);
    if (!device.mac.empty()) by_mac.emplace(device.mac, idx);
    if (!device.ip.empty()) by_ip.emplace(device.ip, idx);
  }
  return devices;
}

}  // namespace redflag::devices
