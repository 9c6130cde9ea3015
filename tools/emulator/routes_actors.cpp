// /sources and /destinations: create, get, list, patch, put, delete. The two resources share one
// implementation; they differ in names, the discriminator and a few request fields.
#include "access.h"
#include "connectors.h"
#include "fields.h"
#include "pagination.h"
#include "problems.h"
#include "text.h"

#include <algorithm>
#include <cstring>

namespace emulator {

namespace {

struct ActorResource {
    ActorKind kind;
    const char *name;             // "source": problem resourceType
    const char *collection_path;  // "/sources"
    const char *id_field;         // "sourceId"
    const char *type_field;       // "sourceType": the configuration discriminator
    std::map<std::string, Actor> State::*actors;
};

const ActorResource source_resource{ActorKind::source, "source", "/sources", "sourceId", "sourceType",
                                    &State::sources};
const ActorResource destination_resource{ActorKind::destination, "destination", "/destinations", "destinationId",
                                         "destinationType", &State::destinations};

Actor &require(Context &ctx, const ActorResource &resource, const std::string &id) {
    return resource.kind == ActorKind::source ? require_source(ctx, id) : require_destination(ctx, id);
}

std::string reported_type(const Context &ctx, const ActorResource &resource, const Actor &actor) {
    // The real server's definition map lacks MotherDuck, so it reports "".
    if (resource.kind == ActorKind::destination && actor.type == "motherduck" &&
        ctx.emulator.options.quirks.motherduck_empty_type)
        return "";
    return actor.type;
}

Json actor_response(const Context &ctx, const ActorResource &resource, const Actor &actor) {
    Json out = Json::object();
    out.set_string(resource.id_field, actor.id);
    out.set_string("name", actor.name);
    const std::string type = reported_type(ctx, resource, actor);
    out.set_string(resource.type_field, type);
    out.set_string("definitionId", actor.definition_id);
    out.set_string("workspaceId", actor.workspace_id);
    Json masked = masked_configuration(actor.configuration.get());
    Json configuration = Json::object();
    // The spec's oneOf members require the discriminator; the real server leaves it out (quirk).
    if (!ctx.emulator.options.quirks.config_without_discriminator && !type.empty())
        configuration.set_string(resource.type_field, type);
    const cJSON *member = nullptr;
    cJSON_ArrayForEach(member, masked.get()) {
        if (member->string && std::strcmp(member->string, resource.type_field) != 0)
            configuration.set(member->string, Json::copy_of(member));
    }
    out.set("configuration", std::move(configuration));
    out.set_integer("createdAt", actor.created_ms / 1000);
    if (actor.resource_allocation) out.set("resourceAllocation", actor.resource_allocation);
    return out;
}

// The configuration as stored: a copy without the discriminator. Reads (and checks) its value.
Json stored_configuration(const ActorResource &resource, const cJSON *configuration, std::optional<std::string> &type) {
    if (!cJSON_IsObject(configuration)) throw problem::bad_request("configuration must be an object.");
    type = optional_string_field(configuration, resource.type_field);
    Json copy = Json::copy_of(configuration);
    copy.remove(resource.type_field);
    return copy;
}

void check_resource_allocation(const cJSON *body) { optional_object_field(body, "resourceAllocation"); }

void list_actors(Context &ctx, const ActorResource &resource) {
    Page page = read_page(ctx);
    const bool include_deleted = ctx.query_bool("includeDeleted", false);
    const std::vector<std::string> requested = ctx.query_list("workspaceIds");
    Json data = Json::array();
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        std::vector<std::string> workspaces = listed_workspaces(ctx, requested);
        std::vector<const Actor *> matching;
        for (const auto &[id, actor] : ctx.emulator.state.*resource.actors) {
            if (std::find(workspaces.begin(), workspaces.end(), actor.workspace_id) == workspaces.end()) continue;
            if ((actor.deleted || is_workspace_deleted(ctx.emulator.state, actor.workspace_id)) && !include_deleted)
                continue;
            matching.push_back(&actor);
        }
        std::sort(matching.begin(), matching.end(),
                  [](const Actor *a, const Actor *b) { return a->sequence < b->sequence; });
        for (const Actor *actor : page_slice(matching, page)) data.push(actor_response(ctx, resource, *actor));
    }
    QueryPairs carried;
    for (const auto &id : requested) carried.emplace_back("workspaceIds", id);
    if (auto value = ctx.query("includeDeleted")) carried.emplace_back("includeDeleted", *value);
    ctx.send_json(200, list_response(ctx, resource.collection_path, carried, page, std::move(data)));
}

void create_actor(Context &ctx, const ActorResource &resource) {
    Json body = ctx.body_object();
    Actor actor;
    actor.name = required_string_field(body.get(), "name");
    const std::string workspace_id = required_uuid_field(body.get(), "workspaceId");
    auto definition_id = optional_uuid_field(body.get(), "definitionId");
    const cJSON *configuration = json_member(body.get(), "configuration");
    if (!configuration || cJSON_IsNull(configuration)) throw problem::bad_request("configuration is required.");
    std::optional<std::string> named_type;
    actor.configuration = stored_configuration(resource, configuration, named_type);
    check_resource_allocation(body.get());
    if (const cJSON *allocation = optional_object_field(body.get(), "resourceAllocation"))
        actor.resource_allocation = Json::copy_of(allocation);
    if (resource.kind == ActorKind::source) actor.secret_id = optional_string_field(body.get(), "secretId").value_or("");

    if (definition_id) {
        actor.definition_id = *definition_id;
        actor.type = type_for_definition_id(resource.kind, *definition_id).value_or(named_type.value_or(""));
    } else if (named_type && !named_type->empty()) {
        if (resource.kind == ActorKind::destination && *named_type == "motherduck" &&
            ctx.emulator.options.quirks.motherduck_empty_type)
            throw problem::value_not_found(*named_type);
        actor.type = *named_type;
        actor.definition_id = definition_id_for(resource.kind, actor.type);
    } else {
        throw problem::unprocessable(std::string("One of configuration.") + resource.type_field +
                                     " or definitionId must be provided.");
    }
    validate_configuration(resource.kind, actor.type, actor.configuration.get());

    Json response;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        require_workspace(ctx, workspace_id);
        actor.id = new_uuid();
        actor.workspace_id = workspace_id;
        actor.created_ms = ctx.now;
        actor.sequence = ctx.emulator.state.next_sequence++;
        response = actor_response(ctx, resource, actor);
        (ctx.emulator.state.*resource.actors)[actor.id] = std::move(actor);
    }
    ctx.emulator.persist();
    ctx.send_json(200, response);
}

void get_actor(Context &ctx, const ActorResource &resource) {
    // Secret coordinates are not modelled: secrets stay masked either way.
    ctx.query_bool("includeSecretCoordinates", false);
    std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
    ctx.send_json(200, actor_response(ctx, resource, require(ctx, resource, ctx.params[0])));
}

void update_actor(Context &ctx, const ActorResource &resource, bool replace) {
    Json body = ctx.body_object();
    auto name = optional_string_field(body.get(), "name");
    if (replace && !name) throw problem::bad_request("name is required.");
    const cJSON *configuration = json_member(body.get(), "configuration");
    if (configuration && cJSON_IsNull(configuration)) configuration = nullptr;
    if (replace && !configuration) throw problem::bad_request("configuration is required.");
    std::optional<std::string> named_type;
    Json incoming;
    if (configuration) incoming = stored_configuration(resource, configuration, named_type);
    const cJSON *allocation = optional_object_field(body.get(), "resourceAllocation");
    std::optional<std::string> new_workspace;
    std::optional<std::string> secret_id;
    if (!replace && resource.kind == ActorKind::source) {
        new_workspace = optional_uuid_field(body.get(), "workspaceId");
        secret_id = optional_string_field(body.get(), "secretId");
    }

    Json response;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        Actor &actor = require(ctx, resource, ctx.params[0]);
        if (named_type && !named_type->empty() && !actor.type.empty() && *named_type != actor.type)
            throw problem::bad_request(std::string("configuration.") + resource.type_field + " cannot change from '" +
                                       actor.type + "' to '" + *named_type + "'.");
        Json updated = actor.configuration;
        if (incoming) {
            if (replace) {
                keep_masked_secrets(incoming.get(), actor.configuration.get());
                updated = std::move(incoming);
            } else {
                merge_configuration(updated.get(), incoming.get());
            }
            validate_configuration(resource.kind, actor.type, updated.get());
        }
        if (new_workspace) require_workspace(ctx, *new_workspace);
        if (name) actor.name = *name;
        actor.configuration = std::move(updated);
        if (allocation) actor.resource_allocation = Json::copy_of(allocation);
        if (new_workspace) actor.workspace_id = *new_workspace;
        if (secret_id) actor.secret_id = *secret_id;
        response = actor_response(ctx, resource, actor);
    }
    ctx.emulator.persist();
    ctx.send_json(200, response);
}

void delete_actor(Context &ctx, const ActorResource &resource) {
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        Actor &actor = require(ctx, resource, ctx.params[0]);
        actor.deleted = true;
        // Deleting a source or destination deletes the connections that use it, as Airbyte does.
        for (auto &[id, connection] : ctx.emulator.state.connections) {
            const std::string &uses = resource.kind == ActorKind::source ? connection.source_id : connection.destination_id;
            if (uses == actor.id && !connection.deleted) {
                connection.deleted = true;
                connection.status = "deprecated";
            }
        }
    }
    ctx.emulator.persist();
    ctx.send_no_content();
}

// The same routes for both kinds.
RouteTable actor_routes(const ActorResource &resource) {
    const std::string collection = resource.collection_path;
    const ActorResource *r = &resource;
    RouteTable table = collection_routes(collection, {[r](Context &ctx) { list_actors(ctx, *r); },
                                                      [r](Context &ctx) { create_actor(ctx, *r); },
                                                      [r](Context &ctx) { get_actor(ctx, *r); },
                                                      [r](Context &ctx) { update_actor(ctx, *r, false); },
                                                      [r](Context &ctx) { delete_actor(ctx, *r); }});
    table.push_back({"PUT", collection + "/{id}", [r](Context &ctx) { update_actor(ctx, *r, true); }});
    return table;
}

}  // namespace

RouteTable source_routes() { return actor_routes(source_resource); }
RouteTable destination_routes() { return actor_routes(destination_resource); }

}  // namespace emulator
