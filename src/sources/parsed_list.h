// What a source parser produces: the entities of one list version, the files they came from and
// the per-record problems met on the way.
//
// Contract for every parser in src/sources (docs/sources.md has the per-source details):
// - Returns an Error (never throws, never crashes, never hangs) when the file as a whole cannot
//   be trusted: unreadable, not the format, truncated, or structurally damaged (an unterminated
//   quote, a row with the wrong number of columns in a fixed-column format, XML that is not well
//   formed). An import that gets an Error activates nothing.
// - Reports a bad field or record to `diagnostics` with file, line/element, field, original text
//   and what happened to it, and goes on.
// - Entity ids follow docs/architecture.md; entities appear in file order; names[0] is primary.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostics.h"
#include "core/entity.h"
#include "core/error.h"

namespace redflag::sources {

struct SourceFile {
  std::filesystem::path path;
  std::string sha256;   // lowercase hex of the file's bytes
  std::uint64_t size = 0;
};

struct ParsedList {
  std::string list_id;         // ofac_sdn, ofac_cons, us_csl, un, bis_dpl, uk, ca_sema, eu, ftm, custom-<name>, ieee_oui
  std::string format;          // e.g. "ofac_legacy_csv", "ofac_enhanced_xml", "csl_csv"
  std::vector<SourceFile> files;
  core::PartialDate published; // publication date read from the file(s); empty when absent
  std::vector<core::Entity> entities;
  core::Diagnostics diagnostics;
};

}  // namespace redflag::sources
