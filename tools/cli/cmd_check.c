/* check: is the API reachable, are the credentials good, is the workspace theirs? */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>

#include "listing.h"
#include "report.h"
#include "settings.h"

static const cli_column check_columns[] = {
    {NULL, "Status", NULL, CLI_KIND_TEXT},
    {NULL, NULL, "ok", CLI_KIND_MARK},
    {NULL, "API URL", "apiUrl", CLI_KIND_TEXT},
    {NULL, "Workspace ID", "workspaceId", CLI_KIND_TEXT},
    {NULL, "Workspace name", "workspaceName", CLI_KIND_TEXT},
    {NULL, "Workspace URL", "workspaceUrl", CLI_KIND_TEXT},
    {NULL, NULL, NULL, CLI_KIND_TEXT},
};

static int run_check(cli_invocation *invocation) {
    CLI_REQUIRE_WORKSPACE(invocation);
    abc_workspace *workspace = invocation->workspace;
    abc_error *error = NULL;
    abc_status status = abc_workspace_connect(workspace, &error);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);
    abc_workspace_info *info = NULL;
    status = abc_workspace_info_get(&info, workspace, NULL, &error);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);
    const cli_value row[] = {
        cli_text("ok: the API is reachable and the credentials grant the workspace"),
        cli_number(1),
        cli_text(abc_workspace_api_url(workspace)),
        cli_text(abc_workspace_id(workspace)),
        cli_text(abc_workspace_info_name(info)),
        cli_text(abc_workspace_url(workspace)),
    };
    cli_print_record(invocation, check_columns, row);
    abc_workspace_info_free(info);
    return CLI_EXIT_OK;
}

const cli_command cli_check_commands[] = {
    {"check", "", "check the API URL, the credentials and the workspace",
     "Sends one request (GET /workspaces/{id}) and says which part failed: exit 7 when the API is "
     "unreachable, 3 when the credentials are rejected or lack access, 4 when there is no such "
     "workspace.",
     NULL, 0, 0, run_check},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
