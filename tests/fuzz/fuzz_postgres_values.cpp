// PostgreSQL's binary COPY stream as the reader decodes it: the first byte picks how many columns
// there are (1..8), the next one byte each picks a column's binary form, the rest is the stream,
// handed to the parser in pieces whose sizes the data also picks. Every decoded cell must give
// its text and JSON; a malformed stream must end in an error, never a crash.
#include <cstring>
#include <string>
#include <vector>

#include "datasets/dataset.h"
#include "datasets/postgres_binary.h"

using namespace airbyte_cloud::datasets;

namespace {

constexpr int kWireCount = static_cast<int>(PgWire::kUuid) + 1;

ValueKind kind_for(PgWire wire) {
    switch (wire) {
        case PgWire::kInt2:
        case PgWire::kInt4:
        case PgWire::kInt8:
        case PgWire::kOid:
            return ValueKind::kInteger;
        case PgWire::kFloat4:
        case PgWire::kFloat8:
            return ValueKind::kFloat;
        case PgWire::kNumeric:
            return ValueKind::kDecimal;
        case PgWire::kDate:
            return ValueKind::kDate;
        case PgWire::kTime:
            return ValueKind::kTime;
        case PgWire::kTimestamp:
            return ValueKind::kDateTime;
        case PgWire::kTimestamptz:
            return ValueKind::kTimestamp;
        case PgWire::kJsonb:
            return ValueKind::kJson;
        case PgWire::kBoolean:
            return ValueKind::kBoolean;
        case PgWire::kBytea:
            return ValueKind::kBytes;
        default:
            return ValueKind::kText;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    if (size < 2)
        return 0;
    const std::size_t count = 1 + data[0] % 8;
    if (size < 1 + count)
        return 0;
    std::vector<PgCopyColumn> columns;
    for (std::size_t i = 0; i < count; ++i) {
        columns.push_back(PgCopyColumn{"c" + std::to_string(i), "t",
                                       static_cast<PgWire>(data[1 + i] % kWireCount)});
    }
    std::vector<ValueKind> kinds;
    for (const PgCopyColumn &column : columns)
        kinds.push_back(kind_for(column.wire));
    PgCopyParser parser(columns);
    const char *stream = reinterpret_cast<const char *>(data) + 1 + count;
    std::size_t left = size - 1 - count;
    std::vector<Cell> row;
    std::string text;
    for (;;) {
        auto step = parser.next(row);
        if (!step.ok() || *step == PgCopyParser::Step::kEnd)
            break;
        if (*step == PgCopyParser::Step::kRow) {
            for (std::size_t i = 0; i < row.size(); ++i) {
                text.clear();
                append_json_value(text, kinds[i], row[i]);
                if (text.empty())
                    __builtin_trap();  // every value has some JSON, "null" at least
            }
            continue;
        }
        if (left == 0) {
            if (parser.finish().ok())
                __builtin_trap();  // the stream ended without its trailer
            break;
        }
        const std::size_t piece =
            left < 7 ? left : 1 + static_cast<unsigned char>(stream[0]) % left;
        parser.append(std::string_view(stream, piece));
        stream += piece;
        left -= piece;
    }
    return 0;
}
