// What a caller tells the datasets layer (abc_dataset_options): where each secret the Airbyte API
// masks comes from, endpoint overrides for tests and proxies, page size and query timeouts; and
// how a secret is resolved from those, the destination's configuration and the environment.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>

#include "base/status.h"
#include "json/json.h"

namespace airbyte_cloud::datasets {

// Same values as the public abc_dataset_secret (1 to 8 in this order; abi checks both ends).
enum class Secret : int {
    kPassword = 1, kPrivateKey, kPrivateKeyPassphrase, kOAuthToken, kProgrammaticAccessToken,
    kServiceAccountJson, kSslClientKey, kSslClientKeyPassword,
};
inline constexpr int kSecretCount = 8;

// "ABC_DATASET_SECRET_PASSWORD"...: how the public API names the secret.
const char *secret_option_name(Secret secret);
// The environment variable consulted when neither an option nor the configuration gives the
// secret: "AIRBYTE_CLOUD_POSTGRES_PASSWORD"...
const char *secret_default_environment(Secret secret);
// "the Postgres password"...
const char *secret_description(Secret secret);

struct SecretSource {
    enum class Kind { kNone, kValue, kEnvironment, kFile };
    Kind kind = Kind::kNone;
    std::string text;  // the value, the variable's name or the file's path
};

struct DatasetOptions {
    std::array<SecretSource, kSecretCount + 1> secrets;  // indexed by Secret
    std::string snowflake_url;   // overrides https://<host from the configuration>
    std::string bigquery_url;    // overrides https://bigquery.googleapis.com/bigquery/v2
    std::string token_uri;       // overrides the service-account key's token_uri for the exchange
    std::int64_t page_rows = 0;  // 0: each reader's default (10000)
    std::chrono::milliseconds query_timeout{600000};
    std::chrono::milliseconds poll_initial{100};
    std::chrono::milliseconds poll_max{2000};

    bool has_explicit(Secret secret) const {
        return secrets[static_cast<int>(secret)].kind != SecretSource::Kind::kNone;
    }
};

// Whether a configuration value is the API's mask ("**********").
bool is_masked(const std::string &value);

// Resolves one secret: an explicit option first, then the configuration's value unless masked,
// then the default environment variable. Returns "" when none has it; `found` says whether one
// did. Fails when an explicit option cannot be read (unset variable, unreadable file).
StatusOr<std::string> resolve_secret(const DatasetOptions &options, Secret secret,
                                     json::Value configured, bool &found);
// The error for a secret nothing provided: names the option and the environment variable.
Status missing_secret(Secret secret, const std::string &destination, bool masked);

// The value of an environment variable ("" when unset).
std::string environment(const std::string &name);
// A file given for `secret` (at most 1 MiB); the error names the file and the option.
StatusOr<std::string> read_secret_file(const std::string &path, Secret secret);

}  // namespace airbyte_cloud::datasets
