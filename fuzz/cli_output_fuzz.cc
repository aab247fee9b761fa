// Drives what the CLI writes with arbitrary bytes: a name screened against listed names that hold
// invalid UTF-8 (as list files can), a compared pair, and the message quoting of core/quote.h.
// Checks: every JSON document redflag prints (screen --json, compare --json, batch lines) is
// written without an exception and parses back; quoted input is valid UTF-8 with no control byte.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "core/quote.h"
#include "index/snapshot.h"
#include "match/hit_json.h"
#include "match/screener.h"
#include "text/text.h"

namespace {

using namespace redflag;

void Check(bool condition) {
  if (!condition) std::abort();
}

core::Entity Make(std::string native_id, std::vector<std::string> names) {
  core::Entity entity;
  entity.list_id = "fuzz";
  entity.native_id = native_id;
  entity.id = core::MakeEntityId("fuzz", native_id);
  entity.type = core::EntityType::kOrganization;
  for (std::string& name : names) entity.names.push_back(core::Name{.full = std::move(name)});
  entity.listings.push_back(
      core::Listing{.list_id = "fuzz", .list_name = "Fuzz list \xFF", .programs = {"P\xC3"}});
  return entity;
}

const match::Screener& Screener() {
  static const match::Screener screener = [] {
    std::vector<core::Entity> entities = {
        Make("1", {"Hikvision \xFF Digital Technology", "HIKVISION"}),
        Make("2\xFE", {"Dahua \xE3\x82 Technology", "\x1B[31mDahua"}),
    };
    return match::Screener(*index::Snapshot::Build(std::move(entities)));
  }();
  return screener;
}

// The document must be written and parse back.
void CheckWritable(const nlohmann::json& value) {
  for (int indent : {-1, 2}) {
    const std::string text = core::JsonText(value, indent);
    Check(nlohmann::json::accept(text));
  }
}

void CheckQuoted(const std::string& quoted) {
  Check(text::IsValidUtf8(quoted));
  for (char c : quoted) Check(static_cast<unsigned char>(c) >= 0x20 && c != 0x7F);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  auto hits = Screener().Screen(match::Query{.name = input}, {.threshold = 0.3});
  if (hits) {
    CheckWritable(match::ScreenResultToJson(input, 0.3, *hits));
    for (const match::Hit& hit : *hits) CheckWritable(match::HitToJson(hit, {.explanation = false}));
  }
  auto compared = match::CompareNames(input, "Hikvision \xFF", core::EntityType::kUnknown);
  if (compared) CheckWritable(match::CompareResultToJson(input, "x\xC0", *compared, 0.8));
  CheckWritable(nlohmann::json{{input, input}, {"error", {{"message", input}}}});
  CheckQuoted(core::Quote(input));
  CheckQuoted(core::Quote(input, 3));
  CheckQuoted(core::Printable(input, 64));
  return 0;
}
