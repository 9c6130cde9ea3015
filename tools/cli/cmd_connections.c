/* connections show (and list, once the ABI offers listing). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "report.h"
#include "settings.h"

static int run_show(cli_invocation *invocation) {
    abc_workspace *workspace = NULL;
    int code = cli_workspace(invocation, &workspace);
    if (code != 0) return code;
    abc_connection *connection = NULL;
    abc_error *error = NULL;
    const char *name = NULL, *source = NULL, *destination = NULL, *prefix = NULL, *state = NULL;
    size_t streams = 0;
    abc_status status = abc_connection_get(&connection, workspace, invocation->args[0], &error);
    if (status == ABC_OK) status = abc_connection_refresh(connection, &error);
    if (status == ABC_OK) status = abc_connection_name(&name, connection, &error);
    if (status == ABC_OK) status = abc_connection_source_id(&source, connection, &error);
    if (status == ABC_OK) status = abc_connection_destination_id(&destination, connection, &error);
    if (status == ABC_OK) status = abc_connection_prefix(&prefix, connection, &error);
    if (status == ABC_OK) status = abc_connection_status(&state, connection, &error);
    if (status == ABC_OK) status = abc_connection_stream_count(&streams, connection, &error);
    const char **names = calloc(streams + 1, sizeof *names);
    for (size_t i = 0; status == ABC_OK && i < streams; ++i) {
        status = abc_connection_stream_name(&names[i], connection, i, &error);
    }
    if (status != ABC_OK) {
        free(names);
        abc_connection_free(connection);
        return cli_fail(invocation, status, error,
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
        cJSON *list = cJSON_AddArrayToObject(document, "streams");
        for (size_t i = 0; i < streams; ++i) cJSON_AddItemToArray(list, cJSON_CreateString(names[i]));
        cli_json_string(document, "url", abc_connection_url(connection));
        cli_print_json(invocation, document);
    } else {
        size_t length = 1;
        for (size_t i = 0; i < streams; ++i) length += strlen(names[i]) + 2;
        char *joined = calloc(length, 1);
        for (size_t i = 0; joined != NULL && i < streams; ++i) {
            if (i > 0) strcat(joined, ", ");
            strcat(joined, names[i]);
        }
        cli_fields *fields = cli_fields_new();
        cli_fields_add(fields, "Connection ID", abc_connection_id(connection));
        cli_fields_add(fields, "Name", name);
        cli_fields_add(fields, "Status", state);
        cli_fields_add(fields, "Source ID", source);
        cli_fields_add(fields, "Destination ID", destination);
        cli_fields_add(fields, "Prefix", prefix);
        cli_fields_add(fields, "Streams", joined);
        cli_fields_add(fields, "URL", abc_connection_url(connection));
        cli_fields_print(fields, stdout);
        cli_fields_free(fields);
        free(joined);
    }
    free(names);
    abc_connection_free(connection);
    return CLI_EXIT_OK;
}

const cli_command cli_connections_commands[] = {
    {"connections show", "CONNECTION_ID", "show a connection: name, status, source, destination, streams",
     NULL, NULL, 1, 1, run_show},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
