#include "sources/canada/ca_sema.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <exception>
#include <pugixml.hpp>
#include <unordered_set>
#include <utility>

#include "core/date.h"
#include "sources/intl_util_internal.h"

namespace redflag::sources {
namespace {

using intl::AddName;
using intl::AddUnique;
using intl::CollapseSpace;

constexpr std::string_view kListName = "Canada SEMA Consolidated Autonomous Sanctions List";

// Language labels the file puts in front of aliases ("Russian: Николай ..."), to ISO 639-1.
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kLanguages = {{
    {"russian", "ru"},
    {"belarusian", "be"},
    {"belarussian", "be"},
    {"arabic", "ar"},
    {"ukrainian", "uk"},
    {"persian", "fa"},
    {"farsi", "fa"},
    {"chinese", "zh"},
    {"korean", "ko"},
    {"burmese", "my"},
}};

// Pieces that are only a legal form: "X, Inc." must stay one alias.
constexpr std::array<std::string_view, 24> kLegalForms = {
    "inc",  "ltd",  "llc", "llp",     "co",  "corp", "jsc",     "ojsc",
    "pjsc", "cjsc", "sa",  "gmbh",    "ag",  "plc",  "limited", "bv",
    "nv",   "srl",  "spa", "pte ltd", "fze", "fzco", "company", "incorporated",
};

std::string Text(const pugi::xml_node& node, const char* child) {
  return CollapseSpace(node.child(child).text().get());
}

// "Russia / Russie" -> "Russia"; "Myanmar (Burma) / Myanmar (Birmanie)" -> "Myanmar (Burma)".
std::string EnglishPart(const std::string& bilingual) {
  const auto slash = bilingual.find(" / ");
  return CollapseSpace(slash == std::string::npos ? bilingual : bilingual.substr(0, slash));
}

// Lowercase ASCII letters, digits and '.'; every other run becomes one '-'.
std::string Slug(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if ((byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') || byte == '.') {
      out += ch;
    } else if (byte >= 'A' && byte <= 'Z') {
      out += static_cast<char>(byte - 'A' + 'a');
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

bool IsLegalForm(std::string_view piece) {
  std::string key;
  for (const char ch : piece) {
    if (ch != '.') key += ch;
  }
  key = intl::AsciiLower(CollapseSpace(key));
  return std::find(kLegalForms.begin(), kLegalForms.end(), key) != kLegalForms.end();
}

// Aliases are separated by ',' or ';'; a piece may start with a language label.
std::vector<core::Name> SplitAliases(std::string_view text) {
  std::vector<core::Name> out;
  std::string language;  // a label applies to the following non-Latin pieces too
  for (std::string piece : intl::SplitAny(text, ",;")) {
    core::Name name{.kind = core::NameKind::kStrongAka};
    bool labelled = false;
    if (const auto colon = piece.find(':'); colon != std::string::npos && colon < 20) {
      const std::string label = intl::AsciiLower(CollapseSpace(piece.substr(0, colon)));
      for (const auto& [language_name, code] : kLanguages) {
        if (label == language_name) {
          language = std::string(code);
          labelled = true;
          piece = CollapseSpace(piece.substr(colon + 1));
          break;
        }
      }
    }
    // A parenthesis the split cut off from its partner: "Минобороны Беларуси)".
    const bool has_open = piece.find('(') != std::string::npos;
    const bool has_close = piece.find(')') != std::string::npos;
    if (has_close && !has_open && piece.back() == ')')
      piece = CollapseSpace(piece.substr(0, piece.size() - 1));
    if (has_open && !has_close && piece.front() == '(') piece = CollapseSpace(piece.substr(1));
    if (piece.empty()) continue;
    if (!out.empty() && IsLegalForm(piece)) {
      out.back().full += ", " + piece;
      continue;
    }
    if (labelled || !intl::DetectScript(piece).empty()) {
      name.language = language;
    } else {
      language.clear();
    }
    name.full = std::move(piece);
    out.push_back(std::move(name));
  }
  return out;
}

// Splits "1963 or 1964", "1972-08-10 OR 1972-08-11".
std::vector<std::string> SplitOr(const std::string& text) {
  std::vector<std::string> out;
  const std::string lowered = intl::AsciiLower(text);
  std::size_t start = 0;
  for (;;) {
    const auto pos = lowered.find(" or ", start);
    out.push_back(CollapseSpace(text.substr(start, pos == std::string::npos ? pos : pos - start)));
    if (pos == std::string::npos) break;
    start = pos + 4;
  }
  return out;
}

struct Context {
  const std::string& file;
  const intl::LineIndex& lines;
  std::size_t index;  // 1-based record index
  core::Diagnostics& diagnostics;

  core::Location Where(const pugi::xml_node& node, std::string_view field) const {
    return core::Location{.file = file,
                          .line = lines.LineOf(node.offset_debug()),
                          .field = std::string(field),
                          .element = fmt::format("record[{}]", index)};
  }
};

core::Entity ReadRecord(const pugi::xml_node& node, std::string_view list_id,
                        const Context& context) {
  core::Entity entity;
  const std::string regime = EnglishPart(Text(node, "Country"));
  const std::string schedule = Text(node, "Schedule");
  const std::string item = Text(node, "Item");
  if (item.empty()) {
    entity.native_id = fmt::format("record-{}", context.index);
  } else {
    entity.native_id = Slug(regime);
    if (!schedule.empty()) entity.native_id += "_" + Slug(schedule);
    entity.native_id += "_" + Slug(item);
  }
  entity.list_id = std::string(list_id);
  entity.id = core::MakeEntityId(list_id, entity.native_id);

  const std::string last = Text(node, "LastName");
  const std::string given = Text(node, "GivenName");
  const std::string entity_or_ship = Text(node, "EntityOrShip");
  const std::string title_or_ship = Text(node, "TitleOrShip");
  const std::string imo = Text(node, "ShipIMONumber");
  if (!last.empty() || !given.empty()) {
    entity.type = core::EntityType::kPerson;
    AddName(entity, core::Name{.full = CollapseSpace(given + " " + last),
                               .kind = core::NameKind::kPrimary,
                               .given = given,
                               .family = last});
    AddUnique(entity.titles, title_or_ship);
    if (!entity_or_ship.empty()) {
      AddName(entity, core::Name{.full = entity_or_ship, .kind = core::NameKind::kStrongAka});
    }
  } else {
    entity.type = !imo.empty() || !title_or_ship.empty() ? core::EntityType::kVessel
                                                         : core::EntityType::kOrganization;
    AddName(entity, core::Name{.full = entity_or_ship, .kind = core::NameKind::kPrimary});
    entity.vessel.vessel_type = title_or_ship;
  }
  if (entity.names.empty()) {
    context.diagnostics.Warn(context.Where(node, "LastName"), {},
                             "record has no LastName, GivenName or EntityOrShip",
                             "record kept without a primary name");
  }
  if (const std::string aliases = Text(node, "Aliases"); !aliases.empty()) {
    const bool had_primary = !entity.names.empty();
    for (core::Name& alias : SplitAliases(aliases)) AddName(entity, std::move(alias));
    if (!had_primary && !entity.names.empty()) entity.names.front().kind = core::NameKind::kPrimary;
  }
  if (!imo.empty()) {
    std::string digits;
    for (const char ch : imo) {
      if (ch >= '0' && ch <= '9') digits += ch;
    }
    if (digits.size() != 7) {
      context.diagnostics.Warn(context.Where(node.child("ShipIMONumber"), "ShipIMONumber"), imo,
                               "is not an IMO number (expected 7 digits)",
                               "record kept; number stored as written");
      digits = imo;
    }
    entity.identifiers.push_back(core::Identifier{
        .type = core::IdType::kImo, .type_raw = "ShipIMONumber", .value = std::move(digits)});
  }
  if (const std::string dob = Text(node, "DateOfBirthOrShipBuildDate"); !dob.empty()) {
    for (const std::string& piece : SplitOr(dob)) {
      if (auto parsed = core::ParseBirthDate(piece)) {
        parsed->raw = piece;
        entity.birth_dates.push_back(std::move(*parsed));
      } else {
        context.diagnostics.Warn(
            context.Where(node.child("DateOfBirthOrShipBuildDate"), "DateOfBirthOrShipBuildDate"),
            piece, "is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
            "record kept without this date");
      }
    }
  }
  core::Listing listing{
      .list_id = std::string(list_id), .list_name = std::string(kListName), .list_code = "CA"};
  if (!regime.empty()) listing.programs.push_back(regime);
  std::vector<std::string> where;
  if (!schedule.empty()) where.push_back("Schedule " + schedule);
  if (!item.empty()) where.push_back("Item " + item);
  listing.remarks = fmt::format("{}", fmt::join(where, ", "));
  if (const std::string listed = Text(node, "DateOfListing"); !listed.empty()) {
    if (const auto date = core::ParseDate(listed)) {
      listing.start = *date;
    } else {
      context.diagnostics.Warn(context.Where(node.child("DateOfListing"), "DateOfListing"), listed,
                               "is not a date (expected YYYY-MM-DD)", "record kept without it");
    }
  }
  entity.listings.push_back(std::move(listing));
  return entity;
}

core::Result<ParsedList> Parse(std::string_view data, std::string_view file_name,
                               std::string_view list_id) {
  const std::string file(file_name);
  const intl::LineIndex lines(data);
  pugi::xml_document document;
  const pugi::xml_parse_result loaded =
      document.load_buffer(data.data(), data.size(), pugi::parse_default, pugi::encoding_auto);
  if (!loaded) {
    return core::MakeError(core::ErrorCode::kParse,
                           fmt::format("XML is not well formed: {}", loaded.description()),
                           core::Location{.file = file, .line = lines.LineOf(loaded.offset)});
  }
  const pugi::xml_node root = document.document_element();
  if (std::string_view(root.name()) != "data-set") {
    return core::MakeError(
        core::ErrorCode::kParse,
        fmt::format("root element is <{}>, expected <data-set> (Canada SEMA list)", root.name()),
        core::Location{.file = file, .line = lines.LineOf(root.offset_debug())});
  }
  ParsedList out;
  out.list_id = std::string(list_id);
  out.format = "ca_sema_xml";
  out.files.push_back(intl::MakeSourceFile(file_name, data));
  std::unordered_set<std::string> seen;
  std::size_t index = 0;
  for (const pugi::xml_node& node : root.children("record")) {
    ++index;
    const Context context{file, lines, index, out.diagnostics};
    core::Entity entity = ReadRecord(node, list_id, context);
    if (!seen.insert(entity.id).second) {
      context.diagnostics.Warn(context.Where(node, "Item"), entity.native_id,
                               "regime/schedule/item repeats an earlier record",
                               fmt::format("record kept with id suffix \"~{}\"", index));
      // Slugs never contain '~' and record indexes are unique, so this id is new.
      entity.native_id += fmt::format("~{}", index);
      entity.id = core::MakeEntityId(list_id, entity.native_id);
      seen.insert(entity.id);
    }
    out.entities.push_back(std::move(entity));
  }
  return out;
}

}  // namespace

core::Result<ParsedList> ParseCaSemaBuffer(std::string_view data, std::string_view file_name,
                                           std::string_view list_id) {
  try {
    return Parse(data, file_name, list_id);
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal,
                           fmt::format("Canada SEMA parser failed: {}", error.what()),
                           core::Location{.file = std::string(file_name)});
  }
}

core::Result<ParsedList> ParseCaSema(const std::vector<std::filesystem::path>& files,
                                     std::string_view list_id) {
  if (files.size() != 1) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("Canada SEMA takes exactly one file, got {}", files.size()));
  }
  auto data = intl::ReadFile(files.front());
  if (!data) return data.error();
  return ParseCaSemaBuffer(*data, files.front().string(), list_id);
}

}  // namespace redflag::sources
