// PostgreSQL's binary COPY format (COPY ... TO STDOUT (FORMAT binary)) decoded straight into
// cells: the stream's framing (signature, flags, header extension, rows of length-prefixed fields,
// trailer) and the binary send format of each type the reader decodes itself. Pure code without
// libpq, so every byte of it can be unit-tested and fuzzed. The cells hold the same values the
// text protocol gave (dataset.h): numbers stay numbers until their text is asked for, and what
// the text path printed as the server wrote it (years past 9999, BC, infinity) is printed here the
// way the server would have.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "datasets/dataset.h"

namespace airbyte_cloud::datasets {

// The binary forms decoded here. kText covers text, varchar, bpchar, name, json and every column
// the reader asks the server to send as its text output.
enum class PgWire : std::uint8_t {
    kText,
    kJsonb,
    kBoolean,
    kBytea,
    kInt2,
    kInt4,
    kInt8,
    kOid,
    kFloat4,
    kFloat8,
    kNumeric,
    kDate,
    kTime,
    kTimestamp,
    kTimestamptz,
    kUuid,
};

// What the reader knows of a built-in type: its name, the kind of its values and its binary form.
// A type not listed here (or listed with binary = false) is read through its text output (the
// type's output function, as the text protocol sends it) as kText / its listed kind.
struct PgType {
    unsigned int oid;
    const char *name;
    ValueKind kind;
    PgWire wire;
    bool binary;
};
// nullptr for a type not listed.
const PgType *pg_type_for_oid(unsigned int oid);

// One non-NULL field. The message says what is wrong with the bytes; the caller names the column.
Status decode_pg_binary(PgWire wire, std::string_view bytes, Cell &out);

struct PgCopyColumn {
    std::string name;
    std::string type;  // for messages ("bigint")
    PgWire wire = PgWire::kText;
};

// Reads the stream as it arrives, in pieces of any size (libpq hands over one CopyData message at
// a time), in place: a piece must stay valid until the next append(). Copies only the start of a
// row that spans pieces, so memory stays at one row.
class PgCopyParser {
  public:
    enum class Step { kRow, kNeedData, kEnd };

    explicit PgCopyParser(std::vector<PgCopyColumn> columns) : columns_(std::move(columns)) {}

    void append(std::string_view bytes);
    // kRow: `row` holds the next row (one cell per column); kNeedData: append more first; kEnd:
    // the trailer was read. Malformed bytes are a kProtocol error naming what is wrong.
    StatusOr<Step> next(std::vector<Cell> &row);
    // After the server said the stream is over: an error unless it ended with the trailer and
    // nothing after it.
    Status finish() const;

  private:
    StatusOr<Step> read_header();
    StatusOr<bool> row_complete(std::size_t &end) const;

    std::vector<PgCopyColumn> columns_;
    std::string_view data_;  // the last piece, or owned_ when a row spans pieces
    std::size_t at_ = 0;     // first unread byte of data_
    std::string owned_;
    bool header_read_ = false;
    bool ended_ = false;
};

}  // namespace airbyte_cloud::datasets
