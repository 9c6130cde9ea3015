/* read CONNECTION_ID STREAM: the rows a sync wrote, read back from the destination through the
 * library's datasets (streaming: constant memory whatever the table size). */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "output.h"
#include "report.h"
#include "resources.h"
#include "settings.h"

static int is_airbyte_column(const char *name) {
    return strncmp(name, "_airbyte_", 9) == 0;
}

static void write_csv_field(const char *value) {
    if (value == NULL)
        return; /* SQL NULL: an empty field */
    int quote = value[0] == '\0' || value[0] == ' ' || strpbrk(value, ",\"\n\r") != NULL ||
                (value[0] != '\0' && value[strlen(value) - 1] == ' ');
    if (!quote) {
        fputs(value, stdout);
        return;
    }
    fputc('"', stdout);
    for (const char *p = value; *p; ++p) {
        if (*p == '"')
            fputc('"', stdout);
        if (*p == '\r')
            continue; /* keep output free of control characters other than newlines */
        fputc(*p, stdout);
    }
    fputc('"', stdout);
}

static abc_status dataset_options(cli_invocation *invocation, abc_dataset_options **out,
                                  abc_error **error) {
    abc_status status = abc_dataset_options_new(out, error);
    const char *password_env = cli_option_value(invocation, "--password-env");
    const char *key_file = cli_option_value(invocation, "--private-key-file");
    const char *credentials_file = cli_option_value(invocation, "--credentials-file");
    if (status == ABC_OK && password_env != NULL) {
        status = abc_dataset_options_set_secret_env(*out, ABC_DATASET_SECRET_PASSWORD, password_env,
                                                    error);
    }
    if (status == ABC_OK && key_file != NULL) {
        status = abc_dataset_options_set_secret_file(*out, ABC_DATASET_SECRET_PRIVATE_KEY, key_file,
                                                     error);
    }
    if (status == ABC_OK && credentials_file != NULL) {
        status = abc_dataset_options_set_secret_file(*out, ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON,
                                                     credentials_file, error);
    }
    return status;
}

static const char *datasets_hint(abc_status status) {
    if (status == ABC_ERROR_NOT_FOUND)
        return "check the connection id and --workspace-id";
    if (status == ABC_ERROR_UNSUPPORTED)
        return "read works for Postgres, Snowflake and BigQuery destinations";
    return NULL;
}

/* The dataset set of --job's connection once that job succeeded. */
static int open_job_set(cli_invocation *invocation, abc_workspace *workspace, const char *job_text,
                        const abc_dataset_options *options, abc_dataset_set **out) {
    const char *connection_id = invocation->args[0];
    int64_t job_id = 0;
    int code = cli_parse_int(invocation, "--job", job_text, 1, INT64_MAX, &job_id);
    if (code != 0)
        return code;
    abc_job *job = NULL;
    abc_error *error = NULL;
    abc_status status = abc_job_get(&job, workspace, job_id, &error);
    if (status != ABC_OK) {
        return cli_fail(invocation, status, error,
                        status == ABC_ERROR_NOT_FOUND
                            ? "check --job; list the connection's jobs with '" CLI_NAME
                              " jobs list CONNECTION_ID'"
                            : NULL);
    }
    abc_job_state state = abc_job_status(job);
    int final = abc_job_state_is_final(state);
    char hint[160];
    snprintf(hint, sizeof hint,
             final ? "read without --job for what the table holds now"
                   : "wait for it with '" CLI_NAME " wait %" PRId64 "'",
             job_id);
    if (strcmp(abc_job_connection_id(job), connection_id) != 0) {
        code = cli_usage_error(invocation, "job %" PRId64 " ran on connection %s, not on %s",
                               job_id, abc_job_connection_id(job), connection_id);
    } else if (state != ABC_JOB_STATE_SUCCEEDED) {
        code = cli_error(invocation, final ? CLI_EXIT_SYNC_FAILED : CLI_EXIT_ERROR, hint,
                         "job %" PRId64 " is %s, not succeeded: it did not write a complete result",
                         job_id, abc_job_state_name(state));
    } else if ((status = abc_job_datasets(out, job, options, &error)) != ABC_OK) {
        code = cli_fail(invocation, status, error, datasets_hint(status));
    }
    abc_job_free(job);
    return code;
}

/* The dataset set of the connection, or of --job's connection once that job succeeded. */
static int open_set(cli_invocation *invocation, abc_workspace *workspace,
                    const abc_dataset_options *options, abc_dataset_set **out) {
    const char *job_text = cli_option_value(invocation, "--job");
    if (job_text != NULL)
        return open_job_set(invocation, workspace, job_text, options, out);
    abc_connection *connection = NULL;
    abc_error *error = NULL;
    abc_status status = abc_connection_get(&connection, workspace, invocation->args[0], &error);
    if (status == ABC_OK)
        status = abc_connection_datasets(out, connection, options, &error);
    abc_connection_free(connection);
    return status == ABC_OK ? 0 : cli_fail(invocation, status, error, datasets_hint(status));
}

typedef struct read_request {
    const char *stream;
    int csv;
    int skip_meta; /* --no-airbyte-columns */
    int64_t limit;
} read_request;

static int parse_request(cli_invocation *invocation, read_request *request) {
    const char *format = cli_option_value(invocation, "--format");
    if (format == NULL)
        format = "jsonl";
    if (strcmp(format, "jsonl") != 0 && strcmp(format, "csv") != 0)
        return cli_usage_error(invocation, "--format must be jsonl or csv, got '%s'", format);
    request->stream = invocation->args[1];
    request->csv = strcmp(format, "csv") == 0;
    if (request->csv && invocation->global.json)
        return cli_usage_error(invocation, "--json and --format csv exclude each other");
    request->limit = INT64_MAX;
    const char *limit_text = cli_option_value(invocation, "--limit");
    if (limit_text != NULL) {
        int code = cli_parse_int(invocation, "--limit", limit_text, 0, INT64_MAX, &request->limit);
        if (code != 0)
            return code;
    }
    request->skip_meta = cli_option_value(invocation, "--no-airbyte-columns") != NULL;
    return 0;
}

/* Fails the missing stream with a hint naming the streams there are; frees the set. */
static int stream_not_found(cli_invocation *invocation, abc_dataset_set *set, abc_status status,
                            abc_error *error) {
    char streams[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < abc_dataset_set_count(set) && used < sizeof streams; ++i) {
        used += (size_t)snprintf(streams + used, sizeof streams - used, "%s%s", i ? ", " : "",
                                 abc_dataset_set_stream_name(set, i));
    }
    char hint[640];
    snprintf(hint, sizeof hint, "the connection's streams are: %s",
             streams[0] ? streams : "(none)");
    abc_dataset_set_free(set);
    return cli_fail(invocation, status, error, hint);
}

/* The stream's dataset and an open cursor on it, or the exit code of the reported failure. */
static int open_cursor(cli_invocation *invocation, const char *stream, abc_dataset **dataset,
                       abc_dataset_cursor **cursor) {
    CLI_REQUIRE_WORKSPACE(invocation);
    abc_dataset_options *options = NULL;
    abc_error *error = NULL;
    abc_status status = dataset_options(invocation, &options, &error);
    if (status != ABC_OK) {
        abc_dataset_options_free(options);
        return cli_fail(invocation, status, error, NULL);
    }
    abc_dataset_set *set = NULL;
    int code = open_set(invocation, invocation->workspace, options, &set);
    abc_dataset_options_free(options);
    if (code != 0)
        return code;
    status = abc_dataset_set_get(dataset, set, stream, &error);
    if (status == ABC_ERROR_NOT_FOUND)
        return stream_not_found(invocation, set, status, error);
    abc_dataset_set_free(set);
    if (status == ABC_OK)
        status = abc_dataset_cursor_open(cursor, *dataset, &error);
    if (status != ABC_OK) {
        char hint[256];
        snprintf(hint, sizeof hint, "has the stream been synced? run '" CLI_NAME " sync %s'",
                 invocation->args[0]);
        return cli_fail(invocation, status, error, status == ABC_ERROR_NOT_FOUND ? hint : NULL);
    }
    return 0;
}

/* The column names (csv) or the current row's cells as one CSV line. */
static abc_status write_csv_line(abc_dataset_cursor *cursor, int skip_meta, int header,
                                 abc_error **error) {
    size_t columns = abc_dataset_cursor_column_count(cursor);
    abc_status status = ABC_OK;
    int first = 1;
    for (size_t c = 0; c < columns && status == ABC_OK; ++c) {
        const char *name = abc_dataset_cursor_column_name(cursor, c);
        if (skip_meta && is_airbyte_column(name))
            continue;
        const char *value = name;
        if (!header)
            status = abc_dataset_cursor_text(&value, cursor, c, error);
        if (!first)
            fputc(',', stdout);
        write_csv_field(value);
        first = 0;
    }
    fputc('\n', stdout);
    return status;
}

/* The current row as one JSON object line, without _airbyte_* members when skip_meta. */
static abc_status write_json_line(abc_dataset_cursor *cursor, int skip_meta, abc_error **error) {
    const char *record = NULL;
    abc_status status = abc_dataset_cursor_record_json(&record, cursor, error);
    if (status != ABC_OK)
        return status;
    cJSON *object = skip_meta ? cJSON_Parse(record) : NULL;
    cJSON *item = object != NULL ? object->child : NULL;
    while (item != NULL) {
        cJSON *next = item->next;
        if (item->string != NULL && is_airbyte_column(item->string)) {
            cJSON_DetachItemViaPointer(object, item);
            cJSON_Delete(item);
        }
        item = next;
    }
    char *text = object != NULL ? cJSON_PrintUnformatted(object) : NULL;
    fputs(text != NULL ? text : record, stdout);
    cJSON_free(text);
    cJSON_Delete(object);
    fputc('\n', stdout);
    return ABC_OK;
}

/* Streams up to request->limit rows to stdout; *rows counts them. */
static abc_status write_rows(const read_request *request, abc_dataset_cursor *cursor, int64_t *rows,
                             abc_error **error) {
    abc_status status = ABC_OK;
    if (request->csv)
        write_csv_line(cursor, request->skip_meta, 1, error);
    while (*rows < request->limit) {
        int has_row = 0;
        status = abc_dataset_cursor_next(&has_row, cursor, error);
        if (status != ABC_OK || !has_row)
            break;
        ++*rows;
        status = request->csv ? write_csv_line(cursor, request->skip_meta, 0, error)
                              : write_json_line(cursor, request->skip_meta, error);
        if (status != ABC_OK || ferror(stdout))
            break;
    }
    return status;
}

static int run_read(cli_invocation *invocation) {
    read_request request;
    int code = parse_request(invocation, &request);
    if (code != 0)
        return code;
    abc_dataset *dataset = NULL;
    abc_dataset_cursor *cursor = NULL;
    code = open_cursor(invocation, request.stream, &dataset, &cursor);
    if (code != 0) {
        abc_dataset_free(dataset);
        return code;
    }
    /* stdout is the rows from here: a later error goes to stderr only, never into the data */
    invocation->document_printed = 1;
    int64_t rows = 0;
    abc_error *error = NULL;
    abc_status status = write_rows(&request, cursor, &rows, &error);
    char qualified[512];
    cli_clean(qualified, sizeof qualified, abc_dataset_qualified_name(dataset));
    abc_dataset_cursor_free(cursor);
    abc_dataset_free(dataset);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);
    cli_note(invocation, "%" PRId64 " row%s of stream %s from %s", rows, rows == 1 ? "" : "s",
             request.stream, qualified);
    return CLI_EXIT_OK;
}

static const cli_option read_options[] = {
    {"--job", "JOB_ID", "read what this sync job wrote; fails unless it succeeded"},
    {"--format", "FORMAT",
     "jsonl (default: one JSON object per row) or csv (a header, then one line per row)"},
    {"--limit", "N", "at most N rows (default: all, streamed)"},
    {"--no-airbyte-columns", NULL, "leave out Airbyte's _airbyte_* columns"},
    {"--password-env", "VAR",
     "the environment variable holding the Postgres password (the API masks it; default "
     "AIRBYTE_CLOUD_POSTGRES_PASSWORD)"},
    {"--private-key-file", "PATH",
     "Snowflake key-pair private key, PEM (default: AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY)"},
    {"--credentials-file", "PATH",
     "BigQuery service-account key file, JSON (default: "
     "AIRBYTE_CLOUD_BIGQUERY_CREDENTIALS_JSON, GOOGLE_APPLICATION_CREDENTIALS)"},
    {NULL, NULL, NULL},
};

const cli_command cli_read_commands[] = {
    {"read", "CONNECTION_ID STREAM",
     "print the rows a sync wrote for a stream, read back from the destination",
     "Reads the stream's table in the connection's destination (Postgres, Snowflake or BigQuery) "
     "through libairbyte_cloud and streams it to stdout: JSON Lines by default, or CSV. The "
     "Airbyte API masks the destination's secrets, so give the password (or key) through the "
     "options below or the default environment variables (see man airbyte-cloud). A summary goes "
     "to "
     "stderr.",
     read_options, 2, 2, run_read},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
