// What the public opaque handles are, and the helpers every shim uses: argument checks that
// name the argument, and one guard that turns a Status (or an escaping exception) into an
// abc_status plus an abc_error.
#pragma once

#include <cstring>
#include <initializer_list>
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
    std::string job_type = "sync";
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
// Non-empty text starting with http:// or https://.
Status require_http_url(const char *text, const char *function, const char *argument);
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

// The shape most shims share: reset *out, check `out` and the handle (the message names
// `handle_name`), then run body(handle, out) inside the guard. `body` returns a Status.
template <typename Out, typename Handle, typename Body>
abc_status with_out(Out *out, Handle *handle, const char *handle_name, const char *function, abc_error **error,
                    Body &&body) noexcept {
    if (out != nullptr) *out = Out();
    return guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(require_pointer(out, function, "out"));
        ABC_RETURN_IF_ERROR(require_pointer(handle, function, handle_name));
        return body(*handle, *out);
    });
}

// A shim on one handle without an out parameter: check the handle, then body(handle).
template <typename Handle, typename Body>
abc_status on_handle(Handle *handle, const char *handle_name, const char *function, abc_error **error,
                     Body &&body) noexcept {
    return guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(require_pointer(handle, function, handle_name));
        return body(*handle);
    });
}

// A constructor shim: check `out`, then `*out = make()` inside the guard.
template <typename Object, typename Make>
abc_status make_handle(Object **out, const char *function, abc_error **error, Make &&make) noexcept {
    if (out != nullptr) *out = nullptr;
    return guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(require_pointer(out, function, "out"));
        *out = make();
        return Status();
    });
}

// A setter of an options object: check the object (named "options" unless told), then
// apply(object).
template <typename Object, typename Apply>
abc_status set_option(Object *object, const char *function, abc_error **error, Apply &&apply,
                      const char *object_name = "options") noexcept {
    return on_handle(object, object_name, function, error, std::forward<Apply>(apply));
}

// A setter whose text arguments must be non-empty: checks the object and each (argument, value)
// by name, then apply(object).
template <typename Object, typename Apply>
abc_status set_texts(Object *object, const char *function, abc_error **error,
                     std::initializer_list<std::pair<const char *, const char *>> required, Apply &&apply,
                     const char *object_name = "options") noexcept {
    return on_handle(object, object_name, function, error, [&](Object &o) -> Status {
        for (const auto &[argument, value] : required) {
            // Workspace, source, destination and connection ids are UUIDs: checked before anything is
            // sent. (Other *_id arguments, such as an OAuth client_id, are free text.)
            const std::string_view name(argument);
            const bool is_id = name == "workspace_id" || name == "source_id" || name == "destination_id" ||
                               name == "connection_id";
            ABC_RETURN_IF_ERROR(is_id ? require_id(value, function, argument) : require_text(value, function, argument));
        }
        return apply(o);
    });
}

// Setters of one number in [low, high], stored by `store(object, value)`.
template <typename Object, typename Store>
abc_status set_number(Object *object, std::int64_t value, std::int64_t low, std::int64_t high,
                      const char *function, const char *argument, abc_error **error, Store &&store) noexcept {
    return set_option(object, function, error, [&](Object &o) -> Status {
        ABC_RETURN_IF_ERROR(require_range(value, low, high, function, argument));
        store(o, value);
        return Status();
    });
}

// `*out = *value` when it holds one; its Status otherwise.
template <typename Out, typename Value>
Status assign(Out &out, StatusOr<Value> value) {
    if (!value.ok()) return value.status();
    out = std::move(*value);
    return Status();
}

// A text field of a connection's details (fetched once), borrowed until the handle is freed or
// refreshed.
abc_status connection_text(const char **out, abc_connection *connection, const char *function, abc_error **error,
                           std::string domain::ConnectionInfo::*field);

// Fills a job handle's derived fields after its snapshot changed.
void update_job_url(abc_job &job);
abc_job *new_job_handle(std::shared_ptr<domain::Workspace> workspace, domain::JobInfo info);

// Maps sync options (NULL = defaults) to the domain's wait settings; the progress callback is
// bound to `job` so it can be handed to the caller.
domain::WaitSettings wait_settings_from(const abc_sync_options *options, abc_job *job);

}  // namespace airbyte_cloud::abi

// Defines the getter `const char *function(const Handle *handle)`: the handle's text `member`
// (an expression on the handle, e.g. impl.schema), borrowed from the handle; "" for NULL.
#define ABC_TEXT_GETTER(function, Handle, member)               \
    ABC_API const char *function(const Handle *handle) {        \
        return handle != nullptr ? handle->member.c_str() : ""; \
    }

// Defines `size_t function(const Handle *handle)`: how many items `member` holds; 0 for NULL.
#define ABC_COUNT_GETTER(function, Handle, member)            \
    ABC_API size_t function(const Handle *handle) {           \
        return handle != nullptr ? handle->member.size() : 0; \
    }

// Defines `Type function(const Handle *handle, size_t index)`: `value`, an expression on `item`
// (what `item_at(handle, index)` finds, NULL when out of range), or `none` when there is no item.
#define ABC_ITEM_GETTER(Type, function, Handle, item_at, value, none) \
    ABC_API Type function(const Handle *handle, size_t index) {       \
        const auto *item = item_at(handle, index);                    \
        return item != nullptr ? (value) : (none);                    \
    }

// Defines `const char *function(const Handle *handle, size_t index)`: the text `member` of the
// item `item_at(handle, index)` finds, borrowed; "" for none.
#define ABC_ITEM_TEXT_GETTER(function, Handle, item_at, member) \
    ABC_ITEM_GETTER(const char *, function, Handle, item_at, item->member.c_str(), "")

// ABC_RETURN_IF_ERROR (early return on a failed check inside a guarded body) is in base/status.h.
