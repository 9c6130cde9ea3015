#define _POSIX_C_SOURCE 200809L
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "output.h"
#include "progress.h"

int cli_exit_code(abc_status status) {
    switch (status) {
        case ABC_OK:
            return CLI_EXIT_OK;
        case ABC_ERROR_INVALID_ARGUMENT:
            return CLI_EXIT_USAGE;
        case ABC_ERROR_AUTH:
        case ABC_ERROR_FORBIDDEN:
            return CLI_EXIT_AUTH;
        case ABC_ERROR_NOT_FOUND:
            return CLI_EXIT_NOT_FOUND;
        case ABC_ERROR_SYNC_FAILED:
            return CLI_EXIT_SYNC_FAILED;
        case ABC_ERROR_WAIT_TIMEOUT:
            return CLI_EXIT_TIMEOUT;
        case ABC_ERROR_TRANSPORT:
        case ABC_ERROR_REQUEST_TIMEOUT:
            return CLI_EXIT_UNREACHABLE;
        case ABC_ERROR_CANCELLED:
            return CLI_EXIT_INTERRUPTED;
        default:
            return CLI_EXIT_ERROR;
    }
}

const char *cli_status_code_name(abc_status status) {
    switch (status) {
        case ABC_OK:
            return "ok";
        case ABC_ERROR_INVALID_ARGUMENT:
            return "invalid_argument";
        case ABC_ERROR_OUT_OF_MEMORY:
            return "out_of_memory";
        case ABC_ERROR_TRANSPORT:
            return "transport";
        case ABC_ERROR_REQUEST_TIMEOUT:
            return "request_timeout";
        case ABC_ERROR_AUTH:
            return "auth";
        case ABC_ERROR_FORBIDDEN:
            return "forbidden";
        case ABC_ERROR_NOT_FOUND:
            return "not_found";
        case ABC_ERROR_CONFLICT:
            return "conflict";
        case ABC_ERROR_SYNC_ALREADY_RUNNING:
            return "sync_already_running";
        case ABC_ERROR_RATE_LIMITED:
            return "rate_limited";
        case ABC_ERROR_SERVER:
            return "server";
        case ABC_ERROR_API:
            return "api";
        case ABC_ERROR_PROTOCOL:
            return "protocol";
        case ABC_ERROR_SYNC_FAILED:
            return "sync_failed";
        case ABC_ERROR_WAIT_TIMEOUT:
            return "wait_timeout";
        case ABC_ERROR_CANCELLED:
            return "cancelled";
        case ABC_ERROR_UNSUPPORTED:
            return "unsupported";
        case ABC_ERROR_INTERNAL:
            return "internal";
        case ABC_ERROR_REFUSED:
            return "refused";
        default:
            return "error"; /* a status newer than this tool */
    }
}

static const char *command_path(const cli_invocation *invocation) {
    return invocation != NULL && invocation->command != NULL ? invocation->command->path : NULL;
}

/* Default hints by status: `hint`, or when the error names a job (or there is no `hint`)
 * `job_hint`, a format with one %lld for the job id. */
static const struct {
    abc_status status;
    const char *hint;
    const char *job_hint;
} default_hints[] = {
    {ABC_ERROR_AUTH,
     "check the API key (--api-key or AIRBYTE_CLOUD_API_KEY) or the client id and secret "
     "(--client-id/--client-secret or AIRBYTE_CLOUD_CLIENT_ID/_SECRET)",
     NULL},
    {ABC_ERROR_FORBIDDEN,
     "the credentials lack access: check --workspace-id and the application's permissions", NULL},
    {ABC_ERROR_NOT_FOUND, "check the id and --workspace-id", NULL},
    {ABC_ERROR_TRANSPORT, "check --api-url (or AIRBYTE_CLOUD_API_URL) and that the server is up",
     NULL},
    {ABC_ERROR_REQUEST_TIMEOUT,
     "check --api-url (or AIRBYTE_CLOUD_API_URL) and that the server is up", NULL},
    {ABC_ERROR_SYNC_ALREADY_RUNNING,
     "wait for the running job with '" CLI_NAME " sync CONNECTION_ID --attach'", NULL},
    {ABC_ERROR_RATE_LIMITED, "try again in a moment", NULL},
    {ABC_ERROR_SERVER, "try again in a moment", NULL},
    {ABC_ERROR_PROTOCOL, "check that --api-url is the API root (e.g. https://api.airbyte.com/v1)",
     NULL},
    {ABC_ERROR_SYNC_FAILED, NULL,
     "see the job's attempts and logs in the Airbyte UI ('" CLI_NAME " jobs show %lld')"},
    {ABC_ERROR_WAIT_TIMEOUT, "wait again or raise --timeout",
     "wait again with '" CLI_NAME " wait %lld' or raise --timeout"},
    {ABC_ERROR_CANCELLED, "the jobs go on on the server",
     "to stop it too: '" CLI_NAME " jobs cancel %lld'"},
    {ABC_ERROR_INTERNAL, "this is a bug in libairbyte_cloud; please report it", NULL},
};

static void default_hint(char *out, size_t size, const cli_invocation *invocation,
                         abc_status status, const abc_error *error) {
    long long job = (long long)abc_error_job_id(error);
    out[0] = '\0';
    if (status == ABC_ERROR_INVALID_ARGUMENT) {
        const char *path = command_path(invocation);
        snprintf(out, size, "see '" CLI_NAME " %s --help'", path ? path : "");
        return;
    }
    for (size_t i = 0; i < sizeof default_hints / sizeof default_hints[0]; ++i) {
        if (default_hints[i].status != status)
            continue;
        if (default_hints[i].job_hint != NULL && (job > 0 || default_hints[i].hint == NULL))
            snprintf(out, size, default_hints[i].job_hint, job);
        else
            snprintf(out, size, "%s", default_hints[i].hint);
        return;
    }
}

/* One line on stderr; with --json and no document printed yet, an error document on stdout. */
static void emit(cli_invocation *invocation, int exit_code, const char *code, const char *message,
                 const char *hint, const abc_error *error) {
    char clean_message[2048], clean_hint[1024], line[3200];
    cli_clean(clean_message, sizeof clean_message, message);
    cli_clean(clean_hint, sizeof clean_hint, hint != NULL ? hint : "");
    size_t length = strlen(clean_message);
    while (length > 0 && (clean_message[length - 1] == '.' || clean_message[length - 1] == ' ')) {
        clean_message[--length] = '\0';
    }
    if (clean_hint[0] != '\0') {
        snprintf(line, sizeof line, CLI_NAME ": %s; %s", clean_message, clean_hint);
    } else {
        snprintf(line, sizeof line, CLI_NAME ": %s", clean_message);
    }
    fflush(stdout); /* what the command printed comes before its error */
    cli_progress_print_line(line);

    if (invocation != NULL && invocation->global.json && !invocation->document_printed) {
        cJSON *document = cJSON_CreateObject();
        cJSON *detail = cJSON_AddObjectToObject(document, "error");
        cli_json_string(detail, "code", code);
        cli_json_int(detail, "exitCode", exit_code);
        cli_json_string(detail, "message", clean_message);
        cli_json_string(detail, "hint", clean_hint);
        if (error != NULL) {
            if (abc_error_http_status(error) != 0)
                cli_json_int(detail, "httpStatus", abc_error_http_status(error));
            if (abc_error_job_id(error) != 0)
                cli_json_int(detail, "jobId", abc_error_job_id(error));
            if (abc_error_failure_message(error)[0] != '\0') {
                cli_json_string(detail, "failureOrigin", abc_error_failure_origin(error));
                cli_json_string(detail, "failureMessage", abc_error_failure_message(error));
            }
            if (abc_error_connection_id(error)[0] != '\0') {
                cli_json_string(detail, "connectionId", abc_error_connection_id(error));
            }
        }
        cli_print_json(invocation, document);
    }
}

int cli_fail(cli_invocation *invocation, abc_status status, abc_error *error, const char *hint) {
    char fallback[1024];
    if (hint == NULL) {
        default_hint(fallback, sizeof fallback, invocation, status, error);
        hint = fallback;
    }
    const char *message = error != NULL && abc_error_message(error)[0] != '\0'
                              ? abc_error_message(error)
                              : abc_strerror(status);
    int exit_code = cli_exit_code(status);
    emit(invocation, exit_code, cli_status_code_name(status), message, hint, error);
    abc_error_free(error);
    return exit_code;
}

int cli_usage_error(cli_invocation *invocation, const char *format, ...) {
    char message[1024], hint[256];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    const char *path = command_path(invocation);
    snprintf(hint, sizeof hint, "see '" CLI_NAME "%s%s --help'", path ? " " : "", path ? path : "");
    emit(invocation, CLI_EXIT_USAGE, "usage", message, hint, NULL);
    return CLI_EXIT_USAGE;
}

static const char *code_for_exit(int exit_code) {
    switch (exit_code) {
        case CLI_EXIT_USAGE:
            return "usage";
        case CLI_EXIT_AUTH:
            return "auth";
        case CLI_EXIT_NOT_FOUND:
            return "not_found";
        case CLI_EXIT_SYNC_FAILED:
            return "sync_failed";
        case CLI_EXIT_TIMEOUT:
            return "wait_timeout";
        case CLI_EXIT_UNREACHABLE:
            return "transport";
        case CLI_EXIT_INTERRUPTED:
            return "cancelled";
        default:
            return "error";
    }
}

int cli_error(cli_invocation *invocation, int exit_code, const char *hint, const char *format,
              ...) {
    char message[2048];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    emit(invocation, exit_code, code_for_exit(exit_code), message, hint, NULL);
    return exit_code;
}

void cli_note(const cli_invocation *invocation, const char *format, ...) {
    if (invocation != NULL && invocation->global.quiet)
        return;
    char message[2048], clean[2048];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    fflush(stdout); /* keep the order of results and notes when both go to one place */
    cli_progress_print_line(cli_clean(clean, sizeof clean, message));
}
