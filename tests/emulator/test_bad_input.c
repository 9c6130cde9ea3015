/* Bad input gets problem bodies (400/404/422) and never hurts the server; both API roots; many
 * clients at once. */
#define _POSIX_C_SOURCE 200809L
#include "emulator_test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char source_id[64];
static char destination_id[64];
static char connection_id[64];

static int start(void **state) {
    if (emulator_group_start(state) != 0)
        return -1;
    make_faker_source(&emulator, 5, 1, source_id);
    make_dev_null_destination(&emulator, destination_id);
    make_connection(&emulator, source_id, destination_id, "", connection_id);
    return 0;
}

typedef struct bad_request {
    const char *method;
    const char *path;
    const char *body;
    long status;
    const char *title;
} bad_request;

static void check_all(const bad_request *cases, size_t count) {
    for (size_t i = 0; i < count; i++) {
        http_result result = api_call(&emulator, cases[i].method, cases[i].path, cases[i].body);
        if (result.status != cases[i].status)
            fail_msg("%s %s %s: wanted %ld, got %ld: %s", cases[i].method, cases[i].path,
                     cases[i].body ? cases[i].body : "", cases[i].status, result.status,
                     result.body);
        expect_problem(&result, cases[i].status, cases[i].title);
        http_result_free(&result);
    }
}

static void test_malformed_bodies(void **state) {
    (void)state;
    const bad_request cases[] = {
        {"POST", "/v1/sources", "{\"name\":", 400, "bad-request"},
        {"POST", "/v1/sources", "[1,2,3]", 400, "bad-request"},
        {"POST", "/v1/sources", "{} trailing", 400, "bad-request"},
        {"POST", "/v1/workspaces", NULL, 400, "bad-request"},
        {"POST", "/v1/workspaces", "\"just a string\"", 400, "bad-request"},
        {"PATCH", fmt("/v1/connections/%s", connection_id), "nope", 400, "bad-request"},
        {"POST", "/v1/jobs", "{\"connectionId\":", 400, "bad-request"},
    };
    check_all(cases, sizeof cases / sizeof cases[0]);
}

static void test_wrong_types_and_missing_fields(void **state) {
    (void)state;
    const bad_request cases[] = {
        {"POST", "/v1/workspaces", "{\"name\":5}", 400, "bad-request"},
        {"POST", "/v1/workspaces", "{}", 400, "bad-request"},
        {"POST", "/v1/sources",
         fmt("{\"name\":\"x\",\"workspaceId\":\"%s\",\"configuration\":\"faker\"}",
             emulator.workspace_id),
         400, "bad-request"},
        {"POST", "/v1/sources",
         fmt("{\"name\":\"x\",\"workspaceId\":\"%s\"}", emulator.workspace_id), 400, "bad-request"},
        {"POST", "/v1/sources",
         "{\"name\":\"x\",\"workspaceId\":\"abc\",\"configuration\":{\"sourceType\":\"faker\"}}",
         400, "bad-request"},
        {"POST", "/v1/sources",
         fmt("{\"name\":[],\"workspaceId\":\"%s\",\"configuration\":{\"sourceType\":\"faker\"}}",
             emulator.workspace_id),
         400, "bad-request"},
        {"POST", "/v1/connections", "{}", 400, "bad-request"},
        {"POST", "/v1/connections",
         fmt("{\"sourceId\":\"%s\",\"destinationId\":\"%s\",\"prefix\":1}", source_id,
             destination_id),
         400, "bad-request"},
        {"POST", "/v1/jobs", fmt("{\"connectionId\":\"%s\"}", connection_id), 400, "bad-request"},
        {"POST", "/v1/jobs", "{\"connectionId\":42,\"jobType\":\"sync\"}", 400, "bad-request"},
        {"GET", "/v1/streams", NULL, 400, "bad-request"},
        {"GET", "/v1/sources?includeDeleted=maybe", NULL, 400, "bad-request"},
        /* Configurations the emulator acts upon are checked like the real connector specs. */
        {"POST", "/v1/sources",
         fmt("{\"name\":\"x\",\"workspaceId\":\"%s\",\"configuration\":{\"sourceType\":\"faker\","
             "\"count\":\"ten\"}}",
             emulator.workspace_id),
         422, "unprocessable-entity"},
        {"POST", "/v1/sources",
         fmt("{\"name\":\"x\",\"workspaceId\":\"%s\",\"configuration\":{\"sourceType\":\"faker\","
             "\"count\":0}}",
             emulator.workspace_id),
         422, "unprocessable-entity"},
        {"POST", "/v1/destinations",
         fmt("{\"name\":\"x\",\"workspaceId\":\"%s\",\"configuration\":{\"destinationType\":"
             "\"postgres\",\"host\":\"h\",\"port\":\"5432\",\"database\":\"d\",\"username\":\"u\"}"
             "}",
             emulator.workspace_id),
         422, "unprocessable-entity"},
        {"POST", "/v1/destinations",
         fmt("{\"name\":\"x\",\"workspaceId\":\"%s\",\"configuration\":{\"host\":\"h\"}}",
             emulator.workspace_id),
         422, "unprocessable-entity"},
    };
    check_all(cases, sizeof cases / sizeof cases[0]);
}

static void test_unknown_enum_values(void **state) {
    (void)state;
    const bad_request cases[] = {
        {"POST", "/v1/connections",
         fmt("{\"sourceId\":\"%s\",\"destinationId\":\"%s\",\"namespaceDefinition\":\"nowhere\"}",
             source_id, destination_id),
         400, "bad-request"},
        {"POST", "/v1/connections",
         fmt("{\"sourceId\":\"%s\",\"destinationId\":\"%s\",\"schedule\":{\"scheduleType\":"
             "\"weekly\"}}",
             source_id, destination_id),
         400, "bad-request"},
        {"POST", "/v1/connections",
         fmt("{\"sourceId\":\"%s\",\"destinationId\":\"%s\",\"configurations\":{\"streams\":[{"
             "\"name\":\"users\",\"syncMode\":\"sometimes\"}]}}",
             source_id, destination_id),
         400, "bad-request"},
        {"POST", "/v1/connections",
         fmt("{\"sourceId\":\"%s\",\"destinationId\":\"%s\",\"configurations\":{\"streams\":[{"
             "\"name\":\"employees\"}]}}",
             source_id, destination_id),
         400, "bad-request"},
        {"PATCH", fmt("/v1/connections/%s", connection_id), "{\"status\":\"paused\"}", 400,
         "bad-request"},
        {"PATCH", fmt("/v1/connections/%s", connection_id),
         "{\"nonBreakingSchemaUpdatesBehavior\":\"panic\"}", 400, "bad-request"},
        {"POST", "/v1/jobs", fmt("{\"connectionId\":\"%s\",\"jobType\":\"SYNC\"}", connection_id),
         400, "bad-request"},
        {"GET", "/v1/jobs?status=finished", NULL, 400, "bad-request"},
    };
    check_all(cases, sizeof cases / sizeof cases[0]);
}

static void test_invalid_ids_and_unknown_paths(void **state) {
    (void)state;
    const bad_request cases[] = {
        {"GET", "/v1/sources/not-a-uuid", NULL, 400, "bad-request"},
        {"GET", "/v1/destinations/1234", NULL, 400, "bad-request"},
        {"DELETE", "/v1/connections/xyz", NULL, 400, "bad-request"},
        {"GET", "/v1/workspaces/0000", NULL, 400, "bad-request"},
        {"GET", "/v1/jobs/abc", NULL, 400, "bad-request"},
        {"GET", "/v1/jobs/99999999999999999999999", NULL, 400, "bad-request"},
        {"GET", "/v1/streams?sourceId=nope", NULL, 400, "bad-request"},
        {"GET", "/v1/sources/7d6c9a4e-1111-4222-8333-944455556666", NULL, 404,
         "resource-not-found"},
        {"GET", "/v1/connections/7d6c9a4e-1111-4222-8333-944455556666", NULL, 404,
         "resource-not-found"},
        {"GET", "/v1/jobs/31337", NULL, 404, "resource-not-found"},
        {"GET", "/v1/streams?sourceId=7d6c9a4e-1111-4222-8333-944455556666", NULL, 404,
         "resource-not-found"},
        {"GET", "/v1/nothing", NULL, 404, "resource-not-found"},
        {"GET", "/v1/sources/a/b/c", NULL, 404, "resource-not-found"},
        {"GET", "/v2/sources", NULL, 404, "resource-not-found"},
        {"GET", "/", NULL, 404, "resource-not-found"},
        {"POST", "/v1/health", "{}", 404, "resource-not-found"},
        {"PUT", "/v1/jobs", "{}", 404, "resource-not-found"},
        {"GET", "/_emulator/nothing", NULL, 404, "resource-not-found"},
    };
    check_all(cases, sizeof cases / sizeof cases[0]);
    http_result result =
        api_call(&emulator, "GET", "/v1/sources/7d6c9a4e-1111-4222-8333-944455556666", NULL);
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(result.json, "data");
    assert_string_equal(json_text(data, "resourceType"), "source");
    assert_string_equal(json_text(data, "resourceId"), "7d6c9a4e-1111-4222-8333-944455556666");
    http_result_free(&result);
}

/* Raw bytes that are not HTTP at all. */
static void test_garbage_on_the_socket(void **state) {
    (void)state;
    const char *payloads[] = {"GARBAGE\r\n\r\n", "GET /v1/jobs HTTP/9.9\r\nHost: x\r\n\r\n",
                              "POST /v1/sources HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
                              "\x01\x02\x03\r\n\r\n"};
    for (size_t i = 0; i < sizeof payloads / sizeof payloads[0]; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in address;
        memset(&address, 0, sizeof address);
        address.sin_family = AF_INET;
        address.sin_port = htons((unsigned short)emulator.port);
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
        assert_int_equal(connect(fd, (struct sockaddr *)&address, sizeof address), 0);
        assert_true(write(fd, payloads[i], strlen(payloads[i])) > 0);
        shutdown(fd, SHUT_WR);
        char reply[256] = "";
        ssize_t got = read(fd, reply, sizeof reply - 1);
        (void)got;
        close(fd);
    }
    http_result health = api_get(&emulator, "/v1/health", 200);
    http_result_free(&health);
}

static void test_both_roots(void **state) {
    (void)state;
    const char *roots[] = {"/v1", "/api/public/v1"};
    for (int i = 0; i < 2; i++) {
        http_result result = api_get(&emulator, fmt("%s/sources/%s", roots[i], source_id), 200);
        assert_string_equal(json_text(result.json, "sourceId"), source_id);
        http_result_free(&result);
        result =
            api_call(&emulator, "GET", fmt("%s/streams?sourceId=%s", roots[i], source_id), NULL);
        expect_status(&result, 200);
        assert_int_equal(cJSON_GetArraySize(result.json), 3);
        http_result_free(&result);
        result = api_call(&emulator, "GET", fmt("%s/nope", roots[i]), NULL);
        expect_problem(&result, 404, "resource-not-found");
        http_result_free(&result);
    }
    http_result job =
        api_call(&emulator, "POST", "/api/public/v1/jobs",
                 fmt("{\"connectionId\":\"%s\",\"jobType\":\"sync\"}", connection_id));
    expect_status(&job, 200);
    int64_t id = (int64_t)json_number(job.json, "jobId");
    http_result_free(&job);
    job = api_call(&emulator, "GET", fmt("/v1/jobs/%lld", (long long)id), NULL);
    expect_status(&job, 200); /* one API, two roots */
    http_result_free(&job);
}

enum { client_threads = 16, calls_per_thread = 40 };

static void *hammer(void *argument) {
    int *failures = argument;
    for (int i = 0; i < calls_per_thread; i++) {
        http_result result;
        switch (i % 4) {
            case 0:
                result = api_call(&emulator, "GET", fmt("/v1/sources/%s", source_id), NULL);
                break;
            case 1:
                result = api_call(&emulator, "GET", "/v1/jobs?limit=5", NULL);
                break;
            case 2:
                result = api_call(&emulator, "POST", "/v1/workspaces", "{\"name\":\"concurrent\"}");
                break;
            default:
                result = api_call(&emulator, "POST", "/v1/sources", "{broken");
                break;
        }
        long expected = i % 4 == 3 ? 400 : 200;
        if (result.status != expected)
            (*failures)++;
        http_result_free(&result);
    }
    return NULL;
}

static void test_concurrent_clients(void **state) {
    (void)state;
    pthread_t threads[client_threads];
    int failures[client_threads];
    for (int i = 0; i < client_threads; i++) {
        failures[i] = 0;
        assert_int_equal(pthread_create(&threads[i], NULL, hammer, &failures[i]), 0);
    }
    int total = 0;
    for (int i = 0; i < client_threads; i++) {
        pthread_join(threads[i], NULL);
        total += failures[i];
    }
    assert_int_equal(total, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_malformed_bodies),
        cmocka_unit_test(test_wrong_types_and_missing_fields),
        cmocka_unit_test(test_unknown_enum_values),
        cmocka_unit_test(test_invalid_ids_and_unknown_paths),
        cmocka_unit_test(test_garbage_on_the_socket),
        cmocka_unit_test(test_both_roots),
        cmocka_unit_test(test_concurrent_clients),
    };
    return cmocka_run_group_tests(tests, start, emulator_group_stop);
}
