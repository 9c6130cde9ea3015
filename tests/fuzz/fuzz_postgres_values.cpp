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

// The column kind of each PgWire, in the enum's order.
constexpr ValueKind kKinds[] = {
    ValueKind::kText,    ValueKind::kJson,     ValueKind::kBoolean,  ValueKind::kBytes,
    ValueKind::kInteger, ValueKind::kInteger,  ValueKind::kInteger,  ValueKind::kInteger,
    ValueKind::kFloat,   ValueKind::kFloat,    ValueKind::kDecimal,  ValueKind::kDate,
    ValueKind::kTime,    ValueKind::kDateTime, ValueKind::kTimestamp, ValueKind::kText};
constexpr int kWireCount = static_cast<int>(sizeof kKinds / sizeof kKinds[0]);
static_assert(kWireCount == static_cast<int>(PgWire::kUuid) + 1, "one kind per binary form");

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
        kinds.push_back(kKinds[static_cast<int>(column.wire)]);
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
