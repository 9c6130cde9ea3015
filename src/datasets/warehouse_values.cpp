#include "datasets/warehouse_values.h"

#include <cmath>
#include <utility>

#include "datasets/codec.h"

namespace airbyte_cloud::datasets {
namespace {

std::string shorten(std::string_view text) {
    return text.size() > 60 ? std::string(text.substr(0, 60)) + "..." : std::string(text);
}

Status bad_value(std::string_view service, std::string_view column, std::string_view type, std::string_view text) {
    return ProtocolError(std::string(service) + " sent a value for column '" + std::string(column) + "' (" +
                         std::string(type) + ") that is not in the documented form: \"" + shorten(text) + "\"");
}

// BigQuery and Snowflake both send each cell as a JSON string or null: null makes `out` NULL, a
// string goes to decode_text(text), anything else is an error naming the column.
template <typename DecodeText>
Status decode_text_cell(std::string_view service, std::string_view column, std::string_view type,
                        json::Value cell, Cell &out, DecodeText &&decode_text) {
    if (cell.is_null()) {
        out.set_null();
        return Status();
    }
    std::optional<std::string> text = cell.string();
    if (!text)
        return bad_value(service, column, type, cell.dump());
    return decode_text(*text);
}

// The "name" and "type" that BigQuery schema fields and Snowflake rowType entries both carry;
// `what` names the entry in errors (the type's error names the column too).
struct ColumnNameAndType {
    std::string name;
    std::string type;
};
StatusOr<ColumnNameAndType> column_name_and_type(json::Value entry, const std::string &what) {
    StatusOr<std::string> name = json::required_string(entry, "name", what);
    if (!name.ok())
        return name.status();
    StatusOr<std::string> type = json::required_string(entry, "type", what + " '" + *name + "'");
    if (!type.ok())
        return type.status();
    return ColumnNameAndType{std::move(*name), std::move(*type)};
}

// Numbers are passed on as the warehouse wrote them once they parse; other kinds are not checked
// here. (Snowflake sends integers as decimal text, like NUMBER.)
bool is_valid_number(ValueKind kind, const std::string &text) {
    switch (kind) {
        case ValueKind::kInteger:
        case ValueKind::kDecimal:
            return is_json_number(text) || parse_double(text).has_value();
        case ValueKind::kFloat:
            return parse_double(text).has_value();
        default:
            return true;
    }
}

// Microseconds since the epoch as (seconds, nanoseconds), the nanoseconds never negative.
std::pair<std::int64_t, std::int64_t> split_micros(std::int64_t micros) {
    std::int64_t seconds = micros / 1000000;
    std::int64_t rest = micros % 1000000;
    if (rest < 0) {
        rest += 1000000;
        seconds -= 1;
    }
    return {seconds, rest * 1000};
}

// ---- Snowflake ----

// "<epoch seconds>[.fraction]" and, for TIMESTAMP_TZ, " <offset minutes + 1440>".
bool decode_snowflake_timestamp(const SnowflakeColumn &column, const std::string &text, Cell &out) {
    std::string_view epoch = text;
    std::int64_t offset_minutes = 0;
    bool has_offset = false;
    const std::size_t space = text.find(' ');
    if (space != std::string::npos) {
        std::optional<std::int64_t> encoded = parse_int64(std::string_view(text).substr(space + 1));
        if (!encoded || *encoded < 0 || *encoded > 2880) return false;
        offset_minutes = *encoded - 1440;
        has_offset = true;
        epoch = std::string_view(text).substr(0, space);
    }
    std::int64_t seconds = 0, nanos = 0;
    if (!parse_epoch_seconds(epoch, seconds, nanos)) return false;
    if (column.kind == ValueKind::kDateTime) {
        out.set(format_timestamp(seconds, nanos, ""));
    } else if (has_offset && offset_minutes != 0) {
        out.set(format_timestamp(seconds + offset_minutes * 60, nanos, format_offset(offset_minutes)));
    } else {
        out.set(format_timestamp(seconds, nanos, "Z"));
    }
    return true;
}

Status decode_snowflake_text(const SnowflakeColumn &column, const std::string &text, Cell &out) {
    auto bad = [&] { return bad_value("Snowflake", column.name, column.type, text); };
    switch (column.kind) {
        case ValueKind::kBoolean: {
            const std::string value = upper_ascii(text);
            if (value == "TRUE" || value == "1") {
                out.set("true");
            } else if (value == "FALSE" || value == "0") {
                out.set("false");
            } else {
                return bad();
            }
            return Status();
        }
        case ValueKind::kDate: {
            std::optional<std::int64_t> days = parse_int64(text);
            if (!days) return bad();
            out.set(format_date(*days));
            return Status();
        }
        case ValueKind::kTime: {
            std::int64_t seconds = 0, nanos = 0;
            if (!parse_epoch_seconds(text, seconds, nanos) || seconds < 0 || seconds > 86400) return bad();
            out.set(format_time_of_day(seconds * 1000000000 + nanos));
            return Status();
        }
        case ValueKind::kDateTime:
        case ValueKind::kTimestamp:
            return decode_snowflake_timestamp(column, text, out) ? Status() : bad();
        case ValueKind::kBytes: {
            std::optional<std::string> bytes = hex_decode(text);
            if (!bytes) return bad();
            out.set(base64_encode(*bytes));
            return Status();
        }
        default:
            if (!is_valid_number(column.kind, text)) return bad();
            out.set(text);
            return Status();
    }
}

// ---- BigQuery ----

// formatOptions.useInt64Timestamp=true gives microseconds since the epoch; the default form is
// float seconds, often in scientific notation.
std::optional<std::int64_t> bigquery_timestamp_micros(const std::string &text) {
    if (std::optional<std::int64_t> micros = parse_int64(text)) return micros;
    std::optional<double> seconds = parse_double(text);
    if (!seconds || !std::isfinite(*seconds)) return std::nullopt;
    return static_cast<std::int64_t>(std::llround(*seconds * 1e6));
}

Status decode_bigquery_text(const BigQueryField &field, const std::string &text, Cell &out) {
    auto bad = [&] { return bad_value("BigQuery", field.name, field.type, text); };
    // Kinds whose text is passed on as BigQuery wrote it once it parses.
    auto pass_on_if = [&](bool parses) {
        if (!parses)
            return bad();
        out.set(text);
        return Status();
    };
    const ValueKind kind = bigquery_scalar_kind(field.type);
    switch (kind) {
        case ValueKind::kInteger:
            return pass_on_if(parse_int64(text).has_value());
        case ValueKind::kBoolean: {
            const std::string value = upper_ascii(text);
            if (value != "TRUE" && value != "FALSE")
                return bad();
            out.set(value == "TRUE" ? "true" : "false");
            return Status();
        }
        case ValueKind::kBytes: {
            std::optional<std::string> bytes = base64_decode(text);
            if (!bytes)
                return bad();
            out.set(base64_encode(*bytes));
            return Status();
        }
        case ValueKind::kDate:
            return pass_on_if(parse_date_days(text).has_value());
        case ValueKind::kTime:
            return pass_on_if(parse_time_micros(text).has_value());
        case ValueKind::kDateTime: {
            std::string value = text;
            if (value.size() > 10 && value[10] == ' ')
                value[10] = 'T';
            if (!parse_timestamp_micros(value))
                return bad();
            out.set(value);
            return Status();
        }
        case ValueKind::kTimestamp: {
            std::optional<std::int64_t> micros = bigquery_timestamp_micros(text);
            if (!micros)
                return bad();
            const auto [seconds, nanos] = split_micros(*micros);
            out.set(format_timestamp(seconds, nanos, "Z"));
            return Status();
        }
        default:
            return pass_on_if(is_valid_number(kind, text));
    }
}

Status decode_bigquery_scalar(const BigQueryField &field, json::Value v, Cell &out) {
    return decode_text_cell(
        "BigQuery", field.name, field.type, v, out,
        [&](const std::string &text) { return decode_bigquery_text(field, text, out); });
}

// Appends the JSON of value `v` of `field` (ignoring REPEATED when `element`).
Status append_bigquery_json(std::string &out, const BigQueryField &field, json::Value v, bool element) {
    if (v.is_null()) {
        out += "null";
        return Status();
    }
    if (field.repeated() && !element) {
        if (!v.is_array()) return bad_value("BigQuery", field.name, "REPEATED " + field.type, v.dump());
        out.push_back('[');
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i > 0) out.push_back(',');
            ABC_RETURN_STATUS(append_bigquery_json(out, field, v.at(i).get("v"), true));
        }
        out.push_back(']');
        return Status();
    }
    const std::string type = upper_ascii(field.type);
    if (type == "RECORD" || type == "STRUCT") {
        const json::Value cells = v.get("f");
        if (!v.is_object() || !cells.is_array() || cells.size() != field.fields.size()) {
            return bad_value("BigQuery", field.name, type, v.dump());
        }
        out.push_back('{');
        for (std::size_t i = 0; i < field.fields.size(); ++i) {
            if (i > 0) out.push_back(',');
            append_json_string(out, field.fields[i].name);
            out.push_back(':');
            ABC_RETURN_STATUS(append_bigquery_json(out, field.fields[i], cells.at(i).get("v"), false));
        }
        out.push_back('}');
        return Status();
    }
    Cell cell;
    ABC_RETURN_STATUS(decode_bigquery_scalar(field, v, cell));
    append_json_value(out, bigquery_scalar_kind(field.type), cell);
    return Status();
}

StatusOr<BigQueryField> parse_field(json::Value object, int depth) {
    if (depth > 15) return ProtocolError("BigQuery schema: RECORD fields nested deeper than 15 levels");
    if (!object.is_object()) return ProtocolError("BigQuery schema: a field is not a JSON object");
    BigQueryField field;
    StatusOr<ColumnNameAndType> named = column_name_and_type(object, "BigQuery schema field");
    if (!named.ok())
        return named.status();
    field.name = std::move(named->name);
    field.type = upper_ascii(named->type);
    field.mode = upper_ascii(json::optional_string(object, "mode"));
    const json::Value children = object.get("fields");
    for (std::size_t i = 0; i < children.size(); ++i) {
        StatusOr<BigQueryField> child = parse_field(children.at(i), depth + 1);
        if (!child.ok()) return child.status();
        field.fields.push_back(std::move(*child));
    }
    return field;
}

}  // namespace

ValueKind snowflake_kind(std::string_view type, std::int64_t scale) {
    const std::string name = upper_ascii(type);
    if (name == "FIXED" || name == "NUMBER" || name == "DECIMAL" || name == "NUMERIC" || name == "INT" ||
        name == "INTEGER" || name == "BIGINT") {
        return scale == 0 ? ValueKind::kInteger : ValueKind::kDecimal;
    }
    if (name == "REAL" || name == "FLOAT" || name == "DOUBLE") return ValueKind::kFloat;
    if (name == "BOOLEAN") return ValueKind::kBoolean;
    if (name == "DATE") return ValueKind::kDate;
    if (name == "TIME") return ValueKind::kTime;
    if (name == "TIMESTAMP_NTZ" || name == "DATETIME") return ValueKind::kDateTime;
    if (name == "TIMESTAMP_LTZ" || name == "TIMESTAMP_TZ" || name == "TIMESTAMP") return ValueKind::kTimestamp;
    if (name == "BINARY" || name == "VARBINARY") return ValueKind::kBytes;
    if (name == "VARIANT" || name == "OBJECT" || name == "ARRAY") return ValueKind::kJson;
    return ValueKind::kText;
}

StatusOr<std::vector<SnowflakeColumn>> parse_snowflake_row_type(json::Value row_type) {
    if (!row_type.is_array()) return ProtocolError("Snowflake result: resultSetMetaData.rowType is not an array");
    std::vector<SnowflakeColumn> columns;
    columns.reserve(row_type.size());
    for (std::size_t i = 0; i < row_type.size(); ++i) {
        const json::Value entry = row_type.at(i);
        SnowflakeColumn column;
        StatusOr<ColumnNameAndType> named = column_name_and_type(entry, "Snowflake rowType entry");
        if (!named.ok())
            return named.status();
        column.name = std::move(named->name);
        column.type = std::move(named->type);
        column.scale = entry.get("scale").int64().value_or(0);
        column.kind = snowflake_kind(column.type, column.scale);
        columns.push_back(std::move(column));
    }
    return columns;
}

Status decode_snowflake_value(const SnowflakeColumn &column, json::Value cell, Cell &out) {
    return decode_text_cell(
        "Snowflake", column.name, column.type, cell, out,
        [&](const std::string &text) { return decode_snowflake_text(column, text, out); });
}

ValueKind bigquery_scalar_kind(std::string_view type) {
    const std::string name = upper_ascii(type);
    if (name == "INT64" || name == "INTEGER") return ValueKind::kInteger;
    if (name == "NUMERIC" || name == "BIGNUMERIC" || name == "DECIMAL" || name == "BIGDECIMAL") return ValueKind::kDecimal;
    if (name == "FLOAT64" || name == "FLOAT") return ValueKind::kFloat;
    if (name == "BOOL" || name == "BOOLEAN") return ValueKind::kBoolean;
    if (name == "BYTES") return ValueKind::kBytes;
    if (name == "DATE") return ValueKind::kDate;
    if (name == "TIME") return ValueKind::kTime;
    if (name == "DATETIME") return ValueKind::kDateTime;
    if (name == "TIMESTAMP") return ValueKind::kTimestamp;
    if (name == "JSON") return ValueKind::kJson;
    if (name == "RECORD" || name == "STRUCT") return ValueKind::kRecord;
    return ValueKind::kText;  // STRING, GEOGRAPHY, INTERVAL, RANGE
}

ValueKind bigquery_kind(const BigQueryField &field) {
    if (field.repeated()) return ValueKind::kArray;
    return bigquery_scalar_kind(field.type);
}

std::string bigquery_type_name(const BigQueryField &field) {
    std::string name = field.type;
    if (name == "RECORD" || name == "STRUCT") {
        name = "STRUCT<";
        for (std::size_t i = 0; i < field.fields.size(); ++i) {
            if (i > 0) name += ", ";
            name += field.fields[i].name + " " + bigquery_type_name(field.fields[i]);
        }
        name += ">";
    }
    return field.repeated() ? "ARRAY<" + name + ">" : name;
}

StatusOr<std::vector<BigQueryField>> parse_bigquery_schema(json::Value schema) {
    const json::Value fields = schema.get("fields");
    if (!fields.is_array()) return ProtocolError("BigQuery result: schema.fields is missing or not an array");
    std::vector<BigQueryField> out;
    out.reserve(fields.size());
    for (std::size_t i = 0; i < fields.size(); ++i) {
        StatusOr<BigQueryField> field = parse_field(fields.at(i), 0);
        if (!field.ok()) return field.status();
        out.push_back(std::move(*field));
    }
    return out;
}

Status decode_bigquery_value(const BigQueryField &field, json::Value v, Cell &out) {
    const ValueKind kind = bigquery_kind(field);
    if (kind == ValueKind::kArray || kind == ValueKind::kRecord) {
        if (v.is_null()) {
            out.set_null();
            return Status();
        }
        std::string text;
        ABC_RETURN_STATUS(append_bigquery_json(text, field, v, false));
        out.null = false;
        out.text = std::move(text);
        return Status();
    }
    return decode_bigquery_scalar(field, v, out);
}

}  // namespace airbyte_cloud::datasets
