// Deterministic stand-in for Airbyte's source-faker: streams users, products, purchases, shaped
// like the real connector's records, every value a pure function of (stream, row index, count, seed).
#pragma once

#include "json.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace emulator {

// JSON-schema-level type of a column; decides the Postgres column type.
enum class ColumnType { integer, number, string, timestamp, object };

struct FakerColumn {
    std::string name;
    ColumnType type;
};

struct FakerStream {
    std::string name;
    std::vector<FakerColumn> columns;
    int64_t average_row_bytes;  // for bytesSynced
};

const std::vector<FakerStream> &faker_streams();
const FakerStream *find_faker_stream(std::string_view name);
// Rows a sync of `stream` emits for a source configured with `count` users. products is fixed
// at 100 rows, as in source-faker ("count does not apply to the products stream").
int64_t faker_row_count(const FakerStream &stream, int64_t count);
// Row `index` (0-based) of the stream.
Json faker_row(const FakerStream &stream, int64_t index, int64_t count, int64_t seed);

// The effective generator settings of a faker source configuration (defaults as in the spec:
// count 1000, seed -1; -1 is taken as seed 0 so that runs stay reproducible).
struct FakerSettings {
    int64_t count = 1000;
    int64_t seed = 0;
};
FakerSettings faker_settings(const cJSON *configuration);

}  // namespace emulator
