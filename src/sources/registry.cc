// Source registry: which files make which list, and which parser reads them.
//
// The rules (docs/store.md, "Registry", has the table and the reasons):
// - A directory is a list directory when its name is a list id ("ofac_sdn", "us_csl", ...,
//   "ieee-oui" -> "ieee_oui", "custom-<name>"); any other directory is a root whose list
//   directories are found up to two levels down (so both data/ and data/lists work).
// - In a list directory every file is classified by name (and by the directory's list for
//   generic names, e.g. eu/*.xml); sets (the OFAC CSV quartets, the IEEE registries) become ONE
//   job. When a list directory holds several formats of the same list (ofac_cons: CSV set,
//   CONS_ENHANCED.XML/.ZIP, cons_advanced.xml) only the preferred format is imported; the others
//   are reported as Info ("other format of ofac_cons ...; import it by naming the file").
//   Sub-directories of a list directory (ofac_sdn/sdn_2024-05-03, us_csl/samples) are other
//   snapshots: reported, imported only when named.
// - The two UK files are different publications: the FCDO UK Sanctions List (.ods) is list "uk",
//   the OFSI Consolidated List ("ConList" CSV) is list "uk_ofsi", so that each keeps one id space
//   and its own version history.
// - A named file is imported whatever the preferences; naming one member of a set imports the
//   set from that file's directory.
#include "sources/registry.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <exception>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <system_error>

#include "sources/us_trade/bis_dpl.h"
#include "sources/canada/ca_sema.h"
#include "sources/us_trade/csl.h"
#include "sources/custom/custom_csv.h"
#include "sources/eu/eu_xml.h"
#include "sources/ftm/ftm.h"
#include "sources/ieee/ieee_oui.h"
#include "sources/ofac/ofac_advanced_xml.h"
#include "sources/ofac/ofac_csv.h"
#include "sources/ofac/ofac_enhanced_xml.h"
#include "sources/uk/uk.h"
#include "sources/un/un_xml.h"

namespace redflag::sources {
namespace {

namespace fs = std::filesystem;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

// A file's place in the registry: which list, which format, and whether it belongs to a set
// that is imported as one job.
struct FileClass {
  std::string list_id;
  std::string format;
  bool set_member = false;  // OFAC CSV quartet or IEEE registry: grouped with its siblings
};

// The list id a directory name stands for; nullopt when it is not a list directory.
std::optional<std::string> ListIdForDirectory(std::string_view dir_name) {
  static const std::set<std::string, std::less<>> kListIds = {
      "ofac_sdn", "ofac_cons", "us_csl", "un",  "bis_dpl",  "uk",
      "uk_ofsi",  "ca_sema",   "eu",     "ftm", "ieee_oui",
  };
  const std::string name = Lower(dir_name);
  if (name == "ieee-oui") return "ieee_oui";
  if (kListIds.count(name) != 0) return name;
  if (name.size() > 7 && name.rfind("custom-", 0) == 0) return name;
  return std::nullopt;
}

// The first bytes of a file, for sniffing generic names.
std::string Head(const fs::path& path, std::size_t size = 4096) {
  std::ifstream in(path, std::ios::binary);
  std::string buffer(size, '\0');
  in.read(buffer.data(), static_cast<std::streamsize>(size));
  buffer.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return buffer;
}

// Classification by file name alone (official names), then by the list directory it sits in.
std::optional<FileClass> Classify(const fs::path& file,
                                  const std::optional<std::string>& dir_list) {
  const std::string name = Lower(file.filename().string());
  const std::string ext = Lower(file.extension().string());
  if (name == "sdn.csv" || name == "add.csv" || name == "alt.csv" || name == "sdn_comments.csv") {
    return FileClass{"ofac_sdn", "ofac_legacy_csv", true};
  }
  if (name == "cons_prim.csv" || name == "cons_add.csv" || name == "cons_alt.csv" ||
      name == "cons_comments.csv") {
    return FileClass{"ofac_cons", "ofac_legacy_csv", true};
  }
  if (name == "sdn_enhanced.xml" || name == "sdn_enhanced.zip") {
    return FileClass{"ofac_sdn", "ofac_enhanced_xml"};
  }
  if (name == "cons_enhanced.xml" || name == "cons_enhanced.zip") {
    return FileClass{"ofac_cons", "ofac_enhanced_xml"};
  }
  if (name == "sdn_advanced.xml") return FileClass{"ofac_sdn", "ofac_advanced_xml"};
  if (name == "cons_advanced.xml") return FileClass{"ofac_cons", "ofac_advanced_xml"};
  if (name == "dpl.txt") return FileClass{"bis_dpl", "bis_dpl"};
  if (name == "sema-lmes.xml") return FileClass{"ca_sema", "ca_sema"};
  if (name == "sanctionsconlist.csv" || name == "conlist.csv") {
    return FileClass{"uk_ofsi", "uk_conlist"};
  }
  if (name == "oui.csv" || name == "mam.csv" || name == "oui36.csv" || name == "iab.csv") {
    return FileClass{"ieee_oui", "ieee_oui", true};
  }
  const std::string list = dir_list.value_or("");
  if (name == "consolidated.xml" && (list.empty() || list == "un")) {
    return FileClass{"un", "un_xml"};
  }
  if (name == "consolidated.csv" && (list.empty() || list == "us_csl")) {
    return FileClass{"us_csl", "csl_csv"};
  }
  if (name == "consolidated.json" && (list.empty() || list == "us_csl")) {
    return FileClass{"us_csl", "csl_json"};
  }
  if (list == "us_csl" && ext == ".csv") return FileClass{"us_csl", "csl_csv"};
  if (list == "us_csl" && ext == ".json") return FileClass{"us_csl", "csl_json"};
  if (list == "un" && ext == ".xml") return FileClass{"un", "un_xml"};
  if (list == "bis_dpl" && ext == ".txt") return FileClass{"bis_dpl", "bis_dpl"};
  if (list == "ca_sema" && ext == ".xml") return FileClass{"ca_sema", "ca_sema"};
  if (list == "eu" && ext == ".xml") return FileClass{"eu", "eu_xml"};
  if (list == "ftm" && (ext == ".jsonl" || ext == ".json")) return FileClass{"ftm", "ftm"};
  if (list.rfind("custom-", 0) == 0 && ext == ".csv") return FileClass{list, "custom_csv"};
  if (ext == ".ods" && (list == "uk" || list.empty())) return FileClass{"uk", "uk_fcdo_ods"};
  if ((list == "uk" || list == "uk_ofsi") && ext == ".csv") {
    // The OFSI ConList starts with "Last Updated,<date>"; the FCDO CSV has no parser yet.
    if (Lower(Head(file, 64)).rfind("last updated", 0) == 0) {
      return FileClass{"uk_ofsi", "uk_conlist"};
    }
    return std::nullopt;
  }
  if ((list == "ofac_sdn" || list == "ofac_cons") && ext == ".xml") {
    const std::string head = Head(file);
    if (head.find("<sanctionsData") != std::string::npos) {
      return FileClass{list, "ofac_enhanced_xml"};
    }
    if (head.find("<Sanctions") != std::string::npos) return FileClass{list, "ofac_advanced_xml"};
    return std::nullopt;
  }
  return std::nullopt;
}

// Preferred format first: in a directory import only the best format of each list is taken.
int FormatRank(std::string_view format) {
  static constexpr std::array<std::string_view, 4> kOrder = {"ofac_legacy_csv", "ofac_enhanced_xml",
                                                             "ofac_advanced_xml", "csl_json"};
  for (std::size_t rank = 0; rank < kOrder.size(); ++rank) {
    if (kOrder[rank] == format) return static_cast<int>(rank);
  }
  return 0;  // every other format is the only one of its list
}

bool IsZip(const fs::path& file) { return Lower(file.extension().string()) == ".zip"; }

std::vector<fs::path> SortedEntries(const fs::path& dir, std::error_code& ec) {
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(it->path());
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

core::Error DirError(const fs::path& dir, const std::error_code& ec) {
  return core::MakeError(core::ErrorCode::kIo, "cannot read directory: " + ec.message(),
                         core::Location{.file = dir.string()});
}

// The members of the set `file` belongs to, from its directory, in name order.
std::vector<fs::path> SetMembers(const fs::path& file, const FileClass& cls) {
  std::vector<fs::path> members;
  std::error_code ec;
  for (const auto& entry :
       SortedEntries(file.parent_path().empty() ? "." : file.parent_path(), ec)) {
    if (!fs::is_regular_file(entry, ec)) continue;
    auto other = Classify(entry, std::nullopt);
    if (other && other->set_member && other->list_id == cls.list_id &&
        other->format == cls.format) {
      members.push_back(entry);
    }
  }
  if (members.empty()) members.push_back(file);
  return members;
}

// Why a file in a list directory is not imported: another form of a file that is ("oui.txt" beside
// "oui.csv"), or nothing redflag reads.
std::string SkipReason(const fs::path& file, const std::vector<fs::path>& siblings,
                       const std::string& dir_list) {
  for (const fs::path& other : siblings) {
    if (other == file || other.stem() != file.stem()) continue;
    if (Classify(other, dir_list)) {
      return "same data as " + other.filename().string() + ", which is imported: skipped";
    }
  }
  return "not a list file redflag reads: skipped";
}

core::Status DiscoverListDir(const fs::path& dir, const std::string& dir_list,
                             std::vector<ImportJob>& jobs, core::Diagnostics& diagnostics) {
  std::error_code ec;
  const auto entries = SortedEntries(dir, ec);
  if (ec) return DirError(dir, ec);
  // (list_id, format) -> files; singles become one job per file.
  std::map<std::pair<std::string, std::string>, std::vector<fs::path>> sets;
  std::vector<std::pair<FileClass, fs::path>> singles;
  for (const auto& entry : entries) {
    if (fs::is_directory(entry, ec)) {
      diagnostics.Info(core::Location{.file = entry.string()},
                       "sub-directory of list " + dir_list +
                           " holds another snapshot: not imported; name it to import it");
      continue;
    }
    if (!fs::is_regular_file(entry, ec)) continue;
    auto cls = Classify(entry, dir_list);
    if (!cls) {
      diagnostics.Info(core::Location{.file = entry.string()}, SkipReason(entry, entries, dir_list));
      continue;
    }
    if (cls->set_member) {
      sets[{cls->list_id, cls->format}].push_back(entry);
    } else {
      singles.emplace_back(*cls, entry);
    }
  }
  std::vector<ImportJob> found;
  for (auto& [key, files] : sets) found.push_back(ImportJob{key.first, key.second, files});
  for (auto& [cls, file] : singles) found.push_back(ImportJob{cls.list_id, cls.format, {file}});

  // Per list: keep the best-ranked format; a .zip is skipped when the same format is there as
  // plain XML (CONS_ENHANCED.ZIP holds CONS_ENHANCED.XML).
  std::map<std::string, int> best_rank;
  for (const auto& job : found) {
    const int rank = FormatRank(job.format);
    auto [it, inserted] = best_rank.emplace(job.list_id, rank);
    if (!inserted) it->second = std::min(it->second, rank);
  }
  for (const auto& job : found) {
    const bool other_format = FormatRank(job.format) != best_rank[job.list_id];
    const bool zip_twin = !other_format && job.files.size() == 1 && IsZip(job.files[0]) &&
                          std::any_of(found.begin(), found.end(), [&](const ImportJob& other) {
                            return &other != &job && other.list_id == job.list_id &&
                                   other.format == job.format && other.files.size() == 1 &&
                                   !IsZip(other.files[0]);
                          });
    if (other_format || zip_twin) {
      for (const auto& file : job.files) {
        diagnostics.Info(core::Location{.file = file.string()},
                         "other format of " + job.list_id + " (" + job.format +
                             "): not imported with the directory; import it by naming the file");
      }
      continue;
    }
    jobs.push_back(job);
  }
  return core::Ok();
}

core::Status DiscoverRoot(const fs::path& dir, int depth, std::vector<ImportJob>& jobs,
                          core::Diagnostics& diagnostics) {
  std::error_code ec;
  const auto entries = SortedEntries(dir, ec);
  if (ec) return DirError(dir, ec);
  for (const auto& entry : entries) {
    if (fs::is_directory(entry, ec)) {
      if (auto list = ListIdForDirectory(entry.filename().string())) {
        if (auto done = DiscoverListDir(entry, *list, jobs, diagnostics); !done) return done;
      } else if (depth < 2) {
        if (auto done = DiscoverRoot(entry, depth + 1, jobs, diagnostics); !done) return done;
      } else {
        diagnostics.Info(core::Location{.file = entry.string()},
                         "directory is not named after a list: skipped");
      }
    } else if (depth == 0) {
      diagnostics.Info(core::Location{.file = entry.string()},
                       "file outside a list directory: skipped (name it to import it)");
    }
  }
  return core::Ok();
}

// The list id of the nearest enclosing list directory, if any.
std::optional<std::string> EnclosingList(const fs::path& file) {
  for (fs::path dir = file.parent_path(); !dir.empty() && dir != dir.root_path();
       dir = dir.parent_path()) {
    if (auto list = ListIdForDirectory(dir.filename().string())) return list;
    if (dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

void FillFileHashes(ParsedList& list, const std::vector<fs::path>& job_files) {
  if (list.files.empty()) {
    for (const auto& file : job_files) list.files.push_back(SourceFile{.path = file});
  }
}

}  // namespace

core::Result<std::vector<ImportJob>> Discover(const fs::path& path,
                                              core::Diagnostics& diagnostics) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return core::MakeError(core::ErrorCode::kNotFound, "no such file or directory",
                           core::Location{.file = path.string()});
  }
  std::vector<ImportJob> jobs;
  if (fs::is_directory(status)) {
    // "lists/ofac_sdn/" has an empty filename(); look at the last real component.
    const fs::path normal = path.lexically_normal();
    const fs::path name =
        normal.has_filename() ? normal.filename() : normal.parent_path().filename();
    if (auto list = ListIdForDirectory(name.string())) {
      if (auto done = DiscoverListDir(path, *list, jobs, diagnostics); !done) return done.error();
    } else if (auto enclosing = EnclosingList(normal / "x")) {
      // A named snapshot sub-directory (ofac_sdn/sdn_2024-05-03, us_csl/samples): every file in
      // it is imported, with the enclosing list's context.
      if (auto done = DiscoverListDir(path, *enclosing, jobs, diagnostics); !done) {
        return done.error();
      }
    } else {
      if (auto done = DiscoverRoot(path, 0, jobs, diagnostics); !done) return done.error();
    }
    return jobs;
  }
  auto cls = Classify(path, EnclosingList(path));
  if (!cls) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "cannot tell which list this file belongs to (see docs/store.md, "
                           "\"Registry\", for the file names redflag recognises)",
                           core::Location{.file = path.string()});
  }
  std::vector<fs::path> files = cls->set_member ? SetMembers(path, *cls) : std::vector{path};
  jobs.push_back(ImportJob{cls->list_id, cls->format, std::move(files)});
  return jobs;
}

core::Result<std::string> Sha256File(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::MakeError(core::ErrorCode::kIo, "cannot open file to hash it",
                           core::Location{.file = path.string()});
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    return core::MakeError(core::ErrorCode::kInternal, "OpenSSL SHA-256 init failed");
  }
  std::string buffer(1 << 16, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize got = in.gcount();
    if (got > 0 && EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(got)) != 1) {
      return core::MakeError(core::ErrorCode::kInternal, "OpenSSL SHA-256 update failed");
    }
  }
  if (in.bad()) {
    return core::MakeError(core::ErrorCode::kIo, "read error while hashing",
                           core::Location{.file = path.string()});
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1) {
    return core::MakeError(core::ErrorCode::kInternal, "OpenSSL SHA-256 final failed");
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int byte_idx = 0; byte_idx < size; ++byte_idx) {
    hex.push_back(kDigits[digest[byte_idx] >> 4]);
    hex.push_back(kDigits[digest[byte_idx] & 0xf]);
  }
  return hex;
}

namespace {

core::Result<ParsedList> Dispatch(const ImportJob& job) {
  const auto& f = job.format;
  const std::string_view id = job.list_id;
  if (f == "ofac_legacy_csv") return ParseOfacLegacyCsv(job.files, id);
  if (f == "ofac_enhanced_xml") return ParseOfacEnhancedXml(job.files, id);
  if (f == "ofac_advanced_xml") return ParseOfacAdvancedXml(job.files, id);
  if (f == "eu_xml") return ParseEuXml(job.files, id);
  if (f == "csl_csv") return ParseCslCsv(job.files, id);
  if (f == "csl_json") return ParseCslJson(job.files, id);
  if (f == "bis_dpl") return ParseBisDpl(job.files, id);
  if (f == "custom_csv") return ParseCustomCsv(job.files, id);
  if (f == "ftm") return ParseFtmJsonl(job.files, id);
  if (f == "un_xml") return ParseUnXml(job.files, id);
  if (f == "uk_conlist") return ParseUkConList(job.files, id);
  if (f == "uk_fcdo_ods") return ParseUkFcdoOds(job.files, id);
  if (f == "ca_sema") return ParseCaSema(job.files, id);
  if (f == "ieee_oui") return ParseIeeeOui(job.files, id);
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "no parser for format \"" + f + "\" (list " + job.list_id + ")",
                         core::Location{.file = job.files.empty() ? "" : job.files[0].string()});
}

}  // namespace

core::Result<ParsedList> Parse(const ImportJob& job) {
  if (job.files.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "import job for " + job.list_id + " has no files");
  }
  core::Result<ParsedList> parsed = core::MakeError(core::ErrorCode::kInternal, "not parsed");
  try {
    parsed = Dispatch(job);
  } catch (const std::exception& e) {
    // Parsers promise not to throw; this keeps the promise at the module boundary if one does.
    return core::MakeError(core::ErrorCode::kInternal,
                           std::string("parser for ") + job.format + " threw: " + e.what(),
                           core::Location{.file = job.files[0].string()});
  }
  if (!parsed) return parsed;
  if (parsed->list_id.empty()) parsed->list_id = job.list_id;
  // The registry's format names are the canonical ones (update config, store, docs).
  parsed->format = job.format;
  FillFileHashes(*parsed, job.files);
  for (auto& file : parsed->files) {
    if (!file.sha256.empty()) continue;
    auto hash = Sha256File(file.path);
    if (!hash) return hash.error();
    file.sha256 = std::move(*hash);
    std::error_code ec;
    const auto size = fs::file_size(file.path, ec);
    if (!ec) file.size = size;
  }
  return parsed;
}

core::Result<std::vector<core::Entity>> LoadLists(const std::vector<std::filesystem::path>& roots,
                                                  std::vector<ParsedList>* loaded) {
  std::vector<core::Entity> entities;
  std::set<std::string> seen_lists;
  for (const std::filesystem::path& root : roots) {
    core::Diagnostics diagnostics;
    auto jobs = Discover(root, diagnostics);
    if (!jobs) return jobs.error();
    for (const ImportJob& job : *jobs) {
      if (!seen_lists.insert(job.list_id).second) continue;
      auto parsed = Parse(job);
      if (!parsed) return parsed.error();
      std::move(parsed->entities.begin(), parsed->entities.end(), std::back_inserter(entities));
      if (loaded != nullptr) {
        parsed->entities.clear();
        loaded->push_back(std::move(*parsed));
      }
    }
  }
  return entities;
}

}  // namespace redflag::sources
