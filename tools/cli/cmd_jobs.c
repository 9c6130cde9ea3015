/* jobs list CONNECTION_ID | jobs show JOB_ID | jobs cancel JOB_ID */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>

#include "args.h"
#include "jobview.h"
#include "report.h"
#include "settings.h"

#define DEFAULT_LIMIT 20
#define MAX_LIMIT 10000
#define PAGE 100

static const char *const job_not_found_hint =
    "check the job id; list a connection's jobs with '" CLI_NAME " jobs list CONNECTION_ID'";

static int parse_job_id(cli_invocation *invocation, int64_t *out) {
    return cli_parse_int(invocation, "JOB_ID", invocation->args[0], 1, INT64_MAX, out);
}

static int run_list(cli_invocation *invocation) {
    int64_t limit = DEFAULT_LIMIT;
    const char *limit_text = cli_option_value(invocation, "--limit");
    if (limit_text != NULL) {
        int code = cli_parse_int(invocation, "--limit", limit_text, 1, MAX_LIMIT, &limit);
        if (code != 0)
            return code;
    }
    abc_workspace *workspace = NULL;
    int code = cli_workspace(invocation, &workspace);
    if (code != 0)
        return code;

    abc_connection *connection = NULL;
    abc_error *error = NULL;
    abc_status status = abc_connection_get(&connection, workspace, invocation->args[0], &error);
    int json = invocation->global.json;
    cJSON *document = json ? cJSON_CreateObject() : NULL;
    cJSON *jobs = NULL;
    if (json) {
        cli_json_string(document, "connectionId", invocation->args[0]);
        jobs = cJSON_AddArrayToObject(document, "jobs");
    }
    cli_table *table = json ? NULL : cli_jobs_table_new(0);
    int64_t offset = 0;
    while (status == ABC_OK && offset < limit) {
        int page = limit - offset < PAGE ? (int)(limit - offset) : PAGE;
        abc_job_list *list = NULL;
        status = abc_connection_list_jobs(&list, connection, page, offset, &error);
        size_t count = status == ABC_OK ? abc_job_list_count(list) : 0;
        for (size_t i = 0; status == ABC_OK && i < count; ++i) {
            abc_job *job = NULL;
            status = abc_job_list_get(&job, list, i, &error);
            if (status != ABC_OK)
                break;
            if (json) {
                cJSON_AddItemToArray(jobs, cli_job_json(job));
            } else {
                cli_jobs_table_add(table, job, 0);
            }
            abc_job_free(job);
        }
        abc_job_list_free(list);
        offset += (int64_t)count;
        if (count < (size_t)page)
            break;
    }
    abc_connection_free(connection);
    if (status != ABC_OK) {
        cJSON_Delete(document);
        cli_table_free(table);
        return cli_fail(
            invocation, status, error,
            status == ABC_ERROR_NOT_FOUND ? "check the connection id and --workspace-id" : NULL);
    }
    if (json) {
        cli_print_json(invocation, document);
    } else if (cli_table_rows(table) == 0) {
        printf("No jobs yet on connection %s; start one with '" CLI_NAME " sync %s'.\n",
               invocation->args[0], invocation->args[0]);
    } else {
        cli_table_print(table, stdout);
    }
    cli_table_free(table);
    return CLI_EXIT_OK;
}

static int run_show(cli_invocation *invocation) {
    int64_t job_id = 0;
    int code = parse_job_id(invocation, &job_id);
    if (code != 0)
        return code;
    abc_workspace *workspace = NULL;
    if ((code = cli_workspace(invocation, &workspace)) != 0)
        return code;
    abc_job *job = NULL;
    abc_error *error = NULL;
    abc_status status = abc_job_get(&job, workspace, job_id, &error);
    if (status != ABC_OK) {
        return cli_fail(invocation, status, error,
                        status == ABC_ERROR_NOT_FOUND ? job_not_found_hint : NULL);
    }
    /* Attempts come from the Config API: when it cannot answer, the job is still shown. */
    abc_attempt_list *attempts = NULL;
    abc_error *attempts_error = NULL;
    if (abc_job_attempts_get(&attempts, workspace, job_id, &attempts_error) != ABC_OK) {
        cli_note(invocation, "attempts not shown: %s", abc_error_message(attempts_error));
        abc_error_free(attempts_error);
    }
    if (invocation->global.json) {
        cJSON *document = cli_job_json(job);
        if (attempts != NULL)
            cJSON_AddItemToObject(document, "attempts", cli_attempts_json(attempts));
        cli_print_json(invocation, document);
    } else {
        cli_print_job(invocation, job);
        if (attempts != NULL && abc_attempt_list_count(attempts) > 0)
            cli_print_attempts(attempts);
    }
    abc_attempt_list_free(attempts);
    abc_job_free(job);
    return CLI_EXIT_OK;
}

static int run_cancel(cli_invocation *invocation) {
    int64_t job_id = 0;
    int code = parse_job_id(invocation, &job_id);
    if (code != 0)
        return code;
    abc_workspace *workspace = NULL;
    if ((code = cli_workspace(invocation, &workspace)) != 0)
        return code;
    abc_job *job = NULL;
    abc_error *error = NULL;
    abc_status status = abc_job_get(&job, workspace, job_id, &error);
    if (status == ABC_OK && abc_job_is_complete(job)) {
        cli_print_job(invocation, job);
        cli_note(invocation, "job %lld is already %s; nothing to cancel", (long long)job_id,
                 abc_job_state_name(abc_job_status(job)));
        abc_job_free(job);
        return CLI_EXIT_OK;
    }
    if (status == ABC_OK)
        status = abc_job_cancel(job, &error);
    if (status != ABC_OK) {
        abc_job_free(job);
        return cli_fail(invocation, status, error,
                        status == ABC_ERROR_NOT_FOUND ? job_not_found_hint : NULL);
    }
    cli_print_job(invocation, job);
    abc_job_free(job);
    return CLI_EXIT_OK;
}

static const cli_option list_options[] = {
    {"--limit", "N", "how many of the newest jobs to list, 1..10000 (default 20)"},
    {NULL, NULL, NULL},
};

const cli_command cli_jobs_commands[] = {
    {"jobs list", "CONNECTION_ID", "list a connection's sync jobs, newest first", NULL,
     list_options, 1, 1, run_list},
    {"jobs show", "JOB_ID", "show one job: status, times, rows, bytes, attempts, failures",
     "The attempts and their failures come from the Config API; when it cannot be reached the job "
     "is shown without them (and a note on stderr).",
     NULL, 1, 1, run_show},
    {"jobs cancel", "JOB_ID", "cancel a running job",
     "Asks the server to cancel the job and prints it. A job that is already final is printed as "
     "it is (exit 0).",
     NULL, 1, 1, run_cancel},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
