#include "store/version_json.h"

namespace redflag::store {

nlohmann::json VersionToJson(const ListVersion& version) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& file : version.files) {
    files.push_back({{"path", file.path.string()}, {"sha256", file.sha256}, {"size", file.size}});
  }
  return {{"version", version.version_id},
          {"list_id", version.list_id},
          {"format", version.format},
          {"published",
           version.published.empty() ? nullptr : nlohmann::json(version.published.ToString())},
          {"imported_at", version.imported_at},
          {"entities", version.entity_count},
          {"names", version.name_count},
          {"warnings", version.warning_count},
          {"active", version.active},
          {"files", files}};
}

}  // namespace redflag::store
