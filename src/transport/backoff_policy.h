// How long to wait before the next attempt: exponential growth with full jitter, capped.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace airbyte_cloud::transport {

class ExponentialBackoff {
public:
    // initial > 0, maximum >= initial, multiplier >= 1. Without a seed the jitter comes from a
    // per-thread generator seeded once, and only when a delay is first asked for: one backoff is
    // made per request, and almost no request retries, so seeding must cost nothing up front
    // (a std::random_device per request was the largest cost of a call).
    ExponentialBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds maximum,
                       double multiplier);
    // A fixed seed, for tests that need repeatable jitter.
    ExponentialBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds maximum,
                       double multiplier, std::uint64_t seed);

    // The delay before the next attempt: uniform in [current/2, current] ("equal jitter", so a
    // delay is never near zero), then current = min(current * multiplier, maximum).
    std::chrono::milliseconds next_delay();

    // Without jitter: what the cap currently is (for tests and logs).
    std::chrono::milliseconds current() const { return current_; }

private:
    std::chrono::milliseconds current_;
    std::chrono::milliseconds maximum_;
    double multiplier_;
    std::optional<std::uint64_t> seed_;  // set: this backoff's own generator, made on first use
    std::optional<std::mt19937_64> own_random_;
};

}  // namespace airbyte_cloud::transport
