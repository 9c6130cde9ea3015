/* Integration tests of connecting, connections, syncs, waits, history and cancellation against
 * airbyte-cloud-emulator. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "abc_expect.h"
#include "fixture.h"

static void test_connect_reports_what_failed(void **state) {
    (void)state;
    abc_error *error = NULL;
    abc_workspace *workspace = fixture_workspace(&emulator);
    assert_int_equal(abc_workspace_connect(workspace, &error), ABC_OK);
    abc_workspace_free(workspace);

    /* Wrong key: the server is reachable, the credentials are not accepted. */
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_bearer_token(options, "wrong-key-123", NULL), ABC_OK);
    workspace = fixture_workspace_with(&emulator, options);
    assert_int_equal(abc_workspace_connect(workspace, &error), ABC_ERROR_AUTH);
    assert_int_equal(abc_error_http_status(error), 401);
    assert_non_null(strstr(abc_error_message(error), "rejected the credentials"));
    assert_null(strstr(abc_error_message(error), "wrong-key-123"));
    abc_error_free(error);
    abc_workspace_free(workspace);

    /* Nothing listens there: unreachable. */
    options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_api_url(options, "http://127.0.0.1:9/v1", NULL), ABC_OK);
    assert_int_equal(abc_options_set_retry_policy(options, 1, 10, 10, 1.0, 1000, NULL), ABC_OK);
    workspace = fixture_workspace_with(&emulator, options);
    ABC_EXPECT(abc_workspace_connect(workspace, error), ABC_ERROR_TRANSPORT, "not reachable", NULL);
    abc_workspace_free(workspace);

    /* A workspace these credentials do not hold. */
    abc_workspace *foreign = NULL;
    options = fixture_options(&emulator);
    assert_int_equal(abc_workspace_new(&foreign, "00000000-0000-4000-8000-000000000000", options, NULL), ABC_OK);
    abc_options_free(options);
    abc_status status = abc_workspace_connect(foreign, &error);
    assert_true(status == ABC_ERROR_NOT_FOUND || status == ABC_ERROR_FORBIDDEN);
    assert_non_null(strstr(abc_error_message(error), "do not grant"));
    abc_error_free(error);
    abc_workspace_free(foreign);
}

static void test_self_managed_root(void **state) {
    (void)state;
    abc_options *options = fixture_options(&emulator);
    char root[256];
    snprintf(root, sizeof root, "%s/api/public/v1", emulator.url);
    assert_int_equal(abc_options_set_api_url(options, root, NULL), ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    assert_int_equal(abc_workspace_connect(workspace, NULL), ABC_OK);
    char expected[256];
    snprintf(expected, sizeof expected, "%s/workspaces/%s", emulator.url, emulator.workspace_id);
    assert_string_equal(abc_workspace_url(workspace), expected);
    abc_workspace_free(workspace);
}

static void test_connection_details_are_lazy_and_right(void **state) {
    (void)state;
    char connection_id[64];
    abc_workspace *workspace = fixture_scenario(&emulator, "details", NULL, 0, connection_id);
    long before = fixture_stat(&emulator, "requests");
    abc_connection *connection = NULL;
    assert_int_equal(abc_connection_get(&connection, workspace, connection_id, NULL), ABC_OK);
    assert_int_equal(fixture_stat(&emulator, "requests"), before); /* lazy: no request yet */

    const char *name = NULL, *source = NULL, *destination = NULL, *prefix = NULL, *status = NULL;
    assert_int_equal(abc_connection_name(&name, connection, NULL), ABC_OK);
    assert_string_equal(name, "details");
    assert_int_equal(abc_connection_source_id(&source, connection, NULL), ABC_OK);
    assert_int_equal(abc_connection_destination_id(&destination, connection, NULL), ABC_OK);
    assert_string_not_equal(source, destination);
    assert_int_equal(abc_connection_prefix(&prefix, connection, NULL), ABC_OK);
    assert_string_equal(prefix, "test_");
    assert_int_equal(abc_connection_status(&status, connection, NULL), ABC_OK);
    assert_string_equal(status, "active");
    size_t count = 0;
    assert_int_equal(abc_connection_stream_count(&count, connection, NULL), ABC_OK);
    assert_int_equal(count, 2);
    const char *stream = NULL;
    assert_int_equal(abc_connection_stream_name(&stream, connection, 0, NULL), ABC_OK);
    assert_string_equal(stream, "users");
    abc_error *error = NULL;
    ABC_EXPECT(abc_connection_stream_name(&stream, connection, 2, error),
               ABC_ERROR_INVALID_ARGUMENT, "index", NULL);
    /* One fetch served every getter. */
    assert_int_equal(fixture_stat(&emulator, "requests"), before + 1);

    /* The destination id is the destination's own: compare with the API's answer. */
    char path[128];
    snprintf(path, sizeof path, "/v1/connections/%s", connection_id);
    long http = 0;
    char *body = emulator_request(&emulator, "GET", path, NULL, &http);
    assert_non_null(strstr(body, destination));
    free(body);

    abc_connection_free(connection);
    assert_int_equal(abc_connection_get(&connection, workspace, "5b3c3b43-0000-4000-8000-000000000000", NULL), ABC_OK);
    assert_int_equal(abc_connection_name(&name, connection, &error), ABC_ERROR_NOT_FOUND);
    assert_null(name);
    assert_int_equal(abc_error_http_status(error), 404);
    abc_error_free(error);
    abc_connection_free(connection);
    abc_workspace_free(workspace);
}

static void test_run_sync_waits_for_success(void **state) {
    (void)state;
    char connection_id[64];
    abc_workspace *workspace = fixture_scenario(&emulator, "succeeds", NULL, 0, connection_id);
    abc_job *job = NULL;
    abc_error *error = NULL;
    time_t before = time(NULL);
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, &error), ABC_OK);
    assert_null(error);
    assert_non_null(job);
    assert_int_equal(abc_job_status(job), ABC_JOB_STATE_SUCCEEDED);
    assert_true(abc_job_is_complete(job));
    assert_true(abc_job_id(job) > 0);
    assert_string_equal(abc_job_connection_id(job), connection_id);
    assert_string_equal(abc_job_type(job), "sync");
    assert_true(abc_job_rows_synced(job) > 0);
    assert_true(abc_job_bytes_synced(job) > abc_job_rows_synced(job));
    assert_true(abc_job_start_time(job) >= before - 5 && abc_job_start_time(job) <= time(NULL) + 5);
    assert_true(strlen(abc_job_start_time_text(job)) >= 20);
    assert_true(abc_job_last_updated_time(job) >= abc_job_start_time(job));
    assert_true(abc_job_duration_ms(job) > 0);
    assert_non_null(strstr(abc_job_url(job), connection_id));
    assert_int_equal(abc_job_check_failure(job, NULL), ABC_OK);
    abc_job_free(job);
    abc_workspace_free(workspace);
}

static void test_run_sync_without_wait_then_wait(void **state) {
    (void)state;
    char connection_id[64];
    abc_workspace *workspace = fixture_scenario(&emulator, "nowait", "succeeded", 600, connection_id);
    abc_job *job = fixture_start_sync(workspace, connection_id);
    assert_false(abc_job_is_complete(job));
    assert_int_equal(abc_job_duration_ms(job), 0); /* absent while pending */
    assert_int_equal(abc_job_wait(job, NULL, NULL), ABC_OK);
    assert_int_equal(abc_job_status(job), ABC_JOB_STATE_SUCCEEDED);

    /* The same job fetched by id agrees. */
    abc_job *again = NULL;
    assert_int_equal(abc_job_get(&again, workspace, abc_job_id(job), NULL), ABC_OK);
    assert_int_equal(abc_job_status(again), ABC_JOB_STATE_SUCCEEDED);
    assert_int_equal(abc_job_rows_synced(again), abc_job_rows_synced(job));
    abc_job_free(again);
    abc_error *error = NULL;
    assert_int_equal(abc_job_get(&again, workspace, 987654321, &error), ABC_ERROR_NOT_FOUND);
    assert_null(again);
    abc_error_free(error);

    abc_job_free(job);
    abc_workspace_free(workspace);
}

static void test_failed_sync_is_an_error_with_the_job(void **state) {
    (void)state;
    char connection_id[64];
    abc_workspace *workspace = fixture_scenario(&emulator, "fails", "failed", 100, connection_id);
    abc_job *job = NULL;
    abc_error *error = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, &error), ABC_ERROR_SYNC_FAILED);
    assert_non_null(job); /* the caller keeps the handle */
    assert_int_equal(abc_error_job_id(error), abc_job_id(job));
    assert_string_equal(abc_error_connection_id(error), connection_id);
    assert_int_equal(abc_error_job_state(error), ABC_JOB_STATE_FAILED);
    assert_int_equal(abc_job_status(job), ABC_JOB_STATE_FAILED);
    abc_error_free(error);
    error = NULL;
    assert_int_equal(abc_job_check_failure(job, &error), ABC_ERROR_SYNC_FAILED);
    assert_int_equal(abc_error_job_id(error), abc_job_id(job));
    abc_error_free(error);
    abc_job_free(job);

    /* Told not to fail on failure, the call succeeds and the state tells. */
    abc_sync_options *options = fixture_sync_options();
    assert_int_equal(abc_sync_options_set_fail_on_sync_failure(options, 0, NULL), ABC_OK);
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, options, NULL), ABC_OK);
    assert_int_equal(abc_job_status(job), ABC_JOB_STATE_FAILED);
    abc_job_free(job);
    abc_sync_options_free(options);
    abc_workspace_free(workspace);
}

static void test_wait_timeout_keeps_the_job_and_cancel_stops_it(void **state) {
    (void)state;
    char connection_id[64];
    abc_workspace *workspace = fixture_scenario(&emulator, "forever", "running", 0, connection_id);
    abc_sync_options *options = fixture_sync_options();
    assert_int_equal(abc_sync_options_set_timeout_ms(options, 300, NULL), ABC_OK);
    abc_job *job = NULL;
    abc_error *error = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, options, &error), ABC_ERROR_WAIT_TIMEOUT);
    assert_non_null(job);
    assert_int_equal(abc_error_timeout_ms(error), 300);
    assert_int_equal(abc_error_job_id(error), abc_job_id(job));
    assert_false(abc_job_is_complete(job));
    abc_error_free(error);

    /* Not failing on timeout: OK with the job still running. */
    assert_int_equal(abc_sync_options_set_fail_on_timeout(options, 0, NULL), ABC_OK);
    assert_int_equal(abc_job_wait(job, options, NULL), ABC_OK);
    assert_false(abc_job_is_complete(job));

    assert_int_equal(abc_job_cancel(job, NULL), ABC_OK);
    assert_int_equal(abc_job_wait(job, NULL, NULL), ABC_ERROR_SYNC_FAILED);
    assert_int_equal(abc_job_status(job), ABC_JOB_STATE_CANCELLED);
    abc_job_free(job);
    abc_sync_options_free(options);
    abc_workspace_free(workspace);
}

static void test_second_sync_conflicts_or_attaches(void **state) {
    (void)state;
    char connection_id[64];
    abc_workspace *workspace = fixture_scenario(&emulator, "conflict", "succeeded", 1500, connection_id);
    abc_sync_options *options = fixture_no_wait_options();
    abc_job *first = NULL, *second = NULL;
    abc_error *error = NULL;
    assert_int_equal(abc_run_sync(&first, workspace, connection_id, options, NULL), ABC_OK);
    assert_int_equal(abc_run_sync(&second, workspace, connection_id, options, &error),
                     ABC_ERROR_SYNC_ALREADY_RUNNING);
    assert_null(second);
    assert_int_equal(abc_error_http_status(error), 409);
    assert_non_null(strstr(abc_error_problem_type(error), "try-again-later"));
    assert_non_null(strstr(abc_error_message(error), "attach"));
    abc_error_free(error);

    assert_int_equal(abc_sync_options_set_attach_if_running(options, 1, NULL), ABC_OK);
    assert_int_equal(abc_sync_options_set_wait(options, 1, NULL), ABC_OK);
    assert_int_equal(abc_run_sync(&second, workspace, connection_id, options, NULL), ABC_OK);
    assert_int_equal(abc_job_id(second), abc_job_id(first));
    assert_int_equal(abc_job_status(second), ABC_JOB_STATE_SUCCEEDED);
    abc_job_free(first);
    abc_job_free(second);
    abc_sync_options_free(options);
    abc_workspace_free(workspace);
}

static void test_history_newest_first(void **state) {
    (void)state;
    char connection_id[64];
    abc_workspace *workspace = fixture_scenario(&emulator, "history", NULL, 0, connection_id);
    abc_connection *connection = NULL;
    assert_int_equal(abc_connection_get(&connection, workspace, connection_id, NULL), ABC_OK);
    abc_job *latest = (abc_job *)0x1;
    assert_int_equal(abc_connection_latest_job(&latest, connection, NULL), ABC_OK);
    assert_null(latest); /* no job yet */

    int64_t ids[3];
    for (int i = 0; i < 3; i++) {
        abc_job *job = NULL;
        assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, NULL), ABC_OK);
        ids[i] = abc_job_id(job);
        abc_job_free(job);
    }
    abc_job_list *list = NULL;
    assert_int_equal(abc_connection_list_jobs(&list, connection, 2, 0, NULL), ABC_OK);
    assert_int_equal(abc_job_list_count(list), 2);
    abc_job *job = NULL;
    assert_int_equal(abc_job_list_get(&job, list, 0, NULL), ABC_OK);
    assert_int_equal(abc_job_id(job), ids[2]);
    abc_job_free(job);
    assert_int_equal(abc_job_list_get(&job, list, 1, NULL), ABC_OK);
    assert_int_equal(abc_job_id(job), ids[1]);
    abc_job_list_free(list); /* the copy outlives the list */
    assert_int_equal(abc_job_status(job), ABC_JOB_STATE_SUCCEEDED);
    abc_job_free(job);

    assert_int_equal(abc_connection_list_jobs(&list, connection, 2, 2, NULL), ABC_OK);
    assert_int_equal(abc_job_list_count(list), 1);
    assert_int_equal(abc_job_list_get(&job, list, 0, NULL), ABC_OK);
    assert_int_equal(abc_job_id(job), ids[0]);
    abc_job_free(job);
    ABC_EXPECT(abc_job_list_get(&job, list, 1, error), ABC_ERROR_INVALID_ARGUMENT, NULL);
    abc_job_list_free(list);

    ABC_EXPECT(abc_connection_list_jobs(&list, connection, 0, 0, error), ABC_ERROR_INVALID_ARGUMENT,
               "limit", NULL);
    assert_int_equal(abc_connection_list_jobs(&list, connection, 101, 0, NULL), ABC_ERROR_INVALID_ARGUMENT);

    assert_int_equal(abc_connection_latest_job(&latest, connection, NULL), ABC_OK);
    assert_non_null(latest);
    assert_int_equal(abc_job_id(latest), ids[2]);
    abc_job_free(latest);
    abc_connection_free(connection);
    abc_workspace_free(workspace);
}

typedef struct progress_record {
    int calls;
    int64_t last_elapsed;
    int64_t last_rows;
    int stop_after;
    int elapsed_went_back;
} progress_record;

static int record_progress(const abc_job *job, abc_job_state state, int64_t elapsed_ms, int64_t rows,
                           int64_t bytes, void *user_data) {
    progress_record *record = user_data;
    (void)bytes;
    if (abc_job_status(job) != state) record->elapsed_went_back = 1; /* the handle is current */
    if (elapsed_ms < record->last_elapsed) record->elapsed_went_back = 1;
    record->last_elapsed = elapsed_ms;
    record->last_rows = rows;
    record->calls++;
    return record->stop_after > 0 && record->calls >= record->stop_after;
}

static void test_progress_callback(void **state) {
    (void)state;
    char connection_id[64];
    abc_workspace *workspace = fixture_scenario(&emulator, "progress", "succeeded", 500, connection_id);
    abc_sync_options *options = fixture_sync_options();
    progress_record record = {0};
    assert_int_equal(abc_sync_options_set_progress_callback(options, record_progress, &record, NULL), ABC_OK);
    abc_job *job = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, options, NULL), ABC_OK);
    assert_true(record.calls >= 3);
    assert_false(record.elapsed_went_back);
    assert_int_equal(record.last_rows, abc_job_rows_synced(job));
    abc_job_free(job);

    /* A callback that says stop ends the wait with CANCELLED; the job goes on. */
    progress_record stopper = {0};
    stopper.stop_after = 1;
    assert_int_equal(abc_sync_options_set_progress_callback(options, record_progress, &stopper, NULL), ABC_OK);
    abc_error *error = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, options, &error), ABC_ERROR_CANCELLED);
    assert_non_null(job);
    assert_int_equal(stopper.calls, 1);
    assert_int_equal(abc_error_job_id(error), abc_job_id(job));
    abc_error_free(error);
    assert_int_equal(abc_sync_options_set_progress_callback(options, NULL, NULL, NULL), ABC_OK);
    assert_int_equal(abc_job_wait(job, options, NULL), ABC_OK);
    abc_job_free(job);
    abc_sync_options_free(options);
    abc_workspace_free(workspace);
}

static void *cancel_later(void *token) {
    struct timespec delay = {0, 200 * 1000000L};
    nanosleep(&delay, NULL);
    abc_cancel_token_cancel(token);
    return NULL;
}

static void test_cancel_token_from_another_thread(void **state) {
    (void)state;
    char connection_id[64];
    fixture_create_connection(&emulator, "cancel-token", connection_id);
    emulator_set_behaviour(&emulator, connection_id, "running", 0);
    abc_options *slow = fixture_options(&emulator);
    /* Slow polling: the cancel must wake the waiting thread, not wait for the next poll. */
    assert_int_equal(abc_options_set_poll_interval(slow, 30000, 30000, NULL), ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, slow);
    abc_cancel_token *token = NULL;
    assert_int_equal(abc_cancel_token_new(&token, NULL), ABC_OK);
    abc_sync_options *options = fixture_sync_options();
    assert_int_equal(abc_sync_options_set_cancel_token(options, token, NULL), ABC_OK);
    pthread_t thread;
    pthread_create(&thread, NULL, cancel_later, token);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    abc_job *job = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, options, NULL), ABC_ERROR_CANCELLED);
    clock_gettime(CLOCK_MONOTONIC, &end);
    pthread_join(thread, NULL);
    assert_true(end.tv_sec - start.tv_sec < 10);
    assert_true(abc_cancel_token_is_cancelled(token));
    assert_non_null(job);
    assert_int_equal(abc_job_cancel(job, NULL), ABC_OK);
    abc_job_free(job);
    abc_sync_options_free(options);
    abc_cancel_token_free(token);
    abc_workspace_free(workspace);
}

static void test_client_credentials(void **state) {
    (void)state;
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_client_credentials(options, emulator.client_id, emulator.client_secret, NULL),
                     ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    long tokens_before = fixture_stat(&emulator, "POST /applications/token");
    assert_int_equal(abc_workspace_connect(workspace, NULL), ABC_OK);
    assert_int_equal(abc_workspace_connect(workspace, NULL), ABC_OK);
    assert_int_equal(fixture_stat(&emulator, "POST /applications/token"), tokens_before + 1); /* cached */
    abc_workspace_free(workspace);

    options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_client_credentials(options, emulator.client_id, "not-the-secret-42", NULL),
                     ABC_OK);
    workspace = fixture_workspace_with(&emulator, options);
    abc_error *error = NULL;
    assert_int_equal(abc_workspace_connect(workspace, &error), ABC_ERROR_AUTH);
    assert_null(strstr(abc_error_message(error), "not-the-secret-42"));
    abc_error_free(error);
    abc_workspace_free(workspace);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_connect_reports_what_failed),
        cmocka_unit_test(test_self_managed_root),
        cmocka_unit_test(test_connection_details_are_lazy_and_right),
        cmocka_unit_test(test_run_sync_waits_for_success),
        cmocka_unit_test(test_run_sync_without_wait_then_wait),
        cmocka_unit_test(test_failed_sync_is_an_error_with_the_job),
        cmocka_unit_test(test_wait_timeout_keeps_the_job_and_cancel_stops_it),
        cmocka_unit_test(test_second_sync_conflicts_or_attaches),
        cmocka_unit_test(test_history_newest_first),
        cmocka_unit_test(test_progress_callback),
        cmocka_unit_test(test_cancel_token_from_another_thread),
        cmocka_unit_test(test_client_credentials),
    };
    return EMULATOR_RUN_GROUP("core.sync", tests, "--job-duration-ms", "200");
}
