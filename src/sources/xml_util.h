// Internal helpers shared by the XML list parsers (OFAC Enhanced XML, OFAC advanced XML, EU FSF
// XML): bounded file and zip reading, a parsed document that can turn nodes into file:line
// locations, namespace-tolerant child lookup, and the OFAC feature / document / list vocabulary
// that the Enhanced and the advanced schema share.
//
// Not a public API: only the parsers in src/sources use it. All functions are thread-safe (no
// shared state); an XmlFile is immutable after Parse and may be read from several threads.
// No function throws: library errors come back as core::Error.
#pragma once

#include "core/sha256.h"
#include <cstdint>
#include <filesystem>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/entity.h"
#include "core/error.h"

namespace redflag::sources::xml {

// Largest XML document (plain, or uncompressed zip member) a parser accepts. The real files are
// a few MB; SDN_ENHANCED.XML is ~120 MB.
inline constexpr std::uint64_t kMaxXmlBytes = 512ull << 20;

// The bytes of `path`. Fails (kNotFound / kIo / kValidation) when the file is missing, unreadable
// or bigger than `max_bytes`.
core::Result<std::string> ReadFileBytes(const std::filesystem::path& path, std::uint64_t max_bytes);

// True when `bytes` starts with a zip local file header ("PK\3\4").
bool LooksLikeZip(std::string_view bytes);

// The single member of the zip archive `bytes`, uncompressed. Refuses (kParse) an archive that
// libzip cannot open, that holds no member or several, whose member is a directory or not named
// *.xml, is encrypted, fails its CRC, or is bigger than `max_bytes` (checked while reading, not
// trusted from the header). `file_name` is used in messages only.
struct ZipMember {
  std::string name;
  std::string bytes;
};
core::Result<ZipMember> ReadSingleZipMember(std::string_view bytes, std::string_view file_name,
                                            std::uint64_t max_bytes);

// Lowercase hex SHA-256 of `bytes`.
using ::redflag::core::Sha256Hex;  // core/sha256.h

// A parsed XML document that remembers where each element starts, so that diagnostics can say
// "file:line". Owns a copy of the text (pugixml parses in place).
class XmlFile {
 public:
  // Parses `xml`. A document that is not well formed gives kParse with the file, the line and
  // the byte offset of the problem and pugixml's description of it.
  static core::Result<std::unique_ptr<XmlFile>> Parse(std::string_view xml, std::string file_name);

  const pugi::xml_document& doc() const { return doc_; }
  const std::string& file_name() const { return file_name_; }
  // 1-based line of the start of `node` in the original text; 0 when unknown.
  std::int64_t LineOf(const pugi::xml_node& node) const;
  // 1-based line of byte `offset` of the original text.
  std::int64_t LineOfOffset(std::ptrdiff_t offset) const;
  core::Location Where(const pugi::xml_node& node, std::string element,
                       std::string field = {}) const {
    return core::Location{file_name_, LineOf(node), std::move(field), std::move(element)};
  }

 private:
  XmlFile() = default;
  pugi::xml_document doc_;
  std::vector<std::size_t> line_starts_;  // byte offset of the first byte of each line
  std::string file_name_;
};

// Element name without its namespace prefix ("ns0:entity" -> "entity").
std::string_view LocalName(const pugi::xml_node& node);
// The namespace URI of `node` (default namespace or the one bound to its prefix), searching the
// node and its ancestors; "" when none is declared.
std::string NamespaceUri(const pugi::xml_node& node);
// First child element with local name `name`; an empty node when there is none.
pugi::xml_node Child(const pugi::xml_node& node, std::string_view name);
// Follows a path of local names, e.g. Path(entity, {"generalInfo", "identityId"}).
pugi::xml_node Path(const pugi::xml_node& node, std::initializer_list<std::string_view> names);
// All child elements with local name `name`, in document order.
std::vector<pugi::xml_node> Children(const pugi::xml_node& node, std::string_view name);
// Text content of `node` with surrounding whitespace removed and inner runs of whitespace
// collapsed to one space.
std::string Text(const pugi::xml_node& node);
// Text(Child(node, name)).
std::string ChildText(const pugi::xml_node& node, std::string_view name);
// Attribute value, whitespace-trimmed; "" when absent.
std::string Attr(const pugi::xml_node& node, std::string_view name);
// "true"/"1" (any case) -> true.
bool IsTrue(std::string_view text);

// Whitespace trimmed and inner whitespace runs collapsed to one space.
std::string Clean(std::string_view text);
std::string ToLowerAscii(std::string_view text);
// `text` cut to at most `max_bytes` without splitting a UTF-8 sequence.
std::string Cut(std::string_view text, std::size_t max_bytes = 200);

// ISO 15924 code of the non-Latin script that most letters of `utf8` are written in (Cyrl, Hani,
// Arab, Hebr, Grek, Hang, Jpan, Deva, Thai, Geor, Armn); "" for Latin, digits only, or invalid
// UTF-8.
std::string DetectScript(std::string_view utf8);
// ISO 15924 code for a script as OFAC names it ("Cyrillic", "Chinese Simplified", "Latin" -> "",
// or an ISO code itself); "" when unknown or Latin.
std::string ScriptCodeFromName(std::string_view name);

// Adds `name` to `entity` unless an equal name (same text, case-sensitive) is already there;
// the first (strongest) occurrence wins. Empty names are ignored.
void AddName(core::Entity& entity, core::Name name);
// Appends `text` to `out`, separated by "; ", if `text` is not empty.
void AppendRemark(std::string& out, std::string_view text);
// Appends `value` to `values` unless it is empty or already present.
void AddUnique(std::vector<std::string>& values, std::string value);

// ---------------------------------------------------------------------------------------------
// OFAC vocabulary shared by the Enhanced and the advanced schema.

// Name kind of an OFAC alias type ("A.K.A.", "F.K.A.", "N.K.A.", "Name") and quality flag.
core::NameKind OfacAliasKind(std::string_view alias_type, bool low_quality);

// "LAST, First Middle" for people, the parts joined by spaces otherwise. `parts` are (type,
// value) in document order, type as OFAC names it ("Last Name", "First Name", "Entity Name"...).
struct NamePart {
  std::string type;
  std::string value;
};
core::Name OfacNameFromParts(const std::vector<NamePart>& parts);

// A structured address from OFAC location parts (ADDRESS1..3, CITY, STATE/PROVINCE, POSTAL
// CODE, REGION, Unknown).
struct AddressPart {
  std::string type;
  std::string value;
};
core::Address OfacAddressFromParts(const std::vector<AddressPart>& parts, std::string country,
                                   std::string country_raw);

// Identifier type of an OFAC "ID DOCUMENT TYPE" label, plus the value cleaned for that type
// ("IMO 9187629" -> kImo "9187629").
core::Identifier OfacIdentifier(std::string_view type_label, std::string_view number);

// The value of one OFAC feature, as much as each schema gives.
struct FeatureValue {
  std::string text;             // display text ("03 Jun 2021", "Male", "CNE100000PM8")
  std::string country;          // ISO alpha-2 when the feature is a country
  std::string country_raw;      // the country's name as the file gives it
  bool has_date = false;        // date bounds below are set
  core::PartialDate date_from;  // earliest day the date can be
  core::PartialDate date_to;    // latest day the date can be
  bool approximate = false;
  bool date_range = false;
  core::Address address;  // for "Location" features (advanced schema)
  bool has_address = false;
  std::string comment;  // reliability, comments
};

// Where a listing-level feature goes: the CMIC dates and the directive texts belong to a
// listing, not to the entity.
struct FeatureSink {
  core::Entity* entity = nullptr;
  std::string listing_remarks;        // appended to every listing of the entity
  core::PartialDate cmic_effective;   // "Effective Date (CMIC)"
  core::PartialDate cmic_divestment;  // "Purchase/Sales For Divestment Date (CMIC)"
};

// Applies one feature to `sink` by its OFAC type name. Dates that cannot be read are reported to
// `diagnostics` at `where` and dropped; the record is kept.
void ApplyOfacFeature(std::string_view type_name, const FeatureValue& value, FeatureSink& sink,
                      const core::Location& where, core::Diagnostics& diagnostics);

// A birth date from the earliest and latest day the source allows ("1962" is 1962-01-01 ..
// 1962-12-31); a range when the bounds are not one day, month or year.
core::BirthDate BirthDateFromBounds(const core::PartialDate& from, const core::PartialDate& to,
                                    bool approximate, std::string raw);
// Same collapse for a single date (listing dates): the date when the bounds name one day,
// month or year; `from` otherwise.
core::PartialDate DateFromBounds(const core::PartialDate& from, const core::PartialDate& to);

// Listing name and code for an OFAC sanctions list name ("SDN List", "Non-SDN CMIC List", ...).
// Returns false for the "Consolidated List" umbrella and unknown names (code "" then).
struct OfacListInfo {
  std::string name;
  std::string code;
};
bool OfacListFromName(std::string_view list_name, OfacListInfo& info);
// Listing name for a list code (SDN, SSI, CMIC, PLC, MBS, FSE, CAP); false when unknown.
bool OfacListFromCode(std::string_view code, OfacListInfo& info);
// The list code a program belongs to when it pins one (UKRAINE-EO13662 -> SSI, CMIC-* -> CMIC,
// NS-PLC -> PLC, FSE-* -> FSE, 561-Related -> CAP); "" otherwise.
std::string_view OfacProgramListCode(std::string_view program);
// Distributes `programs` over `listings` (which already have list_code set): each program goes to
// the listing its code pins, the rest to SDN if present, else to listings that got none, else to
// all.
void AssignOfacPrograms(const std::vector<std::string>& programs,
                        std::vector<core::Listing>& listings);

// Entity type from OFAC "SDN TYPE"/party type names: Individual, Entity, Vessel, Aircraft.
core::EntityType OfacEntityType(std::string_view text);

// Relation name for an OFAC relationship type ("Owned or Controlled By" -> "owned_by").
std::string OfacRelation(std::string_view type);

}  // namespace redflag::sources::xml
