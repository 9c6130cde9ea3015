/**
 * @file airbyte_cloud.h
 * @brief libairbyte_cloud: a native client for the Airbyte API (Airbyte Cloud and self-managed).
 *
 * Conventions (they hold for every function below):
 *
 * - **Names.** Every symbol starts with `abc_`; functions are `abc_<object>_<verb>`.
 * - **Handles.** All objects are opaque handles. Each has an `abc_<object>_free()` that accepts
 *   NULL. A handle returned through an `out` parameter is owned by the caller, who frees it.
 * - **Status.** Every fallible call returns an ::abc_status; ::ABC_OK (0) is success. Values are
 *   never renumbered; new ones are only ever added at the end. abc_strerror() gives static text.
 * - **Error detail.** Fallible calls take a last parameter `abc_error **error`. Pass NULL if you
 *   only want the status. Otherwise, on failure `*error` receives a new ::abc_error the caller
 *   frees with abc_error_free(); on success `*error` is set to NULL. Because the detail travels
 *   with the call (no thread-local "last error"), it is correct from any thread and from Go,
 *   whose goroutines move between OS threads.
 * - **Out parameters first**, inputs next, `error` last. On failure, out parameters are set to
 *   NULL / 0 unless a function documents otherwise (abc_run_sync() does).
 * - **Strings.** Input strings are UTF-8, NUL-terminated, and copied if kept. Returned `const
 *   char *` are borrowed: they stay valid until the handle they came from is freed (or refreshed,
 *   where a function says so). Never pass them to free(). Strings the caller owns are returned as
 *   `char *` and released with abc_string_free().
 * - **Arguments.** Every entry point checks its arguments; a NULL handle, NULL or empty id, or an
 *   out-of-range number gives ::ABC_ERROR_INVALID_ARGUMENT with a message naming the argument.
 * - **No variadic functions** (cgo cannot call them), no C++ types, no exceptions cross this API.
 *
 * Threading contract:
 *
 * - ::abc_workspace is safe to share between threads: any number of threads may call functions
 *   on one workspace (and on different connection/job handles made from it) at the same time.
 *   Requests share a pool of keep-alive connections.
 * - Every other handle (::abc_options, ::abc_sync_options, ::abc_connection, ::abc_job,
 *   ::abc_job_list, ::abc_waiter, ::abc_error) may be used from any thread, but by one thread at a
 *   time: synchronise yourself if you share one. Handles may be moved between threads freely.
 * - ::abc_cancel_token is the exception: abc_cancel_token_cancel() may be called from any thread
 *   while another thread waits.
 * - Callbacks (log, progress) run on the thread that made the call that triggered them.
 * - abc_library_init() / abc_library_shutdown() are reference counted and thread-safe. Calling
 *   them is optional: abc_workspace_new() takes its own reference.
 */
#ifndef AIRBYTE_CLOUD_H
#define AIRBYTE_CLOUD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @name Version
 * Compile-time version of this header. Compare with abc_version_number() at run time to detect
 * a header/library mismatch. */
/**@{*/
#define ABC_VERSION_MAJOR 0
#define ABC_VERSION_MINOR 1
#define ABC_VERSION_PATCH 0
#define ABC_VERSION_STRING "0.1.0"
/** (major << 16) | (minor << 8) | patch, so versions compare numerically. */
#define ABC_VERSION_NUMBER ((ABC_VERSION_MAJOR << 16) | (ABC_VERSION_MINOR << 8) | ABC_VERSION_PATCH)
/**@}*/

#if defined(__GNUC__) || defined(__clang__)
#define ABC_API __attribute__((visibility("default")))
#else
#define ABC_API
#endif

/** Status of a call. Values are part of the ABI: never renumbered, only appended. */
typedef enum abc_status {
    ABC_OK = 0,
    ABC_ERROR_INVALID_ARGUMENT = 1, /**< A NULL, empty or out-of-range argument; bad JSON input. */
    ABC_ERROR_OUT_OF_MEMORY = 2,
    ABC_ERROR_TRANSPORT = 3,       /**< Could not get a response: DNS, connect, TLS, dropped. */
    ABC_ERROR_REQUEST_TIMEOUT = 4, /**< One HTTP request exceeded the request timeout. */
    ABC_ERROR_AUTH = 5,            /**< 401, or the client-credentials token exchange failed. */
    ABC_ERROR_FORBIDDEN = 6,       /**< 403: the credentials lack access. */
    ABC_ERROR_NOT_FOUND = 7,       /**< 404: no such workspace, connection or job. */
    ABC_ERROR_CONFLICT = 8,        /**< 409 other than "sync already running". */
    ABC_ERROR_SYNC_ALREADY_RUNNING = 9, /**< 409 try-again-later: the connection has a running job. */
    ABC_ERROR_RATE_LIMITED = 10,   /**< 429, still after the configured retries. */
    ABC_ERROR_SERVER = 11,         /**< 5xx, still after the configured retries. */
    ABC_ERROR_API = 12,            /**< Another 4xx (400, 422...): see the problem type and detail. */
    ABC_ERROR_PROTOCOL = 13,       /**< A response that is not what the API promises. */
    ABC_ERROR_SYNC_FAILED = 14,    /**< The job ended failed or cancelled; see the job id/state. */
    ABC_ERROR_WAIT_TIMEOUT = 15,   /**< Waiting for a job exceeded its timeout; the job goes on. */
    ABC_ERROR_CANCELLED = 16,      /**< The caller cancelled a wait (cancel token or callback). */
    ABC_ERROR_UNSUPPORTED = 17,    /**< A feature this build or this server does not offer. */
    ABC_ERROR_INTERNAL = 18,       /**< A bug in this library; please report it. */
    ABC_ERROR_REFUSED = 19         /**< A safety check refused a destructive call (safe mode). */
} abc_status;

/** State of a job, as the API reports it. Values are part of the ABI. */
typedef enum abc_job_state {
    ABC_JOB_STATE_UNKNOWN = 0, /**< Not fetched yet, or a state this version does not know. */
    ABC_JOB_STATE_PENDING = 1,
    ABC_JOB_STATE_QUEUED = 2,
    ABC_JOB_STATE_RUNNING = 3,
    ABC_JOB_STATE_INCOMPLETE = 4, /**< An attempt failed; Airbyte will retry. Not final. */
    ABC_JOB_STATE_FAILED = 5,
    ABC_JOB_STATE_SUCCEEDED = 6,
    ABC_JOB_STATE_CANCELLED = 7
} abc_job_state;

/** Severity of a log message. */
typedef enum abc_log_level {
    ABC_LOG_ERROR = 1,
    ABC_LOG_WARNING = 2,
    ABC_LOG_INFO = 3,
    ABC_LOG_DEBUG = 4
} abc_log_level;

typedef struct abc_error abc_error;
typedef struct abc_options abc_options;
typedef struct abc_workspace abc_workspace;
typedef struct abc_connection abc_connection;
typedef struct abc_job abc_job;
typedef struct abc_job_list abc_job_list;
typedef struct abc_sync_options abc_sync_options;
typedef struct abc_cancel_token abc_cancel_token;
typedef struct abc_waiter abc_waiter;

/* ------------------------------------------------------------------------------------------ */
/** @name Library */
/**@{*/

/** Run-time version as "major.minor.patch". Static storage; never free it. */
ABC_API const char *abc_version_string(void);
/** Run-time version as ABC_VERSION_NUMBER would compute it. */
ABC_API int abc_version_number(void);

/** Initialises process-wide state (libcurl). Reference counted; each successful call needs one
 * abc_library_shutdown(). Optional: workspaces take their own reference. */
ABC_API abc_status abc_library_init(void);
/** Releases one reference taken by abc_library_init(). Extra calls are ignored. */
ABC_API void abc_library_shutdown(void);

/** Static English text for a status ("invalid argument"...). Never NULL; never free it. */
ABC_API const char *abc_strerror(abc_status status);
/** Static name of a job state ("pending", "succeeded"...), as the API spells it. */
ABC_API const char *abc_job_state_name(abc_job_state state);
/** 1 when the state is final (failed, succeeded, cancelled), else 0. */
ABC_API int abc_job_state_is_final(abc_job_state state);

/** Frees a string the library returned as `char *`. NULL is a no-op. */
ABC_API void abc_string_free(char *text);

/** Reads the secret named `name` from the environment (e.g. "AIRBYTE_CLOUD_CLIENT_SECRET").
 * @param[out] out a new string the caller frees with abc_string_free().
 * @return ::ABC_ERROR_NOT_FOUND (naming the variable, never its value) when unset or empty. */
ABC_API abc_status abc_secret_get(char **out, const char *name, abc_error **error);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Errors
 * An ::abc_error holds the detail of one failed call. All getters accept NULL and then return
 * the empty value. Borrowed strings live as long as the error. Absent text is "" (never NULL). */
/**@{*/
ABC_API void abc_error_free(abc_error *error);
/** The status the failed call returned. */
ABC_API abc_status abc_error_status(const abc_error *error);
/** A sentence saying what went wrong and, where it helps, what to do. Never contains secrets. */
ABC_API const char *abc_error_message(const abc_error *error);
/** HTTP status of the response behind the failure; 0 when there was none. */
ABC_API int abc_error_http_status(const abc_error *error);
/** The API problem's `type` (e.g. ".../errors#try-again-later"); "" when none. */
ABC_API const char *abc_error_problem_type(const abc_error *error);
/** The API problem's `detail` (or `title`); "" when none. */
ABC_API const char *abc_error_problem_detail(const abc_error *error);
/** For sync and wait failures: the connection id; "" otherwise. */
ABC_API const char *abc_error_connection_id(const abc_error *error);
/** For sync and wait failures: the job id; 0 otherwise. */
ABC_API int64_t abc_error_job_id(const abc_error *error);
/** For sync and wait failures: the job's last known state. */
ABC_API abc_job_state abc_error_job_state(const abc_error *error);
/** For ::ABC_ERROR_WAIT_TIMEOUT and ::ABC_ERROR_REQUEST_TIMEOUT: the timeout that expired, ms. */
ABC_API int64_t abc_error_timeout_ms(const abc_error *error);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Options
 * Settings for a workspace. Create, set, pass to abc_workspace_new() (which copies them), free.
 * Defaults: API root https://api.airbyte.com/v1; connect timeout 10 s; request timeout 30 s;
 * 4 attempts with backoff 250 ms doubling to 10 s within 60 s; TLS verified with the system CA
 * store; poll interval 250 ms growing ×1.25 to 2 s; at most 16 connections; responses up to
 * 64 MiB; no logging. */
/**@{*/

/** Log sink. `message` is valid only during the call and never contains secrets. */
typedef void (*abc_log_callback)(abc_log_level level, const char *message, void *user_data);

/** @param[out] out new options the caller frees with abc_options_free(). */
ABC_API abc_status abc_options_new(abc_options **out, abc_error **error);
ABC_API void abc_options_free(abc_options *options);

/** API root, e.g. "https://api.airbyte.com/v1" (Cloud) or "https://host/api/public/v1"
 * (self-managed). Must start with http:// or https://. */
ABC_API abc_status abc_options_set_api_url(abc_options *options, const char *api_url,
                                           abc_error **error);
/** Authenticate with a static API key / bearer token. Replaces client credentials. */
ABC_API abc_status abc_options_set_bearer_token(abc_options *options, const char *token,
                                                abc_error **error);
/** Authenticate with an application's client id and secret, exchanged for access tokens at
 * {api_url}/applications/token (cached, renewed before expiry and after a 401). Replaces a
 * bearer token. */
ABC_API abc_status abc_options_set_client_credentials(abc_options *options, const char *client_id,
                                                      const char *client_secret,
                                                      abc_error **error);
/** Overrides the token endpoint (default {api_url}/applications/token). */
ABC_API abc_status abc_options_set_token_url(abc_options *options, const char *token_url,
                                             abc_error **error);
/** Fills unset settings from AIRBYTE_CLOUD_API_URL, AIRBYTE_CLOUD_BEARER_TOKEN (or
 * AIRBYTE_CLOUD_API_KEY), AIRBYTE_CLOUD_CLIENT_ID and AIRBYTE_CLOUD_CLIENT_SECRET. Settings
 * made with setters win. */
ABC_API abc_status abc_options_load_environment(abc_options *options, abc_error **error);

/** Timeout to establish a connection, 1..600000 ms. */
ABC_API abc_status abc_options_set_connect_timeout_ms(abc_options *options, int64_t timeout_ms,
                                                      abc_error **error);
/** Timeout of one HTTP request including connect, 1..3600000 ms. */
ABC_API abc_status abc_options_set_request_timeout_ms(abc_options *options, int64_t timeout_ms,
                                                      abc_error **error);
/** Retries of failed requests (connection failures, 429, 502, 503, 504; 500 on reads), with
 * exponential backoff and jitter, honouring Retry-After.
 * @param max_attempts 1..100 (1 = no retries).
 * @param initial_backoff_ms 1.. ; @param max_backoff_ms >= initial_backoff_ms.
 * @param backoff_multiplier 1.0..10.0.
 * @param deadline_ms total time for all attempts of one call, 1.. ms. */
ABC_API abc_status abc_options_set_retry_policy(abc_options *options, int max_attempts,
                                                int64_t initial_backoff_ms, int64_t max_backoff_ms,
                                                double backoff_multiplier, int64_t deadline_ms,
                                                abc_error **error);
/** CA bundle file for TLS verification (PEM). */
ABC_API abc_status abc_options_set_ca_bundle(abc_options *options, const char *path,
                                             abc_error **error);
/** 1 (default) verifies the server certificate and host name; 0 disables it (testing only). */
ABC_API abc_status abc_options_set_verify_tls(abc_options *options, int verify,
                                              abc_error **error);
/** User-Agent header (default "libairbyte_cloud/<version> libcurl/<version>"). */
ABC_API abc_status abc_options_set_user_agent(abc_options *options, const char *user_agent,
                                              abc_error **error);
/** How often a wait polls the job: the first poll after initial_ms, each interval ×1.25 up to
 * max_ms. 1 <= initial_ms <= max_ms <= 3600000. */
ABC_API abc_status abc_options_set_poll_interval(abc_options *options, int64_t initial_ms,
                                                 int64_t max_ms, abc_error **error);
/** Keep-alive connections kept per host, 1..1024. */
ABC_API abc_status abc_options_set_max_connections(abc_options *options, int max_connections,
                                                   abc_error **error);
/** Largest accepted response body, 1024.. bytes; larger ones give ::ABC_ERROR_PROTOCOL. */
ABC_API abc_status abc_options_set_max_response_bytes(abc_options *options, int64_t max_bytes,
                                                      abc_error **error);
/** Log sink and the most verbose level passed to it. callback NULL turns logging off. */
ABC_API abc_status abc_options_set_log_callback(abc_options *options, abc_log_callback callback,
                                                void *user_data, abc_log_level max_level,
                                                abc_error **error);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Workspace
 * The entry point: one workspace id plus credentials. Thread-safe (see the threading contract). */
/**@{*/

/** Makes a workspace handle. No request is sent; see abc_workspace_connect().
 * @param[out] out new handle, freed with abc_workspace_free().
 * @param workspace_id the workspace UUID.
 * @param options settings (copied; may be freed afterwards); NULL means all defaults, which
 *        have no credentials. */
ABC_API abc_status abc_workspace_new(abc_workspace **out, const char *workspace_id,
                                     const abc_options *options, abc_error **error);
/** Like abc_workspace_new() with the workspace id from AIRBYTE_CLOUD_WORKSPACE_ID and options
 * completed from the environment (abc_options_load_environment() on a copy). */
ABC_API abc_status abc_workspace_new_from_environment(abc_workspace **out,
                                                      const abc_options *options,
                                                      abc_error **error);
ABC_API void abc_workspace_free(abc_workspace *workspace);

/** Checks that the API is reachable and the credentials grant this workspace
 * (GET /workspaces/{id}). The error says which failed: ::ABC_ERROR_TRANSPORT /
 * ::ABC_ERROR_REQUEST_TIMEOUT (unreachable), ::ABC_ERROR_AUTH (credentials rejected),
 * ::ABC_ERROR_NOT_FOUND / ::ABC_ERROR_FORBIDDEN (no such workspace or no access). */
ABC_API abc_status abc_workspace_connect(abc_workspace *workspace, abc_error **error);
/** The workspace id. Borrowed, lives as long as the workspace. */
ABC_API const char *abc_workspace_id(const abc_workspace *workspace);
/** The API root in use. Borrowed, lives as long as the workspace. */
ABC_API const char *abc_workspace_api_url(const abc_workspace *workspace);
/** The workspace's web UI address (https://cloud.airbyte.com/workspaces/{id} for Cloud,
 * {host}/workspaces/{id} for self-managed). Borrowed, lives as long as the workspace. */
ABC_API const char *abc_workspace_url(const abc_workspace *workspace);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Connection
 * A connection handle is lazy: abc_connection_get() sends no request; the first getter that
 * needs the connection's details fetches them once (abc_connection_refresh() fetches again).
 * Strings from the getters live until the handle is freed or refreshed. */
/**@{*/

/** @param[out] out new handle, freed with abc_connection_free(). The workspace must outlive it. */
ABC_API abc_status abc_connection_get(abc_connection **out, abc_workspace *workspace,
                                      const char *connection_id, abc_error **error);
ABC_API void abc_connection_free(abc_connection *connection);
/** Fetches the connection's details now (GET /connections/{id}). */
ABC_API abc_status abc_connection_refresh(abc_connection *connection, abc_error **error);

/** The connection id (no request). Borrowed. */
ABC_API const char *abc_connection_id(const abc_connection *connection);
/** The connection's web UI address (no request). Borrowed. */
ABC_API const char *abc_connection_url(const abc_connection *connection);
/** The web UI address of the connection's job history (no request). Borrowed. */
ABC_API const char *abc_connection_job_history_url(const abc_connection *connection);

/** @param[out] out the connection's name. Borrowed. */
ABC_API abc_status abc_connection_name(const char **out, abc_connection *connection,
                                       abc_error **error);
/** @param[out] out the source id. Borrowed. */
ABC_API abc_status abc_connection_source_id(const char **out, abc_connection *connection,
                                            abc_error **error);
/** @param[out] out the destination id (the destination's, never the source's). Borrowed. */
ABC_API abc_status abc_connection_destination_id(const char **out, abc_connection *connection,
                                                 abc_error **error);
/** @param[out] out the table prefix ("" when none). Borrowed. */
ABC_API abc_status abc_connection_prefix(const char **out, abc_connection *connection,
                                         abc_error **error);
/** @param[out] out the status as the API spells it ("active", "inactive"...). Borrowed. */
ABC_API abc_status abc_connection_status(const char **out, abc_connection *connection,
                                         abc_error **error);
/** @param[out] out how many streams are selected. */
ABC_API abc_status abc_connection_stream_count(size_t *out, abc_connection *connection,
                                               abc_error **error);
/** @param[out] out name of selected stream `index` (< count). Borrowed. */
ABC_API abc_status abc_connection_stream_name(const char **out, abc_connection *connection,
                                              size_t index, abc_error **error);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Sync options
 * How abc_run_sync() and the waits behave. Defaults: wait for completion; timeout 1 hour;
 * a failed or cancelled job is an error; a timeout is an error; a 409 "already running" is an
 * error (not attached); no progress callback; no cancel token. */
/**@{*/

/** Progress while waiting: called after every poll with the job's latest figures.
 * Return 0 to go on waiting, non-zero to stop (the wait then returns ::ABC_ERROR_CANCELLED). */
typedef int (*abc_progress_callback)(const abc_job *job, abc_job_state state, int64_t elapsed_ms,
                                     int64_t rows_synced, int64_t bytes_synced, void *user_data);

/** @param[out] out new options, freed with abc_sync_options_free(). */
ABC_API abc_status abc_sync_options_new(abc_sync_options **out, abc_error **error);
ABC_API void abc_sync_options_free(abc_sync_options *options);
/** 1 (default): abc_run_sync() waits until the job is final. 0: it returns once started. */
ABC_API abc_status abc_sync_options_set_wait(abc_sync_options *options, int wait,
                                             abc_error **error);
/** Longest time a wait may take, 1..(30 days) ms. */
ABC_API abc_status abc_sync_options_set_timeout_ms(abc_sync_options *options, int64_t timeout_ms,
                                                   abc_error **error);
/** 1 (default): a job that ends failed or cancelled makes the call fail with
 * ::ABC_ERROR_SYNC_FAILED. 0: the call succeeds and the caller reads the state. */
ABC_API abc_status abc_sync_options_set_fail_on_sync_failure(abc_sync_options *options, int fail,
                                                             abc_error **error);
/** 1 (default): a wait that times out fails with ::ABC_ERROR_WAIT_TIMEOUT. 0: it succeeds with
 * the job still running. */
ABC_API abc_status abc_sync_options_set_fail_on_timeout(abc_sync_options *options, int fail,
                                                        abc_error **error);
/** 1: when the connection already has a running job (409), attach to that job instead of
 * failing with ::ABC_ERROR_SYNC_ALREADY_RUNNING. Default 0. */
ABC_API abc_status abc_sync_options_set_attach_if_running(abc_sync_options *options, int attach,
                                                          abc_error **error);
/** Progress callback (NULL to remove) and its user data. */
ABC_API abc_status abc_sync_options_set_progress_callback(abc_sync_options *options,
                                                          abc_progress_callback callback,
                                                          void *user_data, abc_error **error);
/** A token another thread can use to cancel the wait (not the job). Borrowed: it must outlive
 * every wait that uses these options. NULL removes it. */
ABC_API abc_status abc_sync_options_set_cancel_token(abc_sync_options *options,
                                                     abc_cancel_token *token, abc_error **error);

/** @param[out] out new token, freed with abc_cancel_token_free(). */
ABC_API abc_status abc_cancel_token_new(abc_cancel_token **out, abc_error **error);
ABC_API void abc_cancel_token_free(abc_cancel_token *token);
/** Cancels every wait using this token, now and later; wakes a waiting thread at once.
 * Thread-safe. */
ABC_API void abc_cancel_token_cancel(abc_cancel_token *token);
/** 1 once cancelled. Thread-safe. */
ABC_API int abc_cancel_token_is_cancelled(const abc_cancel_token *token);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Sync jobs
 * A job handle holds the latest snapshot of one job. The getters read that snapshot (no
 * request); abc_job_refresh() and the waits update it. Borrowed strings live until the handle is
 * freed or its snapshot is updated. */
/**@{*/

/** Starts a sync on a connection (POST /jobs, jobType sync) and, unless `options` say not to,
 * waits until the job is final.
 *
 * Starting is never retried in a way that could create a second job: POST /jobs is resent only
 * when the request provably never reached the server.
 *
 * @param[out] out the job, freed with abc_job_free(). Set on ::ABC_OK and also when the sync
 *        started but the wait failed (::ABC_ERROR_SYNC_FAILED, ::ABC_ERROR_WAIT_TIMEOUT,
 *        ::ABC_ERROR_CANCELLED, or a transport error while polling): the job goes on on the
 *        server and the caller keeps the handle. NULL on every other failure.
 * @param options NULL for defaults. */
ABC_API abc_status abc_run_sync(abc_job **out, abc_workspace *workspace, const char *connection_id,
                                const abc_sync_options *options, abc_error **error);

/** Fetches job `job_id` (GET /jobs/{id}).
 * @param[out] out new handle, freed with abc_job_free(). The workspace must outlive it. */
ABC_API abc_status abc_job_get(abc_job **out, abc_workspace *workspace, int64_t job_id,
                               abc_error **error);
ABC_API void abc_job_free(abc_job *job);
/** Fetches the job's current snapshot from the server. */
ABC_API abc_status abc_job_refresh(abc_job *job, abc_error **error);

/** The job id. */
ABC_API int64_t abc_job_id(const abc_job *job);
/** The job's state in the latest snapshot (::ABC_JOB_STATE_UNKNOWN for NULL). */
ABC_API abc_job_state abc_job_status(const abc_job *job);
/** 1 when the snapshot's state is final. */
ABC_API int abc_job_is_complete(const abc_job *job);
/** The job type ("sync", "reset", "clear"...). Borrowed. */
ABC_API const char *abc_job_type(const abc_job *job);
/** The connection the job runs on. Borrowed. */
ABC_API const char *abc_job_connection_id(const abc_job *job);
/** Records synced so far (0 when the API reports none). */
ABC_API int64_t abc_job_rows_synced(const abc_job *job);
/** Bytes synced so far (0 when the API reports none). */
ABC_API int64_t abc_job_bytes_synced(const abc_job *job);
/** Start time as Unix seconds (0 when unknown). */
ABC_API int64_t abc_job_start_time(const abc_job *job);
/** Start time as the API's ISO-8601 text ("" when unknown). Borrowed. */
ABC_API const char *abc_job_start_time_text(const abc_job *job);
/** Last update as Unix seconds; the API sets it only once the job is final (0 before). */
ABC_API int64_t abc_job_last_updated_time(const abc_job *job);
/** Duration in milliseconds from the API's ISO-8601 duration (0 while pending/unknown). */
ABC_API int64_t abc_job_duration_ms(const abc_job *job);
/** The job's web UI address. Borrowed. */
ABC_API const char *abc_job_url(const abc_job *job);

/** ::ABC_ERROR_SYNC_FAILED (with job id, connection id and state in the error) when the
 * snapshot's state is failed or cancelled; ::ABC_OK otherwise. No request. */
ABC_API abc_status abc_job_check_failure(const abc_job *job, abc_error **error);
/** Polls until the job is final, per `options` (NULL for defaults; the wait/attach settings are
 * ignored). Polling starts fast and backs off to the configured cap. */
ABC_API abc_status abc_job_wait(abc_job *job, const abc_sync_options *options, abc_error **error);
/** Asks the server to cancel the job (DELETE /jobs/{id}) and updates the snapshot. */
ABC_API abc_status abc_job_cancel(abc_job *job, abc_error **error);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Job history */
/**@{*/

/** The connection's sync jobs, newest first (GET /jobs?connectionId=..&orderBy=createdAt|DESC).
 * @param limit 1..100 jobs per call; @param offset 0.. jobs to skip.
 * @param[out] out new list, freed with abc_job_list_free(). */
ABC_API abc_status abc_connection_list_jobs(abc_job_list **out, abc_connection *connection,
                                            int limit, int64_t offset, abc_error **error);
/** The connection's most recent sync job.
 * @param[out] out new handle, or NULL (with ::ABC_OK) when the connection has no sync job. */
ABC_API abc_status abc_connection_latest_job(abc_job **out, abc_connection *connection,
                                             abc_error **error);
/** Number of jobs in the list. */
ABC_API size_t abc_job_list_count(const abc_job_list *list);
/** A copy of job `index` (< count) as its own handle.
 * @param[out] out new handle, freed with abc_job_free(); independent of the list. */
ABC_API abc_status abc_job_list_get(abc_job **out, const abc_job_list *list, size_t index,
                                    abc_error **error);
ABC_API void abc_job_list_free(abc_job_list *list);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Waiting for many jobs
 * One thread waits for any number of jobs: each round polls all unfinished jobs concurrently
 * over the shared keep-alive connections, and abc_waiter_next() hands back each job as it
 * becomes final. */
/**@{*/

/** @param[out] out new waiter, freed with abc_waiter_free(). The workspace must outlive it. */
ABC_API abc_status abc_waiter_new(abc_waiter **out, abc_workspace *workspace, abc_error **error);
ABC_API void abc_waiter_free(abc_waiter *waiter);
/** Adds a job to wait for. The job is borrowed: it must outlive the waiter, and the waiter
 * updates its snapshot. @param[out] out_index the job's position, counting from 0 in add order
 * (may be NULL). */
ABC_API abc_status abc_waiter_add(abc_waiter *waiter, abc_job *job, size_t *out_index,
                                  abc_error **error);
/** Number of added jobs that are not yet final. */
ABC_API size_t abc_waiter_pending_count(const abc_waiter *waiter);
/** Blocks until one more added job is final and reports it. Jobs are reported once each.
 * @param[out] out_index position of the finished job (as abc_waiter_add() gave it).
 * @param timeout_ms how long to wait at most, 1.. ms.
 * @return ::ABC_OK with *out_index set; ::ABC_ERROR_NOT_FOUND when no unreported job is left;
 *         ::ABC_ERROR_WAIT_TIMEOUT when none finished in time; ::ABC_ERROR_CANCELLED when the
 *         cancel token (may be NULL) was cancelled. Failed jobs are reported like any other:
 *         read their state with abc_job_status(). */
ABC_API abc_status abc_waiter_next(size_t *out_index, abc_waiter *waiter, int64_t timeout_ms,
                                   abc_cancel_token *cancel_token, abc_error **error);
/**@}*/

/* ========================================================================================== */
/* ===== Managing resources: sources, destinations, connections, workspaces, streams ========= */
/* ========================================================================================== */
/**
 * @name Managing resources: conventions
 * Create, read, list, change and delete what a workspace holds.
 *
 * - **Configurations are JSON text** at this boundary, in and out: no C struct per connector.
 *   Input JSON is checked before anything is sent; a malformed one gives
 *   ::ABC_ERROR_INVALID_ARGUMENT naming the argument and the byte offset. Configurations read back
 *   are as the server returns them: secrets masked as "**********", and (on the real server)
 *   without the `sourceType` / `destinationType` discriminator.
 * - **Snapshots.** ::abc_source, ::abc_destination and ::abc_workspace_info hold what one response
 *   said; their getters send no request and return borrowed strings that live until the handle is
 *   freed or its snapshot changes (refresh, rename, update, replace). A NULL handle gives "" / 0.
 * - **Lists** (`abc_*_list`) hold every page, fetched at once with `limit` 100 (or the page size
 *   set in ::abc_list_options) and `offset` += limit until a page is empty or shorter than the
 *   limit. **Iterators** (`abc_*_iterator`) fetch one page at a time as their `_next()` needs it;
 *   `_next()` returns ::ABC_OK with `*out` NULL at the end. After a failed `_next()` nothing has
 *   advanced: calling it again retries the same page. If the server's list changes during a walk,
 *   an item may be skipped or seen twice (the API pages by offset). Both are usable from SWIG:
 *   every item comes out as a new handle the caller owns.
 * - **Server-side rejections** (400, 422) give ::ABC_ERROR_API with the problem's detail in
 *   abc_error_problem_detail().
 * - **Threading**: as for the other handles (see the threading contract); lists, iterators and
 *   specs are used by one thread at a time.
 */
/**@{*/

/** Whether a delete first checks that each resource it removes is named as disposable: its name
 * contains "deleteme" or "delete-me" in any letter case (as PyAirbyte's safe mode). A refused
 * delete deletes nothing and fails with ::ABC_ERROR_REFUSED, saying which names failed and how to
 * override. Values are part of the ABI. */
typedef enum abc_safe_mode {
    /** On for a cascading delete (it removes resources the caller did not name), off for the
     * delete of the one resource named. */
    ABC_SAFE_MODE_DEFAULT = 0,
    ABC_SAFE_MODE_ON = 1,  /**< Check every resource the call deletes. */
    ABC_SAFE_MODE_OFF = 2  /**< Delete without checking names. */
} abc_safe_mode;

/** Airbyte's definition id of destination-motherduck. The API cannot look MotherDuck up by type
 * name, so abc_destination_create() sends this id for a "motherduck" destination. */
#define ABC_MOTHERDUCK_DEFINITION_ID "042ee9b5-eb98-4e99-a4e5-3f0d573bee66"

typedef struct abc_list_options abc_list_options;
typedef struct abc_source abc_source;
typedef struct abc_source_list abc_source_list;
typedef struct abc_source_iterator abc_source_iterator;
typedef struct abc_destination abc_destination;
typedef struct abc_destination_list abc_destination_list;
typedef struct abc_destination_iterator abc_destination_iterator;
typedef struct abc_connection_spec abc_connection_spec;
typedef struct abc_connection_list abc_connection_list;
typedef struct abc_connection_iterator abc_connection_iterator;
typedef struct abc_workspace_info abc_workspace_info;
typedef struct abc_workspace_info_list abc_workspace_info_list;
typedef struct abc_workspace_info_iterator abc_workspace_info_iterator;
typedef struct abc_stream_catalog abc_stream_catalog;

/** 1 when `name` marks a resource as disposable for safe mode (contains "deleteme" or
 * "delete-me", any letter case), else 0. NULL gives 0. */
ABC_API int abc_name_is_disposable(const char *name);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name List options
 * Which items a list or iterator hands out and how it pages. Create, set, pass (the call copies
 * them), free. Defaults: every item, 100 per page, deleted ones left out. The API has no name
 * filter: names are matched here, on each page as it arrives. */
/**@{*/

/** @param[out] out new options, freed with abc_list_options_free(). */
ABC_API abc_status abc_list_options_new(abc_list_options **out, abc_error **error);
ABC_API void abc_list_options_free(abc_list_options *options);
/** Only items named exactly `name` (byte for byte). NULL removes this filter. */
ABC_API abc_status abc_list_options_set_name(abc_list_options *options, const char *name,
                                             abc_error **error);
/** Only items whose name contains `text`, ignoring ASCII letter case. NULL removes this filter. */
ABC_API abc_status abc_list_options_set_name_contains(abc_list_options *options, const char *text,
                                                      abc_error **error);
/** Items asked for per request, 1..100 (the API's maximum; default 100). */
ABC_API abc_status abc_list_options_set_page_size(abc_list_options *options, int page_size,
                                                  abc_error **error);
/** 1: include deleted items (the API's includeDeleted). Default 0. */
ABC_API abc_status abc_list_options_set_include_deleted(abc_list_options *options, int include,
                                                        abc_error **error);
/** 1 when an item named `name` passes the name filters of `options` (NULL options: 1; NULL
 * name: 0). No request; the same test the lists apply. */
ABC_API int abc_list_options_matches(const abc_list_options *options, const char *name);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Sources */
/**@{*/

/** Creates a source (POST /sources). Never resent in a way that could create two.
 * @param[out] out the new source's snapshot, freed with abc_source_free().
 * @param name a non-blank name.
 * @param source_type the connector, e.g. "faker", "postgres" (sent as configuration.sourceType);
 *        NULL to rely on `definition_id` or on the configuration's own "sourceType".
 * @param definition_id the connector definition's UUID; NULL when `source_type` says it.
 * @param configuration_json the connector configuration, a JSON object; "sourceType" is added
 *        when missing and must agree with `source_type` when present. */
ABC_API abc_status abc_source_create(abc_source **out, abc_workspace *workspace, const char *name,
                                     const char *source_type, const char *definition_id,
                                     const char *configuration_json, abc_error **error);
/** Fetches a source now (GET /sources/{id}); secrets come back masked.
 * @param[out] out new snapshot, freed with abc_source_free(). The workspace must outlive it. */
ABC_API abc_status abc_source_get(abc_source **out, abc_workspace *workspace,
                                  const char *source_id, abc_error **error);
ABC_API void abc_source_free(abc_source *source);
/** Fetches the source again and replaces the snapshot. */
ABC_API abc_status abc_source_refresh(abc_source *source, abc_error **error);
/** The source id. Borrowed. */
ABC_API const char *abc_source_id(const abc_source *source);
/** The name. Borrowed. */
ABC_API const char *abc_source_name(const abc_source *source);
/** The connector type ("faker"...), as the server reports it. Borrowed. */
ABC_API const char *abc_source_type(const abc_source *source);
/** The connector definition id. Borrowed. */
ABC_API const char *abc_source_definition_id(const abc_source *source);
/** The workspace the source belongs to. Borrowed. */
ABC_API const char *abc_source_workspace_id(const abc_source *source);
/** The configuration as compact JSON text, secrets masked. Borrowed. */
ABC_API const char *abc_source_configuration(const abc_source *source);
/** Creation time as Unix seconds (0 when unknown). */
ABC_API int64_t abc_source_created_at(const abc_source *source);
/** Renames the source (PATCH) and updates the snapshot. */
ABC_API abc_status abc_source_rename(abc_source *source, const char *name, abc_error **error);
/** Changes configuration fields (PATCH): the fields given replace the stored ones, the others
 * stay. "sourceType" is added from the snapshot when missing. Updates the snapshot. */
ABC_API abc_status abc_source_update_configuration(abc_source *source,
                                                   const char *configuration_json,
                                                   abc_error **error);
/** Replaces name and whole configuration (PUT). Masked secrets ("**********") sent back keep
 * their stored values. Updates the snapshot. */
ABC_API abc_status abc_source_replace(abc_source *source, const char *name,
                                      const char *configuration_json, abc_error **error);
/** Deletes a source (DELETE /sources/{id}). Airbyte also deletes the connections that use it.
 * @param safe_mode ::ABC_SAFE_MODE_ON first fetches the source and refuses unless its name is
 *        disposable; ::ABC_SAFE_MODE_DEFAULT and ::ABC_SAFE_MODE_OFF do not check. */
ABC_API abc_status abc_source_delete(abc_workspace *workspace, const char *source_id,
                                     abc_safe_mode safe_mode, abc_error **error);

/** Every source of the workspace passing `options` (NULL: all), all pages fetched now.
 * @param[out] out new list, freed with abc_source_list_free(). */
ABC_API abc_status abc_workspace_list_sources(abc_source_list **out, abc_workspace *workspace,
                                              const abc_list_options *options, abc_error **error);
/** Number of sources in the list. */
ABC_API size_t abc_source_list_count(const abc_source_list *list);
/** Source `index` (< count) as a new snapshot handle the caller frees with abc_source_free();
 * independent of the list. */
ABC_API abc_status abc_source_list_get(abc_source **out, const abc_source_list *list,
                                       size_t index, abc_error **error);
ABC_API void abc_source_list_free(abc_source_list *list);
/** A lazy walk over the workspace's sources passing `options` (NULL: all). No request yet.
 * @param[out] out new iterator, freed with abc_source_iterator_free(). The workspace must
 *        outlive it. */
ABC_API abc_status abc_workspace_iterate_sources(abc_source_iterator **out,
                                                 abc_workspace *workspace,
                                                 const abc_list_options *options,
                                                 abc_error **error);
/** The next source, fetching the next page when needed.
 * @param[out] out a new snapshot the caller frees with abc_source_free(), or NULL (with
 *        ::ABC_OK) at the end. */
ABC_API abc_status abc_source_iterator_next(abc_source **out, abc_source_iterator *iterator,
                                            abc_error **error);
ABC_API void abc_source_iterator_free(abc_source_iterator *iterator);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Destinations
 * As sources. A destination of type "motherduck" is created with ::ABC_MOTHERDUCK_DEFINITION_ID
 * (the API's type lookup lacks it), and its type reads back as "motherduck" even where the
 * server reports "". */
/**@{*/

/** Creates a destination (POST /destinations). Never resent in a way that could create two.
 * @param[out] out the new destination's snapshot, freed with abc_destination_free().
 * @param name a non-blank name.
 * @param destination_type e.g. "postgres", "snowflake", "bigquery", "duckdb", "motherduck";
 *        NULL to rely on `definition_id` or on the configuration's own "destinationType". A type
 *        the API's schema does not list gives ::ABC_ERROR_INVALID_ARGUMENT unless
 *        `definition_id` is given.
 * @param definition_id the connector definition's UUID, or NULL.
 * @param configuration_json a JSON object, e.g. from an abc_destination_config_*() builder;
 *        "destinationType" is added when missing and must agree with `destination_type`. */
ABC_API abc_status abc_destination_create(abc_destination **out, abc_workspace *workspace,
                                          const char *name, const char *destination_type,
                                          const char *definition_id,
                                          const char *configuration_json, abc_error **error);
/** Fetches a destination now (GET /destinations/{id}); secrets come back masked.
 * @param[out] out new snapshot, freed with abc_destination_free(). */
ABC_API abc_status abc_destination_get(abc_destination **out, abc_workspace *workspace,
                                       const char *destination_id, abc_error **error);
ABC_API void abc_destination_free(abc_destination *destination);
/** Fetches the destination again and replaces the snapshot. */
ABC_API abc_status abc_destination_refresh(abc_destination *destination, abc_error **error);
/** The destination id. Borrowed. */
ABC_API const char *abc_destination_id(const abc_destination *destination);
/** The name. Borrowed. */
ABC_API const char *abc_destination_name(const abc_destination *destination);
/** The connector type ("postgres", "motherduck"...). Borrowed. */
ABC_API const char *abc_destination_type(const abc_destination *destination);
/** The connector definition id. Borrowed. */
ABC_API const char *abc_destination_definition_id(const abc_destination *destination);
/** The workspace the destination belongs to. Borrowed. */
ABC_API const char *abc_destination_workspace_id(const abc_destination *destination);
/** The configuration as compact JSON text, secrets masked. Borrowed. */
ABC_API const char *abc_destination_configuration(const abc_destination *destination);
/** Creation time as Unix seconds (0 when unknown). */
ABC_API int64_t abc_destination_created_at(const abc_destination *destination);
/** Renames the destination (PATCH) and updates the snapshot. */
ABC_API abc_status abc_destination_rename(abc_destination *destination, const char *name,
                                          abc_error **error);
/** Changes configuration fields (PATCH); "destinationType" is added from the snapshot when
 * missing. Updates the snapshot. */
ABC_API abc_status abc_destination_update_configuration(abc_destination *destination,
                                                        const char *configuration_json,
                                                        abc_error **error);
/** Replaces name and whole configuration (PUT). Updates the snapshot. */
ABC_API abc_status abc_destination_replace(abc_destination *destination, const char *name,
                                           const char *configuration_json, abc_error **error);
/** Deletes a destination (DELETE /destinations/{id}); Airbyte also deletes the connections that
 * use it. @param safe_mode as for abc_source_delete(). */
ABC_API abc_status abc_destination_delete(abc_workspace *workspace, const char *destination_id,
                                          abc_safe_mode safe_mode, abc_error **error);

/** Every destination of the workspace passing `options` (NULL: all), all pages fetched now.
 * @param[out] out new list, freed with abc_destination_list_free(). */
ABC_API abc_status abc_workspace_list_destinations(abc_destination_list **out,
                                                   abc_workspace *workspace,
                                                   const abc_list_options *options,
                                                   abc_error **error);
ABC_API size_t abc_destination_list_count(const abc_destination_list *list);
/** Destination `index` (< count) as a new snapshot handle, freed with abc_destination_free(). */
ABC_API abc_status abc_destination_list_get(abc_destination **out,
                                            const abc_destination_list *list, size_t index,
                                            abc_error **error);
ABC_API void abc_destination_list_free(abc_destination_list *list);
/** A lazy walk over the workspace's destinations. No request yet.
 * @param[out] out new iterator, freed with abc_destination_iterator_free(). */
ABC_API abc_status abc_workspace_iterate_destinations(abc_destination_iterator **out,
                                                      abc_workspace *workspace,
                                                      const abc_list_options *options,
                                                      abc_error **error);
/** @param[out] out a new snapshot (abc_destination_free()), or NULL with ::ABC_OK at the end. */
ABC_API abc_status abc_destination_iterator_next(abc_destination **out,
                                                 abc_destination_iterator *iterator,
                                                 abc_error **error);
ABC_API void abc_destination_iterator_free(abc_destination_iterator *iterator);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Destination configuration builders
 * The configuration JSON the API expects for the warehouses PyAirbyte deploys its caches to, from
 * typed settings: pass the result to abc_destination_create(). Each returns compact JSON with
 * "destinationType" first.
 * @param[out] out_json a new string the caller frees with abc_string_free(). It holds the secrets
 *        given: do not log it.
 * Required text arguments must be non-empty; optional ones may be NULL (or "") to leave them out.
 * A bad setting gives ::ABC_ERROR_INVALID_ARGUMENT naming the argument. */
/**@{*/

/** destination-postgres. @param port 1..65535. @param schema e.g. "public".
 * @param password optional. @param ssl_mode optional: "disable", "allow", "prefer" or "require"
 *        (the verify modes need certificates: write that JSON yourself). */
ABC_API abc_status abc_destination_config_postgres(char **out_json, const char *host, int port,
                                                   const char *database, const char *schema,
                                                   const char *username, const char *password,
                                                   const char *ssl_mode, abc_error **error);
/** destination-snowflake with username and password.
 * @param host the account's host, e.g. "accountname.snowflakecomputing.com" (not a URL). */
ABC_API abc_status abc_destination_config_snowflake_password(
    char **out_json, const char *host, const char *role, const char *warehouse,
    const char *database, const char *schema, const char *username, const char *password,
    abc_error **error);
/** destination-snowflake with key-pair authentication.
 * @param private_key the PEM text of the key ("-----BEGIN ... PRIVATE KEY-----"), not a path.
 * @param private_key_password the key's passphrase, or NULL. */
ABC_API abc_status abc_destination_config_snowflake_key_pair(
    char **out_json, const char *host, const char *role, const char *warehouse,
    const char *database, const char *schema, const char *username, const char *private_key,
    const char *private_key_password, abc_error **error);
/** destination-bigquery. @param dataset_location e.g. "US", "EU", "europe-west1".
 * @param credentials_json the service-account key file's content (a JSON object, checked), or
 *        NULL where the server has its own credentials (self-managed). */
ABC_API abc_status abc_destination_config_bigquery(char **out_json, const char *project_id,
                                                   const char *dataset_id,
                                                   const char *dataset_location,
                                                   const char *credentials_json,
                                                   abc_error **error);
/** destination-duckdb. @param destination_path e.g. "/local/file.duckdb", or "md:<db>" for
 * MotherDuck (then `motherduck_api_key` is required). @param schema optional ("main").
 * @param motherduck_api_key optional. */
ABC_API abc_status abc_destination_config_duckdb(char **out_json, const char *destination_path,
                                                 const char *schema,
                                                 const char *motherduck_api_key,
                                                 abc_error **error);
/** destination-motherduck. @param database optional: the MotherDuck database (destination_path
 * "md:<database>"; NULL gives "md:", MotherDuck's default database). @param schema optional. */
ABC_API abc_status abc_destination_config_motherduck(char **out_json,
                                                     const char *motherduck_api_key,
                                                     const char *database, const char *schema,
                                                     abc_error **error);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Creating, changing and deleting connections
 * An ::abc_connection_spec holds the fields of a connection to create, or the changes to make to
 * one. Each setter checks its input at once (the error names the argument); a later call of the
 * same setter replaces the earlier value, except add_stream, which adds. */
/**@{*/

/** @param[out] out a new, empty spec, freed with abc_connection_spec_free(). */
ABC_API abc_status abc_connection_spec_new(abc_connection_spec **out, abc_error **error);
ABC_API void abc_connection_spec_free(abc_connection_spec *spec);
/** The connection's name (non-blank). Required to create. */
ABC_API abc_status abc_connection_spec_set_name(abc_connection_spec *spec, const char *name,
                                                abc_error **error);
/** The source's id (a UUID). Required to create; cannot be changed by an update. */
ABC_API abc_status abc_connection_spec_set_source_id(abc_connection_spec *spec,
                                                     const char *source_id, abc_error **error);
/** The destination's id (a UUID). Required to create; cannot be changed by an update. */
ABC_API abc_status abc_connection_spec_set_destination_id(abc_connection_spec *spec,
                                                          const char *destination_id,
                                                          abc_error **error);
/** Selects a stream. The streams added are the connection's whole selection: for an update they
 * replace the current one. With none added, a create leaves the choice to the server.
 * @param stream_name the stream, e.g. from abc_stream_catalog_name(); each only once.
 * @param sync_mode NULL for the server's default, or a ConnectionSyncModeEnum value:
 *        "full_refresh_overwrite", "full_refresh_overwrite_deduped", "full_refresh_append",
 *        "full_refresh_update", "full_refresh_soft_delete", "incremental_append",
 *        "incremental_deduped_history", "incremental_update", "incremental_soft_delete".
 * @param cursor_field NULL for the source's default; a top-level field name ("updated_at"); or
 *        a JSON array of strings for a nested path (["meta","updated_at"]).
 * @param primary_key NULL for the source's default; a top-level field name ("id"); or a JSON
 *        array of paths ([["id"],["region"]]). */
ABC_API abc_status abc_connection_spec_add_stream(abc_connection_spec *spec,
                                                  const char *stream_name, const char *sync_mode,
                                                  const char *cursor_field,
                                                  const char *primary_key, abc_error **error);
/** Prefix of the destination tables ("" for none), e.g. "airbyte_". */
ABC_API abc_status abc_connection_spec_set_prefix(abc_connection_spec *spec, const char *prefix,
                                                  abc_error **error);
/** Syncs only when started (abc_run_sync()). */
ABC_API abc_status abc_connection_spec_set_schedule_manual(abc_connection_spec *spec,
                                                           abc_error **error);
/** Syncs on a Quartz cron schedule: 6 or 7 fields, seconds first, e.g. "0 0 12 * * ?". */
ABC_API abc_status abc_connection_spec_set_schedule_cron(abc_connection_spec *spec,
                                                         const char *cron_expression,
                                                         abc_error **error);
/** Where the destination puts the data: `namespace_definition` "source", "destination" or
 * "custom_format"; `namespace_format` (e.g. "${SOURCE_NAMESPACE}_raw") is required with
 * "custom_format" and must be NULL otherwise. */
ABC_API abc_status abc_connection_spec_set_namespace(abc_connection_spec *spec,
                                                     const char *namespace_definition,
                                                     const char *namespace_format,
                                                     abc_error **error);
/** "active" (enabled) or "inactive" (disabled). */
ABC_API abc_status abc_connection_spec_set_status(abc_connection_spec *spec, const char *status,
                                                  abc_error **error);
/** The POST /connections body the spec makes, checking that name, source and destination are
 * set. No request. @param[out] out_json a new string, freed with abc_string_free(). */
ABC_API abc_status abc_connection_spec_to_json(char **out_json, const abc_connection_spec *spec,
                                               abc_error **error);

/** Creates a connection (POST /connections). Never resent in a way that could create two.
 * @param[out] out a connection handle holding the created connection's details (no further
 *        request for its getters), freed with abc_connection_free(). */
ABC_API abc_status abc_connection_create(abc_connection **out, abc_workspace *workspace,
                                         const abc_connection_spec *spec, abc_error **error);
/** Changes a connection (PATCH /connections/{id}) by the fields set in `changes`: name, streams,
 * prefix, schedule, namespace, status. Setting the source or destination id, or nothing, gives
 * ::ABC_ERROR_INVALID_ARGUMENT before any request. The handle's details become the response. */
ABC_API abc_status abc_connection_update(abc_connection *connection,
                                         const abc_connection_spec *changes, abc_error **error);
/** Deletes a connection and, with `cascade` 1, its source and destination afterwards.
 * Safe mode (on by default for cascades) fetches the resources first and deletes nothing unless
 * each one to delete is named as disposable and, for a cascade, neither the source nor the
 * destination is used by another connection (deleting it would delete that one too). A cascade
 * skips a source or destination that is already gone. If a cascaded delete fails after the
 * connection was deleted, the error says what remains. */
ABC_API abc_status abc_connection_delete(abc_workspace *workspace, const char *connection_id,
                                         int cascade, abc_safe_mode safe_mode, abc_error **error);

/** The schedule type: "manual", "cron" or "basic". Borrowed (as abc_connection_name()). */
ABC_API abc_status abc_connection_schedule_type(const char **out, abc_connection *connection,
                                                abc_error **error);
/** The cron expression ("" unless the schedule is cron). Borrowed. */
ABC_API abc_status abc_connection_cron_expression(const char **out, abc_connection *connection,
                                                  abc_error **error);
/** The namespace definition ("source", "destination", "custom_format"). Borrowed. */
ABC_API abc_status abc_connection_namespace_definition(const char **out,
                                                       abc_connection *connection,
                                                       abc_error **error);
/** The whole connection as the API returned it, compact JSON (streams with their sync modes,
 * cursors and keys; schedule; tags...). Borrowed. */
ABC_API abc_status abc_connection_json(const char **out, abc_connection *connection,
                                       abc_error **error);

/** Every connection of the workspace passing `options` (NULL: all), all pages fetched now.
 * @param[out] out new list, freed with abc_connection_list_free(). */
ABC_API abc_status abc_workspace_list_connections(abc_connection_list **out,
                                                  abc_workspace *workspace,
                                                  const abc_list_options *options,
                                                  abc_error **error);
ABC_API size_t abc_connection_list_count(const abc_connection_list *list);
/** Connection `index` (< count) as a new connection handle holding its listed details, freed
 * with abc_connection_free(). */
ABC_API abc_status abc_connection_list_get(abc_connection **out, const abc_connection_list *list,
                                           size_t index, abc_error **error);
ABC_API void abc_connection_list_free(abc_connection_list *list);
/** A lazy walk over the workspace's connections. No request yet.
 * @param[out] out new iterator, freed with abc_connection_iterator_free(). */
ABC_API abc_status abc_workspace_iterate_connections(abc_connection_iterator **out,
                                                     abc_workspace *workspace,
                                                     const abc_list_options *options,
                                                     abc_error **error);
/** @param[out] out a new connection handle (abc_connection_free()), or NULL with ::ABC_OK at the
 * end. */
ABC_API abc_status abc_connection_iterator_next(abc_connection **out,
                                                abc_connection_iterator *iterator,
                                                abc_error **error);
ABC_API void abc_connection_iterator_free(abc_connection_iterator *iterator);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Workspaces
 * Details of workspaces the credentials can reach. An ::abc_workspace_info is a snapshot; to work
 * in a listed workspace, make an ::abc_workspace with its id. */
/**@{*/

/** Fetches a workspace's details (GET /workspaces/{id}).
 * @param workspace_id NULL for the workspace of `workspace` itself.
 * @param[out] out new snapshot, freed with abc_workspace_info_free(). */
ABC_API abc_status abc_workspace_info_get(abc_workspace_info **out, abc_workspace *workspace,
                                          const char *workspace_id, abc_error **error);
ABC_API void abc_workspace_info_free(abc_workspace_info *info);
/** The workspace id. Borrowed. */
ABC_API const char *abc_workspace_info_id(const abc_workspace_info *info);
/** The workspace's name. Borrowed. */
ABC_API const char *abc_workspace_info_name(const abc_workspace_info *info);
/** The data residency ("auto", "us", "eu"...). Borrowed. */
ABC_API const char *abc_workspace_info_data_residency(const abc_workspace_info *info);
/** The name of the workspace of `workspace` (one GET each call).
 * @param[out] out a new string the caller frees with abc_string_free(). */
ABC_API abc_status abc_workspace_name(char **out, abc_workspace *workspace, abc_error **error);

/** Every workspace the credentials can reach passing `options` (NULL: all), all pages now.
 * @param[out] out new list, freed with abc_workspace_info_list_free(). */
ABC_API abc_status abc_workspace_list_workspaces(abc_workspace_info_list **out,
                                                 abc_workspace *workspace,
                                                 const abc_list_options *options,
                                                 abc_error **error);
ABC_API size_t abc_workspace_info_list_count(const abc_workspace_info_list *list);
/** Workspace `index` (< count) as a new snapshot, freed with abc_workspace_info_free(). */
ABC_API abc_status abc_workspace_info_list_get(abc_workspace_info **out,
                                               const abc_workspace_info_list *list, size_t index,
                                               abc_error **error);
ABC_API void abc_workspace_info_list_free(abc_workspace_info_list *list);
/** A lazy walk over the workspaces the credentials can reach. No request yet.
 * @param[out] out new iterator, freed with abc_workspace_info_iterator_free(). */
ABC_API abc_status abc_workspace_iterate_workspaces(abc_workspace_info_iterator **out,
                                                    abc_workspace *workspace,
                                                    const abc_list_options *options,
                                                    abc_error **error);
/** @param[out] out a new snapshot (abc_workspace_info_free()), or NULL with ::ABC_OK at the end. */
ABC_API abc_status abc_workspace_info_iterator_next(abc_workspace_info **out,
                                                    abc_workspace_info_iterator *iterator,
                                                    abc_error **error);
ABC_API void abc_workspace_info_iterator_free(abc_workspace_info_iterator *iterator);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Streams
 * What a source offers (GET /streams), to pick streams and sync modes before creating a
 * connection. Getters take a stream index < abc_stream_catalog_count(); borrowed strings live as
 * long as the catalog. Arrays come as compact JSON text. */
/**@{*/

/** Fetches the streams of a source.
 * @param destination_id optional (NULL): the destination, whose supported sync modes then
 *        narrow the list.
 * @param[out] out new catalog, freed with abc_stream_catalog_free(). */
ABC_API abc_status abc_stream_catalog_get(abc_stream_catalog **out, abc_workspace *workspace,
                                          const char *source_id, const char *destination_id,
                                          abc_error **error);
ABC_API void abc_stream_catalog_free(abc_stream_catalog *catalog);
/** Number of streams. */
ABC_API size_t abc_stream_catalog_count(const abc_stream_catalog *catalog);
/** @param[out] out_index the index of the stream named `stream_name`;
 * ::ABC_ERROR_NOT_FOUND when there is none. */
ABC_API abc_status abc_stream_catalog_find(size_t *out_index, const abc_stream_catalog *catalog,
                                           const char *stream_name, abc_error **error);
/** @param[out] out the stream's name. Borrowed. */
ABC_API abc_status abc_stream_catalog_name(const char **out, const abc_stream_catalog *catalog,
                                           size_t index, abc_error **error);
/** @param[out] out the stream's namespace ("" when none). Borrowed. */
ABC_API abc_status abc_stream_catalog_namespace(const char **out,
                                                const abc_stream_catalog *catalog, size_t index,
                                                abc_error **error);
/** @param[out] out_json the supported sync modes, a JSON array of strings. Borrowed. */
ABC_API abc_status abc_stream_catalog_sync_modes(const char **out_json,
                                                 const abc_stream_catalog *catalog, size_t index,
                                                 abc_error **error);
/** @param[out] out 1 when the stream supports `sync_mode`, else 0. */
ABC_API abc_status abc_stream_catalog_supports_sync_mode(int *out,
                                                         const abc_stream_catalog *catalog,
                                                         size_t index, const char *sync_mode,
                                                         abc_error **error);
/** @param[out] out_json the default cursor field, a JSON array of strings ("[]" when none).
 * Borrowed. */
ABC_API abc_status abc_stream_catalog_default_cursor(const char **out_json,
                                                     const abc_stream_catalog *catalog,
                                                     size_t index, abc_error **error);
/** @param[out] out 1 when the source defines the cursor (it cannot be chosen), else 0. */
ABC_API abc_status abc_stream_catalog_source_defined_cursor(int *out,
                                                            const abc_stream_catalog *catalog,
                                                            size_t index, abc_error **error);
/** @param[out] out_json the source-defined primary key, a JSON array of paths ("[]" when none).
 * Borrowed. */
ABC_API abc_status abc_stream_catalog_primary_key(const char **out_json,
                                                  const abc_stream_catalog *catalog,
                                                  size_t index, abc_error **error);
/**@}*/
/* ===== End of: Managing resources ========================================================== */

/* ========================================================================================== */
/* ===== Datasets: reading synced data back ================================================= */
/* ========================================================================================== */
/**
 * @name Datasets
 * Read what a sync wrote: for each stream of a connection, the destination table's SQL
 * coordinates and a streaming cursor over its rows. Postgres destinations are read with libpq,
 * Snowflake through its SQL API v2 and BigQuery through its REST API v2; no vendor SDK.
 *
 * - **Where the data is.** abc_connection_datasets() (or abc_job_datasets() for a sync's job)
 *   reads the connection and its destination from the Airbyte API and gives an ::abc_dataset_set:
 *   the destination type, database, schema, a connection URI without the password (for your own
 *   driver), and one ::abc_dataset per selected stream. A stream's table is the connection prefix
 *   plus the stream name, normalised as Airbyte's destinations do: lower-case, every character
 *   outside [a-z0-9] becomes `_`, a leading digit gets a `_` in front, and Postgres truncates to
 *   63 bytes. The connection's namespace setting decides the schema.
 * - **Secrets.** The API masks secrets ("**********"). Give the password, private key or
 *   service-account key with abc_dataset_options_set_secret() (a value),
 *   abc_dataset_options_set_secret_env() (the name of an environment variable) or
 *   abc_dataset_options_set_secret_file() (a file). Without an option, an unmasked configuration
 *   value is used, then the default environment variable of each ::abc_dataset_secret (listed
 *   there and in docs/DATASETS.md). A masked secret nothing provides is
 *   ::ABC_ERROR_INVALID_ARGUMENT with a message naming the option and the variable.
 * - **Unsupported.** A destination of another type (duckdb, s3...) gives ::ABC_ERROR_UNSUPPORTED
 *   naming the type; so does a reader this build was configured without (ABC_WITH_POSTGRES,
 *   ABC_WITH_SNOWFLAKE, ABC_WITH_BIGQUERY), naming the reader.
 * - **Values.** Every value has a portable ::abc_value_type and a canonical text form:
 *   integer/decimal/float as decimal text ("NaN", "Infinity" for non-finite floats), boolean
 *   "true"/"false", bytes as standard base64, date "YYYY-MM-DD", time "HH:MM:SS[.f]", timestamp
 *   "YYYY-MM-DDTHH:MM:SS[.f]Z" (or "+HH:MM" where the warehouse kept an offset), datetime the
 *   same without zone, json/array/record as JSON text. abc_dataset_cursor_record_json() builds
 *   one JSON object per row from these: numbers and booleans stay JSON numbers and booleans,
 *   json/array/record values are embedded, everything else is a JSON string, SQL NULL is null.
 * - **Streaming.** A cursor holds one batch (Postgres FETCH), partition (Snowflake) or page
 *   (BigQuery) at a time, so memory does not grow with the table.
 * - **Lifetimes.** A set, its datasets and their cursors are independent handles: each is freed
 *   on its own, in any order, and none needs the workspace, connection or job it came from to stay
 *   alive. Each handle is used by one thread at a time; different handles may be used at once.
 */
/**@{*/

typedef struct abc_dataset_options abc_dataset_options;
typedef struct abc_dataset_set abc_dataset_set;
typedef struct abc_dataset abc_dataset;
typedef struct abc_dataset_cursor abc_dataset_cursor;

/** A secret the Airbyte API masks and the readers need. Values are part of the ABI. Each has a
 * default environment variable, consulted when no option sets it and the configuration's value
 * is masked or absent. */
typedef enum abc_dataset_secret {
    /** Postgres password. Default variable AIRBYTE_CLOUD_POSTGRES_PASSWORD. */
    ABC_DATASET_SECRET_PASSWORD = 1,
    /** Snowflake key-pair private key, PEM (PKCS#8, encrypted PKCS#8 or PKCS#1). Default
     * variable AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY (the PEM text itself). */
    ABC_DATASET_SECRET_PRIVATE_KEY = 2,
    /** Passphrase of an encrypted Snowflake private key. Default variable
     * AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE. */
    ABC_DATASET_SECRET_PRIVATE_KEY_PASSPHRASE = 3,
    /** Snowflake OAuth access token (sent with token type OAUTH). Default variable
     * AIRBYTE_CLOUD_SNOWFLAKE_OAUTH_TOKEN. */
    ABC_DATASET_SECRET_OAUTH_TOKEN = 4,
    /** Snowflake programmatic access token (token type PROGRAMMATIC_ACCESS_TOKEN). Default
     * variable AIRBYTE_CLOUD_SNOWFLAKE_PAT. */
    ABC_DATASET_SECRET_PROGRAMMATIC_ACCESS_TOKEN = 5,
    /** BigQuery service-account key file content (JSON). Default variable
     * AIRBYTE_CLOUD_BIGQUERY_CREDENTIALS_JSON, then the file named by
     * GOOGLE_APPLICATION_CREDENTIALS. */
    ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON = 6,
    /** Postgres SSL client key, PEM (ssl_mode verify-full). Default variable
     * AIRBYTE_CLOUD_POSTGRES_SSL_CLIENT_KEY. */
    ABC_DATASET_SECRET_SSL_CLIENT_KEY = 7,
    /** Password of the Postgres SSL client key. Default variable
     * AIRBYTE_CLOUD_POSTGRES_SSL_CLIENT_KEY_PASSWORD. */
    ABC_DATASET_SECRET_SSL_CLIENT_KEY_PASSWORD = 8
} abc_dataset_secret;

/** Portable type of a column. Values are part of the ABI. */
typedef enum abc_value_type {
    ABC_VALUE_UNKNOWN = 0,
    ABC_VALUE_INTEGER = 1,   /**< bigint, FIXED with scale 0, INT64 */
    ABC_VALUE_DECIMAL = 2,   /**< numeric, FIXED with scale > 0, NUMERIC/BIGNUMERIC */
    ABC_VALUE_FLOAT = 3,     /**< real/double precision, REAL, FLOAT64 */
    ABC_VALUE_BOOLEAN = 4,
    ABC_VALUE_TEXT = 5,      /**< character types, uuid, and anything without a closer match */
    ABC_VALUE_BYTES = 6,     /**< bytea, BINARY, BYTES: canonical text is base64 */
    ABC_VALUE_DATE = 7,
    ABC_VALUE_TIME = 8,
    ABC_VALUE_TIMESTAMP = 9, /**< an instant: timestamptz, TIMESTAMP_LTZ/_TZ, TIMESTAMP */
    ABC_VALUE_DATETIME = 10, /**< wall clock without zone: timestamp, TIMESTAMP_NTZ, DATETIME */
    ABC_VALUE_JSON = 11,     /**< json/jsonb, VARIANT/OBJECT/ARRAY, JSON */
    ABC_VALUE_ARRAY = 12,    /**< BigQuery REPEATED: a JSON array */
    ABC_VALUE_RECORD = 13    /**< BigQuery RECORD/STRUCT: a JSON object */
} abc_value_type;

/** Static name of a value type ("integer", "timestamp"...). Never NULL; never free it. */
ABC_API const char *abc_value_type_name(abc_value_type type);

/* ---- Options ---- */

/** Settings for reading datasets. Defaults: secrets from the configuration and the default
 * environment variables; Snowflake at https://<host from the configuration>; BigQuery at
 * https://bigquery.googleapis.com/bigquery/v2 with tokens from the key's token_uri; 10000 rows per
 * page; queries may run 10 minutes; Snowflake status polls from 100 ms growing to 2 s. HTTP
 * timeouts, retries and TLS settings are the workspace's.
 * @param[out] out new options, freed with abc_dataset_options_free(). */
ABC_API abc_status abc_dataset_options_new(abc_dataset_options **out, abc_error **error);
ABC_API void abc_dataset_options_free(abc_dataset_options *options);
/** Gives `secret` as a value (copied; never logged or put into error messages). */
ABC_API abc_status abc_dataset_options_set_secret(abc_dataset_options *options,
                                                  abc_dataset_secret secret, const char *value,
                                                  abc_error **error);
/** Gives `secret` as the name of an environment variable, read when the datasets are made. An
 * unset or empty variable then fails with ::ABC_ERROR_INVALID_ARGUMENT naming it. */
ABC_API abc_status abc_dataset_options_set_secret_env(abc_dataset_options *options,
                                                      abc_dataset_secret secret,
                                                      const char *variable, abc_error **error);
/** Gives `secret` as the path of a file holding it (a PEM key, a service-account key file),
 * read when the datasets are made. */
ABC_API abc_status abc_dataset_options_set_secret_file(abc_dataset_options *options,
                                                       abc_dataset_secret secret,
                                                       const char *path, abc_error **error);
/** Snowflake account URL, e.g. "https://myorg-myacct.snowflakecomputing.com" (http:// or
 * https://). Default: https:// + the destination's host. */
ABC_API abc_status abc_dataset_options_set_snowflake_url(abc_dataset_options *options,
                                                         const char *url, abc_error **error);
/** BigQuery API root. Default "https://bigquery.googleapis.com/bigquery/v2". */
ABC_API abc_status abc_dataset_options_set_bigquery_url(abc_dataset_options *options,
                                                        const char *url, abc_error **error);
/** Where the BigQuery service-account assertion is exchanged for an access token. Default: the
 * key's token_uri (https://oauth2.googleapis.com/token). The assertion's audience stays the
 * key's token_uri. */
ABC_API abc_status abc_dataset_options_set_token_url(abc_dataset_options *options,
                                                     const char *url, abc_error **error);
/** Rows per Postgres FETCH and per BigQuery page, 1..1000000 (default 10000). Snowflake decides
 * its partition sizes itself. */
ABC_API abc_status abc_dataset_options_set_page_size(abc_dataset_options *options, int64_t rows,
                                                     abc_error **error);
/** Longest time one warehouse query may run (Snowflake statement timeout, BigQuery and Snowflake
 * polling), 1000..604800000 ms (default 600000). */
ABC_API abc_status abc_dataset_options_set_query_timeout_ms(abc_dataset_options *options,
                                                            int64_t timeout_ms,
                                                            abc_error **error);
/** How often a running Snowflake statement is polled: first after initial_ms, each interval
 * x1.5 up to max_ms. 1 <= initial_ms <= max_ms <= 60000. */
ABC_API abc_status abc_dataset_options_set_poll_interval(abc_dataset_options *options,
                                                         int64_t initial_ms, int64_t max_ms,
                                                         abc_error **error);

/* ---- Dataset sets ---- */

/** The datasets of a connection's selected streams (GET /connections/{id}, then
 * GET /destinations/{destinationId}). No warehouse query is sent yet, but secrets are resolved
 * and keys loaded now, so a missing secret fails here.
 * @param options NULL for defaults.
 * @param[out] out new set, freed with abc_dataset_set_free().
 * @return ::ABC_ERROR_UNSUPPORTED for a destination type without a reader (naming the type) or a
 *         reader this build lacks; ::ABC_ERROR_INVALID_ARGUMENT for a masked secret nothing
 *         provides (naming the option and environment variable) or an unusable key. */
ABC_API abc_status abc_connection_datasets(abc_dataset_set **out, abc_connection *connection,
                                           const abc_dataset_options *options, abc_error **error);
/** The same for the connection a job ran on: what a sync wrote, once the job succeeded.
 * @param[out] out new set, freed with abc_dataset_set_free(). */
ABC_API abc_status abc_job_datasets(abc_dataset_set **out, abc_job *job,
                                    const abc_dataset_options *options, abc_error **error);
ABC_API void abc_dataset_set_free(abc_dataset_set *set);
/** Number of streams (datasets) in the set. */
ABC_API size_t abc_dataset_set_count(const abc_dataset_set *set);
/** Name of stream `index` (< count), in the connection's order; "" when out of range. Borrowed,
 * lives as long as the set. */
ABC_API const char *abc_dataset_set_stream_name(const abc_dataset_set *set, size_t index);
/** The dataset of the stream named `stream_name`.
 * @param[out] out new handle, freed with abc_dataset_free(); independent of the set.
 * @return ::ABC_ERROR_NOT_FOUND naming the stream when the connection has no such stream. */
ABC_API abc_status abc_dataset_set_get(abc_dataset **out, const abc_dataset_set *set,
                                       const char *stream_name, abc_error **error);
/** The dataset of stream `index` (< count).
 * @param[out] out new handle, freed with abc_dataset_free(); independent of the set. */
ABC_API abc_status abc_dataset_set_at(abc_dataset **out, const abc_dataset_set *set, size_t index,
                                      abc_error **error);
/** Destination type: "postgres", "snowflake" or "bigquery". Borrowed (lives as long as the set). */
ABC_API const char *abc_dataset_set_destination_type(const abc_dataset_set *set);
/** Destination id. Borrowed. */
ABC_API const char *abc_dataset_set_destination_id(const abc_dataset_set *set);
/** Database (Postgres, Snowflake) or project (BigQuery). Borrowed. */
ABC_API const char *abc_dataset_set_database(const abc_dataset_set *set);
/** The destination's default schema (Postgres, Snowflake) or dataset (BigQuery); a stream may
 * land elsewhere under the connection's namespace rules (see abc_dataset_schema()). Borrowed. */
ABC_API const char *abc_dataset_set_schema(const abc_dataset_set *set);
/** Connection URI without password: postgresql://user@host:port/db?sslmode=...,
 * snowflake://user@account/db/schema?warehouse=..&role=.., bigquery://project/dataset. Borrowed. */
ABC_API const char *abc_dataset_set_connection_uri(const abc_dataset_set *set);

/* ---- Datasets ---- */

ABC_API void abc_dataset_free(abc_dataset *dataset);
/** The stream name as the connection lists it. Borrowed (lives as long as the dataset). */
ABC_API const char *abc_dataset_stream_name(const abc_dataset *dataset);
/** "postgres", "snowflake" or "bigquery". Borrowed. */
ABC_API const char *abc_dataset_destination_type(const abc_dataset *dataset);
/** Database (Postgres, Snowflake) or project (BigQuery). Borrowed. */
ABC_API const char *abc_dataset_database(const abc_dataset *dataset);
/** Schema (Postgres, Snowflake) or dataset (BigQuery) holding the table. Borrowed. */
ABC_API const char *abc_dataset_schema(const abc_dataset *dataset);
/** The normalised table name (prefix + stream). Borrowed. */
ABC_API const char *abc_dataset_table_name(const abc_dataset *dataset);
/** The table's name as SQL in the destination's dialect: "schema"."table" (Postgres),
 * DATABASE.SCHEMA.TABLE (Snowflake), `project.dataset.table` (BigQuery). Borrowed. */
ABC_API const char *abc_dataset_qualified_name(const abc_dataset *dataset);
/** Connection URI without password (as abc_dataset_set_connection_uri()). Borrowed. */
ABC_API const char *abc_dataset_connection_uri(const abc_dataset *dataset);

/** Number of columns in the table, Airbyte's `_airbyte_*` columns included. The first column
 * call queries the warehouse (Postgres catalog, or a `LIMIT 0` query); later ones use that.
 * @return ::ABC_ERROR_NOT_FOUND when the table does not exist (the stream was never synced). */
ABC_API abc_status abc_dataset_column_count(size_t *out, abc_dataset *dataset, abc_error **error);
/** @param[out] out name of column `column` (< count). Borrowed, lives as long as the dataset. */
ABC_API abc_status abc_dataset_column_name(const char **out, abc_dataset *dataset, size_t column,
                                           abc_error **error);
/** @param[out] out the warehouse's type name of column `column` ("bigint", "timestamp with time
 * zone", "FIXED", "ARRAY<INT64>"...). Borrowed, lives as long as the dataset. */
ABC_API abc_status abc_dataset_column_type(const char **out, abc_dataset *dataset, size_t column,
                                           abc_error **error);
/** @param[out] out the portable type of column `column`. */
ABC_API abc_status abc_dataset_column_value_type(abc_value_type *out, abc_dataset *dataset,
                                                 size_t column, abc_error **error);
/** @param[out] out the number of rows now (SELECT COUNT(*); a query each call). */
ABC_API abc_status abc_dataset_row_count(int64_t *out, abc_dataset *dataset, abc_error **error);

/* ---- Cursors ---- */

/** Starts reading every row of the table (SELECT *; Postgres inside one read-only transaction).
 * The first batch / partition / page is fetched now. Each cursor is an independent read.
 * Postgres: the transaction, and its share lock on the table, lasts until the last row has been
 * read or the cursor is freed; a sync that replaces the table waits for it meanwhile.
 * @param[out] out new cursor, freed with abc_dataset_cursor_free(), before or after the dataset. */
ABC_API abc_status abc_dataset_cursor_open(abc_dataset_cursor **out, abc_dataset *dataset,
                                           abc_error **error);
/** Frees the cursor; a read in progress is abandoned (its Postgres connection closed). */
ABC_API void abc_dataset_cursor_free(abc_dataset_cursor *cursor);
/** Moves to the next row.
 * @param[out] out_has_row 1 when positioned on a row, 0 after the last row (and from then on).
 * On failure the cursor is finished: open a new one to read again. */
ABC_API abc_status abc_dataset_cursor_next(int *out_has_row, abc_dataset_cursor *cursor,
                                           abc_error **error);
/** Number of columns of the rows (0 for NULL). */
ABC_API size_t abc_dataset_cursor_column_count(const abc_dataset_cursor *cursor);
/** Name of column `column`; "" when out of range. Borrowed, lives as long as the cursor. */
ABC_API const char *abc_dataset_cursor_column_name(const abc_dataset_cursor *cursor, size_t column);
/** Portable type of column `column`; ::ABC_VALUE_UNKNOWN when out of range. */
ABC_API abc_value_type abc_dataset_cursor_column_value_type(const abc_dataset_cursor *cursor,
                                                            size_t column);
/** Rows returned by abc_dataset_cursor_next() so far. */
ABC_API int64_t abc_dataset_cursor_rows_read(const abc_dataset_cursor *cursor);
/** @param[out] out the current row as one JSON object, {"column": value, ...} in column order.
 * Borrowed: valid until the next abc_dataset_cursor_next() or abc_dataset_cursor_free(). */
ABC_API abc_status abc_dataset_cursor_record_json(const char **out, abc_dataset_cursor *cursor,
                                                  abc_error **error);
/** @param[out] out 1 when the current row's value in `column` is SQL NULL, else 0. */
ABC_API abc_status abc_dataset_cursor_is_null(int *out, const abc_dataset_cursor *cursor,
                                              size_t column, abc_error **error);
/** @param[out] out the value as a 64-bit integer: integers; booleans (0/1); decimals and floats
 * without a fractional part; text holding an integer; dates as days since 1970-01-01; times as
 * microseconds since midnight; timestamps and datetimes as microseconds since the epoch
 * (datetimes read as UTC).
 * @return ::ABC_ERROR_INVALID_ARGUMENT for NULL or a value that does not convert, naming the
 *         column. */
ABC_API abc_status abc_dataset_cursor_int64(int64_t *out, const abc_dataset_cursor *cursor,
                                            size_t column, abc_error **error);
/** @param[out] out the value as a double: numbers, booleans, numeric text; timestamps and
 * datetimes as seconds since the epoch.
 * @return ::ABC_ERROR_INVALID_ARGUMENT for NULL or a value that does not convert. */
ABC_API abc_status abc_dataset_cursor_double(double *out, const abc_dataset_cursor *cursor,
                                             size_t column, abc_error **error);
/** @param[out] out the value's canonical text (see the section introduction), or NULL (with
 * ::ABC_OK) for SQL NULL. Borrowed: valid until the next abc_dataset_cursor_next() or
 * abc_dataset_cursor_free(). */
ABC_API abc_status abc_dataset_cursor_text(const char **out, const abc_dataset_cursor *cursor,
                                           size_t column, abc_error **error);
/**@}*/
/* ===== End of: Datasets ==================================================================== */

#ifdef __cplusplus
}
#endif

#endif /* AIRBYTE_CLOUD_H */
