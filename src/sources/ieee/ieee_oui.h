// IEEE Registration Authority MAC address registries (oui.csv = MA-L, mam.csv = MA-M,
// oui36.csv = MA-S, iab.csv = IAB), CSV with the header
// "Registry,Assignment,Organization Name,Organization Address".
//
// One organization entity per row, id "<list_id>:<Registry>-<Assignment>" (e.g.
// "ieee_oui:MA-L-4419B6"); an assignment the registry lists more than once (MA-L 080030 has
// three holders) keeps every holder, the later ones with the suffix "~2", "~3". Each entity has
// an Identifier kMacPrefix whose value is the assignment in uppercase hex (6, 7 or 9 digits),
// and an Address with the full text and, when the IEEE layout shows it, the country.
//
// Fails (Error kParse with file and line) on CSV structural problems (unterminated quote, a row
// with a different number of fields than the header, missing columns). A row whose assignment
// is not hex of the registry's length is skipped and reported in diagnostics.
// Thread-safe: no shared state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/entity.h"
#include "core/error.h"
#include "sources/parsed_list.h"

namespace redflag::sources {

// One or more registry CSVs, merged into one list in the order given.
core::Result<ParsedList> ParseIeeeOui(const std::vector<std::filesystem::path>& files,
                                      std::string_view list_id);

// One CSV over a buffer; `file_name` is used in locations and ParsedList.files.
core::Result<ParsedList> ParseIeeeOuiBuffer(std::string_view data, std::string_view file_name,
                                            std::string_view list_id);

// "44:19:B6:12:34:56", "44-19-b6-12-34-56", "4419.b612.3456", "4419B6-123456" or
// "4419B6123456" -> "4419B6123456" (12 uppercase hex digits). kInvalidArgument naming the
// reason (empty, bad character and its position, bad grouping, wrong digit count) otherwise.
core::Result<std::string> NormalizeMac(std::string_view mac);

// Longest-prefix lookup of a MAC address in the entities' kMacPrefix identifiers.
// Holds pointers into the vector given to FromEntities: that vector must outlive the registry
// and must not be modified. Immutable after construction; Lookup is thread-safe.
class MacRegistry {
 public:
  static MacRegistry FromEntities(const std::vector<core::Entity>& entities);

  // The entity whose assignment covers `mac` (longest prefix wins; for a prefix listed twice,
  // the first entity); nullptr when none does. kInvalidArgument for a malformed MAC.
  core::Result<const core::Entity*> Lookup(std::string_view mac) const;

  std::size_t size() const { return prefixes_.size(); }

 private:
  // Key: (prefix length in hex digits << 48) | prefix value.
  std::unordered_map<std::uint64_t, const core::Entity*> prefixes_;
  std::vector<int> lengths_;  // prefix lengths present, longest first
};

}  // namespace redflag::sources
