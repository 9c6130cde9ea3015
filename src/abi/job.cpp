// abc_run_sync and abc_job_*: starting syncs and reading, waiting for and cancelling jobs.
#include "abi/handles.h"
#include "domain/job_wait_shared.h"

using namespace airbyte_cloud;

namespace airbyte_cloud::abi {

void update_job_url(abc_job &job) {
    if (job.info.connection_id.empty()) {
        job.url.clear();
        return;
    }
    job.url = job.workspace->connection_url(job.info.connection_id) + "/job-history/" +
              std::to_string(job.info.job_id);
}

abc_job *new_job_handle(std::shared_ptr<domain::Workspace> workspace, domain::JobInfo info) {
    auto *job = new abc_job{std::move(workspace), std::move(info), {}};
    update_job_url(*job);
    return job;
}

}  // namespace airbyte_cloud::abi

namespace {

// A job handle takes a fresh snapshot (or keeps its own when fetching failed).
Status take_snapshot(abc_job &job, StatusOr<domain::JobInfo> info) {
    ABC_RETURN_IF_ERROR(abi::assign(job.info, std::move(info)));
    abi::update_job_url(job);
    return Status();
}

}  // namespace

extern "C" {

ABC_API abc_status abc_run_sync(abc_job **out, abc_workspace *workspace, const char *connection_id,
                                const abc_sync_options *options, abc_error **error) {
    const char *fn = __func__;
    return abi::with_out(out, workspace, "workspace", fn, error, [&](abc_workspace &w, abc_job *&made) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_id(connection_id, fn, "connection_id"));
        // The handle exists before the wait so the progress callback can be given it.
        std::unique_ptr<abc_job> job(abi::new_job_handle(w.impl, {}));
        domain::SyncSettings settings;
        settings.wait = options != nullptr ? options->wait : true;
        settings.attach_if_running = options != nullptr && options->attach_if_running;
        if (options != nullptr) settings.job_type = options->job_type;
        settings.wait_settings = abi::wait_settings_from(options, job.get());
        domain::SyncOutcome outcome = domain::run_sync(*w.impl->api(), connection_id, settings);
        if (outcome.started) {
            job->info = std::move(outcome.job);
            abi::update_job_url(*job);
            made = job.release();
        }
        return outcome.status;
    });
}

ABC_API abc_status abc_job_get(abc_job **out, abc_workspace *workspace, int64_t job_id, abc_error **error) {
    const char *fn = __func__;
    return abi::with_out(out, workspace, "workspace", fn, error, [&](abc_workspace &w, abc_job *&job) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(job_id, 1, INT64_MAX, fn, "job_id"));
        auto info = w.impl->api()->get_job(job_id);
        if (!info.ok()) return info.status();
        job = abi::new_job_handle(w.impl, std::move(*info));
        return Status();
    });
}

ABC_API void abc_job_free(abc_job *job) { delete job; }

ABC_API abc_status abc_job_refresh(abc_job *job, abc_error **error) {
    return abi::on_handle(job, "job", __func__, error, [](abc_job &j) {
        return take_snapshot(j, j.workspace->api()->get_job(j.info.job_id));
    });
}

ABC_API int64_t abc_job_id(const abc_job *job) { return job != nullptr ? job->info.job_id : 0; }

ABC_API abc_job_state abc_job_status(const abc_job *job) {
    return job != nullptr ? static_cast<abc_job_state>(job->info.state) : ABC_JOB_STATE_UNKNOWN;
}

ABC_API int abc_job_is_complete(const abc_job *job) {
    return job != nullptr && domain::job_state_is_final(job->info.state) ? 1 : 0;
}

ABC_API const char *abc_job_type(const abc_job *job) { return job != nullptr ? job->info.job_type.c_str() : ""; }

ABC_API const char *abc_job_connection_id(const abc_job *job) {
    return job != nullptr ? job->info.connection_id.c_str() : "";
}

ABC_API int64_t abc_job_rows_synced(const abc_job *job) { return job != nullptr ? job->info.rows_synced : 0; }

ABC_API int64_t abc_job_bytes_synced(const abc_job *job) { return job != nullptr ? job->info.bytes_synced : 0; }

ABC_API int64_t abc_job_start_time(const abc_job *job) { return job != nullptr ? job->info.start_time : 0; }

ABC_API const char *abc_job_start_time_text(const abc_job *job) {
    return job != nullptr ? job->info.start_time_text.c_str() : "";
}

ABC_API int64_t abc_job_last_updated_time(const abc_job *job) {
    return job != nullptr ? job->info.last_updated_time : 0;
}

ABC_API int64_t abc_job_duration_ms(const abc_job *job) { return job != nullptr ? job->info.duration_ms : 0; }

ABC_API const char *abc_job_url(const abc_job *job) { return job != nullptr ? job->url.c_str() : ""; }

ABC_API abc_status abc_job_check_failure(const abc_job *job, abc_error **error) {
    return abi::on_handle(job, "job", __func__, error,
                          [](const abc_job &j) { return domain::sync_failure_status(j.info); });
}

ABC_API abc_status abc_job_wait(abc_job *job, const abc_sync_options *options, abc_error **error) {
    return abi::on_handle(job, "job", __func__, error, [&](abc_job &j) {
        domain::WaitSettings settings = abi::wait_settings_from(options, &j);
        settings.poll_first = true;
        // Threads waiting on jobs of one workspace handle share its change feed.
        Status status = j.workspace->job_waits().wait(j.info, settings);
        abi::update_job_url(j);
        return status;
    });
}

ABC_API abc_status abc_job_cancel(abc_job *job, abc_error **error) {
    return abi::on_handle(job, "job", __func__, error, [](abc_job &j) {
        return take_snapshot(j, j.workspace->api()->cancel_job(j.info.job_id));
    });
}

}  // extern "C"
