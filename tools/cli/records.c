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

/* A member as text: strings as they are, anything else as compact JSON; NULL when absent. */
static char *field_text(const cJSON *object, const char *name) {
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(object, name);
    if (value == NULL || cJSON_IsNull(value))
        return NULL;
    if (cJSON_IsString(value))
        return strdup(value->valuestring);
    return cJSON_PrintUnformatted(value);
}

/* One row per the view's columns, read from the object; `texts` holds what the row points to. */
static void row_of(const cJSON *object, const cli_column *columns, cli_value *row, char **texts) {
    for (int i = 0; i < CLI_MAX_COLUMNS && columns[i].member != NULL; ++i) {
        const cJSON *value = cJSON_GetObjectItemCaseSensitive(object, columns[i].member);
        texts[i] = field_text(object, columns[i].member);
        row[i] = columns[i].kind == CLI_KIND_TEXT || columns[i].kind == CLI_KIND_JSON
                     ? cli_text(texts[i])
                     : cli_number(cJSON_IsNumber(value) ? (int64_t)value->valuedouble : 0);
    }
}

static void free_texts(char **texts) {
    for (int i = 0; i < CLI_MAX_COLUMNS; ++i)
        free(texts[i]);
}

int cli_print_records_json(cli_invocation *invocation, const cli_record_view *view, cJSON *items) {
    cli_listing *listing = cli_listing_new(invocation, view->columns, view->plural);
    const cJSON *item = NULL;
    cJSON_ArrayForEach(item, items) {
        cli_value row[CLI_MAX_COLUMNS];
        char *texts[CLI_MAX_COLUMNS] = {NULL};
        row_of(item, view->columns, row, texts);
        cli_listing_add(listing, row);
        free_texts(texts);
    }
    cJSON_Delete(items);
    char empty[64];
    snprintf(empty, sizeof empty, "No %s.", view->plural);
    return cli_listing_print(listing, empty);
}

int cli_print_record_json(cli_invocation *invocation, const cli_record_view *view,
                          const char *json) {
    cJSON *object = cJSON_Parse(json != NULL ? json : "");
    cli_value row[CLI_MAX_COLUMNS];
    char *texts[CLI_MAX_COLUMNS] = {NULL};
    row_of(object, view->columns, row, texts);
    cli_print_record(invocation, view->columns, row);
    free_texts(texts);
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
