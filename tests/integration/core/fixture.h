/* Shared set-up for the core integration tests: an emulator, connections on it, workspace handles. */
#ifndef ABC_TESTS_CORE_FIXTURE_H
#define ABC_TESTS_CORE_FIXTURE_H

#include <stdint.h>

#include "airbyte_cloud.h"
#include "emulator_process.h"

/* Starts the emulator with extra flags (NULL-terminated, may be NULL); fails the test on error. */
void fixture_start(emulator_process *emulator, const char *const *extra_args);

/* Creates a faker source, a destination and a connection with streams users and products;
 * writes the connection id into connection_id (64 bytes). Fails the test on error. */
void fixture_create_connection(const emulator_process *emulator, const char *name, char *connection_id);

/* A faker source → Postgres destination connection (password "secret-pw-123" unless `pg` gives
 * one); `pg` NULL: a PostgreSQL that is not running (a closed loopback port). Writes the ids
 * (64 bytes each; source_id may be NULL). Fails the test on error. */
void fixture_create_postgres_connection(const emulator_process *emulator, const test_postgres *pg, char *source_id,
                                        char *connection_id, char *destination_id);

/* Sets how the next jobs of a connection end ("succeeded", "failed", "running"...) and last. */
void fixture_set_behaviour(const emulator_process *emulator, const char *connection_id,
                           const char *outcome, int duration_ms);

/* Queues a fault: e.g. ("GET", "/v1/jobs/ *", "status", 503, -1, 0, 2). retry_after < 0: none. */
void fixture_add_fault(const emulator_process *emulator, const char *method, const char *path,
                       const char *kind, int status, int retry_after, int delay_ms, int count);

/* A number from GET /_emulator/stats: "requests", "jobsCreated", or a route like "POST /jobs". */
long fixture_stat(const emulator_process *emulator, const char *name);

/* Workspace on the emulator with its API key, fast polling, short retries. */
abc_workspace *fixture_workspace(const emulator_process *emulator);
abc_workspace *fixture_workspace_with(const emulator_process *emulator, abc_options *options);
abc_options *fixture_options(const emulator_process *emulator);

#endif
