/* Unit tests of the resource-management API through the public header only, with no server:
 * destination configuration builders (exact JSON), name filters and safe-mode names, connection
 * spec checks and the JSON they make, and argument checks that must fail before any request.
 * Handles that could send a request point at a port where nothing listens, so a check that
 * wrongly let a call through shows up as a transport error instead of an invalid argument. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abc_expect.h"
#include "airbyte_cloud.h"

static const char *const workspace_id = "6f0e4a8e-3b2b-4c7f-9a59-2f7a3c1d9e10";
static const char *const source_id = "0b1f1f6e-0d64-4d8e-b4a3-5c2a8e1f0a11";
static const char *const destination_id = "1c2e3d4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

/* ABC_EXPECT_INVALID(call, function, needle): INVALID_ARGUMENT, the message naming both. */
static char *built = NULL;

static void expect_json(abc_status status, abc_error *error, const char *expected) {
    if (status != ABC_OK) fail_msg("builder failed: %s", abc_error_message(error));
    assert_non_null(built);
    assert_string_equal(built, expected);
    abc_string_free(built);
    built = NULL;
}

/* A workspace whose API is unreachable: any request fails with ABC_ERROR_TRANSPORT. */
static abc_workspace *offline_workspace(void) {
    abc_options *options = NULL;
    assert_int_equal(abc_options_new(&options, NULL), ABC_OK);
    assert_int_equal(abc_options_set_api_url(options, "http://127.0.0.1:9/v1", NULL), ABC_OK);
    assert_int_equal(abc_options_set_bearer_token(options, "unit-test-key", NULL), ABC_OK);
    assert_int_equal(abc_options_set_retry_policy(options, 1, 1, 1, 1.0, 500, NULL), ABC_OK);
    abc_workspace *workspace = NULL;
    assert_int_equal(abc_workspace_new(&workspace, workspace_id, options, NULL), ABC_OK);
    abc_options_free(options);
    return workspace;
}

/* ---- Destination configuration builders ---- */

static void test_postgres_configuration(void **state) {
    (void)state;
    abc_error *error = NULL;
    abc_status status = abc_destination_config_postgres(&built, "db.example.com", 5433, "analytics", "public",
                                                        "loader", "s3cret", "require", &error);
    expect_json(status, error,
                "{\"destinationType\":\"postgres\",\"host\":\"db.example.com\",\"port\":5433,"
                "\"database\":\"analytics\",\"schema\":\"public\",\"username\":\"loader\","
                "\"password\":\"s3cret\",\"ssl\":true,\"ssl_mode\":{\"mode\":\"require\"}}");
    /* Optional settings left out; "disable" turns ssl off. */
    status = abc_destination_config_postgres(&built, "10.0.0.5", 5432, "db", "raw", "u", NULL, NULL, &error);
    expect_json(status, error,
                "{\"destinationType\":\"postgres\",\"host\":\"10.0.0.5\",\"port\":5432,\"database\":\"db\","
                "\"schema\":\"raw\",\"username\":\"u\"}");
    status = abc_destination_config_postgres(&built, "h", 5432, "db", "s", "u", "", "disable", &error);
    expect_json(status, error,
                "{\"destinationType\":\"postgres\",\"host\":\"h\",\"port\":5432,\"database\":\"db\","
                "\"schema\":\"s\",\"username\":\"u\",\"ssl\":false,\"ssl_mode\":{\"mode\":\"disable\"}}");
    /* Quotes and backslashes are escaped, not pasted. */
    status = abc_destination_config_postgres(&built, "h", 1, "d", "s", "u", "pa\"ss\\word", NULL, &error);
    expect_json(status, error,
                "{\"destinationType\":\"postgres\",\"host\":\"h\",\"port\":1,\"database\":\"d\",\"schema\":\"s\","
                "\"username\":\"u\",\"password\":\"pa\\\"ss\\\\word\"}");
}

static void test_postgres_configuration_errors(void **state) {
    (void)state;
    const char *fn = "abc_destination_config_postgres";
    ABC_EXPECT_INVALID(abc_destination_config_postgres(NULL, "h", 5432, "d", "s", "u", NULL, NULL, error), fn, "out_json");
    ABC_EXPECT_INVALID(abc_destination_config_postgres(&built, NULL, 5432, "d", "s", "u", NULL, NULL, error), fn, "host");
    ABC_EXPECT_INVALID(abc_destination_config_postgres(&built, "", 5432, "d", "s", "u", NULL, NULL, error), fn, "host");
    ABC_EXPECT_INVALID(abc_destination_config_postgres(&built, "postgres://h:5432", 5432, "d", "s", "u", NULL, NULL, error),
                   fn, "not a URL");
    ABC_EXPECT_INVALID(abc_destination_config_postgres(&built, "h", 0, "d", "s", "u", NULL, NULL, error), fn, "port");
    ABC_EXPECT_INVALID(abc_destination_config_postgres(&built, "h", 70000, "d", "s", "u", NULL, NULL, error), fn, "port");
    ABC_EXPECT_INVALID(abc_destination_config_postgres(&built, "h", 5432, NULL, "s", "u", NULL, NULL, error), fn,
                   "database");
    ABC_EXPECT_INVALID(abc_destination_config_postgres(&built, "h", 5432, "d", "", "u", NULL, NULL, error), fn, "schema");
    ABC_EXPECT_INVALID(abc_destination_config_postgres(&built, "h", 5432, "d", "s", NULL, NULL, NULL, error), fn,
                   "username");
    ABC_EXPECT_INVALID(abc_destination_config_postgres(&built, "h", 5432, "d", "s", "u", NULL, "sometimes", error), fn,
                   "ssl_mode");
    ABC_EXPECT_INVALID(abc_destination_config_postgres(&built, "h", 5432, "d", "s", "u", NULL, "verify-full", error), fn,
                   "certificates");
    assert_null(built);
}

static void test_snowflake_configurations(void **state) {
    (void)state;
    abc_error *error = NULL;
    abc_status status = abc_destination_config_snowflake_password(&built, "acme.snowflakecomputing.com", "LOADER",
                                                                  "WH", "DB", "RAW", "airbyte", "pw", &error);
    expect_json(status, error,
                "{\"destinationType\":\"snowflake\",\"host\":\"acme.snowflakecomputing.com\",\"role\":\"LOADER\","
                "\"warehouse\":\"WH\",\"database\":\"DB\",\"schema\":\"RAW\",\"username\":\"airbyte\","
                "\"credentials\":{\"auth_type\":\"Username and Password\",\"password\":\"pw\"}}");
    const char *key = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";
    status = abc_destination_config_snowflake_key_pair(&built, "acme.snowflakecomputing.com", "R", "W", "D", "S", "U",
                                                       key, "phrase", &error);
    expect_json(status, error,
                "{\"destinationType\":\"snowflake\",\"host\":\"acme.snowflakecomputing.com\",\"role\":\"R\","
                "\"warehouse\":\"W\",\"database\":\"D\",\"schema\":\"S\",\"username\":\"U\","
                "\"credentials\":{\"auth_type\":\"Key Pair Authentication\",\"private_key\":"
                "\"-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----\\n\","
                "\"private_key_password\":\"phrase\"}}");
    status = abc_destination_config_snowflake_key_pair(&built, "a.snowflakecomputing.com", "R", "W", "D", "S", "U", key,
                                                       NULL, &error);
    assert_int_equal(status, ABC_OK);
    assert_null(strstr(built, "private_key_password"));
    abc_string_free(built);
    built = NULL;

    const char *fn = "abc_destination_config_snowflake_password";
    ABC_EXPECT_INVALID(abc_destination_config_snowflake_password(&built, "https://acme.snowflakecomputing.com", "R", "W",
                                                             "D", "S", "U", "pw", error),
                   fn, "host");
    ABC_EXPECT_INVALID(abc_destination_config_snowflake_password(&built, "h", NULL, "W", "D", "S", "U", "pw", error), fn,
                   "role");
    ABC_EXPECT_INVALID(abc_destination_config_snowflake_password(&built, "h", "R", "", "D", "S", "U", "pw", error), fn,
                   "warehouse");
    ABC_EXPECT_INVALID(abc_destination_config_snowflake_password(&built, "h", "R", "W", "D", "S", "U", NULL, error), fn,
                   "password");
    fn = "abc_destination_config_snowflake_key_pair";
    ABC_EXPECT_INVALID(abc_destination_config_snowflake_key_pair(&built, "h", "R", "W", "D", "S", "U", "/home/me/rsa.p8",
                                                             NULL, error),
                   fn, "private_key");
    ABC_EXPECT_INVALID(abc_destination_config_snowflake_key_pair(&built, "h", "R", "W", "D", "S", "U", NULL, NULL, error),
                   fn, "private_key");
    assert_null(built);
}

static void test_bigquery_configuration(void **state) {
    (void)state;
    abc_error *error = NULL;
    const char *key = "{\"type\":\"service_account\",\"project_id\":\"p\"}";
    abc_status status = abc_destination_config_bigquery(&built, "my-project", "raw", "EU", key, &error);
    expect_json(status, error,
                "{\"destinationType\":\"bigquery\",\"project_id\":\"my-project\",\"dataset_location\":\"EU\","
                "\"dataset_id\":\"raw\",\"credentials_json\":"
                "\"{\\\"type\\\":\\\"service_account\\\",\\\"project_id\\\":\\\"p\\\"}\"}");
    status = abc_destination_config_bigquery(&built, "p", "d", "US", NULL, &error);
    expect_json(status, error,
                "{\"destinationType\":\"bigquery\",\"project_id\":\"p\",\"dataset_location\":\"US\","
                "\"dataset_id\":\"d\"}");
    const char *fn = "abc_destination_config_bigquery";
    /* The key is checked as JSON: the error names the argument and the byte where it broke. */
    ABC_EXPECT_INVALID(abc_destination_config_bigquery(&built, "p", "d", "US", "{\"type\": service}", error), fn,
                   "credentials_json at byte 9");
    ABC_EXPECT_INVALID(abc_destination_config_bigquery(&built, "p", "d", "US", "[1,2]", error), fn, "credentials_json");
    ABC_EXPECT_INVALID(abc_destination_config_bigquery(&built, "p", "d", "US", "{} trailing", error), fn, "byte 3");
    ABC_EXPECT_INVALID(abc_destination_config_bigquery(&built, "p", "", "US", NULL, error), fn, "dataset_id");
    ABC_EXPECT_INVALID(abc_destination_config_bigquery(&built, "p", "d", NULL, NULL, error), fn, "dataset_location");
    assert_null(built);
}

static void test_duckdb_and_motherduck_configurations(void **state) {
    (void)state;
    abc_error *error = NULL;
    abc_status status = abc_destination_config_duckdb(&built, "/local/cache.duckdb", NULL, NULL, &error);
    expect_json(status, error, "{\"destinationType\":\"duckdb\",\"destination_path\":\"/local/cache.duckdb\"}");
    status = abc_destination_config_duckdb(&built, "md:analytics", "raw", "token-1", &error);
    expect_json(status, error,
                "{\"destinationType\":\"duckdb\",\"destination_path\":\"md:analytics\","
                "\"motherduck_api_key\":\"token-1\",\"schema\":\"raw\"}");
    ABC_EXPECT_INVALID(abc_destination_config_duckdb(&built, "md:analytics", NULL, NULL, error),
                   "abc_destination_config_duckdb", "motherduck_api_key");
    ABC_EXPECT_INVALID(abc_destination_config_duckdb(&built, "", NULL, NULL, error), "abc_destination_config_duckdb",
                   "destination_path");

    status = abc_destination_config_motherduck(&built, "token-2", "analytics", "main", &error);
    expect_json(status, error,
                "{\"destinationType\":\"motherduck\",\"destination_path\":\"md:analytics\","
                "\"motherduck_api_key\":\"token-2\",\"schema\":\"main\"}");
    status = abc_destination_config_motherduck(&built, "token-2", NULL, NULL, &error);
    expect_json(status, error,
                "{\"destinationType\":\"motherduck\",\"destination_path\":\"md:\",\"motherduck_api_key\":\"token-2\"}");
    status = abc_destination_config_motherduck(&built, "token-2", "md:db", NULL, &error);
    expect_json(status, error,
                "{\"destinationType\":\"motherduck\",\"destination_path\":\"md:db\",\"motherduck_api_key\":\"token-2\"}");
    ABC_EXPECT_INVALID(abc_destination_config_motherduck(&built, NULL, "db", NULL, error), "abc_destination_config_motherduck",
                   "motherduck_api_key");
    ABC_EXPECT_INVALID(abc_destination_config_motherduck(&built, "t", "db?motherduck_token=x", NULL, error),
                   "abc_destination_config_motherduck", "database");
    assert_string_equal(ABC_MOTHERDUCK_DEFINITION_ID, "042ee9b5-eb98-4e99-a4e5-3f0d573bee66");
}

/* ---- Names ---- */

static void test_disposable_names(void **state) {
    (void)state;
    assert_int_equal(abc_name_is_disposable("nightly-test deleteme"), 1);
    assert_int_equal(abc_name_is_disposable("DELETE-ME: scratch"), 1);
    assert_int_equal(abc_name_is_disposable("DeleteMe"), 1);
    assert_int_equal(abc_name_is_disposable("delete me"), 0);
    assert_int_equal(abc_name_is_disposable("delete_me"), 0);
    assert_int_equal(abc_name_is_disposable("Production Postgres"), 0);
    assert_int_equal(abc_name_is_disposable(""), 0);
    assert_int_equal(abc_name_is_disposable(NULL), 0);
}

static void test_name_filters(void **state) {
    (void)state;
    assert_int_equal(abc_list_options_matches(NULL, "anything"), 1);
    assert_int_equal(abc_list_options_matches(NULL, NULL), 0);
    abc_list_options *options = NULL;
    assert_int_equal(abc_list_options_new(&options, NULL), ABC_OK);
    assert_int_equal(abc_list_options_matches(options, "anything"), 1);

    assert_int_equal(abc_list_options_set_name_contains(options, "Faker", NULL), ABC_OK);
    assert_int_equal(abc_list_options_matches(options, "my faker source"), 1);
    assert_int_equal(abc_list_options_matches(options, "MY FAKER"), 1);
    assert_int_equal(abc_list_options_matches(options, "Fake"), 0);

    /* Exact names are byte for byte; both filters must hold. */
    assert_int_equal(abc_list_options_set_name(options, "my faker source", NULL), ABC_OK);
    assert_int_equal(abc_list_options_matches(options, "my faker source"), 1);
    assert_int_equal(abc_list_options_matches(options, "My Faker Source"), 0);
    assert_int_equal(abc_list_options_set_name_contains(options, "postgres", NULL), ABC_OK);
    assert_int_equal(abc_list_options_matches(options, "my faker source"), 0);

    /* NULL removes a filter. */
    assert_int_equal(abc_list_options_set_name_contains(options, NULL, NULL), ABC_OK);
    assert_int_equal(abc_list_options_set_name(options, NULL, NULL), ABC_OK);
    assert_int_equal(abc_list_options_matches(options, "whatever"), 1);
    /* Multi-byte text compares as bytes; only ASCII letters fold. */
    assert_int_equal(abc_list_options_set_name_contains(options, "quelle", NULL), ABC_OK);
    assert_int_equal(abc_list_options_matches(options, "Données QUELLE"), 1);
    abc_list_options_free(options);
}

static void test_list_options_arguments(void **state) {
    (void)state;
    abc_list_options *options = NULL;
    assert_int_equal(abc_list_options_new(&options, NULL), ABC_OK);
    ABC_EXPECT_INVALID(abc_list_options_set_page_size(options, 0, error), "abc_list_options_set_page_size", "page_size");
    ABC_EXPECT_INVALID(abc_list_options_set_page_size(options, 101, error), "abc_list_options_set_page_size", "page_size");
    assert_int_equal(abc_list_options_set_page_size(options, 100, NULL), ABC_OK);
    assert_int_equal(abc_list_options_set_page_size(options, 1, NULL), ABC_OK);
    ABC_EXPECT_INVALID(abc_list_options_set_name(NULL, "x", error), "abc_list_options_set_name", "options");
    ABC_EXPECT_INVALID(abc_list_options_set_include_deleted(NULL, 1, error), "abc_list_options_set_include_deleted",
                   "options");
    ABC_EXPECT_INVALID(abc_list_options_new(NULL, error), "abc_list_options_new", "out");
    abc_list_options_free(options);
    abc_list_options_free(NULL);
}

/* ---- Connection specs ---- */

static abc_connection_spec *complete_spec(void) {
    abc_connection_spec *spec = NULL;
    assert_int_equal(abc_connection_spec_new(&spec, NULL), ABC_OK);
    assert_int_equal(abc_connection_spec_set_name(spec, "orders deleteme", NULL), ABC_OK);
    assert_int_equal(abc_connection_spec_set_source_id(spec, source_id, NULL), ABC_OK);
    assert_int_equal(abc_connection_spec_set_destination_id(spec, destination_id, NULL), ABC_OK);
    return spec;
}

static void test_spec_json(void **state) {
    (void)state;
    abc_connection_spec *spec = complete_spec();
    abc_error *error = NULL;
    assert_int_equal(abc_connection_spec_add_stream(spec, "users", "incremental_deduped_history", "updated_at", "id",
                                                    &error),
                     ABC_OK);
    assert_int_equal(abc_connection_spec_add_stream(spec, "events", "incremental_append", "[\"meta\",\"ts\"]",
                                                    "[[\"id\"],[\"region\"]]", &error),
                     ABC_OK);
    assert_int_equal(abc_connection_spec_add_stream(spec, "products", NULL, NULL, NULL, &error), ABC_OK);
    assert_int_equal(abc_connection_spec_set_prefix(spec, "raw_", &error), ABC_OK);
    assert_int_equal(abc_connection_spec_set_schedule_cron(spec, "0 0 12 * * ?", &error), ABC_OK);
    assert_int_equal(abc_connection_spec_set_namespace(spec, "custom_format", "${SOURCE_NAMESPACE}_raw", &error),
                     ABC_OK);
    assert_int_equal(abc_connection_spec_set_status(spec, "inactive", &error), ABC_OK);
    char *json = NULL;
    assert_int_equal(abc_connection_spec_to_json(&json, spec, &error), ABC_OK);
    char expected[2048];
    snprintf(expected, sizeof expected,
             "{\"name\":\"orders deleteme\",\"sourceId\":\"%s\",\"destinationId\":\"%s\",\"configurations\":"
             "{\"streams\":[{\"name\":\"users\",\"syncMode\":\"incremental_deduped_history\","
             "\"cursorField\":[\"updated_at\"],\"primaryKey\":[[\"id\"]]},"
             "{\"name\":\"events\",\"syncMode\":\"incremental_append\",\"cursorField\":[\"meta\",\"ts\"],"
             "\"primaryKey\":[[\"id\"],[\"region\"]]},{\"name\":\"products\"}]},"
             "\"schedule\":{\"scheduleType\":\"cron\",\"cronExpression\":\"0 0 12 * * ?\"},"
             "\"namespaceDefinition\":\"custom_format\",\"namespaceFormat\":\"${SOURCE_NAMESPACE}_raw\","
             "\"prefix\":\"raw_\",\"status\":\"inactive\"}",
             source_id, destination_id);
    assert_string_equal(json, expected);
    abc_string_free(json);

    /* A later setter replaces the earlier value; manual schedules carry no cron expression. */
    assert_int_equal(abc_connection_spec_set_schedule_manual(spec, &error), ABC_OK);
    assert_int_equal(abc_connection_spec_set_namespace(spec, "destination", NULL, &error), ABC_OK);
    assert_int_equal(abc_connection_spec_to_json(&json, spec, &error), ABC_OK);
    assert_non_null(strstr(json, "\"schedule\":{\"scheduleType\":\"manual\"}"));
    assert_null(strstr(json, "cronExpression"));
    assert_null(strstr(json, "namespaceFormat"));
    assert_non_null(strstr(json, "\"namespaceDefinition\":\"destination\""));
    abc_string_free(json);
    abc_connection_spec_free(spec);
    abc_connection_spec_free(NULL);
}

static void test_spec_setters_name_the_field(void **state) {
    (void)state;
    abc_connection_spec *spec = complete_spec();
    ABC_EXPECT_INVALID(abc_connection_spec_set_name(spec, "", error), "abc_connection_spec_set_name", "name");
    ABC_EXPECT_INVALID(abc_connection_spec_set_name(spec, "   ", error), "abc_connection_spec_set_name", "blank");
    ABC_EXPECT_INVALID(abc_connection_spec_set_name(spec, "a\nb", error), "abc_connection_spec_set_name",
                   "control character at byte 1");
    ABC_EXPECT_INVALID(abc_connection_spec_set_source_id(spec, "not-a-uuid", error), "abc_connection_spec_set_source_id",
                   "source_id");
    ABC_EXPECT_INVALID(abc_connection_spec_set_destination_id(spec, NULL, error), "abc_connection_spec_set_destination_id",
                   "destination_id");
    const char *fn = "abc_connection_spec_add_stream";
    ABC_EXPECT_INVALID(abc_connection_spec_add_stream(spec, NULL, NULL, NULL, NULL, error), fn, "stream_name");
    ABC_EXPECT_INVALID(abc_connection_spec_add_stream(spec, "users", "incremental", NULL, NULL, error), fn, "sync_mode");
    ABC_EXPECT_INVALID(abc_connection_spec_add_stream(spec, "users", NULL, "[\"a\",1]", NULL, error), fn, "cursor_field");
    ABC_EXPECT_INVALID(abc_connection_spec_add_stream(spec, "users", NULL, "[]", NULL, error), fn, "cursor_field");
    ABC_EXPECT_INVALID(abc_connection_spec_add_stream(spec, "users", NULL, "[\"a\"", NULL, error), fn,
                   "cursor_field at byte");
    ABC_EXPECT_INVALID(abc_connection_spec_add_stream(spec, "users", NULL, NULL, "[\"id\"]", error), fn, "primary_key");
    ABC_EXPECT_INVALID(abc_connection_spec_add_stream(spec, "users", NULL, NULL, "[[\"id\"],[]]", error), fn,
                   "primary_key element 1");
    assert_int_equal(abc_connection_spec_add_stream(spec, "users", NULL, NULL, NULL, NULL), ABC_OK);
    ABC_EXPECT_INVALID(abc_connection_spec_add_stream(spec, "users", NULL, NULL, NULL, error), fn, "already added");
    ABC_EXPECT_INVALID(abc_connection_spec_set_prefix(spec, NULL, error), "abc_connection_spec_set_prefix", "prefix");
    ABC_EXPECT_INVALID(abc_connection_spec_set_prefix(spec, "raw data_", error), "abc_connection_spec_set_prefix",
                   "white space");
    assert_int_equal(abc_connection_spec_set_prefix(spec, "", NULL), ABC_OK);
    ABC_EXPECT_INVALID(abc_connection_spec_set_schedule_cron(spec, "0 12 * * *", error),
                   "abc_connection_spec_set_schedule_cron", "5 fields");
    ABC_EXPECT_INVALID(abc_connection_spec_set_schedule_cron(spec, "", error), "abc_connection_spec_set_schedule_cron",
                   "cron_expression");
    fn = "abc_connection_spec_set_namespace";
    ABC_EXPECT_INVALID(abc_connection_spec_set_namespace(spec, "mine", NULL, error), fn, "namespace_definition");
    ABC_EXPECT_INVALID(abc_connection_spec_set_namespace(spec, "custom_format", NULL, error), fn, "namespace_format");
    ABC_EXPECT_INVALID(abc_connection_spec_set_namespace(spec, "source", "x_${SOURCE_NAMESPACE}", error), fn,
                   "namespace_format");
    ABC_EXPECT_INVALID(abc_connection_spec_set_status(spec, "deprecated", error), "abc_connection_spec_set_status",
                   "status");
    ABC_EXPECT_INVALID(abc_connection_spec_set_status(NULL, "active", error), "abc_connection_spec_set_status", "spec");
    abc_connection_spec_free(spec);
}

static void test_spec_json_requires_name_source_destination(void **state) {
    (void)state;
    char *json = NULL;
    abc_connection_spec *spec = NULL;
    assert_int_equal(abc_connection_spec_new(&spec, NULL), ABC_OK);
    ABC_EXPECT_INVALID(abc_connection_spec_to_json(&json, spec, error), "abc_connection_spec_to_json", "name");
    assert_int_equal(abc_connection_spec_set_name(spec, "n", NULL), ABC_OK);
    ABC_EXPECT_INVALID(abc_connection_spec_to_json(&json, spec, error), "abc_connection_spec_to_json", "source_id");
    assert_int_equal(abc_connection_spec_set_source_id(spec, source_id, NULL), ABC_OK);
    ABC_EXPECT_INVALID(abc_connection_spec_to_json(&json, spec, error), "abc_connection_spec_to_json", "destination_id");
    assert_null(json);
    abc_connection_spec_free(spec);
}

/* ---- Checks that fail before any request ---- */

static void test_update_checks_before_sending(void **state) {
    (void)state;
    abc_workspace *workspace = offline_workspace();
    abc_connection *connection = NULL;
    assert_int_equal(abc_connection_get(&connection, workspace, source_id, NULL), ABC_OK); /* lazy: no request */
    abc_connection_spec *changes = NULL;
    assert_int_equal(abc_connection_spec_new(&changes, NULL), ABC_OK);
    ABC_EXPECT_INVALID(abc_connection_update(connection, changes, error), "abc_connection_update", "set at least one");
    assert_int_equal(abc_connection_spec_set_source_id(changes, source_id, NULL), ABC_OK);
    ABC_EXPECT_INVALID(abc_connection_update(connection, changes, error), "abc_connection_update", "source_id");
    abc_connection_spec_free(changes);
    assert_int_equal(abc_connection_spec_new(&changes, NULL), ABC_OK);
    assert_int_equal(abc_connection_spec_set_destination_id(changes, destination_id, NULL), ABC_OK);
    ABC_EXPECT_INVALID(abc_connection_update(connection, changes, error), "abc_connection_update", "destination_id");
    ABC_EXPECT_INVALID(abc_connection_update(connection, NULL, error), "abc_connection_update", "changes");
    ABC_EXPECT_INVALID(abc_connection_update(NULL, changes, error), "abc_connection_update", "connection");
    abc_connection_spec_free(changes);

    /* The offline workspace really does fail once a request is sent. */
    assert_int_equal(abc_connection_spec_new(&changes, NULL), ABC_OK);
    assert_int_equal(abc_connection_spec_set_name(changes, "renamed", NULL), ABC_OK);
    assert_int_equal(abc_connection_update(connection, changes, NULL), ABC_ERROR_TRANSPORT);
    abc_connection_spec_free(changes);

    abc_connection *created = (abc_connection *)&created; /* must be reset to NULL */
    abc_connection_spec *spec = NULL;
    assert_int_equal(abc_connection_spec_new(&spec, NULL), ABC_OK);
    ABC_EXPECT_INVALID(abc_connection_create(&created, workspace, spec, error), "abc_connection_create", "name");
    assert_null(created);
    abc_connection_spec_free(spec);
    abc_connection_free(connection);
    abc_workspace_free(workspace);
}

static void test_create_checks_configuration_before_sending(void **state) {
    (void)state;
    abc_workspace *workspace = offline_workspace();
    abc_source *source = NULL;
    const char *fn = "abc_source_create";
    ABC_EXPECT_INVALID(abc_source_create(&source, workspace, "s", "faker", NULL, "{\"count\": 10,}", error), fn,
                   "configuration_json at byte 13");
    ABC_EXPECT_INVALID(abc_source_create(&source, workspace, "s", "faker", NULL, "[]", error), fn, "JSON object");
    /* The message names the place, never the text around it: configurations hold secrets. */
    abc_error *error = NULL;
    assert_int_equal(abc_source_create(&source, workspace, "s", "postgres", NULL,
                                       "{\"password\":\"hunter2-secret\" \"host\":\"h\"}", &error),
                     ABC_ERROR_INVALID_ARGUMENT);
    assert_non_null(strstr(abc_error_message(error), "at byte 29"));
    assert_null(strstr(abc_error_message(error), "hunter2"));
    assert_null(strstr(abc_error_message(error), "host"));
    abc_error_free(error);
    ABC_EXPECT_INVALID(abc_source_create(&source, workspace, "s", "faker", NULL, "{} {}", error), fn, "byte 3");
    ABC_EXPECT_INVALID(abc_source_create(&source, workspace, "s", "faker", NULL, NULL, error), fn, "configuration_json");
    ABC_EXPECT_INVALID(abc_source_create(&source, workspace, "", "faker", NULL, "{}", error), fn, "name");
    ABC_EXPECT_INVALID(abc_source_create(&source, workspace, "s", NULL, NULL, "{\"count\":1}", error), fn,
                   "source_type");
    ABC_EXPECT_INVALID(abc_source_create(&source, workspace, "s", "faker", NULL, "{\"sourceType\":\"file\"}", error), fn,
                   "sourceType");
    ABC_EXPECT_INVALID(abc_source_create(&source, workspace, "s", NULL, NULL, "{\"sourceType\":7}", error), fn,
                   "sourceType");
    ABC_EXPECT_INVALID(abc_source_create(&source, workspace, "s", NULL, "1234", "{}", error), fn, "definition_id");
    ABC_EXPECT_INVALID(abc_source_create(&source, NULL, "s", "faker", NULL, "{}", error), fn, "workspace");
    assert_null(source);

    abc_destination *destination = NULL;
    fn = "abc_destination_create";
    ABC_EXPECT_INVALID(abc_destination_create(&destination, workspace, "d", "postgress", NULL, "{}", error), fn,
                   "destination_type 'postgress'");
    ABC_EXPECT_INVALID(abc_destination_create(&destination, workspace, "d", NULL, NULL,
                                          "{\"destinationType\":\"warehouse9000\"}", error),
                   fn, "warehouse9000");
    /* With a definition id an unlisted type is the caller's call: it gets as far as the network. */
    assert_int_equal(abc_destination_create(&destination, workspace, "d", "warehouse9000",
                                            "7a6f0b1c-2d3e-4f50-8a6b-7c8d9e0f1a2b", "{}", NULL),
                     ABC_ERROR_TRANSPORT);
    assert_null(destination);
    abc_workspace_free(workspace);
}

static void test_other_argument_checks(void **state) {
    (void)state;
    abc_workspace *workspace = offline_workspace();
    ABC_EXPECT_INVALID(abc_connection_delete(workspace, "", 0, ABC_SAFE_MODE_DEFAULT, error), "abc_connection_delete",
                   "connection_id");
    ABC_EXPECT_INVALID(abc_connection_delete(workspace, "c", 2, ABC_SAFE_MODE_DEFAULT, error), "abc_connection_delete",
                   "cascade");
    ABC_EXPECT_INVALID(abc_connection_delete(workspace, "c", 1, (abc_safe_mode)7, error), "abc_connection_delete",
                   "safe_mode");
    ABC_EXPECT_INVALID(abc_source_delete(workspace, NULL, ABC_SAFE_MODE_ON, error), "abc_source_delete", "source_id");
    ABC_EXPECT_INVALID(abc_destination_delete(workspace, "d", (abc_safe_mode)-1, error), "abc_destination_delete",
                   "safe_mode");
    ABC_EXPECT_INVALID(abc_source_rename(NULL, "n", error), "abc_source_rename", "source");
    ABC_EXPECT_INVALID(abc_destination_update_configuration(NULL, "{}", error), "abc_destination_update_configuration",
                   "destination");
    ABC_EXPECT_INVALID(abc_stream_catalog_get(NULL, workspace, "s", NULL, error), "abc_stream_catalog_get", "out");
    abc_stream_catalog *catalog = NULL;
    ABC_EXPECT_INVALID(abc_stream_catalog_get(&catalog, workspace, "", NULL, error), "abc_stream_catalog_get", "source_id");
    ABC_EXPECT_INVALID(abc_stream_catalog_get(&catalog, workspace, "s", "", error), "abc_stream_catalog_get",
                   "destination_id");
    const char *name = "unchanged";
    ABC_EXPECT_INVALID(abc_stream_catalog_name(&name, NULL, 0, error), "abc_stream_catalog_name", "catalog");
    assert_null(name);
    ABC_EXPECT_INVALID(abc_workspace_info_get(NULL, workspace, NULL, error), "abc_workspace_info_get", "out");
    abc_source_list *list = NULL;
    ABC_EXPECT_INVALID(abc_workspace_list_sources(&list, NULL, NULL, error), "abc_workspace_list_sources", "workspace");
    abc_source *source = NULL;
    ABC_EXPECT_INVALID(abc_source_list_get(&source, NULL, 0, error), "abc_source_list_get", "list");
    ABC_EXPECT_INVALID(abc_source_iterator_next(&source, NULL, error), "abc_source_iterator_next", "iterator");

    /* An iterator sends nothing until its first next(). */
    abc_connection_iterator *iterator = NULL;
    assert_int_equal(abc_workspace_iterate_connections(&iterator, workspace, NULL, NULL), ABC_OK);
    abc_connection *connection = (abc_connection *)&connection;
    assert_int_equal(abc_connection_iterator_next(&connection, iterator, NULL), ABC_ERROR_TRANSPORT);
    assert_null(connection);
    abc_connection_iterator_free(iterator);
    abc_workspace_free(workspace);
}

static void test_null_safe_getters_and_frees(void **state) {
    (void)state;
    assert_string_equal(abc_source_id(NULL), "");
    assert_string_equal(abc_source_configuration(NULL), "");
    assert_int_equal(abc_source_created_at(NULL), 0);
    assert_string_equal(abc_destination_type(NULL), "");
    assert_string_equal(abc_workspace_info_name(NULL), "");
    assert_int_equal(abc_source_list_count(NULL), 0);
    assert_int_equal(abc_destination_list_count(NULL), 0);
    assert_int_equal(abc_connection_list_count(NULL), 0);
    assert_int_equal(abc_workspace_info_list_count(NULL), 0);
    assert_int_equal(abc_stream_catalog_count(NULL), 0);
    abc_source_free(NULL);
    abc_destination_free(NULL);
    abc_source_list_free(NULL);
    abc_destination_list_free(NULL);
    abc_connection_list_free(NULL);
    abc_workspace_info_list_free(NULL);
    abc_source_iterator_free(NULL);
    abc_destination_iterator_free(NULL);
    abc_connection_iterator_free(NULL);
    abc_workspace_info_iterator_free(NULL);
    abc_workspace_info_free(NULL);
    abc_stream_catalog_free(NULL);
    assert_string_equal(abc_strerror(ABC_ERROR_REFUSED), "refused by a safety check");
    assert_int_equal(ABC_ERROR_REFUSED, 19);
    assert_int_equal(ABC_SAFE_MODE_DEFAULT, 0);
    assert_int_equal(ABC_SAFE_MODE_ON, 1);
    assert_int_equal(ABC_SAFE_MODE_OFF, 2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_postgres_configuration),
        cmocka_unit_test(test_postgres_configuration_errors),
        cmocka_unit_test(test_snowflake_configurations),
        cmocka_unit_test(test_bigquery_configuration),
        cmocka_unit_test(test_duckdb_and_motherduck_configurations),
        cmocka_unit_test(test_disposable_names),
        cmocka_unit_test(test_name_filters),
        cmocka_unit_test(test_list_options_arguments),
        cmocka_unit_test(test_spec_json),
        cmocka_unit_test(test_spec_setters_name_the_field),
        cmocka_unit_test(test_spec_json_requires_name_source_destination),
        cmocka_unit_test(test_update_checks_before_sending),
        cmocka_unit_test(test_create_checks_configuration_before_sending),
        cmocka_unit_test(test_other_argument_checks),
        cmocka_unit_test(test_null_safe_getters_and_frees),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
