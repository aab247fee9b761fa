// Tables of stable names for enums (the names used in JSON, rules files and readable output):
// one lookup each way for every such table, instead of a loop per enum.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace redflag::core {

template <class Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

// The name of `value` in `table`, or `fallback` when the table lacks it.
template <class Enum, std::size_t N>
constexpr std::string_view NameIn(const NameTable<Enum, N>& table, Enum value,
                                  std::string_view fallback) {
  for (const auto& [entry, name] : table) {
    if (entry == value) return name;
  }
  return fallback;
}

// The value named `name` in `table` (exact match), or nullopt.
template <class Enum, std::size_t N>
constexpr std::optional<Enum> ValueIn(const NameTable<Enum, N>& table, std::string_view name) {
  for (const auto& [entry, entry_name] : table) {
    if (entry_name == name) return entry;
  }
  return std::nullopt;
}

}  // namespace redflag::core
