/* Workspaces, sources, destinations, connections and streams: create/get/list/patch/put/delete,
 * defaults, masked secrets, and the --quirks that reproduce real-server deviations. */
#include "emulator_test.h"

#include <stdio.h>
#include <string.h>

static const cJSON *member(const cJSON *object, const char *name) {
    return cJSON_GetObjectItemCaseSensitive(object, name);
}

static void test_workspace_lifecycle(void **state) {
    (void)state;
    http_result created = api_call(&emulator, "POST", "/v1/workspaces", "{\"name\":\"analytics\"}");
    expect_status(&created, 200);
    char id[64];
    snprintf(id, sizeof id, "%s", json_text(created.json, "workspaceId"));
    assert_string_equal(json_text(created.json, "name"), "analytics");
    assert_string_equal(json_text(created.json, "dataResidency"), "auto");
    assert_true(cJSON_IsObject(member(member(created.json, "notifications"), "failure")));
    http_result_free(&created);

    http_result patched =
        api_call(&emulator, "PATCH", fmt("/v1/workspaces/%s", id), "{\"name\":\"renamed\"}");
    expect_status(&patched, 200);
    assert_string_equal(json_text(patched.json, "name"), "renamed");
    http_result_free(&patched);

    http_result removed = api_call(&emulator, "DELETE", fmt("/v1/workspaces/%s", id), NULL);
    expect_status(&removed, 204);
    assert_string_equal(removed.body, "");
    http_result_free(&removed);
    http_result gone = api_call(&emulator, "GET", fmt("/v1/workspaces/%s", id), NULL);
    expect_problem(&gone, 404, "resource-not-found");
    http_result_free(&gone);
    http_result listed = api_call(&emulator, "GET", "/v1/workspaces?limit=100", NULL);
    assert_null(strstr(listed.body, id));
    http_result_free(&listed);
    listed = api_call(&emulator, "GET", "/v1/workspaces?limit=100&includeDeleted=true", NULL);
    assert_non_null(strstr(listed.body, id));
    http_result_free(&listed);
}

static void test_source_lifecycle(void **state) {
    (void)state;
    char id[64];
    make_faker_source(&emulator, 10, 5, id);
    http_result got = api_get(&emulator, fmt("/v1/sources/%s", id), 200);
    assert_string_equal(json_text(got.json, "sourceType"), "faker");
    assert_string_equal(json_text(got.json, "definitionId"),
                        "dfd88b22-b603-4c3d-aad7-3701784586b1");
    assert_string_equal(json_text(got.json, "workspaceId"), emulator.workspace_id);
    assert_true(json_number(got.json, "createdAt") > 1600000000);
    const cJSON *configuration = member(got.json, "configuration");
    assert_string_equal(json_text(configuration, "sourceType"),
                        "faker"); /* spec-following default */
    http_result_free(&got);

    http_result patched =
        api_call(&emulator, "PATCH", fmt("/v1/sources/%s", id),
                 "{\"name\":\"more\",\"configuration\":{\"sourceType\":\"faker\",\"count\":99}}");
    expect_status(&patched, 200);
    assert_string_equal(json_text(patched.json, "name"), "more");
    configuration = member(patched.json, "configuration");
    assert_int_equal((int)json_number(configuration, "count"), 99);
    assert_int_equal((int)json_number(configuration, "seed"), 5); /* merged, not replaced */
    http_result_free(&patched);

    http_result put = api_call(
        &emulator, "PUT", fmt("/v1/sources/%s", id),
        "{\"name\":\"replaced\",\"configuration\":{\"sourceType\":\"faker\",\"count\":3}}");
    expect_status(&put, 200);
    assert_false(json_has(member(put.json, "configuration"), "seed"));
    http_result_free(&put);
    put = api_call(&emulator, "PUT", fmt("/v1/sources/%s", id), "{\"name\":\"no configuration\"}");
    expect_problem(&put, 400, "bad-request");
    http_result_free(&put);
    put = api_call(&emulator, "PATCH", fmt("/v1/sources/%s", id),
                   "{\"configuration\":{\"sourceType\":\"github\"}}");
    expect_problem(&put, 400, "bad-request");
    http_result_free(&put);

    /* Deleting the source deletes its connections. */
    char destination[64], connection[64];
    make_dev_null_destination(&emulator, destination);
    make_connection(&emulator, id, destination, "", connection);
    http_result removed = api_call(&emulator, "DELETE", fmt("/v1/sources/%s", id), NULL);
    expect_status(&removed, 204);
    http_result_free(&removed);
    http_result gone = api_call(&emulator, "GET", fmt("/v1/sources/%s", id), NULL);
    expect_problem(&gone, 404, "resource-not-found");
    http_result_free(&gone);
    gone = api_call(&emulator, "GET", fmt("/v1/connections/%s", connection), NULL);
    expect_problem(&gone, 404, "resource-not-found");
    http_result_free(&gone);
}

static void test_secrets_are_masked(void **state) {
    (void)state;
    char id[64];
    make_destination(&emulator,
                     "{\"destinationType\":\"postgres\",\"host\":\"h\",\"port\":5432,\"database\":"
                     "\"d\",\"schema\":\"s\","
                     "\"username\":\"u\",\"password\":\"pw-1\",\"ssl_mode\":{\"mode\":\"verify-"
                     "full\",\"ca_certificate\":\"ca-2\","
                     "\"client_certificate\":\"cert-3\",\"client_key\":\"key-4\",\"client_key_"
                     "password\":\"kp-5\"},"
                     "\"tunnel_method\":{\"tunnel_method\":\"SSH_PASSWORD_AUTH\",\"tunnel_host\":"
                     "\"t\",\"tunnel_port\":22,"
                     "\"tunnel_user\":\"tu\",\"tunnel_user_password\":\"tp-6\"}}",
                     id);
    http_result got = api_call(&emulator, "GET",
                               fmt("/v1/destinations/%s?includeSecretCoordinates=true", id), NULL);
    expect_status(&got, 200);
    const char *secrets[] = {"pw-1", "ca-2", "cert-3", "key-4", "kp-5", "tp-6"};
    for (int i = 0; i < 6; i++)
        assert_null(strstr(got.body, secrets[i]));
    const cJSON *configuration = member(got.json, "configuration");
    assert_string_equal(json_text(configuration, "password"), "**********");
    assert_string_equal(json_text(member(configuration, "tunnel_method"), "tunnel_user_password"),
                        "**********");
    assert_string_equal(json_text(member(configuration, "ssl_mode"), "mode"), "verify-full");
    assert_string_equal(json_text(configuration, "username"), "u");
    assert_string_equal(json_text(got.json, "destinationType"), "postgres");
    http_result_free(&got);

    char other[64];
    make_destination(&emulator,
                     "{\"destinationType\":\"snowflake\",\"host\":\"a.snowflakecomputing.com\","
                     "\"role\":\"r\",\"warehouse\":\"w\","
                     "\"database\":\"d\",\"schema\":\"s\",\"username\":\"u\",\"credentials\":{"
                     "\"auth_type\":\"Key Pair Authentication\","
                     "\"private_key\":\"-----BEGIN-7\"}}",
                     other);
    got = api_call(&emulator, "GET", fmt("/v1/destinations/%s", other), NULL);
    assert_null(strstr(got.body, "BEGIN-7"));
    assert_string_equal(json_text(got.json, "definitionId"),
                        "424892c4-daac-4491-b35d-c6688ba547ba");
    http_result_free(&got);
    make_destination(&emulator,
                     "{\"destinationType\":\"bigquery\",\"project_id\":\"p\",\"dataset_id\":\"d\","
                     "\"dataset_location\":\"US\",\"credentials_json\":\"{\\\"key\\\":8}\"}",
                     other);
    got = api_call(&emulator, "GET", fmt("/v1/destinations/%s", other), NULL);
    assert_string_equal(json_text(member(got.json, "configuration"), "credentials_json"),
                        "**********");
    http_result_free(&got);
}

static void test_connection_defaults_patch_and_tags(void **state) {
    (void)state;
    char source[64], destination[64], connection[64];
    make_faker_source(&emulator, 10, 1, source);
    make_dev_null_destination(&emulator, destination);
    make_connection(&emulator, source, destination, "", connection);
    http_result got = api_get(&emulator, fmt("/v1/connections/%s", connection), 200);
    assert_string_equal(json_text(got.json, "status"), "active");
    assert_string_equal(json_text(member(got.json, "schedule"), "scheduleType"), "manual");
    assert_string_equal(json_text(got.json, "namespaceDefinition"), "destination");
    assert_string_equal(json_text(got.json, "nonBreakingSchemaUpdatesBehavior"), "ignore");
    assert_string_equal(json_text(got.json, "prefix"), "");
    assert_string_equal(json_text(got.json, "workspaceId"), emulator.workspace_id);
    assert_int_equal(cJSON_GetArraySize(member(got.json, "tags")), 0);
    const cJSON *streams = member(member(got.json, "configurations"), "streams");
    assert_int_equal(cJSON_GetArraySize(streams), 3);
    assert_string_equal(json_text(cJSON_GetArrayItem(streams, 0), "syncMode"),
                        "full_refresh_overwrite");
    http_result_free(&got);

    /* A connection's tags must exist in its workspace. */
    http_result created = api_call(&emulator, "POST", "/v1/tags",
                                   fmt("{\"name\":\"nightly\",\"color\":\"FF5733\",\"workspaceId\":\"%s\"}", emulator.workspace_id));
    expect_status(&created, 200);
    char tag_id[64];
    snprintf(tag_id, sizeof tag_id, "%s", json_text(created.json, "tagId"));
    http_result_free(&created);
    char tag[256];
    snprintf(tag, sizeof tag, "{\"tagId\":\"%s\",\"workspaceId\":\"%%s\",\"name\":\"nightly\",\"color\":\"FF5733\"}", tag_id);
    http_result patched = api_call(
        &emulator, "PATCH", fmt("/v1/connections/%s", connection),
        fmt("{\"name\":\"nightly\",\"status\":\"inactive\",\"schedule\":{\"scheduleType\":\"cron\",\"cronExpression\":\"0 0 * * * ?\"},"
            "\"tags\":[%s],\"configurations\":{\"streams\":[{\"name\":\"purchases\",\"syncMode\":\"incremental_append\"}]}}",
            fmt(tag, emulator.workspace_id)));
    expect_status(&patched, 200);
    assert_string_equal(json_text(patched.json, "status"), "inactive");
    assert_string_equal(json_text(member(patched.json, "schedule"), "cronExpression"),
                        "0 0 * * * ?");
    streams = member(member(patched.json, "configurations"), "streams");
    assert_int_equal(cJSON_GetArraySize(streams), 1);
    const cJSON *cursor = member(cJSON_GetArrayItem(streams, 0), "cursorField");
    assert_string_equal(cJSON_GetArrayItem(cursor, 0)->valuestring, "updated_at");
    http_result_free(&patched);

    http_result tagged = api_get(&emulator, fmt("/v1/connections?tagIds=%s", tag_id), 200);
    assert_int_equal(cJSON_GetArraySize(member(tagged.json, "data")), 1);
    http_result_free(&tagged);

    http_result removed =
        api_call(&emulator, "DELETE", fmt("/v1/connections/%s", connection), NULL);
    expect_status(&removed, 204);
    http_result_free(&removed);
    http_result listed =
        api_call(&emulator, "GET", "/v1/connections?includeDeleted=true&limit=100", NULL);
    assert_non_null(strstr(listed.body, "\"status\":\"deprecated\""));
    http_result_free(&listed);
}

static void test_streams(void **state) {
    (void)state;
    char source[64], destination[64];
    make_faker_source(&emulator, 10, 1, source);
    make_dev_null_destination(&emulator, destination);
    http_result streams =
        api_call(&emulator, "GET",
                 fmt("/v1/streams?sourceId=%s&destinationId=%s", source, destination), NULL);
    expect_status(&streams, 200);
    assert_int_equal(cJSON_GetArraySize(streams.json), 3);
    const char *names[] = {"users", "products", "purchases"};
    for (int i = 0; i < 3; i++) {
        const cJSON *stream = cJSON_GetArrayItem(streams.json, i);
        assert_string_equal(json_text(stream, "streamName"), names[i]);
        assert_string_equal(
            cJSON_GetArrayItem(member(stream, "defaultCursorField"), 0)->valuestring, "updated_at");
        assert_string_equal(
            cJSON_GetArrayItem(cJSON_GetArrayItem(member(stream, "sourceDefinedPrimaryKey"), 0), 0)
                ->valuestring,
            "id");
        assert_true(cJSON_GetArraySize(member(stream, "syncModes")) >= 2);
    }
    http_result_free(&streams);
}

/* The members of a MotherDuck destination named by its type (not by its definition id). */
static const char *const kMotherDuckByType =
    "\"configuration\":{\"destinationType\":\"motherduck\",\"motherduck_api_key\":\"k\"}";

/* POST /v1/destinations of a MotherDuck destination "md" in the emulator's workspace, with the
 * body's other members `fields`. */
static http_result create_motherduck(const emulator_process *target, const char *fields) {
    return api_call(
        target, "POST", "/v1/destinations",
        fmt("{\"name\":\"md\",\"workspaceId\":\"%s\",%s}", target->workspace_id, fields));
}

static void test_quirks(void **state) {
    (void)state;
    emulator_process quirky;
    const char *const args[] = {"--quirks", "all", NULL};
    start_or_fail(&quirky, args);
    char source[64];
    make_faker_source(&quirky, 10, 1, source);
    http_result got = api_call(&quirky, "GET", fmt("/v1/sources/%s", source), NULL);
    assert_false(json_has(member(got.json, "configuration"), "sourceType"));
    assert_string_equal(json_text(got.json, "sourceType"), "faker");
    http_result_free(&got);
    got = api_call(&quirky, "GET", "/v1/sources/5e0ec3b3-0000-4000-8000-000000000000", NULL);
    expect_status(&got, 404);
    assert_string_equal(json_text(got.json, "status"),
                        "404"); /* a string, like the real server sometimes */
    http_result_free(&got);
    got = create_motherduck(&quirky, kMotherDuckByType);
    expect_status(&got, 400);
    assert_string_equal(json_text(got.json, "title"), "value-not-found");
    http_result_free(&got);
    got = create_motherduck(&quirky,
                            "\"definitionId\":\"042ee9b5-eb98-4e99-a4e5-3f0d573bee66\","
                            "\"configuration\":{\"motherduck_api_key\":\"k\"}");
    expect_status(&got, 200);
    assert_string_equal(json_text(got.json, "destinationType"), "");
    assert_string_equal(json_text(member(got.json, "configuration"), "motherduck_api_key"),
                        "**********");
    http_result_free(&got);
    assert_int_equal(emulator_stop(&quirky), 0);

    /* Without quirks MotherDuck is an ordinary connector. */
    got = create_motherduck(&emulator, kMotherDuckByType);
    expect_status(&got, 200);
    assert_string_equal(json_text(got.json, "destinationType"), "motherduck");
    assert_string_equal(json_text(got.json, "definitionId"),
                        "042ee9b5-eb98-4e99-a4e5-3f0d573bee66");
    http_result_free(&got);
}

static void test_reserved_faker_keys_set_the_outcome(void **state) {
    (void)state;
    char source[64], destination[64], connection[64];
    http_result created =
        api_call(&emulator, "POST", "/v1/sources",
                 fmt("{\"name\":\"flaky\",\"workspaceId\":\"%s\",\"configuration\":{\"sourceType\":"
                     "\"faker\","
                     "\"count\":5,\"emulator_outcome\":\"failed\",\"emulator_duration_ms\":50}}",
                     emulator.workspace_id));
    expect_status(&created, 200);
    snprintf(source, sizeof source, "%s", json_text(created.json, "sourceId"));
    http_result_free(&created);
    make_dev_null_destination(&emulator, destination);
    make_connection(&emulator, source, destination, "", connection);
    int64_t job = start_job(&emulator, connection, "sync");
    cJSON_Delete(wait_for_job(&emulator, job, "failed", 3000));
    /* The admin behaviour wins over the configuration. */
    set_behaviour(&emulator, connection, "succeeded", 0);
    job = start_job(&emulator, connection, "sync");
    cJSON_Delete(wait_for_job(&emulator, job, "succeeded", 3000));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workspace_lifecycle),
        cmocka_unit_test(test_source_lifecycle),
        cmocka_unit_test(test_secrets_are_masked),
        cmocka_unit_test(test_connection_defaults_patch_and_tags),
        cmocka_unit_test(test_streams),
        cmocka_unit_test(test_quirks),
        cmocka_unit_test(test_reserved_faker_keys_set_the_outcome),
    };
    return cmocka_run_group_tests(tests, emulator_group_start, emulator_group_stop);
}
