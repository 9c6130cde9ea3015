// The Config API (/api/v1, config.yaml): the operations libairbyte_cloud uses for what the public
// API lacks. Every operation is a POST of a JSON body; the routes are one table.
#include "access.h"
#include "attempts.h"
#include "connectors.h"
#include "faker.h"
#include "fields.h"
#include "problems.h"
#include "text.h"

namespace emulator {

namespace {

int64_t required_integer_field(const cJSON *body, const char *key) {
    const cJSON *value = json_member(body, key);
    if (!value || !json_is_integral(value))
        throw problem::bad_request(std::string(key) + " must be an integer.");
    return json_node_integer(value);
}

Json attempt_info(Json attempt) {
    Json info = Json::object();
    info.set("attempt", std::move(attempt));
    return info;
}

// JobInfoRead; with_logs adds each attempt's log (formatted lines), as /jobs/get does.
void job_info(Context &ctx, bool with_logs) {
    Json body = ctx.body_object();
    const int64_t id = required_integer_field(body.get(), "id");
    std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
    const Job &job = require_job(ctx, id);
    Json attempts = Json::array();
    for (Json &attempt : attempt_reads(job, ctx.now)) {
        Json info = attempt_info(std::move(attempt));
        if (with_logs) {
            AttemptLog log = attempt_log(ctx.emulator.state, job, ctx.now);
            Json lines = Json::array();
            for (const auto &line : log.head)
                lines.push(Json::string(line));
            for (int64_t i = 0; i < log.filler_lines; ++i)
                lines.push(Json::string(filler_line(log, i)));
            for (const auto &line : log.tail)
                lines.push(Json::string(line));
            Json logs = Json::object();
            logs.set("logLines", std::move(lines));
            info.set_string("logType", "formatted");
            info.set("logs", std::move(logs));
        }
        attempts.push(std::move(info));
    }
    Json read = Json::object();
    read.set("job", config_job_read(job, ctx.now));
    read.set("attempts", std::move(attempts));
    ctx.send_json(200, read);
}

// AttemptInfoRead with the log streamed in chunks: a log of millions of lines is never built whole.
void attempt_for_job(Context &ctx) {
    Json body = ctx.body_object();
    const int64_t job_id = required_integer_field(body.get(), "jobId");
    const int64_t number = required_integer_field(body.get(), "attemptNumber");
    std::string prefix;
    auto log = std::make_shared<AttemptLog>();
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        const Job &job = require_job(ctx, job_id);
        std::vector<Json> attempts = attempt_reads(job, ctx.now);
        if (number < 0 || number >= static_cast<int64_t>(attempts.size()))
            throw problem::not_found("attempt",
                                     std::to_string(job_id) + "/" + std::to_string(number));
        prefix = "{\"attempt\":" + attempts[static_cast<size_t>(number)].dump() +
                 ",\"logType\":\"formatted\",\"logs\":{\"logLines\":[";
        *log = attempt_log(ctx.emulator.state, job, ctx.now);
    }
    const int64_t total =
        static_cast<int64_t>(log->head.size() + log->tail.size()) + log->filler_lines;
    auto next = std::make_shared<int64_t>(-1);  // -1: the prefix is still to be sent
    ctx.response.status = 200;
    ctx.response.set_chunked_content_provider(
        "application/json", [log, prefix, total, next](size_t, httplib::DataSink &sink) {
            std::string chunk = *next < 0 ? prefix : std::string();
            for (*next = std::max<int64_t>(*next, 0); *next < total && chunk.size() < 65536;
                 ++*next) {
                const int64_t i = *next, head = static_cast<int64_t>(log->head.size());
                const std::string line =
                    i < head ? log->head[static_cast<size_t>(i)]
                    : i < head + log->filler_lines
                        ? filler_line(*log, i - head)
                        : log->tail[static_cast<size_t>(i - head - log->filler_lines)];
                if (i > 0)
                    chunk += ',';
                chunk += Json::string(line).dump();
            }
            if (*next >= total)
                chunk += "]}}";
            if (!sink.write(chunk.data(), chunk.size()))
                return false;
            if (*next >= total)
                sink.done();
            return true;
        });
}

// The request body's connectionId (400 unless a UUID), for the routes on one connection.
std::string requested_connection_id(const Context &ctx) {
    return required_uuid_field(ctx.body_object().get(), "connectionId");
}

void get_state(Context &ctx) {
    const std::string id = requested_connection_id(ctx);
    std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
    const Connection &connection = require_connection(ctx, id);
    ctx.send_json(200, connection_state(ctx.emulator.state, connection, ctx.now));
}

void create_or_update_state(Context &ctx) {
    Json body = ctx.body_object();
    const std::string id = required_uuid_field(body.get(), "connectionId");
    Json response;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        Connection &connection = require_connection(ctx, id);
        connection.saved_state =
            saved_connection_state(optional_object_field(body.get(), "connectionState"), id);
        connection.state_saved_ms = ctx.now;
        response = connection_state(ctx.emulator.state, connection, ctx.now);
    }
    ctx.emulator.persist();
    ctx.send_json(200, response);
}

// The public API's combined sync modes as the Config API's (syncMode, destinationSyncMode).
std::pair<std::string, std::string> split_sync_mode(const std::string &mode) {
    if (mode == "incremental_deduped_history")
        return {"incremental", "append_dedup"};
    if (mode == "full_refresh_overwrite_deduped")
        return {"full_refresh", "overwrite_dedup"};
    if (mode.rfind("incremental_", 0) == 0)
        return {"incremental", mode.substr(12)};
    if (mode.rfind("full_refresh_", 0) == 0)
        return {"full_refresh", mode.substr(13)};
    return {"full_refresh", "overwrite"};
}

Json stream_json_schema(const std::string &name) {
    static const char *const types[] = {"integer", "number", "string", "string", "object"};
    Json properties = Json::object();
    if (const FakerStream *stream = find_faker_stream(name)) {
        for (const FakerColumn &column : stream->columns) {
            Json type = Json::object();
            type.set_string("type", types[static_cast<int>(column.type)]);
            properties.set(column.name.c_str(), std::move(type));
        }
    }
    Json schema = Json::object();
    schema.set_string("type", "object");
    schema.set("properties", std::move(properties));
    return schema;
}

Json array_copy(const cJSON *array) {
    return cJSON_IsArray(array) ? Json::copy_of(array) : Json::array();
}

// An AirbyteStreamAndConfiguration. The stream's name is in config.aliasName (as the server sets
// it); `stream` only with the catalog-stream quirk (see Quirks).
Json catalog_entry(const cJSON *configured, bool with_stream) {
    const std::string name = json_string(configured, "name").value_or("");
    auto [sync_mode, destination_mode] =
        split_sync_mode(json_string(configured, "syncMode").value_or(""));
    Json config = Json::object();
    config.set_string("syncMode", sync_mode);
    config.set_string("destinationSyncMode", destination_mode);
    config.set("cursorField", array_copy(json_member(configured, "cursorField")));
    config.set("primaryKey", array_copy(json_member(configured, "primaryKey")));
    config.set_bool("selected", true);
    const cJSON *fields = json_member(configured, "selectedFields");
    config.set_bool("fieldSelectionEnabled", cJSON_GetArraySize(fields) > 0);
    config.set("selectedFields", array_copy(fields));
    config.set_string("aliasName", name);
    Json entry = Json::object();
    if (with_stream) {
        Json stream = Json::object();
        stream.set_string("name", name);
        stream.set("jsonSchema", stream_json_schema(name));
        stream.set("supportedSyncModes", Json::parse(R"(["full_refresh","incremental"])"));
        entry.set("stream", std::move(stream));
    }
    entry.set("config", std::move(config));
    return entry;
}

Json actor_read(const Actor &actor, ActorKind kind) {
    const bool source = kind == ActorKind::source;
    Json read = Json::object();
    read.set_string(source ? "sourceDefinitionId" : "destinationDefinitionId", actor.definition_id);
    read.set_string(source ? "sourceId" : "destinationId", actor.id);
    read.set_string("workspaceId", actor.workspace_id);
    read.set("connectionConfiguration", masked_configuration(actor.configuration.get()));
    read.set_string("name", actor.name);
    read.set_string(source ? "sourceName" : "destinationName", actor.type);
    read.set_integer("createdAt", actor.created_ms / 1000);
    return read;
}

Json definition_version(const Actor &actor, ActorKind kind) {
    Json version = Json::object();
    version.set_string("dockerRepository",
                       std::string("airbyte/") +
                           (kind == ActorKind::source ? "source-" : "destination-") + actor.type);
    version.set_string("dockerImageTag", "emulated");
    version.set_bool("supportsRefreshes", false);
    version.set_string("supportState", "supported");
    version.set_bool("isVersionOverrideApplied", false);
    version.set_bool("supportsFileTransfer", false);
    version.set_bool("supportsDataActivation", false);
    return version;
}

void web_backend_connection(Context &ctx) {
    const std::string id = requested_connection_id(ctx);
    std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
    const Connection &connection = require_connection(ctx, id);
    const Actor &source = ctx.emulator.state.sources.at(connection.source_id);
    const Actor &destination = ctx.emulator.state.destinations.at(connection.destination_id);
    Json streams = Json::array();
    const cJSON *configured = nullptr;
    cJSON_ArrayForEach(configured, json_member(connection.configurations.get(), "streams")) {
        streams.push(catalog_entry(configured, ctx.emulator.options.quirks.catalog_stream));
    }
    Json catalog = Json::object();
    catalog.set("streams", std::move(streams));
    Json read = Json::object();
    read.set_string("connectionId", connection.id);
    read.set_string("name", connection.name);
    read.set_string("namespaceDefinition", connection.namespace_definition);
    read.set_string("prefix", connection.prefix);
    read.set_string("sourceId", connection.source_id);
    read.set_string("destinationId", connection.destination_id);
    read.set("syncCatalog", std::move(catalog));
    read.set_string("status", connection.status == "deprecated" ? "deprecated" : connection.status);
    read.set("source", actor_read(source, ActorKind::source));
    read.set("destination", actor_read(destination, ActorKind::destination));
    bool syncing = false;
    for (const auto &[job_id, job] : ctx.emulator.state.jobs)
        syncing = syncing || (job.connection_id == connection.id && job_is_active(job, ctx.now));
    read.set_bool("isSyncing", syncing);
    read.set_string("schemaChange", "no_change");
    read.set_bool("notifySchemaChanges", false);
    read.set_bool("notifySchemaChangesByEmail", false);
    read.set_string("nonBreakingChangesPreference", connection.non_breaking_changes);
    read.set("sourceActorDefinitionVersion", definition_version(source, ActorKind::source));
    read.set("destinationActorDefinitionVersion",
             definition_version(destination, ActorKind::destination));
    read.set("tags", connection.tags ? connection.tags : Json::array());
    read.set_bool("onDemandEnabled", false);
    read.set_integer("createdAt", connection.created_ms / 1000);
    ctx.send_json(200, read);
}

// What the emulator can check for real: a faker source always works; a Postgres destination is
// connected to. Anything else it cannot run, and says so rather than pretend.
std::string check_failure(const Actor &actor, ActorKind kind) {
    if (kind == ActorKind::source && actor.type == "faker")
        return "";
    if (kind == ActorKind::destination && actor.type == "postgres")
        return check_postgres(postgres_target(actor.configuration.get()));
    return "The emulator cannot run the check of the " + actor.type + " connector.";
}

void check_connection(Context &ctx, ActorKind kind) {
    const bool source = kind == ActorKind::source;
    Json body = ctx.body_object();
    const std::string id = required_uuid_field(body.get(), source ? "sourceId" : "destinationId");
    Actor actor;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        actor = source ? require_source(ctx, id) : require_destination(ctx, id);
    }
    const std::string failure = check_failure(actor, kind);  // may take seconds: without the lock
    Json job = Json::object();
    job.set_string("id", new_uuid());
    job.set_string("configType",
                   source ? "check_connection_source" : "check_connection_destination");
    job.set_string("configId", actor.id);
    job.set_integer("createdAt", ctx.now);
    job.set_integer("endedAt", now_ms());
    job.set_bool("succeeded", true);  // the check ran; its verdict is `status`
    Json read = Json::object();
    read.set_string("status", failure.empty() ? "succeeded" : "failed");
    if (!failure.empty())
        read.set_string("message", failure);
    read.set("jobInfo", std::move(job));
    ctx.send_json(200, read);
}

void config_health(Context &ctx) {
    Json health = Json::object();
    health.set_bool("available", true);
    ctx.send_json(200, health);
}

}  // namespace

// Every Config API operation is a POST of a JSON body; /health is unauthenticated, as on the
// server (for monitoring).
RouteTable config_routes() {
    return {
        {"POST", "/jobs/get", [](Context &ctx) { job_info(ctx, true); }},
        {"POST", "/jobs/get_without_logs", [](Context &ctx) { job_info(ctx, false); }},
        {"POST", "/attempt/get_for_job", attempt_for_job},
        {"POST", "/state/get", get_state},
        {"POST", "/state/create_or_update", create_or_update_state},
        {"POST", "/web_backend/connections/get", web_backend_connection},
        {"POST", "/sources/check_connection",
         [](Context &ctx) { check_connection(ctx, ActorKind::source); }},
        {"POST", "/destinations/check_connection",
         [](Context &ctx) { check_connection(ctx, ActorKind::destination); }},
        {"GET", "/health", config_health, false},
    };
}

std::string render_config_error(const ApiError &error, int &status) {
    // config.yaml: 404 NotFoundKnownExceptionInfo, 422 InvalidInputExceptionInfo (bad input is
    // 422 here, not 400), anything else KnownExceptionInfo; all carry `message`.
    std::string message = json_string(error.data.get(), "message").value_or(error.detail);
    if (auto type = json_string(error.data.get(), "resourceType")) {
        message = "Could not find " + *type + " " +
                  json_string(error.data.get(), "resourceId").value_or("") + ".";
    }
    status = error.status == 400 ? 422 : error.status;
    Json body = Json::object();
    body.set_string("message", message);
    if (status == 422)
        body.set("validationErrors", Json::array());
    if (status == 404)
        body.set_string("exceptionClassName",
                        "io.airbyte.commons.server.errors.IdNotFoundKnownException");
    return body.dump();
}

}  // namespace emulator
