/* wait JOB_ID...: wait for any number of jobs at once (one abc_waiter), reporting each as it
 * finishes. */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "interrupt.h"
#include "jobview.h"
#include "progress.h"
#include "report.h"
#include "settings.h"

#define DEFAULT_TIMEOUT_MS (3600 * 1000LL)
#define SLICE_MS 500

static int64_t monotonic_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

typedef struct wait_state {
    int64_t ids[CLI_MAX_ARGS]; /* distinct, in argument order */
    abc_job **jobs;
    int *reported;
    size_t count;
    int id_width;
    abc_waiter *waiter;
    abc_cancel_token *token;
    /* the outcome */
    size_t done, failed;
    char failed_ids[256];
    int interrupted, timed_out;
} wait_state;

static void print_row(const wait_state *state, const abc_job *job) {
    char line[512], duration[32], rows[32], bytes[32], clean_type[32], clean_connection[128];
    snprintf(line, sizeof line, "%*" PRId64 "  %-7s  %-10s  %8s  %11s  %10s  %s\n", state->id_width,
             abc_job_id(job), cli_clean(clean_type, sizeof clean_type, abc_job_type(job)),
             abc_job_state_name(abc_job_status(job)),
             abc_job_duration_ms(job) > 0 ? cli_format_duration(duration, abc_job_duration_ms(job))
                                          : "-",
             cli_format_int(rows, abc_job_rows_synced(job)),
             cli_format_bytes(bytes, abc_job_bytes_synced(job)),
             cli_clean(clean_connection, sizeof clean_connection, abc_job_connection_id(job)));
    cli_progress_print_output(line);
}

static void update_progress(cli_progress *progress, const wait_state *state) {
    int64_t rows = 0, bytes = 0;
    for (size_t i = 0; i < state->count; ++i) {
        rows += abc_job_rows_synced(state->jobs[i]);
        bytes += abc_job_bytes_synced(state->jobs[i]);
    }
    char status[64];
    if (state->count == 1) {
        snprintf(status, sizeof status, "%s", abc_job_state_name(abc_job_status(state->jobs[0])));
    } else {
        snprintf(status, sizeof status, "%zu/%zu done", state->done, state->count);
    }
    cli_progress_update(progress, NULL, status, rows, bytes);
}

/* --timeout and the distinct job ids. Returns 0 or the exit code of the reported usage error. */
static int parse_arguments(cli_invocation *invocation, wait_state *state, int64_t *timeout_ms) {
    const char *timeout_text = cli_option_value(invocation, "--timeout");
    *timeout_ms = DEFAULT_TIMEOUT_MS;
    if (timeout_text != NULL) {
        int code = cli_parse_duration(invocation, "--timeout", timeout_text, timeout_ms);
        if (code != 0)
            return code;
    }
    for (int i = 0; i < invocation->arg_count; ++i) {
        int64_t id = 0;
        int code = cli_parse_int(invocation, "JOB_ID", invocation->args[i], 1, INT64_MAX, &id);
        if (code != 0)
            return code;
        int seen = 0;
        for (size_t k = 0; k < state->count; ++k)
            seen = seen || state->ids[k] == id;
        if (!seen)
            state->ids[state->count++] = id;
    }
    return 0;
}

/* Gets every job and adds it to a new waiter. */
static abc_status start_waiter(wait_state *state, abc_workspace *workspace, abc_error **error) {
    state->jobs = calloc(state->count, sizeof(abc_job *));
    state->reported = calloc(state->count, sizeof(int));
    state->id_width = 6;
    if (state->jobs == NULL || state->reported == NULL)
        return ABC_ERROR_OUT_OF_MEMORY;
    abc_status status = abc_waiter_new(&state->waiter, workspace, error);
    if (status == ABC_OK)
        status = abc_cancel_token_new(&state->token, error);
    for (size_t i = 0; status == ABC_OK && i < state->count; ++i) {
        status = abc_job_get(&state->jobs[i], workspace, state->ids[i], error);
        if (status == ABC_OK)
            status = abc_waiter_add(state->waiter, state->jobs[i], NULL, error);
        char digits[32];
        int width = snprintf(digits, sizeof digits, "%" PRId64, state->ids[i]);
        if (width > state->id_width)
            state->id_width = width;
    }
    return status;
}

/* Job `index` became final: count it and print its row. */
static void job_finished(const cli_invocation *invocation, wait_state *state, size_t index) {
    abc_job *job = state->jobs[index];
    state->reported[index] = 1;
    ++state->done;
    abc_job_state final = abc_job_status(job);
    if (final == ABC_JOB_STATE_FAILED || final == ABC_JOB_STATE_CANCELLED) {
        ++state->failed;
        size_t used = strlen(state->failed_ids);
        if (used + 24 < sizeof state->failed_ids) {
            snprintf(state->failed_ids + used, sizeof state->failed_ids - used, "%s%" PRId64,
                     used ? ", " : "", abc_job_id(job));
        }
    }
    if (!invocation->global.json)
        print_row(state, job);
}

/* Waits until every job is final, the deadline passes or a signal comes. */
static abc_status wait_for_jobs(const cli_invocation *invocation, wait_state *state,
                                cli_progress *progress, int64_t timeout_ms, abc_error **error) {
    const int64_t deadline = monotonic_ms() + timeout_ms;
    for (;;) {
        int64_t remaining = deadline - monotonic_ms();
        if (remaining <= 0) {
            state->timed_out = 1;
            return ABC_OK;
        }
        size_t index = 0;
        abc_error *next_error = NULL;
        abc_status next =
            abc_waiter_next(&index, state->waiter, remaining < SLICE_MS ? remaining : SLICE_MS,
                            state->token, &next_error);
        if (next == ABC_OK)
            job_finished(invocation, state, index);
        if (next == ABC_OK || next == ABC_ERROR_WAIT_TIMEOUT) {
            abc_error_free(next_error);
            update_progress(progress, state);
            continue;
        }
        if (next == ABC_ERROR_NOT_FOUND || next == ABC_ERROR_CANCELLED) {
            abc_error_free(next_error); /* every job reported, or a signal */
            state->interrupted = next == ABC_ERROR_CANCELLED;
            return ABC_OK;
        }
        *error = next_error;
        return next;
    }
}

static abc_status run_waiter(const cli_invocation *invocation, wait_state *state,
                             int64_t timeout_ms, abc_error **error) {
    char label[64];
    if (state->count == 1) {
        snprintf(label, sizeof label, "job %" PRId64, state->ids[0]);
    } else {
        snprintf(label, sizeof label, "%zu jobs", state->count);
    }
    if (!invocation->global.json) {
        char header[256];
        snprintf(header, sizeof header, "%*s  %-7s  %-10s  %8s  %11s  %10s  %s\n", state->id_width,
                 "JOB ID", "TYPE", "STATUS", "DURATION", "ROWS", "BYTES", "CONNECTION");
        cli_progress_print_output(header);
    }
    /* From here a signal stops the wait (and is reported), not the process. */
    cli_interrupt_set_token(state->token);
    cli_progress *progress = cli_progress_start(invocation, label);
    update_progress(progress, state);
    abc_status status = wait_for_jobs(invocation, state, progress, timeout_ms, error);
    cli_interrupt_set_token(NULL);
    cli_progress_stop(progress);
    return status;
}

/* Every job (--json) or those not reported yet, then the exit code the outcome calls for. */
static int report_outcome(cli_invocation *invocation, const wait_state *state) {
    if (invocation->global.json) {
        cJSON *document = cJSON_CreateObject();
        cJSON *list = cJSON_AddArrayToObject(document, "jobs");
        for (size_t i = 0; i < state->count; ++i)
            cJSON_AddItemToArray(list, cli_job_json(state->jobs[i]));
        cli_print_json(invocation, document);
    } else {
        for (size_t i = 0; i < state->count; ++i) {
            if (!state->reported[i])
                print_row(state, state->jobs[i]);
        }
    }
    size_t pending = state->count - state->done;
    if (state->failed > 0) {
        return cli_error(invocation, CLI_EXIT_SYNC_FAILED,
                         "see '" CLI_NAME " jobs show JOB_ID' and the Airbyte UI",
                         "%zu of %zu jobs failed or were cancelled (%s)%s", state->failed,
                         state->count, state->failed_ids,
                         pending > 0 ? ", others still running" : "");
    }
    if (!state->interrupted && !state->timed_out)
        return CLI_EXIT_OK;
    char wait_again[512] = CLI_NAME " wait";
    for (size_t i = 0; i < state->count; ++i) {
        size_t used = strlen(wait_again);
        if (!state->reported[i] && used + 24 < sizeof wait_again)
            snprintf(wait_again + used, sizeof wait_again - used, " %" PRId64, state->ids[i]);
    }
    char hint[640];
    snprintf(hint, sizeof hint, "they go on on the server; wait again with '%s'", wait_again);
    if (state->interrupted) {
        return cli_error(invocation, CLI_EXIT_INTERRUPTED, hint,
                         "stopped waiting; %zu of %zu jobs still running", pending, state->count);
    }
    const char *timeout_text = cli_option_value(invocation, "--timeout");
    return cli_error(invocation, CLI_EXIT_TIMEOUT, hint,
                     "%zu of %zu jobs still running after the timeout of %s", pending, state->count,
                     timeout_text != NULL ? timeout_text : "1h");
}

static void free_state(wait_state *state) {
    abc_waiter_free(state->waiter); /* before the jobs: it borrows them */
    for (size_t i = 0; state->jobs != NULL && i < state->count; ++i)
        abc_job_free(state->jobs[i]);
    abc_cancel_token_free(state->token);
    free(state->jobs);
    free(state->reported);
}

static int run_wait(cli_invocation *invocation) {
    wait_state state;
    memset(&state, 0, sizeof state);
    int64_t timeout_ms = 0;
    int code = parse_arguments(invocation, &state, &timeout_ms);
    if (code != 0)
        return code;
    CLI_REQUIRE_WORKSPACE(invocation);
    abc_error *error = NULL;
    abc_status status = start_waiter(&state, invocation->workspace, &error);
    if (status == ABC_OK)
        status = run_waiter(invocation, &state, timeout_ms, &error);
    if (status == ABC_OK) {
        code = report_outcome(invocation, &state);
    } else {
        code = cli_fail(invocation, status, error,
                        status == ABC_ERROR_NOT_FOUND
                            ? "check the job ids; list a connection's jobs with '" CLI_NAME
                              " jobs list CONNECTION_ID'"
                            : NULL);
    }
    free_state(&state);
    return code;
}

static const cli_option wait_options[] = {
    CLI_TIMEOUT_OPTION("the jobs go on"),
    {NULL, NULL, NULL},
};

const cli_command cli_wait_commands[] = {
    {"wait", "JOB_ID...", "wait for one or more jobs, reporting each as it finishes",
     "Polls all the jobs together and prints a line for each job as it becomes final (with "
     "--json: one document listing every job once all are final). Exit 0 when all succeeded, 5 "
     "when any failed or was cancelled, 6 when --timeout ran out first, 130 on Ctrl-C.",
     wait_options, 1, -1, run_wait},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
