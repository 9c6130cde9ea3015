/* airbyte-cloud: trigger, watch and inspect Airbyte syncs from a shell, cron or CI.
 * Built only on the public C API of libairbyte_cloud. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "interrupt.h"
#include "report.h"

int main(int argc, char **argv) {
    cli_interrupt_init();

    cli_invocation invocation;
    memset(&invocation, 0, sizeof invocation);
    const char *help_topic = "";
    int exit_code = 0;
    switch (cli_parse(argc, argv, &invocation, &help_topic, &exit_code)) {
        case CLI_PARSE_HELP:
            cli_print_help(help_topic);
            return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_ERROR;
        case CLI_PARSE_VERSION:
            printf(CLI_NAME " %s (libairbyte_cloud %s)\n", ABC_VERSION_STRING,
                   abc_version_string());
            return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_ERROR;
        case CLI_PARSE_ERROR:
            return exit_code;
        case CLI_PARSE_RUN:
            break;
    }

    if (abc_version_number() >> 16 != ABC_VERSION_MAJOR) {
        return cli_error(&invocation, CLI_EXIT_ERROR,
                         "install matching versions of the tool and the library",
                         "libairbyte_cloud %s is not compatible with this tool (built for %s)",
                         abc_version_string(), ABC_VERSION_STRING);
    }
    exit_code = invocation.command->handler(&invocation);
    abc_workspace_free(invocation.workspace);
    if (fflush(stdout) != 0 && exit_code == CLI_EXIT_OK) {
        fprintf(stderr, CLI_NAME ": could not write the output; check the disk or the pipe\n");
        exit_code = CLI_EXIT_ERROR;
    }
    return exit_code;
}
