// Every JSON document redflag writes goes through JsonText: nlohmann::json::dump() throws on a
// string that is not valid UTF-8 (a list file, a path or a user's name can hold any bytes), and an
// exception past main() aborts the process. JsonText writes each invalid byte as U+FFFD instead,
// never throws on a string, and so always produces a document that parses.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace redflag::core {

// indent < 0: one line (JSON lines); indent >= 0: pretty-printed with that many spaces.
std::string JsonText(const nlohmann::json& value, int indent = -1);

}  // namespace redflag::core
