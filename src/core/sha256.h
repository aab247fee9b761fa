// SHA-256 of bytes in memory, lowercase hex: the one digest every parser records for its files
// (ParsedList::files) and the registry compares. OpenSSL EVP; thread-safe; "" only if OpenSSL
// itself fails.
#pragma once

#include <string>
#include <string_view>

namespace redflag::core {

std::string Sha256Hex(std::string_view bytes);

}  // namespace redflag::core
