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

// The options that take a value: each sets it, or returns why it cannot ("" when it did).
struct ValuedOption {
    const char *name;
    std::function<std::string(const std::string &value, Options &options)> apply;
};

// An option whose value (an address, a path) must not be empty: stored in options.*member.
ValuedOption text_option(const char *name, std::string Options::*member, const char *when_empty) {
    return {name, [member, when_empty](const std::string &value, Options &options) -> std::string {
                if (value.empty())
                    return when_empty;
                options.*member = value;
                return "";
            }};
}

// An option whose value is a whole number in [minimum, maximum]: stored in options.*member.
template <typename Number>
ValuedOption number_option(const char *name, Number Options::*member, int64_t minimum,
                           int64_t maximum, const char *when_out_of_range) {
    return {name, [=](const std::string &value, Options &options) -> std::string {
                int64_t number = 0;
                if (!parse_bounded(value, minimum, maximum, number))
                    return when_out_of_range;
                options.*member = static_cast<Number>(number);
                return "";
            }};
}

const ValuedOption valued_options[] = {
    text_option("--host", &Options::host, "--host needs an address"),
    number_option("--port", &Options::port, 0, 65535, "--port must be 0..65535"),
    {"--api-key",
     [](const std::string &value, Options &options) -> std::string {
         if (value.empty())
             return "--api-key must not be empty";
         options.api_keys.push_back(value);
         return "";
     }},
    {"--client",
     [](const std::string &value, Options &options) -> std::string {
         size_t colon = value.find(':');
         if (colon == std::string::npos || colon == 0 || colon + 1 == value.size())
             return "--client takes ID:SECRET";
         options.clients.push_back({value.substr(0, colon), value.substr(colon + 1)});
         return "";
     }},
    {"--workspace",
     [](const std::string &value, Options &options) -> std::string {
         if (!is_uuid(value))
             return "--workspace must be a UUID, got '" + value + "'";
         options.workspaces.push_back(to_lower(value));
         return "";
     }},
    number_option("--token-ttl", &Options::token_ttl_seconds, 1, 315360000,
                  "--token-ttl must be a positive number of seconds"),
    number_option("--job-duration-ms", &Options::job_duration_ms, 0, 315360000000,
                  "--job-duration-ms must be >= 0"),
    text_option("--state", &Options::state_file, "--state needs a file name"),
    text_option("--ready-file", &Options::ready_file, "--ready-file needs a path"),
    number_option("--threads", &Options::threads, 1, 1024, "--threads must be 1..1024"),
    {"--quirks",
     [](const std::string &value, Options &options) {
         std::string error;
         parse_quirks(value, options.quirks, error);
         return error;
     }},
};

const ValuedOption *find_valued(const std::string &name) {
    for (const ValuedOption &option : valued_options)
        if (name == option.name) return &option;
    return nullptr;
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
        size_t equals = argument.rfind("--", 0) == 0 ? argument.find('=') : std::string::npos;
        std::string name = argument.substr(0, equals);
        const ValuedOption *option = find_valued(name);
        if (!option) return fail("unknown option '" + argument + "'");
        if (equals == std::string::npos && i + 1 >= argc) return fail("option " + name + " needs a value");
        std::string value = equals != std::string::npos ? argument.substr(equals + 1) : std::string(argv[++i]);
        std::string error = option->apply(value, options);
        if (!error.empty()) return fail(error);
    }
    return -1;
}

}  // namespace emulator
