#include "access.h"

#include "people.h"
#include "problems.h"
#include "text.h"

#include <algorithm>
#include <cstring>
#include <strings.h>

namespace emulator {

void authenticate(Context &ctx) {
    const std::string header = ctx.request.get_header_value("Authorization");
    if (header.empty()) throw problem::invalid_api_key("No Authorization header was sent.");
    if (header.size() < 8 || strncasecmp(header.c_str(), "Bearer ", 7) != 0)
        throw problem::invalid_api_key("The Authorization header must be 'Bearer <token>'.");
    std::string token = header.substr(7);
    while (!token.empty() && token.front() == ' ') token.erase(token.begin());
    while (!token.empty() && token.back() == ' ') token.pop_back();

    std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
    const State &state = ctx.emulator.state;
    if (auto found = state.tokens.find(token); found != state.tokens.end()) {
        if (found->second.expires_ms <= ctx.now) throw problem::invalid_api_key("The access token has expired.");
        ctx.principal = found->second.principal;
        return;
    }
    if (std::find(state.api_keys.begin(), state.api_keys.end(), token) != state.api_keys.end() ||
        state.principal_users.count(api_key_principal(token)) > 0) {  // a user's key (/_emulator/users)
        ctx.principal = api_key_principal(token);
        return;
    }
    throw problem::invalid_api_key();
}

bool is_workspace_deleted(const State &state, const std::string &workspace_id) {
    auto found = state.workspaces.find(workspace_id);
    return found == state.workspaces.end() || found->second.deleted;
}

bool is_granted(const State &state, const std::string &principal, const std::string &workspace_id) {
    auto found = state.grants.find(principal);
    if (found != state.grants.end() && found->second.count(workspace_id) > 0) return true;
    return permission_grants(state, principal, workspace_id);  // a user's permissions grant the rest
}

std::string require_uuid(const std::string &value, const std::string &what) {
    if (!is_uuid(value)) throw problem::bad_request(what + " must be a UUID, got '" + value + "'.");
    return to_lower(value);
}

namespace {

// A resource is reachable only while it and its workspace are live.
bool workspace_live(const State &state, const std::string &id) {
    auto found = state.workspaces.find(id);
    return found != state.workspaces.end() && !found->second.deleted;
}

void check_grant(Context &ctx, const std::string &workspace_id, const std::string &what) {
    if (!is_granted(ctx.emulator.state, ctx.principal, workspace_id))
        throw problem::forbidden("The caller is not allowed to access " + what + ".");
}

Actor &require_actor(Context &ctx, std::map<std::string, Actor> &actors, const char *type, const std::string &raw) {
    std::string id = require_uuid(raw, std::string(type) + "Id");
    auto found = actors.find(id);
    if (found == actors.end() || found->second.deleted || !workspace_live(ctx.emulator.state, found->second.workspace_id))
        throw problem::not_found(type, id);
    check_grant(ctx, found->second.workspace_id, std::string(type) + " " + id);
    return found->second;
}

}  // namespace

Workspace &require_workspace(Context &ctx, const std::string &raw) {
    std::string id = require_uuid(raw, "workspaceId");
    auto found = ctx.emulator.state.workspaces.find(id);
    if (found == ctx.emulator.state.workspaces.end() || found->second.deleted) throw problem::not_found("workspace", id);
    check_grant(ctx, id, "workspace " + id);
    return found->second;
}

Actor &require_source(Context &ctx, const std::string &id) {
    return require_actor(ctx, ctx.emulator.state.sources, "source", id);
}

Actor &require_destination(Context &ctx, const std::string &id) {
    return require_actor(ctx, ctx.emulator.state.destinations, "destination", id);
}

Connection &require_connection(Context &ctx, const std::string &raw) {
    std::string id = require_uuid(raw, "connectionId");
    auto found = ctx.emulator.state.connections.find(id);
    if (found == ctx.emulator.state.connections.end() || found->second.deleted ||
        !workspace_live(ctx.emulator.state, found->second.workspace_id))
        throw problem::not_found("connection", id);
    check_grant(ctx, found->second.workspace_id, "connection " + id);
    return found->second;
}

std::vector<std::string> listed_workspaces(Context &ctx, const std::vector<std::string> &requested) {
    std::vector<std::string> result;
    const State &state = ctx.emulator.state;
    if (!requested.empty()) {
        for (const std::string &raw : requested) {
            std::string id = require_uuid(raw, "workspaceIds");
            if (!is_granted(state, ctx.principal, id))
                throw problem::forbidden("The caller is not allowed to access workspace " + id + ".");
            if (std::find(result.begin(), result.end(), id) == result.end()) result.push_back(id);
        }
        return result;
    }
    auto found = state.grants.find(ctx.principal);
    if (found != state.grants.end())
        for (const std::string &id : found->second)
            if (state.workspaces.count(id)) result.push_back(id);
    for (const std::string &id : permitted_workspaces(state, ctx.principal))
        if (std::find(result.begin(), result.end(), id) == result.end()) result.push_back(id);
    return result;
}

Job &require_job(Context &ctx, int64_t id) {
    auto found = ctx.emulator.state.jobs.find(id);
    if (found == ctx.emulator.state.jobs.end()) throw problem::not_found("job", std::to_string(id));
    if (!is_granted(ctx.emulator.state, ctx.principal, found->second.workspace_id))
        throw problem::forbidden("The caller is not allowed to access job " + std::to_string(id) + ".");
    return found->second;
}

}  // namespace emulator
