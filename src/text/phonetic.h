// A "sounds alike" key for one folded token, tuned to the differences between transliterations
// of the same name (vowels, doubled letters, ph/f, kh/h, q/k, ck/k, w/v, sh/sch/sz, ch/tch/cz,
// zh/j, z/s, th/t, dh/d, y/i/j before a vowel at the start). Used as an index key and as a
// signal; it is not Soundex or Metaphone. Rules, in order, are listed in docs/text.md.
// Deterministic, thread-safe, allocates only the returned string. Output is [a-z0-9]*; "" for
// a token with no letter or digit.
#pragma once

#include <string>
#include <string_view>

namespace redflag::text {

std::string PhoneticKey(std::string_view folded_token);

}  // namespace redflag::text
