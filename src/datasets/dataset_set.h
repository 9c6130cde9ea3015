// From a connection to its datasets: reads the connection (streams, prefix, namespace rules) and
// its destination (type, configuration) from the Airbyte API, fills in the secrets the API masks
// from the caller's options or the environment, and builds one Dataset per stream.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "datasets/dataset.h"
#include "domain/api_client.h"
#include "json/json.h"

namespace airbyte_cloud::datasets {

// Same values as the public abc_dataset_secret.
enum class Secret : int {
    kPassword = 1,
    kPrivateKey = 2,
    kPrivateKeyPassphrase = 3,
    kOAuthToken = 4,
    kProgrammaticAccessToken = 5,
    kServiceAccountJson = 6,
    kSslClientKey = 7,
    kSslClientKeyPassword = 8,
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
    std::string snowflake_url;  // overrides https://<host from the configuration>
    std::string bigquery_url;   // overrides https://bigquery.googleapis.com/bigquery/v2
    std::string token_uri;      // overrides the service-account key's token_uri for the exchange
    std::int64_t page_rows = 0;  // 0: each reader's default (10000)
    std::chrono::milliseconds query_timeout{600000};
    std::chrono::milliseconds poll_initial{100};
    std::chrono::milliseconds poll_max{2000};
};

// Whether a configuration value is the API's mask ("**********").
bool is_masked(const std::string &value);

// Resolves one secret: an explicit option first, then the configuration's value unless masked,
// then the default environment variable. Returns "" when none has it; `found` says whether one
// did. Fails when an explicit option cannot be read (unset variable, unreadable file).
StatusOr<std::string> resolve_secret(const DatasetOptions &options, Secret secret, json::Value configured,
                                     bool &found);
// The error for a secret nothing provided: names the option and the environment variable.
Status missing_secret(Secret secret, const std::string &destination, bool masked);

struct StreamDataset {
    std::string stream;
    std::shared_ptr<Dataset> dataset;
};

struct DatasetSet {
    std::string connection_id;
    std::string destination_id;
    std::string destination_name;
    std::string destination_type;
    std::string database;        // Postgres/Snowflake database; BigQuery project
    std::string schema;          // default schema (BigQuery dataset); streams may differ
    std::string connection_uri;  // without password
    std::vector<StreamDataset> streams;  // in the connection's stream order
};

// GET /connections/{id} and GET /destinations/{destinationId}, then the datasets.
StatusOr<DatasetSet> resolve_datasets(domain::ApiClient &api, const std::string &connection_id,
                                      const DatasetOptions &options);

// The same from already fetched documents (for tests and for callers that have them).
StatusOr<DatasetSet> datasets_from_documents(json::Value connection, json::Value destination,
                                             const DatasetOptions &options,
                                             const transport::HttpSettings &http, const Logger &logger);

}  // namespace airbyte_cloud::datasets
