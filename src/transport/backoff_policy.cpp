#include "transport/backoff_policy.h"

#include <algorithm>

namespace airbyte_cloud::transport {

ExponentialBackoff::ExponentialBackoff(std::chrono::milliseconds initial,
                                       std::chrono::milliseconds maximum, double multiplier,
                                       std::uint64_t seed)
    : current_(std::max(initial, std::chrono::milliseconds(1))),
      maximum_(std::max(maximum, current_)),
      // NaN fails every comparison, so it also ends up as 1 here.
      multiplier_(multiplier >= 1.0 ? multiplier : 1.0),
      random_(seed) {}

std::chrono::milliseconds ExponentialBackoff::next_delay() {
    const std::int64_t upper = current_.count();
    // Rounding the lower bound up keeps a 1 ms delay at 1 ms instead of letting it reach zero.
    const std::int64_t lower = upper - upper / 2;
    std::uniform_int_distribution<std::int64_t> distribution(lower, upper);
    const std::chrono::milliseconds delay(distribution(random_));

    // Grow in floating point so a large multiplier cannot overflow the integer count.
    const double grown = static_cast<double>(upper) * multiplier_;
    const auto maximum = static_cast<double>(maximum_.count());
    current_ =
        grown >= maximum ? maximum_ : std::chrono::milliseconds(static_cast<std::int64_t>(grown));
    return delay;
}

}  // namespace airbyte_cloud::transport
