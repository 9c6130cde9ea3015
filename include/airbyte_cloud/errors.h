/**
 * @file airbyte_cloud/errors.h
 * @brief The error detail of a failed call (::abc_error).
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h.
 */
#ifndef AIRBYTE_CLOUD_ERRORS_H
#define AIRBYTE_CLOUD_ERRORS_H

#include "common.h"

ABC_BEGIN_DECLS

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
/** For ::ABC_ERROR_SYNC_FAILED of a job that ended failed: where the latest attempt's failure
 * came from ("source", "destination", "replication", ...), as Airbyte's Config API reports it;
 * "" when it could not be fetched (see airbyte_cloud/diagnostics.h). The message includes it. */
ABC_API const char *abc_error_failure_origin(const abc_error *error);
/** Like abc_error_failure_origin(): the failure's type ("config_error", "system_error", ...). */
ABC_API const char *abc_error_failure_type(const abc_error *error);
/** Like abc_error_failure_origin(): the failure's message for users (its externalMessage, e.g.
 * the destination's connection error). The error message includes it. */
ABC_API const char *abc_error_failure_message(const abc_error *error);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_ERRORS_H */
