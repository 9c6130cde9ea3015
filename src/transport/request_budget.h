// One request budget for everything an HttpClient sends (every thread, waiter and retry of one
// workspace handle): a token bucket refilled at a configurable rate, and a pause that every
// request honours after any of them received a 429, so the whole client slows down rather than
// only the call that was refused.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

#include "base/log.h"

namespace airbyte_cloud::transport {

class RequestBudget {
  public:
    using Clock = std::chrono::steady_clock;

    // Without Retry-After, a 429 pauses the client this long.
    static constexpr std::chrono::milliseconds kDefaultPause{1000};
    static constexpr double kBackOff = 0.7;

    struct State {
        double rate_per_second = 0;     // 0: no limit but the 429 pauses
        double tokens = 0;              // requests that may go now (negative: reserved ahead)
        std::int64_t paused_ms = 0;     // left of the pause a 429 started
        std::int64_t granted = 0;       // requests let through so far
        std::int64_t rate_limited = 0;  // 429s received
        std::int64_t delayed_ms = 0;    // total wait imposed on requests
    };

    // `rate_per_second` <= 0: unlimited. A full bucket holds a tenth of a second of requests (at
    // least one), so no wall-clock second sees much more than the rate: servers count that way.
    explicit RequestBudget(double rate_per_second = 0, Logger logger = {});

    // Takes one request from the budget and says how long its sender must wait before sending.
    std::chrono::milliseconds reserve(Clock::time_point now);
    // The same, noting in `epoch` how many 429s had arrived, for recheck().
    std::chrono::milliseconds reserve(Clock::time_point now, std::int64_t &epoch);
    // Called once a reserved wait has passed: a 429 that arrived meanwhile voids the place (it was
    // paced for a limit the server just refused), so a new one is taken and its wait returned;
    // otherwise 0 and the request goes. Without this, requests queued before a 429 would all go
    // out at the old pace the moment their waits ended, each earning another 429.
    std::chrono::milliseconds recheck(std::int64_t &epoch, Clock::time_point now);
    // A 429 arrived: no request of this client goes before `retry_after` (< 0: kDefaultPause),
    // and a capped budget slows to kBackOff of its pace (never below a tenth of the rate). The
    // pace so reached is a ceiling: the server refused something above it, so the pace comes back
    // to it at once but passes it only slowly (the ceiling rises by a thousandth of the rate per
    // request granted), probing for a higher limit without a 429 storm.
    void on_rate_limited(std::int64_t retry_after_ms, Clock::time_point now);
    State state(Clock::time_point now) const;

  private:
    void refill(Clock::time_point now) const;

    mutable std::mutex mutex_;
    double rate_;
    std::chrono::milliseconds reserve_locked(Clock::time_point now, std::int64_t &epoch);

    double pace_;     // the rate in force: rate_, or less after a 429
    double ceiling_;  // the pace the last 429s allow: rate_ until one arrives
    double capacity_;
    mutable double tokens_;
    mutable Clock::time_point refilled_at_;
    Clock::time_point paused_until_;
    std::int64_t granted_ = 0;
    std::int64_t rate_limited_ = 0;
    std::int64_t delayed_ms_ = 0;
    Logger logger_;
};

}  // namespace airbyte_cloud::transport
