// The three readers behind one set of factory functions. A reader switched off at configure time
// (ABC_WITH_POSTGRES / ABC_WITH_SNOWFLAKE / ABC_WITH_BIGQUERY) still links: its factory then
// returns kUnsupported naming the reader and the option that enables it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "base/log.h"
#include "base/status.h"
#include "datasets/dataset.h"
#include "transport/http_client.h"

namespace airbyte_cloud::datasets {

// ---- Postgres (libpq) ----------------------------------------------------------------------

struct PostgresSettings {
    std::string host;
    int port = 5432;
    std::string database;
    std::string user;
    std::string password;            // may be empty (trust auth, .pgpass)
    std::string ssl_mode;            // disable|allow|prefer|require|verify-ca|verify-full; "" = libpq's default
    std::string ssl_root_cert_pem;   // CA certificate (verify-ca / verify-full)
    std::string ssl_cert_pem;        // client certificate
    std::string ssl_key_pem;         // client key
    std::string ssl_key_password;
    int connect_timeout_seconds = 10;
};

// What all datasets of one destination share: settings and the PEM files libpq reads.
class PostgresEndpoint;

StatusOr<std::shared_ptr<PostgresEndpoint>> make_postgres_endpoint(PostgresSettings settings);
std::shared_ptr<Dataset> make_postgres_dataset(TableLocation location,
                                               std::shared_ptr<PostgresEndpoint> endpoint);

// ---- Snowflake (SQL API v2) ----------------------------------------------------------------

struct SnowflakeSettings {
    std::string account_url;  // https://<account identifier>.snowflakecomputing.com
    std::string token_type;   // KEYPAIR_JWT, OAUTH or PROGRAMMATIC_ACCESS_TOKEN
    std::string warehouse;
    std::string role;
    std::chrono::milliseconds query_timeout{600000};  // statement timeout and polling limit
    std::chrono::milliseconds poll_initial{100};
    std::chrono::milliseconds poll_max{2000};
};

class SnowflakeEndpoint;

// `http` carries the credentials (a key-pair JWT minter or a static OAuth/PAT token).
StatusOr<std::shared_ptr<SnowflakeEndpoint>> make_snowflake_endpoint(SnowflakeSettings settings,
                                                                      std::shared_ptr<transport::HttpClient> http);
std::shared_ptr<Dataset> make_snowflake_dataset(TableLocation location,
                                                std::shared_ptr<SnowflakeEndpoint> endpoint);

// ---- BigQuery (REST v2) --------------------------------------------------------------------

struct BigQuerySettings {
    std::string base_url = "https://bigquery.googleapis.com/bigquery/v2";
    std::string location;              // dataset_location; sent with every request
    std::int64_t page_rows = 10000;    // maxResults
    std::chrono::milliseconds query_timeout{600000};
    std::chrono::milliseconds poll_timeout{10000};  // timeoutMs per call
};

class BigQueryEndpoint;

StatusOr<std::shared_ptr<BigQueryEndpoint>> make_bigquery_endpoint(BigQuerySettings settings,
                                                                    std::shared_ptr<transport::HttpClient> http);
std::shared_ptr<Dataset> make_bigquery_dataset(TableLocation location,
                                               std::shared_ptr<BigQueryEndpoint> endpoint);

// kUnsupported: "this build of libairbyte_cloud has no <reader> reader (configure with -D<option>=ON)".
Status reader_not_built(const char *reader, const char *option);

// Whether this build has the reader.
bool has_postgres_reader();

bool has_snowflake_reader();
bool has_bigquery_reader();

}  // namespace airbyte_cloud::datasets
