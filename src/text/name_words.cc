// Static word tables. Sets and maps are built once (function-local statics) from constexpr
// arrays and only read afterwards, which makes every lookup thread-safe.
#include "text/name_words.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "text/name_words_internal.h"

namespace redflag::text {
namespace {

struct Abbreviation {
  std::string_view abbreviation;
  std::string_view expansion;
};

// Only abbreviations with one reading in company names; "ind" (industries/industrial/india),
// "min" (ministry/mining), "elec" (electric/electronics), "gen" (general/generation) are left out.
constexpr Abbreviation kAbbreviations[] = {
    // clang-format off
    {"acad", "academy"},
    {"admin", "administration"},
    {"agcy", "agency"},
    {"assn", "association"},
    {"assoc", "association"},
    {"assocs", "associates"},
    {"auth", "authority"},
    {"bros", "brothers"},
    {"chem", "chemical"},
    {"cmte", "committee"},
    {"co", "company"},
    {"commn", "commission"},
    {"corp", "corporation"},
    {"ctr", "center"},
    {"cttee", "committee"},
    {"dept", "department"},
    {"dev", "development"},
    {"div", "division"},
    {"eng", "engineering"},
    {"engg", "engineering"},
    {"equip", "equipment"},
    {"fdn", "foundation"},
    {"govt", "government"},
    {"grp", "group"},
    {"hldg", "holding"},
    {"hldgs", "holdings"},
    {"hosp", "hospital"},
    {"hq", "headquarters"},
    {"inc", "incorporated"},
    {"inds", "industries"},
    {"inst", "institute"},
    {"insur", "insurance"},
    {"intl", "international"},
    {"lab", "laboratory"},
    {"labs", "laboratories"},
    {"ltd", "limited"},
    {"mach", "machinery"},
    {"mfg", "manufacturing"},
    {"mfr", "manufacturer"},
    {"mfrs", "manufacturers"},
    {"mgmt", "management"},
    {"natl", "national"},
    {"petrochem", "petrochemical"},
    {"pharm", "pharmaceutical"},
    {"pharma", "pharmaceutical"},
    {"sci", "science"},
    {"shpg", "shipping"},
    {"soc", "society"},
    {"svc", "service"},
    {"svcs", "services"},
    {"sys", "systems"},
    {"tech", "technology"},
    {"techn", "technology"},
    {"technol", "technology"},
    {"telecom", "telecommunications"},
    {"trdg", "trading"},
    {"transp", "transport"},
    {"univ", "university"},
    // clang-format on
};

// Arabic article forms include the sun-letter assimilations (ad-din, ar-rahman, ash-shaykh).
constexpr std::string_view kParticles[] = {
    // clang-format off
    "al", "el", "ul", "ad", "ar", "as", "ash", "at", "az",
    "bin", "ibn", "ben", "bint", "binti", "binte", "bte", "abu", "abou", "umm", "ould",
    "van", "von", "vom", "zu", "der", "den", "ter", "ten", "het",
    "de", "da", "di", "du", "del", "dela", "della", "delle", "dei", "degli", "dos", "das", "do",
    "le", "la", "les", "lo", "y", "e",
    // clang-format on
};

constexpr std::string_view kHonorifics[] = {
    // clang-format off
    "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sir", "dame", "lord",
    "lady", "sheikh", "shaikh", "shaykh", "sheik", "cheikh", "haji", "hajji", "hajj", "alhaji",
    "alhaj", "mullah", "mulla", "maulana", "mawlana", "molana", "mawlawi", "mawlavi", "maulvi",
    "molvi", "mufti", "imam", "ayatollah", "ayatullah", "hojatoleslam", "sayyid", "sayed",
    "sayyed", "seyed", "seyyed", "syed", "ustad", "ustadh", "general", "gen", "colonel", "col",
    "major", "maj", "captain", "capt", "lieutenant", "lt", "sergeant", "sgt", "admiral", "adm",
    "brigadier", "brig", "commander", "cmdr", "cdr", "marshal", "hon", "honorable", "honourable",
    "rev", "reverend", "father", "bishop", "engineer", "herr", "frau", "mme", "mlle",
    // clang-format on
};

constexpr std::string_view kVariantGroups[] = {
#include "text/name_variants.inc"
};

class Tables {
 public:
  Tables() {
    for (const Abbreviation& row : kAbbreviations)
      abbreviations_.emplace(row.abbreviation, row.expansion);
    particles_.insert(std::begin(kParticles), std::end(kParticles));
    honorifics_.insert(std::begin(kHonorifics), std::end(kHonorifics));
    for (const std::vector<std::string_view>& group : internal::VariantGroups()) {
      // First group wins on a duplicate; name_words_test forbids duplicates.
      for (std::string_view word : group) variants_.emplace(word, group.front());
    }
  }
  std::unordered_map<std::string_view, std::string_view> abbreviations_;
  std::unordered_set<std::string_view> particles_;
  std::unordered_set<std::string_view> honorifics_;
  std::unordered_map<std::string_view, std::string_view> variants_;
};

const Tables& GetTables() {
  static const Tables tables;
  return tables;
}

}  // namespace

std::string_view ExpandAbbreviation(std::string_view folded_token) {
  const auto& map = GetTables().abbreviations_;
  const auto it = map.find(folded_token);
  return it == map.end() ? std::string_view() : it->second;
}

bool IsParticle(std::string_view folded_token) {
  return GetTables().particles_.count(folded_token) != 0;
}

bool IsHonorific(std::string_view folded_token) {
  return GetTables().honorifics_.count(folded_token) != 0;
}

std::string_view CanonicalNameVariant(std::string_view folded_token) {
  const auto& map = GetTables().variants_;
  const auto it = map.find(folded_token);
  return it == map.end() ? folded_token : it->second;
}

namespace internal {

std::vector<std::vector<std::string_view>> VariantGroups() {
  std::vector<std::vector<std::string_view>> groups;
  for (std::string_view group : kVariantGroups) {
    std::vector<std::string_view>& words = groups.emplace_back();
    std::size_t pos = 0;
    while (pos < group.size()) {
      const std::size_t space = group.find(' ', pos);
      const std::size_t end = space == std::string_view::npos ? group.size() : space;
      if (end > pos) words.push_back(group.substr(pos, end - pos));
      pos = end + 1;
    }
  }
  return groups;
}

}  // namespace internal
}  // namespace redflag::text
