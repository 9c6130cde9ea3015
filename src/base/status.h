// Status and StatusOr: how every fallible operation inside the library reports its outcome.
// Exceptions never cross layers; the ABI shims turn a Status into an abc_status + abc_error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace airbyte_cloud {

// Mirrors the public abc_status values one for one (the ABI layer static_asserts this), so the
// inner layers never include the C header.
enum class StatusCode : int {
    kOk = 0,
    kInvalidArgument = 1,
    kOutOfMemory = 2,
    kTransport = 3,
    kRequestTimeout = 4,
    kUnauthenticated = 5,
    kPermissionDenied = 6,
    kNotFound = 7,
    kConflict = 8,
    kSyncAlreadyRunning = 9,
    kRateLimited = 10,
    kServerError = 11,
    kApiError = 12,
    kProtocol = 13,
    kSyncFailed = 14,
    kWaitTimeout = 15,
    kCancelled = 16,
    kUnsupported = 17,
    kInternal = 18,
    kRefused = 19,
    kJobStartUnknown = 20,
};

// Details a caller can inspect after a failure. Every field is optional: a transport failure has
// no HTTP status, a validation failure has no problem body, only sync failures carry a job.
struct ErrorDetail {
    int http_status = 0;
    std::string problem_type;
    std::string problem_detail;
    std::string connection_id;
    std::int64_t job_id = 0;
    int job_state = 0;              // an abc_job_state value; 0 = unknown
    std::int64_t timeout_ms = 0;    // the timeout that expired, for kWaitTimeout / kRequestTimeout
    std::int64_t retry_after_ms = -1;  // from a Retry-After header; -1 = none given
    // The request was sent and then the connection broke or timed out before a response: the
    // server may or may not have acted on it (a POST /jobs may have started a job).
    bool outcome_unknown = false;
    // For a failed sync: the latest attempt failure the Config API reported ("" when unknown).
    std::string failure_origin;
    std::string failure_type;
    std::string failure_message;  // its externalMessage
};

class Status {
public:
    Status() = default;
    Status(StatusCode code, std::string message, ErrorDetail detail = {})
        : code_(code), message_(std::move(message)), detail_(std::move(detail)) {}

    bool ok() const { return code_ == StatusCode::kOk; }
    StatusCode code() const { return code_; }
    const std::string &message() const { return message_; }
    const ErrorDetail &detail() const { return detail_; }
    ErrorDetail &mutable_detail() { return detail_; }

private:
    StatusCode code_ = StatusCode::kOk;
    std::string message_;
    ErrorDetail detail_;
};

inline Status InvalidArgument(std::string message) {
    return Status(StatusCode::kInvalidArgument, std::move(message));
}
inline Status ProtocolError(std::string message) {
    return Status(StatusCode::kProtocol, std::move(message));
}
inline Status InternalError(std::string message) {
    return Status(StatusCode::kInternal, std::move(message));
}

// Either a value or a failed Status. Accessing value() of a failed StatusOr is a programming
// error (asserted in debug builds); callers test ok() first.
template <typename T>
class StatusOr {
public:
    StatusOr(T value) : value_(std::move(value)) {}
    StatusOr(Status status) : status_(std::move(status)) {}

    bool ok() const { return value_.has_value(); }
    const Status &status() const { return status_; }
    T &value() & { return *value_; }
    const T &value() const & { return *value_; }
    T &&value() && { return std::move(*value_); }
    T *operator->() { return &*value_; }
    const T *operator->() const { return &*value_; }
    T &operator*() & { return *value_; }
    const T &operator*() const & { return *value_; }

private:
    Status status_;
    std::optional<T> value_;
};

}  // namespace airbyte_cloud

// Early return of a failed Status from a function that returns Status (or StatusOr).
#define ABC_RETURN_IF_ERROR(expression)                     \
    do {                                                    \
        ::airbyte_cloud::Status _abc_status = (expression); \
        if (!_abc_status.ok()) return _abc_status;          \
    } while (0)

// `lhs = *expression` for a StatusOr `expression`, or early return of its failed Status from a
// function that returns Status (or StatusOr). `lhs` may declare a variable: `ABC_ASSIGN_OR_RETURN(
// auto id, read_id(object));`.
#define ABC_ASSIGN_OR_RETURN(lhs, expression) \
    ABC_ASSIGN_OR_RETURN_IMPL_(ABC_STATUS_CONCAT_(_abc_status_or_, __LINE__), lhs, expression)
#define ABC_ASSIGN_OR_RETURN_IMPL_(result, lhs, expression) \
    auto result = (expression);                             \
    if (!result.ok())                                       \
        return result.status();                             \
    lhs = std::move(*result)
#define ABC_STATUS_CONCAT_(a, b) ABC_STATUS_CONCAT_INNER_(a, b)
#define ABC_STATUS_CONCAT_INNER_(a, b) a##b
