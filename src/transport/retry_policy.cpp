#include "transport/retry_policy.h"

namespace airbyte_cloud::transport {

bool RetryPolicy::should_retry(AttemptOutcome outcome, Idempotency idempotency,
                               int attempts_so_far) const {
    if (attempts_so_far >= settings_.max_attempts)
        return false;
    switch (outcome) {
        case AttemptOutcome::kSuccess:
            return false;
        case AttemptOutcome::kNotSent:
            // The server never saw the request, so repeating it cannot act twice.
            return true;
        case AttemptOutcome::kRateLimited:
            // A 429 is the server refusing the request before acting on it (docs/RELIABILITY.md,
            // "Rate limits"), so it is as safe to repeat as one that never left the client.
            return true;
        case AttemptOutcome::kTransferFailed:
        case AttemptOutcome::kRetryableStatus:
        case AttemptOutcome::kServerErrorStatus:
            // The server may have acted (a 502/504 gateway may have forwarded the request), so
            // only a request that is safe to repeat is repeated.
            return idempotency == Idempotency::kIdempotent;
    }
    return false;
}

AttemptOutcome classify_http_status(long status) {
    switch (status) {
        case 429:
            return AttemptOutcome::kRateLimited;
        case 502:
        case 503:
        case 504:
            return AttemptOutcome::kRetryableStatus;
        case 500:
            return AttemptOutcome::kServerErrorStatus;
        default:
            return AttemptOutcome::kSuccess;
    }
}

}  // namespace airbyte_cloud::transport
