#include "domain/time_format.h"

#include <cctype>
#include <cstdlib>
#include <ctime>
#include <string>

namespace airbyte_cloud::domain {
namespace {

bool read_digits(std::string_view text, std::size_t &pos, std::size_t count, int &value) {
    if (pos + count > text.size()) return false;
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        char c = text[pos + i];
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        value = value * 10 + (c - '0');
    }
    pos += count;
    return true;
}

bool expect(std::string_view text, std::size_t &pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

// Days since 1970-01-01 for a proleptic Gregorian date (no dependence on the process time zone).
std::int64_t days_from_civil(int year, int month, int day) {
    year -= month <= 2;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const int year_of_era = year - era * 400;
    const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return static_cast<std::int64_t>(era) * 146097 + day_of_era - 719468;
}

}  // namespace

std::optional<std::int64_t> parse_iso8601_timestamp(std::string_view text) {
    std::size_t pos = 0;
    int year, month, day, hour, minute, second;
    if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') ||
        !read_digits(text, pos, 2, month) || !expect(text, pos, '-') ||
        !read_digits(text, pos, 2, day)) {
        return std::nullopt;
    }
    if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) {
        return std::nullopt;
    }
    ++pos;
    if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') ||
        !read_digits(text, pos, 2, minute) || !expect(text, pos, ':') ||
        !read_digits(text, pos, 2, second)) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        std::size_t start = pos;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
        if (pos == start) return std::nullopt;
    }
    int offset_seconds = 0;
    if (pos < text.size()) {
        char c = text[pos];
        if (c == 'Z' || c == 'z') {
            ++pos;
        } else if (c == '+' || c == '-') {
            ++pos;
            int offset_hours, offset_minutes = 0;
            if (!read_digits(text, pos, 2, offset_hours)) return std::nullopt;
            if (pos < text.size() && text[pos] == ':') ++pos;
            if (pos < text.size() && !read_digits(text, pos, 2, offset_minutes)) return std::nullopt;
            offset_seconds = (offset_hours * 3600 + offset_minutes * 60) * (c == '+' ? 1 : -1);
        } else {
            return std::nullopt;
        }
    }
    if (pos != text.size()) return std::nullopt;
    return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
           offset_seconds;
}

std::optional<std::int64_t> parse_iso8601_duration_ms(std::string_view text) {
    std::size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
        negative = text[pos] == '-';
        ++pos;
    }
    if (pos >= text.size() || (text[pos] != 'P' && text[pos] != 'p')) return std::nullopt;
    ++pos;
    bool in_time = false;
    bool any_component = false;
    double total_ms = 0;
    while (pos < text.size()) {
        if (text[pos] == 'T' || text[pos] == 't') {
            if (in_time) return std::nullopt;
            in_time = true;
            ++pos;
            continue;
        }
        std::size_t start = pos;
        while (pos < text.size() &&
               (std::isdigit(static_cast<unsigned char>(text[pos])) || text[pos] == '.' ||
                text[pos] == ',')) {
            ++pos;
        }
        if (pos == start || pos >= text.size()) return std::nullopt;
        std::string number(text.substr(start, pos - start));
        for (char &c : number) {
            if (c == ',') c = '.';
        }
        char *end = nullptr;
        double value = std::strtod(number.c_str(), &end);
        if (end == nullptr || *end != '\0') return std::nullopt;
        char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos])));
        ++pos;
        double unit_ms;
        if (!in_time && unit == 'W') {
            unit_ms = 7 * 86400e3;
        } else if (!in_time && unit == 'D') {
            unit_ms = 86400e3;
        } else if (in_time && unit == 'H') {
            unit_ms = 3600e3;
        } else if (in_time && unit == 'M') {
            unit_ms = 60e3;
        } else if (in_time && unit == 'S') {
            unit_ms = 1e3;
        } else {
            return std::nullopt;  // years and months have no fixed length
        }
        total_ms += value * unit_ms;
        any_component = true;
    }
    if (!any_component) return std::nullopt;
    auto ms = static_cast<std::int64_t>(total_ms + 0.5);
    return negative ? -ms : ms;
}

std::string format_iso8601_timestamp(std::int64_t seconds) {
    std::time_t when = static_cast<std::time_t>(seconds);
    std::tm parts{};
    gmtime_r(&when, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

}  // namespace airbyte_cloud::domain
