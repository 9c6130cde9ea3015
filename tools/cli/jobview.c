#define _POSIX_C_SOURCE 200809L
#include "jobview.h"

/* The table shows the type before the status, the other forms after it. */
const cli_column cli_job_columns[] = {
    {"JOB ID", "Job ID", "jobId", CLI_KIND_NUMBER},
    {"TYPE", NULL, NULL, CLI_KIND_TEXT},
    {"STATUS", "Status", "status", CLI_KIND_TEXT},
    {NULL, "Type", "jobType", CLI_KIND_TEXT},
    {NULL, "Connection", "connectionId", CLI_KIND_TEXT},
    {"STARTED", "Started", "startTime", CLI_KIND_TEXT},
    {NULL, "Updated", "lastUpdatedAt", CLI_KIND_TIME},
    {"DURATION", "Duration", "durationMs", CLI_KIND_DURATION},
    {"ROWS", "Rows", "rowsSynced", CLI_KIND_COUNT},
    {"BYTES", "Bytes", "bytesSynced", CLI_KIND_BYTES},
    {NULL, "URL", "url", CLI_KIND_URL},
    {NULL, NULL, NULL, CLI_KIND_TEXT},
};

void cli_job_row(cli_value *row, const abc_job *job) {
    row[0] = cli_number(abc_job_id(job));
    row[1] = cli_text(abc_job_type(job));
    row[2] = cli_text(abc_job_state_name(abc_job_status(job)));
    row[3] = row[1];
    row[4] = cli_text(abc_job_connection_id(job));
    row[5] = cli_text(abc_job_start_time_text(job));
    row[6] = cli_number(abc_job_last_updated_time(job));
    row[7] = cli_number(abc_job_duration_ms(job));
    row[8] = cli_number(abc_job_rows_synced(job));
    row[9] = cli_number(abc_job_bytes_synced(job));
    row[10] = cli_text(abc_job_url(job));
}

cJSON *cli_job_json(const abc_job *job) {
    cli_value row[11];
    cli_job_row(row, job);
    return cli_record_json(cli_job_columns, row);
}

void cli_print_job(cli_invocation *invocation, const abc_job *job) {
    cli_value row[11];
    cli_job_row(row, job);
    cli_print_record(invocation, cli_job_columns, row);
}
