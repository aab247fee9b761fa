// The per-call helpers the rule kinds share: screening with a cache, listings of hits, whether a
// rule is in force on the date, and the wording of findings.
#include "rules/evaluation.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/quote.h"

namespace redflag::rules {

std::string JoinStrings(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::string Percent(double value) { return fmt::format("{:.4g}%", value); }

namespace {

// The screener names the query's field ("name", "country"); say which party's it is.
void NameField(core::Error& error, const std::string& field) {
  if (error.where.field.empty()) {
    error.where.field = field;
  } else if (const std::size_t dot = field.rfind('.'); dot != std::string::npos) {
    error.where.field = field.substr(0, dot + 1) + error.where.field;
  }
}

}  // namespace

Evaluation::Evaluation(const Decider& decider, const Transaction& tx, core::PartialDate date)
    : d_(decider), tx_(tx), date_(date) {
  scopes_.reserve(tx.items.size());
  for (const Item& item : tx.items) scopes_.push_back(GeneralScope(rules(), item, tx));
}

core::Result<const std::vector<match::Hit>*> Evaluation::Screen(
    const std::string& name, const std::string& country, const std::string& field,
    const std::vector<core::Identifier>& identifiers) {
  // Identifiers change the hits (a BIC names its bank), so they are part of the cache key.
  std::string key_country = country;
  for (const core::Identifier& identifier : identifiers) key_country += "\n" + identifier.value;
  const auto key = std::pair{name, key_country};
  if (auto it = cache_.find(key); it != cache_.end()) return &it->second;
  match::Query query;
  query.name = name;
  query.country = country;
  query.identifiers = identifiers;
  auto hits = d_.screen_lists_(query);
  if (!hits) {
    core::Error error = hits.error();
    NameField(error, field);
    error.message = fmt::format("screening {} failed: {}", core::Quote(name), error.message);
    return error;
  }
  std::vector<match::Hit> kept;
  for (match::Hit& hit : *hits) {
    if (hit.entity == nullptr || hit.score < d_.options_.alert_threshold) continue;
    if (Ignored(*hit.entity)) continue;
    kept.push_back(std::move(hit));
  }
  return &cache_.emplace(key, std::move(kept)).first->second;
}

core::Result<std::vector<std::pair<std::string, double>>> Evaluation::CoveredCompanies(
    const std::string& name, const std::string& field) const {
  std::vector<std::pair<std::string, double>> out;
  if (d_.screen_covered_) {
    match::Query query;
    query.name = name;
    auto hits = d_.screen_covered_(query);
    if (!hits) {
      core::Error error = hits.error();
      NameField(error, field);
      return error;
    }
    for (const match::Hit& hit : *hits) {
      if (hit.entity == nullptr || hit.score < d_.options_.alert_threshold) continue;
      // Covered-company entities carry the company in their native id.
      out.emplace_back(hit.entity->native_id, hit.score);
    }
    return out;
  }
  const std::string folded = FoldWords(name);
  for (const CoveredCompany& company : rules().covered_companies) {
    for (const std::string& alias : company.names) {
      if (ContainsWords(folded, FoldWords(alias))) {
        out.emplace_back(company.company, 1.0);
        break;
      }
    }
  }
  return out;
}

bool Evaluation::Ignored(const core::Entity& entity) const {
  const auto& ignored = rules().ignored_list_ids;
  return std::find(ignored.begin(), ignored.end(), entity.list_id) != ignored.end();
}

std::vector<Matched> Evaluation::ListingsOf(const std::vector<match::Hit>& hits) const {
  std::vector<Matched> out;
  for (std::size_t hit_idx = 0; hit_idx < hits.size(); ++hit_idx) {
    const match::Hit& hit = hits[hit_idx];
    std::vector<const core::Entity*> party = hit.same_party;
    if (party.empty()) party.push_back(hit.entity);
    for (const core::Entity* entity : party) {
      if (entity == nullptr || Ignored(*entity)) continue;
      for (const core::Listing& listing : entity->listings) {
        out.push_back(Matched{entity, &listing, hit.score, hit.explanation.matched_name, hit_idx});
      }
    }
  }
  return out;
}

Evaluation::InForce Evaluation::CheckInForce(const Rule& rule, const core::Listing* listing) const {
  core::PartialDate from = rule.from;
  if (rule.from_listing_start && listing != nullptr && !listing->start.empty()) {
    from = listing->start.First();
  }
  core::PartialDate to = rule.to;
  if (rule.to_listing_end && listing != nullptr && !listing->end.empty()) {
    to = listing->end.Last();
  }
  if (!from.empty() && date_.ToDays() < from.ToDays()) {
    InForce answer{
        false, fmt::format("in force only from {}, after {}", from.ToString(), date_.ToString())};
    const bool from_listing = rule.from_listing_start && listing != nullptr &&
                              !listing->start.empty() &&
                              (rule.from.empty() || rule.from.ToDays() <= from.ToDays());
    if (from_listing) answer.listed_from = from;
    return answer;
  }
  if (!to.empty() && date_.ToDays() > to.ToDays()) {
    return {false,
            fmt::format("in force only until {}, before {}", to.ToString(), date_.ToString())};
  }
  // 15 CFR 744.11 and the other lists bind from the entry's own date: an entry that the list
  // dates after the decision date is not in force on it, whatever the rule's own period.
  if (listing != nullptr && !listing->start.empty() &&
      date_.ToDays() < listing->start.First().ToDays()) {
    return {false,
            fmt::format("in force only from {}, after {}", listing->start.First().ToString(),
                        date_.ToString()),
            listing->start.First()};
  }
  for (const Suspension& window : rule.suspended) {
    if (date_.ToDays() >= window.from.ToDays() && date_.ToDays() <= window.to.ToDays()) {
      return {false, fmt::format("suspended from {} through {}{}", window.from.ToString(),
                                 window.to.ToString(),
                                 window.citation.empty() ? "" : " (" + window.citation + ")")};
    }
  }
  return {};
}

std::string Evaluation::ListName(const Rule& rule, const core::Listing& listing) const {
  if (!rule.list_name.empty()) return rule.list_name;
  if (!listing.list_name.empty()) return listing.list_name;
  if (!listing.list_code.empty()) return listing.list_code;
  return listing.list_id;
}

std::string Evaluation::Citation(const Rule& rule, const core::Listing* listing) const {
  std::vector<std::string> parts = {rule.citation};
  if (listing != nullptr) {
    for (const std::string& notice : listing->federal_register) parts.push_back(notice);
    // Each sanctions programme the entry names, with its own authority (ofac_programs.json).
    const bool ofac = listing->list_id.rfind("ofac", 0) == 0 || listing->list_code == "SDN";
    for (const std::string& program : listing->programs) {
      if (const ProgramAuthority* row = rules().FindProgram(program)) {
        parts.push_back(fmt::format("programme {}: {}", program, row->authority));
      } else if (ofac) {
        parts.push_back(fmt::format("programme {}: authority not in rule data", program));
      }
    }
  }
  return JoinStrings(parts, "; ");
}

std::string Evaluation::Who(const Party& party) const {
  return fmt::format("{} ({})", party.name, RoleName(party.role));
}

std::string Evaluation::EntryText(const Matched& match) const {
  std::string text = fmt::format("{} [{}]", match.entity->primary_name(), match.entity->id);
  if (match.score > 0) {
    text += fmt::format(" (score {:.2f}", match.score);
    if (!match.matched_name.empty()) text += fmt::format(", matched \"{}\"", match.matched_name);
    text += ")";
  }
  if (match.listing != nullptr && !match.listing->start.empty()) {
    text += fmt::format(", listed since {}", match.listing->start.ToString());
  }
  if (match.listing != nullptr && !match.listing->federal_register.empty()) {
    text += fmt::format(" ({})", JoinStrings(match.listing->federal_register, "; "));
  }
  return text;
}

Finding Evaluation::BaseFinding(const Rule& rule, const Matched& match) const {
  Finding finding;
  finding.list = match.listing != nullptr ? ListName(rule, *match.listing) : rule.list_name;
  finding.entity_id = match.entity != nullptr ? match.entity->id : "";
  finding.entity_name = match.entity != nullptr ? match.entity->primary_name() : "";
  finding.rule = rule.id;
  finding.action = rule.action;
  finding.citation = Citation(rule, match.listing);
  finding.score = match.score;
  if (match.listing != nullptr) finding.since = match.listing->start;
  return finding;
}

bool Evaluation::NotYetListed(const Rule& rule, const Party& party, const Matched& match,
                              const InForce& in_force, RuleOutput& out) const {
  if (in_force.yes || in_force.listed_from.empty()) return false;
  const ListingLag& lag = rules().listing_lag;
  const long days = in_force.listed_from.ToDays() - date_.ToDays();
  // A possible match inside the window is a review too: either way a person must look.
  if (rule.effect > Effect::kReview && days <= lag.days) {
    Finding finding = BaseFinding(rule, match);
    finding.effect = Effect::kReview;
    finding.if_confirmed = rule.effect;
    finding.citation = JoinStrings({finding.citation, lag.citation}, "; ");
    finding.reason = fmt::format(
        "{} {} {} on the {}: listed from {} per the list, {} days after this transaction; "
        "check the Federal Register effective date{}. Lists can lag the Federal Register by days "
        "({}): if the entry was in force on {}, {} ({}).",
        Who(party), match.score >= d_.options_.confident_score ? "matches" : "possibly matches",
        EntryText(match), finding.list, in_force.listed_from.ToString(), days,
        match.listing->federal_register.empty()
            ? std::string(" (the entry cites no notice: find the rule that added it)")
            : " (" + JoinStrings(match.listing->federal_register, "; ") + ")",
        lag.note, date_.ToString(), EffectName(rule.effect), rule.meaning);
    out.findings.push_back(std::move(finding));
    return true;
  }
  out.listed_later.push_back(LaterListing{.list_name = ListName(rule, *match.listing),
                                          .entity_id = match.entity->id,
                                          .entity_name = match.entity->primary_name(),
                                          .since = in_force.listed_from,
                                          .rule = rule.id});
  return true;
}

void Evaluation::SetEffect(Finding& finding, Effect effect, double score) const {
  if (effect > Effect::kReview && score < d_.options_.confident_score) {
    finding.effect = Effect::kReview;
    finding.if_confirmed = effect;
    finding.reason = fmt::format("Possible match (score {:.2f}, below {:.2f}): if confirmed, {}. ",
                                 score, d_.options_.confident_score, EffectName(effect)) +
                     finding.reason;
  } else {
    finding.effect = effect;
  }
}

}  // namespace redflag::rules
