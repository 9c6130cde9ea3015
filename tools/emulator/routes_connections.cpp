// /connections: create, get, list, patch, delete; and GET /streams (what a source offers).
#include "access.h"
#include "faker.h"
#include "fields.h"
#include "pagination.h"
#include "problems.h"
#include "text.h"

#include <algorithm>

namespace emulator {

namespace {

#define SYNC_MODES                                                                                              \
    "full_refresh_overwrite", "full_refresh_overwrite_deduped", "full_refresh_append", "full_refresh_update",    \
        "full_refresh_soft_delete", "incremental_append", "incremental_deduped_history", "incremental_update",   \
        "incremental_soft_delete"

// What faker streams offer in GET /streams, and what a connection gets by default.
const char *const faker_sync_modes[] = {"full_refresh_overwrite", "full_refresh_append", "incremental_append",
                                        "incremental_deduped_history", "full_refresh_overwrite_deduped"};

Json string_array(std::initializer_list<std::string> values) {
    Json out = Json::array();
    for (const auto &value : values) out.push(Json::string(value));
    return out;
}

void check_string_array(const cJSON *value, const std::string &what) {
    if (!value || cJSON_IsNull(value)) return;
    if (!cJSON_IsArray(value)) throw problem::bad_request(what + " must be an array of strings.");
    const cJSON *item = nullptr;
    cJSON_ArrayForEach(item, value) {
        if (!cJSON_IsString(item)) throw problem::bad_request(what + " must be an array of strings.");
    }
}

// A faker stream's configuration when the connection names no streams.
Json default_stream(const FakerStream &stream) {
    Json entry = Json::object();
    entry.set_string("name", stream.name);
    entry.set_string("syncMode", "full_refresh_overwrite");
    entry.set("cursorField", Json::array());
    Json primary_key = Json::array();
    primary_key.push(string_array({"id"}));
    entry.set("primaryKey", std::move(primary_key));
    return entry;
}

// Rejects a stream's members of the wrong type (beyond name and syncMode).
void check_stream_members(const cJSON *stream) {
    optional_string_field(stream, "namespace");
    optional_bool_field(stream, "includeFiles");
    optional_string_field(stream, "destinationObjectName");
    optional_array_field(stream, "mappers");
    check_string_array(json_member(stream, "cursorField"), "cursorField");
    const cJSON *path = nullptr;
    cJSON_ArrayForEach(path, optional_array_field(stream, "primaryKey")) check_string_array(path, "primaryKey items");
    const cJSON *field = nullptr;
    cJSON_ArrayForEach(field, optional_array_field(stream, "selectedFields")) {
        if (!cJSON_IsObject(field)) throw problem::bad_request("selectedFields items must be objects.");
        check_string_array(json_member(field, "fieldPath"), "selectedFields.fieldPath");
    }
}

// One given stream, checked (its name once only: `seen`) and completed with defaults.
Json normalised_stream(const cJSON *stream, bool faker, std::vector<std::string> &seen) {
    if (!cJSON_IsObject(stream)) throw problem::bad_request("configurations.streams items must be objects.");
    std::string name = required_string_field(stream, "name");
    if (faker && !find_faker_stream(name))
        throw problem::bad_request("Invalid stream found: '" + name +
                                   "' is not a stream of this source (users, products, purchases).");
    if (std::find(seen.begin(), seen.end(), name) != seen.end())
        throw problem::bad_request("Duplicate stream found in configuration for: " + name + ".");
    seen.push_back(name);
    std::string sync_mode = optional_enum_field(stream, "syncMode", {SYNC_MODES}).value_or("full_refresh_overwrite");
    check_stream_members(stream);
    Json entry = Json::copy_of(stream);
    entry.set_string("syncMode", sync_mode);
    if (!cJSON_IsArray(json_member(stream, "cursorField"))) {
        const bool incremental = sync_mode.rfind("incremental", 0) == 0;
        entry.set("cursorField", faker && incremental ? string_array({"updated_at"}) : Json::array());
    }
    if (!optional_array_field(stream, "primaryKey")) {
        Json key = Json::array();
        if (faker) key.push(string_array({"id"}));
        entry.set("primaryKey", std::move(key));
    }
    return entry;
}

// StreamConfigurations as stored and returned: given streams checked and completed with defaults.
Json normalised_configurations(const cJSON *configurations, const Actor &source) {
    const bool faker = source.type == "faker";
    const cJSON *streams = optional_array_field(configurations, "streams");
    Json out_streams = Json::array();
    if (!streams && faker) {
        for (const FakerStream &stream : faker_streams()) out_streams.push(default_stream(stream));
    }
    std::vector<std::string> seen;
    const cJSON *stream = nullptr;
    cJSON_ArrayForEach(stream, streams) out_streams.push(normalised_stream(stream, faker, seen));
    Json out = Json::object();
    out.set("streams", std::move(out_streams));
    return out;
}

Json read_schedule(const cJSON *body) {
    const cJSON *schedule = optional_object_field(body, "schedule");
    if (!schedule) return Json();
    std::string type = optional_enum_field(schedule, "scheduleType", {"manual", "cron"}).value_or("");
    if (type.empty()) throw problem::bad_request("schedule.scheduleType is required.");
    auto cron = optional_string_field(schedule, "cronExpression");
    if (type == "cron" && (!cron || cron->empty()))
        throw problem::bad_request("schedule.cronExpression is required when scheduleType is cron.");
    Json out = Json::object();
    out.set_string("scheduleType", type);
    if (type == "cron") out.set_string("cronExpression", *cron);
    return out;
}

Json read_tags(const cJSON *body) {
    const cJSON *tags = optional_array_field(body, "tags");
    if (!tags) return Json();
    const cJSON *tag = nullptr;
    cJSON_ArrayForEach(tag, tags) {
        if (!cJSON_IsObject(tag)) throw problem::bad_request("tags items must be objects.");
        required_uuid_field(tag, "tagId");
        required_uuid_field(tag, "workspaceId");
        required_string_field(tag, "name");
        required_string_field(tag, "color");
    }
    return Json::copy_of(tags);
}

// The connection's tags as they are now: a renamed or recoloured tag shows its new name and
// colour, a deleted one is gone.
Json current_tags(const Connection &connection, const State &state) {
    Json out = Json::array();
    auto tags = state.records.find(kind::tags);
    const cJSON *tag = nullptr;
    cJSON_ArrayForEach(tag, connection.tags.get()) {
        auto id = json_string(tag, "tagId");
        if (!id || tags == state.records.end()) continue;
        auto found = tags->second.find(to_lower(*id));
        if (found != tags->second.end()) out.push(found->second.body);
    }
    return out;
}

// Every tag given must exist in the connection's workspace.
void check_tags(Context &ctx, const Json &tags, const std::string &workspace_id) {
    const cJSON *tag = nullptr;
    cJSON_ArrayForEach(tag, tags.get()) {
        std::string id = to_lower(json_string(tag, "tagId").value_or(""));
        const auto &known = ctx.emulator.state.records[kind::tags];
        auto found = known.find(id);
        if (found == known.end() || found->second.workspace_id != workspace_id)
            throw problem::bad_request("Tag " + id + " does not exist in workspace " + workspace_id + ".");
    }
}

Json connection_response(const Connection &connection, const State &state) {
    Json out = Json::object();
    out.set_string("connectionId", connection.id);
    out.set_string("name", connection.name);
    out.set_string("sourceId", connection.source_id);
    out.set_string("destinationId", connection.destination_id);
    out.set_string("workspaceId", connection.workspace_id);
    out.set_string("status", connection.status);
    out.set("schedule", connection.schedule);
    out.set_string("nonBreakingSchemaUpdatesBehavior", connection.non_breaking_changes);
    out.set_string("namespaceDefinition", connection.namespace_definition);
    if (connection.namespace_format) out.set_string("namespaceFormat", *connection.namespace_format);
    out.set_string("prefix", connection.prefix);
    out.set("configurations", connection.configurations);
    out.set_integer("createdAt", connection.created_ms / 1000);
    out.set("tags", current_tags(connection, state));
    return out;
}

// Fields shared by create and patch, read before taking the lock.
struct ConnectionFields {
    std::optional<std::string> name;
    const cJSON *configurations = nullptr;
    Json schedule;
    Json tags;
    std::optional<std::string> namespace_definition;
    std::optional<std::string> namespace_format;
    std::optional<std::string> prefix;
    std::optional<std::string> non_breaking_changes;
    std::optional<std::string> status;
    std::optional<std::string> data_residency;
};

ConnectionFields read_fields(const cJSON *body) {
    ConnectionFields fields;
    fields.name = optional_string_field(body, "name");
    fields.configurations = optional_object_field(body, "configurations");
    fields.schedule = read_schedule(body);
    fields.tags = read_tags(body);
    fields.namespace_definition = optional_enum_field(body, "namespaceDefinition", {"source", "destination", "custom_format"});
    fields.namespace_format = optional_string_field(body, "namespaceFormat");
    fields.prefix = optional_string_field(body, "prefix");
    fields.non_breaking_changes = optional_enum_field(body, "nonBreakingSchemaUpdatesBehavior",
                                                      {"ignore", "disable_connection", "propagate_columns", "propagate_fully"});
    fields.status = optional_enum_field(body, "status", {"active", "inactive", "deprecated", "locked"});
    fields.data_residency = optional_string_field(body, "dataResidency");
    return fields;
}

void apply_fields(Connection &connection, const ConnectionFields &fields, const Actor &source) {
    if (fields.name) connection.name = *fields.name;
    if (fields.configurations) connection.configurations = normalised_configurations(fields.configurations, source);
    if (fields.schedule) connection.schedule = fields.schedule;
    if (fields.tags) connection.tags = fields.tags;
    if (fields.namespace_definition) connection.namespace_definition = *fields.namespace_definition;
    if (fields.namespace_format) connection.namespace_format = *fields.namespace_format;
    if (fields.prefix) connection.prefix = *fields.prefix;
    if (fields.non_breaking_changes) connection.non_breaking_changes = *fields.non_breaking_changes;
    if (fields.status) connection.status = *fields.status;
    if (fields.data_residency) connection.data_residency = *fields.data_residency;
}

void create_connection(Context &ctx) {
    Json body = ctx.body_object();
    const std::string source_id = required_uuid_field(body.get(), "sourceId");
    const std::string destination_id = required_uuid_field(body.get(), "destinationId");
    ConnectionFields fields = read_fields(body.get());
    Json response;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        const Actor &source = require_source(ctx, source_id);
        const Actor &destination = require_destination(ctx, destination_id);
        if (source.workspace_id != destination.workspace_id)
            throw problem::bad_request("The source and the destination must be in the same workspace.");
        Connection connection;
        connection.id = new_uuid();
        connection.workspace_id = source.workspace_id;
        connection.source_id = source.id;
        connection.destination_id = destination.id;
        connection.name = source.name + " → " + destination.name;
        connection.schedule = Json::object();
        connection.schedule.set_string("scheduleType", "manual");
        connection.tags = Json::array();
        connection.configurations = normalised_configurations(nullptr, source);
        connection.created_ms = ctx.now;
        connection.sequence = ctx.emulator.state.next_sequence++;
        check_tags(ctx, fields.tags, connection.workspace_id);
        apply_fields(connection, fields, source);
        response = connection_response(connection, ctx.emulator.state);
        ctx.emulator.state.connections[connection.id] = std::move(connection);
    }
    ctx.emulator.persist();
    ctx.send_json(200, response);
}

void get_connection(Context &ctx) {
    std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
    ctx.send_json(200, connection_response(require_connection(ctx, ctx.params[0]), ctx.emulator.state));
}

void patch_connection(Context &ctx) {
    Json body = ctx.body_object();
    ConnectionFields fields = read_fields(body.get());
    Json response;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        Connection &connection = require_connection(ctx, ctx.params[0]);
        const Actor &source = ctx.emulator.state.sources.at(connection.source_id);
        Connection updated = connection;
        check_tags(ctx, fields.tags, connection.workspace_id);
        apply_fields(updated, fields, source);
        connection = std::move(updated);
        response = connection_response(connection, ctx.emulator.state);
    }
    ctx.emulator.persist();
    ctx.send_json(200, response);
}

void delete_connection(Context &ctx) {
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        Connection &connection = require_connection(ctx, ctx.params[0]);
        connection.deleted = true;
        connection.status = "deprecated";
    }
    ctx.emulator.persist();
    ctx.send_no_content();
}

bool has_any_tag(const Connection &connection, const std::vector<std::string> &tag_ids) {
    const cJSON *tag = nullptr;
    cJSON_ArrayForEach(tag, connection.tags.get()) {
        auto id = json_string(tag, "tagId");
        if (id && std::find(tag_ids.begin(), tag_ids.end(), to_lower(*id)) != tag_ids.end()) return true;
    }
    return false;
}

void list_connections(Context &ctx) {
    Page page = read_page(ctx);
    const bool include_deleted = ctx.query_bool("includeDeleted", false);
    const std::vector<std::string> requested = ctx.query_list("workspaceIds");
    std::vector<std::string> tag_ids;
    for (const std::string &raw : ctx.query_list("tagIds")) tag_ids.push_back(require_uuid(raw, "tagIds"));
    Json data = Json::array();
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        std::vector<std::string> workspaces = listed_workspaces(ctx, requested);
        std::vector<const Connection *> matching;
        for (const auto &[id, connection] : ctx.emulator.state.connections) {
            if (std::find(workspaces.begin(), workspaces.end(), connection.workspace_id) == workspaces.end()) continue;
            if ((connection.deleted || is_workspace_deleted(ctx.emulator.state, connection.workspace_id)) &&
                !include_deleted)
                continue;
            if (!tag_ids.empty() && !has_any_tag(connection, tag_ids)) continue;
            matching.push_back(&connection);
        }
        std::sort(matching.begin(), matching.end(),
                  [](const Connection *a, const Connection *b) { return a->sequence < b->sequence; });
        for (const Connection *connection : page_slice(matching, page)) data.push(connection_response(*connection, ctx.emulator.state));
    }
    QueryPairs carried;
    for (const auto &id : requested) carried.emplace_back("workspaceIds", id);
    for (const auto &id : tag_ids) carried.emplace_back("tagIds", id);
    if (auto value = ctx.query("includeDeleted")) carried.emplace_back("includeDeleted", *value);
    ctx.send_json(200, list_response(ctx, "/connections", carried, page, std::move(data)));
}

Json stream_properties(const FakerStream &stream) {
    Json out = Json::object();
    out.set_string("streamName", stream.name);
    Json modes = Json::array();
    for (const char *mode : faker_sync_modes) modes.push(Json::string(mode));
    out.set("syncModes", std::move(modes));
    out.set("defaultCursorField", string_array({"updated_at"}));
    out.set_bool("sourceDefinedCursorField", true);
    Json primary_key = Json::array();
    primary_key.push(string_array({"id"}));
    out.set("sourceDefinedPrimaryKey", std::move(primary_key));
    Json fields = Json::array();
    for (const FakerColumn &column : stream.columns) fields.push(string_array({column.name}));
    out.set("propertyFields", std::move(fields));
    return out;
}

void get_streams(Context &ctx) {
    auto source_id = ctx.query("sourceId");
    if (!source_id) throw problem::bad_request("Query parameter sourceId is required.");
    auto destination_id = ctx.query("destinationId");
    ctx.query_bool("ignoreCache", false);
    Json out = Json::array();
    std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
    const Actor &source = require_source(ctx, *source_id);
    if (destination_id) require_destination(ctx, *destination_id);
    if (source.type == "faker")
        for (const FakerStream &stream : faker_streams()) out.push(stream_properties(stream));
    ctx.send_json(200, out);
}

}  // namespace

RouteTable connection_routes() {
    return collection_routes("/connections",
                             {list_connections, create_connection, get_connection, patch_connection, delete_connection});
}

RouteTable stream_routes() { return {{"GET", "/streams", get_streams}}; }

}  // namespace emulator
