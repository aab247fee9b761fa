#include "index/snapshot.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>
#include <unordered_set>

#include "core/memory.h"
#include "text/edit_distance.h"
#include "text/name_prep.h"
#include "index/places.h"
#include "text/name_words.h"
#include "text/phonetic.h"

namespace redflag::index {
namespace {

bool IsScreened(std::string_view list_id) {
  for (std::string_view unscreened : kUnscreenedLists) {
    if (list_id == unscreened) return false;
  }
  return true;
}

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
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

// Calls `fn` with `text` and, when it is at least `min_length` long, each string made by deleting
// one of its characters (once per distinct result).
template <class Fn>
void ForEachSingleDeletion(std::string_view text, std::size_t min_length, Fn&& fn) {
  fn(text);
  if (text.size() < min_length) return;
  std::string deleted;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (pos > 0 && text[pos] == text[pos - 1]) continue;
    deleted.assign(text.substr(0, pos));
    deleted.append(text.substr(pos + 1));
    fn(deleted);
  }
}

// Calls `fn` with the token itself and every string made by deleting one character (tokens of at
// least `min_length`) or two characters (tokens of at least kDeletion2Length). Two strings within
// edit distance k (optimal string alignment) share such a key when both sides enumerate k
// deletions: a substitution or a transposition costs one deletion on each side, an insertion one
// on the longer side. May repeat a string.
template <class Fn>
void ForEachDeletion(std::string_view token, std::size_t min_length, Fn&& fn) {
  fn(token);
  if (token.size() < min_length) return;
  std::string deleted;
  for (std::size_t pos = 0; pos < token.size(); ++pos) {
    if (pos > 0 && token[pos] == token[pos - 1]) continue;  // same string as the previous one
    deleted.assign(token.substr(0, pos));
    deleted.append(token.substr(pos + 1));
    fn(deleted);
    if (token.size() < Snapshot::kDeletion2Length) continue;
    std::string twice;
    for (std::size_t second = pos; second < deleted.size(); ++second) {
      twice.assign(std::string_view(deleted).substr(0, second));
      twice.append(std::string_view(deleted).substr(second + 1));
      fn(twice);
    }
  }
}

// Each screened entity's names prepared (text::PrepareName), at name_start[entity_idx] onwards,
// in parallel: folding and transliteration are most of the build.
std::vector<text::PreparedName> PrepareNames(const std::vector<core::Entity>& all,
                                             const std::vector<std::uint32_t>& name_start) {
  std::vector<text::PreparedName> prepared_names(name_start.back());
  const unsigned workers = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  std::atomic<std::uint32_t> next_entity{0};
  const auto work = [&] {
    constexpr std::uint32_t kChunk = 256;
    for (std::uint32_t begin = next_entity.fetch_add(kChunk); begin < all.size();
         begin = next_entity.fetch_add(kChunk)) {
      const std::uint32_t end = std::min<std::uint32_t>(begin + kChunk, all.size());
      for (std::uint32_t entity_idx = begin; entity_idx < end; ++entity_idx) {
        const core::Entity& entity = all[entity_idx];
        const text::NameStyle style = text::NameStyleOf(entity.type);
        for (std::uint32_t slot = name_start[entity_idx]; slot < name_start[entity_idx + 1];
             ++slot) {
          prepared_names[slot] =
              text::PrepareName(entity.names[slot - name_start[entity_idx]].full, style);
        }
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned idx = 1; idx < workers; ++idx) threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
  return prepared_names;
}

}  // namespace

core::Result<std::shared_ptr<const Snapshot>> Snapshot::Build(std::vector<core::Entity> entities,
                                                              const BuildOptions& options) {
  std::shared_ptr<Snapshot> snapshot(new Snapshot());
  snapshot->entities_ = std::move(entities);
  snapshot->min_deletion_length_ = options.min_deletion_length;
  const auto& all = snapshot->entities_;
  if (auto indexed = snapshot->IndexEntities(); !indexed) return indexed.error();

  // Names: prepared once (in parallel), then deduplicated per entity and indexed in order, so the
  // result does not depend on the number of threads.
  std::vector<std::uint32_t> name_start(all.size() + 1, 0);
  for (std::uint32_t entity_idx = 0; entity_idx < all.size(); ++entity_idx) {
    name_start[entity_idx + 1] =
        name_start[entity_idx] + (IsScreened(all[entity_idx].list_id)
                                      ? static_cast<std::uint32_t>(all[entity_idx].names.size())
                                      : 0);
  }
  snapshot->IndexNames(PrepareNames(all, name_start), name_start);
  core::ReleaseFreeMemory();  // the peak of the build follows: keys
  snapshot->log_total_ = std::log((static_cast<double>(snapshot->names_.size()) + 1.0) / 0.5);
  // Joined-pair keys need nothing below: built on a second thread meanwhile.
  std::thread joined_builder([&snapshot] { snapshot->BuildJoinedKeys(); });
  snapshot->BuildTokenKeys(options);
  snapshot->IndexPlaces();
  joined_builder.join();
  core::ReleaseFreeMemory();
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

// Entity ids (unique) and parties: entities of different lists that are the same party
// (PartyKey) share one party id.
core::Status Snapshot::IndexEntities() {
  const auto& all = entities_;
  entity_by_id_.reserve(all.size());
  std::unordered_map<std::string, std::uint32_t> party_by_key;
  party_of_.resize(all.size());
  for (std::uint32_t entity_idx = 0; entity_idx < all.size(); ++entity_idx) {
    const core::Entity& entity = all[entity_idx];
    if (!entity_by_id_.emplace(entity.id, entity_idx).second) {
      return core::MakeError(core::ErrorCode::kValidation,
                             "entity id " + entity.id + " appears twice in the active data");
    }
    const std::string key = PartyKey(entity);
    std::uint32_t party = static_cast<std::uint32_t>(parties_.size());
    if (!key.empty()) {
      const auto [it, inserted] = party_by_key.emplace(key, party);
      party = it->second;
      if (inserted) parties_.emplace_back();
    } else {
      parties_.emplace_back();
    }
    parties_[party].push_back(entity_idx);
    party_of_[entity_idx] = party;
  }
  return core::Ok();
}

// Name records, token and joined-pair ids with their postings, from the prepared names (consumed).
void Snapshot::IndexNames(std::vector<text::PreparedName> prepared_names,
                          const std::vector<std::uint32_t>& name_start) {
  const auto& all = entities_;
  std::unordered_map<std::string, std::uint32_t> joined_ids;
  std::vector<std::vector<std::uint32_t>> token_postings;
  std::vector<std::vector<std::uint32_t>> joined_postings;
  for (std::uint32_t entity_idx = 0; entity_idx < all.size(); ++entity_idx) {
    const core::Entity& entity = all[entity_idx];
    if (!IsScreened(entity.list_id)) continue;
    const text::NameStyle style = text::NameStyleOf(entity.type);
    std::unordered_set<std::string> seen;
    for (std::uint32_t name_idx = 0; name_idx < entity.names.size(); ++name_idx) {
      const core::Name& name = entity.names[name_idx];
      text::PreparedName prepared = std::move(prepared_names[name_start[entity_idx] + name_idx]);
      if (prepared.tokens.empty()) continue;
      if (!seen.insert(prepared.folded).second) continue;
      NameRecord record;
      record.entity_idx = entity_idx;
      record.name_idx = name_idx;
      record.kind = name.kind;
      record.folded = std::move(prepared.folded);
      record.legal_form = prepared.legal_form;
      record.person = style == text::NameStyle::kPerson;
      record.organization = style == text::NameStyle::kOrganization;
      std::unordered_set<TokenId> distinct;
      for (const text::PreparedToken& token : prepared.tokens) {
        const TokenId id = Intern(token.text);
        if (id == token_postings.size()) token_postings.emplace_back();
        record.tokens.push_back(id);
        distinct.insert(id);
      }
      const auto name_pos = static_cast<std::uint32_t>(names_.size());
      for (TokenId id : distinct) {
        tokens_[id].name_count++;
        token_postings[id].push_back(name_pos);
      }
      for (std::size_t token_idx = 0; token_idx + 1 < prepared.tokens.size(); ++token_idx) {
        std::string joined = prepared.tokens[token_idx].text + prepared.tokens[token_idx + 1].text;
        const auto [it, inserted] = joined_ids.emplace(
            std::move(joined), static_cast<std::uint32_t>(joined_texts_.size()));
        if (inserted) {
          joined_texts_.push_back(it->first);
          joined_postings.emplace_back();
        }
        auto& postings = joined_postings[it->second];
        if (postings.empty() || postings.back() != name_pos) postings.push_back(name_pos);
        record.joined.push_back(it->second);
      }
      names_.push_back(std::move(record));
    }
  }
  std::vector<text::PreparedName>().swap(prepared_names);
  // Names were added in order, so each list is sorted.
  token_postings_ = Postings::From(token_postings);
  joined_postings_ = Postings::From(joined_postings);
}

// Single-deletion keys of every joined pair. Runs beside BuildTokenKeys and IndexPlaces: it
// reads joined_texts_ only and writes joined_keys_ only.
void Snapshot::BuildJoinedKeys() {
  std::vector<KeyTable::Entry> joined_keys;
  for (std::uint32_t joined_id = 0; joined_id < joined_texts_.size(); ++joined_id) {
    ForEachSingleDeletion(joined_texts_[joined_id], 0, [&](std::string_view key) {
      joined_keys.push_back({KeyHash('j', key), joined_id});
    });
  }
  joined_keys_.Build(joined_keys);
}

// Per token: weight, variant, phonetic key, letters, deletion keys and filter; then the weight of
// each joined pair.
void Snapshot::BuildTokenKeys(const BuildOptions& options) {
  std::vector<KeyTable::Entry> keys;
  std::vector<std::uint64_t> token_hashes;
  for (TokenId id = 0; id < tokens_.size(); ++id) {
    TokenInfo& info = tokens_[id];
    info.weight = static_cast<float>(WeightForCount(info.name_count));
    info.variant = std::string(text::CanonicalNameVariant(info.text));
    info.phonetic = text::PhoneticKey(info.text);
    info.letters = text::LetterMask(info.text);
    token_hashes.clear();
    ForEachDeletion(info.text, options.min_deletion_length, [&](std::string_view deleted) {
      token_hashes.push_back(KeyHash('d', deleted));
    });
    std::sort(token_hashes.begin(), token_hashes.end());
    token_hashes.erase(std::unique(token_hashes.begin(), token_hashes.end()), token_hashes.end());
    for (std::uint64_t hash : token_hashes) keys.push_back({hash, id});
    if (info.variant != info.text) keys.push_back({KeyHash('v', info.variant), id});
    if (!info.phonetic.empty()) keys.push_back({KeyHash('p', info.phonetic), id});
  }
  token_keys_.Build(keys);
  std::vector<KeyTable::Entry>().swap(keys);
  token_filters_.reserve(tokens_.size());
  for (const TokenInfo& info : tokens_) {
    token_filters_.push_back(TokenFilter{info.letters, FilterHash(info.variant),
                                         FilterHash(info.phonetic),
                                         static_cast<std::uint32_t>(info.text.size())});
  }
  // The most two adjacent tokens written as one joined text weigh together in any name.
  joined_weights_.assign(joined_texts_.size(), 0.0f);
  for (const NameRecord& record : names_) {
    for (std::size_t idx = 0; idx < record.joined.size(); ++idx) {
      float& weight = joined_weights_[record.joined[idx]];
      weight = std::max(weight, tokens_[record.tokens[idx]].weight +
                                    tokens_[record.tokens[idx + 1]].weight);
    }
  }
}

// Place words of the screened entities' addresses: each distinct raw segment folded once, then
// each entity's words as sorted ids.
void Snapshot::IndexPlaces() {
  const auto& all = entities_;
  std::vector<std::vector<std::string_view>> segments_of(all.size());
  std::unordered_map<std::string_view, std::vector<std::string>> words_of;
  for (std::uint32_t entity_idx = 0; entity_idx < all.size(); ++entity_idx) {
    if (!IsScreened(all[entity_idx].list_id)) continue;
    PlaceSegments(all[entity_idx], segments_of[entity_idx]);
    for (const std::string_view segment : segments_of[entity_idx]) {
      if (const auto [it, inserted] = words_of.try_emplace(segment); inserted) {
        PlaceTokensOf(segment, it->second);
      }
    }
  }
  auto& words = place_words_;
  for (const auto& [segment, segment_words] : words_of) {
    words.insert(words.end(), segment_words.begin(), segment_words.end());
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::vector<std::vector<std::uint32_t>> places(all.size());
  for (std::uint32_t entity_idx = 0; entity_idx < all.size(); ++entity_idx) {
    std::vector<std::uint32_t>& ids = places[entity_idx];
    for (const std::string_view segment : segments_of[entity_idx]) {
      for (const std::string& word : words_of[segment]) ids.push_back(PlaceId(word));
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  entity_places_ = Postings::From(places);
}

std::uint32_t Snapshot::PlaceId(std::string_view word) const {
  const auto it = std::lower_bound(place_words_.begin(), place_words_.end(), word);
  if (it == place_words_.end() || *it != word) return kNoPlace;
  return static_cast<std::uint32_t>(it - place_words_.begin());
}

std::uint32_t FilterHash(std::string_view text) {
  if (text.empty()) return 0;
  const auto hash = static_cast<std::uint32_t>(Snapshot::KeyHash('f', text));
  return hash == 0 ? 1 : hash;
}

TokenId Snapshot::Intern(std::string_view token) {
  const auto [it, inserted] =
      token_ids_.emplace(std::string(token), static_cast<TokenId>(tokens_.size()));
  if (inserted) {
    TokenInfo info;
    info.text = std::string(token);
    tokens_.push_back(std::move(info));
  }
  return it->second;
}

std::uint64_t Snapshot::KeyHash(char space, std::string_view text) {
  // FNV-1a, 64-bit: stable across runs and platforms, and cheap for short keys. A collision only
  // adds a candidate, which the scorer then rejects.
  std::uint64_t hash = 14695981039346656037ull ^ static_cast<unsigned char>(space);
  hash *= 1099511628211ull;
  for (char ch : text) {
    hash ^= static_cast<unsigned char>(ch);
    hash *= 1099511628211ull;
  }
  return hash;
}

Snapshot::Postings Snapshot::Postings::From(std::vector<std::vector<std::uint32_t>>& lists) {
  Postings out;
  std::size_t total = 0;
  for (const auto& list : lists) total += list.size();
  out.offsets.reserve(lists.size() + 1);
  out.ids.reserve(total);
  for (auto& list : lists) {
    out.ids.insert(out.ids.end(), list.begin(), list.end());
    out.offsets.push_back(static_cast<std::uint32_t>(out.ids.size()));
    std::vector<std::uint32_t>().swap(list);
  }
  lists.clear();
  return out;
}

void Snapshot::KeyTable::LookupMany(const std::vector<std::uint64_t>& hashes,
                                    std::vector<std::uint32_t>& out) const {
  for (std::uint64_t hash : hashes) __builtin_prefetch(&starts_[hash >> shift_]);
  for (std::uint64_t hash : hashes) __builtin_prefetch(entries_.data() + starts_[hash >> shift_]);
  for (std::uint64_t hash : hashes) Lookup(hash, out);
}

void Snapshot::KeyTable::Build(const std::vector<Entry>& entries) {
  // Directory of 2^bits groups, bits chosen so groups hold two to four entries on average (one
  // or two cache lines of 8-byte entries).
  int bits = 1;
  while (bits < 30 && (std::size_t{1} << bits) < entries.size() / 2) ++bits;
  shift_ = 64 - bits;
  const std::size_t groups = std::size_t{1} << bits;
  starts_.assign(groups + 1, 0);
  for (const Entry& entry : entries) starts_[(entry.hash >> shift_) + 1]++;
  for (std::size_t group = 0; group < groups; ++group) starts_[group + 1] += starts_[group];
  std::vector<std::uint32_t> next(starts_.begin(), starts_.end() - 1);
  entries_.resize(entries.size());
  for (const Entry& entry : entries) {
    entries_[next[entry.hash >> shift_]++] =
        Stored{static_cast<std::uint32_t>(entry.hash), entry.id};
  }
}

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

namespace {
// Key hashes of one lookup batch (per thread, reused).
std::vector<std::uint64_t>& HashBuffer() {
  thread_local std::vector<std::uint64_t> hashes;
  hashes.clear();
  return hashes;
}
}  // namespace

void Snapshot::SimilarTokens(std::string_view token, std::vector<TokenId>& out) const {
  std::vector<std::uint64_t>& hashes = HashBuffer();
  ForEachDeletion(token, min_deletion_length_,
                  [&](std::string_view deleted) { hashes.push_back(KeyHash('d', deleted)); });
  const std::string_view variant = text::CanonicalNameVariant(token);
  hashes.push_back(KeyHash('v', variant));
  // The query token may itself be a variant spelling whose group's canonical form is a token.
  if (variant != token) hashes.push_back(KeyHash('d', variant));
  const std::string phonetic = text::PhoneticKey(token);
  if (!phonetic.empty()) hashes.push_back(KeyHash('p', phonetic));
  token_keys_.LookupMany(hashes, out);
}

void Snapshot::TokensWithinOneEdit(std::string_view text, std::vector<TokenId>& out) const {
  // Every token of min_deletion_length+ letters has its single-deletion keys; shorter ones only
  // themselves.
  std::vector<std::uint64_t>& hashes = HashBuffer();
  ForEachSingleDeletion(text, min_deletion_length_,
                        [&](std::string_view key) { hashes.push_back(KeyHash('d', key)); });
  token_keys_.LookupMany(hashes, out);
}

void Snapshot::SimilarJoined(std::string_view text, std::vector<std::uint32_t>& out) const {
  std::vector<std::uint64_t>& hashes = HashBuffer();
  ForEachSingleDeletion(text, 0,
                        [&](std::string_view key) { hashes.push_back(KeyHash('j', key)); });
  joined_keys_.LookupMany(hashes, out);
}

std::size_t Snapshot::MemoryBytes() const {
  std::size_t bytes = 0;
  for (const NameRecord& name : names_) {
    bytes += sizeof(NameRecord) + name.folded.capacity() + name.tokens.capacity() * 4 +
             name.joined.capacity() * 4;
  }
  for (const TokenInfo& token : tokens_) {
    bytes += sizeof(TokenInfo) + token.text.capacity() + token.variant.capacity() +
             token.phonetic.capacity();
  }
  bytes += token_postings_.MemoryBytes() + joined_postings_.MemoryBytes();
  bytes += token_filters_.capacity() * sizeof(TokenFilter);
  bytes += token_keys_.MemoryBytes() + joined_keys_.MemoryBytes();
  for (const std::string& joined : joined_texts_) bytes += sizeof(std::string) + joined.capacity();
  bytes += joined_weights_.capacity() * sizeof(float);
  for (const std::string& place : place_words_) bytes += sizeof(std::string) + place.capacity();
  bytes += entity_places_.MemoryBytes();
  return bytes;
}

}  // namespace redflag::index
