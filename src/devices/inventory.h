// A site's device inventory, read from the files its own tools produced (no scanning here):
// nmap XML (-oX), ISC dhcpd leases, dnsmasq leases, `ip neigh` / `arp -an` output, ONVIF
// GetDeviceInformation responses (SOAP XML) and a CSV `ip,mac,manufacturer,model,serial`.
//
// Each parser turns one file into Observations: what one source said about one device. Merge()
// joins observations of the same device (same MAC, else same IP) into Devices, keeping every
// signal with the file and line it came from.
//
// Failure: a file that is not what its format says gives kParse naming the file and the line
// (text formats) or the element (XML), e.g. `leases:12: unterminated lease block opened here`
// or `scan.xml: nmaprun/host[3]/address[2]: "04:03" is not a MAC address: ...`. Detect() names
// the formats it knows when it recognises none. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace redflag::devices {

enum class Format : std::uint8_t { kNmapXml, kDhcpdLeases, kDnsmasqLeases, kNeighbors, kOnvifXml, kCsv };
std::string_view FormatName(Format format);  // "nmap_xml", "dhcpd_leases", ...

struct Observation {
  std::string ip;            // as written ("10.0.0.5", "fe80::1"); "" when the source has none
  std::string mac;           // 12 upper-case hex digits; "" when the source has none
  std::string manufacturer;  // ONVIF Manufacturer, CSV manufacturer
  std::string model;         // ONVIF Model, CSV model
  std::string firmware;
  std::string serial;
  std::string hardware_id;
  std::string hostname;      // dhcp client-hostname, nmap hostname
  std::string vendor_hint;   // nmap's own MAC vendor string, dhcp vendor-class-identifier
  std::string source;        // "<file>:<line>" or "<file>: <element>"
};

struct Device {
  std::string ip;
  std::string mac;
  std::string manufacturer;
  std::string model;
  std::string firmware;
  std::string serial;
  std::string hardware_id;
  std::string hostname;
  std::string vendor_hint;
  std::vector<std::string> sources;  // every observation that made this device
};

// Which format `data` is in, from its first bytes; kParse naming the file when none fits.
core::Result<Format> Detect(std::string_view data, std::string_view file_name);

core::Result<std::vector<Observation>> ParseNmapXml(std::string_view data, std::string_view file);
core::Result<std::vector<Observation>> ParseDhcpdLeases(std::string_view data,
                                                        std::string_view file);
core::Result<std::vector<Observation>> ParseDnsmasqLeases(std::string_view data,
                                                          std::string_view file);
core::Result<std::vector<Observation>> ParseNeighbors(std::string_view data, std::string_view file);
core::Result<std::vector<Observation>> ParseOnvifXml(std::string_view data, std::string_view file);
core::Result<std::vector<Observation>> ParseDeviceCsv(std::string_view data, std::string_view file);

// Detect, then the parser of that format.
core::Result<std::vector<Observation>> ParseInventory(std::string_view data,
                                                      std::string_view file_name);

// Joins observations of one device: same MAC first, else same IP (an ONVIF answer joins the
// nmap host at its address). Later observations fill fields earlier ones left empty. Order:
// first appearance.
std::vector<Device> Merge(const std::vector<Observation>& observations);

// "44:19:b6:1:2:3", "4419.b612.3456", "44-19-B6-01-02-03" -> "4419B6010203" (single-digit
// octets as `arp -an` prints them on BSD are zero-padded); kInvalidArgument saying why otherwise.
core::Result<std::string> ParseMac(std::string_view text);

}  // namespace redflag::devices
