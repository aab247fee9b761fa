// Fuzzes the ISO 20022 payment parser (pacs.008, pacs.009, pain.001): arbitrary bytes ->
// ParseIso20022. Nothing may crash, hang or throw. A message that parses must keep its
// promises: a message id of at most 35 characters, a full date, every party named or with a
// BIC, every BIC of ISO 9362 form; it becomes a payment transaction with one party per party.
// An error must name where (element or line) and quote input printably.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "payments/message.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto message = redflag::payments::ParseIso20022(text, "fuzz.xml");
  if (!message) {
    if (message.error().message.empty()) std::abort();
    for (const char c : message.error().message) {
      if (c == '\n' || c == '\0') std::abort();
    }
    return 0;
  }
  if (message->message_id.empty() || message->message_id.size() > 35 * 4) std::abort();
  if (!message->date.full()) std::abort();
  for (const auto& party : message->parties) {
    if (party.name.empty() && party.bic.empty()) std::abort();
    if (!party.bic.empty() && !redflag::payments::IsBic(party.bic)) std::abort();
    if (!party.country.empty() && party.country.size() != 2) std::abort();
  }
  const auto tx = redflag::payments::ToTransaction(*message);
  if (tx.parties.size() != message->parties.size()) std::abort();
  for (const auto& party : tx.parties) {
    if (party.name.empty()) std::abort();
  }
  return 0;
}
