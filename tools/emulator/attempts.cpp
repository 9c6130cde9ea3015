#include "attempts.h"

#include "faker.h"
#include "fields.h"
#include "problems.h"
#include "text.h"

namespace emulator {

namespace {

const char *config_type(const std::string &job_type) {
    if (job_type == "reset")
        return "reset_connection";
    return job_type == "clear" ? "clear" : "sync";
}

int64_t seconds(int64_t ms) {
    return ms / 1000;
}

// Why the job's attempt failed: the destination write's error, the cancellation, or the reason
// its behaviour gives (with a default naming where failures are configured).
Json failure_reason(const Job &job, const JobView &view) {
    Json failure = Json::object();
    std::string origin = job.failure_origin.empty() ? "source" : job.failure_origin;
    std::string type = view.status == "incomplete" ? "transient_error" : "system_error";
    std::string message =
        job.failure_message.empty()
            ? "The sync failed as the emulator was told to (connection behaviour or source "
              "configuration outcome)."
            : job.failure_message;
    if (!job.failure_reason.empty()) {
        origin = "destination";
        message = job.failure_reason;
    } else if (view.status == "cancelled") {
        origin = "airbyte_platform";
        type = "manual_cancellation";
        message = "The sync was cancelled.";
    }
    failure.set_string("failureOrigin", origin);
    failure.set_string("failureType", type);
    failure.set_string("externalMessage", message);
    failure.set_string("internalMessage",
                       origin + " failure in job " + std::to_string(job.id) + ": " + message);
    failure.set_bool("retryable", type == "transient_error" || origin == "destination");
    failure.set_integer("timestamp", view.updated_ms);
    return failure;
}

std::vector<std::string> planned_stream_names(const State &state, const Connection &connection) {
    std::vector<std::string> names;
    const cJSON *entry = nullptr;
    cJSON_ArrayForEach(entry, json_member(connection.configurations.get(), "streams")) {
        if (auto name = json_string(entry, "name"))
            names.push_back(*name);
    }
    auto source = state.sources.find(connection.source_id);
    if (names.empty() && source != state.sources.end() && source->second.type == "faker")
        for (const FakerStream &stream : faker_streams())
            names.push_back(stream.name);
    return names;
}

std::string log_line(int64_t ms, const char *origin, const char *level, const std::string &text) {
    return iso8601_seconds(ms) + " " + origin + " " + level + " " + text;
}

}  // namespace

Json config_job_read(const Job &job, int64_t now) {
    JobView view = view_job(job, now);
    Json read = Json::object();
    read.set_integer("id", job.id);
    read.set_string("configType", config_type(job.job_type));
    read.set_string("configId", job.connection_id);
    read.set_integer("createdAt", seconds(job.created_ms));
    read.set_integer("updatedAt", seconds(view.updated_ms));
    if (view.status != "pending")
        read.set_integer("startedAt", seconds(job.created_ms + job.pending_ms));
    read.set_string("status", view.status);
    return read;
}

std::vector<Json> attempt_reads(const Job &job, int64_t now) {
    JobView view = view_job(job, now);
    if (view.status == "pending")
        return {};
    const bool running = view.status == "running";
    Json attempt = Json::object();
    attempt.set_integer("id", 0);
    attempt.set_string("status", running                      ? "running"
                                 : view.status == "succeeded" ? "succeeded"
                                                              : "failed");
    attempt.set_integer("createdAt", seconds(job.created_ms + job.pending_ms));
    attempt.set_integer("updatedAt", seconds(running ? now : view.updated_ms));
    if (!running)
        attempt.set_integer("endedAt", seconds(view.updated_ms));
    attempt.set_integer("bytesSynced", view.bytes);
    attempt.set_integer("recordsSynced", view.rows);
    if (!running && view.status != "succeeded") {
        Json failures = Json::array();
        failures.push(failure_reason(job, view));
        Json summary = Json::object();
        summary.set("failures", std::move(failures));
        summary.set_bool("partialSuccess", view.rows > 0);
        attempt.set("failureSummary", std::move(summary));
    }
    std::vector<Json> attempts;
    attempts.push_back(std::move(attempt));
    return attempts;
}

AttemptLog attempt_log(const State &state, const Job &job, int64_t now) {
    JobView view = view_job(job, now);
    AttemptLog log;
    if (view.status == "pending")
        return log;
    log.started_ms = job.created_ms + job.pending_ms;
    log.filler_lines = job.log_lines;
    std::string streams;
    auto connection = state.connections.find(job.connection_id);
    if (connection != state.connections.end())
        for (const std::string &name : planned_stream_names(state, connection->second))
            streams += (streams.empty() ? "" : ", ") + name;
    log.head.push_back(log_line(log.started_ms, "platform", "INFO",
                                "Starting " + job.job_type + " job " + std::to_string(job.id) +
                                    ", attempt 0, connection " + job.connection_id));
    log.head.push_back(log_line(log.started_ms, "source", "INFO", "Reading streams: " + streams));
    log.head.push_back(log_line(log.started_ms, "destination", "INFO",
                                "Writing to a " + job.destination_type + " destination"));
    if (view.status == "running") return log;  // a log only grows: the end lines come at the end
    const std::string totals =
        std::to_string(view.rows) + " records, " + std::to_string(view.bytes) + " bytes";
    if (view.status == "succeeded") {
        log.tail.push_back(
            log_line(view.updated_ms, "platform", "INFO", "Sync succeeded: " + totals));
        return log;
    }
    Json failure = failure_reason(job, view);
    const std::string origin = json_string(failure.get(), "failureOrigin").value_or("");
    log.tail.push_back(log_line(view.updated_ms, origin == "destination" ? "destination" : "source",
                                "ERROR",
                                json_string(failure.get(), "externalMessage").value_or("")));
    log.tail.push_back(
        log_line(view.updated_ms, "platform", "ERROR", "Sync " + view.status + " after " + totals));
    return log;
}

std::string filler_line(const AttemptLog &log, int64_t index) {
    return log_line(log.started_ms, "replication-orchestrator", "INFO",
                    "Read batch " + std::to_string(index + 1) + " of " +
                        std::to_string(log.filler_lines) + " (emulator log line)");
}

Json connection_state(const State &state, const Connection &connection, int64_t now) {
    const Job *latest = nullptr;
    int64_t latest_ms = 0;
    for (const auto &[id, job] : state.jobs) {
        JobView view = view_job(job, now);
        if (job.connection_id != connection.id || view.status != "succeeded" ||
            view.updated_ms < latest_ms)
            continue;
        latest = &job;
        latest_ms = view.updated_ms;
    }
    Json result = Json::object();
    result.set_string("stateType", "not_set");
    result.set_string("connectionId", connection.id);
    if (connection.saved_state && connection.state_saved_ms >= latest_ms) {
        Json saved = connection.saved_state;
        saved.set_string("connectionId", connection.id);
        return saved;
    }
    if (latest == nullptr || latest->job_type != "sync")
        return result;  // a reset or clear empties it
    Json streams = Json::array();
    for (const std::string &name : planned_stream_names(state, connection)) {
        Json blob = Json::object();
        blob.set_string("cursor_field", "updated_at");
        blob.set_string("cursor", iso8601_seconds(latest_ms));
        blob.set_integer("sync_job_id", latest->id);
        Json descriptor = Json::object();
        descriptor.set_string("name", name);
        Json entry = Json::object();
        entry.set("streamDescriptor", std::move(descriptor));
        entry.set("streamState", std::move(blob));
        streams.push(std::move(entry));
    }
    result.set_string("stateType", "stream");
    result.set("streamState", std::move(streams));
    return result;
}

Json saved_connection_state(const cJSON *given, const std::string &connection_id) {
    if (!cJSON_IsObject(given))
        throw problem::bad_request("connectionState must be an object.");
    auto type = optional_enum_field(given, "stateType", {"global", "stream", "legacy", "not_set"});
    if (!type)
        throw problem::bad_request("connectionState.stateType is required.");
    Json saved = Json::object();
    saved.set_string("stateType", *type);
    saved.set_string("connectionId", connection_id);
    // Only the member that belongs to the type is kept, as the server does.
    const char *member = *type == "global"   ? "globalState"
                         : *type == "stream" ? "streamState"
                                             : "state";
    if (*type == "stream" && !cJSON_IsArray(json_member(given, member)))
        throw problem::bad_request(
            "connectionState.streamState must be an array for stateType stream.");
    if (*type != "not_set" && json_member(given, member))
        saved.set(member, Json::copy_of(json_member(given, member)));
    return saved;
}

}  // namespace emulator
