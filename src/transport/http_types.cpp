#include "transport/http_types.h"

#include <cstdio>
#include <utility>

#include "base/message.h"
#include "transport/url.h"

namespace airbyte_cloud::transport {

const char *http_method_name(HttpMethod method) {
    switch (method) {
        case HttpMethod::kGet:
            return "GET";
        case HttpMethod::kPost:
            return "POST";
        case HttpMethod::kPatch:
            return "PATCH";
        case HttpMethod::kPut:
            return "PUT";
        case HttpMethod::kDelete:
            return "DELETE";
    }
    return "GET";
}

StatusCode status_code_for_http_status(long status) {
    static constexpr std::pair<long, StatusCode> kMapped[] = {
        {401, StatusCode::kUnauthenticated}, {403, StatusCode::kPermissionDenied},
        {404, StatusCode::kNotFound},        {408, StatusCode::kRequestTimeout},
        {409, StatusCode::kConflict},        {429, StatusCode::kRateLimited},
    };
    for (const auto &[http, code] : kMapped) {
        if (status == http)
            return code;
    }
    return status >= 500 ? StatusCode::kServerError : StatusCode::kApiError;
}

std::string_view trim_header_text(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                             text.back() == '\n')) {
        text.remove_suffix(1);
    }
    return text;
}

std::string attempts_and_time(int attempts, std::chrono::milliseconds elapsed) {
    if (attempts <= 1)
        return "";
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(elapsed.count()) / 1000.0);
    return " (after " + std::to_string(attempts) + " attempts in " + seconds + " s)";
}

std::string response_circumstances(const HttpResponse &response) {
    std::string text;
    if (response.status >= 300 && response.status < 400) {
        text = response.location.empty()
                   ? " (a redirect without a Location; redirects are not followed)"
                   : " (redirected to " +
                         printable_value(mask_url_user_information(response.location)) +
                         "; redirects are not followed)";
    }
    return text + attempts_and_time(response.attempts, response.elapsed);
}

}  // namespace airbyte_cloud::transport
