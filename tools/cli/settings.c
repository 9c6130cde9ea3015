#define _POSIX_C_SOURCE 200809L
#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "progress.h"
#include "report.h"

static const char *env(const char *name) {
    const char *value = getenv(name);
    return value != NULL && value[0] != '\0' ? value : NULL;
}

static void log_to_stderr(abc_log_level level, const char *message, void *user_data) {
    (void)user_data;
    static const char *const names[] = {"", "error", "warning", "info", "debug"};
    char line[2048];
    snprintf(line, sizeof line, CLI_NAME ": %s: %s",
             level >= 1 && level <= 4 ? names[level] : "log", message);
    /* progress.c cleans nothing here; strip control characters the same way notes do. */
    for (char *p = line; *p; ++p) {
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            *p = ' ';
    }
    cli_progress_print_line(line);
}

static int make_workspace(cli_invocation *invocation, abc_workspace **out, int id_required,
                          int *has_id);

int cli_workspace(cli_invocation *invocation, abc_workspace **out) {
    return make_workspace(invocation, out, 1, NULL);
}

int cli_workspace_any(cli_invocation *invocation, abc_workspace **out, int *has_id) {
    return make_workspace(invocation, out, 0, has_id);
}

/* A URL that cannot work is a usage error, found before any request (and any retry). */
static int check_api_url(cli_invocation *invocation) {
    const cli_global *g = &invocation->global;
    const char *api_url = g->api_url != NULL ? g->api_url : env("AIRBYTE_CLOUD_API_URL");
    const char *problem = api_url != NULL ? cli_api_url_problem(api_url) : NULL;
    if (problem == NULL)
        return 0;
    char shown[512];
    return cli_usage_error(
        invocation, "%s '%s' is not a usable API URL: %s (e.g. https://api.airbyte.com/v1)",
        g->api_url != NULL ? "--api-url" : "AIRBYTE_CLOUD_API_URL",
        cli_masked_url(shown, sizeof shown, api_url), problem);
}

/* The workspace id to use (the nil UUID when none is needed), once the credentials look
 * complete. Returns 0 or the exit code of the reported problem. */
static int check_settings(cli_invocation *invocation, int id_required, int *has_id,
                          const char **workspace_id) {
    const cli_global *g = &invocation->global;
    *workspace_id = g->workspace_id != NULL ? g->workspace_id : env("AIRBYTE_CLOUD_WORKSPACE_ID");
    if (has_id != NULL)
        *has_id = *workspace_id != NULL;
    if (*workspace_id == NULL && !id_required)
        *workspace_id = "00000000-0000-0000-0000-000000000000";
    if (*workspace_id == NULL) {
        return cli_error(invocation, CLI_EXIT_USAGE,
                         "pass --workspace-id or set AIRBYTE_CLOUD_WORKSPACE_ID",
                         "no workspace id given");
    }
    const int url_code = check_api_url(invocation);
    if (url_code != 0)
        return url_code;
    if ((g->client_id != NULL) != (g->client_secret != NULL)) {
        const char *missing = g->client_id != NULL ? "--client-secret" : "--client-id";
        const char *variable =
            g->client_id != NULL ? "AIRBYTE_CLOUD_CLIENT_SECRET" : "AIRBYTE_CLOUD_CLIENT_ID";
        if (env(variable) == NULL) {
            return cli_usage_error(
                invocation, "--client-id and --client-secret go together; %s is missing", missing);
        }
    }
    int have_credentials =
        g->api_key != NULL || g->client_id != NULL || g->client_secret != NULL ||
        env("AIRBYTE_CLOUD_API_KEY") != NULL || env("AIRBYTE_CLOUD_BEARER_TOKEN") != NULL ||
        (env("AIRBYTE_CLOUD_CLIENT_ID") != NULL && env("AIRBYTE_CLOUD_CLIENT_SECRET") != NULL);
    if (!have_credentials) {
        return cli_error(
            invocation, CLI_EXIT_AUTH,
            "set AIRBYTE_CLOUD_API_KEY, or AIRBYTE_CLOUD_CLIENT_ID and "
            "AIRBYTE_CLOUD_CLIENT_SECRET (or pass --api-key / --client-id and --client-secret)",
            "no credentials given");
    }
    return 0;
}

/* The library options the global settings ask for. */
static abc_status make_options(const cli_global *g, abc_options **options, abc_error **error) {
    abc_status status = abc_options_new(options, error);
    char user_agent[128];
    snprintf(user_agent, sizeof user_agent, CLI_NAME "/%s libairbyte_cloud/%s", ABC_VERSION_STRING,
             abc_version_string());
    if (status == ABC_OK)
        status = abc_options_set_user_agent(*options, user_agent, error);
    if (status == ABC_OK && g->api_url != NULL)
        status = abc_options_set_api_url(*options, g->api_url, error);
    if (status == ABC_OK && g->api_key != NULL)
        status = abc_options_set_bearer_token(*options, g->api_key, error);
    if (status == ABC_OK && g->client_id != NULL && g->client_secret != NULL)
        status =
            abc_options_set_client_credentials(*options, g->client_id, g->client_secret, error);
    if (status == ABC_OK && g->poll_ms > 0) {
        int64_t initial = g->poll_ms < 250 ? g->poll_ms : 250;
        status = abc_options_set_poll_interval(*options, initial, g->poll_ms, error);
    }
    if (status == ABC_OK && g->verbose > 0) {
        status = abc_options_set_log_callback(*options, log_to_stderr, NULL,
                                              g->verbose > 1 ? ABC_LOG_DEBUG : ABC_LOG_INFO, error);
    }
    if (status == ABC_OK)
        status = abc_options_load_environment(*options, error);
    return status;
}

static int make_workspace(cli_invocation *invocation, abc_workspace **out, int id_required,
                          int *has_id) {
    *out = NULL;
    if (invocation->workspace != NULL) {
        *out = invocation->workspace;
        return 0;
    }
    const char *workspace_id = NULL;
    int code = check_settings(invocation, id_required, has_id, &workspace_id);
    if (code != 0)
        return code;
    abc_options *options = NULL;
    abc_error *error = NULL;
    abc_status status = make_options(&invocation->global, &options, &error);
    if (status == ABC_OK)
        status = abc_workspace_new(&invocation->workspace, workspace_id, options, &error);
    abc_options_free(options);
    if (status != ABC_OK) {
        const char *hint = status == ABC_ERROR_INVALID_ARGUMENT
                               ? "check --api-url, --workspace-id and the AIRBYTE_CLOUD_* variables"
                               : NULL;
        return cli_fail(invocation, status, error, hint);
    }
    *out = invocation->workspace;
    return 0;
}
