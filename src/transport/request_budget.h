// One request budget for everything an HttpClient sends (every thread, waiter and retry of one
// workspace handle, and of every other handle of the same API root and credential: see
// shared_request_budget()): a token bucket refilled at a configurable rate, and a pause that every
// request honours after any of them received a 429, so the whole client slows down rather than
// only the call that was refused.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

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
    explicit RequestBudget(double rate_per_second = 0);

    // Another user of a shared budget asked for `rate_per_second`: the lowest cap asked for wins
    // (the server's limit is per credential, so the most careful user's setting protects all).
    void limit_rate(double rate_per_second);

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
    // `logger` (the receiving client's) says so at debug level.
    void on_rate_limited(std::int64_t retry_after_ms, Clock::time_point now,
                         const Logger &logger = {});
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
};

// The budget of every client in this process with the same `api_root` and `credential` (an API
// key, or a client id): made with `rate_per_second` by the first one, and kept as long as one of
// them holds it. The registry's key is a salted hash of the credential, never the credential.
// The debug log (`logger`) says when a budget is shared and at which rate.
std::shared_ptr<RequestBudget> shared_request_budget(const std::string &api_root,
                                                     const std::string &credential,
                                                     double rate_per_second, const Logger &logger);

}  // namespace airbyte_cloud::transport
