// Fuzzes the OFAC legacy CSV set parser and the CSV reader under it.
// Input: up to four files separated by NUL bytes (primary, add, alt, comments), parsed as both
// ofac_sdn and ofac_cons. Checks: no crash/hang; a success has entities with ids and a primary
// name first; the CSV reader's records survive a write-quoted / read-again round trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "sources/csv_reader.h"
#include "sources/ofac/ofac_csv.h"

namespace {

using redflag::sources::CsvReader;
using redflag::sources::CsvRecord;

std::vector<CsvRecord> ReadAll(std::string_view data, bool* ok) {
  std::vector<CsvRecord> records;
  CsvReader reader(data);
  std::int64_t last_line = 0;
  while (true) {
    auto next = reader.Next();
    if (!next) {
      *ok = false;
      return records;
    }
    if (!next->has_value()) break;
    if ((*next)->line <= last_line || (*next)->fields.empty()) std::abort();
    last_line = (*next)->line;
    records.push_back(std::move(**next));
  }
  *ok = true;
  return records;
}

void CheckCsvRoundTrip(std::string_view data) {
  bool ok = false;
  const std::vector<CsvRecord> records = ReadAll(data, &ok);
  if (!ok) return;
  std::string written;
  for (const CsvRecord& record : records) {
    for (std::size_t field_idx = 0; field_idx < record.fields.size(); ++field_idx) {
      if (field_idx > 0) written += ',';
      written += '"';
      for (char ch : record.fields[field_idx]) {
        if (ch == '"') written += '"';
        written += ch;
      }
      written += '"';
    }
    written += '\n';
  }
  bool again_ok = false;
  const std::vector<CsvRecord> again = ReadAll(written, &again_ok);
  if (!again_ok || again.size() != records.size()) std::abort();
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    if (again[record_idx].fields != records[record_idx].fields) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view parts[4];
  std::size_t part_idx = 0;
  std::size_t pos = 0;
  while (part_idx < 4) {
    const std::size_t end = part_idx == 3 ? std::string_view::npos : input.find('\0', pos);
    parts[part_idx++] = input.substr(pos, end == std::string_view::npos ? input.npos : end - pos);
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  CheckCsvRoundTrip(parts[0]);
  const redflag::sources::OfacCsvBuffers buffers{parts[0], parts[1], parts[2], parts[3]};
  for (std::string_view list_id : {"ofac_sdn", "ofac_cons"}) {
    auto parsed = redflag::sources::ParseOfacLegacyCsvBuffers(buffers, list_id);
    if (!parsed) {
      if (parsed.error().message.empty()) std::abort();
      continue;
    }
    if (parsed->entities.empty()) std::abort();
    for (const auto& entity : parsed->entities) {
      if (entity.id.empty() || entity.names.empty() || entity.names[0].full.empty() ||
          entity.names[0].kind != redflag::core::NameKind::kPrimary || entity.listings.size() != 1) {
        std::abort();
      }
    }
  }
  return 0;
}
