// Downloads with libcurl, then parses and imports with ImportJobs.
#include "ingest/updater.h"

#include <curl/curl.h>
#include <stdlib.h>

#include <cstdio>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <system_error>
#include <utility>

#include "ingest/import.h"
#include "sources/registry.h"

#ifndef REDFLAG_SOURCE_DIR
#define REDFLAG_SOURCE_DIR "."
#endif

namespace redflag::ingest {
namespace {

namespace fs = std::filesystem;
using store::Store;

core::Error ConfigError(std::string_view file_name, std::string field, std::string message) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message),
                         core::Location{.file = std::string(file_name), .field = std::move(field)});
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

// "https://host:443/path" -> "host:443"; file URLs -> "local file <path>".
std::string HostOf(std::string_view url) {
  if (StartsWith(url, "file://")) return "local file " + std::string(url.substr(7));
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const std::string_view rest = url.substr(scheme_end + 3);
  return std::string(rest.substr(0, rest.find_first_of("/?#")));
}

void CurlGlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
  std::ofstream* out = nullptr;
  std::uint64_t written = 0;
  std::uint64_t max_bytes = 0;
  bool over_cap = false;
};

size_t WriteToSink(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::uint64_t bytes = static_cast<std::uint64_t>(size) * count;
  if (sink->written + bytes > sink->max_bytes) {
    sink->over_cap = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  sink->out->write(data, static_cast<std::streamsize>(bytes));
  if (!*sink->out) return 0;
  sink->written += bytes;
  return bytes;
}

std::string ActiveVersionText(const Store& store, const std::string& list_id) {
  auto versions = store.Versions(list_id);
  if (versions) {
    for (const auto& version : *versions) {
      if (version.active) {
        return "active version " + std::to_string(version.version_id) + " of " + list_id + " stays";
      }
    }
  }
  return "no version of " + list_id + " was imported yet";
}

core::Error NothingChanged(core::Error error, const Store& store, const std::string& list_id) {
  error.message += "; nothing changed, " + ActiveVersionText(store, list_id);
  return error;
}

// A fresh private directory under `root`.
core::Result<fs::path> MakeTempDir(const fs::path& root) {
  std::error_code ec;
  const fs::path base = root.empty() ? fs::temp_directory_path(ec) : root;
  if (ec) return core::MakeError(core::ErrorCode::kIo, "no temporary directory: " + ec.message());
  std::string pattern = (base / "redflag-update-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return core::MakeError(core::ErrorCode::kIo, "cannot create a temporary directory",
                           core::Location{.file = base.string()});
  }
  return fs::path(pattern);
}

UpdateOutcome UpdateOne(Store& store, const UpdateSource& source, const UpdateOptions& options) {
  UpdateOutcome outcome;
  outcome.list_id = source.list_id;
  auto temp = MakeTempDir(options.temp_root);
  if (!temp) {
    outcome.error = NothingChanged(temp.error(), store, source.list_id);
    return outcome;
  }
  struct RemoveDir {
    fs::path path;
    ~RemoveDir() {
      std::error_code ec;
      fs::remove_all(path, ec);
    }
  } cleanup{*temp};

  sources::ImportJob job{source.list_id, source.format, {}};
  for (const auto& file : source.files) {
    const fs::path destination = *temp / file.name;
    if (auto done = DownloadFile(file.url, destination, options.download); !done) {
      outcome.error = NothingChanged(done.error(), store, source.list_id);
      return outcome;
    }
    job.files.push_back(destination);
  }
  ImportOptions import_options;
  // Record where the files came from, not the temporary directory they passed through.
  import_options.before_store = [&source](sources::ParsedList& parsed) {
    for (auto& parsed_file : parsed.files) {
      for (const auto& file : source.files) {
        if (parsed_file.path.filename() == fs::path(file.name).filename()) {
          parsed_file.path = file.url;
        }
      }
    }
  };
  const auto on_list = [&](const ListOutcome& list) {
    if (list.parse_error != nullptr) {
      core::Error error = *list.parse_error;
      error.message = "downloaded " + source.list_id + " does not parse: " + error.message;
      outcome.error = NothingChanged(std::move(error), store, source.list_id);
      return;
    }
    outcome.warnings = list.parsed->diagnostics.warnings();
    for (const auto& diagnostic : list.parsed->diagnostics.entries()) {
      if (outcome.first_diagnostics.size() >= 5) break;
      if (diagnostic.severity != core::Severity::kInfo) {
        outcome.first_diagnostics.push_back(diagnostic);
      }
    }
    if (!*list.imported) {
      outcome.error = NothingChanged(list.imported->error(), store, source.list_id);
      return;
    }
    outcome.result = **list.imported;
  };
  ImportJobs(store, {job}, on_list, import_options);
  return outcome;
}

}  // namespace

core::Result<std::vector<UpdateSource>> ParseUpdateConfig(std::string_view json,
                                                          std::string_view file_name) {
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception& e) {
    return core::MakeError(core::ErrorCode::kParse,
                           std::string("update configuration is not valid JSON: ") + e.what(),
                           core::Location{.file = std::string(file_name)});
  }
  if (!root.is_object() || !root.contains("sources") || !root["sources"].is_array()) {
    return ConfigError(file_name, "sources", "expected an object with a \"sources\" array");
  }
  std::vector<UpdateSource> sources;
  std::set<std::string> seen;
  const auto& items = root["sources"];
  for (std::size_t source_idx = 0; source_idx < items.size(); ++source_idx) {
    const auto& item = items[source_idx];
    const std::string where = "sources[" + std::to_string(source_idx) + "]";
    if (!item.is_object()) return ConfigError(file_name, where, "expected an object");
    auto text = [&](const char* key, bool required, std::string& out) -> core::Status {
      if (!item.contains(key)) {
        if (required) return ConfigError(file_name, where + "." + key, "missing");
        return core::Ok();
      }
      if (!item[key].is_string()) {
        return ConfigError(file_name, where + "." + key, "expected a string");
      }
      out = item[key].get<std::string>();
      if (required && out.empty()) return ConfigError(file_name, where + "." + key, "empty");
      return core::Ok();
    };
    auto flag = [&](const char* key, bool& out) -> core::Status {
      if (!item.contains(key)) return core::Ok();
      if (!item[key].is_boolean()) {
        return ConfigError(file_name, where + "." + key, "expected true or false");
      }
      out = item[key].get<bool>();
      return core::Ok();
    };
    UpdateSource source;
    for (auto status : {text("list_id", true, source.list_id), text("format", true, source.format),
                        text("note", false, source.note), flag("enabled", source.enabled),
                        flag("verified", source.verified)}) {
      if (!status) return status.error();
    }
    if (!seen.insert(source.list_id).second) {
      return ConfigError(file_name, where + ".list_id",
                         "list \"" + source.list_id + "\" is configured twice");
    }
    if (!item.contains("files") || !item["files"].is_array() || item["files"].empty()) {
      return ConfigError(file_name, where + ".files", "expected a non-empty array");
    }
    for (std::size_t file_idx = 0; file_idx < item["files"].size(); ++file_idx) {
      const auto& file = item["files"][file_idx];
      const std::string file_where = where + ".files[" + std::to_string(file_idx) + "]";
      if (!file.is_object() || !file.contains("url") || !file["url"].is_string() ||
          !file.contains("name") || !file["name"].is_string()) {
        return ConfigError(file_name, file_where,
                           "expected {\"url\": \"https://...\", \"name\": \"file name\"}");
      }
      UpdateFile update_file{file["url"].get<std::string>(), file["name"].get<std::string>()};
      if (!StartsWith(update_file.url, "https://") && !StartsWith(update_file.url, "file://")) {
        return ConfigError(file_name, file_where + ".url",
                           "\"" + update_file.url + "\" is not an https:// (or file://) URL");
      }
      // The name becomes a path in the download directory: a plain file name only.
      if (update_file.name.empty() || update_file.name == "." || update_file.name == ".." ||
          update_file.name.find_first_of("/\\") != std::string::npos ||
          update_file.name.find('\0') != std::string::npos) {
        return ConfigError(file_name, file_where + ".name",
                           "\"" + update_file.name + "\" is not a plain file name");
      }
      source.files.push_back(std::move(update_file));
    }
    sources.push_back(std::move(source));
  }
  return sources;
}

core::Result<std::vector<UpdateSource>> LoadUpdateConfig(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::MakeError(core::ErrorCode::kNotFound, "cannot open the update configuration",
                           core::Location{.file = path.string()});
  }
  std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ParseUpdateConfig(json, path.string());
}

fs::path DefaultUpdateConfigPath() {
  return fs::path(REDFLAG_SOURCE_DIR) / "data" / "update_sources.json";
}

core::Status DownloadFile(const std::string& url, const fs::path& destination,
                          const DownloadOptions& options) {
  if (!StartsWith(url, "https://") && !StartsWith(url, "file://")) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        "refusing \"" + url + "\": only https:// (and file://) URLs are fetched");
  }
  CurlGlobalInit();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return core::MakeError(core::ErrorCode::kInternal, "curl_easy_init failed");
  std::ofstream out(destination, std::ios::binary | std::ios::trunc);
  if (!out) {
    return core::MakeError(core::ErrorCode::kIo, "cannot write the download",
                           core::Location{.file = destination.string()});
  }
  Sink sink{.out = &out, .max_bytes = options.max_bytes};
  char error_buffer[CURL_ERROR_SIZE] = {0};
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "https,file");
  curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(handle, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_seconds);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, options.total_timeout_seconds);
  curl_easy_setopt(handle, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "redflag-updater/0.1");
  curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, WriteToSink);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  const CURLcode rc = curl_easy_perform(handle);
  out.close();
  const std::string host = HostOf(url);
  if (sink.over_cap || rc == CURLE_FILESIZE_EXCEEDED) {
    return core::MakeError(core::ErrorCode::kUnavailable, url + " is larger than the " +
                                                              std::to_string(options.max_bytes) +
                                                              "-byte cap; download abandoned");
  }
  if (rc != CURLE_OK) {
    const std::string message = error_buffer[0] != 0 ? error_buffer : curl_easy_strerror(rc);
    if (rc == CURLE_HTTP_RETURNED_ERROR) {
      long status = 0;
      curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
      return core::MakeError(core::ErrorCode::kUnavailable,
                             host + " answered HTTP " + std::to_string(status) + " for " + url);
    }
    if (rc == CURLE_WRITE_ERROR) {
      return core::MakeError(core::ErrorCode::kIo, "cannot write the download: " + message,
                             core::Location{.file = destination.string()});
    }
    return core::MakeError(core::ErrorCode::kUnavailable, "cannot reach " + host + ": " + message);
  }
  if (!out) {
    return core::MakeError(core::ErrorCode::kIo, "cannot write the download",
                           core::Location{.file = destination.string()});
  }
  return core::Ok();
}

core::Result<std::vector<UpdateOutcome>> UpdateLists(Store& store,
                                                     const std::vector<UpdateSource>& sources,
                                                     const UpdateOptions& options) {
  std::vector<UpdateOutcome> outcomes;
  bool found_only = options.only.empty();
  for (const auto& source : sources) {
    if (!options.only.empty()) {
      if (source.list_id != options.only) continue;
      found_only = true;
    } else if (!source.enabled) {
      continue;
    }
    outcomes.push_back(UpdateOne(store, source, options));
  }
  if (!found_only) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           "list \"" + options.only + "\" is not in the update configuration");
  }
  return outcomes;
}

}  // namespace redflag::ingest
