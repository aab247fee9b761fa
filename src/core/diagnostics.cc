#include "core/diagnostics.h"

#include <fmt/format.h>

namespace redflag::core {

std::string Diagnostic::ToString() const {
  std::string out = where.ToString();
  if (!out.empty()) out += ": ";
  if (!original.empty()) out += fmt::format("\"{}\": ", original);
  out += message;
  if (!action.empty()) out += "; " + action;
  return out;
}

void Diagnostics::Add(Severity severity, Location where, std::string original,
                      std::string message, std::string action) {
  if (severity == Severity::kWarning) ++warnings_;
  if (severity == Severity::kError) ++errors_;
  if (entries_.size() >= max_kept_) {
    ++dropped_;
    return;
  }
  if (original.size() > 200) original = original.substr(0, 200) + "...";
  entries_.push_back(
      Diagnostic{severity, std::move(where), std::move(original), std::move(message),
                 std::move(action)});
}

void Diagnostics::Merge(const Diagnostics& other) {
  for (const Diagnostic& entry : other.entries_) {
    Add(entry.severity, entry.where, entry.original, entry.message, entry.action);
  }
  dropped_ += other.dropped_;
}

std::string Diagnostics::Format(std::size_t limit) const {
  std::string out;
  std::size_t shown = 0;
  for (const Diagnostic& entry : entries_) {
    if (shown == limit) break;
    out += entry.ToString();
    out += '\n';
    ++shown;
  }
  const std::size_t rest = entries_.size() - shown + dropped_;
  if (rest > 0) out += fmt::format("... and {} more\n", rest);
  return out;
}

}  // namespace redflag::core
