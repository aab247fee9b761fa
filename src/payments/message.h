// A payment message as screening needs it: who pays whom, through which banks, on which date,
// and the free text that travels with it (docs/payments.md).
//
// Parsers for ISO 20022 XML (pacs.008, pacs.009, pain.001) and SWIFT MT (MT103, MT202, MT202
// COV) fill the same PaymentMessage. They validate what screening relies on: a bad message
// (not well formed, an unknown namespace or message type, a truncated block, a field or element
// too long or of the wrong form, a required element missing) gives an Error whose Location names
// the element or field ("CdtTrfTxInf/Cdtr/Nm", "50K") and, for XML, the line; input in messages
// is quoted with core::Quote. Nothing throws; functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "rules/transaction.h"

namespace redflag::payments {

// Largest message accepted (a pacs.008 with many transactions is a few hundred KB).
inline constexpr std::size_t kMaxMessageBytes = 4u << 20;

// One party or agent of the message. `name` may be empty for a BIC-only agent (then `bic` is set).
struct PaymentParty {
  rules::Role role = rules::Role::kOriginator;
  std::string name;
  std::string bic;      // 8 or 11 characters, upper case; "" when not given
  std::string country;  // ISO alpha-2 from the structured address or the BIC; "" when unknown
  std::string account;  // IBAN or other account, as given
  std::vector<std::string> address_lines;  // unstructured lines (scanned as free text)
  std::string source;  // where in the message: "CdtTrfTxInf[1]/Cdtr", "59F", "block 1"
};

// Free text that may mention a party: remittance information, instructions, fields 70/72,
// unstructured address lines.
struct FreeText {
  std::string source;  // "RmtInf/Ustrd", "70", "50K address"
  std::string text;
};

struct PaymentMessage {
  std::string format;      // "pacs.008.001.08", "pain.001.001.09", "MT103", "MT202 COV"
  std::string message_id;  // GrpHdr/MsgId, or field 20
  core::PartialDate date;  // settlement / execution date; always a full date
  std::string amount;      // of the first transaction, as "25000.00"; "" when not given
  std::string currency;
  std::vector<PaymentParty> parties;
  std::vector<FreeText> free_text;
};

// ISO 20022: the Document's namespace picks the message (urn:iso:std:iso:20022:tech:xsd:
// pacs.008.001.NN, pacs.009.001.NN, pain.001.001.NN). `file_name` is used in locations only.
core::Result<PaymentMessage> ParseIso20022(std::string_view xml, std::string_view file_name = {});
// SWIFT MT103 / MT202 / MT202 COV in the FIN block format ({1:...}{2:...}{3:...}{4:...-}).
core::Result<PaymentMessage> ParseSwiftMt(std::string_view text, std::string_view file_name = {});
// Either, by the first non-blank byte ('<' is XML, '{' is MT).
core::Result<PaymentMessage> ParsePaymentMessage(std::string_view bytes,
                                                 std::string_view file_name = {});

// The transaction the rule engine decides: type payment, the message's date, amount, currency
// and every party (a BIC-only agent is named by its BIC and carries it as an identifier).
rules::Transaction ToTransaction(const PaymentMessage& message);

// Shared checks. A BIC is 4 letters (institution), 2 letters (country), 2 letters or digits
// (location), optionally 3 letters or digits (branch) — ISO 9362.
bool IsBic(std::string_view text);

}  // namespace redflag::payments
