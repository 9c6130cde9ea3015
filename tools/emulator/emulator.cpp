#include "emulator.h"

#include "jobs.h"
#include "people.h"

#include "text.h"

#include <algorithm>
#include <cstdio>

namespace emulator {

// ---- RequestStats ----

void RequestStats::record_request() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++requests_;
}

void RequestStats::record_route(const std::string &route) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++routes_[route];
}

void RequestStats::record_job_created() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++jobs_created_;
}

Json RequestStats::to_json() const {
    std::lock_guard<std::mutex> lock(mutex_);
    Json out = Json::object();
    out.set_integer("requests", static_cast<int64_t>(requests_));
    out.set_integer("jobsCreated", static_cast<int64_t>(jobs_created_));
    Json routes = Json::object();
    for (const auto &[route, count] : routes_) routes.set_integer(route.c_str(), static_cast<int64_t>(count));
    out.set("routes", std::move(routes));
    return out;
}

void RequestStats::clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_ = 0;
    jobs_created_ = 0;
    routes_.clear();
}

// ---- Emulator ----

Emulator::Emulator(Options given_options) : options(std::move(given_options)), runner(*this) {
    if (!options.state_file.empty()) state_file_ = std::make_unique<StateFile>(options.state_file);
}

Emulator::~Emulator() { runner.stop(); }

namespace {

void grant_everywhere(State &state, const std::string &principal) {
    auto &granted = state.grants[principal];
    for (const auto &id : state.startup_workspaces) granted.insert(id);
}

}  // namespace

void Emulator::initialise() {
    std::lock_guard<std::mutex> lock(mutex);
    if (state_file_) {
        if (auto loaded = state_file_->load()) state = std::move(*loaded);
    }
    for (auto &[id, job] : state.jobs) job.instance = next_job_instance();
    const int64_t now = now_ms();
    for (const auto &key : options.api_keys)
        if (std::find(state.api_keys.begin(), state.api_keys.end(), key) == state.api_keys.end())
            state.api_keys.push_back(key);
    for (const auto &client : options.clients) {
        auto same = [&](const ClientCredential &known) { return known.id == client.id; };
        auto found = std::find_if(state.clients.begin(), state.clients.end(), same);
        if (found == state.clients.end()) {
            state.clients.push_back({client.id, client.secret});
        } else {
            found->secret = client.secret;
        }
    }
    for (const auto &id : options.workspaces)
        if (std::find(state.startup_workspaces.begin(), state.startup_workspaces.end(), id) ==
            state.startup_workspaces.end())
            state.startup_workspaces.push_back(id);
    if (state.api_keys.empty()) state.api_keys.push_back("abc_emulator_" + random_hex(16));
    if (state.clients.empty()) state.clients.push_back({new_uuid(), random_hex(24)});
    if (state.startup_workspaces.empty()) state.startup_workspaces.push_back(new_uuid());

    size_t number = 0;
    for (const auto &id : state.startup_workspaces) {
        ++number;
        auto &workspace = state.workspaces[id];
        if (workspace.id.empty()) {
            workspace.id = id;
            workspace.name = number == 1 ? "Emulator Workspace" : "Emulator Workspace " + std::to_string(number);
            workspace.created_ms = now;
            workspace.sequence = state.next_sequence++;
        }
        workspace.deleted = false;
        startup_workspaces_.push_back(workspace);
    }
    for (const auto &key : state.api_keys) grant_everywhere(state, api_key_principal(key));
    for (const auto &client : state.clients) grant_everywhere(state, client_principal(client.id));
    seed_people(state, state.next_sequence);
}

State Emulator::clean_state() const {
    State clean;
    clean.api_keys = state.api_keys;
    clean.clients = state.clients;
    clean.startup_workspaces = state.startup_workspaces;
    clean.tokens = state.tokens;
    for (const auto &workspace : startup_workspaces_) clean.workspaces[workspace.id] = workspace;
    for (const auto &key : clean.api_keys) grant_everywhere(clean, api_key_principal(key));
    for (const auto &client : clean.clients) grant_everywhere(clean, client_principal(client.id));
    clean.next_sequence = state.next_sequence;
    // Who is who survives a reset (users, their keys, organizations, permissions); tags,
    // definitions and OAuth overrides go with the workspaces' contents.
    for (const char *kept : {kind::organizations, kind::users, kind::permissions}) {
        auto found = state.records.find(kept);
        if (found != state.records.end()) clean.records[kept] = found->second;
    }
    clean.principal_users = state.principal_users;
    seed_people(clean, clean.next_sequence);
    return clean;
}

void Emulator::reset() {
    {
        std::lock_guard<std::mutex> lock(mutex);
        state = clean_state();
    }
    faults.clear();
    stats.clear();
    persist();
    runner.wake();
}

void Emulator::persist() {
    if (!state_file_) return;
    std::string text;
    uint64_t version = 0;
    {
        std::lock_guard<std::mutex> lock(mutex);
        text = state_to_json(state).dump();
        version = ++state_version_;
    }
    std::string error;
    if (!state_file_->save(text, version, error)) log_error("cannot save state: " + error);
}

std::string Emulator::ready_json(const std::string &url, int port) const {
    Json ready = Json::object();
    ready.set_string("url", url);
    ready.set_string("apiUrl", url + "/v1");
    ready.set_integer("port", port);
    ready.set_string("workspaceId", state.startup_workspaces.front());
    ready.set_string("apiKey", state.api_keys.front());
    ready.set_string("clientId", state.clients.front().id);
    ready.set_string("clientSecret", state.clients.front().secret);
    return ready.dump();
}

void Emulator::log_request(const std::string &line) const {
    if (options.quiet) return;
    std::lock_guard<std::mutex> lock(log_mutex_);
    std::fprintf(stderr, "%s\n", line.c_str());
}

void Emulator::log_error(const std::string &line) const {
    std::lock_guard<std::mutex> lock(log_mutex_);
    std::fprintf(stderr, "airbyte-cloud-emulator: %s\n", line.c_str());
}

}  // namespace emulator
