/* sources list|show|create and destinations list|show|create: the two kinds of connector
 * ("actors") share one implementation over a small table of the ABI calls for each. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listing.h"
#include "records.h"
#include "output.h"
#include "report.h"
#include "resources.h"
#include "settings.h"

typedef struct actor_api {
    const char *noun;      /* "source" */
    const char *plural;    /* "sources" */
    cli_column columns[9]; /* id, name, type, definition, workspace, created, configuration x2 */
    abc_status (*get)(void **out, abc_workspace *workspace, const char *id, abc_error **error);
    abc_status (*create)(void **out, abc_workspace *workspace, const char *name, const char *type,
                         const char *configuration, abc_error **error);
    void (*free_one)(void *actor);
    abc_status (*row)(cli_value *row, const void *actor, const void *context, abc_error **error);
    const cli_list_command *list; /* its columns are replaced by the first six of `columns` */
    abc_status (*rename)(void *actor, const char *name, abc_error **error);
    abc_status (*update)(void *actor, const char *configuration, abc_error **error);
    abc_status (*delete_one)(abc_workspace *workspace, const char *id, abc_safe_mode mode,
                             abc_error **error);
} actor_api;

/* The columns of a kind; list uses the first six, show all. */
#define ACTOR_COLUMNS(ID_HEADER, ID_LABEL, ID_MEMBER, TYPE_MEMBER)                                \
    {                                                                                             \
        {ID_HEADER, ID_LABEL, ID_MEMBER, CLI_KIND_TEXT}, {"NAME", "Name", "name", CLI_KIND_TEXT}, \
            {"TYPE", "Type", TYPE_MEMBER, CLI_KIND_TEXT},                                         \
            {NULL, "Definition ID", "definitionId", CLI_KIND_TEXT},                               \
            {NULL, "Workspace ID", "workspaceId", CLI_KIND_TEXT},                                 \
            {"CREATED", "Created", "createdAt", CLI_KIND_TIME},                                   \
            {NULL, "Configuration", NULL, CLI_KIND_TEXT},                                         \
            {NULL, NULL, "configuration", CLI_KIND_JSON}, {NULL, NULL, NULL, CLI_KIND_TEXT},      \
    }
#define ACTOR_LIST_COLUMNS 6

/* The ABI calls of one kind, typed for the table below (KIND: source or destination). */
#define DEFINE_ACTOR_CALLS(KIND, PLURAL, LIST_CALL)                                             \
    static abc_status KIND##_get(void **out, abc_workspace *w, const char *id, abc_error **e) { \
        return abc_##KIND##_get((abc_##KIND **)out, w, id, e);                                  \
    }                                                                                           \
    static abc_status KIND##_create(void **out, abc_workspace *w, const char *name,             \
                                    const char *type, const char *c, abc_error **e) {           \
        return abc_##KIND##_create((abc_##KIND **)out, w, name, type, NULL, c, e);              \
    }                                                                                           \
    static void KIND##_free(void *a) {                                                          \
        abc_##KIND##_free(a);                                                                   \
    }                                                                                           \
    static abc_status KIND##_row(cli_value *row, const void *a, const void *context,            \
                                 abc_error **e) {                                               \
        (void)context;                                                                          \
        (void)e;                                                                                \
        row[0] = cli_text(abc_##KIND##_id(a));                                                  \
        row[1] = cli_text(abc_##KIND##_name(a));                                                \
        row[2] = cli_text(abc_##KIND##_type(a));                                                \
        row[3] = cli_text(abc_##KIND##_definition_id(a));                                       \
        row[4] = cli_text(abc_##KIND##_workspace_id(a));                                        \
        row[5] = cli_number(abc_##KIND##_created_at(a));                                        \
        row[6] = cli_text("(secrets masked)");                                                  \
        row[7] = cli_text(abc_##KIND##_configuration(a));                                       \
        return ABC_OK;                                                                          \
    }                                                                                           \
    static abc_status KIND##_rename(void *a, const char *name, abc_error **e) {                 \
        return abc_##KIND##_rename(a, name, e);                                                 \
    }                                                                                           \
    static abc_status KIND##_update(void *a, const char *c, abc_error **e) {                    \
        return abc_##KIND##_update_configuration(a, c, e);                                      \
    }                                                                                           \
    CLI_LIST_COMMAND(KIND##_listing, abc_##KIND, LIST_CALL, PLURAL, " in this workspace", NULL, \
                     KIND##_row)

DEFINE_ACTOR_CALLS(source, "sources", abc_workspace_list_sources);
DEFINE_ACTOR_CALLS(destination, "destinations", abc_workspace_list_destinations);

#define ACTOR_API(KIND, PLURAL, COLUMNS)                                                        \
    {                                                                                           \
#KIND, PLURAL, COLUMNS, KIND##_get, KIND##_create, KIND##_free, KIND##_row, &KIND##_listing, \
            KIND##_rename, KIND##_update, abc_##KIND##_delete                                   \
    }

static const actor_api sources =
    ACTOR_API(source, "sources", ACTOR_COLUMNS("SOURCE ID", "Source ID", "sourceId", "sourceType"));
static const actor_api destinations = ACTOR_API(
    destination, "destinations",
    ACTOR_COLUMNS("DESTINATION ID", "Destination ID", "destinationId", "destinationType"));

static const actor_api *api_for(const cli_invocation *invocation) {
    return strncmp(invocation->command->path, "sources", 7) == 0 ? &sources : &destinations;
}

/* ---- output ---- */

static void print_actor(cli_invocation *invocation, const actor_api *api, const void *actor) {
    cli_value row[ACTOR_LIST_COLUMNS + 2];
    api->row(row, actor, NULL, NULL);
    cli_print_record(invocation, api->columns, row);
    if (invocation->global.json)
        return;
    cJSON *configuration = cli_json_from_text(row[7].text);
    fputs("  ", stdout);
    cli_write_json(stdout, configuration, 1);
    fputc('\n', stdout);
    cJSON_Delete(configuration);
}

/* ---- commands ---- */

static int run_list(cli_invocation *invocation) {
    const actor_api *api = api_for(invocation);
    cli_column columns[ACTOR_LIST_COLUMNS + 1];
    memcpy(columns, api->columns, sizeof columns);
    columns[ACTOR_LIST_COLUMNS] = api->columns[ACTOR_LIST_COLUMNS + 2]; /* the end */
    cli_list_command list = *api->list;
    list.columns = columns;
    CLI_REQUIRE_WORKSPACE(invocation);
    return cli_run_list(invocation, &list, NULL);
}

static int run_show(cli_invocation *invocation) {
    const actor_api *api = api_for(invocation);
    CLI_REQUIRE_WORKSPACE(invocation);
    void *actor = NULL;
    abc_error *error = NULL;
    abc_status status = api->get(&actor, invocation->workspace, invocation->args[0], &error);
    if (status != ABC_OK) {
        char hint[128];
        snprintf(hint, sizeof hint, "check the id; list them with '" CLI_NAME " %s list'",
                 api->plural);
        return cli_fail(invocation, status, error, status == ABC_ERROR_NOT_FOUND ? hint : NULL);
    }
    print_actor(invocation, api, actor);
    api->free_one(actor);
    return CLI_EXIT_OK;
}

static int run_create(cli_invocation *invocation) {
    const actor_api *api = api_for(invocation);
    const char *type = cli_option_value(invocation, "--type");
    char *configuration = NULL;
    int code = cli_read_configuration(invocation, &configuration);
    if (code != 0)
        return code;
    abc_workspace *workspace = NULL;
    if ((code = cli_workspace(invocation, &workspace)) != 0) {
        free(configuration);
        return code;
    }
    void *actor = NULL;
    abc_error *error = NULL;
    abc_status status =
        api->create(&actor, workspace, invocation->args[0], type, configuration, &error);
    /* the configuration may hold secrets: wipe it */
    memset(configuration, 0, strlen(configuration));
    free(configuration);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);
    print_actor(invocation, api, actor);
    api->free_one(actor);
    return CLI_EXIT_OK;
}

/* rename ID NAME | update ID --config/--config-file: fetch, change, print. */
static int run_change(cli_invocation *invocation) {
    const actor_api *api = api_for(invocation);
    int renaming = strstr(invocation->command->path, "rename") != NULL;
    char *configuration = NULL;
    int code = renaming ? 0 : cli_read_configuration(invocation, &configuration);
    abc_workspace *workspace = NULL;
    if (code == 0)
        code = cli_workspace(invocation, &workspace);
    if (code != 0) {
        free(configuration);
        return code;
    }
    void *actor = NULL;
    abc_error *error = NULL;
    abc_status status = api->get(&actor, workspace, invocation->args[0], &error);
    if (status == ABC_OK)
        status = renaming ? api->rename(actor, invocation->args[1], &error)
                          : api->update(actor, configuration, &error);
    if (configuration != NULL) /* it may hold secrets: wipe it */
        memset(configuration, 0, strlen(configuration));
    free(configuration);
    if (status == ABC_OK)
        print_actor(invocation, api, actor);
    if (actor != NULL)
        api->free_one(actor);
    return status == ABC_OK ? CLI_EXIT_OK : cli_fail(invocation, status, error, NULL);
}

static int run_delete(cli_invocation *invocation) {
    const actor_api *api = api_for(invocation);
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_error *error = NULL;
    abc_safe_mode mode =
        cli_option_value(invocation, "--safe") != NULL ? ABC_SAFE_MODE_ON : ABC_SAFE_MODE_OFF;
    abc_status status = api->delete_one(workspace, invocation->args[0], mode, &error);
    return cli_print_deleted(invocation, status, error, api->noun, invocation->args[0], "");
}

static const cli_option update_options[] = {
    {"--config", "JSON", "the changed configuration fields, a JSON object"},
    {"--config-file", "PATH", "read them from PATH ('-': stdin)"},
    {NULL, NULL, NULL},
};

static const cli_option delete_options[] = {
    {"--safe", NULL, "refuse unless the name contains 'deleteme' or 'delete-me' (safe mode)"},
    {NULL, NULL, NULL},
};

static const cli_option create_source_options[] = {
    {"--type", "TYPE",
     "the connector, e.g. faker, postgres, github (else the configuration's sourceType)"},
    {"--config", "JSON", "the connector configuration, a JSON object"},
    {"--config-file", "PATH",
     "read the configuration from PATH ('-': stdin); keeps secrets out of the process list"},
    {NULL, NULL, NULL},
};

static const cli_option create_destination_options[] = {
    {"--type", "TYPE",
     "the connector, e.g. postgres, snowflake, bigquery, duckdb (else the configuration's "
     "destinationType)"},
    {"--config", "JSON", "the connector configuration, a JSON object"},
    {"--config-file", "PATH",
     "read the configuration from PATH ('-': stdin); keeps secrets out of the process list"},
    {NULL, NULL, NULL},
};

const cli_command cli_sources_commands[] = {
    {"sources list", "", "list the workspace's sources", NULL, cli_name_filter_options, 0, 0,
     run_list},
    {"sources show", "SOURCE_ID", "show a source and its configuration (secrets masked)", NULL,
     NULL, 1, 1, run_show},
    {"sources create", "NAME", "create a source from a connector type and a JSON configuration",
     "Prints the new source (with --json: its document, whose sourceId a script can pick up).",
     create_source_options, 1, 1, run_create},
    {"sources rename", "SOURCE_ID NAME", "rename a source", NULL, NULL, 2, 2, run_change},
    {"sources update", "SOURCE_ID", "change a source's configuration (the fields given)", NULL,
     update_options, 1, 1, run_change},
    {"sources delete", "SOURCE_ID", "delete a source (and the connections that use it)", NULL,
     delete_options, 1, 1, run_delete},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};

const cli_command cli_destinations_commands[] = {
    {"destinations list", "", "list the workspace's destinations", NULL, cli_name_filter_options, 0,
     0, run_list},
    {"destinations show", "DESTINATION_ID",
     "show a destination and its configuration (secrets masked)", NULL, NULL, 1, 1, run_show},
    {"destinations create", "NAME",
     "create a destination from a connector type and a JSON configuration",
     "Prints the new destination (with --json: its document, whose destinationId a script can "
     "pick up).",
     create_destination_options, 1, 1, run_create},
    {"destinations rename", "DESTINATION_ID NAME", "rename a destination", NULL, NULL, 2, 2,
     run_change},
    {"destinations update", "DESTINATION_ID",
     "change a destination's configuration (the fields given)", NULL, update_options, 1, 1,
     run_change},
    {"destinations delete", "DESTINATION_ID",
     "delete a destination (and the connections that use it)", NULL, delete_options, 1, 1,
     run_delete},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
