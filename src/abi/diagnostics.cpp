// Job attempts, attempt logs, connection state, configured catalog and connector checks: the
// Config API calls (domain/config_api.h) behind airbyte_cloud/diagnostics.h.
#include "abi/resource_handles.h"
#include "domain/config_api.h"

using namespace airbyte_cloud;

struct abc_attempt_list {
    std::vector<domain::AttemptInfo> attempts;
};

struct abc_connection_state {
    domain::ConnectionState state;
};

struct abc_configured_catalog {
    domain::ConfiguredCatalog catalog;
};

namespace {

template <typename Item>
const Item *item_at(const std::vector<Item> &items, size_t index) {
    return index < items.size() ? &items[index] : nullptr;
}

const char *text_at(const std::vector<std::string> &texts, size_t index) {
    const std::string *text = item_at(texts, index);
    return text != nullptr ? text->c_str() : "";
}

const domain::AttemptInfo *attempt_at(const abc_attempt_list *list, size_t index) {
    return list != nullptr ? item_at(list->attempts, index) : nullptr;
}

const domain::AttemptFailure *failure_at(const abc_attempt_list *list, size_t index,
                                         size_t failure) {
    const domain::AttemptInfo *attempt = attempt_at(list, index);
    return attempt != nullptr ? item_at(attempt->failures, failure) : nullptr;
}

const char *failure_text(const abc_attempt_list *list, size_t index, size_t failure,
                         std::string domain::AttemptFailure::*field) {
    const domain::AttemptFailure *found = failure_at(list, index, failure);
    return found != nullptr ? (found->*field).c_str() : "";
}

const domain::StreamState *state_stream_at(const abc_connection_state *state, size_t index) {
    return state != nullptr ? item_at(state->state.streams, index) : nullptr;
}

const domain::CatalogStream *catalog_stream_at(const abc_configured_catalog *catalog,
                                               size_t index) {
    return catalog != nullptr ? item_at(catalog->catalog.streams, index) : nullptr;
}

// The shape of every call here: check the required out-parameter (`out_name` NULL: none), the
// workspace and the id (`id_name` NULL: none), then run `fetch` with the workspace's Config API.
template <typename Fetch>
abc_status config_call(const char *function, const void *out, const char *out_name,
                       abc_workspace *workspace, const char *id, const char *id_name,
                       abc_error **error, Fetch &&fetch) {
    return abi::guarded(error, function, [&]() -> Status {
        if (out_name != nullptr)
            ABC_RETURN_IF_ERROR(abi::require_pointer(out, function, out_name));
        ABC_RETURN_IF_ERROR(abi::require_pointer(workspace, function, "workspace"));
        if (id_name != nullptr)
            ABC_RETURN_IF_ERROR(abi::require_id(id, function, id_name));
        domain::ConfigApi config(*workspace->impl->api());
        return fetch(config);
    });
}

// config_call for the getters of one Config API object: *out = NULL, then, the checks passed,
// *out = a new Handle holding what fetch(config) returns.
template <typename Handle, typename Fetch>
abc_status config_get(const char *function, Handle **out, abc_workspace *workspace, const char *id,
                      const char *id_name, abc_error **error, Fetch &&fetch) {
    if (out != nullptr)
        *out = nullptr;
    return config_call(function, out, "out", workspace, id, id_name, error,
                       [&](domain::ConfigApi &config) -> Status {
                           ABC_ASSIGN_OR_RETURN(auto value, fetch(config));
                           *out = new Handle{std::move(value)};
                           return Status();
                       });
}

abc_status check_actor(const char *function, const char *kind, int *succeeded, char **message,
                       abc_workspace *workspace, const char *id, abc_error **error) {
    if (succeeded != nullptr)
        *succeeded = 0;
    if (message != nullptr)
        *message = nullptr;
    return config_call(function, succeeded, "succeeded", workspace, id,
                       kind == std::string("source") ? "source_id" : "destination_id", error,
                       [&](domain::ConfigApi &config) -> Status {
                           auto result = config.check(kind, id);
                           if (!result.ok())
                               return result.status();
                           if (message != nullptr)
                               *message = abi::owned_string(result->message);
                           *succeeded = result->succeeded ? 1 : 0;
                           return Status();
                       });
}

}  // namespace

extern "C" {

ABC_API const char *abc_workspace_config_api_url(const abc_workspace *workspace) {
    return workspace != nullptr ? workspace->impl->config_api_url().c_str() : "";
}

// ---- attempts ----

ABC_API abc_status abc_job_attempts_get(abc_attempt_list **out, abc_workspace *workspace,
                                        int64_t job_id, abc_error **error) {
    return config_get("abc_job_attempts_get", out, workspace, nullptr, nullptr, error,
                      [&](domain::ConfigApi &config) { return config.job_attempts(job_id); });
}

ABC_API void abc_attempt_list_free(abc_attempt_list *list) {
    delete list;
}

ABC_COUNT_GETTER(abc_attempt_list_count, abc_attempt_list, attempts)

// The value of attempt `index`, or `none` when there is no such attempt.
#define ABC_ATTEMPT_GETTER(Type, function, value, none) \
    ABC_ITEM_GETTER(Type, function, abc_attempt_list, attempt_at, value, none)
ABC_ATTEMPT_GETTER(int64_t, abc_attempt_number, item->number, -1)
ABC_ITEM_TEXT_GETTER(abc_attempt_status, abc_attempt_list, attempt_at, status)
ABC_ATTEMPT_GETTER(int64_t, abc_attempt_created_at, item->created_at, 0)
ABC_ATTEMPT_GETTER(int64_t, abc_attempt_ended_at, item->ended_at, 0)
ABC_ATTEMPT_GETTER(int64_t, abc_attempt_rows_synced, item->rows, 0)
ABC_ATTEMPT_GETTER(int64_t, abc_attempt_bytes_synced, item->bytes, 0)
ABC_ATTEMPT_GETTER(size_t, abc_attempt_failure_count, item->failures.size(), 0)

#define ABC_FAILURE_TEXT_GETTER(function, field)                                               \
    ABC_API const char *function(const abc_attempt_list *list, size_t index, size_t failure) { \
        return failure_text(list, index, failure, &domain::AttemptFailure::field);             \
    }
ABC_FAILURE_TEXT_GETTER(abc_attempt_failure_origin, origin)
ABC_FAILURE_TEXT_GETTER(abc_attempt_failure_type, type)
ABC_FAILURE_TEXT_GETTER(abc_attempt_failure_external_message, external_message)
ABC_FAILURE_TEXT_GETTER(abc_attempt_failure_internal_message, internal_message)

ABC_API int abc_attempt_failure_retryable(const abc_attempt_list *list, size_t index,
                                          size_t failure) {
    const domain::AttemptFailure *found = failure_at(list, index, failure);
    return found != nullptr ? found->retryable : -1;
}

ABC_API int64_t abc_attempt_failure_timestamp_ms(const abc_attempt_list *list, size_t index,
                                                 size_t failure) {
    const domain::AttemptFailure *found = failure_at(list, index, failure);
    return found != nullptr ? found->timestamp_ms : 0;
}

// ---- logs ----

ABC_API abc_status abc_job_logs_read(int64_t *lines_read, abc_workspace *workspace, int64_t job_id,
                                     int64_t attempt_number, int follow,
                                     abc_cancel_token *cancel_token, abc_log_line_callback callback,
                                     void *user_data, abc_error **error) {
    const char *fn = "abc_job_logs_read";
    if (lines_read != nullptr)
        *lines_read = 0;
    return config_call(
        fn, nullptr, nullptr, workspace, nullptr, nullptr, error,
        [&](domain::ConfigApi &config) -> Status {
            ABC_RETURN_IF_ERROR(
                abi::require_pointer(reinterpret_cast<const void *>(callback), fn, "callback"));
            ABC_RETURN_IF_ERROR(abi::require_range(
                attempt_number, -1, std::numeric_limits<int>::max(), fn, "attempt_number"));
            ABC_RETURN_IF_ERROR(abi::require_range(follow, 0, 1, fn, "follow"));
            domain::LogSettings settings;
            settings.attempt_number = attempt_number;
            settings.follow = follow == 1;
            settings.cancel_token = cancel_token != nullptr ? &cancel_token->impl : nullptr;
            std::string line;  // NUL-terminated copy for the callback
            auto read = config.read_log(job_id, settings, [&](std::string_view text) {
                line.assign(text.data(), text.size());
                return callback(line.c_str(), line.size(), user_data) == 0;
            });
            if (!read.ok())
                return read.status();
            if (lines_read != nullptr)
                *lines_read = *read;
            return Status();
        });
}

// ---- state ----

ABC_API abc_status abc_connection_state_get(abc_connection_state **out, abc_workspace *workspace,
                                            const char *connection_id, abc_error **error) {
    return config_get("abc_connection_state_get", out, workspace, connection_id, "connection_id",
                      error,
                      [&](domain::ConfigApi &config) { return config.get_state(connection_id); });
}

ABC_API abc_status abc_connection_state_set(abc_connection_state **out, abc_workspace *workspace,
                                            const char *connection_id, const char *state_json,
                                            abc_error **error) {
    const char *fn = "abc_connection_state_set";
    if (out != nullptr)
        *out = nullptr;
    return config_call(fn, nullptr, nullptr, workspace, connection_id, "connection_id", error,
                       [&](domain::ConfigApi &config) -> Status {
                           ABC_RETURN_IF_ERROR(abi::require_text(state_json, fn, "state_json"));
                           auto state = config.set_state(connection_id, state_json);
                           if (!state.ok())
                               return abi::in_function(fn, state.status());
                           if (out != nullptr)
                               *out = new abc_connection_state{std::move(*state)};
                           return Status();
                       });
}

ABC_API void abc_connection_state_free(abc_connection_state *state) {
    delete state;
}

ABC_TEXT_GETTER(abc_connection_state_json, abc_connection_state, state.json)
ABC_TEXT_GETTER(abc_connection_state_type, abc_connection_state, state.type)
ABC_TEXT_GETTER(abc_connection_state_shared_state, abc_connection_state, state.shared_state_json)

ABC_COUNT_GETTER(abc_connection_state_stream_count, abc_connection_state, state.streams)

ABC_ITEM_TEXT_GETTER(abc_connection_state_stream_name, abc_connection_state, state_stream_at, name)
ABC_ITEM_TEXT_GETTER(abc_connection_state_stream_namespace, abc_connection_state, state_stream_at,
                     name_space)
ABC_ITEM_TEXT_GETTER(abc_connection_state_stream_state, abc_connection_state, state_stream_at,
                     state_json)

// ---- configured catalog ----

ABC_API abc_status abc_configured_catalog_get(abc_configured_catalog **out,
                                              abc_workspace *workspace, const char *connection_id,
                                              abc_error **error) {
    return config_get("abc_configured_catalog_get", out, workspace, connection_id, "connection_id",
                      error,
                      [&](domain::ConfigApi &config) { return config.get_catalog(connection_id); });
}

ABC_API void abc_configured_catalog_free(abc_configured_catalog *catalog) {
    delete catalog;
}

ABC_TEXT_GETTER(abc_configured_catalog_json, abc_configured_catalog, catalog.json)

ABC_COUNT_GETTER(abc_configured_catalog_count, abc_configured_catalog, catalog.streams)

// The text fields of the catalog's stream `index`.
#define ABC_CATALOG_TEXT_GETTER(function, field) \
    ABC_ITEM_TEXT_GETTER(function, abc_configured_catalog, catalog_stream_at, field)
ABC_CATALOG_TEXT_GETTER(abc_configured_catalog_name, name)
ABC_CATALOG_TEXT_GETTER(abc_configured_catalog_namespace, name_space)
ABC_CATALOG_TEXT_GETTER(abc_configured_catalog_sync_mode, sync_mode)
ABC_CATALOG_TEXT_GETTER(abc_configured_catalog_destination_sync_mode, destination_sync_mode)

ABC_ITEM_GETTER(int, abc_configured_catalog_selected, abc_configured_catalog, catalog_stream_at,
                item->selected ? 1 : 0, 0)
ABC_ITEM_GETTER(const char *, abc_configured_catalog_cursor_field, abc_configured_catalog,
                catalog_stream_at, text_at(item->cursor_field, 0), "")

#define ABC_CATALOG_LIST_GETTERS(count_function, item_function, field)                     \
    ABC_ITEM_GETTER(size_t, count_function, abc_configured_catalog, catalog_stream_at,     \
                    item->field.size(), 0)                                                 \
    ABC_API const char *item_function(const abc_configured_catalog *catalog, size_t index, \
                                      size_t k) {                                          \
        const domain::CatalogStream *stream = catalog_stream_at(catalog, index);           \
        return stream != nullptr ? text_at(stream->field, k) : "";                         \
    }
ABC_CATALOG_LIST_GETTERS(abc_configured_catalog_primary_key_count,
                         abc_configured_catalog_primary_key, primary_key)
ABC_CATALOG_LIST_GETTERS(abc_configured_catalog_selected_field_count,
                         abc_configured_catalog_selected_field, selected_fields)

// ---- connector checks ----

ABC_API abc_status abc_source_check(int *succeeded, char **message, abc_workspace *workspace,
                                    const char *source_id, abc_error **error) {
    return check_actor("abc_source_check", "source", succeeded, message, workspace, source_id,
                       error);
}

ABC_API abc_status abc_destination_check(int *succeeded, char **message, abc_workspace *workspace,
                                         const char *destination_id, abc_error **error) {
    return check_actor("abc_destination_check", "destination", succeeded, message, workspace,
                       destination_id, error);
}

}  // extern "C"
