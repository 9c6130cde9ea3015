/* deploy.c: Airbyte as code from C.
 *
 * Creates a source (Sample Data / Faker), a destination (DuckDB) and a connection between them,
 * picking streams and sync modes from what the source offers; runs a sync and waits for it; lists
 * the connection's job history; and cleans up with a cascading delete in safe mode (every name
 * made here contains "deleteme", so safe mode lets the cleanup through).
 *
 * Reads AIRBYTE_CLOUD_API_URL (default https://api.airbyte.com/v1), AIRBYTE_CLOUD_API_KEY and
 * AIRBYTE_CLOUD_WORKSPACE_ID. Try it against the emulator:
 *
 *   airbyte-cloud-emulator --port 8006 --api-key demo-key --workspace 6f0e4a8e-3b2b-4c7f-9a59-2f7a3c1d9e10 &
 *   AIRBYTE_CLOUD_API_URL=http://127.0.0.1:8006/v1 AIRBYTE_CLOUD_API_KEY=demo-key \
 *   AIRBYTE_CLOUD_WORKSPACE_ID=6f0e4a8e-3b2b-4c7f-9a59-2f7a3c1d9e10 ./deploy
 *
 * Exit status 0 when everything, cleanup included, succeeded; 1 otherwise. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "airbyte_cloud.h"

/* Prints why a call failed and returns 0; returns 1 when it succeeded. */
static int succeeded(abc_status status, abc_error *error, const char *what) {
    if (status == ABC_OK) return 1;
    fprintf(stderr, "deploy: %s failed: %s\n", what, abc_error_message(error));
    if (abc_error_problem_detail(error)[0] != '\0') {
        fprintf(stderr, "deploy:   the API said: %s\n", abc_error_problem_detail(error));
    }
    abc_error_free(error);
    return 0;
}

/* Selects up to two streams, each with the best sync mode the stream and destination support:
 * incremental with deduplication when the source knows a cursor and a primary key. */
static int select_streams(abc_connection_spec *spec, const abc_stream_catalog *catalog) {
    abc_error *error = NULL;
    size_t count = abc_stream_catalog_count(catalog);
    size_t selected = 0;
    for (size_t i = 0; i < count && selected < 2; ++i) {
        const char *name = NULL, *cursor = NULL, *primary_key = NULL;
        int incremental = 0;
        if (!succeeded(abc_stream_catalog_name(&name, catalog, i, &error), error, "reading a stream name") ||
            !succeeded(abc_stream_catalog_supports_sync_mode(&incremental, catalog, i, "incremental_deduped_history",
                                                             &error),
                       error, "reading sync modes") ||
            !succeeded(abc_stream_catalog_default_cursor(&cursor, catalog, i, &error), error, "reading the cursor") ||
            !succeeded(abc_stream_catalog_primary_key(&primary_key, catalog, i, &error), error,
                       "reading the primary key")) {
            return 0;
        }
        /* Cursor and key come as JSON arrays, which add_stream takes as they are. */
        int dedupe = incremental && cursor[1] != ']' && primary_key[1] != ']';
        abc_status status = abc_connection_spec_add_stream(
            spec, name, dedupe ? "incremental_deduped_history" : "full_refresh_overwrite", dedupe ? cursor : NULL,
            dedupe ? primary_key : NULL, &error);
        if (!succeeded(status, error, "selecting a stream")) return 0;
        printf("stream %-12s %s\n", name, dedupe ? "incremental, deduplicated" : "full refresh");
        ++selected;
    }
    return selected > 0;
}

int main(void) {
    int ok = 0;
    abc_error *error = NULL;
    abc_workspace *workspace = NULL;
    abc_source *source = NULL;
    abc_destination *destination = NULL;
    abc_stream_catalog *catalog = NULL;
    abc_connection_spec *spec = NULL;
    abc_connection *connection = NULL;
    abc_sync_options *sync_options = NULL;
    abc_job *job = NULL;
    abc_job_list *history = NULL;
    char *destination_configuration = NULL;

    if (!succeeded(abc_workspace_new_from_environment(&workspace, NULL, &error), error, "reading the environment") ||
        !succeeded(abc_workspace_connect(workspace, &error), error, "connecting")) {
        goto done;
    }
    printf("workspace %s\n", abc_workspace_id(workspace));

    /* 1. A source: configuration is JSON text, exactly what the API takes. */
    if (!succeeded(abc_source_create(&source, workspace, "deploy example source (deleteme)", "faker", NULL,
                                     "{\"count\": 500, \"seed\": 42}", &error),
                   error, "creating the source")) {
        goto done;
    }
    printf("source %s (%s)\n", abc_source_id(source), abc_source_type(source));

    /* 2. A destination from typed settings. */
    if (!succeeded(abc_destination_config_duckdb(&destination_configuration, "/local/deploy_example.duckdb", "main",
                                                 NULL, &error),
                   error, "building the DuckDB configuration") ||
        !succeeded(abc_destination_create(&destination, workspace, "deploy example destination (deleteme)", NULL,
                                          NULL, destination_configuration, &error),
                   error, "creating the destination")) {
        goto cleanup;
    }
    printf("destination %s (%s)\n", abc_destination_id(destination), abc_destination_type(destination));

    /* 3. A connection with streams chosen from what the source offers. */
    if (!succeeded(abc_stream_catalog_get(&catalog, workspace, abc_source_id(source), abc_destination_id(destination),
                                          &error),
                   error, "reading the source's streams") ||
        !succeeded(abc_connection_spec_new(&spec, &error), error, "making a connection spec") ||
        !succeeded(abc_connection_spec_set_name(spec, "deploy example (deleteme)", &error), error, "naming") ||
        !succeeded(abc_connection_spec_set_source_id(spec, abc_source_id(source), &error), error, "the source") ||
        !succeeded(abc_connection_spec_set_destination_id(spec, abc_destination_id(destination), &error), error,
                   "the destination") ||
        !succeeded(abc_connection_spec_set_prefix(spec, "deploy_", &error), error, "the prefix") ||
        !succeeded(abc_connection_spec_set_schedule_manual(spec, &error), error, "the schedule") ||
        !select_streams(spec, catalog) ||
        !succeeded(abc_connection_create(&connection, workspace, spec, &error), error, "creating the connection")) {
        goto cleanup;
    }
    printf("connection %s\n", abc_connection_id(connection));

    /* 4. A sync, waited for. */
    if (!succeeded(abc_sync_options_new(&sync_options, &error), error, "making sync options") ||
        !succeeded(abc_sync_options_set_timeout_ms(sync_options, 10 * 60 * 1000, &error), error, "the timeout") ||
        !succeeded(abc_run_sync(&job, workspace, abc_connection_id(connection), sync_options, &error), error,
                   "the sync")) {
        goto cleanup;
    }
    printf("sync job %" PRId64 " %s: %" PRId64 " rows\n", abc_job_id(job), abc_job_state_name(abc_job_status(job)),
           abc_job_rows_synced(job));

    /* 5. The history, newest first. */
    if (!succeeded(abc_connection_list_jobs(&history, connection, 10, 0, &error), error, "listing the history")) {
        goto cleanup;
    }
    printf("history: %zu job(s)\n", abc_job_list_count(history));
    for (size_t i = 0; i < abc_job_list_count(history); ++i) {
        abc_job *entry = NULL;
        if (!succeeded(abc_job_list_get(&entry, history, i, &error), error, "reading the history")) goto cleanup;
        printf("  job %" PRId64 " %-10s %s\n", abc_job_id(entry), abc_job_state_name(abc_job_status(entry)),
               abc_job_start_time_text(entry));
        abc_job_free(entry);
    }
    ok = 1;

cleanup:
    /* 6. Cleanup: the connection, then its source and destination, all in one safe-mode call.
     * Without a connection, whatever was made is deleted on its own. */
    if (connection != NULL) {
        if (succeeded(abc_connection_delete(workspace, abc_connection_id(connection), 1, ABC_SAFE_MODE_DEFAULT,
                                            &error),
                      error, "the cascading delete")) {
            printf("deleted the connection, its source and its destination\n");
        } else {
            ok = 0;
        }
    } else {
        if (source != NULL &&
            !succeeded(abc_source_delete(workspace, abc_source_id(source), ABC_SAFE_MODE_ON, &error), error,
                       "deleting the source")) {
            ok = 0;
        }
        if (destination != NULL &&
            !succeeded(abc_destination_delete(workspace, abc_destination_id(destination), ABC_SAFE_MODE_ON, &error),
                       error, "deleting the destination")) {
            ok = 0;
        }
    }

done:
    abc_job_list_free(history);
    abc_job_free(job);
    abc_sync_options_free(sync_options);
    abc_connection_free(connection);
    abc_connection_spec_free(spec);
    abc_stream_catalog_free(catalog);
    abc_string_free(destination_configuration);
    abc_destination_free(destination);
    abc_source_free(source);
    abc_workspace_free(workspace);
    return ok ? 0 : 1;
}
