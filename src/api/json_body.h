// Reading request bodies: size, UTF-8 and nesting checked before parsing, then typed field
// access that names the field on every error. Pure functions; never throw.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace redflag::api {

struct BodyLimits {
  std::size_t max_bytes = 1 << 20;  // 1 MiB
  std::size_t max_depth = 16;       // nesting of arrays and objects
};

// kInvalidArgument naming the problem: empty, too large, invalid UTF-8 (with the byte offset),
// nested deeper than max_depth, not JSON (with the parser's message), or not an object.
core::Result<nlohmann::json> ParseJsonObject(std::string_view body, const BodyLimits& limits);

// The checks without parsing (for bodies another parser reads, e.g. transactions).
core::Status CheckJsonText(std::string_view body, const BodyLimits& limits);

// Byte offset of the first invalid UTF-8 sequence, or nullopt (strict: no overlongs, no
// surrogates, nothing above U+10FFFF).
std::optional<std::size_t> FindInvalidUtf8(std::string_view text);

// Typed fields. `field` is the path reported in errors ("queries[3].name").
// A present field of the wrong type is an error; absent gives the default / nullopt.
core::Result<std::optional<std::string>> OptionalString(const nlohmann::json& object,
                                                        std::string_view key,
                                                        const std::string& field);
core::Result<std::string> RequiredString(const nlohmann::json& object, std::string_view key,
                                         const std::string& field);
core::Result<std::optional<double>> OptionalNumber(const nlohmann::json& object,
                                                   std::string_view key, const std::string& field,
                                                   double min, double max);
// Every key of `object` is one of `allowed`; otherwise kInvalidArgument naming the first other.
core::Status OnlyKnownFields(const nlohmann::json& object,
                             std::initializer_list<std::string_view> allowed,
                             const std::string& prefix);

}  // namespace redflag::api
