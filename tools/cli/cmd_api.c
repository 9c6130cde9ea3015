/* api METHOD PATH: any endpoint with the tool's credentials, retries, timeouts and secret
 * hygiene (like `gh api`); jobs start --type; workspaces create | rename | delete. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobview.h"
#include "output.h"
#include "records.h"
#include "report.h"
#include "resources.h"
#include "settings.h"

#define API_PAGE 100

/* --data JSON, or --data @PATH ('@-': stdin). Returns 0 (with *out NULL when not given) or the
 * exit code of the reported usage error. */
static int request_body(cli_invocation *invocation, char **out) {
    const char *data = cli_option_value(invocation, "--data");
    *out = NULL;
    if (data == NULL)
        return 0;
    *out = data[0] == '@' ? cli_read_path(data + 1) : strdup(data);
    if (*out == NULL)
        return cli_usage_error(invocation, "cannot read --data %s", data);
    return 0;
}

/* Prints a JSON body formatted (other text as it is). */
static void print_body(cli_invocation *invocation, const char *body) {
    cJSON *parsed = body[0] != '\0' ? cJSON_Parse(body) : NULL;
    if (parsed != NULL) {
        cli_print_json(invocation, parsed);
    } else if (body[0] != '\0') {
        printf("%s%s", body, body[strlen(body) - 1] == '\n' ? "" : "\n");
    }
}

/* GET every page of a list endpoint (limit/offset added here) and print {"data": [all]}. */
static int paginate(cli_invocation *invocation, abc_workspace *workspace, const char *path) {
    if (strstr(path, "limit=") != NULL || strstr(path, "offset=") != NULL)
        return cli_usage_error(invocation, "--paginate sets limit and offset itself; drop them");
    cJSON *all = cJSON_CreateArray();
    abc_status status = ABC_OK;
    abc_error *error = NULL;
    for (long offset = 0;; offset += API_PAGE) {
        size_t size = strlen(path) + 64;
        char *page_path = malloc(size);
        snprintf(page_path, size, "%s%climit=%d&offset=%ld", path, strchr(path, '?') ? '&' : '?',
                 API_PAGE, offset);
        char *body = NULL;
        status = abc_workspace_request(&body, NULL, workspace, "GET", page_path, NULL, &error);
        free(page_path);
        cJSON *page = status == ABC_OK ? cJSON_Parse(body) : NULL;
        abc_string_free(body);
        cJSON *data = cJSON_DetachItemFromObjectCaseSensitive(page, "data");
        int count = cJSON_GetArraySize(data);
        while (cJSON_GetArraySize(data) > 0)
            cJSON_AddItemToArray(all, cJSON_DetachItemFromArray(data, 0));
        cJSON_Delete(data);
        cJSON_Delete(page);
        if (status != ABC_OK || count < API_PAGE)
            break;
    }
    if (status != ABC_OK) {
        cJSON_Delete(all);
        return cli_fail(invocation, status, error, NULL);
    }
    cJSON *document = cJSON_CreateObject();
    cJSON_AddItemToObject(document, "data", all);
    cli_print_json(invocation, document);
    return CLI_EXIT_OK;
}

static int run_api(cli_invocation *invocation) {
    CLI_ANY_WORKSPACE_OR_RETURN(invocation, workspace);
    const char *method = invocation->args[0], *path = invocation->args[1];
    if (cli_option_value(invocation, "--paginate") != NULL) {
        if (strcmp(method, "GET") != 0)
            return cli_usage_error(invocation, "--paginate works with GET only");
        return paginate(invocation, workspace, path);
    }
    char *data = NULL;
    int code = request_body(invocation, &data);
    if (code != 0)
        return code;
    char *body = NULL;
    abc_error *error = NULL;
    abc_status status = abc_workspace_request(&body, NULL, workspace, method, path, data, &error);
    free(data);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);
    print_body(invocation, body);
    abc_string_free(body);
    return CLI_EXIT_OK;
}

static int run_jobs_start(cli_invocation *invocation) {
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    const char *type = cli_option_value(invocation, "--type");
    abc_sync_options *options = NULL;
    abc_job *job = NULL;
    abc_error *error = NULL;
    abc_status status = abc_sync_options_new(&options, &error);
    if (status == ABC_OK)
        status = abc_sync_options_set_wait(options, 0, &error);
    if (status == ABC_OK)
        status = abc_sync_options_set_job_type(options, type != NULL ? type : "sync", &error);
    if (status == ABC_OK)
        status = abc_run_sync(&job, workspace, invocation->args[0], options, &error);
    abc_sync_options_free(options);
    if (status != ABC_OK) {
        abc_job_free(job);
        return cli_fail(invocation, status, error, NULL);
    }
    cli_print_job(invocation, job);
    abc_job_free(job);
    return CLI_EXIT_OK;
}

static const cli_column workspace_columns[] = {
    {"WORKSPACE ID", "Workspace ID", "workspaceId", CLI_KIND_TEXT},
    {"NAME", "Name", "name", CLI_KIND_TEXT},
    {"DATA RESIDENCY", "Data residency", "dataResidency", CLI_KIND_TEXT},
    {NULL, NULL, NULL, CLI_KIND_TEXT},
};
static const cli_record_view workspace_view = {"workspaces", workspace_columns};

/* create NAME | rename WORKSPACE_ID NAME */
static int run_workspace_change(cli_invocation *invocation) {
    CLI_ANY_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_workspace_info *info = NULL;
    abc_error *error = NULL;
    abc_status status = invocation->arg_count == 1
                            ? abc_workspace_info_create(
                                  &info, workspace, invocation->args[0],
                                  cli_option_value(invocation, "--organization"), NULL, &error)
                            : abc_workspace_info_update(&info, workspace, invocation->args[0],
                                                        invocation->args[1], NULL, &error);
    int code = status == ABC_OK ? cli_print_record_json(invocation, &workspace_view,
                                                        abc_workspace_info_json(info))
                                : cli_fail(invocation, status, error, NULL);
    abc_workspace_info_free(info);
    return code;
}

static int run_workspace_delete(cli_invocation *invocation) {
    CLI_ANY_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_error *error = NULL;
    abc_safe_mode mode =
        cli_option_value(invocation, "--force") != NULL ? ABC_SAFE_MODE_OFF : ABC_SAFE_MODE_DEFAULT;
    abc_status status = abc_workspace_info_delete(workspace, invocation->args[0], mode, &error);
    return cli_print_deleted(invocation, status, error, "workspace", invocation->args[0],
                             " with its connections, sources and destinations");
}

static const cli_option api_options[] = {
    {"--data", "JSON", "the request body, a JSON object; @PATH reads it from a file (@- stdin)"},
    {"--paginate", NULL, "GET every page of a list (limit/offset) and print {\"data\": [...]}"},
    {NULL, NULL, NULL},
};
static const cli_option start_options[] = {
    {"--type", "TYPE", "sync (default), reset, refresh or clear"},
    {NULL, NULL, NULL},
};
static const cli_option create_workspace_options[] = {
    {"--organization", "ORGANIZATION_ID", "create it in this organization"},
    {NULL, NULL, NULL},
};
static const cli_option delete_workspace_options[] = {
    {"--force", NULL, "delete even if the name does not contain 'deleteme' (safe mode off)"},
    {NULL, NULL, NULL},
};

const cli_command cli_api_commands[] = {
    {"api", "METHOD PATH", "send any request to the API (like gh api)",
     "METHOD is GET, POST, PATCH, PUT or DELETE; PATH is below the API root, query string "
     "included, e.g. /workspaces?limit=5. Uses the tool's credentials, retries and timeouts and "
     "prints the response body (JSON formatted). A 4xx or 5xx answer exits as the other commands "
     "do (3 for 401/403, 4 for 404, 1 otherwise) with the problem's detail on stderr.",
     api_options, 2, 2, run_api},
    {"jobs start", "CONNECTION_ID", "start a job of any type without waiting for it", NULL,
     start_options, 1, 1, run_jobs_start},
    {"workspaces create", "NAME", "create a workspace", NULL, create_workspace_options, 1, 1,
     run_workspace_change},
    {"workspaces rename", "WORKSPACE_ID NAME", "rename a workspace", NULL, NULL, 2, 2,
     run_workspace_change},
    {"workspaces delete", "WORKSPACE_ID",
     "delete a workspace with its connections, sources and destinations",
     "Safe mode: refused unless the workspace's name contains 'deleteme' or 'delete-me'; "
     "--force skips that check.",
     delete_workspace_options, 1, 1, run_workspace_delete},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
