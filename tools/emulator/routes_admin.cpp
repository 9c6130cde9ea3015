// /_emulator/...: the control surface tests use (no auth): faults, reset, stats, jobs, per-connection
// behaviour, the faker's rows, foreign workspaces. Documented in docs/EMULATOR.md.
#include "people.h"
#include "connectors.h"
#include "context.h"
#include "faker.h"
#include "fields.h"
#include "jobs.h"
#include "problems.h"
#include "text.h"

#include <cstdlib>

namespace emulator {

namespace {

void add_fault(Context &ctx) {
    Json body = ctx.body_object();
    Fault fault = fault_from_json(body.get());
    Json out = Json::object();
    out.set_integer("id", ctx.emulator.faults.add(std::move(fault)));
    ctx.send_json(201, out);
}

void list_faults(Context &ctx) { ctx.send_json(200, ctx.emulator.faults.list()); }

void clear_faults(Context &ctx) {
    ctx.emulator.faults.clear();
    ctx.send_no_content();
}

void reset(Context &ctx) {
    ctx.emulator.reset();
    set_clock_offset_ms(0);
    ctx.send_no_content();
}

Json clock_json() {
    Json out = Json::object();
    out.set_integer("offsetMs", clock_offset_ms());
    out.set_string("now", iso8601_seconds(now_ms()));
    return out;
}

void get_clock(Context &ctx) { ctx.send_json(200, clock_json()); }

// Shifts the emulator's clock (timestamps, job progress, the Date header) by offsetMs from the
// wall clock: a server whose clock is ahead (> 0) or behind (< 0) its clients.
void set_clock(Context &ctx) {
    Json body = ctx.body_object();
    const cJSON *offset = json_member(body.get(), "offsetMs");
    if (!offset || !json_is_integral(offset) || std::llabs(json_node_integer(offset)) > 366LL * 86400 * 1000)
        throw problem::bad_request("offsetMs is required: an integer of milliseconds within a year either way.");
    set_clock_offset_ms(json_node_integer(offset));
    ctx.emulator.runner.wake();
    ctx.send_json(200, clock_json());
}

void get_rate_limit(Context &ctx) { ctx.send_json(200, ctx.emulator.faults.rate_limit_json()); }

// Answers 429 above perSecond API requests per wall-clock second (0: off), with Retry-After
// when retryAfter (seconds) is given.
void set_rate_limit(Context &ctx) {
    Json body = ctx.body_object();
    const cJSON *per_second = json_member(body.get(), "perSecond");
    if (!per_second || !json_is_integral(per_second) || json_node_integer(per_second) < 0)
        throw problem::bad_request("perSecond is required: a non-negative integer (0 turns the limit off).");
    std::optional<int64_t> retry_after;
    if (const cJSON *value = json_member(body.get(), "retryAfter"); value && !cJSON_IsNull(value)) {
        if (!json_is_integral(value) || json_node_integer(value) < 0)
            throw problem::bad_request("retryAfter must be a non-negative integer of seconds.");
        retry_after = json_node_integer(value);
    }
    ctx.emulator.faults.set_rate_limit(json_node_integer(per_second), retry_after);
    ctx.send_json(200, ctx.emulator.faults.rate_limit_json());
}

void stats(Context &ctx) { ctx.send_json(200, ctx.emulator.stats.to_json()); }

void list_jobs(Context &ctx) {
    Json out = Json::array();
    std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
    for (const auto &[id, job] : ctx.emulator.state.jobs) out.push(job_detail(job, ctx.now));
    ctx.send_json(200, out);
}

void complete(Context &ctx) {
    auto id = parse_int64(ctx.params[0]);
    if (!id) throw problem::bad_request("job id must be an integer.");
    Json body = ctx.body_object();
    auto status = optional_enum_field(body.get(), "status", {"succeeded", "failed", "cancelled", "incomplete"});
    if (!status) throw problem::bad_request("status is required: succeeded, failed, cancelled or incomplete.");
    Json detail = complete_job(ctx.emulator, *id, *status);
    ctx.emulator.runner.wake();
    ctx.send_json(200, detail);
}

void set_behaviour(Context &ctx) {
    const std::string id = to_lower(ctx.params[0]);
    Json body = ctx.body_object();
    Behaviour behaviour;
    behaviour.outcome = optional_enum_field(body.get(), "outcome", {"succeeded", "failed", "incomplete", "cancelled", "running"})
                            .value_or("");
    if (const cJSON *duration = json_member(body.get(), "durationMs"); duration && !cJSON_IsNull(duration)) {
        if (!json_is_integral(duration) || json_node_integer(duration) < 0)
            throw problem::bad_request("durationMs must be a non-negative integer.");
        behaviour.duration_ms = json_node_integer(duration);
    }
    behaviour.failure_origin =
        optional_enum_field(body.get(), "failureOrigin",
                            {"source", "destination", "replication", "persistence", "airbyte_platform", "unknown"})
            .value_or("");
    behaviour.failure_message = optional_string_field(body.get(), "failureMessage").value_or("");
    if (const cJSON *lines = json_member(body.get(), "logLines"); lines && !cJSON_IsNull(lines)) {
        if (!json_is_integral(lines) || json_node_integer(lines) < 0 || json_node_integer(lines) > 100000000)
            throw problem::bad_request("logLines must be an integer from 0 to 100000000.");
        behaviour.log_lines = json_node_integer(lines);
    }
    if (behaviour.outcome.empty() && !behaviour.duration_ms && behaviour.failure_message.empty() &&
        behaviour.log_lines == 0)
        throw problem::bad_request("Give outcome, durationMs, failureOrigin/failureMessage and/or logLines.");
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        if (!ctx.emulator.state.connections.count(id)) throw problem::not_found("connection", id);
        ctx.emulator.state.behaviours[id] = behaviour;
    }
    ctx.emulator.persist();
    ctx.send_no_content();
}

void clear_behaviour(Context &ctx) {
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        ctx.emulator.state.behaviours.erase(to_lower(ctx.params[0]));
    }
    ctx.emulator.persist();
    ctx.send_no_content();
}

void faker_rows(Context &ctx) {
    const FakerStream *stream = find_faker_stream(ctx.params[0]);
    if (!stream) throw problem::not_found("stream", ctx.params[0]);
    FakerSettings settings;
    if (auto count = ctx.query("count")) {
        auto value = parse_int64(*count);
        if (!value || *value < 1 || *value > 1000000) throw problem::bad_request("count must be 1..1000000.");
        settings.count = *value;
    }
    if (auto seed = ctx.query("seed")) {
        auto value = parse_int64(*seed);
        if (!value) throw problem::bad_request("seed must be an integer.");
        // Same rule as a source configuration: -1 ("random") is seed 0.
        settings.seed = *value == -1 ? 0 : *value;
    }
    Json rows = Json::array();
    const int64_t total = faker_row_count(*stream, settings.count);
    for (int64_t index = 0; index < total; ++index) rows.push(faker_row(*stream, index, settings.count, settings.seed));
    ctx.send_json(200, rows);
}

void create_foreign_workspace(Context &ctx) {
    Json body = ctx.body_object();
    Workspace workspace;
    workspace.name = optional_string_field(body.get(), "name").value_or("Foreign Workspace");
    workspace.id = new_uuid();
    workspace.created_ms = ctx.now;
    Json out = Json::object();
    out.set_string("workspaceId", workspace.id);
    out.set_string("name", workspace.name);
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        workspace.sequence = ctx.emulator.state.next_sequence++;
        ctx.emulator.state.workspaces[workspace.id] = std::move(workspace);
    }
    ctx.emulator.persist();
    ctx.send_json(201, out);
}

// A user with its own API key and no access: permissions (POST /v1/permissions by a caller who
// can reach the workspace or organization) then grant it some.
void create_user(Context &ctx) {
    Json body = ctx.body_object();
    std::string name = optional_string_field(body.get(), "name").value_or("Emulator User");
    std::string email = optional_string_field(body.get(), "email").value_or("user@emulator.example");
    Json out;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        out = add_user(ctx.emulator.state, name, email);
    }
    ctx.emulator.persist();
    ctx.send_json(201, out);
}

}  // namespace

// Under /_emulator; none asks for credentials.
RouteTable admin_routes() {
    return {
        {"POST", "/faults", add_fault, false},
        {"GET", "/faults", list_faults, false},
        {"DELETE", "/faults", clear_faults, false},
        {"POST", "/reset", reset, false},
        {"GET", "/stats", stats, false},
        {"GET", "/clock", get_clock, false},
        {"POST", "/clock", set_clock, false},
        {"GET", "/rate-limit", get_rate_limit, false},
        {"POST", "/rate-limit", set_rate_limit, false},
        {"GET", "/jobs", list_jobs, false},
        {"POST", "/jobs/{id}/complete", complete, false},
        {"POST", "/connections/{id}/behaviour", set_behaviour, false},
        {"POST", "/connections/{id}/behavior", set_behaviour, false},
        {"DELETE", "/connections/{id}/behaviour", clear_behaviour, false},
        {"GET", "/faker/{stream}", faker_rows, false},
        {"POST", "/workspaces", create_foreign_workspace, false},
        {"POST", "/users", create_user, false},
    };
}

}  // namespace emulator
