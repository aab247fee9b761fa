#include "api/static_assets.h"

#include <fmt/format.h>
#include <httplib.h>

#include <cstdint>
#include <map>

namespace redflag::api {

// Generated at build time from web/ (cmake/embed_web.cmake).
struct EmbeddedWebFile {
  const char* path;  // relative to web/, e.g. "index.html", "js/app.js"
  const unsigned char* data;
  std::size_t size;
};
extern const EmbeddedWebFile kEmbeddedWebFiles[];
extern const std::size_t kEmbeddedWebFileCount;

namespace {

std::string_view ContentTypeFor(std::string_view path) {
  const auto ends_with = [path](std::string_view suffix) { return path.ends_with(suffix); };
  if (ends_with(".html")) return "text/html; charset=utf-8";
  if (ends_with(".js")) return "text/javascript; charset=utf-8";
  if (ends_with(".css")) return "text/css; charset=utf-8";
  if (ends_with(".svg")) return "image/svg+xml";
  if (ends_with(".png")) return "image/png";
  if (ends_with(".json")) return "application/json";
  return "application/octet-stream";
}

// FNV-1a 64: a change detector for the ETag, not a security property.
std::string EtagFor(std::string_view body) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (const char c : body) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return fmt::format("\"{:016x}-{}\"", hash, body.size());
}

const std::map<std::string, StaticAsset, std::less<>>& Assets() {
  static const auto* assets = [] {
    auto* out = new std::map<std::string, StaticAsset, std::less<>>();
    for (std::size_t idx = 0; idx < kEmbeddedWebFileCount; ++idx) {
      const EmbeddedWebFile& file = kEmbeddedWebFiles[idx];
      const std::string relative = file.path;
      const std::string path = relative == "index.html" ? "/" : "/static/" + relative;
      const std::string_view body(reinterpret_cast<const char*>(file.data), file.size);
      (*out)[path] = StaticAsset{"", ContentTypeFor(relative), body, EtagFor(body)};
    }
    for (auto& [path, asset] : *out) asset.path = path;
    return out;
  }();
  return *assets;
}

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'";

}  // namespace

const StaticAsset* FindStaticAsset(std::string_view path) {
  if (path == "/index.html") path = "/";
  const auto& assets = Assets();
  const auto found = assets.find(path);
  return found == assets.end() ? nullptr : &found->second;
}

std::vector<std::pair<std::string, std::string>> StaticAssetHeaders(const StaticAsset& asset) {
  return {{"Content-Security-Policy", std::string(kContentSecurityPolicy)},
          {"X-Content-Type-Options", "nosniff"},
          {"Referrer-Policy", "no-referrer"},
          {"X-Frame-Options", "DENY"},
          {"Cross-Origin-Opener-Policy", "same-origin"},
          {"Cross-Origin-Resource-Policy", "same-origin"},
          {"Cache-Control", "no-cache"},
          {"ETag", asset.etag}};
}

bool ServeStaticAsset(const httplib::Request& in, httplib::Response& out) {
  if (in.method != "GET" && in.method != "HEAD") return false;
  const StaticAsset* asset = FindStaticAsset(in.path);
  if (asset == nullptr) return false;
  for (const auto& [name, value] : StaticAssetHeaders(*asset)) out.set_header(name, value);
  if (in.get_header_value("If-None-Match") == asset->etag) {
    out.status = 304;
    return true;
  }
  out.status = 200;
  out.set_content(std::string(asset->body), std::string(asset->content_type));
  return true;
}

}  // namespace redflag::api
