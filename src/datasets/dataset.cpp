#include "datasets/dataset.h"

#include <cmath>
#include <limits>

#include "datasets/codec.h"

namespace airbyte_cloud::datasets {
namespace {

Status not_convertible(const std::string &what, ValueKind kind, const Cell &cell, const char *target) {
    std::string shown = cell.text.size() > 40 ? cell.text.substr(0, 40) + "..." : cell.text;
    return InvalidArgument(what + " (" + value_kind_name(kind) + " \"" + shown + "\") cannot be read as " +
                           target);
}

Status null_value(const std::string &what) {
    return InvalidArgument(what + " is NULL in this row (test with abc_dataset_cursor_is_null)");
}

// "123", "-4.000" -> integer when there is no non-zero fraction and no exponent.
std::optional<std::int64_t> integral_decimal(std::string_view text) {
    const std::size_t dot = text.find('.');
    if (dot == std::string_view::npos) return parse_int64(text);
    for (std::size_t i = dot + 1; i < text.size(); ++i) {
        if (text[i] != '0') return std::nullopt;
    }
    return parse_int64(text.substr(0, dot));
}

}  // namespace

Status prefixed(const Status &status, const std::string &what) {
    return Status(status.code(), what + ": " + status.message(), status.detail());
}

const char *value_kind_name(ValueKind kind) {
    switch (kind) {
        case ValueKind::kUnknown: return "unknown";
        case ValueKind::kInteger: return "integer";
        case ValueKind::kDecimal: return "decimal";
        case ValueKind::kFloat: return "float";
        case ValueKind::kBoolean: return "boolean";
        case ValueKind::kText: return "text";
        case ValueKind::kBytes: return "bytes";
        case ValueKind::kDate: return "date";
        case ValueKind::kTime: return "time";
        case ValueKind::kTimestamp: return "timestamp";
        case ValueKind::kDateTime: return "datetime";
        case ValueKind::kJson: return "json";
        case ValueKind::kArray: return "array";
        case ValueKind::kRecord: return "record";
    }
    return "unknown";
}

void append_json_value(std::string &out, ValueKind kind, const Cell &cell) {
    if (cell.null) {
        out += "null";
        return;
    }
    switch (kind) {
        case ValueKind::kInteger:
        case ValueKind::kDecimal:
        case ValueKind::kFloat:
            if (is_json_number(cell.text)) {
                out += cell.text;
            } else {
                append_json_string(out, cell.text);  // NaN, Infinity
            }
            return;
        case ValueKind::kBoolean:
            out += (cell.text == "true" ? "true" : "false");
            return;
        case ValueKind::kJson:
        case ValueKind::kArray:
        case ValueKind::kRecord:
            out += cell.text.empty() ? std::string("null") : cell.text;
            return;
        default:
            append_json_string(out, cell.text);
            return;
    }
}

StatusOr<std::int64_t> cell_int64(ValueKind kind, const Cell &cell, const std::string &what) {
    if (cell.null) return null_value(what);
    std::optional<std::int64_t> value;
    switch (kind) {
        case ValueKind::kInteger:
        case ValueKind::kText:
        case ValueKind::kUnknown:
            value = parse_int64(cell.text);
            break;
        case ValueKind::kDecimal:
            value = integral_decimal(cell.text);
            break;
        case ValueKind::kFloat: {
            std::optional<double> number = parse_double(cell.text);
            if (number && std::isfinite(*number) && std::floor(*number) == *number &&
                std::fabs(*number) < 9.2e18) {
                value = static_cast<std::int64_t>(*number);
            }
            break;
        }
        case ValueKind::kBoolean:
            value = cell.text == "true" ? 1 : 0;
            break;
        case ValueKind::kDate:
            value = parse_date_days(cell.text);
            break;
        case ValueKind::kTime:
            value = parse_time_micros(cell.text);
            break;
        case ValueKind::kTimestamp:
        case ValueKind::kDateTime:
            value = parse_timestamp_micros(cell.text);
            break;
        default:
            break;
    }
    if (!value) return not_convertible(what, kind, cell, "a 64-bit integer");
    return *value;
}

StatusOr<double> cell_double(ValueKind kind, const Cell &cell, const std::string &what) {
    if (cell.null) return null_value(what);
    std::optional<double> value;
    switch (kind) {
        case ValueKind::kInteger:
        case ValueKind::kDecimal:
        case ValueKind::kFloat:
        case ValueKind::kText:
        case ValueKind::kUnknown:
            value = parse_double(cell.text);
            break;
        case ValueKind::kBoolean:
            value = cell.text == "true" ? 1.0 : 0.0;
            break;
        case ValueKind::kTimestamp:
        case ValueKind::kDateTime:
            if (std::optional<std::int64_t> micros = parse_timestamp_micros(cell.text)) {
                value = static_cast<double>(*micros / 1000000) + static_cast<double>(*micros % 1000000) / 1e6;
            }
            break;
        default:
            break;
    }
    if (!value) return not_convertible(what, kind, cell, "a double");
    return *value;
}

Cursor::Cursor(std::unique_ptr<RowSource> source) : source_(std::move(source)) {}

StatusOr<bool> Cursor::next() {
    has_row_ = false;
    record_ready_ = false;
    if (finished_) return false;
    StatusOr<bool> more = source_->next(row_);
    if (!more.ok()) {
        finished_ = true;
        return more.status();
    }
    if (!*more) {
        finished_ = true;
        return false;
    }
    has_row_ = true;
    ++rows_read_;
    return true;
}

std::string Cursor::describe_column(std::size_t column) const {
    const std::vector<Column> &all = columns();
    if (column >= all.size()) return "column " + std::to_string(column);
    return "column " + std::to_string(column) + " '" + all[column].name + "'";
}

StatusOr<const Cell *> Cursor::cell(std::size_t column) const {
    if (!has_row_) {
        return InvalidArgument(finished_ ? "the cursor is past the last row"
                                         : "the cursor is not on a row yet: call abc_dataset_cursor_next first");
    }
    if (column >= row_.size()) {
        return InvalidArgument("column " + std::to_string(column) + " is out of range; the dataset has " +
                               std::to_string(row_.size()) + " columns");
    }
    return &row_[column];
}

StatusOr<const std::string *> Cursor::record_json() {
    if (!has_row_) {
        return InvalidArgument(finished_ ? "the cursor is past the last row"
                                         : "the cursor is not on a row yet: call abc_dataset_cursor_next first");
    }
    if (!record_ready_) {
        const std::vector<Column> &all = columns();
        record_.clear();
        record_.push_back('{');
        for (std::size_t i = 0; i < row_.size() && i < all.size(); ++i) {
            if (i > 0) record_.push_back(',');
            append_json_string(record_, all[i].name);
            record_.push_back(':');
            append_json_value(record_, all[i].kind, row_[i]);
        }
        record_.push_back('}');
        record_ready_ = true;
    }
    return &record_;
}

}  // namespace airbyte_cloud::datasets
