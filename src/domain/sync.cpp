#include "domain/sync.h"

namespace airbyte_cloud::domain {
namespace {

// After a 409 "already running": the newest unfinished sync job of the connection, if any.
StatusOr<JobInfo> find_running_sync(ApiClient &api, const std::string &connection_id, const std::string &job_type) {
    JobQuery query;
    query.connection_id = connection_id;
    query.job_type = job_type;
    query.order_by = "createdAt|DESC";
    query.limit = 10;
    auto jobs = api.list_jobs(query);
    if (!jobs.ok()) return jobs.status();
    for (JobInfo &job : *jobs) {
        if (!job_state_is_final(job.state)) return std::move(job);
    }
    return Status(StatusCode::kNotFound, "no running sync job found on connection " + connection_id);
}

}  // namespace

SyncOutcome run_sync(ApiClient &api, const std::string &connection_id, const SyncSettings &settings) {
    SyncOutcome outcome;
    auto created = api.create_job(connection_id, settings.job_type);
    if (!created.ok()) {
        if (created.status().code() != StatusCode::kSyncAlreadyRunning || !settings.attach_if_running) {
            outcome.status = created.status();
            if (outcome.status.code() == StatusCode::kSyncAlreadyRunning) {
                outcome.status = Status(StatusCode::kSyncAlreadyRunning,
                                        created.status().message() +
                                            " (a sync is already running; wait for it, or set "
                                            "attach-if-running to attach to it)",
                                        created.status().detail());
            }
            return outcome;
        }
        auto running = find_running_sync(api, connection_id, settings.job_type);
        if (!running.ok()) {
            outcome.status = created.status();  // the 409 explains more than the lookup
            return outcome;
        }
        api.logger().log(LogLevel::kInfo, "connection " + connection_id +
                                              " already has sync job " +
                                              std::to_string(running->job_id) + " running; attached");
        created = std::move(running);
    }
    outcome.started = true;
    outcome.job = std::move(*created);
    if (outcome.job.connection_id.empty()) outcome.job.connection_id = connection_id;
    if (settings.wait) outcome.status = wait_for_job(api, outcome.job, settings.wait_settings);
    return outcome;
}

}  // namespace airbyte_cloud::domain
