// Turns user-supplied query fields (CLI flags, batch columns, HTTP JSON) into a match::Query,
// with one error message per bad field.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "match/hit.h"

namespace redflag::cli {

struct QueryFields {
  std::string name;
  std::string type;        // person|organization|vessel|aircraft|unknown|"" (FtM schemas accepted)
  std::string country;
  std::string dob;         // YYYY, YYYY-MM or YYYY-MM-DD
  std::string identifier;  // "value" or "type:value"; several separated by ';'
};

core::Result<match::Query> ParseQuery(const QueryFields& fields);

}  // namespace redflag::cli
