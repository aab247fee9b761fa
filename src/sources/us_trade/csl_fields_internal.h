// Internal helpers shared by the trade.gov CSL, BIS DPL, custom CSV and FtM parsers: file
// reading with hashing, list splitting, Federal Register citations, identifier labels, script
// detection. Not part of the sources module's public API. All functions are pure and
// thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources::csl_internal {

// Reads a whole file; kNotFound / kIo with the path on failure.
core::Result<std::string> ReadWholeFile(const std::filesystem::path& path);

// SourceFile for bytes already read (sha256 of `data`, size).
SourceFile DescribeFile(const std::filesystem::path& path, std::string_view data);

// ASCII whitespace trimmed from both ends.
std::string_view Trim(std::string_view text);

// `text` split on `separator`, each part trimmed, empty parts dropped.
std::vector<std::string> SplitTrimmed(std::string_view text, std::string_view separator);

// Federal Register citations in `text`, each as "NN FR NNNNN": "68 F.R. 38290 6/27/03 71 F.R.
// 38843 7/10/06" -> {"68 FR 38290", "71 FR 38843"}; "84 FR 54002; 85 FR 44159" -> two. Text with
// no "FR" citation ("Vol. 85, No. 228, 11/25/2020") is kept verbatim, one entry per "; " part.
std::vector<std::string> NormalizeFederalRegister(std::string_view text);

// ISO 15924 code of the first non-Latin script in `utf8` (Cyrl, Hani, Arab, Hebr, Grek, Hang,
// Jpan, Deva, Thai, Geor, Armn), "" for Latin/other. Kana anywhere makes Han text "Jpan".
std::string DetectScript(std::string_view utf8);

// Appends `name` unless an entity name with the same text is already there (the earlier, and so
// stronger, kind wins). Sets the script from the text when the name has none.
void AddName(core::Entity& entity, core::Name name);

// Appends `value` unless already present.
template <class T>
void AddUnique(std::vector<T>& values, T value) {
  for (const T& existing : values) {
    if (existing == value) return;
  }
  values.push_back(std::move(value));
}

// What a CSL/OFAC "ids" label ("Passport", "Unified Social Credit Code (USCC)", "Gender",
// "Effective Date (CMIC)") is about.
enum class IdDisposition : std::uint8_t {
  kIdentifier,    // a real identifier of `type`
  kGender,        // "Male, Gender": Entity.gender
  kListingStart,  // "Effective Date (CMIC)": Listing.start
  kDivestment,    // "Purchase/Sales For Divestment Date (CMIC)": Listing.divestment
  kListingNote,   // sanctions information about this listing: Listing.remarks
  kEntityNote,    // a fact about the entity that is no identifier (aircraft model): Entity.remarks
};

struct IdLabel {
  IdDisposition disposition = IdDisposition::kIdentifier;
  core::IdType type = core::IdType::kOther;
  std::string scheme;  // crypto currency ("XBT") or, for kOther, the label itself
};

// Classifies an OFAC/CSL identifier label; unknown labels are kIdentifier/kOther with the label
// as scheme.
IdLabel ClassifyIdLabel(std::string_view label);

// Builds an identifier for `label` and `value`, applying the value clean-ups the label implies
// ("IMO 9187629" -> "9187629" for kImo). `country` is taken as given (alpha-2 or "").
core::Identifier MakeIdentifier(const IdLabel& label, std::string_view label_raw,
                                std::string_view value, std::string_view country);

// "Linked To: X" targets in an OFAC/CSL remarks text: "(Linked To: A; Linked To: B)" -> {A, B}.
std::vector<std::string> LinkedToTargets(std::string_view remarks);

// Appends `part` to `text`, separated by "; ".
void AppendNote(std::string& text, std::string_view part);

}  // namespace redflag::sources::csl_internal
