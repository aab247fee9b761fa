// The two XML inventory formats: nmap -oX and ONVIF GetDeviceInformation responses.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "devices/inventory.h"
#include "devices/inventory_internal.h"

namespace redflag::devices {
namespace internal {

std::int64_t LineAt(std::string_view data, std::size_t offset) {
  offset = std::min(offset, data.size());
  return 1 + std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
}

core::Status LoadXml(pugi::xml_document& doc, std::string_view data, std::string_view file) {
  // No DOCTYPE processing: pugixml never fetches external entities, and parse_default does not
  // expand custom entities, so a hostile file cannot make it read other files.
  const pugi::xml_parse_result result = doc.load_buffer(data.data(), data.size());
  if (!result) {
    return core::MakeError(
        core::ErrorCode::kParse, fmt::format("not well-formed XML: {}", result.description()),
        core::Location{.file = std::string(file),
                       .line = LineAt(data, static_cast<std::size_t>(std::max<std::ptrdiff_t>(
                                                result.offset, 0)))});
  }
  return core::Ok();
}

std::string_view LocalName(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string ElementPath(const pugi::xml_node& node) {
  std::vector<std::string> parts;
  for (pugi::xml_node at = node; at && at.type() == pugi::node_element; at = at.parent()) {
    std::size_t index = 1;
    for (pugi::xml_node sibling = at.previous_sibling(at.name()); sibling;
         sibling = sibling.previous_sibling(at.name())) {
      ++index;
    }
    const bool several = index > 1 || at.next_sibling(at.name());
    parts.push_back(several ? fmt::format("{}[{}]", at.name(), index) : std::string(at.name()));
  }
  std::reverse(parts.begin(), parts.end());
  return fmt::format("{}", fmt::join(parts, "/"));
}

std::string Trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

}  // namespace internal

namespace {

using internal::ElementPath;
using internal::LocalName;
using internal::Trimmed;

core::Error BadElement(std::string_view file, const pugi::xml_node& node, std::string message) {
  return core::MakeError(core::ErrorCode::kParse, std::move(message),
                         core::Location{.file = std::string(file), .element = ElementPath(node)});
}

pugi::xml_node ChildByLocalName(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element && LocalName(child) == name) return child;
  }
  return {};
}

// The host part of an ONVIF XAddr ("http://10.0.0.5/onvif/device_service" -> "10.0.0.5").
std::string HostOf(std::string_view address) {
  if (const auto scheme = address.find("://"); scheme != std::string_view::npos) {
    address.remove_prefix(scheme + 3);
  }
  if (address.starts_with("[")) return std::string(address.substr(1, address.find(']') - 1));
  address = address.substr(0, address.find_first_of("/:"));
  return std::string(address);
}

}  // namespace

core::Result<std::vector<Observation>> ParseNmapXml(std::string_view data, std::string_view file) {
  pugi::xml_document doc;
  if (auto status = internal::LoadXml(doc, data, file); !status) return status.error();
  const pugi::xml_node root = doc.child("nmaprun");
  if (!root) {
    return core::MakeError(core::ErrorCode::kParse, "no <nmaprun> root element (nmap -oX output)",
                           core::Location{.file = std::string(file)});
  }
  std::vector<Observation> out;
  std::size_t host_number = 0;  // counted here: ElementPath per host would be quadratic
  for (pugi::xml_node host : root.children("host")) {
    ++host_number;
    if (std::string_view(host.child("status").attribute("state").as_string("up")) == "down") {
      continue;
    }
    Observation seen;
    seen.source = fmt::format("{}: nmaprun/host[{}]", file, host_number);
    for (pugi::xml_node address : host.children("address")) {
      const std::string_view type = address.attribute("addrtype").as_string();
      const std::string value = Trimmed(address.attribute("addr").as_string());
      if (type == "mac") {
        auto mac = ParseMac(value);
        if (!mac) return BadElement(file, address, mac.error().message);
        seen.mac = *mac;
        seen.vendor_hint = address.attribute("vendor").as_string();
      } else if (type == "ipv4" || type == "ipv6") {
        if (value.empty()) return BadElement(file, address, "an address element without addr");
        if (seen.ip.empty()) seen.ip = value;
      } else {
        return BadElement(file, address, fmt::format("unknown addrtype \"{}\"", type));
      }
    }
    seen.hostname = host.child("hostnames").child("hostname").attribute("name").as_string();
    if (seen.ip.empty() && seen.mac.empty()) {
      return BadElement(file, host, "a host with neither an IP nor a MAC address");
    }
    out.push_back(std::move(seen));
  }
  return out;
}

core::Result<std::vector<Observation>> ParseOnvifXml(std::string_view data, std::string_view file) {
  pugi::xml_document doc;
  if (auto status = internal::LoadXml(doc, data, file); !status) return status.error();
  std::vector<Observation> out;
  std::size_t response_number = 0;
  std::vector<pugi::xml_node> stack = {doc.document_element()};
  while (!stack.empty()) {  // depth-first, document order
    const pugi::xml_node node = stack.back();
    stack.pop_back();
    if (!node) continue;
    if (LocalName(node) == "Fault") {
      return BadElement(file, node, "a SOAP Fault, not a device's answer");
    }
    if (LocalName(node) != "GetDeviceInformationResponse") {
      std::vector<pugi::xml_node> children;
      for (pugi::xml_node child : node.children()) {
        if (child.type() == pugi::node_element) children.push_back(child);
      }
      stack.insert(stack.end(), children.rbegin(), children.rend());
      continue;
    }
    Observation seen;
    seen.source = fmt::format("{}: GetDeviceInformationResponse #{}", file, ++response_number);
    seen.manufacturer = Trimmed(ChildByLocalName(node, "Manufacturer").text().as_string());
    seen.model = Trimmed(ChildByLocalName(node, "Model").text().as_string());
    seen.firmware = Trimmed(ChildByLocalName(node, "FirmwareVersion").text().as_string());
    seen.serial = Trimmed(ChildByLocalName(node, "SerialNumber").text().as_string());
    seen.hardware_id = Trimmed(ChildByLocalName(node, "HardwareId").text().as_string());
    if (seen.manufacturer.empty() && seen.model.empty()) {
      return BadElement(file, node, "neither Manufacturer nor Model is given");
    }
    // Collected responses may say where they came from: an ancestor's ip/address/xaddr attribute.
    for (pugi::xml_node at = node; at && seen.ip.empty(); at = at.parent()) {
      for (const char* name : {"ip", "address", "xaddr", "XAddr"}) {
        if (const pugi::xml_attribute attribute = at.attribute(name)) {
          seen.ip = HostOf(Trimmed(attribute.as_string()));
          break;
        }
      }
    }
    out.push_back(std::move(seen));
  }
  if (out.empty()) {
    return core::MakeError(core::ErrorCode::kParse,
                           "no GetDeviceInformationResponse element (ONVIF device service)",
                           core::Location{.file = std::string(file)});
  }
  return out;
}

}  // namespace redflag::devices
