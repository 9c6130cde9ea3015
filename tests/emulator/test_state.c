/* --state FILE: everything survives a restart; the file is rewritten atomically on each change. */
#define _POSIX_C_SOURCE 200809L
#include "emulator_test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char directory[256];
static char state_file[300];

static int make_directory(void **state) {
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(directory, sizeof directory, "%s/abc-emulator-state-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(directory))
        return -1;
    snprintf(state_file, sizeof state_file, "%s/state.json", directory);
    return 0;
}

static int remove_directory(void **state) {
    (void)state;
    DIR *d = opendir(directory);
    if (d) {
        struct dirent *entry;
        while ((entry = readdir(d)) != NULL) {
            if (entry->d_name[0] == '.')
                continue;
            char path[600];
            snprintf(path, sizeof path, "%s/%s", directory, entry->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(directory);
    return 0;
}

static int files_in_directory(void) {
    int count = 0;
    DIR *d = opendir(directory);
    struct dirent *entry;
    while (d && (entry = readdir(d)) != NULL)
        if (entry->d_name[0] != '.')
            count++;
    if (d)
        closedir(d);
    return count;
}

static void test_state_survives_restart(void **state) {
    (void)state;
    const char *const args[] = {"--state", state_file, NULL};
    emulator_process first;
    start_or_fail(&first, args);

    char source[64], destination[64], connection[64];
    make_faker_source(&first, 7, 3, source);
    /* Saved on each change, not only at exit. */
    char *text = test_read_file(state_file);
    assert_non_null(text);
    assert_non_null(strstr(text, source));
    free(text);
    make_destination(&first,
                     "{\"destinationType\":\"postgres\",\"host\":\"db.example\",\"port\":5432,"
                     "\"database\":\"d\","
                     "\"schema\":\"public\",\"username\":\"u\",\"password\":\"s3cret\"}",
                     destination);
    /* Sending the mask back keeps the stored secret (visible only in the state file). */
    http_result patched =
        api_call(&first, "PATCH", fmt("/v1/destinations/%s", destination),
                 "{\"configuration\":{\"destinationType\":\"postgres\",\"password\":\"**********\","
                 "\"host\":\"db2.example\"}}");
    expect_status(&patched, 200);
    http_result_free(&patched);
    text = test_read_file(state_file);
    assert_non_null(strstr(text, "\"password\":\"s3cret\""));
    assert_non_null(strstr(text, "db2.example"));
    free(text);
    make_connection(&first, source, destination, ",\"name\":\"kept\",\"prefix\":\"p_\"",
                    connection);
    set_behaviour(&first, connection, "succeeded", 0);
    /* A dev-null connection gives a job that finishes without needing that database. */
    char quick[64];
    make_simple_connection(&first, "succeeded", 0, quick);
    int64_t job = start_job(&first, quick, "sync");
    cJSON_Delete(wait_for_job(&first, job, "succeeded", 3000));
    http_result token = http_call(&first, "POST", "/v1/applications/token", AUTH_NONE, NULL,
                                  fmt("{\"client_id\":\"%s\",\"client_secret\":\"%s\"}",
                                      first.client_id, first.client_secret));
    expect_status(&token, 200);
    char access_token[2048];
    snprintf(access_token, sizeof access_token, "%s", json_text(token.json, "access_token"));
    http_result_free(&token);
    char api_key[128], workspace[64], client[128];
    snprintf(api_key, sizeof api_key, "%s", first.api_key);
    snprintf(workspace, sizeof workspace, "%s", first.workspace_id);
    snprintf(client, sizeof client, "%s", first.client_id);
    assert_int_equal(emulator_stop(&first), 0);

    /* Only the state file: no temporary file left behind. */
    assert_int_equal(files_in_directory(), 1);
    text = test_read_file(state_file);
    cJSON *saved = cJSON_Parse(text);
    assert_non_null(saved);
    cJSON_Delete(saved);
    free(text);

    emulator_process second;
    start_or_fail(&second, args);
    assert_string_equal(second.api_key, api_key);
    assert_string_equal(second.workspace_id, workspace);
    assert_string_equal(second.client_id, client);
    http_result result = api_get(&second, fmt("/v1/connections/%s", connection), 200);
    assert_string_equal(json_text(result.json, "name"), "kept");
    assert_string_equal(json_text(result.json, "prefix"), "p_");
    http_result_free(&result);
    result = api_call(&second, "GET", fmt("/v1/destinations/%s", destination), NULL);
    expect_status(&result, 200);
    assert_string_equal(
        json_text(cJSON_GetObjectItemCaseSensitive(result.json, "configuration"), "password"),
        "**********");
    http_result_free(&result);
    result = api_call(&second, "GET", fmt("/v1/jobs/%lld", (long long)job), NULL);
    expect_status(&result, 200);
    assert_string_equal(json_text(result.json, "status"), "succeeded");
    http_result_free(&result);
    result = http_call(&second, "GET", "/v1/workspaces", access_token, NULL, NULL);
    expect_status(&result, 200);
    http_result_free(&result);
    /* Job ids continue; the behaviour is still there. */
    int64_t next = start_job(&second, quick, "sync");
    assert_int_equal(next, job + 1);
    http_result jobs = http_call(&second, "GET", "/_emulator/jobs", AUTH_NONE, NULL, NULL);
    assert_int_equal(cJSON_GetArraySize(jobs.json), 2);
    http_result_free(&jobs);
    assert_int_equal(emulator_stop(&second), 0);
}

static void test_corrupt_state_is_refused(void **state) {
    (void)state;
    FILE *f = fopen(state_file, "wb");
    assert_non_null(f);
    fputs("{\"workspaces\": [", f);
    fclose(f);
    const char *const args[] = {"--state", state_file, NULL};
    emulator_process refused;
    assert_int_equal(emulator_start(&refused, args), -1);
    /* It did not overwrite what it could not read. */
    char *text = test_read_file(state_file);
    assert_string_equal(text, "{\"workspaces\": [");
    free(text);
    unlink(state_file);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_state_survives_restart),
        cmocka_unit_test(test_corrupt_state_is_refused),
    };
    return cmocka_run_group_tests(tests, make_directory, remove_directory);
}
