// Place names in a listed party's addresses ("Hangzhou", "Zhejiang", "Urumqi").
//
// An organization's name often starts with its home province or city ("Zhejiang Dahua Technology
// Co., Ltd.", "Hangzhou Hikvision") while a list may write it without ("Dahua Technology"). The
// screener uses these tokens to tell a location qualifier from a different name: a query token
// that is left unmatched and names a place where the listed party is counts as a qualifier
// (match/screener.cc). Only what the address itself says is used; there is no gazetteer. The
// snapshot computes them once per entity at build (Snapshot::PlaceId, Snapshot::PlacesOf).
//
// Place tokens of an address: the words of its city and state fields, and of each comma- or
// semicolon-separated part of a one-line address that has no digit, at most two words and no
// street word ("road", "street", "ulitsa": "Bin'an Road" is a street)
// ("Binjiang District, Hangzhou, Zhejiang, CN" -> binjiang, hangzhou, zhejiang), folded like
// names (text::Fold), at least 4 letters, administrative words ("district", "province", "city")
// left out. Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"

namespace redflag::index {

// The raw address parts that may name places (views into `entity`), in address order.
void PlaceSegments(const core::Entity& entity, std::vector<std::string_view>& out);

// The place tokens of one raw segment, appended to `out`.
void PlaceTokensOf(std::string_view segment, std::vector<std::string>& out);

// Every place token of the entity's addresses (duplicates removed, first occurrence kept): the
// words Snapshot::PlacesOf holds as ids.
std::vector<std::string> EntityPlaceTokens(const core::Entity& entity);

}  // namespace redflag::index
