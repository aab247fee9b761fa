// POST /v1/payments: one payment message (ISO 20022 XML or SWIFT MT text as the body, or JSON
// {"message": "…"}) -> the decision JSON of `redflag pay check` (docs/payments.md).
#include <mutex>

#include "api/handlers_internal.h"
#include "payments/checker.h"
#include "payments/message.h"

namespace redflag::api::internal {
namespace {

// One PaymentChecker per served generation, built on the first payment after a swap (it indexes
// the listed BICs of the snapshot). The weak pointer tells whether the generation is still the
// one it was built for without keeping an old generation alive.
std::shared_ptr<const payments::PaymentChecker> CheckerFor(
    const std::shared_ptr<const engine::Generation>& generation, core::Error& error) {
  static std::mutex mutex;
  static std::weak_ptr<const engine::Generation> built_for;
  static std::shared_ptr<const payments::PaymentChecker> checker;
  std::lock_guard lock(mutex);
  if (checker != nullptr && built_for.lock() == generation) return checker;
  auto made = payments::PaymentChecker::Make(generation->decider->rules(), generation->snapshot,
                                             {}, generation->screener);
  if (!made) {
    error = made.error();
    return nullptr;
  }
  checker = std::move(*made);
  built_for = generation;
  return checker;
}

// The message text: the body itself, or the "message" string of a JSON object body. An MT
// message starts with "{1:" too; a JSON object has '"' or '}' after its brace.
core::Result<std::string> MessageText(const Call& call) {
  const std::string& body = call.request.body;
  const std::size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || body[first] != '{') return body;
  const std::size_t second = body.find_first_not_of(" \t\r\n", first + 1);
  if (second == std::string::npos || (body[second] != '"' && body[second] != '}')) return body;
  auto object = ParseJsonObject(body, call.options.body);
  if (!object) return object.error();
  if (auto known = OnlyKnownFields(*object, {"message"}, ""); !known) return known.error();
  return RequiredString(*object, "message", "message");
}

}  // namespace

Response CheckPayment(const Call& call) {
  auto text = MessageText(call);
  if (!text) return ErrorResponse(text.error());
  std::optional<core::PartialDate> as_of;
  if (const std::string_view date_text = call.request.Param("as_of"); !date_text.empty()) {
    const auto date = core::ParseDate(date_text);
    if (!date || !date->full()) {
      return ErrorResponse(400, "invalid_argument", "as_of must be a date YYYY-MM-DD", "as_of");
    }
    as_of = *date;
  }
  auto message = payments::ParsePaymentMessage(*text);
  if (!message) return ErrorResponse(message.error());
  Response unavailable;
  const auto generation = ServedGeneration(call, unavailable);
  if (generation == nullptr) return unavailable;
  if (generation->decider == nullptr) {
    return ErrorResponse(503, "unavailable", "this server was started without the rule set");
  }
  core::Error error;
  const auto checker = CheckerFor(generation, error);
  if (checker == nullptr) return ErrorResponse(error);
  auto result = checker->Check(std::move(*message), as_of);
  if (!result) return ErrorResponse(result.error());
  nlohmann::json out =
      nlohmann::json::parse(payments::PaymentResultToJson(*result, -1), nullptr, false);
  const nlohmann::json audit = {{"message_id", result->message.message_id},
                                {"format", result->message.format},
                                {"as_of", as_of ? as_of->ToString() : ""},
                                {"outcome", out.value("outcome", "")},
                                {"list_versions", ListVersionsJson(*generation)}};
  Response failure;
  if (!Audit(call, "payment", audit, failure)) return failure;
  return JsonResponse(out);
}

}  // namespace redflag::api::internal
