// JSON form of hits and explanations: the batch-output shape of docs/architecture.md
// ({"entity_id","name","matched_name","score","lists", ...}) plus the explanation. Used by the CLI,
// the HTTP API and decisions, so every surface shows a hit the same way.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "match/hit.h"
#include "match/screener.h"

namespace redflag::match {

struct HitJsonOptions {
  bool explanation = true;   // include "explanation" (token alignment, adjustments)
};

// Scores are rounded to 4 decimals.
nlohmann::json HitToJson(const Hit& hit, const HitJsonOptions& options = {});
nlohmann::json ExplanationToJson(const Explanation& explanation);
double RoundScore(double score);
// What `redflag screen NAME --json` prints: {"query", "threshold", "hits": [HitToJson...]}.
nlohmann::json ScreenResultToJson(std::string_view query, double threshold,
                                  const std::vector<Hit>& hits);
// What `redflag compare A B --json` prints: {"name1", "name2", "score", "match", "explanation"}.
nlohmann::json CompareResultToJson(std::string_view name1, std::string_view name2,
                                   const CompareResult& result, double threshold);

}  // namespace redflag::match
