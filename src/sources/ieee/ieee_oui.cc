#include "sources/ieee/ieee_oui.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <exception>
#include <unordered_set>

#include "core/country.h"
#include "sources/csv_reader.h"
#include "sources/intl_util_internal.h"

namespace redflag::sources {
namespace {

using intl::CollapseSpace;

struct Registry {
  std::string_view code;
  std::size_t hex_digits;
  std::string_view list_name;
};

constexpr std::array<Registry, 4> kRegistries = {{
    {"MA-L", 6, "IEEE MAC Address Block Large (MA-L)"},
    {"MA-M", 7, "IEEE MAC Address Block Medium (MA-M)"},
    {"MA-S", 9, "IEEE MAC Address Block Small (MA-S)"},
    {"IAB", 9, "IEEE Individual Address Block (IAB)"},
}};

int HexValue(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

// IEEE addresses end "... <city> <state> <CC> <postal code>": the country is the last
// two-letter code followed by a token with a digit (the postal code), else a final two-letter
// token. "Oxnard CA US 93010" -> US; "Eindhoven Noord-Brabant NL 5633 AD" -> NL.
std::string AddressCountry(std::string_view address) {
  const std::vector<std::string> tokens = intl::SplitAny(address, " ");
  const auto is_code = [](const std::string& token) {
    return token.size() == 2 && token[0] >= 'A' && token[0] <= 'Z' && token[1] >= 'A' &&
           token[1] <= 'Z';
  };
  const auto has_digit = [](const std::string& token) {
    return std::any_of(token.begin(), token.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  };
  const std::size_t first = tokens.size() > 4 ? tokens.size() - 4 : 0;
  for (std::size_t idx = tokens.size(); idx-- > first;) {
    if (is_code(tokens[idx]) && idx + 1 < tokens.size() && has_digit(tokens[idx + 1])) {
      if (std::string code = core::CountryCode(tokens[idx]); !code.empty()) return code;
    }
  }
  if (!tokens.empty() && is_code(tokens.back())) return core::CountryCode(tokens.back());
  return {};
}

core::Status ParseInto(std::string_view data, const std::string& file, std::string_view list_id,
                       ParsedList& out, std::unordered_set<std::string>& seen) {
  CsvReader reader(data, CsvOptions{.file_name = file});
  std::array<int, 4> columns{-1, -1, -1, -1};
  constexpr std::array<std::string_view, 4> kColumns = {
      "registry", "assignment", "organization name", "organization address"};
  std::size_t header_size = 0;
  for (;;) {
    auto next = reader.Next();
    if (!next) return next.error();
    if (!*next) break;
    const CsvRecord& record = **next;
    if (header_size == 0) {
      for (std::size_t idx = 0; idx < record.fields.size(); ++idx) {
        const std::string name = intl::AsciiLower(CollapseSpace(record.fields[idx]));
        for (std::size_t column = 0; column < kColumns.size(); ++column) {
          if (name == kColumns[column] && columns[column] < 0) {
            columns[column] = static_cast<int>(idx);
          }
        }
      }
      for (std::size_t column = 0; column < 3; ++column) {
        if (columns[column] < 0) {
          return core::MakeError(
              core::ErrorCode::kParse,
              fmt::format("header has no \"{}\" column (expected Registry,Assignment,"
                          "Organization Name,Organization Address)",
                          kColumns[column]),
              core::Location{.file = file, .line = record.line});
        }
      }
      header_size = record.fields.size();
      continue;
    }
    if (record.fields.size() != header_size) {
      return core::MakeError(
          core::ErrorCode::kParse,
          fmt::format("row has {} fields, the header has {}", record.fields.size(), header_size),
          core::Location{.file = file, .line = record.line});
    }
    const auto field = [&](int column) {
      return column < 0 ? std::string()
                        : CollapseSpace(record.fields[static_cast<std::size_t>(column)]);
    };
    const auto where = [&](std::string_view name) {
      return core::Location{.file = file, .line = record.line, .field = std::string(name)};
    };
    const std::string registry_code = field(columns[0]);
    std::string assignment = field(columns[1]);
    const auto registry =
        std::find_if(kRegistries.begin(), kRegistries.end(),
                     [&](const Registry& known) { return known.code == registry_code; });
    if (registry == kRegistries.end()) {
      out.diagnostics.Fail(where("Registry"), registry_code,
                           "is not an IEEE registry (expected MA-L, MA-M, MA-S or IAB)",
                           "row skipped");
      continue;
    }
    const bool hex = !assignment.empty() && std::all_of(assignment.begin(), assignment.end(),
                                                        [](char ch) { return HexValue(ch) >= 0; });
    if (!hex || assignment.size() != registry->hex_digits) {
      out.diagnostics.Fail(where("Assignment"), assignment,
                           fmt::format("is not {} hex digits (the {} prefix length)",
                                       registry->hex_digits, registry->code),
                           "row skipped");
      continue;
    }
    std::transform(assignment.begin(), assignment.end(), assignment.begin(), [](char ch) {
      return ch >= 'a' && ch <= 'f' ? static_cast<char>(ch - 'a' + 'A') : ch;
    });
    core::Entity entity;
    entity.list_id = std::string(list_id);
    entity.native_id = fmt::format("{}-{}", registry->code, assignment);
    entity.type = core::EntityType::kOrganization;
    if (!seen.insert(entity.native_id).second) {
      int copy = 2;
      while (!seen.insert(fmt::format("{}~{}", entity.native_id, copy)).second) ++copy;
      out.diagnostics.Info(
          where("Assignment"),
          fmt::format("assignment {} is listed again (holder \"{}\"); kept as "
                      "{}~{}",
                      entity.native_id, field(columns[2]), entity.native_id, copy));
      entity.native_id = fmt::format("{}~{}", entity.native_id, copy);
    }
    entity.id = core::MakeEntityId(list_id, entity.native_id);
    const std::string name = field(columns[2]);
    if (name.empty()) {
      out.diagnostics.Warn(where("Organization Name"), assignment, "organization name is empty",
                           "record kept without a name");
    }
    intl::AddName(entity, core::Name{.full = name, .kind = core::NameKind::kPrimary});
    if (std::string address = field(columns[3]); !address.empty()) {
      core::Address parsed;
      parsed.country = AddressCountry(address);
      parsed.full = std::move(address);
      entity.addresses.push_back(std::move(parsed));
    }
    entity.identifiers.push_back(core::Identifier{.type = core::IdType::kMacPrefix,
                                                  .type_raw = std::string(registry->code),
                                                  .value = assignment,
                                                  .scheme = std::string(registry->code)});
    entity.listings.push_back(core::Listing{.list_id = std::string(list_id),
                                            .list_name = std::string(registry->list_name),
                                            .list_code = std::string(registry->code)});
    out.entities.push_back(std::move(entity));
  }
  if (header_size == 0) {
    return core::MakeError(core::ErrorCode::kParse, "file is empty (no header row)",
                           core::Location{.file = file, .line = 1});
  }
  return core::Ok();
}

ParsedList NewList(std::string_view list_id) {
  ParsedList out;
  out.list_id = std::string(list_id);
  out.format = "ieee_oui_csv";
  return out;
}

core::Result<ParsedList> Guarded(const std::vector<std::pair<std::string, std::string>>& inputs,
                                 std::string_view list_id) {
  ParsedList out = NewList(list_id);
  std::unordered_set<std::string> seen;
  for (const auto& [file, data] : inputs) {
    out.files.push_back(intl::MakeSourceFile(file, data));
    try {
      if (auto status = ParseInto(data, file, list_id, out, seen); !status) return status.error();
    } catch (const std::exception& error) {
      return core::MakeError(core::ErrorCode::kInternal,
                             fmt::format("IEEE registry parser failed: {}", error.what()),
                             core::Location{.file = file});
    }
  }
  return out;
}

}  // namespace

core::Result<ParsedList> ParseIeeeOuiBuffer(std::string_view data, std::string_view file_name,
                                            std::string_view list_id) {
  return Guarded({{std::string(file_name), std::string(data)}}, list_id);
}

core::Result<ParsedList> ParseIeeeOui(const std::vector<std::filesystem::path>& files,
                                      std::string_view list_id) {
  if (files.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "IEEE registry import needs at least one file");
  }
  std::vector<std::pair<std::string, std::string>> inputs;
  for (const std::filesystem::path& path : files) {
    auto data = intl::ReadFile(path);
    if (!data) return data.error();
    inputs.emplace_back(path.string(), std::move(*data));
  }
  return Guarded(inputs, list_id);
}

core::Result<std::string> NormalizeMac(std::string_view mac) {
  const auto fail = [&](std::string reason) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        fmt::format("malformed MAC address \"{}\": {}", mac.substr(0, 64), reason),
        core::Location{.field = "mac"});
  };
  std::string_view text = mac;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return fail("empty");
  char separator = 0;
  std::vector<std::size_t> groups{0};
  std::string digits;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char ch = text[pos];
    if (HexValue(ch) >= 0) {
      digits += static_cast<char>(ch >= 'a' && ch <= 'f' ? ch - 'a' + 'A' : ch);
      ++groups.back();
      continue;
    }
    if (ch != ':' && ch != '-' && ch != '.') {
      return fail(
          fmt::format("invalid character '{}' at position {} (expected hex digits and "
                      "':', '-' or '.')",
                      ch, pos + 1));
    }
    if (separator != 0 && ch != separator) {
      return fail(fmt::format("mixed separators '{}' and '{}'", separator, ch));
    }
    separator = ch;
    groups.push_back(0);
  }
  if (digits.size() != 12) {
    return fail(fmt::format("expected 12 hex digits, got {}", digits.size()));
  }
  const auto all_groups = [&](std::size_t size) {
    return std::all_of(groups.begin(), groups.end(), [&](std::size_t got) { return got == size; });
  };
  const bool layout_ok = groups.size() == 1 ||
                         (groups.size() == 6 && separator != '.' && all_groups(2)) ||
                         (groups.size() == 3 && all_groups(4)) ||
                         (groups.size() == 2 && separator == '-' && all_groups(6));
  if (!layout_ok) {
    return fail(
        "unexpected grouping (expected 44:19:B6:12:34:56, 44-19-B6-12-34-56, "
        "4419.B612.3456, 4419B6-123456 or 4419B6123456)");
  }
  return digits;
}

MacRegistry MacRegistry::FromEntities(const std::vector<core::Entity>& entities) {
  MacRegistry registry;
  for (const core::Entity& entity : entities) {
    for (const core::Identifier& identifier : entity.identifiers) {
      if (identifier.type != core::IdType::kMacPrefix) continue;
      const std::string& value = identifier.value;
      if (value.empty() || value.size() > 12) continue;
      std::uint64_t prefix = 0;
      bool hex = true;
      for (const char ch : value) {
        const int digit = HexValue(ch);
        hex = hex && digit >= 0;
        prefix = (prefix << 4) | static_cast<std::uint64_t>(digit < 0 ? 0 : digit);
      }
      if (!hex) continue;
      const auto length = static_cast<int>(value.size());
      registry.prefixes_.emplace((static_cast<std::uint64_t>(length) << 48) | prefix, &entity);
      if (std::find(registry.lengths_.begin(), registry.lengths_.end(), length) ==
          registry.lengths_.end()) {
        registry.lengths_.push_back(length);
      }
    }
  }
  std::sort(registry.lengths_.begin(), registry.lengths_.end(), std::greater<>());
  return registry;
}

core::Result<const core::Entity*> MacRegistry::Lookup(std::string_view mac) const {
  auto normalized = NormalizeMac(mac);
  if (!normalized) return normalized.error();
  std::uint64_t value = 0;
  for (const char ch : *normalized) value = (value << 4) | static_cast<std::uint64_t>(HexValue(ch));
  for (const int length : lengths_) {
    const std::uint64_t prefix = value >> (4 * (12 - length));
    if (const auto it = prefixes_.find((static_cast<std::uint64_t>(length) << 48) | prefix);
        it != prefixes_.end()) {
      return it->second;
    }
  }
  return static_cast<const core::Entity*>(nullptr);
}

}  // namespace redflag::sources
