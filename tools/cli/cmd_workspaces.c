/* workspaces list: the workspaces the credentials reach. */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "listing.h"
#include "settings.h"

static const cli_column workspace_columns[] = {
    {"WORKSPACE ID", NULL, "workspaceId", CLI_KIND_TEXT},
    {"NAME", NULL, "name", CLI_KIND_TEXT},
    {"DATA RESIDENCY", NULL, "dataResidency", CLI_KIND_TEXT},
    {"CURRENT", NULL, "current", CLI_KIND_MARK},
    {NULL, NULL, NULL, CLI_KIND_TEXT},
};

/* `current_id`: the configured workspace's id, or NULL when none was given. */
static abc_status workspace_row(cli_value *row, const void *item, const void *current_id,
                                abc_error **error) {
    (void)error;
    const abc_workspace_info *info = item;
    row[0] = cli_text(abc_workspace_info_id(info));
    row[1] = cli_text(abc_workspace_info_name(info));
    row[2] = cli_text(abc_workspace_info_data_residency(info));
    row[3] = cli_number(current_id != NULL && strcmp(row[0].text, current_id) == 0);
    return ABC_OK;
}

CLI_LIST_COMMAND(workspaces, abc_workspace_info, abc_workspace_list_workspaces, "workspaces", "",
                 workspace_columns, workspace_row);

static int run_list(cli_invocation *invocation) {
    abc_workspace *workspace = NULL;
    int has_id = 0;
    int code = cli_workspace_any(invocation, &workspace, &has_id);
    if (code != 0)
        return code;
    return cli_run_list(invocation, &workspaces, has_id ? abc_workspace_id(workspace) : NULL);
}

const cli_command cli_workspaces_commands[] = {
    {"workspaces list", "", "list the workspaces the credentials can reach",
     "Needs no workspace id: run it to find yours. The workspace of --workspace-id (or "
     "AIRBYTE_CLOUD_WORKSPACE_ID), when given, is marked as current.",
     cli_name_filter_options, 0, 0, run_list},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
