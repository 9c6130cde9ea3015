// Starting a job when the connection may break while POST /jobs is in flight: finds out whether
// the lost request started a job, attaches to it, and sends the start again only when it did not.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/api_client.h"
#include "domain/types.h"

namespace airbyte_cloud::domain {

// POST /jobs, reconciled. Fails with kJobStartUnknown (naming the connection) when the outcome
// of a lost request cannot be decided; never leaves two jobs behind one call.
StatusOr<JobInfo> start_job_reconciled(ApiClient &api, const std::string &connection_id,
                                       const std::string &job_type);

// What the connection's newest jobs say about a start sent at `sent_at` (Unix seconds) whose
// response was lost. Exposed for the unit tests and the fuzzer.
struct StartVerdict {
    enum class Kind { kStarted, kNothingStarted, kUndecidable };
    Kind kind = Kind::kUndecidable;
    JobInfo job;         // kStarted: the job the lost request created
    std::string reason;  // kUndecidable: why
};
StartVerdict judge_lost_start(const std::vector<JobInfo> &newest_first, std::int64_t sent_at);

}  // namespace airbyte_cloud::domain
