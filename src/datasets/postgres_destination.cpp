// A Postgres destination's settings out of its configuration (host, port, database, user, schema,
// password, SSL), then one dataset per stream over libpq.
#include <cstdlib>

#include "datasets/destination_readers.h"
#include "datasets/naming.h"
#include "datasets/readers.h"

namespace airbyte_cloud::datasets {
namespace {

Status check_no_tunnel(const DestinationContext &context) {
    const std::string tunnel =
        json::optional_string(context.config.get("tunnel_method"), "tunnel_method");
    if (tunnel.empty() || tunnel == "NO_TUNNEL")
        return Status();
    return Status(StatusCode::kUnsupported, context.who + " is reached through an SSH tunnel (" +
                                                tunnel +
                                                "); reading through tunnels is not supported: open "
                                                "the tunnel yourself and connect with "
                                                "the connection URI");
}

Status read_login(PostgresSettings &settings, const DestinationContext &context) {
    const json::Value config = context.config;
    StatusOr<std::vector<std::string>> required =
        required_configs(config, {"host", "database", "username"}, context.who);
    if (!required.ok())
        return required.status();
    settings.host = (*required)[0];
    settings.database = (*required)[1];
    settings.user = (*required)[2];
    const std::string port = config_text(config, "port");
    settings.port = port.empty() ? 5432 : std::atoi(port.c_str());
    if (settings.port <= 0 || settings.port > 65535) {
        return InvalidArgument(context.who + ": the port '" + port + "' is invalid");
    }
    bool found = false;
    StatusOr<std::string> password =
        resolve_secret(context.options, Secret::kPassword, config.get("password"), found);
    if (!password.ok())
        return password.status();
    if (!found && is_masked(config_text(config, "password"))) {
        return missing_secret(Secret::kPassword, context.who, true);
    }
    settings.password = std::move(*password);
    return Status();
}

bool is_known_ssl_mode(const std::string &mode) {
    static const char *const kModes[] = {"disable", "allow",     "prefer",
                                         "require", "verify-ca", "verify-full"};
    for (const char *known : kModes) {
        if (mode == known)
            return true;
    }
    return false;
}

// The client key and its password: secrets the API masks.
Status read_ssl_key(PostgresSettings &settings, const DestinationContext &context,
                    json::Value ssl_mode) {
    bool found = false;
    if (ssl_mode.get("client_key").present()) {
        StatusOr<std::string> key = resolve_secret(context.options, Secret::kSslClientKey,
                                                   ssl_mode.get("client_key"), found);
        if (!key.ok())
            return key.status();
        if (!found)
            return missing_secret(Secret::kSslClientKey, context.who, true);
        settings.ssl_key_pem = std::move(*key);
    }
    StatusOr<std::string> key_password = resolve_secret(
        context.options, Secret::kSslClientKeyPassword, ssl_mode.get("client_key_password"), found);
    if (!key_password.ok())
        return key_password.status();
    if (!found && is_masked(json::optional_string(ssl_mode, "client_key_password"))) {
        return missing_secret(Secret::kSslClientKeyPassword, context.who, true);
    }
    settings.ssl_key_password = std::move(*key_password);
    return Status();
}

Status read_ssl(PostgresSettings &settings, const DestinationContext &context) {
    const json::Value ssl_mode = context.config.get("ssl_mode");
    settings.ssl_mode = json::optional_string(ssl_mode, "mode");
    if (settings.ssl_mode.empty() && context.config.get("ssl").boolean().value_or(false)) {
        settings.ssl_mode = "require";
    }
    if (settings.ssl_mode.empty())
        return Status();
    if (!is_known_ssl_mode(settings.ssl_mode)) {
        return InvalidArgument(context.who + ": unknown ssl_mode '" + settings.ssl_mode + "'");
    }
    settings.ssl_root_cert_pem = json::optional_string(ssl_mode, "ca_certificate");
    settings.ssl_cert_pem = json::optional_string(ssl_mode, "client_certificate");
    if (is_masked(settings.ssl_root_cert_pem) || is_masked(settings.ssl_cert_pem)) {
        return InvalidArgument(context.who +
                               ": the SSL certificates are masked by the Airbyte API; "
                               "reading with " +
                               settings.ssl_mode + " needs them in the configuration");
    }
    return read_ssl_key(settings, context, ssl_mode);
}

}  // namespace

Status add_postgres_datasets(DatasetSet &set, const DestinationContext &context) {
    ABC_RETURN_STATUS(check_no_tunnel(context));
    PostgresSettings settings;
    ABC_RETURN_STATUS(read_login(settings, context));
    ABC_RETURN_STATUS(read_ssl(settings, context));
    // page_rows does not apply: the Postgres reader streams rows with one COPY, without pages.

    std::string schema = config_text(context.config, "schema");
    set.database = settings.database;
    set.schema = normalise_identifier(schema.empty() ? "public" : schema, kPostgresIdentifierBytes);
    set.connection_uri = postgres_uri(settings.host, settings.port, settings.database,
                                      settings.user, settings.ssl_mode);

    StatusOr<std::shared_ptr<PostgresEndpoint>> endpoint = make_postgres_endpoint(settings);
    if (!endpoint.ok())
        return endpoint.status();
    add_stream_datasets(
        set, context, kPostgresIdentifierBytes,
        [](const TableLocation &at) {
            return quote_sql_identifier(at.schema) + "." + quote_sql_identifier(at.table);
        },
        [&](TableLocation location) {
            return make_postgres_dataset(std::move(location), *endpoint);
        });
    return Status();
}

}  // namespace airbyte_cloud::datasets
