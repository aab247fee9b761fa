#include "index/snapshot.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "index/name_prep.h"
#include "text/name_words.h"

namespace redflag::index {
namespace {

const std::vector<std::uint32_t> kNoNames;

bool IsScreened(std::string_view list_id) {
  for (std::string_view unscreened : kUnscreenedLists) {
    if (list_id == unscreened) return false;
  }
  return true;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](char ch) { return ch >= '0' && ch <= '9'; });
}

// The key under which entities of different lists are the same party, or "" when the entity is
// only itself. OFAC ent_nums are shared by OFAC's own files and the trade.gov CSL copies of
// Treasury entries (docs/architecture.md, "Entity IDs").
std::string PartyKey(const core::Entity& entity) {
  if ((entity.list_id == "ofac_sdn" || entity.list_id == "ofac_cons" ||
       entity.list_id == "us_csl") &&
      AllDigits(entity.native_id)) {
    return "ofac:" + entity.native_id;
  }
  return {};
}

NameStyle StyleOf(core::EntityType type) {
  switch (type) {
    case core::EntityType::kPerson: return NameStyle::kPerson;
    case core::EntityType::kOrganization:
    case core::EntityType::kVessel:
    case core::EntityType::kAircraft: return NameStyle::kOrganization;
    case core::EntityType::kUnknown: return NameStyle::kUnknown;
  }
  return NameStyle::kUnknown;
}

}  // namespace

core::Result<std::shared_ptr<const Snapshot>> Snapshot::Build(std::vector<core::Entity> entities,
                                                              const BuildOptions& options) {
  std::shared_ptr<Snapshot> snapshot(new Snapshot());
  snapshot->entities_ = std::move(entities);
  const auto& all = snapshot->entities_;

  snapshot->entity_by_id_.reserve(all.size());
  std::unordered_map<std::string, std::uint32_t> party_by_key;
  snapshot->party_of_.resize(all.size());
  for (std::uint32_t entity_idx = 0; entity_idx < all.size(); ++entity_idx) {
    const core::Entity& entity = all[entity_idx];
    if (!snapshot->entity_by_id_.emplace(entity.id, entity_idx).second) {
      return core::MakeError(core::ErrorCode::kValidation,
                             "entity id " + entity.id + " appears twice in the active data");
    }
    const std::string key = PartyKey(entity);
    std::uint32_t party = static_cast<std::uint32_t>(snapshot->parties_.size());
    if (!key.empty()) {
      const auto [it, inserted] = party_by_key.emplace(key, party);
      party = it->second;
      if (inserted) snapshot->parties_.emplace_back();
    } else {
      snapshot->parties_.emplace_back();
    }
    snapshot->parties_[party].push_back(entity_idx);
    snapshot->party_of_[entity_idx] = party;
  }

  // Names: prepared once, deduplicated per entity.
  std::vector<std::uint32_t> name_counts;
  for (std::uint32_t entity_idx = 0; entity_idx < all.size(); ++entity_idx) {
    const core::Entity& entity = all[entity_idx];
    if (!IsScreened(entity.list_id)) continue;
    const NameStyle style = StyleOf(entity.type);
    std::unordered_set<std::string> seen;
    for (std::uint32_t name_idx = 0; name_idx < entity.names.size(); ++name_idx) {
      const core::Name& name = entity.names[name_idx];
      PreparedName prepared = PrepareName(name.full, style);
      if (prepared.tokens.empty()) continue;
      if (!seen.insert(prepared.folded).second) continue;
      NameRecord record;
      record.entity_idx = entity_idx;
      record.name_idx = name_idx;
      record.kind = name.kind;
      record.folded = std::move(prepared.folded);
      record.legal_form = prepared.legal_form;
      record.person = style == NameStyle::kPerson;
      std::unordered_set<TokenId> distinct;
      for (const PreparedToken& token : prepared.tokens) {
        const TokenId id = snapshot->Intern(token.text);
        record.tokens.push_back(id);
        distinct.insert(id);
      }
      const auto name_pos = static_cast<std::uint32_t>(snapshot->names_.size());
      for (TokenId id : distinct) {
        snapshot->tokens_[id].name_count++;
        snapshot->token_postings_[id].push_back(name_pos);
      }
      for (std::size_t token_idx = 0; token_idx + 1 < prepared.tokens.size(); ++token_idx) {
        snapshot->joined_postings_[prepared.tokens[token_idx].text +
                                   prepared.tokens[token_idx + 1].text]
            .push_back(name_pos);
      }
      snapshot->names_.push_back(std::move(record));
    }
  }

  snapshot->log_total_ = std::log((static_cast<double>(snapshot->names_.size()) + 1.0) / 0.5);
  for (TokenId id = 0; id < snapshot->tokens_.size(); ++id) {
    TokenInfo& info = snapshot->tokens_[id];
    info.weight = static_cast<float>(snapshot->WeightForCount(info.name_count));
    info.variant = std::string(text::CanonicalNameVariant(info.text));
    info.phonetic = text::PhoneticKey(info.text);
    const std::string token = info.text;
    snapshot->AddKey("d:" + token, id);
    if (token.size() >= options.min_deletion_length) {
      for (std::size_t pos = 0; pos < token.size(); ++pos) {
        std::string deleted = token;
        deleted.erase(pos, 1);
        snapshot->AddKey("d:" + deleted, id);
      }
    }
    if (info.variant != token) snapshot->AddKey("v:" + info.variant, id);
    if (!info.phonetic.empty()) snapshot->AddKey("p:" + info.phonetic, id);
  }
  for (auto& [key, ids] : snapshot->keys_) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    ids.shrink_to_fit();
  }
  for (auto& [joined, names] : snapshot->joined_postings_) {
    names.erase(std::unique(names.begin(), names.end()), names.end());
  }
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

TokenId Snapshot::Intern(std::string_view token) {
  const auto [it, inserted] =
      token_ids_.emplace(std::string(token), static_cast<TokenId>(tokens_.size()));
  if (inserted) {
    TokenInfo info;
    info.text = std::string(token);
    tokens_.push_back(std::move(info));
    token_postings_.emplace_back();
  }
  return it->second;
}

void Snapshot::AddKey(std::string key, TokenId token) { keys_[std::move(key)].push_back(token); }

const core::Entity* Snapshot::Find(std::string_view entity_id) const {
  const auto it = entity_by_id_.find(entity_id);
  return it == entity_by_id_.end() ? nullptr : &entities_[it->second];
}

TokenId Snapshot::Lookup(std::string_view token) const {
  // std::unordered_map<std::string,...>::find needs a std::string before C++20's heterogeneous
  // lookup for unordered containers is available in libstdc++ 12.
  const auto it = token_ids_.find(std::string(token));
  return it == token_ids_.end() ? kNoToken : it->second;
}

double Snapshot::WeightForCount(std::uint32_t name_count) const {
  const double total = static_cast<double>(names_.size()) + 1.0;
  const double weight = std::log(total / (static_cast<double>(name_count) + 0.5)) / log_total_;
  return std::clamp(weight, kMinWeight, 1.0);
}

double Snapshot::TokenWeight(std::string_view token) const {
  const TokenId id = Lookup(token);
  return id == kNoToken ? WeightForCount(1) : tokens_[id].weight;
}

void Snapshot::SimilarTokens(std::string_view token, std::vector<TokenId>& out) const {
  auto append = [&](const std::string& key) {
    const auto it = keys_.find(key);
    if (it != keys_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  };
  std::string key = "d:";
  key.append(token);
  append(key);
  if (token.size() >= 4) {
    for (std::size_t pos = 0; pos < token.size(); ++pos) {
      key.assign("d:");
      key.append(token.substr(0, pos));
      key.append(token.substr(pos + 1));
      append(key);
    }
  }
  const std::string_view variant = text::CanonicalNameVariant(token);
  key.assign("v:");
  key.append(variant);
  append(key);
  if (variant != token) {
    // The query token is itself a variant spelling: its group's canonical form is a token too.
    key.assign("d:");
    key.append(variant);
    append(key);
  }
  const std::string phonetic = text::PhoneticKey(token);
  if (!phonetic.empty()) {
    key.assign("p:");
    key.append(phonetic);
    append(key);
  }
}

const std::vector<std::uint32_t>& Snapshot::NamesWithJoined(std::string_view joined) const {
  const auto it = joined_postings_.find(std::string(joined));
  return it == joined_postings_.end() ? kNoNames : it->second;
}

std::size_t Snapshot::MemoryBytes() const {
  std::size_t bytes = 0;
  for (const NameRecord& name : names_) {
    bytes += sizeof(NameRecord) + name.folded.capacity() + name.tokens.capacity() * 4;
  }
  for (const TokenInfo& token : tokens_) {
    bytes += sizeof(TokenInfo) + token.text.capacity() + token.variant.capacity() +
             token.phonetic.capacity();
  }
  for (const auto& postings : token_postings_) bytes += 24 + postings.capacity() * 4;
  for (const auto& [key, ids] : keys_) bytes += 64 + key.capacity() + ids.capacity() * 4;
  for (const auto& [key, ids] : joined_postings_) bytes += 64 + key.capacity() + ids.capacity() * 4;
  return bytes;
}

}  // namespace redflag::index
