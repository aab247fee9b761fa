// DHCP lease files: ISC dhcpd (dhcpd.leases, a block syntax) and dnsmasq (one lease per line).
#include <fmt/format.h>

#include <cctype>
#include <optional>
#include <vector>

#include "devices/inventory.h"
#include "devices/inventory_internal.h"

namespace redflag::devices {
namespace {

struct Token {
  std::string text;
  std::int64_t line = 0;
  bool quoted = false;
};

core::Error BadLine(std::string_view file, std::int64_t line, std::string message) {
  return core::MakeError(core::ErrorCode::kParse, std::move(message),
                         core::Location{.file = std::string(file), .line = line});
}

// dhcpd.leases tokens: words, "strings" (with \ escapes), and the punctuation { } ; = ,
// Comments run from # to the end of the line.
core::Result<std::vector<Token>> Tokenize(std::string_view data, std::string_view file) {
  std::vector<Token> tokens;
  std::int64_t line = 1;
  for (std::size_t at = 0; at < data.size();) {
    const char ch = data[at];
    if (ch == '\n') {
      ++line;
      ++at;
    } else if (std::isspace(static_cast<unsigned char>(ch))) {
      ++at;
    } else if (ch == '#') {
      while (at < data.size() && data[at] != '\n') ++at;
    } else if (ch == '"') {
      Token token{.line = line, .quoted = true};
      for (++at; at < data.size() && data[at] != '"'; ++at) {
        if (data[at] == '\n') ++line;
        if (data[at] == '\\' && at + 1 < data.size()) ++at;
        token.text += data[at];
      }
      if (at >= data.size()) return BadLine(file, token.line, "unterminated string opened here");
      ++at;
      tokens.push_back(std::move(token));
    } else if (std::string_view("{};=,").find(ch) != std::string_view::npos) {
      tokens.push_back(Token{std::string(1, ch), line});
      ++at;
    } else {
      Token token{.line = line};
      while (at < data.size() && !std::isspace(static_cast<unsigned char>(data[at])) &&
             std::string_view("{};=,\"#").find(data[at]) == std::string_view::npos) {
        token.text += data[at++];
      }
      tokens.push_back(std::move(token));
    }
  }
  return tokens;
}

// Applies one statement of a lease or host block ("hardware ethernet 44:19:b6:..;").
core::Status Statement(const std::vector<Token>& words, Observation& seen, std::string_view file) {
  if (words.empty()) return core::Ok();
  const std::string& head = words[0].text;
  if (head == "hardware" && words.size() >= 3) {
    if (words[1].text != "ethernet") return core::Ok();  // token-ring etc.: no MAC to look up
    auto mac = ParseMac(words[2].text);
    if (!mac) return BadLine(file, words[2].line, mac.error().message);
    seen.mac = *mac;
  } else if (head == "client-hostname" && words.size() >= 2) {
    seen.hostname = words[1].text;
  } else if (head == "fixed-address" && words.size() >= 2) {
    seen.ip = words[1].text;
  } else if (head == "set" && words.size() >= 4 && words[1].text == "vendor-class-identifier") {
    seen.vendor_hint = words[3].text;
  }
  return core::Ok();
}

}  // namespace

core::Result<std::vector<Observation>> ParseDhcpdLeases(std::string_view data,
                                                        std::string_view file) {
  auto tokens = Tokenize(data, file);
  if (!tokens) return tokens.error();
  std::vector<Observation> out;
  std::vector<Token> statement;
  std::vector<std::int64_t> open;  // lines of the blocks opened and not closed
  std::optional<Observation> lease;
  std::size_t lease_depth = 0;
  for (const Token& token : *tokens) {
    if (!token.quoted && token.text == "{") {
      open.push_back(token.line);
      if (!lease && statement.size() >= 2 &&
          (statement[0].text == "lease" || statement[0].text == "host")) {
        lease = Observation{};
        if (statement[0].text == "lease") lease->ip = statement[1].text;
        lease->source = fmt::format("{}:{}", file, statement[0].line);
        lease_depth = open.size();
      }
      statement.clear();
    } else if (!token.quoted && token.text == "}") {
      if (open.empty()) return BadLine(file, token.line, "'}' without an open block");
      if (lease && open.size() == lease_depth) {
        if (!lease->mac.empty() || !lease->ip.empty()) out.push_back(std::move(*lease));
        lease.reset();
      }
      open.pop_back();
      statement.clear();
    } else if (!token.quoted && token.text == ";") {
      if (lease && open.size() == lease_depth) {
        if (auto status = Statement(statement, *lease, file); !status) return status.error();
      }
      statement.clear();
    } else {
      statement.push_back(token);
    }
  }
  if (!open.empty()) return BadLine(file, open.back(), "block opened here is never closed");
  if (!statement.empty()) {
    return BadLine(file, statement.front().line, "statement without ';' at the end of the file");
  }
  return out;
}

// dnsmasq.leases: "<expiry> <mac> <ip> <hostname|*> <client-id|*>" per IPv4 lease; after a
// "duid <server duid>" line the IPv6 leases follow with an IAID instead of a MAC.
core::Result<std::vector<Observation>> ParseDnsmasqLeases(std::string_view data,
                                                          std::string_view file) {
  std::vector<Observation> out;
  bool ipv6 = false;
  std::int64_t line = 0;
  for (std::size_t start = 0; start <= data.size();) {
    std::size_t end = data.find('\n', start);
    if (end == std::string_view::npos) end = data.size();
    const std::string text = internal::Trimmed(data.substr(start, end - start));
    start = end + 1;
    ++line;
    if (text.empty()) continue;
    std::vector<std::string> fields;
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t next = text.find_first_of(" \t", at);
      if (next != at) fields.push_back(text.substr(at, next == std::string::npos ? next : next - at));
      if (next == std::string::npos) break;
      at = next + 1;
    }
    if (fields[0] == "duid") {
      ipv6 = true;
      continue;
    }
    if (fields.size() < 4) {
      return BadLine(file, line, "expected \"<expiry> <mac> <ip> <hostname> [client-id]\"");
    }
    for (const char ch : fields[0]) {
      if (!std::isdigit(static_cast<unsigned char>(ch))) {
        return BadLine(file, line, fmt::format("expiry \"{}\" is not a number", fields[0]));
      }
    }
    Observation seen;
    seen.source = fmt::format("{}:{}", file, line);
    seen.ip = fields[2];
    if (fields[3] != "*") seen.hostname = fields[3];
    if (!ipv6) {
      auto mac = ParseMac(fields[1]);
      if (!mac) return BadLine(file, line, mac.error().message);
      seen.mac = *mac;
    }
    out.push_back(std::move(seen));
    if (end == data.size()) break;
  }
  return out;
}

}  // namespace redflag::devices
