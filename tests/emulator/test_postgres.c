/* Syncs into a real PostgreSQL (scripts/postgres.sh; skipped visibly without ABC_TEST_PG*):
 * Airbyte's table layout, rows equal to the faker generator's, overwrite on re-sync, clear,
 * a failing write failing the job without leaking the password. */
#define _POSIX_C_SOURCE 200809L
#include "emulator_test.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static test_postgres database;
static PGconn *connection;
static char schema[64];

static int start(void **state) {
    (void)state;
    if (test_postgres_from_env(&database) != 0)
        return 0; /* each test skips */
    snprintf(schema, sizeof schema, "emulator_test_%d", (int)getpid());
    char port[16];
    snprintf(port, sizeof port, "%d", database.port);
    const char *keys[] = {"host", "port", "user", "password", "dbname", NULL};
    const char *values[] = {database.host,     port, database.user, database.password,
                            database.database, NULL};
    connection = PQconnectdbParams(keys, values, 0);
    if (PQstatus(connection) != CONNECTION_OK) {
        fprintf(stderr, "cannot connect to the test PostgreSQL: %s", PQerrorMessage(connection));
        return -1;
    }
    return emulator_group_start(state);
}

static int stop(void **state) {
    (void)state;
    if (!connection)
        return 0;
    PQclear(PQexec(connection, fmt("DROP SCHEMA IF EXISTS %s CASCADE", schema)));
    PQfinish(connection);
    return emulator_group_stop(state);
}

static void require_database(void) {
    if (!connection)
        skip();
}

/* One value of a one-row query. */
static char *query_value(const char *sql) {
    PGresult *result = PQexec(connection, sql);
    if (PQresultStatus(result) != PGRES_TUPLES_OK || PQntuples(result) < 1)
        fail_msg("%s: %s", sql, PQerrorMessage(connection));
    char *value = strdup(PQgetvalue(result, 0, 0));
    PQclear(result);
    return value;
}

static long query_number(const char *sql) {
    char *value = query_value(sql);
    long number = atol(value);
    free(value);
    return number;
}

static void make_postgres_destination(const char *password, char id[64]) {
    make_destination(
        &emulator,
        fmt("{\"destinationType\":\"postgres\",\"host\":\"%s\",\"port\":%d,\"database\":\"%s\","
            "\"schema\":\"%s\",\"username\":\"%s\",\"password\":\"%s\",\"ssl_mode\":{\"mode\":"
            "\"prefer\"}}",
            database.host, database.port, database.database, schema, database.user, password),
        id);
}

/* A connection from a faker source (count rows, seed) to the test database (with `password`);
 * extra_json as for make_connection. */
static void make_postgres_connection(int count, int seed, const char *password,
                                     const char *extra_json, char source[64], char link[64]) {
    char destination[64];
    make_faker_source(&emulator, count, seed, source);
    make_postgres_destination(password, destination);
    make_connection(&emulator, source, destination, extra_json, link);
}

static void test_rows_match_the_generator(void **state) {
    (void)state;
    require_database();
    char source[64], link[64];
    make_postgres_connection(30, 42, database.password,
                             ",\"prefix\":\"Test-\",\"configurations\":{\"streams\":[{\"name\":"
                             "\"users\"},{\"name\":\"products\"},"
                             "{\"name\":\"purchases\",\"selectedFields\":[{\"fieldPath\":[\"id\"]},"
                             "{\"fieldPath\":[\"user_id\"]},"
                             "{\"fieldPath\":[\"purchased_at\"]}]}]}",
                             source, link);
    set_behaviour(&emulator, link, "succeeded", 200);
    int64_t job = start_job(&emulator, link, "sync");
    cJSON *done = wait_for_job(&emulator, job, "succeeded", 30000);
    assert_int_equal((int)json_number(done, "rowsSynced"), 30 + 100 + 30);
    cJSON_Delete(done);

    assert_int_equal(query_number(fmt("SELECT count(*) FROM %s.test_users", schema)), 30);
    assert_int_equal(query_number(fmt("SELECT count(*) FROM %s.test_products", schema)), 100);
    assert_int_equal(query_number(fmt("SELECT count(*) FROM %s.test_purchases", schema)), 30);

    /* Airbyte's columns and types. */
    PGresult *columns =
        PQexec(connection, fmt("SELECT column_name, data_type FROM information_schema.columns "
                               "WHERE table_schema = '%s' AND table_name = 'test_users' "
                               "ORDER BY ordinal_position",
                               schema));
    assert_int_equal(PQresultStatus(columns), PGRES_TUPLES_OK);
    assert_int_equal(PQntuples(columns), 4 + 17);
    const char *expected[][2] = {{"_airbyte_raw_id", "uuid"},
                                 {"_airbyte_extracted_at", "timestamp with time zone"},
                                 {"_airbyte_meta", "jsonb"},
                                 {"_airbyte_generation_id", "bigint"},
                                 {"id", "bigint"},
                                 {"created_at", "timestamp with time zone"}};
    for (int i = 0; i < 6; i++) {
        assert_string_equal(PQgetvalue(columns, i, 0), expected[i][0]);
        assert_string_equal(PQgetvalue(columns, i, 1), expected[i][1]);
    }
    PQclear(columns);
    assert_int_equal(
        query_number(
            fmt("SELECT count(*) FROM information_schema.columns WHERE table_schema = '%s' "
                "AND table_name = 'test_purchases'",
                schema)),
        4 + 3);
    char *meta = query_value(fmt("SELECT _airbyte_meta::text FROM %s.test_users LIMIT 1", schema));
    assert_non_null(strstr(meta, fmt("\"sync_id\": %lld", (long long)job)));
    free(meta);

    /* Every user row equals what the generator says. */
    http_result rows = http_call(&emulator, "GET", "/_emulator/faker/users?count=30&seed=42",
                                 AUTH_NONE, NULL, NULL);
    expect_status(&rows, 200);
    assert_int_equal(cJSON_GetArraySize(rows.json), 30);
    PGresult *users =
        PQexec(connection,
               fmt("SELECT id, name, email, age, address::text, height, "
                   "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"') "
                   "FROM %s.test_users ORDER BY id",
                   schema));
    assert_int_equal(PQntuples(users), 30);
    for (int i = 0; i < 30; i++) {
        const cJSON *row = cJSON_GetArrayItem(rows.json, i);
        assert_int_equal(atol(PQgetvalue(users, i, 0)), (long)json_number(row, "id"));
        assert_string_equal(PQgetvalue(users, i, 1), json_text(row, "name"));
        assert_string_equal(PQgetvalue(users, i, 2), json_text(row, "email"));
        assert_int_equal(atol(PQgetvalue(users, i, 3)), (long)json_number(row, "age"));
        cJSON *address = cJSON_Parse(PQgetvalue(users, i, 4));
        assert_true(cJSON_Compare(address, cJSON_GetObjectItemCaseSensitive(row, "address"), 1));
        cJSON_Delete(address);
        assert_string_equal(PQgetvalue(users, i, 5), json_text(row, "height"));
        assert_string_equal(PQgetvalue(users, i, 6), json_text(row, "created_at"));
    }
    PQclear(users);
    http_result_free(&rows);

    rows = http_call(&emulator, "GET", "/_emulator/faker/products?seed=42", AUTH_NONE, NULL, NULL);
    const cJSON *product = cJSON_GetArrayItem(rows.json, 9);
    char *price =
        query_value(fmt("SELECT price::float8::text FROM %s.test_products WHERE id = 10", schema));
    assert_float_equal(atof(price), json_number(product, "price"), 0.001);
    free(price);
    http_result_free(&rows);

    /* Re-sync after shrinking the source: the rows are replaced, not appended. */
    http_result patched = api_call(&emulator, "PATCH", fmt("/v1/sources/%s", source),
                                   "{\"configuration\":{\"sourceType\":\"faker\",\"count\":12}}");
    expect_status(&patched, 200);
    http_result_free(&patched);
    int64_t again = start_job(&emulator, link, "sync");
    cJSON_Delete(wait_for_job(&emulator, again, "succeeded", 30000));
    assert_int_equal(query_number(fmt("SELECT count(*) FROM %s.test_users", schema)), 12);
    assert_int_equal(
        query_number(
            fmt("SELECT count(DISTINCT _airbyte_generation_id) FROM %s.test_users", schema)),
        1);
    assert_int_equal(
        query_number(fmt("SELECT max(_airbyte_generation_id) FROM %s.test_users", schema)), 2);

    /* A clear empties the tables. */
    int64_t clear = start_job(&emulator, link, "clear");
    cJSON_Delete(wait_for_job(&emulator, clear, "succeeded", 30000));
    assert_int_equal(query_number(fmt("SELECT count(*) FROM %s.test_users", schema)), 0);
}

static void test_failed_write_fails_the_job(void **state) {
    (void)state;
    require_database();
    char source[64], link[64];
    make_postgres_connection(5, 1, "definitely-wrong-password", ",\"prefix\":\"bad_\"", source,
                             link);
    set_behaviour(&emulator, link, "succeeded", 50);
    int64_t job = start_job(&emulator, link, "sync");
    cJSON_Delete(wait_for_job(&emulator, job, "failed", 30000));
    http_result jobs = http_call(&emulator, "GET", "/_emulator/jobs", AUTH_NONE, NULL, NULL);
    const cJSON *item = NULL;
    int found = 0;
    cJSON_ArrayForEach(item, jobs.json) {
        if ((int64_t)json_number(item, "jobId") != job)
            continue;
        found = 1;
        assert_true(strlen(json_text(item, "failureReason")) > 0);
        assert_null(strstr(json_text(item, "failureReason"), "definitely-wrong-password"));
    }
    assert_true(found);
    http_result_free(&jobs);
    assert_int_equal(
        query_number(fmt("SELECT count(*) FROM information_schema.tables WHERE table_schema = '%s' "
                         "AND table_name = 'bad_users'",
                         schema)),
        0);
}

static void test_cancel_before_commit_writes_nothing(void **state) {
    (void)state;
    require_database();
    char source[64], link[64];
    make_postgres_connection(5, 1, database.password, ",\"prefix\":\"cancelled_\"", source, link);
    set_behaviour(&emulator, link, "succeeded", 2000);
    int64_t job = start_job(&emulator, link, "sync");
    http_result cancelled =
        api_call(&emulator, "DELETE", fmt("/v1/jobs/%lld", (long long)job), NULL);
    expect_status(&cancelled, 200);
    http_result_free(&cancelled);
    test_sleep_ms(2500);
    cJSON *after = wait_for_job(&emulator, job, "cancelled", 1000);
    cJSON_Delete(after);
    assert_int_equal(
        query_number(fmt("SELECT count(*) FROM information_schema.tables WHERE table_schema = '%s' "
                         "AND table_name = 'cancelled_users'",
                         schema)),
        0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_match_the_generator),
        cmocka_unit_test(test_failed_write_fails_the_job),
        cmocka_unit_test(test_cancel_before_commit_writes_nothing),
    };
    return cmocka_run_group_tests(tests, start, stop);
}
