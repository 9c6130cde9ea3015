/* List pagination: limit bounds, offsets past the end, next/previous links (NOTES.md section 3). */
#include "emulator_test.h"

#include <stdio.h>
#include <string.h>

static int reset(void **state) {
    (void)state;
    return admin_no_content(&emulator, "POST", "/_emulator/reset");
}

static void make_sources(int count, char ids[][64]) {
    for (int i = 0; i < count; i++)
        make_faker_source(&emulator, 5, i, ids[i]);
}

static int data_size(const http_result *result) {
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(result->json, "data");
    if (!cJSON_IsArray(data))
        fail_msg("no data array: %s", result->body);
    return cJSON_GetArraySize(data);
}

static const char *item_id(const http_result *result, int index, const char *field) {
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(result->json, "data");
    return json_text(cJSON_GetArrayItem(data, index), field);
}

/* GET `path` with the API key; fails the test unless it answers 200. */
static http_result get_page(const char *path) {
    return api_get(&emulator, path, 200);
}

/* The page's `which` link ("next", "previous") is the emulator's URL followed by `path`, or ""
 * when `path` is "". */
static void expect_link(const http_result *page, const char *which, const char *path) {
    assert_string_equal(json_text(page->json, which),
                        path[0] ? fmt("%s%s", emulator.url, path) : "");
}

static void test_limit_one_and_links(void **state) {
    (void)state;
    char ids[3][64];
    make_sources(3, ids);
    http_result first = get_page("/v1/sources?limit=1");
    assert_int_equal(data_size(&first), 1);
    assert_string_equal(item_id(&first, 0, "sourceId"), ids[0]);
    expect_link(&first, "previous", "");
    expect_link(&first, "next", "/v1/sources?limit=1&offset=1");

    http_result second = get_page("/v1/sources?limit=1&offset=1");
    assert_string_equal(item_id(&second, 0, "sourceId"), ids[1]);
    expect_link(&second, "previous", "/v1/sources?limit=1&offset=0");
    expect_link(&second, "next", "/v1/sources?limit=1&offset=2");
    http_result_free(&first);
    http_result_free(&second);
}

static void test_limit_hundred_and_default_twenty(void **state) {
    (void)state;
    char ids[25][64];
    make_sources(25, ids);
    http_result all = get_page("/v1/sources?limit=100");
    assert_int_equal(data_size(&all), 25);
    for (int i = 0; i < 25; i++)
        assert_string_equal(item_id(&all, i, "sourceId"), ids[i]);
    /* A short last page still has a next link; the client stops on an empty page. */
    expect_link(&all, "next", "/v1/sources?limit=100&offset=100");

    http_result defaults = get_page("/v1/sources");
    assert_int_equal(data_size(&defaults), 20);
    expect_link(&defaults, "next", "/v1/sources?limit=20&offset=20");
    http_result_free(&all);
    http_result_free(&defaults);
}

static void test_limit_out_of_range_is_400(void **state) {
    (void)state;
    const char *bad[] = {"/v1/sources?limit=0",       "/v1/sources?limit=101",
                         "/v1/jobs?limit=0",          "/v1/jobs?limit=101",
                         "/v1/workspaces?limit=0",    "/v1/connections?limit=101",
                         "/v1/destinations?limit=-5", "/v1/sources?limit=ten",
                         "/v1/sources?offset=-1",     "/v1/jobs?offset=x"};
    expect_bad_gets(&emulator, bad, sizeof bad / sizeof bad[0], "\"data\":{\"message\"");
}

static void test_offset_past_end_is_empty(void **state) {
    (void)state;
    char ids[2][64];
    make_sources(2, ids);
    http_result result = get_page("/v1/sources?limit=10&offset=50");
    assert_int_equal(data_size(&result), 0);
    expect_link(&result, "next", "");
    assert_true(json_has(result.json, "next")); /* "" rather than absent, as the real server */
    expect_link(&result, "previous", "/v1/sources?limit=10&offset=40");
    http_result_free(&result);

    result = get_page("/v1/jobs?offset=1000");
    assert_int_equal(data_size(&result), 0);
    expect_link(&result, "next", "");
    http_result_free(&result);
}

static void test_walking_pages_visits_everything_once(void **state) {
    (void)state;
    char ids[7][64];
    make_sources(7, ids);
    int seen = 0;
    for (int offset = 0;; offset += 3) {
        http_result page = get_page(fmt("/v1/sources?limit=3&offset=%d", offset));
        int size = data_size(&page);
        for (int i = 0; i < size; i++)
            assert_string_equal(item_id(&page, i, "sourceId"), ids[seen + i]);
        seen += size;
        http_result_free(&page);
        if (size == 0)
            break;
    }
    assert_int_equal(seen, 7);
}

static void test_job_links_keep_only_type_and_connection(void **state) {
    (void)state;
    char connection[64];
    make_simple_connection(&emulator, "succeeded", 0, connection);
    for (int i = 0; i < 3; i++) {
        int64_t id = start_job(&emulator, connection, "sync");
        cJSON_Delete(wait_for_job(&emulator, id, "succeeded", 5000));
    }
    http_result page =
        get_page(fmt("/v1/jobs?connectionId=%s&jobType=sync&status=succeeded"
                     "&orderBy=createdAt%%7CDESC&limit=2",
                     connection));
    assert_int_equal(data_size(&page), 2);
    expect_link(&page, "next",
                fmt("/v1/jobs?jobType=sync&connectionId=%s&limit=2&offset=2", connection));
    http_result_free(&page);
}

static void test_links_keep_the_self_managed_root(void **state) {
    (void)state;
    char ids[2][64];
    make_sources(2, ids);
    http_result page = get_page("/api/public/v1/sources?limit=1&offset=1");
    assert_string_equal(item_id(&page, 0, "sourceId"), ids[1]);
    expect_link(&page, "next", "/api/public/v1/sources?limit=1&offset=2");
    expect_link(&page, "previous", "/api/public/v1/sources?limit=1&offset=0");
    http_result_free(&page);
}

static void test_workspace_filter_is_carried(void **state) {
    (void)state;
    http_result page =
        get_page(fmt("/v1/workspaces?workspaceIds=%s&limit=1", emulator.workspace_id));
    assert_int_equal(data_size(&page), 1);
    expect_link(&page, "next",
                fmt("/v1/workspaces?workspaceIds=%s&limit=1&offset=1", emulator.workspace_id));
    http_result_free(&page);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_limit_one_and_links, reset),
        cmocka_unit_test_setup(test_limit_hundred_and_default_twenty, reset),
        cmocka_unit_test_setup(test_limit_out_of_range_is_400, reset),
        cmocka_unit_test_setup(test_offset_past_end_is_empty, reset),
        cmocka_unit_test_setup(test_walking_pages_visits_everything_once, reset),
        cmocka_unit_test_setup(test_job_links_keep_only_type_and_connection, reset),
        cmocka_unit_test_setup(test_links_keep_the_self_managed_root, reset),
        cmocka_unit_test_setup(test_workspace_filter_is_carried, reset),
    };
    return cmocka_run_group_tests(tests, emulator_group_start, emulator_group_stop);
}
