// ISO 20022 payment messages: pacs.008 (FIToFICstmrCdtTrf), pacs.009 (FICdtTrf, with the
// underlying customer credit transfer of a COV), pain.001 (CstmrCdtTrfInitn). Element names and
// lengths follow the published message definitions: Nm Max140Text, AdrLine Max70Text, MsgId
// Max35Text, BICFI ISO 9362, Ctry ISO 3166 alpha-2. Only what screening needs is read.
#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>

#include "core/quote.h"
#include "payments/message.h"
#include "payments/message_internal.h"
#include "sources/xml_util.h"

namespace redflag::payments {
namespace {

namespace xml = sources::xml;
using rules::Role;

constexpr std::string_view kNamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:";

// Element path from the Document's message element down to `node`, with 1-based indexes for
// repeated elements: "CdtTrfTxInf[2]/Cdtr/Nm".
std::string PathOf(const pugi::xml_node& node) {
  std::vector<std::string> parts;
  for (pugi::xml_node at = node; at && at.parent() && at.parent().parent() &&
                                 at.parent().parent().type() != pugi::node_document;
       at = at.parent()) {
    std::string part(xml::LocalName(at));
    std::size_t index = 0;
    std::size_t count = 0;
    for (pugi::xml_node sibling : at.parent().children()) {
      if (sibling.type() != pugi::node_element || xml::LocalName(sibling) != part) continue;
      ++count;
      if (sibling == at) index = count;
    }
    bool repeated = count > 1;
    if (repeated) part += fmt::format("[{}]", index);
    parts.push_back(std::move(part));
  }
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!out.empty()) out += '/';
    out += *it;
  }
  return out;
}

class Reader {
 public:
  Reader(const xml::XmlFile& file, PaymentMessage& out) : file_(file), out_(out) {}

  core::Error Bad(const pugi::xml_node& node, std::string message) const {
    std::string path = PathOf(node);
    if (path.empty()) path = std::string(xml::LocalName(node));
    return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message),
                           file_.Where(node, std::move(path)));
  }

  // The text of child `name`, checked against a maximum length; nullopt means absent.
  core::Result<std::string> Text(const pugi::xml_node& parent, std::string_view name,
                                 std::size_t max_chars) const {
    const pugi::xml_node node = xml::Child(parent, name);
    if (!node) return std::string();
    std::string text = xml::Text(node);
    if (Utf8Length(text) > max_chars) {
      return Bad(node, fmt::format("{} characters, at most {} allowed: {}", Utf8Length(text),
                                   max_chars, core::Quote(text)));
    }
    return text;
  }

  core::Result<std::string> Required(const pugi::xml_node& parent, std::string_view name,
                                     std::size_t max_chars) const {
    if (!xml::Child(parent, name)) {
      return Bad(parent, fmt::format("required element {} is missing", name));
    }
    auto text = Text(parent, name, max_chars);
    if (text && text->empty()) {
      return Bad(xml::Child(parent, name), fmt::format("element {} is empty", name));
    }
    return text;
  }

  core::Result<std::string> Country(const pugi::xml_node& parent) const {
    const pugi::xml_node node = xml::Child(parent, "Ctry");
    if (!node) return std::string();
    std::string text = xml::Text(node);
    if (!IsCountryCode(text)) {
      return Bad(node, fmt::format("not an ISO 3166 alpha-2 country code: {}", core::Quote(text)));
    }
    return text;
  }

  // A postal address: structured parts become the country; address lines are free text.
  core::Status Address(const pugi::xml_node& address, PaymentParty& party) const {
    if (!address) return core::Ok();
    auto country = Country(address);
    if (!country) return country.error();
    if (!country->empty()) party.country = *country;
    for (const pugi::xml_node& line : xml::Children(address, "AdrLine")) {
      std::string text = xml::Text(line);
      if (Utf8Length(text) > 70) {
        return Bad(line, fmt::format("{} characters, at most 70 allowed: {}", Utf8Length(text),
                                     core::Quote(text)));
      }
      if (!text.empty()) party.address_lines.push_back(std::move(text));
    }
    return core::Ok();
  }

  core::Result<std::string> Bic(const pugi::xml_node& parent, std::string_view name) const {
    const pugi::xml_node node = xml::Child(parent, name);
    if (!node) return std::string();
    std::string text = xml::Text(node);
    if (!IsBic(text)) {
      return Bad(node, fmt::format("not a BIC (ISO 9362: 8 or 11 letters and digits): {}",
                                   core::Quote(text)));
    }
    return text;
  }

  // A party (Dbtr, Cdtr, UltmtDbtr, UltmtCdtr, InitgPty): Nm, PstlAdr, Id/OrgId/AnyBIC,
  // CtryOfRes.
  core::Status Party(const pugi::xml_node& node, Role role) {
    if (!node) return core::Ok();
    PaymentParty party;
    party.role = role;
    party.source = PathOf(node);
    auto name = Text(node, "Nm", 140);
    if (!name) return name.error();
    party.name = *name;
    if (auto done = Address(xml::Child(node, "PstlAdr"), party); !done) return done.error();
    auto bic = Bic(xml::Path(node, {"Id", "OrgId"}), "AnyBIC");
    if (!bic) return bic.error();
    party.bic = *bic;
    if (party.country.empty()) {
      auto residence = xml::Child(node, "CtryOfRes");
      if (residence) {
        std::string text = xml::Text(residence);
        if (!IsCountryCode(text)) {
          return Bad(residence,
                     fmt::format("not an ISO 3166 alpha-2 country code: {}", core::Quote(text)));
        }
        party.country = text;
      }
    }
    if (party.name.empty() && party.bic.empty()) {
      return Bad(node, "the party has neither a name (Nm) nor a BIC (Id/OrgId/AnyBIC)");
    }
    return Add(std::move(party), node);
  }

  // An agent (DbtrAgt, CdtrAgt, IntrmyAgt1..3, InstgAgt, InstdAgt): FinInstnId with BICFI (BIC
  // before version 08), Nm, PstlAdr.
  core::Status Agent(const pugi::xml_node& node, Role role) {
    if (!node) return core::Ok();
    const pugi::xml_node institution = xml::Child(node, "FinInstnId");
    if (!institution) return Bad(node, "required element FinInstnId is missing");
    PaymentParty party;
    party.role = role;
    party.source = PathOf(node);
    auto bic = Bic(institution, xml::Child(institution, "BICFI") ? "BICFI" : "BIC");
    if (!bic) return bic.error();
    party.bic = *bic;
    auto name = Text(institution, "Nm", 140);
    if (!name) return name.error();
    party.name = *name;
    if (auto done = Address(xml::Child(institution, "PstlAdr"), party); !done) return done.error();
    if (party.country.empty() && !party.bic.empty()) party.country = party.bic.substr(4, 2);
    if (party.name.empty() && party.bic.empty()) {
      return Bad(institution, "the agent has neither a BIC (BICFI) nor a name (Nm)");
    }
    return Add(std::move(party), node);
  }

  // Remittance information and instructions: free text, each Ustrd / InstrInf / AddtlRmtInf.
  core::Status FreeTexts(const pugi::xml_node& parent, std::string_view name,
                         std::string_view text_name, std::size_t max_chars) {
    for (const pugi::xml_node& node : xml::Children(parent, name)) {
      for (const pugi::xml_node& text_node : xml::Children(node, text_name)) {
        std::string text = xml::Text(text_node);
        if (Utf8Length(text) > max_chars) {
          return Bad(text_node, fmt::format("{} characters, at most {} allowed: {}",
                                            Utf8Length(text), max_chars, core::Quote(text)));
        }
        if (!text.empty()) out_.free_text.push_back(FreeText{PathOf(text_node), std::move(text)});
      }
    }
    return core::Ok();
  }

  core::Status Amount(const pugi::xml_node& node) {
    if (!node || !out_.amount.empty()) return core::Ok();
    std::string text = xml::Text(node);
    if (!IsDecimalAmount(text)) {
      return Bad(node, fmt::format("not a decimal amount: {}", core::Quote(text)));
    }
    std::string currency = xml::Attr(node, "Ccy");
    if (!IsCurrencyCode(currency)) {
      return Bad(node, fmt::format("attribute Ccy is not an ISO 4217 currency code: {}",
                                   core::Quote(currency)));
    }
    out_.amount = std::move(text);
    out_.currency = std::move(currency);
    return core::Ok();
  }

  core::Status Date(const pugi::xml_node& node) {
    if (!node || !out_.date.empty()) return core::Ok();
    std::string text = xml::Text(node);
    // ISODateTime (CreDtTm, ReqdExctnDt/DtTm) starts with the ISODate.
    const auto date = ParseIsoDate(text.substr(0, std::min<std::size_t>(text.size(), 10)));
    if (!date) return Bad(node, fmt::format("not a date (YYYY-MM-DD): {}", core::Quote(text)));
    out_.date = *date;
    return core::Ok();
  }

  PaymentMessage& out() { return out_; }

 private:
  core::Status Add(PaymentParty party, const pugi::xml_node& node) {
    if (out_.parties.size() >= kMaxParties) {
      return Bad(node, fmt::format("more than {} parties and agents in one message", kMaxParties));
    }
    out_.parties.push_back(std::move(party));
    return core::Ok();
  }

  const xml::XmlFile& file_;
  PaymentMessage& out_;
};

#define PAY_TRY(expr)                \
  if (auto done_ = (expr); !done_) { \
    return done_.error();            \
  }

constexpr std::array<std::pair<std::string_view, Role>, 3> kIntermediaries = {{
    {"IntrmyAgt1", Role::kIntermediaryBank},
    {"IntrmyAgt2", Role::kIntermediaryBank},
    {"IntrmyAgt3", Role::kIntermediaryBank},
}};

// The parties of one credit transfer (pacs.008 CdtTrfTxInf, pacs.009 UndrlygCstmrCdtTrf,
// pain.001 PmtInf + CdtTrfTxInf share these element names).
core::Status CustomerTransfer(Reader& reader, const pugi::xml_node& tx) {
  PAY_TRY(reader.Party(xml::Child(tx, "UltmtDbtr"), Role::kUltimateDebtor));
  PAY_TRY(reader.Party(xml::Child(tx, "Dbtr"), Role::kOriginator));
  PAY_TRY(reader.Agent(xml::Child(tx, "DbtrAgt"), Role::kOriginatorBank));
  for (const auto& [name, role] : kIntermediaries)
    PAY_TRY(reader.Agent(xml::Child(tx, name), role));
  PAY_TRY(reader.Agent(xml::Child(tx, "CdtrAgt"), Role::kBeneficiaryBank));
  PAY_TRY(reader.Party(xml::Child(tx, "Cdtr"), Role::kBeneficiary));
  PAY_TRY(reader.Party(xml::Child(tx, "UltmtCdtr"), Role::kUltimateCreditor));
  PAY_TRY(reader.FreeTexts(tx, "RmtInf", "Ustrd", 140));
  for (const pugi::xml_node& structured : xml::Children(xml::Child(tx, "RmtInf"), "Strd")) {
    for (const pugi::xml_node& text : xml::Children(structured, "AddtlRmtInf")) {
      if (!xml::Text(text).empty()) {
        reader.out().free_text.push_back(FreeText{PathOf(text), xml::Text(text)});
      }
    }
  }
  PAY_TRY(reader.FreeTexts(tx, "InstrForCdtrAgt", "InstrInf", 140));
  PAY_TRY(reader.FreeTexts(tx, "InstrForNxtAgt", "InstrInf", 140));
  return core::Ok();
}

core::Status Pacs008(Reader& reader, const pugi::xml_node& root) {
  const auto transactions = xml::Children(root, "CdtTrfTxInf");
  if (transactions.empty()) return reader.Bad(root, "required element CdtTrfTxInf is missing");
  PAY_TRY(reader.Date(xml::Path(root, {"GrpHdr", "IntrBkSttlmDt"})));
  for (const pugi::xml_node& tx : transactions) {
    if (!xml::Child(tx, "Dbtr")) return reader.Bad(tx, "required element Dbtr is missing");
    if (!xml::Child(tx, "Cdtr")) return reader.Bad(tx, "required element Cdtr is missing");
    PAY_TRY(reader.Amount(xml::Child(tx, "IntrBkSttlmAmt")));
    PAY_TRY(reader.Date(xml::Child(tx, "IntrBkSttlmDt")));
    PAY_TRY(reader.Agent(xml::Child(tx, "InstgAgt"), Role::kOriginatorBank));
    PAY_TRY(reader.Agent(xml::Child(tx, "InstdAgt"), Role::kIntermediaryBank));
    PAY_TRY(CustomerTransfer(reader, tx));
  }
  return core::Ok();
}

core::Status Pacs009(Reader& reader, const pugi::xml_node& root) {
  const auto transactions = xml::Children(root, "CdtTrfTxInf");
  if (transactions.empty()) return reader.Bad(root, "required element CdtTrfTxInf is missing");
  PAY_TRY(reader.Date(xml::Path(root, {"GrpHdr", "IntrBkSttlmDt"})));
  for (const pugi::xml_node& tx : transactions) {
    if (!xml::Child(tx, "Dbtr")) return reader.Bad(tx, "required element Dbtr is missing");
    if (!xml::Child(tx, "Cdtr")) return reader.Bad(tx, "required element Cdtr is missing");
    PAY_TRY(reader.Amount(xml::Child(tx, "IntrBkSttlmAmt")));
    PAY_TRY(reader.Date(xml::Child(tx, "IntrBkSttlmDt")));
    // In an FI transfer the debtor and the creditor are banks themselves.
    PAY_TRY(reader.Agent(xml::Child(tx, "Dbtr"), Role::kOriginatorBank));
    PAY_TRY(reader.Agent(xml::Child(tx, "DbtrAgt"), Role::kOriginatorBank));
    for (const auto& [name, role] : kIntermediaries) {
      PAY_TRY(reader.Agent(xml::Child(tx, name), role));
    }
    PAY_TRY(reader.Agent(xml::Child(tx, "CdtrAgt"), Role::kBeneficiaryBank));
    PAY_TRY(reader.Agent(xml::Child(tx, "Cdtr"), Role::kBeneficiaryBank));
    PAY_TRY(reader.FreeTexts(tx, "InstrForCdtrAgt", "InstrInf", 140));
    PAY_TRY(reader.FreeTexts(tx, "InstrForNxtAgt", "InstrInf", 140));
    PAY_TRY(reader.FreeTexts(tx, "RmtInf", "Ustrd", 140));
    const pugi::xml_node cover = xml::Child(tx, "UndrlygCstmrCdtTrf");
    if (cover) PAY_TRY(CustomerTransfer(reader, cover));
  }
  return core::Ok();
}

core::Status Pain001(Reader& reader, const pugi::xml_node& root) {
  const auto batches = xml::Children(root, "PmtInf");
  if (batches.empty()) return reader.Bad(root, "required element PmtInf is missing");
  PAY_TRY(reader.Party(xml::Path(root, {"GrpHdr", "InitgPty"}), Role::kOriginator));
  for (const pugi::xml_node& batch : batches) {
    if (!xml::Child(batch, "Dbtr")) return reader.Bad(batch, "required element Dbtr is missing");
    const pugi::xml_node requested = xml::Child(batch, "ReqdExctnDt");
    // Version 09 wraps the date in a choice (Dt or DtTm); earlier versions have the date itself.
    if (xml::Child(requested, "Dt")) {
      PAY_TRY(reader.Date(xml::Child(requested, "Dt")));
    } else if (xml::Child(requested, "DtTm")) {
      PAY_TRY(reader.Date(xml::Child(requested, "DtTm")));
    } else {
      PAY_TRY(reader.Date(requested));
    }
    const auto transactions = xml::Children(batch, "CdtTrfTxInf");
    if (transactions.empty()) {
      return reader.Bad(batch, "required element CdtTrfTxInf is missing");
    }
    PAY_TRY(reader.Party(xml::Child(batch, "UltmtDbtr"), Role::kUltimateDebtor));
    PAY_TRY(reader.Party(xml::Child(batch, "Dbtr"), Role::kOriginator));
    PAY_TRY(reader.Agent(xml::Child(batch, "DbtrAgt"), Role::kOriginatorBank));
    for (const pugi::xml_node& tx : transactions) {
      if (!xml::Child(tx, "Cdtr")) return reader.Bad(tx, "required element Cdtr is missing");
      PAY_TRY(reader.Amount(xml::Path(tx, {"Amt", "InstdAmt"})));
      PAY_TRY(CustomerTransfer(reader, tx));
    }
  }
  return core::Ok();
}

struct Kind {
  std::string_view prefix;  // "pacs.008.001."
  std::string_view root;    // the message element
  core::Status (*parse)(Reader&, const pugi::xml_node&);
};
constexpr std::array<Kind, 3> kKinds = {{
    {"pacs.008.001.", "FIToFICstmrCdtTrf", Pacs008},
    {"pacs.009.001.", "FICdtTrf", Pacs009},
    {"pain.001.001.", "CstmrCdtTrfInitn", Pain001},
}};

// The message element: the Document's only child element. A business application header
// envelope (AppHdr + Document) is accepted around it.
pugi::xml_node DocumentOf(const pugi::xml_document& doc) {
  pugi::xml_node top = doc.document_element();
  if (xml::LocalName(top) == "Document") return top;
  for (const pugi::xml_node& child : top.children()) {
    if (child.type() == pugi::node_element && xml::LocalName(child) == "Document") return child;
  }
  return {};
}

}  // namespace

core::Result<PaymentMessage> ParseIso20022(std::string_view text, std::string_view file_name) {
  if (text.size() > kMaxMessageBytes) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        fmt::format("the message has {} bytes, at most {} accepted", text.size(), kMaxMessageBytes),
        core::Location{.file = std::string(file_name)});
  }
  auto file = sources::xml::XmlFile::Parse(text, std::string(file_name));
  if (!file) {
    core::Error error = file.error();
    error.code = core::ErrorCode::kInvalidArgument;
    return error;
  }
  const pugi::xml_node document = DocumentOf((*file)->doc());
  if (!document) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        fmt::format("not an ISO 20022 message: the root element is {}, expected Document",
                    core::Quote(xml::LocalName((*file)->doc().document_element()))),
        core::Location{.file = std::string(file_name), .line = 1, .element = "Document"});
  }
  const std::string uri = xml::NamespaceUri(document);
  PaymentMessage message;
  Reader reader(**file, message);
  for (const Kind& kind : kKinds) {
    if (!uri.starts_with(kNamespacePrefix) ||
        !std::string_view(uri).substr(kNamespacePrefix.size()).starts_with(kind.prefix)) {
      continue;
    }
    message.format = uri.substr(kNamespacePrefix.size());
    const pugi::xml_node root = xml::Child(document, kind.root);
    if (!root) {
      return reader.Bad(document,
                        fmt::format("a {} Document must hold {}", message.format, kind.root));
    }
    if (!xml::Child(root, "GrpHdr")) return reader.Bad(root, "required element GrpHdr is missing");
    auto id = reader.Required(xml::Child(root, "GrpHdr"), "MsgId", 35);
    if (!id) return id.error();
    message.message_id = *id;
    PAY_TRY(kind.parse(reader, root));
    PAY_TRY(reader.Date(xml::Path(root, {"GrpHdr", "CreDtTm"})));
    if (message.date.empty()) {
      return reader.Bad(root,
                        "no settlement, execution or creation date (IntrBkSttlmDt, "
                        "ReqdExctnDt, GrpHdr/CreDtTm)");
    }
    return message;
  }
  return reader.Bad(document,
                    fmt::format("namespace {} is not a supported message (expected {}pacs.008, "
                                "pacs.009 or pain.001)",
                                core::Quote(uri), kNamespacePrefix));
}

}  // namespace redflag::payments
