#include "devices/tables.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace redflag::devices {
namespace {

constexpr std::array<std::string_view, 5> kRelations = {"own_brand", "subsidiary", "oem",
                                                        "formerly_owned", "component"};

// Reads one table file; remembers the first error with its file and JSON path.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  std::string String(const nlohmann::json& row, const char* key, const std::string& path,
                     bool required, std::set<std::string>& used) {
    used.insert(key);
    const auto it = row.find(key);
    if (it == row.end() || !it->is_string()) {
      if (required || it != row.end()) Fail(path + "." + key, "expected a string");
      return {};
    }
    if (required && it->get<std::string>().empty()) Fail(path + "." + key, "is empty");
    return it->get<std::string>();
  }
  core::PartialDate Date(const nlohmann::json& row, const char* key, const std::string& path,
                         std::set<std::string>& used) {
    const std::string text = String(row, key, path, false, used);
    if (text.empty()) return {};
    const auto date = core::ParseDate(text);
    if (!date) Fail(path + "." + key, fmt::format("\"{}\" is not a date", text));
    return date.value_or(core::PartialDate{});
  }
  rules::Confidence Confidence(const nlohmann::json& row, const std::string& path,
                               std::set<std::string>& used) {
    const std::string text = String(row, "confidence", path, true, used);
    for (const auto level : {rules::Confidence::kLow, rules::Confidence::kMedium,
                             rules::Confidence::kHigh}) {
      if (rules::ConfidenceName(level) == text) return level;
    }
    Fail(path + ".confidence", "expected high, medium or low");
    return rules::Confidence::kLow;
  }
  void NoOtherKeys(const nlohmann::json& row, const std::string& path,
                   const std::set<std::string>& used) {
    for (const auto& [key, value] : row.items()) {
      if (!used.contains(key) && !key.starts_with("_")) Fail(path + "." + key, "unknown key");
    }
  }
  void Fail(const std::string& path, const std::string& message) {
    if (!error_) {
      error_ = core::MakeError(core::ErrorCode::kValidation, message,
                               core::Location{.file = file_, .field = path});
    }
  }
  const std::optional<core::Error>& error() const { return error_; }

 private:
  std::string file_;
  std::optional<core::Error> error_;
};

const nlohmann::json* Rows(const nlohmann::json& root, const char* key, Reader& reader) {
  const auto it = root.find(key);
  if (it == root.end() || !it->is_array()) {
    reader.Fail(key, "expected an array");
    return nullptr;
  }
  return &*it;
}

void ReadBrands(const nlohmann::json& root, Reader& reader, DeviceTables& out) {
  const nlohmann::json* rows = Rows(root, "brands", reader);
  for (std::size_t idx = 0; rows != nullptr && idx < rows->size(); ++idx) {
    const nlohmann::json& row = (*rows)[idx];
    const std::string path = fmt::format("brands[{}]", idx);
    std::set<std::string> used;
    OemBrand brand;
    brand.brand = reader.String(row, "brand", path, true, used);
    brand.folded = rules::FoldWords(brand.brand);
    brand.company = reader.String(row, "company", path, true, used);
    const std::string relation = reader.String(row, "relation", path, true, used);
    const auto* it = std::find(kRelations.begin(), kRelations.end(), relation);
    if (it == kRelations.end()) reader.Fail(path + ".relation", "unknown relation");
    else brand.relation = static_cast<Relation>(it - kRelations.begin());
    brand.from = reader.Date(row, "from", path, used);
    brand.to = reader.Date(row, "to", path, used);
    brand.confidence = reader.Confidence(row, path, used);
    brand.source = reader.String(row, "source", path, true, used);
    brand.source_date = reader.String(row, "source_date", path, true, used);
    if (brand.relation == Relation::kFormerlyOwned && brand.to.empty()) {
      reader.Fail(path + ".to", "a formerly owned brand needs the date of sale");
    }
    reader.NoOtherKeys(row, path, used);
    out.brands.push_back(std::move(brand));
  }
}

void ReadPatterns(const nlohmann::json& root, Reader& reader, DeviceTables& out) {
  const nlohmann::json* rows = Rows(root, "patterns", reader);
  for (std::size_t idx = 0; rows != nullptr && idx < rows->size(); ++idx) {
    const nlohmann::json& row = (*rows)[idx];
    const std::string path = fmt::format("patterns[{}]", idx);
    std::set<std::string> used;
    ModelPattern pattern;
    pattern.pattern = reader.String(row, "pattern", path, true, used);
    const auto star = pattern.pattern.find('*');
    if (star != std::string::npos && star + 1 != pattern.pattern.size()) {
      reader.Fail(path + ".pattern", "'*' may only end a pattern");
    }
    pattern.company = reader.String(row, "company", path, true, used);
    pattern.brand = reader.String(row, "brand", path, true, used);
    pattern.what = reader.String(row, "what", path, true, used);
    pattern.confidence = reader.Confidence(row, path, used);
    pattern.source = reader.String(row, "source", path, true, used);
    pattern.source_date = reader.String(row, "source_date", path, true, used);
    reader.NoOtherKeys(row, path, used);
    out.patterns.push_back(std::move(pattern));
  }
}

void ReadSiteReport(const nlohmann::json& root, Reader& reader, DeviceTables& out) {
  std::set<std::string> used;
  const auto part_b = root.find("part_b");
  used.insert("part_b");
  if (part_b == root.end() || !part_b->is_object()) {
    reader.Fail("part_b", "expected an object");
  } else {
    std::set<std::string> inner;
    out.part_b_from = reader.Date(*part_b, "from", "part_b", inner);
    out.part_b_citation = reader.String(*part_b, "citation", "part_b", true, inner);
    out.part_b_meaning = reader.String(*part_b, "meaning", "part_b", true, inner);
    if (out.part_b_from.empty()) reader.Fail("part_b.from", "missing");
    reader.NoOtherKeys(*part_b, "part_b", inner);
  }
  out.unknown_means = reader.String(root, "unknown_means", "", true, used);
  out.look_alike_means = reader.String(root, "look_alike_means", "", true, used);
  out.not_covered_means = reader.String(root, "not_covered_means", "", true, used);
  reader.NoOtherKeys(root, "", used);
}

}  // namespace

std::string_view RelationName(Relation relation) {
  return kRelations[static_cast<std::size_t>(relation)];
}

bool ModelPattern::Matches(std::string_view model) const {
  std::size_t at = 0;
  for (const char want : pattern) {
    if (want == '*') return true;
    if (at >= model.size()) return false;
    const auto got = static_cast<unsigned char>(model[at++]);
    const bool ok = want == '#'   ? std::isdigit(got) != 0
                    : want == '@' ? std::isalpha(got) != 0
                    : want == '?' ? true
                                  : std::tolower(got) ==
                                        std::tolower(static_cast<unsigned char>(want));
    if (!ok) return false;
  }
  return at == model.size();
}

core::Result<DeviceTables> ParseDeviceTables(
    const std::vector<std::pair<std::string, std::string>>& files) {
  DeviceTables out;
  for (const char* name : {"oem_brands.json", "model_patterns.json", "site_report.json"}) {
    const auto it = std::find_if(files.begin(), files.end(), [&](const auto& file) {
      return std::filesystem::path(file.first).filename() == name;
    });
    if (it == files.end()) {
      return core::MakeError(core::ErrorCode::kNotFound, "device table missing",
                             core::Location{.file = name});
    }
    Reader reader(it->first);
    const nlohmann::json root = nlohmann::json::parse(it->second, nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
      reader.Fail("", "not a JSON object");
    } else if (std::string_view(name) == "oem_brands.json") {
      ReadBrands(root, reader, out);
      reader.NoOtherKeys(root, "", {"brands"});
    } else if (std::string_view(name) == "model_patterns.json") {
      ReadPatterns(root, reader, out);
      reader.NoOtherKeys(root, "", {"patterns"});
    } else {
      ReadSiteReport(root, reader, out);
    }
    if (reader.error()) return *reader.error();
  }
  return out;
}

core::Result<DeviceTables> LoadDeviceTables(const std::filesystem::path& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const char* name : {"oem_brands.json", "model_patterns.json", "site_report.json"}) {
    std::ifstream in(dir / name, std::ios::binary);
    if (!in) {
      return core::MakeError(core::ErrorCode::kNotFound, "cannot open the device table",
                             core::Location{.file = (dir / name).string()});
    }
    std::ostringstream text;
    text << in.rdbuf();
    files.emplace_back((dir / name).string(), text.str());
  }
  return ParseDeviceTables(files);
}

std::filesystem::path DefaultDeviceTablesDir() {
  std::filesystem::path dir = rules::DefaultRulesDir();
  if (!dir.has_filename()) dir = dir.parent_path();
  return dir.parent_path() / "devices";
}

}  // namespace redflag::devices
