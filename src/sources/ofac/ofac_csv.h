// OFAC legacy CSV sets: the SDN list (sdn.csv, add.csv, alt.csv, sdn_comments.csv, list id
// "ofac_sdn") and the non-SDN consolidated list (cons_prim.csv, cons_add.csv, cons_alt.csv,
// cons_comments.csv, list id "ofac_cons"). Format: /work/shared/data/README.md sections 1-2 —
// no header row, "-0- " for an empty field, a trailing Ctrl-Z, CRLF (comments files may be LF).
//
// What becomes what (entity id "<list_id>:<ent_num>"):
// - primary file, 12 columns: SDN_Name -> names[0]; SDN_Type individual/vessel/aircraft, "-0-" ->
//   organization; Program split on "] [" -> one Listing's programs; Title -> titles; Call_Sign,
//   Vess_type, Tonnage, GRT, Vess_flag (alpha-2), Vess_owner -> vessel (call sign also as a
//   kCallSign identifier); Remarks (continued by the comments file exactly at OFAC's
//   1,000-character cut, joined without a separator) -> ParseOfacRemarks (ofac_remarks.h).
// - add file: one Address per row that is not all "-0-" (street; "City/State/Province/Postal
//   Code" split into city, state and a trailing postal code; country as alpha-2).
// - alt file: aka -> kStrongAka, fka -> kFka, nka -> kNka (names identical to an earlier name of
//   the entity are dropped). Remarks a.k.a.s are weak (see ofac_remarks.h).
// - Listing: ofac_sdn -> "Specially Designated Nationals and Blocked Persons List (SDN)", code SDN;
//   ofac_cons -> the sub-list derived from the programs (CMIC-EO13959 -> CMIC, UKRAINE-EO13662 ->
//   SSI, NS-PLC -> PLC, FSE-* -> FSE, 561-Related or an EO 14024 Directive 2 / correspondent
//   account remark -> CAP, anything else -> MBS), since the CSV does not name the sub-list.
// - "Linked To: X" links get target_id when X is the primary name of an entity of the same set.
//
// Failure policy. These are fixed-column official files, so a structural problem means the
// file cannot be trusted and the whole parse returns an Error naming file, line and reason
// (the import fails, nothing is activated): a row with the wrong number of columns, an
// unterminated quote, a non-numeric or duplicate ent_num, an empty primary name, an
// add/alt/comments row whose ent_num is not in the primary file, an unreadable file, a file name
// that is not part of the set, or no primary file. Field-level problems (a bad date in the
// remarks, an unknown country, an unknown SDN_Type or alt_type, remarks cut at 1,000 characters
// without a continuation) go to ParsedList::diagnostics as warnings and the record is kept.
// Never throws. Thread-safe: no shared state.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources {

// files: the set's files in any order, recognised by name (sdn.csv/add.csv/alt.csv/sdn_comments.csv
// or cons_prim.csv/cons_add.csv/cons_alt.csv/cons_comments.csv, case-insensitive). Only the
// primary file is required; list_id "ofac_sdn" or "ofac_cons".
core::Result<ParsedList> ParseOfacLegacyCsv(const std::vector<std::filesystem::path>& files,
                                            std::string_view list_id);

// In-memory variant used by the fuzzer and tests (file names used in messages: the set's
// standard names, e.g. "sdn.csv"). An empty view means the file is absent; `primary` is required.
struct OfacCsvBuffers {
  std::string_view primary, add, alt, comments;
};
core::Result<ParsedList> ParseOfacLegacyCsvBuffers(const OfacCsvBuffers& buffers,
                                                   std::string_view list_id);

}  // namespace redflag::sources
