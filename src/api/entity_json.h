// Every field of a core::Entity as JSON (GET /v1/entities/{id}); empty fields are left out.
#pragma once

#include <nlohmann/json.hpp>

#include "core/entity.h"

namespace redflag::api {

nlohmann::json EntityToJson(const core::Entity& entity);

}  // namespace redflag::api
