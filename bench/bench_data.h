// Real data for the benchmarks: the lists under REDFLAG_DATA_DIR (default ../shared/data) and
// the dev-set queries beside them (../shared/eval/dev).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "sources/csv_reader.h"
#include "sources/registry.h"

namespace redflag::bench {

inline std::filesystem::path DataDir() {
  const char* dir = std::getenv("REDFLAG_DATA_DIR");
  return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path("../shared/data");
}

// Every list of lists/ and the IEEE registries (one version per list).
inline core::Result<std::vector<core::Entity>> LoadAllLists() {
  return sources::LoadLists({DataDir() / "lists", DataDir() / "ieee-oui"});
}

// The names of screen_positives.csv then screen_negatives.csv (column 2), in file order; empty
// when the files are missing.
inline std::vector<std::string> LoadDevQueries() {
  std::vector<std::string> names;
  for (const char* file : {"screen_positives.csv", "screen_negatives.csv"}) {
    std::ifstream in(DataDir() / ".." / "eval" / "dev" / file);
    std::stringstream text;
    text << in.rdbuf();
    const std::string content = text.str();
    sources::CsvReader reader(content);
    bool header = true;
    while (true) {
      auto record = reader.Next();
      if (!record || !record->has_value()) break;
      if (header) {
        header = false;
        continue;
      }
      if ((*record)->fields.size() > 1) names.push_back((*record)->fields[1]);
    }
  }
  return names;
}

}  // namespace redflag::bench
