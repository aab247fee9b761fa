#include "index/places.h"

#include <algorithm>
#include <array>

#include "text/normalize.h"

namespace redflag::index {
namespace {

// Words that say what kind of place a part is, not which place.
constexpr std::array<std::string_view, 34> kAdministrativeWords = {
    "administrative", "area",       "autonomous", "block",    "building",     "central",
    "city",           "county",     "district",   "east",     "floor",        "governorate",
    "high",           "industrial", "krai",       "municipality", "north",    "oblast",
    "park",           "prefecture", "province",   "raion",    "rayon",        "region",
    "republic",       "south",      "special",    "state",    "tech",         "technology",
    "town",           "village",    "west",       "zone"};

// A part with one of these words is a street, not a place ("Bin'an Road").
constexpr std::array<std::string_view, 12> kStreetWords = {
    "avenue", "blvd",  "boulevard", "highway", "lane",   "prospekt",
    "road",   "st",    "str",       "street",  "ulitsa", "way"};

bool IsAdministrative(std::string_view word) {
  return std::find(kAdministrativeWords.begin(), kAdministrativeWords.end(), word) !=
         kAdministrativeWords.end();
}

bool IsStreetPart(std::string_view part) {
  std::size_t begin = 0;
  while (begin < part.size()) {
    std::size_t end = part.find_first_of(" \t.", begin);
    if (end == std::string_view::npos) end = part.size();
    std::string word(part.substr(begin, end - begin));
    for (char& c : word) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (std::find(kStreetWords.begin(), kStreetWords.end(), word) != kStreetWords.end()) {
      return true;
    }
    begin = end + 1;
  }
  return false;
}

bool HasDigit(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::size_t WordCount(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

void SplitParts(std::string_view text, std::vector<std::string_view>& out) {
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find_first_of(",;", begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(begin, end - begin);
    while (!part.empty() && (part.front() == ' ' || part.front() == '\t')) part.remove_prefix(1);
    while (!part.empty() && (part.back() == ' ' || part.back() == '\t')) part.remove_suffix(1);
    if (!part.empty() && !HasDigit(part) && WordCount(part) <= 2 && !IsStreetPart(part)) {
      out.push_back(part);
    }
    begin = end + 1;
  }
}

}  // namespace

void PlaceSegments(const core::Entity& entity, std::vector<std::string_view>& out) {
  for (const core::Address& address : entity.addresses) {
    // City and state fields may hold a postal code or both ("Ningbo, Zhejiang 315040"): their
    // parts are taken whatever their length, digits dropped by PlaceTokensOf.
    for (const std::string* field : {&address.city, &address.state}) {
      if (!field->empty()) out.push_back(*field);
    }
    if (!address.full.empty()) SplitParts(address.full, out);
  }
}

void PlaceTokensOf(std::string_view segment, std::vector<std::string>& out) {
  const std::string folded = text::Fold(segment);
  std::size_t begin = 0;
  while (begin < folded.size()) {
    std::size_t end = folded.find(' ', begin);
    if (end == std::string::npos) end = folded.size();
    const std::string_view word(folded.data() + begin, end - begin);
    if (word.size() >= 4 && !HasDigit(word) && !IsAdministrative(word)) out.emplace_back(word);
    begin = end + 1;
  }
}

std::vector<std::string> EntityPlaceTokens(const core::Entity& entity) {
  std::vector<std::string_view> segments;
  PlaceSegments(entity, segments);
  std::vector<std::string> tokens;
  for (const std::string_view segment : segments) PlaceTokensOf(segment, tokens);
  std::vector<std::string> unique;
  for (std::string& token : tokens) {
    if (std::find(unique.begin(), unique.end(), token) == unique.end()) {
      unique.push_back(std::move(token));
    }
  }
  return unique;
}

}  // namespace redflag::index
