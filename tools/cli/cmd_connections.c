/* connections list | show | create */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listing.h"
#include "output.h"
#include "records.h"
#include "report.h"
#include "resources.h"
#include "settings.h"

typedef abc_status (*text_getter)(const char **out, abc_connection *connection, abc_error **error);

/* Reads the texts the getters give into out[0...]. */
static abc_status read_texts(const char **out, abc_connection *connection,
                             const text_getter *getters, size_t count, abc_error **error) {
    abc_status status = ABC_OK;
    for (size_t i = 0; status == ABC_OK && i < count; ++i)
        status = getters[i](&out[i], connection, error);
    return status;
}

/* The selected streams' names as a JSON array text (malloc'd) in *out. */
static abc_status stream_names(char **out, abc_connection *connection, abc_error **error) {
    size_t streams = 0;
    abc_status status = abc_connection_stream_count(&streams, connection, error);
    cJSON *names = cJSON_CreateArray();
    for (size_t i = 0; status == ABC_OK && i < streams; ++i) {
        const char *name = NULL;
        status = abc_connection_stream_name(&name, connection, i, error);
        if (status == ABC_OK)
            cJSON_AddItemToArray(names, cJSON_CreateString(name));
    }
    *out = status == ABC_OK ? cJSON_PrintUnformatted(names) : NULL;
    cJSON_Delete(names);
    return status == ABC_OK && *out == NULL ? ABC_ERROR_OUT_OF_MEMORY : status;
}

static const cli_column show_columns[] = {
    {NULL, "Connection ID", "connectionId", CLI_KIND_TEXT},
    {NULL, "Name", "name", CLI_KIND_TEXT},
    {NULL, "Status", "status", CLI_KIND_TEXT},
    {NULL, "Source ID", "sourceId", CLI_KIND_TEXT},
    {NULL, "Destination ID", "destinationId", CLI_KIND_TEXT},
    {NULL, "Prefix", "prefix", CLI_KIND_TEXT},
    {NULL, "Schedule", NULL, CLI_KIND_TEXT},
    {NULL, NULL, "scheduleType", CLI_KIND_TEXT},
    {NULL, NULL, "cronExpression", CLI_KIND_TEXT},
    {NULL, "Namespace", "namespaceDefinition", CLI_KIND_TEXT},
    {NULL, "Streams", "streams", CLI_KIND_JSON},
    {NULL, "URL", "url", CLI_KIND_TEXT},
    {NULL, NULL, NULL, CLI_KIND_TEXT},
};

/* Prints a connection handle's details (fetching them when needed); `status`/`error` are those of
 * getting the handle, reported when it failed. */
static int print_connection(cli_invocation *invocation, abc_connection *connection,
                            abc_status status, abc_error *error) {
    static const text_getter getters[] = {abc_connection_name,
                                          abc_connection_status,
                                          abc_connection_source_id,
                                          abc_connection_destination_id,
                                          abc_connection_prefix,
                                          abc_connection_schedule_type,
                                          abc_connection_cron_expression,
                                          abc_connection_namespace_definition};
    const char *texts[8] = {NULL};
    char *streams = NULL;
    if (status == ABC_OK)
        status = read_texts(texts, connection, getters, 8, &error);
    if (status == ABC_OK)
        status = stream_names(&streams, connection, &error);
    if (status != ABC_OK) {
        return cli_fail(
            invocation, status, error,
            status == ABC_ERROR_NOT_FOUND ? "check the connection id and --workspace-id" : NULL);
    }
    char schedule[160];
    snprintf(schedule, sizeof schedule, "%s%s%s", texts[5], texts[6][0] ? " " : "", texts[6]);
    const cli_value row[] = {cli_text(abc_connection_id(connection)),
                             cli_text(texts[0]),
                             cli_text(texts[1]),
                             cli_text(texts[2]),
                             cli_text(texts[3]),
                             cli_text(texts[4]),
                             cli_text(schedule),
                             cli_text(texts[5]),
                             cli_text(texts[6]),
                             cli_text(texts[7]),
                             cli_text(streams),
                             cli_text(abc_connection_url(connection))};
    cli_print_record(invocation, show_columns, row);
    cJSON_free(streams);
    return CLI_EXIT_OK;
}

static int run_show(cli_invocation *invocation) {
    CLI_REQUIRE_WORKSPACE(invocation);
    abc_connection *connection = NULL;
    abc_error *error = NULL;
    abc_status status =
        abc_connection_get(&connection, invocation->workspace, invocation->args[0], &error);
    if (status == ABC_OK)
        status = abc_connection_refresh(connection, &error);
    int code = print_connection(invocation, connection, status, error);
    abc_connection_free(connection);
    return code;
}

static const cli_column list_columns[] = {
    {"CONNECTION ID", NULL, "connectionId", CLI_KIND_TEXT},
    {"NAME", NULL, "name", CLI_KIND_TEXT},
    {"STATUS", NULL, "status", CLI_KIND_TEXT},
    {"SCHEDULE", NULL, "scheduleType", CLI_KIND_TEXT},
    {NULL, NULL, "sourceId", CLI_KIND_TEXT},
    {NULL, NULL, "destinationId", CLI_KIND_TEXT},
    {"STREAMS", NULL, "streamCount", CLI_KIND_NUMBER},
    {NULL, NULL, NULL, CLI_KIND_TEXT},
};

static abc_status connection_row(cli_value *row, const void *item, const void *context,
                                 abc_error **error) {
    static const text_getter getters[] = {abc_connection_name, abc_connection_status,
                                          abc_connection_schedule_type, abc_connection_source_id,
                                          abc_connection_destination_id};
    abc_connection *connection = (abc_connection *)item; /* getters may fetch details */
    const char *texts[5] = {NULL};
    size_t streams = 0;
    (void)context;
    abc_status status = read_texts(texts, connection, getters, 5, error);
    if (status == ABC_OK)
        status = abc_connection_stream_count(&streams, connection, error);
    row[0] = cli_text(abc_connection_id(connection));
    for (int i = 0; i < 5; ++i)
        row[i + 1] = cli_text(texts[i]);
    row[6] = cli_number((int64_t)streams);
    return status;
}

CLI_LIST_COMMAND(connections, abc_connection, abc_workspace_list_connections, "connections",
                 " in this workspace", list_columns, connection_row);

static int run_list(cli_invocation *invocation) {
    CLI_REQUIRE_WORKSPACE(invocation);
    return cli_run_list(invocation, &connections, NULL);
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
    CLI_REQUIRE_WORKSPACE(invocation);
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
        status = abc_connection_create(&connection, invocation->workspace, spec, &error);
    abc_connection_spec_free(spec);
    if (status != ABC_OK) {
        return cli_fail(invocation, status, error,
                        status == ABC_ERROR_NOT_FOUND
                            ? "check --source and --destination; list them with '" CLI_NAME
                              " sources list' and '" CLI_NAME " destinations list'"
                            : NULL);
    }
    int code = print_connection(invocation, connection, ABC_OK, NULL);
    abc_connection_free(connection);
    return code;
}

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

/* rename ID NAME | update ID [--status] [--cron|--manual] [--tag TAG_ID]: a PATCH of the fields
 * given. */
static int run_change(cli_invocation *invocation) {
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_connection_spec *changes = NULL;
    abc_connection *connection = NULL;
    abc_tag *tag = NULL;
    abc_error *error = NULL;
    const char *status_text = cli_option_value(invocation, "--status");
    const char *cron = cli_option_value(invocation, "--cron");
    const char *tag_id = cli_option_value(invocation, "--tag");
    abc_status status = abc_connection_spec_new(&changes, &error);
    if (status == ABC_OK && invocation->arg_count > 1)
        status = abc_connection_spec_set_name(changes, invocation->args[1], &error);
    if (status == ABC_OK && status_text != NULL)
        status = abc_connection_spec_set_status(changes, status_text, &error);
    if (status == ABC_OK && cron != NULL)
        status = abc_connection_spec_set_schedule_cron(changes, cron, &error);
    if (status == ABC_OK && tag_id != NULL)
        status = abc_tag_get(&tag, workspace, tag_id, &error);
    if (status == ABC_OK && tag != NULL)
        status = abc_connection_spec_add_tag(changes, tag, &error);
    if (status == ABC_OK)
        status = abc_connection_get(&connection, workspace, invocation->args[0], &error);
    if (status == ABC_OK)
        status = abc_connection_update(connection, changes, &error);
    abc_tag_free(tag);
    abc_connection_spec_free(changes);
    int code = print_connection(invocation, connection, status, error);
    abc_connection_free(connection);
    return code;
}

static int run_delete(cli_invocation *invocation) {
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    int cascade = cli_option_value(invocation, "--cascade") != NULL;
    abc_safe_mode mode = cli_option_value(invocation, "--force") != NULL ? ABC_SAFE_MODE_OFF
                                                                         : ABC_SAFE_MODE_DEFAULT;
    abc_error *error = NULL;
    abc_status status =
        abc_connection_delete(workspace, invocation->args[0], cascade, mode, &error);
    return cli_print_deleted(invocation, status, error, "connection", invocation->args[0],
                             cascade ? " with its source and destination" : "");
}

static const cli_option update_options[] = {
    {"--status", "STATUS", "active or inactive"},
    {"--cron", "EXPR", "sync on a Quartz cron schedule"},
    {"--tag", "TAG_ID", "set the connection's tags to this one"},
    {NULL, NULL, NULL},
};

static const cli_option delete_options[] = {
    {"--cascade", NULL, "also delete its source and destination (safe mode: names must say deleteme)"},
    {"--force", NULL, "skip the safe-mode name check of --cascade"},
    {NULL, NULL, NULL},
};

const cli_command cli_connections_commands[] = {
    {"connections list", "", "list the workspace's connections", NULL, cli_name_filter_options, 0,
     0, run_list},
    {"connections show", "CONNECTION_ID",
     "show a connection: name, status, source, destination, streams", NULL, NULL, 1, 1, run_show},
    {"connections create", "NAME", "create a connection from a source to a destination",
     "Prints the new connection (with --json: its document, whose connectionId a script can pick "
     "up).",
     create_options, 1, 1, run_create},
    {"connections rename", "CONNECTION_ID NAME", "rename a connection", NULL, NULL, 2, 2,
     run_change},
    {"connections update", "CONNECTION_ID", "change a connection's status, schedule or tags",
     NULL, update_options, 1, 1, run_change},
    {"connections delete", "CONNECTION_ID", "delete a connection", NULL, delete_options, 1, 1,
     run_delete},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
