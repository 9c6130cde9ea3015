#include "transport/http_types.h"

#include <utility>

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

}  // namespace airbyte_cloud::transport
