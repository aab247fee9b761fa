// libFuzzer target for the FCDO .ods path. Input byte 0 picks the mode:
// - odd: the rest is used as content.xml, zipped in memory (so the fuzzer reaches the sheet and
//   UK parsers without having to forge zip CRCs), then parsed by ParseUkFcdoOdsBuffer;
// - even: the rest is given to ParseUkFcdoOdsBuffer as the .ods bytes (zip handling).
// The rest also goes to ReadOdsContentXml with small limits, to cross them.
// Any crash, sanitizer report, hang or escaping exception is a bug.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sources/uk/ods_reader.h"
#include "sources/uk/uk.h"

namespace {

// A zip holding `content` as content.xml; "" when libzip fails.
std::string ZipContent(std::string_view content) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (target == nullptr) return {};
  zip_source_keep(target);
  zip_t* archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
  std::string out;
  if (archive != nullptr) {
    zip_source_t* file = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (file != nullptr && zip_file_add(archive, "content.xml", file, ZIP_FL_OVERWRITE) < 0) {
      zip_source_free(file);
    }
    if (zip_close(archive) < 0) zip_discard(archive);
    zip_stat_t stat;
    if (zip_source_stat(target, &stat) == 0 && zip_source_open(target) == 0) {
      out.resize(static_cast<std::size_t>(stat.size));
      const zip_int64_t got = zip_source_read(target, out.data(), out.size());
      out.resize(got < 0 ? 0 : static_cast<std::size_t>(got));
      zip_source_close(target);
    }
  }
  zip_source_free(target);
  zip_error_fini(&error);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const redflag::sources::OdsLimits small{
      .max_content_bytes = 1 << 20, .max_rows = 100, .max_columns = 16, .max_cell_bytes = 256};
  if (auto sheet = redflag::sources::ReadOdsContentXml(input, "content.xml", small)) {
    if (sheet->rows.size() > small.max_rows) std::abort();
    for (const auto& row : sheet->rows) {
      if (row.size() > small.max_columns) std::abort();
      for (const auto& cell : row) {
        if (cell.size() > small.max_cell_bytes) std::abort();
      }
    }
  }
  const std::string zipped = (data[0] & 1) != 0 ? ZipContent(input) : std::string(input);
  auto parsed = redflag::sources::ParseUkFcdoOdsBuffer(zipped, "FCDO_SL_Mon_Aug 11 2025.ods", "uk");
  if (!parsed) return 0;
  for (const redflag::core::Entity& entity : parsed->entities) {
    if (entity.id.rfind("uk:", 0) != 0 || entity.listings.empty()) std::abort();
  }
  return 0;
}
