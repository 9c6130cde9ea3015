#include "transport/retry_after.h"

#include <curl/curl.h>

#include <algorithm>
#include <string>

#include "transport/http_types.h"

namespace airbyte_cloud::transport {
namespace {

constexpr std::int64_t kMaximumMilliseconds = 24LL * 60 * 60 * 1000;

}  // namespace

std::int64_t parse_http_date(std::string_view value) {
    value = trim_header_text(value);
    if (value.empty())
        return -1;
    // curl_getdate reads the three HTTP-date forms (and more); it needs a terminated string.
    const std::string text(value);
    const time_t date = curl_getdate(text.c_str(), nullptr);
    return date == static_cast<time_t>(-1) ? -1 : static_cast<std::int64_t>(date);
}

std::int64_t parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
    value = trim_header_text(value);
    if (value.empty())
        return -1;

    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        std::int64_t seconds = 0;
        for (char c : value) {
            seconds = seconds * 10 + (c - '0');
            if (seconds * 1000 >= kMaximumMilliseconds)
                return kMaximumMilliseconds;
        }
        return seconds * 1000;
    }

    const std::int64_t date = parse_http_date(value);
    if (date < 0)
        return -1;
    const std::int64_t now_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::int64_t wait_ms = static_cast<std::int64_t>(date) * 1000 - now_ms;
    return std::clamp<std::int64_t>(wait_ms, 0, kMaximumMilliseconds);
}

}  // namespace airbyte_cloud::transport
