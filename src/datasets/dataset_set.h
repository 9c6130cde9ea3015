// From a connection to its datasets: asks the domain for the connection's destination (type,
// configuration) and streams (namespace, table naming inputs), lets the destination's reader read
// its settings out of the configuration and fill in the secrets the API masks from the caller's
// options or the environment, and builds one Dataset per stream.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/log.h"
#include "base/status.h"
#include "datasets/dataset.h"
#include "datasets/dataset_options.h"
#include "domain/connection_destination.h"
#include "domain/workspace.h"
#include "transport/http_client.h"

namespace airbyte_cloud::datasets {

struct StreamDataset {
    std::string stream;
    std::shared_ptr<Dataset> dataset;
};

struct DatasetSet {
    std::string connection_id;
    std::string destination_id;
    std::string destination_name;
    std::string destination_type;
    std::string database;                // Postgres/Snowflake database; BigQuery project
    std::string schema;                  // default schema (BigQuery dataset); streams may differ
    std::string connection_uri;          // without password
    std::vector<StreamDataset> streams;  // in the connection's stream order
};

// The connection's and its destination's details from the API, then the datasets.
StatusOr<DatasetSet> resolve_datasets(const domain::Workspace &workspace,
                                      const std::string &connection_id,
                                      const DatasetOptions &options);

// The datasets of a connection whose destination the caller has already (tests use this with
// domain::connection_destination_from).
StatusOr<DatasetSet> datasets_for(const domain::ConnectionDestination &target,
                                  const DatasetOptions &options,
                                  const transport::HttpSettings &http, const Logger &logger);

}  // namespace airbyte_cloud::datasets
