// The shape every reader fills in: a Dataset (one stream's table in one destination) with its
// columns, row count and a streaming row source; a Cursor over that source that keeps exactly one
// row in memory and turns it into JSON text or typed values on demand.
//
// Values travel as canonical text per column kind, whatever the warehouse sent:
//   integer, decimal, float  decimal text ("42", "12.340", "1.5e-07", "NaN", "Infinity")
//   boolean                  "true" / "false"
//   text                     as stored
//   bytes                    standard base64
//   date                     "YYYY-MM-DD"
//   time                     "HH:MM:SS[.fraction]"
//   timestamp                "YYYY-MM-DDTHH:MM:SS[.fraction]Z" (an instant; "+HH:MM" when the
//                            warehouse kept an offset)
//   datetime                 "YYYY-MM-DDTHH:MM:SS[.fraction]" (wall clock, no zone)
//   json, array, record      JSON text
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

// Early return of a failed Status inside the datasets layer.
#define ABC_RETURN_STATUS(expression)                                   \
    do {                                                                \
        ::airbyte_cloud::Status _abc_dataset_status = (expression);     \
        if (!_abc_dataset_status.ok()) return _abc_dataset_status;      \
    } while (0)

namespace airbyte_cloud::datasets {

// Same values as the public abc_value_type.
enum class ValueKind : int {
    kUnknown = 0,
    kInteger = 1,
    kDecimal = 2,
    kFloat = 3,
    kBoolean = 4,
    kText = 5,
    kBytes = 6,
    kDate = 7,
    kTime = 8,
    kTimestamp = 9,
    kDateTime = 10,
    kJson = 11,
    kArray = 12,
    kRecord = 13,
};

const char *value_kind_name(ValueKind kind);

// `status` with "<what>: " in front of its message; same code and detail.
Status prefixed(const Status &status, const std::string &what);

struct Column {
    std::string name;
    std::string native_type;  // as the warehouse names it: "bigint", "FIXED", "INT64"...
    ValueKind kind = ValueKind::kUnknown;
};

// How a cell holds its value. Text readers fill `text` (kText). The binary Postgres reader keeps
// numbers as numbers and leaves `text` to be made on first use (Cursor::text_cell), so a typed
// read never formats: `integer` is the value for an integer column, days since 1970-01-01 for a
// date, microseconds since midnight for a time and since the epoch for a timestamp/datetime;
// `real` is a float column's value (kFloat32: a float4, printed with float4's shortest digits).
enum class CellForm : std::uint8_t { kText, kInteger, kFloat64, kFloat32 };

struct Cell {
    bool null = true;
    CellForm form = CellForm::kText;
    std::int64_t integer = 0;
    double real = 0;
    std::string text;  // canonical text (see above) when form is kText; empty when null
    void set_null() {
        null = true;
        form = CellForm::kText;
        text.clear();
    }
    void set(std::string_view value) {
        null = false;
        form = CellForm::kText;
        text.assign(value.data(), value.size());
    }
    void set_integer(std::int64_t value) {
        null = false;
        form = CellForm::kInteger;
        integer = value;
    }
    void set_real(double value, CellForm precision) {
        null = false;
        form = precision;
        real = value;
    }
};

// Where a stream's rows are: coordinates a user can also give to their own SQL client.
struct TableLocation {
    std::string stream;            // the stream name as the connection lists it
    std::string destination_type;  // "postgres", "snowflake", "bigquery"
    std::string database;          // Postgres/Snowflake database; BigQuery project
    std::string schema;            // Postgres/Snowflake schema; BigQuery dataset
    std::string table;             // normalised table name
    std::string qualified_name;    // quoted for SQL in the destination's dialect
    std::string connection_uri;    // without password
};

// Produces rows one at a time. Implementations keep at most one page / batch / partition.
class RowSource {
public:
    virtual ~RowSource() = default;
    virtual const std::vector<Column> &columns() const = 0;
    // Fills `row` (resized to the column count) and returns true, or returns false at the end.
    virtual StatusOr<bool> next(std::vector<Cell> &row) = 0;
};

class Dataset {
public:
    explicit Dataset(TableLocation location) : location_(std::move(location)) {}
    virtual ~Dataset() = default;
    const TableLocation &location() const { return location_; }

    // Several handles may share one Dataset and be used from different threads: the metadata
    // calls are serialised here; open() needs no lock (each read is independent).

    // The table's columns in table order: queried on first use, then cached here (the pointer
    // stays valid as long as the dataset).
    StatusOr<const std::vector<Column> *> columns() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!columns_) {
            StatusOr<std::vector<Column>> loaded = load_columns();
            if (!loaded.ok()) return loaded.status();
            columns_ = std::move(*loaded);
        }
        return &*columns_;
    }
    // SELECT COUNT(*) now.
    StatusOr<std::int64_t> row_count() {
        std::lock_guard<std::mutex> lock(mutex_);
        return count_rows();
    }
    // Starts reading every row (SELECT * in table order); each call is an independent read.
    StatusOr<std::unique_ptr<RowSource>> open() { return open_rows(); }

protected:
    // Called with the lock held.
    virtual StatusOr<std::vector<Column>> load_columns() = 0;
    virtual StatusOr<std::int64_t> count_rows() = 0;
    // Called without the lock: must not touch state shared with the calls above.
    virtual StatusOr<std::unique_ptr<RowSource>> open_rows() = 0;

private:
    TableLocation location_;
    std::mutex mutex_;
    std::optional<std::vector<Column>> columns_;
};

// Builds the JSON text of one value of `kind` from its canonical text into `out`: numbers stay
// numbers (NaN and infinities become strings), booleans booleans, JSON/array/record are embedded,
// the rest are strings.
void append_json_value(std::string &out, ValueKind kind, const Cell &cell);
// Appends the canonical text of a non-NULL cell, made from its number when it holds one.
void append_cell_text(std::string &out, ValueKind kind, const Cell &cell);

// Typed views of a canonical value. `what` names the value in messages ("column 3 'age'").
//  int64:  integer; boolean (0/1); decimal/float with no fractional part; text of an integer;
//          date (days since 1970-01-01); time (microseconds since midnight);
//          timestamp/datetime (microseconds since the epoch, datetime read as UTC).
//  double: integer, decimal, float, boolean, numeric text; timestamp/datetime (seconds since the
//          epoch, with fraction).
// A NULL cell, or a value these rules do not cover, is kInvalidArgument; its message starts with
// `what` (so a caller may pass "" and put the name in front only when the read fails).
StatusOr<std::int64_t> cell_int64(ValueKind kind, const Cell &cell, const std::string &what);
StatusOr<double> cell_double(ValueKind kind, const Cell &cell, const std::string &what);

// Reads a RowSource one row at a time.
class Cursor {
public:
    explicit Cursor(std::unique_ptr<RowSource> source);

    const std::vector<Column> &columns() const { return source_->columns(); }
    // Advances; false at the end (and from then on).
    StatusOr<bool> next();
    bool has_row() const { return has_row_; }
    std::int64_t rows_read() const { return rows_read_; }

    // Valid while positioned on a row; checks the index.
    StatusOr<const Cell *> cell(std::size_t column) const;
    // The same without a Status (nullptr: not on a row, or no such column), for the accessors'
    // per-value fast path.
    const Cell *current(std::size_t column) const {
        return has_row_ && column < row_.size() ? &row_[column] : nullptr;
    }
    // The same cell with its canonical text made (a cached conversion, hence const).
    StatusOr<const Cell *> text_cell(std::size_t column) const;
    // The current row as a JSON object {"column": value, ...} in column order; valid until next().
    StatusOr<const std::string *> record_json();

    std::string describe_column(std::size_t column) const;

private:
    std::unique_ptr<RowSource> source_;
    mutable std::vector<Cell> row_;         // mutable: text_cell() fills in text on first use
    std::vector<std::string> record_keys_;  // '{"name":' then ',"name":' ... made once
    std::string record_;
    bool record_ready_ = false;
    bool has_row_ = false;
    bool finished_ = false;
    std::int64_t rows_read_ = 0;
};

}  // namespace airbyte_cloud::datasets
