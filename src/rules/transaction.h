// The transaction `redflag decide` judges (docs/architecture.md, "Transaction"), read from JSON
// with strict validation: an unknown type or role, a field of the wrong type, a malformed ECCN,
// ISIN or MAC, a percentage outside 0..100 or an impossible date gives an Error kInvalidArgument
// whose Location.field is the JSON path ("parties[1].role") and whose message says what was
// expected. Unknown extra keys are allowed and ignored.
//
// Plain value types; functions are pure and thread-safe; nothing throws.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/entity.h"
#include "core/error.h"

namespace redflag::rules {

enum class TransactionType : std::uint8_t {
  kExport,
  kReexport,
  kTransfer,
  kPayment,
  kInvestment,
  kProcurement,
  kOnboarding,
};
std::string_view TransactionTypeName(TransactionType type);  // "export", ...
std::optional<TransactionType> ParseTransactionType(std::string_view text);

enum class Role : std::uint8_t {
  kExporter,
  kPurchaser,
  kIntermediateConsignee,
  kUltimateConsignee,
  kEndUser,
  kForwardingAgent,
  kOriginator,
  kBeneficiary,
  kOriginatorBank,
  kBeneficiaryBank,
  kIntermediaryBank,
  kInvestor,
  kIssuer,
  kVendor,
  kManufacturer,
  kCustomer,
  kUltimateDebtor,    // payments: the party the originator pays on behalf of (ISO 20022 UltmtDbtr)
  kUltimateCreditor,  // payments: the party the beneficiary is paid for (ISO 20022 UltmtCdtr)
};
std::string_view RoleName(Role role);  // "ultimate_consignee", ...
std::optional<Role> ParseRole(std::string_view text);

// An owner of a party (for the OFAC 50 percent rule and the BIS Affiliates rule); owners may
// have owners of their own.
struct Owner {
  std::string name;
  std::string country;  // ISO alpha-2, "" when not given
  double percent = 0;   // share of the owned company, 0..100
  std::vector<Owner> owners;
};

struct Party {
  Role role = Role::kCustomer;
  std::string name;
  std::string country;  // ISO alpha-2, "" when not given
  // The party is a US executive agency or acts under a federal contract or grant (the federal
  // nexus of NDAA FY2019 s.889).
  bool federal = false;
  std::vector<Owner> owners;
  // Identifiers stated for the party (a bank's BIC); passed to screening with the name. Not read
  // from transaction JSON.
  std::vector<core::Identifier> identifiers;
};

struct Item {
  std::string description;
  std::string eccn;    // normalized ("EAR99", "1A004.c"); "" when not given
  std::string origin;  // ISO alpha-2; "" when not given
  // Where the item is when it is exported (ISO alpha-2); "" = the transaction's ships_from, else
  // the exporter's country. Every item in the US is subject to the EAR (15 CFR 734.3(a)(1)).
  std::string ships_from;
  std::optional<double> us_content_percent;  // US-controlled content, 0..100
  bool direct_product = false;               // foreign direct product of US technology/software
  // The ECCN of the US technology or software the item (or the plant that made it) is a direct
  // product of, e.g. "3E001"; decides the FDP footnotes' product scope (15 CFR 734.9). Setting it
  // sets direct_product.
  std::string direct_product_of;
  // Optional categories an analyst may state, used by licence review policies:
  // "note_to_1a995", "infectious_disease", "food", "medicine".
  std::vector<std::string> categories;
};

enum class SecurityAction : std::uint8_t { kBuy, kSell };
struct Security {
  std::string isin;  // upper case, check digit verified; "" when not given
  std::string ticker;
  std::string issuer;
  SecurityAction action = SecurityAction::kBuy;
};

struct Device {
  std::string mac;  // 12 upper-case hex digits without separators; "" when not given
  std::string brand;
  std::string manufacturer;
  std::string model;
  std::string description;
};

struct Transaction {
  TransactionType type = TransactionType::kExport;
  core::PartialDate date;   // always a full date
  std::string destination;  // ISO alpha-2; "" when not given
  std::string ships_from;   // default for items' ships_from; "" when not given
  // true: a US executive agency, federal contractor or grant is involved (NDAA s.889 applies);
  // false: stated private; nullopt: not stated (a party with "federal": true also counts).
  std::optional<bool> federal;
  std::vector<Party> parties;
  std::vector<Item> items;
  std::vector<Security> securities;
  std::vector<Device> devices;
  std::string amount;  // as given ("25000.00"); "" when not given
  std::string currency;
};

// Parses and validates a transaction. Fails with kInvalidArgument (see above); JSON syntax
// errors give kInvalidArgument with the byte offset in the message. Input over 4 MiB, or owners
// nested deeper than 16 levels, is rejected.
core::Result<Transaction> ParseTransaction(std::string_view json_text);
core::Result<Transaction> TransactionFromJson(const nlohmann::json& json);

// Validators and normalizers shared with the rule engine and its tests.
// ECCN: "EAR99" or a Commerce Control List number such as 3A991, 1A004.c, 5A002.a.1, 0Y521,
// 9x515, 6A003.b.4. Returns the normalized form (product group upper case, sub-paragraphs lower
// case) or nullopt.
std::optional<std::string> NormalizeEccn(std::string_view text);
// True when `item_eccn` is `listed_eccn` or one of its sub-paragraphs (1A004.c.1 is under
// 1A004.c; 1A004.cd is not). Both must be normalized.
bool EccnWithin(std::string_view item_eccn, std::string_view listed_eccn);
// ISIN: 2 letters, 9 letters/digits, 1 check digit (ISO 6166, Luhn over the expanded digits).
bool IsValidIsin(std::string_view isin);
// MAC address: 12 hex digits, plain or grouped by ':'/'-' in pairs or by '.' in fours. Returns
// the 12 upper-case hex digits or nullopt.
std::optional<std::string> NormalizeMac(std::string_view text);

}  // namespace redflag::rules
