// Stand-ins for readers switched off at configure time: the library links and the calls say
// which reader is missing and how to get it. (A switched-off reader's endpoint and dataset
// factories are only called from its own *_destination.cpp, which is not built then.)
#include "datasets/destination_readers.h"
#include "datasets/readers.h"

namespace airbyte_cloud::datasets {

Status reader_not_built(const char *reader, const char *option) {
    return Status(StatusCode::kUnsupported, std::string("this build of libairbyte_cloud has no ") + reader +
                                                " reader (configure with -D" + option + "=ON)");
}

#if !ABC_WITH_POSTGRES
bool has_postgres_reader() { return false; }
Status add_postgres_datasets(DatasetSet &, const DestinationContext &) {
    return reader_not_built("Postgres", "ABC_WITH_POSTGRES");
}
#endif

#if !ABC_WITH_SNOWFLAKE
bool has_snowflake_reader() { return false; }
Status add_snowflake_datasets(DatasetSet &, const DestinationContext &) {
    return reader_not_built("Snowflake", "ABC_WITH_SNOWFLAKE");
}
#endif

#if !ABC_WITH_BIGQUERY
bool has_bigquery_reader() { return false; }
Status add_bigquery_datasets(DatasetSet &, const DestinationContext &) {
    return reader_not_built("BigQuery", "ABC_WITH_BIGQUERY");
}
#endif

}  // namespace airbyte_cloud::datasets
