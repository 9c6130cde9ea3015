/* The airbyte-cloud commands that use the Config API, against airbyte-cloud-emulator: a failed
 * sync's reason on stderr, jobs show (attempts, --json failures), jobs logs, connections state
 * get|set (byte-for-byte round trip), connections catalog, sources/destinations check. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_runner.h"
#include "emulator_process.h"

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

static char source_id[64], stopped_destination_id[64], failing_connection[64],
    duckdb_connection[64];

static int group_setup(void **state) {
    (void)state;
    const char *const args[] = {"--job-duration-ms", "300", NULL};
    if (emulator_start(&emulator, args) != 0)
        return -1;
    char body[1024], duckdb_id[64];
    snprintf(body, sizeof body,
             "{\"name\":\"faker\",\"workspaceId\":\"%s\",\"configuration\":{\"sourceType\":"
             "\"faker\",\"count\":10}}",
             emulator.workspace_id);
    if (emulator_post_for_id(&emulator, "/v1/sources", body, "sourceId", source_id) != 0)
        return -1;
    snprintf(body, sizeof body,
             "{\"name\":\"stopped\",\"workspaceId\":\"%s\",\"configuration\":{\"destinationType\":"
             "\"postgres\","
             "\"host\":\"127.0.0.1\",\"port\":%d,\"database\":\"db\",\"username\":\"u\","
             "\"password\":\"pg-pw-987\","
             "\"schema\":\"public\"}}",
             emulator.workspace_id, test_closed_port());
    if (emulator_post_for_id(&emulator, "/v1/destinations", body, "destinationId",
                             stopped_destination_id) != 0)
        return -1;
    snprintf(body, sizeof body,
             "{\"name\":\"lake\",\"workspaceId\":\"%s\",\"configuration\":{\"destinationType\":"
             "\"duckdb\","
             "\"destination_path\":\"/local/lake.duckdb\"}}",
             emulator.workspace_id);
    if (emulator_post_for_id(&emulator, "/v1/destinations", body, "destinationId", duckdb_id) != 0)
        return -1;
    snprintf(body, sizeof body, "{\"sourceId\":\"%s\",\"destinationId\":\"%s\"}", source_id,
             stopped_destination_id);
    if (emulator_post_for_id(&emulator, "/v1/connections", body, "connectionId",
                             failing_connection) != 0)
        return -1;
    snprintf(body, sizeof body, "{\"sourceId\":\"%s\",\"destinationId\":\"%s\"}", source_id,
             duckdb_id);
    if (emulator_post_for_id(&emulator, "/v1/connections", body, "connectionId",
                             duckdb_connection) != 0)
        return -1;
    setenv("AIRBYTE_CLOUD_API_URL", emulator.api_url, 1);
    setenv("AIRBYTE_CLOUD_WORKSPACE_ID", emulator.workspace_id, 1);
    setenv("AIRBYTE_CLOUD_API_KEY", emulator.api_key, 1);
    unsetenv("AIRBYTE_CLOUD_CONFIG_API_URL");
    return 0;
}

static int group_teardown(void **state) {
    (void)state;
    emulator_stop(&emulator);
    return 0;
}

/* Runs the tool; fails on a control character in its output or an unexpected exit code. */
static void run_expect(cli_result *result, const char *const *argv, int exit_code) {
    cli_run(result, argv, 0, 0);
    if (result->exit_code != exit_code)
        fail_msg("'%s %s' exited %d, expected %d\nstdout:\n%s\nstderr:\n%s", argv[0],
                 argv[1] ? argv[1] : "", result->exit_code, exit_code, result->out, result->err);
    if (cli_find_control(result->out) >= 0 || cli_find_control(result->err) >= 0)
        fail_msg("control character in the output of '%s':\n%s%s", argv[0], result->out,
                 result->err);
    if (strstr(result->out, "pg-pw-987") || strstr(result->err, "pg-pw-987"))
        fail_msg("a secret was printed");
}

static char failed_job[32]; /* the failed sync job's id, as the CLI takes it */

/* Runs the CLI expecting `exit_code` and each of `texts` (NULL-terminated) on stdout. */
static void expect_stdout(const char *const *argv, int exit_code, const char *const *texts) {
    cli_result result;
    run_expect(&result, argv, exit_code);
    for (size_t i = 0; texts[i] != NULL; ++i) {
        if (strstr(result.out, texts[i]) == NULL)
            fail_msg("'%s %s' printed no '%s':\n%s", argv[0], argv[1] ? argv[1] : "", texts[i],
                     result.out);
    }
    cli_result_free(&result);
}

static void test_failed_sync_prints_the_reason(void **state) {
    (void)state;
    cli_result result;
    run_expect(&result, ARGS("sync", failing_connection, "--poll-interval", "100"), 5);
    assert_non_null(
        strstr(result.err, "ended failed: destination failure: cannot connect to postgres"));
    assert_non_null(strstr(result.err, "Connection refused"));
    cli_result_free(&result);

    run_expect(&result, ARGS("sync", failing_connection, "--json", "--poll-interval", "100"), 5);
    cJSON *root = cJSON_Parse(result.out);
    snprintf(failed_job, sizeof failed_job, "%lld",
             (long long)cJSON_GetObjectItemCaseSensitive(root, "jobId")->valuedouble);
    cJSON_Delete(root);
    cli_result_free(&result);
}

static void test_jobs_show_lists_attempts_and_failures(void **state) {
    (void)state;
    cli_result result;
    run_expect(&result, ARGS("jobs", "show", failed_job, "--json"), 0);
    cJSON *root = cJSON_Parse(result.out);
    const cJSON *attempts = cJSON_GetObjectItemCaseSensitive(root, "attempts");
    assert_int_equal(cJSON_GetArraySize(attempts), 1);
    const cJSON *attempt = cJSON_GetArrayItem(attempts, 0);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(attempt, "status")->valuestring, "failed");
    const cJSON *failure =
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(attempt, "failures"), 0);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(failure, "failureOrigin")->valuestring,
                        "destination");
    assert_non_null(
        strstr(cJSON_GetObjectItemCaseSensitive(failure, "externalMessage")->valuestring,
               "Connection refused"));
    cJSON_Delete(root);
    cli_result_free(&result);

    expect_stdout(ARGS("jobs", "show", failed_job), 0,
                  ARGS("ATTEMPT  STATUS",
                       "attempt 0 failed: destination system_error: cannot connect to postgres"));
}

static void test_jobs_logs(void **state) {
    (void)state;
    expect_stdout(
        ARGS("jobs", "logs", failed_job), 0,
        ARGS("platform INFO Starting sync job", "destination ERROR cannot connect to postgres"));
    expect_stdout(ARGS("jobs", "logs", failed_job, "--attempt", "0", "--follow"), 0,
                  ARGS("Sync failed after"));
    cli_result result;
    run_expect(&result, ARGS("jobs", "logs", failed_job, "--attempt", "3"), 4);
    assert_non_null(strstr(result.err, "attempt 3"));
    cli_result_free(&result);
    run_expect(&result, ARGS("jobs", "logs", failed_job, "--attempt", "-1"), 2);
    cli_result_free(&result);
}

static void test_state_round_trip(void **state) {
    (void)state;
    cli_result result;
    run_expect(&result, ARGS("sync", duckdb_connection, "--poll-interval", "100"), 0);
    cli_result_free(&result);
    run_expect(&result, ARGS("connections", "state", "get", duckdb_connection), 0);
    char *saved = strdup(result.out);
    assert_non_null(strstr(saved, "\"stateType\":\"stream\""));
    cli_result_free(&result);
    char path[] = "/tmp/abc-cli-state-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, saved, strlen(saved)), (ssize_t)strlen(saved));
    close(fd);

    /* A later sync moves the state on; setting the saved one brings it back byte for byte. */
    run_expect(&result, ARGS("sync", duckdb_connection, "--poll-interval", "100"), 0);
    cli_result_free(&result);
    run_expect(&result, ARGS("connections", "state", "get", duckdb_connection), 0);
    assert_string_not_equal(result.out, saved);
    cli_result_free(&result);
    run_expect(&result, ARGS("connections", "state", "set", duckdb_connection, path), 0);
    assert_string_equal(result.out, saved);
    cli_result_free(&result);
    run_expect(&result, ARGS("connections", "state", "get", duckdb_connection), 0);
    assert_string_equal(result.out, saved);
    cli_result_free(&result);
    unlink(path);
    free(saved);

    run_expect(&result, ARGS("connections", "state", "bogus", duckdb_connection), 2);
    cli_result_free(&result);
    run_expect(&result,
               ARGS("connections", "state", "set", duckdb_connection, "/nonexistent/state.json"),
               2);
    assert_non_null(strstr(result.err, "/nonexistent/state.json"));
    cli_result_free(&result);
}

static void test_catalog_and_checks(void **state) {
    (void)state;
    expect_stdout(ARGS("connections", "catalog", duckdb_connection), 0,
                  ARGS("STREAM", "users", "full_refresh"));
    cli_result result;
    run_expect(&result, ARGS("connections", "catalog", duckdb_connection, "--json"), 0);
    cJSON *root = cJSON_Parse(result.out);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "streams")), 3);
    cJSON_Delete(root);
    cli_result_free(&result);

    expect_stdout(ARGS("sources", "check", source_id), 0, ARGS("check succeeded"));
    expect_stdout(ARGS("destinations", "check", stopped_destination_id), 1,
                  ARGS("check failed: cannot connect to postgres"));
    run_expect(&result, ARGS("destinations", "check", stopped_destination_id, "--json"), 1);
    root = cJSON_Parse(result.out);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(root, "status")->valuestring, "failed");
    cJSON_Delete(root);
    cli_result_free(&result);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_failed_sync_prints_the_reason),
        cmocka_unit_test(test_jobs_show_lists_attempts_and_failures),
        cmocka_unit_test(test_jobs_logs),
        cmocka_unit_test(test_state_round_trip),
        cmocka_unit_test(test_catalog_and_checks),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
