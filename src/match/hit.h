// What screening returns: a hit is one listed party that a query may be, with a score in [0, 1]
// and the full explanation of that score. See docs/matching.md for what scores mean.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/entity.h"

namespace redflag::match {

// A screening query. Only `name` is required.
struct Query {
  std::string name;
  core::EntityType type = core::EntityType::kUnknown;
  std::string country;        // ISO alpha-2 or a country name; "" when unknown
  core::PartialDate dob;      // empty when unknown
  std::vector<core::Identifier> identifiers;
};

// One query token aligned with one candidate token (either side may be empty: unmatched).
struct TokenAlignment {
  std::string query_token;
  std::string candidate_token;
  double similarity = 0;      // 0..1
  double query_weight = 0;    // informativeness of the query token (rare tokens weigh more)
  double candidate_weight = 0;
  std::string how;            // "exact", "variant", "phonetic", "edit", "initial", "merged", "abbreviation"
};

// A change to the score for evidence beyond the name.
struct Adjustment {
  std::string what;           // "country matches CN", "birth year 1960 vs 1975", "type mismatch", ...
  double delta = 0;
};

struct Explanation {
  std::string matched_name;   // the entity's name that scored best, as the source wrote it
  core::NameKind matched_kind = core::NameKind::kPrimary;
  std::string query_folded;
  std::string candidate_folded;
  double name_score = 0;      // before adjustments
  std::vector<TokenAlignment> tokens;
  std::vector<Adjustment> adjustments;
  std::string legal_forms;    // e.g. "query: limited, candidate: limited"
};

struct Hit {
  // The best-scoring entity of the party and every entity that is the same party on another list
  // (an SDN entry and its CSL copy). Pointers into the index snapshot: valid while the caller holds
  // the snapshot (match::Screener keeps it alive for its own lifetime).
  const core::Entity* entity = nullptr;
  std::vector<const core::Entity*> same_party;  // includes `entity` first
  double score = 0;
  Explanation explanation;
  // Names of every list the party is on (Listing.list_name of all its entities, deduplicated).
  std::vector<std::string> lists;
};

}  // namespace redflag::match
