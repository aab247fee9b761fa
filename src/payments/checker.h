// `redflag pay check`: a payment message -> the parties and agents screened with their roles,
// the names found in its free text, and the decision of the rule engine (docs/payments.md).
//
// Every party and agent becomes a party of a rules::Transaction of type payment, decided by the
// existing rules::Decider: an SDN (or a 50 % owned party) is blocked with 31 CFR 501.603/501.604
// reporting, an Entity List party is review, a possible match is review. Agents are also found
// by BIC: a listed bank whose stated SWIFT/BIC has the same first 8 characters (institution,
// country, location) is a hit with score 1. Free text (remittance information, instructions,
// fields 70/72, unstructured address lines) is scanned in windows of 1..max_window_words words
// against the lists with the stricter `text_threshold` (only windows that start and end with a
// word of some listed name); a name found there makes the outcome at
// least review (a person must look), never blocked by itself.
//
// Thread-safety: a PaymentChecker is immutable after Make(); Check() may run on many threads.
// Lifetime: it keeps the snapshot alive; entity pointers in its results stay valid as long as it.
// Failure: Check() returns the Decider's error (kInvalidArgument naming the party's field);
// nothing throws.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "index/snapshot.h"
#include "match/screener.h"
#include "payments/message.h"
#include "rules/decider.h"
#include "rules/decision.h"
#include "rules/rule_set.h"

namespace redflag::payments {

// A free-text window must score at least this to count: higher than the alert threshold because
// a window of words cut from a sentence matches many names loosely.
inline constexpr double kTextThreshold = 0.92;

struct CheckOptions {
  double text_threshold = kTextThreshold;
  std::size_t max_window_words = 8;  // longest window of words screened in free text
  bool scan_free_text = true;
};

// A listed name found inside free text.
struct TextHit {
  std::string source;  // FreeText::source
  std::string window;  // the words that matched
  rules::HitSummary hit;
};

struct PaymentResult {
  PaymentMessage message;
  rules::Decision decision;
  std::vector<TextHit> text_hits;
};

class PaymentChecker {
 public:
  // `screener`, when given, must screen `snapshot` (the engine's one Screener); otherwise one
  // is built.
  static core::Result<std::unique_ptr<PaymentChecker>> Make(
      rules::RuleSet rules, std::shared_ptr<const index::Snapshot> snapshot,
      CheckOptions options = {}, std::shared_ptr<const match::Screener> screener = nullptr);

  core::Result<PaymentResult> Check(PaymentMessage message,
                                    std::optional<core::PartialDate> as_of = std::nullopt) const;

  // Listed entities (in the snapshot) stating this BIC, by its first 8 characters.
  std::vector<const core::Entity*> EntitiesWithBic(std::string_view bic) const;

 private:
  PaymentChecker() = default;
  std::vector<TextHit> ScanText(const PaymentMessage& message) const;

  std::shared_ptr<const index::Snapshot> snapshot_;
  std::shared_ptr<const match::Screener> screener_;
  std::unique_ptr<rules::Decider> decider_;
  std::unordered_map<std::string, std::vector<const core::Entity*>> by_bic8_;
  CheckOptions options_;
};

// The DESIGN.md decision document plus "message_id", "format" and "message" (the parsed parties
// with their source element or field) and "text_hits".
std::string PaymentResultToJson(const PaymentResult& result, int indent = 2);

}  // namespace redflag::payments
