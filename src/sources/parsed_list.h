// What a source parser produces: core::ParsedList, the entities of one list version, the files
// they came from and the per-record problems met on the way.
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

#include "core/parsed_list.h"

namespace redflag::sources {

using core::ParsedList;
using core::SourceFile;

}  // namespace redflag::sources
