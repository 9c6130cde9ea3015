// The emulator's resources as stored (secrets unmasked, configs without discriminator) and the
// whole persisted state. Everything here is guarded by Emulator::mutex.
#pragma once

#include "json.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace emulator {

struct Workspace {
    std::string id;
    std::string name;
    std::string data_residency = "auto";
    Json notifications;  // NotificationsConfig as given (defaults filled in on output)
    std::string organization_id;
    int64_t created_ms = 0;
    uint64_t sequence = 0;
    bool deleted = false;
};

// A source or a destination: same shape, different discriminator name.
struct Actor {
    std::string id;
    std::string workspace_id;
    std::string name;
    std::string type;  // connector name, e.g. "faker", "postgres" ("" when only an unknown definitionId was given)
    std::string definition_id;
    Json configuration;  // without sourceType/destinationType, secrets in clear
    Json resource_allocation;
    std::string secret_id;
    int64_t created_ms = 0;
    uint64_t sequence = 0;
    bool deleted = false;
};

struct Connection {
    std::string id;
    std::string workspace_id;
    std::string source_id;
    std::string destination_id;
    std::string name;
    std::string status = "active";
    Json schedule;        // ConnectionScheduleResponse
    Json configurations;  // StreamConfigurations with defaults filled in
    Json tags;            // Tag[]
    std::string non_breaking_changes = "ignore";
    std::string namespace_definition = "destination";
    std::optional<std::string> namespace_format;
    std::string prefix;
    std::string data_residency;
    int64_t created_ms = 0;
    uint64_t sequence = 0;
    bool deleted = false;
    int64_t generation = 0;  // bumped by each sync/reset/clear: Airbyte's _airbyte_generation_id
    // Config API state set with /api/v1/state/create_or_update (a ConnectionState object, or empty)
    // and when; a sync that succeeds later supersedes it with the state it derives.
    Json saved_state;
    int64_t state_saved_ms = 0;
};

// Admin-set (or source-config) run behaviour for the jobs of one connection.
struct Behaviour {
    std::string outcome;  // succeeded|failed|incomplete|cancelled|running
    std::optional<int64_t> duration_ms;
    // Why a failed (or incomplete) run failed, as its attempt's failure reports it.
    std::string failure_origin;
    std::string failure_message;
    int64_t log_lines = 0;  // extra lines in each attempt's log (to exercise large logs)
};

struct Job {
    int64_t id = 0;
    std::string connection_id;
    std::string workspace_id;
    std::string job_type;  // sync|reset|clear
    int64_t created_ms = 0;
    int64_t pending_ms = 0;
    int64_t duration_ms = 0;
    std::string outcome = "succeeded";  // what the run ends in; "running" never ends
    int64_t total_rows = 0;
    int64_t total_bytes = 0;
    int64_t generation = 0;
    std::string destination_type;
    bool writes_destination = false;  // a Postgres destination gets rows (sync) or truncation (reset/clear)
    // Set once the job reached a state by an explicit event (cancel, admin complete, write result).
    std::string final_status;
    int64_t final_ms = 0;
    int64_t final_rows = 0;
    int64_t final_bytes = 0;
    std::string write_state;  // "", "queued", "writing", "committed", "failed"
    std::string failure_reason;   // the destination write's error
    std::string failure_origin;   // from the behaviour: where a planned failure comes from
    std::string failure_message;  // from the behaviour: why it fails
    int64_t log_lines = 0;        // from the behaviour: extra log lines
    // Process-local identity (not persisted): ids start again at 1 after a reset, and a write
    // still running for an old job must not finish a new job that got the same id.
    uint64_t instance = 0;
};

// The resources the emulator keeps as the API's own response objects: tags, permissions, users,
// organizations, custom and declarative definitions, OAuth credential overrides.
struct Record {
    std::string workspace_id;  // the workspace it belongs to; "" for none
    Json body;                 // the response object
    uint64_t sequence = 0;
};
using Records = std::map<std::string, Record>;  // by id

// Kinds of Records (keys of State::records, and of the --state file).
namespace kind {
inline constexpr const char *tags = "tags";
inline constexpr const char *permissions = "permissions";
inline constexpr const char *users = "users";
inline constexpr const char *organizations = "organizations";
inline constexpr const char *source_definitions = "sourceDefinitions";
inline constexpr const char *destination_definitions = "destinationDefinitions";
inline constexpr const char *declarative_definitions = "declarativeSourceDefinitions";
inline constexpr const char *oauth_overrides = "oauthOverrides";
}  // namespace kind

struct Token {
    std::string principal;
    int64_t expires_ms = 0;
};

struct ClientCredential {
    std::string id;
    std::string secret;
};

struct State {
    std::vector<std::string> api_keys;
    std::vector<ClientCredential> clients;
    std::vector<std::string> startup_workspaces;
    // principal ("api-key:KEY" or "client:ID") -> workspaces it may use
    std::map<std::string, std::set<std::string>> grants;
    std::unordered_map<std::string, Token> tokens;
    std::map<std::string, Workspace> workspaces;
    std::map<std::string, Actor> sources;
    std::map<std::string, Actor> destinations;
    std::map<std::string, Connection> connections;
    std::map<int64_t, Job> jobs;
    std::map<std::string, Records> records;                // by kind (see namespace kind)
    std::map<std::string, std::string> principal_users;  // principal -> user id (its permissions apply)
    std::map<std::string, Behaviour> behaviours;  // by connection id
    int64_t next_job_id = 1;
    uint64_t next_sequence = 1;
};

std::string api_key_principal(const std::string &key);
std::string client_principal(const std::string &client_id);

// Persisted form (the --state file). from_json throws std::runtime_error on a malformed file.
Json state_to_json(const State &state);
State state_from_json(const cJSON *root);

}  // namespace emulator
