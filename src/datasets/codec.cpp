#include "datasets/codec.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>

namespace airbyte_cloud::datasets {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string encode(std::string_view bytes, const char *alphabet, bool pad) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const auto a = static_cast<unsigned char>(bytes[i]);
        const auto b = static_cast<unsigned char>(bytes[i + 1]);
        const auto c = static_cast<unsigned char>(bytes[i + 2]);
        out.push_back(alphabet[a >> 2]);
        out.push_back(alphabet[((a & 0x03) << 4) | (b >> 4)]);
        out.push_back(alphabet[((b & 0x0F) << 2) | (c >> 6)]);
        out.push_back(alphabet[c & 0x3F]);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const auto a = static_cast<unsigned char>(bytes[i]);
        out.push_back(alphabet[a >> 2]);
        out.push_back(alphabet[(a & 0x03) << 4]);
        if (pad) out += "==";
    } else if (rest == 2) {
        const auto a = static_cast<unsigned char>(bytes[i]);
        const auto b = static_cast<unsigned char>(bytes[i + 1]);
        out.push_back(alphabet[a >> 2]);
        out.push_back(alphabet[((a & 0x03) << 4) | (b >> 4)]);
        out.push_back(alphabet[(b & 0x0F) << 2]);
        if (pad) out.push_back('=');
    }
    return out;
}

int base64_digit(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at text[at..] into value.
bool read_digits(std::string_view text, std::size_t at, std::size_t count, std::int64_t &value) {
    if (at + count > text.size()) return false;
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (!is_digit(text[at + i])) return false;
        value = value * 10 + (text[at + i] - '0');
    }
    return true;
}

// The digits at text[at..] (after a '.') as a count of 10^-scale units, digits past `scale`
// dropped; sets `at` past them. Returns how many digits there were.
std::size_t read_fraction(std::string_view text, std::size_t &at, std::size_t scale,
                          std::int64_t &fraction) {
    fraction = 0;
    std::size_t digits = 0;
    for (; at < text.size() && is_digit(text[at]); ++at, ++digits) {
        if (digits < scale)
            fraction = fraction * 10 + (text[at] - '0');
    }
    for (std::size_t i = digits; i < scale; ++i)
        fraction *= 10;
    return digits;
}

// "HH:MM:SS[.f]" at text[at..]; sets `at` past it. Microseconds since midnight.
bool read_time(std::string_view text, std::size_t &at, std::int64_t &micros) {
    std::int64_t hour = 0, minute = 0, second = 0;
    if (!read_digits(text, at, 2, hour) || at + 2 >= text.size() || text[at + 2] != ':' ||
        !read_digits(text, at + 3, 2, minute)) {
        return false;
    }
    at += 5;
    if (at < text.size() && text[at] == ':') {
        if (!read_digits(text, at + 1, 2, second)) return false;
        at += 3;
    }
    if (hour > 24 || minute > 59 || second > 60) return false;
    std::int64_t fraction = 0;
    if (at < text.size() && text[at] == '.') {
        ++at;
        if (read_fraction(text, at, 6, fraction) == 0)
            return false;
    }
    micros = ((hour * 60 + minute) * 60 + second) * 1000000 + fraction;
    return true;
}

bool read_date(std::string_view text, std::size_t &at, std::int64_t &days) {
    std::int64_t year = 0, month = 0, day = 0;
    bool negative = false;
    if (at < text.size() && (text[at] == '-' || text[at] == '+')) {
        negative = text[at] == '-';
        ++at;
    }
    std::size_t year_digits = 0;
    while (at + year_digits < text.size() && is_digit(text[at + year_digits])) ++year_digits;
    if (year_digits < 4 || year_digits > 6 || !read_digits(text, at, year_digits, year)) return false;
    at += year_digits;
    if (at + 6 > text.size() || text[at] != '-' || !read_digits(text, at + 1, 2, month) ||
        text[at + 3] != '-' || !read_digits(text, at + 4, 2, day)) {
        return false;
    }
    at += 6;
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    days = days_from_civil(negative ? -year : year, static_cast<unsigned>(month),
                           static_cast<unsigned>(day));
    return true;
}

// `value` (>= 0) in decimal, zero-padded to at least `width` digits.
// Writes `value` (0 <= value < 10^width) as exactly `width` digits at `at`; returns the end.
char *put_digits(char *at, std::int64_t value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        at[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return at + width;
}

// Significant `digits` with the decimal point after digit `exponent` + 1 (exponent in [-4, 15)).
void append_fixed_point(std::string &out, const std::string &digits, int exponent) {
    if (exponent < 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-exponent - 1), '0');
        out += digits;
        return;
    }
    const auto whole = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() <= whole) {
        out += digits;
        out.append(whole - digits.size(), '0');
        return;
    }
    out.append(digits, 0, whole);
    out.push_back('.');
    out.append(digits, whole, std::string::npos);
}

}  // namespace

std::string base64_encode(std::string_view bytes) { return encode(bytes, kBase64, true); }

std::string base64url_encode(std::string_view bytes) { return encode(bytes, kBase64Url, false); }

std::optional<std::string> base64_decode(std::string_view text) {
    while (!text.empty() && text.back() == '=') text.remove_suffix(1);
    if (text.size() % 4 == 1) return std::nullopt;
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int digit = base64_digit(c);
        if (digit < 0) return std::nullopt;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(digit);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    // Canonical encodings only: the bits left over after the last byte must be zero.
    if ((buffer & ((1u << bits) - 1u)) != 0) return std::nullopt;
    return out;
}

std::optional<std::string> hex_decode(std::string_view text) {
    if (text.size() % 2 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 2);
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const int high = hex_digit(text[i]);
        const int low = hex_digit(text[i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        out.push_back(static_cast<char>((high << 4) | low));
    }
    return out;
}

void append_json_string(std::string &out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t run = 0;  // start of the current run of bytes that need no escaping
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                out += "\\u00";
                out.push_back(kHex[c >> 4]);
                out.push_back(kHex[c & 0x0F]);
        }
    }
    out.append(text.data() + run, text.size() - run);
    out.push_back('"');
}

bool is_json_number(std::string_view text) {
    std::size_t i = 0;
    if (i < text.size() && text[i] == '-') ++i;
    if (i >= text.size()) return false;
    if (text[i] == '0') {
        ++i;
    } else if (text[i] >= '1' && text[i] <= '9') {
        while (i < text.size() && is_digit(text[i])) ++i;
    } else {
        return false;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        const std::size_t start = i;
        while (i < text.size() && is_digit(text[i])) ++i;
        if (i == start) return false;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        const std::size_t start = i;
        while (i < text.size() && is_digit(text[i])) ++i;
        if (i == start) return false;
    }
    return i == text.size();
}

std::string new_uuid() {
    thread_local std::mt19937_64 generator([] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }());
    unsigned char bytes[16];
    for (int i = 0; i < 16; i += 8) {
        const std::uint64_t value = generator();
        std::memcpy(bytes + i, &value, 8);
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(kHex[bytes[i] >> 4]);
        out.push_back(kHex[bytes[i] & 0x0F]);
    }
    return out;
}

// Howard Hinnant's algorithms (http://howardhinnant.github.io/date_algorithms.html).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto year_of_era = static_cast<unsigned>(year - era * 400);
    const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

void civil_from_days(std::int64_t days, std::int64_t &year, unsigned &month, unsigned &day) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto day_of_era = static_cast<unsigned>(days - era * 146097);
    const unsigned year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const unsigned mp = (5 * day_of_year + 2) / 153;
    day = day_of_year - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0);
}

void append_date(std::string &out, std::int64_t days) {
    std::int64_t year = 0;
    unsigned month = 0, day = 0;
    civil_from_days(days, year, month, day);
    char buffer[64];
    if (year < 0 || year > 9999) {
        const int length = std::snprintf(buffer, sizeof buffer, "%+05lld-%02u-%02u",
                                         static_cast<long long>(year), month, day);
        out.append(buffer, static_cast<std::size_t>(length));
        return;
    }
    char *at = put_digits(buffer, year, 4);
    *at++ = '-';
    at = put_digits(at, month, 2);
    *at++ = '-';
    at = put_digits(at, day, 2);
    out.append(buffer, at);
}

void append_clock(std::string &out, std::int64_t seconds, std::int64_t nanos) {
    char buffer[48];
    const std::int64_t hours = seconds / 3600;
    char *at = hours < 100 ? put_digits(buffer, hours, 2) : std::to_chars(buffer, buffer + 24, hours).ptr;
    *at++ = ':';
    at = put_digits(at, seconds / 60 % 60, 2);
    *at++ = ':';
    at = put_digits(at, seconds % 60, 2);
    if (nanos > 0) {
        int digits = 9;
        while (nanos % 10 == 0) {
            nanos /= 10;
            --digits;
        }
        *at++ = '.';
        at = put_digits(at, nanos, digits);
    }
    out.append(buffer, at);
}

void append_timestamp_micros(std::string &out, std::int64_t micros) {
    std::int64_t seconds = micros / 1000000;
    std::int64_t fraction = micros % 1000000;
    if (fraction < 0) {
        fraction += 1000000;
        seconds -= 1;
    }
    std::int64_t days = seconds / 86400;
    std::int64_t second_of_day = seconds % 86400;
    if (second_of_day < 0) {
        second_of_day += 86400;
        days -= 1;
    }
    append_date(out, days);
    out.push_back('T');
    append_clock(out, second_of_day, fraction * 1000);
}

std::string format_date(std::int64_t days) {
    std::string out;
    append_date(out, days);
    return out;
}

std::string format_time_of_day(std::int64_t nanoseconds) {
    std::string out;
    append_clock(out, nanoseconds / 1000000000, nanoseconds % 1000000000);
    return out;
}

std::string format_timestamp(std::int64_t seconds, std::int64_t nanos, std::string_view suffix) {
    std::int64_t days = seconds / 86400;
    std::int64_t second_of_day = seconds % 86400;
    if (second_of_day < 0) {
        second_of_day += 86400;
        days -= 1;
    }
    std::string out;
    append_date(out, days);
    out.push_back('T');
    append_clock(out, second_of_day, nanos);
    out.append(suffix.data(), suffix.size());
    return out;
}

void append_shortest_float(std::string &out, double value, bool single) {
    if (std::isnan(value)) {
        out += "NaN";
        return;
    }
    if (std::isinf(value)) {
        out += value < 0 ? "-Infinity" : "Infinity";
        return;
    }
    char text[64];
    const std::to_chars_result written =
        single ? std::to_chars(text, text + sizeof text, static_cast<float>(value),
                               std::chars_format::scientific)
               : std::to_chars(text, text + sizeof text, value, std::chars_format::scientific);
    const std::string_view scientific(text, static_cast<std::size_t>(written.ptr - text));
    // "-d.ddde+XX": split into sign, digits and decimal exponent.
    const std::size_t e = scientific.find('e');
    const bool negative = scientific[0] == '-';
    int exponent = 0;
    std::from_chars(scientific.data() + e + (scientific[e + 1] == '+' ? 2 : 1),
                    scientific.data() + scientific.size(), exponent);
    if (exponent < -4 || exponent >= (single ? 6 : 15)) {
        out.append(scientific);  // already Postgres's form: at least two exponent digits, with sign
        return;
    }
    std::string digits;
    for (std::size_t i = negative ? 1 : 0; i < e; ++i) {
        if (scientific[i] != '.')
            digits.push_back(scientific[i]);
    }
    if (negative)
        out.push_back('-');
    append_fixed_point(out, digits, exponent);
}

std::string format_offset(std::int64_t minutes) {
    const char sign = minutes < 0 ? '-' : '+';
    const std::int64_t magnitude = minutes < 0 ? -minutes : minutes;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%c%02lld:%02lld", sign, static_cast<long long>(magnitude / 60),
                  static_cast<long long>(magnitude % 60));
    return buffer;
}

bool parse_epoch_seconds(std::string_view text, std::int64_t &seconds, std::int64_t &nanos) {
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
        negative = text[i] == '-';
        ++i;
    }
    const std::size_t whole_start = i;
    std::int64_t whole = 0;
    while (i < text.size() && is_digit(text[i])) {
        if (whole > (std::numeric_limits<std::int64_t>::max() - 9) / 10) return false;
        whole = whole * 10 + (text[i] - '0');
        ++i;
    }
    if (i == whole_start) return false;
    std::int64_t fraction = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        read_fraction(text, i, 9, fraction);
    }
    if (i != text.size()) return false;
    if (negative && fraction > 0) {
        seconds = -whole - 1;
        nanos = 1000000000 - fraction;
    } else {
        seconds = negative ? -whole : whole;
        nanos = fraction;
    }
    return true;
}

std::optional<std::int64_t> parse_date_days(std::string_view text) {
    std::size_t at = 0;
    std::int64_t days = 0;
    if (!read_date(text, at, days) || at != text.size()) return std::nullopt;
    return days;
}

std::optional<std::int64_t> parse_time_micros(std::string_view text) {
    std::size_t at = 0;
    std::int64_t micros = 0;
    if (!read_time(text, at, micros) || at != text.size()) return std::nullopt;
    return micros;
}

std::optional<std::int64_t> parse_timestamp_micros(std::string_view text) {
    std::size_t at = 0;
    std::int64_t days = 0;
    if (!read_date(text, at, days)) return std::nullopt;
    std::int64_t micros = 0;
    if (at < text.size()) {
        if (text[at] != 'T' && text[at] != 't' && text[at] != ' ') return std::nullopt;
        ++at;
        if (!read_time(text, at, micros)) return std::nullopt;
    }
    std::int64_t offset_minutes = 0;
    if (at < text.size()) {
        if (text[at] == 'Z' || text[at] == 'z') {
            ++at;
        } else if (text[at] == '+' || text[at] == '-') {
            const std::int64_t sign = text[at] == '-' ? -1 : 1;
            std::int64_t hours = 0, minutes = 0;
            if (!read_digits(text, at + 1, 2, hours)) return std::nullopt;
            at += 3;
            if (at < text.size() && text[at] == ':') ++at;
            if (at < text.size()) {
                if (!read_digits(text, at, 2, minutes)) return std::nullopt;
                at += 2;
            }
            offset_minutes = sign * (hours * 60 + minutes);
        }
    }
    if (at != text.size()) return std::nullopt;
    return days * 86400000000LL + micros - offset_minutes * 60000000LL;
}

std::optional<std::int64_t> parse_int64(std::string_view text) {
    // from_chars takes a '-' but no '+'; "+-1" stays an error.
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
        if (text.empty() || !is_digit(text.front()))
            return std::nullopt;
    }
    const char *end = text.data() + text.size();
    std::int64_t value = 0;
    const std::from_chars_result result = std::from_chars(text.data(), end, value);
    if (result.ec != std::errc() || result.ptr != end)
        return std::nullopt;
    return value;
}

std::optional<double> parse_double(std::string_view text) {
    if (text.empty() || text.size() > 400) return std::nullopt;
    if (text == "NaN" || text == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (text == "Infinity" || text == "inf" || text == "+Infinity") return std::numeric_limits<double>::infinity();
    if (text == "-Infinity" || text == "-inf") return -std::numeric_limits<double>::infinity();
    const char first = text.front();
    if (!is_digit(first) && first != '-' && first != '+' && first != '.') return std::nullopt;
    // from_chars is locale-independent (strtod would follow LC_NUMERIC) but takes no '+'.
    const char *begin = text.data() + (first == '+' ? 1 : 0);
    const char *end = text.data() + text.size();
    double value = 0;
    const std::from_chars_result result = std::from_chars(begin, end, value);
    if (result.ec != std::errc() || result.ptr != end) return std::nullopt;
    return value;
}

std::string upper_ascii(std::string_view text) {
    std::string out(text);
    for (char &c : out) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

}  // namespace airbyte_cloud::datasets
