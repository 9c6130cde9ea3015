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

/* Adds the newest jobs of the connection, up to `limit`, a page at a time. */
static abc_status add_jobs(cli_listing *listing, abc_connection *connection, int64_t limit,
                           abc_error **error) {
    abc_status status = ABC_OK;
    int64_t offset = 0;
    while (status == ABC_OK && offset < limit) {
        int page = limit - offset < PAGE ? (int)(limit - offset) : PAGE;
        abc_job_list *list = NULL;
        status = abc_connection_list_jobs(&list, connection, page, offset, error);
        size_t count = status == ABC_OK ? abc_job_list_count(list) : 0;
        for (size_t i = 0; status == ABC_OK && i < count; ++i) {
            abc_job *job = NULL;
            status = abc_job_list_get(&job, list, i, error);
            cli_value row[CLI_MAX_COLUMNS];
            if (status == ABC_OK) {
                cli_job_row(row, job);
                cli_listing_add(listing, row);
            }
            abc_job_free(job);
        }
        abc_job_list_free(list);
        offset += (int64_t)count;
        if (count < (size_t)page)
            break;
    }
    return status;
}

/* The job state named `name` (as the API spells it), or ABC_JOB_STATE_UNKNOWN. */
static abc_job_state job_state_named(const char *name) {
    for (int state = ABC_JOB_STATE_PENDING; state <= ABC_JOB_STATE_CANCELLED; ++state)
        if (strcmp(name, abc_job_state_name((abc_job_state)state)) == 0)
            return (abc_job_state)state;
    return ABC_JOB_STATE_UNKNOWN;
}

/* Adds the newest jobs of the connection of --type and/or --status, up to `limit` (GET /jobs
 * with its filters). */
static abc_status add_filtered_jobs(cli_invocation *invocation, cli_listing *listing,
                                    abc_workspace *workspace, int64_t limit, abc_error **error) {
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
        cli_value row[CLI_MAX_COLUMNS];
        cli_job_row(row, job);
        cli_listing_add(listing, row);
        abc_job_free(job);
    }
    abc_job_iterator_free(iterator);
    abc_job_filter_free(filter);
    return status;
}

static int run_list(cli_invocation *invocation) {
    int64_t limit = DEFAULT_LIMIT;
    const char *limit_text = cli_option_value(invocation, "--limit");
    int code = limit_text != NULL
                   ? cli_parse_int(invocation, "--limit", limit_text, 1, MAX_LIMIT, &limit)
                   : 0;
    const char *state = cli_option_value(invocation, "--status");
    if (code == 0 && state != NULL && job_state_named(state) == ABC_JOB_STATE_UNKNOWN)
        code = cli_usage_error(invocation,
                               "--status '%s' is not a job state (pending, queued, running, "
                               "incomplete, failed, succeeded, cancelled)",
                               state);
    int filtered = state != NULL || cli_option_value(invocation, "--type") != NULL;
    if (code != 0)
        return code;
    CLI_REQUIRE_WORKSPACE(invocation);
    const char *connection_id = invocation->args[0];
    abc_connection *connection = NULL;
    abc_error *error = NULL;
    abc_status status =
        abc_connection_get(&connection, invocation->workspace, connection_id, &error);
    cli_listing *listing = cli_listing_new(invocation, cli_job_columns, "jobs");
    if (cli_listing_document(listing) != NULL)
        cli_json_string(cli_listing_document(listing), "connectionId", connection_id);
    if (status == ABC_OK && filtered)
        status = add_filtered_jobs(invocation, listing, invocation->workspace, limit, &error);
    else if (status == ABC_OK)
        status = add_jobs(listing, connection, limit, &error);
    abc_connection_free(connection);
    if (status != ABC_OK) {
        return cli_listing_fail(
            listing, status, error,
            status == ABC_ERROR_NOT_FOUND ? "check the connection id and --workspace-id" : NULL);
    }
    char empty[256];
    snprintf(empty, sizeof empty,
             "No jobs yet on connection %s; start one with '" CLI_NAME " sync %s'.", connection_id,
             connection_id);
    return cli_listing_print(listing, empty);
}

/* The job of the JOB_ID argument, or the exit code of the reported failure. */
static int get_job(cli_invocation *invocation, abc_job **job) {
    int64_t job_id = 0;
    int code = cli_parse_int(invocation, "JOB_ID", invocation->args[0], 1, INT64_MAX, &job_id);
    if (code != 0)
        return code;
    CLI_REQUIRE_WORKSPACE(invocation);
    abc_error *error = NULL;
    abc_status status = abc_job_get(job, invocation->workspace, job_id, &error);
    if (status != ABC_OK) {
        return cli_fail(invocation, status, error,
                        status == ABC_ERROR_NOT_FOUND ? job_not_found_hint : NULL);
    }
    return 0;
}

static int run_show(cli_invocation *invocation) {
    abc_job *job = NULL;
    abc_workspace *workspace = NULL;
    int code = get_job(invocation, &job);
    if (code != 0 || (code = cli_workspace(invocation, &workspace)) != 0)
        return code;
    cli_print_job_with_attempts(invocation, workspace, job);
    abc_job_free(job);
    return CLI_EXIT_OK;
}

static int run_cancel(cli_invocation *invocation) {
    abc_job *job = NULL;
    int code = get_job(invocation, &job);
    if (code != 0)
        return code;
    if (abc_job_is_complete(job)) {
        cli_print_job(invocation, job);
        cli_note(invocation, "job %lld is already %s; nothing to cancel",
                 (long long)abc_job_id(job), abc_job_state_name(abc_job_status(job)));
        abc_job_free(job);
        return CLI_EXIT_OK;
    }
    abc_error *error = NULL;
    abc_status status = abc_job_cancel(job, &error);
    if (status == ABC_OK)
        cli_print_job(invocation, job);
    abc_job_free(job);
    if (status != ABC_OK) {
        return cli_fail(invocation, status, error,
                        status == ABC_ERROR_NOT_FOUND ? job_not_found_hint : NULL);
    }
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
