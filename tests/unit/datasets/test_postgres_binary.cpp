// Unit tests of the Postgres binary COPY decoder without a server: hand-made streams with every
// type the reader decodes, NULLs, the values' canonical text, JSON and typed views, a stream cut
// into pieces of every size, and malformed streams (each a clear error, never a crash).
#include <csetjmp>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
extern "C" {
#include <cmocka.h>
}

#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "datasets/codec.h"
#include "datasets/dataset.h"
#include "datasets/postgres_binary.h"

using namespace airbyte_cloud;
using namespace airbyte_cloud::datasets;

namespace {

bool contains(const std::string &text, const std::string &part) {
    return text.find(part) != std::string::npos;
}

// Big-endian bytes of an integer.
std::string be(std::uint64_t value, int size) {
    std::string out;
    for (int i = size - 1; i >= 0; --i)
        out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
    return out;
}

std::string float4(float value) {
    std::uint32_t raw = 0;
    std::memcpy(&raw, &value, 4);
    return be(raw, 4);
}

std::string float8(double value) {
    std::uint64_t raw = 0;
    std::memcpy(&raw, &value, 8);
    return be(raw, 8);
}

// numeric_send: ndigits, weight, sign, dscale, base-10000 digits.
std::string numeric(int weight, int sign, int dscale, const std::vector<int> &digits) {
    std::string out = be(digits.size(), 2) + be(static_cast<std::uint16_t>(weight), 2) +
                      be(sign, 2) + be(dscale, 2);
    for (int digit : digits)
        out += be(static_cast<std::uint16_t>(digit), 2);
    return out;
}

const std::string kHeader = std::string("PGCOPY\n\377\r\n\0", 11) + be(0, 4) + be(0, 4);
const std::string kTrailer = be(0xFFFF, 2);

// One row of fields (nullopt: NULL).
std::string row(const std::vector<std::optional<std::string>> &fields) {
    std::string out = be(fields.size(), 2);
    for (const auto &field : fields)
        out += field ? be(field->size(), 4) + *field : be(0xFFFFFFFFu, 4);
    return out;
}

Cell decoded(PgWire wire, const std::string &bytes) {
    Cell cell;
    Status status = decode_pg_binary(wire, bytes, cell);
    if (!status.ok())
        fail_msg("%s", status.message().c_str());
    return cell;
}

std::string text_of(ValueKind kind, const Cell &cell) {
    std::string out;
    append_cell_text(out, kind, cell);
    return out;
}

std::string json_of(ValueKind kind, const Cell &cell) {
    std::string out;
    append_json_value(out, kind, cell);
    return out;
}

std::string error_of(PgWire wire, const std::string &bytes) {
    Cell cell;
    Status status = decode_pg_binary(wire, bytes, cell);
    if (status.ok())
        fail_msg("form %d decoded %zu bytes without an error", static_cast<int>(wire),
                 bytes.size());
    assert_int_equal(static_cast<int>(status.code()), static_cast<int>(StatusCode::kProtocol));
    return status.message();
}

// Runs a whole stream through a parser in pieces of `piece` bytes; the rows, or the error.
Status parse(const std::vector<PgCopyColumn> &columns, const std::string &stream, std::size_t piece,
             std::vector<std::vector<Cell>> &rows) {
    PgCopyParser parser(columns);
    std::size_t at = 0;
    std::vector<Cell> cells;
    for (;;) {
        StatusOr<PgCopyParser::Step> step = parser.next(cells);
        if (!step.ok())
            return step.status();
        if (*step == PgCopyParser::Step::kRow) {
            rows.push_back(cells);
        } else if (at < stream.size()) {
            parser.append(std::string_view(stream).substr(at, piece));
            at += piece;
        } else {
            return parser.finish();
        }
    }
}

std::string parse_error(const std::vector<PgCopyColumn> &columns, const std::string &stream) {
    std::vector<std::vector<Cell>> rows;
    Status status = parse(columns, stream, stream.size(), rows);
    assert_false(status.ok());
    assert_int_equal(static_cast<int>(status.code()), static_cast<int>(StatusCode::kProtocol));
    return status.message();
}

}  // namespace

static void test_integers_floats_and_numerics(void **) {
    assert_int_equal(decoded(PgWire::kInt2, be(0xFFF9, 2)).integer, -7);
    assert_int_equal(decoded(PgWire::kInt4, be(0x80000000u, 4)).integer, INT32_MIN);
    assert_int_equal(decoded(PgWire::kInt8, be(9007199254740993ULL, 8)).integer,
                     9007199254740993LL);
    assert_int_equal(decoded(PgWire::kOid, be(4294967295u, 4)).integer, 4294967295LL);
    assert_string_equal(json_of(ValueKind::kInteger, decoded(PgWire::kInt2, be(0xFFF9, 2))).c_str(),
                        "-7");

    // Floats print as Postgres prints them with extra_float_digits = 3.
    const std::pair<double, const char *> doubles[] = {{0.0, "0"},
                                                       {-0.0, "-0"},
                                                       {0.1, "0.1"},
                                                       {1.0 / 3, "0.3333333333333333"},
                                                       {1e15, "1e+15"},
                                                       {123456789012345.0, "123456789012345"},
                                                       {100.0, "100"},
                                                       {0.0001, "0.0001"},
                                                       {1e-5, "1e-05"},
                                                       {1.5e-7, "1.5e-07"},
                                                       {1e300, "1e+300"},
                                                       {NAN, "NaN"},
                                                       {-INFINITY, "-Infinity"}};
    for (const auto &[value, text] : doubles) {
        assert_string_equal(
            text_of(ValueKind::kFloat, decoded(PgWire::kFloat8, float8(value))).c_str(), text);
    }
    const std::pair<float, const char *> floats[] = {{0.1f, "0.1"},
                                                     {1e6f, "1e+06"},
                                                     {123456.0f, "123456"},
                                                     {1.5f, "1.5"},
                                                     {3.4028235e38f, "3.4028235e+38"}};
    for (const auto &[value, text] : floats) {
        assert_string_equal(
            text_of(ValueKind::kFloat, decoded(PgWire::kFloat4, float4(value))).c_str(), text);
    }
    // A float4 reads as the double its text reads as (0.1, not 0.100000001...), as the text path
    // did.
    assert_true(*cell_double(ValueKind::kFloat, decoded(PgWire::kFloat4, float4(0.1f)), "") == 0.1);
    assert_int_equal(*cell_int64(ValueKind::kFloat, decoded(PgWire::kFloat8, float8(42.0)), ""),
                     42);
    assert_false(cell_int64(ValueKind::kFloat, decoded(PgWire::kFloat8, float8(0.5)), "").ok());
    assert_string_equal(
        json_of(ValueKind::kFloat, decoded(PgWire::kFloat8, float8(INFINITY))).c_str(),
        "\"Infinity\"");
    assert_string_equal(json_of(ValueKind::kFloat, decoded(PgWire::kFloat8, float8(1e20))).c_str(),
                        "1e+20");

    const std::pair<std::string, const char *> numerics[] = {
        {numeric(0, 0, 3, {12, 5000}), "12.500"},
        {numeric(-1, 0x4000, 3, {10}), "-0.001"},
        {numeric(2, 0, 9, {1, 2345, 6789, 0, 0, 1000}), "123456789.000000001"},
        {numeric(-2, 0, 8, {1234}), "0.00001234"},
        {numeric(0, 0, 2, {}), "0.00"},
        {numeric(1, 0, 0, {1}), "10000"},
        {numeric(0, 0xC000, 0, {}), "NaN"},
        {numeric(0, 0xF000, 0, {}), "-Infinity"}};
    for (const auto &[bytes, text] : numerics) {
        assert_string_equal(decoded(PgWire::kNumeric, bytes).text.c_str(), text);
    }
    assert_true(*cell_double(ValueKind::kDecimal,
                             decoded(PgWire::kNumeric, numeric(0, 0, 3, {12, 5000})), "") == 12.5);
    assert_string_equal(
        json_of(ValueKind::kDecimal, decoded(PgWire::kNumeric, numeric(0, 0xC000, 0, {}))).c_str(),
        "\"NaN\"");
}

static void test_text_times_and_others(void **) {
    assert_string_equal(decoded(PgWire::kBoolean, std::string(1, '\1')).text.c_str(), "true");
    assert_string_equal(decoded(PgWire::kBoolean, std::string(1, '\0')).text.c_str(), "false");
    assert_string_equal(decoded(PgWire::kText, "tab\there").text.c_str(), "tab\there");
    assert_string_equal(decoded(PgWire::kJsonb, "\1{\"k\": [1]}").text.c_str(), "{\"k\": [1]}");
    assert_string_equal(decoded(PgWire::kBytea, std::string("\0\xff\x41", 3)).text.c_str(), "AP9B");
    assert_string_equal(
        decoded(PgWire::kUuid,
                std::string("\xa0\xee\xbc\x99\x9c\x0b\x4e\xf8\xbb\x6d\x6b\xb9\xbd\x38\x0a\x11", 16))
            .text.c_str(),
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");

    // Dates: days since 2000-01-01 on the wire; days since 1970 in the cell.
    const Cell leap = decoded(PgWire::kDate, be(8825, 4));  // 2024-02-29
    assert_int_equal(*cell_int64(ValueKind::kDate, leap, ""), 19782);
    assert_string_equal(text_of(ValueKind::kDate, leap).c_str(), "2024-02-29");
    assert_string_equal(json_of(ValueKind::kDate, leap).c_str(), "\"2024-02-29\"");
    assert_string_equal(decoded(PgWire::kDate, be(0x7FFFFFFF, 4)).text.c_str(), "infinity");
    assert_string_equal(decoded(PgWire::kDate, be(0x80000000u, 4)).text.c_str(), "-infinity");
    const auto date_days = [](std::int64_t y, unsigned m, unsigned d) {
        return be(static_cast<std::uint32_t>(days_from_civil(y, m, d) - 10957), 4);
    };
    assert_string_equal(decoded(PgWire::kDate, date_days(10000, 1, 1)).text.c_str(), "10000-01-01");
    assert_string_equal(decoded(PgWire::kDate, date_days(-43, 3, 15)).text.c_str(),
                        "0044-03-15 BC");

    const Cell time = decoded(PgWire::kTime, be(86399250000ULL, 8));
    assert_string_equal(text_of(ValueKind::kTime, time).c_str(), "23:59:59.25");
    assert_int_equal(*cell_int64(ValueKind::kTime, time, ""), 86399250000LL);

    // 2024-02-29 10:34:56.789 UTC, in microseconds since 2000-01-01.
    const std::uint64_t micros = 762518096789000ULL;
    const Cell instant = decoded(PgWire::kTimestamptz, be(micros, 8));
    assert_string_equal(text_of(ValueKind::kTimestamp, instant).c_str(),
                        "2024-02-29T10:34:56.789Z");
    assert_int_equal(*cell_int64(ValueKind::kTimestamp, instant, ""), 1709202896789000LL);
    assert_true(*cell_double(ValueKind::kTimestamp, instant, "") == 1709202896.789);
    assert_string_equal(
        text_of(ValueKind::kDateTime, decoded(PgWire::kTimestamp, be(micros, 8))).c_str(),
        "2024-02-29T10:34:56.789");
    assert_string_equal(decoded(PgWire::kTimestamptz, be(0x7FFFFFFFFFFFFFFFULL, 8)).text.c_str(),
                        "infinity");
    const std::int64_t bc = (days_from_civil(-43, 3, 15) - 10957) * 86400000000LL + 43200500000LL;
    assert_string_equal(
        decoded(PgWire::kTimestamptz, be(static_cast<std::uint64_t>(bc), 8)).text.c_str(),
        "0044-03-15 12:00:00.5+00 BC");
    const std::int64_t far = (days_from_civil(10000, 1, 1) - 10957) * 86400000000LL;
    assert_string_equal(
        decoded(PgWire::kTimestamp, be(static_cast<std::uint64_t>(far), 8)).text.c_str(),
        "10000-01-01 00:00:00");
}

static void test_stream_in_any_pieces(void **) {
    const std::vector<PgCopyColumn> columns = {{"id", "bigint", PgWire::kInt8},
                                               {"name", "text", PgWire::kText},
                                               {"at", "timestamptz", PgWire::kTimestamptz}};
    const std::string stream = std::string("PGCOPY\n\377\r\n\0", 11) + be(0, 4) + be(3, 4) + "ext" +
                               row({be(1, 8), std::string("Ada"), be(0, 8)}) +
                               row({std::nullopt, std::string(""), std::nullopt}) + kTrailer;
    for (std::size_t piece = 1; piece <= stream.size(); ++piece) {
        std::vector<std::vector<Cell>> rows;
        Status status = parse(columns, stream, piece, rows);
        if (!status.ok())
            fail_msg("piece %zu: %s", piece, status.message().c_str());
        assert_int_equal(rows.size(), 2);
        assert_int_equal(rows[0][0].integer, 1);
        assert_string_equal(rows[0][1].text.c_str(), "Ada");
        assert_string_equal(text_of(ValueKind::kTimestamp, rows[0][2]).c_str(),
                            "2000-01-01T00:00:00Z");
        assert_true(rows[1][0].null);
        assert_false(rows[1][1].null);  // an empty string is not NULL
        assert_true(rows[1][2].null);
    }
    std::vector<std::vector<Cell>> rows;
    assert_true(parse(columns, kHeader + kTrailer, 5, rows).ok());  // no rows at all
    assert_int_equal(rows.size(), 0);
}

static void test_malformed_streams(void **) {
    const std::vector<PgCopyColumn> one = {{"id", "bigint", PgWire::kInt8}};
    assert_true(
        contains(parse_error(one, "COPY\n" + kHeader), "does not start with the PGCOPY signature"));
    assert_true(contains(parse_error(one, kHeader.substr(0, 14)), "ended inside its header"));
    assert_true(contains(parse_error(one, kHeader + row({be(1, 8)})), "no trailer"));
    // A field longer than what follows: a truncated stream.
    assert_true(
        contains(parse_error(one, kHeader + be(1, 2) + be(100, 4) + "abc"), "ended inside a row"));
    assert_true(contains(parse_error(one, kHeader + row({be(1, 8), be(2, 8)}) + kTrailer),
                         "a row of 2 fields"));
    assert_true(contains(parse_error(one, kHeader + be(1, 2) + be(0xFFFFFFFEu, 4) + kTrailer),
                         "has length -2"));
    assert_true(
        contains(parse_error(one, kHeader + row({be(1, 4)}) + kTrailer), "column 'id' (bigint)"));
    assert_true(contains(parse_error(one, kHeader + kTrailer + "x"), "1 bytes after the trailer"));
    const std::string with_oids =
        std::string("PGCOPY\n\377\r\n\0", 11) + be(1u << 16, 4) + be(0, 4);
    assert_true(contains(parse_error(one, with_oids + kTrailer), "carry OIDs"));
    const std::string bad_flags =
        std::string("PGCOPY\n\377\r\n\0", 11) + be(1u << 20, 4) + be(0, 4);
    assert_true(contains(parse_error(one, bad_flags + kTrailer), "critical header flags"));

    assert_true(contains(error_of(PgWire::kInt8, be(1, 4)), "a bigint value of 4 bytes"));
    assert_true(contains(error_of(PgWire::kUuid, "short"), "uuid"));
    assert_true(contains(error_of(PgWire::kNumeric, numeric(0, 0, 0, {10000})), "not below 10000"));
    assert_true(contains(error_of(PgWire::kNumeric, numeric(0, 0x1234, 0, {1})), "sign word"));
    assert_true(contains(error_of(PgWire::kNumeric, numeric(0, 0, 0, {1}).substr(0, 9)),
                         "declares 1 digits"));
    assert_true(contains(error_of(PgWire::kNumeric, "abc"), "numeric value of 3 bytes"));
    assert_true(contains(error_of(PgWire::kJsonb, "\2{}"), "jsonb format version 2"));
    assert_true(contains(error_of(PgWire::kJsonb, ""), "empty jsonb"));
    assert_true(contains(error_of(PgWire::kTime, be(86400000001ULL, 8)), "a time of"));
    // The last microsecond before infinity overflows nothing: printed as the server prints it.
    assert_string_equal(decoded(PgWire::kTimestamp, be(0x7FFFFFFFFFFFFFFEULL, 8)).text.c_str(),
                        "294277-01-09 04:00:54.775806");
    assert_true(contains(error_of(static_cast<PgWire>(200), "x"), "no decoder"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integers_floats_and_numerics),
        cmocka_unit_test(test_text_times_and_others),
        cmocka_unit_test(test_stream_in_any_pieces),
        cmocka_unit_test(test_malformed_streams),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
