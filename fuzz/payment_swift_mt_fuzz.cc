// Fuzzes the SWIFT MT payment parser (MT103, MT202, MT202 COV): arbitrary bytes ->
// ParseSwiftMt. Nothing may crash, hang or throw. A message that parses has a field 20 of at
// most 16 characters, a full value date, parties named or with a BIC of ISO 9362 form, name
// lines of at most 35 characters (two when a wrapped name was joined) and free text from 70/72
// only. An error must name its field or block and quote input printably.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "payments/message.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto message = redflag::payments::ParseSwiftMt(text, "fuzz.txt");
  if (!message) {
    const auto& error = message.error();
    if (error.message.empty()) std::abort();
    if (error.where.field.empty()) std::abort();
    for (const char c : error.message) {
      if (c == '\n' || c == '\0') std::abort();
    }
    return 0;
  }
  if (message->message_id.empty() || message->message_id.size() > 16 * 4) std::abort();
  if (!message->date.full()) std::abort();
  for (const auto& party : message->parties) {
    if (party.name.empty() && party.bic.empty()) std::abort();
    if (!party.bic.empty() && !redflag::payments::IsBic(party.bic)) std::abort();
    if (party.name.size() > 2 * 35 * 4 + 35 * 4 * 4) std::abort();
  }
  for (const auto& text_field : message->free_text) {
    if (text_field.source != "70" && text_field.source != "72") std::abort();
  }
  return 0;
}
