// Starting a sync and, optionally, waiting for it: the domain side of abc_run_sync().
#pragma once

#include <string>

#include "base/status.h"
#include "domain/api_client.h"
#include "domain/job_wait.h"
#include "domain/types.h"

namespace airbyte_cloud::domain {

struct SyncSettings {
    bool wait = true;
    bool attach_if_running = false;
    std::string job_type = "sync";  // JobTypeEnum: sync, reset, refresh, clear
    WaitSettings wait_settings;
};

struct SyncOutcome {
    bool started = false;  // `job` is meaningful (the caller gets a handle even if status failed)
    JobInfo job;
    Status status;
};

SyncOutcome run_sync(ApiClient &api, const std::string &connection_id, const SyncSettings &settings);

}  // namespace airbyte_cloud::domain
