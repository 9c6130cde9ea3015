// What the public opaque handles are, and the helpers every shim uses: argument checks that
// name the argument, and one guard that turns a Status (or an escaping exception) into an
// abc_status plus an abc_error.
#pragma once

#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "airbyte_cloud.h"
#include "base/status.h"
#include "domain/connection.h"
#include "domain/job_wait.h"
#include "domain/sync.h"
#include "domain/types.h"
#include "domain/workspace.h"

struct abc_error {
    airbyte_cloud::Status status;
};

struct abc_options {
    airbyte_cloud::domain::ClientSettings settings;
    abc_log_callback log_callback = nullptr;
    void *log_user_data = nullptr;
    abc_log_level log_level = ABC_LOG_WARNING;
};

struct abc_workspace {
    std::shared_ptr<airbyte_cloud::domain::Workspace> impl;
};

struct abc_connection {
    airbyte_cloud::domain::Connection impl;
};

struct abc_job {
    std::shared_ptr<airbyte_cloud::domain::Workspace> workspace;
    airbyte_cloud::domain::JobInfo info;
    std::string url;  // recomputed whenever info changes
};

struct abc_job_list {
    std::shared_ptr<airbyte_cloud::domain::Workspace> workspace;
    std::vector<airbyte_cloud::domain::JobInfo> jobs;
};

struct abc_cancel_token {
    airbyte_cloud::domain::CancelToken impl;
};

struct abc_sync_options {
    bool wait = true;
    bool attach_if_running = false;
    std::int64_t timeout_ms = 3600000;
    bool fail_on_sync_failure = true;
    bool fail_on_timeout = true;
    abc_progress_callback progress = nullptr;
    void *progress_user_data = nullptr;
    abc_cancel_token *cancel_token = nullptr;
    bool cancel_job_on_cancel = false;
};

struct abc_waiter {
    std::shared_ptr<airbyte_cloud::domain::Workspace> workspace;
    airbyte_cloud::domain::MultiJobWaiter impl;
    std::vector<abc_job *> jobs;
};

namespace airbyte_cloud::abi {

// Stores `status` in *error (when error is non-NULL) and returns its code.
abc_status finish(abc_error **error, const Status &status);

// Runs `body` (returning a Status), turning exceptions into statuses so none crosses the ABI.
template <typename Body>
abc_status guarded(abc_error **error, const char *function, Body &&body) noexcept {
    if (error != nullptr) *error = nullptr;
    try {
        return finish(error, body());
    } catch (const std::bad_alloc &) {
        return finish(error, Status(StatusCode::kOutOfMemory, std::string(function) + ": out of memory"));
    } catch (const std::exception &e) {
        return finish(error, InternalError(std::string(function) + ": unexpected failure: " + e.what()));
    } catch (...) {
        return finish(error, InternalError(std::string(function) + ": unexpected failure"));
    }
}

// Argument checks: an OK Status, or kInvalidArgument "<function>: <argument> is NULL" etc.
Status require_pointer(const void *pointer, const char *function, const char *argument);
Status require_text(const char *text, const char *function, const char *argument);
// A non-empty UUID ("9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f80"): connection, workspace, source and
// destination ids.
Status require_id(const char *id, const char *function, const char *argument);
Status require_range(std::int64_t value, std::int64_t low, std::int64_t high, const char *function,
                     const char *argument);

// The integer a caller passed for a C enum parameter. C callers (and FFI) may pass any int;
// loading an out-of-range value as the C++ enum type is undefined, so read its bytes instead.
template <typename Enum>
int enum_argument(const Enum &value) {
    static_assert(sizeof(Enum) == sizeof(int), "C enums are int-sized on supported ABIs");
    int result;
    std::memcpy(&result, &value, sizeof result);
    return result;
}

// Fills a job handle's derived fields after its snapshot changed.
void update_job_url(abc_job &job);
abc_job *new_job_handle(std::shared_ptr<domain::Workspace> workspace, domain::JobInfo info);

// Maps sync options (NULL = defaults) to the domain's wait settings; the progress callback is
// bound to `job` so it can be handed to the caller.
domain::WaitSettings wait_settings_from(const abc_sync_options *options, abc_job *job);

}  // namespace airbyte_cloud::abi

// ABC_RETURN_IF_ERROR (early return on a failed check inside a guarded body) is in base/status.h.
