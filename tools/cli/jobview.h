/* How a job looks: a key/value block, a table row, a JSON object. Shared by sync, jobs, wait. */
#ifndef ABC_CLI_JOBVIEW_H
#define ABC_CLI_JOBVIEW_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "output.h"

/* {"jobId", "status", "jobType", "connectionId", "startTime", "lastUpdatedAt", "durationMs",
 *  "rowsSynced", "bytesSynced", "url"} */
cJSON *cli_job_json(const abc_job *job);
/* The job as a key/value block on stdout, or with --json as the one JSON document. */
void cli_print_job(cli_invocation *invocation, const abc_job *job);

/* Table with JOB ID, TYPE, STATUS, STARTED, DURATION, ROWS, BYTES (and CONNECTION if asked). */
cli_table *cli_jobs_table_new(int with_connection);
void cli_jobs_table_add(cli_table *table, const abc_job *job, int with_connection);

/* A job's attempts (airbyte_cloud/diagnostics.h): JSON array of {attemptNumber, status,
 * createdAt, endedAt (ISO-8601 text), rowsSynced, bytesSynced, failures: [{failureOrigin,
 * failureType, externalMessage, internalMessage, retryable, timestamp}]}; or a table plus one line
 * per failure (defined in cmd_diagnostics.c). */
cJSON *cli_attempts_json(const abc_attempt_list *list);
void cli_print_attempts(const abc_attempt_list *list);

#endif
