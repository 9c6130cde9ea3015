// /workspaces/{id}/definitions/{sources,destinations,declarative_sources}[/{definitionId}]: custom
// connector definitions of a workspace, one set of handlers for the three kinds.
#include "access.h"
#include "fields.h"
#include "problems.h"
#include "record_store.h"
#include "text.h"

namespace emulator {

namespace {

struct DefinitionKind {
    const char *segment;    // "sources": the path below /definitions/
    const char *kind_name;  // key in State::records
    const char *noun;       // "source definition"
    bool declarative;
};
constexpr DefinitionKind kKinds[] = {
    {"sources", kind::source_definitions, "source definition", false},
    {"destinations", kind::destination_definitions, "destination definition", false},
    {"declarative_sources", kind::declarative_definitions, "declarative source definition", true},
};

// The fields a low-code manifest needs: the declarative component schema's required members
// (version, type DeclarativeSource, check, streams or dynamic_streams) and
// spec.connection_specification, which the server reads to build the connector's spec
// (airbytehq/airbyte-platform, airbyte-server/.../publicapi/controllers/DefinitionsController.kt:
// manifest.get("spec") then connection_specification; a manifest without them fails there).
const cJSON *validated_manifest(const cJSON *body) {
    const cJSON *manifest = optional_object_field(body, "manifest");
    if (!manifest)
        throw problem::bad_request("manifest is required and must be an object.");
    std::vector<std::string> missing;
    if (!json_string(manifest, "version"))
        missing.push_back("version (a string)");
    if (json_string(manifest, "type").value_or("") != "DeclarativeSource")
        missing.push_back("type: DeclarativeSource");
    if (!cJSON_IsObject(json_member(manifest, "check")))
        missing.push_back("check (an object)");
    if (!cJSON_IsArray(json_member(manifest, "streams")) &&
        !cJSON_IsArray(json_member(manifest, "dynamic_streams")))
        missing.push_back("streams or dynamic_streams (an array)");
    if (!cJSON_IsObject(json_member(json_member(manifest, "spec"), "connection_specification")))
        missing.push_back("spec.connection_specification (an object)");
    if (missing.empty())
        return manifest;
    std::string list;
    for (const auto &item : missing)
        list += (list.empty() ? "" : ", ") + item;
    throw problem::bad_request("manifest is missing " + list + ".");
}

// Reads a create (for_create) or update body into the stored response object `out`.
void read_definition(const DefinitionKind &kind, const cJSON *body, bool for_create,
                     const std::string &workspace_id, Json &out) {
    if (kind.declarative) {
        if (for_create) {
            out.set_string("name", required_string_field(body, "name"));
            // The spec's CreateDeclarativeSourceDefinitionRequest requires workspaceId.
            if (required_uuid_field(body, "workspaceId") != workspace_id)
                throw problem::bad_request(
                    "workspaceId in the body differs from the workspace in the path.");
        }
        out.set("manifest", Json::copy_of(validated_manifest(body)));
        int64_t version = for_create ? 0 : json_integer(out.get(), "version").value_or(0);
        out.set_integer("version", version + 1);  // each update publishes the next version
        return;
    }
    out.set_string("name", required_string_field(body, "name"));
    if (for_create)
        out.set_string("dockerRepository", required_string_field(body, "dockerRepository"));
    out.set_string("dockerImageTag", required_string_field(body, "dockerImageTag"));
    if (!for_create)
        return;
    if (auto url = optional_string_field(body, "documentationUrl"))
        out.set_string("documentationUrl", *url);
}

Record &require_definition(Context &ctx, const DefinitionKind &kind) {
    const std::string workspace_id = require_workspace(ctx, ctx.params[0]).id;
    Record &record = require_record(ctx, kind.kind_name, "definition", ctx.params[1]);
    if (record.workspace_id != workspace_id)
        throw problem::not_found(kind.noun, to_lower(ctx.params[1]));
    return record;
}

void list_definitions(Context &ctx, const DefinitionKind &kind) {
    std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
    const std::string workspace_id = require_workspace(ctx, ctx.params[0]).id;
    ctx.send_json(200, data_of(ctx, kind.kind_name,
                               [&](const Record &r) { return r.workspace_id == workspace_id; }));
}

void create_definition(Context &ctx, const DefinitionKind &kind) {
    Json body = ctx.body_object();
    Json definition = Json::object();
    std::string id = new_uuid();
    definition.set_string("id", id);
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        const std::string workspace_id = require_workspace(ctx, ctx.params[0]).id;
        read_definition(kind, body.get(), true, workspace_id, definition);
        insert_record(ctx, kind.kind_name, id, workspace_id, definition);
    }
    ctx.emulator.persist();
    ctx.send_json(200, definition);
}

void get_definition(Context &ctx, const DefinitionKind &kind) {
    std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
    ctx.send_json(200, require_definition(ctx, kind).body);
}

void update_definition(Context &ctx, const DefinitionKind &kind) {
    Json body = ctx.body_object();
    Json response;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        Record &record = require_definition(ctx, kind);
        Json updated = record.body;
        read_definition(kind, body.get(), false, record.workspace_id, updated);
        record.body = updated;
        response = std::move(updated);
    }
    ctx.emulator.persist();
    ctx.send_json(200, response);
}

// The spec answers a delete with the deleted definition (200), not 204.
void delete_definition(Context &ctx, const DefinitionKind &kind) {
    Json response;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        Record &record = require_definition(ctx, kind);
        response = record.body;
        records_of(ctx, kind.kind_name).erase(json_string(response.get(), "id").value_or(""));
    }
    ctx.emulator.persist();
    ctx.send_json(200, response);
}

}  // namespace

RouteTable definition_routes() {
    RouteTable table;
    for (const DefinitionKind &kind : kKinds) {
        const std::string collection = std::string("/workspaces/{id}/definitions/") + kind.segment;
        const std::string item = collection + "/{definitionId}";
        const DefinitionKind *k = &kind;
        table.push_back({"GET", collection, [k](Context &ctx) { list_definitions(ctx, *k); }});
        table.push_back({"POST", collection, [k](Context &ctx) { create_definition(ctx, *k); }});
        table.push_back({"GET", item, [k](Context &ctx) { get_definition(ctx, *k); }});
        table.push_back({"PUT", item, [k](Context &ctx) { update_definition(ctx, *k); }});
        table.push_back({"DELETE", item, [k](Context &ctx) { delete_definition(ctx, *k); }});
    }
    return table;
}

}  // namespace emulator
