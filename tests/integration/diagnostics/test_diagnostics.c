/* Integration tests of the Config API calls (airbyte_cloud/diagnostics.h) against
 * airbyte-cloud-emulator: failure reasons in sync errors, attempts, logs, state, catalog, checks,
 * and how the Config API root is found. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abc_expect.h"
#include "fixture.h"


static int start_emulator(void **state) {
    (void)state;
    const char *args[] = {"--job-duration-ms", "300", NULL};
    return emulator_start(&emulator, args);
}

static int stop_emulator(void **state) {
    (void)state;
    return emulator_stop(&emulator);
}

static void set_behaviour_json(const char *connection_id, const char *body) {
    char path[256];
    snprintf(path, sizeof path, "/_emulator/connections/%s/behaviour", connection_id);
    long http = 0;
    free(emulator_request(&emulator, "POST", path, body, &http));
    assert_int_equal(http, 204);
}

static void test_failed_sync_error_names_the_postgres_reason(void **state) {
    (void)state;
    char connection_id[64], destination_id[64];
    fixture_create_postgres_connection(&emulator, NULL, NULL, connection_id, destination_id);
    abc_workspace *workspace = fixture_workspace(&emulator);
    abc_job *job = NULL;
    abc_error *error = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, &error),
                     ABC_ERROR_SYNC_FAILED);
    const char *message = abc_error_message(error);
    assert_non_null(strstr(message, "ended failed"));
    assert_non_null(strstr(message, "destination failure: cannot connect to postgres"));
    assert_non_null(strstr(message, "Connection refused"));
    assert_null(strstr(message, "secret-pw-123"));
    assert_string_equal(abc_error_failure_origin(error), "destination");
    assert_string_equal(abc_error_failure_type(error), "system_error");
    assert_non_null(strstr(abc_error_failure_message(error), "Connection refused"));
    abc_error_free(error);

    /* The same through abc_job_wait on the finished job's handle. */
    ABC_EXPECT(abc_job_wait(job, NULL, error), ABC_ERROR_SYNC_FAILED, "Connection refused", NULL);

    /* Its attempts: one, failed, with the failure in full. */
    abc_attempt_list *attempts = NULL;
    assert_int_equal(abc_job_attempts_get(&attempts, workspace, abc_job_id(job), &error), ABC_OK);
    assert_int_equal(abc_attempt_list_count(attempts), 1);
    assert_int_equal(abc_attempt_number(attempts, 0), 0);
    assert_string_equal(abc_attempt_status(attempts, 0), "failed");
    assert_true(abc_attempt_created_at(attempts, 0) > 1600000000);
    assert_true(abc_attempt_ended_at(attempts, 0) >= abc_attempt_created_at(attempts, 0));
    assert_int_equal(abc_attempt_failure_count(attempts, 0), 1);
    assert_string_equal(abc_attempt_failure_origin(attempts, 0, 0), "destination");
    assert_non_null(
        strstr(abc_attempt_failure_external_message(attempts, 0, 0), "Connection refused"));
    assert_non_null(
        strstr(abc_attempt_failure_internal_message(attempts, 0, 0), "Connection refused"));
    assert_int_equal(abc_attempt_failure_retryable(attempts, 0, 0), 1);
    assert_true(abc_attempt_failure_timestamp_ms(attempts, 0, 0) > 1600000000000LL);
    /* Out of range: the empty values, no crash. */
    assert_int_equal(abc_attempt_number(attempts, 1), -1);
    assert_string_equal(abc_attempt_failure_origin(attempts, 0, 1), "");
    assert_int_equal(abc_attempt_failure_retryable(attempts, 0, 9), -1);
    assert_int_equal(abc_attempt_list_count(NULL), 0);
    abc_attempt_list_free(attempts);
    abc_job_free(job);
    abc_workspace_free(workspace);
}

static void test_failure_reason_is_best_effort(void **state) {
    (void)state;
    char connection_id[64], destination_id[64];
    fixture_create_postgres_connection(&emulator, NULL, NULL, connection_id, destination_id);
    abc_options *options = fixture_options(&emulator);
    char dead[64];
    snprintf(dead, sizeof dead, "http://127.0.0.1:%d/api/v1", test_closed_port());
    assert_int_equal(abc_options_set_config_api_url(options, dead, NULL), ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    assert_string_equal(abc_workspace_config_api_url(workspace), dead);
    abc_job *job = NULL;
    abc_error *error = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, &error),
                     ABC_ERROR_SYNC_FAILED);
    /* Exactly the error without the Config API. */
    char expected[256];
    snprintf(expected, sizeof expected, "job %lld on connection %s ended failed",
             (long long)abc_job_id(job), connection_id);
    assert_string_equal(abc_error_message(error), expected);
    assert_string_equal(abc_error_failure_origin(error), "");
    assert_string_equal(abc_error_failure_message(error), "");
    abc_error_free(error);
    abc_job_free(job);
    abc_workspace_free(workspace);

    /* A Config API that does not answer: the lookup gives up (its own 10 s bound, not the
     * workspace's retry deadline) and the error is again the plain one. */
    fixture_add_fault(&emulator, "POST", "/api/v1/jobs/get_without_logs", "delay", 0, -1, 30000, 1);
    options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_request_timeout_ms(options, 120000, NULL), ABC_OK);
    assert_int_equal(abc_options_set_retry_policy(options, 4, 20, 200, 2.0, 120000, NULL), ABC_OK);
    workspace = fixture_workspace_with(&emulator, options);
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, &error),
                     ABC_ERROR_SYNC_FAILED);
    assert_string_equal(abc_error_failure_origin(error), "");
    assert_null(strstr(abc_error_message(error), "failure:"));
    abc_error_free(error);
    abc_job_free(job);
    abc_workspace_free(workspace);
}

static void test_behaviour_reason_and_cancellation(void **state) {
    (void)state;
    char connection_id[64];
    fixture_create_connection(&emulator, "reasons", connection_id);
    set_behaviour_json(connection_id,
                       "{\"outcome\":\"failed\",\"failureOrigin\":\"source\","
                       "\"failureMessage\":\"The source API rejected the token\"}");
    abc_workspace *workspace = fixture_workspace(&emulator);
    abc_job *job = NULL;
    abc_error *error = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, &error),
                     ABC_ERROR_SYNC_FAILED);
    assert_non_null(
        strstr(abc_error_message(error), "source failure: The source API rejected the token"));
    assert_string_equal(abc_error_failure_origin(error), "source");
    abc_error_free(error);
    abc_job_free(job);

    /* A cancelled job is not "failed": no Config API call is made for it. */
    emulator_set_behaviour(&emulator, connection_id, "cancelled", 200);
    long before = fixture_stat(&emulator, "POST /jobs/get_without_logs");
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, &error),
                     ABC_ERROR_SYNC_FAILED);
    assert_string_equal(abc_error_failure_origin(error), "");
    assert_int_equal(fixture_stat(&emulator, "POST /jobs/get_without_logs"), before);
    abc_error_free(error);
    abc_attempt_list *attempts = NULL;
    assert_int_equal(abc_job_attempts_get(&attempts, workspace, abc_job_id(job), NULL), ABC_OK);
    assert_string_equal(abc_attempt_failure_type(attempts, 0, 0), "manual_cancellation");
    abc_attempt_list_free(attempts);
    abc_job_free(job);
    abc_workspace_free(workspace);
}

typedef struct collected {
    int lines;
    int stop_after;
    int saw_error_line;
    int saw_end_line;
} collected;

static int collect_line(const char *line, size_t length, void *user_data) {
    collected *seen = user_data;
    assert_int_equal(strlen(line), length);
    ++seen->lines;
    if (strstr(line, "ERROR cannot connect to postgres") != NULL)
        seen->saw_error_line = 1;
    if (strstr(line, "Sync succeeded") != NULL)
        seen->saw_end_line = 1;
    return seen->stop_after > 0 && seen->lines >= seen->stop_after;
}

static void test_logs(void **state) {
    (void)state;
    char connection_id[64], destination_id[64];
    fixture_create_postgres_connection(&emulator, NULL, NULL, connection_id, destination_id);
    abc_workspace *workspace = fixture_workspace(&emulator);
    abc_job *job = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, NULL),
                     ABC_ERROR_SYNC_FAILED);
    collected seen = {0};
    int64_t lines = 0;
    abc_error *error = NULL;
    assert_int_equal(abc_job_logs_read(&lines, workspace, abc_job_id(job), -1, 0, NULL,
                                       collect_line, &seen, &error),
                     ABC_OK);
    assert_true(lines >= 4);
    assert_int_equal(lines, seen.lines);
    assert_true(seen.saw_error_line);

    /* The callback stops the read; the read still succeeds. */
    collected first_two = {.stop_after = 2};
    assert_int_equal(abc_job_logs_read(&lines, workspace, abc_job_id(job), 0, 0, NULL, collect_line,
                                       &first_two, NULL),
                     ABC_OK);
    assert_int_equal(lines, 2);

    /* No such attempt, no such job, bad arguments. */
    ABC_EXPECT(
        abc_job_logs_read(NULL, workspace, abc_job_id(job), 5, 0, NULL, collect_line, &seen, error),
        ABC_ERROR_NOT_FOUND, "attempt 5", NULL);
    assert_int_equal(
        abc_job_logs_read(NULL, workspace, 987654, -1, 0, NULL, collect_line, &seen, NULL),
        ABC_ERROR_NOT_FOUND);
    ABC_EXPECT(abc_job_logs_read(NULL, workspace, abc_job_id(job), -1, 0, NULL, NULL, NULL, error),
               ABC_ERROR_INVALID_ARGUMENT, "callback", NULL);
    assert_int_equal(
        abc_job_logs_read(NULL, workspace, abc_job_id(job), -1, 2, NULL, collect_line, &seen, NULL),
        ABC_ERROR_INVALID_ARGUMENT);
    abc_job_free(job);
    abc_workspace_free(workspace);
}

static void test_logs_follow_a_running_job(void **state) {
    (void)state;
    char connection_id[64];
    fixture_create_connection(&emulator, "follow", connection_id);
    set_behaviour_json(connection_id,
                       "{\"outcome\":\"succeeded\",\"durationMs\":1500,\"logLines\":50}");
    abc_workspace *workspace = fixture_workspace(&emulator);
    abc_job *job = fixture_start_sync(workspace, connection_id);
    collected seen = {0};
    int64_t lines = 0;
    assert_int_equal(abc_job_logs_read(&lines, workspace, abc_job_id(job), -1, 1, NULL,
                                       collect_line, &seen, NULL),
                     ABC_OK);
    /* Every line exactly once: 3 head lines, 50 filler lines, the end line. */
    assert_true(seen.saw_end_line);
    assert_int_equal(lines, 54);
    assert_int_equal(abc_job_refresh(job, NULL), ABC_OK);
    assert_int_equal(abc_job_status(job), ABC_JOB_STATE_SUCCEEDED);
    abc_job_free(job);
    abc_workspace_free(workspace);
}

static void test_state_round_trip(void **state) {
    (void)state;
    char connection_id[64];
    fixture_create_connection(&emulator, "state", connection_id);
    abc_workspace *workspace = fixture_workspace(&emulator);
    abc_connection_state *saved = NULL;
    assert_int_equal(abc_connection_state_get(&saved, workspace, connection_id, NULL), ABC_OK);
    assert_string_equal(abc_connection_state_type(saved), "not_set");
    abc_connection_state_free(saved);

    abc_job *job = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, NULL), ABC_OK);
    abc_job_free(job);
    assert_int_equal(abc_connection_state_get(&saved, workspace, connection_id, NULL), ABC_OK);
    assert_string_equal(abc_connection_state_type(saved), "stream");
    assert_int_equal(abc_connection_state_stream_count(saved), 2);
    assert_string_equal(abc_connection_state_stream_name(saved, 0), "users");
    assert_non_null(strstr(abc_connection_state_stream_state(saved, 1), "\"cursor\""));
    assert_string_equal(abc_connection_state_stream_name(saved, 2), "");
    char *saved_json = strdup(abc_connection_state_json(saved));

    /* Another state, then the saved one back: byte for byte what was saved. */
    abc_connection_state *stored = NULL;
    char other[256];
    snprintf(other, sizeof other,
             "{\"stateType\":\"global\",\"connectionId\":\"%s\",\"globalState\":{\"shared_state\":{"
             "\"lsn\":42},"
             "\"streamStates\":[{\"streamDescriptor\":{\"name\":\"users\"},\"streamState\":{\"id\":"
             "7}}]}}",
             connection_id);
    assert_int_equal(abc_connection_state_set(&stored, workspace, connection_id, other, NULL),
                     ABC_OK);
    assert_string_equal(abc_connection_state_type(stored), "global");
    assert_string_equal(abc_connection_state_shared_state(stored), "{\"lsn\":42}");
    assert_int_equal(abc_connection_state_stream_count(stored), 1);
    abc_connection_state_free(stored);
    assert_int_equal(abc_connection_state_set(NULL, workspace, connection_id, saved_json, NULL),
                     ABC_OK);
    abc_connection_state *restored = NULL;
    assert_int_equal(abc_connection_state_get(&restored, workspace, connection_id, NULL), ABC_OK);
    assert_string_equal(abc_connection_state_json(restored), saved_json);
    abc_connection_state_free(restored);
    abc_connection_state_free(saved);
    free(saved_json);

    /* Bad input names what is wrong. */
    ABC_EXPECT(abc_connection_state_set(NULL, workspace, connection_id, "{not json", error),
               ABC_ERROR_INVALID_ARGUMENT, "abc_connection_state_set", NULL);
    ABC_EXPECT(abc_connection_state_set(NULL, workspace, connection_id, "[1]", error),
               ABC_ERROR_INVALID_ARGUMENT, "stateType", NULL);
    ABC_EXPECT(
        abc_connection_state_get(&saved, workspace, "8f8e1f9a-0000-4000-8000-000000000000", error),
        ABC_ERROR_NOT_FOUND, NULL);
    abc_workspace_free(workspace);
}

static void test_catalog_and_checks(void **state) {
    (void)state;
    char connection_id[64], destination_id[64];
    fixture_create_postgres_connection(&emulator, NULL, NULL, connection_id, destination_id);
    abc_workspace *workspace = fixture_workspace(&emulator);
    abc_configured_catalog *catalog = NULL;
    assert_int_equal(abc_configured_catalog_get(&catalog, workspace, connection_id, NULL), ABC_OK);
    assert_int_equal(abc_configured_catalog_count(catalog), 3);
    assert_string_equal(abc_configured_catalog_name(catalog, 0), "users");
    assert_int_equal(abc_configured_catalog_selected(catalog, 0), 1);
    assert_string_equal(abc_configured_catalog_sync_mode(catalog, 0), "full_refresh");
    assert_string_equal(abc_configured_catalog_destination_sync_mode(catalog, 0), "overwrite");
    assert_int_equal(abc_configured_catalog_primary_key_count(catalog, 0), 1);
    assert_string_equal(abc_configured_catalog_primary_key(catalog, 0, 0), "id");
    assert_int_equal(abc_configured_catalog_selected_field_count(catalog, 0), 0);
    assert_non_null(strstr(abc_configured_catalog_json(catalog), "\"streams\""));
    assert_string_equal(abc_configured_catalog_name(catalog, 3), "");
    abc_configured_catalog_free(catalog);

    int succeeded = -1;
    char *message = NULL;
    abc_error *error = NULL;
    assert_int_equal(abc_destination_check(&succeeded, &message, workspace, destination_id, &error),
                     ABC_OK);
    assert_int_equal(succeeded, 0);
    assert_non_null(strstr(message, "Connection refused"));
    assert_null(strstr(message, "secret-pw-123"));
    abc_string_free(message);
    ABC_EXPECT(abc_source_check(&succeeded, NULL, workspace, "8f8e1f9a-0000-4000-8000-000000000000",
                                error),
               ABC_ERROR_NOT_FOUND, NULL);
    ABC_EXPECT(abc_source_check(NULL, NULL, workspace, destination_id, error),
               ABC_ERROR_INVALID_ARGUMENT, "succeeded", NULL);

    /* With a running PostgreSQL (scripts/postgres.sh), the check really connects and passes. */
    test_postgres pg;
    if (test_postgres_from_env(&pg) == 0) {
        char live_connection[64], live_destination[64];
        fixture_create_postgres_connection(&emulator, &pg, NULL, live_connection, live_destination);
        assert_int_equal(
            abc_destination_check(&succeeded, &message, workspace, live_destination, NULL), ABC_OK);
        assert_int_equal(succeeded, 1);
        assert_string_equal(message, "");
        abc_string_free(message);
    }
    abc_workspace_free(workspace);
}

/* A server that sends `stream` in the catalog, as the real one does (--quirks catalog-stream). */
static void test_catalog_with_stream_objects(void **state) {
    (void)state;
    emulator_process quirky;
    const char *args[] = {"--quirks", "catalog-stream", NULL};
    fixture_start(&quirky, args);
    char connection_id[64];
    fixture_create_connection(&quirky, "quirky", connection_id);
    abc_workspace *workspace = fixture_workspace(&quirky);
    abc_configured_catalog *catalog = NULL;
    assert_int_equal(abc_configured_catalog_get(&catalog, workspace, connection_id, NULL), ABC_OK);
    assert_int_equal(abc_configured_catalog_count(catalog), 2);
    assert_string_equal(abc_configured_catalog_name(catalog, 1), "products");
    assert_non_null(strstr(abc_configured_catalog_json(catalog), "\"jsonSchema\""));
    abc_configured_catalog_free(catalog);
    abc_workspace_free(workspace);
    assert_int_equal(emulator_stop(&quirky), 0);
}

static void expect_config_url(const char *api_url, const char *expected) {
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_api_url(options, api_url, NULL), ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    assert_string_equal(abc_workspace_config_api_url(workspace), expected);
    abc_workspace_free(workspace);
}

static void test_config_api_root(void **state) {
    (void)state;
    char expected[256], self_managed[256];
    expect_config_url("https://api.airbyte.com/v1", "https://cloud.airbyte.com/api/v1");
    expect_config_url("https://airbyte.example.com/api/public/v1/",
                      "https://airbyte.example.com/api/v1");
    snprintf(expected, sizeof expected, "%s/api/v1", emulator.url);
    expect_config_url(emulator.api_url, expected);
    snprintf(self_managed, sizeof self_managed, "%s/api/public/v1", emulator.url);
    expect_config_url(self_managed, expected);
    expect_config_url("https://proxy.example.com/airbyte", "");

    /* Through the self-managed root, the derived Config API answers. */
    char connection_id[64];
    fixture_create_connection(&emulator, "roots", connection_id);
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_api_url(options, self_managed, NULL), ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    abc_connection_state *connection_state = NULL;
    assert_int_equal(abc_connection_state_get(&connection_state, workspace, connection_id, NULL),
                     ABC_OK);
    abc_connection_state_free(connection_state);
    abc_workspace_free(workspace);

    /* An API root of no known shape: the calls say which option to set; setting it works. */
    options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_api_url(options, "https://proxy.example.com/airbyte", NULL),
                     ABC_OK);
    workspace = fixture_workspace_with(&emulator, options);
    abc_attempt_list *attempts = NULL;
    abc_error *error = NULL;
    assert_int_equal(abc_job_attempts_get(&attempts, workspace, 1, &error), ABC_ERROR_UNSUPPORTED);
    assert_non_null(strstr(abc_error_message(error), "abc_options_set_config_api_url"));
    assert_non_null(strstr(abc_error_message(error), "AIRBYTE_CLOUD_CONFIG_API_URL"));
    assert_null(attempts);
    abc_error_free(error);
    abc_workspace_free(workspace);
    options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_api_url(options, "https://proxy.example.com/airbyte", NULL),
                     ABC_OK);
    ABC_EXPECT(abc_options_set_config_api_url(options, "ftp://x", error),
               ABC_ERROR_INVALID_ARGUMENT, "config_api_url", NULL);
    assert_int_equal(abc_options_set_config_api_url(options, expected, NULL), ABC_OK);
    workspace = fixture_workspace_with(&emulator, options);
    assert_string_equal(abc_workspace_config_api_url(workspace), expected);
    abc_workspace_free(workspace);
    assert_string_equal(abc_workspace_config_api_url(NULL), "");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_failed_sync_error_names_the_postgres_reason),
        cmocka_unit_test(test_failure_reason_is_best_effort),
        cmocka_unit_test(test_behaviour_reason_and_cancellation),
        cmocka_unit_test(test_logs),
        cmocka_unit_test(test_logs_follow_a_running_job),
        cmocka_unit_test(test_state_round_trip),
        cmocka_unit_test(test_catalog_and_checks),
        cmocka_unit_test(test_catalog_with_stream_objects),
        cmocka_unit_test(test_config_api_root),
    };
    return cmocka_run_group_tests(tests, start_emulator, stop_emulator);
}
