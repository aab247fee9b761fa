#include "api/json_body.h"

#include <fmt/format.h>

namespace redflag::api {
namespace {

core::Error BadBody(std::string message, std::string field = {}) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message),
                         core::Location{.field = std::move(field)});
}

// Deepest nesting of arrays and objects, outside strings; stops counting past `limit`.
std::size_t NestingDepth(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char ch = text[pos];
    if (in_string) {
      if (ch == '\\') {
        ++pos;
      } else if (ch == '"') {
        in_string = false;
      }
      continue;
    }
    if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if ((ch == ']' || ch == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

std::string Where(const std::string& field) { return field.empty() ? "body" : field; }

}  // namespace

std::optional<std::size_t> FindInvalidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char lead = bytes[pos];
    if (lead < 0x80) {
      ++pos;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t code = 0;
    if ((lead & 0xE0) == 0xC0) {
      length = 2, code = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, code = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, code = lead & 0x07;
    } else {
      return pos;
    }
    if (pos + length > text.size()) return pos;
    for (std::size_t idx = 1; idx < length; ++idx) {
      if ((bytes[pos + idx] & 0xC0) != 0x80) return pos;
      code = (code << 6) | (bytes[pos + idx] & 0x3F);
    }
    static constexpr std::uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMinForLength[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return pos;
    }
    pos += length;
  }
  return std::nullopt;
}

core::Status CheckJsonText(std::string_view body, const BodyLimits& limits) {
  if (body.empty()) return BadBody("the request body is empty; expected a JSON object");
  if (body.size() > limits.max_bytes) {
    return BadBody(fmt::format("the request body is {} bytes; the limit is {}", body.size(),
                               limits.max_bytes));
  }
  if (auto bad = FindInvalidUtf8(body)) {
    return BadBody(fmt::format("the request body is not valid UTF-8 (byte {})", *bad));
  }
  if (NestingDepth(body, limits.max_depth) > limits.max_depth) {
    return BadBody(fmt::format("the request body nests arrays and objects deeper than {}",
                               limits.max_depth));
  }
  return core::Ok();
}

core::Result<nlohmann::json> ParseJsonObject(std::string_view body, const BodyLimits& limits) {
  if (auto checked = CheckJsonText(body, limits); !checked) return checked.error();
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return BadBody("the request body is not valid JSON");
  if (!parsed.is_object()) return BadBody("the request body must be a JSON object");
  return parsed;
}

core::Result<std::optional<std::string>> OptionalString(const nlohmann::json& object,
                                                        std::string_view key,
                                                        const std::string& field) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::optional<std::string>();
  if (!found->is_string()) return BadBody(Where(field) + " must be a string", field);
  return std::optional<std::string>(found->get_ref<const std::string&>());
}

core::Result<std::string> RequiredString(const nlohmann::json& object, std::string_view key,
                                         const std::string& field) {
  auto value = OptionalString(object, key, field);
  if (!value) return value.error();
  if (!*value) return BadBody(Where(field) + " is required", field);
  return std::move(**value);
}

core::Result<std::optional<double>> OptionalNumber(const nlohmann::json& object,
                                                   std::string_view key, const std::string& field,
                                                   double min, double max) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::optional<double>();
  if (!found->is_number()) return BadBody(Where(field) + " must be a number", field);
  const double value = found->get<double>();
  if (!(value >= min && value <= max)) {
    return BadBody(fmt::format("{} must be between {} and {}", Where(field), min, max), field);
  }
  return std::optional<double>(value);
}

core::Status OnlyKnownFields(const nlohmann::json& object,
                             std::initializer_list<std::string_view> allowed,
                             const std::string& prefix) {
  for (const auto& item : object.items()) {
    bool known = false;
    for (std::string_view name : allowed) known = known || item.key() == name;
    if (!known) {
      const std::string field = prefix.empty() ? item.key() : prefix + "." + item.key();
      return BadBody("unknown field \"" + item.key() + "\"", field);
    }
  }
  return core::Ok();
}

}  // namespace redflag::api
