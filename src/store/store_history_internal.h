// An entity's history across the versions of its list, read from the store's database (internal
// to src/store; Store::EntityHistory calls it under the store's lock).
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/sqlite_internal.h"
#include "store/store.h"

namespace redflag::store::internal {

core::Result<std::vector<EntityHistoryStep>> EntityHistoryIn(const Database& db,
                                                             std::string_view entity_id);

}  // namespace redflag::store::internal
