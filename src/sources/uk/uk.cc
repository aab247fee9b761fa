#include "sources/uk/uk.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <exception>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/country.h"
#include "core/date.h"
#include "sources/csv_reader.h"
#include "sources/intl_util_internal.h"
#include "sources/uk/ods_reader.h"

namespace redflag::sources {
namespace {

using intl::AddName;
using intl::AddUnique;
using intl::CollapseSpace;

constexpr std::string_view kConListName = "OFSI Consolidated List";
constexpr std::string_view kFcdoListName = "UK Sanctions List";

// ---------------------------------------------------------------------------------------------
// Shared field readers.

// ConList dates are dd/mm/yyyy with 00 for an unknown day or month ("00/00/1960" = 1960).
std::optional<core::PartialDate> ParseZeroPaddedDate(std::string_view text) {
  int parts[3] = {0, 0, 0};
  int count = 0;
  int digits = 0;
  for (const char ch : text) {
    if (ch >= '0' && ch <= '9') {
      if (++digits > 4) return std::nullopt;
      parts[count] = parts[count] * 10 + (ch - '0');
    } else if (ch == '/' && digits > 0 && count < 2) {
      ++count;
      digits = 0;
    } else {
      return std::nullopt;
    }
  }
  if (count != 2 || digits != 4) return std::nullopt;
  const int day = parts[0];
  const int month = parts[1];
  const int year = parts[2];
  std::string iso = fmt::format("{:04d}", year);
  if (month != 0) {
    iso += fmt::format("-{:02d}", month);
    if (day != 0) iso += fmt::format("-{:02d}", day);
  }
  return core::ParseDate(iso);
}

// Splits "1) Saudi Arabia 2) Qatar", "(1) German (2) Moroccan", "(a) x (b) y" at the
// enumerators; text without enumerators is one piece.
std::vector<std::string> SplitEnumerated(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  std::size_t pos = 0;
  const auto flush = [&] {
    std::string piece = CollapseSpace(current);
    while (!piece.empty() && (piece.back() == ',' || piece.back() == ';' || piece.back() == '.')) {
      piece.pop_back();
    }
    piece = CollapseSpace(piece);
    if (!piece.empty()) out.push_back(std::move(piece));
    current.clear();
  };
  while (pos < text.size()) {
    const bool at_word_start = pos == 0 || text[pos - 1] == ' ' || text[pos - 1] == ',' ||
                               text[pos - 1] == ';' || text[pos - 1] == ')';
    if (at_word_start) {
      std::size_t scan = pos;
      const bool open = text[scan] == '(';
      if (open) ++scan;
      const std::size_t label_start = scan;
      while (scan < text.size() && scan - label_start < 2 &&
             (std::isdigit(static_cast<unsigned char>(text[scan])) ||
              (text[scan] >= 'a' && text[scan] <= 'z' && scan == label_start))) {
        ++scan;
      }
      const std::size_t label_size = scan - label_start;
      const bool letter_label =
          label_size == 1 && text[label_start] >= 'a' && text[label_start] <= 'z';
      // A bare "a)" counts only before a space, so that words ending in ')' are kept.
      if (label_size > 0 && scan < text.size() && text[scan] == ')' &&
          (open || !letter_label || scan + 1 == text.size() || text[scan + 1] == ' ')) {
        flush();
        pos = scan + 1;
        continue;
      }
    }
    current += text[pos];
    ++pos;
  }
  flush();
  return out;
}

// Candidate document numbers in free text: tokens with a digit and at least 5 characters
// ("592667", "G557170", "BPA 1336597587" -> "1336597587"). Dates and years are shorter pieces.
std::vector<std::string> DocumentNumbers(std::string_view text) {
  std::vector<std::string> out;
  std::string token;
  const auto flush = [&] {
    bool digit = false;
    for (const char ch : token) digit = digit || std::isdigit(static_cast<unsigned char>(ch));
    if (digit && token.size() >= 5) AddUnique(out, token);
    token.clear();
  };
  for (const char ch : text) {
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-') {
      token += ch;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------
// ConList CSV.

enum Column : std::uint8_t {
  kName1,
  kName2,
  kName3,
  kName4,
  kName5,
  kName6,
  kTitle,
  kDob,
  kTownOfBirth,
  kCountryOfBirth,
  kNationality,
  kPassport,
  kNiNumber,
  kPosition,
  kAddress1,
  kAddress2,
  kAddress3,
  kAddress4,
  kAddress5,
  kAddress6,
  kPostCode,
  kCountry,
  kOtherInformation,
  kGroupType,
  kAliasType,
  kRegime,
  kListedOn,
  kGroupId,
  kColumnCount,
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "name 1",
    "name 2",
    "name 3",
    "name 4",
    "name 5",
    "name 6",
    "title",
    "dob",
    "town of birth",
    "country of birth",
    "nationality",
    "passport details",
    "ni number",
    "position",
    "address 1",
    "address 2",
    "address 3",
    "address 4",
    "address 5",
    "address 6",
    "post/zip code",
    "country",
    "other information",
    "group type",
    "alias type",
    "regime",
    "listed on",
    "group id",
};

struct Group {
  core::Entity entity;
  struct PendingName {
    core::Name name;
    bool prime = false;
  };
  std::vector<PendingName> names;
  std::vector<std::string> remarks;
  std::set<std::string> reported;  // "field\x1ftext" already reported for this group
};

class ConListParser {
 public:
  ConListParser(std::string file, std::string_view list_id, ParsedList& out)
      : file_(std::move(file)), list_id_(list_id), out_(out) {}

  core::Status Run(std::string_view data) {
    CsvReader reader(data, CsvOptions{.file_name = file_});
    bool have_header = false;
    for (;;) {
      auto next = reader.Next();
      if (!next) return next.error();
      if (!*next) break;
      CsvRecord& record = **next;
      if (!have_header) {
        const std::string first = intl::AsciiLower(
            record.fields.empty() ? std::string() : CollapseSpace(record.fields[0]));
        if (first == "last updated") {
          ReadPublished(record);
          continue;
        }
        if (auto status = ReadHeader(record); !status) return status;
        have_header = true;
        continue;
      }
      if (record.fields.size() != header_size_) {
        return core::MakeError(
            core::ErrorCode::kParse,
            fmt::format("row has {} fields, the header has {}", record.fields.size(), header_size_),
            core::Location{.file = file_, .line = record.line});
      }
      AddRow(record);
    }
    if (!have_header) {
      return core::MakeError(core::ErrorCode::kParse,
                             "no ConList header row (Name 6, ..., Group ID) found",
                             core::Location{.file = file_, .line = reader.line()});
    }
    for (Group& group : groups_) Finish(group);
    for (Group& group : groups_) out_.entities.push_back(std::move(group.entity));
    return core::Ok();
  }

 private:
  void ReadPublished(const CsvRecord& record) {
    const std::string text = record.fields.size() > 1 ? CollapseSpace(record.fields[1]) : "";
    if (auto date = core::ParseDate(text)) {
      out_.published = *date;
    } else {
      out_.diagnostics.Warn(
          core::Location{.file = file_, .line = record.line, .field = "Last Updated"}, text,
          "is not a date (expected dd/mm/yyyy)", "publication date left empty");
    }
  }

  core::Status ReadHeader(const CsvRecord& record) {
    columns_.fill(-1);
    for (std::size_t idx = 0; idx < record.fields.size(); ++idx) {
      const std::string name = intl::AsciiLower(CollapseSpace(record.fields[idx]));
      for (std::size_t column = 0; column < kColumnNames.size(); ++column) {
        if (name == kColumnNames[column] && columns_[column] < 0) {
          columns_[column] = static_cast<int>(idx);
        }
      }
    }
    for (const Column required : {kName6, kGroupId, kAliasType, kGroupType}) {
      if (columns_[required] < 0) {
        return core::MakeError(
            core::ErrorCode::kParse,
            fmt::format("header has no \"{}\" column (not an OFSI ConList file?)",
                        kColumnNames[required]),
            core::Location{.file = file_, .line = record.line});
      }
    }
    header_size_ = record.fields.size();
    return core::Ok();
  }

  std::string Field(const CsvRecord& record, Column column) const {
    const int idx = columns_[column];
    return idx < 0 ? std::string() : CollapseSpace(record.fields[static_cast<std::size_t>(idx)]);
  }

  core::Location Where(const CsvRecord& record, Column column) const {
    std::string field(kColumnNames[column]);
    if (!field.empty()) field[0] = static_cast<char>(std::toupper(field[0]));
    return core::Location{.file = file_, .line = record.line, .field = std::move(field)};
  }

  // Reports a field problem once per group (the same text repeats on every variant row).
  void Warn(Group& group, const CsvRecord& record, Column column, const std::string& text,
            std::string message, std::string action) {
    if (!group.reported.insert(std::string(kColumnNames[column]) + '\x1f' + text).second) return;
    out_.diagnostics.Warn(Where(record, column), text, std::move(message), std::move(action));
  }

  void AddRow(const CsvRecord& record) {
    const std::string group_id = Field(record, kGroupId);
    if (group_id.empty()) {
      out_.diagnostics.Fail(Where(record, kGroupId), {}, "is empty", "row skipped");
      return;
    }
    auto [it, inserted] = index_.try_emplace(group_id, groups_.size());
    if (inserted) {
      groups_.emplace_back();
      core::Entity& entity = groups_.back().entity;
      entity.list_id = std::string(list_id_);
      entity.native_id = group_id;
      entity.id = core::MakeEntityId(list_id_, group_id);
      const std::string type = Field(record, kGroupType);
      entity.type = core::ParseEntityType(type);
      if (entity.type == core::EntityType::kUnknown && !type.empty()) {
        out_.diagnostics.Warn(Where(record, kGroupType), type,
                              "is not a known group type (expected Individual, Entity or Ship)",
                              "record kept with type unknown");
      }
    }
    Group& group = groups_[it->second];
    core::Entity& entity = group.entity;

    ReadName(group, record);
    if (const std::string dob = Field(record, kDob); !dob.empty()) ReadDob(group, record, dob);
    std::string place = Field(record, kTownOfBirth);
    if (const std::string country = Field(record, kCountryOfBirth); !country.empty()) {
      place += (place.empty() ? "" : ", ") + country;
    }
    AddUnique(entity.places_of_birth, std::move(place));
    if (const std::string nationality = Field(record, kNationality); !nationality.empty()) {
      ReadNationality(group, record, nationality);
    }
    ReadDocument(entity, Field(record, kPassport), core::IdType::kPassport, "Passport Details");
    ReadDocument(entity, Field(record, kNiNumber), core::IdType::kNationalId, "NI Number");
    AddUnique(entity.titles, Field(record, kTitle));
    AddUnique(entity.titles, Field(record, kPosition));
    ReadAddress(entity, record);
    AddUnique(group.remarks, Field(record, kOtherInformation));
    ReadListing(group, record);
  }

  void ReadName(Group& group, const CsvRecord& record) {
    std::vector<std::string> given;
    for (const Column column : {kName1, kName2, kName3, kName4, kName5}) {
      if (std::string part = Field(record, column); !part.empty()) given.push_back(part);
    }
    core::Name name;
    name.given = fmt::format("{}", fmt::join(given, " "));
    name.family = Field(record, kName6);
    name.full = CollapseSpace(name.given + " " + name.family);
    if (group.entity.type != core::EntityType::kPerson) name.given.clear(), name.family.clear();
    if (name.full.empty()) {
      out_.diagnostics.Warn(Where(record, kName6), {}, "name is empty (Name 1..6)",
                            "row's name skipped, other fields kept");
      return;
    }
    const std::string alias_type = intl::AsciiLower(Field(record, kAliasType));
    bool prime = false;
    if (alias_type == "prime alias" || alias_type == "primary name") {
      prime = true;
    } else if (alias_type == "fka") {
      name.kind = core::NameKind::kFka;
    } else if (alias_type == "nka") {
      name.kind = core::NameKind::kNka;
    } else {
      name.kind = core::NameKind::kStrongAka;
      if (alias_type != "aka" && alias_type != "alias" && alias_type != "primary name variation") {
        Warn(group, record, kAliasType, Field(record, kAliasType),
             "is not a known alias type (expected Prime Alias, AKA or FKA)",
             "name kept as an a.k.a.");
      }
    }
    group.names.push_back(Group::PendingName{std::move(name), prime});
  }

  void ReadDob(Group& group, const CsvRecord& record, const std::string& dob) {
    std::optional<core::BirthDate> parsed;
    if (const auto date = ParseZeroPaddedDate(dob)) {
      parsed = core::BirthDate{.from = *date};
    } else {
      parsed = core::ParseBirthDate(dob);
    }
    if (!parsed) {
      Warn(group, record, kDob, dob, "is not a date (expected dd/mm/yyyy, 00 for unknown parts)",
           "record kept without this date of birth");
      return;
    }
    parsed->raw = dob;
    for (const core::BirthDate& existing : group.entity.birth_dates) {
      if (existing.from == parsed->from && existing.to == parsed->to &&
          existing.circa == parsed->circa) {
        return;
      }
    }
    group.entity.birth_dates.push_back(std::move(*parsed));
  }

  void ReadNationality(Group& group, const CsvRecord& record, const std::string& text) {
    for (const std::string& piece : SplitEnumerated(text)) {
      bool found = false;
      for (const std::string& part : NationalityParts(piece)) {
        if (std::string code = NationalityCode(part); !code.empty()) {
          AddUnique(group.entity.nationalities, std::move(code));
          found = true;
        }
      }
      if (!found) {
        Warn(group, record, kNationality, piece, "is not a recognised country or nationality",
             "record kept without it");
      }
    }
  }

  // "Iranian national and US national/citizen" -> {"Iranian national", "US national", "citizen"}.
  static std::vector<std::string> NationalityParts(const std::string& piece) {
    if (!core::CountryCode(piece).empty()) return {piece};
    std::string separated;
    const std::string lowered = intl::AsciiLower(piece);
    for (std::size_t pos = 0; pos < piece.size(); ++pos) {
      if (lowered.compare(pos, 5, " and ") == 0) {
        separated += ';';
        pos += 4;
      } else {
        separated += piece[pos];
      }
    }
    return intl::SplitAny(separated, ",;/");
  }

  // A country or demonym, dropping up to four trailing words ("Kuwaiti citizenship",
  // "Sudanese by birth") and a leading "possibly".
  static std::string NationalityCode(std::string text) {
    if (intl::AsciiLower(text).starts_with("possibly ")) text = text.substr(9);
    for (int dropped = 0; dropped <= 4 && !text.empty(); ++dropped) {
      if (std::string code = core::CountryCode(text); !code.empty()) return code;
      const auto space = text.rfind(' ');
      if (space == std::string::npos) break;
      text.resize(space);
    }
    return {};
  }

  static void ReadDocument(core::Entity& entity, const std::string& text, core::IdType type,
                           std::string_view label) {
    if (text.empty()) return;
    std::vector<std::string> numbers = DocumentNumbers(text);
    if (numbers.empty()) numbers.push_back(text);
    for (std::string& number : numbers) {
      core::Identifier identifier{
          .type = type, .type_raw = std::string(label), .value = std::move(number), .note = text};
      if (std::find(entity.identifiers.begin(), entity.identifiers.end(), identifier) ==
          entity.identifiers.end()) {
        entity.identifiers.push_back(std::move(identifier));
      }
    }
  }

  void ReadAddress(core::Entity& entity, const CsvRecord& record) const {
    std::vector<std::string> lines;
    for (const Column column : {kAddress1, kAddress2, kAddress3, kAddress4, kAddress5, kAddress6}) {
      if (std::string line = Field(record, column); !line.empty()) lines.push_back(line);
    }
    core::Address address;
    address.street = fmt::format("{}", fmt::join(lines, ", "));
    address.postal_code = Field(record, kPostCode);
    const std::string country = Field(record, kCountry);
    if (!country.empty()) {
      address.country = core::CountryCode(country);
      if (address.country.empty()) address.country_raw = country;
    }
    std::vector<std::string> full = lines;
    if (!address.postal_code.empty()) full.push_back(address.postal_code);
    if (!country.empty()) full.push_back(country);
    if (full.empty()) return;
    address.full = fmt::format("{}", fmt::join(full, ", "));
    if (std::find(entity.addresses.begin(), entity.addresses.end(), address) ==
        entity.addresses.end()) {
      entity.addresses.push_back(std::move(address));
    }
  }

  void ReadListing(Group& group, const CsvRecord& record) {
    const std::string regime = Field(record, kRegime);
    for (const core::Listing& listing : group.entity.listings) {
      if (listing.programs.empty() ? regime.empty() : listing.programs.front() == regime) return;
    }
    core::Listing listing{.list_id = std::string(list_id_),
                          .list_name = std::string(kConListName),
                          .list_code = "UK"};
    if (!regime.empty()) listing.programs.push_back(regime);
    if (const std::string listed_on = Field(record, kListedOn); !listed_on.empty()) {
      if (const auto date = core::ParseDate(listed_on)) {
        listing.start = *date;
      } else {
        Warn(group, record, kListedOn, listed_on, "is not a date (expected dd/mm/yyyy)",
             "record kept without it");
      }
    }
    group.entity.listings.push_back(std::move(listing));
  }

  void Finish(Group& group) {
    std::size_t primary = 0;
    for (std::size_t idx = 0; idx < group.names.size(); ++idx) {
      if (group.names[idx].prime) {
        primary = idx;
        break;
      }
    }
    if (!group.names.empty()) {
      core::Name name = group.names[primary].name;
      name.kind = core::NameKind::kPrimary;
      AddName(group.entity, std::move(name));
    }
    for (Group::PendingName& pending : group.names) {
      if (pending.prime) pending.name.kind = core::NameKind::kStrongAka;
      AddName(group.entity, std::move(pending.name));
    }
    if (group.entity.names.empty()) {
      out_.diagnostics.Warn(core::Location{.file = file_, .field = "Name 6"},
                            group.entity.native_id, "group has no name on any row",
                            "record kept without a name");
    }
    group.entity.remarks = fmt::format("{}", fmt::join(group.remarks, "\n"));
  }

  std::string file_;
  std::string_view list_id_;
  ParsedList& out_;
  std::array<int, kColumnCount> columns_{};
  std::size_t header_size_ = 0;
  std::vector<Group> groups_;
  std::unordered_map<std::string, std::size_t> index_;
};

core::Result<ParsedList> ParseConList(std::string_view raw, std::string_view file_name,
                                      std::string_view list_id) {
  ParsedList out;
  out.list_id = std::string(list_id);
  out.format = "uk_conlist_csv";
  out.files.push_back(intl::MakeSourceFile(file_name, raw));
  // OFSI published the ConList in Windows-1252; a file that is valid UTF-8 is read as UTF-8.
  const std::string data = intl::IsValidUtf8(raw) ? std::string(raw) : intl::Cp1252ToUtf8(raw);
  ConListParser parser(std::string(file_name), list_id, out);
  if (auto status = parser.Run(data); !status) return status.error();
  return out;
}

// ---------------------------------------------------------------------------------------------
// FCDO .ods.

// "FCDO_SL_Mon_Aug 11 2025.ods" -> 2025-08-11; nullopt for other names.
std::optional<core::PartialDate> DateFromFcdoFileName(std::string_view file_name) {
  std::string_view name = file_name;
  if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) {
    name.remove_prefix(slash + 1);
  }
  if (!name.starts_with("FCDO_SL_")) return std::nullopt;
  name.remove_prefix(8);
  if (const auto underscore = name.find('_'); underscore != std::string_view::npos) {
    name.remove_prefix(underscore + 1);
  }
  if (const auto dot = name.rfind('.'); dot != std::string_view::npos) name = name.substr(0, dot);
  auto date = core::ParseDate(name);
  if (!date || !date->full()) return std::nullopt;
  return date;
}

core::Result<ParsedList> ParseFcdo(std::string_view data, std::string_view file_name,
                                   std::string_view list_id) {
  const std::string file(file_name);
  auto sheet = ReadOdsFirstSheet(data, file_name);
  if (!sheet) return sheet.error();
  ParsedList out;
  out.list_id = std::string(list_id);
  out.format = "uk_fcdo_ods";
  out.files.push_back(intl::MakeSourceFile(file_name, data));
  if (const auto date = DateFromFcdoFileName(file_name)) out.published = *date;

  // The header is the first row that has a "Unique ID" cell (normally row 1).
  constexpr std::array<std::string_view, 8> kNames = {
      "unique id",       "ofsi group id",    "name", "regime name", "type", "designation source",
      "date designated", "sanctions imposed"};
  enum : std::uint8_t { kId, kGroup, kName, kRegimeName, kType, kSource, kDesignated, kImposed };
  std::array<int, kNames.size()> columns;
  columns.fill(-1);
  std::size_t header_row = sheet->rows.size();
  for (std::size_t row_idx = 0; row_idx < sheet->rows.size() && row_idx < 10; ++row_idx) {
    const auto& row = sheet->rows[row_idx];
    for (std::size_t cell_idx = 0; cell_idx < row.size(); ++cell_idx) {
      const std::string name = intl::AsciiLower(CollapseSpace(row[cell_idx]));
      for (std::size_t column = 0; column < kNames.size(); ++column) {
        if (name == kNames[column] && columns[column] < 0) {
          columns[column] = static_cast<int>(cell_idx);
        }
      }
    }
    if (columns[kId] >= 0) {
      header_row = row_idx;
      break;
    }
    columns.fill(-1);
  }
  if (header_row == sheet->rows.size() || columns[kName] < 0) {
    return core::MakeError(core::ErrorCode::kParse,
                           "no header row with \"Unique ID\" and \"Name\" in the first 10 rows "
                           "(not an FCDO UK Sanctions List sheet?)",
                           core::Location{.file = file, .line = 1});
  }
  std::unordered_set<std::string> seen;
  for (std::size_t row_idx = header_row + 1; row_idx < sheet->rows.size(); ++row_idx) {
    const auto& row = sheet->rows[row_idx];
    const auto line = static_cast<std::int64_t>(row_idx + 1);
    const auto cell = [&](int column) {
      return column >= 0 && static_cast<std::size_t>(column) < row.size()
                 ? CollapseSpace(row[static_cast<std::size_t>(column)])
                 : std::string();
    };
    const auto where = [&](int column) {
      return core::Location{.file = file,
                            .line = line,
                            .field = std::string(kNames[static_cast<std::size_t>(column)])};
    };
    bool empty = true;
    for (const std::string& text : row) empty = empty && CollapseSpace(text).empty();
    if (empty) continue;
    const std::string id = cell(columns[kId]);
    if (id.empty()) {
      out.diagnostics.Fail(where(kId), cell(columns[kName]), "Unique ID is empty", "row skipped");
      continue;
    }
    if (!seen.insert(id).second) {
      out.diagnostics.Fail(where(kId), id, "is a duplicate Unique ID",
                           "row skipped (the first one is kept)");
      continue;
    }
    core::Entity entity;
    entity.list_id = std::string(list_id);
    entity.native_id = id;
    entity.id = core::MakeEntityId(list_id, id);
    const std::string type = cell(columns[kType]);
    entity.type = core::ParseEntityType(type);
    if (entity.type == core::EntityType::kUnknown && !type.empty()) {
      out.diagnostics.Warn(where(kType), type,
                           "is not a known type (expected Individual, Entity or Ship)",
                           "record kept with type unknown");
    }
    const std::string name = cell(columns[kName]);
    if (name.empty()) {
      out.diagnostics.Warn(where(kName), id, "Name is empty", "record kept without a name");
    }
    AddName(entity, core::Name{.full = name, .kind = core::NameKind::kPrimary});
    if (std::string group = cell(columns[kGroup]); !group.empty()) {
      entity.identifiers.push_back(core::Identifier{.type = core::IdType::kOther,
                                                    .type_raw = "OFSI Group ID",
                                                    .value = std::move(group),
                                                    .scheme = "ofsi_group_id"});
    }
    core::Listing listing{.list_id = std::string(list_id),
                          .list_name = std::string(kFcdoListName),
                          .list_code = "UK"};
    if (std::string regime = cell(columns[kRegimeName]); !regime.empty()) {
      listing.programs.push_back(std::move(regime));
    }
    if (const std::string designated = cell(columns[kDesignated]); !designated.empty()) {
      if (const auto date = core::ParseDate(designated)) {
        listing.start = *date;
      } else {
        out.diagnostics.Warn(where(kDesignated), designated, "is not a date (expected DD-MM-YYYY)",
                             "record kept without it");
      }
    }
    listing.action = cell(columns[kSource]);  // designation source: UK, UN or UK|UN
    listing.remarks = cell(columns[kImposed]);
    entity.listings.push_back(std::move(listing));
    out.entities.push_back(std::move(entity));
  }
  return out;
}

template <class Parser>
core::Result<ParsedList> Guard(std::string_view what, std::string_view file_name, Parser parser) {
  try {
    return parser();
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal,
                           fmt::format("{} parser failed: {}", what, error.what()),
                           core::Location{.file = std::string(file_name)});
  }
}

core::Result<ParsedList> ParseOneFile(
    const std::vector<std::filesystem::path>& files, std::string_view what,
    core::Result<ParsedList> (*parse)(std::string_view, std::string_view, std::string_view),
    std::string_view list_id) {
  if (files.size() != 1) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("{} takes exactly one file, got {}", what, files.size()));
  }
  auto data = intl::ReadFile(files.front());
  if (!data) return data.error();
  return parse(*data, files.front().string(), list_id);
}

}  // namespace

core::Result<ParsedList> ParseUkConListBuffer(std::string_view data, std::string_view file_name,
                                              std::string_view list_id) {
  return Guard("UK ConList", file_name, [&] { return ParseConList(data, file_name, list_id); });
}

core::Result<ParsedList> ParseUkFcdoOdsBuffer(std::string_view data, std::string_view file_name,
                                              std::string_view list_id) {
  return Guard("UK FCDO .ods", file_name, [&] { return ParseFcdo(data, file_name, list_id); });
}

core::Result<ParsedList> ParseUkConList(const std::vector<std::filesystem::path>& files,
                                        std::string_view list_id) {
  return ParseOneFile(files, "UK ConList CSV", &ParseUkConListBuffer, list_id);
}

core::Result<ParsedList> ParseUkFcdoOds(const std::vector<std::filesystem::path>& files,
                                        std::string_view list_id) {
  return ParseOneFile(files, "UK FCDO .ods", &ParseUkFcdoOdsBuffer, list_id);
}

}  // namespace redflag::sources
