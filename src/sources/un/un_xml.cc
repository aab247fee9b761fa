#include "sources/un/un_xml.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <optional>
#include <pugixml.hpp>
#include <tuple>
#include <unordered_set>

#include "core/country.h"
#include "core/date.h"
#include "sources/intl_util_internal.h"

namespace redflag::sources {
namespace {

using intl::AddName;
using intl::AddUnique;
using intl::CollapseSpace;

constexpr std::string_view kListName = "UN Security Council Consolidated List";

// Per-record context for diagnostics.
struct Record {
  const std::string& file;
  const intl::LineIndex& lines;
  std::string element;  // "INDIVIDUAL[17]"
  core::Diagnostics& diagnostics;

  // `node` names the element path; the line is that of `line_node` when given (the field's own
  // element), else of `node`.
  core::Location Where(const pugi::xml_node& node, std::string_view field,
                       const pugi::xml_node& line_node = {}) const {
    std::string path = element;
    if (node && std::string_view(node.name()) != field) path += fmt::format("/{}", node.name());
    return core::Location{.file = file,
                          .line = lines.LineOf((line_node ? line_node : node).offset_debug()),
                          .field = std::string(field),
                          .element = std::move(path)};
  }
};

// "2015-04-07-04:00" (a date with a UTC offset, as some LISTED_ON values are written) ->
// "2015-04-07"; other text unchanged.
std::string_view DropUtcOffset(std::string_view text) {
  if (text.size() > 10 && text[4] == '-' && text[7] == '-' &&
      (text[10] == '-' || text[10] == '+' || text[10] == 'Z')) {
    return text.substr(0, 10);
  }
  return text;
}

std::string Text(const pugi::xml_node& node, const char* child) {
  return CollapseSpace(node.child(child).text().get());
}

std::vector<std::string> Values(const pugi::xml_node& node, const char* child) {
  std::vector<std::string> out;
  for (const pugi::xml_node& container : node.children(child)) {
    for (const pugi::xml_node& value : container.children("VALUE")) {
      AddUnique(out, CollapseSpace(value.text().get()));
    }
  }
  return out;
}

std::string Country(const std::string& text, const Record& record, const pugi::xml_node& node,
                    std::string_view field) {
  if (text.empty()) return {};
  std::string code = core::CountryCode(text);
  if (code.empty()) {
    record.diagnostics.Warn(record.Where(node, field), text, "is not a recognised country",
                            "record kept without it");
  }
  return code;
}

void ReadDateOfBirth(const pugi::xml_node& dob, core::Entity& entity, const Record& record) {
  const std::string type = Text(dob, "TYPE_OF_DATE");
  const std::string date = Text(dob, "DATE");
  const std::string year = Text(dob, "YEAR");
  const std::string from_year = Text(dob, "FROM_YEAR");
  const std::string to_year = Text(dob, "TO_YEAR");
  const std::string note = Text(dob, "NOTE");
  const bool approximately =
      type == "APPROXIMATELY" || intl::AsciiLower(note).starts_with("approximately");

  std::string text;  // the date the record states, in a form ParseBirthDate reads
  std::string field;
  if (!date.empty()) {
    text = date, field = "DATE";
  } else if (!year.empty()) {
    text = year, field = "YEAR";
  } else if (!from_year.empty() || !to_year.empty()) {
    text = from_year.empty() ? to_year : to_year.empty() ? from_year : from_year + " to " + to_year;
    field = "FROM_YEAR";
  } else if (!note.empty()) {
    text = note, field = "NOTE";  // "Nov. 1973", "August 1961"
  } else {
    return;  // an empty INDIVIDUAL_DATE_OF_BIRTH placeholder
  }
  auto parsed = core::ParseBirthDate(text);
  if (!parsed) {
    record.diagnostics.Warn(record.Where(dob, field, dob.child(field.c_str())), text,
                            "is not a date (expected YYYY-MM-DD, YYYY or FROM_YEAR/TO_YEAR)",
                            "record kept without this date of birth");
    return;
  }
  if (approximately) parsed->circa = true;
  parsed->raw = text;
  if (!note.empty() && field != "NOTE") parsed->raw += " (" + note + ")";
  for (const core::BirthDate& existing : entity.birth_dates) {
    if (existing.from == parsed->from && existing.to == parsed->to &&
        existing.circa == parsed->circa) {
      return;
    }
  }
  entity.birth_dates.push_back(std::move(*parsed));
}

void ReadAliases(const pugi::xml_node& node, const char* alias_tag, core::Entity& entity,
                 const Record& record) {
  for (const pugi::xml_node& alias : node.children(alias_tag)) {
    const std::string name = Text(alias, "ALIAS_NAME");
    if (name.empty()) continue;
    const std::string quality = intl::AsciiLower(Text(alias, "QUALITY"));
    core::NameKind kind = core::NameKind::kStrongAka;
    if (quality == "low") {
      kind = core::NameKind::kWeakAka;
    } else if (quality == "f.k.a.") {
      kind = core::NameKind::kFka;
    } else if (quality == "n.k.a.") {
      kind = core::NameKind::kNka;
    } else if (!quality.empty() && quality != "good" && quality != "a.k.a.") {
      record.diagnostics.Info(
          record.Where(alias, "QUALITY"),
          fmt::format("unknown alias quality \"{}\"; read as a.k.a.", Text(alias, "QUALITY")));
    }
    AddName(entity, core::Name{.full = name, .kind = kind});
    // Some individuals' aliases carry the date/place of birth used under that alias.
    if (const std::string date = Text(alias, "DATE_OF_BIRTH"); !date.empty()) {
      if (auto parsed = core::ParseBirthDate(date)) {
        parsed->raw = date + " (alias " + name + ")";
        entity.birth_dates.push_back(std::move(*parsed));
      } else {
        record.diagnostics.Warn(record.Where(alias, "DATE_OF_BIRTH"), date,
                                "is not a date (expected YYYY-MM-DD)",
                                "record kept without this date of birth");
      }
    }
    std::string place = Text(alias, "CITY_OF_BIRTH");
    if (const std::string country = Text(alias, "COUNTRY_OF_BIRTH"); !country.empty()) {
      place += (place.empty() ? "" : ", ") + country;
    }
    AddUnique(entity.places_of_birth, std::move(place));
  }
}

void ReadAddresses(const pugi::xml_node& node, const char* address_tag, core::Entity& entity) {
  for (const pugi::xml_node& element : node.children(address_tag)) {
    core::Address address{.street = Text(element, "STREET"),
                          .city = Text(element, "CITY"),
                          .state = Text(element, "STATE_PROVINCE"),
                          .postal_code = Text(element, "ZIP_CODE")};
    const std::string country = Text(element, "COUNTRY");
    if (!country.empty()) {
      address.country = core::CountryCode(country);
      if (address.country.empty()) address.country_raw = country;
    }
    if (address.street.empty() && address.city.empty() && address.state.empty() &&
        address.postal_code.empty() && country.empty()) {
      continue;
    }
    if (std::find(entity.addresses.begin(), entity.addresses.end(), address) ==
        entity.addresses.end()) {
      entity.addresses.push_back(std::move(address));
    }
  }
}

core::IdType DocumentType(std::string_view type) {
  const std::string lowered = intl::AsciiLower(type);
  if (lowered.find("passport") != std::string::npos ||
      lowered.find("passeport") != std::string::npos ||
      lowered.find("pasaporte") != std::string::npos) {
    return core::IdType::kPassport;
  }
  if (lowered.find("national identification") != std::string::npos) {
    return core::IdType::kNationalId;
  }
  return core::IdType::kOther;
}

void ReadDocuments(const pugi::xml_node& node, core::Entity& entity, const Record& record) {
  for (const pugi::xml_node& document : node.children("INDIVIDUAL_DOCUMENT")) {
    const std::string number = Text(document, "NUMBER");
    if (number.empty()) continue;  // notes without a number identify nothing
    core::Identifier identifier;
    identifier.type_raw = Text(document, "TYPE_OF_DOCUMENT");
    identifier.type = DocumentType(identifier.type_raw);
    identifier.value = number;
    identifier.scheme = Text(document, "TYPE_OF_DOCUMENT2");
    std::string country = Text(document, "ISSUING_COUNTRY");
    if (country.empty()) country = Text(document, "COUNTRY_OF_ISSUE");
    identifier.country = Country(country, record, document, "ISSUING_COUNTRY");
    std::vector<std::string> notes;
    if (const std::string issued = Text(document, "DATE_OF_ISSUE"); !issued.empty()) {
      notes.push_back("issued " + issued);
    }
    if (const std::string city = Text(document, "CITY_OF_ISSUE"); !city.empty()) {
      notes.push_back("issued in " + city);
    }
    if (identifier.country.empty() && !country.empty()) notes.push_back("country: " + country);
    if (const std::string note = Text(document, "NOTE"); !note.empty()) notes.push_back(note);
    identifier.note = fmt::format("{}", fmt::join(notes, "; "));
    if (std::find(entity.identifiers.begin(), entity.identifiers.end(), identifier) ==
        entity.identifiers.end()) {
      entity.identifiers.push_back(std::move(identifier));
    }
  }
}

std::optional<core::Entity> ReadRecord(const pugi::xml_node& node, bool individual,
                                       std::string_view list_id, const Record& record) {
  core::Entity entity;
  std::string native_id = Text(node, "REFERENCE_NUMBER");
  if (native_id.empty()) {
    const std::string data_id = Text(node, "DATAID");
    if (data_id.empty()) {
      record.diagnostics.Fail(record.Where(node, "REFERENCE_NUMBER"), {},
                              "has neither REFERENCE_NUMBER nor DATAID", "record skipped");
      return std::nullopt;
    }
    record.diagnostics.Warn(record.Where(node, "REFERENCE_NUMBER"), {},
                            "is empty; DATAID used as the id", "record kept");
    native_id = "DATAID-" + data_id;
  }
  entity.list_id = std::string(list_id);
  entity.native_id = native_id;
  entity.id = core::MakeEntityId(list_id, native_id);
  entity.type = individual ? core::EntityType::kPerson : core::EntityType::kOrganization;

  // Primary name: FIRST..FOURTH_NAME in the order the UN writes them.
  core::Name primary{.kind = core::NameKind::kPrimary};
  std::vector<std::string> rest;
  for (const char* tag : {"SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
    if (std::string part = Text(node, tag); !part.empty()) rest.push_back(std::move(part));
  }
  const std::string first = Text(node, "FIRST_NAME");
  if (individual) {
    primary.given = first;
    primary.family = fmt::format("{}", fmt::join(rest, " "));
  }
  std::vector<std::string> parts;
  if (!first.empty()) parts.push_back(first);
  parts.insert(parts.end(), rest.begin(), rest.end());
  primary.full = fmt::format("{}", fmt::join(parts, " "));
  if (primary.full.empty()) {
    record.diagnostics.Warn(record.Where(node, "FIRST_NAME"), {},
                            "is empty (no FIRST..FOURTH_NAME)",
                            "record kept; first alias used as the primary name");
  }
  AddName(entity, std::move(primary));
  if (const std::string original = Text(node, "NAME_ORIGINAL_SCRIPT"); !original.empty()) {
    AddName(entity, core::Name{.full = original, .kind = core::NameKind::kStrongAka});
  }
  ReadAliases(node, individual ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS", entity, record);
  if (entity.names.empty()) {
    record.diagnostics.Fail(record.Where(node, "FIRST_NAME"), {}, "record has no name at all",
                            "record skipped");
    return std::nullopt;
  }
  entity.names.front().kind = core::NameKind::kPrimary;

  ReadAddresses(node, individual ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS", entity);
  for (const pugi::xml_node& dob : node.children("INDIVIDUAL_DATE_OF_BIRTH")) {
    ReadDateOfBirth(dob, entity, record);
  }
  for (const pugi::xml_node& pob : node.children("INDIVIDUAL_PLACE_OF_BIRTH")) {
    std::vector<std::string> pieces;
    for (const char* tag : {"STREET", "CITY", "STATE_PROVINCE", "COUNTRY"}) {
      if (std::string piece = Text(pob, tag); !piece.empty()) pieces.push_back(std::move(piece));
    }
    AddUnique(entity.places_of_birth, fmt::format("{}", fmt::join(pieces, ", ")));
  }
  ReadDocuments(node, entity, record);
  for (const pugi::xml_node& nationality : node.children("NATIONALITY")) {
    for (const pugi::xml_node& value : nationality.children("VALUE")) {
      const std::string text = CollapseSpace(value.text().get());
      AddUnique(entity.nationalities, Country(text, record, value, "NATIONALITY"));
    }
  }
  const std::string gender = intl::AsciiLower(Text(node, "GENDER"));
  if (gender == "male" || gender == "female") entity.gender = gender;
  for (std::string& title : Values(node, "TITLE")) AddUnique(entity.titles, std::move(title));
  for (std::string& title : Values(node, "DESIGNATION")) AddUnique(entity.titles, std::move(title));
  entity.remarks = Text(node, "COMMENTS1");

  core::Listing listing{
      .list_id = std::string(list_id), .list_name = std::string(kListName), .list_code = "UN"};
  if (std::string program = Text(node, "UN_LIST_TYPE"); !program.empty()) {
    listing.programs.push_back(std::move(program));
  }
  if (const std::string listed_on = Text(node, "LISTED_ON"); !listed_on.empty()) {
    if (const auto date = core::ParseDate(DropUtcOffset(listed_on))) {
      listing.start = *date;
    } else {
      record.diagnostics.Warn(record.Where(node.child("LISTED_ON"), "LISTED_ON"), listed_on,
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
  if (std::string_view(root.name()) != "CONSOLIDATED_LIST") {
    return core::MakeError(
        core::ErrorCode::kParse,
        fmt::format("root element is <{}>, expected <CONSOLIDATED_LIST> (UN consolidated list)",
                    root.name()),
        core::Location{.file = file, .line = lines.LineOf(root.offset_debug())});
  }
  ParsedList out;
  out.list_id = std::string(list_id);
  out.format = "un_xml";
  out.files.push_back(intl::MakeSourceFile(file_name, data));
  if (const std::string generated = root.attribute("dateGenerated").as_string();
      !generated.empty()) {
    if (const auto date = core::ParseDate(generated)) {
      out.published = *date;
    } else {
      out.diagnostics.Warn(core::Location{.file = file,
                                          .line = lines.LineOf(root.offset_debug()),
                                          .field = "dateGenerated",
                                          .element = "CONSOLIDATED_LIST"},
                           generated, "is not a date (expected YYYY-MM-DDThh:mm:ss)",
                           "publication date left empty");
    }
  }
  std::unordered_set<std::string> seen;
  for (const auto& [section, tag, individual] :
       {std::tuple{"INDIVIDUALS", "INDIVIDUAL", true}, std::tuple{"ENTITIES", "ENTITY", false}}) {
    std::size_t index = 0;
    for (const pugi::xml_node& node : root.child(section).children(tag)) {
      ++index;
      const Record record{file, lines, fmt::format("{}[{}]", tag, index), out.diagnostics};
      std::optional<core::Entity> entity = ReadRecord(node, individual, list_id, record);
      if (!entity) continue;
      if (!seen.insert(entity->id).second) {
        out.diagnostics.Fail(record.Where(node.child("REFERENCE_NUMBER"), "REFERENCE_NUMBER"),
                             entity->native_id, "is a duplicate reference number",
                             "record skipped (the first one is kept)");
        continue;
      }
      out.entities.push_back(std::move(*entity));
    }
  }
  return out;
}

}  // namespace

core::Result<ParsedList> ParseUnXmlBuffer(std::string_view data, std::string_view file_name,
                                          std::string_view list_id) {
  try {
    return Parse(data, file_name, list_id);
  } catch (const std::exception& error) {
    return core::MakeError(core::ErrorCode::kInternal,
                           fmt::format("UN XML parser failed: {}", error.what()),
                           core::Location{.file = std::string(file_name)});
  }
}

core::Result<ParsedList> ParseUnXml(const std::vector<std::filesystem::path>& files,
                                    std::string_view list_id) {
  if (files.size() != 1) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("UN XML takes exactly one file, got {}", files.size()));
  }
  auto data = intl::ReadFile(files.front());
  if (!data) return data.error();
  return ParseUnXmlBuffer(*data, files.front().string(), list_id);
}

}  // namespace redflag::sources
