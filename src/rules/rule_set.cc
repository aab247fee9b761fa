#include "rules/rule_set.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "core/country.h"
#include "core/enum_names.h"

namespace redflag::rules {
namespace {

using nlohmann::json;

constexpr core::NameTable<Effect, 5> kEffects = {{
    {Effect::kClear, "clear"},
    {Effect::kReview, "review"},
    {Effect::kLicenseRequired, "license_required"},
    {Effect::kProhibited, "prohibited"},
    {Effect::kBlocked, "blocked"},
}};

constexpr core::NameTable<RuleKind, 8> kKinds = {{
    {RuleKind::kListParty, "list_party"},
    {RuleKind::kEntityListLicense, "entity_list_license"},
    {RuleKind::kMeuLicense, "meu_license"},
    {RuleKind::kOwnership, "ownership"},
    {RuleKind::kAffiliates, "affiliates"},
    {RuleKind::kCmic, "cmic"},
    {RuleKind::kNdaa889, "ndaa889"},
    {RuleKind::kEmbargo, "embargo"},
}};

// Reading one file: every accessor records the first error with file and JSON path.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  bool failed() const { return error_.has_value(); }
  const core::Error& error() const { return *error_; }

  void Fail(const std::string& path, std::string message) {
    if (error_) return;
    error_ =
        core::MakeError(core::ErrorCode::kInvalidArgument, fmt::format("rule file: {}", message),
                        core::Location{.file = file_, .field = path});
  }

  std::string String(const json& object, const char* key, const std::string& path, bool required) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) Fail(path + "." + key, "is required");
      return {};
    }
    if (!it->is_string()) {
      Fail(path + "." + key, fmt::format("expected a string, got {}", it->type_name()));
      return {};
    }
    return it->get<std::string>();
  }

  std::vector<std::string> Strings(const json& object, const char* key, const std::string& path,
                                   bool required) {
    std::vector<std::string> out;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) Fail(path + "." + key, "is required");
      return out;
    }
    if (it->is_string() && it->get<std::string>() == "*") return out;
    if (!it->is_array()) {
      Fail(path + "." + key, "expected an array of strings or \"*\"");
      return out;
    }
    for (std::size_t idx = 0; idx < it->size(); ++idx) {
      if (!(*it)[idx].is_string()) {
        Fail(fmt::format("{}.{}[{}]", path, key, idx), "expected a string");
        return out;
      }
      out.push_back((*it)[idx].get<std::string>());
    }
    return out;
  }

  core::PartialDate Date(const std::string& text, const std::string& path) {
    const auto date = core::ParseDate(text);
    if (!date || !date->full() || text.size() != 10) {
      Fail(path, fmt::format("\"{}\" is not a date (expected YYYY-MM-DD)", text));
      return {};
    }
    return *date;
  }

  double Number(const json& object, const char* key, const std::string& path, double fallback) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return fallback;
    if (!it->is_number()) {
      Fail(path + "." + key, "expected a number");
      return fallback;
    }
    return it->get<double>();
  }

  Confidence ConfidenceOf(const json& object, const std::string& path) {
    const std::string text = String(object, "confidence", path, true);
    if (text == "high") return Confidence::kHigh;
    if (text == "medium") return Confidence::kMedium;
    if (text == "low") return Confidence::kLow;
    if (!failed()) Fail(path + ".confidence", "expected high, medium or low");
    return Confidence::kLow;
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::optional<core::Error> error_;
};

const json* Array(Reader& reader, const json& object, const char* key, const std::string& path) {
  const auto it = object.find(key);
  if (it == object.end()) return nullptr;
  if (!it->is_array()) {
    reader.Fail(path + key, "expected an array");
    return nullptr;
  }
  return &*it;
}

void ReadEffective(Reader& reader, const json& node, const std::string& path, Rule& rule) {
  const auto it = node.find("effective");
  if (it == node.end() || it->is_null()) return;
  if (!it->is_object()) {
    reader.Fail(path + ".effective", "expected an object {from, to, suspended}");
    return;
  }
  const std::string from = reader.String(*it, "from", path + ".effective", false);
  if (from == "listing_start") {
    rule.from_listing_start = true;
  } else if (!from.empty()) {
    rule.from = reader.Date(from, path + ".effective.from");
  }
  const std::string to = reader.String(*it, "to", path + ".effective", false);
  if (to == "listing_end") {
    rule.to_listing_end = true;
  } else if (!to.empty()) {
    rule.to = reader.Date(to, path + ".effective.to");
  }
  if (const json* suspended = Array(reader, *it, "suspended", path + ".effective.")) {
    for (std::size_t idx = 0; idx < suspended->size(); ++idx) {
      const std::string window_path = fmt::format("{}.effective.suspended[{}]", path, idx);
      const json& window = (*suspended)[idx];
      if (!window.is_object()) {
        reader.Fail(window_path, "expected an object {from, to, citation}");
        return;
      }
      Suspension suspension;
      suspension.from =
          reader.Date(reader.String(window, "from", window_path, true), window_path + ".from");
      suspension.to =
          reader.Date(reader.String(window, "to", window_path, true), window_path + ".to");
      suspension.citation = reader.String(window, "citation", window_path, false);
      if (!reader.failed() && suspension.to < suspension.from) {
        reader.Fail(window_path, "suspension ends before it starts");
      }
      rule.suspended.push_back(std::move(suspension));
    }
  }
}

void ReadRule(Reader& reader, const json& node, const std::string& path, RuleSet& set) {
  if (!node.is_object()) {
    reader.Fail(path, "expected an object");
    return;
  }
  Rule rule;
  rule.file = reader.file();
  rule.id = reader.String(node, "id", path, true);
  const std::string kind = reader.String(node, "kind", path, true);
  const std::optional<RuleKind> known_kind = core::ValueIn(kKinds, kind);
  if (known_kind) rule.kind = *known_kind;
  if (!known_kind && !reader.failed()) {
    reader.Fail(path + ".kind", fmt::format("unknown rule kind \"{}\"", kind));
  }
  rule.lists = reader.Strings(node, "lists", path, true);
  if (rule.lists.empty()) rule.lists = {"*"};
  rule.list_name = reader.String(node, "list_name", path, true);
  for (const std::string& type : reader.Strings(node, "transaction_types", path, true)) {
    const auto parsed = ParseTransactionType(type);
    if (!parsed) {
      reader.Fail(path + ".transaction_types",
                  fmt::format("unknown transaction type \"{}\"", type));
    } else {
      rule.types.push_back(*parsed);
    }
  }
  for (const std::string& role : reader.Strings(node, "roles", path, true)) {
    const auto parsed = ParseRole(role);
    if (!parsed) {
      reader.Fail(path + ".roles", fmt::format("unknown role \"{}\"", role));
    } else {
      rule.roles.push_back(*parsed);
    }
  }
  const std::string effect = reader.String(node, "effect", path, true);
  if (const auto parsed = ParseEffect(effect)) {
    rule.effect = *parsed;
  } else if (!reader.failed()) {
    reader.Fail(path + ".effect", fmt::format("unknown effect \"{}\" (expected clear, review, "
                                              "license_required, prohibited or blocked)",
                                              effect));
  }
  rule.citation = reader.String(node, "citation", path, true);
  rule.meaning = reader.String(node, "meaning", path, true);
  rule.action = reader.String(node, "action", path, false);
  rule.items = reader.String(node, "items", path, false);
  if (rule.items.empty()) rule.items = "subject";
  if (rule.items != "subject" && rule.items != "ccl" && rule.items != "any") {
    reader.Fail(path + ".items", fmt::format("unknown item scope \"{}\" (expected subject, ccl "
                                             "or any)",
                                             rule.items));
  }
  rule.threshold_percent = reader.Number(node, "threshold_percent", path, 50);
  if (rule.threshold_percent <= 0 || rule.threshold_percent > 100) {
    reader.Fail(path + ".threshold_percent", "expected a number in (0, 100]");
  }
  ReadEffective(reader, node, path, rule);
  if (!reader.failed() && set.Find(rule.id) != nullptr) {
    reader.Fail(path + ".id", fmt::format("duplicate rule id \"{}\"", rule.id));
  }
  set.rules.push_back(std::move(rule));
}

void ReadBrands(Reader& reader, const json& value, const std::string& key, RuleSet& set) {
  if (!value.is_array()) {
    reader.Fail(key, "expected an array");
    return;
  }
  for (std::size_t idx = 0; idx < value.size(); ++idx) {
    const std::string path = fmt::format("{}[{}]", key, idx);
    Brand brand;
    brand.brand = reader.String(value[idx], "brand", path, true);
    brand.company = reader.String(value[idx], "company", path, true);
    brand.confidence = reader.ConfidenceOf(value[idx], path);
    brand.source = reader.String(value[idx], "source", path, true);
    // Ownership dates: YYYY, YYYY-MM or YYYY-MM-DD (a sale is often known to the month).
    for (const auto& [field, date] : {std::pair{"owned_from", &brand.owned_from},
                                      std::pair{"owned_until", &brand.owned_until}}) {
      const std::string text = reader.String(value[idx], field, path, false);
      if (text.empty()) continue;
      const auto parsed = core::ParseDate(text);
      if (!parsed) {
        reader.Fail(path + "." + field, fmt::format("\"{}\" is not a date", text));
      } else {
        *date = *parsed;
      }
    }
    brand.ownership_source = reader.String(value[idx], "ownership_source", path, false);
    if (!reader.failed() && FoldWords(brand.brand).empty()) {
      reader.Fail(path + ".brand", "has no letters or digits");
    }
    set.brands.push_back(std::move(brand));
  }
}

// A date field "YYYY-MM-DD" (optional when `required` is false); empty when absent.
core::PartialDate ReadDate(Reader& reader, const json& node, const char* field,
                           const std::string& path, bool required) {
  const std::string text = reader.String(node, field, path, required);
  if (text.empty()) return {};
  return reader.Date(text, path + "." + field);
}

bool ValidScopePattern(const std::string& pattern) {
  if (pattern.size() == 1) return std::isupper(static_cast<unsigned char>(pattern[0])) != 0;
  if (pattern.size() == 2) {
    return std::isdigit(static_cast<unsigned char>(pattern[0])) &&
           std::isupper(static_cast<unsigned char>(pattern[1]));
  }
  return NormalizeEccn(pattern).has_value();
}

void ReadFdpFootnotes(Reader& reader, const json& value, const std::string& key, RuleSet& set) {
  if (!value.is_array()) {
    reader.Fail(key, "expected an array");
    return;
  }
  for (std::size_t idx = 0; idx < value.size() && !reader.failed(); ++idx) {
    const std::string path = fmt::format("{}[{}]", key, idx);
    const json& node = value[idx];
    FdpFootnote footnote;
    footnote.footnote = static_cast<int>(reader.Number(node, "footnote", path, 0));
    footnote.paragraph = reader.String(node, "paragraph", path, true);
    footnote.sections = reader.Strings(node, "sections", path, false);
    footnote.citation = reader.String(node, "citation", path, true);
    footnote.description = reader.String(node, "description", path, true);
    footnote.from = ReadDate(reader, node, "from", path, true);
    footnote.full_scope_from = ReadDate(reader, node, "full_scope_from", path, false);
    footnote.before_full_scope = reader.String(node, "before_full_scope", path, false);
    footnote.product_scope = reader.Strings(node, "product_scope", path, true);
    footnote.item_scope = reader.Strings(node, "item_scope", path, false);
    footnote.product_scope_text = reader.String(node, "product_scope_text", path, true);
    footnote.knowledge = reader.String(node, "knowledge", path, true);
    for (const auto* patterns : {&footnote.product_scope, &footnote.item_scope}) {
      for (const std::string& pattern : *patterns) {
        if (!ValidScopePattern(pattern)) {
          reader.Fail(path, fmt::format("\"{}\" is not an ECCN, a category with product group "
                                        "(\"3D\") or a product group (\"D\")",
                                        pattern));
        }
      }
    }
    if (!reader.failed() && footnote.footnote <= 0) reader.Fail(path + ".footnote", "expected 1..99");
    set.fdp_footnotes.push_back(std::move(footnote));
  }
}

DatedClause ReadClause(Reader& reader, const json& node, const char* field,
                       const std::string& path) {
  DatedClause clause;
  const auto it = node.find(field);
  if (it == node.end()) return clause;
  const std::string at = path + "." + field;
  clause.from = ReadDate(reader, *it, "from", at, true);
  clause.to = ReadDate(reader, *it, "to", at, true);
  clause.citation = reader.String(*it, "citation", at, true);
  clause.text = reader.String(*it, "text", at, true);
  clause.co_owner_countries = reader.Strings(*it, "co_owner_countries", at, false);
  return clause;
}

void ReadAffiliates(Reader& reader, const json& node, const std::string& key,
                    AffiliatesTerms& out) {
  if (!node.is_object()) {
    reader.Fail(key, "expected an object");
    return;
  }
  out.sdn_programs = reader.Strings(node, "sdn_programs", key, true);
  out.sdn_citation = reader.String(node, "sdn_citation", key, true);
  out.foreign_only = reader.String(node, "foreign_only", key, true);
  out.temporary_general_licence = ReadClause(reader, node, "temporary_general_licence", key);
  out.savings_clause = ReadClause(reader, node, "savings_clause", key);
  out.data_as_of = ReadDate(reader, node, "data_as_of", key, true);
  out.extension_note = reader.String(node, "extension_note", key, true);
}

void ReadProgramAuthorities(Reader& reader, const json& value, const std::string& key,
                            RuleSet& set) {
  if (!value.is_array()) {
    reader.Fail(key, "expected an array");
    return;
  }
  for (std::size_t idx = 0; idx < value.size() && !reader.failed(); ++idx) {
    const std::string path = fmt::format("{}[{}]", key, idx);
    ProgramAuthority row;
    row.program = reader.String(value[idx], "program", path, true);
    row.authority = reader.String(value[idx], "authority", path, true);
    if (!reader.failed() && set.FindProgram(row.program) != nullptr) {
      reader.Fail(path + ".program", fmt::format("duplicate programme \"{}\"", row.program));
    }
    const auto at = std::lower_bound(
        set.program_authorities.begin(), set.program_authorities.end(), row.program,
        [](const ProgramAuthority& one, const std::string& program) { return one.program < program; });
    set.program_authorities.insert(at, std::move(row));
  }
}

void ReadFile(Reader& reader, const json& root, RuleSet& set) {
  if (!root.is_object()) {
    reader.Fail("", "a rule file is a JSON object");
    return;
  }
  for (const auto& [key, value] : root.items()) {
    if (!key.empty() && key[0] == '_') continue;  // comments: "_about", "_note"
    if (key == "rules") {
      if (!value.is_array()) {
        reader.Fail("rules", "expected an array");
        return;
      }
      for (std::size_t idx = 0; idx < value.size() && !reader.failed(); ++idx) {
        ReadRule(reader, value[idx], fmt::format("rules[{}]", idx), set);
      }
    } else if (key == "de_minimis") {
      set.de_minimis.percent = reader.Number(value, "percent", key, 25);
      set.de_minimis.restricted_percent = reader.Number(value, "restricted_percent", key, 10);
      for (const std::string& country :
           reader.Strings(value, "restricted_destinations", key, true)) {
        const std::string code = core::CountryCode(country);
        if (code.empty()) {
          reader.Fail(key + ".restricted_destinations",
                      fmt::format("\"{}\" is not a country", country));
        }
        set.de_minimis.restricted_destinations.push_back(code);
      }
      set.de_minimis.citation = reader.String(value, "citation", key, true);
    } else if (key == "us_origin_citation") {
      if (!value.is_string())
        reader.Fail(key, "expected a string");
      else
        set.us_origin_citation = value.get<std::string>();
    } else if (key == "us_located_citation") {
      if (!value.is_string())
        reader.Fail(key, "expected a string");
      else
        set.us_located_citation = value.get<std::string>();
    } else if (key == "unknown_origin_note") {
      continue;
    } else if (key == "fdp_footnotes") {
      ReadFdpFootnotes(reader, value, key, set);
      if (reader.failed()) return;
    } else if (key == "meu_items") {
      set.meu_items_citation = reader.String(value, "citation", key, true);
      set.meu_items_note = reader.String(value, "note", key, false);
      for (const std::string& eccn : reader.Strings(value, "eccns", key, true)) {
        const auto normalized = NormalizeEccn(eccn);
        if (!normalized) {
          reader.Fail(key + ".eccns", fmt::format("\"{}\" is not an ECCN", eccn));
        } else {
          set.meu_items.push_back(*normalized);
        }
      }
    } else if (key == "covered_companies") {
      if (!value.is_array()) {
        reader.Fail(key, "expected an array");
        return;
      }
      for (std::size_t idx = 0; idx < value.size(); ++idx) {
        const std::string path = fmt::format("{}[{}]", key, idx);
        CoveredCompany company;
        company.company = reader.String(value[idx], "company", path, true);
        company.names = reader.Strings(value[idx], "names", path, true);
        company.equipment = reader.String(value[idx], "equipment", path, true);
        if (company.names.empty()) reader.Fail(path + ".names", "needs at least one name");
        set.covered_companies.push_back(std::move(company));
      }
    } else if (key == "brands") {
      ReadBrands(reader, value, key, set);
      if (reader.failed()) return;
    } else if (key == "oui_patterns") {
      if (!value.is_array()) {
        reader.Fail(key, "expected an array");
        return;
      }
      for (std::size_t idx = 0; idx < value.size(); ++idx) {
        const std::string path = fmt::format("{}[{}]", key, idx);
        OuiPattern pattern;
        pattern.pattern = FoldWords(reader.String(value[idx], "pattern", path, true));
        pattern.company = reader.String(value[idx], "company", path, true);
        pattern.confidence = reader.ConfidenceOf(value[idx], path);
        pattern.note = reader.String(value[idx], "note", path, false);
        if (!reader.failed() && pattern.pattern.empty()) {
          reader.Fail(path + ".pattern", "has no letters or digits");
        }
        set.oui_patterns.push_back(std::move(pattern));
      }
    } else if (key == "listing_lag") {
      set.listing_lag.days = static_cast<int>(reader.Number(value, "days", key, 90));
      set.listing_lag.citation = reader.String(value, "citation", key, true);
      set.listing_lag.note = reader.String(value, "note", key, true);
    } else if (key == "federal_nexus") {
      set.federal_nexus.citation = reader.String(value, "citation", key, true);
      set.federal_nexus.note = reader.String(value, "note", key, true);
    } else if (key == "affiliates") {
      ReadAffiliates(reader, value, key, set.affiliates);
      if (reader.failed()) return;
    } else if (key == "program_authorities") {
      ReadProgramAuthorities(reader, value, key, set);
      if (reader.failed()) return;
    } else if (key == "cmic_later_additions") {
      set.cmic_terms.effective_days = static_cast<int>(reader.Number(value, "effective_days", key, 60));
      set.cmic_terms.divestment_days =
          static_cast<int>(reader.Number(value, "divestment_days", key, 365));
      set.cmic_terms.citation = reader.String(value, "citation", key, true);
    } else if (key == "ignore_list_ids") {
      for (const std::string& id : reader.Strings(root, "ignore_list_ids", "", true)) {
        set.ignored_list_ids.push_back(id);
      }
    } else {
      reader.Fail(key, fmt::format("unknown key \"{}\"", key));
    }
    if (reader.failed()) return;
  }
}

}  // namespace

std::string_view EffectName(Effect effect) { return core::NameIn(kEffects, effect, "review"); }

std::optional<Effect> ParseEffect(std::string_view text) { return core::ValueIn(kEffects, text); }

std::string_view RuleKindName(RuleKind kind) { return core::NameIn(kKinds, kind, "unknown"); }

std::string_view ConfidenceName(Confidence confidence) {
  switch (confidence) {
    case Confidence::kHigh:
      return "high";
    case Confidence::kMedium:
      return "medium";
    case Confidence::kLow:
      return "low";
  }
  return "low";
}

const ProgramAuthority* RuleSet::FindProgram(std::string_view program) const {
  const auto at = std::lower_bound(
      program_authorities.begin(), program_authorities.end(), program,
      [](const ProgramAuthority& one, std::string_view tag) { return one.program < tag; });
  return at != program_authorities.end() && at->program == program ? &*at : nullptr;
}

bool Rule::AppliesToType(TransactionType type) const {
  return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
}

bool Rule::AppliesToRole(Role role) const {
  return roles.empty() || std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Rule::NamesList(std::string_view list_code) const {
  return std::find(lists.begin(), lists.end(), list_code) != lists.end();
}

const Rule* RuleSet::Find(std::string_view id) const {
  for (const Rule& rule : rules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

core::Result<RuleSet> ParseRuleSet(const std::vector<std::pair<std::string, std::string>>& files) {
  RuleSet set;
  for (const auto& [name, content] : files) {
    Reader reader(name);
    json root;
    try {
      root = json::parse(content);
    } catch (const json::exception& error) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             fmt::format("rule file is not valid JSON: {}", error.what()),
                             core::Location{.file = name});
    }
    ReadFile(reader, root, set);
    if (reader.failed()) return reader.error();
  }
  if (set.rules.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "no rules in the rule files");
  }
  return set;
}

core::Result<RuleSet> LoadRuleSet(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> paths;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".json") paths.push_back(it->path());
  }
  if (ec) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           fmt::format("cannot read the rules directory: {}", ec.message()),
                           core::Location{.file = dir.string()});
  }
  if (paths.empty()) {
    return core::MakeError(core::ErrorCode::kNotFound, "no rule files (*.json) in the directory",
                           core::Location{.file = dir.string()});
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in && !in.eof()) {
      return core::MakeError(core::ErrorCode::kIo, "cannot read rule file",
                             core::Location{.file = path.string()});
    }
    files.emplace_back(path.string(), content.str());
  }
  return ParseRuleSet(files);
}

std::filesystem::path DefaultRulesDir() {
  if (const char* env = std::getenv("REDFLAG_RULES_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return std::filesystem::path(REDFLAG_SOURCE_DIR) / "data" / "rules";
}

std::string FoldWords(std::string_view text) {
  std::string out;
  bool gap = false;
  for (const char ch : text) {
    const unsigned char byte = static_cast<unsigned char>(ch);
    if (byte < 0x80 && std::isalnum(byte)) {
      if (gap && !out.empty()) out += ' ';
      gap = false;
      out += static_cast<char>(std::tolower(byte));
    } else {
      gap = true;
    }
  }
  return out;
}

bool ContainsWords(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return false;
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + 1)) {
    const bool left = at == 0 || haystack[at - 1] == ' ';
    const std::size_t end = at + needle.size();
    const bool right = end == haystack.size() || haystack[end] == ' ';
    if (left && right) return true;
  }
  return false;
}

}  // namespace redflag::rules
