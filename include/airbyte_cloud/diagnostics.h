/**
 * @file airbyte_cloud/diagnostics.h
 * @brief Why a sync failed, and what it left: job attempts and their failure reasons, attempt
 * logs, connection state, the configured catalog, connector checks.
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h.
 *
 * The public Airbyte API offers none of this. These calls use Airbyte's **Config API** (the
 * internal API behind the web app, at `<host>/api/v1`, same credentials), which is **not covered
 * by the public API's stability promise**: Airbyte may change it in any release. The functions
 * here keep their C signatures; what a server returns through them may change.
 *
 * The Config API root is derived from the API root: `https://api.airbyte.com/v1` (Cloud) →
 * `https://cloud.airbyte.com/api/v1`; `<host>/api/public/v1` (self-managed) and `<host>/v1` (the
 * emulator) → `<host>/api/v1`. Any other API root needs abc_options_set_config_api_url() (or
 * AIRBYTE_CLOUD_CONFIG_API_URL with abc_options_load_environment()); until then these calls fail
 * with ::ABC_ERROR_UNSUPPORTED and a message naming that option. Requests share the workspace's
 * credentials, retries, timeouts and connections.
 */
#ifndef AIRBYTE_CLOUD_DIAGNOSTICS_H
#define AIRBYTE_CLOUD_DIAGNOSTICS_H

#include "common.h"

ABC_BEGIN_DECLS

typedef struct abc_attempt_list abc_attempt_list;
typedef struct abc_connection_state abc_connection_state;
typedef struct abc_configured_catalog abc_configured_catalog;

/* ------------------------------------------------------------------------------------------ */
/** @name Config API root */
/**@{*/
/** Sets the Config API root explicitly, e.g. "https://airbyte.example.com/api/v1". Must start
 * with http:// or https://. */
ABC_API abc_status abc_options_set_config_api_url(abc_options *options, const char *config_api_url,
                                                  abc_error **error);
/** The Config API root the workspace uses (borrowed, lives as long as the workspace); "" when it
 * could not be derived and was not set. */
ABC_API const char *abc_workspace_config_api_url(const abc_workspace *workspace);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Job attempts
 * A job runs one or more attempts (Airbyte retries a failed attempt). A list holds all of a
 * job's attempts, oldest first, each with its failures. Getters take the attempt `index` (and
 * `failure` index) and return 0 / "" when an index is out of range or `list` is NULL. Borrowed
 * strings live as long as the list. */
/**@{*/
/** Fetches the attempts of job `job_id` (Config API `/v1/jobs/get_without_logs`).
 * @param[out] out a list the caller frees with abc_attempt_list_free(). */
ABC_API abc_status abc_job_attempts_get(abc_attempt_list **out, abc_workspace *workspace,
                                        int64_t job_id, abc_error **error);
ABC_API void abc_attempt_list_free(abc_attempt_list *list);
ABC_API size_t abc_attempt_list_count(const abc_attempt_list *list);
/** The attempt number within its job (Airbyte counts from 0); -1 for a bad index. */
ABC_API int64_t abc_attempt_number(const abc_attempt_list *list, size_t index);
/** "running", "failed" or "succeeded". */
ABC_API const char *abc_attempt_status(const abc_attempt_list *list, size_t index);
/** Creation time, Unix seconds. */
ABC_API int64_t abc_attempt_created_at(const abc_attempt_list *list, size_t index);
/** End time, Unix seconds; 0 while running. */
ABC_API int64_t abc_attempt_ended_at(const abc_attempt_list *list, size_t index);
ABC_API int64_t abc_attempt_rows_synced(const abc_attempt_list *list, size_t index);
ABC_API int64_t abc_attempt_bytes_synced(const abc_attempt_list *list, size_t index);
/** How many failures the attempt recorded (0 for one that did not fail). */
ABC_API size_t abc_attempt_failure_count(const abc_attempt_list *list, size_t index);
/** Where the failure came from: "source", "destination", "replication", "airbyte_platform"...;
 * "" when not known. */
ABC_API const char *abc_attempt_failure_origin(const abc_attempt_list *list, size_t index,
                                               size_t failure);
/** "config_error", "system_error", "transient_error"...; "" when not known. */
ABC_API const char *abc_attempt_failure_type(const abc_attempt_list *list, size_t index,
                                             size_t failure);
/** The message meant for users (e.g. the destination's connection error). */
ABC_API const char *abc_attempt_failure_external_message(const abc_attempt_list *list,
                                                         size_t index, size_t failure);
/** The message meant for operators (often an exception's text). */
ABC_API const char *abc_attempt_failure_internal_message(const abc_attempt_list *list,
                                                         size_t index, size_t failure);
/** 1 when a retry may succeed, 0 when it will not, -1 when not known (or a bad index). */
ABC_API int abc_attempt_failure_retryable(const abc_attempt_list *list, size_t index,
                                          size_t failure);
/** When the failure happened, Unix milliseconds. */
ABC_API int64_t abc_attempt_failure_timestamp_ms(const abc_attempt_list *list, size_t index,
                                                 size_t failure);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Logs
 * An attempt's log, line by line, streamed (Config API `/v1/attempt/get_for_job`): a log of any
 * size is read with memory for one line at a time. */
/**@{*/
/** Receives one log line (`line` is NUL-terminated, `length` bytes without the NUL, valid only
 * during the call). Return 0 to go on, anything else to stop reading (the read then succeeds). */
typedef int (*abc_log_line_callback)(const char *line, size_t length, void *user_data);

/** Reads the log of one attempt of job `job_id` and passes each line to `callback`.
 * @param[out] lines_read optional (may be NULL): how many lines were passed.
 * @param attempt_number the attempt (abc_attempt_number()); -1 for the job's last attempt.
 * @param follow 0 reads the log as it is now; 1 keeps reading new lines (polling at the
 *        workspace's poll interval) until the job is final, following a new attempt when
 *        `attempt_number` is -1.
 * @param cancel_token optional: cancelling it ends a follow with ::ABC_ERROR_CANCELLED. */
ABC_API abc_status abc_job_logs_read(int64_t *lines_read, abc_workspace *workspace, int64_t job_id,
                                     int64_t attempt_number, int follow,
                                     abc_cancel_token *cancel_token, abc_log_line_callback callback,
                                     void *user_data, abc_error **error);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Connection state
 * What incremental syncs resume from (Config API `/v1/state/get`, `/v1/state/create_or_update`).
 * abc_connection_state_json() is the whole ConnectionState; passing it back to
 * abc_connection_state_set() restores it. Borrowed strings live as long as the handle. */
/**@{*/
/** @param[out] out the state, freed by the caller with abc_connection_state_free(). */
ABC_API abc_status abc_connection_state_get(abc_connection_state **out, abc_workspace *workspace,
                                            const char *connection_id, abc_error **error);
/** Replaces a connection's state with `state_json` (a ConnectionState object as
 * abc_connection_state_json() gives; its connectionId is replaced by `connection_id`). Bad JSON
 * gives ::ABC_ERROR_INVALID_ARGUMENT. Do not run it while a sync of the connection runs.
 * @param[out] out optional (may be NULL): the state as stored, freed by the caller. */
ABC_API abc_status abc_connection_state_set(abc_connection_state **out, abc_workspace *workspace,
                                            const char *connection_id, const char *state_json,
                                            abc_error **error);
ABC_API void abc_connection_state_free(abc_connection_state *state);
/** The whole ConnectionState as compact JSON. */
ABC_API const char *abc_connection_state_json(const abc_connection_state *state);
/** "stream", "global", "legacy" or "not_set". */
ABC_API const char *abc_connection_state_type(const abc_connection_state *state);
/** Global state only: the shared state as JSON; "" otherwise. */
ABC_API const char *abc_connection_state_shared_state(const abc_connection_state *state);
/** Streams with a state (per-stream, or the global state's streams). */
ABC_API size_t abc_connection_state_stream_count(const abc_connection_state *state);
ABC_API const char *abc_connection_state_stream_name(const abc_connection_state *state,
                                                     size_t index);
ABC_API const char *abc_connection_state_stream_namespace(const abc_connection_state *state,
                                                          size_t index);
/** The stream's state blob as JSON; "" when none. */
ABC_API const char *abc_connection_state_stream_state(const abc_connection_state *state,
                                                      size_t index);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Configured catalog
 * The streams a connection syncs and how (Config API `/v1/web_backend/connections/get`).
 * Field paths are joined with '.'. Getters return 0 / "" for a bad index or NULL catalog;
 * borrowed strings live as long as the catalog. */
/**@{*/
/** @param[out] out the catalog, freed by the caller with abc_configured_catalog_free(). */
ABC_API abc_status abc_configured_catalog_get(abc_configured_catalog **out,
                                              abc_workspace *workspace, const char *connection_id,
                                              abc_error **error);
ABC_API void abc_configured_catalog_free(abc_configured_catalog *catalog);
/** The syncCatalog object as compact JSON. */
ABC_API const char *abc_configured_catalog_json(const abc_configured_catalog *catalog);
ABC_API size_t abc_configured_catalog_count(const abc_configured_catalog *catalog);
ABC_API const char *abc_configured_catalog_name(const abc_configured_catalog *catalog, size_t index);
ABC_API const char *abc_configured_catalog_namespace(const abc_configured_catalog *catalog,
                                                     size_t index);
/** 1 when the stream is selected for syncing. */
ABC_API int abc_configured_catalog_selected(const abc_configured_catalog *catalog, size_t index);
/** "full_refresh" or "incremental". */
ABC_API const char *abc_configured_catalog_sync_mode(const abc_configured_catalog *catalog,
                                                     size_t index);
/** "append", "overwrite", "append_dedup", "overwrite_dedup"... */
ABC_API const char *abc_configured_catalog_destination_sync_mode(
    const abc_configured_catalog *catalog, size_t index);
/** The cursor field path; "" when none. */
ABC_API const char *abc_configured_catalog_cursor_field(const abc_configured_catalog *catalog,
                                                        size_t index);
ABC_API size_t abc_configured_catalog_primary_key_count(const abc_configured_catalog *catalog,
                                                        size_t index);
ABC_API const char *abc_configured_catalog_primary_key(const abc_configured_catalog *catalog,
                                                       size_t index, size_t key);
/** Selected fields; 0 means every field is synced. */
ABC_API size_t abc_configured_catalog_selected_field_count(const abc_configured_catalog *catalog,
                                                           size_t index);
ABC_API const char *abc_configured_catalog_selected_field(const abc_configured_catalog *catalog,
                                                          size_t index, size_t field);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Connector checks
 * Runs the connector's check against its stored configuration (Config API
 * `/v1/sources/check_connection`, `/v1/destinations/check_connection`). A failed check is not an
 * error: the call returns ::ABC_OK with *succeeded 0 and the connector's message. */
/**@{*/
/** @param[out] succeeded 1 when the check passed, 0 when it failed.
 * @param[out] message optional (may be NULL): the connector's message ("" when none), freed by
 *             the caller with abc_string_free(). */
ABC_API abc_status abc_source_check(int *succeeded, char **message, abc_workspace *workspace,
                                    const char *source_id, abc_error **error);
/** Like abc_source_check(), for a destination. */
ABC_API abc_status abc_destination_check(int *succeeded, char **message, abc_workspace *workspace,
                                         const char *destination_id, abc_error **error);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_DIAGNOSTICS_H */
