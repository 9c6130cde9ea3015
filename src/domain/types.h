// The Airbyte API's resources as the domain layer sees them, parsed from JSON leniently
// (unknown fields ignored, numbers accepted as strings) but with required fields enforced.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "json/json.h"

namespace airbyte_cloud::domain {

// Same values as the public abc_job_state.
enum class JobState : int {
    kUnknown = 0,
    kPending = 1,
    kQueued = 2,
    kRunning = 3,
    kIncomplete = 4,
    kFailed = 5,
    kSucceeded = 6,
    kCancelled = 7,
};

JobState job_state_from_name(const std::string &name);  // kUnknown for anything unrecognised
const char *job_state_name(JobState state);
bool job_state_is_final(JobState state);  // failed, succeeded, cancelled

struct JobInfo {
    std::int64_t job_id = 0;
    JobState state = JobState::kUnknown;
    std::string job_type;
    std::string connection_id;
    std::string start_time_text;
    std::int64_t start_time = 0;         // Unix seconds
    std::int64_t last_updated_time = 0;  // Unix seconds; set once final
    std::int64_t duration_ms = 0;
    std::int64_t rows_synced = 0;
    std::int64_t bytes_synced = 0;
};

// One selected stream of a connection's configuration.
struct ConnectionStream {
    std::string name;
    std::string source_namespace;         // "namespace": where the source has it; "" when none
    std::string destination_object_name;  // "destinationObjectName"; "" when not set
};

struct ConnectionInfo {
    std::string connection_id;
    std::string name;
    std::string source_id;
    std::string destination_id;
    std::string workspace_id;
    std::string status;
    std::string prefix;
    std::vector<std::string> stream_names;
    std::vector<ConnectionStream> streams;  // the same streams with their naming inputs
    std::string schedule_type;         // manual | cron | basic ("" when absent)
    std::string cron_expression;
    std::string namespace_definition;  // destination (default) | source | custom_format
    std::string namespace_format;      // custom_format's pattern, with ${SOURCE_NAMESPACE}
    std::string json;                  // the whole response as compact JSON
};

struct WorkspaceInfo {
    std::string workspace_id;
    std::string name;
};

StatusOr<JobInfo> parse_job(json::Value object);
StatusOr<ConnectionInfo> parse_connection(json::Value object);
StatusOr<WorkspaceInfo> parse_workspace(json::Value object);

}  // namespace airbyte_cloud::domain
