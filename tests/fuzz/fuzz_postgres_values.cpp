// PostgreSQL values in text format, as the reader decodes them: the first four bytes pick the
// type OID, the rest is the value.
#include <cstring>

#include "datasets/readers.h"

using namespace airbyte_cloud::datasets;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    if (size < 4)
        return 0;
    unsigned int oid = 0;
    std::memcpy(&oid, data, 4);
    oid %= 4096;  // the built-in types live below 4096; others decode as text
    Cell cell;
    decode_postgres_value(reinterpret_cast<const char *>(data) + 4, static_cast<int>(size - 4),
                          postgres_kind_for_oid(oid), cell);
    if (cell.null)
        __builtin_trap();  // a value (even empty) is never NULL
    return 0;
}
