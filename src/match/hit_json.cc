#include "match/hit_json.h"

#include <cmath>

namespace redflag::match {

double RoundScore(double score) { return std::round(score * 10000.0) / 10000.0; }

nlohmann::json ExplanationToJson(const Explanation& explanation) {
  nlohmann::json tokens = nlohmann::json::array();
  for (const TokenAlignment& token : explanation.tokens) {
    tokens.push_back({{"query", token.query_token},
                      {"candidate", token.candidate_token},
                      {"similarity", RoundScore(token.similarity)},
                      {"query_weight", RoundScore(token.query_weight)},
                      {"candidate_weight", RoundScore(token.candidate_weight)},
                      {"how", token.how}});
  }
  nlohmann::json adjustments = nlohmann::json::array();
  for (const Adjustment& adjustment : explanation.adjustments) {
    adjustments.push_back({{"what", adjustment.what}, {"delta", RoundScore(adjustment.delta)}});
  }
  nlohmann::json out = {{"matched_name", explanation.matched_name},
                        {"matched_kind", std::string(core::NameKindName(explanation.matched_kind))},
                        {"query_normalized", explanation.query_folded},
                        {"candidate_normalized", explanation.candidate_folded},
                        {"name_score", RoundScore(explanation.name_score)},
                        {"tokens", std::move(tokens)},
                        {"adjustments", std::move(adjustments)}};
  if (!explanation.legal_forms.empty()) out["legal_forms"] = explanation.legal_forms;
  return out;
}

nlohmann::json HitToJson(const Hit& hit, const HitJsonOptions& options) {
  nlohmann::json out;
  out["entity_id"] = hit.entity->id;
  out["name"] = hit.entity->primary_name();
  out["matched_name"] = hit.explanation.matched_name;
  out["score"] = RoundScore(hit.score);
  out["lists"] = hit.lists;
  out["type"] = std::string(core::EntityTypeName(hit.entity->type));
  nlohmann::json ids = nlohmann::json::array();
  for (const core::Entity* member : hit.same_party) ids.push_back(member->id);
  out["entity_ids"] = std::move(ids);
  nlohmann::json programs = nlohmann::json::array();
  for (const core::Entity* member : hit.same_party) {
    for (const core::Listing& listing : member->listings) {
      for (const std::string& program : listing.programs) {
        if (std::find(programs.begin(), programs.end(), program) == programs.end()) {
          programs.push_back(program);
        }
      }
    }
  }
  out["programs"] = std::move(programs);
  if (options.explanation) out["explanation"] = ExplanationToJson(hit.explanation);
  return out;
}

nlohmann::json ScreenResultToJson(std::string_view query, double threshold,
                                  const std::vector<Hit>& hits) {
  nlohmann::json hits_json = nlohmann::json::array();
  for (const Hit& hit : hits) hits_json.push_back(HitToJson(hit));
  return {{"query", query}, {"threshold", threshold}, {"hits", std::move(hits_json)}};
}

nlohmann::json CompareResultToJson(std::string_view name1, std::string_view name2,
                                   const CompareResult& result, double threshold) {
  return {{"name1", name1},
          {"name2", name2},
          {"score", RoundScore(result.score)},
          {"match", result.score >= threshold},
          {"explanation", ExplanationToJson(result.explanation)}};
}

}  // namespace redflag::match
