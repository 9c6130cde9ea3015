// Wire value decoding for the two REST warehouses (../shared/specs/WAREHOUSES.md §1.4, §2.4),
// kept apart from the HTTP code so every type can be unit-tested without a server.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "datasets/dataset.h"
#include "json/json.h"

namespace airbyte_cloud::datasets {

// ---- Snowflake SQL API, jsonv2 -------------------------------------------------------------

struct SnowflakeColumn {
    std::string name;
    std::string type;  // as sent ("FIXED", "timestamp_tz"...)
    std::int64_t scale = 0;
    ValueKind kind = ValueKind::kUnknown;
};

// FIXED (scale 0 -> integer, else decimal), REAL/FLOAT/DOUBLE, TEXT, BOOLEAN, DATE, TIME,
// TIMESTAMP_NTZ (datetime), TIMESTAMP_LTZ / TIMESTAMP_TZ (timestamp), BINARY (bytes),
// VARIANT/OBJECT/ARRAY (json); anything else is text. Case-insensitive.
ValueKind snowflake_kind(std::string_view type, std::int64_t scale);
// resultSetMetaData.rowType -> columns.
StatusOr<std::vector<SnowflakeColumn>> parse_snowflake_row_type(json::Value row_type);
// One cell of `data` (a JSON string or null) into canonical text.
Status decode_snowflake_value(const SnowflakeColumn &column, json::Value cell, Cell &out);

// ---- BigQuery REST v2 ----------------------------------------------------------------------

struct BigQueryField {
    std::string name;
    std::string type;  // upper-cased: INT64, INTEGER, NUMERIC, FLOAT64, BOOL, RECORD...
    std::string mode;  // NULLABLE, REQUIRED, REPEATED (upper-cased; "" = NULLABLE)
    std::vector<BigQueryField> fields;  // RECORD / STRUCT members
    bool repeated() const { return mode == "REPEATED"; }
};

// The kind of a field's whole value: REPEATED -> array, RECORD/STRUCT -> record, otherwise by type.
ValueKind bigquery_kind(const BigQueryField &field);
// The kind of one element, ignoring REPEATED.
ValueKind bigquery_scalar_kind(std::string_view type);
// "ARRAY<INT64>", "STRUCT<a INT64, b STRING>", "TIMESTAMP"... for display.
std::string bigquery_type_name(const BigQueryField &field);
// schema.fields -> fields (recursively).
StatusOr<std::vector<BigQueryField>> parse_bigquery_schema(json::Value schema);
// One TableCell's "v" (string, null, array of {"v":...} for REPEATED, {"f":[...]} for RECORD)
// into canonical text. With formatOptions.useInt64Timestamp, TIMESTAMP is epoch microseconds;
// the float-seconds form ("1.7062848E9") is accepted too.
Status decode_bigquery_value(const BigQueryField &field, json::Value v, Cell &out);

}  // namespace airbyte_cloud::datasets
