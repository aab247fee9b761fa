#include "sources/eu/eu_xml.h"

#include <fmt/format.h>

#include <charconv>
#include <optional>
#include <unordered_set>
#include <utility>

#include "core/date.h"
#include "sources/xml_util.h"

namespace redflag::sources {
namespace {

using core::ErrorCode;
using core::IdType;
using core::MakeError;
using xml::Attr;
using xml::Children;
using xml::ChildText;
using xml::Text;

constexpr std::string_view kNamespace = "http://eu.europa.ec/fpi/fsd/export";
constexpr std::string_view kFormat = "eu_xml";
constexpr std::string_view kListName = "EU Financial Sanctions File";

bool IsAlpha2(std::string_view code) {
  return code.size() == 2 && std::isalpha(static_cast<unsigned char>(code[0])) &&
         std::isalpha(static_cast<unsigned char>(code[1]));
}

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

std::optional<int> Number(std::string_view text) {
  int value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// Identifier type of an FSF identificationTypeCode ("passport", "id", "fiscalcode", ...).
IdType EuIdType(std::string_view code, std::string_view description) {
  const std::string lowered = xml::ToLowerAscii(code);
  const std::string text = xml::ToLowerAscii(description);
  auto has = [](std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
  };
  if (has(lowered, "passport") || has(text, "passport")) return IdType::kPassport;
  if (lowered == "id" || has(text, "national identification") || has(text, "identity card") ||
      has(lowered, "nationalid")) {
    return IdType::kNationalId;
  }
  if (has(lowered, "fiscal") || has(lowered, "tax") || has(text, "tax") || has(text, "fiscal")) {
    return IdType::kTaxId;
  }
  if (has(lowered, "regnumber") || has(lowered, "registration") || has(text, "registration")) {
    return IdType::kRegistration;
  }
  if (has(lowered, "driv") || has(text, "driving")) return IdType::kDriversLicense;
  if (lowered == "ssn" || has(text, "social security")) return IdType::kSocialSecurity;
  if (lowered == "imo" || has(text, "imo number")) return IdType::kImo;
  if (has(lowered, "swift") || has(lowered, "bic") || has(text, "swift")) return IdType::kBic;
  return IdType::kOther;
}

class EuParser {
 public:
  EuParser(std::string_view list_id, ParsedList& out) : list_id_(list_id), out_(out) {}
  core::Status ParseDocument(std::string_view xml_text, const std::string& file_name);

 private:
  void ParseEntity(const pugi::xml_node& node);
  void ParseName(const pugi::xml_node& alias, core::Entity& entity);
  void ParseBirth(const pugi::xml_node& birth, const std::string& path, core::Entity& entity);
  void ParseAddress(const pugi::xml_node& node, const std::string& path, core::Entity& entity);
  void ParseIdentification(const pugi::xml_node& node, const std::string& path,
                           core::Entity& entity);
  void ParseRegulation(const pugi::xml_node& node, const std::string& path, core::Listing& listing);
  // Alpha-2 from countryIso2Code ("00" = unknown -> ""), reporting codes that are not alpha-2.
  std::string CountryOf(const pugi::xml_node& node, const std::string& path);

  std::string list_id_;
  ParsedList& out_;
  const xml::XmlFile* file_ = nullptr;
  std::unordered_set<std::string> seen_ids_;
};

core::Status EuParser::ParseDocument(std::string_view xml_text, const std::string& file_name) {
  auto parsed = xml::XmlFile::Parse(xml_text, file_name);
  if (!parsed) return parsed.error();
  const std::unique_ptr<xml::XmlFile> file = std::move(*parsed);
  file_ = file.get();
  const pugi::xml_node root = file->doc().document_element();
  if (!root) return MakeError(ErrorCode::kParse, "document has no root element", {file_name});
  if (xml::LocalName(root) != "export") {
    return MakeError(ErrorCode::kParse,
                     fmt::format("root element is <{}>; expected <export> (EU FSF XML)",
                                 xml::Cut(root.name(), 80)),
                     file->Where(root, xml::Cut(root.name(), 80)));
  }
  if (const std::string ns = xml::NamespaceUri(root); ns != kNamespace) {
    return MakeError(ErrorCode::kParse,
                     fmt::format("root element <export> has namespace \"{}\"; expected \"{}\"",
                                 xml::Cut(ns, 120), kNamespace),
                     file->Where(root, "export"));
  }
  if (const std::string generated = Attr(root, "generationDate"); !generated.empty()) {
    if (const auto date = core::ParseDate(generated)) {
      if (out_.published.empty() || out_.published < *date) out_.published = *date;
    } else {
      out_.diagnostics.Warn(file->Where(root, "export", "generationDate"), xml::Cut(generated),
                            "is not a date (expected YYYY-MM-DDThh:mm:ss)",
                            "list kept without a publication date");
    }
  }
  for (const pugi::xml_node& entity : Children(root, "sanctionEntity")) ParseEntity(entity);
  file_ = nullptr;
  return core::Ok();
}

std::string EuParser::CountryOf(const pugi::xml_node& node, const std::string& path) {
  const std::string code = Upper(Attr(node, "countryIso2Code"));
  if (code.empty() || code == "00") return {};
  if (IsAlpha2(code)) return code;
  out_.diagnostics.Warn(file_->Where(node, path, "countryIso2Code"), xml::Cut(code),
                        "is not an ISO 3166 alpha-2 code (expected two letters, or 00 for "
                        "unknown)",
                        "record kept without this country");
  return {};
}

void EuParser::ParseEntity(const pugi::xml_node& node) {
  const std::string native_id = Attr(node, "logicalId");
  if (native_id.empty()) {
    out_.diagnostics.Fail(file_->Where(node, "sanctionEntity", "logicalId"), {},
                          "sanctionEntity has no logicalId", "record skipped");
    return;
  }
  const std::string path = fmt::format("sanctionEntity[logicalId={}]", xml::Cut(native_id, 40));
  if (!seen_ids_.insert(native_id).second) {
    out_.diagnostics.Fail(file_->Where(node, path, "logicalId"), native_id,
                          "logicalId appears more than once (expected unique ids)",
                          "later record skipped");
    return;
  }
  core::Entity entity;
  entity.list_id = list_id_;
  entity.native_id = native_id;
  entity.id = core::MakeEntityId(list_id_, native_id);

  const pugi::xml_node subject = xml::Child(node, "subjectType");
  std::string subject_code = Attr(subject, "code");
  if (subject_code.empty()) subject_code = Attr(subject, "classificationCode");
  entity.type = core::ParseEntityType(subject_code);
  if (entity.type == core::EntityType::kUnknown && !subject_code.empty()) {
    out_.diagnostics.Warn(
        file_->Where(subject, path + "/subjectType", "code"), xml::Cut(subject_code),
        "unknown subject type (expected person or enterprise)", "record kept with type unknown");
  }

  for (const pugi::xml_node& alias : Children(node, "nameAlias")) ParseName(alias, entity);
  if (entity.names.empty()) {
    out_.diagnostics.Fail(file_->Where(node, path, "nameAlias"), {},
                          "sanctionEntity has no name (expected nameAlias with wholeName or "
                          "firstName/lastName)",
                          "record skipped");
    return;
  }
  entity.names[0].kind = core::NameKind::kPrimary;

  for (const pugi::xml_node& remark : Children(node, "remark")) {
    xml::AppendRemark(entity.remarks, Text(remark));
  }
  xml::AppendRemark(entity.remarks, Attr(node, "designationDetails"));
  for (const pugi::xml_node& citizenship : Children(node, "citizenship")) {
    xml::AddUnique(entity.citizenships, CountryOf(citizenship, path + "/citizenship"));
  }
  for (const pugi::xml_node& birth : Children(node, "birthdate")) ParseBirth(birth, path, entity);
  for (const pugi::xml_node& address : Children(node, "address")) {
    ParseAddress(address, path, entity);
  }
  for (const pugi::xml_node& id : Children(node, "identification")) {
    ParseIdentification(id, path, entity);
  }
  for (const auto& [attribute, label] :
       {std::pair<std::string_view, std::string_view>{"euReferenceNumber", "EU reference number"},
        std::pair<std::string_view, std::string_view>{"unitedNationId", "UN reference number"}}) {
    if (std::string value = Attr(node, attribute); !value.empty()) {
      core::Identifier id;
      id.type = IdType::kOther;
      id.scheme = std::string(label);
      id.type_raw = std::string(attribute);
      id.value = std::move(value);
      entity.identifiers.push_back(std::move(id));
    }
  }

  core::Listing listing;
  listing.list_id = list_id_;
  listing.list_name = std::string(kListName);
  listing.list_code = "EU";
  for (const pugi::xml_node& regulation : Children(node, "regulation")) {
    ParseRegulation(regulation, path + "/regulation", listing);
  }
  if (const std::string designated = Attr(node, "designationDate"); !designated.empty()) {
    if (const auto date = core::ParseDate(designated)) {
      if (listing.start.empty() || *date < listing.start) listing.start = *date;
    } else {
      out_.diagnostics.Warn(file_->Where(node, path, "designationDate"), xml::Cut(designated),
                            "is not a date (expected YYYY-MM-DD)",
                            "record kept without a designation date");
    }
  }
  entity.listings.push_back(std::move(listing));
  out_.entities.push_back(std::move(entity));
}

void EuParser::ParseName(const pugi::xml_node& alias, core::Entity& entity) {
  core::Name name;
  const std::string first = Attr(alias, "firstName");
  const std::string middle = Attr(alias, "middleName");
  const std::string last = Attr(alias, "lastName");
  name.given = xml::Clean(first + " " + middle);
  name.family = last;
  name.full = Attr(alias, "wholeName");
  if (name.full.empty()) name.full = xml::Clean(first + " " + middle + " " + last);
  if (name.full.empty()) return;
  name.language = xml::ToLowerAscii(Attr(alias, "nameLanguage"));
  name.script = xml::DetectScript(name.full);
  const std::string strong = Attr(alias, "strong");
  name.kind = !strong.empty() && !xml::IsTrue(strong) ? core::NameKind::kWeakAka
                                                      : core::NameKind::kStrongAka;
  const std::string gender = xml::ToLowerAscii(Attr(alias, "gender"));
  if (gender == "m") entity.gender = "male";
  if (gender == "f") entity.gender = "female";
  if (const std::string title = Attr(alias, "title"); !title.empty()) {
    xml::AddUnique(entity.titles, title);
  }
  if (const std::string function = Attr(alias, "function"); !function.empty()) {
    const std::string remark = "function: " + function;
    if (entity.remarks.find(remark) == std::string::npos) xml::AppendRemark(entity.remarks, remark);
  }
  xml::AddName(entity, std::move(name));
}

void EuParser::ParseBirth(const pugi::xml_node& birth, const std::string& path,
                          core::Entity& entity) {
  const std::string birth_path = path + "/birthdate";
  const bool circa = xml::IsTrue(Attr(birth, "circa"));
  std::optional<core::BirthDate> date;
  std::string raw;
  bool bad = false;
  const std::string full = Attr(birth, "birthdate");
  const std::string year = Attr(birth, "year");
  const std::string range_from = Attr(birth, "yearRangeFrom");
  const std::string range_to = Attr(birth, "yearRangeTo");
  if (!full.empty()) {
    raw = full;
    if (const auto parsed = core::ParseDate(full)) {
      date = core::BirthDate{*parsed, {}, circa, full};
    } else {
      bad = true;
    }
  } else if (!year.empty()) {
    const std::string month = Attr(birth, "monthOfYear");
    const std::string day = Attr(birth, "dayOfMonth");
    raw = year;
    std::string text = year;
    const auto month_number = Number(month);
    if (month_number && *month_number > 0) {
      raw = fmt::format("{}-{}", year, month);
      text += fmt::format("-{:02d}", *month_number);
      const auto day_number = Number(day);
      if (day_number && *day_number > 0) {
        raw += "-" + day;
        text += fmt::format("-{:02d}", *day_number);
      }
    }
    if (const auto parsed = core::ParseDate(text)) {
      date = core::BirthDate{*parsed, {}, circa, raw};
    } else {
      bad = true;
    }
  } else if (!range_from.empty() || !range_to.empty()) {
    raw = range_from + " to " + range_to;
    const auto from = core::ParseDate(range_from.empty() ? range_to : range_from);
    const auto to = core::ParseDate(range_to.empty() ? range_from : range_to);
    if (from && to && !(*to < *from)) {
      date = core::BirthDate{*from, *from == *to ? core::PartialDate{} : *to, circa, raw};
    } else {
      bad = true;
    }
  }
  if (bad) {
    out_.diagnostics.Warn(file_->Where(birth, birth_path, "birthdate"), xml::Cut(raw),
                          "is not a date (expected YYYY-MM-DD, or year with optional "
                          "monthOfYear/dayOfMonth)",
                          "record kept without it");
  } else if (date) {
    if (std::find(entity.birth_dates.begin(), entity.birth_dates.end(), *date) ==
        entity.birth_dates.end()) {
      entity.birth_dates.push_back(std::move(*date));
    }
  }
  std::string place = Attr(birth, "place");
  for (std::string_view attribute : {"city", "region"}) {
    const std::string value = Attr(birth, attribute);
    if (!value.empty() && place.find(value) == std::string::npos) xml::AppendRemark(place, value);
  }
  const std::string country = CountryOf(birth, birth_path);
  const std::string description = Attr(birth, "countryDescription");
  if (!place.empty() || !country.empty()) {
    if (!description.empty() && xml::ToLowerAscii(description) != "unknown") {
      xml::AppendRemark(place, description);
    } else if (!country.empty()) {
      xml::AppendRemark(place, country);
    }
  }
  // "; " joins the parts of one place; places_of_birth holds one string per place.
  for (auto& ch : place) {
    if (ch == ';') ch = ',';
  }
  xml::AddUnique(entity.places_of_birth, place);
}

void EuParser::ParseAddress(const pugi::xml_node& node, const std::string& path,
                            core::Entity& entity) {
  core::Address address;
  address.street = Attr(node, "street");
  if (const std::string po_box = Attr(node, "poBox"); !po_box.empty()) {
    if (!address.street.empty()) address.street += ", ";
    address.street += "P.O. Box " + po_box;
  }
  address.city = Attr(node, "city");
  address.state = Attr(node, "region");
  address.postal_code = Attr(node, "zipCode");
  address.full = Attr(node, "place");
  address.country = CountryOf(node, path + "/address");
  if (address.country.empty()) {
    const std::string description = Attr(node, "countryDescription");
    if (xml::ToLowerAscii(description) != "unknown") address.country_raw = description;
  }
  if (address == core::Address{}) return;
  if (std::find(entity.addresses.begin(), entity.addresses.end(), address) ==
      entity.addresses.end()) {
    entity.addresses.push_back(std::move(address));
  }
}

void EuParser::ParseIdentification(const pugi::xml_node& node, const std::string& path,
                                   core::Entity& entity) {
  core::Identifier id;
  const std::string code = Attr(node, "identificationTypeCode");
  const std::string description = Attr(node, "identificationTypeDescription");
  id.type = EuIdType(code, description);
  id.type_raw = description.empty() ? code : description;
  if (id.type == IdType::kOther) id.scheme = code.empty() ? description : code;
  id.value = Attr(node, "number");
  const std::string latin = Attr(node, "latinNumber");
  if (id.value.empty()) id.value = latin;
  if (id.value.empty()) return;
  id.country = CountryOf(node, path + "/identification");
  std::string note;
  for (const auto& [attribute, label] :
       {std::pair<std::string_view, std::string_view>{"knownFalse", "known false"},
        {"reportedLost", "reported lost"},
        {"knownExpired", "known expired"},
        {"revokedByIssuer", "revoked by issuer"},
        {"diplomatic", "diplomatic"}}) {
    if (xml::IsTrue(Attr(node, attribute))) xml::AppendRemark(note, label);
  }
  if (const std::string issued_by = Attr(node, "issuedBy"); !issued_by.empty()) {
    xml::AppendRemark(note, "issued by " + issued_by);
  }
  if (id.country.empty()) {
    const std::string country = Attr(node, "countryDescription");
    if (!country.empty() && xml::ToLowerAscii(country) != "unknown") {
      xml::AppendRemark(note, "country: " + country);
    }
  }
  if (const std::string holder = Attr(node, "nameOnDocument"); !holder.empty()) {
    xml::AppendRemark(note, "name on document: " + holder);
  }
  if (!latin.empty() && latin != id.value) xml::AppendRemark(note, "latin number: " + latin);
  for (const pugi::xml_node& remark : Children(node, "remark")) {
    xml::AppendRemark(note, Text(remark));
  }
  id.note = std::move(note);
  entity.identifiers.push_back(std::move(id));
}

void EuParser::ParseRegulation(const pugi::xml_node& node, const std::string& path,
                               core::Listing& listing) {
  xml::AddUnique(listing.programs, Attr(node, "programme"));
  const std::string entry = Attr(node, "entryIntoForceDate");
  const std::string published = Attr(node, "publicationDate");
  const std::string& start_text = entry.empty() ? published : entry;
  if (!start_text.empty()) {
    if (const auto date = core::ParseDate(start_text)) {
      if (listing.start.empty() || *date < listing.start) listing.start = *date;
    } else {
      out_.diagnostics.Warn(
          file_->Where(node, path, entry.empty() ? "publicationDate" : "entryIntoForceDate"),
          xml::Cut(start_text), "is not a date (expected YYYY-MM-DD)",
          "record kept without a listing date");
    }
  }
  xml::AddUnique(listing.federal_register, Attr(node, "numberTitle"));
  if (listing.source_url.empty()) listing.source_url = ChildText(node, "publicationUrl");
  std::string remark;
  if (const std::string type = Attr(node, "regulationType"); !type.empty()) {
    remark = fmt::format("{} {}", Attr(node, "numberTitle"), type);
  }
  if (!published.empty()) remark += fmt::format(" published {}", published);
  if (const std::string body = Attr(node, "organisationType"); !body.empty()) {
    remark += fmt::format(" ({})", body);
  }
  xml::AppendRemark(listing.remarks, xml::Clean(remark));
  if (listing.action.empty()) listing.action = Attr(node, "regulationType");
}

ParsedList NewList(std::string_view list_id) {
  ParsedList list;
  list.list_id = std::string(list_id);
  list.format = std::string(kFormat);
  return list;
}

}  // namespace

core::Result<ParsedList> ParseEuXmlBuffer(std::string_view xml, std::string_view file_name,
                                          std::string_view list_id) {
  try {
    ParsedList list = NewList(list_id);
    list.files.push_back(
        SourceFile{std::filesystem::path(file_name), xml::Sha256Hex(xml), xml.size()});
    EuParser parser(list_id, list);
    if (auto status = parser.ParseDocument(xml, std::string(file_name)); !status) {
      return status.error();
    }
    return list;
  } catch (const std::exception& error) {
    return MakeError(ErrorCode::kInternal, fmt::format("unexpected error: {}", error.what()),
                     {std::string(file_name)});
  }
}

core::Result<ParsedList> ParseEuXml(const std::vector<std::filesystem::path>& files,
                                    std::string_view list_id) {
  if (files.empty()) return MakeError(ErrorCode::kInvalidArgument, "no EU FSF XML file given");
  try {
    ParsedList list = NewList(list_id);
    EuParser parser(list_id, list);
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
