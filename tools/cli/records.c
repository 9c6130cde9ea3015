#define _POSIX_C_SOURCE 200809L
#include "records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "report.h"

void cli_records_add(cJSON *items, const char *json) {
    cJSON *item = cJSON_Parse(json != NULL ? json : "");
    cJSON_AddItemToArray(items, item != NULL ? item : cJSON_CreateObject());
}

/* A member as text: strings as they are, anything else as compact JSON. */
static char *field_text(const cJSON *object, const char *name) {
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(object, name);
    if (value == NULL || cJSON_IsNull(value))
        return NULL;
    if (cJSON_IsString(value))
        return strdup(value->valuestring);
    return cJSON_PrintUnformatted(value);
}

int cli_print_records_json(cli_invocation *invocation, const cli_record_view *view, cJSON *items) {
    if (invocation->global.json) {
        cJSON *document = cJSON_CreateObject();
        cJSON_AddItemToObject(document, view->plural, items);
        cli_print_json(invocation, document);
        return CLI_EXIT_OK;
    }
    if (cJSON_GetArraySize(items) == 0) {
        printf("No %s.\n", view->plural);
        cJSON_Delete(items);
        return CLI_EXIT_OK;
    }
    cli_table *table = cli_table_new(view->columns, view->headers, NULL);
    const cJSON *item = NULL;
    cJSON_ArrayForEach(item, items) {
        char *cells[6] = {NULL};
        for (int i = 0; i < view->columns && i < 6; ++i)
            cells[i] = field_text(item, view->fields[i]);
        cli_table_add(table, (const char *const *)cells);
        for (int i = 0; i < 6; ++i)
            free(cells[i]);
    }
    cli_table_print(table, stdout);
    cli_table_free(table);
    cJSON_Delete(items);
    return CLI_EXIT_OK;
}

int cli_print_record_json(cli_invocation *invocation, const cli_record_view *view, const char *json) {
    cJSON *object = cJSON_Parse(json != NULL ? json : "");
    if (object == NULL)
        object = cJSON_CreateObject();
    if (invocation->global.json) {
        cli_print_json(invocation, object);
        return CLI_EXIT_OK;
    }
    cli_fields *fields = cli_fields_new();
    for (int i = 0; i < view->columns; ++i) {
        char *text = field_text(object, view->fields[i]);
        cli_fields_add(fields, view->headers[i], text != NULL ? text : "");
        free(text);
    }
    cli_fields_print(fields, stdout);
    cli_fields_free(fields);
    cJSON_Delete(object);
    return CLI_EXIT_OK;
}

int cli_print_deleted(cli_invocation *invocation, abc_status status, abc_error *error,
                      const char *noun, const char *id, const char *what_else) {
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);
    if (invocation->global.json) {
        cJSON *document = cJSON_CreateObject();
        cJSON_AddStringToObject(document, "deleted", id);
        cli_print_json(invocation, document);
    } else {
        printf("Deleted %s %s%s.\n", noun, id, what_else);
    }
    return CLI_EXIT_OK;
}
