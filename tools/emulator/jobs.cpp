#include "jobs.h"

#include "connectors.h"
#include "problems.h"
#include "text.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

namespace emulator {

namespace {

// Rows a job ends with, per outcome: nothing is committed by a failed sync, half by an
// interrupted one.
int64_t rows_for_outcome(const std::string &status, int64_t total) {
    if (status == "succeeded") return total;
    if (status == "failed") return 0;
    return total / 2;
}

const Behaviour *behaviour_for(const State &state, const std::string &connection_id) {
    auto found = state.behaviours.find(connection_id);
    return found == state.behaviours.end() ? nullptr : &found->second;
}

void finalise(Job &job, const std::string &status, int64_t now) {
    JobView view = view_job(job, now);
    job.final_status = status;
    job.final_ms = now;
    if (status == "cancelled") {
        job.final_rows = view.rows;
        job.final_bytes = view.bytes;
    } else {
        job.final_rows = rows_for_outcome(status, job.total_rows);
        job.final_bytes = rows_for_outcome(status, job.total_bytes);
    }
}

std::string namespace_schema(const Connection &connection, const Actor &destination) {
    std::string schema = json_string(destination.configuration.get(), "schema").value_or("public");
    if (connection.namespace_definition == "custom_format" && connection.namespace_format) {
        std::string format = *connection.namespace_format;
        // Faker streams have no source namespace, so ${SOURCE_NAMESPACE} expands to nothing.
        const std::string placeholder = "${SOURCE_NAMESPACE}";
        for (size_t at = format.find(placeholder); at != std::string::npos; at = format.find(placeholder))
            format.erase(at, placeholder.size());
        if (!format.empty()) schema = format;
    }
    if (schema.empty()) schema = "public";
    return normalise_identifier(schema);
}

}  // namespace

uint64_t next_job_instance() {
    static std::atomic<uint64_t> counter{1};
    return counter++;
}

bool is_terminal_status(const std::string &status) {
    return status == "succeeded" || status == "failed" || status == "cancelled";
}

JobView view_job(const Job &job, int64_t now) {
    JobView view{};
    if (!job.final_status.empty()) {
        view.status = job.final_status;
        view.updated_ms = job.final_ms;
        view.elapsed_ms = job.final_ms - job.created_ms;
        view.rows = job.final_rows;
        view.bytes = job.final_bytes;
        return view;
    }
    const int64_t elapsed = std::max<int64_t>(0, now - job.created_ms);
    if (elapsed < job.pending_ms) {
        view.status = "pending";
        view.updated_ms = job.created_ms;
        view.elapsed_ms = elapsed;
        return view;
    }
    const bool run_over = job.outcome != "running" && elapsed >= job.duration_ms;
    if (!run_over || (job.writes_destination && job.outcome == "succeeded")) {
        const int64_t span = std::max<int64_t>(1, job.duration_ms - job.pending_ms);
        const double fraction = std::min(1.0, static_cast<double>(elapsed - job.pending_ms) / static_cast<double>(span));
        view.status = "running";
        view.updated_ms = job.created_ms + job.pending_ms;
        view.elapsed_ms = elapsed;
        view.rows = static_cast<int64_t>(static_cast<double>(job.total_rows) * fraction);
        view.bytes = static_cast<int64_t>(static_cast<double>(job.total_bytes) * fraction);
        view.writing = run_over;
        return view;
    }
    view.status = job.outcome;
    view.updated_ms = job.created_ms + job.duration_ms;
    view.elapsed_ms = job.duration_ms;
    view.rows = rows_for_outcome(job.outcome, job.total_rows);
    view.bytes = rows_for_outcome(job.outcome, job.total_bytes);
    return view;
}

bool job_is_active(const Job &job, int64_t now) {
    JobView view = view_job(job, now);
    return view.status == "pending" || view.status == "running";
}

Json job_response(const Job &job, int64_t now) {
    JobView view = view_job(job, now);
    Json out = Json::object();
    out.set_integer("jobId", job.id);
    out.set_string("status", view.status);
    out.set_string("jobType", job.job_type);
    out.set_string("startTime", iso8601_seconds(job.created_ms));
    out.set_string("connectionId", job.connection_id);
    if (is_terminal_status(view.status)) out.set_string("lastUpdatedAt", iso8601_seconds(view.updated_ms));
    if (view.status != "pending") {
        out.set_string("duration", iso8601_duration(view.elapsed_ms));
        out.set_integer("bytesSynced", view.bytes);
        out.set_integer("rowsSynced", view.rows);
    }
    return out;
}

Json job_detail(const Job &job, int64_t now) {
    Json out = job_response(job, now);
    JobView view = view_job(job, now);
    out.set_string("workspaceId", job.workspace_id);
    out.set_integer("createdAtMs", job.created_ms);
    out.set_integer("updatedAtMs", view.updated_ms);
    out.set_integer("pendingMs", job.pending_ms);
    out.set_integer("durationMs", job.duration_ms);
    out.set_string("outcome", job.outcome);
    out.set_integer("rowsTotal", job.total_rows);
    out.set_integer("bytesTotal", job.total_bytes);
    out.set_integer("generationId", job.generation);
    out.set_string("destinationType", job.destination_type);
    out.set_bool("writesDestination", job.writes_destination);
    out.set_string("writeState", job.write_state);
    out.set_bool("writing", view.writing);
    if (!job.failure_reason.empty()) out.set_string("failureReason", job.failure_reason);
    return out;
}

std::vector<PlannedStream> planned_streams(const Connection &connection, const Actor &source) {
    std::vector<PlannedStream> planned;
    if (source.type != "faker") return planned;
    const cJSON *streams = json_member(connection.configurations.get(), "streams");
    const cJSON *entry = nullptr;
    cJSON_ArrayForEach(entry, streams) {
        auto name = json_string(entry, "name");
        const FakerStream *stream = name ? find_faker_stream(*name) : nullptr;
        if (!stream) continue;
        PlannedStream plan{stream, normalise_identifier(connection.prefix + stream->name), {}, false};
        std::string sync_mode = json_string(entry, "syncMode").value_or("full_refresh_overwrite");
        plan.append = sync_mode == "full_refresh_append" || sync_mode == "incremental_append";
        const cJSON *selected = json_member(entry, "selectedFields");
        for (size_t index = 0; index < stream->columns.size(); ++index) {
            bool include = !cJSON_IsArray(selected) || cJSON_GetArraySize(selected) == 0;
            const cJSON *field = nullptr;
            cJSON_ArrayForEach(field, selected) {
                const cJSON *path = json_member(field, "fieldPath");
                const cJSON *first = cJSON_IsArray(path) ? cJSON_GetArrayItem(path, 0) : nullptr;
                if (cJSON_IsString(first) && stream->columns[index].name == first->valuestring) include = true;
            }
            if (include) plan.columns.push_back(index);
        }
        planned.push_back(std::move(plan));
    }
    return planned;
}

Job &create_job(State &state, const Options &options, Connection &connection, const std::string &job_type,
                int64_t now) {
    for (const auto &[id, existing] : state.jobs) {
        if (existing.connection_id == connection.id && job_is_active(existing, now))
            throw problem::try_again_later("A sync is already running for connection " + connection.id +
                                           " (job " + std::to_string(id) + ").");
    }
    const Actor &source = state.sources.at(connection.source_id);
    const Actor &destination = state.destinations.at(connection.destination_id);

    Job job;
    job.id = state.next_job_id++;
    job.connection_id = connection.id;
    job.workspace_id = connection.workspace_id;
    job.job_type = job_type;
    job.created_ms = now;
    job.instance = next_job_instance();
    job.destination_type = destination.type;

    // Precedence: admin behaviour for the connection, then the source's reserved keys, then flags.
    job.outcome = "succeeded";
    job.duration_ms = options.job_duration_ms;
    if (auto outcome = json_string(source.configuration.get(), outcome_key); outcome && is_job_outcome(*outcome))
        job.outcome = *outcome;
    if (auto duration = json_integer(source.configuration.get(), duration_key); duration && *duration >= 0)
        job.duration_ms = *duration;
    if (const Behaviour *behaviour = behaviour_for(state, connection.id)) {
        if (!behaviour->outcome.empty()) job.outcome = behaviour->outcome;
        if (behaviour->duration_ms) job.duration_ms = *behaviour->duration_ms;
        job.failure_origin = behaviour->failure_origin;
        job.failure_message = behaviour->failure_message;
        job.log_lines = behaviour->log_lines;
    }
    job.pending_ms = std::min<int64_t>(job.duration_ms / 10, 500);

    if (job_type == "sync") {
        if (source.type == "faker") {
            FakerSettings settings = faker_settings(source.configuration.get());
            for (const PlannedStream &plan : planned_streams(connection, source)) {
                int64_t rows = faker_row_count(*plan.stream, settings.count);
                job.total_rows += rows;
                job.total_bytes += rows * plan.stream->average_row_bytes;
            }
        } else {
            // Nothing is known about other sources' data; report a plausible volume.
            job.total_rows = 1000;
            job.total_bytes = 250000;
        }
    }
    job.writes_destination = destination.type == "postgres" && source.type == "faker";
    job.generation = ++connection.generation;
    auto [inserted, ok] = state.jobs.emplace(job.id, std::move(job));
    (void)ok;
    return inserted->second;
}

void cancel_job(Job &job, int64_t now) {
    JobView view = view_job(job, now);
    if (view.status != "pending" && view.status != "running")
        throw problem::state_conflict("Job " + std::to_string(job.id) + " is already " + view.status +
                                      " and cannot be cancelled.");
    finalise(job, "cancelled", now);
}

PostgresTarget postgres_target(const cJSON *config) {
    PostgresTarget target;
    target.host = json_string(config, "host").value_or("");
    target.port = static_cast<int>(json_integer(config, "port").value_or(5432));
    target.database = json_string(config, "database").value_or("");
    target.user = json_string(config, "username").value_or("");
    target.password = json_string(config, "password").value_or("");
    if (auto mode = json_string(json_member(config, "ssl_mode"), "mode")) {
        target.ssl_mode = *mode;
    } else if (json_bool(config, "ssl").value_or(false)) {
        target.ssl_mode = "require";
    }
    return target;
}

namespace {

// The Postgres destination's connection settings; an error when the emulator cannot reach it.
std::string read_postgres_target(const cJSON *config, DestinationWrite &write) {
    write.target = postgres_target(config);
    write.unconstrained_number = json_bool(config, "unconstrained_number").value_or(false);
    auto tunnel = json_string(json_member(config, "tunnel_method"), "tunnel_method");
    return tunnel && *tunnel != "NO_TUNNEL" ? "the emulator cannot open SSH tunnels" : "";
}

// Plans the job's write (requires the mutex). Returns an error when it cannot be done.
std::string plan_write(State &state, Job &job, DestinationWrite &write) {
    auto connection = state.connections.find(job.connection_id);
    if (connection == state.connections.end())
        return "the connection, its source or its destination no longer exists";
    auto source = state.sources.find(connection->second.source_id);
    auto destination = state.destinations.find(connection->second.destination_id);
    if (source == state.sources.end() || destination == state.destinations.end())
        return "the connection, its source or its destination no longer exists";
    std::string error = read_postgres_target(destination->second.configuration.get(), write);
    write.schema = namespace_schema(connection->second, destination->second);
    FakerSettings settings = faker_settings(source->second.configuration.get());
    write.count = settings.count;
    write.seed = settings.seed;
    write.job_id = job.id;
    write.generation = job.generation;
    write.clear_only = job.job_type != "sync";
    write.extracted_at_ms = now_ms();
    for (PlannedStream &plan : planned_streams(connection->second, source->second))
        write.streams.push_back({plan.table, plan.stream, plan.columns, plan.append});
    return error;
}

// The job of `instance` (not a later job that got the same id after a reset), or nullptr.
Job *find_instance(Emulator &emulator, int64_t job_id, uint64_t instance) {
    auto found = emulator.state.jobs.find(job_id);
    return found != emulator.state.jobs.end() && found->second.instance == instance ? &found->second : nullptr;
}

}  // namespace

void run_destination_write(Emulator &emulator, int64_t job_id) {
    DestinationWrite write;
    std::string error;
    uint64_t instance = 0;
    {
        std::lock_guard<std::mutex> lock(emulator.mutex);
        auto found = emulator.state.jobs.find(job_id);
        if (found == emulator.state.jobs.end() || !found->second.final_status.empty()) return;
        instance = found->second.instance;
        found->second.write_state = "writing";
        error = plan_write(emulator.state, found->second, write);
    }
    if (error.empty()) {
        error = write_to_postgres(write, [&] {
            std::lock_guard<std::mutex> lock(emulator.mutex);
            Job *job = find_instance(emulator, job_id, instance);
            return job != nullptr && job->final_status.empty();
        });
    }
    {
        std::lock_guard<std::mutex> lock(emulator.mutex);
        Job *job = find_instance(emulator, job_id, instance);
        if (job == nullptr) return;
        if (!job->final_status.empty()) {
            job->write_state = "discarded";
        } else if (error.empty()) {
            job->write_state = "committed";
            finalise(*job, "succeeded", now_ms());
        } else {
            job->write_state = "failed";
            job->failure_reason = error;
            finalise(*job, "failed", now_ms());
        }
    }
    if (!error.empty() && error != "cancelled before commit")
        emulator.log_error("job " + std::to_string(job_id) + ": destination write failed: " + error);
    emulator.persist();
}

Json complete_job(Emulator &emulator, int64_t job_id, const std::string &status) {
    if (status == "succeeded") {
        // A write already under way decides the outcome itself; wait for it rather than race it.
        for (int waited_ms = 0; waited_ms < 60000; waited_ms += 10) {
            {
                std::lock_guard<std::mutex> lock(emulator.mutex);
                auto found = emulator.state.jobs.find(job_id);
                if (found == emulator.state.jobs.end()) throw problem::not_found("job", std::to_string(job_id));
                const std::string &state = found->second.write_state;
                if (state != "queued" && state != "writing") break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    bool write_first = false;
    {
        std::lock_guard<std::mutex> lock(emulator.mutex);
        auto found = emulator.state.jobs.find(job_id);
        if (found == emulator.state.jobs.end()) throw problem::not_found("job", std::to_string(job_id));
        Job &job = found->second;
        const int64_t now = now_ms();
        write_first = status == "succeeded" && job.writes_destination && job.write_state != "committed" &&
                      job.write_state != "writing" && job.write_state != "queued" && job.final_status != "succeeded";
        if (write_first) {
            job.final_status.clear();
            job.write_state = "queued";
        } else {
            finalise(job, status, now);
        }
    }
    if (write_first) run_destination_write(emulator, job_id);
    emulator.persist();
    std::lock_guard<std::mutex> lock(emulator.mutex);
    auto found = emulator.state.jobs.find(job_id);
    if (found == emulator.state.jobs.end()) throw problem::not_found("job", std::to_string(job_id));
    return job_detail(found->second, now_ms());
}

// ---- JobRunner ----

JobRunner::~JobRunner() { stop(); }

void JobRunner::start() {
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
}

void JobRunner::stop() {
    {
        std::lock_guard<std::mutex> lock(wake_mutex_);
        stopping_ = true;
    }
    wake_condition_.notify_all();
    if (thread_.joinable()) thread_.join();
    std::vector<Writer> writers;
    {
        std::lock_guard<std::mutex> lock(writers_mutex_);
        writers.swap(writers_);
    }
    for (auto &writer : writers)
        if (writer.thread.joinable()) writer.thread.join();
}

void JobRunner::wake() {
    {
        std::lock_guard<std::mutex> lock(wake_mutex_);
        woken_ = true;
    }
    wake_condition_.notify_all();
}

void JobRunner::loop() {
    while (true) {
        std::vector<int64_t> due;
        int64_t next_deadline = now_ms() + 1000;
        {
            std::lock_guard<std::mutex> lock(emulator_.mutex);
            const int64_t now = now_ms();
            for (auto &[id, job] : emulator_.state.jobs) {
                if (!job.writes_destination || job.outcome != "succeeded" || !job.final_status.empty() ||
                    !job.write_state.empty())
                    continue;
                const int64_t deadline = job.created_ms + job.duration_ms;
                if (deadline <= now) {
                    job.write_state = "queued";
                    due.push_back(id);
                } else {
                    next_deadline = std::min(next_deadline, deadline);
                }
            }
        }
        for (int64_t id : due) launch_write(id);
        std::unique_lock<std::mutex> lock(wake_mutex_);
        if (stopping_) return;
        if (!woken_) {
            const int64_t wait = std::max<int64_t>(1, next_deadline - now_ms());
            wake_condition_.wait_for(lock, std::chrono::milliseconds(wait), [this] { return stopping_ || woken_; });
        }
        woken_ = false;
        if (stopping_) return;
    }
}

void JobRunner::launch_write(int64_t job_id) {
    std::lock_guard<std::mutex> lock(writers_mutex_);
    if (stopping_) return;
    // Join writers that are done so a long run does not pile up finished threads.
    for (auto it = writers_.begin(); it != writers_.end();) {
        if (it->done->load()) {
            it->thread.join();
            it = writers_.erase(it);
        } else {
            ++it;
        }
    }
    auto done = std::make_shared<std::atomic<bool>>(false);
    writers_.push_back({std::thread([this, job_id, done] {
                            run_destination_write(emulator_, job_id);
                            done->store(true);
                        }),
                        done});
}

}  // namespace emulator
