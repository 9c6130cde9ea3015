/* Listings and records driven by a column table: one table says, for each value of a resource,
 * its table header, its key/value label and its --json member, and how it is shown. The same
 * values then print as an aligned table (`list`), a key/value block (`show`) or JSON.
 *
 * A new resource's `list` costs a column table, a row function and a cli_list_command (or, when
 * its rows do not come from a handle list, a loop over cli_listing_add); its `show` costs a
 * column table and a cli_print_record call. */
#ifndef ABC_CLI_LISTING_H
#define ABC_CLI_LISTING_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "cli.h"

/* How a value prints. Number kinds are right-aligned in tables. */
typedef enum cli_value_kind {
    CLI_KIND_TEXT,     /* text; JSON string ("" for NULL) */
    CLI_KIND_NUMBER,   /* number as plain digits; JSON number */
    CLI_KIND_COUNT,    /* number as "1,234"; JSON number */
    CLI_KIND_BYTES,    /* number as "1.5 KiB"; JSON number */
    CLI_KIND_DURATION, /* number of ms as "1m 23s" ("-" when 0); JSON number */
    CLI_KIND_TIME,     /* number of unix seconds as "2024-05-01T12:00:00Z"; JSON the same string */
    CLI_KIND_MARK,     /* number != 0 as "*"; JSON boolean */
    CLI_KIND_JSON      /* text is JSON: arrays flattened to "a, b.c"; JSON the value itself */
} cli_value_kind;

/* One value of a resource. A NULL header, label or member leaves it out of that form. Column
 * tables end with an entry whose header, label and member are all NULL. */
typedef struct cli_column {
    const char *header; /* table header, "JOB ID" */
    const char *label;  /* key/value label, "Job ID" */
    const char *member; /* --json member, "jobId" */
    cli_value_kind kind;
} cli_column;

#define CLI_MAX_COLUMNS 24

/* A value, `text` or `number` by its column's kind. */
typedef struct cli_value {
    const char *text;
    int64_t number;
} cli_value;

cli_value cli_text(const char *text);
cli_value cli_number(int64_t number);

/* ---- listings: a table, or with --json {"member": [objects]} ---- */
typedef struct cli_listing cli_listing;
cli_listing *cli_listing_new(cli_invocation *invocation, const cli_column *columns,
                             const char *member);
/* The --json document (NULL for a table), for members that go before the rows. */
cJSON *cli_listing_document(const cli_listing *listing);
/* Adds a row: one value per column, in column order. */
void cli_listing_add(cli_listing *listing, const cli_value *row);
int cli_listing_rows(const cli_listing *listing);
/* Prints the table (or `empty`, a line, when it has no rows) or the document; frees. Returns
 * CLI_EXIT_OK. */
int cli_listing_print(cli_listing *listing, const char *empty);
/* Frees the listing unprinted and reports the failure (see cli_fail). Returns the exit code. */
int cli_listing_fail(cli_listing *listing, abc_status status, abc_error *error, const char *hint);

/* One record as a key/value block on stdout, or with --json as the one JSON document. */
void cli_print_record(cli_invocation *invocation, const cli_column *columns, const cli_value *row);
/* The record as a JSON object (for documents that embed it). */
cJSON *cli_record_json(const cli_column *columns, const cli_value *row);

/* ---- `list` commands over a workspace's handle list (--name filters it) ---- */
typedef struct cli_list_command {
    const char *member; /* JSON array member and plural noun, "connections" */
    const char *scope;  /* said of an empty unfiltered list: " in this workspace" or "" */
    const cli_column *columns;
    abc_status (*fetch)(void **list, abc_workspace *workspace, const abc_list_options *options,
                        abc_error **error);
    size_t (*count)(const void *list);
    abc_status (*get)(void **item, const void *list, size_t index, abc_error **error);
    void (*free_item)(void *item);
    void (*free_list)(void *list);
    /* Fills one row per the columns; `context` is run_list's. */
    abc_status (*row)(cli_value *row, const void *item, const void *context, abc_error **error);
} cli_list_command;

/* The options of such a command: --name TEXT. */
extern const cli_option cli_name_filter_options[];

/* Defines `static const cli_list_command NAME` over a handle list of the ABI: ITEM is the item
 * type (abc_connection), ITEM##_list its list (count, get, free), FETCH the call that lists them
 * (abc_workspace_list_connections), MEMBER and SCOPE as above, ROW the row function. */
#define CLI_LIST_COMMAND(NAME, ITEM, FETCH, MEMBER, SCOPE, COLUMNS, ROW)                    \
    static abc_status NAME##_fetch(void **out, abc_workspace *w, const abc_list_options *o, \
                                   abc_error **e) {                                         \
        return FETCH((ITEM##_list **)out, w, o, e);                                         \
    }                                                                                       \
    static size_t NAME##_count(const void *l) {                                             \
        return ITEM##_list_count(l);                                                        \
    }                                                                                       \
    static abc_status NAME##_get(void **out, const void *l, size_t i, abc_error **e) {      \
        return ITEM##_list_get((ITEM **)out, l, i, e);                                      \
    }                                                                                       \
    static void NAME##_free_item(void *item) {                                              \
        ITEM##_free(item);                                                                  \
    }                                                                                       \
    static void NAME##_free_list(void *l) {                                                 \
        ITEM##_list_free(l);                                                                \
    }                                                                                       \
    static const cli_list_command                                                           \
        NAME = {MEMBER,       SCOPE,      COLUMNS,          NAME##_fetch,                   \
                NAME##_count, NAME##_get, NAME##_free_item, NAME##_free_list,               \
                ROW}

/* Fetches the list from the invocation's workspace (made already) and prints it. Returns the
 * exit code. */
int cli_run_list(cli_invocation *invocation, const cli_list_command *command, const void *context);

#endif
