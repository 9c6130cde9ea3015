// A Snowflake destination's settings out of its configuration (account host, database, schema,
// warehouse, role, user) and a login the SQL API accepts (key pair, OAuth or programmatic access
// token), then one dataset per stream.
#include <optional>

#include "datasets/destination_readers.h"
#include "datasets/jwt.h"
#include "datasets/naming.h"
#include "datasets/readers.h"
#include "datasets/warehouse_credentials.h"

namespace airbyte_cloud::datasets {
namespace {

constexpr Secret kLoginSecrets[] = {Secret::kPrivateKey, Secret::kOAuthToken,
                                    Secret::kProgrammaticAccessToken};

// "acct.us-east-2.aws.snowflakecomputing.com" (maybe with scheme or path) -> "acct.us-east-2.aws".
std::string snowflake_account_identifier(std::string host) {
    const std::size_t scheme = host.find("://");
    if (scheme != std::string::npos)
        host.erase(0, scheme + 3);
    const std::size_t slash = host.find_first_of("/:");
    if (slash != std::string::npos)
        host.resize(slash);
    const std::string suffix = ".snowflakecomputing.com";
    const std::string lowered = lower_ascii(host);
    if (lowered.size() > suffix.size() &&
        lowered.compare(lowered.size() - suffix.size(), suffix.size(), suffix) == 0) {
        host.resize(host.size() - suffix.size());
    }
    return host;
}

struct Login {
    Secret secret = Secret::kPrivateKey;  // which kind of secret `token` is
    std::string token;
};

// Explicit options first (key pair, OAuth, PAT), then the configuration's private key, then the
// default environment variables in the same order. nullopt when none has one.
StatusOr<std::optional<Login>> find_login(const DatasetOptions &options, json::Value credentials) {
    for (Secret candidate : kLoginSecrets) {
        if (!options.has_explicit(candidate))
            continue;
        bool found = false;
        StatusOr<std::string> value = resolve_secret(options, candidate, json::Value(), found);
        if (!value.ok())
            return value.status();
        if (found)
            return std::optional<Login>(Login{candidate, std::move(*value)});
    }
    const std::string configured = json::optional_string(credentials, "private_key");
    if (!configured.empty() && !is_masked(configured)) {
        return std::optional<Login>(Login{Secret::kPrivateKey, configured});
    }
    for (Secret candidate : kLoginSecrets) {
        std::string value = environment(secret_default_environment(candidate));
        if (!value.empty())
            return std::optional<Login>(Login{candidate, std::move(value)});
    }
    return std::optional<Login>();
}

Status no_login(const DestinationContext &context, json::Value credentials) {
    if (lower_ascii(json::optional_string(credentials, "auth_type")).find("password") !=
        std::string::npos) {
        return InvalidArgument(
            context.who +
            " logs in with a password, which the Snowflake SQL API does not accept; provide a "
            "key-pair "
            "private key (ABC_DATASET_SECRET_PRIVATE_KEY or AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY), "
            "an OAuth "
            "token (ABC_DATASET_SECRET_OAUTH_TOKEN or AIRBYTE_CLOUD_SNOWFLAKE_OAUTH_TOKEN) or a "
            "programmatic access token (ABC_DATASET_SECRET_PROGRAMMATIC_ACCESS_TOKEN or "
            "AIRBYTE_CLOUD_SNOWFLAKE_PAT) with abc_dataset_options_set_secret()");
    }
    return missing_secret(Secret::kPrivateKey, context.who, true);
}

// A key pair mints JWTs (its passphrase is another masked secret); a token is sent as it is.
StatusOr<std::shared_ptr<transport::CredentialsProvider>> login_credentials(
    const Login &login, const DestinationContext &context, json::Value credentials,
    const std::string &account, const std::string &user, SnowflakeSettings &settings) {
    if (login.secret != Secret::kPrivateKey) {
        settings.token_type =
            login.secret == Secret::kOAuthToken ? "OAUTH" : "PROGRAMMATIC_ACCESS_TOKEN";
        return std::shared_ptr<transport::CredentialsProvider>(
            std::make_shared<transport::StaticTokenCredentials>(login.token));
    }
    bool found = false;
    StatusOr<std::string> passphrase =
        resolve_secret(context.options, Secret::kPrivateKeyPassphrase,
                       credentials.get("private_key_password"), found);
    if (!passphrase.ok())
        return passphrase.status();
    if (!found && is_masked(json::optional_string(credentials, "private_key_password"))) {
        return missing_secret(Secret::kPrivateKeyPassphrase, context.who, true);
    }
    StatusOr<jwt::Key> key =
        jwt::load_private_key(login.token, *passphrase, "the Snowflake private key");
    if (!key.ok())
        return prefixed(key.status(), context.who);
    settings.token_type = "KEYPAIR_JWT";
    return std::shared_ptr<transport::CredentialsProvider>(
        std::make_shared<SnowflakeKeyPairCredentials>(std::move(*key), account, user));
}

SnowflakeSettings settings_from(const DestinationContext &context, const std::string &account) {
    SnowflakeSettings settings;
    settings.account_url = context.options.snowflake_url.empty()
                               ? "https://" + lower_ascii(account) + ".snowflakecomputing.com"
                               : context.options.snowflake_url;
    settings.warehouse = config_text(context.config, "warehouse");
    settings.role = config_text(context.config, "role");
    settings.query_timeout = context.options.query_timeout;
    settings.poll_initial = context.options.poll_initial;
    settings.poll_max = context.options.poll_max;
    return settings;
}

}  // namespace

Status add_snowflake_datasets(DatasetSet &set, const DestinationContext &context) {
    StatusOr<std::vector<std::string>> required =
        required_configs(context.config, {"host", "database", "username"}, context.who);
    if (!required.ok())
        return required.status();
    const std::string &database = (*required)[1];
    const std::string &user = (*required)[2];
    const std::string account = snowflake_account_identifier((*required)[0]);
    SnowflakeSettings settings = settings_from(context, account);

    const json::Value credentials = context.config.get("credentials");
    StatusOr<std::optional<Login>> login = find_login(context.options, credentials);
    if (!login.ok())
        return login.status();
    if (!*login)
        return no_login(context, credentials);
    auto provider = login_credentials(**login, context, credentials, account, user, settings);
    if (!provider.ok())
        return provider.status();
    StatusOr<std::shared_ptr<SnowflakeEndpoint>> endpoint =
        make_snowflake_endpoint(settings, make_http(context, std::move(*provider)));
    if (!endpoint.ok())
        return prefixed(endpoint.status(), context.who);

    const std::string schema = config_text(context.config, "schema");
    set.database = database;
    set.schema = normalise_identifier(schema.empty() ? "public" : schema);
    set.connection_uri =
        snowflake_uri(account, user, database, set.schema, settings.warehouse, settings.role);
    add_stream_datasets(
        set, context, 0,
        [](const TableLocation &at) {
            return snowflake_identifier(at.database) + "." + snowflake_identifier(at.schema) + "." +
                   snowflake_identifier(at.table);
        },
        [&](TableLocation location) {
            return make_snowflake_dataset(std::move(location), *endpoint);
        });
    return Status();
}

}  // namespace airbyte_cloud::datasets
