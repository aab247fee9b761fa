#include "payments/message.h"

#include <fmt/format.h>

#include "core/quote.h"
#include "payments/message_internal.h"

namespace redflag::payments {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpperOrDigit(char c) { return IsUpper(c) || IsDigit(c); }

}  // namespace

// Each well-formed UTF-8 sequence counts one; every byte of an invalid sequence counts one too,
// so that no bytes escape a length limit (a run of stray continuation bytes is as long as it is).
std::size_t Utf8Length(std::string_view text) {
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    const std::size_t length = lead < 0x80           ? 1
                               : (lead >> 5) == 0x6  ? 2
                               : (lead >> 4) == 0xE  ? 3
                               : (lead >> 3) == 0x1E ? 4
                                                     : 0;
    bool valid = length > 0 && pos + length <= text.size();
    for (std::size_t idx = 1; valid && idx < length; ++idx) {
      valid = (static_cast<unsigned char>(text[pos + idx]) & 0xC0) == 0x80;
    }
    pos += valid ? length : 1;
    ++count;
  }
  return count;
}

bool IsCountryCode(std::string_view text) {
  return text.size() == 2 && IsUpper(text[0]) && IsUpper(text[1]);
}

bool IsCurrencyCode(std::string_view text) {
  return text.size() == 3 && IsUpper(text[0]) && IsUpper(text[1]) && IsUpper(text[2]);
}

bool IsDecimalAmount(std::string_view text) {
  std::size_t digits = 0;
  std::size_t decimals = 0;
  bool dot = false;
  for (const char c : text) {
    if (c == '.') {
      if (dot || digits == 0) return false;
      dot = true;
    } else if (IsDigit(c)) {
      ++digits;
      if (dot) ++decimals;
    } else {
      return false;
    }
  }
  return digits > 0 && digits <= 18 && decimals <= 5 && text.back() != '.';
}

std::optional<core::PartialDate> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (const std::size_t pos : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(text[pos])) return std::nullopt;
  }
  auto date = core::ParseDate(text);
  if (!date || !date->full()) return std::nullopt;
  return date;
}

bool IsBic(std::string_view text) {
  if (text.size() != 8 && text.size() != 11) return false;
  for (std::size_t pos = 0; pos < 6; ++pos) {
    if (!IsUpper(text[pos])) return false;
  }
  for (std::size_t pos = 6; pos < text.size(); ++pos) {
    if (!IsUpperOrDigit(text[pos])) return false;
  }
  return true;
}

core::Result<PaymentMessage> ParsePaymentMessage(std::string_view bytes,
                                                 std::string_view file_name) {
  std::size_t start = 0;
  // A UTF-8 byte order mark and leading blank lines are common in exported messages.
  if (bytes.starts_with("\xEF\xBB\xBF")) start = 3;
  while (start < bytes.size() && (bytes[start] == ' ' || bytes[start] == '\n' ||
                                  bytes[start] == '\r' || bytes[start] == '\t')) {
    ++start;
  }
  if (start < bytes.size() && bytes[start] == '<') return ParseIso20022(bytes, file_name);
  if (start < bytes.size() && bytes[start] == '{') return ParseSwiftMt(bytes, file_name);
  return core::MakeError(
      core::ErrorCode::kInvalidArgument,
      fmt::format("not a payment message: expected ISO 20022 XML ('<') or a SWIFT MT message "
                  "('{{1:'), found {}",
                  core::Quote(bytes.substr(start, 16))),
      core::Location{.file = std::string(file_name)});
}

rules::Transaction ToTransaction(const PaymentMessage& message) {
  rules::Transaction tx;
  tx.type = rules::TransactionType::kPayment;
  tx.date = message.date;
  tx.amount = message.amount;
  tx.currency = message.currency;
  for (const PaymentParty& party : message.parties) {
    rules::Party out;
    out.role = party.role;
    out.name = party.name.empty() ? party.bic : party.name;
    out.country = party.country;
    if (!party.bic.empty()) {
      out.identifiers.push_back(
          core::Identifier{.type = core::IdType::kBic, .type_raw = "BIC", .value = party.bic});
    }
    tx.parties.push_back(std::move(out));
  }
  return tx;
}

}  // namespace redflag::payments
