#include "cli/query_parse.h"

namespace redflag::cli {

core::Result<match::Query> ParseQuery(const QueryFields& fields) {
  match::Query query;
  query.name = fields.name;
  if (!fields.type.empty() && fields.type != "unknown") {
    query.type = core::ParseEntityType(fields.type);
    if (query.type == core::EntityType::kUnknown) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "type \"" + fields.type +
                                 "\" is not one of person, organization, vessel, aircraft",
                             core::Location{.field = "type"});
    }
  }
  query.country = fields.country;
  if (!fields.dob.empty()) {
    const auto date = core::ParseDate(fields.dob);
    if (!date) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "dob \"" + fields.dob + "\" is not a date (expected YYYY, YYYY-MM or "
                                                     "YYYY-MM-DD)",
                             core::Location{.field = "dob"});
    }
    query.dob = *date;
  }
  std::string_view rest = fields.identifier;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find(';'), rest.size());
    std::string_view item = rest.substr(0, end);
    rest = end < rest.size() ? rest.substr(end + 1) : std::string_view();
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.empty()) continue;
    core::Identifier identifier;
    if (const std::size_t colon = item.find(':'); colon != std::string_view::npos) {
      identifier.type_raw = std::string(item.substr(0, colon));
      identifier.type = core::ParseIdTypeName(identifier.type_raw);
      identifier.value = std::string(item.substr(colon + 1));
    } else {
      identifier.value = std::string(item);
    }
    query.identifiers.push_back(std::move(identifier));
  }
  return query;
}

}  // namespace redflag::cli
