#include "transport/http_types.h"

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
    switch (status) {
        case 401:
            return StatusCode::kUnauthenticated;
        case 403:
            return StatusCode::kPermissionDenied;
        case 404:
            return StatusCode::kNotFound;
        case 408:
            return StatusCode::kRequestTimeout;
        case 409:
            return StatusCode::kConflict;
        case 429:
            return StatusCode::kRateLimited;
        default:
            return status >= 500 ? StatusCode::kServerError : StatusCode::kApiError;
    }
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
