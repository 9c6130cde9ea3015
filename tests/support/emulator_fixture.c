#define _POSIX_C_SOURCE 200809L
#include "emulator_fixture.h"

#include <cjson/cJSON.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h> /* after setjmp.h, stdarg.h, stddef.h, stdint.h */

char *emulator_post_ok(const emulator_process *emulator, const char *path, const char *body) {
    long http = 0;
    char *response = emulator_request(emulator, "POST", path, body, &http);
    if (response == NULL || http < 200 || http >= 300) {
        fail_msg("POST %s -> %ld: %s", path, http, response ? response : "(no response)");
    }
    return response;
}

void emulator_copy_id(const char *response, const char *field, char out[64]) {
    cJSON *root = cJSON_Parse(response);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, field);
    if (!cJSON_IsString(id))
        fail_msg("response has no %s: %s", field, response);
    snprintf(out, 64, "%s", id->valuestring);
    cJSON_Delete(root);
}

/* POSTs and keeps the new resource's id. */
static void create(const emulator_process *emulator, const char *path, const char *body,
                   const char *field, char out[64]) {
    char *response = emulator_post_ok(emulator, path, body);
    emulator_copy_id(response, field, out);
    free(response);
}

void emulator_create_connection(const emulator_process *emulator, const char *name, int count,
                                const char *duckdb_path, const char *prefix,
                                emulator_connection *out) {
    char body[1024];
    snprintf(body, sizeof body,
             "{\"name\":\"%s-source\",\"workspaceId\":\"%s\",\"configuration\":"
             "{\"sourceType\":\"faker\",\"count\":%d,\"seed\":7}}",
             name, emulator->workspace_id, count);
    create(emulator, "/v1/sources", body, "sourceId", out->source_id);
    snprintf(body, sizeof body,
             "{\"name\":\"%s-destination\",\"workspaceId\":\"%s\",\"configuration\":"
             "{\"destinationType\":\"duckdb\",\"destination_path\":\"%s\"}}",
             name, emulator->workspace_id, duckdb_path);
    create(emulator, "/v1/destinations", body, "destinationId", out->destination_id);
    snprintf(body, sizeof body,
             "{\"name\":\"%s\",\"sourceId\":\"%s\",\"destinationId\":\"%s\",\"prefix\":\"%s\","
             "\"configurations\":{\"streams\":[{\"name\":\"users\",\"syncMode\":\"full_refresh_"
             "overwrite\"},"
             "{\"name\":\"products\",\"syncMode\":\"full_refresh_overwrite\"}]}}",
             name, out->source_id, out->destination_id, prefix);
    create(emulator, "/v1/connections", body, "connectionId", out->connection_id);
}

void emulator_export_settings(const emulator_process *emulator) {
    setenv("AIRBYTE_CLOUD_API_URL", emulator->api_url, 1);
    setenv("AIRBYTE_CLOUD_WORKSPACE_ID", emulator->workspace_id, 1);
    setenv("AIRBYTE_CLOUD_API_KEY", emulator->api_key, 1);
    unsetenv("AIRBYTE_CLOUD_BEARER_TOKEN");
    unsetenv("AIRBYTE_CLOUD_CLIENT_ID");
    unsetenv("AIRBYTE_CLOUD_CLIENT_SECRET");
}

void emulator_set_behaviour(const emulator_process *emulator, const char *connection_id,
                            const char *outcome, int duration_ms) {
    char path[256], body[256];
    snprintf(path, sizeof path, "/_emulator/connections/%s/behaviour", connection_id);
    snprintf(body, sizeof body, "{\"outcome\":\"%s\",\"durationMs\":%d}", outcome, duration_ms);
    free(emulator_post_ok(emulator, path, body));
}
