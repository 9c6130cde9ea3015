/* The command line: global options anywhere, "group sub" command paths, command options after
 * the command, "--" ending options, and --help everywhere. */
#ifndef ABC_CLI_ARGS_H
#define ABC_CLI_ARGS_H

#include <stdint.h>

#include "cli.h"

/* What main() should do after parsing. */
typedef enum cli_parse_result {
    CLI_PARSE_RUN,     /* invocation->command is set; run it */
    CLI_PARSE_HELP,    /* print help for `help_topic` ("" = the tool) and exit 0 */
    CLI_PARSE_VERSION, /* print versions and exit 0 */
    CLI_PARSE_ERROR    /* reported already; exit with the returned code */
} cli_parse_result;

/* All commands, NULL-terminated list of tables. */
extern const cli_command *const *cli_command_tables;

/* A global option (understood before or after any command). metavar NULL: a flag. */
typedef struct cli_global_option {
    const char *name;       /* "--api-url" */
    const char *short_name; /* "-q", or NULL */
    const char *metavar;
    const char *help;
} cli_global_option;

/* The global options in --help order: index 0, 1, ... until NULL. */
const cli_global_option *cli_global_option_at(int index);

/* Texts --help prints, shared with the man page and completions (cmd_docs.c). */
extern const char *const cli_tool_summary;   /* what the tool is, a paragraph */
extern const char *const cli_exit_code_help; /* "Exit codes:" and one line per code */
extern const char *const cli_manual_pointer; /* where the manual is */

/* Parses argv into `invocation`. For CLI_PARSE_HELP, *help_topic is the command path or group
 * ("" for the whole tool; it points into a static or argv string). */
cli_parse_result cli_parse(int argc, char **argv, cli_invocation *invocation,
                           const char **help_topic, int *exit_code);

/* Prints help for a topic ("" = the tool, a group like "jobs", or a command path) to stdout. */
void cli_print_help(const char *topic);

/* The --timeout option of the commands that wait; `goes_on` ends its help ("the job goes on"). */
#define CLI_TIMEOUT_OPTION(goes_on)                                                       \
    {                                                                                     \
        "--timeout", "DURATION",                                                          \
            "stop waiting after DURATION (90, 90s, 5m, 2h; default 1h): exit 6, " goes_on \
    }

/* Parses an option or argument as an integer in [minimum, maximum]. Returns 0, or reports a
 * usage error naming `what` and returns its exit code. */
int cli_parse_int(cli_invocation *invocation, const char *what, const char *text, int64_t minimum,
                  int64_t maximum, int64_t *out);
/* Parses a duration: "90" or "90s", "5m", "2h", "1.5m"; at least 1 ms. Returns 0 or the exit code
 * of the reported usage error. */
int cli_parse_duration(cli_invocation *invocation, const char *what, const char *text,
                       int64_t *out_ms);

#endif
