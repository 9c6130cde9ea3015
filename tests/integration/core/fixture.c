#define _POSIX_C_SOURCE 200809L
#include "fixture.h"

#include <cjson/cJSON.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fixture_start(emulator_process *emulator, const char *const *extra_args) {
    if (emulator_start(emulator, extra_args) != 0) fail_msg("could not start the emulator");
}

static char *post_json(const emulator_process *emulator, const char *path, const char *body) {
    long http = 0;
    char *response = emulator_request(emulator, "POST", path, body, &http);
    if (response == NULL || http < 200 || http >= 300) {
        fail_msg("POST %s -> %ld: %s", path, http, response ? response : "(no response)");
    }
    return response;
}

static void copy_id(const char *response, const char *field, char *out) {
    cJSON *root = cJSON_Parse(response);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, field);
    if (!cJSON_IsString(id)) fail_msg("response has no %s: %s", field, response);
    snprintf(out, 64, "%s", id->valuestring);
    cJSON_Delete(root);
}

void fixture_create_connection(const emulator_process *emulator, const char *name, char *connection_id) {
    char body[1024], source_id[64], destination_id[64];
    snprintf(body, sizeof body,
             "{\"name\":\"%s-source\",\"workspaceId\":\"%s\",\"configuration\":"
             "{\"sourceType\":\"faker\",\"count\":50,\"seed\":7}}",
             name, emulator->workspace_id);
    char *response = post_json(emulator, "/v1/sources", body);
    copy_id(response, "sourceId", source_id);
    free(response);

    snprintf(body, sizeof body,
             "{\"name\":\"%s-destination\",\"workspaceId\":\"%s\",\"configuration\":"
             "{\"destinationType\":\"duckdb\",\"destination_path\":\"/local/test.duckdb\"}}",
             name, emulator->workspace_id);
    response = post_json(emulator, "/v1/destinations", body);
    copy_id(response, "destinationId", destination_id);
    free(response);

    snprintf(body, sizeof body,
             "{\"name\":\"%s\",\"sourceId\":\"%s\",\"destinationId\":\"%s\",\"prefix\":\"test_\","
             "\"configurations\":{\"streams\":[{\"name\":\"users\",\"syncMode\":\"full_refresh_overwrite\"},"
             "{\"name\":\"products\",\"syncMode\":\"full_refresh_overwrite\"}]}}",
             name, source_id, destination_id);
    response = post_json(emulator, "/v1/connections", body);
    copy_id(response, "connectionId", connection_id);
    free(response);
}

static void post_for_id(const emulator_process *emulator, const char *path, const char *body, const char *field,
                        char *out) {
    if (emulator_post_for_id(emulator, path, body, field, out) != 0) fail_msg("POST %s failed (see above)", path);
}

void fixture_create_postgres_connection(const emulator_process *emulator, const test_postgres *pg, char *source_id,
                                        char *connection_id, char *destination_id) {
    char body[1024], source[64];
    snprintf(body, sizeof body,
             "{\"name\":\"pg-source\",\"workspaceId\":\"%s\",\"configuration\":{\"sourceType\":\"faker\",\"count\":20}}",
             emulator->workspace_id);
    post_for_id(emulator, "/v1/sources", body, "sourceId", source);
    snprintf(body, sizeof body,
             "{\"name\":\"pg\",\"workspaceId\":\"%s\",\"configuration\":{\"destinationType\":\"postgres\","
             "\"host\":\"%s\",\"port\":%d,\"database\":\"%s\",\"username\":\"%s\",\"password\":\"%s\","
             "\"schema\":\"public\"}}",
             emulator->workspace_id, pg ? pg->host : "127.0.0.1", pg ? pg->port : test_closed_port(),
             pg ? pg->database : "airbyte", pg ? pg->user : "tester", pg ? pg->password : "secret-pw-123");
    post_for_id(emulator, "/v1/destinations", body, "destinationId", destination_id);
    snprintf(body, sizeof body, "{\"sourceId\":\"%s\",\"destinationId\":\"%s\"}", source, destination_id);
    post_for_id(emulator, "/v1/connections", body, "connectionId", connection_id);
    if (source_id != NULL) snprintf(source_id, 64, "%s", source);
}

void fixture_set_behaviour(const emulator_process *emulator, const char *connection_id,
                           const char *outcome, int duration_ms) {
    char path[256], body[256];
    snprintf(path, sizeof path, "/_emulator/connections/%s/behaviour", connection_id);
    snprintf(body, sizeof body, "{\"outcome\":\"%s\",\"durationMs\":%d}", outcome, duration_ms);
    long http = 0;
    char *response = emulator_request(emulator, "POST", path, body, &http);
    if (http < 200 || http >= 300) fail_msg("behaviour -> %ld: %s", http, response ? response : "");
    free(response);
}

void fixture_add_fault(const emulator_process *emulator, const char *method, const char *path,
                       const char *kind, int status, int retry_after, int delay_ms, int count) {
    char body[512];
    int n = snprintf(body, sizeof body, "{\"method\":\"%s\",\"path\":\"%s\",\"kind\":\"%s\",\"count\":%d",
                     method, path, kind, count);
    if (status > 0) n += snprintf(body + n, sizeof body - (size_t)n, ",\"status\":%d", status);
    if (retry_after >= 0) n += snprintf(body + n, sizeof body - (size_t)n, ",\"retryAfter\":%d", retry_after);
    if (delay_ms > 0) n += snprintf(body + n, sizeof body - (size_t)n, ",\"delayMs\":%d", delay_ms);
    snprintf(body + n, sizeof body - (size_t)n, "}");
    long http = 0;
    char *response = emulator_request(emulator, "POST", "/_emulator/faults", body, &http);
    if (http < 200 || http >= 300) fail_msg("fault -> %ld: %s", http, response ? response : "");
    free(response);
}

long fixture_stat(const emulator_process *emulator, const char *name) {
    long http = 0;
    char *response = emulator_request(emulator, "GET", "/_emulator/stats", NULL, &http);
    if (response == NULL || http != 200) fail_msg("stats -> %ld", http);
    cJSON *root = cJSON_Parse(response);
    free(response);
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(root, name);
    if (value == NULL) value = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "routes"), name);
    long result = cJSON_IsNumber(value) ? (long)value->valuedouble : 0;
    cJSON_Delete(root);
    return result;
}

abc_options *fixture_options(const emulator_process *emulator) {
    abc_options *options = NULL;
    assert_int_equal(abc_options_new(&options, NULL), ABC_OK);
    assert_int_equal(abc_options_set_api_url(options, emulator->api_url, NULL), ABC_OK);
    assert_int_equal(abc_options_set_bearer_token(options, emulator->api_key, NULL), ABC_OK);
    assert_int_equal(abc_options_set_poll_interval(options, 20, 100, NULL), ABC_OK);
    assert_int_equal(abc_options_set_retry_policy(options, 4, 20, 200, 2.0, 20000, NULL), ABC_OK);
    return options;
}

abc_workspace *fixture_workspace_with(const emulator_process *emulator, abc_options *options) {
    abc_workspace *workspace = NULL;
    abc_error *error = NULL;
    if (abc_workspace_new(&workspace, emulator->workspace_id, options, &error) != ABC_OK) {
        fail_msg("abc_workspace_new: %s", abc_error_message(error));
    }
    abc_options_free(options);
    return workspace;
}

abc_workspace *fixture_workspace(const emulator_process *emulator) {
    return fixture_workspace_with(emulator, fixture_options(emulator));
}
