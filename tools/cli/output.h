/* Output: aligned tables and key/value blocks for people, one JSON document for machines, and
 * the number/size/time formats both use. Nothing printed here ever carries a control character:
 * text that came from the server is cleaned before it reaches a table. */
#ifndef ABC_CLI_OUTPUT_H
#define ABC_CLI_OUTPUT_H

#include <stdint.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "cli.h"

/* Copies `text` into `out` (size `size`), replacing control characters (C0, DEL, C1) by a space
 * and truncating on a UTF-8 character boundary. NULL text gives "". Returns out. */
char *cli_clean(char *out, size_t size, const char *text);

/* Copies `url` into `out` with any user information ("user:secret@") replaced by "***@", so no
 * URL the tool prints carries a password. NULL gives "". Returns out. */
char *cli_masked_url(char *out, size_t size, const char *url);

/* NULL when `url` can serve as the API URL (http:// or https://, a host, a port 1..65535 if any,
 * no blank or control character); else what is wrong with it (static text). */
const char *cli_api_url_problem(const char *url);

/* ---- tables ---- */
typedef struct cli_table cli_table;
/* `right` lists, per column, 1 to right-align (numbers). */
cli_table *cli_table_new(int columns, const char *const *headers, const int *right);
/* Copies and cleans the cells (columns of them; NULL cells print as "-"). */
void cli_table_add(cli_table *table, const char *const *cells);
int cli_table_rows(const cli_table *table);
/* Header line then the rows, columns two spaces apart, no trailing blanks. */
void cli_table_print(const cli_table *table, FILE *out);
void cli_table_free(cli_table *table);

/* Key/value block: "Key:  value" lines with the values aligned. */
typedef struct cli_fields cli_fields;
cli_fields *cli_fields_new(void);
void cli_fields_add(cli_fields *fields, const char *key, const char *value);
void cli_fields_print(const cli_fields *fields, FILE *out);
void cli_fields_free(cli_fields *fields);

/* ---- formats (buffers of at least 32 bytes) ---- */
char *cli_format_int(char *out, int64_t value);         /* 1234567 -> "1,234,567" */
char *cli_format_bytes(char *out, int64_t bytes);       /* 1536 -> "1.5 KiB" */
char *cli_format_duration(char *out, int64_t ms);       /* 83000 -> "1m 23s", 2400 -> "2.4s" */
char *cli_format_clock(char *out, int64_t ms);          /* 83000 -> "1:23", 3723000 -> "1:02:03" */
char *cli_format_unix_time(char *out, int64_t seconds); /* "2024-05-01T12:00:00Z"; 0 -> "" */

/* ---- JSON ---- */
/* Prints the document (formatted) and a newline to stdout, frees it, marks the invocation's
 * one document as printed. */
void cli_print_json(cli_invocation *invocation, cJSON *document);
/* cJSON helpers that accept NULL strings (stored as ""). */
void cli_json_string(cJSON *object, const char *name, const char *value);
void cli_json_int(cJSON *object, const char *name, int64_t value);

#endif
