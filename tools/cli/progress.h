/* The live progress line shown while waiting for jobs.
 *
 * On a terminal (stderr is a tty and no --quiet) one line on stderr is redrawn with '\r' about
 * four times a second: label, status, elapsed time, rows and bytes so far, rows/s. Anywhere
 * else (a pipe, a file, CI) nothing is redrawn: a plain line is printed when the status changes,
 * so logs stay free of control characters. */
#ifndef ABC_CLI_PROGRESS_H
#define ABC_CLI_PROGRESS_H

#include <stdint.h>

#include "cli.h"

typedef struct cli_progress cli_progress;

/* NULL (all calls accept it and do nothing) with --quiet. */
cli_progress *cli_progress_start(const cli_invocation *invocation, const char *label);
/* New figures. `label` NULL keeps the current one; rows < 0 shows no rows/bytes part (not
 * known yet). Off a terminal, a plain line is printed when the label or status changes. */
void cli_progress_update(cli_progress *progress, const char *label, const char *status,
                         int64_t rows, int64_t bytes);
/* Stops redrawing and removes the line (terminal) so the result can be printed. Frees. */
void cli_progress_stop(cli_progress *progress);

/* Prints `line` and a newline on stderr, first clearing a live progress line if one is shown
 * (it is redrawn on the next tick). Safe from any thread. */
void cli_progress_print_line(const char *line);

/* Writes `text` (a complete line or lines, ending in '\n') to stdout, first clearing a live
 * progress line, which is redrawn on the next tick: for results printed while still waiting. */
void cli_progress_print_output(const char *text);

/* 1 when the live line is drawn on this process's stderr (a terminal). */
int cli_progress_is_live(const cli_invocation *invocation);

#endif
