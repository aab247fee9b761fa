#include "rules/transaction.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cmath>
#include <exception>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/country.h"
#include "core/enum_names.h"
#include "core/quote.h"

namespace redflag::rules {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxInputBytes = 4u << 20;
constexpr int kMaxOwnerDepth = 16;

constexpr core::NameTable<TransactionType, 7> kTypeNames = {{
    {TransactionType::kExport, "export"},
    {TransactionType::kReexport, "reexport"},
    {TransactionType::kTransfer, "transfer"},
    {TransactionType::kPayment, "payment"},
    {TransactionType::kInvestment, "investment"},
    {TransactionType::kProcurement, "procurement"},
    {TransactionType::kOnboarding, "onboarding"},
}};

constexpr core::NameTable<Role, 18> kRoleNames = {{
    {Role::kExporter, "exporter"},
    {Role::kPurchaser, "purchaser"},
    {Role::kIntermediateConsignee, "intermediate_consignee"},
    {Role::kUltimateConsignee, "ultimate_consignee"},
    {Role::kEndUser, "end_user"},
    {Role::kForwardingAgent, "forwarding_agent"},
    {Role::kOriginator, "originator"},
    {Role::kBeneficiary, "beneficiary"},
    {Role::kOriginatorBank, "originator_bank"},
    {Role::kBeneficiaryBank, "beneficiary_bank"},
    {Role::kIntermediaryBank, "intermediary_bank"},
    {Role::kInvestor, "investor"},
    {Role::kIssuer, "issuer"},
    {Role::kVendor, "vendor"},
    {Role::kManufacturer, "manufacturer"},
    {Role::kCustomer, "customer"},
    {Role::kUltimateDebtor, "ultimate_debtor"},
    {Role::kUltimateCreditor, "ultimate_creditor"},
}};

std::string Joined(auto const& table) {
  std::string out;
  for (const auto& [value, name] : table) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

core::Error Invalid(const std::string& path, std::string message) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message),
                         core::Location{.field = path});
}

std::string JsonTypeName(const json& value) { return value.type_name(); }

// Reads an optional string member; Error when present with another type.
core::Result<std::string> OptionalString(const json& object, const char* key,
                                         const std::string& path) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) {
    return Invalid(path, fmt::format("expected a string, got {}", JsonTypeName(*it)));
  }
  return it->get<std::string>();
}

core::Result<std::string> RequiredString(const json& object, const char* key,
                                         const std::string& path) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return Invalid(path, "is required");
  if (!it->is_string()) {
    return Invalid(path, fmt::format("expected a string, got {}", JsonTypeName(*it)));
  }
  std::string value = it->get<std::string>();
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Invalid(path, "must not be empty");
  }
  return value;
}

core::Result<std::string> OptionalCountry(const json& object, const char* key,
                                          const std::string& path) {
  auto text = OptionalString(object, key, path);
  if (!text) return text.error();
  if (text->empty()) return std::string();
  std::string code = core::CountryCode(*text);
  if (code.empty()) {
    return Invalid(path, fmt::format("{} is not a country (expected an ISO 3166 code such as "
                                     "\"CN\" or a country name)",
                                     core::Quote(*text)));
  }
  return code;
}

core::Result<double> Percent(const json& value, const std::string& path) {
  if (!value.is_number()) {
    return Invalid(path, fmt::format("expected a number 0..100, got {}", JsonTypeName(value)));
  }
  const double percent = value.get<double>();
  if (!std::isfinite(percent) || percent < 0 || percent > 100) {
    return Invalid(path, fmt::format("expected a number 0..100, got {}", value.dump()));
  }
  return percent;
}

const json* ArrayMember(const json& object, const char* key, const std::string& path,
                        core::Error& error, bool& failed) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  if (!it->is_array()) {
    error = Invalid(path, fmt::format("expected an array, got {}", JsonTypeName(*it)));
    failed = true;
    return nullptr;
  }
  return &*it;
}

core::Result<std::vector<Owner>> ParseOwners(const json& object, const std::string& path,
                                             int depth) {
  core::Error error;
  bool failed = false;
  const json* owners = ArrayMember(object, "owners", path + ".owners", error, failed);
  if (failed) return error;
  std::vector<Owner> result;
  if (owners == nullptr) return result;
  if (depth >= kMaxOwnerDepth) {
    return Invalid(path + ".owners",
                   fmt::format("owners nested deeper than {} levels", kMaxOwnerDepth));
  }
  double total = 0;
  for (std::size_t owner_idx = 0; owner_idx < owners->size(); ++owner_idx) {
    const json& node = (*owners)[owner_idx];
    const std::string owner_path = fmt::format("{}.owners[{}]", path, owner_idx);
    if (!node.is_object()) {
      return Invalid(owner_path, fmt::format("expected an object, got {}", JsonTypeName(node)));
    }
    Owner owner;
    auto name = RequiredString(node, "name", owner_path + ".name");
    if (!name) return name.error();
    owner.name = std::move(*name);
    auto country = OptionalCountry(node, "country", owner_path + ".country");
    if (!country) return country.error();
    owner.country = std::move(*country);
    const auto percent_it = node.find("percent");
    if (percent_it == node.end() || percent_it->is_null()) {
      return Invalid(owner_path + ".percent", "is required (share owned, 0..100)");
    }
    auto percent = Percent(*percent_it, owner_path + ".percent");
    if (!percent) return percent.error();
    owner.percent = *percent;
    total += owner.percent;
    auto sub = ParseOwners(node, owner_path, depth + 1);
    if (!sub) return sub.error();
    owner.owners = std::move(*sub);
    result.push_back(std::move(owner));
  }
  if (total > 100.0 + 1e-9) {
    return Invalid(path + ".owners",
                   fmt::format("owner shares add up to {:.4g}%, more than 100%", total));
  }
  return result;
}

// An optional boolean member; nullopt when absent or null.
core::Result<std::optional<bool>> OptionalBool(const json& object, const char* key,
                                               const std::string& path) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) {
    return Invalid(path, fmt::format("expected true or false, got {}", JsonTypeName(*it)));
  }
  return std::optional<bool>(it->get<bool>());
}

core::Result<Party> ParseParty(const json& node, const std::string& path) {
  if (!node.is_object()) {
    return Invalid(path, fmt::format("expected an object, got {}", JsonTypeName(node)));
  }
  Party party;
  auto role = RequiredString(node, "role", path + ".role");
  if (!role) return role.error();
  const auto parsed_role = ParseRole(*role);
  if (!parsed_role) {
    return Invalid(path + ".role", fmt::format("unknown role {} (expected one of: {})", core::Quote(*role),
                                               Joined(kRoleNames)));
  }
  party.role = *parsed_role;
  auto name = RequiredString(node, "name", path + ".name");
  if (!name) return name.error();
  party.name = std::move(*name);
  auto country = OptionalCountry(node, "country", path + ".country");
  if (!country) return country.error();
  party.country = std::move(*country);
  auto federal = OptionalBool(node, "federal", path + ".federal");
  if (!federal) return federal.error();
  party.federal = federal->value_or(false);
  auto owners = ParseOwners(node, path, 0);
  if (!owners) return owners.error();
  party.owners = std::move(*owners);
  return party;
}

core::Result<Item> ParseItem(const json& node, const std::string& path) {
  if (!node.is_object()) {
    return Invalid(path, fmt::format("expected an object, got {}", JsonTypeName(node)));
  }
  Item item;
  auto description = OptionalString(node, "description", path + ".description");
  if (!description) return description.error();
  item.description = std::move(*description);
  auto eccn = OptionalString(node, "eccn", path + ".eccn");
  if (!eccn) return eccn.error();
  if (!eccn->empty()) {
    auto normalized = NormalizeEccn(*eccn);
    if (!normalized) {
      return Invalid(path + ".eccn",
                     fmt::format("{} is not an ECCN (expected EAR99 or a Commerce Control "
                                 "List number such as 3A991, 1A004.c or 5A002.a.1)",
                                 core::Quote(*eccn)));
    }
    item.eccn = std::move(*normalized);
  }
  auto origin = OptionalCountry(node, "origin", path + ".origin");
  if (!origin) return origin.error();
  item.origin = std::move(*origin);
  auto ships_from = OptionalCountry(node, "ships_from", path + ".ships_from");
  if (!ships_from) return ships_from.error();
  item.ships_from = std::move(*ships_from);
  if (const auto it = node.find("us_content_percent"); it != node.end() && !it->is_null()) {
    auto percent = Percent(*it, path + ".us_content_percent");
    if (!percent) return percent.error();
    item.us_content_percent = *percent;
  }
  if (const auto it = node.find("direct_product"); it != node.end() && !it->is_null()) {
    if (!it->is_boolean()) {
      return Invalid(path + ".direct_product",
                     fmt::format("expected true or false, got {}", JsonTypeName(*it)));
    }
    item.direct_product = it->get<bool>();
  }
  if (const auto it = node.find("direct_product_of"); it != node.end() && !it->is_null()) {
    const auto eccn = it->is_string() ? NormalizeEccn(it->get<std::string>()) : std::nullopt;
    if (!eccn || *eccn == "EAR99") {
      return Invalid(path + ".direct_product_of",
                     fmt::format("expected the ECCN of US technology or software (e.g. \"3E001\"), "
                                 "got {}",
                                 it->dump()));
    }
    item.direct_product_of = *eccn;
    item.direct_product = true;
  }
  core::Error error;
  bool failed = false;
  if (const json* categories =
          ArrayMember(node, "categories", path + ".categories", error, failed)) {
    for (std::size_t idx = 0; idx < categories->size(); ++idx) {
      const json& category = (*categories)[idx];
      if (!category.is_string()) {
        return Invalid(fmt::format("{}.categories[{}]", path, idx),
                       fmt::format("expected a string, got {}", JsonTypeName(category)));
      }
      item.categories.push_back(category.get<std::string>());
      // The Note to ECCN 1A995 describes EAR99 items only (Supplement No. 1 to part 774).
      if (item.categories.back() == "note_to_1a995" && item.eccn != "EAR99") {
        return Invalid(
            fmt::format("{}.categories[{}]", path, idx),
            fmt::format("\"note_to_1a995\" applies only to EAR99 items (the Note to "
                        "ECCN 1A995 describes EAR99 items), not to {}",
                        item.eccn.empty() ? std::string("an item without ECCN") : item.eccn));
      }
    }
  }
  if (failed) return error;
  return item;
}

core::Result<Security> ParseSecurity(const json& node, const std::string& path) {
  if (!node.is_object()) {
    return Invalid(path, fmt::format("expected an object, got {}", JsonTypeName(node)));
  }
  Security security;
  auto isin = OptionalString(node, "isin", path + ".isin");
  if (!isin) return isin.error();
  if (!isin->empty()) {
    std::string upper;
    for (const char ch : *isin) {
      if (ch != ' ') upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    if (!IsValidIsin(upper)) {
      return Invalid(path + ".isin",
                     fmt::format("{} is not a valid ISIN (expected 2 letters, 9 letters or "
                                 "digits and a check digit, e.g. CNE100000PM8)",
                                 core::Quote(*isin)));
    }
    security.isin = std::move(upper);
  }
  auto ticker = OptionalString(node, "ticker", path + ".ticker");
  if (!ticker) return ticker.error();
  security.ticker = std::move(*ticker);
  auto issuer = OptionalString(node, "issuer", path + ".issuer");
  if (!issuer) return issuer.error();
  security.issuer = std::move(*issuer);
  if (security.isin.empty() && security.ticker.empty() && security.issuer.empty()) {
    return Invalid(path, "a security needs an isin, a ticker or an issuer");
  }
  auto action = RequiredString(node, "action", path + ".action");
  if (!action) return action.error();
  if (*action == "buy") {
    security.action = SecurityAction::kBuy;
  } else if (*action == "sell") {
    security.action = SecurityAction::kSell;
  } else {
    return Invalid(path + ".action",
                   fmt::format("unknown action {} (expected buy or sell)", core::Quote(*action)));
  }
  return security;
}

core::Result<Device> ParseDevice(const json& node, const std::string& path) {
  if (!node.is_object()) {
    return Invalid(path, fmt::format("expected an object, got {}", JsonTypeName(node)));
  }
  Device device;
  auto mac = OptionalString(node, "mac", path + ".mac");
  if (!mac) return mac.error();
  if (!mac->empty()) {
    auto normalized = NormalizeMac(*mac);
    if (!normalized) {
      return Invalid(path + ".mac",
                     fmt::format("{} is not a MAC address (expected 12 hex digits such as "
                                 "44:19:B6:12:34:56, 44-19-B6-12-34-56 or 4419.b612.3456)",
                                 core::Quote(*mac)));
    }
    device.mac = std::move(*normalized);
  }
  for (auto [key, field] :
       {std::pair{"brand", &device.brand}, std::pair{"manufacturer", &device.manufacturer},
        std::pair{"model", &device.model}, std::pair{"description", &device.description}}) {
    auto value = OptionalString(node, key, path + "." + key);
    if (!value) return value.error();
    *field = std::move(*value);
  }
  return device;
}

template <class T, class Fn>
core::Status ParseArray(const json& object, const char* key, Fn&& parse, std::vector<T>& out) {
  core::Error error;
  bool failed = false;
  const json* array = ArrayMember(object, key, key, error, failed);
  if (failed) return error;
  if (array == nullptr) return core::Ok();
  for (std::size_t idx = 0; idx < array->size(); ++idx) {
    auto value = parse((*array)[idx], fmt::format("{}[{}]", key, idx));
    if (!value) return value.error();
    out.push_back(std::move(*value));
  }
  return core::Ok();
}

core::Result<core::PartialDate> StrictDate(const std::string& text, const std::string& path) {
  const bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                     std::isdigit(static_cast<unsigned char>(text[0])) &&
                     std::isdigit(static_cast<unsigned char>(text[1])) &&
                     std::isdigit(static_cast<unsigned char>(text[2])) &&
                     std::isdigit(static_cast<unsigned char>(text[3])) &&
                     std::isdigit(static_cast<unsigned char>(text[5])) &&
                     std::isdigit(static_cast<unsigned char>(text[6])) &&
                     std::isdigit(static_cast<unsigned char>(text[8])) &&
                     std::isdigit(static_cast<unsigned char>(text[9]));
  const auto date = shape ? core::ParseDate(text) : std::nullopt;
  if (!date || !date->full()) {
    return Invalid(path, fmt::format("{} is not a calendar date (expected YYYY-MM-DD)", core::Quote(text)));
  }
  return *date;
}

}  // namespace

std::string_view TransactionTypeName(TransactionType type) {
  return core::NameIn(kTypeNames, type, "unknown");
}

std::optional<TransactionType> ParseTransactionType(std::string_view text) {
  return core::ValueIn(kTypeNames, text);
}

std::string_view RoleName(Role role) { return core::NameIn(kRoleNames, role, "unknown"); }

std::optional<Role> ParseRole(std::string_view text) { return core::ValueIn(kRoleNames, text); }

std::optional<std::string> NormalizeEccn(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.size() == 5) {
    std::string upper;
    for (const char ch : text)
      upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (upper == "EAR99") return upper;
  }
  // Export Control Classification Number: category digit, product group letter (A-E; x and Y
  // stand for a whole 500/600 series, "9x515", "0Y521"), three digits, then sub-paragraphs.
  if (text.size() < 5 || text.size() > 40) return std::nullopt;
  const auto digit = [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; };
  if (!digit(text[0]) || !digit(text[2]) || !digit(text[3]) || !digit(text[4])) {
    return std::nullopt;
  }
  const char group = static_cast<char>(std::toupper(static_cast<unsigned char>(text[1])));
  if (!(group >= 'A' && group <= 'E') && group != 'Y' && group != 'X') return std::nullopt;
  std::string out;
  out += text[0];
  out += group == 'X' ? 'x' : group;
  out.append(text.substr(2, 3));
  std::size_t pos = 5;
  while (pos < text.size()) {
    if (text[pos] != '.') return std::nullopt;
    ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && std::isalnum(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == start || pos - start > 4) return std::nullopt;
    out += '.';
    for (std::size_t idx = start; idx < pos; ++idx) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(text[idx])));
    }
  }
  return out;
}

bool EccnWithin(std::string_view item_eccn, std::string_view listed_eccn) {
  if (item_eccn.size() < listed_eccn.size()) return false;
  if (item_eccn.substr(0, listed_eccn.size()) != listed_eccn) return false;
  return item_eccn.size() == listed_eccn.size() || item_eccn[listed_eccn.size()] == '.';
}

bool IsValidIsin(std::string_view isin) {
  if (isin.size() != 12) return false;
  if (!std::isupper(static_cast<unsigned char>(isin[0])) ||
      !std::isupper(static_cast<unsigned char>(isin[1]))) {
    return false;
  }
  std::string digits;
  for (std::size_t idx = 0; idx < 11; ++idx) {
    const char ch = isin[idx];
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      digits += ch;
    } else if (std::isupper(static_cast<unsigned char>(ch))) {
      digits += std::to_string(ch - 'A' + 10);
    } else {
      return false;
    }
  }
  if (!std::isdigit(static_cast<unsigned char>(isin[11]))) return false;
  // Luhn: double every second digit from the right of the payload (the check digit excluded).
  int sum = 0;
  bool double_it = true;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int value = *it - '0';
    if (double_it) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double_it = !double_it;
  }
  return (10 - sum % 10) % 10 == isin[11] - '0';
}

std::optional<std::string> NormalizeMac(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::string hex;
  std::size_t group = 0;
  char separator = 0;
  std::vector<std::size_t> groups;
  for (const char ch : text) {
    if (std::isxdigit(static_cast<unsigned char>(ch))) {
      hex += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      ++group;
    } else if (ch == ':' || ch == '-' || ch == '.') {
      if (separator != 0 && ch != separator) return std::nullopt;
      separator = ch;
      groups.push_back(group);
      group = 0;
    } else {
      return std::nullopt;
    }
  }
  groups.push_back(group);
  if (hex.size() != 12) return std::nullopt;
  if (separator == 0) return hex;
  const std::size_t want = separator == '.' ? 4 : 2;
  for (const std::size_t size : groups) {
    if (size != want) return std::nullopt;
  }
  return hex;
}

core::Result<Transaction> TransactionFromJson(const json& root) {
  if (!root.is_object()) {
    return Invalid("", fmt::format("a transaction is a JSON object, got {}", JsonTypeName(root)));
  }
  Transaction tx;
  auto type = RequiredString(root, "type", "type");
  if (!type) return type.error();
  const auto parsed_type = ParseTransactionType(*type);
  if (!parsed_type) {
    return Invalid("type", fmt::format("unknown transaction type {} (expected one of: {})",
                                       core::Quote(*type), Joined(kTypeNames)));
  }
  tx.type = *parsed_type;
  auto date_text = RequiredString(root, "date", "date");
  if (!date_text) return date_text.error();
  auto date = StrictDate(*date_text, "date");
  if (!date) return date.error();
  tx.date = *date;
  auto destination = OptionalCountry(root, "destination", "destination");
  if (!destination) return destination.error();
  tx.destination = std::move(*destination);
  auto ships_from = OptionalCountry(root, "ships_from", "ships_from");
  if (!ships_from) return ships_from.error();
  tx.ships_from = std::move(*ships_from);
  auto federal = OptionalBool(root, "federal", "federal");
  if (!federal) return federal.error();
  tx.federal = *federal;

  if (auto status = ParseArray<Party>(root, "parties", ParseParty, tx.parties); !status) {
    return status.error();
  }
  if (auto status = ParseArray<Item>(root, "items", ParseItem, tx.items); !status) {
    return status.error();
  }
  if (auto status = ParseArray<Security>(root, "securities", ParseSecurity, tx.securities);
      !status) {
    return status.error();
  }
  if (auto status = ParseArray<Device>(root, "devices", ParseDevice, tx.devices); !status) {
    return status.error();
  }
  if (const auto it = root.find("amount"); it != root.end() && !it->is_null()) {
    if (it->is_number()) {
      tx.amount = it->dump();
    } else if (it->is_string()) {
      tx.amount = it->get<std::string>();
      char* end = nullptr;
      const double value = std::strtod(tx.amount.c_str(), &end);
      if (tx.amount.empty() || end != tx.amount.c_str() + tx.amount.size() ||
          !std::isfinite(value)) {
        return Invalid("amount", fmt::format("{} is not a number", core::Quote(tx.amount)));
      }
    } else {
      return Invalid("amount", fmt::format("expected a number, got {}", JsonTypeName(*it)));
    }
  }
  auto currency = OptionalString(root, "currency", "currency");
  if (!currency) return currency.error();
  tx.currency = std::move(*currency);
  return tx;
}

core::Result<Transaction> ParseTransaction(std::string_view json_text) {
  if (json_text.size() > kMaxInputBytes) {
    return Invalid("", fmt::format("transaction is {} bytes, more than the {} allowed",
                                   json_text.size(), kMaxInputBytes));
  }
  json root;
  try {
    root = json::parse(json_text.begin(), json_text.end());
  } catch (const json::exception& error) {
    return Invalid("", fmt::format("not valid JSON: {}", error.what()));
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal,
                           fmt::format("reading the transaction failed: {}", error.what()));
  }
  return TransactionFromJson(root);
}

}  // namespace redflag::rules
