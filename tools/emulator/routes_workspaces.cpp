// /workspaces: list, get, create, patch, delete.
#include "access.h"
#include "fields.h"
#include "pagination.h"
#include "people.h"
#include "problems.h"
#include "text.h"

#include <algorithm>

namespace emulator {

namespace {

const char *const notification_kinds[] = {"failure",        "success",      "connectionUpdate",
                                          "connectionUpdateActionRequired", "syncDisabled",
                                          "syncDisabledWarning"};

// NotificationsConfig with every kind present: what was given, else email and webhook off.
Json notifications_response(const Json &given) {
    Json out = Json::object();
    for (const char *kind : notification_kinds) {
        const cJSON *configured = json_member(given.get(), kind);
        if (cJSON_IsObject(configured)) {
            out.set(kind, Json::copy_of(configured));
            continue;
        }
        Json entry = Json::object();
        Json email = Json::object();
        email.set_bool("enabled", false);
        Json webhook = Json::object();
        webhook.set_bool("enabled", false);
        entry.set("email", std::move(email));
        entry.set("webhook", std::move(webhook));
        out.set(kind, std::move(entry));
    }
    return out;
}

Json workspace_response(const Workspace &workspace) {
    Json out = Json::object();
    out.set_string("workspaceId", workspace.id);
    out.set_string("name", workspace.name);
    out.set_string("dataResidency", workspace.data_residency);
    out.set("notifications", notifications_response(workspace.notifications));
    return out;
}

const cJSON *read_notifications(const cJSON *body) {
    const cJSON *notifications = optional_object_field(body, "notifications");
    const cJSON *entry = nullptr;
    cJSON_ArrayForEach(entry, notifications) {
        if (!cJSON_IsObject(entry))
            throw problem::bad_request(std::string("notifications.") + (entry->string ? entry->string : "") +
                                       " must be an object.");
    }
    return notifications;
}

void list_workspaces(Context &ctx) {
    Page page = read_page(ctx);
    const bool include_deleted = ctx.query_bool("includeDeleted", false);
    const std::vector<std::string> requested = ctx.query_list("workspaceIds");
    Json data = Json::array();
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        std::vector<const Workspace *> matching;
        for (const std::string &id : listed_workspaces(ctx, requested)) {
            auto found = ctx.emulator.state.workspaces.find(id);
            if (found == ctx.emulator.state.workspaces.end()) continue;
            if (found->second.deleted && !include_deleted) continue;
            matching.push_back(&found->second);
        }
        std::sort(matching.begin(), matching.end(),
                  [](const Workspace *a, const Workspace *b) { return a->sequence < b->sequence; });
        for (const Workspace *workspace : page_slice(matching, page)) data.push(workspace_response(*workspace));
    }
    QueryPairs carried;
    for (const auto &id : requested) carried.emplace_back("workspaceIds", id);
    if (auto value = ctx.query("includeDeleted")) carried.emplace_back("includeDeleted", *value);
    ctx.send_json(200, list_response(ctx, "/workspaces", carried, page, std::move(data)));
}

void create_workspace(Context &ctx) {
    Json body = ctx.body_object();
    Workspace workspace;
    workspace.name = required_string_field(body.get(), "name");
    optional_uuid_field(body.get(), "regionId");
    if (const cJSON *notifications = read_notifications(body.get())) workspace.notifications = Json::copy_of(notifications);
    auto organization_id = optional_uuid_field(body.get(), "organizationId");
    workspace.id = new_uuid();
    workspace.created_ms = ctx.now;
    Json response;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        workspace.sequence = ctx.emulator.state.next_sequence++;
        workspace.organization_id = organization_id ? *organization_id : default_organization_id(ctx.emulator.state);
        if (organization_id && !can_access_organization(ctx.emulator.state, ctx.principal, *organization_id))
            throw problem::forbidden("The caller is not allowed to create workspaces in organization " +
                                     *organization_id + ".");
        ctx.emulator.state.grants[ctx.principal].insert(workspace.id);
        response = workspace_response(workspace);
        ctx.emulator.state.workspaces[workspace.id] = std::move(workspace);
    }
    ctx.emulator.persist();
    ctx.send_json(200, response);
}

void get_workspace(Context &ctx) {
    std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
    ctx.send_json(200, workspace_response(require_workspace(ctx, ctx.params[0])));
}

void update_workspace(Context &ctx) {
    Json body = ctx.body_object();
    auto name = optional_string_field(body.get(), "name");
    optional_uuid_field(body.get(), "regionId");
    const cJSON *notifications = read_notifications(body.get());
    Json response;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        Workspace &workspace = require_workspace(ctx, ctx.params[0]);
        if (name) workspace.name = *name;
        if (notifications) {
            if (!workspace.notifications) workspace.notifications = Json::object();
            const cJSON *entry = nullptr;
            cJSON_ArrayForEach(entry, notifications) workspace.notifications.set(entry->string, Json::copy_of(entry));
        }
        response = workspace_response(workspace);
    }
    ctx.emulator.persist();
    ctx.send_json(200, response);
}

// As the server does (airbytehq/airbyte-platform, airbyte-commons-server/.../handlers/
// WorkspacesHandler.java, deleteWorkspace): every connection, destination and source of the
// workspace is deleted first, then the workspace is tombstoned. Its jobs stay readable.
void delete_workspace(Context &ctx) {
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        Workspace &workspace = require_workspace(ctx, ctx.params[0]);
        State &state = ctx.emulator.state;
        for (auto &[id, connection] : state.connections) {
            if (connection.workspace_id != workspace.id || connection.deleted) continue;
            connection.deleted = true;
            connection.status = "deprecated";
        }
        for (auto *actors : {&state.destinations, &state.sources})
            for (auto &[id, actor] : *actors)
                if (actor.workspace_id == workspace.id) actor.deleted = true;
        workspace.deleted = true;
    }
    ctx.emulator.persist();
    ctx.send_no_content();
}

}  // namespace

RouteTable workspace_routes() {
    return collection_routes("/workspaces",
                             {list_workspaces, create_workspace, get_workspace, update_workspace, delete_workspace});
}

}  // namespace emulator
