/* Jobs in simulated time: lifecycle fields, ordering and filters, 409 on a second sync, cancel,
 * job types, admin completion and per-connection behaviour. */
#include "emulator_test.h"

#include <time.h>

#include <stdio.h>
#include <string.h>

static cJSON *get_job(int64_t id) {
    http_result result = api_get(&emulator, fmt("/v1/jobs/%lld", (long long)id), 200);
    cJSON *job = result.json;
    result.json = NULL;
    http_result_free(&result);
    return job;
}

static void test_lifecycle_fields(void **state) {
    (void)state;
    char connection[64];
    int64_t id = start_simple_job(&emulator, "succeeded", 3000, "sync", connection);
    assert_true(id > 0);
    cJSON *job = get_job(id);
    /* Pending: startTime set, no duration, no lastUpdatedAt. */
    assert_string_equal(json_text(job, "status"), "pending");
    assert_string_equal(json_text(job, "jobType"), "sync");
    assert_string_equal(json_text(job, "connectionId"), connection);
    assert_int_equal(strlen(json_text(job, "startTime")), 20); /* 2023-03-25T01:30:50Z */
    assert_false(json_has(job, "duration"));
    assert_false(json_has(job, "lastUpdatedAt"));
    cJSON_Delete(job);

    cJSON *running = wait_for_job(&emulator, id, "running", 2000);
    assert_true(json_has(running, "duration"));
    assert_false(json_has(running, "lastUpdatedAt"));
    double early_rows = json_number(running, "rowsSynced");
    cJSON_Delete(running);
    test_sleep_ms(600);
    cJSON *later = get_job(id);
    assert_string_equal(json_text(later, "status"), "running");
    assert_true(json_number(later, "rowsSynced") > early_rows); /* grows while running */
    cJSON_Delete(later);

    cJSON *done = wait_for_job(&emulator, id, "succeeded", 8000);
    assert_true(json_has(done, "lastUpdatedAt"));
    assert_string_equal(json_text(done, "duration"), "PT3S");
    assert_int_equal((int)json_number(done, "rowsSynced"),
                     10 + 100 + 10); /* users, products, purchases */
    assert_true(json_number(done, "bytesSynced") > json_number(done, "rowsSynced"));
    cJSON_Delete(done);
}

static void test_second_sync_is_409(void **state) {
    (void)state;
    char connection[64];
    int64_t first = start_simple_job(&emulator, "succeeded", 600, "sync", connection);
    http_result second =
        api_call(&emulator, "POST", "/v1/jobs",
                 fmt("{\"connectionId\":\"%s\",\"jobType\":\"sync\"}", connection));
    expect_problem(&second, 409, "try-again-later");
    assert_non_null(strstr(json_text(second.json, "type"), "#try-again-later"));
    http_result_free(&second);
    /* A reset conflicts too; once the first job is over, a new sync is accepted. */
    second = api_call(&emulator, "POST", "/v1/jobs",
                      fmt("{\"connectionId\":\"%s\",\"jobType\":\"reset\"}", connection));
    expect_status(&second, 409);
    http_result_free(&second);
    cJSON_Delete(wait_for_job(&emulator, first, "succeeded", 5000));
    int64_t next = start_job(&emulator, connection, "sync");
    assert_true(next > first);
}

/* POST /_emulator/clock shifts every timestamp, the listing's time filters follow it. */
static void test_clock_shift(void **state) {
    (void)state;
    http_result bad = http_call(&emulator, "POST", "/_emulator/clock", AUTH_NONE, "application/json", "{\"offsetMs\":\"soon\"}");
    expect_status(&bad, 400);
    http_result_free(&bad);
    http_result set = http_call(&emulator, "POST", "/_emulator/clock", AUTH_NONE, "application/json",
                                "{\"offsetMs\":-7200000}");
    expect_status(&set, 200);
    assert_int_equal((long long)json_number(set.json, "offsetMs"), -7200000LL);
    http_result_free(&set);
    char connection_id[64];
    make_simple_connection(&emulator, "succeeded", 100, connection_id);
    const int64_t job_id = start_job(&emulator, connection_id, "sync");
    cJSON *job = wait_for_job(&emulator, job_id, "succeeded", 10000);
    /* Two hours behind: the job is not updated after one hour ago by the shifted clock... */
    time_t now = time(NULL);
    char since[32], since_earlier[32];
    strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", gmtime(&(time_t){now - 3600}));
    strftime(since_earlier, sizeof since_earlier, "%Y-%m-%dT%H:%M:%SZ", gmtime(&(time_t){now - 3 * 3600}));
    http_result later = api_get(
        &emulator, fmt("/v1/jobs?connectionId=%s&updatedAtStart=%s", connection_id, since), 200);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(later.json, "data")), 0);
    http_result_free(&later);
    /* ...but since three hours ago, and its lastUpdatedAt is on the shifted clock. */
    http_result earlier = api_call(&emulator, "GET",
                                   fmt("/v1/jobs?connectionId=%s&updatedAtStart=%s&orderBy=updatedAt|ASC", connection_id, since_earlier), NULL);
    expect_status(&earlier, 200);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(earlier.json, "data")), 1);
    assert_true(strcmp(json_text(job, "lastUpdatedAt"), since) < 0);
    http_result_free(&earlier);
    cJSON_Delete(job);
    http_result reset = http_call(&emulator, "POST", "/_emulator/clock", AUTH_NONE, "application/json", "{\"offsetMs\":0}");
    expect_status(&reset, 200);
    http_result_free(&reset);
}

static void test_cancel(void **state) {
    (void)state;
    char connection[64];
    int64_t id = start_simple_job(&emulator, "running", 0, "sync", connection);
    cJSON_Delete(wait_for_job(&emulator, id, "running", 2000));
    http_result cancelled =
        api_call(&emulator, "DELETE", fmt("/v1/jobs/%lld", (long long)id), NULL);
    expect_status(&cancelled, 200);
    assert_string_equal(json_text(cancelled.json, "status"), "cancelled");
    assert_true(json_has(cancelled.json, "lastUpdatedAt"));
    http_result_free(&cancelled);
    cJSON *job = get_job(id);
    assert_string_equal(json_text(job, "status"), "cancelled");
    cJSON_Delete(job);
    /* Cancelling a finished job is a state conflict; an unknown job is 404. */
    http_result again = api_call(&emulator, "DELETE", fmt("/v1/jobs/%lld", (long long)id), NULL);
    expect_problem(&again, 409, "state-conflict");
    http_result_free(&again);
    http_result missing = api_call(&emulator, "DELETE", "/v1/jobs/999999", NULL);
    expect_problem(&missing, 404, "resource-not-found");
    http_result_free(&missing);
    /* The connection is free again. */
    assert_true(start_job(&emulator, connection, "sync") > id);
}

static void test_job_types(void **state) {
    (void)state;
    char connection[64];
    int64_t reset = start_simple_job(&emulator, "succeeded", 0, "reset", connection);
    cJSON *job = wait_for_job(&emulator, reset, "succeeded", 3000);
    assert_string_equal(json_text(job, "jobType"), "reset");
    cJSON_Delete(job);
    int64_t clear = start_job(&emulator, connection, "clear");
    cJSON_Delete(wait_for_job(&emulator, clear, "succeeded", 3000));
    http_result refresh =
        api_call(&emulator, "POST", "/v1/jobs",
                 fmt("{\"connectionId\":\"%s\",\"jobType\":\"refresh\"}", connection));
    expect_problem(&refresh, 422, "unprocessable-entity");
    http_result_free(&refresh);
    http_result unknown =
        api_call(&emulator, "POST", "/v1/jobs",
                 fmt("{\"connectionId\":\"%s\",\"jobType\":\"resync\"}", connection));
    expect_problem(&unknown, 400, "bad-request");
    http_result_free(&unknown);
}

static void test_outcomes(void **state) {
    (void)state;
    const char *outcomes[] = {"failed", "incomplete", "cancelled", "succeeded"};
    for (int i = 0; i < 4; i++) {
        char connection[64];
        int64_t id = start_simple_job(&emulator, outcomes[i], 100, "sync", connection);
        cJSON *job = wait_for_job(&emulator, id, outcomes[i], 3000);
        /* lastUpdatedAt only for failed/cancelled/succeeded, as the real JobResponseMapper. */
        assert_int_equal(json_has(job, "lastUpdatedAt"), strcmp(outcomes[i], "incomplete") != 0);
        if (strcmp(outcomes[i], "failed") == 0)
            assert_int_equal((int)json_number(job, "rowsSynced"), 0);
        cJSON_Delete(job);
    }
}

static void test_admin_complete_and_job_list(void **state) {
    (void)state;
    char connection[64];
    int64_t id = start_simple_job(&emulator, "running", 0, "sync", connection);
    http_result completed =
        http_call(&emulator, "POST", fmt("/_emulator/jobs/%lld/complete", (long long)id), AUTH_NONE,
                  NULL, "{\"status\":\"failed\"}");
    expect_status(&completed, 200);
    assert_string_equal(json_text(completed.json, "status"), "failed");
    http_result_free(&completed);
    cJSON *job = get_job(id);
    assert_string_equal(json_text(job, "status"), "failed");
    cJSON_Delete(job);
    http_result bad =
        http_call(&emulator, "POST", fmt("/_emulator/jobs/%lld/complete", (long long)id), AUTH_NONE,
                  NULL, "{\"status\":\"pending\"}");
    expect_status(&bad, 400);
    http_result_free(&bad);

    http_result all = http_call(&emulator, "GET", "/_emulator/jobs", AUTH_NONE, NULL, NULL);
    expect_status(&all, 200);
    assert_true(cJSON_IsArray(all.json));
    int found = 0;
    const cJSON *item = NULL;
    cJSON_ArrayForEach(item, all.json) {
        if ((int64_t)json_number(item, "jobId") == id) {
            found = 1;
            assert_string_equal(json_text(item, "outcome"), "running");
            assert_string_equal(json_text(item, "workspaceId"), emulator.workspace_id);
        }
    }
    assert_true(found);
    http_result_free(&all);
}

static int64_t ids_of(const http_result *result, int64_t out[], int max) {
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(result->json, "data");
    int n = 0;
    const cJSON *item = NULL;
    cJSON_ArrayForEach(item, data) {
        if (n < max)
            out[n++] = (int64_t)json_number(item, "jobId");
    }
    return n;
}

static void test_ordering_and_filters(void **state) {
    (void)state;
    char first_connection[64], second_connection[64];
    make_simple_connection(&emulator, "succeeded", 0, first_connection);
    make_simple_connection(&emulator, "failed", 0, second_connection);
    int64_t a = start_job(&emulator, first_connection, "sync");
    cJSON_Delete(wait_for_job(&emulator, a, "succeeded", 3000));
    test_sleep_ms(1100); /* distinct createdAt seconds are not needed, but distinct ms are */
    int64_t b = start_job(&emulator, second_connection, "sync");
    cJSON_Delete(wait_for_job(&emulator, b, "failed", 3000));
    int64_t c = start_job(&emulator, first_connection, "reset");
    cJSON_Delete(wait_for_job(&emulator, c, "succeeded", 3000));

    int64_t ids[16];
    /* Default order: createdAt ASC (oldest first). */
    http_result list = api_call(
        &emulator, "GET", fmt("/v1/jobs?workspaceIds=%s&limit=100", emulator.workspace_id), NULL);
    expect_status(&list, 200);
    int n = (int)ids_of(&list, ids, 16);
    assert_true(n >= 3);
    for (int i = 1; i < n; i++)
        assert_true(ids[i] > ids[i - 1]);
    http_result_free(&list);

    list = api_call(&emulator, "GET", "/v1/jobs?orderBy=createdAt%7CDESC&limit=100", NULL);
    expect_status(&list, 200);
    n = (int)ids_of(&list, ids, 16);
    for (int i = 1; i < n; i++)
        assert_true(ids[i] < ids[i - 1]);
    assert_int_equal(ids[0], c);
    http_result_free(&list);

    list = api_call(&emulator, "GET", "/v1/jobs?orderBy=updatedAt%7CDESC&limit=1", NULL);
    expect_status(&list, 200);
    assert_int_equal(ids_of(&list, ids, 16), 1);
    assert_int_equal(ids[0], c);
    http_result_free(&list);

    list = api_call(&emulator, "GET", fmt("/v1/jobs?connectionId=%s", first_connection), NULL);
    n = (int)ids_of(&list, ids, 16);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], a);
    assert_int_equal(ids[1], c);
    http_result_free(&list);

    list = api_call(&emulator, "GET",
                    fmt("/v1/jobs?connectionId=%s&jobType=reset", first_connection), NULL);
    assert_int_equal(ids_of(&list, ids, 16), 1);
    assert_int_equal(ids[0], c);
    http_result_free(&list);

    list = api_call(&emulator, "GET", "/v1/jobs?status=failed&limit=100", NULL);
    n = (int)ids_of(&list, ids, 16);
    assert_true(n >= 1);
    for (int i = 0; i < n; i++)
        assert_true(ids[i] != a && ids[i] != c);
    http_result_free(&list);

    list = api_call(
        &emulator, "GET",
        "/v1/jobs?createdAtStart=2000-01-01T00:00:00Z&createdAtEnd=2000-12-31T00:00:00Z", NULL);
    expect_status(&list, 200);
    assert_int_equal(ids_of(&list, ids, 16), 0);
    http_result_free(&list);

    list = api_call(&emulator, "GET",
                    "/v1/"
                    "jobs?createdAtStart=2000-01-01T00:00:00Z&updatedAtEnd=2999-01-01T00:00:00%"
                    "2B02:00&limit=100",
                    NULL);
    expect_status(&list, 200);
    assert_true(ids_of(&list, ids, 16) >= 3);
    http_result_free(&list);

    const char *bad[] = {"/v1/jobs?orderBy=createdAt",       "/v1/jobs?orderBy=createdAt%7Cdesc",
                         "/v1/jobs?orderBy=id%7CASC",        "/v1/jobs?status=done",
                         "/v1/jobs?jobType=refreshes",       "/v1/jobs?createdAtStart=yesterday",
                         "/v1/jobs?connectionId=not-a-uuid", "/v1/jobs?workspaceIds=nope"};
    expect_bad_gets(&emulator, bad, sizeof bad / sizeof bad[0], NULL);
}

static void test_ids_increase_and_stats_count(void **state) {
    (void)state;
    http_result before = http_call(&emulator, "GET", "/_emulator/stats", AUTH_NONE, NULL, NULL);
    double created_before = json_number(before.json, "jobsCreated");
    http_result_free(&before);
    char connection[64];
    int64_t first = start_simple_job(&emulator, "succeeded", 0, "sync", connection);
    cJSON_Delete(wait_for_job(&emulator, first, "succeeded", 3000));
    int64_t second = start_job(&emulator, connection, "sync");
    assert_int_equal(second, first + 1);
    http_result after = http_call(&emulator, "GET", "/_emulator/stats", AUTH_NONE, NULL, NULL);
    assert_int_equal((int)json_number(after.json, "jobsCreated"), (int)created_before + 2);
    const cJSON *routes = cJSON_GetObjectItemCaseSensitive(after.json, "routes");
    assert_true(json_number(routes, "POST /jobs") >= 2);
    assert_true(json_number(routes, "GET /jobs/{id}") >= 1);
    http_result_free(&after);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lifecycle_fields),
        cmocka_unit_test(test_second_sync_is_409),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_job_types),
        cmocka_unit_test(test_outcomes),
        cmocka_unit_test(test_admin_complete_and_job_list),
        cmocka_unit_test(test_ordering_and_filters),
        cmocka_unit_test(test_ids_increase_and_stats_count),
        /* Last: its job was created on a shifted clock, out of createdAt order. */
        cmocka_unit_test(test_clock_shift),
    };
    return cmocka_run_group_tests(tests, emulator_group_start, emulator_group_stop);
}
