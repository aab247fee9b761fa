// Compact binary encoding of core::Entity, used for the store's content-addressed entity blobs.
//
// Layout: one format byte (kEntityCodecVersion), then every field of core::Entity in declaration
// order. Strings and vectors are a LEB128 varint length followed by the bytes / elements; enums
// are one byte; PartialDate is a zigzag varint year plus month and day bytes; Link::percent is an
// IEEE-754 double, little-endian. The encoding is deterministic: equal entities give equal bytes,
// so a hash of the bytes identifies the content.
//
// DecodeEntity never trusts its input: every length is bounds-checked, enum values are range-
// checked and trailing bytes are an error, so a damaged blob is an Error, never a crash.
// Both functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/entity.h"
#include "core/error.h"

namespace redflag::store {

inline constexpr std::uint8_t kEntityCodecVersion = 1;

std::string EncodeEntity(const core::Entity& entity);
// Appends the encoding to `out` (avoids a copy when batching).
void EncodeEntityTo(const core::Entity& entity, std::string& out);

// kParse error naming the byte offset when `bytes` is not a valid encoding.
core::Result<core::Entity> DecodeEntity(std::string_view bytes);

}  // namespace redflag::store
