// The PostgreSQL backend of the SQL layer (sql.h), over libpq. Parameters go as text (blobs as
// binary), results come back as text (BYTEA as "\x<hex>", decoded by Blob()).
#include <libpq-fe.h>

#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "store/sql.h"

namespace redflag::store::sql {
namespace {

constexpr Oid kByteaOid = 17;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

// libpq's message on one line: runs of whitespace (its "\n\t") become one space.
std::string Trimmed(const char* message) {
  std::string text;
  for (const char* ch = message != nullptr ? message : ""; *ch != '\0'; ++ch) {
    const bool space = std::isspace(static_cast<unsigned char>(*ch)) != 0;
    if (!space) {
      text.push_back(*ch);
    } else if (!text.empty() && text.back() != ' ') {
      text.push_back(' ');
    }
  }
  if (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

core::Error PgError(std::string_view what, const PGconn* conn, const PGresult* result) {
  std::string message = result != nullptr ? Trimmed(PQresultErrorMessage(result)) : "";
  if (message.empty()) message = Trimmed(PQerrorMessage(conn));
  return core::MakeError(core::ErrorCode::kDatabase, message + " (in: " + std::string(what) + ")");
}

std::string Head(std::string_view sql) {
  return sql.size() > 80 ? std::string(sql.substr(0, 80)) + "..." : std::string(sql);
}

// One connection and whether a transaction is open on it.
struct Session {
  PGconn* conn = nullptr;
  bool in_transaction = false;
};

// A lost connection (server restarted) is re-established before the next statement — but not
// inside a transaction: its lock and its statements are gone with the old connection, so the
// rest must fail (and roll back) rather than run on a fresh connection without them.
core::Status EnsureConnected(Session& session) {
  if (PQstatus(session.conn) != CONNECTION_BAD) return core::Ok();
  if (session.in_transaction) {
    return core::MakeError(core::ErrorCode::kDatabase,
                           "the connection to PostgreSQL was lost during a transaction");
  }
  PQreset(session.conn);
  return core::Ok();
}

int HexValue(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return 0;
}

class PgStatement final : public StatementBackend {
 public:
  PgStatement(Session& session, std::string sql)
      : session_(&session), conn_(session.conn), sql_(std::move(sql)) {}

  void BindText(int index, std::string_view text) override { Set(index, std::string(text), 0); }
  void BindInt(int index, std::int64_t value) override { Set(index, std::to_string(value), 0); }
  void BindDouble(int index, double value) override {
    Set(index, fmt::format("{}", value), 0);  // shortest text that reads back to the same double
  }
  void BindBlob(int index, std::string_view bytes) override { Set(index, std::string(bytes), 1); }

  core::Result<bool> Step() override {
    if (!result_) {
      if (auto ran = Execute(); !ran) return ran.error();
    }
    ++row_;
    cache_.clear();
    return row_ < PQntuples(result_.get());
  }
  void Reset() override {
    result_.reset();
    values_.clear();
    formats_.clear();
    row_ = -1;
    cache_.clear();
  }
  std::int64_t Changes() const override { return changes_; }
  std::int64_t Int(int column) const override {
    return std::strtoll(PQgetvalue(result_.get(), row_, column), nullptr, 10);
  }
  double Double(int column) const override {
    return std::strtod(PQgetvalue(result_.get(), row_, column), nullptr);
  }
  std::string_view Text(int column) const override {
    return {PQgetvalue(result_.get(), row_, column),
            static_cast<std::size_t>(PQgetlength(result_.get(), row_, column))};
  }
  std::string_view Blob(int column) const override;
  bool IsNull(int column) const override { return PQgetisnull(result_.get(), row_, column) != 0; }

 private:
  void Set(int index, std::string value, int format) {
    if (index < 1) return;
    const auto slot = static_cast<std::size_t>(index - 1);
    if (values_.size() <= slot) {
      values_.resize(slot + 1);
      formats_.resize(slot + 1, 0);
    }
    values_[slot] = std::move(value);
    formats_[slot] = format;
  }
  core::Status Execute();

  Session* session_;
  PGconn* conn_;
  std::string sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<int> formats_;
  ResultPtr result_{nullptr, &PQclear};
  int row_ = -1;
  std::int64_t changes_ = 0;
  mutable std::vector<std::optional<std::string>> cache_;  // decoded BYTEA of the current row
};

core::Status PgStatement::Execute() {
  std::vector<const char*> pointers(values_.size());
  std::vector<int> lengths(values_.size());
  for (std::size_t idx = 0; idx < values_.size(); ++idx) {
    pointers[idx] = values_[idx] ? values_[idx]->data() : nullptr;
    lengths[idx] = values_[idx] ? static_cast<int>(values_[idx]->size()) : 0;
  }
  if (auto connected = EnsureConnected(*session_); !connected) return connected;
  result_.reset(PQexecParams(conn_, sql_.c_str(), static_cast<int>(values_.size()), nullptr,
                             pointers.data(), lengths.data(), formats_.data(), 0));
  const ExecStatusType status = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    core::Error error = PgError(Head(sql_), conn_, result_.get());
    result_.reset();
    return error;
  }
  const char* tuples = PQcmdTuples(result_.get());
  changes_ = (tuples != nullptr && *tuples != '\0') ? std::strtoll(tuples, nullptr, 10) : 0;
  row_ = -1;
  return core::Ok();
}

std::string_view PgStatement::Blob(int column) const {
  if (PQftype(result_.get(), column) != kByteaOid) return Text(column);
  const auto slot = static_cast<std::size_t>(column);
  if (cache_.size() <= slot) cache_.resize(slot + 1);
  if (!cache_[slot]) {
    const std::string_view hex = Text(column);
    std::string bytes;
    if (hex.size() >= 2 && hex[0] == '\\' && hex[1] == 'x') {
      bytes.reserve((hex.size() - 2) / 2);
      for (std::size_t idx = 2; idx + 1 < hex.size(); idx += 2) {
        bytes.push_back(static_cast<char>(HexValue(hex[idx]) * 16 + HexValue(hex[idx + 1])));
      }
    }
    cache_[slot] = std::move(bytes);
  }
  return *cache_[slot];
}

class PgConnection final : public Connection {
 public:
  PgConnection(PGconn* conn, std::string describe) : describe_(std::move(describe)) {
    session_.conn = conn;
  }
  ~PgConnection() override { PQfinish(session_.conn); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Dialect dialect() const override { return Dialect::kPostgres; }
  core::Result<Statement> Prepare(std::string_view sql) const override {
    return Statement(std::make_unique<PgStatement>(session_, PostgresPlaceholders(sql)));
  }
  core::Status Exec(const std::string& sql) const override {
    const bool begins = sql.starts_with("BEGIN");
    const bool ends = sql == "COMMIT" || sql == "ROLLBACK";
    core::Status connected = EnsureConnected(session_);
    if (ends) session_.in_transaction = false;  // whatever happens, none is open afterwards
    if (!connected) return connected;
    ResultPtr result(PQexec(session_.conn, sql.c_str()), &PQclear);
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (begins) session_.in_transaction = PQtransactionStatus(session_.conn) != PQTRANS_IDLE;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      core::Error error = PgError(Head(sql), session_.conn, result.get());
      error.where.file = describe_;
      return error;
    }
    return core::Ok();
  }
  std::string Describe() const override { return describe_; }

 private:
  mutable Session session_;
  std::string describe_;
};

}  // namespace

bool IsPostgresUrl(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::string RedactUrl(std::string_view url) {
  std::string out(url);
  const auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    const auto host_end = out.find_first_of("/?", scheme + 3);
    const auto at = out.rfind('@', host_end == std::string::npos ? out.size() : host_end);
    if (at != std::string::npos && at > scheme) {
      const auto colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.replace(colon, at - colon, ":***");
    }
  }
  const auto password = out.find("password=");
  if (password != std::string::npos) {
    const auto end = out.find('&', password);
    out.replace(password + 9, (end == std::string::npos ? out.size() : end) - password - 9, "***");
  }
  return out;
}

std::string PostgresPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int counter = 0;
  char quote = 0;
  for (std::size_t idx = 0; idx < sql.size(); ++idx) {
    const char ch = sql[idx];
    if (quote != 0) {
      if (ch == quote) quote = 0;  // a doubled quote closes and reopens: same result
      out.push_back(ch);
      continue;
    }
    if (ch == '\'' || ch == '"') {
      quote = ch;
      out.push_back(ch);
      continue;
    }
    if (ch != '?') {
      out.push_back(ch);
      continue;
    }
    std::size_t end = idx + 1;
    while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end]))) ++end;
    out.push_back('$');
    if (end > idx + 1) {
      out.append(sql.substr(idx + 1, end - idx - 1));
      idx = end - 1;
    } else {
      out += std::to_string(++counter);
    }
  }
  return out;
}

core::Result<std::unique_ptr<Connection>> OpenPostgres(std::string_view url) {
  const std::string text(url);
  PGconn* conn = PQconnectdb(text.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn != nullptr ? Trimmed(PQerrorMessage(conn)) : "out of memory";
    if (conn != nullptr) PQfinish(conn);
    return core::MakeError(core::ErrorCode::kDatabase,
                           "cannot connect to PostgreSQL: " + message,
                           core::Location{.file = RedactUrl(url)});
  }
  // NOTICEs ("... does not exist, skipping") are not errors; keep them off stderr.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  auto connection = std::make_unique<PgConnection>(conn, RedactUrl(url));
  if (auto set = connection->Exec("SET client_min_messages = warning"); !set) return set.error();
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace redflag::store::sql
