// The JSON form of a list version (lists status --json, GET /v1/lists/{id}/versions): version,
// list_id, format, published, imported_at, counts, active, and the files with their hashes.
#pragma once

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace redflag::store {

nlohmann::json VersionToJson(const ListVersion& version);

}  // namespace redflag::store
