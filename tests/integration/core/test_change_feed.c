/* Integration tests of issue 18. The change feed: several jobs of one workspace, added to a waiter
 * or waited for by threads sharing the workspace handle (abc_job_wait), are followed through
 * GET /jobs?workspaceIds=&updatedAtStart=&orderBy=updatedAt|ASC, not through a GET /jobs/{id} per
 * job. The request budget: its option, its getter, a 429 pausing the client.
 * Correctness only: no timing is asserted. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka.h needs the four headers above first. */
#include <cmocka.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "abc_expect.h"
#include "fixture.h"

enum { kMaxJobs = 130 };

/* A batch of jobs that run until the test ends them, all added to one waiter. */
typedef struct batch {
    abc_workspace *workspace;
    abc_waiter *waiter;
    abc_job *jobs[kMaxJobs];
    int count;
} batch;

static abc_job *start_running_job(abc_workspace *workspace, const char *name) {
    char connection_id[64];
    fixture_create_connection(&emulator, name, connection_id);
    emulator_set_behaviour(&emulator, connection_id, "running", 0);
    return fixture_start_sync(workspace, connection_id);
}

static void batch_add(batch *b, const char *prefix) {
    char name[64];
    snprintf(name, sizeof name, "%s-%d", prefix, b->count);
    abc_job *job = start_running_job(b->workspace, name);
    assert_int_equal(abc_waiter_add(b->waiter, job, NULL, NULL), ABC_OK);
    b->jobs[b->count++] = job;
}

static void batch_start(batch *b, int count, const char *prefix) {
    memset(b, 0, sizeof *b);
    b->workspace = fixture_workspace(&emulator);
    assert_int_equal(abc_waiter_new(&b->waiter, b->workspace, NULL), ABC_OK);
    for (int i = 0; i < count; i++)
        batch_add(b, prefix);
}

/* Lets the waiter run rounds while every job is still running: none may be reported. */
static void batch_rounds_see_running(batch *b) {
    size_t index = 0;
    assert_int_equal(abc_waiter_next(&index, b->waiter, 400, NULL, NULL), ABC_ERROR_WAIT_TIMEOUT);
}

/* Takes the job's id, not its handle: a handle another thread waits on is that thread's alone
 * (the threading contract), so the threads' job ids are read before they start. */
static void complete_job(int64_t job_id, const char *status) {
    char path[128], body[64];
    snprintf(path, sizeof path, "/_emulator/jobs/%lld/complete", (long long)job_id);
    snprintf(body, sizeof body, "{\"status\":\"%s\"}", status);
    long http = 0;
    char *response = emulator_request(&emulator, "POST", path, body, &http);
    if (http != 200)
        fail_msg("complete -> %ld: %s", http, response ? response : "");
    free(response);
}

static void set_clock_offset(long long offset_ms) {
    char body[64];
    snprintf(body, sizeof body, "{\"offsetMs\":%lld}", offset_ms);
    free(emulator_post_ok(&emulator, "/_emulator/clock", body));
}

/* Every job is reported exactly once, in its final state. */
static void batch_expect_all_reported(batch *b, abc_job_state state) {
    int seen[kMaxJobs] = {0};
    for (int n = 0; n < b->count; n++) {
        size_t index = 0;
        abc_error *error = NULL;
        if (abc_waiter_next(&index, b->waiter, 20000, NULL, &error) != ABC_OK)
            fail_msg("waiter_next after %d of %d: %s", n, b->count, abc_error_message(error));
        assert_true(index < (size_t)b->count);
        assert_false(seen[index]);
        seen[index] = 1;
        assert_int_equal(abc_job_status(b->jobs[index]), state);
    }
    size_t index = 0;
    assert_int_equal(abc_waiter_next(&index, b->waiter, 100, NULL, NULL), ABC_ERROR_NOT_FOUND);
}

static void batch_free(batch *b) {
    abc_waiter_free(b->waiter);
    for (int i = 0; i < b->count; i++)
        abc_job_free(b->jobs[i]);
    abc_workspace_free(b->workspace);
}

/* `count` running jobs, seen running by a few rounds, then all completed at once (the same
 * second): each is reported once, and through listings only, never a GET /jobs/{id}. */
static void expect_followed_by_the_feed(int count, const char *prefix) {
    batch b;
    batch_start(&b, count, prefix);
    const long gets_before = fixture_stat(&emulator, "GET /jobs/{id}");
    const long lists_before = fixture_stat(&emulator, "GET /jobs");
    batch_rounds_see_running(&b);
    for (int i = 0; i < b.count; i++)
        complete_job(abc_job_id(b.jobs[i]), "succeeded");
    batch_expect_all_reported(&b, ABC_JOB_STATE_SUCCEEDED);
    assert_int_equal(fixture_stat(&emulator, "GET /jobs/{id}"), gets_before);
    assert_true(fixture_stat(&emulator, "GET /jobs") > lists_before);
    batch_free(&b);
}

static void test_jobs_finishing_in_the_same_second(void **state) {
    (void)state;
    expect_followed_by_the_feed(6, "same-second");
}

/* A job added late that starts and ends between two rounds (two changes the feed never saw
 * one by one), next to a job that ended failed and one cancelled while no round ran. */
static void test_job_changing_twice_between_rounds(void **state) {
    (void)state;
    batch b;
    batch_start(&b, 3, "twice");
    batch_rounds_see_running(&b);
    batch_add(&b, "twice-late");
    complete_job(abc_job_id(b.jobs[3]), "failed");
    complete_job(abc_job_id(b.jobs[0]), "failed");
    complete_job(abc_job_id(b.jobs[1]), "failed");
    complete_job(abc_job_id(b.jobs[2]), "failed");
    batch_expect_all_reported(&b, ABC_JOB_STATE_FAILED);
    batch_free(&b);
}

static void expect_feed_under_skew(long long offset_ms) {
    set_clock_offset(offset_ms);
    expect_followed_by_the_feed(4, offset_ms < 0 ? "skew-behind" : "skew-ahead");
    set_clock_offset(0);
}

static void test_server_clock_behind_the_client(void **state) {
    (void)state;
    expect_feed_under_skew(-10LL * 60 * 1000);
}

static void test_server_clock_ahead_of_the_client(void **state) {
    (void)state;
    expect_feed_under_skew(7LL * 60 * 1000);
}

/* More changes in one round than a page (100) holds: the round reads every page. */
static void test_pages_of_changes(void **state) {
    (void)state;
    expect_followed_by_the_feed(120, "paged");
}

/* ---- Threads sharing a workspace handle, each in abc_job_wait ---- */

enum { kMaxThreads = 8 };

typedef struct thread_wait {
    abc_job *job;
    int64_t job_id;           /* read before the thread starts: the handle is then the thread's */
    abc_cancel_token *cancel; /* NULL: none */
    abc_status status;
    pthread_t thread;
} thread_wait;

typedef struct thread_batch {
    abc_workspace *workspace;
    thread_wait waits[kMaxThreads];
    int count;
} thread_batch;

/* No cmocka assertion off the main thread: a failure is the status the main thread checks. */
static void *thread_wait_run(void *argument) {
    thread_wait *wait = argument;
    abc_sync_options *options = NULL;
    wait->status = abc_sync_options_new(&options, NULL);
    if (wait->status == ABC_OK && wait->cancel != NULL)
        wait->status = abc_sync_options_set_cancel_token(options, wait->cancel, NULL);
    if (wait->status == ABC_OK)
        wait->status = abc_sync_options_set_fail_on_sync_failure(options, 0, NULL);
    if (wait->status == ABC_OK)
        wait->status = abc_job_wait(wait->job, options, NULL);
    abc_sync_options_free(options);
    return NULL;
}

static void sleep_ms(long ms) {
    struct timespec pause = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&pause, NULL);
}

/* `count` running jobs, one thread in abc_job_wait on each; returns once the threads had time to
 * start waiting (a generous pause: nothing asserted depends on its length but the GET count). */
static void threads_start(thread_batch *b, int count, const char *prefix, int cancel_first) {
    memset(b, 0, sizeof *b);
    b->workspace = fixture_workspace(&emulator);
    for (int i = 0; i < count; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s-%d", prefix, i);
        b->waits[i].job = start_running_job(b->workspace, name);
        b->waits[i].job_id = abc_job_id(b->waits[i].job);
        if (i == 0 && cancel_first)
            assert_int_equal(abc_cancel_token_new(&b->waits[i].cancel, NULL), ABC_OK);
    }
    b->count = count;
    for (int i = 0; i < count; i++)
        pthread_create(&b->waits[i].thread, NULL, thread_wait_run, &b->waits[i]);
    sleep_ms(1500);
}

static void threads_join(thread_batch *b, int from) {
    for (int i = from; i < b->count; i++)
        pthread_join(b->waits[i].thread, NULL);
}

static void threads_free(thread_batch *b) {
    for (int i = 0; i < b->count; i++) {
        abc_job_free(b->waits[i].job);
        abc_cancel_token_free(b->waits[i].cancel);
    }
    abc_workspace_free(b->workspace);
}

/* Every thread's wait ended OK with its job in `state`. */
static void threads_expect(const thread_batch *b, int from, abc_job_state state) {
    for (int i = from; i < b->count; i++) {
        assert_int_equal(b->waits[i].status, ABC_OK);
        assert_int_equal(abc_job_status(b->waits[i].job), state);
    }
}

/* The listing fails with `status` (more times than the retries): the jobs of a waiter and the jobs
 * of threads in abc_job_wait are polled one by one. */
static void expect_fallback_on(int status) {
    batch b;
    batch_start(&b, 3, "fallback");
    thread_batch threads;
    threads_start(&threads, 3, "threads-fallback", 0);
    const long gets_before = fixture_stat(&emulator, "GET /jobs/{id}");
    fixture_add_fault(&emulator, "GET", "/v1/jobs", "status", status, -1, 0, 20);
    for (int i = 0; i < b.count; i++) {
        complete_job(abc_job_id(b.jobs[i]), "succeeded");
        complete_job(threads.waits[i].job_id, "succeeded");
    }
    batch_expect_all_reported(&b, ABC_JOB_STATE_SUCCEEDED);
    threads_join(&threads, 0);
    threads_expect(&threads, 0, ABC_JOB_STATE_SUCCEEDED);
    assert_true(fixture_stat(&emulator, "GET /jobs/{id}") >= gets_before + b.count + threads.count);
    long http = 0;
    free(emulator_request(&emulator, "DELETE", "/_emulator/faults", NULL, &http));
    threads_free(&threads);
    batch_free(&b);
}

static void test_fallback_on_403(void **state) {
    (void)state;
    expect_fallback_on(403);
}

static void test_fallback_on_404(void **state) {
    (void)state;
    expect_fallback_on(404);
}

static void test_fallback_on_503(void **state) {
    (void)state;
    expect_fallback_on(503);
}

/* `count` threads wait while their jobs run and end in the same second: the shared feed reports
 * every one, with at most one GET /jobs/{id} (a thread left alone by the others' ends polls). */
static void expect_threads_followed_by_the_feed(int count, const char *prefix) {
    thread_batch b;
    threads_start(&b, count, prefix, 0);
    const long gets_before = fixture_stat(&emulator, "GET /jobs/{id}");
    const long lists_before = fixture_stat(&emulator, "GET /jobs");
    for (int i = 0; i < count; i++)
        complete_job(b.waits[i].job_id, "succeeded");
    threads_join(&b, 0);
    threads_expect(&b, 0, ABC_JOB_STATE_SUCCEEDED);
    assert_true(fixture_stat(&emulator, "GET /jobs/{id}") <= gets_before + 1);
    assert_true(fixture_stat(&emulator, "GET /jobs") > lists_before);
    threads_free(&b);
}

static void test_threads_jobs_finishing_in_the_same_second(void **state) {
    (void)state;
    expect_threads_followed_by_the_feed(kMaxThreads, "threads-same-second");
}

static void test_threads_under_skewed_clocks(void **state) {
    (void)state;
    set_clock_offset(-10LL * 60 * 1000);
    expect_threads_followed_by_the_feed(4, "threads-skew-behind");
    set_clock_offset(7LL * 60 * 1000);
    expect_threads_followed_by_the_feed(4, "threads-skew-ahead");
    set_clock_offset(0);
}

/* A job waited for alone keeps its own GET /jobs/{id}; no listing. */
static void test_a_single_waited_job_is_polled_alone(void **state) {
    (void)state;
    thread_batch b;
    const long lists_before = fixture_stat(&emulator, "GET /jobs");
    const long gets_before = fixture_stat(&emulator, "GET /jobs/{id}");
    threads_start(&b, 1, "threads-alone", 0);
    complete_job(b.waits[0].job_id, "succeeded");
    threads_join(&b, 0);
    threads_expect(&b, 0, ABC_JOB_STATE_SUCCEEDED);
    assert_true(fixture_stat(&emulator, "GET /jobs/{id}") > gets_before);
    assert_int_equal(fixture_stat(&emulator, "GET /jobs"), lists_before);
    threads_free(&b);
}

/* A job started and ended between two rounds (two changes the feed never saw one by one), beside
 * jobs that ended failed. */
static void test_threads_job_changing_twice_between_rounds(void **state) {
    (void)state;
    thread_batch b;
    threads_start(&b, 3, "threads-twice", 0);
    b.waits[3].job = start_running_job(b.workspace, "threads-twice-late");
    b.waits[3].job_id = abc_job_id(b.waits[3].job);
    complete_job(b.waits[3].job_id, "failed");
    pthread_create(&b.waits[3].thread, NULL, thread_wait_run, &b.waits[3]);
    b.count = 4;
    for (int i = 0; i < 3; i++)
        complete_job(b.waits[i].job_id, "failed");
    threads_join(&b, 0);
    threads_expect(&b, 0, ABC_JOB_STATE_FAILED);
    threads_free(&b);
}

/* One thread's wait is cancelled; the others go on and see their jobs end. */
static void test_threads_one_cancelled_others_continue(void **state) {
    (void)state;
    thread_batch b;
    threads_start(&b, 3, "threads-cancel", 1);
    abc_cancel_token_cancel(b.waits[0].cancel);
    pthread_join(b.waits[0].thread, NULL);
    assert_int_equal(b.waits[0].status, ABC_ERROR_CANCELLED);
    assert_int_equal(abc_job_status(b.waits[0].job), ABC_JOB_STATE_RUNNING);
    for (int i = 1; i < b.count; i++)
        complete_job(b.waits[i].job_id, "succeeded");
    threads_join(&b, 1);
    threads_expect(&b, 1, ABC_JOB_STATE_SUCCEEDED);
    threads_free(&b);
}

static void set_rate_limit(int per_second) {
    char body[64];
    snprintf(body, sizeof body, "{\"perSecond\":%d,\"retryAfter\":1}", per_second);
    free(emulator_post_ok(&emulator, "/_emulator/rate-limit", body));
}

static void test_request_rate_option_checks_its_value(void **state) {
    (void)state;
    abc_options *options = fixture_options(&emulator);
    ABC_EXPECT(abc_options_set_request_rate(options, -1, error), ABC_ERROR_INVALID_ARGUMENT,
               "requests_per_second", NULL);
    assert_int_equal(abc_options_set_request_rate(options, NAN, NULL), ABC_ERROR_INVALID_ARGUMENT);
    assert_int_equal(abc_options_set_request_rate(NULL, 1, NULL), ABC_ERROR_INVALID_ARGUMENT);
    assert_int_equal(abc_options_set_request_rate(options, 4, NULL), ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    double rate = 0;
    int64_t limited = -1, paused = -1, delayed = -1;
    assert_int_equal(
        abc_workspace_request_budget(&rate, &limited, &paused, &delayed, workspace, NULL), ABC_OK);
    assert_true(rate == 4);
    assert_int_equal(limited, 0);
    assert_int_equal(paused, 0);
    assert_int_equal(abc_workspace_request_budget(NULL, NULL, NULL, NULL, NULL, NULL),
                     ABC_ERROR_INVALID_ARGUMENT);
    abc_workspace_free(workspace); /* fixture_workspace_with() freed the options */
}

/* A budget under the server's limit: requests are paced, none is refused. */
static void test_budget_under_the_limit_gets_no_429(void **state) {
    (void)state;
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_request_rate(options, 4, NULL), ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    set_rate_limit(5);
    for (int i = 0; i < 12; i++)
        assert_int_equal(abc_workspace_connect(workspace, NULL), ABC_OK);
    int64_t limited = -1, delayed = 0;
    assert_int_equal(abc_workspace_request_budget(NULL, &limited, NULL, &delayed, workspace, NULL),
                     ABC_OK);
    assert_int_equal(limited, 0);
    assert_true(delayed > 0);
    set_rate_limit(0);
    abc_workspace_free(workspace); /* fixture_workspace_with() freed the options */
}

/* No budget: the server's 429s reach the client, which pauses and still gets every answer. */
static void test_429_pauses_the_client_and_is_counted(void **state) {
    (void)state;
    abc_workspace *workspace = fixture_workspace(&emulator);
    set_rate_limit(3);
    for (int i = 0; i < 8; i++)
        assert_int_equal(abc_workspace_connect(workspace, NULL), ABC_OK);
    int64_t limited = 0;
    assert_int_equal(abc_workspace_request_budget(NULL, &limited, NULL, NULL, workspace, NULL),
                     ABC_OK);
    assert_true(limited >= 1);
    set_rate_limit(0);
    abc_workspace_free(workspace);
}

/* Counts the debug lines that say a budget is shared, and any line carrying the API key. */
typedef struct budget_log {
    int shared;
    int secret;
} budget_log;

static void count_budget_lines(abc_log_level level, const char *message, void *user_data) {
    budget_log *log = user_data;
    if (level == ABC_LOG_DEBUG && strstr(message, "request budget: shared") != NULL)
        log->shared++;
    if (strstr(message, emulator.api_key) != NULL)
        log->secret++;
}

static abc_workspace *workspace_with_token(const char *token, double rate, budget_log *log) {
    abc_options *options = fixture_options(&emulator);
    if (token != NULL)
        assert_int_equal(abc_options_set_bearer_token(options, token, NULL), ABC_OK);
    if (log != NULL)
        assert_int_equal(
            abc_options_set_log_callback(options, count_budget_lines, log, ABC_LOG_DEBUG, NULL),
            ABC_OK);
    assert_int_equal(abc_options_set_request_rate(options, rate, NULL), ABC_OK);
    return fixture_workspace_with(&emulator, options); /* frees the options */
}

static void *connect_ten_times(void *workspace) {
    for (int i = 0; i < 10; i++)
        abc_workspace_connect(workspace, NULL);
    return NULL;
}

static long rate_limit_refused(void) {
    long http = 0;
    char *response = emulator_request(&emulator, "GET", "/_emulator/rate-limit", NULL, &http);
    assert_int_equal(http, 200);
    const char *field = response != NULL ? strstr(response, "\"refused\":") : NULL;
    assert_non_null(field);
    const long refused = atol(field + strlen("\"refused\":"));
    free(response);
    return refused;
}

/* Two handles with the same token share one budget: together they stay under a server limit that
 * each alone would respect but both at once would pass, and one handle's getter shows the
 * other's waits. A handle with another token has a budget of its own. */
static void test_handles_with_one_token_share_the_budget(void **state) {
    (void)state;
    budget_log log = {0, 0};
    abc_workspace *first = workspace_with_token(NULL, 5, NULL);
    abc_workspace *second = workspace_with_token(NULL, 5, &log);
    abc_workspace *other = workspace_with_token("another-token", 5, NULL);
    assert_int_equal(log.shared, 1); /* the debug log says so, without the key */
    set_rate_limit(7);
    const long refused_before = rate_limit_refused();
    pthread_t threads[2];
    pthread_create(&threads[0], NULL, connect_ten_times, first);
    pthread_create(&threads[1], NULL, connect_ten_times, second);
    for (int i = 0; i < 2; i++)
        pthread_join(threads[i], NULL);
    assert_int_equal(rate_limit_refused(), refused_before); /* 5/s together, not 10/s */
    int64_t first_limited = -1, second_limited = -2, first_delayed = 0, second_delayed = 0,
            other_delayed = -1;
    assert_int_equal(
        abc_workspace_request_budget(NULL, &first_limited, NULL, &first_delayed, first, NULL),
        ABC_OK);
    assert_int_equal(
        abc_workspace_request_budget(NULL, &second_limited, NULL, &second_delayed, second, NULL),
        ABC_OK);
    assert_int_equal(abc_workspace_request_budget(NULL, NULL, NULL, &other_delayed, other, NULL),
                     ABC_OK);
    assert_true(first_delayed > 0);
    assert_int_equal(first_delayed, second_delayed);
    assert_int_equal(first_limited, second_limited);
    assert_int_equal(other_delayed, 0);
    assert_int_equal(log.secret, 0);
    set_rate_limit(0);
    abc_workspace_free(first);
    abc_workspace_free(second);
    abc_workspace_free(other);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jobs_finishing_in_the_same_second),
        cmocka_unit_test(test_job_changing_twice_between_rounds),
        cmocka_unit_test(test_server_clock_behind_the_client),
        cmocka_unit_test(test_server_clock_ahead_of_the_client),
        cmocka_unit_test(test_pages_of_changes),
        cmocka_unit_test(test_fallback_on_403),
        cmocka_unit_test(test_fallback_on_404),
        cmocka_unit_test(test_fallback_on_503),
        cmocka_unit_test(test_threads_jobs_finishing_in_the_same_second),
        cmocka_unit_test(test_threads_under_skewed_clocks),
        cmocka_unit_test(test_a_single_waited_job_is_polled_alone),
        cmocka_unit_test(test_threads_job_changing_twice_between_rounds),
        cmocka_unit_test(test_threads_one_cancelled_others_continue),
        cmocka_unit_test(test_request_rate_option_checks_its_value),
        cmocka_unit_test(test_budget_under_the_limit_gets_no_429),
        cmocka_unit_test(test_429_pauses_the_client_and_is_counted),
        cmocka_unit_test(test_handles_with_one_token_share_the_budget),
    };
    return cmocka_run_group_tests_name("core.change_feed", tests, emulator_group_start,
                                       emulator_group_stop);
}
