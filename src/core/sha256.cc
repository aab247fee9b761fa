#include "core/sha256.h"

#include <openssl/evp.h>

#include <array>

namespace redflag::core {

std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    return {};
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int idx = 0; idx < length; ++idx) {
    out.push_back(kHex[digest[idx] >> 4]);
    out.push_back(kHex[digest[idx] & 0xF]);
  }
  return out;
}

}  // namespace redflag::core
