/* Integration tests of concurrency: one thread waiting for many jobs, and many threads sharing
 * one workspace handle. */
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

#include "fixture.h"

enum { kFanOut = 24 };

static void test_waiter_reports_each_job_once_in_finish_order(void **state) {
    (void)state;
    abc_workspace *workspace = fixture_workspace(&emulator);
    abc_sync_options *no_wait = fixture_no_wait_options();
    abc_waiter *waiter = NULL;
    assert_int_equal(abc_waiter_new(&waiter, workspace, NULL), ABC_OK);

    abc_job *jobs[kFanOut];
    int durations[kFanOut];
    for (int i = 0; i < kFanOut; i++) {
        char name[32], connection_id[64];
        snprintf(name, sizeof name, "fan-out-%d", i);
        fixture_create_connection(&emulator, name, connection_id);
        /* Later jobs finish sooner, so finish order differs from add order. */
        durations[i] = 300 + 60 * (kFanOut - i);
        emulator_set_behaviour(&emulator, connection_id, i % 6 == 5 ? "failed" : "succeeded", durations[i]);
        assert_int_equal(abc_run_sync(&jobs[i], workspace, connection_id, no_wait, NULL), ABC_OK);
        size_t index = 99;
        assert_int_equal(abc_waiter_add(waiter, jobs[i], &index, NULL), ABC_OK);
        assert_int_equal(index, (size_t)i);
    }
    assert_int_equal(abc_waiter_pending_count(waiter), kFanOut);

    int seen[kFanOut] = {0};
    int order[kFanOut];
    for (int n = 0; n < kFanOut; n++) {
        size_t index = 0;
        abc_error *error = NULL;
        if (abc_waiter_next(&index, waiter, 30000, NULL, &error) != ABC_OK) {
            fail_msg("waiter_next: %s", abc_error_message(error));
        }
        assert_true(index < kFanOut);
        assert_false(seen[index]);
        seen[index] = 1;
        order[n] = (int)index;
        assert_true(abc_job_is_complete(jobs[index]));
        assert_int_equal(abc_job_status(jobs[index]),
                         index % 6 == 5 ? ABC_JOB_STATE_FAILED : ABC_JOB_STATE_SUCCEEDED);
    }
    /* Roughly finish order: the first reported was among the fastest, the last among the slowest. */
    assert_true(order[0] >= kFanOut / 2);
    assert_true(order[kFanOut - 1] < kFanOut / 2);
    assert_int_equal(abc_waiter_pending_count(waiter), 0);
    size_t index = 0;
    assert_int_equal(abc_waiter_next(&index, waiter, 100, NULL, NULL), ABC_ERROR_NOT_FOUND);

    abc_waiter_free(waiter);
    for (int i = 0; i < kFanOut; i++) abc_job_free(jobs[i]);
    abc_sync_options_free(no_wait);
    abc_workspace_free(workspace);
}

static void test_waiter_times_out_and_cancels(void **state) {
    (void)state;
    char connection_id[64];
    abc_workspace *workspace = fixture_scenario(&emulator, "waiter-forever", "running", 0, connection_id);
    abc_job *job = fixture_start_sync(workspace, connection_id);
    abc_waiter *waiter = NULL;
    assert_int_equal(abc_waiter_new(&waiter, workspace, NULL), ABC_OK);
    assert_int_equal(abc_waiter_add(waiter, job, NULL, NULL), ABC_OK);
    size_t index = 0;
    abc_error *error = NULL;
    assert_int_equal(abc_waiter_next(&index, waiter, 200, NULL, &error), ABC_ERROR_WAIT_TIMEOUT);
    assert_int_equal(abc_error_timeout_ms(error), 200);
    abc_error_free(error);

    abc_cancel_token *token = NULL;
    assert_int_equal(abc_cancel_token_new(&token, NULL), ABC_OK);
    abc_cancel_token_cancel(token);
    assert_int_equal(abc_waiter_next(&index, waiter, 5000, token, NULL), ABC_ERROR_CANCELLED);

    /* Cancelling the job makes it final, and the waiter reports it. */
    assert_int_equal(abc_job_cancel(job, NULL), ABC_OK);
    assert_int_equal(abc_waiter_next(&index, waiter, 5000, NULL, NULL), ABC_OK);
    assert_int_equal(index, 0);
    assert_int_equal(abc_job_status(job), ABC_JOB_STATE_CANCELLED);
    abc_cancel_token_free(token);
    abc_waiter_free(waiter);
    abc_job_free(job);
    abc_workspace_free(workspace);
}

enum { kThreads = 50 };

typedef struct thread_work {
    abc_workspace *workspace;
    char connection_id[64];
    int failures;
    char failure[256];
    int64_t job_id;
} thread_work;

static void *sync_in_thread(void *argument) {
    thread_work *work = argument;
    abc_error *error = NULL;
    abc_connection *connection = NULL;
    const char *name = NULL;
    if (abc_connection_get(&connection, work->workspace, work->connection_id, &error) != ABC_OK ||
        abc_connection_name(&name, connection, &error) != ABC_OK) {
        work->failures++;
        snprintf(work->failure, sizeof work->failure, "connection: %s", abc_error_message(error));
        abc_error_free(error);
        abc_connection_free(connection);
        return NULL;
    }
    abc_job *job = NULL;
    if (abc_run_sync(&job, work->workspace, work->connection_id, NULL, &error) != ABC_OK) {
        work->failures++;
        snprintf(work->failure, sizeof work->failure, "sync: %s", abc_error_message(error));
        abc_error_free(error);
    } else {
        work->job_id = abc_job_id(job);
        abc_job_list *list = NULL;
        if (abc_connection_list_jobs(&list, connection, 5, 0, &error) != ABC_OK ||
            abc_job_list_count(list) != 1) {
            work->failures++;
            snprintf(work->failure, sizeof work->failure, "history: %s", abc_error_message(error));
            abc_error_free(error);
        }
        abc_job_list_free(list);
    }
    abc_job_free(job);
    abc_connection_free(connection);
    return NULL;
}

static void test_fifty_threads_share_one_workspace(void **state) {
    (void)state;
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_client_credentials(options, emulator.client_id, emulator.client_secret, NULL),
                     ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    static thread_work work[kThreads];
    pthread_t threads[kThreads];
    for (int i = 0; i < kThreads; i++) {
        char name[32];
        snprintf(name, sizeof name, "threads-%d", i);
        memset(&work[i], 0, sizeof work[i]);
        work[i].workspace = workspace;
        fixture_create_connection(&emulator, name, work[i].connection_id);
    }
    long tokens_before = fixture_stat(&emulator, "POST /applications/token");
    for (int i = 0; i < kThreads; i++) pthread_create(&threads[i], NULL, sync_in_thread, &work[i]);
    for (int i = 0; i < kThreads; i++) pthread_join(threads[i], NULL);
    for (int i = 0; i < kThreads; i++) {
        if (work[i].failures) fail_msg("thread %d: %s", i, work[i].failure);
        for (int j = 0; j < i; j++) assert_true(work[i].job_id != work[j].job_id);
    }
    /* Fifty threads needed one token between them, not fifty. */
    assert_int_equal(fixture_stat(&emulator, "POST /applications/token") - tokens_before, 1);
    abc_workspace_free(workspace);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_waiter_reports_each_job_once_in_finish_order),
        cmocka_unit_test(test_waiter_times_out_and_cancels),
        cmocka_unit_test(test_fifty_threads_share_one_workspace),
    };
    return EMULATOR_RUN_GROUP("core.concurrency", tests, "--job-duration-ms", "300");
}
