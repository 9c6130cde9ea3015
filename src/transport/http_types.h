// Plain values that cross the transport boundary: what to send, what came back.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace airbyte_cloud::transport {

enum class HttpMethod { kGet, kPost, kPatch, kPut, kDelete };

const char *http_method_name(HttpMethod method);

// What an unsuccessful HTTP status means as a StatusCode, before any API-specific refinement
// (the Airbyte API's 409 "try again later", say). The one mapping every client of a REST API here
// shares: 401 unauthenticated, 403 denied, 404 not found, 408 timeout, 409 conflict, 429 rate
// limited, 5xx server error, any other 4xx an API error.
StatusCode status_code_for_http_status(long status);

// A header line's part without leading blanks and trailing blanks or line ends.
std::string_view trim_header_text(std::string_view text);

// Whether repeating a request can change the outcome on the server. The retry policy may repeat
// an idempotent request after any retryable failure, but a non-idempotent one (POST /jobs) only
// when the request provably never reached the server (connect failure, DNS failure).
enum class Idempotency { kIdempotent, kNonIdempotent };

struct HttpRequest {
    HttpMethod method = HttpMethod::kGet;
    std::string url;   // absolute; path segments already escaped by the caller (see url.h)
    std::string body;  // sent as-is when non-empty (or always for POST/PUT/PATCH)
    std::string content_type = "application/json";
    Idempotency idempotency = Idempotency::kIdempotent;
    bool authenticated = true;  // attach "Authorization: Bearer <token>" from the credentials
    // Extra request headers as (name, value); a line break in either is refused.
    std::vector<std::pair<std::string, std::string>> headers;
    // Ask for a compressed response (Accept-Encoding with every encoding libcurl can decode).
    bool accept_compressed = false;
    // When set, a 2xx response body is handed to this function piece by piece as it arrives
    // instead of being kept (so max_response_bytes does not apply to it; error bodies are still
    // kept and limited). Returning false aborts the transfer. A failure after any of the body
    // reached the sink is final: a retry would hand the sink the same bytes twice.
    std::function<bool(const char *data, std::size_t size)> body_sink;
    // When positive: all attempts of this request end within it, if that is sooner than the
    // settings' retry deadline (attempt timeouts are clamped to it as to that deadline).
    std::chrono::milliseconds deadline{0};
};

struct HttpResponse {
    long status = 0;
    std::string body;
    std::string content_type;
    // Parsed Retry-After (seconds or HTTP-date) in milliseconds; -1 when the header was absent.
    std::int64_t retry_after_ms = -1;
    // The Date header (the server's clock), Unix seconds; 0 when absent or unreadable.
    std::int64_t server_date = 0;
    int attempts = 1;  // how many times the request was sent, for logging and tests
    std::chrono::milliseconds elapsed{0};  // from the first attempt to the end of the last
    std::string location;  // the Location header of a 3xx (redirects are never followed)
};

// What a failure message adds about how the response came: " (redirected to <Location>, not
// followed)" for a 3xx, " (after N attempts in X.Y s)" when it was retried. Used by every
// builder of an HTTP error message, so retry exhaustion always says what was tried.
std::string response_circumstances(const HttpResponse &response);

// " (after N attempts in X.Y s)", or "" for a single attempt.
std::string attempts_and_time(int attempts, std::chrono::milliseconds elapsed);

}  // namespace airbyte_cloud::transport
