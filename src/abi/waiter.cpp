// abc_waiter_*: one thread waiting for many jobs.
#include "abi/handles.h"

using namespace airbyte_cloud;

extern "C" {

ABC_API abc_status abc_waiter_new(abc_waiter **out, abc_workspace *workspace, abc_error **error) {
    return abi::with_out(out, workspace, "workspace", __func__, error, [](abc_workspace &w, abc_waiter *&waiter) {
        waiter = new abc_waiter{w.impl, domain::MultiJobWaiter(w.impl->api(), w.impl->id()), {}};
        return Status();
    });
}

ABC_API void abc_waiter_free(abc_waiter *waiter) { delete waiter; }

ABC_API abc_status abc_waiter_add(abc_waiter *waiter, abc_job *job, size_t *out_index, abc_error **error) {
    const char *fn = "abc_waiter_add";
    if (out_index != nullptr) *out_index = 0;
    return abi::guarded(error, fn, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(waiter, fn, "waiter"));
        ABC_RETURN_IF_ERROR(abi::require_pointer(job, fn, "job"));
        if (job->workspace->api() != waiter->workspace->api()) {
            return InvalidArgument(std::string(fn) + ": job belongs to another workspace handle");
        }
        std::size_t index = waiter->impl.add(&job->info);
        waiter->jobs.push_back(job);
        if (out_index != nullptr) *out_index = index;
        return Status();
    });
}

ABC_API size_t abc_waiter_pending_count(const abc_waiter *waiter) {
    return waiter != nullptr ? waiter->impl.pending_count() : 0;
}

ABC_API abc_status abc_waiter_next(size_t *out_index, abc_waiter *waiter, int64_t timeout_ms,
                                   abc_cancel_token *cancel_token, abc_error **error) {
    const char *fn = "abc_waiter_next";
    if (out_index != nullptr) *out_index = 0;
    return abi::guarded(error, fn, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out_index, fn, "out_index"));
        ABC_RETURN_IF_ERROR(abi::require_pointer(waiter, fn, "waiter"));
        ABC_RETURN_IF_ERROR(abi::require_range(timeout_ms, 1, INT64_MAX / 2, fn, "timeout_ms"));
        auto index = waiter->impl.next(std::chrono::milliseconds(timeout_ms),
                                       cancel_token != nullptr ? &cancel_token->impl : nullptr);
        if (!index.ok()) return index.status();
        abi::update_job_url(*waiter->jobs[*index]);
        *out_index = *index;
        return Status();
    });
}

}  // extern "C"
