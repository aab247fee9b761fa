// An immutable in-memory index of the active list data, built once from the store's entities and
// shared (std::shared_ptr<const Snapshot>) by every screening thread; a new list version builds a
// new snapshot and swaps the pointer. Nothing in a built snapshot changes, so it is safe to read
// from any number of threads without locks.
//
// What it holds: the entities; "parties" (the same party on several lists: an OFAC entry and its
// trade.gov CSL copy share the OFAC ent_num); every name folded and tokenized, with legal forms
// split off; token statistics (how informative each token is); and an inverted index from name
// keys (exact token, spelling-variant group, phonetic key, single-deletion neighbours, merged
// adjacent tokens) to names, so a query scores only candidates.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/entity.h"
#include "core/error.h"
#include "core/memory.h"
#include "text/legal_form.h"
#include "text/name_prep.h"

namespace redflag::index {

using TokenId = std::uint32_t;
inline constexpr TokenId kNoToken = 0xFFFFFFFFu;

// One name of one entity, prepared for scoring.
struct NameRecord {
  std::uint32_t entity_idx = 0;
  std::uint32_t name_idx = 0;  // index into Entity::names
  core::NameKind kind = core::NameKind::kPrimary;
  std::string folded;                 // text::Fold of the name
  std::vector<TokenId> tokens;        // name tokens, legal forms and honorifics removed
  std::vector<std::uint32_t> joined;  // joined id of tokens[i] + tokens[i + 1], per i
  text::LegalFormClass legal_form = text::LegalFormClass::kNone;
  bool person = false;        // the entity is a person
  bool organization = false;  // the entity is an organization, vessel or aircraft
};

struct TokenInfo {
  std::string text;
  std::string variant;           // text::CanonicalNameVariant
  std::string phonetic;          // text::PhoneticKey
  std::uint32_t name_count = 0;  // names containing the token
  float weight = 1.0f;           // informativeness, see Snapshot::TokenWeight
  std::uint32_t letters = 0;     // letters present (match::LetterMask)
};

// What decides, without reading a token's text, whether it can be similar to another token at
// all: 16 bytes per token in one array, so that checking the few dozen index neighbours of a
// query token reads one small record each instead of each TokenInfo's strings (two cache lines).
struct TokenFilter {
  std::uint32_t letters = 0;        // TokenInfo::letters
  std::uint32_t variant_hash = 0;   // FilterHash(TokenInfo::variant)
  std::uint32_t phonetic_hash = 0;  // FilterHash(TokenInfo::phonetic); 0 when there is no key
  std::uint32_t length = 0;         // TokenInfo::text.size()
};
// The hash TokenFilter keeps of a variant or phonetic key: equal strings have equal hashes (the
// converse needs the strings compared). 0 for the empty string.
std::uint32_t FilterHash(std::string_view text);

// Lists whose entities are kept (for rules) but whose names are not screened against.
inline constexpr std::string_view kUnscreenedLists[] = {"ieee_oui"};

struct BuildOptions {
  // Deletion-neighbour keys are made for tokens at least this long (typo tolerance); shorter
  // tokens match only exactly, by variant group or by phonetic key.
  std::size_t min_deletion_length = 4;
};

class Snapshot {
 public:
  static core::Result<std::shared_ptr<const Snapshot>> Build(std::vector<core::Entity> entities,
                                                             const BuildOptions& options = {});

  const std::vector<core::Entity>& entities() const { return entities_; }
  const std::vector<NameRecord>& names() const { return names_; }
  const std::vector<TokenInfo>& tokens() const { return tokens_; }
  const TokenFilter& token_filter(TokenId id) const { return token_filters_[id]; }
  // nullptr when no entity has this id.
  const core::Entity* Find(std::string_view entity_id) const;
  std::uint32_t IndexOf(const core::Entity* entity) const {
    return static_cast<std::uint32_t>(entity - entities_.data());
  }
  // The party (entity indexes, smallest first) an entity belongs to.
  const std::vector<std::uint32_t>& PartyOf(std::uint32_t entity_idx) const {
    return parties_[party_of_[entity_idx]];
  }
  std::uint32_t PartyIdOf(std::uint32_t entity_idx) const { return party_of_[entity_idx]; }

  // kNoToken when the token does not occur in any name.
  TokenId Lookup(std::string_view token) const;
  // Weight of a token by how many names contain it: rare tokens weigh up to 1, the commonest
  // tokens down to kMinWeight. Tokens not in the index weigh as a token seen once.
  double TokenWeight(std::string_view token) const;
  double WeightForCount(std::uint32_t name_count) const;
  static constexpr double kMinWeight = 0.05;

  // Tokens sharing a key with `token`: deletion neighbours, its spelling-variant group and its
  // phonetic key. The deletion neighbours include every token within edit distance 1 (with
  // transpositions) of at least min_deletion_length letters or one letter longer than `token`,
  // and every token within distance 2 when the longer of the two has at least kDeletion2Length
  // letters and the shorter at least min_deletion_length: every pair the scorer can align by
  // edits, including its residual pass. Appends to `out` (may contain duplicates and, rarely,
  // tokens that only collide by hash: verify them).
  void SimilarTokens(std::string_view token, std::vector<TokenId>& out) const;
  // The scorer allows two edits in its main pass from this length on.
  static constexpr std::size_t kLongTokenLength = 8;
  // Tokens of this length and longer also get two-deletion keys.
  static constexpr std::size_t kDeletion2Length = 6;
  // Tokens within one edit of `text` (and, rarely, hash collisions: verify them). Appends to `out`.
  void TokensWithinOneEdit(std::string_view text, std::vector<TokenId>& out) const;

  // Two adjacent tokens of some name written together ("hik"+"vision"), by id.
  const std::string& JoinedText(std::uint32_t joined_id) const { return joined_texts_[joined_id]; }
  std::size_t JoinedCount() const { return joined_texts_.size(); }
  // The largest weight the two tokens of a joined pair have together in any name.
  float JoinedWeight(std::uint32_t joined_id) const { return joined_weights_[joined_id]; }
  std::span<const std::uint32_t> NamesWithJoinedId(std::uint32_t joined_id) const {
    return joined_postings_.Of(joined_id);
  }
  // Joined pairs within edit distance 1 of `text` (appends ids; verify them).
  void SimilarJoined(std::string_view text, std::vector<std::uint32_t>& out) const;
  // Names in which the token occurs.
  std::span<const std::uint32_t> NamesWithToken(TokenId token) const {
    return token_postings_.Of(token);
  }

  // Place words of the screened entities' addresses (index/places.h: "zhejiang", "hangzhou"), by
  // id: the id of a folded word, kNoPlace when no screened address names it as a place.
  static constexpr std::uint32_t kNoPlace = 0xFFFFFFFFu;
  std::uint32_t PlaceId(std::string_view word) const;
  // The entity's place words (EntityPlaceTokens, as sorted ids); empty for unscreened lists.
  std::span<const std::uint32_t> PlacesOf(std::uint32_t entity_idx) const {
    return entity_places_.Of(entity_idx);
  }

  std::size_t MemoryBytes() const;

  // Hashed keys: (hash of namespace + key text) -> token or joined id. Entries are grouped by
  // the top bits of the hash (a counting sort, O(n) to build) with a directory of group starts,
  // so a lookup reads one directory slot and scans a group of about two entries.
  class KeyTable {
   public:
    struct Entry {
      std::uint64_t hash;
      std::uint32_t id;
    };
    void Build(const std::vector<Entry>& entries);
    void Lookup(std::uint64_t hash, std::vector<std::uint32_t>& out) const {
      const std::size_t group = hash >> shift_;
      const auto check = static_cast<std::uint32_t>(hash);
      const Stored* end = entries_.data() + starts_[group + 1];
      for (const Stored* entry = entries_.data() + starts_[group]; entry != end; ++entry) {
        if (entry->check == check) out.push_back(entry->id);
      }
    }
    // Looks up many keys at once: prefetching every directory slot and group first lets the
    // memory reads of independent keys overlap (each alone is a cache miss or two).
    void LookupMany(const std::vector<std::uint64_t>& hashes,
                    std::vector<std::uint32_t>& out) const;
    std::size_t size() const { return entries_.size(); }
    std::size_t MemoryBytes() const {
      return entries_.capacity() * sizeof(Stored) + starts_.capacity() * sizeof(std::uint32_t);
    }

   private:
    // The group (top bits) already matches; the low 32 bits tell keys apart within it (a rare
    // false match only adds a candidate the caller verifies).
    struct Stored {
      std::uint32_t check;
      std::uint32_t id;
    };
    core::LargeVector<Stored> entries_;
    core::LargeVector<std::uint32_t> starts_{0, 0};
    int shift_ = 63;
  };
  static std::uint64_t KeyHash(char space, std::string_view text);

  // Lists of name positions (postings) in one array: list i is ids[offsets[i] .. offsets[i+1]).
  // One block instead of one small allocation per list, on huge pages (core::LargeVector).
  struct Postings {
    core::LargeVector<std::uint32_t> offsets{0};
    core::LargeVector<std::uint32_t> ids;
    std::span<const std::uint32_t> Of(std::uint32_t list) const {
      return {ids.data() + offsets[list], offsets[list + 1] - offsets[list]};
    }
    static Postings From(std::vector<std::vector<std::uint32_t>>& lists);  // empties `lists`
    std::size_t MemoryBytes() const {
      return (offsets.capacity() + ids.capacity()) * sizeof(std::uint32_t);
    }
  };

 private:
  Snapshot() = default;
  TokenId Intern(std::string_view token);
  // The steps of Build, in order (snapshot.cc).
  core::Status IndexEntities();
  void IndexNames(std::vector<text::PreparedName> prepared_names,
                  const std::vector<std::uint32_t>& name_start);
  void BuildJoinedKeys();
  void BuildTokenKeys(const BuildOptions& options);
  void IndexPlaces();

  std::vector<core::Entity> entities_;
  std::unordered_map<std::string_view, std::uint32_t> entity_by_id_;  // views into entities_
  std::vector<std::uint32_t> party_of_;
  std::vector<std::vector<std::uint32_t>> parties_;
  std::vector<NameRecord> names_;
  std::vector<TokenInfo> tokens_;
  std::vector<TokenFilter> token_filters_;  // per token, see TokenFilter
  std::unordered_map<std::string, TokenId> token_ids_;
  Postings token_postings_;
  KeyTable token_keys_;
  std::vector<std::string> joined_texts_;
  Postings joined_postings_;
  KeyTable joined_keys_;
  std::vector<float> joined_weights_;
  std::vector<std::string> place_words_;  // sorted; a word's id is its position
  Postings entity_places_;                // per entity: its place ids, sorted
  double log_total_ = 1.0;
  std::size_t min_deletion_length_ = 4;  // BuildOptions::min_deletion_length
};

}  // namespace redflag::index
