// Helpers of decider.cc shared with its tests. Not part of the module's contract.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/entity.h"

namespace redflag::rules::internal {

bool IsCmicListing(const core::Listing& listing);
// Upper-case hex digits of `text`, everything else dropped.
std::string HexOnly(std::string_view text);
// Leading letters/digits of a ticker, upper case: "002415 CN" -> "002415".
std::string TickerKey(std::string_view text);
// A date stated next to `label` in the entity's identifiers or remarks (OFAC and the CSL write
// CMIC dates that way: "Effective Date (CMIC) 02 Aug 2021"); empty when absent.
core::PartialDate LabelledDate(const core::Entity& entity, std::string_view label);

}  // namespace redflag::rules::internal
