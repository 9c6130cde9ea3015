// Which failures are worth another attempt, and how many attempts and how much time in total.
#pragma once

#include <chrono>

#include "transport/http_types.h"

namespace airbyte_cloud::transport {

// What one attempt produced, reduced to what the retry decision needs.
enum class AttemptOutcome {
    kSuccess,            // a response that is not retryable (2xx, 4xx other than 429, ...)
    kNotSent,            // DNS or connect failure: the server never saw the request
    kTransferFailed,     // sent, then the connection broke or timed out: the server may have acted
    kRetryableStatus,    // 502, 503, 504: retried for idempotent requests only
    kServerErrorStatus,  // 500: retried for idempotent requests only
    kRateLimited,        // 429: refused before acting, so retried for every request
};

struct RetrySettings {
    int max_attempts = 4;  // 1 = no retry
    std::chrono::milliseconds initial_backoff{250};
    std::chrono::milliseconds max_backoff{10000};
    double backoff_multiplier = 2.0;
    std::chrono::milliseconds deadline{60000};  // total time for all attempts of one call
};

class RetryPolicy {
  public:
    explicit RetryPolicy(RetrySettings settings) : settings_(settings) {}

    // May attempt number `attempts_so_far + 1` be made after `outcome`?
    bool should_retry(AttemptOutcome outcome, Idempotency idempotency, int attempts_so_far) const;

    const RetrySettings &settings() const { return settings_; }

  private:
    RetrySettings settings_;
};

// Classifies an HTTP status into an outcome.
AttemptOutcome classify_http_status(long status);

}  // namespace airbyte_cloud::transport
