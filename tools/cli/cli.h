/* airbyte-cloud: shared types of the command-line tool. The tool uses only the public C API
 * (include/airbyte_cloud.h); nothing here reaches into the library's internals. */
#ifndef ABC_CLI_H
#define ABC_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "airbyte_cloud.h"

#define CLI_NAME "airbyte-cloud"
#define CLI_MAX_OPTIONS 16
#define CLI_MAX_ARGS 256

/* Exit codes. Documented in `airbyte-cloud --help` and docs/CLI.md; never renumbered. */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_ERROR = 1,        /* anything not listed below (server error, rate limit...) */
    CLI_EXIT_USAGE = 2,        /* bad command line or settings */
    CLI_EXIT_AUTH = 3,         /* credentials missing, rejected (401) or lacking access (403) */
    CLI_EXIT_NOT_FOUND = 4,    /* no such workspace, source, destination, connection or job */
    CLI_EXIT_SYNC_FAILED = 5,  /* a job ended failed or cancelled */
    CLI_EXIT_TIMEOUT = 6,      /* --timeout ran out while waiting; the job goes on */
    CLI_EXIT_UNREACHABLE = 7,  /* could not reach the API (DNS, connect, TLS, request timeout) */
    CLI_EXIT_INTERRUPTED = 130 /* Ctrl-C / SIGTERM while waiting; the job goes on */
};

/* Settings every command understands (flags first, then AIRBYTE_CLOUD_* variables). */
typedef struct cli_global {
    const char *api_url;
    const char *workspace_id;
    const char *api_key;
    const char *client_id;
    const char *client_secret;
    int json;
    int quiet;
    int verbose;
    int64_t poll_ms; /* longest pause between polls; 0 = library default */
} cli_global;

/* One option of a command. metavar NULL: a flag without value. */
typedef struct cli_option {
    const char *name; /* "--limit" */
    const char *metavar;
    const char *help;
} cli_option;

struct cli_invocation;
typedef int (*cli_handler)(struct cli_invocation *invocation);

/* A leaf command, e.g. path "jobs list". */
typedef struct cli_command {
    const char *path;
    const char *arguments;     /* usage of the positional arguments, e.g. "CONNECTION_ID" */
    const char *summary;       /* one line */
    const char *description;   /* paragraph(s) for --help; may be NULL */
    const cli_option *options; /* terminated by {NULL}; may be NULL */
    int min_args;
    int max_args; /* -1: any number */
    cli_handler handler;
} cli_command;

typedef struct cli_invocation {
    const cli_command *command;
    cli_global global;
    const char *args[CLI_MAX_ARGS];
    int arg_count;
    const char *values[CLI_MAX_OPTIONS]; /* per command option, in spec order; flags get "1" */
    abc_workspace *workspace;            /* made on demand by cli_workspace() */
    int document_printed;                /* the one --json document went to stdout */
} cli_invocation;

/* Value of a command option, or NULL when not given. */
const char *cli_option_value(const cli_invocation *invocation, const char *name);

/* Command tables (one file per group). */
extern const cli_command cli_check_commands[];
extern const cli_command cli_sync_commands[];
extern const cli_command cli_jobs_commands[];
extern const cli_command cli_wait_commands[];
extern const cli_command cli_connections_commands[];
extern const cli_command cli_workspaces_commands[];
extern const cli_command cli_sources_commands[];
extern const cli_command cli_destinations_commands[];
extern const cli_command cli_streams_commands[];
extern const cli_command cli_read_commands[];
extern const cli_command cli_manage_commands[];
extern const cli_command cli_api_commands[];
extern const cli_command cli_diagnostics_commands[];
extern const cli_command cli_docs_commands[]; /* completion, manpage */

#endif
