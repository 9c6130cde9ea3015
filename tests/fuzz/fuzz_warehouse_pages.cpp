// Result pages of the warehouse readers: a Snowflake SQL API v2 page (resultSetMetaData.rowType
// and data) or a BigQuery jobs.getQueryResults page (schema and rows), decoded cell by cell.
#include "datasets/warehouse_values.h"
#include "fuzz_support.h"

using namespace airbyte_cloud;
using namespace airbyte_cloud::datasets;

namespace {

void snowflake_page(json::Value root) {
    auto columns = parse_snowflake_row_type(root.get("resultSetMetaData").get("rowType"));
    if (!columns.ok())
        return;
    json::Value rows = root.get("data");
    for (std::size_t r = 0; r < rows.size(); ++r) {
        json::Value row = rows.at(r);
        for (std::size_t c = 0; c < columns->size() && c < row.size(); ++c) {
            Cell cell;
            (void)decode_snowflake_value((*columns)[c], row.at(c), cell);
        }
    }
}

void bigquery_page(json::Value root) {
    auto fields = parse_bigquery_schema(root.get("schema"));
    if (!fields.ok())
        return;
    for (const BigQueryField &field : *fields)
        (void)bigquery_type_name(field);
    json::Value rows = root.get("rows");
    for (std::size_t r = 0; r < rows.size(); ++r) {
        json::Value cells = rows.at(r).get("f");
        for (std::size_t c = 0; c < fields->size() && c < cells.size(); ++c) {
            Cell cell;
            (void)decode_bigquery_value((*fields)[c], cells.at(c).get("v"), cell);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const fuzz::Input input = fuzz::split(data, size);
    auto document = fuzz::parse(input.rest);
    if (!document.ok())
        return 0;
    if (input.selector % 2 == 0) {
        snowflake_page(document->root());
    } else {
        bigquery_page(document->root());
    }
    return 0;
}
