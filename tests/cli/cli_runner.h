/* Runs the airbyte-cloud binary for the CLI tests: through pipes (stdout and stderr captured
 * apart, as in a script or CI) or under a pseudo-terminal (as a person sees it), with an optional
 * signal sent after a delay; normalises run-specific text and compares it with golden files. */
#ifndef ABC_TESTS_CLI_RUNNER_H
#define ABC_TESTS_CLI_RUNNER_H

#include <stddef.h>

typedef struct cli_result {
    int exit_code; /* 128 + signal when killed by one */
    char *out;     /* stdout (pipes) or everything the terminal showed (pty) */
    char *err;     /* stderr (pipes); "" under a pty */
} cli_result;

/* argv: NULL-terminated arguments after the program name. signal_after_ms > 0 sends `signal_number`
 * that many ms after the start. Kills the child after 120 s. */
void cli_run(cli_result *result, const char *const *argv, int signal_after_ms, int signal_number);
/* Like cli_run, sending `signal_number` once stderr contains `marker` (so the signal arrives while
 * the CLI is waiting, however slow the machine). */
void cli_run_signal_on(cli_result *result, const char *const *argv, const char *marker,
                       int signal_number);
/* The same under a pseudo-terminal (stdin, stdout and stderr are the terminal). */
void cli_run_pty(cli_result *result, const char *const *argv);
void cli_result_free(cli_result *result);

/* A replacement the normaliser applies: every occurrence of `from` becomes `to`; a "<NAME>"
 * shorter than `from` is padded with dots to its width, so tables stay aligned. */
void cli_normalise_add(const char *from, const char *to);
/* A new string: the registered replacements, then ISO-8601 times as "YYYY-MM-DDTHH:MM:SSZ"
 * (same width, so tables stay aligned). */
char *cli_normalise(const char *text);

/* Compares `actual` (normalised by the caller) with golden/<name>; with ABC_CLI_UPDATE_GOLDEN=1
 * in the environment it writes the file instead. Returns 0 when equal, else prints a diff. */
int cli_golden_compare(const char *name, const char *actual);

/* Index of the first control character other than '\n' in text, or -1. */
long cli_find_control(const char *text);

#endif
