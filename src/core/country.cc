// ISO 3166-1 table and the name variants sanctions lists use.
//
// Lookup works on a "key": the text ASCII-folded (Latin-1 and Latin Extended-A accents
// dropped), lower-cased, punctuation turned into spaces, the words "the", "of" and "and"
// dropped, and the remaining words sorted. Sorting makes the inverted forms the lists write
// ("Korea, North", "Congo, Democratic Republic of the", "Man, Isle of") meet the natural ones
// ("North Korea", "Democratic Republic of the Congo", "Isle of Man") without listing both.
// Apostrophes are tried both deleted ("People's" -> "peoples") and as a space ("Cote d Ivoire").
// The map is built once on first use (a function-local static: thread-safe initialisation)
// and never changes afterwards.
#include "core/country.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace redflag::core {
namespace {

struct CountryRow {
  std::string_view alpha2;
  std::string_view alpha3;
  std::string_view name;           // short English name (ISO, or its common form)
  std::string_view iso_name;       // ISO 3166-1 English short name when it differs
  std::string_view official_name;  // ISO 3166-1 official name, "" when none
};

// Generated from the ISO 3166-1 data in Debian's iso-codes (iso_3166-1.json); `name` is the
// common_name where ISO gives one (Bolivia, Iran, Syria, Taiwan ...). Also holds the codes lists
// still use that are not (or no longer) ISO 3166-1: AN, CS, SU, YU (ISO 3166-3) and XK (Kosovo,
// the user-assigned code the EU, UN and OFAC use). Sorted by alpha2.
constexpr CountryRow kCountries[] = {
    {"AD", "AND", "Andorra", "", "Principality of Andorra"},
    {"AE", "ARE", "United Arab Emirates", "", ""},
    {"AF", "AFG", "Afghanistan", "", "Islamic Republic of Afghanistan"},
    {"AG", "ATG", "Antigua and Barbuda", "", ""},
    {"AI", "AIA", "Anguilla", "", ""},
    {"AL", "ALB", "Albania", "", "Republic of Albania"},
    {"AM", "ARM", "Armenia", "", "Republic of Armenia"},
    {"AN", "ANT", "Netherlands Antilles", "", ""},
    {"AO", "AGO", "Angola", "", "Republic of Angola"},
    {"AQ", "ATA", "Antarctica", "", ""},
    {"AR", "ARG", "Argentina", "", "Argentine Republic"},
    {"AS", "ASM", "American Samoa", "", ""},
    {"AT", "AUT", "Austria", "", "Republic of Austria"},
    {"AU", "AUS", "Australia", "", ""},
    {"AW", "ABW", "Aruba", "", ""},
    {"AX", "ALA", "Åland Islands", "", ""},
    {"AZ", "AZE", "Azerbaijan", "", "Republic of Azerbaijan"},
    {"BA", "BIH", "Bosnia and Herzegovina", "", "Republic of Bosnia and Herzegovina"},
    {"BB", "BRB", "Barbados", "", ""},
    {"BD", "BGD", "Bangladesh", "", "People's Republic of Bangladesh"},
    {"BE", "BEL", "Belgium", "", "Kingdom of Belgium"},
    {"BF", "BFA", "Burkina Faso", "", ""},
    {"BG", "BGR", "Bulgaria", "", "Republic of Bulgaria"},
    {"BH", "BHR", "Bahrain", "", "Kingdom of Bahrain"},
    {"BI", "BDI", "Burundi", "", "Republic of Burundi"},
    {"BJ", "BEN", "Benin", "", "Republic of Benin"},
    {"BL", "BLM", "Saint Barthélemy", "", ""},
    {"BM", "BMU", "Bermuda", "", ""},
    {"BN", "BRN", "Brunei Darussalam", "", ""},
    {"BO", "BOL", "Bolivia", "Bolivia, Plurinational State of", "Plurinational State of Bolivia"},
    {"BQ", "BES", "Bonaire, Sint Eustatius and Saba", "", ""},
    {"BR", "BRA", "Brazil", "", "Federative Republic of Brazil"},
    {"BS", "BHS", "Bahamas", "", "Commonwealth of the Bahamas"},
    {"BT", "BTN", "Bhutan", "", "Kingdom of Bhutan"},
    {"BV", "BVT", "Bouvet Island", "", ""},
    {"BW", "BWA", "Botswana", "", "Republic of Botswana"},
    {"BY", "BLR", "Belarus", "", "Republic of Belarus"},
    {"BZ", "BLZ", "Belize", "", ""},
    {"CA", "CAN", "Canada", "", ""},
    {"CC", "CCK", "Cocos (Keeling) Islands", "", ""},
    {"CD", "COD", "Congo, The Democratic Republic of the", "", ""},
    {"CF", "CAF", "Central African Republic", "", ""},
    {"CG", "COG", "Congo", "", "Republic of the Congo"},
    {"CH", "CHE", "Switzerland", "", "Swiss Confederation"},
    {"CI", "CIV", "Côte d'Ivoire", "", "Republic of Côte d'Ivoire"},
    {"CK", "COK", "Cook Islands", "", ""},
    {"CL", "CHL", "Chile", "", "Republic of Chile"},
    {"CM", "CMR", "Cameroon", "", "Republic of Cameroon"},
    {"CN", "CHN", "China", "", "People's Republic of China"},
    {"CO", "COL", "Colombia", "", "Republic of Colombia"},
    {"CR", "CRI", "Costa Rica", "", "Republic of Costa Rica"},
    {"CS", "SCG", "Serbia and Montenegro", "", ""},
    {"CU", "CUB", "Cuba", "", "Republic of Cuba"},
    {"CV", "CPV", "Cabo Verde", "", "Republic of Cabo Verde"},
    {"CW", "CUW", "Curaçao", "", ""},
    {"CX", "CXR", "Christmas Island", "", ""},
    {"CY", "CYP", "Cyprus", "", "Republic of Cyprus"},
    {"CZ", "CZE", "Czechia", "", "Czech Republic"},
    {"DE", "DEU", "Germany", "", "Federal Republic of Germany"},
    {"DJ", "DJI", "Djibouti", "", "Republic of Djibouti"},
    {"DK", "DNK", "Denmark", "", "Kingdom of Denmark"},
    {"DM", "DMA", "Dominica", "", "Commonwealth of Dominica"},
    {"DO", "DOM", "Dominican Republic", "", ""},
    {"DZ", "DZA", "Algeria", "", "People's Democratic Republic of Algeria"},
    {"EC", "ECU", "Ecuador", "", "Republic of Ecuador"},
    {"EE", "EST", "Estonia", "", "Republic of Estonia"},
    {"EG", "EGY", "Egypt", "", "Arab Republic of Egypt"},
    {"EH", "ESH", "Western Sahara", "", ""},
    {"ER", "ERI", "Eritrea", "", "the State of Eritrea"},
    {"ES", "ESP", "Spain", "", "Kingdom of Spain"},
    {"ET", "ETH", "Ethiopia", "", "Federal Democratic Republic of Ethiopia"},
    {"FI", "FIN", "Finland", "", "Republic of Finland"},
    {"FJ", "FJI", "Fiji", "", "Republic of Fiji"},
    {"FK", "FLK", "Falkland Islands (Malvinas)", "", ""},
    {"FM", "FSM", "Micronesia, Federated States of", "", "Federated States of Micronesia"},
    {"FO", "FRO", "Faroe Islands", "", ""},
    {"FR", "FRA", "France", "", "French Republic"},
    {"GA", "GAB", "Gabon", "", "Gabonese Republic"},
    {"GB", "GBR", "United Kingdom", "", "United Kingdom of Great Britain and Northern Ireland"},
    {"GD", "GRD", "Grenada", "", ""},
    {"GE", "GEO", "Georgia", "", ""},
    {"GF", "GUF", "French Guiana", "", ""},
    {"GG", "GGY", "Guernsey", "", ""},
    {"GH", "GHA", "Ghana", "", "Republic of Ghana"},
    {"GI", "GIB", "Gibraltar", "", ""},
    {"GL", "GRL", "Greenland", "", ""},
    {"GM", "GMB", "Gambia", "", "Republic of the Gambia"},
    {"GN", "GIN", "Guinea", "", "Republic of Guinea"},
    {"GP", "GLP", "Guadeloupe", "", ""},
    {"GQ", "GNQ", "Equatorial Guinea", "", "Republic of Equatorial Guinea"},
    {"GR", "GRC", "Greece", "", "Hellenic Republic"},
    {"GS", "SGS", "South Georgia and the South Sandwich Islands", "", ""},
    {"GT", "GTM", "Guatemala", "", "Republic of Guatemala"},
    {"GU", "GUM", "Guam", "", ""},
    {"GW", "GNB", "Guinea-Bissau", "", "Republic of Guinea-Bissau"},
    {"GY", "GUY", "Guyana", "", "Republic of Guyana"},
    {"HK", "HKG", "Hong Kong", "", "Hong Kong Special Administrative Region of China"},
    {"HM", "HMD", "Heard Island and McDonald Islands", "", ""},
    {"HN", "HND", "Honduras", "", "Republic of Honduras"},
    {"HR", "HRV", "Croatia", "", "Republic of Croatia"},
    {"HT", "HTI", "Haiti", "", "Republic of Haiti"},
    {"HU", "HUN", "Hungary", "", ""},
    {"ID", "IDN", "Indonesia", "", "Republic of Indonesia"},
    {"IE", "IRL", "Ireland", "", ""},
    {"IL", "ISR", "Israel", "", "State of Israel"},
    {"IM", "IMN", "Isle of Man", "", ""},
    {"IN", "IND", "India", "", "Republic of India"},
    {"IO", "IOT", "British Indian Ocean Territory", "", ""},
    {"IQ", "IRQ", "Iraq", "", "Republic of Iraq"},
    {"IR", "IRN", "Iran", "Iran, Islamic Republic of", "Islamic Republic of Iran"},
    {"IS", "ISL", "Iceland", "", "Republic of Iceland"},
    {"IT", "ITA", "Italy", "", "Italian Republic"},
    {"JE", "JEY", "Jersey", "", ""},
    {"JM", "JAM", "Jamaica", "", ""},
    {"JO", "JOR", "Jordan", "", "Hashemite Kingdom of Jordan"},
    {"JP", "JPN", "Japan", "", ""},
    {"KE", "KEN", "Kenya", "", "Republic of Kenya"},
    {"KG", "KGZ", "Kyrgyzstan", "", "Kyrgyz Republic"},
    {"KH", "KHM", "Cambodia", "", "Kingdom of Cambodia"},
    {"KI", "KIR", "Kiribati", "", "Republic of Kiribati"},
    {"KM", "COM", "Comoros", "", "Union of the Comoros"},
    {"KN", "KNA", "Saint Kitts and Nevis", "", ""},
    {"KP", "PRK", "North Korea", "Korea, Democratic People's Republic of",
     "Democratic People's Republic of Korea"},
    {"KR", "KOR", "South Korea", "Korea, Republic of", ""},
    {"KW", "KWT", "Kuwait", "", "State of Kuwait"},
    {"KY", "CYM", "Cayman Islands", "", ""},
    {"KZ", "KAZ", "Kazakhstan", "", "Republic of Kazakhstan"},
    {"LA", "LAO", "Laos", "Lao People's Democratic Republic", ""},
    {"LB", "LBN", "Lebanon", "", "Lebanese Republic"},
    {"LC", "LCA", "Saint Lucia", "", ""},
    {"LI", "LIE", "Liechtenstein", "", "Principality of Liechtenstein"},
    {"LK", "LKA", "Sri Lanka", "", "Democratic Socialist Republic of Sri Lanka"},
    {"LR", "LBR", "Liberia", "", "Republic of Liberia"},
    {"LS", "LSO", "Lesotho", "", "Kingdom of Lesotho"},
    {"LT", "LTU", "Lithuania", "", "Republic of Lithuania"},
    {"LU", "LUX", "Luxembourg", "", "Grand Duchy of Luxembourg"},
    {"LV", "LVA", "Latvia", "", "Republic of Latvia"},
    {"LY", "LBY", "Libya", "", ""},
    {"MA", "MAR", "Morocco", "", "Kingdom of Morocco"},
    {"MC", "MCO", "Monaco", "", "Principality of Monaco"},
    {"MD", "MDA", "Moldova", "Moldova, Republic of", "Republic of Moldova"},
    {"ME", "MNE", "Montenegro", "", ""},
    {"MF", "MAF", "Saint Martin (French part)", "", ""},
    {"MG", "MDG", "Madagascar", "", "Republic of Madagascar"},
    {"MH", "MHL", "Marshall Islands", "", "Republic of the Marshall Islands"},
    {"MK", "MKD", "North Macedonia", "", "Republic of North Macedonia"},
    {"ML", "MLI", "Mali", "", "Republic of Mali"},
    {"MM", "MMR", "Myanmar", "", "Republic of Myanmar"},
    {"MN", "MNG", "Mongolia", "", ""},
    {"MO", "MAC", "Macao", "", "Macao Special Administrative Region of China"},
    {"MP", "MNP", "Northern Mariana Islands", "", "Commonwealth of the Northern Mariana Islands"},
    {"MQ", "MTQ", "Martinique", "", ""},
    {"MR", "MRT", "Mauritania", "", "Islamic Republic of Mauritania"},
    {"MS", "MSR", "Montserrat", "", ""},
    {"MT", "MLT", "Malta", "", "Republic of Malta"},
    {"MU", "MUS", "Mauritius", "", "Republic of Mauritius"},
    {"MV", "MDV", "Maldives", "", "Republic of Maldives"},
    {"MW", "MWI", "Malawi", "", "Republic of Malawi"},
    {"MX", "MEX", "Mexico", "", "United Mexican States"},
    {"MY", "MYS", "Malaysia", "", ""},
    {"MZ", "MOZ", "Mozambique", "", "Republic of Mozambique"},
    {"NA", "NAM", "Namibia", "", "Republic of Namibia"},
    {"NC", "NCL", "New Caledonia", "", ""},
    {"NE", "NER", "Niger", "", "Republic of the Niger"},
    {"NF", "NFK", "Norfolk Island", "", ""},
    {"NG", "NGA", "Nigeria", "", "Federal Republic of Nigeria"},
    {"NI", "NIC", "Nicaragua", "", "Republic of Nicaragua"},
    {"NL", "NLD", "Netherlands", "", "Kingdom of the Netherlands"},
    {"NO", "NOR", "Norway", "", "Kingdom of Norway"},
    {"NP", "NPL", "Nepal", "", "Federal Democratic Republic of Nepal"},
    {"NR", "NRU", "Nauru", "", "Republic of Nauru"},
    {"NU", "NIU", "Niue", "", ""},
    {"NZ", "NZL", "New Zealand", "", ""},
    {"OM", "OMN", "Oman", "", "Sultanate of Oman"},
    {"PA", "PAN", "Panama", "", "Republic of Panama"},
    {"PE", "PER", "Peru", "", "Republic of Peru"},
    {"PF", "PYF", "French Polynesia", "", ""},
    {"PG", "PNG", "Papua New Guinea", "", "Independent State of Papua New Guinea"},
    {"PH", "PHL", "Philippines", "", "Republic of the Philippines"},
    {"PK", "PAK", "Pakistan", "", "Islamic Republic of Pakistan"},
    {"PL", "POL", "Poland", "", "Republic of Poland"},
    {"PM", "SPM", "Saint Pierre and Miquelon", "", ""},
    {"PN", "PCN", "Pitcairn", "", ""},
    {"PR", "PRI", "Puerto Rico", "", ""},
    {"PS", "PSE", "Palestine, State of", "", "the State of Palestine"},
    {"PT", "PRT", "Portugal", "", "Portuguese Republic"},
    {"PW", "PLW", "Palau", "", "Republic of Palau"},
    {"PY", "PRY", "Paraguay", "", "Republic of Paraguay"},
    {"QA", "QAT", "Qatar", "", "State of Qatar"},
    {"RE", "REU", "Réunion", "", ""},
    {"RO", "ROU", "Romania", "", ""},
    {"RS", "SRB", "Serbia", "", "Republic of Serbia"},
    {"RU", "RUS", "Russian Federation", "", ""},
    {"RW", "RWA", "Rwanda", "", "Rwandese Republic"},
    {"SA", "SAU", "Saudi Arabia", "", "Kingdom of Saudi Arabia"},
    {"SB", "SLB", "Solomon Islands", "", ""},
    {"SC", "SYC", "Seychelles", "", "Republic of Seychelles"},
    {"SD", "SDN", "Sudan", "", "Republic of the Sudan"},
    {"SE", "SWE", "Sweden", "", "Kingdom of Sweden"},
    {"SG", "SGP", "Singapore", "", "Republic of Singapore"},
    {"SH", "SHN", "Saint Helena, Ascension and Tristan da Cunha", "", ""},
    {"SI", "SVN", "Slovenia", "", "Republic of Slovenia"},
    {"SJ", "SJM", "Svalbard and Jan Mayen", "", ""},
    {"SK", "SVK", "Slovakia", "", "Slovak Republic"},
    {"SL", "SLE", "Sierra Leone", "", "Republic of Sierra Leone"},
    {"SM", "SMR", "San Marino", "", "Republic of San Marino"},
    {"SN", "SEN", "Senegal", "", "Republic of Senegal"},
    {"SO", "SOM", "Somalia", "", "Federal Republic of Somalia"},
    {"SR", "SUR", "Suriname", "", "Republic of Suriname"},
    {"SS", "SSD", "South Sudan", "", "Republic of South Sudan"},
    {"ST", "STP", "Sao Tome and Principe", "", "Democratic Republic of Sao Tome and Principe"},
    {"SU", "SUN", "USSR", "Union of Soviet Socialist Republics", ""},
    {"SV", "SLV", "El Salvador", "", "Republic of El Salvador"},
    {"SX", "SXM", "Sint Maarten (Dutch part)", "", ""},
    {"SY", "SYR", "Syria", "Syrian Arab Republic", ""},
    {"SZ", "SWZ", "Eswatini", "", "Kingdom of Eswatini"},
    {"TC", "TCA", "Turks and Caicos Islands", "", ""},
    {"TD", "TCD", "Chad", "", "Republic of Chad"},
    {"TF", "ATF", "French Southern Territories", "", ""},
    {"TG", "TGO", "Togo", "", "Togolese Republic"},
    {"TH", "THA", "Thailand", "", "Kingdom of Thailand"},
    {"TJ", "TJK", "Tajikistan", "", "Republic of Tajikistan"},
    {"TK", "TKL", "Tokelau", "", ""},
    {"TL", "TLS", "Timor-Leste", "", "Democratic Republic of Timor-Leste"},
    {"TM", "TKM", "Turkmenistan", "", ""},
    {"TN", "TUN", "Tunisia", "", "Republic of Tunisia"},
    {"TO", "TON", "Tonga", "", "Kingdom of Tonga"},
    {"TR", "TUR", "Türkiye", "", "Republic of Türkiye"},
    {"TT", "TTO", "Trinidad and Tobago", "", "Republic of Trinidad and Tobago"},
    {"TV", "TUV", "Tuvalu", "", ""},
    {"TW", "TWN", "Taiwan", "Taiwan, Province of China", ""},
    {"TZ", "TZA", "Tanzania", "Tanzania, United Republic of", "United Republic of Tanzania"},
    {"UA", "UKR", "Ukraine", "", ""},
    {"UG", "UGA", "Uganda", "", "Republic of Uganda"},
    {"UM", "UMI", "United States Minor Outlying Islands", "", ""},
    {"US", "USA", "United States", "", "United States of America"},
    {"UY", "URY", "Uruguay", "", "Eastern Republic of Uruguay"},
    {"UZ", "UZB", "Uzbekistan", "", "Republic of Uzbekistan"},
    {"VA", "VAT", "Holy See (Vatican City State)", "", ""},
    {"VC", "VCT", "Saint Vincent and the Grenadines", "", ""},
    {"VE", "VEN", "Venezuela", "Venezuela, Bolivarian Republic of",
     "Bolivarian Republic of Venezuela"},
    {"VG", "VGB", "Virgin Islands, British", "", "British Virgin Islands"},
    {"VI", "VIR", "Virgin Islands, U.S.", "", "Virgin Islands of the United States"},
    {"VN", "VNM", "Vietnam", "Viet Nam", "Socialist Republic of Viet Nam"},
    {"VU", "VUT", "Vanuatu", "", "Republic of Vanuatu"},
    {"WF", "WLF", "Wallis and Futuna", "", ""},
    {"WS", "WSM", "Samoa", "", "Independent State of Samoa"},
    {"XK", "XKX", "Kosovo", "Republic of Kosovo", ""},
    {"YE", "YEM", "Yemen", "", "Republic of Yemen"},
    {"YT", "MYT", "Mayotte", "", ""},
    {"YU", "YUG", "Yugoslavia", "", ""},
    {"ZA", "ZAF", "South Africa", "", "Republic of South Africa"},
    {"ZM", "ZMB", "Zambia", "", "Republic of Zambia"},
    {"ZW", "ZWE", "Zimbabwe", "", "Republic of Zimbabwe"},
};

struct Alias {
  std::string_view text;
  std::string_view alpha2;  // "" = recognised, but no country
};

// Variants seen in OFAC, CSL, DPL, UN, UK, EU and Canada files, plus common English forms.
constexpr Alias kAliases[] = {
    {"00", ""},
    {"-0-", ""},
    {"undetermined", ""},
    {"unknown", ""},
    {"none", ""},
    {"n/a", ""},
    {"stateless", ""},
    {"Region: Commonwealth of Independent States", ""},
    {"Region: Kafia Kingi", ""},
    {"Kafia Kingi", ""},
    {"Afghanistan, Islamic Republic of", "AF"},
    {"Antigua & Barbuda", "AG"},
    {"Bahamas, The", "BS"},
    {"Bolivia", "BO"},
    {"Bosnia-Herzegovina", "BA"},
    {"Brunei", "BN"},
    {"Burma", "MM"},
    {"Cape Verde", "CV"},
    {"People's Republic of China", "CN"},
    {"China, People's Republic of", "CN"},
    {"PRC", "CN"},
    {"P.R.C.", "CN"},
    {"Mainland China", "CN"},
    {"Congo, Democratic Republic of the", "CD"},
    {"DR Congo", "CD"},
    {"DRC", "CD"},
    {"Congo (Kinshasa)", "CD"},
    {"Congo, Republic of the", "CG"},
    {"Congo (Brazzaville)", "CG"},
    {"Republic of Congo", "CG"},
    {"Ivory Coast", "CI"},
    {"Czech Republic", "CZ"},
    {"Czechia", "CZ"},
    {"East Timor", "TL"},
    {"Eswatini", "SZ"},
    {"Swaziland", "SZ"},
    {"Falkland Islands", "FK"},
    {"Gambia, The", "GM"},
    {"The Gambia", "GM"},
    {"United Kingdom", "GB"},
    {"UK", "GB"},
    {"U.K.", "GB"},
    {"Great Britain", "GB"},
    {"Britain", "GB"},
    {"England", "GB"},
    {"Scotland", "GB"},
    {"Wales", "GB"},
    {"Northern Ireland", "GB"},
    {"United Kingdom of Great Britain and Northern Ireland", "GB"},
    {"Hong Kong", "HK"},
    {"Hong Kong SAR", "HK"},
    {"Hong Kong, China", "HK"},
    {"Hong Kong SAR, China", "HK"},
    {"Hong Kong Special Administrative Region", "HK"},
    {"Hong Kong Special Administrative Region, China", "HK"},
    {"Iran", "IR"},
    {"Iran, Islamic Republic of", "IR"},
    {"Islamic Republic of Iran", "IR"},
    {"Man, Isle of", "IM"},
    {"Korea, North", "KP"},
    {"North Korea", "KP"},
    {"DPRK", "KP"},
    {"D.P.R.K.", "KP"},
    {"Korea, Democratic People's Republic of", "KP"},
    {"Democratic People's Republic of Korea", "KP"},
    {"Korea, South", "KR"},
    {"South Korea", "KR"},
    {"Republic of Korea", "KR"},
    {"Korea, Republic of", "KR"},
    {"ROK", "KR"},
    {"Kosovo", "XK"},
    {"Kyrgyz Republic", "KG"},
    {"Laos", "LA"},
    {"Lao PDR", "LA"},
    {"Macau", "MO"},
    {"Macao", "MO"},
    {"Macau SAR", "MO"},
    {"Macao SAR", "MO"},
    {"Macau, China", "MO"},
    {"Macao, China", "MO"},
    {"Macedonia", "MK"},
    {"North Macedonia, The Republic of", "MK"},
    {"Republic of North Macedonia", "MK"},
    {"Former Yugoslav Republic of Macedonia", "MK"},
    {"Micronesia", "FM"},
    {"Micronesia, Federated States of", "FM"},
    {"Moldova", "MD"},
    {"Republic of Moldova", "MD"},
    {"Myanmar", "MM"},
    {"Northern Mali", "ML"},
    {"Palestine", "PS"},
    {"Palestinian", "PS"},
    {"Palestinian Territories", "PS"},
    {"Palestinian Territory", "PS"},
    {"Palestinian Territory, Occupied", "PS"},
    {"Occupied Palestinian Territory", "PS"},
    {"Palestinian Authority", "PS"},
    {"State of Palestine", "PS"},
    {"West Bank", "PS"},
    {"Gaza", "PS"},
    {"Gaza Strip", "PS"},
    {"West Bank and Gaza", "PS"},
    {"Russia", "RU"},
    {"Russian Federation", "RU"},
    {"Saint Kitts & Nevis", "KN"},
    {"St. Kitts and Nevis", "KN"},
    {"St Kitts and Nevis", "KN"},
    {"Saint Vincent & the Grenadines", "VC"},
    {"St. Vincent and the Grenadines", "VC"},
    {"St. Lucia", "LC"},
    {"Sao Tome & Principe", "ST"},
    {"Slovak Republic", "SK"},
    {"Syria", "SY"},
    {"Syrian Arab Republic", "SY"},
    {"Taiwan", "TW"},
    {"Taiwan, China", "TW"},
    {"Republic of China", "TW"},
    {"Chinese Taipei", "TW"},
    {"Tanzania", "TZ"},
    {"Tanzania, United Republic of", "TZ"},
    {"Trinidad & Tobago", "TT"},
    {"Turkey", "TR"},
    {"Turkiye", "TR"},
    {"Republic of Turkey", "TR"},
    {"United Arab Emirates", "AE"},
    {"UAE", "AE"},
    {"U.A.E.", "AE"},
    {"United States", "US"},
    {"United States of America", "US"},
    {"USA", "US"},
    {"U.S.A.", "US"},
    {"U.S.", "US"},
    {"US", "US"},
    {"Vatican", "VA"},
    {"Vatican City", "VA"},
    {"Holy See", "VA"},
    {"Venezuela", "VE"},
    {"Vietnam", "VN"},
    {"Viet Nam", "VN"},
    {"Virgin Islands, British", "VG"},
    {"British Virgin Islands", "VG"},
    {"BVI", "VG"},
    {"Virgin Islands, U.S.", "VI"},
    {"US Virgin Islands", "VI"},
    {"Crimea", "UA"},
    {"Crimea region of Ukraine", "UA"},
    {"Crimea Region", "UA"},
    {"Autonomous Republic of Crimea", "UA"},
    {"Sevastopol", "UA"},
    {"Soviet Union", "SU"},
    {"Netherlands Antilles", "AN"},
    {"Yemen, Republic of", "YE"},
    {"Zaire", "CD"},
    {"Libyan Arab Jamahiriya", "LY"},
    // Nationalities written as demonyms (UK ConList "Nationality", some UN entries).
    {"Afghan", "AF"},
    {"Albanian", "AL"},
    {"Algerian", "DZ"},
    {"Armenian", "AM"},
    {"Australian", "AU"},
    {"Azerbaijani", "AZ"},
    {"Bahraini", "BH"},
    {"Bangladeshi", "BD"},
    {"Belarusian", "BY"},
    {"Belgian", "BE"},
    {"Bosnian", "BA"},
    {"British", "GB"},
    {"Burmese", "MM"},
    {"Burundian", "BI"},
    {"Canadian", "CA"},
    {"Chilean", "CL"},
    {"Chinese", "CN"},
    {"Colombian", "CO"},
    {"Croatian", "HR"},
    {"Cuban", "CU"},
    {"Danish", "DK"},
    {"Dutch", "NL"},
    {"Egyptian", "EG"},
    {"Emirati", "AE"},
    {"Eritrean", "ER"},
    {"Ethiopian", "ET"},
    {"Filipino", "PH"},
    {"French", "FR"},
    {"German", "DE"},
    {"Indian", "IN"},
    {"Indonesian", "ID"},
    {"Iranian", "IR"},
    {"Iraqi", "IQ"},
    {"Israeli", "IL"},
    {"Italian", "IT"},
    {"Jordanian", "JO"},
    {"Kazakh", "KZ"},
    {"Kenyan", "KE"},
    {"Kuwaiti", "KW"},
    {"Kyrgyz", "KG"},
    {"Lebanese", "LB"},
    {"Libyan", "LY"},
    {"Malaysian", "MY"},
    {"Malian", "ML"},
    {"Mauritanian", "MR"},
    {"Mexican", "MX"},
    {"Moroccan", "MA"},
    {"Nicaraguan", "NI"},
    {"Nigerian", "NG"},
    {"North Korean", "KP"},
    {"Norwegian", "NO"},
    {"Pakistani", "PK"},
    {"Panamanian", "PA"},
    {"Qatari", "QA"},
    {"Russian", "RU"},
    {"Rwandan", "RW"},
    {"Saudi", "SA"},
    {"Saudi Arabian", "SA"},
    {"Senegalese", "SN"},
    {"Serbian", "RS"},
    {"Somali", "SO"},
    {"South Sudanese", "SS"},
    {"Spanish", "ES"},
    {"Sudanese", "SD"},
    {"Swedish", "SE"},
    {"Swiss", "CH"},
    {"Syrian", "SY"},
    {"Tajik", "TJ"},
    {"Tanzanian", "TZ"},
    {"Tunisian", "TN"},
    {"Turkish", "TR"},
    {"Turkmen", "TM"},
    {"Ugandan", "UG"},
    {"Ukrainian", "UA"},
    {"Uzbek", "UZ"},
    {"Venezuelan", "VE"},
    {"Vietnamese", "VN"},
    {"Yemeni", "YE"},
    {"Zimbabwean", "ZW"},
};

bool IsStopWord(std::string_view word) { return word == "the" || word == "of" || word == "and"; }

// ASCII letter for U+00C0..U+017F ('?' where the letter needs two ASCII letters: handled in
// FoldCodePoint). Generated from the Unicode canonical decompositions.
constexpr std::string_view kLatinFold =
    "aaaaaa?ceeeeiiiidnooooo ouuuuy??aaaaaa?ceeeeiiiidnooooo ouuuuy?y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkklllllll"
    "lllnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

enum class Apostrophe : std::uint8_t { kDelete, kSpace };

// Appends the ASCII folding of `cp` (lower case): letters/digits as themselves, apostrophes
// per `apostrophe`, anything else a space.
void FoldCodePoint(char32_t cp, Apostrophe apostrophe, std::string& out) {
  if (cp < 0x80) {
    const char ch = static_cast<char>(cp);
    if (ch >= 'A' && ch <= 'Z') {
      out.push_back(static_cast<char>(ch - 'A' + 'a'));
    } else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      out.push_back(ch);
    } else if (ch == '\'' || ch == '`') {
      if (apostrophe == Apostrophe::kSpace) out.push_back(' ');
    } else {
      out.push_back(' ');
    }
    return;
  }
  if (cp == 0x2019 || cp == 0x2018 || cp == 0x00B4 || cp == 0x02BC) {
    if (apostrophe == Apostrophe::kSpace) out.push_back(' ');
    return;
  }
  switch (cp) {
    case 0xC6:
    case 0xE6:
      out += "ae";
      return;
    case 0xDE:
    case 0xFE:
      out += "th";
      return;
    case 0xDF:
      out += "ss";
      return;
    case 0x132:
    case 0x133:
      out += "ij";
      return;
    case 0x152:
    case 0x153:
      out += "oe";
      return;
    default:
      break;
  }
  if (cp >= 0xC0 && cp < 0x180) {
    const char folded = kLatinFold[cp - 0xC0];
    out.push_back(folded == '?' ? ' ' : folded);
    return;
  }
  out.push_back(' ');
}

// Decodes UTF-8 leniently: a malformed byte counts as one unknown code point (a space).
std::string Fold(std::string_view text, Apostrophe apostrophe) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    std::size_t length = 1;
    char32_t cp = lead;
    if (lead >= 0xC0 && lead < 0xE0) {
      length = 2;
      cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead < 0xF0) {
      length = 3;
      cp = lead & 0x0F;
    } else if (lead >= 0xF0 && lead < 0xF8) {
      length = 4;
      cp = lead & 0x07;
    } else if (lead >= 0x80) {
      length = 0;  // stray continuation or invalid lead byte
    }
    bool valid = length != 0 && pos + length <= text.size();
    for (std::size_t idx = 1; valid && idx < length; ++idx) {
      const auto cont = static_cast<unsigned char>(text[pos + idx]);
      if ((cont & 0xC0) != 0x80) valid = false;
      cp = (cp << 6) | (cont & 0x3F);
    }
    if (!valid) {
      out.push_back(' ');
      pos += 1;
      continue;
    }
    FoldCodePoint(cp, apostrophe, out);
    pos += length;
  }
  return out;
}

// The lookup key: folded words minus stop words, sorted, joined by one space.
std::string Key(std::string_view text, Apostrophe apostrophe) {
  const std::string folded = Fold(text, apostrophe);
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  const std::string_view view(folded);
  while (pos < view.size()) {
    const std::size_t start = view.find_first_not_of(' ', pos);
    if (start == std::string_view::npos) break;
    std::size_t end = view.find(' ', start);
    if (end == std::string_view::npos) end = view.size();
    std::string_view word = view.substr(start, end - start);
    if (word == "st") word = "saint";  // "St. Lucia", "St Kitts and Nevis"
    if (!IsStopWord(word)) words.push_back(word);
    pos = end;
  }
  std::sort(words.begin(), words.end());
  std::string key;
  for (const std::string_view word : words) {
    if (!key.empty()) key.push_back(' ');
    key.append(word);
  }
  return key;
}

class CountryIndex {
 public:
  CountryIndex() {
    for (const CountryRow& row : kCountries) {
      Add(row.alpha2, row.alpha2);
      Add(row.alpha3, row.alpha2);
      Add(row.name, row.alpha2);
      if (!row.iso_name.empty()) Add(row.iso_name, row.alpha2);
      if (!row.official_name.empty()) Add(row.official_name, row.alpha2);
    }
    // Aliases come last and win over ISO names and codes.
    for (const Alias& alias : kAliases) Add(alias.text, alias.alpha2, /*override=*/true);
  }

  // nullptr when unknown; "" when known to mean "no country".
  const std::string* Find(std::string_view text) const {
    for (const Apostrophe mode : {Apostrophe::kDelete, Apostrophe::kSpace}) {
      const auto found = by_key_.find(Key(text, mode));
      if (found != by_key_.end()) return &found->second;
    }
    return nullptr;
  }

 private:
  void Add(std::string_view text, std::string_view alpha2, bool override = false) {
    for (const Apostrophe mode : {Apostrophe::kDelete, Apostrophe::kSpace}) {
      const std::string key = Key(text, mode);
      if (key.empty()) continue;
      if (override) {
        by_key_[key] = std::string(alpha2);
      } else {
        by_key_.emplace(key, std::string(alpha2));
      }
    }
  }

  std::unordered_map<std::string, std::string> by_key_;
};

const CountryIndex& Index() {
  static const CountryIndex index;
  return index;
}

std::string_view TrimSpace(std::string_view text) {
  const auto is_space = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t idx = 0; idx < prefix.size(); ++idx) {
    char ch = text[idx];
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if (ch != prefix[idx]) return false;
  }
  return true;
}

}  // namespace

std::string CountryCode(std::string_view code_or_name) {
  std::string_view text = TrimSpace(code_or_name);
  // Longer than any country name or alias: not a country, and not worth folding.
  if (text.empty() || text.size() > 200) return "";
  const CountryIndex& index = Index();
  if (const std::string* found = index.Find(text)) return *found;
  // OFAC writes "Region: Gaza", "region: Crimea"; the region alone may be known.
  if (StartsWithNoCase(text, "region:")) {
    text.remove_prefix(7);
    if (const std::string* found = index.Find(text)) return *found;
  }
  // "Pakistan (at time of listing)", "Germany (previous address)": the country before a note.
  const std::size_t paren = text.find('(');
  if (paren != std::string_view::npos && paren > 0) {
    if (const std::string* found = index.Find(text.substr(0, paren))) return *found;
  }
  return "";
}

std::string_view CountryName(std::string_view alpha2) {
  if (alpha2.size() != 2) return "";
  const char upper[2] = {
      static_cast<char>(alpha2[0] >= 'a' && alpha2[0] <= 'z' ? alpha2[0] - 'a' + 'A' : alpha2[0]),
      static_cast<char>(alpha2[1] >= 'a' && alpha2[1] <= 'z' ? alpha2[1] - 'a' + 'A' : alpha2[1]),
  };
  const std::string_view code(upper, 2);
  const auto* found = std::lower_bound(
      std::begin(kCountries), std::end(kCountries), code,
      [](const CountryRow& row, std::string_view value) { return row.alpha2 < value; });
  if (found == std::end(kCountries) || found->alpha2 != code) return "";
  return found->name;
}

}  // namespace redflag::core
