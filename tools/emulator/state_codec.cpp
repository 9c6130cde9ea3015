// JSON form of the whole State, used by --state FILE.
#include "model.h"

#include <stdexcept>

namespace emulator {

std::string api_key_principal(const std::string &key) { return "api-key:" + key; }
std::string client_principal(const std::string &client_id) { return "client:" + client_id; }

namespace {

void set_optional_json(Json &object, const char *key, const Json &value) {
    if (value) object.set(key, value);
}

Json actor_to_json(const Actor &actor) {
    Json out = Json::object();
    out.set_string("id", actor.id);
    out.set_string("workspaceId", actor.workspace_id);
    out.set_string("name", actor.name);
    out.set_string("type", actor.type);
    out.set_string("definitionId", actor.definition_id);
    set_optional_json(out, "configuration", actor.configuration);
    set_optional_json(out, "resourceAllocation", actor.resource_allocation);
    out.set_string("secretId", actor.secret_id);
    out.set_integer("createdMs", actor.created_ms);
    out.set_integer("sequence", static_cast<int64_t>(actor.sequence));
    out.set_bool("deleted", actor.deleted);
    return out;
}

std::string need_string(const cJSON *object, const char *key) {
    auto value = json_string(object, key);
    if (!value) throw std::runtime_error(std::string("missing string '") + key + "'");
    return *value;
}

std::string opt_string(const cJSON *object, const char *key) { return json_string(object, key).value_or(""); }
int64_t opt_integer(const cJSON *object, const char *key) { return json_integer(object, key).value_or(0); }
bool opt_bool(const cJSON *object, const char *key) { return json_bool(object, key).value_or(false); }

Json opt_json(const cJSON *object, const char *key) {
    const cJSON *node = json_member(object, key);
    return node ? Json::copy_of(node) : Json();
}

Actor actor_from_json(const cJSON *node) {
    Actor actor;
    actor.id = need_string(node, "id");
    actor.workspace_id = need_string(node, "workspaceId");
    actor.name = opt_string(node, "name");
    actor.type = opt_string(node, "type");
    actor.definition_id = opt_string(node, "definitionId");
    actor.configuration = opt_json(node, "configuration");
    if (!actor.configuration) actor.configuration = Json::object();
    actor.resource_allocation = opt_json(node, "resourceAllocation");
    actor.secret_id = opt_string(node, "secretId");
    actor.created_ms = opt_integer(node, "createdMs");
    actor.sequence = static_cast<uint64_t>(opt_integer(node, "sequence"));
    actor.deleted = opt_bool(node, "deleted");
    return actor;
}

template <typename Each>
void for_each_item(const cJSON *root, const char *key, Each each) {
    const cJSON *array = json_member(root, key);
    if (!array) return;
    if (!cJSON_IsArray(array)) throw std::runtime_error(std::string("'") + key + "' is not an array");
    const cJSON *item = nullptr;
    cJSON_ArrayForEach(item, array) each(item);
}

}  // namespace

Json state_to_json(const State &state) {
    Json root = Json::object();
    root.set_integer("formatVersion", 1);
    Json keys = Json::array();
    for (const auto &key : state.api_keys) keys.push(Json::string(key));
    root.set("apiKeys", std::move(keys));
    Json clients = Json::array();
    for (const auto &client : state.clients) {
        Json item = Json::object();
        item.set_string("clientId", client.id);
        item.set_string("clientSecret", client.secret);
        clients.push(std::move(item));
    }
    root.set("clients", std::move(clients));
    Json startup = Json::array();
    for (const auto &id : state.startup_workspaces) startup.push(Json::string(id));
    root.set("startupWorkspaces", std::move(startup));
    Json grants = Json::object();
    for (const auto &[principal, workspaces] : state.grants) {
        Json list = Json::array();
        for (const auto &id : workspaces) list.push(Json::string(id));
        grants.set(principal.c_str(), std::move(list));
    }
    root.set("grants", std::move(grants));
    Json tokens = Json::array();
    for (const auto &[token, info] : state.tokens) {
        Json item = Json::object();
        item.set_string("token", token);
        item.set_string("principal", info.principal);
        item.set_integer("expiresMs", info.expires_ms);
        tokens.push(std::move(item));
    }
    root.set("tokens", std::move(tokens));

    Json workspaces = Json::array();
    for (const auto &[id, workspace] : state.workspaces) {
        Json item = Json::object();
        item.set_string("id", workspace.id);
        item.set_string("name", workspace.name);
        item.set_string("dataResidency", workspace.data_residency);
        set_optional_json(item, "notifications", workspace.notifications);
        item.set_integer("createdMs", workspace.created_ms);
        item.set_integer("sequence", static_cast<int64_t>(workspace.sequence));
        item.set_bool("deleted", workspace.deleted);
        item.set_string("organizationId", workspace.organization_id);
        workspaces.push(std::move(item));
    }
    root.set("workspaces", std::move(workspaces));
    Json sources = Json::array();
    for (const auto &[id, actor] : state.sources) sources.push(actor_to_json(actor));
    root.set("sources", std::move(sources));
    Json destinations = Json::array();
    for (const auto &[id, actor] : state.destinations) destinations.push(actor_to_json(actor));
    root.set("destinations", std::move(destinations));

    Json connections = Json::array();
    for (const auto &[id, connection] : state.connections) {
        Json item = Json::object();
        item.set_string("id", connection.id);
        item.set_string("workspaceId", connection.workspace_id);
        item.set_string("sourceId", connection.source_id);
        item.set_string("destinationId", connection.destination_id);
        item.set_string("name", connection.name);
        item.set_string("status", connection.status);
        set_optional_json(item, "schedule", connection.schedule);
        set_optional_json(item, "configurations", connection.configurations);
        set_optional_json(item, "tags", connection.tags);
        item.set_string("nonBreakingSchemaUpdatesBehavior", connection.non_breaking_changes);
        item.set_string("namespaceDefinition", connection.namespace_definition);
        if (connection.namespace_format) item.set_string("namespaceFormat", *connection.namespace_format);
        item.set_string("prefix", connection.prefix);
        item.set_string("dataResidency", connection.data_residency);
        item.set_integer("createdMs", connection.created_ms);
        item.set_integer("sequence", static_cast<int64_t>(connection.sequence));
        item.set_bool("deleted", connection.deleted);
        item.set_integer("generation", connection.generation);
        connections.push(std::move(item));
    }
    root.set("connections", std::move(connections));

    Json jobs = Json::array();
    for (const auto &[id, job] : state.jobs) {
        Json item = Json::object();
        item.set_integer("id", job.id);
        item.set_string("connectionId", job.connection_id);
        item.set_string("workspaceId", job.workspace_id);
        item.set_string("jobType", job.job_type);
        item.set_integer("createdMs", job.created_ms);
        item.set_integer("pendingMs", job.pending_ms);
        item.set_integer("durationMs", job.duration_ms);
        item.set_string("outcome", job.outcome);
        item.set_integer("totalRows", job.total_rows);
        item.set_integer("totalBytes", job.total_bytes);
        item.set_integer("generation", job.generation);
        item.set_string("destinationType", job.destination_type);
        item.set_bool("writesDestination", job.writes_destination);
        item.set_string("finalStatus", job.final_status);
        item.set_integer("finalMs", job.final_ms);
        item.set_integer("finalRows", job.final_rows);
        item.set_integer("finalBytes", job.final_bytes);
        item.set_string("writeState", job.write_state);
        item.set_string("failureReason", job.failure_reason);
        jobs.push(std::move(item));
    }
    root.set("jobs", std::move(jobs));

    Json behaviours = Json::object();
    for (const auto &[connection_id, behaviour] : state.behaviours) {
        Json item = Json::object();
        item.set_string("outcome", behaviour.outcome);
        if (behaviour.duration_ms) item.set_integer("durationMs", *behaviour.duration_ms);
        behaviours.set(connection_id.c_str(), std::move(item));
    }
    root.set("behaviours", std::move(behaviours));
    Json records = Json::object();
    for (const auto &[kind_name, entries] : state.records) {
        Json list = Json::array();
        for (const auto &[id, record] : entries) {
            Json item = Json::object();
            item.set_string("id", id);
            item.set_string("workspaceId", record.workspace_id);
            item.set("body", record.body);
            item.set_integer("sequence", static_cast<int64_t>(record.sequence));
            list.push(std::move(item));
        }
        records.set(kind_name.c_str(), std::move(list));
    }
    root.set("records", std::move(records));
    Json principal_users = Json::object();
    for (const auto &[principal, user] : state.principal_users) principal_users.set_string(principal.c_str(), user);
    root.set("principalUsers", std::move(principal_users));
    root.set_integer("nextJobId", state.next_job_id);
    root.set_integer("nextSequence", static_cast<int64_t>(state.next_sequence));
    return root;
}

State state_from_json(const cJSON *root) {
    if (!cJSON_IsObject(root)) throw std::runtime_error("state is not a JSON object");
    State state;
    for_each_item(root, "apiKeys", [&](const cJSON *item) {
        if (cJSON_IsString(item)) state.api_keys.emplace_back(item->valuestring);
    });
    for_each_item(root, "clients", [&](const cJSON *item) {
        state.clients.push_back({need_string(item, "clientId"), need_string(item, "clientSecret")});
    });
    for_each_item(root, "startupWorkspaces", [&](const cJSON *item) {
        if (cJSON_IsString(item)) state.startup_workspaces.emplace_back(item->valuestring);
    });
    if (const cJSON *grants = json_member(root, "grants")) {
        const cJSON *entry = nullptr;
        cJSON_ArrayForEach(entry, grants) {
            auto &set = state.grants[entry->string ? entry->string : ""];
            const cJSON *id = nullptr;
            cJSON_ArrayForEach(id, entry) {
                if (cJSON_IsString(id)) set.insert(id->valuestring);
            }
        }
    }
    for_each_item(root, "tokens", [&](const cJSON *item) {
        state.tokens[need_string(item, "token")] = Token{need_string(item, "principal"), opt_integer(item, "expiresMs")};
    });
    for_each_item(root, "workspaces", [&](const cJSON *item) {
        Workspace workspace;
        workspace.id = need_string(item, "id");
        workspace.name = opt_string(item, "name");
        workspace.data_residency = json_string(item, "dataResidency").value_or("auto");
        workspace.notifications = opt_json(item, "notifications");
        workspace.created_ms = opt_integer(item, "createdMs");
        workspace.sequence = static_cast<uint64_t>(opt_integer(item, "sequence"));
        workspace.deleted = opt_bool(item, "deleted");
        workspace.organization_id = opt_string(item, "organizationId");
        state.workspaces[workspace.id] = std::move(workspace);
    });
    for_each_item(root, "sources", [&](const cJSON *item) {
        Actor actor = actor_from_json(item);
        state.sources[actor.id] = std::move(actor);
    });
    for_each_item(root, "destinations", [&](const cJSON *item) {
        Actor actor = actor_from_json(item);
        state.destinations[actor.id] = std::move(actor);
    });
    for_each_item(root, "connections", [&](const cJSON *item) {
        Connection connection;
        connection.id = need_string(item, "id");
        connection.workspace_id = need_string(item, "workspaceId");
        connection.source_id = need_string(item, "sourceId");
        connection.destination_id = need_string(item, "destinationId");
        connection.name = opt_string(item, "name");
        connection.status = json_string(item, "status").value_or("active");
        connection.schedule = opt_json(item, "schedule");
        connection.configurations = opt_json(item, "configurations");
        connection.tags = opt_json(item, "tags");
        connection.non_breaking_changes = json_string(item, "nonBreakingSchemaUpdatesBehavior").value_or("ignore");
        connection.namespace_definition = json_string(item, "namespaceDefinition").value_or("destination");
        if (auto format = json_string(item, "namespaceFormat")) connection.namespace_format = *format;
        connection.prefix = opt_string(item, "prefix");
        connection.data_residency = opt_string(item, "dataResidency");
        connection.created_ms = opt_integer(item, "createdMs");
        connection.sequence = static_cast<uint64_t>(opt_integer(item, "sequence"));
        connection.deleted = opt_bool(item, "deleted");
        connection.generation = opt_integer(item, "generation");
        if (!connection.schedule) connection.schedule = Json::parse(R"({"scheduleType":"manual"})");
        if (!connection.configurations) connection.configurations = Json::parse(R"({"streams":[]})");
        if (!connection.tags) connection.tags = Json::array();
        state.connections[connection.id] = std::move(connection);
    });
    for_each_item(root, "jobs", [&](const cJSON *item) {
        Job job;
        job.id = opt_integer(item, "id");
        if (job.id <= 0) throw std::runtime_error("job without a positive id");
        job.connection_id = need_string(item, "connectionId");
        job.workspace_id = opt_string(item, "workspaceId");
        job.job_type = json_string(item, "jobType").value_or("sync");
        job.created_ms = opt_integer(item, "createdMs");
        job.pending_ms = opt_integer(item, "pendingMs");
        job.duration_ms = opt_integer(item, "durationMs");
        job.outcome = json_string(item, "outcome").value_or("succeeded");
        job.total_rows = opt_integer(item, "totalRows");
        job.total_bytes = opt_integer(item, "totalBytes");
        job.generation = opt_integer(item, "generation");
        job.destination_type = opt_string(item, "destinationType");
        job.writes_destination = opt_bool(item, "writesDestination");
        job.final_status = opt_string(item, "finalStatus");
        job.final_ms = opt_integer(item, "finalMs");
        job.final_rows = opt_integer(item, "finalRows");
        job.final_bytes = opt_integer(item, "finalBytes");
        job.write_state = opt_string(item, "writeState");
        job.failure_reason = opt_string(item, "failureReason");
        // A write that was under way when the process stopped never committed: run it again.
        if (job.write_state == "queued" || job.write_state == "writing") job.write_state.clear();
        state.jobs[job.id] = std::move(job);
    });
    if (const cJSON *behaviours = json_member(root, "behaviours")) {
        const cJSON *entry = nullptr;
        cJSON_ArrayForEach(entry, behaviours) {
            Behaviour behaviour;
            behaviour.outcome = opt_string(entry, "outcome");
            if (auto duration = json_integer(entry, "durationMs")) behaviour.duration_ms = *duration;
            state.behaviours[entry->string ? entry->string : ""] = behaviour;
        }
    }
    if (const cJSON *records = json_member(root, "records")) {
        const cJSON *entry = nullptr;
        cJSON_ArrayForEach(entry, records) {
            Records &entries = state.records[entry->string ? entry->string : ""];
            for_each_item(records, entry->string, [&](const cJSON *item) {
                Record record{opt_string(item, "workspaceId"), opt_json(item, "body"),
                              static_cast<uint64_t>(opt_integer(item, "sequence"))};
                if (!record.body.is_object()) throw std::runtime_error("record without a body object");
                entries[need_string(item, "id")] = std::move(record);
            });
        }
    }
    if (const cJSON *principal_users = json_member(root, "principalUsers")) {
        const cJSON *entry = nullptr;
        cJSON_ArrayForEach(entry, principal_users) {
            if (cJSON_IsString(entry)) state.principal_users[entry->string ? entry->string : ""] = entry->valuestring;
        }
    }
    state.next_job_id = json_integer(root, "nextJobId").value_or(1);
    if (!state.jobs.empty() && state.next_job_id <= state.jobs.rbegin()->first)
        state.next_job_id = state.jobs.rbegin()->first + 1;
    state.next_sequence = static_cast<uint64_t>(json_integer(root, "nextSequence").value_or(1));
    return state;
}

}  // namespace emulator
