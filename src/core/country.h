// ISO 3166-1 countries: alpha-2 codes from codes (alpha-2, alpha-3) and from names as lists
// write them ("China", "Hong Kong SAR", "Iran, Islamic Republic of", "Korea, North", "Burma").
// The table is static and immutable; all functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace redflag::core {

// Alpha-2 code for a code or name, case- and punctuation-insensitive; "" when not recognised.
// Regions that are not ISO countries but appear in lists map to the code the lists use
// ("Kosovo" -> "XK"); "undetermined"/"unknown"/"00" -> "".
std::string CountryCode(std::string_view code_or_name);

// English short name of an alpha-2 code ("CN" -> "China"); "" when unknown.
std::string_view CountryName(std::string_view alpha2);

}  // namespace redflag::core
