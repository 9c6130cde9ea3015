/* Shared set-up for the core integration tests: an emulator, connections on it, workspace handles.
 */
#ifndef ABC_TESTS_CORE_FIXTURE_H
#define ABC_TESTS_CORE_FIXTURE_H

#include <stdint.h>

#include "airbyte_cloud.h"
#include "emulator_fixture.h"

/* Starts the emulator with extra flags (NULL-terminated, may be NULL); fails the test on error. */
void fixture_start(emulator_process *emulator, const char *const *extra_args);

/* Creates a faker source, a destination and a connection with streams users and products;
 * writes the connection id into connection_id (64 bytes). Fails the test on error. */
void fixture_create_connection(const emulator_process *emulator, const char *name,
                               char *connection_id);

/* A faker source → Postgres destination connection (password "secret-pw-123" unless `pg` gives
 * one); `pg` NULL: a PostgreSQL that is not running (a closed loopback port). Writes the ids
 * (64 bytes each; source_id may be NULL). Fails the test on error. */
void fixture_create_postgres_connection(const emulator_process *emulator, const test_postgres *pg, char *source_id,
                                        char *connection_id, char *destination_id);

/* Queues a fault: e.g. ("GET", "/v1/jobs/ *", "status", 503, -1, 0, 2). retry_after < 0: none. */
void fixture_add_fault(const emulator_process *emulator, const char *method, const char *path,
                       const char *kind, int status, int retry_after, int delay_ms, int count);

/* A number from GET /_emulator/stats: "requests", "jobsCreated", or a route like "POST /jobs". */
long fixture_stat(const emulator_process *emulator, const char *name);

/* A new connection `name` (fixture_create_connection) whose jobs end in `outcome` after
 * duration_ms (outcome NULL: the emulator's default), and a workspace on the emulator
 * (fixture_workspace). */
abc_workspace *fixture_scenario(const emulator_process *emulator, const char *name,
                                const char *outcome, int duration_ms, char *connection_id);

/* Workspace on the emulator with its API key, fast polling, short retries. */
abc_workspace *fixture_workspace(const emulator_process *emulator);
abc_workspace *fixture_workspace_with(const emulator_process *emulator, abc_options *options);
abc_options *fixture_options(const emulator_process *emulator);

/* Sync options with the library's defaults, and ones that return once the job is started (wait
 * off); each fails the test on error. */
abc_sync_options *fixture_sync_options(void);
abc_sync_options *fixture_no_wait_options(void);
/* Starts a sync of `connection_id` without waiting for it (the job is the caller's to free);
 * fails the test on error. */
abc_job *fixture_start_sync(abc_workspace *workspace, const char *connection_id);

/* Made through the library; each fails the test on error. A faker source with `configuration`
 * (JSON), and a DuckDB destination writing `path` (schema NULL: the default). */
abc_source *fixture_source(abc_workspace *workspace, const char *name, const char *configuration);
abc_destination *fixture_duckdb(abc_workspace *workspace, const char *name, const char *path,
                                const char *schema);
/* A connection spec named `name` from the source to the destination, to add streams to. */
abc_connection_spec *fixture_connection_spec(const char *name, const abc_source *source,
                                             const abc_destination *destination);

#endif
