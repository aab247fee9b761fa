// Test helpers shared by the store tests: hand-built entities and parsed lists.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/entity.h"
#include "core/parsed_list.h"

namespace redflag::store::testing {

// An entity with every field of core::Entity set to a distinct non-default value.
inline core::Entity FullEntity(const std::string& list_id, const std::string& native_id) {
  core::Entity e;
  e.id = core::MakeEntityId(list_id, native_id);
  e.list_id = list_id;
  e.native_id = native_id;
  e.type = core::EntityType::kPerson;
  e.names = {
      core::Name{.full = "HAMID, Mustafa",
                 .kind = core::NameKind::kPrimary,
                 .script = "",
                 .language = "en",
                 .given = "Mustafa",
                 .family = "HAMID"},
      core::Name{.full = "Хамид Мустафа",
                 .kind = core::NameKind::kStrongAka,
                 .script = "Cyrl",
                 .language = "ru"},
      core::Name{.full = "M. Hamid", .kind = core::NameKind::kWeakAka},
      core::Name{.full = "海康威视", .kind = core::NameKind::kFka, .script = "Hani"},
      core::Name{.full = "Hamid Holding", .kind = core::NameKind::kNka},
  };
  e.addresses = {core::Address{.street = "1 Main St",
                               .city = "Hangzhou",
                               .state = "Zhejiang",
                               .postal_code = "310051",
                               .country = "CN",
                               .country_raw = "China",
                               .full = "1 Main St, Hangzhou"}};
  e.identifiers = {
      core::Identifier{.type = core::IdType::kPassport,
                       .type_raw = "Passport",
                       .value = "A123",
                       .country = "IR",
                       .scheme = "",
                       .note = "issued 2001"},
      core::Identifier{.type = core::IdType::kCryptoAddress,
                       .type_raw = "Digital Currency Address - XBT",
                       .value = "1ABC",
                       .scheme = "XBT"},
      core::Identifier{.type = core::IdType::kMacPrefix, .value = "4419B6"},
  };
  e.birth_dates = {core::BirthDate{
      .from = {1960, 2, 3}, .to = {1962, 0, 0}, .circa = true, .raw = "circa 1960 to 1962"}};
  e.places_of_birth = {"Tehran, Iran"};
  e.nationalities = {"IR", "IQ"};
  e.citizenships = {"IR"};
  e.gender = "male";
  e.titles = {"Dr.", "General"};
  e.listings = {core::Listing{.list_id = list_id,
                              .list_name = "Entity List (EL) - Bureau of Industry and Security",
                              .list_code = "EL",
                              .programs = {"IRAN", "SDGT"},
                              .start = {2019, 10, 9},
                              .end = {2025, 11, 19},
                              .divestment = {2021, 11, 11},
                              .federal_register = {"84 FR 54002", "85 FR 44159"},
                              .license_requirement = "For all items subject to the EAR.",
                              .license_policy = "Presumption of denial.",
                              .standard_order = "Y",
                              .action = "Added",
                              .source_url = "https://example.gov/list",
                              .remarks = "listing remark"}};
  e.links = {core::Link{.relation = "owned_by",
                        .target_name = "Parent Co",
                        .target_id = list_id + ":1",
                        .percent = 50.5},
             core::Link{.relation = "linked_to", .target_name = "Other"}};
  e.vessel = core::VesselInfo{.call_sign = "EPBZ",
                              .vessel_type = "Crude Oil Tanker",
                              .tonnage = "150,000",
                              .gross_registered_tonnage = "80,000",
                              .flag = "IR",
                              .owner = "NITC"};
  e.remarks = "DOB 03 Feb 1960; nationality Iran.";
  return e;
}

// A small organization entity.
inline core::Entity SmallEntity(const std::string& list_id, const std::string& native_id,
                                const std::string& name) {
  core::Entity e;
  e.id = core::MakeEntityId(list_id, native_id);
  e.list_id = list_id;
  e.native_id = native_id;
  e.type = core::EntityType::kOrganization;
  e.names = {core::Name{.full = name}};
  e.listings = {core::Listing{
      .list_id = list_id, .list_name = "Test List", .list_code = "TL", .programs = {"PROG"}}};
  return e;
}

// A ParsedList with one fake file whose "hash" is derived from `file_tag`.
inline core::ParsedList MakeList(const std::string& list_id, std::vector<core::Entity> entities,
                                    const std::string& file_tag) {
  core::ParsedList list;
  list.list_id = list_id;
  list.format = "test_format";
  std::string hash = file_tag;
  hash.resize(64, '0');
  list.files = {
      core::SourceFile{.path = "/data/" + file_tag + ".csv", .sha256 = hash, .size = 1234}};
  list.published = {2024, 5, 3};
  list.entities = std::move(entities);
  return list;
}

// A fresh, empty temporary directory, unique per test (fixed seed is not needed: the name only
// has to be unique, and it is removed by the caller's TempDir guard).
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    std::random_device device;
    path_ = std::filesystem::temp_directory_path() /
            ("redflag-" + tag + "-" + std::to_string(device()) + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::filesystem::path DataDir() {
  const char* dir = std::getenv("REDFLAG_DATA_DIR");
  return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path();
}

}  // namespace redflag::store::testing
