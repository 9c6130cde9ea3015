#include "datasets/dataset_options.h"

#include <cstdlib>
#include <fstream>

namespace airbyte_cloud::datasets {
namespace {

constexpr std::size_t kLargestSecretFile = 1024 * 1024;

struct SecretNames {
    const char *option;
    const char *environment;
    const char *description;
};

// Indexed by Secret.
constexpr SecretNames kSecretNames[kSecretCount + 1] = {
    {"ABC_DATASET_SECRET_?", "", "a secret"},
    {"ABC_DATASET_SECRET_PASSWORD", "AIRBYTE_CLOUD_POSTGRES_PASSWORD", "the Postgres password"},
    {"ABC_DATASET_SECRET_PRIVATE_KEY", "AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY",
     "the Snowflake private key"},
    {"ABC_DATASET_SECRET_PRIVATE_KEY_PASSPHRASE", "AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE",
     "the Snowflake private key's passphrase"},
    {"ABC_DATASET_SECRET_OAUTH_TOKEN", "AIRBYTE_CLOUD_SNOWFLAKE_OAUTH_TOKEN",
     "the Snowflake OAuth token"},
    {"ABC_DATASET_SECRET_PROGRAMMATIC_ACCESS_TOKEN", "AIRBYTE_CLOUD_SNOWFLAKE_PAT",
     "the Snowflake programmatic access token"},
    {"ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON", "AIRBYTE_CLOUD_BIGQUERY_CREDENTIALS_JSON",
     "the BigQuery service-account key (credentials_json)"},
    {"ABC_DATASET_SECRET_SSL_CLIENT_KEY", "AIRBYTE_CLOUD_POSTGRES_SSL_CLIENT_KEY",
     "the Postgres SSL client key"},
    {"ABC_DATASET_SECRET_SSL_CLIENT_KEY_PASSWORD", "AIRBYTE_CLOUD_POSTGRES_SSL_CLIENT_KEY_PASSWORD",
     "the Postgres SSL client key's password"},
};

const SecretNames &names_of(Secret secret) {
    const int index = static_cast<int>(secret);
    return kSecretNames[index >= 1 && index <= kSecretCount ? index : 0];
}

StatusOr<std::string> explicit_secret(const SecretSource &source, Secret secret) {
    if (source.kind == SecretSource::Kind::kValue)
        return source.text;
    if (source.kind == SecretSource::Kind::kFile)
        return read_secret_file(source.text, secret);
    std::string value = environment(source.text);
    if (value.empty()) {
        return InvalidArgument("the environment variable " + source.text + ", named for " +
                               secret_description(secret) + " (" + secret_option_name(secret) +
                               "), is not set or empty");
    }
    return value;
}

}  // namespace

const char *secret_option_name(Secret secret) {
    return names_of(secret).option;
}
const char *secret_default_environment(Secret secret) {
    return names_of(secret).environment;
}
const char *secret_description(Secret secret) {
    return names_of(secret).description;
}

std::string environment(const std::string &name) {
    const char *value = std::getenv(name.c_str());
    return value != nullptr ? std::string(value) : std::string();
}

StatusOr<std::string> read_secret_file(const std::string &path, Secret secret) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return InvalidArgument(std::string("cannot read the file '") + path + "' given for " +
                               secret_description(secret) + " (" + secret_option_name(secret) +
                               ")");
    }
    std::string content;
    char buffer[8192];
    while (file.read(buffer, sizeof buffer) || file.gcount() > 0) {
        content.append(buffer, static_cast<std::size_t>(file.gcount()));
        if (content.size() > kLargestSecretFile) {
            return InvalidArgument("the file '" + path + "' given for " +
                                   secret_description(secret) + " is larger than 1 MiB");
        }
    }
    return content;
}

bool is_masked(const std::string &value) {
    if (value.size() < 4)
        return false;
    for (char c : value) {
        if (c != '*')
            return false;
    }
    return true;
}

StatusOr<std::string> resolve_secret(const DatasetOptions &options, Secret secret,
                                     json::Value configured, bool &found) {
    found = false;
    if (options.has_explicit(secret)) {
        StatusOr<std::string> value =
            explicit_secret(options.secrets[static_cast<int>(secret)], secret);
        found = value.ok();
        return value;
    }
    if (std::optional<std::string> value = configured.string();
        value && !value->empty() && !is_masked(*value)) {
        found = true;
        return *value;
    }
    std::string value = environment(secret_default_environment(secret));
    found = !value.empty();
    return value;
}

Status missing_secret(Secret secret, const std::string &destination, bool masked) {
    std::string message = destination + ": " + secret_description(secret);
    message +=
        masked ? " is masked by the Airbyte API (\"**********\")" : " is not in the configuration";
    message += "; provide it with abc_dataset_options_set_secret(options, ";
    message += secret_option_name(secret);
    message += ", value) (or _set_secret_env / _set_secret_file), or set the environment variable ";
    message += secret_default_environment(secret);
    if (secret == Secret::kServiceAccountJson)
        message += " (or GOOGLE_APPLICATION_CREDENTIALS to a key file)";
    return InvalidArgument(std::move(message));
}

}  // namespace airbyte_cloud::datasets
