#include "datasets/dataset_set.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "datasets/naming.h"
#include "datasets/readers.h"
#include "transport/url.h"

#if ABC_WITH_SNOWFLAKE || ABC_WITH_BIGQUERY
#include "datasets/jwt.h"
#include "datasets/warehouse_credentials.h"
#endif

namespace airbyte_cloud::datasets {
namespace {

constexpr std::size_t kLargestSecretFile = 1024 * 1024;

std::string lower(std::string text) {
    for (char &c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

std::string environment(const std::string &name) {
    const char *value = std::getenv(name.c_str());
    return value != nullptr ? std::string(value) : std::string();
}

StatusOr<std::string> read_secret_file(const std::string &path, Secret secret) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return InvalidArgument(std::string("cannot read the file '") + path + "' given for " +
                               secret_description(secret) + " (" + secret_option_name(secret) + ")");
    }
    std::string content;
    char buffer[8192];
    while (file.read(buffer, sizeof buffer) || file.gcount() > 0) {
        content.append(buffer, static_cast<std::size_t>(file.gcount()));
        if (content.size() > kLargestSecretFile) {
            return InvalidArgument("the file '" + path + "' given for " + secret_description(secret) +
                                   " is larger than 1 MiB");
        }
    }
    return content;
}

// Configuration values the API may send as numbers or strings.
std::string config_text(json::Value object, std::string_view field) {
    const json::Value value = object.get(field);
    if (std::optional<std::string> text = value.string()) return *text;
    if (std::optional<std::int64_t> number = value.int64()) return std::to_string(*number);
    return std::string();
}

StatusOr<std::string> required_config(json::Value config, std::string_view field, const std::string &destination) {
    std::string value = config_text(config, field);
    if (value.empty()) {
        return InvalidArgument(destination + ": the configuration has no '" + std::string(field) +
                               "', which reading its data needs");
    }
    return value;
}

struct StreamPlan {
    std::string name;
    std::string namespace_name;  // the stream's source namespace, if the connection gives one
    std::string object_name;     // destinationObjectName, if set
};

struct ConnectionPlan {
    std::string connection_id;
    std::string destination_id;
    std::string prefix;
    std::string namespace_definition;  // destination (default) | source | custom_format
    std::string namespace_format;
    std::vector<StreamPlan> streams;
};

StatusOr<ConnectionPlan> parse_connection_plan(json::Value connection) {
    if (!connection.is_object()) return ProtocolError("connection response: not a JSON object");
    ConnectionPlan plan;
    StatusOr<std::string> id = json::required_string(connection, "connectionId", "connection response");
    if (!id.ok()) return id.status();
    StatusOr<std::string> destination = json::required_string(connection, "destinationId", "connection response");
    if (!destination.ok()) return destination.status();
    plan.connection_id = std::move(*id);
    plan.destination_id = std::move(*destination);
    plan.prefix = json::optional_string(connection, "prefix");
    plan.namespace_definition = json::optional_string(connection, "namespaceDefinition");
    plan.namespace_format = json::optional_string(connection, "namespaceFormat");
    const json::Value streams = connection.get("configurations").get("streams");
    for (std::size_t i = 0; i < streams.size(); ++i) {
        StreamPlan stream;
        stream.name = json::optional_string(streams.at(i), "name");
        stream.namespace_name = json::optional_string(streams.at(i), "namespace");
        stream.object_name = json::optional_string(streams.at(i), "destinationObjectName");
        if (!stream.name.empty()) plan.streams.push_back(std::move(stream));
    }
    return plan;
}

// The schema (BigQuery: dataset) a stream lands in under the connection's namespace rules.
// Returns "" for "the destination's default".
std::string stream_namespace(const ConnectionPlan &plan, const StreamPlan &stream) {
    if (plan.namespace_definition == "source") return stream.namespace_name;
    if (plan.namespace_definition == "custom_format" && !plan.namespace_format.empty()) {
        std::string format = plan.namespace_format;
        const std::string placeholder = "${SOURCE_NAMESPACE}";
        for (std::size_t at = format.find(placeholder); at != std::string::npos; at = format.find(placeholder, at)) {
            format.replace(at, placeholder.size(), stream.namespace_name);
            at += stream.namespace_name.size();
        }
        return format;
    }
    return std::string();
}

std::string stream_table(const ConnectionPlan &plan, const StreamPlan &stream, std::size_t max_bytes) {
    if (!stream.object_name.empty()) return normalise_identifier(stream.object_name, max_bytes);
    return stream_table_name(plan.prefix, stream.name, max_bytes);
}

[[maybe_unused]] std::shared_ptr<transport::HttpClient> make_http(const transport::HttpSettings &http,
                                                 std::shared_ptr<transport::CredentialsProvider> credentials,
                                                 const Logger &logger) {
    return std::make_shared<transport::HttpClient>(http, std::move(credentials), logger);
}

// ---- Postgres ----

Status add_postgres(DatasetSet &set, const ConnectionPlan &plan, json::Value config, const DatasetOptions &options) {
    const std::string who = "Postgres destination '" + set.destination_name + "'";
    if (!has_postgres_reader()) return reader_not_built("Postgres", "ABC_WITH_POSTGRES");
    const std::string tunnel = json::optional_string(config.get("tunnel_method"), "tunnel_method");
    if (!tunnel.empty() && tunnel != "NO_TUNNEL") {
        return Status(StatusCode::kUnsupported,
                      who + " is reached through an SSH tunnel (" + tunnel +
                          "); reading through tunnels is not supported: open the tunnel yourself and connect with "
                          "the connection URI");
    }
    PostgresSettings settings;
    StatusOr<std::string> host = required_config(config, "host", who);
    if (!host.ok()) return host.status();
    StatusOr<std::string> database = required_config(config, "database", who);
    if (!database.ok()) return database.status();
    StatusOr<std::string> user = required_config(config, "username", who);
    if (!user.ok()) return user.status();
    settings.host = *host;
    settings.database = *database;
    settings.user = *user;
    const std::string port = config_text(config, "port");
    settings.port = port.empty() ? 5432 : std::atoi(port.c_str());
    if (settings.port <= 0 || settings.port > 65535) return InvalidArgument(who + ": the port '" + port + "' is invalid");

    bool found = false;
    StatusOr<std::string> password = resolve_secret(options, Secret::kPassword, config.get("password"), found);
    if (!password.ok()) return password.status();
    if (!found && is_masked(config_text(config, "password"))) return missing_secret(Secret::kPassword, who, true);
    settings.password = std::move(*password);

    const json::Value ssl_mode = config.get("ssl_mode");
    settings.ssl_mode = json::optional_string(ssl_mode, "mode");
    if (settings.ssl_mode.empty() && config.get("ssl").boolean().value_or(false)) settings.ssl_mode = "require";
    if (!settings.ssl_mode.empty()) {
        static const char *const kModes[] = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};
        bool known = false;
        for (const char *mode : kModes) known = known || settings.ssl_mode == mode;
        if (!known) return InvalidArgument(who + ": unknown ssl_mode '" + settings.ssl_mode + "'");
        settings.ssl_root_cert_pem = json::optional_string(ssl_mode, "ca_certificate");
        settings.ssl_cert_pem = json::optional_string(ssl_mode, "client_certificate");
        if (is_masked(settings.ssl_root_cert_pem) || is_masked(settings.ssl_cert_pem)) {
            return InvalidArgument(who + ": the SSL certificates are masked by the Airbyte API; "
                                         "reading with " + settings.ssl_mode + " needs them in the configuration");
        }
        if (ssl_mode.get("client_key").present()) {
            StatusOr<std::string> key = resolve_secret(options, Secret::kSslClientKey, ssl_mode.get("client_key"), found);
            if (!key.ok()) return key.status();
            if (!found) return missing_secret(Secret::kSslClientKey, who, true);
            settings.ssl_key_pem = std::move(*key);
        }
        StatusOr<std::string> key_password =
            resolve_secret(options, Secret::kSslClientKeyPassword, ssl_mode.get("client_key_password"), found);
        if (!key_password.ok()) return key_password.status();
        if (!found && is_masked(json::optional_string(ssl_mode, "client_key_password"))) {
            return missing_secret(Secret::kSslClientKeyPassword, who, true);
        }
        settings.ssl_key_password = std::move(*key_password);
    }
    if (options.page_rows > 0) settings.fetch_rows = options.page_rows;

    std::string schema = config_text(config, "schema");
    if (schema.empty()) schema = "public";
    schema = normalise_identifier(schema, kPostgresIdentifierBytes);
    set.database = settings.database;
    set.schema = schema;
    set.connection_uri = postgres_uri(settings.host, settings.port, settings.database, settings.user, settings.ssl_mode);

    StatusOr<std::shared_ptr<PostgresEndpoint>> endpoint = make_postgres_endpoint(settings);
    if (!endpoint.ok()) return endpoint.status();
    for (const StreamPlan &stream : plan.streams) {
        TableLocation location;
        location.stream = stream.name;
        location.destination_type = "postgres";
        location.database = settings.database;
        const std::string custom = stream_namespace(plan, stream);
        location.schema = custom.empty() ? schema : normalise_identifier(custom, kPostgresIdentifierBytes);
        location.table = stream_table(plan, stream, kPostgresIdentifierBytes);
        location.qualified_name = quote_sql_identifier(location.schema) + "." + quote_sql_identifier(location.table);
        location.connection_uri = set.connection_uri;
        set.streams.push_back({stream.name, make_postgres_dataset(std::move(location), *endpoint)});
    }
    return Status();
}

// ---- Snowflake ----

// "acct.us-east-2.aws.snowflakecomputing.com" (maybe with scheme or path) -> "acct.us-east-2.aws".
[[maybe_unused]] std::string snowflake_account_identifier(std::string host) {
    const std::size_t scheme = host.find("://");
    if (scheme != std::string::npos) host.erase(0, scheme + 3);
    const std::size_t slash = host.find_first_of("/:");
    if (slash != std::string::npos) host.resize(slash);
    const std::string suffix = ".snowflakecomputing.com";
    const std::string lowered = lower(host);
    if (lowered.size() > suffix.size() && lowered.compare(lowered.size() - suffix.size(), suffix.size(), suffix) == 0) {
        host.resize(host.size() - suffix.size());
    }
    return host;
}

Status add_snowflake(DatasetSet &set, const ConnectionPlan &plan, json::Value config, const DatasetOptions &options,
                     const transport::HttpSettings &http, const Logger &logger) {
    const std::string who = "Snowflake destination '" + set.destination_name + "'";
    if (!has_snowflake_reader()) return reader_not_built("Snowflake", "ABC_WITH_SNOWFLAKE");
#if ABC_WITH_SNOWFLAKE
    StatusOr<std::string> host = required_config(config, "host", who);
    if (!host.ok()) return host.status();
    StatusOr<std::string> database = required_config(config, "database", who);
    if (!database.ok()) return database.status();
    StatusOr<std::string> user = required_config(config, "username", who);
    if (!user.ok()) return user.status();
    const std::string account = snowflake_account_identifier(*host);
    std::string schema = config_text(config, "schema");
    if (schema.empty()) schema = "public";
    schema = normalise_identifier(schema);

    SnowflakeSettings settings;
    settings.account_url = options.snowflake_url.empty() ? "https://" + lower(account) + ".snowflakecomputing.com"
                                                         : options.snowflake_url;
    settings.warehouse = config_text(config, "warehouse");
    settings.role = config_text(config, "role");
    settings.query_timeout = options.query_timeout;
    settings.poll_initial = options.poll_initial;
    settings.poll_max = options.poll_max;

    // Authentication: explicit options first (key pair, OAuth, PAT), then the configuration's
    // private key, then the default environment variables in the same order.
    const json::Value credentials = config.get("credentials");
    const std::string auth_type = json::optional_string(credentials, "auth_type");
    auto explicit_option = [&](Secret secret) {
        return options.secrets[static_cast<int>(secret)].kind != SecretSource::Kind::kNone;
    };
    Secret chosen = Secret::kPrivateKey;
    bool have = false;
    std::string token;
    for (Secret candidate : {Secret::kPrivateKey, Secret::kOAuthToken, Secret::kProgrammaticAccessToken}) {
        if (have || !explicit_option(candidate)) continue;
        bool found = false;
        StatusOr<std::string> value = resolve_secret(options, candidate, json::Value(), found);
        if (!value.ok()) return value.status();
        if (found) {
            chosen = candidate;
            token = std::move(*value);
            have = true;
        }
    }
    if (!have) {
        const std::string configured = json::optional_string(credentials, "private_key");
        if (!configured.empty() && !is_masked(configured)) {
            chosen = Secret::kPrivateKey;
            token = configured;
            have = true;
        }
    }
    for (Secret candidate : {Secret::kPrivateKey, Secret::kOAuthToken, Secret::kProgrammaticAccessToken}) {
        if (have) break;
        const std::string value = environment(secret_default_environment(candidate));
        if (!value.empty()) {
            chosen = candidate;
            token = value;
            have = true;
        }
    }
    if (!have) {
        if (lower(auth_type).find("password") != std::string::npos) {
            return InvalidArgument(
                who + " logs in with a password, which the Snowflake SQL API does not accept; provide a key-pair "
                      "private key (ABC_DATASET_SECRET_PRIVATE_KEY or AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY), an OAuth "
                      "token (ABC_DATASET_SECRET_OAUTH_TOKEN or AIRBYTE_CLOUD_SNOWFLAKE_OAUTH_TOKEN) or a "
                      "programmatic access token (ABC_DATASET_SECRET_PROGRAMMATIC_ACCESS_TOKEN or "
                      "AIRBYTE_CLOUD_SNOWFLAKE_PAT) with abc_dataset_options_set_secret()");
        }
        return missing_secret(Secret::kPrivateKey, who, true);
    }

    std::shared_ptr<transport::CredentialsProvider> provider;
    if (chosen == Secret::kPrivateKey) {
        bool found = false;
        StatusOr<std::string> passphrase = resolve_secret(options, Secret::kPrivateKeyPassphrase,
                                                          credentials.get("private_key_password"), found);
        if (!passphrase.ok()) return passphrase.status();
        if (!found && is_masked(json::optional_string(credentials, "private_key_password"))) {
            return missing_secret(Secret::kPrivateKeyPassphrase, who, true);
        }
        StatusOr<jwt::Key> key = jwt::load_private_key(token, *passphrase, "the Snowflake private key");
        if (!key.ok()) return Status(key.status().code(), who + ": " + key.status().message());
        provider = std::make_shared<SnowflakeKeyPairCredentials>(std::move(*key), account, *user);
        settings.token_type = "KEYPAIR_JWT";
    } else {
        provider = std::make_shared<transport::StaticTokenCredentials>(token);
        settings.token_type = chosen == Secret::kOAuthToken ? "OAUTH" : "PROGRAMMATIC_ACCESS_TOKEN";
    }

    StatusOr<std::shared_ptr<SnowflakeEndpoint>> endpoint =
        make_snowflake_endpoint(settings, make_http(http, provider, logger));
    if (!endpoint.ok()) return Status(endpoint.status().code(), who + ": " + endpoint.status().message());
    set.database = *database;
    set.schema = schema;
    set.connection_uri = snowflake_uri(account, *user, *database, schema, settings.warehouse, settings.role);
    for (const StreamPlan &stream : plan.streams) {
        TableLocation location;
        location.stream = stream.name;
        location.destination_type = "snowflake";
        location.database = *database;
        const std::string custom = stream_namespace(plan, stream);
        location.schema = custom.empty() ? schema : normalise_identifier(custom);
        location.table = stream_table(plan, stream, 0);
        location.qualified_name = snowflake_identifier(location.database) + "." +
                                  snowflake_identifier(location.schema) + "." + snowflake_identifier(location.table);
        location.connection_uri = set.connection_uri;
        set.streams.push_back({stream.name, make_snowflake_dataset(std::move(location), *endpoint)});
    }
    return Status();
#else
    (void)plan, (void)config, (void)options, (void)http, (void)logger;
    return reader_not_built("Snowflake", "ABC_WITH_SNOWFLAKE");
#endif
}

// ---- BigQuery ----

Status add_bigquery(DatasetSet &set, const ConnectionPlan &plan, json::Value config, const DatasetOptions &options,
                    const transport::HttpSettings &http, const Logger &logger) {
    const std::string who = "BigQuery destination '" + set.destination_name + "'";
    if (!has_bigquery_reader()) return reader_not_built("BigQuery", "ABC_WITH_BIGQUERY");
#if ABC_WITH_BIGQUERY
    StatusOr<std::string> project = required_config(config, "project_id", who);
    if (!project.ok()) return project.status();
    StatusOr<std::string> dataset = required_config(config, "dataset_id", who);
    if (!dataset.ok()) return dataset.status();
    const std::string location_name = config_text(config, "dataset_location");

    bool found = false;
    StatusOr<std::string> key_json =
        resolve_secret(options, Secret::kServiceAccountJson, config.get("credentials_json"), found);
    if (!key_json.ok()) return key_json.status();
    if (!found) {
        // Google's own convention: a key file named by GOOGLE_APPLICATION_CREDENTIALS.
        const std::string path = environment("GOOGLE_APPLICATION_CREDENTIALS");
        if (!path.empty()) {
            StatusOr<std::string> content = read_secret_file(path, Secret::kServiceAccountJson);
            if (!content.ok()) return content.status();
            key_json = std::move(*content);
            found = true;
        }
    }
    if (!found) return missing_secret(Secret::kServiceAccountJson, who, is_masked(config_text(config, "credentials_json")));
    StatusOr<ServiceAccountKey> key = parse_service_account_key(*key_json);
    if (!key.ok()) return Status(key.status().code(), who + ": " + key.status().message());
    StatusOr<jwt::Key> private_key = jwt::load_private_key(key->private_key, "", "the service-account private key");
    if (!private_key.ok()) return Status(private_key.status().code(), who + ": " + private_key.status().message());
    auto provider = std::make_shared<ServiceAccountCredentials>(std::move(*private_key), *key, options.token_uri,
                                                                kBigQueryScope);

    BigQuerySettings settings;
    if (!options.bigquery_url.empty()) settings.base_url = options.bigquery_url;
    settings.location = location_name;
    if (options.page_rows > 0) settings.page_rows = options.page_rows;
    settings.query_timeout = options.query_timeout;
    StatusOr<std::shared_ptr<BigQueryEndpoint>> endpoint = make_bigquery_endpoint(settings, make_http(http, provider, logger));
    if (!endpoint.ok()) return Status(endpoint.status().code(), who + ": " + endpoint.status().message());

    set.database = *project;
    set.schema = *dataset;
    set.connection_uri = bigquery_uri(*project, *dataset, location_name);
    for (const StreamPlan &stream : plan.streams) {
        TableLocation location;
        location.stream = stream.name;
        location.destination_type = "bigquery";
        location.database = *project;
        const std::string custom = stream_namespace(plan, stream);
        location.schema = custom.empty() ? *dataset : normalise_identifier(custom);
        location.table = stream_table(plan, stream, 0);
        location.qualified_name = bigquery_table_path(location.database, location.schema, location.table);
        location.connection_uri = set.connection_uri;
        set.streams.push_back({stream.name, make_bigquery_dataset(std::move(location), *endpoint)});
    }
    return Status();
#else
    (void)plan, (void)config, (void)options, (void)http, (void)logger;
    return reader_not_built("BigQuery", "ABC_WITH_BIGQUERY");
#endif
}

}  // namespace

const char *secret_option_name(Secret secret) {
    switch (secret) {
        case Secret::kPassword: return "ABC_DATASET_SECRET_PASSWORD";
        case Secret::kPrivateKey: return "ABC_DATASET_SECRET_PRIVATE_KEY";
        case Secret::kPrivateKeyPassphrase: return "ABC_DATASET_SECRET_PRIVATE_KEY_PASSPHRASE";
        case Secret::kOAuthToken: return "ABC_DATASET_SECRET_OAUTH_TOKEN";
        case Secret::kProgrammaticAccessToken: return "ABC_DATASET_SECRET_PROGRAMMATIC_ACCESS_TOKEN";
        case Secret::kServiceAccountJson: return "ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON";
        case Secret::kSslClientKey: return "ABC_DATASET_SECRET_SSL_CLIENT_KEY";
        case Secret::kSslClientKeyPassword: return "ABC_DATASET_SECRET_SSL_CLIENT_KEY_PASSWORD";
    }
    return "ABC_DATASET_SECRET_?";
}

const char *secret_default_environment(Secret secret) {
    switch (secret) {
        case Secret::kPassword: return "AIRBYTE_CLOUD_POSTGRES_PASSWORD";
        case Secret::kPrivateKey: return "AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY";
        case Secret::kPrivateKeyPassphrase: return "AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE";
        case Secret::kOAuthToken: return "AIRBYTE_CLOUD_SNOWFLAKE_OAUTH_TOKEN";
        case Secret::kProgrammaticAccessToken: return "AIRBYTE_CLOUD_SNOWFLAKE_PAT";
        case Secret::kServiceAccountJson: return "AIRBYTE_CLOUD_BIGQUERY_CREDENTIALS_JSON";
        case Secret::kSslClientKey: return "AIRBYTE_CLOUD_POSTGRES_SSL_CLIENT_KEY";
        case Secret::kSslClientKeyPassword: return "AIRBYTE_CLOUD_POSTGRES_SSL_CLIENT_KEY_PASSWORD";
    }
    return "";
}

const char *secret_description(Secret secret) {
    switch (secret) {
        case Secret::kPassword: return "the Postgres password";
        case Secret::kPrivateKey: return "the Snowflake private key";
        case Secret::kPrivateKeyPassphrase: return "the Snowflake private key's passphrase";
        case Secret::kOAuthToken: return "the Snowflake OAuth token";
        case Secret::kProgrammaticAccessToken: return "the Snowflake programmatic access token";
        case Secret::kServiceAccountJson: return "the BigQuery service-account key (credentials_json)";
        case Secret::kSslClientKey: return "the Postgres SSL client key";
        case Secret::kSslClientKeyPassword: return "the Postgres SSL client key's password";
    }
    return "a secret";
}

bool is_masked(const std::string &value) {
    if (value.size() < 4) return false;
    for (char c : value) {
        if (c != '*') return false;
    }
    return true;
}

StatusOr<std::string> resolve_secret(const DatasetOptions &options, Secret secret, json::Value configured,
                                     bool &found) {
    found = false;
    const SecretSource &source = options.secrets[static_cast<int>(secret)];
    switch (source.kind) {
        case SecretSource::Kind::kValue:
            found = true;
            return source.text;
        case SecretSource::Kind::kEnvironment: {
            std::string value = environment(source.text);
            if (value.empty()) {
                return InvalidArgument("the environment variable " + source.text + ", named for " +
                                       secret_description(secret) + " (" + secret_option_name(secret) +
                                       "), is not set or empty");
            }
            found = true;
            return value;
        }
        case SecretSource::Kind::kFile: {
            StatusOr<std::string> content = read_secret_file(source.text, secret);
            if (content.ok()) found = true;
            return content;
        }
        case SecretSource::Kind::kNone:
            break;
    }
    if (std::optional<std::string> value = configured.string(); value && !value->empty() && !is_masked(*value)) {
        found = true;
        return *value;
    }
    std::string value = environment(secret_default_environment(secret));
    if (!value.empty()) {
        found = true;
        return value;
    }
    return std::string();
}

Status missing_secret(Secret secret, const std::string &destination, bool masked) {
    std::string message = destination + ": " + secret_description(secret);
    message += masked ? " is masked by the Airbyte API (\"**********\")" : " is not in the configuration";
    message += "; provide it with abc_dataset_options_set_secret(options, ";
    message += secret_option_name(secret);
    message += ", value) (or _set_secret_env / _set_secret_file), or set the environment variable ";
    message += secret_default_environment(secret);
    if (secret == Secret::kServiceAccountJson) message += " (or GOOGLE_APPLICATION_CREDENTIALS to a key file)";
    return InvalidArgument(std::move(message));
}

StatusOr<DatasetSet> datasets_from_documents(json::Value connection, json::Value destination,
                                             const DatasetOptions &options, const transport::HttpSettings &http,
                                             const Logger &logger) {
    StatusOr<ConnectionPlan> plan = parse_connection_plan(connection);
    if (!plan.ok()) return plan.status();
    if (!destination.is_object()) return ProtocolError("destination response: not a JSON object");
    DatasetSet set;
    set.connection_id = plan->connection_id;
    set.destination_id = plan->destination_id;
    set.destination_name = json::optional_string(destination, "name");
    set.destination_type = lower(json::optional_string(destination, "destinationType"));
    const json::Value config = destination.get("configuration");
    if (set.destination_type.empty()) set.destination_type = lower(json::optional_string(config, "destinationType"));
    if (!config.is_object()) return ProtocolError("destination response: field 'configuration' is missing");

    Status added;
    if (set.destination_type == "postgres") {
        added = add_postgres(set, *plan, config, options);
    } else if (set.destination_type == "snowflake") {
        added = add_snowflake(set, *plan, config, options, http, logger);
    } else if (set.destination_type == "bigquery") {
        added = add_bigquery(set, *plan, config, options, http, logger);
    } else {
        const std::string shown = set.destination_type.empty()
                                      ? "with no destinationType (definition " +
                                            json::optional_string(destination, "definitionId") + ")"
                                      : "of type '" + set.destination_type + "'";
        added = Status(StatusCode::kUnsupported, "destination '" + set.destination_name + "' (" + set.destination_id +
                                                     ") is " + shown +
                                                     "; datasets can be read from postgres, snowflake and bigquery "
                                                     "destinations");
    }
    if (!added.ok()) return added;
    return set;
}

StatusOr<DatasetSet> resolve_datasets(domain::ApiClient &api, const std::string &connection_id,
                                      const DatasetOptions &options) {
    StatusOr<json::Document> connection =
        api.call(transport::HttpMethod::kGet, "/connections/" + transport::escape_path_segment(connection_id), {}, "",
                 transport::Idempotency::kIdempotent, "getting connection " + connection_id);
    if (!connection.ok()) return connection.status();
    const std::string destination_id = json::optional_string(connection->root(), "destinationId");
    if (destination_id.empty()) return ProtocolError("connection response: field 'destinationId' is missing");
    StatusOr<json::Document> destination =
        api.call(transport::HttpMethod::kGet, "/destinations/" + transport::escape_path_segment(destination_id), {},
                 "", transport::Idempotency::kIdempotent, "getting destination " + destination_id);
    if (!destination.ok()) return destination.status();
    return datasets_from_documents(connection->root(), destination->root(), options, api.settings().http,
                                   api.logger());
}

}  // namespace airbyte_cloud::datasets
