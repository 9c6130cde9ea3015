/* sync CONNECTION_ID: start a sync and (by default) wait for it with a live progress line. */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>

#include "args.h"
#include "interrupt.h"
#include "jobview.h"
#include "progress.h"
#include "report.h"
#include "settings.h"

static int on_progress(const abc_job *job, abc_job_state state, int64_t elapsed_ms,
                       int64_t rows_synced, int64_t bytes_synced, void *user_data) {
    (void)elapsed_ms;
    char label[64];
    snprintf(label, sizeof label, "job %" PRId64, abc_job_id(job));
    cli_progress_update(user_data, label, abc_job_state_name(state), rows_synced, bytes_synced);
    return 0;
}

/* What the sync waits with, freed by free_sync. */
typedef struct sync_run {
    abc_sync_options *options;
    abc_cancel_token *token;
    cli_progress *progress;
    abc_job *job;
} sync_run;

static abc_status set_options(cli_invocation *invocation, sync_run *run, int wait,
                              int64_t timeout_ms, abc_error **error) {
    abc_status status = abc_sync_options_new(&run->options, error);
    if (status == ABC_OK)
        status = abc_cancel_token_new(&run->token, error);
    if (status == ABC_OK)
        status = abc_sync_options_set_wait(run->options, wait, error);
    if (status == ABC_OK && timeout_ms > 0)
        status = abc_sync_options_set_timeout_ms(run->options, timeout_ms, error);
    if (status == ABC_OK && cli_option_value(invocation, "--attach") != NULL)
        status = abc_sync_options_set_attach_if_running(run->options, 1, error);
    if (status == ABC_OK)
        status = abc_sync_options_set_cancel_token(run->options, run->token, error);
    if (status == ABC_OK && wait) {
        char label[128];
        snprintf(label, sizeof label, "connection %s", invocation->args[0]);
        run->progress = cli_progress_start(invocation, label);
        status =
            abc_sync_options_set_progress_callback(run->options, on_progress, run->progress, error);
    }
    return status;
}

/* The job (when there is one), then the exit code the status calls for. */
static int report(cli_invocation *invocation, const sync_run *run, int wait, abc_status status,
                  abc_error *error) {
    const char *connection_id = invocation->args[0];
    if (run->job != NULL)
        cli_print_job(invocation, run->job);
    if (status == ABC_OK && !wait) {
        cli_note(invocation,
                 "job %" PRId64 " started; follow it with '" CLI_NAME " wait %" PRId64 "'",
                 abc_job_id(run->job), abc_job_id(run->job));
    }
    const char *hint = NULL;
    char attach_hint[256];
    if (status == ABC_ERROR_NOT_FOUND)
        hint = "check the connection id and --workspace-id";
    if (status == ABC_ERROR_SYNC_ALREADY_RUNNING) {
        snprintf(attach_hint, sizeof attach_hint,
                 "wait for the running job with '" CLI_NAME " sync %s --attach'", connection_id);
        hint = attach_hint;
    }
    return status == ABC_OK ? CLI_EXIT_OK : cli_fail(invocation, status, error, hint);
}

static int run_sync(cli_invocation *invocation) {
    int wait = cli_option_value(invocation, "--no-wait") == NULL;
    int64_t timeout_ms = 0;
    const char *timeout_text = cli_option_value(invocation, "--timeout");
    if (timeout_text != NULL) {
        if (!wait)
            return cli_usage_error(invocation, "--timeout and --no-wait exclude each other");
        int code = cli_parse_duration(invocation, "--timeout", timeout_text, &timeout_ms);
        if (code != 0)
            return code;
    }
    CLI_REQUIRE_WORKSPACE(invocation);
    sync_run run = {NULL, NULL, NULL, NULL};
    abc_error *error = NULL;
    abc_status status = set_options(invocation, &run, wait, timeout_ms, &error);
    if (status == ABC_OK) {
        cli_interrupt_set_token(run.token);
        status =
            abc_run_sync(&run.job, invocation->workspace, invocation->args[0], run.options, &error);
        cli_interrupt_set_token(NULL);
    }
    cli_progress_stop(run.progress);
    int exit_code = report(invocation, &run, wait, status, error);
    abc_job_free(run.job);
    abc_sync_options_free(run.options);
    abc_cancel_token_free(run.token);
    return exit_code;
}

static const cli_option sync_options[] = {
    {"--no-wait", NULL, "return as soon as the job is started (prints it with its id)"},
    CLI_TIMEOUT_OPTION("the job goes on"),
    {"--attach", NULL,
     "when the connection already runs a job, wait for that one instead of failing"},
    {NULL, NULL, NULL},
};

const cli_command cli_sync_commands[] = {
    {"sync", "CONNECTION_ID", "start a sync and wait for it, showing its progress",
     "Starts a sync job on the connection and waits until it is final. On a terminal a progress "
     "line (status, elapsed time, rows, bytes, rows/s) is redrawn on stderr; elsewhere a line is "
     "printed when the status changes. The finished job is printed on stdout. Exit 5 when the job "
     "fails or is cancelled, 6 when --timeout runs out, 130 on Ctrl-C (the job goes on on the "
     "server; stop it with "
     "'" CLI_NAME " jobs cancel JOB_ID').",
     sync_options, 1, 1, run_sync},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
