/* Every request the library makes, checked against the Airbyte API contract: the library talks to
 * airbyte-cloud-emulator through Prism run as a validating proxy over
 * ../shared/specs/airbyte/api_sdk.yaml (prism proxy --errors). Prism answers a request that
 * violates the contract with a 422 problem (so the library call fails), a response that violates
 * it with a 500, and logs every violation; the test fails on any of the three, and checks through
 * the emulator's route statistics that each operation the library uses was driven.
 *
 * The token endpoint is not in api_sdk.yaml, so the library authenticates with an API key.
 * Skips (exit 77, with a "SKIP:" line) when the specs or Prism are missing. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "abc_expect.h"
#include "fixture.h"
#include "prism_proxy.h"
#include "test_util.h"

#ifndef ABC_SPECS_DIR
#error "the build defines ABC_SPECS_DIR"
#endif

static prism_proxy prism;

static int set_up(void **state) {
    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const char *args[] = {"--job-duration-ms", "100", NULL};
    if (emulator_start(&emulator, args) != 0) return -1;
    return prism_proxy_start(&prism, ABC_SPECS_DIR "/airbyte/api_sdk.yaml", emulator.api_url, "/health");
}

static int tear_down(void **state) {
    (void)state;
    prism_proxy_stop(&prism);
    int stopped = emulator_stop(&emulator);
    curl_global_cleanup();
    return stopped;
}


static const char *const faker_configuration = "{\"count\":10,\"seed\":3}";
static const char *const duckdb_path = "/local/conformance.duckdb";

/* A library call through Prism must succeed (ABC_EXPECT_OK); a Prism 422/500 fails it too. */
static abc_workspace *prism_workspace(void) {
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_api_url(options, prism.url, NULL), ABC_OK);
    /* Prism may answer a little slower than the emulator; no retries hide a rejected request. */
    assert_int_equal(abc_options_set_retry_policy(options, 1, 10, 10, 1.0, 60000, NULL), ABC_OK);
    return fixture_workspace_with(&emulator, options);
}

static abc_connection *conforming_connection(abc_workspace *workspace, const char *name, const abc_source *source,
                                             const abc_destination *destination) {
    abc_connection_spec *spec = fixture_connection_spec(name, source, destination);
    ABC_EXPECT_OK(abc_connection_spec_add_stream(spec, "users", "incremental_deduped_history", "updated_at", "id",
                                                 error));
    ABC_EXPECT_OK(abc_connection_spec_add_stream(spec, "products", "full_refresh_overwrite", NULL, NULL, error));
    ABC_EXPECT_OK(abc_connection_spec_set_prefix(spec, "conf_", error));
    ABC_EXPECT_OK(abc_connection_spec_set_schedule_cron(spec, "0 30 2 * * ?", error));
    ABC_EXPECT_OK(abc_connection_spec_set_namespace(spec, "custom_format", "${SOURCE_NAMESPACE}_raw", error));
    ABC_EXPECT_OK(abc_connection_spec_set_status(spec, "active", error));
    abc_connection *connection = NULL;
    ABC_EXPECT_OK(abc_connection_create(&connection, workspace, spec, error));
    abc_connection_spec_free(spec);
    return connection;
}

/* ---- The requests ---- */

static void test_core_requests(void **state) {
    (void)state;
    abc_workspace *workspace = prism_workspace();
    ABC_EXPECT_OK(abc_workspace_connect(workspace, error)); /* GET /workspaces/{id} */

    abc_source *source = fixture_source(workspace, "core source", faker_configuration);
    abc_destination *destination = fixture_duckdb(workspace, "core destination", duckdb_path, "main");
    abc_connection *created = conforming_connection(workspace, "core connection", source, destination);
    const char *connection_id = abc_connection_id(created);

    abc_connection *connection = NULL;
    ABC_EXPECT_OK(abc_connection_get(&connection, workspace, connection_id, error));
    ABC_EXPECT_OK(abc_connection_refresh(connection, error)); /* GET /connections/{id} */

    abc_sync_options *options = NULL;
    ABC_EXPECT_OK(abc_sync_options_new(&options, error));
    ABC_EXPECT_OK(abc_sync_options_set_timeout_ms(options, 60000, error));
    abc_job *job = NULL;
    ABC_EXPECT_OK(abc_run_sync(&job, workspace, connection_id, options, error)); /* POST /jobs, GET /jobs/{id} */
    assert_int_equal(abc_job_status(job), ABC_JOB_STATE_SUCCEEDED);

    abc_job_list *history = NULL;
    ABC_EXPECT_OK(abc_connection_list_jobs(&history, connection, 10, 0, error)); /* GET /jobs */
    assert_true(abc_job_list_count(history) >= 1);
    abc_job_list_free(history);
    abc_job *latest = NULL;
    ABC_EXPECT_OK(abc_connection_latest_job(&latest, connection, error));
    assert_non_null(latest);
    abc_job *fetched = NULL;
    ABC_EXPECT_OK(abc_job_get(&fetched, workspace, abc_job_id(job), error));

    /* A job that keeps running, cancelled: DELETE /jobs/{id}; and the multi-job waiter's polls. */
    emulator_set_behaviour(&emulator, connection_id, "running", 0);
    abc_job *running = NULL;
    ABC_EXPECT_OK(abc_sync_options_set_wait(options, 0, error));
    ABC_EXPECT_OK(abc_run_sync(&running, workspace, connection_id, options, error));
    abc_waiter *waiter = NULL;
    ABC_EXPECT_OK(abc_waiter_new(&waiter, workspace, error));
    ABC_EXPECT_OK(abc_waiter_add(waiter, running, NULL, error));
    size_t index = 0;
    abc_status waited = abc_waiter_next(&index, waiter, 300, NULL, NULL);
    assert_int_equal(waited, ABC_ERROR_WAIT_TIMEOUT);
    ABC_EXPECT_OK(abc_job_cancel(running, error));
    assert_int_equal(abc_job_status(running), ABC_JOB_STATE_CANCELLED);
    abc_waiter_free(waiter);

    abc_job_free(running);
    abc_job_free(fetched);
    abc_job_free(latest);
    abc_job_free(job);
    abc_sync_options_free(options);
    abc_connection_free(connection);
    abc_connection_free(created);
    abc_source_free(source);
    abc_destination_free(destination);
    abc_workspace_free(workspace);
    prism_proxy_expect_no_new_violations(&prism, "the core requests");
}

static void test_source_requests(void **state) {
    (void)state;
    abc_workspace *workspace = prism_workspace();
    abc_source *source = fixture_source(workspace, "conformance source", faker_configuration);
    abc_source *fetched = NULL;
    ABC_EXPECT_OK(abc_source_get(&fetched, workspace, abc_source_id(source), error));
    ABC_EXPECT_OK(abc_source_refresh(fetched, error));
    ABC_EXPECT_OK(abc_source_rename(source, "conformance source deleteme", error));
    ABC_EXPECT_OK(abc_source_update_configuration(source, "{\"count\":12}", error));
    ABC_EXPECT_OK(abc_source_replace(source, "conformance source deleteme", "{\"count\":14,\"seed\":1}", error));

    abc_list_options *options = NULL;
    ABC_EXPECT_OK(abc_list_options_new(&options, error));
    ABC_EXPECT_OK(abc_list_options_set_include_deleted(options, 1, error));
    abc_source_list *list = NULL;
    ABC_EXPECT_OK(abc_workspace_list_sources(&list, workspace, options, error));
    assert_true(abc_source_list_count(list) >= 1);
    abc_source_list_free(list);
    abc_source_iterator *iterator = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_sources(&iterator, workspace, NULL, error));
    abc_source *next = NULL;
    ABC_EXPECT_OK(abc_source_iterator_next(&next, iterator, error));
    assert_non_null(next);
    abc_source_free(next);
    abc_source_iterator_free(iterator);
    abc_list_options_free(options);

    /* Safe mode on: GET, then DELETE. */
    ABC_EXPECT_OK(abc_source_delete(workspace, abc_source_id(source), ABC_SAFE_MODE_ON, error));
    /* A 404 goes through Prism as the contract's "Not found". */
    abc_source *missing = NULL;
    assert_int_equal(abc_source_get(&missing, workspace, abc_source_id(source), NULL), ABC_ERROR_NOT_FOUND);
    abc_source_free(fetched);
    abc_source_free(source);
    abc_workspace_free(workspace);
    prism_proxy_expect_no_new_violations(&prism, "the source requests");
}

static void test_destination_requests(void **state) {
    (void)state;
    abc_workspace *workspace = prism_workspace();
    char *configuration = NULL;
    ABC_EXPECT_OK(abc_destination_config_postgres(&configuration, "db.example.com", 5432, "warehouse", "public",
                                                  "loader", "pw", "require", error));
    abc_destination *postgres = NULL;
    ABC_EXPECT_OK(abc_destination_create(&postgres, workspace, "conformance pg", "postgres", NULL, configuration, error));
    abc_string_free(configuration);
    ABC_EXPECT_OK(abc_destination_rename(postgres, "conformance pg deleteme", error));
    /* PATCH and PUT with whole configurations (the schema's oneOf wants complete ones). */
    ABC_EXPECT_OK(abc_destination_config_postgres(&configuration, "db.example.com", 5432, "warehouse", "analytics",
                                                  "loader", "pw", NULL, error));
    ABC_EXPECT_OK(abc_destination_update_configuration(postgres, configuration, error));
    ABC_EXPECT_OK(abc_destination_replace(postgres, "conformance pg deleteme", configuration, error));
    abc_string_free(configuration);

    ABC_EXPECT_OK(abc_destination_config_snowflake_password(&configuration, "acme.snowflakecomputing.com", "R", "W",
                                                            "D", "S", "U", "pw", error));
    abc_destination *snowflake = NULL;
    ABC_EXPECT_OK(abc_destination_create(&snowflake, workspace, "conformance sf deleteme", NULL, NULL, configuration,
                                         error));
    abc_string_free(configuration);
    ABC_EXPECT_OK(abc_destination_config_snowflake_key_pair(&configuration, "acme.snowflakecomputing.com", "R", "W",
                                                            "D", "S", "U",
                                                            "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
                                                            NULL, error));
    ABC_EXPECT_OK(abc_destination_update_configuration(snowflake, configuration, error));
    abc_string_free(configuration);
    ABC_EXPECT_OK(abc_destination_config_bigquery(&configuration, "project", "dataset", "EU",
                                                  "{\"type\":\"service_account\"}", error));
    abc_destination *bigquery = NULL;
    ABC_EXPECT_OK(abc_destination_create(&bigquery, workspace, "conformance bq deleteme", NULL, NULL, configuration,
                                         error));
    abc_string_free(configuration);
    ABC_EXPECT_OK(abc_destination_config_motherduck(&configuration, "md-token", "analytics", "main", error));
    abc_destination *motherduck = NULL;
    ABC_EXPECT_OK(abc_destination_create(&motherduck, workspace, "conformance md deleteme", NULL, NULL, configuration,
                                         error));
    abc_string_free(configuration);
    assert_string_equal(abc_destination_definition_id(motherduck), ABC_MOTHERDUCK_DEFINITION_ID);
    abc_destination *duckdb = fixture_duckdb(workspace, "conformance duck deleteme", duckdb_path, "main");

    abc_destination *fetched = NULL;
    ABC_EXPECT_OK(abc_destination_get(&fetched, workspace, abc_destination_id(motherduck), error));
    ABC_EXPECT_OK(abc_destination_refresh(fetched, error));
    abc_destination_list *list = NULL;
    ABC_EXPECT_OK(abc_workspace_list_destinations(&list, workspace, NULL, error));
    assert_true(abc_destination_list_count(list) >= 5);
    abc_destination_list_free(list);
    abc_destination_iterator *iterator = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_destinations(&iterator, workspace, NULL, error));
    abc_destination *next = NULL;
    ABC_EXPECT_OK(abc_destination_iterator_next(&next, iterator, error));
    abc_destination_free(next);
    abc_destination_iterator_free(iterator);

    for (abc_destination **each = (abc_destination *[]){postgres, snowflake, bigquery, motherduck, duckdb, NULL};
         *each; ++each) {
        ABC_EXPECT_OK(abc_destination_delete(workspace, abc_destination_id(*each), ABC_SAFE_MODE_ON, error));
        abc_destination_free(*each);
    }
    abc_destination_free(fetched);
    abc_workspace_free(workspace);
    prism_proxy_expect_no_new_violations(&prism, "the destination requests");
}

static void test_connection_and_stream_requests(void **state) {
    (void)state;
    abc_workspace *workspace = prism_workspace();
    abc_source *source = fixture_source(workspace, "conn source deleteme", faker_configuration);
    abc_destination *destination = fixture_duckdb(workspace, "conn destination deleteme", duckdb_path, "main");

    abc_stream_catalog *catalog = NULL;
    ABC_EXPECT_OK(abc_stream_catalog_get(&catalog, workspace, abc_source_id(source), NULL, error));
    abc_stream_catalog_free(catalog);
    ABC_EXPECT_OK(
        abc_stream_catalog_get(&catalog, workspace, abc_source_id(source), abc_destination_id(destination), error));
    assert_true(abc_stream_catalog_count(catalog) > 0);
    abc_stream_catalog_free(catalog);

    abc_connection *connection = conforming_connection(workspace, "conn deleteme", source, destination);
    abc_connection_spec *changes = NULL;
    ABC_EXPECT_OK(abc_connection_spec_new(&changes, error));
    ABC_EXPECT_OK(abc_connection_spec_set_name(changes, "conn renamed deleteme", error));
    ABC_EXPECT_OK(abc_connection_spec_set_status(changes, "inactive", error));
    ABC_EXPECT_OK(abc_connection_spec_set_schedule_manual(changes, error));
    ABC_EXPECT_OK(abc_connection_spec_set_namespace(changes, "destination", NULL, error));
    ABC_EXPECT_OK(abc_connection_spec_set_prefix(changes, "", error));
    ABC_EXPECT_OK(abc_connection_spec_add_stream(changes, "purchases", "incremental_append", "[\"updated_at\"]",
                                                 "[[\"id\"]]", error));
    ABC_EXPECT_OK(abc_connection_update(connection, changes, error));
    abc_connection_spec_free(changes);

    abc_connection_list *list = NULL;
    ABC_EXPECT_OK(abc_workspace_list_connections(&list, workspace, NULL, error));
    assert_true(abc_connection_list_count(list) >= 1);
    abc_connection_list_free(list);
    abc_connection_iterator *iterator = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_connections(&iterator, workspace, NULL, error));
    abc_connection *next = NULL;
    ABC_EXPECT_OK(abc_connection_iterator_next(&next, iterator, error));
    abc_connection_free(next);
    abc_connection_iterator_free(iterator);

    /* Cascade with safe mode: GET connection, source, destination, the connections list, then
     * DELETE the connection, the source and the destination. */
    ABC_EXPECT_OK(abc_connection_delete(workspace, abc_connection_id(connection), 1, ABC_SAFE_MODE_DEFAULT, error));
    abc_connection_free(connection);

    /* A plain delete is DELETE /connections/{id} alone. */
    abc_source *second_source = fixture_source(workspace, "plain source deleteme", faker_configuration);
    abc_destination *second_destination = fixture_duckdb(workspace, "plain destination deleteme", duckdb_path, "main");
    connection = conforming_connection(workspace, "plain", second_source, second_destination);
    ABC_EXPECT_OK(abc_connection_delete(workspace, abc_connection_id(connection), 0, ABC_SAFE_MODE_DEFAULT, error));
    abc_connection_free(connection);
    ABC_EXPECT_OK(abc_source_delete(workspace, abc_source_id(second_source), ABC_SAFE_MODE_OFF, error));
    ABC_EXPECT_OK(abc_destination_delete(workspace, abc_destination_id(second_destination), ABC_SAFE_MODE_OFF, error));
    abc_source_free(second_source);
    abc_destination_free(second_destination);
    abc_source_free(source);
    abc_destination_free(destination);
    abc_workspace_free(workspace);
    prism_proxy_expect_no_new_violations(&prism, "the connection and stream requests");
}

static void test_workspace_requests(void **state) {
    (void)state;
    abc_workspace *workspace = prism_workspace();
    char *name = NULL;
    ABC_EXPECT_OK(abc_workspace_name(&name, workspace, error));
    abc_string_free(name);
    abc_workspace_info *info = NULL;
    ABC_EXPECT_OK(abc_workspace_info_get(&info, workspace, NULL, error));
    abc_workspace_info_free(info);
    abc_workspace_info_list *list = NULL;
    ABC_EXPECT_OK(abc_workspace_list_workspaces(&list, workspace, NULL, error));
    assert_true(abc_workspace_info_list_count(list) >= 1);
    abc_workspace_info_list_free(list);
    abc_workspace_info_iterator *iterator = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_workspaces(&iterator, workspace, NULL, error));
    ABC_EXPECT_OK(abc_workspace_info_iterator_next(&info, iterator, error));
    assert_non_null(info);
    abc_workspace_info_free(info);
    abc_workspace_info_iterator_free(iterator);
    abc_workspace_free(workspace);
    prism_proxy_expect_no_new_violations(&prism, "the workspace requests");
}

/* Runs after the request tests: every operation the library uses went through Prism. */
static void test_every_operation_was_driven(void **state) {
    (void)state;
    static const char *const operations[] = {
        "GET /workspaces",          "GET /workspaces/{id}",       "GET /sources",          "POST /sources",
        "GET /sources/{id}",        "PATCH /sources/{id}",        "PUT /sources/{id}",     "DELETE /sources/{id}",
        "GET /destinations",        "POST /destinations",         "GET /destinations/{id}", "PATCH /destinations/{id}",
        "PUT /destinations/{id}",   "DELETE /destinations/{id}",  "GET /connections",      "POST /connections",
        "GET /connections/{id}",    "PATCH /connections/{id}",    "DELETE /connections/{id}", "GET /jobs",
        "POST /jobs",               "GET /jobs/{id}",             "DELETE /jobs/{id}",     "GET /streams",
    };
    char missing[1024] = "";
    for (size_t i = 0; i < sizeof operations / sizeof operations[0]; ++i) {
        if (fixture_stat(&emulator, operations[i]) <= 0) {
            strncat(missing, operations[i], sizeof missing - strlen(missing) - 3);
            strncat(missing, "; ", sizeof missing - strlen(missing) - 1);
        }
    }
    if (missing[0] != '\0') fail_msg("operations never driven through Prism: %s", missing);
    prism_proxy_expect_no_new_violations(&prism, "all requests");
}

/* The checks above can fail: a configuration without its discriminator matches no member of the
 * contract's oneOf, and Prism must reject it (and log it) before it reaches the emulator. */
static void test_prism_catches_a_violation(void **state) {
    (void)state;
    abc_workspace *workspace = prism_workspace();
    long before = fixture_stat(&emulator, "POST /destinations");
    abc_destination *destination = NULL;
    abc_error *error = NULL;
    abc_status status = abc_destination_create(&destination, workspace, "no discriminator",
                                               NULL, "94bd199c-2ff0-4aa2-b98e-17f0acb72610",
                                               "{\"destination_path\":\"/local/x.duckdb\"}", &error);
    assert_int_equal(status, ABC_ERROR_API);
    assert_int_equal(abc_error_http_status(error), 422);
    assert_non_null(strstr(abc_error_problem_type(error), "stoplight.io/prism"));
    abc_error_free(error);
    assert_null(destination);
    assert_int_equal(fixture_stat(&emulator, "POST /destinations"), before);
    test_sleep_ms(300);
    char report[16384];
    size_t end = 0;
    assert_true(prism_proxy_violations_since(&prism, prism.checked_up_to, report, sizeof report, &end) > 0);
    abc_workspace_free(workspace);
}


int main(void) {
    int skip = prism_proxy_skip_reason(ABC_SPECS_DIR "/airbyte/api_sdk.yaml");
    if (skip != 0) return skip;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_core_requests),
        cmocka_unit_test(test_source_requests),
        cmocka_unit_test(test_destination_requests),
        cmocka_unit_test(test_connection_and_stream_requests),
        cmocka_unit_test(test_workspace_requests),
        cmocka_unit_test(test_every_operation_was_driven),
        cmocka_unit_test(test_prism_catches_a_violation),
    };
    return cmocka_run_group_tests(tests, set_up, tear_down);
}
