/* Injected faults: each kind, counts, ordering, method/path matching, clearing; and that a
 * delayed request does not hold up others. */
#include "emulator_test.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int clear_faults(void **state) {
    (void)state;
    return admin_no_content(&emulator, "DELETE", "/_emulator/faults");
}

static void add_fault(const char *body) {
    http_result result = http_call(&emulator, "POST", "/_emulator/faults", AUTH_NONE, NULL, body);
    expect_status(&result, 201);
    assert_true(json_number(result.json, "id") > 0);
    http_result_free(&result);
}

static const char *workspace_path(void) {
    return fmt("/v1/workspaces/%s", emulator.workspace_id);
}

static void test_rate_limit_with_and_without_retry_after(void **state) {
    (void)state;
    add_fault(
        "{\"method\":\"GET\",\"path\":\"/v1/workspaces/*\",\"kind\":\"status\",\"status\":429}");
    add_fault(
        "{\"method\":\"GET\",\"path\":\"/v1/workspaces/"
        "*\",\"kind\":\"status\",\"status\":429,\"retryAfter\":7}");
    http_result first = api_get(&emulator, workspace_path(), 429);
    assert_string_equal(first.body, "{\"message\": \"You are being rate limited.\"}");
    assert_string_equal(first.retry_after, "");
    http_result second = api_get(&emulator, workspace_path(), 429);
    assert_string_equal(second.retry_after, "7");
    http_result third = api_get(&emulator, workspace_path(), 200);
    http_result_free(&first);
    http_result_free(&second);
    http_result_free(&third);
}

static void test_server_error_statuses(void **state) {
    (void)state;
    const int statuses[] = {500, 502, 503, 504};
    for (int i = 0; i < 4; i++) {
        add_fault(
            fmt("{\"method\":\"*\",\"path\":\"/v1/"
                "jobs\",\"kind\":\"status\",\"status\":%d,\"retryAfter\":1}",
                statuses[i]));
        http_result result = api_get(&emulator, "/v1/jobs", statuses[i]);
        assert_int_equal((int)json_number(result.json, "status"), statuses[i]);
        assert_true(json_text(result.json, "title")[0] != '\0');
        assert_string_equal(result.retry_after, "1");
        http_result_free(&result);
    }
    http_result result = api_get(&emulator, "/v1/jobs", 200);
    http_result_free(&result);
}

static void test_count_order_and_matching(void **state) {
    (void)state;
    add_fault(
        "{\"method\":\"POST\",\"path\":\"/v1/"
        "jobs\",\"kind\":\"status\",\"status\":503,\"count\":5}");
    add_fault("{\"path\":\"/v1/jobs/*\",\"kind\":\"status\",\"status\":500,\"count\":2}");
    add_fault("{\"path\":\"/v1/jobs/*\",\"kind\":\"status\",\"status\":502}");
    /* GET /v1/jobs matches neither: the first is POST-only, the glob needs a '/' after jobs. */
    http_result result = api_get(&emulator, "/v1/jobs", 200);
    http_result_free(&result);
    const int expected[] = {500, 500, 502, 404};
    for (int i = 0; i < 4; i++) {
        result = api_call(&emulator, "GET", "/v1/jobs/424242", NULL);
        expect_status(&result, expected[i]);
        http_result_free(&result);
    }
    http_result list = http_call(&emulator, "GET", "/_emulator/faults", AUTH_NONE, NULL, NULL);
    assert_int_equal(cJSON_GetArraySize(list.json), 1); /* the POST fault, untouched */
    assert_int_equal((int)json_number(cJSON_GetArrayItem(list.json, 0), "count"), 5);
    http_result_free(&list);
    /* Faults never touch the admin API. */
    add_fault("{\"path\":\"*\",\"kind\":\"status\",\"status\":500,\"count\":100}");
    list = http_call(&emulator, "GET", "/_emulator/faults", AUTH_NONE, NULL, NULL);
    expect_status(&list, 200);
    http_result_free(&list);
}

static void test_clear(void **state) {
    (void)state;
    add_fault("{\"path\":\"*\",\"kind\":\"status\",\"status\":500,\"count\":100}");
    http_result result = api_get(&emulator, "/v1/workspaces", 500);
    http_result_free(&result);
    assert_int_equal(clear_faults(NULL), 0);
    result = api_call(&emulator, "GET", "/v1/workspaces", NULL);
    expect_status(&result, 200);
    http_result_free(&result);
}

typedef struct timed_call {
    const char *path;
    http_result result;
} timed_call;

static void *run_call(void *argument) {
    timed_call *call = argument;
    call->result = api_call(&emulator, "GET", call->path, NULL);
    return NULL;
}

static void test_delay_does_not_block_others(void **state) {
    (void)state;
    add_fault(
        "{\"method\":\"GET\",\"path\":\"/v1/workspaces/*\",\"kind\":\"delay\",\"delayMs\":800}");
    timed_call slow = {workspace_path(), {0}};
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, run_call, &slow), 0);
    test_sleep_ms(100);
    http_result quick = api_get(&emulator, "/v1/workspaces", 200);
    assert_true(quick.seconds < 0.4);
    http_result_free(&quick);
    pthread_join(thread, NULL);
    expect_status(&slow.result, 200); /* delayed, then answered normally */
    assert_true(slow.result.seconds >= 0.75);
    http_result_free(&slow.result);
}

static void test_drop(void **state) {
    (void)state;
    add_fault("{\"method\":\"GET\",\"path\":\"/v1/workspaces/*\",\"kind\":\"drop\"}");
    http_result result = api_call(&emulator, "GET", workspace_path(), NULL);
    assert_int_equal(result.status, 0);
    assert_int_equal(result.curl_code, CURLE_GOT_NOTHING);
    http_result_free(&result);
    result = api_call(&emulator, "GET", workspace_path(), NULL);
    expect_status(&result, 200);
    http_result_free(&result);
}

static void test_truncate(void **state) {
    (void)state;
    add_fault("{\"method\":\"GET\",\"path\":\"/v1/workspaces/*\",\"kind\":\"truncate\"}");
    http_result result = api_call(&emulator, "GET", workspace_path(), NULL);
    assert_int_equal(result.curl_code, CURLE_PARTIAL_FILE);
    assert_null(result.json);
    http_result_free(&result);
    result = api_call(&emulator, "GET", workspace_path(), NULL);
    expect_status(&result, 200);
    assert_non_null(result.json);
    http_result_free(&result);
}

static void test_non_json(void **state) {
    (void)state;
    add_fault("{\"method\":\"GET\",\"path\":\"/api/public/v1/*\",\"kind\":\"non_json\"}");
    http_result result = api_get(&emulator, "/api/public/v1/workspaces", 200);
    assert_non_null(strstr(result.content_type, "application/json"));
    assert_string_equal(result.body, "<html>oops</html>");
    http_result_free(&result);
}

static void test_bad_fault_requests(void **state) {
    (void)state;
    const char *bad[] = {"{\"path\":\"/v1/jobs\"}",
                         "{\"path\":\"/v1/jobs\",\"kind\":\"explode\"}",
                         "{\"path\":\"/v1/jobs\",\"kind\":\"status\"}",
                         "{\"path\":\"/v1/jobs\",\"kind\":\"status\",\"status\":200}",
                         "{\"kind\":\"drop\"}",
                         "{\"path\":\"/v1/jobs\",\"kind\":\"drop\",\"count\":0}",
                         "{\"path\":\"/v1/jobs\",\"kind\":\"delay\"}",
                         "[1,2]",
                         "{"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        http_result result =
            http_call(&emulator, "POST", "/_emulator/faults", AUTH_NONE, NULL, bad[i]);
        expect_status(&result, 400);
        http_result_free(&result);
    }
}

static void test_stats_and_reset(void **state) {
    (void)state;
    http_result reset = http_call(&emulator, "POST", "/_emulator/reset", AUTH_NONE, NULL, NULL);
    expect_status(&reset, 204);
    http_result_free(&reset);
    add_fault("{\"path\":\"/v1/jobs\",\"kind\":\"status\",\"status\":503}");
    for (int i = 0; i < 3; i++) {
        http_result result = api_call(&emulator, "GET", "/v1/jobs", NULL);
        http_result_free(&result);
    }
    http_result health = api_call(&emulator, "GET", "/v1/health", NULL);
    http_result_free(&health);
    http_result stats = http_call(&emulator, "GET", "/_emulator/stats", AUTH_NONE, NULL, NULL);
    expect_status(&stats, 200);
    /* Health and admin calls are not counted; a faulted request counts as a request but never
     * reached a route. */
    assert_int_equal((int)json_number(stats.json, "requests"), 3);
    assert_int_equal(
        (int)json_number(cJSON_GetObjectItemCaseSensitive(stats.json, "routes"), "GET /jobs"), 2);
    http_result_free(&stats);
    add_fault("{\"path\":\"*\",\"kind\":\"status\",\"status\":500}");
    reset = http_call(&emulator, "POST", "/_emulator/reset", AUTH_NONE, NULL, NULL);
    http_result_free(&reset);
    stats = http_call(&emulator, "GET", "/_emulator/stats", AUTH_NONE, NULL, NULL);
    assert_int_equal((int)json_number(stats.json, "requests"), 0);
    http_result_free(&stats);
    http_result result =
        api_call(&emulator, "GET", "/v1/jobs", NULL); /* the fault went with the reset */
    expect_status(&result, 200);
    http_result_free(&result);
}

int main(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_rate_limit_with_and_without_retry_after, clear_faults),
        cmocka_unit_test_setup(test_server_error_statuses, clear_faults),
        cmocka_unit_test_setup(test_count_order_and_matching, clear_faults),
        cmocka_unit_test_setup(test_clear, clear_faults),
        cmocka_unit_test_setup(test_delay_does_not_block_others, clear_faults),
        cmocka_unit_test_setup(test_drop, clear_faults),
        cmocka_unit_test_setup(test_truncate, clear_faults),
        cmocka_unit_test_setup(test_non_json, clear_faults),
        cmocka_unit_test_setup(test_bad_fault_requests, clear_faults),
        cmocka_unit_test_setup(test_stats_and_reset, clear_faults),
    };
    int failed = cmocka_run_group_tests(tests, emulator_group_start, emulator_group_stop);
    curl_global_cleanup();
    return failed;
}
