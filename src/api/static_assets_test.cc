#include "api/static_assets.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <string>

namespace redflag::api {
namespace {

std::map<std::string, std::string> Headers(const StaticAsset& asset) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : StaticAssetHeaders(asset)) out[name] = value;
  return out;
}

TEST(StaticAssetsTest, ServesThePageAndItsFiles) {
  const StaticAsset* index = FindStaticAsset("/");
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_NE(index->body.find(R"(<script type="module" src="/static/js/app.js">)"),
            std::string_view::npos);
  EXPECT_EQ(FindStaticAsset("/index.html"), index);
  const StaticAsset* css = FindStaticAsset("/static/app.css");
  ASSERT_NE(css, nullptr);
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
  const StaticAsset* script = FindStaticAsset("/static/js/app.js");
  ASSERT_NE(script, nullptr);
  EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(index->etag, script->etag);
}

TEST(StaticAssetsTest, LeavesEveryOtherPathToTheApi) {
  for (const char* path : {"/v1/screen", "/healthz", "/openapi.json", "/static/", "/static",
                           "/static/../CMakeLists.txt", "/static/js/missing.js", "/app.css", ""}) {
    EXPECT_EQ(FindStaticAsset(path), nullptr) << path;
  }
}

TEST(StaticAssetsTest, StrictHeaders) {
  const auto headers = Headers(*FindStaticAsset("/"));
  const std::string& csp = headers.at("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe"), std::string::npos);
  EXPECT_EQ(headers.at("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(headers.at("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(headers.at("Cache-Control"), "no-cache");
  EXPECT_FALSE(headers.at("ETag").empty());
}

// The page builds its DOM from text nodes only (docs/web.md): no file may use innerHTML,
// outerHTML, insertAdjacentHTML, document.write or eval.
TEST(StaticAssetsTest, NoMarkupSinksInThePage) {
  for (const char* path : {"/static/js/app.js", "/static/js/api.js", "/static/js/dom.js",
                           "/static/js/explain.js", "/static/js/search.js", "/static/js/entity.js",
                           "/static/js/alerts.js", "/static/js/decide.js", "/static/js/lists.js"}) {
    const StaticAsset* asset = FindStaticAsset(path);
    ASSERT_NE(asset, nullptr) << path;
    for (const char* sink : {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                             "eval(", "new Function"}) {
      EXPECT_EQ(asset->body.find(sink), std::string_view::npos) << path << " uses " << sink;
    }
  }
}

TEST(StaticAssetsTest, ServeAnswersGetAndRevalidation) {
  httplib::Request in;
  in.method = "GET";
  in.path = "/";
  httplib::Response out;
  ASSERT_TRUE(ServeStaticAsset(in, out));
  EXPECT_EQ(out.status, 200);
  EXPECT_EQ(out.get_header_value("Content-Type"), "text/html; charset=utf-8");
  const std::string etag = out.get_header_value("ETag");

  httplib::Request again = in;
  again.headers.emplace("If-None-Match", etag);
  httplib::Response cached;
  ASSERT_TRUE(ServeStaticAsset(again, cached));
  EXPECT_EQ(cached.status, 304);
  EXPECT_TRUE(cached.body.empty());

  httplib::Request post = in;
  post.method = "POST";
  httplib::Response untouched;
  EXPECT_FALSE(ServeStaticAsset(post, untouched));
  httplib::Request api = in;
  api.path = "/v1/lists";
  EXPECT_FALSE(ServeStaticAsset(api, untouched));
}

}  // namespace
}  // namespace redflag::api
