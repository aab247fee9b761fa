// OpenSanctions FollowTheMoney (FtM) entities, one JSON object per line:
//   {"id", "schema", "properties": {"name": [...], ...}, "datasets": [...], "first_seen",
//    "last_seen"}.
//
// Schemas Person, Organization, Company, PublicBody, LegalEntity, Vessel and Airplane become
// entities (id "<list_id>:<FtM id>"; LegalEntity has type unknown). Relation schemas are
// resolved by id after all lines are read: Ownership {owner, asset, percentage} gives the asset
// an "owned_by" link and the owner an "owner_of" link (with percent); Sanction {entity,
// program, authority, startDate, endDate, listingDate, sourceUrl, reason} becomes a Listing of
// the entity; Directorship, Membership, Family, Associate and UnknownLink become links both
// ways. A referenced id that is not in the file is reported and the relation dropped. An entity
// no Sanction refers to gets one Listing named after its datasets. Listings have code "FTM".
//
// FtM exports are aggregator data, so a bad line (not JSON, not an object, no id/schema, a
// duplicate id, an entity without a name) is reported with its line number and skipped: the
// parse goes on. Other schemas are counted in one Info entry each. The only Error is a file that
// cannot be read. ParsedList.published is the newest last_seen/last_change not after today.
// Never throws; thread-safe.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources {

// `list_id` is "ftm". Ids resolve across all `files`.
core::Result<ParsedList> ParseFtmJsonl(const std::vector<std::filesystem::path>& files,
                                       std::string_view list_id);
core::Result<ParsedList> ParseFtmJsonlBuffer(std::string_view data, std::string_view file_name,
                                             std::string_view list_id);

}  // namespace redflag::sources
