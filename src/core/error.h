// Errors as values at every module boundary (see docs/architecture.md, "Errors").
//
// A Result<T> is either a T or an Error saying what went wrong, where (file, line, field) and why.
// No exception crosses a module boundary: library exceptions are caught where the library is
// called and turned into an Error. api/cli map ErrorCode to exit codes and HTTP statuses in one
// place each.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include <tl/expected.hpp>

namespace redflag::core {

enum class ErrorCode : std::uint8_t {
  kInvalidArgument,  // a caller passed something malformed (CLI flag, transaction field, query)
  kParse,            // a file or record could not be read as its format says
  kValidation,       // parsed, but inconsistent with what the source promises (counts, ids)
  kNotFound,         // a file, list, version or entity that does not exist
  kIo,               // the operating system refused (open, read, write)
  kDatabase,         // SQLite / PostgreSQL reported an error
  kUnavailable,      // a network resource could not be reached (offline)
  kConflict,         // the operation contradicts current state (e.g. nothing active yet)
  kPermission,       // the caller may not do this
  kInternal,         // a bug: should never happen on any input
};

std::string_view ErrorCodeName(ErrorCode code);

// Where an error happened. Every part is optional; line 0 means "no line" (XML elements use
// `element` instead, e.g. "INDIVIDUAL[17]/INDIVIDUAL_DATE_OF_BIRTH").
struct Location {
  std::string file;
  std::int64_t line = 0;
  std::string field;
  std::string element;

  bool empty() const { return file.empty() && line == 0 && field.empty() && element.empty(); }
  // "file:line: field "x"" — the prefix used in every message.
  std::string ToString() const;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  Location where;

  // "<where>: <message>" with the location prefix omitted when empty.
  std::string ToString() const;
};

template <class T>
class [[nodiscard]] Result : public tl::expected<T, Error> {
 public:
  using tl::expected<T, Error>::expected;
  Result(Error error) : tl::expected<T, Error>(tl::unexpected<Error>(std::move(error))) {}
};

// Result<void> spelled out, for operations that return nothing on success.
using Status = Result<std::monostate>;
inline Status Ok() { return Status(std::monostate{}); }

inline Error MakeError(ErrorCode code, std::string message, Location where = {}) {
  return Error{code, std::move(message), std::move(where)};
}

}  // namespace redflag::core
