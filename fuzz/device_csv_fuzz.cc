// libFuzzer target: arbitrary bytes into devices::ParseDeviceCsv; the checks on what it returns are
// fuzz/inventory_parser_check.h (format detection, errors naming the file, MAC form, escaping,
// merging).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "inventory_parser_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  return redflag::fuzz::CheckInventoryParser(input, "inventory.csv", &redflag::devices::ParseDeviceCsv);
}
