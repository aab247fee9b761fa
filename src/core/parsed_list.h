// What a source parser produces: the entities of one list version, the files they came from and
// the per-record problems met on the way. Defined in core because two modules meet on it: sources
// produces it and store stores it, and neither depends on the other. The parser contract is in
// sources/parsed_list.h; docs/sources.md has the per-source details.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostics.h"
#include "core/entity.h"
#include "core/error.h"

namespace redflag::core {

struct SourceFile {
  std::filesystem::path path;
  std::string sha256;   // lowercase hex of the file's bytes
  std::uint64_t size = 0;
};

struct ParsedList {
  std::string list_id;         // ofac_sdn, ofac_cons, us_csl, un, bis_dpl, uk, ca_sema, eu, ftm, custom-<name>, ieee_oui
  std::string format;          // e.g. "ofac_legacy_csv", "ofac_enhanced_xml", "csl_csv"
  std::vector<SourceFile> files;
  PartialDate published; // publication date read from the file(s); empty when absent
  std::vector<Entity> entities;
  Diagnostics diagnostics;
};

}  // namespace redflag::core
