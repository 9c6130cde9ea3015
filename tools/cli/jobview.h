/* How a job looks: a key/value block, a table row, a JSON object. Shared by sync, jobs, wait. */
#ifndef ABC_CLI_JOBVIEW_H
#define ABC_CLI_JOBVIEW_H

#include <cjson/cJSON.h>

#include "cli.h"
#include "listing.h"
#include "output.h"

/* Table JOB ID, TYPE, STATUS, STARTED, DURATION, ROWS, BYTES; key/value block and JSON
 * {"jobId", "status", "jobType", "connectionId", "startTime", "lastUpdatedAt", "durationMs",
 *  "rowsSynced", "bytesSynced", "url"}. */
extern const cli_column cli_job_columns[];

/* Fills a row per cli_job_columns; the texts are borrowed from the job. */
void cli_job_row(cli_value *row, const abc_job *job);
cJSON *cli_job_json(const abc_job *job);
/* The job as a key/value block on stdout, or with --json as the one JSON document. */
void cli_print_job(cli_invocation *invocation, const abc_job *job);

/* cli_print_job plus the job's attempts (airbyte_cloud/diagnostics.h): a table and one line per
 * failure, or with --json an "attempts" array of {attemptNumber, status, createdAt, endedAt
 * (ISO-8601 text), rowsSynced, bytesSynced, failures: [{failureOrigin, failureType,
 * externalMessage, internalMessage, retryable, timestamp}]}. The attempts come from the Config API:
 * when it cannot answer, a note goes to stderr and the job is shown alone (in cmd_diagnostics.c). */
void cli_print_job_with_attempts(cli_invocation *invocation, abc_workspace *workspace, const abc_job *job);

#endif
