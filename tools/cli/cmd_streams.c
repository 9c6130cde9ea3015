/* streams SOURCE_ID: what a source offers, to pick streams and sync modes for a connection. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "report.h"
#include "resources.h"
#include "settings.h"

/* ["a","b"] -> "a, b"; [["id"],["x","y"]] -> "id, x.y" (for a table cell). */
static void flatten(char *out, size_t size, const char *json_text) {
    out[0] = '\0';
    cJSON *root = cJSON_Parse(json_text);
    size_t used = 0;
    const cJSON *item = NULL;
    cJSON_ArrayForEach(item, root) {
        char piece[256] = "";
        if (cJSON_IsString(item)) {
            snprintf(piece, sizeof piece, "%s", item->valuestring);
        } else if (cJSON_IsArray(item)) {
            size_t n = 0;
            const cJSON *part = NULL;
            cJSON_ArrayForEach(part, item) {
                if (cJSON_IsString(part) && n < sizeof piece) {
                    n += (size_t)snprintf(piece + n, sizeof piece - n, "%s%s", n ? "." : "",
                                          part->valuestring);
                }
            }
        }
        if (used < size)
            used += (size_t)snprintf(out + used, size - used, "%s%s", used ? ", " : "", piece);
    }
    cJSON_Delete(root);
}

static int run_streams(cli_invocation *invocation) {
    abc_workspace *workspace = NULL;
    int code = cli_workspace(invocation, &workspace);
    if (code != 0)
        return code;
    abc_stream_catalog *catalog = NULL;
    abc_error *error = NULL;
    abc_status status =
        abc_stream_catalog_get(&catalog, workspace, invocation->args[0],
                               cli_option_value(invocation, "--destination"), &error);
    if (status != ABC_OK) {
        return cli_fail(invocation, status, error,
                        status == ABC_ERROR_NOT_FOUND
                            ? "check the source id; list them with '" CLI_NAME " sources list'"
                            : NULL);
    }
    size_t count = abc_stream_catalog_count(catalog);
    cJSON *document = NULL, *items = NULL;
    cli_table *table = NULL;
    if (invocation->global.json) {
        document = cJSON_CreateObject();
        cli_json_string(document, "sourceId", invocation->args[0]);
        items = cJSON_AddArrayToObject(document, "streams");
    } else {
        static const char *const headers[] = {"STREAM", "NAMESPACE", "SYNC MODES", "DEFAULT CURSOR",
                                              "PRIMARY KEY"};
        table = cli_table_new(5, headers, NULL);
    }
    for (size_t i = 0; status == ABC_OK && i < count; ++i) {
        const char *name = NULL, *space = NULL, *modes = NULL, *cursor = NULL, *key = NULL;
        int source_defined = 0;
        status = abc_stream_catalog_name(&name, catalog, i, &error);
        if (status == ABC_OK)
            status = abc_stream_catalog_namespace(&space, catalog, i, &error);
        if (status == ABC_OK)
            status = abc_stream_catalog_sync_modes(&modes, catalog, i, &error);
        if (status == ABC_OK)
            status = abc_stream_catalog_default_cursor(&cursor, catalog, i, &error);
        if (status == ABC_OK)
            status = abc_stream_catalog_source_defined_cursor(&source_defined, catalog, i, &error);
        if (status == ABC_OK)
            status = abc_stream_catalog_primary_key(&key, catalog, i, &error);
        if (status != ABC_OK)
            break;
        if (items != NULL) {
            cJSON *item = cJSON_CreateObject();
            cli_json_string(item, "name", name);
            cli_json_string(item, "namespace", space);
            cJSON_AddItemToObject(item, "syncModes", cli_json_from_text(modes));
            cJSON_AddItemToObject(item, "defaultCursorField", cli_json_from_text(cursor));
            cJSON_AddBoolToObject(item, "sourceDefinedCursor", source_defined);
            cJSON_AddItemToObject(item, "sourceDefinedPrimaryKey", cli_json_from_text(key));
            cJSON_AddItemToArray(items, item);
        } else {
            char modes_text[512], cursor_text[256], key_text[256];
            flatten(modes_text, sizeof modes_text, modes);
            flatten(cursor_text, sizeof cursor_text, cursor);
            flatten(key_text, sizeof key_text, key);
            const char *cells[] = {name, space, modes_text, cursor_text, key_text};
            cli_table_add(table, cells);
        }
    }
    abc_stream_catalog_free(catalog);
    if (status != ABC_OK) {
        cJSON_Delete(document);
        cli_table_free(table);
        return cli_fail(invocation, status, error, NULL);
    }
    if (document != NULL) {
        cli_print_json(invocation, document);
    } else if (count == 0) {
        printf("The source offers no streams.\n");
    } else {
        cli_table_print(table, stdout);
    }
    cli_table_free(table);
    return CLI_EXIT_OK;
}

static const cli_option stream_options[] = {
    {"--destination", "DESTINATION_ID", "only the sync modes this destination supports too"},
    {NULL, NULL, NULL},
};

const cli_command cli_streams_commands[] = {
    {"streams", "SOURCE_ID", "list a source's streams: sync modes, default cursor, primary key",
     "What the source offers, to choose --streams for '" CLI_NAME " connections create'.",
     stream_options, 1, 1, run_streams},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
