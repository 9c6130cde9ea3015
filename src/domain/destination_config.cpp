#include "domain/destination_config.h"

#include <string_view>
#include <utility>

#include "domain/resources.h"
#include "json/json.h"

namespace airbyte_cloud::domain {
namespace {

// The first empty one of (argument name, value) pairs, as kInvalidArgument naming it.
Status require_settings(std::initializer_list<std::pair<std::string_view, const std::string *>> settings) {
    for (const auto &[argument, value] : settings) {
        if (value->empty()) return InvalidArgument(std::string(argument) + " is empty");
    }
    return Status();
}

bool present(const std::optional<std::string> &value) { return value.has_value() && !value->empty(); }

// A host setting is a name or address: a URL there is the most common mistake.
Status check_host(const std::string &host, std::string_view example) {
    ABC_RETURN_IF_ERROR(require_settings({{"host", &host}}));
    if (host.find("://") != std::string::npos || host.find('/') != std::string::npos) {
        return InvalidArgument("host must be a host name such as " + std::string(example) + ", not a URL");
    }
    for (char c : host) {
        if (c == ' ' || c == '\t') return InvalidArgument("host must not contain white space");
    }
    return Status();
}

}  // namespace

StatusOr<std::string> postgres_configuration(const PostgresSettings &settings) {
    ABC_RETURN_IF_ERROR(check_host(settings.host, "db.example.com"));
    if (settings.port < 1 || settings.port > 65535) {
        return InvalidArgument("port is " + std::to_string(settings.port) + "; it must be between 1 and 65535");
    }
    ABC_RETURN_IF_ERROR(require_settings(
        {{"database", &settings.database}, {"schema", &settings.schema}, {"username", &settings.username}}));
    json::ObjectBuilder configuration;
    configuration.add("destinationType", "postgres")
        .add("host", settings.host)
        .add("port", settings.port)
        .add("database", settings.database)
        .add("schema", settings.schema)
        .add("username", settings.username);
    if (present(settings.password)) configuration.add("password", *settings.password);
    if (present(settings.ssl_mode)) {
        const std::string &mode = *settings.ssl_mode;
        if (mode == "verify-ca" || mode == "verify-full") {
            return InvalidArgument("ssl_mode '" + mode +
                                   "' needs certificates this builder does not take; build the "
                                   "configuration JSON with an ssl_mode object yourself");
        }
        if (mode != "disable" && mode != "allow" && mode != "prefer" && mode != "require") {
            return InvalidArgument("ssl_mode is '" + mode + "'; it must be disable, allow, prefer or require");
        }
        configuration.add("ssl", mode != "disable");
        json::ObjectBuilder ssl_mode;
        ssl_mode.add("mode", mode);
        configuration.add("ssl_mode", std::move(ssl_mode));
    }
    return configuration.dump();
}

StatusOr<std::string> snowflake_configuration(const SnowflakeSettings &settings) {
    ABC_RETURN_IF_ERROR(check_host(settings.host, "accountname.snowflakecomputing.com"));
    ABC_RETURN_IF_ERROR(require_settings({{"role", &settings.role},
                                          {"warehouse", &settings.warehouse},
                                          {"database", &settings.database},
                                          {"schema", &settings.schema},
                                          {"username", &settings.username}}));
    const bool with_password = present(settings.password);
    const bool with_key = present(settings.private_key);
    if (with_password == with_key) {
        return InvalidArgument(with_key ? "give a password or a private_key, not both"
                                        : "give a password or a private_key");
    }
    json::ObjectBuilder credentials;
    if (with_key) {
        // A path to the key file instead of its content is the usual mistake.
        if (settings.private_key->find("-----BEGIN") == std::string::npos) {
            return InvalidArgument(
                "private_key must be the PEM text of the key (-----BEGIN ... PRIVATE KEY-----), not a file name");
        }
        credentials.add("auth_type", "Key Pair Authentication").add("private_key", *settings.private_key);
        if (present(settings.private_key_password)) {
            credentials.add("private_key_password", *settings.private_key_password);
        }
    } else {
        if (present(settings.private_key_password)) {
            return InvalidArgument("private_key_password is only used with a private_key");
        }
        credentials.add("auth_type", "Username and Password").add("password", *settings.password);
    }
    return json::ObjectBuilder()
        .add("destinationType", "snowflake")
        .add("host", settings.host)
        .add("role", settings.role)
        .add("warehouse", settings.warehouse)
        .add("database", settings.database)
        .add("schema", settings.schema)
        .add("username", settings.username)
        .add("credentials", std::move(credentials))
        .dump();
}

StatusOr<std::string> bigquery_configuration(const BigQuerySettings &settings) {
    ABC_RETURN_IF_ERROR(require_settings({{"project_id", &settings.project_id},
                                          {"dataset_id", &settings.dataset_id},
                                          {"dataset_location", &settings.dataset_location}}));
    json::ObjectBuilder configuration;
    configuration.add("destinationType", "bigquery")
        .add("project_id", settings.project_id)
        .add("dataset_location", settings.dataset_location)
        .add("dataset_id", settings.dataset_id);
    if (present(settings.credentials_json)) {
        // The API takes the key as a string; a key that is not JSON would only fail at sync time.
        auto key = parse_input_object(*settings.credentials_json, "credentials_json");
        if (!key.ok()) return key.status();
        configuration.add("credentials_json", *settings.credentials_json);
    }
    return configuration.dump();
}

StatusOr<std::string> duckdb_configuration(const DuckDbSettings &settings) {
    ABC_RETURN_IF_ERROR(require_settings({{"destination_path", &settings.destination_path}}));
    const bool motherduck_path = settings.destination_path.rfind("md:", 0) == 0 ||
                                 settings.destination_path.rfind("motherduck:", 0) == 0;
    if (motherduck_path && !present(settings.motherduck_api_key)) {
        return InvalidArgument("motherduck_api_key is required when destination_path is a MotherDuck database ('" +
                               settings.destination_path.substr(0, settings.destination_path.find(':') + 1) +
                               "...')");
    }
    json::ObjectBuilder configuration;
    configuration.add("destinationType", "duckdb").add("destination_path", settings.destination_path);
    if (present(settings.motherduck_api_key)) configuration.add("motherduck_api_key", *settings.motherduck_api_key);
    if (present(settings.schema)) configuration.add("schema", *settings.schema);
    return configuration.dump();
}

StatusOr<std::string> motherduck_configuration(const MotherDuckSettings &settings) {
    ABC_RETURN_IF_ERROR(require_settings({{"motherduck_api_key", &settings.motherduck_api_key}}));
    std::string path = "md:";
    if (present(settings.database)) {
        const std::string &database = *settings.database;
        path = database.rfind("md:", 0) == 0 ? database : "md:" + database;
        if (database.find('/') != std::string::npos || database.find('?') != std::string::npos) {
            // "md:db?motherduck_token=..." would put the token where logs show it.
            return InvalidArgument("database must be a MotherDuck database name, without '/' or '?'");
        }
    }
    json::ObjectBuilder configuration;
    configuration.add("destinationType", "motherduck")
        .add("destination_path", path)
        .add("motherduck_api_key", settings.motherduck_api_key);
    if (present(settings.schema)) configuration.add("schema", *settings.schema);
    return configuration.dump();
}

}  // namespace airbyte_cloud::domain
