// JSON form of the whole State, used by --state FILE.
//
// Each record type has a field table: one entry per persisted member (JSON name, member; its C++
// type gives the JSON type), optionally required or with a fallback for a file that lacks it.
// A new persisted member costs one line in its table; a new collection of State one line in
// state_to_json and one in state_from_json (and a `complete` overload when a loaded record needs
// defaults filled in).
#include "model.h"

#include <stdexcept>
#include <variant>

namespace emulator {

std::string api_key_principal(const std::string &key) {
    return "api-key:" + key;
}
std::string client_principal(const std::string &client_id) {
    return "client:" + client_id;
}

namespace {

template <typename T>
struct Field {
    using Member = std::variant<std::string T::*, std::optional<std::string> T::*, int64_t T::*,
                                uint64_t T::*, std::optional<int64_t> T::*, bool T::*, Json T::*>;
    const char *name;
    Member member;
    bool required = false;           // a file without it is rejected (strings only)
    const char *fallback = nullptr;  // a string the file lacks; nullptr keeps the struct's default
};

const Field<Workspace> workspace_fields[] = {
    {"id", &Workspace::id, true},
    {"name", &Workspace::name},
    {"dataResidency", &Workspace::data_residency},
    {"notifications", &Workspace::notifications},
    {"createdMs", &Workspace::created_ms},
    {"sequence", &Workspace::sequence},
    {"deleted", &Workspace::deleted},
    {"organizationId", &Workspace::organization_id},
};

// Tags, permissions, users, organizations, definitions, OAuth overrides (model.h's Record),
// keyed by id within their kind.
const Field<Record> record_fields[] = {
    {"workspaceId", &Record::workspace_id},
    {"body", &Record::body},
    {"sequence", &Record::sequence},
};

const Field<Actor> actor_fields[] = {
    {"id", &Actor::id, true},
    {"workspaceId", &Actor::workspace_id, true},
    {"name", &Actor::name},
    {"type", &Actor::type},
    {"definitionId", &Actor::definition_id},
    {"configuration", &Actor::configuration},
    {"resourceAllocation", &Actor::resource_allocation},
    {"secretId", &Actor::secret_id},
    {"createdMs", &Actor::created_ms},
    {"sequence", &Actor::sequence},
    {"deleted", &Actor::deleted},
};

const Field<Connection> connection_fields[] = {
    {"id", &Connection::id, true},
    {"workspaceId", &Connection::workspace_id, true},
    {"sourceId", &Connection::source_id, true},
    {"destinationId", &Connection::destination_id, true},
    {"name", &Connection::name},
    {"status", &Connection::status},
    {"schedule", &Connection::schedule},
    {"configurations", &Connection::configurations},
    {"tags", &Connection::tags},
    {"nonBreakingSchemaUpdatesBehavior", &Connection::non_breaking_changes},
    {"namespaceDefinition", &Connection::namespace_definition},
    {"namespaceFormat", &Connection::namespace_format},
    {"prefix", &Connection::prefix},
    {"dataResidency", &Connection::data_residency},
    {"createdMs", &Connection::created_ms},
    {"sequence", &Connection::sequence},
    {"deleted", &Connection::deleted},
    {"generation", &Connection::generation},
    {"savedState", &Connection::saved_state},
    {"stateSavedMs", &Connection::state_saved_ms},
};

const Field<Job> job_fields[] = {
    {"id", &Job::id},
    {"connectionId", &Job::connection_id, true},
    {"workspaceId", &Job::workspace_id},
    {"jobType", &Job::job_type, false, "sync"},
    {"createdMs", &Job::created_ms},
    {"pendingMs", &Job::pending_ms},
    {"durationMs", &Job::duration_ms},
    {"outcome", &Job::outcome},
    {"totalRows", &Job::total_rows},
    {"totalBytes", &Job::total_bytes},
    {"generation", &Job::generation},
    {"destinationType", &Job::destination_type},
    {"writesDestination", &Job::writes_destination},
    {"finalStatus", &Job::final_status},
    {"finalMs", &Job::final_ms},
    {"finalRows", &Job::final_rows},
    {"finalBytes", &Job::final_bytes},
    {"writeState", &Job::write_state},
    {"failureReason", &Job::failure_reason},
    {"failureOrigin", &Job::failure_origin},
    {"failureMessage", &Job::failure_message},
    {"logLines", &Job::log_lines},
};

const Field<ClientCredential> client_fields[] = {
    {"clientId", &ClientCredential::id, true},
    {"clientSecret", &ClientCredential::secret, true},
};

// Stored under the token itself ("token"), which is the key of State::tokens.
const Field<Token> token_fields[] = {
    {"principal", &Token::principal, true},
    {"expiresMs", &Token::expires_ms},
};

const Field<Behaviour> behaviour_fields[] = {
    {"outcome", &Behaviour::outcome},
    {"durationMs", &Behaviour::duration_ms},
    {"failureOrigin", &Behaviour::failure_origin},
    {"failureMessage", &Behaviour::failure_message},
    {"logLines", &Behaviour::log_lines},
};

// ---- one member, by type; optional and Json members are left out when empty ----

void put(Json &out, const char *name, const std::string &value) {
    out.set_string(name, value);
}
void put(Json &out, const char *name, const std::optional<std::string> &value) {
    if (value)
        out.set_string(name, *value);
}
void put(Json &out, const char *name, int64_t value) {
    out.set_integer(name, value);
}
void put(Json &out, const char *name, uint64_t value) {
    out.set_integer(name, static_cast<int64_t>(value));
}
void put(Json &out, const char *name, const std::optional<int64_t> &value) {
    if (value)
        out.set_integer(name, *value);
}
void put(Json &out, const char *name, bool value) {
    out.set_bool(name, value);
}
void put(Json &out, const char *name, const Json &value) {
    if (value)
        out.set(name, value);
}

std::string required_string(const cJSON *node, const char *name) {
    auto text = json_string(node, name);
    if (!text)
        throw std::runtime_error(std::string("missing string '") + name + "'");
    return *text;
}

template <typename T>
void get(const cJSON *node, const Field<T> &field, std::string &value) {
    if (field.required) {
        value = required_string(node, field.name);
    } else if (auto text = json_string(node, field.name)) {
        value = *text;
    } else if (field.fallback) {
        value = field.fallback;
    }
}
template <typename T>
void get(const cJSON *node, const Field<T> &field, std::optional<std::string> &value) {
    if (auto text = json_string(node, field.name))
        value = *text;
}
template <typename T>
void get(const cJSON *node, const Field<T> &field, int64_t &value) {
    if (auto number = json_integer(node, field.name))
        value = *number;
}
template <typename T>
void get(const cJSON *node, const Field<T> &field, uint64_t &value) {
    if (auto number = json_integer(node, field.name))
        value = static_cast<uint64_t>(*number);
}
template <typename T>
void get(const cJSON *node, const Field<T> &field, std::optional<int64_t> &value) {
    if (auto number = json_integer(node, field.name))
        value = *number;
}
template <typename T>
void get(const cJSON *node, const Field<T> &field, bool &value) {
    if (auto flag = json_bool(node, field.name))
        value = *flag;
}
template <typename T>
void get(const cJSON *node, const Field<T> &field, Json &value) {
    if (const cJSON *member = json_member(node, field.name))
        value = Json::copy_of(member);
}

// ---- records ----

template <typename T, size_t N>
void put_fields(Json &out, const T &record, const Field<T> (&fields)[N]) {
    for (const auto &field : fields)
        std::visit([&](auto member) { put(out, field.name, record.*member); }, field.member);
}

template <typename T, size_t N>
Json record_to_json(const T &record, const Field<T> (&fields)[N]) {
    Json out = Json::object();
    put_fields(out, record, fields);
    return out;
}

template <typename T, size_t N>
T record_from_json(const cJSON *node, const Field<T> (&fields)[N]) {
    T record;
    for (const auto &field : fields)
        std::visit([&](auto member) { get(node, field, record.*member); }, field.member);
    return record;
}

// Defaults a loaded record needs beyond its struct's.
void complete(Workspace &) {}
void complete(Actor &actor) {
    if (!actor.configuration)
        actor.configuration = Json::object();
}
void complete(Connection &connection) {
    if (!connection.schedule)
        connection.schedule = Json::parse(R"({"scheduleType":"manual"})");
    if (!connection.configurations)
        connection.configurations = Json::parse(R"({"streams":[]})");
    if (!connection.tags)
        connection.tags = Json::array();
}
void complete(Job &job) {
    if (job.id <= 0)
        throw std::runtime_error("job without a positive id");
    // A write that was under way when the process stopped never committed: run it again.
    if (job.write_state == "queued" || job.write_state == "writing")
        job.write_state.clear();
}

// ---- collections: maps keyed by the record's id and vectors as arrays ----

template <typename K, typename V>
const V &value_of(const std::pair<const K, V> &entry) {
    return entry.second;
}
template <typename V>
const V &value_of(const V &value) {
    return value;
}

template <typename Collection, typename T, size_t N>
Json records_to_json(const Collection &collection, const Field<T> (&fields)[N]) {
    Json list = Json::array();
    for (const auto &entry : collection)
        list.push(record_to_json(value_of(entry), fields));
    return list;
}

template <typename Each>
void for_each_item(const cJSON *root, const char *key, Each each) {
    const cJSON *array = json_member(root, key);
    if (!array)
        return;
    if (!cJSON_IsArray(array))
        throw std::runtime_error(std::string("'") + key + "' is not an array");
    const cJSON *item = nullptr;
    cJSON_ArrayForEach(item, array) each(item);
}

template <typename Map, typename T, size_t N>
void records_by_id(const cJSON *root, const char *key, Map &map, const Field<T> (&fields)[N]) {
    for_each_item(root, key, [&](const cJSON *item) {
        T record = record_from_json(item, fields);
        complete(record);
        auto id = record.id;
        map[id] = std::move(record);
    });
}

// Members of an object, each an object of fields, keyed by the member name.
template <typename Map, typename T, size_t N>
Json keyed_to_json(const Map &map, const Field<T> (&fields)[N]) {
    Json out = Json::object();
    for (const auto &[key, record] : map)
        out.set(key.c_str(), record_to_json(record, fields));
    return out;
}

template <typename Map, typename T, size_t N>
void keyed_from_json(const cJSON *root, const char *key, Map &map, const Field<T> (&fields)[N]) {
    const cJSON *entry = nullptr;
    cJSON_ArrayForEach(entry, json_member(root, key)) map[entry->string ? entry->string : ""] =
        record_from_json(entry, fields);
}

template <typename Strings>
Json strings_to_json(const Strings &strings) {
    Json list = Json::array();
    for (const auto &text : strings)
        list.push(Json::string(text));
    return list;
}

void strings_from_json(const cJSON *root, const char *key, std::vector<std::string> &out) {
    for_each_item(root, key, [&](const cJSON *item) {
        if (cJSON_IsString(item))
            out.emplace_back(item->valuestring);
    });
}

Json tokens_to_json(const State &state) {
    Json tokens = Json::array();
    for (const auto &[token, info] : state.tokens) {
        Json item = Json::object();
        item.set_string("token", token);
        put_fields(item, info, token_fields);
        tokens.push(std::move(item));
    }
    return tokens;
}

}  // namespace

Json state_to_json(const State &state) {
    Json root = Json::object();
    root.set_integer("formatVersion", 1);
    root.set("apiKeys", strings_to_json(state.api_keys));
    root.set("clients", records_to_json(state.clients, client_fields));
    root.set("startupWorkspaces", strings_to_json(state.startup_workspaces));
    Json grants = Json::object();
    for (const auto &[principal, workspaces] : state.grants)
        grants.set(principal.c_str(), strings_to_json(workspaces));
    root.set("grants", std::move(grants));
    root.set("tokens", tokens_to_json(state));
    root.set("workspaces", records_to_json(state.workspaces, workspace_fields));
    root.set("sources", records_to_json(state.sources, actor_fields));
    root.set("destinations", records_to_json(state.destinations, actor_fields));
    root.set("connections", records_to_json(state.connections, connection_fields));
    root.set("jobs", records_to_json(state.jobs, job_fields));
    root.set("behaviours", keyed_to_json(state.behaviours, behaviour_fields));
    Json records = Json::object();
    for (const auto &[kind_name, entries] : state.records)
        records.set(kind_name.c_str(), keyed_to_json(entries, record_fields));
    root.set("records", std::move(records));
    Json principal_users = Json::object();
    for (const auto &[principal, user] : state.principal_users)
        principal_users.set_string(principal.c_str(), user);
    root.set("principalUsers", std::move(principal_users));
    root.set_integer("nextJobId", state.next_job_id);
    root.set_integer("nextSequence", static_cast<int64_t>(state.next_sequence));
    return root;
}

State state_from_json(const cJSON *root) {
    if (!cJSON_IsObject(root))
        throw std::runtime_error("state is not a JSON object");
    State state;
    strings_from_json(root, "apiKeys", state.api_keys);
    for_each_item(root, "clients", [&](const cJSON *item) {
        state.clients.push_back(record_from_json(item, client_fields));
    });
    strings_from_json(root, "startupWorkspaces", state.startup_workspaces);
    const cJSON *grant = nullptr;
    cJSON_ArrayForEach(grant, json_member(root, "grants")) {
        auto &workspaces = state.grants[grant->string ? grant->string : ""];
        const cJSON *id = nullptr;
        cJSON_ArrayForEach(id, grant) {
            if (cJSON_IsString(id))
                workspaces.insert(id->valuestring);
        }
    }
    for_each_item(root, "tokens", [&](const cJSON *item) {
        Token token = record_from_json(item, token_fields);
        state.tokens[required_string(item, "token")] = std::move(token);
    });
    records_by_id(root, "workspaces", state.workspaces, workspace_fields);
    records_by_id(root, "sources", state.sources, actor_fields);
    records_by_id(root, "destinations", state.destinations, actor_fields);
    records_by_id(root, "connections", state.connections, connection_fields);
    records_by_id(root, "jobs", state.jobs, job_fields);
    keyed_from_json(root, "behaviours", state.behaviours, behaviour_fields);
    const cJSON *kind_node = nullptr;
    cJSON_ArrayForEach(kind_node, json_member(root, "records")) {
        Records &entries = state.records[kind_node->string ? kind_node->string : ""];
        keyed_from_json(json_member(root, "records"), kind_node->string, entries, record_fields);
        for (const auto &[id, record] : entries)
            if (!record.body.is_object())
                throw std::runtime_error("record " + id + " has no body object");
    }
    const cJSON *principal = nullptr;
    cJSON_ArrayForEach(principal, json_member(root, "principalUsers")) {
        if (cJSON_IsString(principal))
            state.principal_users[principal->string ? principal->string : ""] = principal->valuestring;
    }
    state.next_job_id = json_integer(root, "nextJobId").value_or(1);
    if (!state.jobs.empty() && state.next_job_id <= state.jobs.rbegin()->first)
        state.next_job_id = state.jobs.rbegin()->first + 1;
    state.next_sequence = static_cast<uint64_t>(json_integer(root, "nextSequence").value_or(1));
    return state;
}

}  // namespace emulator
