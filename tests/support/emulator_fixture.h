/* Set-up requests against the emulator for CMocka tests: each fails the running test, naming the
 * request and the answer, when it does not succeed. */
#ifndef ABC_TESTS_EMULATOR_FIXTURE_H
#define ABC_TESTS_EMULATOR_FIXTURE_H

#include "emulator_process.h"

#ifdef __cplusplus
extern "C" {
#endif

/* POSTs `body` to `path` (with the API key); returns the 2xx response body (malloc'd). */
char *emulator_post_ok(const emulator_process *emulator, const char *path, const char *body);

/* The string member `field` of the JSON `response` into out (64 bytes). */
void emulator_copy_id(const char *response, const char *field, char out[64]);

typedef struct emulator_connection {
    char source_id[64];
    char destination_id[64];
    char connection_id[64];
} emulator_connection;

/* A faker source "NAME-source" (`count` rows, seed 7), a DuckDB destination "NAME-destination"
 * writing `duckdb_path`, and the connection NAME between them: streams users and products,
 * full refresh, table prefix `prefix`. */
void emulator_create_connection(const emulator_process *emulator, const char *name, int count,
                                const char *duckdb_path, const char *prefix,
                                emulator_connection *out);

/* How the connection's next jobs end ("succeeded", "failed", "running"...) and how long they run.
 */
void emulator_set_behaviour(const emulator_process *emulator, const char *connection_id,
                            const char *outcome, int duration_ms);

/* Points the AIRBYTE_CLOUD_* environment at the emulator with its API key (URL, workspace id,
 * key), and unsets the other credentials, for the programs a test runs (the CLI, examples). */
void emulator_export_settings(const emulator_process *emulator);

#ifdef __cplusplus
}
#endif

#endif
