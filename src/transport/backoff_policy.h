// How long to wait before the next attempt: exponential growth with full jitter, capped.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace airbyte_cloud::transport {

class ExponentialBackoff {
public:
    // initial > 0, maximum >= initial, multiplier >= 1.
    ExponentialBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds maximum,
                       double multiplier, std::uint64_t seed = std::random_device{}());

    // The delay before the next attempt: uniform in [current/2, current] ("equal jitter", so a
    // delay is never near zero), then current = min(current * multiplier, maximum).
    std::chrono::milliseconds next_delay();

    // Without jitter: what the cap currently is (for tests and logs).
    std::chrono::milliseconds current() const { return current_; }

private:
    std::chrono::milliseconds current_;
    std::chrono::milliseconds maximum_;
    double multiplier_;
    std::mt19937_64 random_;
};

}  // namespace airbyte_cloud::transport
