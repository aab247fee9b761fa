// Prose aliases in the CSL (see csl_aliases_internal.h). Only the forms found in the real file
// are split, each by a marker that cannot occur inside a name: "a.k.a."/"f.k.a." (with dots),
// "aka" as a word right after "(" or "[", a lower-case ", and " or leading "and " (the CSL's
// names write "AND" in upper case or "and" without the comma), "the following N aliases:".
#include "sources/us_trade/csl_aliases_internal.h"

#include <cctype>

#include "sources/us_trade/csl_fields_internal.h"

namespace redflag::sources::csl_internal {
namespace {

char Lower(char ch) { return static_cast<char>(std::tolower(static_cast<unsigned char>(ch))); }

bool StartsWithNoCase(std::string_view text, std::size_t at, std::string_view prefix) {
  if (at + prefix.size() > text.size()) return false;
  for (std::size_t idx = 0; idx < prefix.size(); ++idx) {
    if (Lower(text[at + idx]) != prefix[idx]) return false;
  }
  return true;
}

// Trims spaces and the punctuation prose leaves around an alias: "-X", "X,", ": X".
std::string Clean(std::string_view text) {
  std::size_t size = text.size() + 1;
  while (text.size() < size) {  // "and -Beta Trading LLC": both, in either order
    size = text.size();
    text = Trim(text);
    while (!text.empty() && (text.front() == '-' || text.front() == ':' || text.front() == ',')) {
      text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ',' || text.back() == ';' || text.back() == ':')) {
      text.remove_suffix(1);
    }
    if (text.substr(0, 4) == "and ") text.remove_prefix(4);
  }
  if (text.size() >= 2 && text.back() == '.' && text[text.size() - 2] == ')') {
    text.remove_suffix(1);  // "... Institute (CTI)." at the end of a sentence
  }
  return std::string(text);
}

// "the following two aliases:" (any count word), case-insensitive; returns its length or 0.
std::size_t FollowingAliases(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size() && (text[at] == ' ' || text[at] == ',' || text[at] == ':')) ++at;
  if (!StartsWithNoCase(text, at, "the following ")) return 0;
  const std::size_t alias = text.find("alias", at);
  if (alias == std::string_view::npos || alias > at + 40) return 0;
  const std::size_t colon = text.find(':', alias);
  return colon == std::string_view::npos ? 0 : colon + 1;
}

struct Marker {
  std::size_t at = std::string_view::npos;
  std::size_t size = 0;
  core::NameKind kind = core::NameKind::kStrongAka;
};

// The first a.k.a./f.k.a. marker in `text`.
Marker FindMarker(std::string_view text) {
  Marker best;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (StartsWithNoCase(text, at, "a.k.a.")) return {at, 6, core::NameKind::kStrongAka};
    if (StartsWithNoCase(text, at, "f.k.a.")) return {at, 6, core::NameKind::kFka};
    if (at > 0 && (text[at - 1] == '(' || text[at - 1] == '[') &&
        StartsWithNoCase(text, at, "aka ")) {
      return {at, 3, core::NameKind::kStrongAka};
    }
  }
  return best;
}

void Push(std::vector<AliasPart>& out, std::string name, core::NameKind kind) {
  if (name.empty()) return;
  for (const AliasPart& part : out) {
    if (part.name == name) return;
  }
  out.push_back({std::move(name), kind});
}

// Splits on a lower-case ", and " (prose); each part cleaned.
void SplitAnd(std::string_view text, core::NameKind kind, std::vector<AliasPart>& out) {
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(", and ", start);
    Push(out, Clean(text.substr(start, at == std::string_view::npos ? text.npos : at - start)),
         kind);
    if (at == std::string_view::npos) return;
    start = at + 2;  // keep "and ": Clean drops it
  }
}

// `text` with an a.k.a. marker: the name before it (plus what follows a bracketed list) and the
// aliases after it.
void SplitAtMarker(std::string_view text, const Marker& marker, std::vector<AliasPart>& out) {
  std::string_view before = text.substr(0, marker.at);
  std::string_view after = text.substr(marker.at + marker.size);
  std::string_view rest;
  const char open = marker.at > 0 ? text[marker.at - 1] : ' ';
  if (open == '(' || open == '[') {
    before.remove_suffix(1);
    const char close = open == '(' ? ')' : ']';
    // The closing bracket at the same depth: "(a.k.a., China Academy of ... (CAEP)?s 902 Institute)".
    std::size_t end = std::string_view::npos;
    int depth = 1;
    for (std::size_t idx = 0; idx < after.size() && end == std::string_view::npos; ++idx) {
      if (after[idx] == open) ++depth;
      if (after[idx] == close && --depth == 0) end = idx;
    }
    if (end != std::string_view::npos) {
      rest = after.substr(end + 1);
      after = after.substr(0, end);
    }
  }
  after.remove_prefix(FollowingAliases(after));
  std::string first = Clean(before);
  const std::string tail = Clean(rest);
  if (!tail.empty() && !first.empty()) first += " " + tail;
  Push(out, std::move(first), core::NameKind::kStrongAka);
  // Inside the a.k.a. part, ';' separates names (the CSV splits alt_names on it before us).
  std::size_t start = 0;
  while (start <= after.size()) {
    const std::size_t semi = after.find(';', start);
    const std::string_view one =
        after.substr(start, semi == std::string_view::npos ? after.npos : semi - start);
    const Marker inner = FindMarker(one);
    if (inner.at != std::string_view::npos) {
      SplitAtMarker(one, inner, out);
    } else {
      SplitAnd(one, marker.kind, out);
    }
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
}

}  // namespace

std::vector<AliasPart> SplitAliasItem(std::string_view item) {
  std::vector<AliasPart> out;
  const std::size_t following = FollowingAliases(item);
  if (following > 0) item.remove_prefix(following);
  const Marker marker = FindMarker(item);
  if (marker.at != std::string_view::npos) {
    SplitAtMarker(item, marker, out);
  } else {
    SplitAnd(item, core::NameKind::kStrongAka, out);
  }
  return out;
}

std::vector<AliasPart> AliasesInName(std::string_view name) {
  std::vector<AliasPart> out;
  name = Trim(name);
  const std::string whole(name);
  // "Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity:  Beijing Huawei Longshine ..."
  if (const std::size_t at = name.find("Affiliated Entity:"); at != std::string_view::npos) {
    Push(out, Clean(name.substr(at + 18)), core::NameKind::kStrongAka);
    return out;
  }
  // "Pakistan Atomic Energy Commission (PAEC), and subordinate entity National Development
  // Complex": the party is the subordinate entity.
  if (const std::size_t at = name.find(", and subordinate entity "); at != std::string_view::npos) {
    Push(out, Clean(name.substr(at + 25)), core::NameKind::kStrongAka);
    return out;
  }
  const Marker marker = FindMarker(name);
  if (marker.at != std::string_view::npos) {
    SplitAtMarker(name, marker, out);
  } else {
    // "X (Huawei)", "X (Parent Organization: ...)", "X (DPRK individual)": the name without its
    // closing parenthetical is how the party is usually written.
    std::string_view core = name;
    while (!core.empty() && (core.back() == '.' || core.back() == ' ')) core.remove_suffix(1);
    if (!core.empty() && core.back() == ')') {
      int depth = 0;
      std::size_t open = std::string_view::npos;
      for (std::size_t idx = core.size(); idx-- > 0;) {
        if (core[idx] == ')') ++depth;
        if (core[idx] == '(' && --depth == 0) {
          open = idx;
          break;
        }
      }
      if (open != std::string_view::npos && open > 0) {
        Push(out, Clean(core.substr(0, open)), core::NameKind::kStrongAka);
      }
    }
  }
  std::erase_if(out, [&](const AliasPart& part) { return part.name == whole; });
  return out;
}

}  // namespace redflag::sources::csl_internal
