/* The command-line parser: the input is argv, NUL-separated. Also the API URL check and the URL
 * masking the tool applies to everything it prints. Usage errors go to stderr: the runners pass
 * -close_fd_mask=3 so they do not flood the log (libFuzzer's own reports still show). */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "output.h"

enum { kMaxArguments = 32 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *copy = malloc(size + 1);
    if (copy == NULL)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    char *argv[kMaxArguments + 2];
    int argc = 0;
    argv[argc++] = (char *)"airbyte-cloud";
    for (size_t start = 0; start <= size && argc <= kMaxArguments;) {
        argv[argc++] = copy + start;
        start += strlen(copy + start) + 1;
    }
    argv[argc] = NULL;

    cli_invocation invocation;
    memset(&invocation, 0, sizeof invocation);
    const char *help_topic = "";
    int exit_code = 0;
    (void)cli_parse(argc, argv, &invocation, &help_topic, &exit_code);

    char masked[256];
    cli_masked_url(masked, sizeof masked, copy);
    if (strlen(masked) >= sizeof masked)
        abort();
    (void)cli_api_url_problem(copy);
    free(copy);
    return 0;
}
