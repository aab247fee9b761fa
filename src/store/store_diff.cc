// DiffEntity: which fields of an entity changed between two versions, rendered for people.
//
// Collections are compared as multisets of rendered elements, so a reordering alone is not a
// change and the report shows only the elements that left and arrived. Listings are compared
// field by field when both versions have the same number of listings (the common case: same
// sub-lists, changed programs or dates), else as whole rendered listings.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "store/store.h"

namespace redflag::store {
namespace {

void AppendPart(std::string& out, std::string_view label, std::string_view value) {
  if (value.empty()) return;
  if (!out.empty()) out += ", ";
  if (!label.empty()) out += fmt::format("{} ", label);
  out += value;
}

std::string RenderName(const core::Name& name) {
  std::string details(core::NameKindName(name.kind));
  AppendPart(details, "script", name.script);
  AppendPart(details, "lang", name.language);
  AppendPart(details, "given", name.given);
  AppendPart(details, "family", name.family);
  return fmt::format("{} ({})", name.full, details);
}

std::string RenderAddress(const core::Address& address) {
  std::string out;
  AppendPart(out, "", address.full);
  AppendPart(out, "", address.street);
  AppendPart(out, "", address.city);
  AppendPart(out, "", address.state);
  AppendPart(out, "", address.postal_code);
  AppendPart(out, "", address.country);
  if (!address.country_raw.empty() && address.country_raw != address.country) {
    AppendPart(out, "", "\"" + address.country_raw + "\"");
  }
  return out.empty() ? "(empty address)" : out;
}

std::string RenderIdentifier(const core::Identifier& id) {
  std::string out = fmt::format(
      "{}: {}", id.type_raw.empty() ? core::IdTypeName(id.type) : std::string_view(id.type_raw),
      id.value);
  std::string details;
  AppendPart(details, "", id.country);
  AppendPart(details, "scheme", id.scheme);
  AppendPart(details, "", id.note);
  if (!id.type_raw.empty()) AppendPart(details, "as", core::IdTypeName(id.type));
  if (!details.empty()) out += " (" + details + ")";
  return out;
}

std::string RenderBirthDate(const core::BirthDate& date) {
  std::string out = date.from.ToString();
  if (!date.to.empty()) out += " to " + date.to.ToString();
  if (date.circa) out = "circa " + out;
  if (!date.raw.empty() && date.raw != out) out += " [" + date.raw + "]";
  return out;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += "; ";
    out += item;
  }
  return out;
}

std::string RenderListing(const core::Listing& listing) {
  std::string out = listing.list_code.empty() ? listing.list_name : listing.list_code;
  std::string details;
  AppendPart(details, "", Join(listing.programs));
  AppendPart(details, "start", listing.start.ToString());
  AppendPart(details, "end", listing.end.ToString());
  AppendPart(details, "divestment", listing.divestment.ToString());
  AppendPart(details, "", Join(listing.federal_register));
  if (!details.empty()) out += " (" + details + ")";
  return out;
}

std::string RenderLink(const core::Link& link) {
  std::string out = fmt::format("{}: {}", link.relation, link.target_name);
  if (!link.target_id.empty()) out += " [" + link.target_id + "]";
  if (link.percent >= 0) out += fmt::format(" {}%", link.percent);
  return out;
}

// Multiset difference of rendered elements: (only in `from`, only in `to`).
void CompareCollection(std::vector<std::string> from, std::vector<std::string> to,
                       const std::string& field, std::vector<FieldChange>& changes) {
  std::vector<std::string> sorted_from = from;
  std::vector<std::string> sorted_to = to;
  std::sort(sorted_from.begin(), sorted_from.end());
  std::sort(sorted_to.begin(), sorted_to.end());
  if (sorted_from == sorted_to) {
    if (from != to) changes.push_back({field, "(order) " + Join(from), "(order) " + Join(to)});
    return;
  }
  std::vector<std::string> only_from;
  std::vector<std::string> only_to;
  std::set_difference(sorted_from.begin(), sorted_from.end(), sorted_to.begin(), sorted_to.end(),
                      std::back_inserter(only_from));
  std::set_difference(sorted_to.begin(), sorted_to.end(), sorted_from.begin(), sorted_from.end(),
                      std::back_inserter(only_to));
  // Keep the file order of the original vectors for readability.
  auto in_file_order = [](const std::vector<std::string>& original,
                          std::vector<std::string> picked) {
    std::vector<std::string> ordered;
    for (const auto& item : original) {
      auto found = std::find(picked.begin(), picked.end(), item);
      if (found != picked.end()) {
        ordered.push_back(item);
        picked.erase(found);
      }
    }
    return ordered;
  };
  changes.push_back({field, Join(in_file_order(from, std::move(only_from))),
                     Join(in_file_order(to, std::move(only_to)))});
}

template <class T>
void CompareRendered(const std::vector<T>& from, const std::vector<T>& to,
                     std::string (*render)(const T&), const std::string& field,
                     std::vector<FieldChange>& changes) {
  if (from == to) return;
  std::vector<std::string> from_text;
  std::vector<std::string> to_text;
  for (const auto& item : from) from_text.push_back(render(item));
  for (const auto& item : to) to_text.push_back(render(item));
  if (from_text == to_text) {
    // Differ in a part the rendering leaves out: show everything rather than nothing.
    changes.push_back({field, Join(from_text), Join(to_text) + " (details changed)"});
    return;
  }
  CompareCollection(std::move(from_text), std::move(to_text), field, changes);
}

void CompareStrings(const std::vector<std::string>& from, const std::vector<std::string>& to,
                    const std::string& field, std::vector<FieldChange>& changes) {
  if (from != to) CompareCollection(from, to, field, changes);
}

void CompareValue(std::string_view from, std::string_view to, const std::string& field,
                  std::vector<FieldChange>& changes) {
  if (from != to) changes.push_back({field, std::string(from), std::string(to)});
}

void CompareListings(const std::vector<core::Listing>& from, const std::vector<core::Listing>& to,
                     std::vector<FieldChange>& changes) {
  if (from == to) return;
  if (from.size() != to.size()) {
    CompareRendered<core::Listing>(from, to, RenderListing, "listings", changes);
    return;
  }
  for (std::size_t listing_idx = 0; listing_idx < from.size(); ++listing_idx) {
    const core::Listing& a = from[listing_idx];
    const core::Listing& b = to[listing_idx];
    const std::string prefix = fmt::format("listings[{}].", listing_idx);
    CompareValue(a.list_id, b.list_id, prefix + "list_id", changes);
    CompareValue(a.list_name, b.list_name, prefix + "list_name", changes);
    CompareValue(a.list_code, b.list_code, prefix + "list_code", changes);
    CompareStrings(a.programs, b.programs, prefix + "programs", changes);
    CompareValue(a.start.ToString(), b.start.ToString(), prefix + "start", changes);
    CompareValue(a.end.ToString(), b.end.ToString(), prefix + "end", changes);
    CompareValue(a.divestment.ToString(), b.divestment.ToString(), prefix + "divestment", changes);
    CompareStrings(a.federal_register, b.federal_register, prefix + "federal_register", changes);
    CompareValue(a.license_requirement, b.license_requirement, prefix + "license_requirement",
                 changes);
    CompareValue(a.license_policy, b.license_policy, prefix + "license_policy", changes);
    CompareValue(a.standard_order, b.standard_order, prefix + "standard_order", changes);
    CompareValue(a.action, b.action, prefix + "action", changes);
    CompareValue(a.source_url, b.source_url, prefix + "source_url", changes);
    CompareValue(a.remarks, b.remarks, prefix + "remarks", changes);
  }
}

}  // namespace

std::vector<FieldChange> DiffEntity(const core::Entity& from, const core::Entity& to) {
  std::vector<FieldChange> changes;
  CompareValue(from.id, to.id, "id", changes);
  CompareValue(from.list_id, to.list_id, "list_id", changes);
  CompareValue(from.native_id, to.native_id, "native_id", changes);
  CompareValue(core::EntityTypeName(from.type), core::EntityTypeName(to.type), "type", changes);
  CompareRendered<core::Name>(from.names, to.names, RenderName, "names", changes);
  CompareRendered<core::Address>(from.addresses, to.addresses, RenderAddress, "addresses", changes);
  CompareRendered<core::Identifier>(from.identifiers, to.identifiers, RenderIdentifier,
                                    "identifiers", changes);
  CompareRendered<core::BirthDate>(from.birth_dates, to.birth_dates, RenderBirthDate, "birth_dates",
                                   changes);
  CompareStrings(from.places_of_birth, to.places_of_birth, "places_of_birth", changes);
  CompareStrings(from.nationalities, to.nationalities, "nationalities", changes);
  CompareStrings(from.citizenships, to.citizenships, "citizenships", changes);
  CompareValue(from.gender, to.gender, "gender", changes);
  CompareStrings(from.titles, to.titles, "titles", changes);
  CompareListings(from.listings, to.listings, changes);
  CompareRendered<core::Link>(from.links, to.links, RenderLink, "links", changes);
  CompareValue(from.vessel.call_sign, to.vessel.call_sign, "vessel.call_sign", changes);
  CompareValue(from.vessel.vessel_type, to.vessel.vessel_type, "vessel.vessel_type", changes);
  CompareValue(from.vessel.tonnage, to.vessel.tonnage, "vessel.tonnage", changes);
  CompareValue(from.vessel.gross_registered_tonnage, to.vessel.gross_registered_tonnage,
               "vessel.gross_registered_tonnage", changes);
  CompareValue(from.vessel.flag, to.vessel.flag, "vessel.flag", changes);
  CompareValue(from.vessel.owner, to.vessel.owner, "vessel.owner", changes);
  CompareValue(from.remarks, to.remarks, "remarks", changes);
  return changes;
}

}  // namespace redflag::store
