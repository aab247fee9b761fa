// JSON form of hits and explanations: the batch-output shape of docs/architecture.md
// ({"entity_id","name","matched_name","score","lists", ...}) plus the explanation. Used by the CLI,
// the HTTP API and decisions, so every surface shows a hit the same way.
#pragma once

#include <nlohmann/json.hpp>

#include "match/hit.h"

namespace redflag::match {

struct HitJsonOptions {
  bool explanation = true;   // include "explanation" (token alignment, adjustments)
};

// Scores are rounded to 4 decimals.
nlohmann::json HitToJson(const Hit& hit, const HitJsonOptions& options = {});
nlohmann::json ExplanationToJson(const Explanation& explanation);
double RoundScore(double score);

}  // namespace redflag::match
