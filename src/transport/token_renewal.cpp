#include "transport/token_renewal.h"

#include <algorithm>

namespace airbyte_cloud::transport {
namespace {

using Clock = std::chrono::steady_clock;

// A lifetime beyond this is treated as unlimited, which also keeps the additions below from
// overflowing the clock's representation.
constexpr std::chrono::seconds kLongestLifetime{10LL * 365 * 24 * 60 * 60};

}  // namespace

Clock::time_point token_renewal_time(Clock::time_point issued,
                                     std::optional<std::chrono::seconds> lifetime) {
    if (!lifetime || *lifetime >= kLongestLifetime)
        return Clock::time_point::max();
    const std::chrono::milliseconds life = std::max(*lifetime, std::chrono::seconds(0));
    const std::chrono::milliseconds margin =
        std::min<std::chrono::milliseconds>(std::chrono::seconds(60), life / 4);
    return issued + (life - margin);
}

Clock::time_point token_expiry_time(Clock::time_point issued,
                                    std::optional<std::chrono::seconds> lifetime) {
    if (!lifetime || *lifetime >= kLongestLifetime)
        return Clock::time_point::max();
    return issued + std::max(*lifetime, std::chrono::seconds(0));
}

bool token_needs_renewal(bool have_token, Clock::time_point renew_at, Clock::time_point now) {
    return !have_token || now >= renew_at;
}

}  // namespace airbyte_cloud::transport
