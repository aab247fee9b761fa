// SWIFT MT103 (single customer credit transfer), MT202 (general financial institution
// transfer) and MT202 COV (cover payment, block 3 field 119 "COV", sequence B from field 50a on):
// the FIN block structure and the block 4 fields screening needs, with the field formats of the
// SWIFT user handbook (35x lines, 4*35x name and address, 6*35x for 72, 16x references).
#include <fmt/format.h>

#include <array>
#include <string>
#include <vector>

#include "core/quote.h"
#include "payments/message.h"
#include "payments/message_internal.h"

namespace redflag::payments {
namespace {

using rules::Role;

struct Field {
  std::string tag;  // "50K", "20"
  std::vector<std::string> lines;
  std::int64_t line = 0;  // 1-based line of the tag in the message
};

struct Blocks {
  std::string block1, block2, block3, block4;
  std::int64_t block4_line = 0;
};

class MtReader {
 public:
  MtReader(std::string_view text, std::string_view file_name) : text_(text), file_(file_name) {}

  core::Error Bad(std::string field, std::int64_t line, std::string message) const {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument, std::move(message),
        core::Location{.file = std::string(file_), .line = line, .field = std::move(field)});
  }

  std::int64_t LineAt(std::size_t offset) const {
    std::int64_t line = 1;
    for (std::size_t pos = 0; pos < offset && pos < text_.size(); ++pos) line += text_[pos] == '\n';
    return line;
  }

  core::Result<Blocks> SplitBlocks() const;
  core::Result<std::vector<Field>> SplitFields(const Blocks& blocks) const;

 private:
  std::string_view text_;
  std::string_view file_;
};

// {1:...}{2:...}{3:{108:...}{119:COV}}{4:\n...\n-}{5:...}: blocks 3 and 5 nest braces; block 4
// ends with a line "-}".
core::Result<Blocks> MtReader::SplitBlocks() const {
  Blocks blocks;
  std::size_t pos = 0;
  while (pos < text_.size()) {
    const char c = text_[pos];
    if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
      ++pos;
      continue;
    }
    if (c != '{' || pos + 3 > text_.size() || text_[pos + 2] != ':') {
      return Bad("block", LineAt(pos),
                 fmt::format("expected a block such as {{1:, found {}",
                             core::Quote(text_.substr(pos, 8))));
    }
    const char id = text_[pos + 1];
    const std::size_t start = pos + 3;
    std::size_t end = std::string_view::npos;
    if (id == '4') {
      const std::size_t close = text_.find("\n-}", start);
      if (close == std::string_view::npos) {
        return Bad("block 4", LineAt(pos), "block 4 is truncated: no closing line \"-}\"");
      }
      blocks.block4_line = LineAt(start);
      blocks.block4 = std::string(text_.substr(start, close + 1 - start));
      pos = close + 3;
      continue;
    }
    int depth = 1;
    for (std::size_t at = start; at < text_.size(); ++at) {
      depth += text_[at] == '{' ? 1 : text_[at] == '}' ? -1 : 0;
      if (depth == 0) {
        end = at;
        break;
      }
    }
    if (end == std::string_view::npos) {
      // The id is input: escaped, so that a control byte cannot break the error line.
      const std::string block =
          fmt::format("block {}", core::Printable(text_.substr(pos + 1, 1), 8));
      return Bad(block, LineAt(pos), fmt::format("{} is truncated: no closing '}}'", block));
    }
    const std::string content(text_.substr(start, end - start));
    if (id == '1')
      blocks.block1 = content;
    else if (id == '2')
      blocks.block2 = content;
    else if (id == '3')
      blocks.block3 = content;
    else if (id != '5' && id != 'S') {
      return Bad("block", LineAt(pos),
                 fmt::format("unknown block {}", core::Quote(std::string(1, id))));
    }
    pos = end + 1;
  }
  if (blocks.block4_line == 0) return Bad("block 4", 0, "the message has no text block {4:");
  return blocks;
}

bool IsTagLine(std::string_view line, std::size_t& tag_end) {
  if (line.size() < 4 || line[0] != ':') return false;
  if (!(line[1] >= '0' && line[1] <= '9') || !(line[2] >= '0' && line[2] <= '9')) return false;
  tag_end = (line[3] >= 'A' && line[3] <= 'Z') ? 4 : 3;
  return tag_end < line.size() && line[tag_end] == ':';
}

core::Result<std::vector<Field>> MtReader::SplitFields(const Blocks& blocks) const {
  std::vector<Field> fields;
  std::int64_t line_no = blocks.block4_line;
  std::size_t pos = 0;
  const std::string_view body = blocks.block4;
  bool first = true;
  while (pos < body.size()) {
    std::size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) eol = body.size();
    std::string_view line = body.substr(pos, eol - pos);
    if (line.ends_with('\r')) line.remove_suffix(1);
    pos = eol + 1;
    std::size_t tag_end = 0;
    if (IsTagLine(line, tag_end)) {
      fields.push_back(Field{std::string(line.substr(1, tag_end - 1)),
                             {std::string(line.substr(tag_end + 1))},
                             line_no});
    } else if (!fields.empty()) {
      fields.back().lines.emplace_back(line);
    } else if (!(first && line.empty())) {
      return Bad("block 4", line_no,
                 fmt::format("expected a field tag such as :20:, found {}", core::Quote(line)));
    }
    first = false;
    ++line_no;
  }
  if (fields.size() > kMaxParties) return Bad("block 4", blocks.block4_line, "too many fields");
  return fields;
}

// --- field contents ---------------------------------------------------------------------------

core::Status CheckLines(const MtReader& reader, const Field& field, std::size_t max_lines,
                        std::size_t max_chars) {
  if (field.lines.size() > max_lines) {
    return reader.Bad(field.tag, field.line,
                      fmt::format("{} lines, at most {} allowed", field.lines.size(), max_lines));
  }
  for (std::size_t idx = 0; idx < field.lines.size(); ++idx) {
    if (Utf8Length(field.lines[idx]) > max_chars) {
      return reader.Bad(
          field.tag, field.line + static_cast<std::int64_t>(idx),
          fmt::format("line {} has {} characters, at most {} allowed: {}", idx + 1,
                      Utf8Length(field.lines[idx]), max_chars, core::Quote(field.lines[idx])));
    }
  }
  return core::Ok();
}

// Option letter of a party field: 'A' (BIC), 'B' (location), 'C' (account), 'D' / 'K' (name
// and address), 'F' (structured); ' ' for 59 without a letter.
char OptionOf(const Field& field) { return field.tag.size() == 3 ? field.tag[2] : ' '; }

// Options A/D/K and 59 may start with an account line "/..." (agents: "/C/..", "//.."); 50F
// always starts with its party identifier.
std::size_t TakeAccount(const Field& field, PaymentParty& party) {
  if (field.lines.empty()) return 0;
  if ((OptionOf(field) == 'F' && field.tag.starts_with("50")) || field.lines[0].starts_with('/')) {
    party.account = field.lines[0];
    return 1;
  }
  return 0;
}

bool IsAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Name and address lines (4*35x): the name is the first line. A first line filled to all 35
// characters that ends inside a word (a letter or digit on both sides of the line break) was
// wrapped by the sender's system, and its next line continues the name.
void NameAndAddress(const Field& field, std::size_t first, PaymentParty& party) {
  for (std::size_t idx = first; idx < field.lines.size(); ++idx) {
    const std::string& line = field.lines[idx];
    if (line.empty()) continue;
    if (party.name.empty()) {
      party.name = line;
      if (Utf8Length(line) == 35 && idx + 1 < field.lines.size() && IsAlnum(line.back()) &&
          !field.lines[idx + 1].empty() && IsAlnum(field.lines[idx + 1].front())) {
        party.name += field.lines[++idx];
      }
    } else {
      party.address_lines.push_back(line);
    }
  }
}

// Option F (50F, 59F): numbered lines "1/name", "2/address", "3/CC/town", "8/continuation".
core::Status Structured(const MtReader& reader, const Field& field, std::size_t first,
                        PaymentParty& party) {
  char previous = '0';
  for (std::size_t idx = first; idx < field.lines.size(); ++idx) {
    const std::string& line = field.lines[idx];
    const std::int64_t at = field.line + static_cast<std::int64_t>(idx);
    if (line.size() < 2 || line[1] != '/' || line[0] < '1' || line[0] > '8') {
      return reader.Bad(field.tag, at,
                        fmt::format("line {} must start with a number 1-8 and '/': {}", idx + 1,
                                    core::Quote(line)));
    }
    const std::string value = line.substr(2);
    const char number = line[0] == '8' ? previous : line[0];
    if (number == '1') {
      party.name += party.name.empty() ? value : " " + value;
    } else if (number == '3' && line[0] == '3') {
      const std::string country = value.substr(0, value.find('/'));
      if (!IsCountryCode(country)) {
        return reader.Bad(field.tag, at,
                          fmt::format("line {}: 3/ must start with an ISO country code: {}",
                                      idx + 1, core::Quote(line)));
      }
      party.country = country;
      if (value.size() > 3) party.address_lines.push_back(value.substr(3));
    } else if (number == '2' || number == '3') {
      party.address_lines.push_back(value);
    }
    previous = number;
  }
  return core::Ok();
}

core::Status Bic(const MtReader& reader, const Field& field, std::size_t first,
                 PaymentParty& party) {
  if (first >= field.lines.size() || !IsBic(field.lines[first])) {
    const std::string found = first < field.lines.size() ? field.lines[first] : "";
    return reader.Bad(field.tag, field.line + static_cast<std::int64_t>(first),
                      fmt::format("option A needs a BIC (8 or 11 letters and digits), found {}",
                                  core::Quote(found)));
  }
  party.bic = field.lines[first];
  party.country = party.bic.substr(4, 2);
  return core::Ok();
}

// Which role a party field has: MT103 and sequence B of a COV name the customers; sequence A of
// MT202 names banks only (58a, the beneficiary institution, is the one paid).
struct RoleOf {
  std::string_view number;
  Role role;
};
constexpr std::array<RoleOf, 8> kPartyFields = {{
    {"50", Role::kOriginator},
    {"52", Role::kOriginatorBank},
    {"53", Role::kIntermediaryBank},
    {"54", Role::kIntermediaryBank},
    {"56", Role::kIntermediaryBank},
    {"57", Role::kBeneficiaryBank},
    {"58", Role::kBeneficiary},
    {"59", Role::kBeneficiary},
}};

core::Status PartyField(const MtReader& reader, const Field& field, Role role,
                        PaymentMessage& out) {
  const char option = OptionOf(field);
  // An account or party-identifier line, then 4*35x.
  if (auto done = CheckLines(reader, field, 5, 35); !done) return done.error();
  PaymentParty party;
  party.role = role;
  party.source = field.tag;
  const std::size_t first = TakeAccount(field, party);
  if (option == 'A') {
    if (auto done = Bic(reader, field, first, party); !done) return done.error();
  } else if (option == 'F') {
    if (auto done = Structured(reader, field, first, party); !done) return done.error();
  } else if (option == 'D' || option == 'K' || option == ' ') {
    NameAndAddress(field, first, party);
  } else if (option == 'B' || option == 'C') {
    return core::Ok();  // a location or an account only: nobody to screen
  } else {
    return reader.Bad(
        field.tag, field.line,
        fmt::format("option {} is not defined for field {}", option, field.tag.substr(0, 2)));
  }
  if (party.name.empty() && party.bic.empty()) {
    return reader.Bad(field.tag, field.line, "the field names no party (no name and no BIC)");
  }
  out.parties.push_back(std::move(party));
  return core::Ok();
}

// :32A: YYMMDD, currency, amount with a decimal comma ("191015USD25000,00").
core::Status ValueDate(const MtReader& reader, const Field& field, PaymentMessage& out) {
  if (auto done = CheckLines(reader, field, 1, 24); !done) return done.error();
  const std::string& value = field.lines[0];
  const auto bad = [&](std::string_view what) {
    return reader.Bad(field.tag, field.line,
                      fmt::format("{} (expected YYMMDD, currency and amount such as "
                                  "191015USD25000,00): {}",
                                  what, core::Quote(value)));
  };
  if (value.size() < 10) return bad("too short");
  const auto date = ParseIsoDate(
      fmt::format("20{}-{}-{}", value.substr(0, 2), value.substr(2, 2), value.substr(4, 2)));
  if (!date) return bad("not a date");
  const std::string currency = value.substr(6, 3);
  if (!IsCurrencyCode(currency)) return bad("not a currency code");
  std::string amount = value.substr(9);
  const std::size_t comma = amount.find(',');
  if (comma == std::string::npos) return bad("the amount has no decimal comma");
  amount[comma] = '.';
  if (amount.back() == '.') amount.pop_back();
  if (amount.size() > 15 || !IsDecimalAmount(amount)) return bad("not an amount");
  out.date = *date;
  out.currency = currency;
  out.amount = amount;
  return core::Ok();
}

core::Status TextField(const MtReader& reader, const Field& field, std::size_t max_lines,
                       PaymentMessage& out) {
  if (auto done = CheckLines(reader, field, max_lines, 35); !done) return done.error();
  std::string text;
  for (const std::string& line : field.lines) {
    if (line.empty()) continue;
    if (!text.empty()) text += ' ';
    text += line;
  }
  if (!text.empty()) out.free_text.push_back(FreeText{field.tag, std::move(text)});
  return core::Ok();
}

core::Status Fields(const MtReader& reader, const std::vector<Field>& fields, PaymentMessage& out) {
  for (const Field& field : fields) {
    const std::string_view number = std::string_view(field.tag).substr(0, 2);
    if (field.tag == "20") {
      if (auto done = CheckLines(reader, field, 1, 16); !done) return done.error();
      out.message_id = field.lines[0];
    } else if (field.tag == "32A") {
      if (auto done = ValueDate(reader, field, out); !done) return done.error();
    } else if ((number == "70" || number == "72") && field.tag.size() != 2) {
      // 70 and 72 have no options: a letter is a damaged tag, and its text must not go unread.
      return reader.Bad(field.tag, field.line,
                        fmt::format("field {} has no option {}", number, field.tag.substr(2)));
    } else if (number == "70") {
      if (auto done = TextField(reader, field, 4, out); !done) return done.error();
    } else if (number == "72") {
      if (auto done = TextField(reader, field, 6, out); !done) return done.error();
    } else {
      for (const RoleOf& entry : kPartyFields) {
        if (entry.number != number) continue;
        if (auto done = PartyField(reader, field, entry.role, out); !done) return done.error();
      }
    }
    if (out.parties.size() > kMaxParties)
      return reader.Bad(field.tag, field.line, "too many parties");
  }
  return core::Ok();
}

// The sender's and the receiver's BIC from the headers: block 1 is the sender of an input
// message ("F01" + 12-character logical terminal), block 2 "I103" + the receiver's address; an
// output message ("O103" + time + MIR) carries the sender inside its MIR.
void HeaderBanks(const Blocks& blocks, bool has_account_with, PaymentMessage& out) {
  const auto bic_of = [](std::string_view terminal) -> std::string {
    if (terminal.size() < 12) return {};
    std::string bic = std::string(terminal.substr(0, 8));
    if (terminal.substr(9, 3) != "XXX") bic += terminal.substr(9, 3);
    return IsBic(bic) ? bic : std::string();
  };
  std::string sender;
  std::string receiver;
  const std::string_view block1 = blocks.block1;
  const std::string_view block2 = blocks.block2;
  if (block2.starts_with('I') && block2.size() >= 16) {
    receiver = bic_of(block2.substr(4, 12));
    if (block1.size() >= 15) sender = bic_of(block1.substr(3, 12));
  } else if (block2.starts_with('O') && block2.size() >= 26) {
    sender = bic_of(block2.substr(14, 12));
    if (block1.size() >= 15) receiver = bic_of(block1.substr(3, 12));
  }
  if (!sender.empty()) {
    out.parties.push_back(PaymentParty{.role = Role::kOriginatorBank,
                                       .bic = sender,
                                       .country = sender.substr(4, 2),
                                       .source = "block 1 sender"});
  }
  if (!receiver.empty()) {
    out.parties.push_back(
        PaymentParty{.role = has_account_with ? Role::kIntermediaryBank : Role::kBeneficiaryBank,
                     .bic = receiver,
                     .country = receiver.substr(4, 2),
                     .source = "block 2 receiver"});
  }
}

}  // namespace

core::Result<PaymentMessage> ParseSwiftMt(std::string_view text, std::string_view file_name) {
  MtReader reader(text, file_name);
  if (text.size() > kMaxMessageBytes) {
    return reader.Bad("message", 0,
                      fmt::format("the message has {} bytes, at most {} accepted", text.size(),
                                  kMaxMessageBytes));
  }
  auto blocks = reader.SplitBlocks();
  if (!blocks) return blocks.error();
  const std::string_view block2 = blocks->block2;
  if (block2.size() < 4 || (block2[0] != 'I' && block2[0] != 'O')) {
    return reader.Bad(
        "block 2", 1,
        fmt::format("expected I or O and a message type, found {}", core::Quote(block2)));
  }
  const std::string_view type = block2.substr(1, 3);
  if (type != "103" && type != "202") {
    return reader.Bad("block 2", 1,
                      fmt::format("message type MT{} is not supported (MT103, MT202, MT202 COV)",
                                  core::Printable(type, 3)));
  }
  PaymentMessage message;
  const bool cover = type == "202" && blocks->block3.find("{119:COV}") != std::string::npos;
  message.format = cover ? "MT202 COV" : fmt::format("MT{}", type);
  auto fields = reader.SplitFields(*blocks);
  if (!fields) return fields.error();
  if (auto done = Fields(reader, *fields, message); !done) return done.error();
  if (message.message_id.empty()) return reader.Bad("20", 0, "required field :20: is missing");
  if (message.date.empty()) return reader.Bad("32A", 0, "required field :32A: is missing");
  bool has_account_with = false;
  for (const Field& field : *fields) has_account_with |= field.tag.starts_with("57");
  HeaderBanks(*blocks, has_account_with, message);
  return message;
}

}  // namespace redflag::payments
