// abc_error, abc_strerror and the shared argument checks.
#include <limits>
#include <string_view>

#include "base/message.h"

#include "abi/handles.h"
#include "domain/resources.h"

using airbyte_cloud::Status;
using airbyte_cloud::StatusCode;

namespace airbyte_cloud::abi {

// The enums are the same list in two places; the compiler checks they agree.
static_assert(static_cast<int>(StatusCode::kInternal) == ABC_ERROR_INTERNAL, "status codes diverged");
static_assert(static_cast<int>(StatusCode::kRefused) == ABC_ERROR_REFUSED, "status codes diverged");
static_assert(static_cast<int>(StatusCode::kJobStartUnknown) == ABC_ERROR_JOB_START_UNKNOWN,
              "status codes diverged");
static_assert(static_cast<int>(StatusCode::kWaitTimeout) == ABC_ERROR_WAIT_TIMEOUT, "status codes diverged");
static_assert(static_cast<int>(domain::JobState::kCancelled) == ABC_JOB_STATE_CANCELLED, "job states diverged");

abc_status finish(abc_error **error, const Status &status) {
    auto code = static_cast<abc_status>(status.code());
    if (status.ok() || error == nullptr) return code;
    // Every message leaves the library bounded and with its control characters escaped.
    *error = new (std::nothrow)
        abc_error{Status(status.code(), bounded_message(status.message()), status.detail())};
    return code;
}

Status require_pointer(const void *pointer, const char *function, const char *argument) {
    if (pointer != nullptr) return Status();
    return InvalidArgument(std::string(function) + ": " + argument + " is NULL");
}

Status require_text(const char *text, const char *function, const char *argument) {
    if (text == nullptr) return InvalidArgument(std::string(function) + ": " + argument + " is NULL");
    if (text[0] == '\0') return InvalidArgument(std::string(function) + ": " + argument + " is empty");
    return Status();
}

Status require_http_url(const char *text, const char *function, const char *argument) {
    ABC_RETURN_IF_ERROR(require_text(text, function, argument));
    if (std::strncmp(text, "http://", 7) == 0 || std::strncmp(text, "https://", 8) == 0) return Status();
    return InvalidArgument(std::string(function) + ": " + argument + " must start with http:// or https://");
}

// Airbyte ids are UUIDs (8-4-4-4-12 hex digits). Checked before any request so that a mistyped
// or hostile id fails at once, naming the argument, instead of travelling into a URL.
Status require_id(const char *id, const char *function, const char *argument) {
    ABC_RETURN_IF_ERROR(require_text(id, function, argument));
    const std::string_view text(id);
    const bool valid = domain::looks_like_uuid(text);
    if (valid) return Status();
    return InvalidArgument(std::string(function) + ": " + argument + " \"" + printable_value(text) +
                           "\" is not an Airbyte id (a UUID such as "
                           "9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f80)");
}

Status require_range(std::int64_t value, std::int64_t low, std::int64_t high, const char *function,
                     const char *argument) {
    if (value >= low && value <= high) return Status();
    std::string message = std::string(function) + ": " + argument + " is " + std::to_string(value) +
                          "; it must be ";
    if (high == std::numeric_limits<std::int64_t>::max()) {
        message += "at least " + std::to_string(low);
    } else {
        message += "between " + std::to_string(low) + " and " + std::to_string(high);
    }
    return InvalidArgument(std::move(message));
}

}  // namespace airbyte_cloud::abi

extern "C" {

ABC_API const char *abc_strerror(abc_status status_argument) {
    switch (airbyte_cloud::abi::enum_argument(status_argument)) {
        case ABC_OK: return "success";
        case ABC_ERROR_INVALID_ARGUMENT: return "invalid argument";
        case ABC_ERROR_OUT_OF_MEMORY: return "out of memory";
        case ABC_ERROR_TRANSPORT: return "could not reach the server";
        case ABC_ERROR_REQUEST_TIMEOUT: return "request timed out";
        case ABC_ERROR_AUTH: return "authentication failed";
        case ABC_ERROR_FORBIDDEN: return "access forbidden";
        case ABC_ERROR_NOT_FOUND: return "not found";
        case ABC_ERROR_CONFLICT: return "conflict";
        case ABC_ERROR_SYNC_ALREADY_RUNNING: return "a sync is already running on this connection";
        case ABC_ERROR_RATE_LIMITED: return "rate limited";
        case ABC_ERROR_SERVER: return "server error";
        case ABC_ERROR_API: return "the API rejected the request";
        case ABC_ERROR_PROTOCOL: return "unexpected response from the server";
        case ABC_ERROR_SYNC_FAILED: return "sync failed";
        case ABC_ERROR_WAIT_TIMEOUT: return "timed out waiting for the job";
        case ABC_ERROR_CANCELLED: return "cancelled";
        case ABC_ERROR_UNSUPPORTED: return "not supported";
        case ABC_ERROR_INTERNAL: return "internal error";
        case ABC_ERROR_REFUSED: return "refused by a safety check";
        case ABC_ERROR_JOB_START_UNKNOWN: return "a sync may have been started: its outcome is unknown";
    }
    return "unknown status";
}

ABC_API void abc_error_free(abc_error *error) { delete error; }

ABC_API abc_status abc_error_status(const abc_error *error) {
    return error ? static_cast<abc_status>(error->status.code()) : ABC_OK;
}

ABC_TEXT_GETTER(abc_error_message, abc_error, status.message())

ABC_API int abc_error_http_status(const abc_error *error) {
    return error ? error->status.detail().http_status : 0;
}

ABC_TEXT_GETTER(abc_error_problem_type, abc_error, status.detail().problem_type)
ABC_TEXT_GETTER(abc_error_problem_detail, abc_error, status.detail().problem_detail)
ABC_TEXT_GETTER(abc_error_connection_id, abc_error, status.detail().connection_id)

ABC_API int64_t abc_error_job_id(const abc_error *error) {
    return error ? error->status.detail().job_id : 0;
}

ABC_API abc_job_state abc_error_job_state(const abc_error *error) {
    return error ? static_cast<abc_job_state>(error->status.detail().job_state) : ABC_JOB_STATE_UNKNOWN;
}

ABC_API int64_t abc_error_timeout_ms(const abc_error *error) {
    return error ? error->status.detail().timeout_ms : 0;
}

ABC_TEXT_GETTER(abc_error_failure_origin, abc_error, status.detail().failure_origin)
ABC_TEXT_GETTER(abc_error_failure_type, abc_error, status.detail().failure_type)
ABC_TEXT_GETTER(abc_error_failure_message, abc_error, status.detail().failure_message)

}  // extern "C"
