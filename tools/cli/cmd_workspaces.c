/* workspaces list: the workspaces the credentials reach. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "output.h"
#include "report.h"
#include "resources.h"
#include "settings.h"

static int run_list(cli_invocation *invocation) {
    abc_workspace *workspace = NULL;
    abc_list_options *options = NULL;
    int has_id = 0;
    int code = cli_workspace_any(invocation, &workspace, &has_id);
    if (code == 0)
        code = cli_list_options(invocation, &options);
    if (code != 0)
        return code;
    abc_workspace_info_list *list = NULL;
    abc_error *error = NULL;
    abc_status status = abc_workspace_list_workspaces(&list, workspace, options, &error);
    abc_list_options_free(options);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);

    size_t count = abc_workspace_info_list_count(list);
    cJSON *document = NULL, *items = NULL;
    cli_table *table = NULL;
    if (invocation->global.json) {
        document = cJSON_CreateObject();
        items = cJSON_AddArrayToObject(document, "workspaces");
    } else {
        static const char *const headers[] = {"WORKSPACE ID", "NAME", "DATA RESIDENCY", "CURRENT"};
        table = cli_table_new(4, headers, NULL);
    }
    for (size_t i = 0; status == ABC_OK && i < count; ++i) {
        abc_workspace_info *info = NULL;
        status = abc_workspace_info_list_get(&info, list, i, &error);
        if (status != ABC_OK)
            break;
        int current =
            has_id && strcmp(abc_workspace_info_id(info), abc_workspace_id(workspace)) == 0;
        if (items != NULL) {
            cJSON *item = cJSON_CreateObject();
            cli_json_string(item, "workspaceId", abc_workspace_info_id(info));
            cli_json_string(item, "name", abc_workspace_info_name(info));
            cli_json_string(item, "dataResidency", abc_workspace_info_data_residency(info));
            cJSON_AddBoolToObject(item, "current", current);
            cJSON_AddItemToArray(items, item);
        } else {
            const char *cells[] = {abc_workspace_info_id(info), abc_workspace_info_name(info),
                                   abc_workspace_info_data_residency(info), current ? "*" : ""};
            cli_table_add(table, cells);
        }
        abc_workspace_info_free(info);
    }
    abc_workspace_info_list_free(list);
    if (status != ABC_OK) {
        cJSON_Delete(document);
        cli_table_free(table);
        return cli_fail(invocation, status, error, NULL);
    }
    if (document != NULL) {
        cli_print_json(invocation, document);
    } else if (count == 0) {
        printf("No workspaces%s.\n", cli_option_value(invocation, "--name") ? " match --name" : "");
    } else {
        cli_table_print(table, stdout);
    }
    cli_table_free(table);
    return CLI_EXIT_OK;
}

static const cli_option list_options[] = {
    {"--name", "TEXT", "only those whose name contains TEXT (any letter case)"},
    {NULL, NULL, NULL},
};

const cli_command cli_workspaces_commands[] = {
    {"workspaces list", "", "list the workspaces the credentials can reach",
     "Needs no workspace id: run it to find yours. The workspace of --workspace-id (or "
     "AIRBYTE_CLOUD_WORKSPACE_ID), when given, is marked as current.",
     list_options, 0, 0, run_list},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
