// A screening query as JSON (POST /v1/screen, one query or each of "queries"): fields name
// (required), type, country, dob, id ("value" or "type:value"), query_id, customer_ref. Wrong
// types and unknown fields are kInvalidArgument naming the field ("queries[3].dob").
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/entity.h"
#include "core/error.h"
#include "match/hit.h"

namespace redflag::api::internal {

struct QueryInput {
  match::Query query;
  std::string query_id;
  std::string customer_ref;
};

core::Result<QueryInput> ReadQuery(const nlohmann::json& object, const std::string& prefix);
// Only query fields, plus `extra` (the single-query form also takes the screen options).
core::Status OnlyKnownQueryFields(const nlohmann::json& object, const std::string& prefix,
                                  std::initializer_list<std::string_view> extra);
// "type" (person|organization|vessel|aircraft) or a FollowTheMoney "schema" (Person, Company...).
core::Result<core::EntityType> ReadEntityType(const nlohmann::json& object,
                                              const std::string& prefix = "");
// What the audit trail keeps of a query: its inputs.
nlohmann::json QueryAuditJson(const QueryInput& input);

}  // namespace redflag::api::internal
