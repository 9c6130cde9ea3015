/* check: is the API reachable, are the credentials good, is the workspace theirs? */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>

#include "output.h"
#include "report.h"
#include "settings.h"

static int run_check(cli_invocation *invocation) {
    abc_workspace *workspace = NULL;
    int code = cli_workspace(invocation, &workspace);
    if (code != 0)
        return code;
    abc_error *error = NULL;
    abc_status status = abc_workspace_connect(workspace, &error);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);
    abc_workspace_info *info = NULL;
    status = abc_workspace_info_get(&info, workspace, NULL, &error);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);

    char api_url[1024], workspace_url[1024];
    cli_masked_url(api_url, sizeof api_url, abc_workspace_api_url(workspace));
    cli_masked_url(workspace_url, sizeof workspace_url, abc_workspace_url(workspace));
    if (invocation->global.json) {
        cJSON *document = cJSON_CreateObject();
        cJSON_AddBoolToObject(document, "ok", 1);
        cli_json_string(document, "apiUrl", api_url);
        cli_json_string(document, "workspaceId", abc_workspace_id(workspace));
        cli_json_string(document, "workspaceName", abc_workspace_info_name(info));
        cli_json_string(document, "workspaceUrl", workspace_url);
        cli_print_json(invocation, document);
        abc_workspace_info_free(info);
        return CLI_EXIT_OK;
    }
    cli_fields *fields = cli_fields_new();
    cli_fields_add(fields, "Status",
                   "ok: the API is reachable and the credentials grant the workspace");
    cli_fields_add(fields, "API URL", api_url);
    cli_fields_add(fields, "Workspace ID", abc_workspace_id(workspace));
    cli_fields_add(fields, "Workspace name", abc_workspace_info_name(info));
    cli_fields_add(fields, "Workspace URL", workspace_url);
    cli_fields_print(fields, stdout);
    cli_fields_free(fields);
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
