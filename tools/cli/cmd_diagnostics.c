/* What the Config API adds (airbyte_cloud/diagnostics.h): a job's attempts and failures (shown by
 * `jobs show`), `jobs logs`, `connections state get|set`, `connections catalog`, and
 * `sources check` / `destinations check`. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "interrupt.h"
#include "jobview.h"
#include "output.h"
#include "report.h"
#include "settings.h"

#define MAX_STATE_BYTES (64 * 1024 * 1024)

static cJSON *attempts_json(const abc_attempt_list *list) {
    cJSON *attempts = cJSON_CreateArray();
    for (size_t i = 0; i < abc_attempt_list_count(list); ++i) {
        cJSON *attempt = cJSON_CreateObject();
        cli_json_int(attempt, "attemptNumber", abc_attempt_number(list, i));
        cli_json_string(attempt, "status", abc_attempt_status(list, i));
        char created[32], ended[32], at[32];
        cli_json_string(attempt, "createdAt",
                        cli_format_unix_time(created, abc_attempt_created_at(list, i)));
        if (abc_attempt_ended_at(list, i) > 0)
            cli_json_string(attempt, "endedAt",
                            cli_format_unix_time(ended, abc_attempt_ended_at(list, i)));
        cli_json_int(attempt, "rowsSynced", abc_attempt_rows_synced(list, i));
        cli_json_int(attempt, "bytesSynced", abc_attempt_bytes_synced(list, i));
        cJSON *failures = cJSON_AddArrayToObject(attempt, "failures");
        for (size_t f = 0; f < abc_attempt_failure_count(list, i); ++f) {
            cJSON *failure = cJSON_CreateObject();
            cli_json_string(failure, "failureOrigin", abc_attempt_failure_origin(list, i, f));
            cli_json_string(failure, "failureType", abc_attempt_failure_type(list, i, f));
            cli_json_string(failure, "externalMessage",
                            abc_attempt_failure_external_message(list, i, f));
            cli_json_string(failure, "internalMessage",
                            abc_attempt_failure_internal_message(list, i, f));
            int retryable = abc_attempt_failure_retryable(list, i, f);
            if (retryable >= 0)
                cJSON_AddBoolToObject(failure, "retryable", retryable);
            cli_json_string(
                failure, "timestamp",
                cli_format_unix_time(at, abc_attempt_failure_timestamp_ms(list, i, f) / 1000));
            cJSON_AddItemToArray(failures, failure);
        }
        cJSON_AddItemToArray(attempts, attempt);
    }
    return attempts;
}

static void print_attempts(const abc_attempt_list *list) {
    static const char *const headers[] = {"ATTEMPT", "STATUS", "STARTED", "ENDED", "ROWS", "BYTES"};
    static const int right[] = {1, 0, 0, 0, 1, 1};
    cli_table *table = cli_table_new(6, headers, right);
    for (size_t i = 0; i < abc_attempt_list_count(list); ++i) {
        char number[32], started[32], ended[32], rows[32], bytes[32];
        snprintf(number, sizeof number, "%" PRId64, abc_attempt_number(list, i));
        const char *cells[] = {number,
                               abc_attempt_status(list, i),
                               cli_format_unix_time(started, abc_attempt_created_at(list, i)),
                               cli_format_unix_time(ended, abc_attempt_ended_at(list, i)),
                               cli_format_int(rows, abc_attempt_rows_synced(list, i)),
                               cli_format_bytes(bytes, abc_attempt_bytes_synced(list, i))};
        cli_table_add(table, cells);
    }
    printf("\n");
    cli_table_print(table, stdout);
    cli_table_free(table);
    for (size_t i = 0; i < abc_attempt_list_count(list); ++i) {
        for (size_t f = 0; f < abc_attempt_failure_count(list, i); ++f) {
            char message[2048];
            cli_clean(message, sizeof message, abc_attempt_failure_external_message(list, i, f));
            printf("attempt %" PRId64 " failed: %s %s: %s\n", abc_attempt_number(list, i),
                   abc_attempt_failure_origin(list, i, f), abc_attempt_failure_type(list, i, f),
                   message);
        }
    }
}

void cli_print_job_with_attempts(cli_invocation *invocation, abc_workspace *workspace,
                                 const abc_job *job) {
    abc_attempt_list *attempts = NULL;
    abc_error *error = NULL;
    if (abc_job_attempts_get(&attempts, workspace, abc_job_id(job), &error) != ABC_OK) {
        cli_note(invocation, "attempts not shown: %s", abc_error_message(error));
        abc_error_free(error);
    }
    if (invocation->global.json) {
        cJSON *document = cli_job_json(job);
        if (attempts != NULL)
            cJSON_AddItemToObject(document, "attempts", attempts_json(attempts));
        cli_print_json(invocation, document);
    } else {
        cli_print_job(invocation, job);
        if (attempts != NULL && abc_attempt_list_count(attempts) > 0)
            print_attempts(attempts);
    }
    abc_attempt_list_free(attempts);
}

/* ---- jobs logs ---- */

/* Each line cleaned (a log line may hold tabs or line breaks: never a control character out). */
static int print_log_line(const char *line, size_t length, void *user_data) {
    (void)user_data;
    char *clean = malloc(length + 1);
    if (clean == NULL)
        return 1;
    fputs(cli_clean(clean, length + 1, line), stdout);
    free(clean);
    putchar('\n');
    return ferror(stdout) ? 1 : 0; /* a closed pipe (| head) ends the read */
}

static int run_logs(cli_invocation *invocation) {
    int64_t job_id = 0, attempt = -1;
    int code = cli_parse_int(invocation, "JOB_ID", invocation->args[0], 1, INT64_MAX, &job_id);
    const char *attempt_text = cli_option_value(invocation, "--attempt");
    if (code == 0 && attempt_text != NULL)
        code = cli_parse_int(invocation, "--attempt", attempt_text, 0, INT32_MAX, &attempt);
    abc_workspace *workspace = NULL;
    if (code != 0 || (code = cli_workspace(invocation, &workspace)) != 0)
        return code;
    const int follow = cli_option_value(invocation, "--follow") != NULL;
    abc_cancel_token *token = NULL;
    abc_error *error = NULL;
    abc_status status = abc_cancel_token_new(&token, &error);
    if (status == ABC_OK) {
        cli_interrupt_set_token(token);
        status = abc_job_logs_read(NULL, workspace, job_id, attempt, follow, token, print_log_line,
                                   NULL, &error);
        cli_interrupt_set_token(NULL);
    }
    abc_cancel_token_free(token);
    fflush(stdout);
    if (status == ABC_ERROR_CANCELLED && cli_interrupt_received()) {
        abc_error_free(error);
        return CLI_EXIT_INTERRUPTED;
    }
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);
    invocation->document_printed = 1;
    return CLI_EXIT_OK;
}

/* ---- connections state get|set ---- */

/* The whole of `path` ("-": stdin) in *out (malloc'd, NUL-terminated). */
static int read_text(cli_invocation *invocation, const char *path, char **out) {
    FILE *file = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (file == NULL)
        return cli_error(invocation, CLI_EXIT_USAGE, NULL, "cannot open %s: %s", path,
                         strerror(errno));
    size_t size = 0, capacity = 4096;
    char *text = malloc(capacity);
    size_t got = 0;
    while (text != NULL && (got = fread(text + size, 1, capacity - size - 1, file)) > 0) {
        size += got;
        if (size + 1 == capacity && capacity < MAX_STATE_BYTES) {
            char *grown = realloc(text, capacity * 2);
            if (grown == NULL)
                free(text);
            text = grown;
            capacity *= 2;
        }
    }
    int failed = text == NULL || ferror(file) || size + 1 >= MAX_STATE_BYTES;
    if (file != stdin)
        fclose(file);
    if (failed) {
        free(text);
        return cli_error(invocation, CLI_EXIT_USAGE, NULL, "cannot read %s (at most 64 MiB)", path);
    }
    text[size] = '\0';
    *out = text;
    return 0;
}

static void print_state(cli_invocation *invocation, const abc_connection_state *state) {
    printf("%s\n",
           abc_connection_state_json(state)); /* as the server sent it: `state set` takes it back */
    fflush(stdout);
    invocation->document_printed = 1;
}

static int run_state(cli_invocation *invocation) {
    const char *action = invocation->args[0];
    const int set = strcmp(action, "set") == 0;
    if (!set && strcmp(action, "get") != 0)
        return cli_usage_error(invocation, "unknown action '%s'; use 'get' or 'set'", action);
    if (set != (invocation->arg_count == 3))
        return cli_usage_error(invocation,
                               set ? "state set needs CONNECTION_ID and FILE ('-': stdin)"
                                   : "state get takes only CONNECTION_ID");
    char *text = NULL;
    abc_workspace *workspace = NULL;
    int code = set ? read_text(invocation, invocation->args[2], &text) : 0;
    if (code != 0 || (code = cli_workspace(invocation, &workspace)) != 0) {
        free(text);
        return code;
    }
    abc_connection_state *state = NULL;
    abc_error *error = NULL;
    abc_status status =
        set ? abc_connection_state_set(&state, workspace, invocation->args[1], text, &error)
            : abc_connection_state_get(&state, workspace, invocation->args[1], &error);
    free(text);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);
    print_state(invocation, state);
    abc_connection_state_free(state);
    return CLI_EXIT_OK;
}

/* ---- connections catalog ---- */

static void join_list(char *out, size_t size, const abc_configured_catalog *catalog, size_t index,
                      size_t (*count)(const abc_configured_catalog *, size_t),
                      const char *(*item)(const abc_configured_catalog *, size_t, size_t)) {
    out[0] = '\0';
    for (size_t k = 0; k < count(catalog, index); ++k) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", k > 0 ? "," : "", item(catalog, index, k));
    }
}

static int run_catalog(cli_invocation *invocation) {
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_configured_catalog *catalog = NULL;
    abc_error *error = NULL;
    abc_status status =
        abc_configured_catalog_get(&catalog, workspace, invocation->args[0], &error);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);
    if (invocation->global.json) {
        cli_print_json(invocation, cJSON_Parse(abc_configured_catalog_json(catalog)));
        abc_configured_catalog_free(catalog);
        return CLI_EXIT_OK;
    }
    static const char *const headers[] = {"STREAM", "SELECTED",    "SYNC MODE", "DESTINATION MODE",
                                          "CURSOR", "PRIMARY KEY", "FIELDS"};
    cli_table *table = cli_table_new(7, headers, NULL);
    for (size_t i = 0; i < abc_configured_catalog_count(catalog); ++i) {
        char name[512], keys[512], fields[1024];
        const char *space = abc_configured_catalog_namespace(catalog, i);
        snprintf(name, sizeof name, "%s%s%s", space, space[0] ? "." : "",
                 abc_configured_catalog_name(catalog, i));
        join_list(keys, sizeof keys, catalog, i, abc_configured_catalog_primary_key_count,
                  abc_configured_catalog_primary_key);
        join_list(fields, sizeof fields, catalog, i, abc_configured_catalog_selected_field_count,
                  abc_configured_catalog_selected_field);
        const char *cells[] = {name,
                               abc_configured_catalog_selected(catalog, i) ? "yes" : "no",
                               abc_configured_catalog_sync_mode(catalog, i),
                               abc_configured_catalog_destination_sync_mode(catalog, i),
                               abc_configured_catalog_cursor_field(catalog, i),
                               keys,
                               fields[0] ? fields : "all"};
        cli_table_add(table, cells);
    }
    cli_table_print(table, stdout);
    cli_table_free(table);
    abc_configured_catalog_free(catalog);
    return CLI_EXIT_OK;
}

/* ---- sources check / destinations check ---- */

typedef abc_status (*check_function)(int *, char **, abc_workspace *, const char *, abc_error **);

static int run_actor_check(cli_invocation *invocation, check_function check, const char *kind) {
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    int succeeded = 0;
    char *message = NULL;
    abc_error *error = NULL;
    abc_status status = check(&succeeded, &message, workspace, invocation->args[0], &error);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);
    if (invocation->global.json) {
        cJSON *document = cJSON_CreateObject();
        cli_json_string(document, "status", succeeded ? "succeeded" : "failed");
        cli_json_string(document, "message", message);
        cli_print_json(invocation, document);
    } else {
        char clean[2048];
        printf("%s %s check %s%s%s\n", kind, invocation->args[0],
               succeeded ? "succeeded" : "failed", message[0] ? ": " : "",
               cli_clean(clean, sizeof clean, message));
    }
    abc_string_free(message);
    return succeeded ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

static int run_source_check(cli_invocation *invocation) {
    return run_actor_check(invocation, abc_source_check, "source");
}

static int run_destination_check(cli_invocation *invocation) {
    return run_actor_check(invocation, abc_destination_check, "destination");
}

static const cli_option logs_options[] = {
    {"--attempt", "N", "the attempt number (default: the job's last attempt)"},
    {"--follow", NULL, "keep printing new lines until the job ends (Ctrl-C stops)"},
    {NULL, NULL, NULL},
};

const cli_command cli_diagnostics_commands[] = {
    {"jobs logs", "JOB_ID", "print an attempt's log (Config API)",
     "Streams the log line by line: a log of any size is printed without being held in memory.",
     logs_options, 1, 1, run_logs},
    {"connections state", "get|set CONNECTION_ID [FILE]",
     "print or restore a connection's state (Config API)",
     "'get' prints the state as one JSON line; 'set' replaces it with the JSON in FILE ('-': "
     "stdin), as "
     "'get' printed it. Do not set a state while the connection syncs.",
     NULL, 2, 3, run_state},
    {"connections catalog", "CONNECTION_ID", "show the configured catalog (Config API)",
     "Each stream with its sync modes, cursor, primary key and selected fields; --json prints the "
     "syncCatalog object.",
     NULL, 1, 1, run_catalog},
    {"sources check", "SOURCE_ID", "run the source's connection check (Config API)",
     "Exit 0 when the check passes, 1 when it fails (the connector's message is printed).", NULL, 1,
     1, run_source_check},
    {"destinations check", "DESTINATION_ID", "run the destination's connection check (Config API)",
     "Exit 0 when the check passes, 1 when it fails (the connector's message is printed).", NULL, 1,
     1, run_destination_check},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
