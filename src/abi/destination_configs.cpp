// abc_destination_config_*: typed settings in, configuration JSON (owned by the caller) out.
#include "abi/resource_handles.h"
#include "domain/destination_config.h"

using namespace airbyte_cloud;

namespace {

// The shape every builder shares: check out and the required arguments, build, hand out a copy.
template <typename Build>
abc_status build_configuration(char **out_json, const char *function, abc_error **error,
                               std::initializer_list<std::pair<const char *, const char *>> required, Build &&build) {
    if (out_json != nullptr) *out_json = nullptr;
    return abi::guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out_json, function, "out_json"));
        for (const auto &[argument, value] : required) {
            ABC_RETURN_IF_ERROR(abi::require_text(value, function, argument));
        }
        StatusOr<std::string> configuration = build();
        if (!configuration.ok()) return abi::in_function(function, configuration.status());
        *out_json = abi::owned_string(*configuration);
        return Status();
    });
}

// The connection settings both Snowflake builders take, in argument order.
struct SnowflakeConnection {
    const char *host, *role, *warehouse, *database, *schema, *username;
};

// A Snowflake builder: the shared settings plus one way to authenticate, set by `authenticate`
// once `secret` (the argument that carries it) is checked.
template <typename Authenticate>
abc_status snowflake(char **out_json, const char *function, abc_error **error, const SnowflakeConnection &connection,
                     std::pair<const char *, const char *> secret, Authenticate &&authenticate) {
    return build_configuration(out_json, function, error,
                               {{"host", connection.host},
                                {"role", connection.role},
                                {"warehouse", connection.warehouse},
                                {"database", connection.database},
                                {"schema", connection.schema},
                                {"username", connection.username},
                                secret},
                               [&] {
                                   domain::SnowflakeSettings settings;
                                   settings.host = connection.host;
                                   settings.role = connection.role;
                                   settings.warehouse = connection.warehouse;
                                   settings.database = connection.database;
                                   settings.schema = connection.schema;
                                   settings.username = connection.username;
                                   authenticate(settings);
                                   return domain::snowflake_configuration(settings);
                               });
}

}  // namespace

extern "C" {

ABC_API abc_status abc_destination_config_postgres(char **out_json, const char *host, int port, const char *database,
                                                   const char *schema, const char *username, const char *password,
                                                   const char *ssl_mode, abc_error **error) {
    return build_configuration(
        out_json, "abc_destination_config_postgres", error,
        {{"host", host}, {"database", database}, {"schema", schema}, {"username", username}}, [&] {
            domain::PostgresSettings settings;
            settings.host = host;
            settings.port = port;
            settings.database = database;
            settings.schema = schema;
            settings.username = username;
            settings.password = abi::optional_text(password);
            settings.ssl_mode = abi::optional_text(ssl_mode);
            return domain::postgres_configuration(settings);
        });
}

ABC_API abc_status abc_destination_config_snowflake_password(char **out_json, const char *host, const char *role,
                                                             const char *warehouse, const char *database,
                                                             const char *schema, const char *username,
                                                             const char *password, abc_error **error) {
    return snowflake(out_json, "abc_destination_config_snowflake_password", error,
                     {host, role, warehouse, database, schema, username}, {"password", password},
                     [&](domain::SnowflakeSettings &settings) { settings.password = std::string(password); });
}

ABC_API abc_status abc_destination_config_snowflake_key_pair(char **out_json, const char *host, const char *role,
                                                             const char *warehouse, const char *database,
                                                             const char *schema, const char *username,
                                                             const char *private_key,
                                                             const char *private_key_password, abc_error **error) {
    return snowflake(out_json, "abc_destination_config_snowflake_key_pair", error,
                     {host, role, warehouse, database, schema, username}, {"private_key", private_key},
                     [&](domain::SnowflakeSettings &settings) {
                         settings.private_key = std::string(private_key);
                         settings.private_key_password = abi::optional_text(private_key_password);
                     });
}

ABC_API abc_status abc_destination_config_bigquery(char **out_json, const char *project_id, const char *dataset_id,
                                                   const char *dataset_location, const char *credentials_json,
                                                   abc_error **error) {
    return build_configuration(
        out_json, "abc_destination_config_bigquery", error,
        {{"project_id", project_id}, {"dataset_id", dataset_id}, {"dataset_location", dataset_location}}, [&] {
            domain::BigQuerySettings settings{project_id, dataset_id, dataset_location,
                                              abi::optional_text(credentials_json)};
            return domain::bigquery_configuration(settings);
        });
}

ABC_API abc_status abc_destination_config_duckdb(char **out_json, const char *destination_path, const char *schema,
                                                 const char *motherduck_api_key, abc_error **error) {
    return build_configuration(out_json, "abc_destination_config_duckdb", error,
                               {{"destination_path", destination_path}}, [&] {
                                   domain::DuckDbSettings settings{destination_path, abi::optional_text(schema),
                                                                   abi::optional_text(motherduck_api_key)};
                                   return domain::duckdb_configuration(settings);
                               });
}

ABC_API abc_status abc_destination_config_motherduck(char **out_json, const char *motherduck_api_key,
                                                     const char *database, const char *schema, abc_error **error) {
    return build_configuration(out_json, "abc_destination_config_motherduck", error,
                               {{"motherduck_api_key", motherduck_api_key}}, [&] {
                                   domain::MotherDuckSettings settings{motherduck_api_key,
                                                                       abi::optional_text(database),
                                                                       abi::optional_text(schema)};
                                   return domain::motherduck_configuration(settings);
                               });
}

}  // extern "C"
