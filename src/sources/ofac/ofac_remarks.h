// Structured parts of an OFAC "Remarks" text (SDN / consolidated legacy CSV, column 12).
//
// OFAC writes the remarks as "; "-separated segments, each a label and a value, e.g.
//   DOB 26 Nov 1988; POB Beirut, Lebanon; nationality Germany; Gender Male;
//   Passport C480ZRLP5 (Germany) expires 02 Apr 2027; a.k.a. 'ABU ISMAIL';
//   Digital Currency Address - XBT 12QtD5BF...; Linked To: HIZBALLAH.
// An "alt. " prefix marks a further value of the same kind. ParseOfacRemarks turns the segments
// it knows into model fields of `entity` / `listing`:
//   DOB, Vessel Year of Build, Aircraft Manufacture Date -> birth_dates; POB -> places_of_birth;
//   nationality / citizen -> nationalities / citizenships (alpha-2); Gender -> gender;
//   a.k.a. / f.k.a. / n.k.a. 'X' -> names (kWeakAka / kFka / kNka, see below);
//   Issuer Name X (CMIC) -> a kWeakAka name;
//   passports, national / tax / registration ids, SWIFT/BIC, IMO, MMSI, ISIN, Equity Ticker, USCC,
//   LEI, D-U-N-S, aircraft serial / tail numbers, Digital Currency Address - XXX, Website, Email,
//   Phone -> identifiers (type_raw = OFAC's label, country = the "(Country)" as alpha-2, note =
//   "issued ..." / "expires ..." and other bracketed text);
//   Other Vessel Call Sign -> a kCallSign identifier; Linked To: X -> links ("linked_to");
//   Effective Date (CMIC) -> listing.start; Purchase/Sales For Divestment Date (CMIC) ->
//   listing.divestment.
// Segments about the sanction itself (secondary sanctions risk, directives, listing/effective
// dates of directives, target type, CAATSA, "Listing Date (CMIC)") are appended to
// listing.remarks; every other segment it does not understand is appended to entity.remarks,
// so no text is lost. Both are joined with "; ".
//
// Alias grading: OFAC puts strong a.k.a.s in alt.csv and weak ("low quality") a.k.a.s in the
// Remarks (OFAC FAQ on weak AKAs; checked on the 2023-12-28 files: none of the 3,282 remarks
// a.k.a.s is also in alt.csv). So remarks a.k.a.s become kWeakAka; f.k.a. / n.k.a. keep their kind.
// Names identical to one already on the entity are not added again.
//
// A value that cannot be read (a DOB that is not a date, a nationality that is not a country)
// is reported to `diagnostics` at `where` (file, line) with the field "Remarks" and the segment
// text; the segment is kept in entity.remarks. Never fails, never throws on any input.
// Thread-compatible: no shared state.
#pragma once

#include <string_view>

#include "core/diagnostics.h"
#include "core/entity.h"
#include "core/error.h"

namespace redflag::sources {

void ParseOfacRemarks(std::string_view remarks, core::Entity& entity, core::Listing& listing,
                      core::Diagnostics& diagnostics, const core::Location& where);

}  // namespace redflag::sources
