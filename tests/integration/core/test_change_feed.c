/* Integration tests of issue 18. The waiter's change feed: several jobs of one workspace are
 * followed through GET /jobs?workspaceIds=&updatedAtStart=&orderBy=updatedAt|ASC, not through a
 * GET /jobs/{id} per job. The request budget: its option, its getter, a 429 pausing the client.
 * Correctness only: no timing is asserted. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka.h needs the four headers above first. */
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    abc_sync_options *no_wait = fixture_no_wait_options();
    abc_job *job = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, no_wait, NULL), ABC_OK);
    abc_sync_options_free(no_wait);
    return job;
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

static void complete_job(const abc_job *job, const char *status) {
    char path[128], body[64];
    snprintf(path, sizeof path, "/_emulator/jobs/%lld/complete", (long long)abc_job_id(job));
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
    long http = 0;
    char *response = emulator_request(&emulator, "POST", "/_emulator/clock", body, &http);
    if (http != 200)
        fail_msg("clock -> %ld: %s", http, response ? response : "");
    free(response);
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
    for (int i = 0; i < b.count; i++) complete_job(b.jobs[i], "succeeded");
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
    complete_job(b.jobs[3], "failed");
    complete_job(b.jobs[0], "failed");
    complete_job(b.jobs[1], "failed");
    complete_job(b.jobs[2], "failed");
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

/* The listing fails with `status` (more times than the retries): the jobs are polled one by one. */
static void expect_fallback_on(int status) {
    batch b;
    batch_start(&b, 3, "fallback");
    const long gets_before = fixture_stat(&emulator, "GET /jobs/{id}");
    fixture_add_fault(&emulator, "GET", "/v1/jobs", "status", status, -1, 0, 10);
    for (int i = 0; i < b.count; i++)
        complete_job(b.jobs[i], "succeeded");
    batch_expect_all_reported(&b, ABC_JOB_STATE_SUCCEEDED);
    assert_true(fixture_stat(&emulator, "GET /jobs/{id}") >= gets_before + b.count);
    long http = 0;
    free(emulator_request(&emulator, "DELETE", "/_emulator/faults", NULL, &http));
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

static void set_rate_limit(int per_second) {
    char body[64];
    snprintf(body, sizeof body, "{\"perSecond\":%d,\"retryAfter\":1}", per_second);
    long http = 0;
    char *response = emulator_request(&emulator, "POST", "/_emulator/rate-limit", body, &http);
    if (http != 200) fail_msg("rate-limit -> %ld: %s", http, response ? response : "");
    free(response);
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
    assert_int_equal(abc_workspace_request_budget(&rate, &limited, &paused, &delayed, workspace, NULL), ABC_OK);
    assert_true(rate == 4);
    assert_int_equal(limited, 0);
    assert_int_equal(paused, 0);
    assert_int_equal(abc_workspace_request_budget(NULL, NULL, NULL, NULL, NULL, NULL), ABC_ERROR_INVALID_ARGUMENT);
    abc_workspace_free(workspace); /* fixture_workspace_with() freed the options */
}

/* A budget under the server's limit: requests are paced, none is refused. */
static void test_budget_under_the_limit_gets_no_429(void **state) {
    (void)state;
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_request_rate(options, 4, NULL), ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    set_rate_limit(5);
    for (int i = 0; i < 12; i++) assert_int_equal(abc_workspace_connect(workspace, NULL), ABC_OK);
    int64_t limited = -1, delayed = 0;
    assert_int_equal(abc_workspace_request_budget(NULL, &limited, NULL, &delayed, workspace, NULL), ABC_OK);
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
    for (int i = 0; i < 8; i++) assert_int_equal(abc_workspace_connect(workspace, NULL), ABC_OK);
    int64_t limited = 0;
    assert_int_equal(abc_workspace_request_budget(NULL, &limited, NULL, NULL, workspace, NULL), ABC_OK);
    assert_true(limited >= 1);
    set_rate_limit(0);
    abc_workspace_free(workspace);
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
        cmocka_unit_test(test_request_rate_option_checks_its_value),
        cmocka_unit_test(test_budget_under_the_limit_gets_no_429),
        cmocka_unit_test(test_429_pauses_the_client_and_is_counted),
    };
    return cmocka_run_group_tests_name("core.change_feed", tests, emulator_group_start, emulator_group_stop);
}
