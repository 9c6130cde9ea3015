// A BigQuery destination's settings out of its configuration (project, dataset, location) and the
// service-account key (masked by the API: from the options, the environment or Google's
// GOOGLE_APPLICATION_CREDENTIALS), then one dataset per stream.
#include "datasets/destination_readers.h"
#include "datasets/jwt.h"
#include "datasets/naming.h"
#include "datasets/readers.h"
#include "datasets/warehouse_credentials.h"

namespace airbyte_cloud::datasets {
namespace {

StatusOr<std::string> service_account_json(const DestinationContext &context) {
    bool found = false;
    StatusOr<std::string> key_json = resolve_secret(context.options, Secret::kServiceAccountJson,
                                                    context.config.get("credentials_json"), found);
    if (!key_json.ok() || found)
        return key_json;
    // Google's own convention: a key file named by GOOGLE_APPLICATION_CREDENTIALS.
    const std::string path = environment("GOOGLE_APPLICATION_CREDENTIALS");
    if (!path.empty())
        return read_secret_file(path, Secret::kServiceAccountJson);
    return missing_secret(Secret::kServiceAccountJson, context.who,
                          is_masked(config_text(context.config, "credentials_json")));
}

StatusOr<std::shared_ptr<transport::CredentialsProvider>> service_account_credentials(
    const DestinationContext &context) {
    StatusOr<std::string> key_json = service_account_json(context);
    if (!key_json.ok())
        return key_json.status();
    StatusOr<ServiceAccountKey> key = parse_service_account_key(*key_json);
    if (!key.ok())
        return prefixed(key.status(), context.who);
    StatusOr<jwt::Key> private_key =
        jwt::load_private_key(key->private_key, "", "the service-account private key");
    if (!private_key.ok())
        return prefixed(private_key.status(), context.who);
    return std::shared_ptr<transport::CredentialsProvider>(
        std::make_shared<ServiceAccountCredentials>(std::move(*private_key), *key,
                                                    context.options.token_uri, kBigQueryScope));
}

}  // namespace

Status add_bigquery_datasets(DatasetSet &set, const DestinationContext &context) {
    StatusOr<std::vector<std::string>> required =
        required_configs(context.config, {"project_id", "dataset_id"}, context.who);
    if (!required.ok())
        return required.status();
    const std::string &project = (*required)[0];
    const std::string &dataset = (*required)[1];
    auto provider = service_account_credentials(context);
    if (!provider.ok())
        return provider.status();

    BigQuerySettings settings;
    if (!context.options.bigquery_url.empty())
        settings.base_url = context.options.bigquery_url;
    settings.location = config_text(context.config, "dataset_location");
    if (context.options.page_rows > 0)
        settings.page_rows = context.options.page_rows;
    settings.query_timeout = context.options.query_timeout;
    StatusOr<std::shared_ptr<BigQueryEndpoint>> endpoint =
        make_bigquery_endpoint(settings, make_http(context, std::move(*provider)));
    if (!endpoint.ok())
        return prefixed(endpoint.status(), context.who);

    set.database = project;
    set.schema = dataset;
    set.connection_uri = bigquery_uri(project, dataset, settings.location);
    add_stream_datasets(
        set, context, 0,
        [](const TableLocation &at) {
            return bigquery_table_path(at.database, at.schema, at.table);
        },
        [&](TableLocation location) {
            return make_bigquery_dataset(std::move(location), *endpoint);
        });
    return Status();
}

}  // namespace airbyte_cloud::datasets
