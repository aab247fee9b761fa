// The device tables of the section 889 site report (data/devices/*.json, rules are data):
// dated OEM/relabelled brands, model-number patterns and the Part B text. Each row carries its
// public source and date.
//
// Loading is strict: an unknown key, relation or confidence, a bad date or a pattern with '*'
// before its end fails with kValidation naming the file and the JSON path. Immutable after
// loading; share between threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "rules/rule_set.h"

namespace redflag::devices {

enum class Relation : std::uint8_t { kOwnBrand, kSubsidiary, kOem, kFormerlyOwned, kComponent };
std::string_view RelationName(Relation relation);

struct OemBrand {
  std::string brand;
  std::string folded;  // rules::FoldWords(brand)
  std::string company;
  Relation relation = Relation::kOwnBrand;
  core::PartialDate from;  // empty = open
  core::PartialDate to;
  rules::Confidence confidence = rules::Confidence::kLow;
  std::string source;
  std::string source_date;
};

struct ModelPattern {
  std::string pattern;  // "DS-2CD*": # digit, @ letter, ? any, * (last) the rest
  std::string company;
  std::string brand;
  std::string what;
  rules::Confidence confidence = rules::Confidence::kLow;
  std::string source;
  std::string source_date;

  bool Matches(std::string_view model) const;
};

struct DeviceTables {
  std::vector<OemBrand> brands;
  std::vector<ModelPattern> patterns;
  core::PartialDate part_b_from;
  std::string part_b_citation;
  std::string part_b_meaning;
  std::string unknown_means;
  std::string look_alike_means;
  std::string not_covered_means;
};

// The three files {name, content}: oem_brands.json, model_patterns.json, site_report.json.
core::Result<DeviceTables> ParseDeviceTables(
    const std::vector<std::pair<std::string, std::string>>& files);
core::Result<DeviceTables> LoadDeviceTables(const std::filesystem::path& dir);
// data/devices beside data/rules (rules::DefaultRulesDir).
std::filesystem::path DefaultDeviceTablesDir();

}  // namespace redflag::devices
