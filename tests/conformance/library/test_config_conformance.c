/* Every Config API request the library makes (airbyte_cloud/diagnostics.h), checked against
 * ../shared/specs/airbyte/config.yaml: the library's Config API root points at Prism run as a
 * validating proxy (prism proxy --errors) in front of airbyte-cloud-emulator's /api root. Fails on
 * any violation Prism logs or answers with, and unless every Config API operation the library
 * uses was driven; prints "config API operations driven: N of N used".
 *
 * config.yaml declares the bearerAuth scheme the server requires but its global requirement is
 * `security: [{}]` (anonymous), and Prism rejects a request carrying an Authorization header that
 * no listed requirement names. The test therefore runs Prism on a copy, in a temporary file, whose
 * global requirement also lists bearerAuth; nothing else of the contract changes.
 * Skips (exit 77, "SKIP:") when the spec, Prism or node are missing. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "prism_proxy.h"
#include "test_util.h"

#ifndef ABC_SPECS_DIR
#define ABC_SPECS_DIR "../shared/specs"
#endif
#define CONFIG_SPEC ABC_SPECS_DIR "/airbyte/config.yaml"

static prism_proxy prism;
static char derived_spec[128];

/* The Config API operations the library calls (domain/config_api.cpp), as the emulator counts them.
 */
static const char *const used_operations[] = {
    "POST /jobs/get_without_logs",
    "POST /attempt/get_for_job",
    "POST /state/get",
    "POST /state/create_or_update",
    "POST /web_backend/connections/get",
    "POST /sources/check_connection",
    "POST /destinations/check_connection",
};

/* config.yaml with bearerAuth added to the global security requirement (see the top comment). */
static int derive_spec(void) {
    char *text = test_read_file(CONFIG_SPEC);
    if (text == NULL)
        return -1;
    static const char *const anonymous = "\nsecurity:\n  - {}\n";
    char *at = strstr(text, anonymous);
    snprintf(derived_spec, sizeof derived_spec, "/tmp/abc-config-conformance-%d.yaml",
             (int)getpid());
    FILE *out = fopen(derived_spec, "wb");
    if (at == NULL || out == NULL) {
        fprintf(stderr, "config.yaml has no global 'security: [{}]' to extend\n");
        free(text);
        if (out != NULL)
            fclose(out);
        return -1;
    }
    fwrite(text, 1, (size_t)(at - text), out);
    fputs("\nsecurity:\n  - bearerAuth: []\n  - {}\n", out);
    fputs(at + strlen(anonymous), out);
    fclose(out);
    free(text);
    return 0;
}

static int set_up(void **state) {
    (void)state;
    const char *args[] = {"--job-duration-ms", "300", NULL};
    if (derive_spec() != 0 || emulator_start(&emulator, args) != 0)
        return -1;
    char upstream[192];
    snprintf(upstream, sizeof upstream, "%s/api", emulator.url);
    return prism_proxy_start(&prism, derived_spec, upstream, "/v1/health");
}

static int tear_down(void **state) {
    (void)state;
    prism_proxy_stop(&prism);
    unlink(derived_spec);
    return emulator_stop(&emulator);
}

/* Public API calls go straight to the emulator; Config API calls through Prism. */
static abc_workspace *prism_workspace(void) {
    abc_options *options = fixture_options(&emulator);
    char config_url[128];
    snprintf(config_url, sizeof config_url, "%s/v1", prism.url);
    assert_int_equal(abc_options_set_config_api_url(options, config_url, NULL), ABC_OK);
    assert_int_equal(abc_options_set_retry_policy(options, 1, 10, 10, 1.0, 60000, NULL), ABC_OK);
    return fixture_workspace_with(&emulator, options);
}

static int count_line(const char *line, size_t length, void *user_data) {
    (void)line;
    (void)length;
    ++*(int *)user_data;
    return 0;
}

static void test_config_requests(void **state) {
    (void)state;
    char source_id[64], destination_id[64], connection_id[64], lake_connection[64];
    fixture_create_postgres_connection(&emulator, NULL, source_id, connection_id, destination_id);
    fixture_create_connection(&emulator, "lake", lake_connection);

    abc_workspace *workspace = prism_workspace();
    abc_job *job = NULL;
    abc_error *sync_error = NULL;
    assert_int_equal(abc_run_sync(&job, workspace, connection_id, NULL, &sync_error),
                     ABC_ERROR_SYNC_FAILED);
    assert_string_equal(abc_error_failure_origin(sync_error),
                        "destination"); /* via get_without_logs */
    abc_error_free(sync_error);
    abc_attempt_list *attempts = NULL;
    THROUGH_PRISM(abc_job_attempts_get(&attempts, workspace, abc_job_id(job), error));
    assert_int_equal(abc_attempt_list_count(attempts), 1);
    abc_attempt_list_free(attempts);
    int lines = 0;
    THROUGH_PRISM(abc_job_logs_read(NULL, workspace, abc_job_id(job), -1, 0, NULL, count_line,
                                    &lines, error));
    THROUGH_PRISM(
        abc_job_logs_read(NULL, workspace, abc_job_id(job), 0, 1, NULL, count_line, &lines, error));
    assert_true(lines >= 8);
    abc_job_free(job);
    prism_proxy_expect_no_new_violations(&prism, "attempts and logs");

    THROUGH_PRISM(abc_run_sync(&job, workspace, lake_connection, NULL, error));
    abc_job_free(job);
    abc_connection_state *saved = NULL;
    THROUGH_PRISM(abc_connection_state_get(&saved, workspace, lake_connection, error));
    assert_string_equal(abc_connection_state_type(saved), "stream");
    THROUGH_PRISM(abc_connection_state_set(NULL, workspace, lake_connection,
                                           abc_connection_state_json(saved), error));
    abc_connection_state_free(saved);
    abc_configured_catalog *catalog = NULL;
    THROUGH_PRISM(abc_configured_catalog_get(&catalog, workspace, lake_connection, error));
    assert_string_equal(abc_configured_catalog_name(catalog, 0), "users");
    abc_configured_catalog_free(catalog);
    prism_proxy_expect_no_new_violations(&prism, "state and catalog");

    int succeeded = -1;
    THROUGH_PRISM(abc_source_check(&succeeded, NULL, workspace, source_id, error));
    assert_int_equal(succeeded, 1);
    THROUGH_PRISM(abc_destination_check(&succeeded, NULL, workspace, destination_id, error));
    assert_int_equal(succeeded, 0);
    abc_workspace_free(workspace);
    prism_proxy_expect_no_new_violations(&prism, "checks");
}

/* Runs after the requests: each Config API operation the library uses went through Prism. */
static void test_every_operation_was_driven(void **state) {
    (void)state;
    const size_t used = sizeof used_operations / sizeof used_operations[0];
    size_t driven = 0;
    for (size_t i = 0; i < used; ++i) {
        if (fixture_stat(&emulator, used_operations[i]) > 0)
            ++driven;
        else
            fprintf(stderr, "not driven through Prism: %s\n", used_operations[i]);
    }
    printf("config API operations driven: %zu of %zu used\n", driven, used);
    assert_int_equal(driven, used);
    prism_proxy_expect_no_new_violations(&prism, "all requests");
}

/* The checks above can fail: a state whose stateType is outside the contract's enum is refused by
 * Prism (422, logged) before it reaches the emulator. */
static void test_prism_catches_a_violation(void **state) {
    (void)state;
    char connection_id[64];
    fixture_create_connection(&emulator, "violation", connection_id);
    abc_workspace *workspace = prism_workspace();
    long before = fixture_stat(&emulator, "POST /state/create_or_update");
    abc_error *error = NULL;
    assert_int_equal(abc_connection_state_set(NULL, workspace, connection_id,
                                              "{\"stateType\":\"bogus\"}", &error),
                     ABC_ERROR_API);
    assert_int_equal(abc_error_http_status(error), 422);
    abc_error_free(error);
    assert_int_equal(fixture_stat(&emulator, "POST /state/create_or_update"), before);
    test_sleep_ms(300);
    char report[16384];
    size_t end = 0;
    assert_true(
        prism_proxy_violations_since(&prism, prism.checked_up_to, report, sizeof report, &end) > 0);
    abc_workspace_free(workspace);
}

int main(void) {
    int skip = prism_proxy_skip_reason(CONFIG_SPEC);
    if (skip != 0)
        return skip;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_requests),
        cmocka_unit_test(test_every_operation_was_driven),
        cmocka_unit_test(test_prism_catches_a_violation),
    };
    return cmocka_run_group_tests(tests, set_up, tear_down);
}
