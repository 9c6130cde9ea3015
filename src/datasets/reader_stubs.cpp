// Stand-ins for readers switched off at configure time: the library links and the calls say
// which reader is missing and how to get it.
#include "datasets/destination_readers.h"
#include "datasets/readers.h"

namespace airbyte_cloud::datasets {

namespace {
[[maybe_unused]] Status not_built(const char *reader, const char *option) {
    return Status(StatusCode::kUnsupported, std::string("this build of libairbyte_cloud has no ") + reader +
                                                " reader (configure with -D" + option + "=ON)");
}
}  // namespace

#if !ABC_WITH_POSTGRES
class PostgresEndpoint {};
StatusOr<std::shared_ptr<PostgresEndpoint>> make_postgres_endpoint(PostgresSettings) {
    return not_built("Postgres", "ABC_WITH_POSTGRES");
}
std::shared_ptr<Dataset> make_postgres_dataset(TableLocation, std::shared_ptr<PostgresEndpoint>) { return nullptr; }
bool has_postgres_reader() { return false; }
Status add_postgres_datasets(DatasetSet &, const DestinationContext &) {
    return not_built("Postgres", "ABC_WITH_POSTGRES");
}
#endif

#if !ABC_WITH_SNOWFLAKE
class SnowflakeEndpoint {};
StatusOr<std::shared_ptr<SnowflakeEndpoint>> make_snowflake_endpoint(SnowflakeSettings,
                                                                      std::shared_ptr<transport::HttpClient>) {
    return not_built("Snowflake", "ABC_WITH_SNOWFLAKE");
}
std::shared_ptr<Dataset> make_snowflake_dataset(TableLocation, std::shared_ptr<SnowflakeEndpoint>) { return nullptr; }
bool has_snowflake_reader() { return false; }
Status add_snowflake_datasets(DatasetSet &, const DestinationContext &) {
    return not_built("Snowflake", "ABC_WITH_SNOWFLAKE");
}
#endif

#if !ABC_WITH_BIGQUERY
class BigQueryEndpoint {};
StatusOr<std::shared_ptr<BigQueryEndpoint>> make_bigquery_endpoint(BigQuerySettings,
                                                                    std::shared_ptr<transport::HttpClient>) {
    return not_built("BigQuery", "ABC_WITH_BIGQUERY");
}
std::shared_ptr<Dataset> make_bigquery_dataset(TableLocation, std::shared_ptr<BigQueryEndpoint>) { return nullptr; }
bool has_bigquery_reader() { return false; }
Status add_bigquery_datasets(DatasetSet &, const DestinationContext &) {
    return not_built("BigQuery", "ABC_WITH_BIGQUERY");
}
#endif

Status reader_not_built(const char *reader, const char *option) { return not_built(reader, option); }

}  // namespace airbyte_cloud::datasets
