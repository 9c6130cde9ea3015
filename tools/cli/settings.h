/* Settings: flags win over AIRBYTE_CLOUD_* environment variables; secrets are never printed. */
#ifndef ABC_CLI_SETTINGS_H
#define ABC_CLI_SETTINGS_H

#include "cli.h"

/* Makes (once) the invocation's workspace handle from its settings. Returns 0, or reports the
 * problem (no workspace id, no credentials, a bad URL...) and returns the exit code. */
int cli_workspace(cli_invocation *invocation, abc_workspace **out);

/* For handlers: makes the invocation's workspace (then in invocation->workspace), or returns from
 * the handler with the exit code of the reported problem. */
#define CLI_REQUIRE_WORKSPACE(invocation)                             \
    do {                                                              \
        abc_workspace *cli_workspace_ = NULL;                         \
        int cli_code_ = cli_workspace((invocation), &cli_workspace_); \
        if (cli_code_ != 0)                                           \
            return cli_code_;                                         \
    } while (0)

/* The same for commands that send no workspace id (workspaces list): without one configured, the
 * handle gets the nil UUID, which such commands never send. *has_id tells which it was. */
int cli_workspace_any(cli_invocation *invocation, abc_workspace **out, int *has_id);

/* In a command handler: declares `abc_workspace *NAME` from cli_workspace() and returns
 * the exit code when that failed. */
#define CLI_WORKSPACE_OR_RETURN(invocation, NAME)              \
    abc_workspace *NAME = NULL;                                \
    do {                                                       \
        int workspace_code_ = cli_workspace((invocation), &NAME); \
        if (workspace_code_ != 0)                              \
            return workspace_code_;                            \
    } while (0)

/* The same with cli_workspace_any(), for commands that need no workspace id. */
#define CLI_ANY_WORKSPACE_OR_RETURN(invocation, NAME)                         \
    abc_workspace *NAME = NULL;                                               \
    do {                                                                      \
        int has_id_ = 0;                                                      \
        int workspace_code_ = cli_workspace_any((invocation), &NAME, &has_id_); \
        if (workspace_code_ != 0)                                             \
            return workspace_code_;                                           \
    } while (0)

#endif
