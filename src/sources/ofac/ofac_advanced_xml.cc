#include "sources/ofac/ofac_advanced_xml.h"

#include <fmt/format.h>

#include <charconv>
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
using xml::Text;

constexpr std::string_view kNamespaceUn = "http://www.un.org/sanctions/1.0";
constexpr std::string_view kNamespaceSls =
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML";
constexpr std::string_view kFormat = "ofac_advanced_xml";

// "2019", "2", "7" -> 2019-02-07; nullopt when the parts are not a valid date.
std::optional<core::PartialDate> DateFromYmd(const pugi::xml_node& node) {
  auto number = [](const std::string& text) -> std::optional<int> {
    int value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    return value;
  };
  const auto year = number(ChildText(node, "Year"));
  if (!year) return std::nullopt;
  const std::string month_text = ChildText(node, "Month");
  const std::string day_text = ChildText(node, "Day");
  const auto month = month_text.empty() ? std::optional<int>(0) : number(month_text);
  const auto day = day_text.empty() ? std::optional<int>(0) : number(day_text);
  if (!month || !day || *year < 0 || *year > 9999 || *month < 0 || *month > 12 || *day < 0 ||
      *day > 31) {
    return std::nullopt;
  }
  std::string text = fmt::format("{:04d}", *year);
  if (*month != 0) text += fmt::format("-{:02d}", *month);
  if (*month != 0 && *day != 0) text += fmt::format("-{:02d}", *day);
  return core::ParseDate(text);
}

struct DateBounds {
  core::PartialDate from;
  core::PartialDate to;
  bool approximate = false;
};

// Earliest and latest day of a <DatePeriod>: Start/From .. End/To (falling back on the other
// bound when one side is missing).
std::optional<DateBounds> BoundsOf(const pugi::xml_node& period) {
  const pugi::xml_node start = Child(period, "Start");
  const pugi::xml_node end = Child(period, "End");
  auto from = DateFromYmd(Child(start, "From"));
  if (!from) from = DateFromYmd(Child(start, "To"));
  auto to = DateFromYmd(Child(end, "To"));
  if (!to) to = DateFromYmd(Child(end, "From"));
  if (!from && !to) return std::nullopt;
  DateBounds bounds;
  bounds.from = from ? *from : *to;
  bounds.to = to ? *to : *from;
  if (bounds.to < bounds.from) std::swap(bounds.from, bounds.to);
  bounds.approximate =
      xml::IsTrue(Attr(start, "Approximate")) || xml::IsTrue(Attr(end, "Approximate"));
  return bounds;
}

struct PendingRelation {
  std::size_t entity_idx;
  std::string to_profile;
  std::string relation;
  pugi::xml_node node;
};

class AdvancedParser {
 public:
  AdvancedParser(std::string_view list_id, ParsedList& out) : list_id_(list_id), out_(out) {}
  core::Status ParseDocument(std::string_view xml_text, const std::string& file_name);

 private:
  void IndexDocument(const pugi::xml_node& root);
  void ParseParty(const pugi::xml_node& party);
  void ParseIdentity(const pugi::xml_node& identity, bool main_identity, const std::string& path,
                     std::vector<core::Name>& names, bool& have_primary);
  void ParseFeature(const pugi::xml_node& feature, const std::string& path, xml::FeatureSink& sink);
  void ParseDocuments(const std::string& identity_id, const std::string& path,
                      core::Entity& entity);
  std::vector<core::Listing> ParseEntries(const std::string& profile_id, const std::string& path);
  void ParseRelationships(const pugi::xml_node& root);

  // Text of reference value `id` in set `kind` (e.g. "FeatureType"); reports and returns
  // nullopt when the id is not defined.
  std::optional<pugi::xml_node> Ref(std::string_view kind, const std::string& id,
                                    const pugi::xml_node& at, const std::string& path,
                                    std::string_view field);
  // Country ISO alpha-2 and name of a Country reference value.
  std::pair<std::string, std::string> Country(const std::string& id, const pugi::xml_node& at,
                                              const std::string& path, std::string_view field);
  // Address (and country) of a <Location>.
  core::Address LocationAddress(const pugi::xml_node& location, const std::string& path);
  void Dangling(const pugi::xml_node& at, const std::string& path, std::string_view field,
                const std::string& id, std::string_view kind) {
    out_.diagnostics.Warn(file_->Where(at, path, std::string(field)), xml::Cut(id),
                          fmt::format("refers to {} ID \"{}\", which the file does not define",
                                      kind, xml::Cut(id, 40)),
                          "field dropped, record kept");
  }

  std::string list_id_;
  ParsedList& out_;
  const xml::XmlFile* file_ = nullptr;
  // Reference values: element name (FeatureType, Country, ...) -> ID -> element.
  std::unordered_map<std::string, std::unordered_map<std::string, pugi::xml_node>> refs_;
  std::unordered_map<std::string, pugi::xml_node> locations_;
  // Lowercased country name -> ISO alpha-2, from the Country reference values: country features
  // sometimes point at a location that only names the country.
  std::unordered_map<std::string, std::string> country_by_name_;
  std::unordered_map<std::string, std::vector<pugi::xml_node>> documents_by_identity_;
  std::unordered_map<std::string, std::vector<pugi::xml_node>> entries_by_profile_;
  // Profile ID -> index of its entity in out_.entities (this document only).
  std::unordered_map<std::string, std::size_t> profile_entity_;
  std::unordered_set<std::string> seen_ids_;
};

core::Status AdvancedParser::ParseDocument(std::string_view xml_text,
                                           const std::string& file_name) {
  auto parsed = xml::XmlFile::Parse(xml_text, file_name);
  if (!parsed) return parsed.error();
  const std::unique_ptr<xml::XmlFile> file = std::move(*parsed);
  file_ = file.get();
  const pugi::xml_node root = file->doc().document_element();
  if (!root) return MakeError(ErrorCode::kParse, "document has no root element", {file_name});
  if (xml::LocalName(root) != "Sanctions") {
    return MakeError(ErrorCode::kParse,
                     fmt::format("root element is <{}>; expected <Sanctions> (OFAC advanced XML)",
                                 xml::Cut(root.name(), 80)),
                     file->Where(root, xml::Cut(root.name(), 80)));
  }
  if (const std::string ns = xml::NamespaceUri(root); ns != kNamespaceUn && ns != kNamespaceSls) {
    return MakeError(ErrorCode::kParse,
                     fmt::format("root element <Sanctions> has namespace \"{}\"; expected \"{}\" "
                                 "or \"{}\"",
                                 xml::Cut(ns, 120), kNamespaceUn, kNamespaceSls),
                     file->Where(root, "Sanctions"));
  }
  for (std::string_view section : {"ReferenceValueSets", "DistinctParties"}) {
    if (!Child(root, section)) {
      return MakeError(ErrorCode::kParse, fmt::format("no <{}> element under <Sanctions>", section),
                       file->Where(root, "Sanctions"));
    }
  }
  if (const pugi::xml_node issued = Child(root, "DateOfIssue")) {
    if (const auto date = DateFromYmd(issued)) {
      if (out_.published.empty() || out_.published < *date) out_.published = *date;
    } else {
      out_.diagnostics.Warn(file->Where(issued, "Sanctions/DateOfIssue", "DateOfIssue"),
                            xml::Cut(Text(issued)), "is not a date (expected Year, Month, Day)",
                            "list kept without a publication date");
    }
  }
  refs_.clear();
  country_by_name_.clear();
  locations_.clear();
  documents_by_identity_.clear();
  entries_by_profile_.clear();
  profile_entity_.clear();
  IndexDocument(root);
  for (const pugi::xml_node& party : Children(Child(root, "DistinctParties"), "DistinctParty")) {
    ParseParty(party);
  }
  ParseRelationships(root);
  file_ = nullptr;
  return core::Ok();
}

void AdvancedParser::IndexDocument(const pugi::xml_node& root) {
  for (pugi::xml_node set = Child(root, "ReferenceValueSets").first_child(); set;
       set = set.next_sibling()) {
    for (pugi::xml_node value = set.first_child(); value; value = value.next_sibling()) {
      if (value.type() != pugi::node_element) continue;
      const std::string id = Attr(value, "ID");
      if (!id.empty()) refs_[std::string(xml::LocalName(value))].emplace(id, value);
    }
  }
  if (const auto countries = refs_.find("Country"); countries != refs_.end()) {
    for (const auto& [id, country] : countries->second) {
      const std::string iso = Attr(country, "ISO2");
      if (iso.size() == 2) country_by_name_.emplace(xml::ToLowerAscii(Text(country)), iso);
    }
  }
  for (const pugi::xml_node& location : Children(Child(root, "Locations"), "Location")) {
    locations_.emplace(Attr(location, "ID"), location);
  }
  for (const pugi::xml_node& document : Children(Child(root, "IDRegDocuments"), "IDRegDocument")) {
    documents_by_identity_[Attr(document, "IdentityID")].push_back(document);
  }
  for (const pugi::xml_node& entry : Children(Child(root, "SanctionsEntries"), "SanctionsEntry")) {
    entries_by_profile_[Attr(entry, "ProfileID")].push_back(entry);
  }
}

std::optional<pugi::xml_node> AdvancedParser::Ref(std::string_view kind, const std::string& id,
                                                  const pugi::xml_node& at, const std::string& path,
                                                  std::string_view field) {
  if (id.empty()) return std::nullopt;
  if (const auto set = refs_.find(std::string(kind)); set != refs_.end()) {
    if (const auto it = set->second.find(id); it != set->second.end()) return it->second;
  }
  Dangling(at, path, field, id, kind);
  return std::nullopt;
}

std::pair<std::string, std::string> AdvancedParser::Country(const std::string& id,
                                                            const pugi::xml_node& at,
                                                            const std::string& path,
                                                            std::string_view field) {
  const auto country = Ref("Country", id, at, path, field);
  if (!country) return {};
  std::string iso = Attr(*country, "ISO2");
  if (iso.size() != 2) iso.clear();
  return {iso, Text(*country)};
}

core::Address AdvancedParser::LocationAddress(const pugi::xml_node& location,
                                              const std::string& path) {
  std::vector<xml::AddressPart> parts;
  for (const pugi::xml_node& part : Children(location, "LocationPart")) {
    std::string type;
    if (const auto ref =
            Ref("LocPartType", Attr(part, "LocPartTypeID"), part, path, "LocPartTypeID")) {
      type = Text(*ref);
    }
    // The primary value of the part; others are the same value in another script.
    pugi::xml_node chosen;
    for (const pugi::xml_node& value : Children(part, "LocationPartValue")) {
      if (!chosen || xml::IsTrue(Attr(value, "Primary"))) {
        if (!chosen || !xml::IsTrue(Attr(chosen, "Primary"))) chosen = value;
      }
    }
    parts.push_back({type, ChildText(chosen, "Value")});
  }
  std::string iso;
  std::string country_raw;
  if (const pugi::xml_node country = Child(location, "LocationCountry")) {
    std::tie(iso, country_raw) = Country(Attr(country, "CountryID"), country, path, "CountryID");
  } else if (const pugi::xml_node area = Child(location, "LocationAreaCode")) {
    if (const auto ref = Ref("AreaCode", Attr(area, "AreaCodeID"), area, path, "AreaCodeID")) {
      iso = Text(*ref);
      if (iso.size() != 2) iso.clear();
      country_raw = Attr(*ref, "Description");
      if (xml::ToLowerAscii(country_raw) == "undetermined") country_raw.clear();
    }
  }
  return xml::OfacAddressFromParts(parts, iso, country_raw);
}

void AdvancedParser::ParseParty(const pugi::xml_node& party) {
  const std::string native_id = Attr(party, "FixedRef");
  if (native_id.empty()) {
    out_.diagnostics.Fail(file_->Where(party, "DistinctParty", "FixedRef"), {},
                          "DistinctParty has no FixedRef (expected the OFAC entity number)",
                          "record skipped");
    return;
  }
  const std::string path = fmt::format("DistinctParty[FixedRef={}]", xml::Cut(native_id, 40));
  if (!seen_ids_.insert(native_id).second) {
    out_.diagnostics.Fail(file_->Where(party, path, "FixedRef"), native_id,
                          "FixedRef appears more than once (expected unique ids)",
                          "later record skipped");
    return;
  }
  const std::vector<pugi::xml_node> profiles = Children(party, "Profile");
  if (profiles.empty()) {
    out_.diagnostics.Fail(file_->Where(party, path, "Profile"), {}, "DistinctParty has no Profile",
                          "record skipped");
    return;
  }
  if (profiles.size() > 1) {
    out_.diagnostics.Warn(file_->Where(profiles[1], path + "/Profile", "Profile"), {},
                          "DistinctParty has several Profiles; only the first is read",
                          "other profiles dropped");
  }
  const pugi::xml_node profile = profiles[0];
  const std::string profile_id = Attr(profile, "ID");
  const std::string profile_path = path + "/Profile";

  core::Entity entity;
  entity.list_id = list_id_;
  entity.native_id = native_id;
  entity.id = core::MakeEntityId(list_id_, native_id);
  entity.remarks = ChildText(party, "Comment");
  xml::AppendRemark(entity.remarks, ChildText(profile, "Comment"));

  if (const auto sub_type = Ref("PartySubType", Attr(profile, "PartySubTypeID"), profile,
                                profile_path, "PartySubTypeID")) {
    entity.type = xml::OfacEntityType(Text(*sub_type));
    if (entity.type == core::EntityType::kUnknown) {
      if (const auto party_type = Ref("PartyType", Attr(*sub_type, "PartyTypeID"), profile,
                                      profile_path, "PartyTypeID")) {
        entity.type = xml::OfacEntityType(Text(*party_type));
      }
    }
  }

  std::vector<core::Name> names;
  bool have_primary = false;
  std::vector<std::string> identity_ids;
  for (const pugi::xml_node& identity : Children(profile, "Identity")) {
    identity_ids.push_back(Attr(identity, "ID"));
    ParseIdentity(identity, xml::IsTrue(Attr(identity, "Primary")), profile_path, names,
                  have_primary);
  }
  if (!names.empty() && !have_primary) {
    out_.diagnostics.Warn(
        file_->Where(profile, profile_path + "/Identity", "Primary"), xml::Cut(names[0].full),
        "no primary name (expected an Alias with Primary=\"true\")", "first name used as primary");
    names[0].kind = core::NameKind::kPrimary;
  }
  for (core::Name& name : names) xml::AddName(entity, std::move(name));
  if (entity.names.empty()) {
    out_.diagnostics.Fail(file_->Where(party, path, "Alias"), {},
                          "party has no name (expected Identity/Alias/DocumentedName)",
                          "record skipped");
    return;
  }

  xml::FeatureSink sink;
  sink.entity = &entity;
  for (const pugi::xml_node& feature : Children(profile, "Feature")) {
    ParseFeature(feature, profile_path, sink);
  }
  for (const std::string& identity_id : identity_ids) {
    ParseDocuments(identity_id, path, entity);
  }
  entity.listings = ParseEntries(profile_id, path);
  bool cmic_dates_used = false;
  for (core::Listing& listing : entity.listings) {
    xml::AppendRemark(listing.remarks, sink.listing_remarks);
    if (listing.list_code == "CMIC") {
      if (!sink.cmic_effective.empty()) listing.start = sink.cmic_effective;
      listing.divestment = sink.cmic_divestment;
      cmic_dates_used = true;
    }
  }
  if (!cmic_dates_used && (!sink.cmic_effective.empty() || !sink.cmic_divestment.empty())) {
    for (core::Listing& listing : entity.listings) {
      xml::AppendRemark(
          listing.remarks,
          fmt::format("Effective Date (CMIC): {}; Purchase/Sales For Divestment "
                      "Date (CMIC): {}",
                      sink.cmic_effective.ToString(), sink.cmic_divestment.ToString()));
    }
  }
  profile_entity_[profile_id] = out_.entities.size();
  out_.entities.push_back(std::move(entity));
}

void AdvancedParser::ParseIdentity(const pugi::xml_node& identity, bool main_identity,
                                   const std::string& path, std::vector<core::Name>& names,
                                   bool& have_primary) {
  const std::string identity_path =
      fmt::format("{}/Identity[ID={}]", path, xml::Cut(Attr(identity, "ID"), 40));
  // Name part group -> part type name ("Last Name", "First Name", "Entity Name", ...).
  std::unordered_map<std::string, std::string> group_types;
  for (const pugi::xml_node& master :
       Children(Child(identity, "NamePartGroups"), "MasterNamePartGroup")) {
    for (const pugi::xml_node& group : Children(master, "NamePartGroup")) {
      std::string type;
      if (const auto ref = Ref("NamePartType", Attr(group, "NamePartTypeID"), group,
                               identity_path + "/NamePartGroups", "NamePartTypeID")) {
        type = Text(*ref);
      }
      group_types[Attr(group, "ID")] = type;
    }
  }
  for (const pugi::xml_node& alias : Children(identity, "Alias")) {
    const std::string alias_path = identity_path + "/Alias";
    std::string alias_type;
    if (const auto ref =
            Ref("AliasType", Attr(alias, "AliasTypeID"), alias, alias_path, "AliasTypeID")) {
      alias_type = Text(*ref);
    }
    const bool primary_alias = main_identity && xml::IsTrue(Attr(alias, "Primary"));
    const core::NameKind kind =
        primary_alias ? core::NameKind::kPrimary
                      : xml::OfacAliasKind(alias_type, xml::IsTrue(Attr(alias, "LowQuality")));
    for (const pugi::xml_node& documented : Children(alias, "DocumentedName")) {
      std::vector<xml::NamePart> parts;
      std::string script;
      for (const pugi::xml_node& part : Children(documented, "DocumentedNamePart")) {
        const pugi::xml_node value = Child(part, "NamePartValue");
        const std::string group = Attr(value, "NamePartGroupID");
        std::string type;
        if (const auto it = group_types.find(group); it != group_types.end()) {
          type = it->second;
        } else if (!group.empty()) {
          Dangling(value, alias_path + "/DocumentedName", "NamePartGroupID", group,
                   "NamePartGroup");
        }
        if (script.empty()) {
          if (const auto ref = Ref("Script", Attr(value, "ScriptID"), value,
                                   alias_path + "/DocumentedName", "ScriptID")) {
            script = Attr(*ref, "ScriptCode");
            if (script.empty()) script = Text(*ref);
          }
        }
        parts.push_back({type, Text(value)});
      }
      core::Name name = xml::OfacNameFromParts(parts);
      if (name.full.empty()) continue;
      name.script = script.empty() ? xml::DetectScript(name.full) : xml::ScriptCodeFromName(script);
      if (!script.empty() && name.script.empty() && xml::ToLowerAscii(script) != "latin" &&
          xml::ToLowerAscii(script) != "latn") {
        name.script = xml::DetectScript(name.full);
      }
      name.kind = kind;
      if (kind == core::NameKind::kPrimary) {
        if (!have_primary) {
          have_primary = true;
          names.insert(names.begin(), std::move(name));
          continue;
        }
        name.kind = core::NameKind::kStrongAka;  // other scripts of the primary name
      }
      names.push_back(std::move(name));
    }
  }
}

void AdvancedParser::ParseFeature(const pugi::xml_node& feature, const std::string& path,
                                  xml::FeatureSink& sink) {
  const std::string feature_path =
      fmt::format("{}/Feature[ID={}]", path, xml::Cut(Attr(feature, "ID"), 40));
  const auto type_ref =
      Ref("FeatureType", Attr(feature, "FeatureTypeID"), feature, feature_path, "FeatureTypeID");
  if (!type_ref) return;
  const std::string type = Text(*type_ref);
  for (const pugi::xml_node& version : Children(feature, "FeatureVersion")) {
    xml::FeatureValue value;
    value.comment = ChildText(version, "Comment");
    if (const auto reliability = Ref("Reliability", Attr(version, "ReliabilityID"), version,
                                     feature_path, "ReliabilityID")) {
      const std::string text = xml::ToLowerAscii(Text(*reliability));
      if (text != "confirmed" && text != "unknown" && !text.empty()) {
        xml::AppendRemark(value.comment, "reliability: " + Text(*reliability));
      }
    }
    for (const pugi::xml_node& detail : Children(version, "VersionDetail")) {
      std::string text = Text(detail);
      if (const std::string ref_id = Attr(detail, "DetailReferenceID"); !ref_id.empty()) {
        if (const auto ref =
                Ref("DetailReference", ref_id, detail, feature_path, "DetailReferenceID")) {
          text = Text(*ref);
        }
      }
      if (!text.empty()) {
        if (!value.text.empty()) value.text += "; ";
        value.text += text;
      }
    }
    if (const pugi::xml_node period = Child(version, "DatePeriod")) {
      if (const auto bounds = BoundsOf(period)) {
        value.has_date = true;
        value.date_from = bounds->from;
        value.date_to = bounds->to;
        value.approximate = bounds->approximate;
      } else {
        // ApplyOfacFeature reports the unreadable date with the feature's type.
        value.text = Text(period);
      }
    }
    for (const pugi::xml_node& version_location : Children(version, "VersionLocation")) {
      const std::string location_id = Attr(version_location, "LocationID");
      const auto it = locations_.find(location_id);
      if (it == locations_.end()) {
        Dangling(version_location, feature_path, "LocationID", location_id, "Location");
        continue;
      }
      value.address =
          LocationAddress(it->second, fmt::format("Location[ID={}]", xml::Cut(location_id, 40)));
      value.has_address = !(value.address == core::Address{});
      value.country = value.address.country;
      value.country_raw = value.address.country_raw;
      if (value.country.empty()) {
        const std::string& named =
            value.address.full.empty() ? value.country_raw : value.address.full;
        if (const auto it = country_by_name_.find(xml::ToLowerAscii(named));
            it != country_by_name_.end()) {
          value.country = it->second;
          value.country_raw = named;
        } else if (value.country_raw.empty()) {
          value.country_raw = named;
        }
      }
      break;
    }
    if (xml::ToLowerAscii(type) == "location" && !value.has_address) continue;
    xml::ApplyOfacFeature(type, value, sink, file_->Where(feature, feature_path), out_.diagnostics);
  }
}

void AdvancedParser::ParseDocuments(const std::string& identity_id, const std::string& path,
                                    core::Entity& entity) {
  const auto found = documents_by_identity_.find(identity_id);
  if (found == documents_by_identity_.end()) return;
  for (const pugi::xml_node& document : found->second) {
    const std::string doc_path =
        fmt::format("IDRegDocument[ID={}] (for {})", xml::Cut(Attr(document, "ID"), 40), path);
    std::string type;
    if (const auto ref = Ref("IDRegDocType", Attr(document, "IDRegDocTypeID"), document, doc_path,
                             "IDRegDocTypeID")) {
      type = Text(*ref);
    }
    core::Identifier id = xml::OfacIdentifier(type, ChildText(document, "IDRegistrationNo"));
    if (id.value.empty()) continue;
    std::string note;
    if (const std::string country_id = Attr(document, "IssuedBy-CountryID"); !country_id.empty()) {
      auto [iso, name] = Country(country_id, document, doc_path, "IssuedBy-CountryID");
      id.country = iso;
      if (iso.empty() && !name.empty()) xml::AppendRemark(note, "issued by " + name);
    }
    if (const std::string authority = ChildText(document, "IssuingAuthority"); !authority.empty()) {
      xml::AppendRemark(note, "issuing authority: " + authority);
    }
    for (const pugi::xml_node& date : Children(document, "DocumentDate")) {
      std::string label = "date";
      if (const auto ref = Ref("IDRegDocDateType", Attr(date, "IDRegDocDateTypeID"), date, doc_path,
                               "IDRegDocDateTypeID")) {
        label = Text(*ref);
      }
      if (const auto bounds = BoundsOf(Child(date, "DatePeriod"))) {
        xml::AppendRemark(
            note,
            fmt::format("{}: {}", label, xml::DateFromBounds(bounds->from, bounds->to).ToString()));
      }
    }
    if (const auto validity =
            Ref("Validity", Attr(document, "ValidityID"), document, doc_path, "ValidityID")) {
      if (xml::ToLowerAscii(Text(*validity)) != "valid") {
        xml::AppendRemark(note, xml::ToLowerAscii(Text(*validity)));
      }
    }
    xml::AppendRemark(note, ChildText(document, "Comment"));
    id.note = std::move(note);
    const bool duplicate = std::any_of(
        entity.identifiers.begin(), entity.identifiers.end(), [&](const core::Identifier& other) {
          return other.type == id.type && other.value == id.value && other.scheme == id.scheme;
        });
    if (!duplicate) entity.identifiers.push_back(std::move(id));
  }
}

std::vector<core::Listing> AdvancedParser::ParseEntries(const std::string& profile_id,
                                                        const std::string& path) {
  std::vector<core::Listing> listings;
  std::vector<std::string> umbrella_programs;  // programs of the "Consolidated List" entry
  std::string umbrella_action;
  std::string umbrella_remarks;
  core::PartialDate umbrella_start;
  const auto found = entries_by_profile_.find(profile_id);
  if (found != entries_by_profile_.end()) {
    for (const pugi::xml_node& entry : found->second) {
      const std::string entry_path =
          fmt::format("SanctionsEntry[ID={}] (for {})", xml::Cut(Attr(entry, "ID"), 40), path);
      const auto list_ref = Ref("List", Attr(entry, "ListID"), entry, entry_path, "ListID");
      if (!list_ref) continue;
      core::Listing listing;
      listing.list_id = list_id_;
      xml::OfacListInfo info;
      const std::string list_name = Text(*list_ref);
      const bool known = xml::OfacListFromName(list_name, info);
      const bool umbrella = !known && xml::ToLowerAscii(list_name) == "consolidated list";
      listing.list_name = info.name;
      listing.list_code = info.code;
      std::string legal;
      for (const pugi::xml_node& event : Children(entry, "EntryEvent")) {
        if (const auto date = DateFromYmd(Child(event, "Date"))) {
          if (listing.start.empty() || *date < listing.start) listing.start = *date;
        } else if (Child(event, "Date")) {
          out_.diagnostics.Warn(file_->Where(event, entry_path + "/EntryEvent", "Date"),
                                xml::Cut(Text(Child(event, "Date"))),
                                "is not a date (expected Year, Month, Day)",
                                "record kept without a listing date");
        }
        if (const auto basis = Ref("LegalBasis", Attr(event, "LegalBasisID"), event,
                                   entry_path + "/EntryEvent", "LegalBasisID")) {
          const std::string text = Text(*basis);
          if (xml::ToLowerAscii(text) != "unknown") xml::AppendRemark(legal, text);
        }
      }
      if (!legal.empty()) listing.remarks = "Legal authority: " + legal;
      for (const pugi::xml_node& measure : Children(entry, "SanctionsMeasure")) {
        const auto type = Ref("SanctionsType", Attr(measure, "SanctionsTypeID"), measure,
                              entry_path + "/SanctionsMeasure", "SanctionsTypeID");
        if (!type) continue;
        if (xml::ToLowerAscii(Text(*type)) == "program") {
          xml::AddUnique(umbrella ? umbrella_programs : listing.programs,
                         ChildText(measure, "Comment"));
        } else {
          xml::AppendRemark(listing.action, Text(*type));
        }
      }
      if (umbrella) {
        umbrella_action = listing.action;
        umbrella_remarks = listing.remarks;
        umbrella_start = listing.start;
        continue;
      }
      listings.push_back(std::move(listing));
    }
  }
  if (listings.empty()) {
    for (const std::string& program : umbrella_programs) {
      std::string_view code = xml::OfacProgramListCode(program);
      if (code.empty() && list_id_ == "ofac_sdn") code = "SDN";
      xml::OfacListInfo info;
      if (code.empty() || !xml::OfacListFromCode(code, info)) continue;
      if (std::any_of(listings.begin(), listings.end(),
                      [&](const auto& other) { return other.list_code == code; })) {
        continue;
      }
      core::Listing listing;
      listing.list_id = list_id_;
      listing.list_name = info.name;
      listing.list_code = info.code;
      listing.start = umbrella_start;
      listing.action = umbrella_action;
      listing.remarks = umbrella_remarks;
      listings.push_back(std::move(listing));
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
      listing.start = umbrella_start;
      listing.action = umbrella_action;
      listing.remarks = umbrella_remarks;
      listings.push_back(std::move(listing));
    }
    xml::AssignOfacPrograms(umbrella_programs, listings);
  } else {
    // Programs are stated per entry; the umbrella entry repeats them.
    std::vector<std::string> unplaced;
    for (const std::string& program : umbrella_programs) {
      const bool placed = std::any_of(listings.begin(), listings.end(), [&](const auto& listing) {
        return std::find(listing.programs.begin(), listing.programs.end(), program) !=
               listing.programs.end();
      });
      if (!placed) unplaced.push_back(program);
    }
    xml::AssignOfacPrograms(unplaced, listings);
  }
  return listings;
}

void AdvancedParser::ParseRelationships(const pugi::xml_node& root) {
  for (const pugi::xml_node& relation :
       Children(Child(root, "ProfileRelationships"), "ProfileRelationship")) {
    const std::string path =
        fmt::format("ProfileRelationship[ID={}]", xml::Cut(Attr(relation, "ID"), 40));
    const std::string from = Attr(relation, "From-ProfileID");
    const std::string to = Attr(relation, "To-ProfileID");
    const auto from_it = profile_entity_.find(from);
    if (from_it == profile_entity_.end()) {
      Dangling(relation, path, "From-ProfileID", from, "Profile");
      continue;
    }
    const auto to_it = profile_entity_.find(to);
    if (to_it == profile_entity_.end()) {
      Dangling(relation, path, "To-ProfileID", to, "Profile");
      continue;
    }
    core::Link link;
    if (const auto type = Ref("RelationType", Attr(relation, "RelationTypeID"), relation, path,
                              "RelationTypeID")) {
      link.relation = xml::OfacRelation(Text(*type));
    } else {
      link.relation = "related";
    }
    if (xml::IsTrue(Attr(relation, "Former"))) link.relation = "former_" + link.relation;
    const core::Entity& target = out_.entities[to_it->second];
    link.target_name = target.primary_name();
    link.target_id = target.id;
    core::Entity& source = out_.entities[from_it->second];
    if (std::find(source.links.begin(), source.links.end(), link) == source.links.end()) {
      source.links.push_back(std::move(link));
    }
  }
}

ParsedList NewList(std::string_view list_id) {
  ParsedList list;
  list.list_id = std::string(list_id);
  list.format = std::string(kFormat);
  return list;
}

}  // namespace

core::Result<ParsedList> ParseOfacAdvancedXmlBuffer(std::string_view xml,
                                                    std::string_view file_name,
                                                    std::string_view list_id) {
  try {
    ParsedList list = NewList(list_id);
    list.files.push_back(
        SourceFile{std::filesystem::path(file_name), xml::Sha256Hex(xml), xml.size()});
    AdvancedParser parser(list_id, list);
    if (auto status = parser.ParseDocument(xml, std::string(file_name)); !status) {
      return status.error();
    }
    return list;
  } catch (const std::exception& error) {
    return MakeError(ErrorCode::kInternal, fmt::format("unexpected error: {}", error.what()),
                     {std::string(file_name)});
  }
}

core::Result<ParsedList> ParseOfacAdvancedXml(const std::vector<std::filesystem::path>& files,
                                              std::string_view list_id) {
  if (files.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no OFAC advanced XML file given");
  }
  try {
    ParsedList list = NewList(list_id);
    AdvancedParser parser(list_id, list);
    for (const std::filesystem::path& path : files) {
      auto bytes = xml::ReadFileBytes(path, xml::kMaxXmlBytes);
      if (!bytes) return bytes.error();
      list.files.push_back(SourceFile{path, xml::Sha256Hex(*bytes), bytes->size()});
      if (auto status = parser.ParseDocument(*bytes, path.string()); !status) {
        return status.error();
      }
    }
    return list;
  } catch (const std::exception& error) {
    return MakeError(ErrorCode::kInternal, fmt::format("unexpected error: {}", error.what()));
  }
}

}  // namespace redflag::sources
