#include "datasets/dataset.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "datasets/codec.h"

namespace airbyte_cloud::datasets {
namespace {

Status not_convertible(const std::string &what, ValueKind kind, const Cell &cell, const char *target) {
    std::string shown;
    append_cell_text(shown, kind, cell);
    if (shown.size() > 40)
        shown = shown.substr(0, 40) + "...";
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

// A float cell's value as parse_double reads its canonical text: a float4 is widened through its
// shortest digits (0.1f reads as 0.1), as the text it prints as would be.
double cell_real(const Cell &cell) {
    if (cell.form != CellForm::kFloat32 || !std::isfinite(cell.real))
        return cell.real;
    std::string text;
    append_shortest_float(text, cell.real, true);
    return parse_double(text).value_or(cell.real);
}

bool is_number_form(const Cell &cell) {
    return cell.form != CellForm::kText;
}

std::optional<std::int64_t> integral_double(std::optional<double> number) {
    if (number && std::isfinite(*number) && std::floor(*number) == *number &&
        std::fabs(*number) < 9.2e18) {
        return static_cast<std::int64_t>(*number);
    }
    return std::nullopt;
}

double seconds_from_micros(std::int64_t micros) {
    return static_cast<double>(micros / 1000000) + static_cast<double>(micros % 1000000) / 1e6;
}

std::optional<std::int64_t> int64_from_text(ValueKind kind, const std::string &text) {
    switch (kind) {
        case ValueKind::kInteger:
        case ValueKind::kText:
        case ValueKind::kUnknown:
            return parse_int64(text);
        case ValueKind::kDecimal:
            return integral_decimal(text);
        case ValueKind::kFloat:
            return integral_double(parse_double(text));
        case ValueKind::kBoolean:
            return text == "true" ? 1 : 0;
        case ValueKind::kDate:
            return parse_date_days(text);
        case ValueKind::kTime:
            return parse_time_micros(text);
        case ValueKind::kTimestamp:
        case ValueKind::kDateTime:
            return parse_timestamp_micros(text);
        default:
            return std::nullopt;
    }
}

std::optional<double> double_from_text(ValueKind kind, const std::string &text) {
    switch (kind) {
        case ValueKind::kInteger:
        case ValueKind::kDecimal:
        case ValueKind::kFloat:
        case ValueKind::kText:
        case ValueKind::kUnknown:
            return parse_double(text);
        case ValueKind::kBoolean:
            return text == "true" ? 1.0 : 0.0;
        case ValueKind::kTimestamp:
        case ValueKind::kDateTime: {
            const std::optional<std::int64_t> micros = parse_timestamp_micros(text);
            if (micros)
                return seconds_from_micros(*micros);
            return std::nullopt;
        }
        default:
            return std::nullopt;
    }
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

void append_cell_text(std::string &out, ValueKind kind, const Cell &cell) {
    switch (cell.form) {
        case CellForm::kText:
            out += cell.text;
            return;
        case CellForm::kFloat64:
        case CellForm::kFloat32:
            append_shortest_float(out, cell.real, cell.form == CellForm::kFloat32);
            return;
        case CellForm::kInteger:
            break;
    }
    switch (kind) {
        case ValueKind::kDate:
            append_date(out, cell.integer);
            return;
        case ValueKind::kTime:
            append_clock(out, cell.integer / 1000000, cell.integer % 1000000 * 1000);
            return;
        case ValueKind::kTimestamp:
        case ValueKind::kDateTime:
            append_timestamp_micros(out, cell.integer);
            if (kind == ValueKind::kTimestamp)
                out.push_back('Z');
            return;
        default: {
            char buffer[24];
            out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, cell.integer).ptr);
            return;
        }
    }
}

void append_json_value(std::string &out, ValueKind kind, const Cell &cell) {
    if (cell.null) {
        out += "null";
        return;
    }
    if (is_number_form(cell)) {
        const bool quoted = (kind != ValueKind::kInteger && kind != ValueKind::kFloat &&
                             kind != ValueKind::kDecimal) ||
                            (cell.form != CellForm::kInteger && !std::isfinite(cell.real));
        if (quoted)
            out.push_back('"');
        append_cell_text(out, kind, cell);  // digits, dates and "NaN": nothing to escape
        if (quoted)
            out.push_back('"');
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
    if (cell.form == CellForm::kInteger)
        return cell.integer;  // integer, date, time or timestamp: as documented
    const std::optional<std::int64_t> value =
        is_number_form(cell) ? integral_double(cell_real(cell)) : int64_from_text(kind, cell.text);
    if (!value) return not_convertible(what, kind, cell, "a 64-bit integer");
    return *value;
}

StatusOr<double> cell_double(ValueKind kind, const Cell &cell, const std::string &what) {
    if (cell.null) return null_value(what);
    std::optional<double> value;
    if (cell.form == CellForm::kFloat64 || cell.form == CellForm::kFloat32) {
        value = cell_real(cell);
    } else if (cell.form == CellForm::kInteger && kind == ValueKind::kInteger) {
        value = static_cast<double>(cell.integer);
    } else if (cell.form == CellForm::kInteger &&
               (kind == ValueKind::kTimestamp || kind == ValueKind::kDateTime)) {
        value = seconds_from_micros(cell.integer);
    } else if (cell.form == CellForm::kText) {
        value = double_from_text(kind, cell.text);
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

StatusOr<const Cell *> Cursor::text_cell(std::size_t column) const {
    StatusOr<const Cell *> found = cell(column);
    if (!found.ok() || (*found)->null || (*found)->form == CellForm::kText)
        return found;
    Cell &made = row_[column];
    made.text.clear();
    append_cell_text(made.text, columns()[column].kind, made);
    made.form = CellForm::kText;
    return found;
}

StatusOr<const std::string *> Cursor::record_json() {
    if (!has_row_) {
        return InvalidArgument(finished_ ? "the cursor is past the last row"
                                         : "the cursor is not on a row yet: call abc_dataset_cursor_next first");
    }
    if (record_ready_)
        return &record_;
    const std::vector<Column> &all = columns();
    const std::size_t count = std::min(row_.size(), all.size());
    if (record_keys_.size() != count) {
        record_keys_.clear();
        for (std::size_t i = 0; i < count; ++i) {
            std::string key(i == 0 ? "{" : ",");
            append_json_string(key, all[i].name);
            key.push_back(':');
            record_keys_.push_back(std::move(key));
        }
    }
    record_.clear();
    if (count == 0)
        record_.push_back('{');
    for (std::size_t i = 0; i < count; ++i) {
        record_ += record_keys_[i];
        append_json_value(record_, all[i].kind, row_[i]);
    }
    record_.push_back('}');
    record_ready_ = true;
    return &record_;
}

}  // namespace airbyte_cloud::datasets
