/* connections list | show | create */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "report.h"
#include "resources.h"
#include "settings.h"

/* Prints a connection handle's details (fetching them when needed); `status`/`error` are those of
 * getting the handle, reported when it failed. */
static int print_connection(cli_invocation *invocation, abc_connection *connection,
                            abc_status status, abc_error *error) {
    const char *name = NULL, *source = NULL, *destination = NULL, *prefix = NULL, *state = NULL;
    const char *schedule = NULL, *cron = NULL, *namespace_definition = NULL;
    size_t streams = 0;
    if (status == ABC_OK)
        status = abc_connection_name(&name, connection, &error);
    if (status == ABC_OK)
        status = abc_connection_source_id(&source, connection, &error);
    if (status == ABC_OK)
        status = abc_connection_destination_id(&destination, connection, &error);
    if (status == ABC_OK)
        status = abc_connection_prefix(&prefix, connection, &error);
    if (status == ABC_OK)
        status = abc_connection_status(&state, connection, &error);
    if (status == ABC_OK)
        status = abc_connection_schedule_type(&schedule, connection, &error);
    if (status == ABC_OK)
        status = abc_connection_cron_expression(&cron, connection, &error);
    if (status == ABC_OK)
        status = abc_connection_namespace_definition(&namespace_definition, connection, &error);
    if (status == ABC_OK)
        status = abc_connection_stream_count(&streams, connection, &error);
    const char **names = calloc(streams + 1, sizeof *names);
    char url[1024];
    for (size_t i = 0; status == ABC_OK && i < streams; ++i) {
        status = abc_connection_stream_name(&names[i], connection, i, &error);
    }
    if (status != ABC_OK) {
        free(names);
        return cli_fail(
            invocation, status, error,
            status == ABC_ERROR_NOT_FOUND ? "check the connection id and --workspace-id" : NULL);
    }

    if (invocation->global.json) {
        cJSON *document = cJSON_CreateObject();
        cli_json_string(document, "connectionId", abc_connection_id(connection));
        cli_json_string(document, "name", name);
        cli_json_string(document, "status", state);
        cli_json_string(document, "sourceId", source);
        cli_json_string(document, "destinationId", destination);
        cli_json_string(document, "prefix", prefix);
        cli_json_string(document, "scheduleType", schedule);
        cli_json_string(document, "cronExpression", cron);
        cli_json_string(document, "namespaceDefinition", namespace_definition);
        cJSON *list = cJSON_AddArrayToObject(document, "streams");
        for (size_t i = 0; i < streams; ++i)
            cJSON_AddItemToArray(list, cJSON_CreateString(names[i]));
        cli_json_string(document, "url",
                        cli_masked_url(url, sizeof url, abc_connection_url(connection)));
        cli_print_json(invocation, document);
    } else {
        size_t length = 1;
        for (size_t i = 0; i < streams; ++i)
            length += strlen(names[i]) + 2;
        char *joined = calloc(length, 1);
        for (size_t i = 0; joined != NULL && i < streams; ++i) {
            if (i > 0)
                strcat(joined, ", ");
            strcat(joined, names[i]);
        }
        cli_fields *fields = cli_fields_new();
        cli_fields_add(fields, "Connection ID", abc_connection_id(connection));
        cli_fields_add(fields, "Name", name);
        cli_fields_add(fields, "Status", state);
        cli_fields_add(fields, "Source ID", source);
        cli_fields_add(fields, "Destination ID", destination);
        cli_fields_add(fields, "Prefix", prefix);
        char schedule_text[160];
        snprintf(schedule_text, sizeof schedule_text, "%s%s%s", schedule, cron[0] ? " " : "", cron);
        cli_fields_add(fields, "Schedule", schedule_text);
        cli_fields_add(fields, "Namespace", namespace_definition);
        cli_fields_add(fields, "Streams", joined);
        cli_fields_add(fields, "URL",
                       cli_masked_url(url, sizeof url, abc_connection_url(connection)));
        cli_fields_print(fields, stdout);
        cli_fields_free(fields);
        free(joined);
    }
    free(names);
    return CLI_EXIT_OK;
}

static int run_show(cli_invocation *invocation) {
    abc_workspace *workspace = NULL;
    int code = cli_workspace(invocation, &workspace);
    if (code != 0)
        return code;
    abc_connection *connection = NULL;
    abc_error *error = NULL;
    abc_status status = abc_connection_get(&connection, workspace, invocation->args[0], &error);
    if (status == ABC_OK)
        status = abc_connection_refresh(connection, &error);
    code = print_connection(invocation, connection, status, error);
    abc_connection_free(connection);
    return code;
}

static int run_list(cli_invocation *invocation) {
    abc_workspace *workspace = NULL;
    abc_list_options *options = NULL;
    int code = cli_workspace(invocation, &workspace);
    if (code == 0)
        code = cli_list_options(invocation, &options);
    if (code != 0)
        return code;
    abc_connection_list *list = NULL;
    abc_error *error = NULL;
    abc_status status = abc_workspace_list_connections(&list, workspace, options, &error);
    abc_list_options_free(options);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);

    size_t count = abc_connection_list_count(list);
    cJSON *document = NULL, *items = NULL;
    cli_table *table = NULL;
    if (invocation->global.json) {
        document = cJSON_CreateObject();
        items = cJSON_AddArrayToObject(document, "connections");
    } else {
        static const char *const headers[] = {"CONNECTION ID", "NAME", "STATUS", "SCHEDULE",
                                              "STREAMS"};
        static const int right[] = {0, 0, 0, 0, 1};
        table = cli_table_new(5, headers, right);
    }
    for (size_t i = 0; status == ABC_OK && i < count; ++i) {
        abc_connection *connection = NULL;
        const char *name = NULL, *state = NULL, *schedule = NULL, *source = NULL,
                   *destination = NULL;
        size_t streams = 0;
        status = abc_connection_list_get(&connection, list, i, &error);
        if (status == ABC_OK)
            status = abc_connection_name(&name, connection, &error);
        if (status == ABC_OK)
            status = abc_connection_status(&state, connection, &error);
        if (status == ABC_OK)
            status = abc_connection_schedule_type(&schedule, connection, &error);
        if (status == ABC_OK)
            status = abc_connection_source_id(&source, connection, &error);
        if (status == ABC_OK)
            status = abc_connection_destination_id(&destination, connection, &error);
        if (status == ABC_OK)
            status = abc_connection_stream_count(&streams, connection, &error);
        if (status == ABC_OK && items != NULL) {
            cJSON *item = cJSON_CreateObject();
            cli_json_string(item, "connectionId", abc_connection_id(connection));
            cli_json_string(item, "name", name);
            cli_json_string(item, "status", state);
            cli_json_string(item, "scheduleType", schedule);
            cli_json_string(item, "sourceId", source);
            cli_json_string(item, "destinationId", destination);
            cli_json_int(item, "streamCount", (int64_t)streams);
            cJSON_AddItemToArray(items, item);
        } else if (status == ABC_OK) {
            char count_text[32];
            snprintf(count_text, sizeof count_text, "%zu", streams);
            const char *cells[] = {abc_connection_id(connection), name, state, schedule,
                                   count_text};
            cli_table_add(table, cells);
        }
        abc_connection_free(connection);
    }
    abc_connection_list_free(list);
    if (status != ABC_OK) {
        cJSON_Delete(document);
        cli_table_free(table);
        return cli_fail(invocation, status, error, NULL);
    }
    if (document != NULL) {
        cli_print_json(invocation, document);
    } else if (count == 0) {
        printf("No connections%s.\n",
               cli_option_value(invocation, "--name") ? " match --name" : " in this workspace");
    } else {
        cli_table_print(table, stdout);
    }
    cli_table_free(table);
    return CLI_EXIT_OK;
}

/* --streams users,products:incremental_append,... */
static abc_status add_streams(abc_connection_spec *spec, const char *list, abc_error **error) {
    char *copy = strdup(list);
    abc_status status = copy != NULL ? ABC_OK : ABC_ERROR_OUT_OF_MEMORY;
    char *save = NULL;
    for (char *item = copy ? strtok_r(copy, ",", &save) : NULL; status == ABC_OK && item != NULL;
         item = strtok_r(NULL, ",", &save)) {
        while (*item == ' ')
            ++item;
        char *mode = strchr(item, ':');
        if (mode != NULL)
            *mode++ = '\0';
        status = abc_connection_spec_add_stream(spec, item, mode, NULL, NULL, error);
    }
    free(copy);
    return status;
}

static int run_create(cli_invocation *invocation) {
    const char *source = cli_option_value(invocation, "--source");
    const char *destination = cli_option_value(invocation, "--destination");
    if (source == NULL || destination == NULL) {
        return cli_usage_error(invocation,
                               "connections create needs --source SOURCE_ID and --destination "
                               "DESTINATION_ID");
    }
    abc_workspace *workspace = NULL;
    int code = cli_workspace(invocation, &workspace);
    if (code != 0)
        return code;
    abc_connection_spec *spec = NULL;
    abc_error *error = NULL;
    const char *streams = cli_option_value(invocation, "--streams");
    const char *prefix = cli_option_value(invocation, "--prefix");
    const char *cron = cli_option_value(invocation, "--cron");
    const char *state = cli_option_value(invocation, "--status");
    abc_status status = abc_connection_spec_new(&spec, &error);
    if (status == ABC_OK)
        status = abc_connection_spec_set_name(spec, invocation->args[0], &error);
    if (status == ABC_OK)
        status = abc_connection_spec_set_source_id(spec, source, &error);
    if (status == ABC_OK)
        status = abc_connection_spec_set_destination_id(spec, destination, &error);
    if (status == ABC_OK && streams != NULL)
        status = add_streams(spec, streams, &error);
    if (status == ABC_OK && prefix != NULL)
        status = abc_connection_spec_set_prefix(spec, prefix, &error);
    if (status == ABC_OK) {
        status = cron != NULL ? abc_connection_spec_set_schedule_cron(spec, cron, &error)
                              : abc_connection_spec_set_schedule_manual(spec, &error);
    }
    if (status == ABC_OK && state != NULL)
        status = abc_connection_spec_set_status(spec, state, &error);
    abc_connection *connection = NULL;
    if (status == ABC_OK)
        status = abc_connection_create(&connection, workspace, spec, &error);
    abc_connection_spec_free(spec);
    if (status != ABC_OK) {
        return cli_fail(invocation, status, error,
                        status == ABC_ERROR_NOT_FOUND
                            ? "check --source and --destination; list them with '" CLI_NAME
                              " sources list' and '" CLI_NAME " destinations list'"
                            : NULL);
    }
    code = print_connection(invocation, connection, ABC_OK, NULL);
    abc_connection_free(connection);
    return code;
}

static const cli_option list_options[] = {
    {"--name", "TEXT", "only those whose name contains TEXT (any letter case)"},
    {NULL, NULL, NULL},
};

static const cli_option create_options[] = {
    {"--source", "SOURCE_ID", "the source (required)"},
    {"--destination", "DESTINATION_ID", "the destination (required)"},
    {"--streams", "LIST",
     "streams to sync, comma-separated, each NAME or NAME:SYNC_MODE (e.g. "
     "users:full_refresh_overwrite,purchases:incremental_append); default: the server's choice. "
     "See '" CLI_NAME " streams SOURCE_ID'"},
    {"--prefix", "PREFIX", "prefix of the destination tables, e.g. faker_"},
    {"--cron", "EXPR", "sync on a Quartz cron schedule (e.g. '0 0 12 * * ?'); default: manual"},
    {"--status", "STATUS", "active (default) or inactive"},
    {NULL, NULL, NULL},
};

const cli_command cli_connections_commands[] = {
    {"connections list", "", "list the workspace's connections", NULL, list_options, 0, 0,
     run_list},
    {"connections show", "CONNECTION_ID",
     "show a connection: name, status, source, destination, streams", NULL, NULL, 1, 1, run_show},
    {"connections create", "NAME", "create a connection from a source to a destination",
     "Prints the new connection (with --json: its document, whose connectionId a script can pick "
     "up).",
     create_options, 1, 1, run_create},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
