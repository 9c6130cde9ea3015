/**
 * @file airbyte_cloud/common.h
 * @brief Version, status codes, job states, the core handle types and library-wide calls.
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
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
#ifndef AIRBYTE_CLOUD_COMMON_H
#define AIRBYTE_CLOUD_COMMON_H

#include <stddef.h>
#include <stdint.h>

/** Around each header's declarations: C linkage when the header is compiled as C++. */
#ifdef __cplusplus
#define ABC_BEGIN_DECLS extern "C" {
#define ABC_END_DECLS }
#else
#define ABC_BEGIN_DECLS
#define ABC_END_DECLS
#endif

ABC_BEGIN_DECLS

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
    ABC_ERROR_REFUSED = 19,        /**< A safety check refused a destructive call (safe mode). */
    /** The connection broke while a sync was being started and whether the server started a job
     *  could not be decided: a job may be running on the connection named in the message. */
    ABC_ERROR_JOB_START_UNKNOWN = 20
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

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_COMMON_H */
