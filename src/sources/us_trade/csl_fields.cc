#include <openssl/evp.h>
#include "core/sha256.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>

#include "sources/us_trade/csl_fields_internal.h"

namespace redflag::sources::csl_internal {
namespace {

bool IsAsciiSpace(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\v';
}
bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }
bool IsAlpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }


struct LabelRow {
  std::string_view label;
  IdDisposition disposition;
  core::IdType type;
};

using D = IdDisposition;
using T = core::IdType;

// Every label seen in the 2022 CSL "ids" column (and the OFAC features behind it), by what it
// is. Labels not here are identifiers of type kOther with the label as scheme.
constexpr LabelRow kLabels[] = {
    {"Gender", D::kGender, T::kOther},
    {"Effective Date (CMIC)", D::kListingStart, T::kOther},
    {"Purchase/Sales For Divestment Date (CMIC)", D::kDivestment, T::kOther},
    {"Listing Date (CMIC)", D::kListingNote, T::kOther},
    {"Additional Sanctions Information -", D::kListingNote, T::kOther},
    {"Secondary sanctions risk:", D::kListingNote, T::kOther},
    {"Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions:",
     D::kListingNote, T::kOther},
    {"Executive Order 13662 Directive Determination -", D::kListingNote, T::kOther},
    {"Executive Order 13846 information:", D::kListingNote, T::kOther},
    {"Executive Order 14024 Directive Information -", D::kListingNote, T::kOther},
    {"Executive Order 14024 Directive Information", D::kListingNote, T::kOther},
    {"CAATSA Section 235 Information:", D::kListingNote, T::kOther},
    {"IFCA Determination -", D::kListingNote, T::kOther},
    {"PEESA Information:", D::kListingNote, T::kOther},
    {"Organization Established Date", D::kEntityNote, T::kOther},
    {"Organization Type:", D::kEntityNote, T::kOther},
    {"Target Type", D::kEntityNote, T::kOther},
    {"Issuer Name", D::kEntityNote, T::kOther},
    {"Aircraft Model", D::kEntityNote, T::kOther},
    {"Aircraft Manufacture Date", D::kEntityNote, T::kOther},
    {"Aircraft Operator", D::kEntityNote, T::kOther},
    {"Former Vessel Flag", D::kEntityNote, T::kOther},
    {"Other Vessel Flag", D::kEntityNote, T::kOther},
    {"Other Vessel Type", D::kEntityNote, T::kOther},
    {"Nationality of Registration", D::kEntityNote, T::kOther},
    {"Registration Country", D::kEntityNote, T::kOther},
    {"Nationality Country", D::kEntityNote, T::kOther},
    {"Passport", D::kIdentifier, T::kPassport},
    {"Diplomatic Passport", D::kIdentifier, T::kPassport},
    {"Stateless Person Passport", D::kIdentifier, T::kPassport},
    {"British National Overseas Passport", D::kIdentifier, T::kPassport},
    {"Travel Document Number", D::kIdentifier, T::kPassport},
    {"Seafarer's Identification Document", D::kIdentifier, T::kPassport},
    {"National ID No.", D::kIdentifier, T::kNationalId},
    {"Cedula No.", D::kIdentifier, T::kNationalId},
    {"C.U.R.P.", D::kIdentifier, T::kNationalId},
    {"D.N.I.", D::kIdentifier, T::kNationalId},
    {"Personal ID Card", D::kIdentifier, T::kNationalId},
    {"Identification Number", D::kIdentifier, T::kNationalId},
    {"Kenyan ID No.", D::kIdentifier, T::kNationalId},
    {"Turkish Identification Number", D::kIdentifier, T::kNationalId},
    {"Citizen's Card Number", D::kIdentifier, T::kNationalId},
    {"Numero de Identidad", D::kIdentifier, T::kNationalId},
    {"Bosnian Personal ID No.", D::kIdentifier, T::kNationalId},
    {"CNP (Personal Numerical Code)", D::kIdentifier, T::kNationalId},
    {"Moroccan Personal ID No.", D::kIdentifier, T::kNationalId},
    {"Tazkira National ID Card", D::kIdentifier, T::kNationalId},
    {"National Foreign ID Number", D::kIdentifier, T::kNationalId},
    {"Electoral Registry No.", D::kIdentifier, T::kNationalId},
    {"Credencial electoral", D::kIdentifier, T::kNationalId},
    {"I.F.E.", D::kIdentifier, T::kNationalId},
    {"UAE Identification", D::kIdentifier, T::kNationalId},
    {"Refugee ID Card", D::kIdentifier, T::kNationalId},
    {"Stateless Person ID Card", D::kIdentifier, T::kNationalId},
    {"Residency Number", D::kIdentifier, T::kNationalId},
    {"Birth Certificate Number", D::kIdentifier, T::kNationalId},
    {"N.I.E.", D::kIdentifier, T::kNationalId},
    {"Romanian Permanent Resident", D::kIdentifier, T::kNationalId},
    {"Tax ID No.", D::kIdentifier, T::kTaxId},
    {"R.F.C.", D::kIdentifier, T::kTaxId},
    {"RFC", D::kIdentifier, T::kTaxId},
    {"NIT #", D::kIdentifier, T::kTaxId},
    {"RUC #", D::kIdentifier, T::kTaxId},
    {"V.A.T. Number", D::kIdentifier, T::kTaxId},
    {"US FEIN", D::kIdentifier, T::kTaxId},
    {"Italian Fiscal Code", D::kIdentifier, T::kTaxId},
    {"Fiscal Code", D::kIdentifier, T::kTaxId},
    {"C.U.I.T.", D::kIdentifier, T::kTaxId},
    {"C.U.I.P.", D::kIdentifier, T::kTaxId},
    {"RIF #", D::kIdentifier, T::kTaxId},
    {"RTN", D::kIdentifier, T::kTaxId},
    {"C.I.F.", D::kIdentifier, T::kTaxId},
    {"Paraguayan tax identification number", D::kIdentifier, T::kTaxId},
    {"Numero Unico de Identificacao Tributaria (NUIT)", D::kIdentifier, T::kTaxId},
    {"Romanian Tax Registration", D::kIdentifier, T::kTaxId},
    {"RSIN", D::kIdentifier, T::kTaxId},
    {"Unified Social Credit Code (USCC)", D::kIdentifier, T::kUscc},
    {"United Social Credit Code Certificate (USCCC)", D::kIdentifier, T::kUscc},
    {"Registration Number", D::kIdentifier, T::kRegistration},
    {"Registration ID", D::kIdentifier, T::kRegistration},
    {"Company Number", D::kIdentifier, T::kRegistration},
    {"UK Company Number", D::kIdentifier, T::kRegistration},
    {"Commercial Registry Number", D::kIdentifier, T::kRegistration},
    {"Business Registration Number", D::kIdentifier, T::kRegistration},
    {"Business Registration Document #", D::kIdentifier, T::kRegistration},
    {"Business Number", D::kIdentifier, T::kRegistration},
    {"Folio Mercantil No.", D::kIdentifier, T::kRegistration},
    {"Matricula Mercantil No", D::kIdentifier, T::kRegistration},
    {"Trade License No.", D::kIdentifier, T::kRegistration},
    {"Public Registration Number", D::kIdentifier, T::kRegistration},
    {"Chamber of Commerce Number", D::kIdentifier, T::kRegistration},
    {"Enterprise Number", D::kIdentifier, T::kRegistration},
    {"Certificate of Incorporation Number", D::kIdentifier, T::kRegistration},
    {"Registered Charity No.", D::kIdentifier, T::kRegistration},
    {"Government Gazette Number", D::kIdentifier, T::kRegistration},
    {"C.R. No.", D::kIdentifier, T::kRegistration},
    {"Romanian C.R.", D::kIdentifier, T::kRegistration},
    {"Dubai Chamber of Commerce Membership No.", D::kIdentifier, T::kRegistration},
    {"Istanbul Chamber of Comm. No.", D::kIdentifier, T::kRegistration},
    {"Branch Unit Number", D::kIdentifier, T::kRegistration},
    {"LE Number", D::kIdentifier, T::kRegistration},
    {"Central Registration System Number", D::kIdentifier, T::kRegistration},
    {"MSB Registration Number", D::kIdentifier, T::kRegistration},
    {"Vessel Registration Identification", D::kIdentifier, T::kImo},
    {"ISIN", D::kIdentifier, T::kIsin},
    {"Equity Ticker", D::kIdentifier, T::kTicker},
    {"MMSI", D::kIdentifier, T::kMmsi},
    {"Other Vessel Call Sign", D::kIdentifier, T::kCallSign},
    {"SWIFT/BIC", D::kIdentifier, T::kBic},
    {"Legal Entity Number", D::kIdentifier, T::kLei},
    {"Aircraft Manufacturer's Serial Number (MSN)", D::kIdentifier, T::kAircraftSerial},
    {"Aircraft Construction Number (also called L/N or S/N or F/N)", D::kIdentifier,
     T::kAircraftSerial},
    {"Aircraft Serial Identification", D::kIdentifier, T::kAircraftSerial},
    {"Serial No.", D::kIdentifier, T::kAircraftSerial},
    {"Aircraft Tail Number", D::kIdentifier, T::kAircraftTail},
    {"Previous Aircraft Tail Number", D::kIdentifier, T::kAircraftTail},
    {"Driver's License No.", D::kIdentifier, T::kDriversLicense},
    {"SSN", D::kIdentifier, T::kSocialSecurity},
    {"Email Address", D::kIdentifier, T::kEmail},
    {"Website", D::kIdentifier, T::kWebsite},
    {"Phone Number", D::kIdentifier, T::kPhone},
    {"D-U-N-S Number", D::kIdentifier, T::kDuns},
};

constexpr std::string_view kCryptoPrefix = "Digital Currency Address - ";

}  // namespace

core::Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return core::MakeError(core::ErrorCode::kNotFound, "no such file", {.file = path.string()});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::MakeError(core::ErrorCode::kIo, "cannot open file", {.file = path.string()});
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return core::MakeError(core::ErrorCode::kIo, "read failed", {.file = path.string()});
  }
  return std::move(buffer).str();
}

SourceFile DescribeFile(const std::filesystem::path& path, std::string_view data) {
  return SourceFile{.path = path, .sha256 = core::Sha256Hex(data), .size = data.size()};
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string> SplitTrimmed(std::string_view text, std::string_view separator) {
  std::vector<std::string> parts;
  if (separator.empty()) {
    if (!Trim(text).empty()) parts.emplace_back(Trim(text));
    return parts;
  }
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(separator, pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view part = Trim(text.substr(pos, end - pos));
    if (!part.empty()) parts.emplace_back(part);
    pos = end + separator.size();
  }
  return parts;
}

std::vector<std::string> NormalizeFederalRegister(std::string_view text) {
  std::vector<std::string> citations;
  const std::size_t size = text.size();
  for (std::size_t idx = 0; idx < size; ++idx) {
    if (text[idx] != 'F' || (idx > 0 && IsAlpha(text[idx - 1]))) continue;
    // "F", ".", spaces, "R", "." -- "FR", "F.R.", "F.R", "F. R."
    std::size_t pos = idx + 1;
    while (pos < size && (text[pos] == '.' || text[pos] == ' ')) ++pos;
    if (pos >= size || text[pos] != 'R') continue;
    ++pos;
    if (pos < size && IsAlpha(text[pos])) continue;  // a word such as "FRANCE"
    while (pos < size && (text[pos] == '.' || text[pos] == ' ')) ++pos;
    const std::size_t page_start = pos;
    while (pos < size && IsDigit(text[pos]) && pos - page_start < 7) ++pos;
    if (pos == page_start) continue;
    const std::string_view page = text.substr(page_start, pos - page_start);
    // The volume precedes "FR", separated by spaces or a dot ("81.F.R. 22575").
    std::size_t back = idx;
    while (back > 0 && (text[back - 1] == ' ' || text[back - 1] == '.')) --back;
    const std::size_t volume_end = back;
    while (back > 0 && IsDigit(text[back - 1]) && volume_end - back < 4) --back;
    if (back == volume_end) continue;
    std::string citation(text.substr(back, volume_end - back));
    citation += " FR ";
    citation += page;
    AddUnique(citations, std::move(citation));
    idx = pos - 1;
  }
  if (citations.empty()) citations = SplitTrimmed(text, "; ");
  return citations;
}

std::string DetectScript(std::string_view utf8) {
  std::string found;
  bool kana = false;
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[pos]);
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
    }
    if (length > 1) {
      if (pos + length > utf8.size()) break;
      for (std::size_t idx = 1; idx < length; ++idx) {
        cp = (cp << 6) | (static_cast<unsigned char>(utf8[pos + idx]) & 0x3F);
      }
    }
    pos += length;
    if (cp < 0x370) continue;
    std::string_view script;
    if (cp >= 0x3040 && cp <= 0x30FF) {
      kana = true;
      script = "Jpan";
    } else if (cp <= 0x3FF) {
      script = "Grek";
    } else if (cp <= 0x52F) {
      script = "Cyrl";
    } else if (cp <= 0x58F) {
      script = "Armn";
    } else if (cp <= 0x5FF) {
      script = "Hebr";
    } else if (cp <= 0x6FF || (cp >= 0x750 && cp <= 0x77F) || (cp >= 0x8A0 && cp <= 0x8FF) ||
               (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)) {
      script = "Arab";
    } else if (cp >= 0x900 && cp <= 0x97F) {
      script = "Deva";
    } else if (cp >= 0xE00 && cp <= 0xE7F) {
      script = "Thai";
    } else if (cp >= 0x10A0 && cp <= 0x10FF) {
      script = "Geor";
    } else if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
               (cp >= 0xAC00 && cp <= 0xD7AF)) {
      script = "Hang";
    } else if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
               (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F)) {
      script = "Hani";
    }
    if (found.empty() && !script.empty()) found = script;
  }
  if (kana && (found == "Hani" || found.empty())) return "Jpan";
  return found;
}

void AddName(core::Entity& entity, core::Name name) {
  if (name.full.empty()) return;
  for (const core::Name& existing : entity.names) {
    if (existing.full == name.full) return;
  }
  if (name.script.empty()) name.script = DetectScript(name.full);
  entity.names.push_back(std::move(name));
}

IdLabel ClassifyIdLabel(std::string_view label) {
  label = Trim(label);
  for (const LabelRow& row : kLabels) {
    if (row.label == label) return IdLabel{row.disposition, row.type, ""};
  }
  if (label.starts_with(kCryptoPrefix)) {
    return IdLabel{D::kIdentifier, T::kCryptoAddress,
                   std::string(Trim(label.substr(kCryptoPrefix.size())))};
  }
  // "Listing Date (EO 14024 Directive 2):", "Effective Date (EO 14024 Directive 3):" ...
  if (label.starts_with("Listing Date (") || label.starts_with("Effective Date (") ||
      label.starts_with("Executive Order ")) {
    return IdLabel{D::kListingNote, T::kOther, ""};
  }
  return IdLabel{D::kIdentifier, T::kOther, std::string(label)};
}

core::Identifier MakeIdentifier(const IdLabel& label, std::string_view label_raw,
                                std::string_view value, std::string_view country) {
  core::Identifier id;
  id.type = label.type;
  id.type_raw = std::string(Trim(label_raw));
  id.value = std::string(Trim(value));
  id.country = std::string(country);
  id.scheme = label.scheme;
  // OFAC writes vessel registrations as "IMO 9187629"; other registrations stay as they are.
  if (id.type == T::kImo) {
    std::string_view text = id.value;
    if (text.starts_with("IMO")) text = Trim(text.substr(3));
    const bool digits = !text.empty() && text.find_first_not_of("0123456789") == text.npos;
    if (digits) {
      id.value = std::string(text);
    } else {
      id.type = T::kRegistration;
    }
  }
  return id;
}

std::vector<std::string> LinkedToTargets(std::string_view remarks) {
  static constexpr std::string_view kMarker = "Linked To:";
  std::vector<std::string> targets;
  std::size_t pos = remarks.find(kMarker);
  while (pos != std::string_view::npos) {
    const std::size_t start = pos + kMarker.size();
    const std::size_t next = remarks.find(kMarker, start);
    std::string_view target =
        remarks.substr(start, (next == std::string_view::npos ? remarks.size() : next) - start);
    target = Trim(target);
    // The part ends at ";" before the next "Linked To:" or at the closing ")" of "(Linked To: X)".
    if (next != std::string_view::npos && target.ends_with(';')) target.remove_suffix(1);
    if (next == std::string_view::npos) {
      const std::size_t close = target.rfind(')');
      const std::size_t open = target.rfind('(');
      if (close != std::string_view::npos && (open == std::string_view::npos || open < close) &&
          close + 1 >= target.size()) {
        // "(Linked To: X)": the ")" closes the group, unless X itself holds "(...)".
        const std::size_t opens = std::count(target.begin(), target.end(), '(');
        const std::size_t closes = std::count(target.begin(), target.end(), ')');
        if (closes > opens) target = target.substr(0, close);
      }
    }
    target = Trim(target);
    if (!target.empty()) AddUnique(targets, std::string(target));
    pos = next;
  }
  return targets;
}

void AppendNote(std::string& text, std::string_view part) {
  part = Trim(part);
  if (part.empty()) return;
  if (!text.empty()) text += "; ";
  text += part;
}

}  // namespace redflag::sources::csl_internal
