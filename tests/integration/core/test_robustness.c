/* Integration tests of the failure paths: every emulator fault kind, never two jobs for one
 * start, escaped ids, secrets kept out of logs and messages, size limits, token expiry mid-wait. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fixture.h"

static int clear_faults(void **state) {
    (void)state;
    long http = 0;
    free(emulator_request(&emulator, "DELETE", "/_emulator/faults", NULL, &http));
    return 0;
}

static void test_retryable_statuses_are_retried(void **state) {
    (void)state;
    char connection_id[64];
    abc_workspace *workspace = fixture_scenario(&emulator, "retries", NULL, 0, connection_id);
    const int statuses[] = {429, 502, 503, 504};
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        fixture_add_fault(&emulator, "GET", "/v1/workspaces/*", "status", statuses[i], -1, 0, 2);
        abc_error *error = NULL;
        long before = fixture_stat(&emulator, "requests");
        if (abc_workspace_connect(workspace, &error) != ABC_OK) {
            fail_msg("status %d not retried: %s", statuses[i], abc_error_message(error));
        }
        /* Two faults answered, then the real answer: three requests for one call. */
        assert_int_equal(fixture_stat(&emulator, "requests") - before, 3);
    }
    /* 500 is retried for reads. */
    fixture_add_fault(&emulator, "GET", "/v1/workspaces/*", "status", 500, -1, 0, 1);
    assert_int_equal(abc_workspace_connect(workspace, NULL), ABC_OK);
    abc_workspace_free(workspace);
}

static void test_retries_run_out(void **state) {
    (void)state;
    abc_workspace *workspace = fixture_workspace(&emulator); /* 4 attempts */
    fixture_add_fault(&emulator, "GET", "/v1/workspaces/*", "status", 503, -1, 0, 10);
    abc_error *error = NULL;
    assert_int_equal(abc_workspace_connect(workspace, &error), ABC_ERROR_SERVER);
    assert_int_equal(abc_error_http_status(error), 503);
    abc_error_free(error);
    clear_faults(NULL); /* the attempts left six of the ten 503s queued */
    fixture_add_fault(&emulator, "GET", "/v1/workspaces/*", "status", 429, 0, 0, 10);
    assert_int_equal(abc_workspace_connect(workspace, &error), ABC_ERROR_RATE_LIMITED);
    abc_error_free(error);
    abc_workspace_free(workspace);
}

static void test_retry_after_is_honoured(void **state) {
    (void)state;
    abc_workspace *workspace = fixture_workspace(&emulator); /* backoff 20 ms..200 ms */
    fixture_add_fault(&emulator, "GET", "/v1/workspaces/*", "status", 429, 1, 0, 1);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    assert_int_equal(abc_workspace_connect(workspace, NULL), ABC_OK);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double elapsed = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    assert_true(elapsed >= 0.9); /* waited the server's 1 s, not the 20 ms backoff */
    abc_workspace_free(workspace);
}

static void test_starting_a_sync_never_makes_two_jobs(void **state) {
    (void)state;
    char connection_id[64];
    abc_workspace *workspace = fixture_scenario(&emulator, "one-job", NULL, 0, connection_id);
    abc_job *job = NULL;
    abc_error *error = NULL;
    const char *kinds[] = {"drop", "truncate"};
    for (size_t i = 0; i < 2; i++) {
        long before = fixture_stat(&emulator, "requests");
        long jobs_before = fixture_stat(&emulator, "jobsCreated");
        fixture_add_fault(&emulator, "POST", "/v1/jobs", kinds[i], 0, -1, 0, 1);
        assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, &error), ABC_ERROR_TRANSPORT);
        assert_null(job);
        abc_error_free(error);
        /* The request reached the server: it must not have been sent again, so at most the one
         * job the server may have started before the connection broke exists. */
        assert_int_equal(fixture_stat(&emulator, "requests") - before, 1);
        assert_true(fixture_stat(&emulator, "jobsCreated") - jobs_before <= 1);
    }
    /* A 503 on POST /jobs is not retried either (the server may have acted). */
    long before = fixture_stat(&emulator, "requests");
    fixture_add_fault(&emulator, "POST", "/v1/jobs", "status", 503, -1, 0, 1);
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, &error), ABC_ERROR_SERVER);
    abc_error_free(error);
    assert_int_equal(fixture_stat(&emulator, "requests") - before, 1);
    /* A job the server did start despite the broken response is found by attaching to it. */
    abc_sync_options *attach = NULL;
    assert_int_equal(abc_sync_options_new(&attach, NULL), ABC_OK);
    assert_int_equal(abc_sync_options_set_attach_if_running(attach, 1, NULL), ABC_OK);
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, attach, NULL), ABC_OK);
    assert_int_equal(abc_job_status(job), ABC_JOB_STATE_SUCCEEDED);
    abc_job_free(job);
    abc_sync_options_free(attach);
    abc_workspace_free(workspace);
}

static void count_retries(abc_log_level level, const char *message, void *user_data) {
    (void)level;
    if (strstr(message, "retrying") != NULL) (*(int *)user_data)++;
}

static void test_start_is_retried_when_it_never_reached_the_server(void **state) {
    (void)state;
    /* Port 9 refuses connections: the request was provably never sent, so even POST /jobs is
     * retried, every attempt is made, and the error says the server was not reachable. */
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_api_url(options, "http://127.0.0.1:9/v1", NULL), ABC_OK);
    int retries = 0;
    assert_int_equal(abc_options_set_log_callback(options, count_retries, &retries, ABC_LOG_WARNING, NULL), ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options); /* 4 attempts */
    abc_job *job = NULL;
    abc_error *error = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, "5b3c3b43-0000-4000-8000-000000000000", NULL, &error),
                     ABC_ERROR_TRANSPORT);
    assert_null(job);
    assert_int_equal(retries, 3);
    abc_error_free(error);
    abc_workspace_free(workspace);
}

static void test_broken_responses_are_protocol_or_transport_errors(void **state) {
    (void)state;
    char connection_id[64];
    fixture_create_connection(&emulator, "broken", connection_id);
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_retry_policy(options, 1, 10, 10, 1.0, 5000, NULL), ABC_OK);
    assert_int_equal(abc_options_set_request_timeout_ms(options, 300, NULL), ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    abc_sync_options *no_wait = NULL;
    assert_int_equal(abc_sync_options_new(&no_wait, NULL), ABC_OK);
    assert_int_equal(abc_sync_options_set_wait(no_wait, 0, NULL), ABC_OK);
    abc_job *job = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, no_wait, NULL), ABC_OK);

    abc_error *error = NULL;
    fixture_add_fault(&emulator, "GET", "/v1/jobs/*", "non_json", 0, -1, 0, 1);
    assert_int_equal(abc_job_refresh(job, &error), ABC_ERROR_PROTOCOL);
    assert_non_null(strstr(abc_error_message(error), "malformed JSON"));
    abc_error_free(error);

    fixture_add_fault(&emulator, "GET", "/v1/jobs/*", "truncate", 0, -1, 0, 1);
    assert_int_equal(abc_job_refresh(job, &error), ABC_ERROR_TRANSPORT);
    abc_error_free(error);

    fixture_add_fault(&emulator, "GET", "/v1/jobs/*", "drop", 0, -1, 0, 1);
    assert_int_equal(abc_job_refresh(job, &error), ABC_ERROR_TRANSPORT);
    abc_error_free(error);

    fixture_add_fault(&emulator, "GET", "/v1/jobs/*", "delay", 0, -1, 1500, 1);
    assert_int_equal(abc_job_refresh(job, &error), ABC_ERROR_REQUEST_TIMEOUT);
    assert_int_equal(abc_error_timeout_ms(error), 300);
    abc_error_free(error);

    /* After all that the handle still works. */
    assert_int_equal(abc_job_wait(job, NULL, NULL), ABC_OK);
    abc_job_free(job);
    abc_sync_options_free(no_wait);
    abc_workspace_free(workspace);
}

static void test_polls_survive_transient_faults(void **state) {
    (void)state;
    char connection_id[64];
    abc_workspace *workspace = fixture_scenario(&emulator, "transient", "succeeded", 400, connection_id);
    fixture_add_fault(&emulator, "GET", "/v1/jobs/*", "status", 503, -1, 0, 2);
    fixture_add_fault(&emulator, "GET", "/v1/jobs/*", "drop", 0, -1, 0, 1);
    fixture_add_fault(&emulator, "GET", "/v1/jobs/*", "status", 502, 0, 0, 1);
    abc_job *job = NULL;
    abc_error *error = NULL;
    if (abc_run_sync(&job, workspace, connection_id, NULL, &error) != ABC_OK) {
        fail_msg("sync did not survive faults: %s", abc_error_message(error));
    }
    assert_int_equal(abc_job_status(job), ABC_JOB_STATE_SUCCEEDED);
    abc_job_free(job);
    abc_workspace_free(workspace);
}

static void test_ids_cannot_change_the_endpoint(void **state) {
    (void)state;
    abc_workspace *workspace = fixture_workspace(&emulator);
    const char *hostile[] = {"../workspaces", "x?y", "a/b", "%2e%2e", "..", "connections#x"};
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        abc_connection *connection = NULL;
        assert_int_equal(abc_connection_get(&connection, workspace, hostile[i], NULL), ABC_OK);
        const char *name = NULL;
        abc_error *error = NULL;
        abc_status status = abc_connection_name(&name, connection, &error);
        /* Always one connection that does not exist, never another endpoint's answer. */
        if (status != ABC_ERROR_NOT_FOUND && status != ABC_ERROR_API) {
            fail_msg("id '%s' gave %s: %s", hostile[i], abc_strerror(status), abc_error_message(error));
        }
        abc_error_free(error);
        abc_connection_free(connection);
    }
    abc_workspace *hostile_workspace = NULL;
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_workspace_new(&hostile_workspace, "../connections", options, NULL), ABC_OK);
    abc_options_free(options);
    abc_status status = abc_workspace_connect(hostile_workspace, NULL);
    assert_true(status == ABC_ERROR_NOT_FOUND || status == ABC_ERROR_API || status == ABC_ERROR_FORBIDDEN);
    abc_workspace_free(hostile_workspace);
    abc_workspace_free(workspace);
}

typedef struct log_capture {
    char text[65536];
    size_t used;
    int lines;
} log_capture;

static void capture_log(abc_log_level level, const char *message, void *user_data) {
    log_capture *capture = user_data;
    (void)level;
    int n = snprintf(capture->text + capture->used, sizeof capture->text - capture->used, "%s\n", message);
    if (n > 0 && capture->used + (size_t)n < sizeof capture->text) capture->used += (size_t)n;
    capture->lines++;
}

static void test_secrets_stay_out_of_logs_and_errors(void **state) {
    (void)state;
    char connection_id[64];
    fixture_create_connection(&emulator, "secrets", connection_id);
    static log_capture capture;
    memset(&capture, 0, sizeof capture);
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_client_credentials(options, emulator.client_id, emulator.client_secret, NULL),
                     ABC_OK);
    assert_int_equal(abc_options_set_log_callback(options, capture_log, &capture, ABC_LOG_DEBUG, NULL), ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    fixture_add_fault(&emulator, "GET", "/v1/jobs/*", "status", 503, -1, 0, 1);
    abc_job *job = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, NULL), ABC_OK);
    abc_job_free(job);
    abc_workspace_free(workspace);
    assert_true(capture.lines > 3); /* debug logging did happen */
    assert_non_null(strstr(capture.text, "retrying")); /* the 503 retry was logged */
    assert_null(strstr(capture.text, emulator.client_secret));
    assert_null(strstr(capture.text, emulator.api_key));
    assert_null(strstr(capture.text, "Bearer"));
    assert_null(strstr(capture.text, "access_token"));
}

static void test_response_size_limit(void **state) {
    (void)state;
    char connection_id[64];
    abc_workspace *workspace = fixture_scenario(&emulator, "size-limit", NULL, 0, connection_id);
    abc_job *job = NULL;
    for (int i = 0; i < 6; i++) {
        assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, NULL), ABC_OK);
        abc_job_free(job);
    }
    abc_workspace_free(workspace);

    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_max_response_bytes(options, 1024, NULL), ABC_OK);
    workspace = fixture_workspace_with(&emulator, options);
    abc_connection *connection = NULL;
    assert_int_equal(abc_connection_get(&connection, workspace, connection_id, NULL), ABC_OK);
    abc_job_list *list = NULL;
    assert_int_equal(abc_connection_list_jobs(&list, connection, 1, 0, NULL), ABC_OK); /* small page */
    abc_job_list_free(list);
    abc_error *error = NULL;
    /* Six jobs of about 250 bytes each do not fit in 1 KiB. */
    assert_int_equal(abc_connection_list_jobs(&list, connection, 6, 0, &error), ABC_ERROR_PROTOCOL);
    assert_null(list);
    assert_non_null(strstr(abc_error_message(error), "1024"));
    abc_error_free(error);
    abc_connection_free(connection);
    abc_workspace_free(workspace);
}

static void test_token_expiry_during_a_wait(void **state) {
    (void)state;
    char connection_id[64];
    fixture_create_connection(&emulator, "token-expiry", connection_id);
    emulator_set_behaviour(&emulator, connection_id, "succeeded", 3500); /* tokens live 1 s */
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_client_credentials(options, emulator.client_id, emulator.client_secret, NULL),
                     ABC_OK);
    assert_int_equal(abc_options_set_poll_interval(options, 100, 300, NULL), ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    long tokens_before = fixture_stat(&emulator, "POST /applications/token");
    abc_job *job = NULL;
    abc_error *error = NULL;
    if (abc_run_sync(&job, workspace, connection_id, NULL, &error) != ABC_OK) {
        fail_msg("wait across token expiry failed: %s", abc_error_message(error));
    }
    assert_int_equal(abc_job_status(job), ABC_JOB_STATE_SUCCEEDED);
    /* The wait outlived several tokens, so several were fetched. */
    assert_true(fixture_stat(&emulator, "POST /applications/token") - tokens_before >= 3);
    abc_job_free(job);
    abc_workspace_free(workspace);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_retryable_statuses_are_retried, clear_faults),
        cmocka_unit_test_teardown(test_retries_run_out, clear_faults),
        cmocka_unit_test_teardown(test_retry_after_is_honoured, clear_faults),
        cmocka_unit_test_teardown(test_starting_a_sync_never_makes_two_jobs, clear_faults),
        cmocka_unit_test_teardown(test_start_is_retried_when_it_never_reached_the_server, clear_faults),
        cmocka_unit_test_teardown(test_broken_responses_are_protocol_or_transport_errors, clear_faults),
        cmocka_unit_test_teardown(test_polls_survive_transient_faults, clear_faults),
        cmocka_unit_test_teardown(test_ids_cannot_change_the_endpoint, clear_faults),
        cmocka_unit_test_teardown(test_secrets_stay_out_of_logs_and_errors, clear_faults),
        cmocka_unit_test_teardown(test_response_size_limit, clear_faults),
        cmocka_unit_test_teardown(test_token_expiry_during_a_wait, clear_faults),
    };
    static const char *const args[] = {"--job-duration-ms", "200", "--token-ttl", "1", NULL};
    emulator_group_args = args;
    return cmocka_run_group_tests_name("core.robustness", tests, emulator_group_start, emulator_group_stop);
}
