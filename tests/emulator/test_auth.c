/* Authentication and grants: API keys, client credentials exchanged for tokens (JSON and form),
 * token expiry, 401 bodies, 403/404 on workspaces the caller is not granted, startup flags. */
#include "emulator_test.h"

#include <stdio.h>
#include <string.h>

static void get_token(const emulator_process *process, const char *content_type, const char *body,
                      char token[2048]) {
    http_result result =
        http_call(process, "POST", "/v1/applications/token", AUTH_NONE, content_type, body);
    expect_status(&result, 200);
    assert_string_equal(json_text(result.json, "token_type"), "Bearer");
    assert_true(json_number(result.json, "expires_in") > 0);
    snprintf(token, 2048, "%s", json_text(result.json, "access_token"));
    assert_true(strlen(token) > 20);
    http_result_free(&result);
}

/* A JSON token request with the process's client credentials; the token then lists workspaces. */
static void token_that_works(const emulator_process *process, char token[2048]) {
    get_token(
        process, NULL,
        fmt("{\"client_id\":\"%s\",\"client_secret\":\"%s\",\"grant_type\":\"client_credentials\"}",
            process->client_id, process->client_secret),
        token);
    http_result result = http_call(process, "GET", "/v1/workspaces", token, NULL, NULL);
    expect_status(&result, 200);
    http_result_free(&result);
}

static void test_json_and_form_tokens(void **state) {
    (void)state;
    char token[2048];
    token_that_works(&emulator, token);

    char form_token[2048];
    get_token(&emulator, "application/x-www-form-urlencoded",
              fmt("grant_type=client_credentials&client_id=%s&client_secret=%s", emulator.client_id,
                  emulator.client_secret),
              form_token);
    assert_string_not_equal(token, form_token);
    http_result result =
        http_call(&emulator, "GET", fmt("/api/public/v1/workspaces/%s", emulator.workspace_id),
                  form_token, NULL, NULL);
    expect_status(&result, 200);
    http_result_free(&result);

    /* The docs' variant without grant_type, on the self-managed root. */
    result = http_call(&emulator, "POST", "/api/public/v1/applications/token", AUTH_NONE, NULL,
                       fmt("{\"client_id\":\"%s\",\"client_secret\":\"%s\"}", emulator.client_id,
                           emulator.client_secret));
    expect_status(&result, 200);
    assert_int_equal((int)json_number(result.json, "expires_in"), 900);
    http_result_free(&result);
}

static void test_bad_token_requests(void **state) {
    (void)state;
    http_result result =
        http_call(&emulator, "POST", "/v1/applications/token", AUTH_NONE, NULL,
                  fmt("{\"client_id\":\"%s\",\"client_secret\":\"wrong\"}", emulator.client_id));
    expect_problem(&result, 401, "invalid-api-key");
    http_result_free(&result);
    result = http_call(&emulator, "POST", "/v1/applications/token", AUTH_NONE, NULL,
                       "{\"client_id\":\"x\"}");
    expect_problem(&result, 400, "bad-request");
    http_result_free(&result);
    result =
        http_call(&emulator, "POST", "/v1/applications/token", AUTH_NONE, NULL,
                  fmt("{\"client_id\":\"%s\",\"client_secret\":\"%s\",\"grant_type\":\"password\"}",
                      emulator.client_id, emulator.client_secret));
    expect_problem(&result, 400, "bad-request");
    http_result_free(&result);
    result = http_call(&emulator, "POST", "/v1/applications/token", AUTH_NONE, NULL, "{not json");
    expect_problem(&result, 400, "bad-request");
    http_result_free(&result);
}

static void test_unauthenticated_calls_are_401(void **state) {
    (void)state;
    const char *tokens[] = {AUTH_NONE, "not-a-key", "Basic"};
    for (int i = 0; i < 3; i++) {
        http_result result = http_call(&emulator, "GET", "/v1/jobs", tokens[i], NULL, NULL);
        expect_problem(&result, 401, "invalid-api-key");
        assert_string_equal(json_text(result.json, "type"),
                            "https://reference.airbyte.com/reference/errors#invalid-api-key");
        http_result_free(&result);
    }
    /* Health needs no credentials, on both roots. */
    const char *health[] = {"/v1/health", "/api/public/v1/health"};
    for (int i = 0; i < 2; i++) {
        http_result result = http_call(&emulator, "GET", health[i], AUTH_NONE, NULL, NULL);
        expect_status(&result, 200);
        assert_string_equal(result.body, "Successful operation");
        http_result_free(&result);
    }
}

static void test_token_expiry(void **state) {
    (void)state;
    emulator_process short_lived;
    const char *const args[] = {"--token-ttl", "1", NULL};
    start_or_fail(&short_lived, args);
    char token[2048];
    token_that_works(&short_lived, token);
    test_sleep_ms(1300);
    http_result result = http_call(&short_lived, "GET", "/v1/workspaces", token, NULL, NULL);
    expect_problem(&result, 401, "invalid-api-key");
    assert_non_null(strstr(json_text(result.json, "detail"), "expired"));
    http_result_free(&result);
    /* The API key is unaffected, and a fresh token works again. */
    result = http_call(&short_lived, "GET", "/v1/workspaces", AUTH_API_KEY, NULL, NULL);
    expect_status(&result, 200);
    http_result_free(&result);
    assert_int_equal(emulator_stop(&short_lived), 0);
}

static void test_foreign_workspaces(void **state) {
    (void)state;
    http_result created = http_call(&emulator, "POST", "/_emulator/workspaces", AUTH_NONE, NULL,
                                    "{\"name\":\"other team\"}");
    expect_status(&created, 201);
    char foreign[64];
    snprintf(foreign, sizeof foreign, "%s", json_text(created.json, "workspaceId"));
    http_result_free(&created);

    http_result result = api_call(&emulator, "GET", fmt("/v1/workspaces/%s", foreign), NULL);
    expect_problem(&result, 403, "forbidden");
    http_result_free(&result);
    result =
        api_call(&emulator, "GET", "/v1/workspaces/6f1d2a8e-0000-4000-8000-000000000000", NULL);
    expect_problem(&result, 404, "resource-not-found");
    http_result_free(&result);
    result = api_call(&emulator, "GET", fmt("/v1/sources?workspaceIds=%s", foreign), NULL);
    expect_problem(&result, 403, "forbidden");
    http_result_free(&result);
    result = api_call(
        &emulator, "POST", "/v1/sources",
        fmt("{\"name\":\"x\",\"workspaceId\":\"%s\",\"configuration\":{\"sourceType\":\"faker\"}}",
            foreign));
    expect_problem(&result, 403, "forbidden");
    http_result_free(&result);

    /* The foreign workspace is not listed; the caller's own is. */
    result = api_call(&emulator, "GET", "/v1/workspaces?limit=100", NULL);
    expect_status(&result, 200);
    assert_null(strstr(result.body, foreign));
    assert_non_null(strstr(result.body, emulator.workspace_id));
    http_result_free(&result);

    /* A workspace created with the API key is granted to the key, not to the client. */
    result = api_call(&emulator, "POST", "/v1/workspaces", "{\"name\":\"mine\"}");
    expect_status(&result, 200);
    char mine[64];
    snprintf(mine, sizeof mine, "%s", json_text(result.json, "workspaceId"));
    http_result_free(&result);
    char token[2048];
    get_token(&emulator, NULL,
              fmt("{\"client_id\":\"%s\",\"client_secret\":\"%s\"}", emulator.client_id,
                  emulator.client_secret),
              token);
    result = http_call(&emulator, "GET", fmt("/v1/workspaces/%s", mine), token, NULL, NULL);
    expect_problem(&result, 403, "forbidden");
    http_result_free(&result);
    result = api_call(&emulator, "GET", fmt("/v1/workspaces/%s", mine), NULL);
    expect_status(&result, 200);
    http_result_free(&result);
}

static void test_startup_flags(void **state) {
    (void)state;
    emulator_process configured;
    const char *const args[] = {"--api-key",   "first-key",
                                "--api-key",   "second-key",
                                "--client",    "my-client:my-secret",
                                "--workspace", "11111111-2222-4333-8444-555555555555",
                                "--workspace", "66666666-7777-4888-9999-000000000000",
                                NULL};
    start_or_fail(&configured, args);
    assert_string_equal(configured.api_key, "first-key");
    assert_string_equal(configured.client_id, "my-client");
    assert_string_equal(configured.client_secret, "my-secret");
    assert_string_equal(configured.workspace_id, "11111111-2222-4333-8444-555555555555");
    http_result result = http_call(&configured, "GET", "/v1/workspaces", "second-key", NULL, NULL);
    expect_status(&result, 200);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(result.json, "data")), 2);
    assert_non_null(strstr(result.body, "66666666-7777-4888-9999-000000000000"));
    http_result_free(&result);
    result = http_call(&configured, "POST", "/v1/applications/token", AUTH_NONE, NULL,
                       "{\"client_id\":\"my-client\",\"client_secret\":\"my-secret\"}");
    expect_status(&result, 200);
    http_result_free(&result);
    assert_int_equal(emulator_stop(&configured), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_and_form_tokens),
        cmocka_unit_test(test_bad_token_requests),
        cmocka_unit_test(test_unauthenticated_calls_are_401),
        cmocka_unit_test(test_token_expiry),
        cmocka_unit_test(test_foreign_workspaces),
        cmocka_unit_test(test_startup_flags),
    };
    return cmocka_run_group_tests(tests, emulator_group_start, emulator_group_stop);
}
