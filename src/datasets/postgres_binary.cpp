#include "datasets/postgres_binary.h"

#include <charconv>
#include <cstring>
#include <limits>

#include "datasets/codec.h"

namespace airbyte_cloud::datasets {
namespace {

// The stream's first 11 bytes (PostgreSQL: "COPY", binary format).
constexpr char kSignature[] = "PGCOPY\n\377\r\n";
constexpr std::size_t kSignatureSize = 11;
constexpr std::int64_t kUnixEpochDays = 10957;  // 2000-01-01, Postgres's epoch, in days since 1970
constexpr std::int64_t kMicrosPerDay = 86400000000LL;
// The years whose dates and timestamps the text path turned into ISO text (1..9999); others it
// passed on as the server printed them.
constexpr std::int64_t kFirstIsoDay = -719162;  // 0001-01-01
constexpr std::int64_t kEndIsoDay = 2932897;    // 10000-01-01

std::uint64_t big_endian(const char *data, std::size_t size) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < size; ++i)
        value = (value << 8) | static_cast<unsigned char>(data[i]);
    return value;
}

std::int16_t int16_at(const char *data) {
    return static_cast<std::int16_t>(big_endian(data, 2));
}
std::int32_t int32_at(const char *data) {
    return static_cast<std::int32_t>(big_endian(data, 4));
}
std::int64_t int64_at(const char *data) {
    return static_cast<std::int64_t>(big_endian(data, 8));
}

Status malformed(const std::string &what) {
    return ProtocolError("malformed binary COPY data: " + what);
}

Status wrong_size(const char *type, std::size_t size, std::size_t expected) {
    return malformed("a " + std::string(type) + " value of " + std::to_string(size) + " bytes (a " +
                     type + " has " + std::to_string(expected) + ")");
}

void append_number(std::string &out, std::int64_t value) {
    char buffer[24];
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

// Four decimal digits of one base-10000 numeric digit.
void append_numeric_group(std::string &out, int group) {
    const char digits[4] = {
        static_cast<char>('0' + group / 1000), static_cast<char>('0' + group / 100 % 10),
        static_cast<char>('0' + group / 10 % 10), static_cast<char>('0' + group % 10)};
    out.append(digits, 4);
}

// numeric_send: ndigits, weight, sign, dscale (16 bits each), then ndigits base-10000 digits;
// printed as numeric_out prints it (exactly dscale decimals).
Status decode_numeric(std::string_view bytes, Cell &out) {
    if (bytes.size() < 8)
        return malformed("a numeric value of " + std::to_string(bytes.size()) + " bytes");
    const auto ndigits = static_cast<std::uint16_t>(big_endian(bytes.data(), 2));
    const int weight = int16_at(bytes.data() + 2);
    const auto sign = static_cast<std::uint16_t>(big_endian(bytes.data() + 4, 2));
    const auto dscale = static_cast<std::uint16_t>(big_endian(bytes.data() + 6, 2));
    if (bytes.size() != 8 + 2 * static_cast<std::size_t>(ndigits)) {
        return malformed("a numeric value declares " + std::to_string(ndigits) + " digits in " +
                         std::to_string(bytes.size()) + " bytes");
    }
    if (sign == 0xC000 || sign == 0xD000 || sign == 0xF000) {
        out.set(sign == 0xC000 ? "NaN" : sign == 0xD000 ? "Infinity" : "-Infinity");
        return Status();
    }
    if ((sign != 0 && sign != 0x4000) || dscale > 0x3FFF) {
        return malformed("a numeric value with sign word " + std::to_string(sign) + " and scale " +
                         std::to_string(dscale));
    }
    auto digit = [&](int index) -> int {
        return index >= 0 && index < ndigits
                   ? static_cast<int>(big_endian(bytes.data() + 8 + 2 * index, 2))
                   : 0;
    };
    for (int i = 0; i < ndigits; ++i) {
        if (digit(i) > 9999)
            return malformed("a numeric digit " + std::to_string(digit(i)) + " is not below 10000");
    }
    out.set(sign == 0x4000 ? "-" : "");
    std::string &text = out.text;
    if (weight < 0)
        text.push_back('0');
    for (int d = 0; d <= weight; ++d) {
        if (d == 0) {
            append_number(text, digit(d));
        } else {
            append_numeric_group(text, digit(d));
        }
    }
    if (dscale == 0)
        return Status();
    text.push_back('.');
    const std::size_t end = text.size() + dscale;
    for (int d = weight + 1; text.size() < end; ++d)
        append_numeric_group(text, digit(d));
    text.resize(end);
    return Status();
}

// "YYYY-MM-DD" as date_out prints it: four digits or more, " BC" for years before 1.
void append_server_date(std::string &out, std::int64_t days, bool &before_christ) {
    std::int64_t year = 0;
    unsigned month = 0, day = 0;
    civil_from_days(days, year, month, day);
    before_christ = year <= 0;
    std::string digits = std::to_string(before_christ ? 1 - year : year);
    if (digits.size() < 4)
        digits.insert(0, 4 - digits.size(), '0');
    out += digits;
    out.push_back('-');
    out.push_back(static_cast<char>('0' + month / 10));
    out.push_back(static_cast<char>('0' + month % 10));
    out.push_back('-');
    out.push_back(static_cast<char>('0' + day / 10));
    out.push_back(static_cast<char>('0' + day % 10));
}

Status decode_date(std::string_view bytes, Cell &out) {
    if (bytes.size() != 4)
        return wrong_size("date", bytes.size(), 4);
    const std::int32_t value = int32_at(bytes.data());
    if (value == std::numeric_limits<std::int32_t>::max() ||
        value == std::numeric_limits<std::int32_t>::min()) {
        out.set(value > 0 ? "infinity" : "-infinity");
        return Status();
    }
    const std::int64_t days = value + kUnixEpochDays;
    if (days >= kFirstIsoDay && days < kEndIsoDay) {
        out.set_integer(days);
        return Status();
    }
    bool before_christ = false;
    out.set("");
    append_server_date(out.text, days, before_christ);
    if (before_christ)
        out.text += " BC";
    return Status();
}

// Microseconds since 2000-01-01; years 1..9999 stay a number, the rest is timestamp_out's text.
Status decode_timestamp(std::string_view bytes, bool with_zone, Cell &out) {
    if (bytes.size() != 8)
        return wrong_size(with_zone ? "timestamptz" : "timestamp", bytes.size(), 8);
    const std::int64_t value = int64_at(bytes.data());
    if (value == std::numeric_limits<std::int64_t>::max() ||
        value == std::numeric_limits<std::int64_t>::min()) {
        out.set(value > 0 ? "infinity" : "-infinity");
        return Status();
    }
    // Split on Postgres's epoch first: the latest timestamps do not fit once moved to 1970's.
    std::int64_t days = value / kMicrosPerDay;
    std::int64_t micro_of_day = value % kMicrosPerDay;
    if (micro_of_day < 0) {
        micro_of_day += kMicrosPerDay;
        days -= 1;
    }
    days += kUnixEpochDays;
    if (days >= kFirstIsoDay && days < kEndIsoDay) {
        out.set_integer(days * kMicrosPerDay + micro_of_day);
        return Status();
    }
    bool before_christ = false;
    out.set("");
    append_server_date(out.text, days, before_christ);
    out.text.push_back(' ');
    append_clock(out.text, micro_of_day / 1000000, micro_of_day % 1000000 * 1000);
    if (with_zone)
        out.text += "+00";  // the session's time zone is UTC
    if (before_christ)
        out.text += " BC";
    return Status();
}

Status decode_uuid(std::string_view bytes, Cell &out) {
    static constexpr char kHex[] = "0123456789abcdef";
    if (bytes.size() != 16)
        return wrong_size("uuid", bytes.size(), 16);
    char text[36];
    std::size_t at = 0;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text[at++] = '-';
        const auto byte = static_cast<unsigned char>(bytes[i]);
        text[at++] = kHex[byte >> 4];
        text[at++] = kHex[byte & 0x0F];
    }
    out.set(std::string_view(text, sizeof text));
    return Status();
}

// Fixed-size integers: int2, int4, int8 (signed) and oid (unsigned 32 bits).
Status decode_integer(std::string_view bytes, std::size_t size, bool is_signed, const char *type,
                      Cell &out) {
    if (bytes.size() != size)
        return wrong_size(type, bytes.size(), size);
    const std::uint64_t raw = big_endian(bytes.data(), size);
    if (!is_signed || size == 8) {
        out.set_integer(static_cast<std::int64_t>(raw));
    } else {
        const std::uint64_t sign_bit = std::uint64_t{1} << (size * 8 - 1);
        out.set_integer(static_cast<std::int64_t>(raw ^ sign_bit) -
                        static_cast<std::int64_t>(sign_bit));
    }
    return Status();
}

Status decode_float(std::string_view bytes, bool single, Cell &out) {
    if (single) {
        if (bytes.size() != 4)
            return wrong_size("real", bytes.size(), 4);
        const auto raw = static_cast<std::uint32_t>(big_endian(bytes.data(), 4));
        float value = 0;
        std::memcpy(&value, &raw, 4);
        out.set_real(value, CellForm::kFloat32);
        return Status();
    }
    if (bytes.size() != 8)
        return wrong_size("double precision", bytes.size(), 8);
    const std::uint64_t raw = big_endian(bytes.data(), 8);
    double value = 0;
    std::memcpy(&value, &raw, 8);
    out.set_real(value, CellForm::kFloat64);
    return Status();
}

Status decode_scalar(PgWire wire, std::string_view bytes, Cell &out) {
    switch (wire) {
        case PgWire::kBoolean:
            if (bytes.size() != 1)
                return wrong_size("boolean", bytes.size(), 1);
            out.set(bytes[0] != 0 ? "true" : "false");
            return Status();
        case PgWire::kInt2:
            return decode_integer(bytes, 2, true, "smallint", out);
        case PgWire::kInt4:
            return decode_integer(bytes, 4, true, "integer", out);
        case PgWire::kInt8:
            return decode_integer(bytes, 8, true, "bigint", out);
        case PgWire::kOid:
            return decode_integer(bytes, 4, false, "oid", out);
        case PgWire::kFloat4:
            return decode_float(bytes, true, out);
        case PgWire::kFloat8:
            return decode_float(bytes, false, out);
        case PgWire::kTime: {
            if (bytes.size() != 8)
                return wrong_size("time", bytes.size(), 8);
            const std::int64_t micros = int64_at(bytes.data());
            if (micros < 0 || micros > kMicrosPerDay)
                return malformed("a time of " + std::to_string(micros) + " µs");
            out.set_integer(micros);
            return Status();
        }
        default:
            return malformed("no decoder for binary form " +
                             std::to_string(static_cast<int>(wire)));
    }
}

}  // namespace

const PgType *pg_type_for_oid(unsigned int oid) {
    // pg_type.dat's OIDs. xid has no binary decoder here: it is read through its text output.
    static constexpr PgType kTypes[] = {
        {16, "boolean", ValueKind::kBoolean, PgWire::kBoolean, true},
        {17, "bytea", ValueKind::kBytes, PgWire::kBytea, true},
        {19, "name", ValueKind::kText, PgWire::kText, true},
        {20, "bigint", ValueKind::kInteger, PgWire::kInt8, true},
        {21, "smallint", ValueKind::kInteger, PgWire::kInt2, true},
        {23, "integer", ValueKind::kInteger, PgWire::kInt4, true},
        {25, "text", ValueKind::kText, PgWire::kText, true},
        {26, "oid", ValueKind::kInteger, PgWire::kOid, true},
        {28, "xid", ValueKind::kInteger, PgWire::kText, false},
        {114, "json", ValueKind::kJson, PgWire::kText, true},
        {700, "real", ValueKind::kFloat, PgWire::kFloat4, true},
        {701, "double precision", ValueKind::kFloat, PgWire::kFloat8, true},
        {1042, "character", ValueKind::kText, PgWire::kText, true},
        {1043, "character varying", ValueKind::kText, PgWire::kText, true},
        {1082, "date", ValueKind::kDate, PgWire::kDate, true},
        {1083, "time without time zone", ValueKind::kTime, PgWire::kTime, true},
        {1114, "timestamp without time zone", ValueKind::kDateTime, PgWire::kTimestamp, true},
        {1184, "timestamp with time zone", ValueKind::kTimestamp, PgWire::kTimestamptz, true},
        {1700, "numeric", ValueKind::kDecimal, PgWire::kNumeric, true},
        {2950, "uuid", ValueKind::kText, PgWire::kUuid, true},
        {3802, "jsonb", ValueKind::kJson, PgWire::kJsonb, true},
    };
    for (const PgType &type : kTypes) {
        if (type.oid == oid)
            return &type;
    }
    return nullptr;
}

Status decode_pg_binary(PgWire wire, std::string_view bytes, Cell &out) {
    switch (wire) {
        case PgWire::kText:
            out.set(bytes);
            return Status();
        case PgWire::kJsonb:
            if (bytes.empty() || bytes[0] != 1) {
                return malformed(bytes.empty()
                                     ? "an empty jsonb value"
                                     : "jsonb format version " + std::to_string(bytes[0]) +
                                           " (only 1 is known)");
            }
            out.set(bytes.substr(1));
            return Status();
        case PgWire::kBytea:
            out.set(base64_encode(bytes));
            return Status();
        case PgWire::kNumeric:
            return decode_numeric(bytes, out);
        case PgWire::kDate:
            return decode_date(bytes, out);
        case PgWire::kTimestamp:
            return decode_timestamp(bytes, false, out);
        case PgWire::kTimestamptz:
            return decode_timestamp(bytes, true, out);
        case PgWire::kUuid:
            return decode_uuid(bytes, out);
        default:
            return decode_scalar(wire, bytes, out);
    }
}

void PgCopyParser::append(std::string_view bytes) {
    const std::string_view unread = data_.substr(at_);
    at_ = 0;
    if (unread.empty()) {
        data_ = bytes;  // the usual case, whole rows per piece: read in place, no copy
        return;
    }
    // A row split across pieces: join its start and the new piece (`unread` may be in owned_).
    std::string joined;
    joined.reserve(unread.size() + bytes.size());
    joined.append(unread).append(bytes);
    owned_.swap(joined);
    data_ = owned_;
}

StatusOr<PgCopyParser::Step> PgCopyParser::read_header() {
    const std::size_t available = data_.size() - at_;
    if (available == 0)
        return Step::kNeedData;
    const std::size_t compared = std::min(available, kSignatureSize);
    if (std::memcmp(data_.data() + at_, kSignature, compared) != 0) {
        return malformed("the stream does not start with the PGCOPY signature");
    }
    if (available < kSignatureSize + 8)
        return Step::kNeedData;
    const auto flags = static_cast<std::uint32_t>(int32_at(data_.data() + at_ + kSignatureSize));
    const std::int32_t extension = int32_at(data_.data() + at_ + kSignatureSize + 4);
    if ((flags & (1u << 16)) != 0)
        return malformed("the rows carry OIDs, which this reader does not ask for");
    if ((flags >> 17) != 0)
        return malformed("unknown critical header flags " + std::to_string(flags >> 16));
    if (extension < 0)
        return malformed("a negative header extension length");
    if (available < kSignatureSize + 8 + static_cast<std::size_t>(extension))
        return Step::kNeedData;
    at_ += kSignatureSize + 8 + static_cast<std::size_t>(extension);
    header_read_ = true;
    return Step::kRow;
}

// Whether the row at at_ has all its bytes; `end` is then where it ends. Checks the framing.
StatusOr<bool> PgCopyParser::row_complete(std::size_t &end) const {
    std::size_t at = at_ + 2;
    const auto fields = static_cast<std::size_t>(int16_at(data_.data() + at_));
    if (fields != columns_.size()) {
        return malformed("a row of " + std::to_string(static_cast<std::int16_t>(fields)) +
                         " fields; the query has " + std::to_string(columns_.size()) + " columns");
    }
    for (std::size_t i = 0; i < fields; ++i) {
        if (data_.size() - at < 4)
            return false;
        const std::int32_t length = int32_at(data_.data() + at);
        at += 4;
        if (length < -1) {
            return malformed("field " + std::to_string(i + 1) + " ('" + columns_[i].name +
                             "') has length " + std::to_string(length));
        }
        if (length > 0 && data_.size() - at < static_cast<std::size_t>(length))
            return false;
        if (length > 0)
            at += static_cast<std::size_t>(length);
    }
    end = at;
    return true;
}

StatusOr<PgCopyParser::Step> PgCopyParser::next(std::vector<Cell> &row) {
    if (ended_)
        return Step::kEnd;
    if (!header_read_) {
        StatusOr<Step> header = read_header();
        if (!header.ok() || *header == Step::kNeedData)
            return header;
    }
    if (data_.size() - at_ < 2)
        return Step::kNeedData;
    if (int16_at(data_.data() + at_) == -1) {
        at_ += 2;
        ended_ = true;
        return Step::kEnd;
    }
    std::size_t end = 0;
    StatusOr<bool> complete = row_complete(end);
    if (!complete.ok())
        return complete.status();
    if (!*complete)
        return Step::kNeedData;
    row.resize(columns_.size());
    std::size_t at = at_ + 2;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        const std::int32_t length = int32_at(data_.data() + at);
        at += 4;
        if (length < 0) {
            row[i].set_null();
            continue;
        }
        Status decoded = decode_pg_binary(
            columns_[i].wire,
            std::string_view(data_.data() + at, static_cast<std::size_t>(length)), row[i]);
        if (!decoded.ok())
            return prefixed(decoded,
                            "column '" + columns_[i].name + "' (" + columns_[i].type + ")");
        at += static_cast<std::size_t>(length);
    }
    at_ = end;
    return Step::kRow;
}

Status PgCopyParser::finish() const {
    const std::size_t left = data_.size() - at_;
    if (!ended_) {
        return malformed(std::string(header_read_ ? "the stream ended inside a row"
                                                  : "the stream ended inside its header") +
                         " (" + std::to_string(left) + " bytes left over, no trailer)");
    }
    if (left > 0)
        return malformed(std::to_string(left) + " bytes after the trailer");
    return Status();
}

}  // namespace airbyte_cloud::datasets
