#include "sources/ofac/ofac_remarks.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/country.h"
#include "core/date.h"

namespace redflag::sources {
namespace {

using core::IdType;

constexpr std::string_view kField = "Remarks";

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// OFAC ends the remarks (and some segments) with a full stop that is not part of the value.
std::string_view StripDot(std::string_view text) {
  text = Trim(text);
  if (text.ends_with('.')) text.remove_suffix(1);
  return Trim(text);
}

bool StartsWithWord(std::string_view text, std::string_view label) {
  return text.size() > label.size() && text.starts_with(label) && text[label.size()] == ' ';
}

// Labels OFAC uses before an identifier value, with the model type. The longest matching label
// wins, so "Identification Number IMO" beats "Identification Number". Labels come from the
// 2023-12-28 and 2024-05-03 sdn.csv and the cons_prim.csv remarks (every label seen >= 2 times).
struct IdLabel {
  std::string_view label;
  IdType type;
};
constexpr std::array kIdLabels = std::to_array<IdLabel>({
    {"Passport", IdType::kPassport},
    {"Passport No.:", IdType::kPassport},
    {"Passport Booklet", IdType::kPassport},
    {"Passport Booklet:", IdType::kPassport},
    {"Diplomatic Passport", IdType::kPassport},
    {"Stateless Person Passport", IdType::kPassport},
    {"British National Overseas Passport", IdType::kPassport},
    {"Travel Document Number", IdType::kPassport},
    {"Seafarer's Identification Document", IdType::kPassport},
    {"National ID No.", IdType::kNationalId},
    {"National ID No.:", IdType::kNationalId},
    {"National Foreign ID Number", IdType::kNationalId},
    {"Cedula No.", IdType::kNationalId},
    {"C.U.R.P.", IdType::kNationalId},
    {"C.U.R.P. #", IdType::kNationalId},
    {"D.N.I.", IdType::kNationalId},
    {"Identification Number", IdType::kNationalId},
    {"Personal ID Card", IdType::kNationalId},
    {"C.U.I.", IdType::kNationalId},
    {"C.U.I.P.", IdType::kNationalId},
    {"Credencial electoral", IdType::kNationalId},
    {"I.F.E.", IdType::kNationalId},
    {"Electoral Registry No.", IdType::kNationalId},
    {"Birth Certificate Number", IdType::kNationalId},
    {"Residency Number", IdType::kNationalId},
    {"Kenyan ID No.", IdType::kNationalId},
    {"Turkish Identification Number", IdType::kNationalId},
    {"Citizen's Card Number", IdType::kNationalId},
    {"Cartilla de Servicio Militar Nacional", IdType::kNationalId},
    {"Numero de Identidad", IdType::kNationalId},
    {"Tazkira National ID Card", IdType::kNationalId},
    {"Refugee ID Card", IdType::kNationalId},
    {"Stateless Person ID Card", IdType::kNationalId},
    {"Moroccan Personal ID No.", IdType::kNationalId},
    {"Bosnian Personal ID No.", IdType::kNationalId},
    {"UAE Identification", IdType::kNationalId},
    {"CNP (Personal Numerical Code)", IdType::kNationalId},
    {"N.I.E.", IdType::kNationalId},
    {"Immigration No.", IdType::kNationalId},
    {"Military Registration Number", IdType::kNationalId},
    {"Tax ID No.", IdType::kTaxId},
    {"R.F.C.", IdType::kTaxId},
    {"R.F.C. #", IdType::kTaxId},
    {"RFC", IdType::kTaxId},
    {"NIT #", IdType::kTaxId},
    {"RUC #", IdType::kTaxId},
    {"RIF #", IdType::kTaxId},
    {"RTN", IdType::kTaxId},
    {"V.A.T. Number", IdType::kTaxId},
    {"US FEIN", IdType::kTaxId},
    {"C.U.I.T.", IdType::kTaxId},
    {"C.I.F.", IdType::kTaxId},
    {"N.I.F.", IdType::kTaxId},
    {"Italian Fiscal Code", IdType::kTaxId},
    {"Italian Fiscal Code:", IdType::kTaxId},
    {"Fiscal Code", IdType::kTaxId},
    {"Paraguayan tax identification number", IdType::kTaxId},
    {"Romanian Tax Registration", IdType::kTaxId},
    {"Numero Unico de Identificacao Tributaria (NUIT)", IdType::kTaxId},
    {"SSN", IdType::kSocialSecurity},
    {"Driver's License No.", IdType::kDriversLicense},
    {"Unified Social Credit Code (USCC)", IdType::kUscc},
    {"United Social Credit Code Certificate (USCCC)", IdType::kUscc},
    {"Registration Number", IdType::kRegistration},
    {"Registration ID", IdType::kRegistration},
    {"Business Registration Number", IdType::kRegistration},
    {"Business Registration Document #", IdType::kRegistration},
    {"Commercial Registry Number", IdType::kRegistration},
    {"Company Number", IdType::kRegistration},
    {"UK Company Number", IdType::kRegistration},
    {"Company ID: No.", IdType::kRegistration},
    {"Government Gazette Number", IdType::kRegistration},
    {"Folio Mercantil No.", IdType::kRegistration},
    {"Matricula Mercantil No", IdType::kRegistration},
    {"Trade License No.", IdType::kRegistration},
    {"License", IdType::kRegistration},
    {"C.R. No.", IdType::kRegistration},
    {"Romanian C.R.", IdType::kRegistration},
    {"Economic Register Number (CBLS)", IdType::kRegistration},
    {"Chamber of Commerce Number", IdType::kRegistration},
    {"Central Registration System Number", IdType::kRegistration},
    {"Istanbul Chamber of Comm. No.", IdType::kRegistration},
    {"Dubai Chamber of Commerce Membership No.", IdType::kRegistration},
    {"Business Number", IdType::kRegistration},
    {"Enterprise Number", IdType::kRegistration},
    {"Public Registration Number", IdType::kRegistration},
    {"Branch Unit Number", IdType::kRegistration},
    {"Registered Charity No.", IdType::kRegistration},
    {"Certificate of Incorporation Number", IdType::kRegistration},
    {"Permit Number", IdType::kRegistration},
    {"Organization Code", IdType::kRegistration},
    {"LE Number", IdType::kRegistration},
    {"MSB Registration Number", IdType::kRegistration},
    {"Afghan Money Service Provider License Number", IdType::kRegistration},
    {"Chinese Commercial Code", IdType::kOther},
    {"BIK (RU)", IdType::kBic},
    {"SWIFT/BIC", IdType::kBic},
    {"Legal Entity Number", IdType::kLei},
    {"D-U-N-S Number", IdType::kDuns},
    {"ISIN", IdType::kIsin},
    {"Identification Number ISIN:", IdType::kIsin},
    {"Equity Ticker", IdType::kTicker},
    {"Vessel Registration Identification IMO", IdType::kImo},
    {"Vessel Registration Identification", IdType::kImo},
    {"Identification Number IMO", IdType::kImo},
    {"Company Number IMO", IdType::kImo},
    {"IMO", IdType::kImo},
    {"MMSI", IdType::kMmsi},
    {"Other Vessel Call Sign", IdType::kCallSign},
    {"Aircraft Manufacturer's Serial Number (MSN)", IdType::kAircraftSerial},
    {"Aircraft Construction Number (also called L/N or S/N or F/N)", IdType::kAircraftSerial},
    {"Aircraft Serial Identification", IdType::kAircraftSerial},
    {"Aircraft Tail Number", IdType::kAircraftTail},
    {"Previous Aircraft Tail Number", IdType::kAircraftTail},
    {"Aircraft Mode S Transponder Code", IdType::kOther},
    {"Website", IdType::kWebsite},
    {"Email Address", IdType::kEmail},
    {"Email", IdType::kEmail},
    {"Phone Number", IdType::kPhone},
    {"Telephone", IdType::kPhone},
    {"Telephone:", IdType::kPhone},
    {"Telephone No.", IdType::kPhone},
    {"Phone No.", IdType::kPhone},
    {"PHONE", IdType::kPhone},
    {"Fax", IdType::kPhone},
    {"Fax:", IdType::kPhone},
    {"Fax No.", IdType::kPhone},
    {"FAX", IdType::kPhone},
});

const IdLabel* FindIdLabel(std::string_view segment) {
  const IdLabel* best = nullptr;
  for (const IdLabel& entry : kIdLabels) {
    if (StartsWithWord(segment, entry.label) &&
        (best == nullptr || entry.label.size() > best->label.size())) {
      best = &entry;
    }
  }
  return best;
}

// Segments about the sanction rather than the party; they go to Listing.remarks.
constexpr std::array kListingPrefixes = std::to_array<std::string_view>({
    "Secondary sanctions risk",
    "Additional Sanctions Information",
    "Executive Order",
    "Listing Date",
    "Effective Date",
    "Transactions Prohibited",
    "For more information",
    "for more information",
    "CAATSA Section",
    "Target Type",
    "IFCA Determination",
    "United States financial institutions are prohibited",
});

bool IsListingSegment(std::string_view segment) {
  return std::any_of(kListingPrefixes.begin(), kListingPrefixes.end(),
                     [&](std::string_view prefix) { return segment.starts_with(prefix); });
}

void Append(std::string& out, std::string_view segment) {
  if (segment.empty()) return;
  if (!out.empty()) out += "; ";
  out += segment;
}

// The value of an identifier: "C480ZRLP5 (Germany) expires 02 Apr 2027" -> value "C480ZRLP5",
// country "DE", note "expires 02 Apr 2027".
void SplitIdValue(std::string_view text, core::Identifier& id) {
  text = Trim(text);
  std::string note;
  // "issued ..." / "expires ..." / "valid ..." trail the value and its country.
  std::size_t cut = std::string_view::npos;
  for (std::string_view marker : {" issued ", " expires ", " valid ", " Expiration Date "}) {
    cut = std::min(cut, text.find(marker));
  }
  if (cut != std::string_view::npos) {
    note = std::string(Trim(text.substr(cut)));
    text = Trim(text.substr(0, cut));
  }
  // Trailing "(...)" groups: the last one recognised as a country is the issuer, others are
  // notes ("HRA 738077 (Stuttgart) (Germany)").
  std::vector<std::string> groups;
  while (text.ends_with(')')) {
    const std::size_t open = text.rfind('(');
    if (open == std::string_view::npos || open == 0) break;
    groups.emplace_back(text.substr(open + 1, text.size() - open - 2));
    text = Trim(text.substr(0, open));
  }
  std::reverse(groups.begin(), groups.end());
  std::string extra;
  for (const std::string& group : groups) {
    std::string code = id.country.empty() ? core::CountryCode(group) : std::string();
    if (!code.empty()) {
      id.country = std::move(code);
    } else {
      Append(extra, "(" + group + ")");
    }
  }
  if (!extra.empty()) note = note.empty() ? extra : extra + " " + note;
  if (text.starts_with(':')) text = Trim(text.substr(1));
  id.value = std::string(text);
  id.note = std::move(note);
}

class RemarksParser {
 public:
  RemarksParser(core::Entity& entity, core::Listing& listing, core::Diagnostics& diagnostics,
                const core::Location& where)
      : entity_(entity), listing_(listing), diagnostics_(diagnostics), where_(where) {
    where_.field = std::string(kField);
  }

  void Parse(std::string_view remarks) {
    remarks = Trim(remarks);
    std::size_t pos = 0;
    while (pos <= remarks.size()) {
      // Segments end at "; " (and, in three 2023 entries, at a bare ";").
      std::size_t end = remarks.find(';', pos);
      if (end == std::string_view::npos) end = remarks.size();
      const std::string_view segment = Trim(remarks.substr(pos, end - pos));
      if (!segment.empty()) Segment(segment);
      pos = end + 1;
    }
  }

 private:
  void Warn(std::string_view segment, std::string message, std::string action) {
    diagnostics_.Warn(where_, std::string(segment), std::move(message), std::move(action));
  }

  void Segment(std::string_view original) {
    std::string_view segment = original;
    if (segment.starts_with("alt. ") || segment.starts_with("Alt. ")) segment.remove_prefix(5);
    if (!Known(segment, original)) {
      if (IsListingSegment(segment)) {
        Append(listing_.remarks, StripDot(original));
      } else {
        Append(entity_.remarks, StripDot(original));
      }
    }
  }

  // Handles a segment the parser understands; false leaves it to the remarks texts.
  bool Known(std::string_view segment, std::string_view original) {
    for (auto [label, kind] :
         {std::pair{"a.k.a.", core::NameKind::kWeakAka}, std::pair{"f.k.a.", core::NameKind::kFka},
          std::pair{"n.k.a.", core::NameKind::kNka}}) {
      if (StartsWithWord(segment, label)) {
        return AddName(segment.substr(std::string_view(label).size()), kind);
      }
    }
    if (StartsWithWord(segment, "Issuer Name")) {
      return AddName(StripDot(segment.substr(11)), core::NameKind::kWeakAka);
    }
    if (StartsWithWord(segment, "DOB")) return BirthDate(segment.substr(4), original, "DOB");
    if (StartsWithWord(segment, "Vessel Year of Build")) {
      return BirthDate(segment.substr(21), original, "Vessel Year of Build");
    }
    if (StartsWithWord(segment, "Aircraft Manufacture Date")) {
      return BirthDate(segment.substr(26), original, "Aircraft Manufacture Date");
    }
    if (StartsWithWord(segment, "POB")) {
      const std::string_view place = StripDot(segment.substr(4));
      if (place.empty()) return false;
      entity_.places_of_birth.emplace_back(place);
      return true;
    }
    if (StartsWithWord(segment, "nationality")) {
      return Country(segment.substr(12), original, "nationality", entity_.nationalities);
    }
    if (StartsWithWord(segment, "citizen")) {
      return Country(segment.substr(8), original, "citizen", entity_.citizenships);
    }
    if (StartsWithWord(segment, "Gender")) {
      const std::string_view value = StripDot(segment.substr(7));
      if (value == "Male") {
        entity_.gender = "male";
        return true;
      }
      if (value == "Female") {
        entity_.gender = "female";
        return true;
      }
      Warn(original, "Gender is neither Male nor Female", "kept in remarks");
      return false;
    }
    if (segment.starts_with("Linked To:")) {
      const std::string_view target = LinkTarget(segment.substr(10));
      if (target.empty()) return false;
      entity_.links.push_back(core::Link{"linked_to", std::string(target), "", -1});
      return true;
    }
    if (StartsWithWord(segment, "Effective Date (CMIC)")) {
      return ListingDate(segment.substr(22), original, listing_.start);
    }
    if (StartsWithWord(segment, "Purchase/Sales For Divestment Date (CMIC)")) {
      return ListingDate(segment.substr(42), original, listing_.divestment);
    }
    if (segment.starts_with("Digital Currency Address - ")) {
      const std::string_view rest = StripDot(segment.substr(27));
      const std::size_t space = rest.find(' ');
      if (space == std::string_view::npos) return false;
      core::Identifier id;
      id.type = IdType::kCryptoAddress;
      id.type_raw = std::string(segment.substr(0, 27 + space));
      id.scheme = std::string(rest.substr(0, space));
      SplitIdValue(rest.substr(space + 1), id);
      return AddId(std::move(id));
    }
    if (const IdLabel* label = FindIdLabel(segment)) {
      core::Identifier id;
      id.type = label->type;
      id.type_raw = std::string(label->label);
      if (id.type_raw.ends_with(':')) id.type_raw.pop_back();
      std::string_view rest = StripDot(segment.substr(label->label.size() + 1));
      if (id.type == IdType::kTicker) {
        // "Equity Ticker 002415 CN": the symbol, then the exchange's country code.
        if (const std::size_t space = rest.rfind(' '); space != std::string_view::npos) {
          id.note = "exchange " + std::string(rest.substr(space + 1));
          rest = Trim(rest.substr(0, space));
        }
        id.value = std::string(rest);
      } else if (id.type == IdType::kWebsite || id.type == IdType::kEmail) {
        id.value = std::string(rest);
      } else {
        SplitIdValue(rest, id);
      }
      if (id.type == IdType::kCallSign && entity_.vessel.call_sign.empty()) {
        entity_.vessel.call_sign = id.value;
      }
      return AddId(std::move(id));
    }
    return false;
  }

  bool AddName(std::string_view text, core::NameKind kind) {
    text = Trim(text);
    // a.k.a. 'NAME' with an optional closing full stop; names may hold apostrophes (QA'IDA).
    if (text.ends_with("'.")) text.remove_suffix(1);
    if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
      text = text.substr(1, text.size() - 2);
    } else {
      text = StripDot(text);
    }
    text = Trim(text);
    if (text.empty()) return false;
    for (const core::Name& name : entity_.names) {
      if (name.full == text) return true;  // identical name already there: keep the first
    }
    core::Name name;
    name.full = std::string(text);
    name.kind = kind;
    entity_.names.push_back(std::move(name));
    return true;
  }

  bool BirthDate(std::string_view text, std::string_view original, std::string_view label) {
    const std::string_view value = StripDot(text);
    auto date = core::ParseBirthDate(value);
    if (!date) {
      Warn(original,
           fmt::format("field {}: \"{}\" is not a date (expected e.g. 26 Nov 1988, Nov 1988, "
                       "1988, circa 1988 or 1986 to 1988)",
                       label, value),
           "record kept without it; text kept in remarks");
      return false;
    }
    date->raw = std::string(value);
    if (std::find(entity_.birth_dates.begin(), entity_.birth_dates.end(), *date) ==
        entity_.birth_dates.end()) {
      entity_.birth_dates.push_back(std::move(*date));
    }
    return true;
  }

  bool ListingDate(std::string_view text, std::string_view original, core::PartialDate& out) {
    const std::string_view value = StripDot(text);
    const auto date = core::ParseDate(value);
    if (!date) {
      Warn(original, fmt::format("\"{}\" is not a date (expected e.g. 02 Aug 2021)", value),
           "record kept without it; text kept in remarks");
      return false;
    }
    out = *date;
    return true;
  }

  bool Country(std::string_view text, std::string_view original, std::string_view label,
               std::vector<std::string>& out) {
    std::string_view value = StripDot(text);
    if (value.starts_with("possibly ")) value.remove_prefix(9);  // "nationality possibly X"
    const std::string code = core::CountryCode(value);
    if (code.empty()) {
      Warn(original, fmt::format("{} \"{}\" is not a known country", label, value),
           "record kept; text kept in remarks");
      return false;
    }
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
    return true;
  }

  // "Linked To: MAHAN AIR." -> "MAHAN AIR"; keeps the dot of an abbreviation ("AVICAL S.A.",
  // "PERSIAN GULF PETROCHEMICAL INDUSTRY CO."), since OFAC does not double the final full stop.
  static std::string_view LinkTarget(std::string_view text) {
    text = Trim(text);
    if (!text.ends_with('.')) return text;
    const std::string_view body = text.substr(0, text.size() - 1);
    const std::size_t space = body.rfind(' ');
    const std::string_view last = space == std::string_view::npos ? body : body.substr(space + 1);
    static constexpr std::array<std::string_view, 8> kAbbreviations = {"CO", "LTD", "INC", "CORP",
                                                                       "Co", "Ltd", "Inc", "Corp"};
    const bool abbreviation =
        last.find('.') != std::string_view::npos ||
        std::find(kAbbreviations.begin(), kAbbreviations.end(), last) != kAbbreviations.end();
    return Trim(abbreviation ? text : body);
  }

  bool AddId(core::Identifier id) {
    if (id.value.empty()) return false;
    if (std::find(entity_.identifiers.begin(), entity_.identifiers.end(), id) ==
        entity_.identifiers.end()) {
      entity_.identifiers.push_back(std::move(id));
    }
    return true;
  }

  core::Entity& entity_;
  core::Listing& listing_;
  core::Diagnostics& diagnostics_;
  core::Location where_;
};

}  // namespace

void ParseOfacRemarks(std::string_view remarks, core::Entity& entity, core::Listing& listing,
                      core::Diagnostics& diagnostics, const core::Location& where) {
  RemarksParser(entity, listing, diagnostics, where).Parse(remarks);
}

}  // namespace redflag::sources
