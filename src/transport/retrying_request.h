// The life of one request across its attempts: retry decisions, backoff and Retry-After, the
// total deadline, the one extra attempt after a 401, and the final result. The caller performs
// the attempts (one after another in send(), interleaved with others in send_all()).
// Internal to the transport.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "base/log.h"
#include "base/status.h"
#include "transport/backoff_policy.h"
#include "transport/credentials.h"
#include "transport/http_client.h"
#include "transport/http_types.h"
#include "transport/retry_policy.h"
#include "transport/transfer.h"

namespace airbyte_cloud::transport {

// "GET http://host/path", with any user:password@ in the URL masked. For logs and messages.
std::string describe_request(const HttpRequest &request);

class RetryingRequest {
  public:
    using Clock = std::chrono::steady_clock;

    struct Next {
        enum class Action { kFinished, kRetryNow, kRetryAfterDelay };
        Action action = Action::kFinished;
        std::chrono::milliseconds delay{0};
    };

    // `credentials` may be null. The deadline clock starts at `start`.
    RetryingRequest(const HttpRequest &request, const HttpSettings &settings, const Logger &logger,
                    CredentialsProvider *credentials, Clock::time_point start);

    // The time limit for the next attempt: the request timeout, or the time left before the
    // deadline when that is shorter.
    std::chrono::milliseconds attempt_timeout(Clock::time_point now) const;

    // Digests one attempt that was sent with `token` ("" when unauthenticated) and says what to
    // do next. On kFinished, take_result() holds the outcome.
    Next after_attempt(TransferResult result, const std::string &token, Clock::time_point now);

    // Ends the request with `status` (no token, no curl handle, ...).
    void finish_with_error(Status status);

    bool finished() const { return result_.has_value(); }
    StatusOr<HttpResponse> take_result();
    const HttpRequest &request() const { return request_; }

  private:
    void finish_with(TransferResult &&result);
    Status failure_status(const TransferResult &result) const;

    const HttpRequest &request_;
    const HttpSettings &settings_;
    const Logger &logger_;
    CredentialsProvider *credentials_;
    RetryPolicy policy_;
    ExponentialBackoff backoff_;
    Clock::time_point start_;
    std::optional<Clock::time_point> deadline_;  // none when the settings disable it
    int sends_ = 0;             // every request that went out, for HttpResponse::attempts
    int counted_attempts_ = 0;  // what the retry policy counts: not the resend after a 401
    bool resent_after_unauthorized_ = false;
    std::optional<StatusOr<HttpResponse>> result_;
};

}  // namespace airbyte_cloud::transport
