#include "domain/types.h"

#include "domain/resources.h"
#include "domain/time_format.h"

namespace airbyte_cloud::domain {
namespace {

struct StateName {
    JobState state;
    const char *name;
};

constexpr StateName kStateNames[] = {
    {JobState::kPending, "pending"},       {JobState::kQueued, "queued"},
    {JobState::kRunning, "running"},       {JobState::kIncomplete, "incomplete"},
    {JobState::kFailed, "failed"},         {JobState::kSucceeded, "succeeded"},
    {JobState::kCancelled, "cancelled"},
};

// Counters the API may send as null, as numbers or as numeric strings.
std::int64_t optional_count(json::Value object, std::string_view field) {
    return object.get(field).int64().value_or(0);
}

}  // namespace

JobState job_state_from_name(const std::string &name) {
    for (const auto &entry : kStateNames) {
        if (name == entry.name) return entry.state;
    }
    return JobState::kUnknown;
}

const char *job_state_name(JobState state) {
    for (const auto &entry : kStateNames) {
        if (entry.state == state) return entry.name;
    }
    return "unknown";
}

bool job_state_is_final(JobState state) {
    return state == JobState::kFailed || state == JobState::kSucceeded ||
           state == JobState::kCancelled;
}

StatusOr<JobInfo> parse_job(json::Value object) {
    constexpr std::string_view kContext = "job response";
    if (!object.is_object()) return ProtocolError("job response: expected a JSON object");
    JobInfo job;
    ABC_ASSIGN_OR_RETURN(job.job_id, json::required_int64(object, "jobId", kContext));
    auto status = json::required_string(object, "status", kContext);
    if (!status.ok()) return status.status();
    job.state = job_state_from_name(*status);
    if (job.state == JobState::kUnknown) {
        return ProtocolError("job response: unknown status '" + *status + "'");
    }
    job.job_type = json::optional_string(object, "jobType");
    job.connection_id = json::optional_string(object, "connectionId");
    job.start_time_text = json::optional_string(object, "startTime");
    if (!job.start_time_text.empty()) {
        job.start_time = parse_iso8601_timestamp(job.start_time_text).value_or(0);
    }
    std::string last_updated = json::optional_string(object, "lastUpdatedAt");
    if (!last_updated.empty()) {
        job.last_updated_time = parse_iso8601_timestamp(last_updated).value_or(0);
    }
    std::string duration = json::optional_string(object, "duration");
    if (!duration.empty()) job.duration_ms = parse_iso8601_duration_ms(duration).value_or(0);
    job.rows_synced = optional_count(object, "rowsSynced");
    job.bytes_synced = optional_count(object, "bytesSynced");
    return job;
}

StatusOr<ConnectionInfo> parse_connection(json::Value object) {
    constexpr std::string_view kContext = "connection response";
    if (!object.is_object()) return ProtocolError("connection response: expected a JSON object");
    ConnectionInfo connection;
    ABC_RETURN_IF_ERROR(json::read_required_strings(object, kContext,
                                                    {{"connectionId", &connection.connection_id},
                                                     {"sourceId", &connection.source_id},
                                                     {"destinationId", &connection.destination_id}}));
    connection.name = json::optional_string(object, "name");
    connection.workspace_id = json::optional_string(object, "workspaceId");
    connection.status = json::optional_string(object, "status");
    connection.prefix = json::optional_string(object, "prefix");
    json::Value streams = object.get("configurations").get("streams");
    for (std::size_t i = 0; i < streams.size(); ++i) {
        ConnectionStream stream;
        stream.name = json::optional_string(streams.at(i), "name");
        if (stream.name.empty()) continue;
        stream.source_namespace = json::optional_string(streams.at(i), "namespace");
        stream.destination_object_name =
            json::optional_string(streams.at(i), "destinationObjectName");
        connection.stream_names.push_back(stream.name);
        connection.streams.push_back(std::move(stream));
    }
    json::Value schedule = object.get("schedule");
    connection.schedule_type = json::optional_string(schedule, "scheduleType");
    connection.cron_expression = json::optional_string(schedule, "cronExpression");
    connection.namespace_definition = json::optional_string(object, "namespaceDefinition");
    connection.namespace_format = json::optional_string(object, "namespaceFormat");
    connection.json = object.dump();
    return connection;
}

StatusOr<WorkspaceInfo> parse_workspace(json::Value object) {
    auto details = parse_workspace_details(object);
    if (!details.ok()) return details.status();
    return WorkspaceInfo{std::move(details->workspace_id), std::move(details->name)};
}

}  // namespace airbyte_cloud::domain
