#include "sources/ofac/ofac_enhanced_xml.h"

#include <fmt/format.h>

#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/date.h"
#include "sources/xml_util.h"

namespace redflag::sources {
namespace {

using core::ErrorCode;
using core::MakeError;
using xml::Attr;
using xml::Child;
using xml::Children;
using xml::ChildText;
using xml::Path;
using xml::Text;

constexpr std::string_view kNamespace =
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML";
constexpr std::string_view kFormat = "ofac_enhanced_xml";

struct RefValue {
  std::string type;
  std::string value;
  std::string iso;
};

// A relationship whose target is resolved once every file has been read.
struct PendingLink {
  std::size_t entity_idx;
  std::size_t link_idx;
  std::string target_native_id;
};

// Parses the documents of one list version into `out`. One instance per parse; not thread-safe.
class EnhancedParser {
 public:
  EnhancedParser(std::string_view list_id, ParsedList& out) : list_id_(list_id), out_(out) {}

  core::Status ParseDocument(std::string_view xml_text, const std::string& file_name);
  // Fills Link.target_id for relationships whose target is in the parsed files.
  void ResolveLinks();

 private:
  void ReadReferenceValues(const pugi::xml_node& root);
  void ParseEntity(const pugi::xml_node& node);
  void ParseNames(const pugi::xml_node& node, const std::string& path, core::Entity& entity);
  void ParseAddresses(const pugi::xml_node& node, core::Entity& entity);
  void ParseFeatures(const pugi::xml_node& node, const std::string& path, xml::FeatureSink& sink);
  void ParseDocuments(const pugi::xml_node& node, core::Entity& entity);
  std::vector<core::Listing> ParseListings(const pugi::xml_node& node, const std::string& path,
                                           const std::vector<std::string>& programs);
  // ISO alpha-2 of a COUNTRY reference value; "" when the refId is not a known country.
  std::string CountryIso(std::string_view ref_id) const;
  core::Location Where(const pugi::xml_node& node, std::string element,
                       std::string field = {}) const {
    return file_->Where(node, std::move(element), std::move(field));
  }

  std::string list_id_;
  ParsedList& out_;
  const xml::XmlFile* file_ = nullptr;
  std::unordered_map<std::string, RefValue> refs_;
  std::unordered_set<std::string> seen_ids_;
  std::vector<PendingLink> pending_links_;
};

core::Status EnhancedParser::ParseDocument(std::string_view xml_text,
                                           const std::string& file_name) {
  auto parsed = xml::XmlFile::Parse(xml_text, file_name);
  if (!parsed) return parsed.error();
  const std::unique_ptr<xml::XmlFile> file = std::move(*parsed);
  file_ = file.get();
  const pugi::xml_node root = file->doc().document_element();
  if (!root) {
    return MakeError(ErrorCode::kParse, "document has no root element", {file_name});
  }
  if (xml::LocalName(root) != "sanctionsData") {
    return MakeError(ErrorCode::kParse,
                     fmt::format("root element is <{}>; expected <sanctionsData> (OFAC Enhanced "
                                 "XML)",
                                 xml::Cut(root.name(), 80)),
                     Where(root, xml::Cut(root.name(), 80)));
  }
  if (const std::string ns = xml::NamespaceUri(root); ns != kNamespace) {
    return MakeError(ErrorCode::kParse,
                     fmt::format("root element <sanctionsData> has namespace \"{}\"; expected "
                                 "\"{}\"",
                                 xml::Cut(ns, 120), kNamespace),
                     Where(root, "sanctionsData"));
  }
  const pugi::xml_node entities = Child(root, "entities");
  if (!entities) {
    return MakeError(ErrorCode::kParse, "no <entities> element under <sanctionsData>",
                     Where(root, "sanctionsData"));
  }
  const pugi::xml_node as_of = Path(root, {"publicationInfo", "dataAsOf"});
  if (const std::string text = Text(as_of); !text.empty()) {
    if (const auto date = core::ParseDate(text)) {
      if (out_.published.empty() || out_.published < *date) out_.published = *date;
    } else {
      out_.diagnostics.Warn(Where(as_of, "publicationInfo/dataAsOf", "dataAsOf"), xml::Cut(text),
                            "is not a date (expected YYYY-MM-DDThh:mm:ss)",
                            "list kept without a publication date");
    }
  }
  refs_.clear();
  ReadReferenceValues(root);
  for (const pugi::xml_node& entity : Children(entities, "entity")) ParseEntity(entity);
  file_ = nullptr;
  return core::Ok();
}

void EnhancedParser::ReadReferenceValues(const pugi::xml_node& root) {
  for (const pugi::xml_node& value : Children(Child(root, "referenceValues"), "referenceValue")) {
    const std::string ref_id = Attr(value, "refId");
    if (ref_id.empty()) continue;
    refs_[ref_id] =
        RefValue{ChildText(value, "type"), ChildText(value, "value"), ChildText(value, "isoCode")};
  }
}

std::string EnhancedParser::CountryIso(std::string_view ref_id) const {
  const auto it = refs_.find(std::string(ref_id));
  if (it == refs_.end() || it->second.type != "COUNTRY") return {};
  const std::string& iso = it->second.iso;
  // Only a two-letter code is an alpha-2; OFAC leaves some regions without one.
  if (iso.size() != 2 || !std::isalpha(static_cast<unsigned char>(iso[0])) ||
      !std::isalpha(static_cast<unsigned char>(iso[1]))) {
    return {};
  }
  return iso;
}

void EnhancedParser::ParseEntity(const pugi::xml_node& node) {
  const std::string native_id = Attr(node, "id");
  if (native_id.empty()) {
    out_.diagnostics.Fail(Where(node, "entity", "id"), {},
                          "entity has no id attribute (expected the OFAC entity number)",
                          "record skipped");
    return;
  }
  const std::string path = fmt::format("entity[id={}]", xml::Cut(native_id, 40));
  if (!seen_ids_.insert(native_id).second) {
    out_.diagnostics.Fail(Where(node, path, "id"), native_id,
                          "entity id appears more than once (expected unique ids)",
                          "later record skipped");
    return;
  }
  core::Entity entity;
  entity.list_id = list_id_;
  entity.native_id = native_id;
  entity.id = core::MakeEntityId(list_id_, native_id);

  const pugi::xml_node general = Child(node, "generalInfo");
  const pugi::xml_node type_node = Child(general, "entityType");
  entity.type = xml::OfacEntityType(Text(type_node));
  if (entity.type == core::EntityType::kUnknown) {
    out_.diagnostics.Warn(
        Where(type_node ? type_node : node, path + "/generalInfo/entityType", "entityType"),
        xml::Cut(Text(type_node)),
        "unknown entity type (expected Individual, Entity, Vessel or Aircraft)",
        "record kept with type unknown");
  }
  entity.remarks = ChildText(general, "remarks");

  ParseNames(Child(node, "names"), path, entity);
  if (entity.names.empty()) {
    out_.diagnostics.Fail(Where(node, path + "/names", "names"), {},
                          "entity has no name (expected names/name/translations/translation)",
                          "record skipped");
    return;
  }
  ParseAddresses(Child(node, "addresses"), entity);

  xml::FeatureSink sink;
  sink.entity = &entity;
  ParseFeatures(Child(node, "features"), path, sink);
  ParseDocuments(Child(node, "identityDocuments"), entity);

  std::vector<std::string> programs;
  for (const pugi::xml_node& program :
       Children(Child(node, "sanctionsPrograms"), "sanctionsProgram")) {
    xml::AddUnique(programs, Text(program));
  }
  entity.listings = ParseListings(node, path, programs);

  std::string action;
  for (const pugi::xml_node& type : Children(Child(node, "sanctionsTypes"), "sanctionsType")) {
    xml::AppendRemark(action, Text(type));
  }
  std::string listing_remarks;
  std::string authorities;
  for (const pugi::xml_node& authority :
       Children(Child(node, "legalAuthorities"), "legalAuthority")) {
    xml::AppendRemark(authorities, Text(authority));
  }
  if (!authorities.empty()) listing_remarks = "Legal authority: " + authorities;
  xml::AppendRemark(listing_remarks, sink.listing_remarks);
  bool cmic_dates_used = false;
  for (core::Listing& listing : entity.listings) {
    listing.action = action;
    listing.remarks = listing_remarks;
    if (listing.list_code == "CMIC") {
      // Conventions: a CMIC listing starts at its "Effective Date (CMIC)".
      if (!sink.cmic_effective.empty()) listing.start = sink.cmic_effective;
      listing.divestment = sink.cmic_divestment;
      cmic_dates_used = true;
    }
  }
  if (!cmic_dates_used && (!sink.cmic_effective.empty() || !sink.cmic_divestment.empty())) {
    out_.diagnostics.Warn(Where(node, path + "/features", "Effective Date (CMIC)"), {},
                          "CMIC dates on an entity that is not on the CMIC list",
                          "dates kept in the listing remarks");
    for (core::Listing& listing : entity.listings) {
      xml::AppendRemark(
          listing.remarks,
          fmt::format("Effective Date (CMIC): {}; Purchase/Sales For Divestment "
                      "Date (CMIC): {}",
                      sink.cmic_effective.ToString(), sink.cmic_divestment.ToString()));
    }
  }

  const std::size_t entity_idx = out_.entities.size();
  for (const pugi::xml_node& relationship :
       Children(Child(node, "relationships"), "relationship")) {
    const pugi::xml_node related = Child(relationship, "relatedEntity");
    core::Link link;
    link.relation = xml::OfacRelation(ChildText(relationship, "type"));
    link.target_name = Text(related);
    const std::string target = Attr(related, "entityId");
    if (link.target_name.empty() && target.empty()) {
      out_.diagnostics.Warn(
          Where(relationship, path + "/relationships/relationship", "relatedEntity"), {},
          "relationship without a related entity", "link dropped");
      continue;
    }
    if (link.target_name.empty()) link.target_name = target;
    if (!target.empty()) {
      pending_links_.push_back({entity_idx, entity.links.size(), target});
    }
    entity.links.push_back(std::move(link));
  }
  out_.entities.push_back(std::move(entity));
}

void EnhancedParser::ParseNames(const pugi::xml_node& names, const std::string& path,
                                core::Entity& entity) {
  std::optional<core::Name> primary;
  std::vector<core::Name> others;
  for (const pugi::xml_node& name_node : Children(names, "name")) {
    const bool is_primary = xml::IsTrue(ChildText(name_node, "isPrimary"));
    const core::NameKind kind =
        is_primary ? core::NameKind::kPrimary
                   : xml::OfacAliasKind(ChildText(name_node, "aliasType"),
                                        xml::IsTrue(ChildText(name_node, "isLowQuality")));
    for (const pugi::xml_node& translation :
         Children(Child(name_node, "translations"), "translation")) {
      std::vector<xml::NamePart> parts;
      for (const pugi::xml_node& part : Children(Child(translation, "nameParts"), "namePart")) {
        parts.push_back({ChildText(part, "type"), ChildText(part, "value")});
      }
      core::Name name = xml::OfacNameFromParts(parts);
      if (std::string formatted = ChildText(translation, "formattedFullName"); !formatted.empty()) {
        name.full = std::move(formatted);
      }
      if (name.full.empty()) continue;
      const std::string script = ChildText(translation, "script");
      name.script = script.empty() ? xml::DetectScript(name.full) : xml::ScriptCodeFromName(script);
      if (!script.empty() && name.script.empty() && xml::ToLowerAscii(script) != "latin") {
        name.script = xml::DetectScript(name.full);
      }
      const bool main_translation = xml::IsTrue(ChildText(translation, "isPrimary"));
      name.kind = kind;
      if (kind == core::NameKind::kPrimary) {
        if (main_translation && !primary) {
          primary = std::move(name);
          continue;
        }
        if (main_translation) {
          out_.diagnostics.Warn(Where(name_node, path + "/names/name", "isPrimary"),
                                xml::Cut(name.full), "second primary name", "kept as an a.k.a.");
        }
        // Other scripts of the primary name and extra primaries are strong aliases.
        name.kind = core::NameKind::kStrongAka;
      }
      others.push_back(std::move(name));
    }
  }
  if (!primary && !others.empty()) {
    out_.diagnostics.Warn(Where(names, path + "/names", "isPrimary"), xml::Cut(others[0].full),
                          "no primary name (expected one name with isPrimary true)",
                          "first name used as primary");
    primary = std::move(others.front());
    primary->kind = core::NameKind::kPrimary;
    others.erase(others.begin());
  }
  if (!primary) return;
  xml::AddName(entity, std::move(*primary));
  for (core::Name& name : others) xml::AddName(entity, std::move(name));
}

void EnhancedParser::ParseAddresses(const pugi::xml_node& addresses, core::Entity& entity) {
  for (const pugi::xml_node& node : Children(addresses, "address")) {
    const pugi::xml_node country = Child(node, "country");
    std::string iso = CountryIso(Attr(country, "refId"));
    const std::string country_text = Text(country);
    // The main translation carries the address; others repeat it in another script.
    pugi::xml_node chosen;
    for (const pugi::xml_node& translation : Children(Child(node, "translations"), "translation")) {
      if (!chosen || xml::IsTrue(ChildText(translation, "isPrimary"))) {
        if (!chosen || !xml::IsTrue(ChildText(chosen, "isPrimary"))) chosen = translation;
      }
    }
    std::vector<xml::AddressPart> parts;
    for (const pugi::xml_node& part : Children(Child(chosen, "addressParts"), "addressPart")) {
      parts.push_back({ChildText(part, "type"), ChildText(part, "value")});
    }
    core::Address address = xml::OfacAddressFromParts(parts, iso, country_text);
    if (address == core::Address{}) continue;
    if (std::find(entity.addresses.begin(), entity.addresses.end(), address) ==
        entity.addresses.end()) {
      entity.addresses.push_back(std::move(address));
    }
  }
}

void EnhancedParser::ParseFeatures(const pugi::xml_node& features, const std::string& path,
                                   xml::FeatureSink& sink) {
  for (const pugi::xml_node& feature : Children(features, "feature")) {
    const std::string type = ChildText(feature, "type");
    xml::FeatureValue value;
    value.text = ChildText(feature, "value");
    const std::string ref_id = ChildText(feature, "valueRefId");
    if (!ref_id.empty()) {
      value.country = CountryIso(ref_id);
      if (const auto it = refs_.find(ref_id); it != refs_.end() && it->second.type == "COUNTRY") {
        value.country_raw = it->second.value;
      }
    }
    if (const pugi::xml_node date = Child(feature, "valueDate")) {
      const auto from = core::ParseDate(ChildText(date, "fromDateBegin"));
      const auto to = core::ParseDate(ChildText(date, "toDateEnd"));
      if (from) {
        value.has_date = true;
        value.date_from = *from;
        value.date_to = to ? *to : *from;
      }
      value.approximate = xml::IsTrue(ChildText(date, "isApproximate"));
      value.date_range = xml::IsTrue(ChildText(date, "isDateRange"));
    }
    value.comment = ChildText(feature, "comments");
    const std::string reliability = ChildText(feature, "reliability");
    if (!reliability.empty() && xml::ToLowerAscii(reliability) != "confirmed") {
      xml::AppendRemark(value.comment, "reliability: " + reliability);
    }
    const std::string feature_path =
        fmt::format("{}/features/feature[id={}]", path, xml::Cut(Attr(feature, "id"), 40));
    xml::ApplyOfacFeature(type, value, sink, Where(feature, feature_path), out_.diagnostics);
  }
}

void EnhancedParser::ParseDocuments(const pugi::xml_node& documents, core::Entity& entity) {
  for (const pugi::xml_node& document : Children(documents, "identityDocument")) {
    core::Identifier id =
        xml::OfacIdentifier(ChildText(document, "type"), ChildText(document, "documentNumber"));
    if (id.value.empty()) continue;
    const pugi::xml_node country = Child(document, "issuingCountry");
    id.country = CountryIso(Attr(country, "refId"));
    std::string note;
    if (id.country.empty() && !Text(country).empty()) {
      xml::AppendRemark(note, "issued by " + Text(country));
    }
    if (const std::string authority = ChildText(document, "issuingAuthority"); !authority.empty()) {
      xml::AppendRemark(note, "issuing authority: " + authority);
    }
    if (const std::string location = ChildText(document, "issuingLocation"); !location.empty()) {
      xml::AppendRemark(note, "issued in: " + location);
    }
    for (std::string_view field : {"issueDate", "expirationDate"}) {
      if (const std::string date = ChildText(document, field); !date.empty()) {
        xml::AppendRemark(note, fmt::format("{}: {}", field, date));
      }
    }
    const std::string valid = ChildText(document, "isValid");
    if (!valid.empty() && !xml::IsTrue(valid)) xml::AppendRemark(note, "not valid");
    id.note = std::move(note);
    const bool duplicate = std::any_of(
        entity.identifiers.begin(), entity.identifiers.end(), [&](const core::Identifier& other) {
          return other.type == id.type && other.value == id.value && other.scheme == id.scheme;
        });
    if (!duplicate) entity.identifiers.push_back(std::move(id));
  }
}

std::vector<core::Listing> EnhancedParser::ParseListings(const pugi::xml_node& node,
                                                         const std::string& path,
                                                         const std::vector<std::string>& programs) {
  std::vector<core::Listing> listings;
  for (const pugi::xml_node& list : Children(Child(node, "sanctionsLists"), "sanctionsList")) {
    xml::OfacListInfo info;
    const std::string name = Text(list);
    if (!xml::OfacListFromName(name, info)) {
      if (xml::ToLowerAscii(name) == "consolidated list" || name.empty()) continue;
      out_.diagnostics.Info(
          Where(list, path + "/sanctionsLists/sanctionsList", "sanctionsList"),
          fmt::format("unknown OFAC list \"{}\" kept without a list code", xml::Cut(name)));
    }
    core::Listing listing;
    listing.list_id = list_id_;
    listing.list_name = info.name;
    listing.list_code = info.code;
    if (const std::string published = Attr(list, "datePublished"); !published.empty()) {
      if (const auto date = core::ParseDate(published)) {
        listing.start = *date;
      } else {
        out_.diagnostics.Warn(Where(list, path + "/sanctionsLists/sanctionsList", "datePublished"),
                              xml::Cut(published), "is not a date (expected YYYY-MM-DD)",
                              "record kept without a listing date");
      }
    }
    const bool duplicate = std::any_of(listings.begin(), listings.end(), [&](const auto& other) {
      return other.list_name == listing.list_name;
    });
    if (!duplicate) listings.push_back(std::move(listing));
  }
  if (listings.empty()) {
    // Only the "Consolidated List" umbrella: derive the sub-lists from the programs.
    for (const std::string& program : programs) {
      xml::OfacListInfo info;
      std::string_view code = xml::OfacProgramListCode(program);
      if (code.empty() && list_id_ == "ofac_sdn") code = "SDN";
      if (code.empty() || !xml::OfacListFromCode(code, info)) continue;
      const bool duplicate = std::any_of(listings.begin(), listings.end(), [&](const auto& other) {
        return other.list_code == code;
      });
      if (!duplicate) {
        core::Listing listing;
        listing.list_id = list_id_;
        listing.list_name = info.name;
        listing.list_code = info.code;
        listings.push_back(std::move(listing));
      }
    }
  }
  if (listings.empty()) {
    core::Listing listing;
    listing.list_id = list_id_;
    xml::OfacListInfo info;
    if (list_id_ == "ofac_sdn" && xml::OfacListFromCode("SDN", info)) {
      listing.list_name = info.name;
      listing.list_code = info.code;
    } else {
      listing.list_name = "OFAC Consolidated List";
    }
    listings.push_back(std::move(listing));
  }
  xml::AssignOfacPrograms(programs, listings);
  return listings;
}

void EnhancedParser::ResolveLinks() {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t idx = 0; idx < out_.entities.size(); ++idx) {
    index.emplace(out_.entities[idx].native_id, idx);
  }
  for (const PendingLink& pending : pending_links_) {
    if (index.count(pending.target_native_id) == 0) continue;
    out_.entities[pending.entity_idx].links[pending.link_idx].target_id =
        core::MakeEntityId(list_id_, pending.target_native_id);
  }
  pending_links_.clear();
}

ParsedList NewList(std::string_view list_id) {
  ParsedList list;
  list.list_id = std::string(list_id);
  list.format = std::string(kFormat);
  return list;
}

}  // namespace

core::Result<ParsedList> ParseOfacEnhancedXmlBuffer(std::string_view xml,
                                                    std::string_view file_name,
                                                    std::string_view list_id) {
  try {
    ParsedList list = NewList(list_id);
    list.files.push_back(
        SourceFile{std::filesystem::path(file_name), xml::Sha256Hex(xml), xml.size()});
    EnhancedParser parser(list_id, list);
    if (auto status = parser.ParseDocument(xml, std::string(file_name)); !status) {
      return status.error();
    }
    parser.ResolveLinks();
    return list;
  } catch (const std::exception& error) {
    return MakeError(ErrorCode::kInternal, fmt::format("unexpected error: {}", error.what()),
                     {std::string(file_name)});
  }
}

core::Result<ParsedList> ParseOfacEnhancedXml(const std::vector<std::filesystem::path>& files,
                                              std::string_view list_id) {
  if (files.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no OFAC Enhanced XML file given");
  }
  try {
    ParsedList list = NewList(list_id);
    EnhancedParser parser(list_id, list);
    for (const std::filesystem::path& path : files) {
      auto bytes = xml::ReadFileBytes(path, xml::kMaxXmlBytes);
      if (!bytes) return bytes.error();
      list.files.push_back(SourceFile{path, xml::Sha256Hex(*bytes), bytes->size()});
      std::string file_name = path.string();
      core::Status status = core::Ok();
      if (xml::LooksLikeZip(*bytes)) {
        auto member = xml::ReadSingleZipMember(*bytes, file_name, xml::kMaxXmlBytes);
        if (!member) return member.error();
        bytes->clear();
        bytes->shrink_to_fit();
        status = parser.ParseDocument(member->bytes, file_name + "!/" + member->name);
      } else {
        status = parser.ParseDocument(*bytes, file_name);
      }
      if (!status) return status.error();
    }
    parser.ResolveLinks();
    return list;
  } catch (const std::exception& error) {
    return MakeError(ErrorCode::kInternal, fmt::format("unexpected error: {}", error.what()));
  }
}

}  // namespace redflag::sources
