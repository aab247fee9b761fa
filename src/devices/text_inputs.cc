// Line formats: `ip neigh`, `arp -an` (Linux and BSD/macOS) and Windows `arp -a`; the device CSV.
#include <fmt/format.h>

#include <array>
#include <cctype>
#include <vector>

#include "devices/inventory.h"
#include "devices/inventory_internal.h"
#include "sources/csv_reader.h"

namespace redflag::devices {
namespace {

core::Error BadLine(std::string_view file, std::int64_t line, std::string message,
                    std::string field = "") {
  return core::MakeError(core::ErrorCode::kParse, std::move(message),
                         core::Location{.file = std::string(file), .line = line,
                                        .field = std::move(field)});
}

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  for (std::size_t at = 0; at < text.size();) {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
    const std::size_t start = at;
    while (at < text.size() && !std::isspace(static_cast<unsigned char>(text[at]))) ++at;
    if (at > start) words.push_back(text.substr(start, at - start));
  }
  return words;
}

bool HasIpShape(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789abcdefABCDEF.:%") == text.npos &&
         (text.find('.') != text.npos || text.find(':') != text.npos);
}

// One line; `seen` gets ip and mac; false when the line is a header or an entry with no MAC.
core::Result<bool> NeighborLine(const std::vector<std::string_view>& w, Observation& seen) {
  const auto mac_of = [&](std::string_view text) -> core::Result<bool> {
    auto mac = ParseMac(text);
    if (!mac) return mac.error();
    seen.mac = *mac;
    return true;
  };
  if (w[0] == "?" || (w.size() >= 2 && w[1].starts_with("("))) {  // arp -an: ? (ip) at mac ...
    if (w.size() < 4 || !w[1].starts_with("(") || !w[1].ends_with(")") || w[1].size() < 3 ||
        w[2] != "at") {
      return core::MakeError(core::ErrorCode::kParse, "expected \"? (<ip>) at <mac> ...\"");
    }
    const std::string_view ip = w[1];
    seen.ip = std::string(ip.substr(1, ip.size() - 2));
    if (w[3] == "<incomplete>" || w[3] == "(incomplete)") return false;
    return mac_of(w[3]);
  }
  if (w.size() >= 2 && w[1] == "dev") {  // ip neigh: ip dev if [lladdr mac] [router] STATE
    if (!HasIpShape(w[0])) {
      return core::MakeError(core::ErrorCode::kParse, fmt::format("\"{}\" is not an address", w[0]));
    }
    seen.ip = std::string(w[0]);
    for (std::size_t idx = 2; idx + 1 < w.size(); ++idx) {
      if (w[idx] == "lladdr") return mac_of(w[idx + 1]);
    }
    return false;  // FAILED / INCOMPLETE: no link-layer address
  }
  if (w[0] == "Interface:" || (w[0] == "Internet" && w.size() >= 2 && w[1] == "Address")) {
    return false;  // Windows arp -a headers
  }
  if (w.size() == 3 && HasIpShape(w[0])) {  // Windows arp -a: ip mac type
    seen.ip = std::string(w[0]);
    return mac_of(w[1]);
  }
  return core::MakeError(core::ErrorCode::kParse,
                         "not an `ip neigh`, `arp -an` or `arp -a` line");
}

}  // namespace

core::Result<std::vector<Observation>> ParseNeighbors(std::string_view data, std::string_view file) {
  std::vector<Observation> out;
  std::int64_t line = 0;
  for (std::size_t start = 0; start < data.size();) {
    std::size_t end = data.find('\n', start);
    if (end == std::string_view::npos) end = data.size();
    const std::string_view text = data.substr(start, end - start);
    start = end + 1;
    ++line;
    const auto words = Words(text);
    if (words.empty()) continue;
    Observation seen;
    seen.source = fmt::format("{}:{}", file, line);
    auto used = NeighborLine(words, seen);
    if (!used) return BadLine(file, line, used.error().message);
    if (*used) out.push_back(std::move(seen));
  }
  return out;
}

core::Result<std::vector<Observation>> ParseDeviceCsv(std::string_view data, std::string_view file) {
  constexpr std::array<std::string_view, 8> kColumns = {
      "ip", "mac", "manufacturer", "model", "serial", "firmware", "hostname", "hardware_id"};
  sources::CsvReader reader(data, sources::CsvOptions{.file_name = std::string(file)});
  auto header = reader.Next();
  if (!header) return header.error();
  std::array<int, kColumns.size()> at;
  at.fill(-1);
  if (*header) {
    for (std::size_t idx = 0; idx < (*header)->fields.size(); ++idx) {
      std::string name = internal::Trimmed((*header)->fields[idx]);
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      for (std::size_t col = 0; col < kColumns.size(); ++col) {
        if (name == kColumns[col] && at[col] < 0) at[col] = static_cast<int>(idx);
      }
    }
  }
  if (!*header || (at[0] < 0 && at[1] < 0 && at[2] < 0 && at[3] < 0)) {
    return BadLine(file, 1, "the header must name some of ip,mac,manufacturer,model,serial");
  }
  std::vector<Observation> out;
  while (true) {
    auto record = reader.Next();
    if (!record) return record.error();
    if (!*record) break;
    const auto get = [&](std::size_t col) {
      const int idx = at[col];
      return idx < 0 || static_cast<std::size_t>(idx) >= (*record)->fields.size()
                 ? std::string()
                 : internal::Trimmed((*record)->fields[static_cast<std::size_t>(idx)]);
    };
    Observation seen;
    seen.source = fmt::format("{}:{}", file, (*record)->line);
    seen.ip = get(0);
    if (const std::string mac = get(1); !mac.empty()) {
      auto parsed = ParseMac(mac);
      if (!parsed) return BadLine(file, (*record)->line, parsed.error().message, "mac");
      seen.mac = *parsed;
    }
    seen.manufacturer = get(2);
    seen.model = get(3);
    seen.serial = get(4);
    seen.firmware = get(5);
    seen.hostname = get(6);
    seen.hardware_id = get(7);
    if (seen.ip.empty() && seen.mac.empty() && seen.manufacturer.empty() && seen.model.empty()) {
      return BadLine(file, (*record)->line, "the row names no device (ip, mac, manufacturer, model)");
    }
    out.push_back(std::move(seen));
  }
  return out;
}

}  // namespace redflag::devices
