#define _POSIX_C_SOURCE 200809L
#include "jobview.h"

#include <inttypes.h>

cJSON *cli_job_json(const abc_job *job) {
    char updated[32];
    cJSON *object = cJSON_CreateObject();
    cli_json_int(object, "jobId", abc_job_id(job));
    cli_json_string(object, "status", abc_job_state_name(abc_job_status(job)));
    cli_json_string(object, "jobType", abc_job_type(job));
    cli_json_string(object, "connectionId", abc_job_connection_id(job));
    cli_json_string(object, "startTime", abc_job_start_time_text(job));
    cli_json_string(object, "lastUpdatedAt",
                    cli_format_unix_time(updated, abc_job_last_updated_time(job)));
    cli_json_int(object, "durationMs", abc_job_duration_ms(job));
    cli_json_int(object, "rowsSynced", abc_job_rows_synced(job));
    cli_json_int(object, "bytesSynced", abc_job_bytes_synced(job));
    char url[1024];
    cli_json_string(object, "url", cli_masked_url(url, sizeof url, abc_job_url(job)));
    return object;
}

void cli_print_job(cli_invocation *invocation, const abc_job *job) {
    if (invocation->global.json) {
        cli_print_json(invocation, cli_job_json(job));
        return;
    }
    char id[32], updated[32], duration[32], rows[32], bytes[32];
    snprintf(id, sizeof id, "%" PRId64, abc_job_id(job));
    cli_fields *fields = cli_fields_new();
    cli_fields_add(fields, "Job ID", id);
    cli_fields_add(fields, "Status", abc_job_state_name(abc_job_status(job)));
    cli_fields_add(fields, "Type", abc_job_type(job));
    cli_fields_add(fields, "Connection", abc_job_connection_id(job));
    cli_fields_add(fields, "Started", abc_job_start_time_text(job));
    cli_fields_add(fields, "Updated",
                   cli_format_unix_time(updated, abc_job_last_updated_time(job)));
    cli_fields_add(fields, "Duration",
                   abc_job_duration_ms(job) > 0
                       ? cli_format_duration(duration, abc_job_duration_ms(job))
                       : "");
    cli_fields_add(fields, "Rows", cli_format_int(rows, abc_job_rows_synced(job)));
    cli_fields_add(fields, "Bytes", cli_format_bytes(bytes, abc_job_bytes_synced(job)));
    char url[1024];
    cli_fields_add(fields, "URL", cli_masked_url(url, sizeof url, abc_job_url(job)));
    cli_fields_print(fields, stdout);
    cli_fields_free(fields);
    fflush(stdout);
}

cli_table *cli_jobs_table_new(int with_connection) {
    static const char *const headers[] = {"JOB ID",   "TYPE", "STATUS", "STARTED",
                                          "DURATION", "ROWS", "BYTES",  "CONNECTION"};
    static const int right[] = {1, 0, 0, 0, 1, 1, 1, 0};
    return cli_table_new(with_connection ? 8 : 7, headers, right);
}

void cli_jobs_table_add(cli_table *table, const abc_job *job, int with_connection) {
    char id[32], duration[32], rows[32], bytes[32];
    snprintf(id, sizeof id, "%" PRId64, abc_job_id(job));
    const char *cells[] = {
        id,
        abc_job_type(job),
        abc_job_state_name(abc_job_status(job)),
        abc_job_start_time_text(job),
        abc_job_duration_ms(job) > 0 ? cli_format_duration(duration, abc_job_duration_ms(job)) : "",
        cli_format_int(rows, abc_job_rows_synced(job)),
        cli_format_bytes(bytes, abc_job_bytes_synced(job)),
        abc_job_connection_id(job),
    };
    (void)with_connection;
    cli_table_add(table, cells);
}
