/* Errors and exit codes: every failure is ONE line on stderr saying what went wrong and what to
 * do next; with --json, stdout also gets one {"error": ...} document. */
#ifndef ABC_CLI_REPORT_H
#define ABC_CLI_REPORT_H

#include "cli.h"

/* The exit code for a library status (see CLI_EXIT_*). */
int cli_exit_code(abc_status status);

/* Short stable name of a status for --json ("not_found", "auth"...). */
const char *cli_status_code_name(abc_status status);

/* Reports a failed library call: message from `error` (may be NULL: abc_strerror(status) is used)
 * plus `hint` (NULL: a default hint for the status). Frees `error`. Returns the exit code. */
int cli_fail(cli_invocation *invocation, abc_status status, abc_error *error, const char *hint);

/* Reports a command-line mistake (exit code 2), pointing at the command's --help. printf-style. */
int cli_usage_error(cli_invocation *invocation, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Reports a failure the tool itself detected, with an explicit exit code and a hint (what to do
 * next; may be NULL). printf-style message. */
int cli_error(cli_invocation *invocation, int exit_code, const char *hint, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Prints a line to stderr unless --quiet (it clears a live progress line first). printf-style. */
void cli_note(const cli_invocation *invocation, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
