// Legal-form phrase matching. The phrase table is parsed once into a hash map keyed by the
// space-joined phrase; matching joins up to kMaxPhraseTokens tokens into a stack buffer, so a
// lookup allocates nothing.
#include "text/legal_form.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <vector>

namespace redflag::text {
namespace {

enum Where : std::uint8_t { kAnywhere, kEdge };

struct Phrase {
  std::string_view text;
  LegalFormClass form;
  Where where;
};

constexpr Phrase kPhrases[] = {
#include "text/legal_form_table.inc"
};

struct PhraseInfo {
  LegalFormClass form;
  Where where;
};

// Phrases are keyed with runs of single letters written together, the way FindLegalForms builds
// its keys: "S. de R.L. de C.V." folds to "s de r l de c v" and "S. de RL de CV" to
// "s de rl de cv"; both key as "s de rl de cv". So are "l l c" and "llc".
std::string PhraseKey(std::string_view phrase) {
  std::string key;
  std::size_t start = 0;
  bool previous_single = false;
  while (start <= phrase.size()) {
    std::size_t end = phrase.find(' ', start);
    if (end == std::string_view::npos) end = phrase.size();
    const std::string_view token = phrase.substr(start, end - start);
    const bool single = token.size() == 1;
    if (!key.empty() && !(single && previous_single)) key += ' ';
    key.append(token);
    previous_single = single;
    start = end + 1;
  }
  return key;
}

class PhraseMap {
 public:
  PhraseMap() {
    keys_.reserve(std::size(kPhrases));
    for (const Phrase& phrase : kPhrases) {
      keys_.push_back(PhraseKey(phrase.text));
      max_chars_ = std::max(max_chars_, phrase.text.size());
    }
    for (std::size_t idx = 0; idx < keys_.size(); ++idx) {
      map_.emplace(keys_[idx], PhraseInfo{kPhrases[idx].form, kPhrases[idx].where});
    }
  }
  const PhraseInfo* Find(std::string_view key) const {
    const auto it = map_.find(key);
    return it == map_.end() ? nullptr : &it->second;
  }
  // A phrase written as single letters ("l l c") has as many tokens as letters.
  std::size_t max_tokens() const { return max_chars_; }
  std::size_t max_chars() const { return max_chars_; }

 private:
  std::vector<std::string> keys_;  // PhraseKey of each phrase; map_ views into it
  std::unordered_map<std::string_view, PhraseInfo> map_;
  std::size_t max_chars_ = 0;
};

const PhraseMap& GetPhraseMap() {
  static const PhraseMap map;
  return map;
}

struct Candidate {
  LegalFormSpan span;
  Where where;
  bool accepted;
};

}  // namespace

std::string_view LegalFormClassName(LegalFormClass form) {
  switch (form) {
    case LegalFormClass::kNone:
      return "none";
    case LegalFormClass::kLimited:
      return "limited";
    case LegalFormClass::kLlc:
      return "llc";
    case LegalFormClass::kJointStock:
      return "joint_stock";
    case LegalFormClass::kCorporation:
      return "corporation";
    case LegalFormClass::kCompany:
      return "company";
    case LegalFormClass::kPartnership:
      return "partnership";
    case LegalFormClass::kPlc:
      return "plc";
    case LegalFormClass::kFreeZone:
      return "free_zone";
    case LegalFormClass::kCooperative:
      return "cooperative";
    case LegalFormClass::kFoundation:
      return "foundation";
    case LegalFormClass::kState:
      return "state";
    case LegalFormClass::kOther:
      return "other";
  }
  return "unknown";
}

std::vector<LegalFormSpan> FindLegalForms(const std::vector<std::string_view>& tokens) {
  const PhraseMap& phrases = GetPhraseMap();
  constexpr std::size_t kBufferSize = 128;
  std::array<char, kBufferSize> buffer;
  static_assert(kBufferSize >= 64, "phrase buffer");
  std::vector<Candidate> candidates;
  const std::size_t count = tokens.size();
  for (std::size_t start = 0; start < count;) {
    // Longest phrase first: build every join length, keep the last (longest) that matches.
    std::size_t length = 0;
    std::size_t best_end = 0;
    const PhraseInfo* best = nullptr;
    for (std::size_t end = start; end < count && end - start < phrases.max_tokens(); ++end) {
      const std::string_view token = tokens[end];
      // Single letters run together (see PhraseKey).
      const bool space = end > start && !(token.size() == 1 && tokens[end - 1].size() == 1);
      const std::size_t needed = length + (space ? 1 : 0) + token.size();
      if (needed > phrases.max_chars() || needed > buffer.size()) break;
      if (space) buffer[length++] = ' ';
      std::copy(token.begin(), token.end(), buffer.begin() + static_cast<std::ptrdiff_t>(length));
      length += token.size();
      if (const PhraseInfo* info = phrases.Find(std::string_view(buffer.data(), length))) {
        best = info;
        best_end = end + 1;
      }
    }
    if (best == nullptr) {
      ++start;
      continue;
    }
    candidates.push_back(
        {{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(best_end), best->form},
         best->where,
         best->where == kAnywhere});
    start = best_end;
  }
  // Edge-only phrases are accepted at either end of the name or next to an accepted span.
  // Acceptance spreads along chains of adjacent spans; one forward and one backward pass reach
  // every chain in linear time.
  const auto adjacent = [&candidates](std::size_t left, std::size_t right) {
    return candidates[left].span.end == candidates[right].span.begin;
  };
  for (Candidate& candidate : candidates) {
    if (candidate.span.begin == 0 || candidate.span.end == count) candidate.accepted = true;
  }
  for (std::size_t idx = 1; idx < candidates.size(); ++idx) {
    if (candidates[idx - 1].accepted && adjacent(idx - 1, idx)) candidates[idx].accepted = true;
  }
  for (std::size_t idx = candidates.size(); idx-- > 1;) {
    if (candidates[idx].accepted && adjacent(idx - 1, idx)) candidates[idx - 1].accepted = true;
  }
  std::vector<LegalFormSpan> spans;
  for (const Candidate& candidate : candidates) {
    if (candidate.accepted) spans.push_back(candidate.span);
  }
  return spans;
}

bool IsOnlyLegalForm(const std::vector<std::string_view>& tokens) {
  if (tokens.empty()) return false;
  std::size_t covered = 0;
  for (const LegalFormSpan& span : FindLegalForms(tokens)) covered += span.end - span.begin;
  return covered == tokens.size();
}

}  // namespace redflag::text
