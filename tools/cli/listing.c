#define _POSIX_C_SOURCE 200809L
#include "listing.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "output.h"
#include "report.h"
#include "resources.h"

#define CELL_SIZE 1024

cli_value cli_text(const char *text) {
    cli_value value = {text, 0};
    return value;
}

cli_value cli_number(int64_t number) {
    cli_value value = {NULL, number};
    return value;
}

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

static int is_right_aligned(cli_value_kind kind) {
    return kind == CLI_KIND_NUMBER || kind == CLI_KIND_COUNT || kind == CLI_KIND_BYTES ||
           kind == CLI_KIND_DURATION;
}

/* The value as people read it; `out` holds CELL_SIZE bytes. */
static const char *format_cell(char *out, cli_value_kind kind, cli_value value) {
    switch (kind) {
        case CLI_KIND_NUMBER:
            snprintf(out, CELL_SIZE, "%" PRId64, value.number);
            return out;
        case CLI_KIND_COUNT:
            return cli_format_int(out, value.number);
        case CLI_KIND_BYTES:
            return cli_format_bytes(out, value.number);
        case CLI_KIND_DURATION:
            return value.number > 0 ? cli_format_duration(out, value.number) : "";
        case CLI_KIND_TIME:
            return cli_format_unix_time(out, value.number);
        case CLI_KIND_MARK:
            return value.number ? "*" : "";
        case CLI_KIND_JSON:
            flatten(out, CELL_SIZE, value.text);
            return out;
        case CLI_KIND_TEXT:
        default:
            return value.text;
    }
}

static void add_json_member(cJSON *object, const cli_column *column, cli_value value) {
    char text[CELL_SIZE];
    switch (column->kind) {
        case CLI_KIND_NUMBER:
        case CLI_KIND_COUNT:
        case CLI_KIND_BYTES:
        case CLI_KIND_DURATION:
            cli_json_int(object, column->member, value.number);
            break;
        case CLI_KIND_TIME:
            cli_json_string(object, column->member, cli_format_unix_time(text, value.number));
            break;
        case CLI_KIND_MARK:
            cJSON_AddBoolToObject(object, column->member, value.number != 0);
            break;
        case CLI_KIND_JSON:
            cJSON_AddItemToObject(object, column->member, cli_json_from_text(value.text));
            break;
        case CLI_KIND_TEXT:
        default:
            cli_json_string(object, column->member, value.text);
            break;
    }
}

static int is_end(const cli_column *column) {
    return column->header == NULL && column->label == NULL && column->member == NULL;
}

cJSON *cli_record_json(const cli_column *columns, const cli_value *row) {
    cJSON *object = cJSON_CreateObject();
    for (int c = 0; !is_end(&columns[c]); ++c) {
        if (columns[c].member != NULL)
            add_json_member(object, &columns[c], row[c]);
    }
    return object;
}

void cli_print_record(cli_invocation *invocation, const cli_column *columns, const cli_value *row) {
    if (invocation->global.json) {
        cli_print_json(invocation, cli_record_json(columns, row));
        return;
    }
    cli_fields *fields = cli_fields_new();
    for (int c = 0; !is_end(&columns[c]); ++c) {
        char cell[CELL_SIZE];
        if (columns[c].label != NULL)
            cli_fields_add(fields, columns[c].label, format_cell(cell, columns[c].kind, row[c]));
    }
    cli_fields_print(fields, stdout);
    cli_fields_free(fields);
    fflush(stdout);
}

/* ---- listings ---- */

struct cli_listing {
    cli_invocation *invocation;
    const cli_column *columns;
    const char *member;
    cJSON *document, *items; /* --json */
    cli_table *table;        /* otherwise */
    int rows;
};

cli_listing *cli_listing_new(cli_invocation *invocation, const cli_column *columns,
                             const char *member) {
    cli_listing *listing = calloc(1, sizeof *listing);
    if (listing == NULL) {
        fputs(CLI_NAME ": out of memory\n", stderr);
        exit(CLI_EXIT_ERROR);
    }
    listing->invocation = invocation;
    listing->columns = columns;
    listing->member = member;
    if (invocation->global.json) {
        listing->document = cJSON_CreateObject();
        listing->items = cJSON_CreateArray();
        return listing;
    }
    const char *headers[CLI_MAX_COLUMNS];
    int right[CLI_MAX_COLUMNS], count = 0;
    for (int c = 0; !is_end(&columns[c]) && count < CLI_MAX_COLUMNS; ++c) {
        if (columns[c].header == NULL)
            continue;
        headers[count] = columns[c].header;
        right[count++] = is_right_aligned(columns[c].kind);
    }
    listing->table = cli_table_new(count, headers, right);
    return listing;
}

cJSON *cli_listing_document(const cli_listing *listing) {
    return listing->document;
}

void cli_listing_add(cli_listing *listing, const cli_value *row) {
    listing->rows++;
    if (listing->items != NULL) {
        cJSON_AddItemToArray(listing->items, cli_record_json(listing->columns, row));
        return;
    }
    char texts[CLI_MAX_COLUMNS][CELL_SIZE];
    const char *cells[CLI_MAX_COLUMNS];
    int count = 0;
    for (int c = 0; !is_end(&listing->columns[c]) && count < CLI_MAX_COLUMNS; ++c) {
        if (listing->columns[c].header != NULL) {
            cells[count] = format_cell(texts[count], listing->columns[c].kind, row[c]);
            ++count;
        }
    }
    cli_table_add(listing->table, cells);
}

int cli_listing_rows(const cli_listing *listing) {
    return listing->rows;
}

static void free_listing(cli_listing *listing) {
    cJSON_Delete(listing->document);
    cJSON_Delete(listing->items);
    cli_table_free(listing->table);
    free(listing);
}

int cli_listing_print(cli_listing *listing, const char *empty) {
    if (listing->document != NULL) {
        cJSON_AddItemToObject(listing->document, listing->member, listing->items);
        listing->items = NULL;
        cli_print_json(listing->invocation, listing->document);
        listing->document = NULL;
    } else if (listing->rows == 0) {
        printf("%s\n", empty);
    } else {
        cli_table_print(listing->table, stdout);
    }
    free_listing(listing);
    return CLI_EXIT_OK;
}

int cli_listing_fail(cli_listing *listing, abc_status status, abc_error *error, const char *hint) {
    cli_invocation *invocation = listing->invocation;
    free_listing(listing);
    return cli_fail(invocation, status, error, hint);
}

/* ---- list commands ---- */

const cli_option cli_name_filter_options[] = {
    {"--name", "TEXT", "only those whose name contains TEXT (any letter case)"},
    {NULL, NULL, NULL},
};

static abc_status add_all(cli_listing *listing, const cli_list_command *command, const void *list,
                          const void *context, abc_error **error) {
    size_t count = command->count(list);
    abc_status status = ABC_OK;
    for (size_t i = 0; status == ABC_OK && i < count; ++i) {
        void *item = NULL;
        cli_value row[CLI_MAX_COLUMNS];
        status = command->get(&item, list, i, error);
        if (status == ABC_OK)
            status = command->row(row, item, context, error);
        if (status == ABC_OK)
            cli_listing_add(listing, row);
        command->free_item(item);
    }
    return status;
}

int cli_run_list(cli_invocation *invocation, const cli_list_command *command, const void *context) {
    abc_list_options *options = NULL;
    void *list = NULL;
    abc_error *error = NULL;
    abc_status status = cli_list_options(invocation, &options, &error);
    if (status == ABC_OK)
        status = command->fetch(&list, invocation->workspace, options, &error);
    abc_list_options_free(options);
    if (status != ABC_OK)
        return cli_fail(invocation, status, error, NULL);
    cli_listing *listing = cli_listing_new(invocation, command->columns, command->member);
    status = add_all(listing, command, list, context, &error);
    command->free_list(list);
    if (status != ABC_OK)
        return cli_listing_fail(listing, status, error, NULL);
    char empty[128];
    snprintf(empty, sizeof empty, "No %s%s.", command->member,
             cli_option_value(invocation, "--name") ? " match --name" : command->scope);
    return cli_listing_print(listing, empty);
}
