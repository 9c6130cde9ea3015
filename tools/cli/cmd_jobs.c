/* jobs list CONNECTION_ID | jobs show JOB_ID | jobs cancel JOB_ID */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

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

/* The job state named `name` (as the API spells it), or ABC_JOB_STATE_UNKNOWN. */
static abc_job_state job_state_named(const char *name) {
    for (int state = ABC_JOB_STATE_PENDING; state <= ABC_JOB_STATE_CANCELLED; ++state)
        if (strcmp(name, abc_job_state_name((abc_job_state)state)) == 0)
            return (abc_job_state)state;
    return ABC_JOB_STATE_UNKNOWN;
}

/* Where the listed jobs go: the --json array or the table. */
typedef struct job_output {
    cJSON *jobs;
    cli_table *table;
} job_output;

static void add_job(job_output *output, abc_job *job) {
    if (output->jobs != NULL) {
        cJSON_AddItemToArray(output->jobs, cli_job_json(job));
    } else {
        cli_jobs_table_add(output->table, job, 0);
    }
    abc_job_free(job);
}

/* The newest `limit` jobs of the connection, page by page. */
static abc_status list_by_connection(abc_workspace *workspace, const char *connection_id,
                                     int64_t limit, job_output *output, abc_error **error) {
    abc_connection *connection = NULL;
    abc_status status = abc_connection_get(&connection, workspace, connection_id, error);
    int64_t offset = 0;
    while (status == ABC_OK && offset < limit) {
        int page = limit - offset < PAGE ? (int)(limit - offset) : PAGE;
        abc_job_list *list = NULL;
        status = abc_connection_list_jobs(&list, connection, page, offset, error);
        size_t count = status == ABC_OK ? abc_job_list_count(list) : 0;
        for (size_t i = 0; status == ABC_OK && i < count; ++i) {
            abc_job *job = NULL;
            status = abc_job_list_get(&job, list, i, error);
            if (status == ABC_OK)
                add_job(output, job);
        }
        abc_job_list_free(list);
        offset += (int64_t)count;
        if (count < (size_t)page)
            break;
    }
    abc_connection_free(connection);
    return status;
}

/* The newest `limit` jobs of the connection of --type and/or --status (GET /jobs filters). */
static abc_status list_filtered(cli_invocation *invocation, abc_workspace *workspace,
                                int64_t limit, job_output *output, abc_error **error) {
    abc_job_filter *filter = NULL;
    abc_job_iterator *iterator = NULL;
    const char *type = cli_option_value(invocation, "--type");
    const char *state = cli_option_value(invocation, "--status");
    abc_status status = abc_job_filter_new(&filter, error);
    if (status == ABC_OK)
        status = abc_job_filter_set_connection_id(filter, invocation->args[0], error);
    if (status == ABC_OK && type != NULL)
        status = abc_job_filter_set_job_type(filter, type, error);
    if (status == ABC_OK && state != NULL)
        status = abc_job_filter_set_status(filter, job_state_named(state), error);
    if (status == ABC_OK)
        status = abc_job_filter_set_order(filter, "createdAt", 1, error);
    if (status == ABC_OK)
        status = abc_workspace_iterate_jobs(&iterator, workspace, filter, error);
    for (int64_t listed = 0; status == ABC_OK && listed < limit; ++listed) {
        abc_job *job = NULL;
        status = abc_job_iterator_next(&job, iterator, error);
        if (status != ABC_OK || job == NULL)
            break;
        add_job(output, job);
    }
    abc_job_iterator_free(iterator);
    abc_job_filter_free(filter);
    return status;
}

static int run_list(cli_invocation *invocation) {
    int64_t limit = DEFAULT_LIMIT;
    const char *limit_text = cli_option_value(invocation, "--limit");
    const char *state = cli_option_value(invocation, "--status");
    if (limit_text != NULL) {
        int code = cli_parse_int(invocation, "--limit", limit_text, 1, MAX_LIMIT, &limit);
        if (code != 0)
            return code;
    }
    if (state != NULL && job_state_named(state) == ABC_JOB_STATE_UNKNOWN)
        return cli_usage_error(invocation, "--status '%s' is not a job state (pending, queued, "
                                           "running, incomplete, failed, succeeded, cancelled)",
                               state);
    abc_workspace *workspace = NULL;
    int code = cli_workspace(invocation, &workspace);
    if (code != 0)
        return code;
    int json = invocation->global.json;
    cJSON *document = json ? cJSON_CreateObject() : NULL;
    job_output output = {NULL, json ? NULL : cli_jobs_table_new(0)};
    if (json) {
        cli_json_string(document, "connectionId", invocation->args[0]);
        output.jobs = cJSON_AddArrayToObject(document, "jobs");
    }
    abc_error *error = NULL;
    int filtered = state != NULL || cli_option_value(invocation, "--type") != NULL;
    abc_status status =
        filtered ? list_filtered(invocation, workspace, limit, &output, &error)
                 : list_by_connection(workspace, invocation->args[0], limit, &output, &error);
    if (status != ABC_OK) {
        cJSON_Delete(document);
        cli_table_free(output.table);
        return cli_fail(
            invocation, status, error,
            status == ABC_ERROR_NOT_FOUND ? "check the connection id and --workspace-id" : NULL);
    }
    if (json) {
        cli_print_json(invocation, document);
    } else if (cli_table_rows(output.table) == 0) {
        printf("No jobs%s on connection %s; start one with '" CLI_NAME " sync %s'.\n",
               filtered ? " match" : " yet", invocation->args[0], invocation->args[0]);
    } else {
        cli_table_print(output.table, stdout);
    }
    cli_table_free(output.table);
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
    cli_print_job(invocation, job);
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
    {"--type", "TYPE", "only jobs of this type: sync, reset, refresh, clear"},
    {"--status", "STATE", "only jobs in this state, e.g. failed or succeeded"},
    {NULL, NULL, NULL},
};

const cli_command cli_jobs_commands[] = {
    {"jobs list", "CONNECTION_ID", "list a connection's sync jobs, newest first", NULL,
     list_options, 1, 1, run_list},
    {"jobs show", "JOB_ID", "show one job: status, times, rows and bytes synced", NULL, NULL, 1, 1,
     run_show},
    {"jobs cancel", "JOB_ID", "cancel a running job",
     "Asks the server to cancel the job and prints it. A job that is already final is printed as "
     "it is (exit 0).",
     NULL, 1, 1, run_cancel},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
