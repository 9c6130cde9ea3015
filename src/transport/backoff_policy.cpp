#include "transport/backoff_policy.h"

#include <algorithm>

namespace airbyte_cloud::transport {

namespace {

// One generator per thread, seeded from the system once: jitter needs to differ between clients
// and threads, not to be cryptographic.
std::mt19937_64 &thread_random() {
    thread_local std::mt19937_64 random{std::random_device{}()};
    return random;
}

}  // namespace

ExponentialBackoff::ExponentialBackoff(std::chrono::milliseconds initial,
                                       std::chrono::milliseconds maximum, double multiplier)
    : current_(std::max(initial, std::chrono::milliseconds(1))),
      maximum_(std::max(maximum, current_)),
      // NaN fails every comparison, so it also ends up as 1 here.
      multiplier_(multiplier >= 1.0 ? multiplier : 1.0) {}

ExponentialBackoff::ExponentialBackoff(std::chrono::milliseconds initial,
                                       std::chrono::milliseconds maximum, double multiplier,
                                       std::uint64_t seed)
    : ExponentialBackoff(initial, maximum, multiplier) {
    seed_ = seed;
}

std::chrono::milliseconds ExponentialBackoff::next_delay() {
    const std::int64_t upper = current_.count();
    // Rounding the lower bound up keeps a 1 ms delay at 1 ms instead of letting it reach zero.
    const std::int64_t lower = upper - upper / 2;
    std::uniform_int_distribution<std::int64_t> distribution(lower, upper);
    if (seed_ && !own_random_) own_random_.emplace(*seed_);
    std::mt19937_64 &random = own_random_ ? *own_random_ : thread_random();
    const std::chrono::milliseconds delay(distribution(random));

    // Grow in floating point so a large multiplier cannot overflow the integer count.
    const double grown = static_cast<double>(upper) * multiplier_;
    const auto maximum = static_cast<double>(maximum_.count());
    current_ =
        grown >= maximum ? maximum_ : std::chrono::milliseconds(static_cast<std::int64_t>(grown));
    return delay;
}

}  // namespace airbyte_cloud::transport
