#include "options.h"

#include "text.h"

#include <cstdio>
#include <cstring>
#include <functional>
#include <map>

namespace emulator {

std::string usage_text() {
    return "usage: airbyte-cloud-emulator [options]\n"
           "A local Airbyte public API (v1) server for tests, demos and CI.\n"
           "\n"
           "  --host ADDRESS         address to listen on (default 127.0.0.1)\n"
           "  --port N               port (default 8006; 0 picks a free one)\n"
           "  --api-key KEY          accept KEY as a static bearer API key (repeatable)\n"
           "  --client ID:SECRET     accept these client credentials at /applications/token (repeatable)\n"
           "  --workspace UUID       create this workspace at startup, granted to every credential (repeatable)\n"
           "  --token-ttl S          lifetime of issued access tokens in seconds (default 900)\n"
           "  --job-duration-ms N    how long a job runs before its outcome (default 2000)\n"
           "  --state FILE           load state from FILE at startup and save it there after every change\n"
           "  --ready-file PATH      write the ready JSON object to PATH once listening\n"
           "  --quiet                no per-request log lines on stderr\n"
           "  --threads N            HTTP worker threads (default 64; each keep-alive connection holds one)\n"
           "  --quirks LIST          comma list or 'all': config-without-discriminator, problem-status-string,\n"
           "                         motherduck-empty-type, catalog-stream (reproduce documented real-server\n"
           "                         deviations)\n"
           "  --help                 this text\n"
           "\n"
           "With no credentials given, one random API key and one random client are created; with no\n"
           "--workspace, one workspace. The ready JSON (stdout and --ready-file) names them.\n";
}

namespace {

bool parse_quirks(const std::string &list, Quirks &quirks, std::string &error) {
    for (const std::string &raw : split(list, ',')) {
        std::string name = to_lower(raw);
        if (name.empty()) continue;
        if (name == "all") {
            quirks.config_without_discriminator = quirks.problem_status_string = quirks.motherduck_empty_type =
                quirks.catalog_stream = true;
        } else if (name == "config-without-discriminator") {
            quirks.config_without_discriminator = true;
        } else if (name == "problem-status-string") {
            quirks.problem_status_string = true;
        } else if (name == "motherduck-empty-type") {
            quirks.motherduck_empty_type = true;
        } else if (name == "catalog-stream") {
            quirks.catalog_stream = true;
        } else if (name == "none") {
            quirks = Quirks{};
        } else {
            error = "unknown quirk '" + raw + "'";
            return false;
        }
    }
    return true;
}

bool parse_bounded(const std::string &text, int64_t minimum, int64_t maximum, int64_t &out) {
    auto value = parse_int64(text);
    if (!value || *value < minimum || *value > maximum) return false;
    out = *value;
    return true;
}

}  // namespace

int parse_options(int argc, char **argv, Options &options, bool &exit_now) {
    exit_now = false;
    auto fail = [](const std::string &message) {
        std::fprintf(stderr, "airbyte-cloud-emulator: %s\n\n%s", message.c_str(), usage_text().c_str());
        return 2;
    };
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (argument == "--help" || argument == "-h") {
            std::fputs(usage_text().c_str(), stdout);
            exit_now = true;
            return 0;
        }
        if (argument == "--quiet") {
            options.quiet = true;
            continue;
        }
        std::string name = argument;
        std::string value;
        bool has_value = false;
        size_t equals = argument.find('=');
        if (argument.rfind("--", 0) == 0 && equals != std::string::npos) {
            name = argument.substr(0, equals);
            value = argument.substr(equals + 1);
            has_value = true;
        }
        static const char *const valued[] = {"--host",  "--port",      "--api-key",    "--client",
                                              "--workspace", "--token-ttl", "--job-duration-ms", "--state",
                                              "--ready-file", "--threads", "--quirks"};
        bool known = false;
        for (const char *candidate : valued) known = known || name == candidate;
        if (!known) return fail("unknown option '" + argument + "'");
        if (!has_value) {
            if (i + 1 >= argc) return fail("option " + name + " needs a value");
            value = argv[++i];
        }
        int64_t number = 0;
        if (name == "--host") {
            if (value.empty()) return fail("--host needs an address");
            options.host = value;
        } else if (name == "--port") {
            if (!parse_bounded(value, 0, 65535, number)) return fail("--port must be 0..65535");
            options.port = static_cast<int>(number);
        } else if (name == "--api-key") {
            if (value.empty()) return fail("--api-key must not be empty");
            options.api_keys.push_back(value);
        } else if (name == "--client") {
            size_t colon = value.find(':');
            if (colon == std::string::npos || colon == 0 || colon + 1 == value.size())
                return fail("--client takes ID:SECRET");
            options.clients.push_back({value.substr(0, colon), value.substr(colon + 1)});
        } else if (name == "--workspace") {
            if (!is_uuid(value)) return fail("--workspace must be a UUID, got '" + value + "'");
            options.workspaces.push_back(to_lower(value));
        } else if (name == "--token-ttl") {
            if (!parse_bounded(value, 1, 315360000, number)) return fail("--token-ttl must be a positive number of seconds");
            options.token_ttl_seconds = number;
        } else if (name == "--job-duration-ms") {
            if (!parse_bounded(value, 0, 315360000000, number)) return fail("--job-duration-ms must be >= 0");
            options.job_duration_ms = number;
        } else if (name == "--state") {
            if (value.empty()) return fail("--state needs a file name");
            options.state_file = value;
        } else if (name == "--ready-file") {
            if (value.empty()) return fail("--ready-file needs a path");
            options.ready_file = value;
        } else if (name == "--threads") {
            if (!parse_bounded(value, 1, 1024, number)) return fail("--threads must be 1..1024");
            options.threads = static_cast<int>(number);
        } else if (name == "--quirks") {
            std::string error;
            if (!parse_quirks(value, options.quirks, error)) return fail(error);
        }
    }
    return -1;
}

}  // namespace emulator
