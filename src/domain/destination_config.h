// Destination configurations built from typed settings: the JSON the API expects for the
// warehouses PyAirbyte deploys its caches to. Each builder checks its settings (messages name the
// setting as the C API spells its argument) and returns compact JSON with the destinationType
// discriminator first and the fields in the order of the API's schema.
#pragma once

#include <optional>
#include <string>

#include "base/status.h"

namespace airbyte_cloud::domain {

struct PostgresSettings {
    std::string host;
    int port = 5432;
    std::string database;
    std::string schema = "public";
    std::string username;
    std::optional<std::string> password;
    std::optional<std::string> ssl_mode;  // disable | allow | prefer | require
};
StatusOr<std::string> postgres_configuration(const PostgresSettings &settings);

struct SnowflakeSettings {
    std::string host;
    std::string role;
    std::string warehouse;
    std::string database;
    std::string schema;
    std::string username;
    // Exactly one way to authenticate: a password, or a private key (with optional passphrase).
    std::optional<std::string> password;
    std::optional<std::string> private_key;
    std::optional<std::string> private_key_password;
};
StatusOr<std::string> snowflake_configuration(const SnowflakeSettings &settings);

struct BigQuerySettings {
    std::string project_id;
    std::string dataset_id;
    std::string dataset_location;
    std::optional<std::string> credentials_json;  // a service-account key: a JSON object as text
};
StatusOr<std::string> bigquery_configuration(const BigQuerySettings &settings);

struct DuckDbSettings {
    std::string destination_path;  // "/local/file.duckdb" or "md:<database>"
    std::optional<std::string> schema;
    std::optional<std::string> motherduck_api_key;
};
StatusOr<std::string> duckdb_configuration(const DuckDbSettings &settings);

struct MotherDuckSettings {
    std::string motherduck_api_key;
    std::optional<std::string> database;  // becomes destination_path "md:<database>"; none: "md:"
    std::optional<std::string> schema;
};
StatusOr<std::string> motherduck_configuration(const MotherDuckSettings &settings);

}  // namespace airbyte_cloud::domain
