#include "store/entity_codec.h"

#include <bit>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace redflag::store {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the entity codec writes doubles in native order; big-endian needs a byte swap");

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void Varint(std::uint64_t value) {
    while (value >= 0x80) {
      out_.push_back(static_cast<char>((value & 0x7f) | 0x80));
      value >>= 7;
    }
    out_.push_back(static_cast<char>(value));
  }
  void Byte(std::uint8_t value) { out_.push_back(static_cast<char>(value)); }
  void String(std::string_view text) {
    Varint(text.size());
    out_.append(text);
  }
  void Strings(const std::vector<std::string>& texts) {
    Varint(texts.size());
    for (const auto& text : texts) String(text);
  }
  void Date(const core::PartialDate& date) {
    // Zigzag so that a (never expected, but representable) negative year stays short.
    const std::int64_t year = date.year;
    Varint(static_cast<std::uint64_t>((year << 1) ^ (year >> 63)));
    Byte(static_cast<std::uint8_t>(date.month));
    Byte(static_cast<std::uint8_t>(date.day));
  }
  void Double(double value) {
    char bytes[sizeof(double)];
    std::memcpy(bytes, &value, sizeof(double));
    out_.append(bytes, sizeof(double));
  }

 private:
  std::string& out_;
};

// Reads with bounds checks; the first failure sticks and later reads return defaults, so the
// decoder can be written straight through and checked once per element.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  std::size_t offset() const { return pos_; }
  bool AtEnd() const { return pos_ == bytes_.size(); }

  std::uint64_t Varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) return Fail("truncated varint");
      const auto byte = static_cast<std::uint8_t>(bytes_[pos_++]);
      if (shift == 63 && byte > 1) return Fail("varint overflows 64 bits");
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    return Fail("varint longer than 10 bytes");
  }
  std::uint8_t Byte() {
    if (pos_ >= bytes_.size()) return static_cast<std::uint8_t>(Fail("truncated byte"));
    return static_cast<std::uint8_t>(bytes_[pos_++]);
  }
  std::string String() {
    const std::uint64_t size = Varint();
    if (!ok()) return {};
    if (size > bytes_.size() - pos_) {
      Fail("string length " + std::to_string(size) + " runs past the end");
      return {};
    }
    std::string text(bytes_.substr(pos_, size));
    pos_ += size;
    return text;
  }
  // An element count; each element takes at least one byte, so a count larger than what is left
  // is damage (and must not drive a huge allocation).
  std::size_t Count() {
    const std::uint64_t count = Varint();
    if (!ok()) return 0;
    if (count > bytes_.size() - pos_) {
      Fail("element count " + std::to_string(count) + " exceeds the remaining bytes");
      return 0;
    }
    return static_cast<std::size_t>(count);
  }
  std::vector<std::string> Strings() {
    std::vector<std::string> texts(Count());
    for (auto& text : texts) {
      text = String();
      if (!ok()) break;
    }
    return texts;
  }
  core::PartialDate Date() {
    core::PartialDate date;
    const std::uint64_t zigzag = Varint();
    const auto year =
        static_cast<std::int64_t>(zigzag >> 1) ^ -static_cast<std::int64_t>(zigzag & 1);
    if (year < std::numeric_limits<std::int16_t>::min() ||
        year > std::numeric_limits<std::int16_t>::max()) {
      Fail("year out of range");
      return date;
    }
    const std::uint8_t month = Byte();
    const std::uint8_t day = Byte();
    if (month > 12 || day > 31) {
      Fail("month or day out of range");
      return date;
    }
    date.year = static_cast<std::int16_t>(year);
    date.month = static_cast<std::int8_t>(month);
    date.day = static_cast<std::int8_t>(day);
    return date;
  }
  double Double() {
    if (bytes_.size() - pos_ < sizeof(double)) {
      Fail("truncated double");
      return 0;
    }
    double value = 0;
    std::memcpy(&value, bytes_.data() + pos_, sizeof(double));
    pos_ += sizeof(double);
    return value;
  }
  template <class Enum>
  Enum EnumByte(Enum max_value, const char* what) {
    const std::uint8_t value = Byte();
    if (value > static_cast<std::uint8_t>(max_value)) {
      Fail(std::string(what) + " value " + std::to_string(value) + " out of range");
      return Enum{};
    }
    return static_cast<Enum>(value);
  }
  bool Bool() {
    const std::uint8_t value = Byte();
    if (value > 1) Fail("boolean value out of range");
    return value == 1;
  }

  std::uint64_t Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message) + " at byte " + std::to_string(pos_);
    pos_ = bytes_.size();
    return 0;
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  std::string error_;
};

void WriteName(Writer& w, const core::Name& name) {
  w.String(name.full);
  w.Byte(static_cast<std::uint8_t>(name.kind));
  w.String(name.script);
  w.String(name.language);
  w.String(name.given);
  w.String(name.family);
}

core::Name ReadName(Reader& r) {
  core::Name name;
  name.full = r.String();
  name.kind = r.EnumByte(core::NameKind::kNka, "name kind");
  name.script = r.String();
  name.language = r.String();
  name.given = r.String();
  name.family = r.String();
  return name;
}

void WriteAddress(Writer& w, const core::Address& address) {
  w.String(address.street);
  w.String(address.city);
  w.String(address.state);
  w.String(address.postal_code);
  w.String(address.country);
  w.String(address.country_raw);
  w.String(address.full);
}

core::Address ReadAddress(Reader& r) {
  core::Address address;
  address.street = r.String();
  address.city = r.String();
  address.state = r.String();
  address.postal_code = r.String();
  address.country = r.String();
  address.country_raw = r.String();
  address.full = r.String();
  return address;
}

void WriteIdentifier(Writer& w, const core::Identifier& id) {
  w.Byte(static_cast<std::uint8_t>(id.type));
  w.String(id.type_raw);
  w.String(id.value);
  w.String(id.country);
  w.String(id.scheme);
  w.String(id.note);
}

core::Identifier ReadIdentifier(Reader& r) {
  core::Identifier id;
  id.type = r.EnumByte(core::IdType::kMacPrefix, "identifier type");
  id.type_raw = r.String();
  id.value = r.String();
  id.country = r.String();
  id.scheme = r.String();
  id.note = r.String();
  return id;
}

void WriteBirthDate(Writer& w, const core::BirthDate& date) {
  w.Date(date.from);
  w.Date(date.to);
  w.Byte(date.circa ? 1 : 0);
  w.String(date.raw);
}

core::BirthDate ReadBirthDate(Reader& r) {
  core::BirthDate date;
  date.from = r.Date();
  date.to = r.Date();
  date.circa = r.Bool();
  date.raw = r.String();
  return date;
}

void WriteListing(Writer& w, const core::Listing& listing) {
  w.String(listing.list_id);
  w.String(listing.list_name);
  w.String(listing.list_code);
  w.Strings(listing.programs);
  w.Date(listing.start);
  w.Date(listing.end);
  w.Date(listing.divestment);
  w.Strings(listing.federal_register);
  w.String(listing.license_requirement);
  w.String(listing.license_policy);
  w.String(listing.standard_order);
  w.String(listing.action);
  w.String(listing.source_url);
  w.String(listing.remarks);
}

core::Listing ReadListing(Reader& r) {
  core::Listing listing;
  listing.list_id = r.String();
  listing.list_name = r.String();
  listing.list_code = r.String();
  listing.programs = r.Strings();
  listing.start = r.Date();
  listing.end = r.Date();
  listing.divestment = r.Date();
  listing.federal_register = r.Strings();
  listing.license_requirement = r.String();
  listing.license_policy = r.String();
  listing.standard_order = r.String();
  listing.action = r.String();
  listing.source_url = r.String();
  listing.remarks = r.String();
  return listing;
}

void WriteLink(Writer& w, const core::Link& link) {
  w.String(link.relation);
  w.String(link.target_name);
  w.String(link.target_id);
  w.Double(link.percent);
}

core::Link ReadLink(Reader& r) {
  core::Link link;
  link.relation = r.String();
  link.target_name = r.String();
  link.target_id = r.String();
  link.percent = r.Double();
  return link;
}

template <class T, class WriteOne>
void WriteVector(Writer& w, const std::vector<T>& items, WriteOne write_one) {
  w.Varint(items.size());
  for (const auto& item : items) write_one(w, item);
}

template <class T, class ReadOne>
std::vector<T> ReadVector(Reader& r, ReadOne read_one) {
  std::vector<T> items;
  const std::size_t count = r.Count();
  items.reserve(count);
  for (std::size_t item_idx = 0; item_idx < count && r.ok(); ++item_idx) {
    items.push_back(read_one(r));
  }
  return items;
}

}  // namespace

void EncodeEntityTo(const core::Entity& entity, std::string& out) {
  Writer w(out);
  w.Byte(kEntityCodecVersion);
  w.String(entity.id);
  w.String(entity.list_id);
  w.String(entity.native_id);
  w.Byte(static_cast<std::uint8_t>(entity.type));
  WriteVector(w, entity.names, WriteName);
  WriteVector(w, entity.addresses, WriteAddress);
  WriteVector(w, entity.identifiers, WriteIdentifier);
  WriteVector(w, entity.birth_dates, WriteBirthDate);
  w.Strings(entity.places_of_birth);
  w.Strings(entity.nationalities);
  w.Strings(entity.citizenships);
  w.String(entity.gender);
  w.Strings(entity.titles);
  WriteVector(w, entity.listings, WriteListing);
  WriteVector(w, entity.links, WriteLink);
  w.String(entity.vessel.call_sign);
  w.String(entity.vessel.vessel_type);
  w.String(entity.vessel.tonnage);
  w.String(entity.vessel.gross_registered_tonnage);
  w.String(entity.vessel.flag);
  w.String(entity.vessel.owner);
  w.String(entity.remarks);
}

std::string EncodeEntity(const core::Entity& entity) {
  std::string out;
  out.reserve(256);
  EncodeEntityTo(entity, out);
  return out;
}

core::Result<core::Entity> DecodeEntity(std::string_view bytes) {
  Reader r(bytes);
  const std::uint8_t version = r.Byte();
  if (r.ok() && version != kEntityCodecVersion) {
    return core::MakeError(core::ErrorCode::kParse,
                           "entity blob has codec version " + std::to_string(version) +
                               ", this build reads version " + std::to_string(kEntityCodecVersion));
  }
  core::Entity entity;
  entity.id = r.String();
  entity.list_id = r.String();
  entity.native_id = r.String();
  entity.type = r.EnumByte(core::EntityType::kAircraft, "entity type");
  entity.names = ReadVector<core::Name>(r, ReadName);
  entity.addresses = ReadVector<core::Address>(r, ReadAddress);
  entity.identifiers = ReadVector<core::Identifier>(r, ReadIdentifier);
  entity.birth_dates = ReadVector<core::BirthDate>(r, ReadBirthDate);
  entity.places_of_birth = r.Strings();
  entity.nationalities = r.Strings();
  entity.citizenships = r.Strings();
  entity.gender = r.String();
  entity.titles = r.Strings();
  entity.listings = ReadVector<core::Listing>(r, ReadListing);
  entity.links = ReadVector<core::Link>(r, ReadLink);
  entity.vessel.call_sign = r.String();
  entity.vessel.vessel_type = r.String();
  entity.vessel.tonnage = r.String();
  entity.vessel.gross_registered_tonnage = r.String();
  entity.vessel.flag = r.String();
  entity.vessel.owner = r.String();
  entity.remarks = r.String();
  if (r.ok() && !r.AtEnd()) {
    r.Fail(std::to_string(bytes.size() - r.offset()) + " trailing bytes after the entity");
  }
  if (!r.ok()) {
    return core::MakeError(
        core::ErrorCode::kParse,
        "damaged entity blob (" + std::to_string(bytes.size()) + " bytes): " + r.error());
  }
  return entity;
}

}  // namespace redflag::store
