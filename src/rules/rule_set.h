// Rules as data: what a list means, for which transaction types and party roles, from which date
// to which date, with which citation. Read from the readable JSON files in data/rules/ (every
// *.json there; docs/rules.md describes the format). The engine code implements a fixed set of
// rule kinds; everything a compliance officer would want to change (lists, roles, dates,
// suspensions, thresholds, brand and OUI tables, citations, wording) is in the files.
//
// Loading is strict: an unknown kind, effect, role, transaction type or top-level key, a missing
// field or a malformed date gives an Error kInvalidArgument naming the file and the JSON path.
// A RuleSet is an immutable value after loading; share it freely between threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "rules/cmic_dates.h"
#include "rules/transaction.h"

namespace redflag::rules {

// Ordered by severity: the decision's outcome is the most severe finding.
enum class Effect : std::uint8_t { kClear, kReview, kLicenseRequired, kProhibited, kBlocked };
std::string_view EffectName(Effect effect);  // "clear", "review", "license_required", ...
std::optional<Effect> ParseEffect(std::string_view text);

enum class RuleKind : std::uint8_t {
  kListParty,          // a screened party on the rule's lists, in the rule's roles and types
  kEntityListLicense,  // Entity List licence with per-item review policy and EAR scope
  kMeuLicense,         // Military End-User licence for Supplement No. 2 items
  kOwnership,          // OFAC 50 percent rule over the party's stated owners
  kAffiliates,         // BIS Affiliates rule over the party's stated owners
  kCmic,               // NS-CMIC securities purchases and sales
  kNdaa889,            // NDAA FY2019 s.889 covered equipment
  kEmbargo,            // a comprehensively embargoed destination; `lists` = ISO country codes
};
std::string_view RuleKindName(RuleKind kind);

// A period in which the rule does not apply, both ends inclusive.
struct Suspension {
  core::PartialDate from;
  core::PartialDate to;
  std::string citation;
};

struct Rule {
  std::string id;
  RuleKind kind = RuleKind::kListParty;
  std::vector<std::string> lists;      // Listing.list_code values; "*" = any list no other
                                       // rule names
  std::string list_name;               // the list in words, used in findings
  std::vector<TransactionType> types;  // empty = every type
  std::vector<Role> roles;             // empty = every role
  Effect effect = Effect::kReview;
  std::string citation;
  // Effective period. `from_listing_start`: from the entry's start date (when it has one);
  // `to_listing_end`: through the entry's end date (when it has one). Fixed dates otherwise;
  // empty dates are open ends.
  bool from_listing_start = false;
  bool to_listing_end = false;
  core::PartialDate from;
  core::PartialDate to;
  std::vector<Suspension> suspended;
  double threshold_percent = 50;  // kOwnership / kAffiliates
  // kEmbargo: which items carry the effect: "subject" (items subject to the EAR), "ccl" (items
  // subject to the EAR and classified other than EAR99; EAR99 items give review), "any".
  std::string items = "subject";
  std::string meaning;  // what the rule means for the transaction
  std::string action;   // what to do
  std::string file;     // the rule file it came from

  bool AppliesToType(TransactionType type) const;
  bool AppliesToRole(Role role) const;
  bool NamesList(std::string_view list_code) const;
};

struct DeMinimis {
  double percent = 25;
  double restricted_percent = 10;
  std::vector<std::string> restricted_destinations;
  std::string citation;
};

// One foreign-direct-product footnote of the Entity List (Supplement No. 4 to part 744) and the
// paragraph of 15 CFR 734.9 it designates (export_scope.json, fdp_footnotes).
struct FdpFootnote {
  int footnote = 0;
  std::string paragraph;              // "734.9(e)(1)"
  std::vector<std::string> sections;  // citations meaning this footnote when no mark is written
  std::string citation;
  std::string description;
  core::PartialDate from;             // first day the paragraph applies
  core::PartialDate full_scope_from;  // first day of the current scope (empty: same as from)
  std::string before_full_scope;      // the earlier, narrower scope in words
  // Product scope: the US technology or software (or the plant) the item is a direct product
  // of. "3E001" = that ECCN or its sub-paragraphs; "3D" = product group D of category 3;
  // "D" = product group D of any category.
  std::vector<std::string> product_scope;
  std::vector<std::string> item_scope;  // the same patterns for the item's own ECCN; empty = any
  std::string product_scope_text;       // the product scope in words, quoted in reasons
  std::string knowledge;                // the knowledge (end-user) condition in words
  // True when this footnote's entry, as a party to the transaction, meets the knowledge
  // condition by itself ("any entity with a footnote N designation is a party").
  bool party_meets_knowledge = true;
};

struct CoveredCompany {
  std::string company;             // "Hikvision"
  std::vector<std::string> names;  // names and subsidiaries screened against vendor names
  std::string equipment;
};

enum class Confidence : std::uint8_t { kLow, kMedium, kHigh };
std::string_view ConfidenceName(Confidence confidence);

struct Brand {
  std::string brand;
  std::string company;
  Confidence confidence = Confidence::kLow;
  std::string source;
  // When the company owned the brand, as far as known (empty = open end); stated in findings.
  core::PartialDate owned_from;
  core::PartialDate owned_until;
  std::string ownership_source;
};

struct OuiPattern {
  std::string pattern;  // lower-case words; matched as whole words in the normalized org name
  std::string company;
  Confidence confidence = Confidence::kLow;
  std::string note;
};

// How long before an entry's start date (as the list gives it) a confident match is still a
// review: lists are published after the Federal Register rule takes effect.
struct ListingLag {
  int days = 90;
  std::string citation;
  std::string note;
};

// NDAA s.889 binds executive agencies and their contractors and grantees only: without a federal
// nexus (Transaction::federal, Party::federal) a covered device is a review, not a prohibition.
struct FederalNexus {
  std::string citation;
  std::string note;
};

// A period of the BIS Affiliates rule with its own treatment (temporary general licence, savings
// clause), both ends inclusive.
struct DatedClause {
  core::PartialDate from;
  core::PartialDate to;
  std::string citation;
  std::string text;
  std::vector<std::string> co_owner_countries;  // the TGL: where a co-owner makes it apply
  bool Covers(core::PartialDate date) const {
    return !from.empty() && date.ToDays() >= from.ToDays() && date.ToDays() <= to.ToDays();
  }
};

// The BIS Affiliates rule's details (bis_affiliates.json, affiliates).
struct AffiliatesTerms {
  std::vector<std::string> sdn_programs;  // SDN owners count only under these programmes
  std::string sdn_citation;
  std::string foreign_only;
  DatedClause temporary_general_licence;
  DatedClause savings_clause;
  core::PartialDate data_as_of;  // the newest notice the data records
  std::string extension_note;    // said after the last suspension while data_as_of < date
};

// The legal authority of one sanctions programme tag ("GLOMAG": "EO 13818; ... 31 CFR part 583"),
// appended to the citation of findings on listings that carry the tag (ofac_programs.json).
struct ProgramAuthority {
  std::string program;
  std::string authority;
};

struct RuleSet {
  std::vector<Rule> rules;
  DeMinimis de_minimis;
  std::string us_origin_citation;
  std::string us_located_citation = "15 CFR 734.3(a)(1)";  // items in the United States
  std::vector<FdpFootnote> fdp_footnotes;
  std::vector<std::string> meu_items;  // normalized ECCNs
  std::string meu_items_citation;
  std::string meu_items_note;
  std::vector<CoveredCompany> covered_companies;
  std::vector<Brand> brands;
  std::vector<OuiPattern> oui_patterns;
  std::vector<std::string> ignored_list_ids;
  ListingLag listing_lag;
  FederalNexus federal_nexus;
  CmicTerms cmic_terms;  // cmic.json, cmic_later_additions
  std::vector<ProgramAuthority> program_authorities;  // sorted by program
  AffiliatesTerms affiliates;

  const Rule* Find(std::string_view id) const;
  // nullptr when the tag has no row.
  const ProgramAuthority* FindProgram(std::string_view program) const;
};

// Reads every *.json in `dir` (sorted by name). Fails when the directory has no rule file.
core::Result<RuleSet> LoadRuleSet(const std::filesystem::path& dir);
// The same from in-memory files: {file name, content}.
core::Result<RuleSet> ParseRuleSet(const std::vector<std::pair<std::string, std::string>>& files);

// $REDFLAG_RULES_DIR when set, else <source dir>/data/rules.
std::filesystem::path DefaultRulesDir();

// Lower-case ASCII letters and digits, every other run of bytes one space, trimmed:
// "ZHEJIANG DAHUA TECHNOLOGYCO.,LTD" -> "zhejiang dahua technologyco ltd".
std::string FoldWords(std::string_view text);
// True when the words of `needle` occur as consecutive whole words in `haystack` (both folded).
bool ContainsWords(std::string_view haystack, std::string_view needle);

}  // namespace redflag::rules
