#include "people.h"

#include "access.h"
#include "text.h"

#include <algorithm>

namespace emulator {

namespace {

std::string text_of(const Json &body, const char *key) {
    return json_string(body.get(), key).value_or("");
}

Record new_record(std::string workspace_id, Json body, uint64_t &sequence) {
    return Record{std::move(workspace_id), std::move(body), sequence++};
}

// The organization a permission is scoped to, through its workspace for workspace permissions.
std::string organization_of_permission(const State &state, const Json &permission) {
    std::string organization = text_of(permission, "organizationId");
    if (!organization.empty())
        return organization;
    auto workspace = state.workspaces.find(text_of(permission, "workspaceId"));
    return workspace != state.workspaces.end() ? workspace->second.organization_id : "";
}

template <typename Each>
void for_each_permission_of(const State &state, const std::string &principal, Each each) {
    std::string user = user_of(state, principal);
    auto permissions = state.records.find(kind::permissions);
    if (user.empty() || permissions == state.records.end())
        return;
    for (const auto &[id, record] : permissions->second) {
        if (text_of(record.body, "userId") == user)
            each(record.body);
    }
}

}  // namespace

std::string default_organization_id(const State &state) {
    auto organizations = state.records.find(kind::organizations);
    if (organizations == state.records.end() || organizations->second.empty())
        return "";
    const Record *first = nullptr;
    for (const auto &[id, record] : organizations->second)
        if (first == nullptr || record.sequence < first->sequence)
            first = &record;
    return text_of(first->body, "organizationId");
}

void seed_people(State &state, uint64_t &sequence) {
    Records &organizations = state.records[kind::organizations];
    Records &users = state.records[kind::users];
    if (organizations.empty()) {
        std::string organization = new_uuid(), user = new_uuid(), permission = new_uuid();
        Json body = Json::object();
        body.set_string("organizationId", organization)
            .set_string("organizationName", "Emulator Organization");
        body.set_string("email", "admin@emulator.example");
        organizations[organization] = new_record("", std::move(body), sequence);
        Json admin = Json::object();
        admin.set_string("id", user)
            .set_string("name", "Emulator Admin")
            .set_string("email", "admin@emulator.example");
        users[user] = new_record("", std::move(admin), sequence);
        Json grant = Json::object();
        grant.set_string("permissionId", permission)
            .set_string("permissionType", "organization_admin");
        grant.set_string("userId", user).set_string("organizationId", organization);
        state.records[kind::permissions][permission] = new_record("", std::move(grant), sequence);
    }
    const std::string organization = default_organization_id(state);
    for (auto &[id, workspace] : state.workspaces)
        if (workspace.organization_id.empty())
            workspace.organization_id = organization;
}

std::string user_of(const State &state, const std::string &principal) {
    auto found = state.principal_users.find(principal);
    return found != state.principal_users.end() ? found->second : "";
}

bool permission_grants(const State &state, const std::string &principal,
                       const std::string &workspace_id) {
    auto workspace = state.workspaces.find(workspace_id);
    const std::string organization =
        workspace != state.workspaces.end() ? workspace->second.organization_id : "";
    bool granted = false;
    for_each_permission_of(state, principal, [&](const Json &permission) {
        if (text_of(permission, "workspaceId") == workspace_id)
            granted = true;
        if (!organization.empty() && text_of(permission, "organizationId") == organization)
            granted = true;
    });
    return granted;
}

std::vector<std::string> permitted_workspaces(const State &state, const std::string &principal) {
    std::vector<std::string> result;
    for (const auto &[id, workspace] : state.workspaces)
        if (permission_grants(state, principal, id))
            result.push_back(id);
    return result;
}

bool can_access_organization(const State &state, const std::string &principal,
                             const std::string &organization_id) {
    bool allowed = false;
    for_each_permission_of(state, principal, [&](const Json &permission) {
        if (organization_of_permission(state, permission) == organization_id)
            allowed = true;
    });
    for (const auto &[id, workspace] : state.workspaces) {
        if (workspace.organization_id == organization_id && is_granted(state, principal, id))
            allowed = true;
    }
    return allowed;
}

Json add_user(State &state, const std::string &name, const std::string &email) {
    std::string user = new_uuid();
    std::string key = "abc_emulator_" + random_hex(16);
    Json body = Json::object();
    body.set_string("id", user).set_string("name", name).set_string("email", email);
    state.records[kind::users][user] = new_record("", std::move(body), state.next_sequence);
    // Not in api_keys: those are startup credentials, granted every startup workspace.
    state.principal_users[api_key_principal(key)] = user;
    Json out = Json::object();
    out.set_string("userId", user).set_string("apiKey", key);
    return out;
}

}  // namespace emulator
