// Command-line options of airbyte-cloud-emulator (the interface other programs and docs rely on).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace emulator {

// Documented real-server deviations from api_sdk.yaml, off by default so Prism sees zero violations.
struct Quirks {
    bool config_without_discriminator = false;  // configuration lacks sourceType/destinationType
    bool problem_status_string = false;         // problem "status" is a string, e.g. "404"
    bool motherduck_empty_type = false;         // MotherDuck reads back with destinationType ""
    // Config API: syncCatalog streams carry `stream` (name, jsonSchema...) as the real server sends
    // them; config.yaml's AirbyteStream requires `json_schema` yet forbids any property but
    // `jsonSchema`, so no `stream` object can be valid and the default leaves it out.
    bool catalog_stream = false;
};

struct ClientOption {
    std::string id;
    std::string secret;
};

struct Options {
    std::string host = "127.0.0.1";
    int port = 8006;
    std::vector<std::string> api_keys;
    std::vector<ClientOption> clients;
    std::vector<std::string> workspaces;
    int64_t token_ttl_seconds = 900;
    int64_t job_duration_ms = 2000;
    std::string state_file;
    std::string ready_file;
    bool quiet = false;
    int threads = 64;
    Quirks quirks;
};

// Parses argv. On --help prints usage to stdout and returns 0 with `exit_now` set; on a bad
// argument prints why and the usage to stderr and returns 2. Otherwise returns -1.
int parse_options(int argc, char **argv, Options &options, bool &exit_now);
std::string usage_text();

}  // namespace emulator
