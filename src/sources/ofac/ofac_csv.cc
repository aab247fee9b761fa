#include "sources/ofac/ofac_csv.h"
#include "core/sha256.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <new>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/country.h"
#include "sources/csv_reader.h"
#include "sources/ofac/ofac_remarks.h"

namespace redflag::sources {
namespace {

using core::ErrorCode;

constexpr std::size_t kPrimaryColumns = 12;
constexpr std::size_t kAddColumns = 6;
constexpr std::size_t kAltColumns = 5;
constexpr std::size_t kCommentsColumns = 2;
// OFAC cuts Remarks here and continues the text in the comments file.
constexpr std::size_t kRemarksCut = 1000;

enum class Role : std::uint8_t { kPrimary, kAdd, kAlt, kComments };

struct SetNames {
  std::string_view list_id;
  std::array<std::string_view, 4> files;  // by Role
};
constexpr std::array<SetNames, 2> kSets = {{
    {"ofac_sdn", {"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"}},
    {"ofac_cons", {"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"}},
}};

const SetNames* FindSet(std::string_view list_id) {
  for (const SetNames& set : kSets) {
    if (set.list_id == list_id) return &set;
  }
  return nullptr;
}

// One file of the set: its bytes and the name used in messages.
struct Input {
  std::string_view data;
  std::string name;
  bool present = false;
};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// OFAC writes an empty field as "-0- ".
std::string Value(std::string_view field) {
  field = Trim(field);
  if (field == "-0-") return {};
  return std::string(field);
}

core::Error StructuralError(const Input& input, std::int64_t line, std::string message) {
  return core::MakeError(ErrorCode::kParse, std::move(message),
                         core::Location{input.name, line, {}, {}});
}

// ent_num: 1..9 digits.
std::optional<std::string> EntNum(std::string_view field) {
  field = Trim(field);
  if (field.empty() || field.size() > 9) return std::nullopt;
  for (char ch : field) {
    if (!std::isdigit(static_cast<unsigned char>(ch))) return std::nullopt;
  }
  return std::string(field);
}

// Reads every record of `input`, checking the column count; calls `row(record)` for each,
// which may itself fail.
template <class RowFn>
core::Status ForEachRow(const Input& input, std::size_t columns, RowFn&& row) {
  CsvReader reader(input.data, CsvOptions{.file_name = input.name});
  while (true) {
    auto next = reader.Next();
    if (!next) return next.error();
    if (!next->has_value()) return core::Ok();
    const CsvRecord& record = **next;
    if (record.fields.size() != columns) {
      return StructuralError(
          input, record.line,
          fmt::format("expected {} columns, found {}", columns, record.fields.size()));
    }
    if (auto status = row(record); !status) return status;
  }
}

struct SubList {
  std::string_view code;
  std::string_view name;
};
constexpr SubList kSdn = {"SDN", "Specially Designated Nationals and Blocked Persons List (SDN)"};
constexpr SubList kCmic = {"CMIC",
                           "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC)"};
constexpr SubList kSsi = {"SSI", "Sectoral Sanctions Identifications List (SSI)"};
constexpr SubList kPlc = {"PLC", "Non-SDN Palestinian Legislative Council List (NS-PLC)"};
constexpr SubList kMbs = {"MBS", "Non-SDN Menu-Based Sanctions List (NS-MBS)"};
constexpr SubList kFse = {"FSE", "Foreign Sanctions Evaders List (FSE)"};
constexpr SubList kCap = {"CAP",
                          "Correspondent Account or Payable-Through Account Sanctions (CAPTA)"};

// The consolidated CSV does not say which non-SDN list an entry is on; the program does (checked
// against the `source` column of the trade.gov CSL files in ../shared/data/lists/us_csl).
// EO 14024 Directive 2 is the CAPTA directive for Russia; other EO 14024 / CAATSA / Burma
// directive entries are menu-based.
SubList ConsSubList(const std::vector<std::string>& programs, std::string_view remarks) {
  auto has = [&](std::string_view program) {
    return std::find(programs.begin(), programs.end(), program) != programs.end();
  };
  if (has("CMIC-EO13959")) return kCmic;
  if (has("NS-PLC")) return kPlc;
  if (has("UKRAINE-EO13662")) return kSsi;
  for (const std::string& program : programs) {
    if (program.starts_with("FSE")) return kFse;
  }
  if (has("561-Related") || remarks.find("correspondent account") != std::string_view::npos ||
      remarks.find("EO 14024 Directive 2)") != std::string_view::npos) {
    return kCap;
  }
  return kMbs;
}

std::vector<std::string> SplitPrograms(std::string_view text) {
  std::vector<std::string> programs;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find("] [", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view program = Trim(text.substr(pos, end - pos));
    if (program.starts_with('[')) program.remove_prefix(1);
    if (program.ends_with(']')) program.remove_suffix(1);
    program = Trim(program);
    if (!program.empty() &&
        std::find(programs.begin(), programs.end(), program) == programs.end()) {
      programs.emplace_back(program);
    }
    pos = end + 3;
  }
  return programs;
}

// "Sofia, Stolichna 1000" -> city "Sofia", state "Stolichna", postal "1000". OFAC puts the postal
// code last; it is the trailing words that hold a digit.
void SplitCityStatePostal(std::string_view text, core::Address& address) {
  text = Trim(text);
  std::size_t cut = text.size();
  while (cut > 0) {
    const std::size_t space = text.rfind(' ', cut - 1);
    const std::size_t start = space == std::string_view::npos ? 0 : space + 1;
    const std::string_view word = text.substr(start, cut - start);
    if (start == 0 || word.find_first_of("0123456789") == std::string_view::npos) break;
    cut = space;
  }
  if (cut < text.size()) {
    address.postal_code = std::string(Trim(text.substr(cut)));
    text = Trim(text.substr(0, cut));
    if (text.ends_with(',')) text = Trim(text.substr(0, text.size() - 1));
  }
  if (const std::size_t comma = text.find(", "); comma != std::string_view::npos) {
    address.city = std::string(Trim(text.substr(0, comma)));
    address.state = std::string(Trim(text.substr(comma + 2)));
  } else {
    address.city = std::string(text);
  }
}

// Country text -> alpha-2; unknown text goes to `raw` with a warning. Regions ("Region: Crimea")
// keep their text as well, since the region matters to some programs.
void SetCountry(std::string_view text, std::string& code, std::string* raw,
                core::Diagnostics& diagnostics, const core::Location& where) {
  if (text.empty()) return;
  code = core::CountryCode(text);
  // OFAC's ways of saying "no country"; regions without a country code are kept as text.
  const bool no_country = text == "undetermined" || text == "Undetermined" ||
                          text == "None Identified" || text.starts_with("Region:");
  if (raw != nullptr && (code.empty() || text.starts_with("Region:"))) *raw = std::string(text);
  if (code.empty() && !no_country) {
    diagnostics.Warn(
        where, std::string(text), "not a known country",
        raw != nullptr ? "record kept with the text as written" : "record kept without a country");
  }
}

class SetParser {
 public:
  SetParser(std::string_view list_id, const SetNames& set) : list_id_(list_id), set_(set) {
    result_.list_id = std::string(list_id);
    result_.format = "ofac_legacy_csv";
  }

  core::Result<ParsedList> Run(const std::array<Input, 4>& inputs) {
    const Input& primary = inputs[static_cast<int>(Role::kPrimary)];
    if (!primary.present) {
      return core::MakeError(ErrorCode::kNotFound,
                             fmt::format("{}: the primary file {} is missing", list_id_,
                                         set_.files[static_cast<int>(Role::kPrimary)]));
    }
    if (auto status = ReadPrimary(primary); !status) return status.error();
    if (result_.entities.empty()) {
      return core::MakeError(ErrorCode::kValidation, "the primary file contains no records",
                             core::Location{primary.name, 0, {}, {}});
    }
    if (const Input& add = inputs[static_cast<int>(Role::kAdd)]; add.present) {
      if (auto status = ReadAdd(add); !status) return status.error();
    }
    if (const Input& alt = inputs[static_cast<int>(Role::kAlt)]; alt.present) {
      if (auto status = ReadAlt(alt); !status) return status.error();
    }
    const Input& comments = inputs[static_cast<int>(Role::kComments)];
    if (comments.present) {
      if (auto status = ReadComments(comments); !status) return status.error();
    }
    FinishRemarks(primary, comments);
    ResolveLinks();
    return std::move(result_);
  }

 private:
  struct Pending {
    std::string remarks;
    std::int64_t line = 0;
    bool continued = false;
  };

  core::Result<std::size_t> Lookup(const Input& input, const CsvRecord& record) {
    const auto ent_num = EntNum(record.fields[0]);
    if (!ent_num) {
      return StructuralError(input, record.line,
                             fmt::format("ent_num \"{}\" is not a number", record.fields[0]));
    }
    const auto found = index_.find(*ent_num);
    if (found == index_.end()) {
      return StructuralError(input, record.line,
                             fmt::format("ent_num {} is not in {}", *ent_num,
                                         set_.files[static_cast<int>(Role::kPrimary)]));
    }
    return found->second;
  }

  core::Status ReadPrimary(const Input& input) {
    return ForEachRow(input, kPrimaryColumns, [&](const CsvRecord& record) -> core::Status {
      const auto ent_num = EntNum(record.fields[0]);
      if (!ent_num) {
        return StructuralError(input, record.line,
                               fmt::format("ent_num \"{}\" is not a number", record.fields[0]));
      }
      const auto [slot, inserted] = index_.emplace(*ent_num, result_.entities.size());
      if (!inserted) {
        return StructuralError(input, record.line,
                               fmt::format("ent_num {} appears twice (first on line {})", *ent_num,
                                           pending_[slot->second].line));
      }
      std::string name = Value(record.fields[1]);
      if (name.empty()) {
        return StructuralError(input, record.line,
                               fmt::format("ent_num {} has an empty SDN_Name", *ent_num));
      }
      core::Entity entity;
      entity.list_id = list_id_;
      entity.native_id = *ent_num;
      entity.id = core::MakeEntityId(list_id_, *ent_num);
      entity.names.push_back(core::Name{.full = std::move(name), .kind = core::NameKind::kPrimary});
      const std::string type = Value(record.fields[2]);
      entity.type = type.empty() ? core::EntityType::kOrganization : core::ParseEntityType(type);
      if (entity.type == core::EntityType::kUnknown) {
        result_.diagnostics.Warn(core::Location{input.name, record.line, "SDN_Type", {}}, type,
                                 "unknown SDN_Type (expected individual, vessel, aircraft or -0-)",
                                 "record kept with type unknown");
      }
      core::Listing listing;
      listing.list_id = list_id_;
      listing.programs = SplitPrograms(Value(record.fields[3]));
      if (std::string title = Value(record.fields[4]); !title.empty()) {
        entity.titles.push_back(std::move(title));
      }
      core::VesselInfo& vessel = entity.vessel;
      vessel.call_sign = Value(record.fields[5]);
      vessel.vessel_type = Value(record.fields[6]);
      vessel.tonnage = Value(record.fields[7]);
      vessel.gross_registered_tonnage = Value(record.fields[8]);
      const std::string flag = Value(record.fields[9]);
      SetCountry(flag, vessel.flag, nullptr, result_.diagnostics,
                 core::Location{input.name, record.line, "Vess_flag", {}});
      if (vessel.flag.empty()) vessel.flag = flag;  // keep the source text when not a country
      vessel.owner = Value(record.fields[10]);
      if (!vessel.call_sign.empty()) {
        entity.identifiers.push_back(core::Identifier{
            .type = core::IdType::kCallSign, .type_raw = "Call Sign", .value = vessel.call_sign});
      }
      entity.listings.push_back(std::move(listing));
      result_.entities.push_back(std::move(entity));
      pending_.push_back(Pending{Value(record.fields[11]), record.line, false});
      return core::Ok();
    });
  }

  core::Status ReadAdd(const Input& input) {
    return ForEachRow(input, kAddColumns, [&](const CsvRecord& record) -> core::Status {
      const auto entity_idx = Lookup(input, record);
      if (!entity_idx) return entity_idx.error();
      core::Address address;
      address.street = Value(record.fields[2]);
      SplitCityStatePostal(Value(record.fields[3]), address);
      SetCountry(Value(record.fields[4]), address.country, &address.country_raw,
                 result_.diagnostics, core::Location{input.name, record.line, "Country", {}});
      core::Entity& entity = result_.entities[*entity_idx];
      if (std::string remarks = Value(record.fields[5]); !remarks.empty()) {
        entity.remarks += (entity.remarks.empty() ? "" : "; ") +
                          fmt::format("address {}: {}", Value(record.fields[1]), remarks);
      }
      if (address == core::Address{}) return core::Ok();  // a row of "-0-" says "no address"
      if (std::find(entity.addresses.begin(), entity.addresses.end(), address) ==
          entity.addresses.end()) {
        entity.addresses.push_back(std::move(address));
      }
      return core::Ok();
    });
  }

  core::Status ReadAlt(const Input& input) {
    return ForEachRow(input, kAltColumns, [&](const CsvRecord& record) -> core::Status {
      const auto entity_idx = Lookup(input, record);
      if (!entity_idx) return entity_idx.error();
      core::Entity& entity = result_.entities[*entity_idx];
      const std::string type = Value(record.fields[2]);
      std::string full = Value(record.fields[3]);
      core::NameKind kind = core::NameKind::kStrongAka;
      if (type == "fka") {
        kind = core::NameKind::kFka;
      } else if (type == "nka") {
        kind = core::NameKind::kNka;
      } else if (type != "aka") {
        result_.diagnostics.Warn(core::Location{input.name, record.line, "alt_type", {}}, type,
                                 "unknown alt_type (expected aka, fka or nka)",
                                 "alias kept as a.k.a.");
      }
      if (full.empty()) {
        result_.diagnostics.Warn(core::Location{input.name, record.line, "alt_name", {}}, "",
                                 "empty alt_name", "row skipped");
        return core::Ok();
      }
      if (std::string remarks = Value(record.fields[4]); !remarks.empty()) {
        entity.remarks +=
            (entity.remarks.empty() ? "" : "; ") + fmt::format("alias '{}': {}", full, remarks);
      }
      for (const core::Name& name : entity.names) {
        if (name.full == full) return core::Ok();  // identical name: keep the first
      }
      entity.names.push_back(core::Name{.full = std::move(full), .kind = kind});
      return core::Ok();
    });
  }

  core::Status ReadComments(const Input& input) {
    return ForEachRow(input, kCommentsColumns, [&](const CsvRecord& record) -> core::Status {
      const auto entity_idx = Lookup(input, record);
      if (!entity_idx) return entity_idx.error();
      Pending& pending = pending_[*entity_idx];
      // The continuation starts exactly at the cut, often inside a word: no separator.
      pending.remarks += Value(record.fields[1]);
      pending.continued = true;
      return core::Ok();
    });
  }

  void FinishRemarks(const Input& primary, const Input& comments) {
    for (std::size_t entity_idx = 0; entity_idx < result_.entities.size(); ++entity_idx) {
      Pending& pending = pending_[entity_idx];
      core::Entity& entity = result_.entities[entity_idx];
      core::Listing& listing = entity.listings.front();
      const core::Location where{primary.name, pending.line, {}, {}};
      if (!pending.continued && pending.remarks.size() == kRemarksCut) {
        result_.diagnostics.Warn(
            core::Location{primary.name, pending.line, "Remarks", {}},
            pending.remarks.substr(kRemarksCut - 60),
            fmt::format("Remarks of ent_num {} end at OFAC's {}-character cut and {} has no "
                        "continuation",
                        entity.native_id, kRemarksCut,
                        comments.present
                            ? comments.name
                            : std::string(set_.files[static_cast<int>(Role::kComments)])),
            "record kept with the remarks it has");
      }
      ParseOfacRemarks(pending.remarks, entity, listing, result_.diagnostics, where);
      const SubList sub_list =
          list_id_ == "ofac_cons" ? ConsSubList(listing.programs, pending.remarks) : kSdn;
      listing.list_code = std::string(sub_list.code);
      listing.list_name = std::string(sub_list.name);
      pending.remarks.clear();
      pending.remarks.shrink_to_fit();
    }
  }

  // "Linked To: X" names an entity by its primary name; give it the id when it is in this set.
  void ResolveLinks() {
    std::unordered_map<std::string_view, std::size_t> by_name;
    for (std::size_t entity_idx = 0; entity_idx < result_.entities.size(); ++entity_idx) {
      by_name.emplace(result_.entities[entity_idx].names.front().full, entity_idx);
    }
    for (core::Entity& entity : result_.entities) {
      for (core::Link& link : entity.links) {
        auto found = by_name.find(link.target_name);
        if (found == by_name.end()) found = by_name.find(link.target_name + ".");
        if (found == by_name.end() && link.target_name.ends_with('.')) {
          found = by_name.find(
              std::string_view(link.target_name).substr(0, link.target_name.size() - 1));
        }
        if (found == by_name.end()) continue;
        const core::Entity& target = result_.entities[found->second];
        link.target_name = target.names.front().full;
        link.target_id = target.id;
      }
    }
  }

  std::string list_id_;
  const SetNames& set_;
  ParsedList result_;
  std::vector<Pending> pending_;                        // by entity index
  std::unordered_map<std::string, std::size_t> index_;  // ent_num -> entity index
};

core::Result<ParsedList> ParseInputs(const std::array<Input, 4>& inputs, std::string_view list_id) {
  const SetNames* set = FindSet(list_id);
  if (set == nullptr) {
    return core::MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("list id \"{}\" is not an OFAC legacy CSV list (expected ofac_sdn or "
                    "ofac_cons)",
                    list_id));
  }
  try {
    return SetParser(list_id, *set).Run(inputs);
  } catch (const std::bad_alloc&) {
    return core::MakeError(ErrorCode::kInternal, "out of memory while parsing");
  } catch (const std::exception& error) {
    return core::MakeError(ErrorCode::kInternal, fmt::format("unexpected error: {}", error.what()));
  }
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return text;
}

core::Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    return core::MakeError(ErrorCode::kIo, "cannot open the file",
                           core::Location{path.string(), 0, {}, {}});
  }
  std::string data((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  if (stream.bad()) {
    return core::MakeError(ErrorCode::kIo, "cannot read the file",
                           core::Location{path.string(), 0, {}, {}});
  }
  return data;
}


}  // namespace

core::Result<ParsedList> ParseOfacLegacyCsvBuffers(const OfacCsvBuffers& buffers,
                                                   std::string_view list_id) {
  const SetNames* set = FindSet(list_id);
  const std::array<std::string_view, 4> data = {buffers.primary, buffers.add, buffers.alt,
                                                buffers.comments};
  std::array<Input, 4> inputs;
  for (std::size_t role = 0; role < inputs.size(); ++role) {
    inputs[role].data = data[role];
    inputs[role].present = !data[role].empty();
    if (set != nullptr) inputs[role].name = std::string(set->files[role]);
  }
  if (set != nullptr && buffers.primary.empty()) inputs[0].present = false;
  return ParseInputs(inputs, list_id);
}

core::Result<ParsedList> ParseOfacLegacyCsv(const std::vector<std::filesystem::path>& files,
                                            std::string_view list_id) {
  const SetNames* set = FindSet(list_id);
  if (set == nullptr) return ParseInputs({}, list_id);
  try {
    std::array<std::string, 4> contents;
    std::array<Input, 4> inputs;
    std::vector<SourceFile> sources;
    for (const std::filesystem::path& path : files) {
      const std::string name = Lower(path.filename().string());
      const auto role = std::find(set->files.begin(), set->files.end(), name);
      if (role == set->files.end()) {
        return core::MakeError(
            ErrorCode::kInvalidArgument,
            fmt::format("not a file of the {} legacy CSV set (expected {}, {}, {} or {})", list_id,
                        set->files[0], set->files[1], set->files[2], set->files[3]),
            core::Location{path.string(), 0, {}, {}});
      }
      const auto role_idx = static_cast<std::size_t>(role - set->files.begin());
      if (inputs[role_idx].present) {
        return core::MakeError(ErrorCode::kInvalidArgument,
                               fmt::format("{} given twice (also {})", name, inputs[role_idx].name),
                               core::Location{path.string(), 0, {}, {}});
      }
      auto data = ReadFile(path);
      if (!data) return data.error();
      contents[role_idx] = std::move(*data);
      inputs[role_idx] = Input{contents[role_idx], path.string(), true};
      sources.push_back(SourceFile{path, core::Sha256Hex(contents[role_idx]),
                                   static_cast<std::uint64_t>(contents[role_idx].size())});
    }
    auto parsed = ParseInputs(inputs, list_id);
    if (parsed) parsed->files = std::move(sources);
    return parsed;
  } catch (const std::bad_alloc&) {
    return core::MakeError(ErrorCode::kInternal, "out of memory while reading the files");
  } catch (const std::exception& error) {
    return core::MakeError(ErrorCode::kInternal, fmt::format("unexpected error: {}", error.what()));
  }
}

}  // namespace redflag::sources
