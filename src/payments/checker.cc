#include "payments/checker.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "core/json_text.h"

namespace redflag::payments {
namespace {

std::vector<std::string> ListNames(const core::Entity& entity) {
  std::vector<std::string> out;
  for (const core::Listing& listing : entity.listings) {
    std::string name = listing.list_name.empty() ? listing.list_code : listing.list_name;
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

// An identifier hit: the listed bank that states this BIC, with the other entities of its party.
match::Hit BicHit(const index::Snapshot& snapshot, const core::Entity& entity,
                  const std::string& bic) {
  match::Hit hit;
  hit.entity = &entity;
  for (const std::uint32_t idx : snapshot.PartyOf(snapshot.IndexOf(&entity))) {
    const core::Entity* member = &snapshot.entities()[idx];
    if (member != &entity) hit.same_party.push_back(member);
  }
  hit.same_party.insert(hit.same_party.begin(), &entity);
  hit.score = 1.0;
  hit.explanation.matched_name = "BIC " + bic;
  hit.explanation.adjustments.push_back(match::Adjustment{"BIC " + bic + " is listed", 0});
  for (const core::Entity* member : hit.same_party) {
    for (std::string& name : ListNames(*member)) {
      if (std::find(hit.lists.begin(), hit.lists.end(), name) == hit.lists.end()) {
        hit.lists.push_back(std::move(name));
      }
    }
  }
  return hit;
}

// Words of free text: runs of anything but blanks and the separators payment texts use.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    const bool separator = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' ||
                           c == ':' || c == ';' || c == ',' || c == '(' || c == ')' || c == '+';
    if (!separator) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// True when `word` may be part of a listed name: it is not ASCII (folding decides), or its
// letters and digits, lower-cased, are a token of some listed name. A window that starts or ends
// with any other word cannot be the whole of a listed name, so it is not screened: this keeps the
// scan to a few screenings per line of text.
bool MayBeListed(const index::Snapshot& snapshot, std::string_view word) {
  std::string key;
  for (const char c : word) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
    if (c >= 'A' && c <= 'Z')
      key += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      key += c;
  }
  return !key.empty() && snapshot.Lookup(key) != index::kNoToken;
}

// A single word screens only when it is long enough to be a name by itself: short words alone
// are codes and abbreviations that match too many listed names.
constexpr std::size_t kMinSingleWordBytes = 5;

}  // namespace

core::Result<std::unique_ptr<PaymentChecker>> PaymentChecker::Make(
    rules::RuleSet rules, std::shared_ptr<const index::Snapshot> snapshot, CheckOptions options,
    std::shared_ptr<const match::Screener> screener) {
  std::unique_ptr<PaymentChecker> checker(new PaymentChecker());
  checker->snapshot_ = snapshot;
  checker->screener_ =
      screener != nullptr ? std::move(screener) : std::make_shared<const match::Screener>(snapshot);
  checker->options_ = options;
  for (const core::Entity& entity : snapshot->entities()) {
    for (const core::Identifier& identifier : entity.identifiers) {
      if (identifier.type != core::IdType::kBic) continue;
      const std::string key = core::IdentifierKey(identifier.value);
      if (key.size() < 8 || !IsBic(key.substr(0, 8))) continue;
      auto& entities = checker->by_bic8_[key.substr(0, 8)];
      if (std::find(entities.begin(), entities.end(), &entity) == entities.end()) {
        entities.push_back(&entity);
      }
    }
  }
  const PaymentChecker* self = checker.get();
  rules::ScreenFn screen_lists =
      [self, alert = rules::kAlertThreshold](
          const match::Query& query) -> core::Result<std::vector<match::Hit>> {
    auto hits = self->screener_->Screen(
        query, match::ScreenOptions{.threshold = alert, .limit = 20, .explain = false});
    if (!hits) return hits;
    for (const core::Identifier& identifier : query.identifiers) {
      if (identifier.type != core::IdType::kBic) continue;
      for (const core::Entity* entity : self->EntitiesWithBic(identifier.value)) {
        auto same = std::find_if(hits->begin(), hits->end(), [&](const match::Hit& hit) {
          return std::find(hit.same_party.begin(), hit.same_party.end(), entity) !=
                 hit.same_party.end();
        });
        if (same != hits->end()) hits->erase(same);
        hits->insert(hits->begin(), BicHit(*self->snapshot_, *entity, identifier.value));
      }
    }
    return hits;
  };
  checker->decider_ = std::make_unique<rules::Decider>(std::move(rules), snapshot->entities(),
                                                       std::move(screen_lists));
  return checker;
}

std::vector<const core::Entity*> PaymentChecker::EntitiesWithBic(std::string_view bic) const {
  const std::string key = core::IdentifierKey(bic);
  if (key.size() < 8) return {};
  const auto it = by_bic8_.find(key.substr(0, 8));
  return it == by_bic8_.end() ? std::vector<const core::Entity*>{} : it->second;
}

std::vector<TextHit> PaymentChecker::ScanText(const PaymentMessage& message) const {
  std::vector<TextHit> out;
  std::vector<FreeText> texts = message.free_text;
  for (const PaymentParty& party : message.parties) {
    for (const std::string& line : party.address_lines) {
      texts.push_back(FreeText{party.source + " address", line});
    }
  }
  const match::ScreenOptions screen{
      .threshold = options_.text_threshold, .limit = 3, .explain = false};
  for (const FreeText& text : texts) {
    const std::vector<std::string> words = Words(text.text);
    std::vector<bool> known(words.size());
    for (std::size_t idx = 0; idx < words.size(); ++idx) {
      known[idx] = MayBeListed(*snapshot_, words[idx]);
    }
    for (std::size_t first = 0; first < words.size(); ++first) {
      if (!known[first]) continue;
      std::string window;
      for (std::size_t count = 1;
           count <= options_.max_window_words && first + count <= words.size(); ++count) {
        const std::size_t last = first + count - 1;
        window += (count == 1 ? "" : " ") + words[last];
        if (!known[last] || (count == 1 && words[first].size() < kMinSingleWordBytes)) continue;
        auto hits = screener_->Screen(match::Query{.name = window}, screen);
        if (!hits) continue;  // a window the screener refuses (only a legal form) names nobody
        for (const match::Hit& hit : *hits) {
          auto same = std::find_if(out.begin(), out.end(), [&](const TextHit& seen) {
            return seen.hit.entity_id == hit.entity->id;
          });
          if (same != out.end() && same->hit.score >= hit.score) continue;
          TextHit found{text.source, window,
                        rules::HitSummary{hit.entity->id, hit.entity->primary_name(),
                                          hit.explanation.matched_name, hit.score, hit.lists}};
          if (same != out.end()) {
            *same = std::move(found);
          } else {
            out.push_back(std::move(found));
          }
        }
      }
    }
  }
  return out;
}

core::Result<PaymentResult> PaymentChecker::Check(PaymentMessage message,
                                                  std::optional<core::PartialDate> as_of) const {
  auto decision = decider_->Decide(ToTransaction(message), as_of);
  if (!decision) return decision.error();
  PaymentResult result{std::move(message), std::move(*decision), {}};
  if (options_.scan_free_text) result.text_hits = ScanText(result.message);
  if (!result.text_hits.empty()) {
    if (result.decision.outcome < rules::Effect::kReview) {
      result.decision.outcome = rules::Effect::kReview;
    }
    std::set<std::string> names;
    for (const TextHit& hit : result.text_hits) names.insert(hit.hit.name);
    std::string joined;
    for (const std::string& name : names) joined += (joined.empty() ? "" : "; ") + name;
    result.decision.explanation += fmt::format(
        " The message's free text names listed parties ({}): a person must review it before the "
        "payment is released.",
        joined);
  }
  return result;
}

std::string PaymentResultToJson(const PaymentResult& result, int indent) {
  using nlohmann::json;
  json out = rules::DecisionJson(result.decision);
  const PaymentMessage& message = result.message;
  out["message_id"] = message.message_id;
  out["format"] = message.format;
  // Decision parties are the message's parties in order (ToTransaction): add where each is.
  json& parties = out["parties"];
  for (std::size_t idx = 0; idx < parties.size() && idx < message.parties.size(); ++idx) {
    const PaymentParty& party = message.parties[idx];
    parties[idx]["source"] = party.source;
    if (!party.bic.empty()) parties[idx]["bic"] = party.bic;
    if (!party.account.empty()) parties[idx]["account"] = party.account;
    if (!party.address_lines.empty()) parties[idx]["address_lines"] = party.address_lines;
  }
  json free_text = json::array();
  for (const FreeText& text : message.free_text) {
    free_text.push_back(json{{"source", text.source}, {"text", text.text}});
  }
  out["message"] = json{{"format", message.format},        {"message_id", message.message_id},
                        {"date", message.date.ToString()}, {"amount", message.amount},
                        {"currency", message.currency},    {"free_text", free_text}};
  json text_hits = json::array();
  for (const TextHit& hit : result.text_hits) {
    text_hits.push_back(json{{"source", hit.source},
                             {"window", hit.window},
                             {"entity_id", hit.hit.entity_id},
                             {"name", hit.hit.name},
                             {"matched_name", hit.hit.matched_name},
                             {"score", hit.hit.score},
                             {"lists", hit.hit.lists}});
  }
  out["text_hits"] = std::move(text_hits);
  return core::JsonText(out, indent);
}

}  // namespace redflag::payments
