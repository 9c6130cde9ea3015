// abc_dataset_*: reading synced data back. The handles wrap the datasets layer; a set, its
// datasets and their cursors share what they need through shared pointers, so each can be freed
// on its own and in any order.
#include <limits>

#include "abi/handles.h"
#include "datasets/dataset.h"
#include "datasets/dataset_set.h"

using namespace airbyte_cloud;

struct abc_dataset_options {
    datasets::DatasetOptions impl;
};

struct abc_dataset_set {
    datasets::DatasetSet impl;
};

struct abc_dataset {
    std::string stream;
    std::shared_ptr<datasets::Dataset> impl;
};

struct abc_dataset_cursor {
    std::shared_ptr<datasets::Dataset> dataset;  // keeps the endpoint alive
    datasets::Cursor impl;
};

namespace {

static_assert(static_cast<int>(datasets::ValueKind::kRecord) == ABC_VALUE_RECORD, "value types diverged");
static_assert(static_cast<int>(datasets::ValueKind::kTimestamp) == ABC_VALUE_TIMESTAMP, "value types diverged");
static_assert(static_cast<int>(datasets::Secret::kSslClientKeyPassword) == ABC_DATASET_SECRET_SSL_CLIENT_KEY_PASSWORD,
              "secrets diverged");
static_assert(static_cast<int>(datasets::Secret::kPassword) == ABC_DATASET_SECRET_PASSWORD, "secrets diverged");

Status require_secret(int secret, const char *fn) {
    return abi::require_range(secret, 1, datasets::kSecretCount, fn, "secret");
}


abc_status set_secret(abc_dataset_options *options, abc_dataset_secret secret, const char *text,
                      datasets::SecretSource::Kind kind, const char *fn, const char *argument, abc_error **error) {
    return abi::set_option(options, fn, error, [&](abc_dataset_options &o) -> Status {
        const int which = abi::enum_argument(secret);
        ABC_RETURN_IF_ERROR(require_secret(which, fn));
        ABC_RETURN_IF_ERROR(abi::require_text(text, fn, argument));
        o.impl.secrets[static_cast<std::size_t>(which)] = {kind, text};
        return Status();
    });
}

abc_status set_url(abc_dataset_options *options, const char *url, std::string datasets::DatasetOptions::*field,
                   const char *fn, abc_error **error) {
    return abi::set_option(options, fn, error, [&](abc_dataset_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_http_url(url, fn, "url"));
        o.impl.*field = url;
        return Status();
    });
}

Status index_in_range(std::size_t index, std::size_t count, const char *fn, const char *argument, const char *what) {
    if (index < count) return Status();
    return InvalidArgument(std::string(fn) + ": " + argument + " " + std::to_string(index) +
                           " is out of range; there are " + std::to_string(count) + " " + what);
}

// Shared shape of the column getters: check, read the (cached) columns, check the index.
template <typename Out, typename Read>
abc_status read_column(Out *out, abc_dataset *dataset, std::size_t column, const char *fn, abc_error **error,
                       Read &&read) {
    return abi::with_out(out, dataset, "dataset", fn, error, [&](abc_dataset &d, Out &value) -> Status {
        auto columns = d.impl->columns();
        if (!columns.ok()) return columns.status();
        ABC_RETURN_IF_ERROR(index_in_range(column, (*columns)->size(), fn, "column", "columns"));
        read((**columns)[column], value);
        return Status();
    });
}

// The cell of the current row (with its text made when `text` is set), with the function's name
// in the message.
StatusOr<const datasets::Cell *> current_cell(const abc_dataset_cursor *cursor, std::size_t column,
                                              const char *fn, bool text = false) {
    auto cell = text ? cursor->impl.text_cell(column) : cursor->impl.cell(column);
    if (!cell.ok()) return Status(cell.status().code(), std::string(fn) + ": " + cell.status().message());
    return cell;
}

datasets::ValueKind column_kind(const abc_dataset_cursor *cursor, std::size_t column) {
    const auto &columns = cursor->impl.columns();
    return column < columns.size() ? columns[column].kind : datasets::ValueKind::kUnknown;
}

// The shape every typed cell accessor shares: reset the out value, check the arguments, find the
// current row's cell, convert it.
template <typename Out, typename Convert>
abc_status read_cell(Out *out, const abc_dataset_cursor *cursor, std::size_t column, const char *fn,
                     abc_error **error, Convert &&convert, bool text = false) {
    return abi::with_out(out, cursor, "cursor", fn, error,
                         [&](const abc_dataset_cursor &c, Out &value) -> Status {
                             auto cell = current_cell(&c, column, fn, text);
                             if (!cell.ok())
                                 return cell.status();
                             return convert(**cell, value);
                         });
}

// The accessors' fast path, taken once per value: the current row's cell when every argument is
// fine (then *error is cleared, as the checked path would), else nullptr and the checked path runs
// and reports what is wrong. It builds no Status: a typed read of a million rows makes millions
// of these calls.
template <typename Out>
const datasets::Cell *ready_cell(Out *out, const abc_dataset_cursor *cursor, std::size_t column,
                                 abc_error **error) {
    if (out == nullptr || cursor == nullptr)
        return nullptr;
    const datasets::Cell *cell = cursor->impl.current(column);
    if (cell != nullptr && error != nullptr)
        *error = nullptr;
    return cell;
}

// A typed accessor: `convert(kind, cell, what)` with the function and column in its messages.
template <typename Out, typename Convert>
abc_status read_converted(Out *out, const abc_dataset_cursor *cursor, std::size_t column, const char *fn,
                          abc_error **error, Convert &&convert) {
    static const std::string
        kUnnamed;  // the value is named only when the read fails (no string per call)
    const datasets::Cell *ready = ready_cell(out, cursor, column, error);
    if (ready != nullptr && !ready->null) {
        try {  // nothing may leave the ABI as an exception; the checked path below reports it
            auto converted = convert(column_kind(cursor, column), *ready, kUnnamed);
            if (converted.ok()) {
                *out = *converted;
                return ABC_OK;
            }
        } catch (...) {
        }
    }
    return read_cell(
        out, cursor, column, fn, error, [&](const datasets::Cell &cell, Out &value) -> Status {
            auto converted = convert(column_kind(cursor, column), cell, kUnnamed);
            if (converted.ok())
                return abi::assign(value, std::move(converted));
            const Status &failed = converted.status();
            return Status(
                failed.code(),
                std::string(fn) + ": " + cursor->impl.describe_column(column) + failed.message(),
                failed.detail());
        });
}

// A field of a dataset's location, borrowed until the dataset handle is freed ("" for NULL).
const char *location_text(const abc_dataset *dataset, std::string datasets::TableLocation::*field) {
    return dataset != nullptr ? (dataset->impl->location().*field).c_str() : "";
}

// Resolves the datasets of `connection_id` into *out; NULL options mean the defaults.
Status resolve_dataset_set(abc_dataset_set **out, const domain::Workspace &workspace,
                           const std::string &connection_id, const abc_dataset_options *options) {
    static const datasets::DatasetOptions defaults;
    auto set = datasets::resolve_datasets(workspace, connection_id,
                                          options != nullptr ? options->impl : defaults);
    if (!set.ok())
        return set.status();
    *out = new abc_dataset_set{std::move(*set)};
    return Status();
}

}  // namespace

extern "C" {

ABC_API const char *abc_value_type_name(abc_value_type type) {
    return datasets::value_kind_name(static_cast<datasets::ValueKind>(abi::enum_argument(type)));
}

/* ---- options ---- */

ABC_API abc_status abc_dataset_options_new(abc_dataset_options **out, abc_error **error) {
    return abi::make_handle(out, __func__, error, [] { return new abc_dataset_options{}; });
}

ABC_API void abc_dataset_options_free(abc_dataset_options *options) { delete options; }

ABC_API abc_status abc_dataset_options_set_secret(abc_dataset_options *options, abc_dataset_secret secret,
                                                  const char *value, abc_error **error) {
    return set_secret(options, secret, value, datasets::SecretSource::Kind::kValue, "abc_dataset_options_set_secret",
                      "value", error);
}

ABC_API abc_status abc_dataset_options_set_secret_env(abc_dataset_options *options, abc_dataset_secret secret,
                                                      const char *variable, abc_error **error) {
    return set_secret(options, secret, variable, datasets::SecretSource::Kind::kEnvironment,
                      "abc_dataset_options_set_secret_env", "variable", error);
}

ABC_API abc_status abc_dataset_options_set_secret_file(abc_dataset_options *options, abc_dataset_secret secret,
                                                       const char *path, abc_error **error) {
    return set_secret(options, secret, path, datasets::SecretSource::Kind::kFile,
                      "abc_dataset_options_set_secret_file", "path", error);
}

ABC_API abc_status abc_dataset_options_set_snowflake_url(abc_dataset_options *options, const char *url,
                                                         abc_error **error) {
    return set_url(options, url, &datasets::DatasetOptions::snowflake_url, "abc_dataset_options_set_snowflake_url",
                   error);
}

ABC_API abc_status abc_dataset_options_set_bigquery_url(abc_dataset_options *options, const char *url,
                                                        abc_error **error) {
    return set_url(options, url, &datasets::DatasetOptions::bigquery_url, "abc_dataset_options_set_bigquery_url",
                   error);
}

ABC_API abc_status abc_dataset_options_set_token_url(abc_dataset_options *options, const char *url,
                                                     abc_error **error) {
    return set_url(options, url, &datasets::DatasetOptions::token_uri, "abc_dataset_options_set_token_url", error);
}

ABC_API abc_status abc_dataset_options_set_page_size(abc_dataset_options *options, int64_t rows, abc_error **error) {
    return abi::set_number(options, rows, 1, 1000000, __func__, "rows", error,
                           [](abc_dataset_options &o, std::int64_t value) { o.impl.page_rows = value; });
}

ABC_API abc_status abc_dataset_options_set_query_timeout_ms(abc_dataset_options *options, int64_t timeout_ms,
                                                            abc_error **error) {
    return abi::set_number(options, timeout_ms, 1000, 604800000, __func__, "timeout_ms", error,
                           [](abc_dataset_options &o, std::int64_t ms) {
                               o.impl.query_timeout = std::chrono::milliseconds(ms);
                           });
}

ABC_API abc_status abc_dataset_options_set_poll_interval(abc_dataset_options *options, int64_t initial_ms,
                                                         int64_t max_ms, abc_error **error) {
    const char *fn = __func__;
    return abi::set_option(options, fn, error, [&](abc_dataset_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(initial_ms, 1, 60000, fn, "initial_ms"));
        ABC_RETURN_IF_ERROR(abi::require_range(max_ms, initial_ms, 60000, fn, "max_ms"));
        o.impl.poll_initial = std::chrono::milliseconds(initial_ms);
        o.impl.poll_max = std::chrono::milliseconds(max_ms);
        return Status();
    });
}

/* ---- sets ---- */

ABC_API abc_status abc_connection_datasets(abc_dataset_set **out, abc_connection *connection,
                                           const abc_dataset_options *options, abc_error **error) {
    return abi::with_out(out, connection, "connection", __func__, error,
                         [&](abc_connection &c, abc_dataset_set *&set) {
                             return resolve_dataset_set(&set, *c.impl.workspace(), c.impl.id(),
                                                        options);
                         });
}

ABC_API abc_status abc_job_datasets(abc_dataset_set **out, abc_job *job, const abc_dataset_options *options,
                                    abc_error **error) {
    const char *fn = "abc_job_datasets";
    return abi::with_out(
        out, job, "job", fn, error, [&](abc_job &j, abc_dataset_set *&set) -> Status {
            if (j.info.connection_id.empty()) {
                return InvalidArgument(std::string(fn) + ": the job has no connection id");
            }
            return resolve_dataset_set(&set, *j.workspace, j.info.connection_id, options);
        });
}

ABC_API void abc_dataset_set_free(abc_dataset_set *set) { delete set; }

ABC_COUNT_GETTER(abc_dataset_set_count, abc_dataset_set, impl.streams)

ABC_API const char *abc_dataset_set_stream_name(const abc_dataset_set *set, size_t index) {
    if (set == nullptr || index >= set->impl.streams.size()) return "";
    return set->impl.streams[index].stream.c_str();
}

ABC_API abc_status abc_dataset_set_get(abc_dataset **out, const abc_dataset_set *set, const char *stream_name,
                                       abc_error **error) {
    const char *fn = "abc_dataset_set_get";
    return abi::with_out(
        out, set, "set", fn, error, [&](const abc_dataset_set &s, abc_dataset *&dataset) -> Status {
            ABC_RETURN_IF_ERROR(abi::require_text(stream_name, fn, "stream_name"));
            for (const datasets::StreamDataset &stream : s.impl.streams) {
                if (stream.stream == stream_name) {
                    dataset = new abc_dataset{stream.stream, stream.dataset};
                    return Status();
                }
            }
            std::string names;
            for (const datasets::StreamDataset &stream : s.impl.streams) {
                names += (names.empty() ? "" : ", ") + stream.stream;
            }
            return Status(StatusCode::kNotFound,
                          std::string(fn) + ": connection " + s.impl.connection_id +
                              " has no stream '" + stream_name +
                              "' (streams: " + (names.empty() ? "none" : names) + ")");
        });
}

ABC_API abc_status abc_dataset_set_at(abc_dataset **out, const abc_dataset_set *set, size_t index,
                                      abc_error **error) {
    const char *fn = __func__;
    return abi::with_out(out, set, "set", fn, error, [&](const abc_dataset_set &s, abc_dataset *&dataset) -> Status {
        ABC_RETURN_IF_ERROR(index_in_range(index, s.impl.streams.size(), fn, "index", "streams"));
        dataset = new abc_dataset{s.impl.streams[index].stream, s.impl.streams[index].dataset};
        return Status();
    });
}

ABC_TEXT_GETTER(abc_dataset_set_destination_type, abc_dataset_set, impl.destination_type)
ABC_TEXT_GETTER(abc_dataset_set_destination_id, abc_dataset_set, impl.destination_id)
ABC_TEXT_GETTER(abc_dataset_set_database, abc_dataset_set, impl.database)
ABC_TEXT_GETTER(abc_dataset_set_schema, abc_dataset_set, impl.schema)
ABC_TEXT_GETTER(abc_dataset_set_connection_uri, abc_dataset_set, impl.connection_uri)

/* ---- datasets ---- */

ABC_API void abc_dataset_free(abc_dataset *dataset) { delete dataset; }

ABC_TEXT_GETTER(abc_dataset_stream_name, abc_dataset, stream)

// The dataset's table coordinates ("" for NULL).
#define ABC_DATASET_LOCATION_GETTER(function, field)                    \
    ABC_API const char *function(const abc_dataset *dataset) {          \
        return location_text(dataset, &datasets::TableLocation::field); \
    }
ABC_DATASET_LOCATION_GETTER(abc_dataset_destination_type, destination_type)
ABC_DATASET_LOCATION_GETTER(abc_dataset_database, database)
ABC_DATASET_LOCATION_GETTER(abc_dataset_schema, schema)
ABC_DATASET_LOCATION_GETTER(abc_dataset_table_name, table)
ABC_DATASET_LOCATION_GETTER(abc_dataset_qualified_name, qualified_name)
ABC_DATASET_LOCATION_GETTER(abc_dataset_connection_uri, connection_uri)
#undef ABC_DATASET_LOCATION_GETTER

ABC_API abc_status abc_dataset_column_count(size_t *out, abc_dataset *dataset, abc_error **error) {
    return abi::with_out(out, dataset, "dataset", __func__, error, [](abc_dataset &d, size_t &count) -> Status {
        auto columns = d.impl->columns();
        if (!columns.ok()) return columns.status();
        count = (*columns)->size();
        return Status();
    });
}

// The columns are cached inside the dataset (shared by every handle on it), so the borrowed
// strings live as long as the dataset handle.
ABC_API abc_status abc_dataset_column_name(const char **out, abc_dataset *dataset, size_t column,
                                           abc_error **error) {
    return read_column(out, dataset, column, "abc_dataset_column_name", error,
                       [](const datasets::Column &info, const char *&value) { value = info.name.c_str(); });
}

ABC_API abc_status abc_dataset_column_type(const char **out, abc_dataset *dataset, size_t column,
                                           abc_error **error) {
    return read_column(out, dataset, column, "abc_dataset_column_type", error,
                       [](const datasets::Column &info, const char *&value) { value = info.native_type.c_str(); });
}

ABC_API abc_status abc_dataset_column_value_type(abc_value_type *out, abc_dataset *dataset, size_t column,
                                                 abc_error **error) {
    return read_column(out, dataset, column, "abc_dataset_column_value_type", error,
                       [](const datasets::Column &info, abc_value_type &value) {
                           value = static_cast<abc_value_type>(info.kind);
                       });
}

ABC_API abc_status abc_dataset_row_count(int64_t *out, abc_dataset *dataset, abc_error **error) {
    return abi::with_out(out, dataset, "dataset", __func__, error,
                         [](abc_dataset &d, int64_t &count) { return abi::assign(count, d.impl->row_count()); });
}

/* ---- cursors ---- */

ABC_API abc_status abc_dataset_cursor_open(abc_dataset_cursor **out, abc_dataset *dataset, abc_error **error) {
    return abi::with_out(out, dataset, "dataset", __func__, error, [](abc_dataset &d, abc_dataset_cursor *&cursor) {
        auto source = d.impl->open();
        if (!source.ok()) return source.status();
        cursor = new abc_dataset_cursor{d.impl, datasets::Cursor(std::move(*source))};
        return Status();
    });
}

ABC_API void abc_dataset_cursor_free(abc_dataset_cursor *cursor) { delete cursor; }

ABC_API abc_status abc_dataset_cursor_next(int *out_has_row, abc_dataset_cursor *cursor, abc_error **error) {
    const char *fn = "abc_dataset_cursor_next";
    if (out_has_row != nullptr) *out_has_row = 0;
    return abi::guarded(error, fn, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out_has_row, fn, "out_has_row"));
        ABC_RETURN_IF_ERROR(abi::require_pointer(cursor, fn, "cursor"));
        auto more = cursor->impl.next();
        if (!more.ok()) return more.status();
        *out_has_row = *more ? 1 : 0;
        return Status();
    });
}

ABC_API size_t abc_dataset_cursor_column_count(const abc_dataset_cursor *cursor) {
    return cursor != nullptr ? cursor->impl.columns().size() : 0;
}

ABC_API const char *abc_dataset_cursor_column_name(const abc_dataset_cursor *cursor, size_t column) {
    if (cursor == nullptr || column >= cursor->impl.columns().size()) return "";
    return cursor->impl.columns()[column].name.c_str();
}

ABC_API abc_value_type abc_dataset_cursor_column_value_type(const abc_dataset_cursor *cursor, size_t column) {
    if (cursor == nullptr) return ABC_VALUE_UNKNOWN;
    return static_cast<abc_value_type>(column_kind(cursor, column));
}

ABC_API int64_t abc_dataset_cursor_rows_read(const abc_dataset_cursor *cursor) {
    return cursor != nullptr ? cursor->impl.rows_read() : 0;
}

ABC_API abc_status abc_dataset_cursor_record_json(const char **out, abc_dataset_cursor *cursor, abc_error **error) {
    const char *fn = __func__;
    return abi::with_out(out, cursor, "cursor", fn, error, [&](abc_dataset_cursor &c, const char *&json) -> Status {
        auto record = c.impl.record_json();
        if (!record.ok()) return datasets::prefixed(record.status(), fn);
        json = (*record)->c_str();
        return Status();
    });
}

ABC_API abc_status abc_dataset_cursor_is_null(int *out, const abc_dataset_cursor *cursor, size_t column,
                                              abc_error **error) {
    if (const datasets::Cell *cell = ready_cell(out, cursor, column, error)) {
        *out = cell->null ? 1 : 0;
        return ABC_OK;
    }
    return read_cell(out, cursor, column, "abc_dataset_cursor_is_null", error,
                     [](const datasets::Cell &cell, int &value) -> Status {
                         value = cell.null ? 1 : 0;
                         return Status();
                     });
}

ABC_API abc_status abc_dataset_cursor_int64(int64_t *out, const abc_dataset_cursor *cursor, size_t column,
                                            abc_error **error) {
    return read_converted(out, cursor, column, __func__, error, datasets::cell_int64);
}

ABC_API abc_status abc_dataset_cursor_double(double *out, const abc_dataset_cursor *cursor, size_t column,
                                             abc_error **error) {
    return read_converted(out, cursor, column, __func__, error, datasets::cell_double);
}

ABC_API abc_status abc_dataset_cursor_text(const char **out, const abc_dataset_cursor *cursor, size_t column,
                                           abc_error **error) {
    const datasets::Cell *cell = ready_cell(out, cursor, column, error);
    if (cell != nullptr && (cell->null || cell->form == datasets::CellForm::kText)) {
        *out = cell->null ? nullptr : cell->text.c_str();
        return ABC_OK;
    }
    return read_cell(
        out, cursor, column, "abc_dataset_cursor_text", error,
        [](const datasets::Cell &cell, const char *&value) -> Status {
            value = cell.null ? nullptr : cell.text.c_str();
            return Status();
        },
        true);
}

}  // extern "C"
