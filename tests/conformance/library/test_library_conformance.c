/* Every request the library makes, checked against the Airbyte API contract: the library talks to
 * airbyte-cloud-emulator through Prism run as a validating proxy over
 * ../shared/specs/airbyte/api_sdk.yaml (prism proxy --errors). Prism answers a request that
 * violates the contract with a 422 problem (so the library call fails), a response that violates
 * it with a 500, and logs every violation; the test fails on any of the three, and checks through
 * the emulator's route statistics that every operation of api_sdk.yaml (read from the file at
 * test time) was driven, printing "public API operations driven: N of M".
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

#include <cjson/cJSON.h>

#include "abc_expect.h"
#include "fixture.h"
#include "prism_proxy.h"
#include "test_util.h"

#ifndef ABC_SPECS_DIR
#error "the build defines ABC_SPECS_DIR"
#endif

static prism_proxy prism;

/* api_sdk.yaml as published cannot validate any PUT .../oauthCredentials body: the members of
 * OAuthCredentialsConfiguration's oneOf facebook-pages, intercom and trello constrain nothing, so
 * every value matches at least three members and oneOf always fails. Prism gets a copy, in /tmp,
 * where that one oneOf reads anyOf; every other line of the contract is as published. */
static char patched_spec[256];

static int write_patched_spec(void) {
    char *text = test_read_file(ABC_SPECS_DIR "/airbyte/api_sdk.yaml");
    if (text == NULL)
        return -1;
    const size_t read = strlen(text);
    char *schema = strstr(text, "\n    OAuthCredentialsConfiguration:\n");
    char *one_of = schema != NULL ? strstr(schema, "\n      oneOf:") : NULL;
    char *next_schema = schema != NULL ? strstr(schema + 6, "\n    ") : NULL;
    while (next_schema != NULL && next_schema[5] == ' ') next_schema = strstr(next_schema + 1, "\n    ");
    if (one_of == NULL || (next_schema != NULL && one_of > next_schema)) {
        free(text);
        return -1;
    }
    memcpy(one_of + 7, "anyOf", 5);
    snprintf(patched_spec, sizeof patched_spec, "/tmp/abc-library-conformance-%d.yaml", (int)getpid());
    FILE *out = fopen(patched_spec, "wb");
    int written = out != NULL && fwrite(text, 1, read, out) == read;
    if (out != NULL) fclose(out);
    free(text);
    return written ? 0 : -1;
}

static int set_up(void **state) {
    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const char *args[] = {"--job-duration-ms", "100", NULL};
    if (emulator_start(&emulator, args) != 0) return -1;
    if (write_patched_spec() != 0) {
        fprintf(stderr, "cannot write the patched copy of api_sdk.yaml\n");
        return -1;
    }
    return prism_proxy_start(&prism, patched_spec, emulator.api_url, "/health");
}

static int tear_down(void **state) {
    (void)state;
    prism_proxy_stop(&prism);
    int stopped = emulator_stop(&emulator);
    if (patched_spec[0] != '\0') unlink(patched_spec);
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

static abc_connection *tagged_connection(abc_workspace *workspace, const abc_tag *tag) {
    abc_source *source = fixture_source(workspace, "tagged source deleteme", faker_configuration);
    abc_destination *destination = fixture_duckdb(workspace, "tagged destination deleteme", duckdb_path, "main");
    abc_connection *connection = conforming_connection(workspace, "tagged deleteme", source, destination);
    abc_connection_spec *changes = NULL;
    ABC_EXPECT_OK(abc_connection_spec_new(&changes, error));
    ABC_EXPECT_OK(abc_connection_spec_add_tag(changes, tag, error));
    ABC_EXPECT_OK(abc_connection_update(connection, changes, error)); /* PATCH with tags */
    abc_connection_spec_free(changes);
    abc_source_free(source);
    abc_destination_free(destination);
    return connection;
}

static void test_tag_requests(void **state) {
    (void)state;
    abc_workspace *workspace = prism_workspace();
    abc_tag *tag = NULL, *fetched = NULL;
    ABC_EXPECT_OK(abc_tag_create(&tag, workspace, "conformance tag", "FF5733", error));
    ABC_EXPECT_OK(abc_tag_get(&fetched, workspace, abc_tag_id(tag), error));
    abc_connection *connection = tagged_connection(workspace, fetched);
    ABC_EXPECT_OK(abc_tag_update(fetched, "conformance tag renamed", "00AAFF", error));
    assert_string_equal(abc_tag_name(fetched), "conformance tag renamed");
    const char *json = NULL;
    ABC_EXPECT_OK(abc_connection_refresh(connection, error));
    ABC_EXPECT_OK(abc_connection_json(&json, connection, error));
    assert_non_null(strstr(json, "\"00AAFF\"")); /* the connection shows the tag as it is now */

    abc_list_options *options = NULL;
    ABC_EXPECT_OK(abc_list_options_new(&options, error));
    ABC_EXPECT_OK(abc_list_options_add_tag_id(options, abc_tag_id(tag), error));
    abc_connection_list *tagged = NULL;
    ABC_EXPECT_OK(abc_workspace_list_connections(&tagged, workspace, options, error)); /* tagIds */
    assert_int_equal(abc_connection_list_count(tagged), 1);
    abc_connection_list_free(tagged);
    abc_tag_iterator *tags = NULL;
    abc_tag *listed = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_tags(&tags, workspace, NULL, error));
    ABC_EXPECT_OK(abc_tag_iterator_next(&listed, tags, error));
    assert_non_null(listed);
    abc_tag_free(listed);
    abc_tag_iterator_free(tags);

    ABC_EXPECT_OK(abc_tag_delete(workspace, abc_tag_id(tag), error));
    ABC_EXPECT_OK(abc_connection_refresh(connection, error));
    ABC_EXPECT_OK(abc_connection_json(&json, connection, error));
    assert_null(strstr(json, abc_tag_id(tag))); /* a deleted tag leaves its connections */
    ABC_EXPECT_OK(abc_connection_delete(workspace, abc_connection_id(connection), 1, ABC_SAFE_MODE_DEFAULT, error));
    abc_connection_free(connection);
    abc_list_options_free(options);
    abc_tag_free(fetched);
    abc_tag_free(tag);
    abc_workspace_free(workspace);
    prism_proxy_expect_no_new_violations(&prism, "the tag requests");
}

/* A user with its own API key and no access (the emulator's admin API). */
static void new_user(char *user_id, char *api_key) {
    long http = 0;
    char *response = emulator_request(&emulator, "POST", "/_emulator/users",
                                      "{\"name\":\"Conformance User\",\"email\":\"conformance@example.com\"}", &http);
    assert_int_equal(http, 201);
    cJSON *root = cJSON_Parse(response);
    snprintf(user_id, 64, "%s", cJSON_GetObjectItemCaseSensitive(root, "userId")->valuestring);
    snprintf(api_key, 128, "%s", cJSON_GetObjectItemCaseSensitive(root, "apiKey")->valuestring);
    cJSON_Delete(root);
    free(response);
}

static abc_status connect_as(const char *api_key) {
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_api_url(options, prism.url, NULL), ABC_OK);
    assert_int_equal(abc_options_set_bearer_token(options, api_key, NULL), ABC_OK);
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    abc_status status = abc_workspace_connect(workspace, NULL);
    abc_workspace_free(workspace);
    return status;
}

static void test_people_requests(void **state) {
    (void)state;
    abc_workspace *workspace = prism_workspace();
    abc_organization_iterator *organizations = NULL;
    abc_organization *organization = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_organizations(&organizations, workspace, NULL, error));
    ABC_EXPECT_OK(abc_organization_iterator_next(&organization, organizations, error));
    assert_non_null(organization);
    abc_list_options *options = NULL;
    ABC_EXPECT_OK(abc_list_options_new(&options, error));
    ABC_EXPECT_OK(abc_list_options_add_email(options, "admin@emulator.example", error));
    abc_user_iterator *users = NULL;
    abc_user *user = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_users(&users, workspace, abc_organization_id(organization), options, error));
    ABC_EXPECT_OK(abc_user_iterator_next(&user, users, error));
    assert_non_null(user);

    char user_id[64], api_key[128];
    new_user(user_id, api_key);
    assert_int_equal(connect_as(api_key), ABC_ERROR_FORBIDDEN); /* no permission: no access */
    abc_permission *permission = NULL, *fetched = NULL;
    ABC_EXPECT_OK(abc_permission_create(&permission, workspace, user_id, "workspace_reader", emulator.workspace_id,
                                        NULL, error));
    assert_int_equal(connect_as(api_key), ABC_OK); /* the permission grants the workspace */
    ABC_EXPECT_OK(abc_permission_get(&fetched, workspace, abc_permission_id(permission), error));
    ABC_EXPECT_OK(abc_permission_update(fetched, "workspace_editor", error));
    assert_string_equal(abc_permission_type(fetched), "workspace_editor");
    abc_permission_iterator *permissions = NULL;
    abc_permission *listed = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_permissions(&permissions, workspace, user_id, NULL, error));
    ABC_EXPECT_OK(abc_permission_iterator_next(&listed, permissions, error));
    assert_string_equal(abc_permission_scope_id(listed), emulator.workspace_id);
    ABC_EXPECT_OK(abc_permission_delete(workspace, abc_permission_id(permission), error));
    assert_int_equal(connect_as(api_key), ABC_ERROR_FORBIDDEN); /* revoked */

    abc_permission_free(listed);
    abc_permission_iterator_free(permissions);
    abc_permission_free(fetched);
    abc_permission_free(permission);
    abc_user_free(user);
    abc_user_iterator_free(users);
    abc_list_options_free(options);
    abc_organization_free(organization);
    abc_organization_iterator_free(organizations);
    abc_workspace_free(workspace);
    prism_proxy_expect_no_new_violations(&prism, "the organization, user and permission requests");
}

static void exercise_definition(abc_workspace *workspace, abc_definition_kind kind) {
    abc_definition *definition = NULL, *fetched = NULL, *listed = NULL;
    ABC_EXPECT_OK(abc_definition_create(&definition, workspace, kind, "conformance image", "acme/connector", "1.0.0",
                                        "https://docs.example.com/connector", error));
    ABC_EXPECT_OK(abc_definition_get(&fetched, workspace, kind, abc_definition_id(definition), error));
    ABC_EXPECT_OK(abc_definition_update(fetched, NULL, "1.0.1", error));
    assert_string_equal(abc_definition_docker_image_tag(fetched), "1.0.1");
    abc_definition_iterator *iterator = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_definitions(&iterator, workspace, kind, NULL, error));
    ABC_EXPECT_OK(abc_definition_iterator_next(&listed, iterator, error));
    assert_non_null(listed);
    ABC_EXPECT_OK(abc_definition_delete(workspace, kind, abc_definition_id(definition), error));
    abc_definition_free(listed);
    abc_definition_iterator_free(iterator);
    abc_definition_free(fetched);
    abc_definition_free(definition);
}

static const char manifest[] =
    "{\"version\":\"6.0.0\",\"type\":\"DeclarativeSource\","
    "\"check\":{\"type\":\"CheckStream\",\"stream_names\":[\"items\"]},\"streams\":[],"
    "\"spec\":{\"type\":\"Spec\",\"connection_specification\":{\"type\":\"object\",\"properties\":{}}}}";

static void test_definition_requests(void **state) {
    (void)state;
    abc_workspace *workspace = prism_workspace();
    exercise_definition(workspace, ABC_DEFINITION_SOURCE);
    exercise_definition(workspace, ABC_DEFINITION_DESTINATION);
    abc_declarative_definition *declarative = NULL, *fetched = NULL, *listed = NULL;
    ABC_EXPECT_OK(abc_declarative_definition_create(&declarative, workspace, "conformance low-code", manifest, error));
    assert_int_equal(abc_declarative_definition_version(declarative), 1);
    ABC_EXPECT_OK(abc_declarative_definition_get(&fetched, workspace, abc_declarative_definition_id(declarative),
                                                 error));
    ABC_EXPECT_OK(abc_declarative_definition_update(fetched, manifest, error));
    assert_int_equal(abc_declarative_definition_version(fetched), 2);
    abc_declarative_definition_iterator *iterator = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_declarative_definitions(&iterator, workspace, NULL, error));
    ABC_EXPECT_OK(abc_declarative_definition_iterator_next(&listed, iterator, error));
    assert_non_null(listed);
    /* The server needs the manifest's check, streams and spec: a bare one is refused with a 400,
     * which the contract does not declare for this operation, so this goes to the emulator direct. */
    abc_workspace *direct = fixture_workspace(&emulator);
    abc_declarative_definition *refused = NULL;
    assert_int_equal(abc_declarative_definition_create(&refused, direct, "bare", "{\"version\":\"6.0.0\"}", NULL),
                     ABC_ERROR_API);
    abc_workspace_free(direct);
    ABC_EXPECT_OK(abc_declarative_definition_delete(workspace, abc_declarative_definition_id(declarative), error));
    abc_declarative_definition_free(listed);
    abc_declarative_definition_iterator_free(iterator);
    abc_declarative_definition_free(fetched);
    abc_declarative_definition_free(declarative);
    abc_workspace_free(workspace);
    prism_proxy_expect_no_new_violations(&prism, "the definition requests");
}

/* Creates a workspace, fills it, deletes it: its connection goes with it. */
static void exercise_workspace_lifecycle(abc_workspace *workspace) {
    abc_workspace_info *created = NULL, *updated = NULL;
    ABC_EXPECT_OK(abc_workspace_info_create(&created, workspace, "conformance workspace", NULL,
                                            "{\"failure\":{\"email\":{\"enabled\":true}}}", error));
    ABC_EXPECT_OK(abc_workspace_info_update(&updated, workspace, abc_workspace_info_id(created),
                                            "conformance workspace deleteme", NULL, error));
    abc_options *options = fixture_options(&emulator);
    assert_int_equal(abc_options_set_api_url(options, prism.url, NULL), ABC_OK);
    abc_workspace *inside = NULL;
    assert_int_equal(abc_workspace_new(&inside, abc_workspace_info_id(created), options, NULL), ABC_OK);
    abc_options_free(options);
    abc_source *source = fixture_source(inside, "doomed source", faker_configuration);
    abc_destination *destination = fixture_duckdb(inside, "doomed destination", duckdb_path, "main");
    abc_connection *connection = conforming_connection(inside, "doomed", source, destination);
    ABC_EXPECT_OK(abc_workspace_info_delete(workspace, abc_workspace_info_id(created), ABC_SAFE_MODE_DEFAULT, error));
    assert_int_equal(abc_connection_refresh(connection, NULL), ABC_ERROR_NOT_FOUND); /* deleted with it */
    abc_connection_free(connection);
    abc_source_free(source);
    abc_destination_free(destination);
    abc_workspace_free(inside);
    abc_workspace_info_free(updated);
    abc_workspace_info_free(created);
}

static void exercise_oauth(abc_workspace *workspace) {
    char *consent = NULL;
    ABC_EXPECT_OK(abc_source_initiate_oauth(&consent, workspace, "github", "https://app.example.com/oauth", NULL,
                                            error));
    abc_string_free(consent);
    const char *credentials = "{\"client_id\":\"id\",\"client_secret\":\"secret\"}";
    ABC_EXPECT_OK(abc_workspace_set_oauth_credentials(workspace, NULL, "source", "github", credentials, error));
    ABC_EXPECT_OK(abc_workspace_delete_oauth_credentials(workspace, NULL, "source", "github", error));
    abc_organization_iterator *organizations = NULL;
    abc_organization *organization = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_organizations(&organizations, workspace, NULL, error));
    ABC_EXPECT_OK(abc_organization_iterator_next(&organization, organizations, error));
    const char *organization_id = abc_organization_id(organization);
    ABC_EXPECT_OK(abc_organization_set_oauth_credentials(workspace, organization_id, "source", "google-ads",
                                                         credentials, error));
    ABC_EXPECT_OK(abc_organization_delete_oauth_credentials(workspace, organization_id, "source", "google-ads", error));
    abc_organization_free(organization);
    abc_organization_iterator_free(organizations);
}

/* Jobs of type reset and clear, and the job list with every filter. */
static void exercise_jobs(abc_workspace *workspace) {
    abc_source *source = fixture_source(workspace, "jobs source deleteme", faker_configuration);
    abc_destination *destination = fixture_duckdb(workspace, "jobs destination deleteme", duckdb_path, "main");
    abc_connection *connection = conforming_connection(workspace, "jobs deleteme", source, destination);
    abc_sync_options *options = NULL;
    ABC_EXPECT_OK(abc_sync_options_new(&options, error));
    for (const char *const *type = (const char *const[]){"reset", "clear", NULL}; *type; ++type) {
        abc_job *job = NULL;
        ABC_EXPECT_OK(abc_sync_options_set_job_type(options, *type, error));
        ABC_EXPECT_OK(abc_run_sync(&job, workspace, abc_connection_id(connection), options, error));
        assert_string_equal(abc_job_type(job), *type);
        abc_job_free(job);
    }
    abc_job_filter *filter = NULL;
    ABC_EXPECT_OK(abc_job_filter_new(&filter, error));
    ABC_EXPECT_OK(abc_job_filter_set_connection_id(filter, abc_connection_id(connection), error));
    ABC_EXPECT_OK(abc_job_filter_add_workspace_id(filter, emulator.workspace_id, error));
    ABC_EXPECT_OK(abc_job_filter_set_job_type(filter, "reset", error));
    ABC_EXPECT_OK(abc_job_filter_set_status(filter, ABC_JOB_STATE_SUCCEEDED, error));
    ABC_EXPECT_OK(abc_job_filter_set_created_between(filter, 1577836800, 4102444800, error));
    ABC_EXPECT_OK(abc_job_filter_set_updated_between(filter, 1577836800, 0, error));
    ABC_EXPECT_OK(abc_job_filter_set_order(filter, "updatedAt", 1, error));
    ABC_EXPECT_OK(abc_job_filter_set_page_size(filter, 5, error));
    abc_job_list *jobs = NULL;
    ABC_EXPECT_OK(abc_workspace_list_jobs(&jobs, workspace, filter, error));
    assert_int_equal(abc_job_list_count(jobs), 1);
    abc_job_iterator *iterator = NULL;
    abc_job *job = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_jobs(&iterator, workspace, NULL, error));
    ABC_EXPECT_OK(abc_job_iterator_next(&job, iterator, error));
    assert_non_null(job);
    abc_job_free(job);
    abc_job_iterator_free(iterator);
    abc_job_list_free(jobs);
    abc_job_filter_free(filter);
    abc_sync_options_free(options);
    ABC_EXPECT_OK(abc_connection_delete(workspace, abc_connection_id(connection), 1, ABC_SAFE_MODE_DEFAULT, error));
    abc_connection_free(connection);
    abc_source_free(source);
    abc_destination_free(destination);
}

static void test_platform_requests(void **state) {
    (void)state;
    abc_workspace *workspace = prism_workspace();
    long health_before = fixture_stat(&emulator, "GET /health");
    ABC_EXPECT_OK(abc_workspace_check_health(workspace, error));
    assert_int_equal(fixture_stat(&emulator, "GET /health"), health_before + 1);
    char *body = NULL;
    long http = 0;
    ABC_EXPECT_OK(abc_workspace_request(&body, &http, workspace, "GET", "/workspaces?limit=5", NULL, error));
    assert_int_equal(http, 200);
    assert_non_null(strstr(body, "\"data\""));
    abc_string_free(body);
    exercise_workspace_lifecycle(workspace);
    exercise_oauth(workspace);
    exercise_jobs(workspace);
    abc_workspace_free(workspace);
    prism_proxy_expect_no_new_violations(&prism, "the workspace, health, OAuth and job requests");
}

/* The operations of api_sdk.yaml, read from the file now: "GET /jobs/{}" per operation (path
 * parameters written as {}), in file order. Returns how many were read (at most `capacity`). */
static size_t spec_operations(char operations[][160], size_t capacity) {
    FILE *file = fopen(ABC_SPECS_DIR "/airbyte/api_sdk.yaml", "r");
    assert_non_null(file);
    char line[4096], path[128] = "";
    size_t count = 0;
    int in_paths = 0;
    while (fgets(line, sizeof line, file) != NULL) {
        if (line[0] != ' ' && line[0] != '\n') in_paths = strncmp(line, "paths:", 6) == 0;
        if (!in_paths) continue;
        if (strncmp(line, "  /", 3) == 0) {
            size_t out = 0;
            for (const char *c = line + 2; *c && *c != ':' && out + 3 < sizeof path; ++c) {
                if (*c == '{') {
                    path[out++] = '{';
                    path[out++] = '}';
                    while (*c && *c != '}') ++c;
                } else {
                    path[out++] = *c;
                }
            }
            path[out] = '\0';
            continue;
        }
        static const char *const methods[] = {"get", "post", "put", "patch", "delete"};
        for (size_t m = 0; m < 5 && count < capacity; ++m) {
            char key[16];
            snprintf(key, sizeof key, "    %s:", methods[m]);
            if (strncmp(line, key, strlen(key)) != 0) continue;
            char *out = operations[count++];
            snprintf(out, 160, "%s %s", methods[m], path);
            for (char *c = out; *c != ' '; ++c) *c = (char)(*c - 'a' + 'A');
        }
    }
    fclose(file);
    return count;
}

/* The emulator's count of requests to the route of `operation` ("GET /jobs/{}"): its routes name
 * their parameters ("GET /jobs/{id}"), so both sides are compared with parameters as {}. */
static long driven_count(const cJSON *routes, const char *operation) {
    const cJSON *route = NULL;
    cJSON_ArrayForEach(route, routes) {
        char normalised[160];
        size_t out = 0;
        for (const char *c = route->string; *c && out + 3 < sizeof normalised; ++c) {
            normalised[out++] = *c;
            if (*c == '{') {
                while (*c && *c != '}') ++c;
                normalised[out++] = '}';
            }
        }
        normalised[out] = '\0';
        if (strcmp(normalised, operation) == 0 && cJSON_IsNumber(route)) return (long)route->valuedouble;
    }
    return 0;
}

/* Runs after the request tests: every operation of api_sdk.yaml went through Prism. */
static void test_every_operation_was_driven(void **state) {
    (void)state;
    static char operations[200][160];
    size_t total = spec_operations(operations, 200);
    assert_true(total > 0);
    long http = 0;
    char *stats = emulator_request(&emulator, "GET", "/_emulator/stats", NULL, &http);
    assert_int_equal(http, 200);
    cJSON *root = cJSON_Parse(stats);
    free(stats);
    const cJSON *routes = cJSON_GetObjectItemCaseSensitive(root, "routes");
    char missing[4096] = "";
    size_t driven = 0;
    for (size_t i = 0; i < total; ++i) {
        if (driven_count(routes, operations[i]) > 0) {
            ++driven;
        } else {
            strncat(missing, operations[i], sizeof missing - strlen(missing) - 3);
            strncat(missing, "; ", sizeof missing - strlen(missing) - 1);
        }
    }
    cJSON_Delete(root);
    printf("public API operations driven: %zu of %zu\n", driven, total);
    if (driven != total) fail_msg("operations never driven through Prism: %s", missing);
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
        cmocka_unit_test(test_tag_requests),
        cmocka_unit_test(test_people_requests),
        cmocka_unit_test(test_definition_requests),
        cmocka_unit_test(test_platform_requests),
        cmocka_unit_test(test_every_operation_was_driven),
        cmocka_unit_test(test_prism_catches_a_violation),
    };
    return cmocka_run_group_tests(tests, set_up, tear_down);
}
