/* Helpers the resource commands share: configuration input, JSON text embedded in output,
 * list filters. */
#ifndef ABC_CLI_RESOURCES_H
#define ABC_CLI_RESOURCES_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "cli.h"

/* The configuration JSON from --config TEXT or --config-file PATH ('-' = stdin), checked to be a
 * JSON object. Returns 0 and a malloc'd text in *out, or reports a usage error and returns its
 * exit code. Secrets in it are never echoed. */
int cli_read_configuration(cli_invocation *invocation, char **out);

/* The JSON object given with `inline_option` JSON or `file_option` PATH ('-' = stdin), one of the
 * two; `example` shows a valid value in the usage error. Same results as cli_read_configuration. */
int cli_read_json_object(cli_invocation *invocation, const char *inline_option,
                         const char *file_option, const char *example, char **out);

/* The whole content of a file ('-' = stdin) as a malloc'd string; NULL (errno set) on failure. */
char *cli_read_path(const char *path);

/* Parses JSON text from the library into a cJSON value; text that does not parse is kept as a
 * JSON string (never lost). */
cJSON *cli_json_from_text(const char *text);

/* Prints a JSON value indented by two spaces per level, starting at `depth`, no newline. */
void cli_write_json(FILE *out, const cJSON *item, int depth);

/* List options from --name (a case-insensitive "name contains" filter); *out NULL when no filter
 * is wanted. */
abc_status cli_list_options(const cli_invocation *invocation, abc_list_options **out,
                            abc_error **error);

#endif
