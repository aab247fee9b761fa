// The analyst's workbench (web/): one HTML page with its ES modules and CSS, embedded into the
// binary at build time (cmake/embed_web.cmake), served by `redflag serve` next to the API.
//
// Every asset goes out with strict headers: a Content-Security-Policy without inline script or
// style and with connections to this origin only, nosniff, no referrer, no framing, and an ETag
// with `Cache-Control: no-cache` (the browser revalidates, a 304 when unchanged).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace redflag::api {

struct StaticAsset {
  std::string_view path;          // "/", "/static/app.js", ...
  std::string_view content_type;  // with charset for text
  std::string_view body;
  std::string etag;  // a quoted hash of the body
};

// The asset served at a GET path ("/" is web/index.html, "/static/<file>" the rest of web/),
// nullptr when there is none (the API then answers the path).
const StaticAsset* FindStaticAsset(std::string_view path);

// The response headers every asset carries (CSP, nosniff, Referrer-Policy, cache, ETag).
std::vector<std::pair<std::string, std::string>> StaticAssetHeaders(const StaticAsset& asset);

// The hook of api::Server: answers a GET or HEAD for an asset (200, or 304 when If-None-Match
// names its ETag) and returns true; returns false for every other request.
bool ServeStaticAsset(const httplib::Request& in, httplib::Response& out);

}  // namespace redflag::api
