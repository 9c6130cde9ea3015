#include "transport/retrying_request.h"

#include <algorithm>

#include "transport/retry_after.h"
#include "transport/url.h"

namespace airbyte_cloud::transport {
namespace {

using std::chrono::milliseconds;

// A request libcurl refused before sending anything: a malformed or oversized URL is the
// caller's (invalid argument), anything else a bug or a broken build (internal), never a
// transport failure, since no server was involved.
std::optional<Status> locally_refused(const TransferResult &result, const std::string &url,
                                      const std::string &what) {
    constexpr std::size_t kLongestSensibleUrl = 64 * 1024;
    switch (result.code) {
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL:
            return InvalidArgument(what + "libcurl refused the URL (" + result.curl_error + ")");
        case CURLE_OUT_OF_MEMORY:
        case CURLE_BAD_FUNCTION_ARGUMENT:
            if (url.size() > kLongestSensibleUrl) {
                return InvalidArgument(what + "the URL is " + std::to_string(url.size()) +
                                       " bytes long, more than libcurl accepts (" +
                                       result.curl_error + ")");
            }
            return InternalError(what + "libcurl refused the request before sending it (" +
                                 result.curl_error + ")");
        case CURLE_FAILED_INIT:
        case CURLE_NOT_BUILT_IN:
        case CURLE_UNKNOWN_OPTION:
            return InternalError(what + "libcurl refused the request before sending it (" +
                                 result.curl_error + ")");
        default:
            return std::nullopt;
    }
}

}  // namespace

std::string describe_request(const HttpRequest &request) {
    return std::string(http_method_name(request.method)) + " " +
           mask_url_user_information(request.url);
}

RetryingRequest::RetryingRequest(const HttpRequest &request, const HttpSettings &settings,
                                 const Logger &logger, CredentialsProvider *credentials,
                                 Clock::time_point start)
    : request_(request),
      settings_(settings),
      logger_(logger),
      credentials_(credentials),
      policy_(settings.retry),
      backoff_(settings.retry.initial_backoff, settings.retry.max_backoff,
               settings.retry.backoff_multiplier),
      start_(start) {
    if (settings.retry.deadline.count() > 0)
        deadline_ = start + settings.retry.deadline;
    // A caller's tighter bound for this one request (a best-effort lookup, say).
    if (request.deadline.count() > 0 && (!deadline_ || start + request.deadline < *deadline_))
        deadline_ = start + request.deadline;
}

milliseconds RetryingRequest::attempt_timeout(Clock::time_point now) const {
    milliseconds timeout = std::max(settings_.request_timeout, milliseconds(1));
    if (deadline_) {
        const auto left = std::chrono::duration_cast<milliseconds>(*deadline_ - now);
        timeout = std::clamp(left, milliseconds(1), timeout);
    }
    return timeout;
}

RetryingRequest::Next RetryingRequest::after_attempt(TransferResult result,
                                                     const std::string &token,
                                                     Clock::time_point now) {
    ++sends_;
    if (logger_.enabled(LogLevel::kDebug)) {
        const std::string outcome = result.code == CURLE_OK ? std::to_string(result.http_status)
                                                            : "failed: " + result.curl_error;
        logger_.log(LogLevel::kDebug, describe_request(request_) + " -> " + outcome + " in " +
                                          std::to_string(result.elapsed.count()) + " ms");
    }

    // A rejected token is renewed and the request sent once more, outside the retry budget:
    // an expired token is routine, not a failure of the server.
    if (result.code == CURLE_OK && result.http_status == 401 && request_.authenticated &&
        credentials_ != nullptr && !resent_after_unauthorized_ && credentials_->invalidate(token)) {
        resent_after_unauthorized_ = true;
        logger_.log(LogLevel::kInfo, describe_request(request_) +
                                         " was rejected with 401; renewing the access token and "
                                         "sending it once more");
        return Next{Next::Action::kRetryNow, milliseconds(0)};
    }

    ++counted_attempts_;
    const AttemptOutcome outcome = classify_transfer(result);
    if (is_permanent_failure(result) ||
        !policy_.should_retry(outcome, request_.idempotency, counted_attempts_)) {
        finish_with(std::move(result));
        return Next{};
    }

    milliseconds delay = backoff_.next_delay();
    if (result.code == CURLE_OK) {
        const std::int64_t retry_after =
            parse_retry_after(result.retry_after, std::chrono::system_clock::now());
        if (retry_after > delay.count())
            delay = milliseconds(retry_after);
    }
    // Waiting past the deadline would only end in a timeout: hand back what we have instead.
    if (deadline_ && now + delay >= *deadline_) {
        logger_.log(LogLevel::kDebug, "not retrying " + describe_request(request_) + ": waiting " +
                                          std::to_string(delay.count()) + " ms would pass the " +
                                          std::to_string(settings_.retry.deadline.count()) +
                                          " ms deadline");
        finish_with(std::move(result));
        return Next{};
    }

    if (logger_.enabled(LogLevel::kWarning)) {
        const std::string cause =
            result.code == CURLE_OK ? std::to_string(result.http_status) : result.curl_error;
        logger_.log(LogLevel::kWarning, "retrying " + describe_request(request_) + " after " +
                                            cause + " (attempt " +
                                            std::to_string(counted_attempts_ + 1) + " of " +
                                            std::to_string(settings_.retry.max_attempts) +
                                            ", waiting " + std::to_string(delay.count()) + " ms)");
    }
    return Next{Next::Action::kRetryAfterDelay, delay};
}

void RetryingRequest::finish_with_error(Status status) {
    result_.emplace(std::move(status));
}

StatusOr<HttpResponse> RetryingRequest::take_result() {
    if (!result_)
        return InternalError(describe_request(request_) + ": no result");
    return std::move(*result_);
}

void RetryingRequest::finish_with(TransferResult &&result) {
    if (result.code != CURLE_OK) {
        result_.emplace(failure_status(result));
        return;
    }
    HttpResponse response;
    response.status = result.http_status;
    response.body = std::move(result.body);
    response.content_type = std::move(result.content_type);
    response.retry_after_ms =
        parse_retry_after(result.retry_after, std::chrono::system_clock::now());
    response.server_date = std::max<std::int64_t>(0, parse_http_date(result.date));
    response.attempts = sends_;
    response.location = std::move(result.location);
    response.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start_);
    result_.emplace(std::move(response));
}

Status RetryingRequest::failure_status(const TransferResult &result) const {
    const std::string what = describe_request(request_) + ": ";
    const std::string tried =
        attempts_and_time(sends_, std::chrono::duration_cast<milliseconds>(Clock::now() - start_));
    if (result.out_of_memory) {
        return Status(StatusCode::kOutOfMemory, what + "out of memory while reading the response");
    }
    if (result.sink_stopped) {
        return Status(StatusCode::kCancelled, what + "stopped by the reader of the response");
    }
    if (result.body_too_large) {
        return ProtocolError(what + "response body exceeds " +
                             std::to_string(settings_.max_response_bytes) + " bytes");
    }
    if (result.code == CURLE_OPERATION_TIMEDOUT) {
        ErrorDetail detail;
        std::string message;
        const bool shortened_by_deadline = result.timeout < settings_.request_timeout;
        if (!result.request_started && settings_.connect_timeout <= result.timeout) {
            detail.timeout_ms = settings_.connect_timeout.count();
            message =
                what + "could not connect within " + std::to_string(detail.timeout_ms) + " ms";
        } else if (shortened_by_deadline) {
            detail.timeout_ms = settings_.retry.deadline.count();
            message = what + "no response before the " + std::to_string(detail.timeout_ms) +
                      " ms retry deadline";
        } else {
            detail.timeout_ms = result.timeout.count();
            message = what + "no response within " + std::to_string(detail.timeout_ms) + " ms";
        }
        detail.outcome_unknown = result.request_started;
        return Status(StatusCode::kRequestTimeout, message + " (" + result.curl_error + ")" + tried,
                      std::move(detail));
    }
    if (std::optional<Status> refused = locally_refused(result, request_.url, what))
        return std::move(*refused);
    ErrorDetail detail;
    detail.outcome_unknown = result.request_started;
    return Status(StatusCode::kTransport, what + result.curl_error + tried, std::move(detail));
}

}  // namespace airbyte_cloud::transport
