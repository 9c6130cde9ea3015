#define _POSIX_C_SOURCE 200809L
#include "fixture.h"

#include <cjson/cJSON.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h> /* after setjmp.h, stdarg.h, stddef.h */

#include "abc_expect.h"

void fixture_start(emulator_process *emulator, const char *const *extra_args) {
    if (emulator_start(emulator, extra_args) != 0)
        fail_msg("could not start the emulator");
}

void fixture_create_connection(const emulator_process *emulator, const char *name,
                               char *connection_id) {
    emulator_connection created;
    emulator_create_connection(emulator, name, 50, "/local/test.duckdb", "test_", &created);
    snprintf(connection_id, 64, "%s", created.connection_id);
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

void fixture_add_fault(const emulator_process *emulator, const char *method, const char *path,
                       const char *kind, int status, int retry_after, int delay_ms, int count) {
    char body[512];
    int n = snprintf(body, sizeof body,
                     "{\"method\":\"%s\",\"path\":\"%s\",\"kind\":\"%s\",\"count\":%d", method,
                     path, kind, count);
    if (status > 0)
        n += snprintf(body + n, sizeof body - (size_t)n, ",\"status\":%d", status);
    if (retry_after >= 0)
        n += snprintf(body + n, sizeof body - (size_t)n, ",\"retryAfter\":%d", retry_after);
    if (delay_ms > 0)
        n += snprintf(body + n, sizeof body - (size_t)n, ",\"delayMs\":%d", delay_ms);
    snprintf(body + n, sizeof body - (size_t)n, "}");
    free(emulator_post_ok(emulator, "/_emulator/faults", body));
}

long fixture_stat(const emulator_process *emulator, const char *name) {
    long http = 0;
    char *response = emulator_request(emulator, "GET", "/_emulator/stats", NULL, &http);
    if (response == NULL || http != 200)
        fail_msg("stats -> %ld", http);
    cJSON *root = cJSON_Parse(response);
    free(response);
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(root, name);
    if (value == NULL)
        value = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "routes"),
                                                 name);
    long result = cJSON_IsNumber(value) ? (long)value->valuedouble : 0;
    cJSON_Delete(root);
    return result;
}

abc_source *fixture_source(abc_workspace *workspace, const char *name, const char *configuration) {
    abc_source *source = NULL;
    ABC_EXPECT_OK(abc_source_create(&source, workspace, name, "faker", NULL, configuration, error));
    return source;
}

abc_destination *fixture_duckdb(abc_workspace *workspace, const char *name, const char *path,
                                const char *schema) {
    char *configuration = NULL;
    ABC_EXPECT_OK(abc_destination_config_duckdb(&configuration, path, schema, NULL, error));
    abc_destination *destination = NULL;
    ABC_EXPECT_OK(
        abc_destination_create(&destination, workspace, name, NULL, NULL, configuration, error));
    abc_string_free(configuration);
    return destination;
}

abc_connection_spec *fixture_connection_spec(const char *name, const abc_source *source,
                                             const abc_destination *destination) {
    abc_connection_spec *spec = NULL;
    ABC_EXPECT_OK(abc_connection_spec_new(&spec, error));
    ABC_EXPECT_OK(abc_connection_spec_set_name(spec, name, error));
    ABC_EXPECT_OK(abc_connection_spec_set_source_id(spec, abc_source_id(source), error));
    ABC_EXPECT_OK(
        abc_connection_spec_set_destination_id(spec, abc_destination_id(destination), error));
    return spec;
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

abc_workspace *fixture_scenario(const emulator_process *emulator, const char *name,
                                const char *outcome, int duration_ms, char *connection_id) {
    fixture_create_connection(emulator, name, connection_id);
    if (outcome != NULL)
        emulator_set_behaviour(emulator, connection_id, outcome, duration_ms);
    return fixture_workspace(emulator);
}

abc_sync_options *fixture_sync_options(void) {
    abc_sync_options *options = NULL;
    assert_int_equal(abc_sync_options_new(&options, NULL), ABC_OK);
    return options;
}

abc_sync_options *fixture_no_wait_options(void) {
    abc_sync_options *options = fixture_sync_options();
    assert_int_equal(abc_sync_options_set_wait(options, 0, NULL), ABC_OK);
    return options;
}

abc_job *fixture_start_sync(abc_workspace *workspace, const char *connection_id) {
    abc_sync_options *no_wait = fixture_no_wait_options();
    abc_job *job = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, no_wait, NULL), ABC_OK);
    abc_sync_options_free(no_wait);
    return job;
}

abc_workspace *fixture_workspace(const emulator_process *emulator) {
    return fixture_workspace_with(emulator, fixture_options(emulator));
}
