// /jobs: create (sync, reset, clear), get, cancel (DELETE), list with filters and ordering.
#include "access.h"
#include "fields.h"
#include "jobs.h"
#include "pagination.h"
#include "problems.h"
#include "text.h"

#include <algorithm>
#include <cctype>

namespace emulator {

namespace {

int64_t require_job_id(const std::string &raw) {
    auto id = parse_int64(raw);
    if (!id) throw problem::bad_request("jobId must be an integer, got '" + raw + "'.");
    return *id;
}

void create(Context &ctx) {
    Json body = ctx.body_object();
    const std::string connection_id = required_uuid_field(body.get(), "connectionId");
    auto job_type = optional_enum_field(body.get(), "jobType", {"sync", "reset", "refresh", "clear"});
    if (!job_type) throw problem::bad_request("jobType is required.");
    if (*job_type == "refresh") throw problem::unprocessable("Refreshes are not supported in the public API.");
    Json response;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        Connection &connection = require_connection(ctx, connection_id);
        Job &job = create_job(ctx.emulator.state, ctx.emulator.options, connection, *job_type, ctx.now);
        response = job_response(job, ctx.now);
    }
    ctx.emulator.stats.record_job_created();
    ctx.emulator.runner.wake();
    ctx.emulator.persist();
    ctx.send_json(200, response);
}

void get(Context &ctx) {
    const int64_t id = require_job_id(ctx.params[0]);
    std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
    ctx.send_json(200, job_response(require_job(ctx, id), ctx.now));
}

void cancel(Context &ctx) {
    const int64_t id = require_job_id(ctx.params[0]);
    Json response;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        Job &job = require_job(ctx, id);
        cancel_job(job, ctx.now);
        response = job_response(job, ctx.now);
    }
    ctx.emulator.persist();
    ctx.send_json(200, response);
}

std::optional<int64_t> time_filter(const Context &ctx, const char *name) {
    auto value = ctx.query(name);
    if (!value) return std::nullopt;
    auto parsed = parse_date_time_ms(*value);
    if (!parsed) throw problem::bad_request(std::string(name) + " must be an ISO-8601 date-time, got '" + *value + "'.");
    return parsed;
}

struct Ordering {
    bool by_updated = false;
    bool descending = false;
};

// The real server's JobsHelper: ([a-zA-Z0-9]+)\|(ASC|DESC), field createdAt or updatedAt.
Ordering read_ordering(const Context &ctx) {
    Ordering ordering;
    auto value = ctx.query("orderBy");
    if (!value) return ordering;
    size_t bar = value->find('|');
    std::string field = bar == std::string::npos ? *value : value->substr(0, bar);
    std::string direction = bar == std::string::npos ? "" : value->substr(bar + 1);
    bool field_ok = !field.empty() && std::all_of(field.begin(), field.end(), [](unsigned char c) { return std::isalnum(c); });
    if (!field_ok || (direction != "ASC" && direction != "DESC") || (field != "createdAt" && field != "updatedAt"))
        throw problem::bad_request("orderBy must be createdAt|ASC, createdAt|DESC, updatedAt|ASC or updatedAt|DESC, got '" +
                                   *value + "'.");
    ordering.by_updated = field == "updatedAt";
    ordering.descending = direction == "DESC";
    return ordering;
}

void list(Context &ctx) {
    Page page = read_page(ctx);
    auto connection_id = ctx.query("connectionId");
    const std::vector<std::string> requested = ctx.query_list("workspaceIds");
    auto job_type = ctx.query("jobType");
    if (job_type && !is_one_of(*job_type, {"sync", "reset", "refresh", "clear"}))
        throw problem::bad_request("jobType must be one of sync, reset, refresh, clear, got '" + *job_type + "'.");
    auto status = ctx.query("status");
    if (status && !is_one_of(*status, {"pending", "queued", "running", "incomplete", "failed", "succeeded", "cancelled"}))
        throw problem::bad_request("status must be one of pending, queued, running, incomplete, failed, succeeded, "
                                   "cancelled, got '" + *status + "'.");
    const auto created_start = time_filter(ctx, "createdAtStart");
    const auto created_end = time_filter(ctx, "createdAtEnd");
    const auto updated_start = time_filter(ctx, "updatedAtStart");
    const auto updated_end = time_filter(ctx, "updatedAtEnd");
    const Ordering ordering = read_ordering(ctx);

    Json data = Json::array();
    std::string normalised_connection;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        std::vector<std::string> workspaces;
        if (connection_id) {
            normalised_connection = require_connection(ctx, *connection_id).id;
        }
        if (!connection_id || !requested.empty()) workspaces = listed_workspaces(ctx, requested);

        struct Entry {
            const Job *job;
            int64_t sort_key;
        };
        std::vector<Entry> matching;
        for (const auto &[id, job] : ctx.emulator.state.jobs) {
            if (connection_id && job.connection_id != normalised_connection) continue;
            if ((!connection_id || !requested.empty()) &&
                std::find(workspaces.begin(), workspaces.end(), job.workspace_id) == workspaces.end())
                continue;
            if (job_type && job.job_type != *job_type) continue;
            JobView view = view_job(job, ctx.now);
            if (status && view.status != *status) continue;
            if (created_start && job.created_ms < *created_start) continue;
            if (created_end && job.created_ms > *created_end) continue;
            if (updated_start && view.updated_ms < *updated_start) continue;
            if (updated_end && view.updated_ms > *updated_end) continue;
            matching.push_back({&job, ordering.by_updated ? view.updated_ms : job.created_ms});
        }
        std::stable_sort(matching.begin(), matching.end(), [&](const Entry &a, const Entry &b) {
            if (a.sort_key != b.sort_key) return ordering.descending ? a.sort_key > b.sort_key : a.sort_key < b.sort_key;
            return ordering.descending ? a.job->id > b.job->id : a.job->id < b.job->id;
        });
        for (const Entry &entry : page_slice(matching, page)) data.push(job_response(*entry.job, ctx.now));
    }
    // Like the real server, links carry only jobType, connectionId/workspaceIds, limit and offset.
    QueryPairs carried;
    if (job_type) carried.emplace_back("jobType", *job_type);
    if (connection_id) carried.emplace_back("connectionId", normalised_connection);
    for (const auto &id : requested) carried.emplace_back("workspaceIds", id);
    ctx.send_json(200, list_response(ctx, "/jobs", carried, page, std::move(data)));
}

}  // namespace

RouteTable job_routes() { return collection_routes("/jobs", {list, create, get, nullptr, cancel}); }

}  // namespace emulator
