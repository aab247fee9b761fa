#include "core/country.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace redflag::core {
namespace {

struct CountryCase {
  std::string_view input;
  std::string_view expected;
};

// Names as the lists write them (OFAC add.csv, CSL, DPL, UN, UK), and the tricky cases.
constexpr CountryCase kCases[] = {
    {"China", "CN"},
    {"CN", "CN"},
    {"cn", "CN"},
    {"CHN", "CN"},
    {"PRC", "CN"},
    {"People's Republic of China", "CN"},
    {"Hong Kong", "HK"},
    {"Hong Kong SAR", "HK"},
    {"Hong Kong, China", "HK"},
    {"Macau", "MO"},
    {"Macao", "MO"},
    {"Taiwan", "TW"},
    {"Taiwan, Province of China", "TW"},
    {"Iran, Islamic Republic of", "IR"},
    {"Iran", "IR"},
    {"IRAN", "IR"},
    {"Korea, North", "KP"},
    {"North Korea", "KP"},
    {"Korea, Democratic People's Republic of", "KP"},
    {"Korea, Democratic Peoples Republic of", "KP"},
    {"DPRK", "KP"},
    {"Korea, South", "KR"},
    {"Republic of Korea", "KR"},
    {"Korea", ""},
    {"Russia", "RU"},
    {"Russian Federation", "RU"},
    {"Syria", "SY"},
    {"Syrian Arab Republic", "SY"},
    {"Burma", "MM"},
    {"Myanmar", "MM"},
    {"Congo, Democratic Republic of the", "CD"},
    {"Democratic Republic of the Congo", "CD"},
    {"Congo, Republic of the", "CG"},
    {"Congo", "CG"},
    {"Cote d'Ivoire", "CI"},
    {"Côte d’Ivoire", "CI"},
    {"Cote d Ivoire", "CI"},
    {"Ivory Coast", "CI"},
    {"Turkey", "TR"},
    {"Türkiye", "TR"},
    {"TURKIYE", "TR"},
    {"United Kingdom", "GB"},
    {"UK", "GB"},
    {"Great Britain", "GB"},
    {"GBR", "GB"},
    {"United States", "US"},
    {"USA", "US"},
    {"U.S.", "US"},
    {"United Arab Emirates", "AE"},
    {"UAE", "AE"},
    {"Venezuela", "VE"},
    {"Bolivia", "BO"},
    {"Vietnam", "VN"},
    {"Viet Nam", "VN"},
    {"Laos", "LA"},
    {"Lao People's Democratic Republic", "LA"},
    {"Moldova", "MD"},
    {"Tanzania", "TZ"},
    {"Czech Republic", "CZ"},
    {"Czechia", "CZ"},
    {"Palestinian", "PS"},
    {"West Bank", "PS"},
    {"Gaza", "PS"},
    {"Region: Gaza", "PS"},
    {"Region: West Bank", "PS"},
    {"Kosovo", "XK"},
    {"XK", "XK"},
    {"Crimea region of Ukraine", "UA"},
    {"Region: Crimea", "UA"},
    {"Region: Northern Mali", "ML"},
    {"Region: Kafia Kingi", ""},
    {"Bahamas, The", "BS"},
    {"The Gambia", "GM"},
    {"Man, Isle of", "IM"},
    {"Virgin Islands, British", "VG"},
    {"North Macedonia, The Republic of", "MK"},
    {"Saint Vincent and the Grenadines", "VC"},
    {"St. Lucia", "LC"},
    {"Trinidad & Tobago", "TT"},
    {"Curacao", "CW"},
    {"Curaçao", "CW"},
    {"Åland Islands", "AX"},
    {"Netherlands Antilles", "AN"},
    {"  germany  ", "DE"},
    {"Niger", "NE"},
    {"Nigeria", "NG"},
    {"Guinea", "GN"},
    {"Equatorial Guinea", "GQ"},
    {"Dominica", "DM"},
    {"Dominican Republic", "DO"},
    {"Libyan Arab Jamahiriya", "LY"},
    {"Iranian", "IR"},
    {"North Korean", "KP"},
    {"British", "GB"},
    {"Pakistan (at time of listing)", "PK"},
    {"Germany (previous address)", "DE"},
    {"(1) Iraq (2) Syria", ""},
    {"00", ""},
    {"undetermined", ""},
    {"Unknown", ""},
    {"-0-", ""},
    {"", ""},
    {"Atlantis", ""},
    {"ZZ", ""},
    {"\xff\xfe", ""},
};

TEST(CountryCode, RecognisesCodesNamesAndListVariants) {
  for (const CountryCase& test_case : kCases) {
    EXPECT_EQ(CountryCode(test_case.input), test_case.expected) << "input: " << test_case.input;
  }
}

TEST(CountryCode, EveryAlpha2RoundTripsThroughItsName) {
  int known = 0;
  for (char first = 'A'; first <= 'Z'; ++first) {
    for (char second = 'A'; second <= 'Z'; ++second) {
      const std::string code{first, second};
      const std::string_view name = CountryName(code);
      if (name.empty()) continue;
      ++known;
      EXPECT_EQ(CountryCode(code), code);
      EXPECT_EQ(CountryCode(name), code) << "name: " << name;
    }
  }
  // 249 ISO 3166-1 codes (iso-codes iso_3166-1.json) + AN, CS, SU, YU, XK.
  EXPECT_EQ(known, 254);
}

TEST(CountryName, GivesShortEnglishNames) {
  EXPECT_EQ(CountryName("CN"), "China");
  EXPECT_EQ(CountryName("cn"), "China");
  EXPECT_EQ(CountryName("IR"), "Iran");
  EXPECT_EQ(CountryName("KP"), "North Korea");
  EXPECT_EQ(CountryName("GB"), "United Kingdom");
  EXPECT_EQ(CountryName("XK"), "Kosovo");
  EXPECT_EQ(CountryName("ZZ"), "");
  EXPECT_EQ(CountryName("CHN"), "");
  EXPECT_EQ(CountryName(""), "");
}

}  // namespace
}  // namespace redflag::core
