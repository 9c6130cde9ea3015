// When a cached access token is renewed. Kept apart from ClientCredentials so the timing is
// testable without a token server. Internal to the transport.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace airbyte_cloud::transport {

// The moment to renew a token issued at `issued` that lives `lifetime`: once less than
// min(60 s, lifetime / 4) remains, so a request started just before renewal still carries a
// token that is valid when the server checks it. Without a known lifetime (no expires_in) the
// token is kept until the server rejects it: time_point::max().
std::chrono::steady_clock::time_point token_renewal_time(
    std::chrono::steady_clock::time_point issued, std::optional<std::chrono::seconds> lifetime);

// When the token stops being valid at all (time_point::max() without a known lifetime).
std::chrono::steady_clock::time_point token_expiry_time(
    std::chrono::steady_clock::time_point issued, std::optional<std::chrono::seconds> lifetime);

// Whether a cached token must be renewed before it is used at `now`.
bool token_needs_renewal(bool have_token, std::chrono::steady_clock::time_point renew_at,
                         std::chrono::steady_clock::time_point now);

}  // namespace airbyte_cloud::transport
