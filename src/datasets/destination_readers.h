// Inside the datasets layer: what each warehouse's destination code (postgres_destination.cpp,
// snowflake_destination.cpp, bigquery_destination.cpp) gets to read its settings out of a
// destination configuration, and the helpers they share. A reader switched off at configure time
// has its add_*_datasets in reader_stubs.cpp, saying which option builds it.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/log.h"
#include "base/status.h"
#include "datasets/dataset_set.h"
#include "json/json.h"
#include "transport/credentials.h"
#include "transport/http_client.h"

namespace airbyte_cloud::datasets {

// One destination being turned into datasets.
struct DestinationContext {
    const domain::ConnectionDestination &target;
    json::Value config;  // target.configuration's root
    std::string who;     // "Postgres destination 'warehouse'": starts each message
    const DatasetOptions &options;
    const transport::HttpSettings &http;
    const Logger &logger;
};

// Configuration values the API may send as numbers or strings ("" when absent).
std::string config_text(json::Value object, std::string_view field);
// A value reading the data needs: kInvalidArgument naming the field and the destination when
// absent.
StatusOr<std::string> required_config(json::Value config, std::string_view field,
                                      const std::string &destination);
// Several required values, in the order given; the first one missing is the error.
StatusOr<std::vector<std::string>> required_configs(json::Value config,
                                                    std::initializer_list<std::string_view> fields,
                                                    const std::string &destination);
// ASCII lower case.
std::string lower_ascii(std::string text);

// An HTTP client for a warehouse's REST API with the workspace's settings and its own credentials.
std::shared_ptr<transport::HttpClient> make_http(
    const DestinationContext &context, std::shared_ptr<transport::CredentialsProvider> credentials);

// Adds one dataset per stream to `set` (whose database, schema and connection_uri are filled in):
// the stream's schema is its namespace normalised to `identifier_bytes` (0: no limit) or the
// set's schema; its table from destinationObjectName or prefix + name; `qualify` gives the
// warehouse's qualified name and `make` the dataset.
void add_stream_datasets(DatasetSet &set, const DestinationContext &context,
                         std::size_t identifier_bytes,
                         const std::function<std::string(const TableLocation &)> &qualify,
                         const std::function<std::shared_ptr<Dataset>(TableLocation)> &make);

// Each warehouse: its settings from the configuration, then its datasets.
Status add_postgres_datasets(DatasetSet &set, const DestinationContext &context);
Status add_snowflake_datasets(DatasetSet &set, const DestinationContext &context);
Status add_bigquery_datasets(DatasetSet &set, const DestinationContext &context);

}  // namespace airbyte_cloud::datasets
