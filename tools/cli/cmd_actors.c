/* sources list|show|create and destinations list|show|create: the two kinds of connector
 * ("actors") share one implementation over a small table of the ABI calls for each. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "records.h"
#include "report.h"
#include "resources.h"
#include "settings.h"

typedef struct actor_api {
    const char *noun;       /* "source" */
    const char *plural;     /* "sources" */
    const char *id_field;   /* "sourceId" */
    const char *type_field; /* "sourceType" */
    abc_status (*get)(void **out, abc_workspace *workspace, const char *id, abc_error **error);
    abc_status (*create)(void **out, abc_workspace *workspace, const char *name, const char *type,
                         const char *configuration, abc_error **error);
    void (*free_one)(void *actor);
    const char *(*id)(const void *actor);
    const char *(*name)(const void *actor);
    const char *(*type)(const void *actor);
    const char *(*definition_id)(const void *actor);
    const char *(*workspace_id)(const void *actor);
    const char *(*configuration)(const void *actor);
    int64_t (*created_at)(const void *actor);
    abc_status (*list)(void **out, abc_workspace *workspace, const abc_list_options *options,
                       abc_error **error);
    size_t (*list_count)(const void *list);
    abc_status (*list_get)(void **out, const void *list, size_t index, abc_error **error);
    void (*list_free)(void *list);
    abc_status (*rename)(void *actor, const char *name, abc_error **error);
    abc_status (*update)(void *actor, const char *configuration, abc_error **error);
    abc_status (*delete_one)(abc_workspace *workspace, const char *id, abc_safe_mode mode,
                             abc_error **error);
} actor_api;

/* ---- the ABI calls, typed per kind ---- */

static abc_status source_get(void **out, abc_workspace *w, const char *id, abc_error **e) {
    return abc_source_get((abc_source **)out, w, id, e);
}
static abc_status source_create(void **out, abc_workspace *w, const char *name, const char *type,
                                const char *c, abc_error **e) {
    return abc_source_create((abc_source **)out, w, name, type, NULL, c, e);
}
static void source_free(void *a) {
    abc_source_free(a);
}
static const char *source_id(const void *a) {
    return abc_source_id(a);
}
static const char *source_name(const void *a) {
    return abc_source_name(a);
}
static const char *source_type(const void *a) {
    return abc_source_type(a);
}
static const char *source_definition_id(const void *a) {
    return abc_source_definition_id(a);
}
static const char *source_workspace_id(const void *a) {
    return abc_source_workspace_id(a);
}
static const char *source_configuration(const void *a) {
    return abc_source_configuration(a);
}
static int64_t source_created_at(const void *a) {
    return abc_source_created_at(a);
}
static abc_status source_list(void **out, abc_workspace *w, const abc_list_options *o,
                              abc_error **e) {
    return abc_workspace_list_sources((abc_source_list **)out, w, o, e);
}
static size_t source_list_count(const void *l) {
    return abc_source_list_count(l);
}
static abc_status source_list_get(void **out, const void *l, size_t i, abc_error **e) {
    return abc_source_list_get((abc_source **)out, l, i, e);
}
static void source_list_free(void *l) {
    abc_source_list_free(l);
}

static abc_status source_rename(void *a, const char *name, abc_error **e) {
    return abc_source_rename(a, name, e);
}
static abc_status source_update(void *a, const char *c, abc_error **e) {
    return abc_source_update_configuration(a, c, e);
}
static abc_status destination_rename(void *a, const char *name, abc_error **e) {
    return abc_destination_rename(a, name, e);
}
static abc_status destination_update(void *a, const char *c, abc_error **e) {
    return abc_destination_update_configuration(a, c, e);
}

static abc_status destination_get(void **out, abc_workspace *w, const char *id, abc_error **e) {
    return abc_destination_get((abc_destination **)out, w, id, e);
}
static abc_status destination_create(void **out, abc_workspace *w, const char *name,
                                     const char *type, const char *c, abc_error **e) {
    return abc_destination_create((abc_destination **)out, w, name, type, NULL, c, e);
}
static void destination_free(void *a) {
    abc_destination_free(a);
}
static const char *destination_id(const void *a) {
    return abc_destination_id(a);
}
static const char *destination_name(const void *a) {
    return abc_destination_name(a);
}
static const char *destination_type(const void *a) {
    return abc_destination_type(a);
}
static const char *destination_definition_id(const void *a) {
    return abc_destination_definition_id(a);
}
static const char *destination_workspace_id(const void *a) {
    return abc_destination_workspace_id(a);
}
static const char *destination_configuration(const void *a) {
    return abc_destination_configuration(a);
}
static int64_t destination_created_at(const void *a) {
    return abc_destination_created_at(a);
}
static abc_status destination_list(void **out, abc_workspace *w, const abc_list_options *o,
                                   abc_error **e) {
    return abc_workspace_list_destinations((abc_destination_list **)out, w, o, e);
}
static size_t destination_list_count(const void *l) {
    return abc_destination_list_count(l);
}
static abc_status destination_list_get(void **out, const void *l, size_t i, abc_error **e) {
    return abc_destination_list_get((abc_destination **)out, l, i, e);
}
static void destination_list_free(void *l) {
    abc_destination_list_free(l);
}

static const actor_api sources = {
    "source",
    "sources",
    "sourceId",
    "sourceType",
    source_get,
    source_create,
    source_free,
    source_id,
    source_name,
    source_type,
    source_definition_id,
    source_workspace_id,
    source_configuration,
    source_created_at,
    source_list,
    source_list_count,
    source_list_get,
    source_list_free,
    source_rename,
    source_update,
    abc_source_delete,
};
static const actor_api destinations = {
    "destination",
    "destinations",
    "destinationId",
    "destinationType",
    destination_get,
    destination_create,
    destination_free,
    destination_id,
    destination_name,
    destination_type,
    destination_definition_id,
    destination_workspace_id,
    destination_configuration,
    destination_created_at,
    destination_list,
    destination_list_count,
    destination_list_get,
    destination_list_free,
    destination_rename,
    destination_update,
    abc_destination_delete,
};

static const actor_api *api_for(const cli_invocation *invocation) {
    return strncmp(invocation->command->path, "sources", 7) == 0 ? &sources : &destinations;
}

/* ---- output ---- */

static cJSON *actor_json(const actor_api *api, const void *actor, int with_configuration) {
    char created[32];
    cJSON *object = cJSON_CreateObject();
    cli_json_string(object, api->id_field, api->id(actor));
    cli_json_string(object, "name", api->name(actor));
    cli_json_string(object, api->type_field, api->type(actor));
    cli_json_string(object, "definitionId", api->definition_id(actor));
    cli_json_string(object, "workspaceId", api->workspace_id(actor));
    cli_json_string(object, "createdAt", cli_format_unix_time(created, api->created_at(actor)));
    if (with_configuration)
        cJSON_AddItemToObject(object, "configuration",
                              cli_json_from_text(api->configuration(actor)));
    return object;
}

static void print_actor(cli_invocation *invocation, const actor_api *api, const void *actor) {
    if (invocation->global.json) {
        cli_print_json(invocation, actor_json(api, actor, 1));
        return;
    }
    char created[32], id_label[32];
    snprintf(id_label, sizeof id_label, "%c%s ID", api->noun[0] - 'a' + 'A', api->noun + 1);
    cli_fields *fields = cli_fields_new();
    cli_fields_add(fields, id_label, api->id(actor));
    cli_fields_add(fields, "Name", api->name(actor));
    cli_fields_add(fields, "Type", api->type(actor));
    cli_fields_add(fields, "Definition ID", api->definition_id(actor));
    cli_fields_add(fields, "Workspace ID", api->workspace_id(actor));
    cli_fields_add(fields, "Created", cli_format_unix_time(created, api->created_at(actor)));
    cli_fields_add(fields, "Configuration", "(secrets masked)");
    cli_fields_print(fields, stdout);
    cli_fields_free(fields);
    cJSON *configuration = cli_json_from_text(api->configuration(actor));
    fputs("  ", stdout);
    cli_write_json(stdout, configuration, 1);
    fputc('\n', stdout);
    cJSON_Delete(configuration);
}

/* ---- commands ---- */

static int run_list(cli_invocation *invocation) {
    const actor_api *api = api_for(invocation);
    abc_workspace *workspace = NULL;
    abc_list_options *options = NULL;
    int code = cli_workspace(invocation, &workspace);
    if (code == 0)
        code = cli_list_options(invocation, &options);
    if (code != 0)
        return code;
    void *list = NULL;
    abc_error *error = NULL;
    abc_status status = api->list(&list, workspace, options, &error);
    abc_list_options_free(options);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);

    size_t count = api->list_count(list);
    cJSON *document = NULL, *items = NULL;
    cli_table *table = NULL;
    if (invocation->global.json) {
        document = cJSON_CreateObject();
        items = cJSON_AddArrayToObject(document, api->plural);
    } else {
        char id_header[32];
        snprintf(id_header, sizeof id_header, "%s ID", api->noun);
        for (char *p = id_header; *p; ++p)
            *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
        const char *headers[] = {id_header, "NAME", "TYPE", "CREATED"};
        table = cli_table_new(4, headers, NULL);
    }
    for (size_t i = 0; status == ABC_OK && i < count; ++i) {
        void *actor = NULL;
        status = api->list_get(&actor, list, i, &error);
        if (status != ABC_OK)
            break;
        if (items != NULL) {
            cJSON_AddItemToArray(items, actor_json(api, actor, 0));
        } else {
            char created[32];
            const char *cells[] = {api->id(actor), api->name(actor), api->type(actor),
                                   cli_format_unix_time(created, api->created_at(actor))};
            cli_table_add(table, cells);
        }
        api->free_one(actor);
    }
    api->list_free(list);
    if (status != ABC_OK) {
        cJSON_Delete(document);
        cli_table_free(table);
        return cli_fail(invocation, status, error, NULL);
    }
    if (document != NULL) {
        cli_print_json(invocation, document);
    } else if (count == 0) {
        printf("No %s%s.\n", api->plural,
               cli_option_value(invocation, "--name") ? " match --name" : " in this workspace");
    } else {
        cli_table_print(table, stdout);
    }
    cli_table_free(table);
    return CLI_EXIT_OK;
}

static int run_show(cli_invocation *invocation) {
    const actor_api *api = api_for(invocation);
    abc_workspace *workspace = NULL;
    int code = cli_workspace(invocation, &workspace);
    if (code != 0)
        return code;
    void *actor = NULL;
    abc_error *error = NULL;
    abc_status status = api->get(&actor, workspace, invocation->args[0], &error);
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
    api->free_one(actor);
    return status == ABC_OK ? CLI_EXIT_OK : cli_fail(invocation, status, error, NULL);
}

static int run_delete(cli_invocation *invocation) {
    const actor_api *api = api_for(invocation);
    abc_workspace *workspace = NULL;
    int code = cli_workspace(invocation, &workspace);
    if (code != 0)
        return code;
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

static const cli_option list_options[] = {
    {"--name", "TEXT", "only those whose name contains TEXT (any letter case)"},
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
    {"sources list", "", "list the workspace's sources", NULL, list_options, 0, 0, run_list},
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
    {"destinations list", "", "list the workspace's destinations", NULL, list_options, 0, 0,
     run_list},
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
