/* Printing the API's smaller resources (tags, organizations, users, permissions, definitions,
 * workspace details) from their JSON through listing.h: a column table per resource whose --json
 * members are the API's own field names, so each row is read straight from the object. */
#ifndef ABC_CLI_RECORDS_H
#define ABC_CLI_RECORDS_H

#include <cjson/cJSON.h>

#include "cli.h"
#include "listing.h"

typedef struct cli_record_view {
    const char *plural;        /* "tags": the --json key and the "No tags." line */
    const cli_column *columns; /* members are the object's top-level fields */
} cli_record_view;

/* Adds the object in `json` (text from an abc_*_json getter) to `items`. */
void cli_records_add(cJSON *items, const char *json);
/* Prints `items` (an array, freed here) as a listing: a table, or {"<plural>": [...]}. */
int cli_print_records_json(cli_invocation *invocation, const cli_record_view *view, cJSON *items);
/* Prints one object as a record: "Label: value" lines, or the JSON document. */
int cli_print_record_json(cli_invocation *invocation, const cli_record_view *view,
                          const char *json);

/* Reports a delete: "Deleted <noun> <id><what_else>." for people, {"deleted": id} with --json.
 * A failed one (status not ABC_OK) is reported as cli_fail() does. Returns the exit code. */
int cli_print_deleted(cli_invocation *invocation, abc_status status, abc_error *error,
                      const char *noun, const char *id, const char *what_else);

/* Walks an iterator of the typed API into `items`: ITEM_T *item; NEXT(&item, iterator, &error)
 * until NULL; JSON(item) added; FREE(item). Leaves `status` and `error` set. */
#define CLI_COLLECT(ITEM_T, NEXT, JSON, FREE, iterator, items, status, error) \
    do {                                                                      \
        for (;;) {                                                            \
            ITEM_T *item_ = NULL;                                             \
            (status) = NEXT(&item_, (iterator), &(error));                    \
            if ((status) != ABC_OK || item_ == NULL)                          \
                break;                                                        \
            cli_records_add((items), JSON(item_));                            \
            FREE(item_);                                                      \
        }                                                                     \
    } while (0)

#endif
