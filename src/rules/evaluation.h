// Per-call state of Decider::Decide() and the rule kinds that evaluate against it. Internal to
// src/rules; not part of the module's contract.
//
// One Evaluation per Decide() call holds what the rules share: the date, the transaction, the
// screening cache and each item's EAR scope. A rule never writes into the decision: it returns
// its findings and item notes (RuleOutput, TransactionOutput), and decider.cc merges them in rule
// order. The Decider itself is never written after construction, which is what makes concurrent
// Decide() calls safe.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/entity.h"
#include "core/error.h"
#include "match/hit.h"
#include "rules/decider.h"
#include "rules/decision.h"
#include "rules/license_policy.h"
#include "rules/rule_set.h"
#include "rules/transaction.h"

namespace redflag::rules {

std::string JoinStrings(const std::vector<std::string>& parts, std::string_view separator);
std::string Percent(double value);  // "25%", "24.9%"

// Whether an item is subject to the EAR at all, apart from the foreign-direct-product rules
// (ear_scope.cc).
enum class EarScope : std::uint8_t { kSubject, kNotSubject, kUnknown };
struct ScopeAnswer {
  EarScope scope = EarScope::kUnknown;
  std::string reason;
};
// Where the item is when exported: its ships_from, the transaction's, else the exporter's country.
std::string ShipsFrom(const Transaction& tx, const Item& item);
ScopeAnswer GeneralScope(const RuleSet& rules, const Item& item, const Transaction& tx);
// The FDP footnote an entry designates: its mark, else the paragraph it cites (rule data). When
// the entry cites an FDP paragraph the data cannot resolve, `unknown` says why.
struct FootnoteLookup {
  const FdpFootnote* footnote = nullptr;
  std::string unknown;
};
FootnoteLookup FindFootnote(const RuleSet& rules, const LicenseRequirement& requirement);
// Whether a foreign direct product (item.direct_product) is subject to the EAR under `footnote`
// on `date`: the footnote's start date, product (and item) scope, and knowledge condition.
ScopeAnswer DirectProductScope(const FdpFootnote& footnote, const Item& item,
                               core::PartialDate date);
bool HasCategory(const Item& item, std::string_view category);

// One listing of a screened entity that a rule looks at.
struct Matched {
  const core::Entity* entity = nullptr;
  const core::Listing* listing = nullptr;
  double score = 0;
  std::string matched_name;
  std::size_t hit_idx = 0;  // which hit (party) of the screening it came from
  // Set when the match identifies the company but not the security (a bare ticker, the issuer's
  // name): the finding is a review with the reason, `if_confirmed` the effect.
  std::string review_note;
};

// What a rule says about one item; merged into the item's decision in rule order.
struct ItemNote {
  std::size_t item_idx = 0;
  bool subject_to_ear = false;                // the item becomes subject (a foreign direct product)
  bool license_required = false;              // a licence is required for the item
  std::optional<ReviewPolicy> review_policy;  // the item's policy is raised to at least this
  std::string reason;                         // appended to the item's reason
};

// What a party-level rule returns.
struct RuleOutput {
  std::vector<Finding> findings;
  std::vector<ItemNote> item_notes;
  std::vector<LaterListing> listed_later;
};

// What a transaction-level rule returns: index-aligned with the transaction's securities and
// devices (left empty by rules that do not look at them).
struct SecurityOutput {
  std::vector<HitSummary> matches;
  std::vector<Finding> findings;
};
struct DeviceOutput {
  std::string mac_registrant;
  std::vector<Finding> findings;
};
struct TransactionOutput {
  std::vector<SecurityOutput> securities;
  std::vector<DeviceOutput> devices;
  std::vector<Finding> destination;
};

class Evaluation {
 public:
  struct InForce {
    bool yes = true;
    std::string why_not;
    // Set when the rule is not in force only because the entry's own start date is later.
    core::PartialDate listed_from;
  };

  Evaluation(const Decider& decider, const Transaction& tx, core::PartialDate date);

  const RuleSet& rules() const { return d_.rules_; }
  const Transaction& tx() const { return tx_; }
  core::PartialDate date() const { return date_; }
  const DeciderOptions& options() const { return d_.options_; }
  const ScopeAnswer& scope(std::size_t item_idx) const { return scopes_[item_idx]; }
  const std::unordered_map<std::string, const core::Entity*>& cmic_by_isin() const {
    return d_.cmic_by_isin_;
  }
  const std::unordered_map<std::string, const core::Entity*>& cmic_by_ticker() const {
    return d_.cmic_by_ticker_;
  }
  const std::unordered_map<std::string, const core::Entity*>& mac_prefixes() const {
    return d_.mac_prefixes_;
  }

  // Screens a name over the active lists (cached per call); `field` names it in errors.
  // Identifiers (a bank's BIC) are screened with the name and are part of the cache key.
  core::Result<const std::vector<match::Hit>*> Screen(
      const std::string& name, const std::string& country, const std::string& field,
      const std::vector<core::Identifier>& identifiers = {});
  // Screens a name over the NDAA 889 covered companies: (company, score) pairs.
  core::Result<std::vector<std::pair<std::string, double>>> CoveredCompanies(
      const std::string& name, const std::string& field) const;
  std::vector<Matched> ListingsOf(const std::vector<match::Hit>& hits) const;
  bool Ignored(const core::Entity& entity) const;
  InForce CheckInForce(const Rule& rule, const core::Listing* listing) const;
  std::string ListName(const Rule& rule, const core::Listing& listing) const;
  std::string Citation(const Rule& rule, const core::Listing* listing) const;
  std::string Who(const Party& party) const;
  std::string EntryText(const Matched& match) const;
  Finding BaseFinding(const Rule& rule, const Matched& match) const;
  // A listing whose start date is after the decision date (in_force.listed_from): a match
  // (confident or possible) within the listing-lag window is a review (lists lag the Federal
  // Register); otherwise the listing is "listed later", not a finding. Returns false when
  // `in_force` is not such a case.
  bool NotYetListed(const Rule& rule, const Party& party, const Matched& match,
                    const InForce& in_force, RuleOutput& out) const;
  // Applies match confidence: a possible match turns `effect` into review.
  void SetEffect(Finding& finding, Effect effect, double score) const;

 private:
  const Decider& d_;
  const Transaction& tx_;
  core::PartialDate date_;
  std::map<std::pair<std::string, std::string>, std::vector<match::Hit>> cache_;
  std::vector<ScopeAnswer> scopes_;
};

// The rule kinds. Listing rules see one listing of a party's hit; party rules see a party (its
// owners, its name against the covered companies); transaction rules see securities and devices.
// rule_list_party.cc: SDN, DPL, UVL, CMIC as a party, every other list.
RuleOutput ListPartyRule(Evaluation& ev, const Rule& rule, const Party& party,
                         const Matched& match);
// rule_entity_list.cc: the Entity List licence, item by item. `via` replaces the subject of the
// finding's sentence (the Affiliates rule applying an owner's entry).
RuleOutput EntityListRule(Evaluation& ev, const Rule& rule, const Party& party,
                          const Matched& match, std::string_view via = {});
// rule_meu.cc: the Military End-User licence for Supplement No. 2 items.
RuleOutput MeuRule(Evaluation& ev, const Rule& rule, const Party& party, const Matched& match);
// rule_ownership.cc: OFAC 50 percent rule and BIS Affiliates rule over the stated owners.
core::Result<RuleOutput> OwnershipRule(Evaluation& ev, const Rule& rule, std::size_t party_idx,
                                       const Party& party);
// rule_ndaa889.cc: a vendor or manufacturer that is a covered company; covered devices.
core::Result<RuleOutput> CoveredPartyRule(Evaluation& ev, const Rule& rule, std::size_t party_idx,
                                          const Party& party);
core::Result<TransactionOutput> DevicesRule(Evaluation& ev, const Rule& rule);
// rule_embargo.cc: a comprehensively embargoed destination (15 CFR part 746; OFAC programmes).
core::Result<TransactionOutput> EmbargoRule(Evaluation& ev, const Rule& rule);
// rule_cmic.cc: NS-CMIC securities purchases and sales.
core::Result<TransactionOutput> CmicRule(Evaluation& ev, const Rule& rule);

}  // namespace redflag::rules
