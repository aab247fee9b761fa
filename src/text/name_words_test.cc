#include "text/name_words.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "text/name_words_internal.h"
#include "text/normalize.h"

namespace redflag::text {
namespace {

struct AbbreviationCase {
  const char* token;
  const char* expansion;
};

const AbbreviationCase kAbbreviationCases[] = {
    {"tech", "technology"},
    {"intl", "international"},
    {"co", "company"},
    {"corp", "corporation"},
    {"grp", "group"},
    {"mfg", "manufacturing"},
    {"natl", "national"},
    {"hldgs", "holdings"},
    {"hldg", "holding"},
    {"svcs", "services"},
    {"sys", "systems"},
    {"univ", "university"},
    {"inst", "institute"},
    {"dept", "department"},
    {"assn", "association"},
    {"bros", "brothers"},
    {"mgmt", "management"},
    {"dev", "development"},
    {"eng", "engineering"},
    {"govt", "government"},
    {"ind", ""},         // industries / industrial / india: ambiguous
    {"min", ""},         // ministry / mining
    {"elec", ""},        // electric / electronics
    {"technology", ""},  // already a full word
    {"", ""},
};

TEST(ExpandAbbreviation, ExpandsOnlyUnambiguousAbbreviations) {
  for (const AbbreviationCase& row : kAbbreviationCases) {
    EXPECT_EQ(ExpandAbbreviation(row.token), row.expansion) << row.token;
  }
  // "Int'l" folds to "intl" (apostrophe deleted) and then expands.
  EXPECT_EQ(ExpandAbbreviation(Fold("Int'l")), "international");
}

TEST(IsParticle, KnowsArabicAndEuropeanParticles) {
  for (const char* token :
       {"al", "el",  "bin",   "ibn", "ben", "bint", "abu", "van", "von", "der", "de",  "da",  "di",
        "du", "del", "della", "dos", "das", "le",   "la",  "ter", "ten", "ad",  "ash", "ould"}) {
    EXPECT_TRUE(IsParticle(token)) << token;
  }
  for (const char* token : {"abd", "muhammad", "mac", "ali", "", "alx"}) {
    EXPECT_FALSE(IsParticle(token)) << token;
  }
}

TEST(IsHonorific, KnowsTitlesAndRanks) {
  for (const char* token :
       {"mr",      "mrs",       "ms",    "miss",   "dr",      "prof",   "sir",     "sheikh",
        "shaykh",  "haji",      "hajji", "mullah", "maulana", "imam",   "general", "gen",
        "colonel", "col",       "major", "maj",    "captain", "capt",   "lt",      "sgt",
        "admiral", "brigadier", "hon",   "rev",    "father",  "sayyid", "sayed"}) {
    EXPECT_TRUE(IsHonorific(token)) << token;
  }
  for (const char* token : {"muhammad", "ali", "amir", "emir", "sharif", "", "mister1"}) {
    EXPECT_FALSE(IsHonorific(token)) << token;
  }
}

struct VariantCase {
  const char* token;
  const char* canonical;
};

// One row per spelling checked; at least two spellings of each group the brief names.
const VariantCase kVariantCases[] = {
    {"mohammed", "muhammad"},
    {"muhammad", "muhammad"},
    {"mohamad", "muhammad"},
    {"mohamed", "muhammad"},
    {"mohammad", "muhammad"},
    {"muhammed", "muhammad"},
    {"mehmet", "muhammad"},
    {"mhmd", "muhammad"},
    {"yusuf", "yusuf"},
    {"jusuf", "yusuf"},
    {"youssef", "yusuf"},
    {"yousef", "yusuf"},
    {"yousuf", "yusuf"},
    {"yusef", "yusuf"},
    {"vladimir", "vladimir"},
    {"wladimir", "vladimir"},
    {"volodymyr", "vladimir"},
    {"ahmed", "ahmad"},
    {"ahmad", "ahmad"},
    {"hussein", "husayn"},
    {"husayn", "husayn"},
    {"hussain", "husayn"},
    {"husein", "husayn"},
    {"hossein", "husayn"},
    {"abdul", "abd"},
    {"abdel", "abd"},
    {"abd", "abd"},
    {"aleksandr", "aleksandr"},
    {"alexander", "aleksandr"},
    {"oleksandr", "aleksandr"},
    {"sergei", "sergey"},
    {"serhiy", "sergey"},
    {"yuri", "yuriy"},
    {"yury", "yuriy"},
    {"iurii", "yuriy"},
    {"dmitry", "dmitriy"},
    {"dmitri", "dmitriy"},
    {"dmytro", "dmitriy"},
    {"mykhailo", "mikhail"},
    {"lee", "lee"},
    {"yi", "lee"},
    {"rhee", "lee"},
    {"ri", "lee"},
    {"pak", "park"},
    {"bak", "park"},
    {"choe", "choi"},
    {"gim", "kim"},
    {"gaddafi", "qadhafi"},
    {"hezbollah", "hizballah"},
    {"hasan", "hasan"},  // its own group: not husayn
    {"zhang", "zhang"},  // Chinese: no groups (zhang/chang are different surnames)
    {"chang", "chang"},
    {"smith", "smith"},  // no group: returned unchanged
    {"", ""},
};

TEST(CanonicalNameVariant, MapsEachSpellingToItsGroupKey) {
  for (const VariantCase& row : kVariantCases) {
    EXPECT_EQ(CanonicalNameVariant(row.token), row.canonical) << row.token;
  }
}

TEST(CanonicalNameVariant, GroupsAreDisjointFoldedAndSelfConsistent) {
  std::map<std::string, std::size_t> owner;
  const auto groups = internal::VariantGroups();
  EXPECT_GE(groups.size(), 70u);
  for (std::size_t group_idx = 0; group_idx < groups.size(); ++group_idx) {
    ASSERT_GE(groups[group_idx].size(), 2u) << "group " << group_idx;
    for (std::string_view word : groups[group_idx]) {
      const auto [it, inserted] = owner.emplace(std::string(word), group_idx);
      EXPECT_TRUE(inserted) << word << " is in groups " << it->second << " and " << group_idx;
      EXPECT_EQ(Fold(word), word) << "not folded: " << word;
      EXPECT_EQ(CanonicalNameVariant(word), groups[group_idx].front()) << word;
    }
  }
}

}  // namespace
}  // namespace redflag::text
