#include "text.h"

#include <array>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>

namespace emulator {

namespace {

std::mt19937_64 &random_engine() {
    thread_local std::mt19937_64 engine([] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }());
    return engine;
}

const char hex_digits[] = "0123456789abcdef";

uint64_t fnv1a(std::string_view text, uint64_t hash = 1469598103934665603ull) {
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

std::string format_uuid(const std::array<uint8_t, 16> &bytes) {
    std::string out;
    out.reserve(36);
    for (size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(hex_digits[bytes[i] >> 4]);
        out.push_back(hex_digits[bytes[i] & 15]);
    }
    return out;
}

// Days from civil date (proleptic Gregorian), Howard Hinnant's algorithm; avoids timegm/TZ.
int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
    year -= month <= 2;
    const int64_t era = (year >= 0 ? year : year - 399) / 400;
    const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
    const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + static_cast<int64_t>(day_of_era) - 719468;
}

struct CivilTime {
    int64_t year;
    unsigned month, day, hour, minute, second;
};

CivilTime civil_from_seconds(int64_t epoch_seconds) {
    int64_t days = epoch_seconds / 86400;
    int64_t rest = epoch_seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        days -= 1;
    }
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned day_of_era = static_cast<unsigned>(days - era * 146097);
    const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const unsigned mp = (5 * day_of_year + 2) / 153;
    CivilTime t{};
    t.day = day_of_year - (153 * mp + 2) / 5 + 1;
    t.month = mp < 10 ? mp + 3 : mp - 9;
    t.year = static_cast<int64_t>(year_of_era) + era * 400 + (t.month <= 2);
    t.hour = static_cast<unsigned>(rest / 3600);
    t.minute = static_cast<unsigned>((rest % 3600) / 60);
    t.second = static_cast<unsigned>(rest % 60);
    return t;
}

bool read_digits(std::string_view text, size_t &pos, size_t count, unsigned &out) {
    if (pos + count > text.size()) return false;
    unsigned value = 0;
    for (size_t i = 0; i < count; ++i) {
        char c = text[pos + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    pos += count;
    out = value;
    return true;
}

// The UUID of 128 bits (high then low, big-endian) with its version nibble and RFC 4122 variant
// set.
std::string uuid_from_bits(uint64_t high, uint64_t low, unsigned version) {
    std::array<uint8_t, 16> bytes{};
    for (size_t i = 0; i < 8; ++i) {
        bytes[i] = static_cast<uint8_t>(high >> (56 - 8 * i));
        bytes[8 + i] = static_cast<uint8_t>(low >> (56 - 8 * i));
    }
    bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | (version << 4));
    bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);
    return format_uuid(bytes);
}

}  // namespace

std::string new_uuid() {
    const uint64_t high = random_engine()();
    const uint64_t low = random_engine()();
    return uuid_from_bits(high, low, 4);
}

std::string name_based_uuid(std::string_view name_space, std::string_view name) {
    const uint64_t high = fnv1a(name, fnv1a(name_space));
    const uint64_t low = fnv1a(name_space, fnv1a(name, 0x9e3779b97f4a7c15ull));
    return uuid_from_bits(high, low, 5);
}

std::string random_hex(size_t bytes) {
    std::string out;
    out.reserve(bytes * 2);
    for (size_t i = 0; i < bytes; i += 8) {
        uint64_t value = random_engine()();
        for (size_t j = 0; j < 8 && i + j < bytes; ++j) {
            uint8_t byte = static_cast<uint8_t>(value >> (8 * j));
            out.push_back(hex_digits[byte >> 4]);
            out.push_back(hex_digits[byte & 15]);
        }
    }
    return out;
}

bool is_uuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!std::isxdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

std::string to_lower(std::string_view text) {
    std::string out(text);
    for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string base64url(std::string_view bytes) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    size_t i = 0;
    while (i + 2 < bytes.size()) {
        uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                     static_cast<uint8_t>(bytes[i + 2]);
        out.push_back(alphabet[(v >> 18) & 63]);
        out.push_back(alphabet[(v >> 12) & 63]);
        out.push_back(alphabet[(v >> 6) & 63]);
        out.push_back(alphabet[v & 63]);
        i += 3;
    }
    size_t rest = bytes.size() - i;
    if (rest == 1) {
        uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
        out.push_back(alphabet[(v >> 18) & 63]);
        out.push_back(alphabet[(v >> 12) & 63]);
    } else if (rest == 2) {
        uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8);
        out.push_back(alphabet[(v >> 18) & 63]);
        out.push_back(alphabet[(v >> 12) & 63]);
        out.push_back(alphabet[(v >> 6) & 63]);
    }
    return out;
}

namespace {
std::atomic<int64_t> clock_offset{0};
}

int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() +
           clock_offset.load();
}

void set_clock_offset_ms(int64_t offset_ms) {
    clock_offset.store(offset_ms);
}

int64_t clock_offset_ms() {
    return clock_offset.load();
}

std::string http_date(int64_t epoch_ms) {
    static const char *const kDays[] = {"Thu", "Fri", "Sat", "Sun",
                                        "Mon", "Tue", "Wed"};  // 1970-01-01: Thursday
    static const char *const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int64_t seconds = epoch_ms >= 0 ? epoch_ms / 1000 : -((-epoch_ms + 999) / 1000);
    const int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    CivilTime t = civil_from_seconds(seconds);
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04lld %02u:%02u:%02u GMT",
                  kDays[((days % 7) + 7) % 7], t.day, kMonths[(t.month - 1) % 12],
                  static_cast<long long>(t.year), t.hour, t.minute, t.second);
    return buffer;
}

std::string iso8601_seconds(int64_t epoch_ms) {
    int64_t seconds = epoch_ms >= 0 ? epoch_ms / 1000 : -((-epoch_ms + 999) / 1000);
    CivilTime t = civil_from_seconds(seconds);
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(t.year), t.month,
                  t.day, t.hour, t.minute, t.second);
    return buffer;
}

std::string iso8601_faker(int64_t epoch_seconds) {
    CivilTime t = civil_from_seconds(epoch_seconds);
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02u:%02u:%02u+00:00", static_cast<long long>(t.year),
                  t.month, t.day, t.hour, t.minute, t.second);
    return buffer;
}

std::optional<int64_t> parse_date_time_ms(std::string_view text) {
    if (text.empty()) return std::nullopt;
    bool all_digits = true;
    for (char c : text) all_digits = all_digits && c >= '0' && c <= '9';
    if (all_digits) return parse_int64(text);

    size_t pos = 0;
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_digits(text, pos, 4, year) || pos >= text.size() || text[pos++] != '-') return std::nullopt;
    if (!read_digits(text, pos, 2, month) || pos >= text.size() || text[pos++] != '-') return std::nullopt;
    if (!read_digits(text, pos, 2, day)) return std::nullopt;
    if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) return std::nullopt;
    ++pos;
    if (!read_digits(text, pos, 2, hour) || pos >= text.size() || text[pos++] != ':') return std::nullopt;
    if (!read_digits(text, pos, 2, minute)) return std::nullopt;
    if (pos < text.size() && text[pos] == ':') {
        ++pos;
        if (!read_digits(text, pos, 2, second)) return std::nullopt;
    }
    int64_t milliseconds = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int64_t scale = 100;
        size_t digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            milliseconds += (text[pos] - '0') * scale;
            scale /= 10;
            ++pos;
            ++digits;
        }
        if (digits == 0) return std::nullopt;
    }
    int64_t offset_seconds = 0;
    if (pos >= text.size()) return std::nullopt;
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        unsigned offset_hours = 0, offset_minutes = 0;
        if (!read_digits(text, pos, 2, offset_hours)) return std::nullopt;
        if (pos < text.size() && text[pos] == ':') ++pos;
        if (!read_digits(text, pos, 2, offset_minutes)) return std::nullopt;
        offset_seconds = sign * static_cast<int64_t>(offset_hours * 3600 + offset_minutes * 60);
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    int64_t days = days_from_civil(year, month, day);
    int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
    return seconds * 1000 + milliseconds;
}

std::string iso8601_duration(int64_t milliseconds) {
    if (milliseconds < 0) milliseconds = 0;
    int64_t hours = milliseconds / 3600000;
    int64_t minutes = (milliseconds / 60000) % 60;
    int64_t seconds = (milliseconds / 1000) % 60;
    int64_t fraction = milliseconds % 1000;
    std::string out = "PT";
    if (hours) out += std::to_string(hours) + "H";
    if (minutes) out += std::to_string(minutes) + "M";
    if (seconds || fraction || (!hours && !minutes)) {
        out += std::to_string(seconds);
        if (fraction) {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, ".%03lld", static_cast<long long>(fraction));
            std::string digits(buffer);
            while (digits.back() == '0') digits.pop_back();
            out += digits;
        }
        out += "S";
    }
    return out;
}

bool glob_match(std::string_view pattern, std::string_view text) {
    size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            parts.emplace_back(text.substr(start));
            return parts;
        }
        parts.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
}

std::optional<int64_t> parse_int64(std::string_view text) {
    if (text.empty() || text.size() > 19) return std::nullopt;
    size_t pos = 0;
    bool negative = false;
    if (text[0] == '-') {
        negative = true;
        pos = 1;
        if (text.size() == 1) return std::nullopt;
    }
    int64_t value = 0;
    for (; pos < text.size(); ++pos) {
        char c = text[pos];
        if (c < '0' || c > '9') return std::nullopt;
        if (value > (INT64_MAX - (c - '0')) / 10) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
}

std::string url_encode(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back("0123456789ABCDEF"[c >> 4]);
            out.push_back("0123456789ABCDEF"[c & 15]);
        }
    }
    return out;
}

std::string url_decode(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
                   std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace emulator
