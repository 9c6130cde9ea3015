// /tags, /permissions, /users, /organizations, OAuth: initiateOAuth and the workspace and
// organization credential overrides. Kept as Records (model.h) holding their response objects.
#include "access.h"
#include "fields.h"
#include "people.h"
#include "problems.h"
#include "record_store.h"
#include "text.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace emulator {

// ---- record_store.h ----

Records &records_of(Context &ctx, const char *kind_name) {
    return ctx.emulator.state.records[kind_name];
}

std::string body_text(const Json &body, const char *key) {
    return json_string(body.get(), key).value_or("");
}

Record &require_record(Context &ctx, const char *kind_name, const char *noun,
                       const std::string &raw_id) {
    std::string id = require_uuid(raw_id, std::string(noun) + "Id");
    Records &records = records_of(ctx, kind_name);
    auto found = records.find(id);
    if (found == records.end())
        throw problem::not_found(noun, id);
    const std::string &workspace = found->second.workspace_id;
    if (!workspace.empty()) {
        if (is_workspace_deleted(ctx.emulator.state, workspace))
            throw problem::not_found(noun, id);
        if (!is_granted(ctx.emulator.state, ctx.principal, workspace))
            throw problem::forbidden(std::string("The caller is not allowed to access ") + noun +
                                     " " + id + ".");
    }
    return found->second;
}

Json data_of(Context &ctx, const char *kind_name, const std::function<bool(const Record &)> &keep) {
    std::vector<const Record *> kept;
    for (const auto &[id, record] : records_of(ctx, kind_name))
        if (keep(record))
            kept.push_back(&record);
    std::sort(kept.begin(), kept.end(),
              [](const Record *a, const Record *b) { return a->sequence < b->sequence; });
    Json data = Json::array();
    for (const Record *record : kept)
        data.push(record->body);
    Json out = Json::object();
    out.set("data", std::move(data));
    return out;
}

void insert_record(Context &ctx, const char *kind_name, const std::string &id,
                   std::string workspace_id, Json body) {
    records_of(ctx, kind_name)[id] =
        Record{std::move(workspace_id), std::move(body), ctx.emulator.state.next_sequence++};
}

void send_empty_ok(Context &ctx) {
    ctx.response.status = 200;
    ctx.response.body.clear();
}

namespace {

// Runs `change` under the lock, persists, then answers with what it returned.
template <typename Change>
void locked_change(Context &ctx, int status, Change &&change) {
    Json response;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        response = change();
    }
    ctx.emulator.persist();
    if (status == 204)
        return ctx.send_no_content();
    if (!response)
        return send_empty_ok(ctx);
    ctx.send_json(status, response);
}

template <typename Read>
void locked_read(Context &ctx, Read &&read) {
    std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
    ctx.send_json(200, read());
}

// ---- Tags ----

std::string required_color(const cJSON *body) {
    std::string color = required_string_field(body, "color");
    bool hex = color.size() == 6 && std::all_of(color.begin(), color.end(),
                                                [](unsigned char c) { return std::isxdigit(c); });
    if (!hex)
        throw problem::bad_request(
            "color must be a hexadecimal colour value such as FF5733, got '" + color + "'.");
    return color;
}

void check_unique_tag_name(Context &ctx, const std::string &workspace_id, const std::string &name,
                           const std::string &except_id) {
    for (const auto &[id, record] : records_of(ctx, kind::tags)) {
        if (id != except_id && record.workspace_id == workspace_id &&
            body_text(record.body, "name") == name)
            throw problem::state_conflict("A tag named '" + name +
                                          "' already exists in workspace " + workspace_id + ".");
    }
}

void create_tag(Context &ctx) {
    Json body = ctx.body_object();
    std::string name = required_string_field(body.get(), "name");
    std::string color = required_color(body.get());
    std::string workspace_id = required_uuid_field(body.get(), "workspaceId");
    locked_change(ctx, 200, [&] {
        require_workspace(ctx, workspace_id);
        check_unique_tag_name(ctx, workspace_id, name, "");
        Json tag = Json::object();
        std::string id = new_uuid();
        tag.set_string("tagId", id).set_string("name", name).set_string("color", color);
        tag.set_string("workspaceId", workspace_id);
        insert_record(ctx, kind::tags, id, workspace_id, tag);
        return tag;
    });
}

void list_tags(Context &ctx) {
    std::vector<std::string> requested = ctx.query_list("workspaceIds");
    locked_read(ctx, [&] {
        std::vector<std::string> workspaces = listed_workspaces(ctx, requested);
        return data_of(ctx, kind::tags, [&](const Record &record) {
            return std::find(workspaces.begin(), workspaces.end(), record.workspace_id) !=
                       workspaces.end() &&
                   !is_workspace_deleted(ctx.emulator.state, record.workspace_id);
        });
    });
}

void get_tag(Context &ctx) {
    locked_read(ctx, [&] { return require_record(ctx, kind::tags, "tag", ctx.params[0]).body; });
}

void update_tag(Context &ctx) {
    Json body = ctx.body_object();
    std::string name = required_string_field(body.get(), "name");
    std::string color = required_color(body.get());
    locked_change(ctx, 200, [&] {
        Record &tag = require_record(ctx, kind::tags, "tag", ctx.params[0]);
        check_unique_tag_name(ctx, tag.workspace_id, name, body_text(tag.body, "tagId"));
        tag.body.set_string("name", name).set_string("color", color);
        return tag.body;
    });
}

void delete_tag(Context &ctx) {
    locked_change(ctx, 204, [&] {
        // Connections show their tags as they are now (routes_connections.cpp), so a deleted tag
        // leaves every connection that carried it.
        Record &tag = require_record(ctx, kind::tags, "tag", ctx.params[0]);
        records_of(ctx, kind::tags).erase(body_text(tag.body, "tagId"));
        return Json();
    });
}

// ---- Organizations and users ----

void list_organizations(Context &ctx) {
    locked_read(ctx, [&] {
        return data_of(ctx, kind::organizations, [&](const Record &record) {
            return can_access_organization(ctx.emulator.state, ctx.principal,
                                           body_text(record.body, "organizationId"));
        });
    });
}

std::string require_organization(Context &ctx, const std::string &raw) {
    std::string id = require_uuid(raw, "organizationId");
    if (!records_of(ctx, kind::organizations).count(id))
        throw problem::not_found("organization", id);
    if (!can_access_organization(ctx.emulator.state, ctx.principal, id))
        throw problem::forbidden("The caller is not allowed to access organization " + id + ".");
    return id;
}

// Whether a permission body gives `user_id` a role in `organization_id` (directly or on one of its
// workspaces).
bool member_of(Context &ctx, const Json &permission, const std::string &organization_id) {
    if (body_text(permission, "organizationId") == organization_id)
        return true;
    auto workspace = ctx.emulator.state.workspaces.find(body_text(permission, "workspaceId"));
    return workspace != ctx.emulator.state.workspaces.end() &&
           workspace->second.organization_id == organization_id;
}

void list_users(Context &ctx) {
    auto organization = ctx.query("organizationId");
    if (!organization)
        throw problem::bad_request("Query parameter organizationId is required.");
    std::vector<std::string> ids = ctx.query_list("ids"), emails = ctx.query_list("emails");
    locked_read(ctx, [&] {
        std::string organization_id = require_organization(ctx, *organization);
        std::set<std::string> members;
        for (const auto &[id, permission] : records_of(ctx, kind::permissions))
            if (member_of(ctx, permission.body, organization_id))
                members.insert(body_text(permission.body, "userId"));
        return data_of(ctx, kind::users, [&](const Record &user) {
            std::string id = body_text(user.body, "id"), email = body_text(user.body, "email");
            return members.count(id) &&
                   (ids.empty() || std::find(ids.begin(), ids.end(), id) != ids.end()) &&
                   (emails.empty() ||
                    std::find(emails.begin(), emails.end(), email) != emails.end());
        });
    });
}

// ---- Permissions ----

// The workspace or organization a permission body is scoped to, checked against the caller.
void check_permission_scope(Context &ctx, const Json &permission) {
    std::string workspace = body_text(permission, "workspaceId");
    if (!workspace.empty()) {
        require_workspace(ctx, workspace);
    } else {
        require_organization(ctx, body_text(permission, "organizationId"));
    }
}

// 400 unless the type's prefix matches the scope given (workspace_* needs workspaceId...).
void check_type_matches_scope(const std::string &type, bool workspace_scoped) {
    bool workspace_type = type.rfind("workspace_", 0) == 0;
    if (workspace_type != workspace_scoped)
        throw problem::bad_request("permissionType " + type + " needs " +
                                   (workspace_type ? "a workspaceId" : "an organizationId") + ".");
}

void create_permission(Context &ctx) {
    Json body = ctx.body_object();
    std::string type =
        required_enum_field(body.get(), "permissionType",
                            {"organization_admin", "organization_editor", "organization_runner",
                             "organization_reader", "organization_member", "workspace_admin",
                             "workspace_editor", "workspace_runner", "workspace_reader"});
    std::string user = required_uuid_field(body.get(), "userId");
    auto workspace = optional_uuid_field(body.get(), "workspaceId");
    auto organization = optional_uuid_field(body.get(), "organizationId");
    if (workspace.has_value() == organization.has_value())
        throw problem::bad_request("Give exactly one of workspaceId and organizationId.");
    check_type_matches_scope(type, workspace.has_value());
    locked_change(ctx, 200, [&] {
        if (!records_of(ctx, kind::users).count(user))
            throw problem::not_found("user", user);
        Json permission = Json::object();
        std::string id = new_uuid();
        permission.set_string("permissionId", id)
            .set_string("permissionType", type)
            .set_string("userId", user);
        if (workspace)
            permission.set_string("workspaceId", *workspace);
        if (organization)
            permission.set_string("organizationId", *organization);
        check_permission_scope(ctx, permission);
        insert_record(ctx, kind::permissions, id, "", permission);
        return permission;
    });
}

Record &require_permission(Context &ctx) {
    Record &permission = require_record(ctx, kind::permissions, "permission", ctx.params[0]);
    check_permission_scope(ctx, permission.body);
    return permission;
}

// PermissionResponseRead: the listed form, with scope and scopeId.
Json listed_permission(const Json &permission) {
    Json out = Json::object();
    for (const char *key : {"permissionId", "permissionType", "userId"})
        out.set_string(key, body_text(permission, key));
    std::string workspace = body_text(permission, "workspaceId");
    out.set_string("scope", workspace.empty() ? "organization" : "workspace");
    out.set_string("scopeId",
                   workspace.empty() ? body_text(permission, "organizationId") : workspace);
    return out;
}

void list_permissions(Context &ctx) {
    auto user = ctx.query("userId");
    auto organization = ctx.query("organizationId");
    locked_read(ctx, [&] {
        std::string organization_id = organization ? require_organization(ctx, *organization) : "";
        Json listed = data_of(ctx, kind::permissions, [&](const Record &record) {
            const Json &body = record.body;
            std::string workspace = body_text(body, "workspaceId");
            bool visible = workspace.empty()
                               ? can_access_organization(ctx.emulator.state, ctx.principal,
                                                         body_text(body, "organizationId"))
                               : is_granted(ctx.emulator.state, ctx.principal, workspace);
            return visible && (!user || body_text(body, "userId") == to_lower(*user)) &&
                   (organization_id.empty() || member_of(ctx, body, organization_id));
        });
        Json data = Json::array();
        const cJSON *item = nullptr;
        cJSON_ArrayForEach(item, json_member(listed.get(), "data"))
            data.push(listed_permission(Json::copy_of(item)));
        listed.set("data", std::move(data));
        return listed;
    });
}

void get_permission(Context &ctx) {
    locked_read(ctx, [&] { return require_permission(ctx).body; });
}

void update_permission(Context &ctx) {
    Json body = ctx.body_object();
    auto type = optional_enum_field(
        body.get(), "permissionType",
        {"instance_admin", "organization_admin", "organization_editor", "organization_runner",
         "organization_reader", "organization_member", "workspace_owner", "workspace_admin",
         "workspace_runner", "workspace_editor", "workspace_reader"});
    if (!type)
        throw problem::bad_request("permissionType is required.");
    locked_change(ctx, 200, [&] {
        Record &permission = require_permission(ctx);
        check_type_matches_scope(*type, !body_text(permission.body, "workspaceId").empty());
        permission.body.set_string("permissionType", *type);
        return permission.body;
    });
}

void delete_permission(Context &ctx) {
    locked_change(ctx, 204, [&] {
        Record &permission = require_permission(ctx);
        records_of(ctx, kind::permissions).erase(body_text(permission.body, "permissionId"));
        return Json();
    });
}

// ---- OAuth ----

void initiate_oauth(Context &ctx) {
    Json body = ctx.body_object();
    std::string redirect = required_string_field(body.get(), "redirectUrl");
    std::string workspace_id = required_uuid_field(body.get(), "workspaceId");
    std::string source_type = required_string_field(body.get(), "sourceType");
    optional_object_field(body.get(), "oAuthInputConfiguration");
    locked_read(ctx, [&] {
        require_workspace(ctx, workspace_id);
        // The real server answers with the connector's consent URL (OAuthConsentRead).
        Json out = Json::object();
        out.set_string("consentUrl", ctx.base_url() + "/oauth/consent/" + source_type +
                                         "?workspaceId=" + workspace_id +
                                         "&redirectUrl=" + redirect);
        return out;
    });
}

// Key of one override: "<scope id>/<actorType>/<name>".
std::string override_key(const std::string &scope_id, const std::string &actor_type,
                         const std::string &name) {
    return scope_id + "/" + actor_type + "/" + name;
}

void put_oauth_override(Context &ctx, bool organization) {
    Json body = ctx.body_object();
    std::string actor_type =
        required_enum_field(body.get(), "actorType", {"source", "destination"});
    std::string name = required_string_field(body.get(), "name");
    if (!optional_object_field(body.get(), "configuration"))
        throw problem::bad_request("configuration is required.");
    locked_change(ctx, 200, [&] {
        std::string scope = organization ? require_organization(ctx, ctx.params[0])
                                         : require_workspace(ctx, ctx.params[0]).id;
        Json stored = Json::object();
        stored.set_string("actorType", actor_type).set_string("name", name);
        // Never echoed back: the configuration holds OAuth app secrets.
        stored.set("configuration", Json::copy_of(json_member(body.get(), "configuration")));
        insert_record(ctx, kind::oauth_overrides, override_key(scope, actor_type, name),
                      organization ? "" : scope, stored);
        return Json();
    });
}

void delete_oauth_override(Context &ctx, bool organization) {
    if (!is_one_of(ctx.params[1], {"source", "destination"}))
        throw problem::bad_request("actorType must be source or destination, got '" +
                                   ctx.params[1] + "'.");
    locked_change(ctx, 204, [&] {
        std::string scope = organization ? require_organization(ctx, ctx.params[0])
                                         : require_workspace(ctx, ctx.params[0]).id;
        records_of(ctx, kind::oauth_overrides)
            .erase(override_key(scope, ctx.params[1], ctx.params[2]));
        return Json();
    });
}

}  // namespace

RouteTable record_routes() {
    return {
        {"GET", "/tags", list_tags},
        {"POST", "/tags", create_tag},
        {"GET", "/tags/{id}", get_tag},
        {"PATCH", "/tags/{id}", update_tag},
        {"DELETE", "/tags/{id}", delete_tag},
        {"GET", "/organizations", list_organizations},
        {"GET", "/users", list_users},
        {"GET", "/permissions", list_permissions},
        {"POST", "/permissions", create_permission},
        {"GET", "/permissions/{id}", get_permission},
        {"PATCH", "/permissions/{id}", update_permission},
        {"DELETE", "/permissions/{id}", delete_permission},
        {"POST", "/sources/initiateOAuth", initiate_oauth},
        {"PUT", "/workspaces/{id}/oauthCredentials",
         [](Context &ctx) { put_oauth_override(ctx, false); }},
        {"DELETE", "/workspaces/{id}/oauthCredentials/{type}/{name}",
         [](Context &ctx) { delete_oauth_override(ctx, false); }},
        {"PUT", "/organizations/{id}/oauthCredentials",
         [](Context &ctx) { put_oauth_override(ctx, true); }},
        {"DELETE", "/organizations/{id}/oauthCredentials/{type}/{name}",
         [](Context &ctx) { delete_oauth_override(ctx, true); }},
    };
}

}  // namespace emulator
