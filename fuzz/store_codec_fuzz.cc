// Fuzzes the store's entity blob decoder: arbitrary bytes must decode or fail cleanly, and what
// decodes must re-encode to bytes that decode to the same encoding (a stable fixed point).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "store/entity_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto decoded = redflag::store::DecodeEntity(bytes);
  if (!decoded) return 0;
  const std::string encoded = redflag::store::EncodeEntity(*decoded);
  auto again = redflag::store::DecodeEntity(encoded);
  if (!again) std::abort();  // our own encoding must always decode
  if (redflag::store::EncodeEntity(*again) != encoded) std::abort();
  return 0;
}
