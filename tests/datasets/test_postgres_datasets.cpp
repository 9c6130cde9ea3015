// Postgres datasets end to end, through the public C API only: the emulator syncs a faker source
// into a real PostgreSQL (ABC_TEST_PG*), the library reads the tables back, and every row and value
// must equal the emulator's deterministic generator (GET /_emulator/faker/...). A second sync with
// another seed must read back as the replaced rows only. Also: every Postgres type the reader
// decodes (from a table made with libpq), SSL modes from the destination configuration, missing
// tables, wrong and masked passwords, and handle lifetimes.
#include <cjson/cJSON.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <csetjmp>
#include <cmath>
#include <cstdarg>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>
extern "C" {
#include <cmocka.h>
}

#include "support.h"

using namespace dstest;

namespace {

test_postgres pg;
abc_workspace *workspace = nullptr;
std::string schema;  // one schema per run, dropped at the end

constexpr const char *kPasswordVariable = "ABC_TEST_DATASETS_PG_PASSWORD";

PGconn *pg_connect() {
    const std::string port = std::to_string(pg.port);
    const char *keywords[] = {"host", "port", "dbname", "user", "password", "options", nullptr};
    const char *values[] = {pg.host, port.c_str(), pg.database, pg.user, pg.password, "-c client_min_messages=warning",
                            nullptr};
    PGconn *connection = PQconnectdbParams(keywords, values, 0);
    if (PQstatus(connection) != CONNECTION_OK) fail_msg("libpq: %s", PQerrorMessage(connection));
    return connection;
}

void pg_exec(const std::string &sql) {
    PGconn *connection = pg_connect();
    PGresult *result = PQexec(connection, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        fail_msg("%s: %s", sql.c_str(), PQerrorMessage(connection));
    }
    PQclear(result);
    PQfinish(connection);
}

std::string postgres_destination_config(const std::string &extra = "") {
    std::string config = "{\"destinationType\":\"postgres\",\"host\":\"" + std::string(pg.host) +
                         "\",\"port\":" + std::to_string(pg.port) + ",\"database\":\"" + pg.database +
                         "\",\"schema\":\"" + schema + "\",\"username\":\"" + pg.user + "\",\"password\":\"" +
                         pg.password + "\"";
    if (!extra.empty()) config += "," + extra;
    return config + "}";
}

// A connection `name` from a one-row faker source to the test Postgres, its users stream in
// table `<name>_users`. Nothing is synced: the tests write that table themselves.
std::string users_connection(const std::string &name) {
    const std::string source =
        create_source(emulator, "faker-" + name, "{\"sourceType\":\"faker\",\"count\":1}");
    const std::string destination =
        create_destination(emulator, "pg-" + name, postgres_destination_config());
    return create_connection(emulator, name, source, destination, name + "_",
                             "[{\"name\":\"users\"}]");
}

abc_dataset_options *options_with_password() {
    abc_dataset_options *options = nullptr;
    assert_int_equal(abc_dataset_options_new(&options, nullptr), ABC_OK);
    // The password by environment variable name, as a deployment would pass it.
    assert_int_equal(abc_dataset_options_set_secret_env(options, ABC_DATASET_SECRET_PASSWORD, kPasswordVariable, nullptr),
                     ABC_OK);
    assert_int_equal(abc_dataset_options_set_page_size(options, 64, nullptr), ABC_OK);  // accepted; Postgres streams without pages
    return options;
}

std::vector<std::string> column_names(abc_dataset *dataset) {
    size_t count = 0;
    abc_error *error = nullptr;
    if (abc_dataset_column_count(&count, dataset, &error) != ABC_OK) {
        fail_msg("abc_dataset_column_count: %s", abc_error_message(error));
    }
    std::vector<std::string> names;
    for (size_t i = 0; i < count; ++i) {
        const char *name = nullptr;
        assert_int_equal(abc_dataset_column_name(&name, dataset, i, nullptr), ABC_OK);
        names.push_back(name);
    }
    return names;
}

size_t column_index(abc_dataset_cursor *cursor, const char *name) {
    for (size_t i = 0; i < abc_dataset_cursor_column_count(cursor); ++i) {
        if (std::strcmp(abc_dataset_cursor_column_name(cursor, i), name) == 0) return i;
    }
    fail_msg("no column %s", name);
    return 0;
}

// The emulator's generator: the exact rows a sync writes, by id.
std::map<long long, cJSON *> expected_rows(const std::string &stream, int count, int seed, cJSON **owner) {
    const std::string body = emulator_send(emulator, "GET",
                                           "/_emulator/faker/" + stream + "?count=" + std::to_string(count) +
                                               "&seed=" + std::to_string(seed),
                                           "");
    *owner = cJSON_Parse(body.c_str());
    assert_true(cJSON_IsArray(*owner));
    std::map<long long, cJSON *> rows;
    cJSON *row = nullptr;
    cJSON_ArrayForEach(row, *owner) {
        rows[static_cast<long long>(cJSON_GetObjectItemCaseSensitive(row, "id")->valuedouble)] = row;
    }
    return rows;
}

// The generator writes "2021-04-23T10:15:30+00:00"; the reader's canonical form of the same
// instant is "2021-04-23T10:15:30Z".
std::string canonical_instant(const std::string &faker_text) {
    const std::string suffix = "+00:00";
    if (faker_text.size() > suffix.size() &&
        faker_text.compare(faker_text.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return faker_text.substr(0, faker_text.size() - suffix.size()) + "Z";
    }
    return faker_text;
}

// Compares one value read back (from the record JSON) with the generator's.
void expect_same_value(const char *stream, long long id, const char *field, const cJSON *expected, const cJSON *actual) {
    if (expected == nullptr || cJSON_IsNull(expected)) {
        if (!cJSON_IsNull(actual)) fail_msg("%s %lld %s: expected null", stream, id, field);
        return;
    }
    if (actual == nullptr) fail_msg("%s %lld: column %s missing", stream, id, field);
    if (cJSON_IsNumber(expected)) {
        if (!cJSON_IsNumber(actual) || std::fabs(expected->valuedouble - actual->valuedouble) > 1e-9) {
            fail_msg("%s %lld %s: expected %.9g, got %s", stream, id, field, expected->valuedouble, cJSON_PrintUnformatted(actual));
        }
    } else if (cJSON_IsString(expected)) {
        if (!cJSON_IsString(actual)) fail_msg("%s %lld %s: not a string", stream, id, field);
        const bool timestamp = std::strstr(field, "_at") != nullptr;
        const std::string want = timestamp ? canonical_instant(expected->valuestring) : expected->valuestring;
        if (want != actual->valuestring) {
            fail_msg("%s %lld %s: expected \"%s\", got \"%s\"", stream, id, field, want.c_str(), actual->valuestring);
        }
    } else if (!cJSON_Compare(expected, actual, 1)) {
        fail_msg("%s %lld %s: objects differ", stream, id, field);
    }
}

struct ReadBack {
    long long rows = 0;
    std::set<std::string> raw_ids;
    std::set<long long> generations;
    std::set<long long> sync_ids;
};

// Reads every row of `stream` and checks it against the generator for (count, seed).
ReadBack read_and_compare(abc_dataset_set *set, const std::string &stream, int count, int seed) {
    cJSON *owner = nullptr;
    std::map<long long, cJSON *> expected = expected_rows(stream, count, seed, &owner);
    abc_dataset *dataset = stream_dataset(set, stream.c_str());

    int64_t row_count = -1;
    assert_int_equal(abc_dataset_row_count(&row_count, dataset, nullptr), ABC_OK);
    assert_int_equal(row_count, static_cast<int64_t>(expected.size()));

    abc_dataset_cursor *cursor = nullptr;
    abc_error *error = nullptr;
    if (abc_dataset_cursor_open(&cursor, dataset, &error) != ABC_OK) {
        fail_msg("abc_dataset_cursor_open: %s", abc_error_message(error));
    }
    const size_t id_column = column_index(cursor, "id");
    const size_t generation_column = column_index(cursor, "_airbyte_generation_id");
    assert_int_equal(abc_dataset_cursor_column_value_type(cursor, id_column), ABC_VALUE_INTEGER);
    ReadBack result;
    std::set<long long> seen;
    for (;;) {
        int has_row = 0;
        if (abc_dataset_cursor_next(&has_row, cursor, &error) != ABC_OK) {
            fail_msg("abc_dataset_cursor_next: %s", abc_error_message(error));
        }
        if (!has_row) break;
        const char *json = nullptr;
        assert_int_equal(abc_dataset_cursor_record_json(&json, cursor, nullptr), ABC_OK);
        cJSON *record = cJSON_Parse(json);
        if (record == nullptr) fail_msg("record is not JSON: %s", json);
        int64_t id = 0;
        assert_int_equal(abc_dataset_cursor_int64(&id, cursor, id_column, nullptr), ABC_OK);
        assert_true(seen.insert(id).second);  // each row once
        auto found = expected.find(id);
        if (found == expected.end()) fail_msg("%s: unexpected id %lld", stream.c_str(), static_cast<long long>(id));
        cJSON *field = nullptr;
        cJSON_ArrayForEach(field, found->second) {
            expect_same_value(stream.c_str(), id, field->string, field,
                              cJSON_GetObjectItemCaseSensitive(record, field->string));
        }
        result.raw_ids.insert(cJSON_GetObjectItemCaseSensitive(record, "_airbyte_raw_id")->valuestring);
        int64_t generation = 0;
        assert_int_equal(abc_dataset_cursor_int64(&generation, cursor, generation_column, nullptr), ABC_OK);
        result.generations.insert(generation);
        const cJSON *meta = cJSON_GetObjectItemCaseSensitive(record, "_airbyte_meta");
        assert_true(cJSON_IsObject(meta));
        result.sync_ids.insert(static_cast<long long>(cJSON_GetObjectItemCaseSensitive(meta, "sync_id")->valuedouble));
        cJSON_Delete(record);
        ++result.rows;
    }
    assert_int_equal(result.rows, static_cast<long long>(expected.size()));
    assert_int_equal(abc_dataset_cursor_rows_read(cursor), result.rows);
    assert_int_equal(result.raw_ids.size(), static_cast<size_t>(result.rows));
    abc_dataset_cursor_free(cursor);
    abc_dataset_free(dataset);
    cJSON_Delete(owner);
    return result;
}

abc_job *run_sync(const std::string &connection_id) {
    abc_sync_options *options = nullptr;
    assert_int_equal(abc_sync_options_new(&options, nullptr), ABC_OK);
    assert_int_equal(abc_sync_options_set_timeout_ms(options, 120000, nullptr), ABC_OK);
    abc_job *job = nullptr;
    abc_error *error = nullptr;
    if (abc_run_sync(&job, workspace, connection_id.c_str(), options, &error) != ABC_OK) {
        fail_msg("abc_run_sync: %s", abc_error_message(error));
    }
    abc_sync_options_free(options);
    assert_int_equal(abc_job_status(job), ABC_JOB_STATE_SUCCEEDED);
    return job;
}

int set_up(void **) {
    if (test_postgres_from_env(&pg) != 0) return -1;  // printed "SKIP: ..." already
    setenv(kPasswordVariable, pg.password, 1);
    unsetenv("AIRBYTE_CLOUD_POSTGRES_PASSWORD");
    schema = "abc_datasets_" + std::to_string(getpid());
    const char *args[] = {"--job-duration-ms", "50", nullptr};
    if (emulator_start(&emulator, args) != 0) return -1;
    workspace = workspace_for(emulator);
    return 0;
}

int tear_down(void **) {
    abc_workspace_free(workspace);
    if (!schema.empty()) pg_exec("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    return emulator_stop(&emulator);
}

}  // namespace

// Sync with the library, read back with the library, compare with the generator; then change the
// seed and count, sync again, and the same dataset must hold only the new rows.
static void test_sync_then_read_back(void **) {
    const std::string source = create_source(emulator, "faker-e2e", "{\"sourceType\":\"faker\",\"count\":300,\"seed\":17}");
    const std::string destination = create_destination(emulator, "pg-e2e", postgres_destination_config());
    const std::string connection = create_connection(
        emulator, "e2e", source, destination, "E2E-",
        "[{\"name\":\"users\",\"syncMode\":\"full_refresh_overwrite\"},"
        "{\"name\":\"products\",\"syncMode\":\"full_refresh_overwrite\"},"
        "{\"name\":\"purchases\",\"syncMode\":\"full_refresh_overwrite\"}]");

    abc_job *first = run_sync(connection);
    abc_dataset_options *options = options_with_password();
    abc_dataset_set *set = nullptr;
    abc_error *error = nullptr;
    if (abc_job_datasets(&set, first, options, &error) != ABC_OK) {
        fail_msg("abc_job_datasets: %s", abc_error_message(error));
    }
    assert_string_equal(abc_dataset_set_destination_type(set), "postgres");
    assert_string_equal(abc_dataset_set_destination_id(set), destination.c_str());
    assert_string_equal(abc_dataset_set_database(set), pg.database);
    assert_string_equal(abc_dataset_set_schema(set), schema.c_str());
    const std::string uri = abc_dataset_set_connection_uri(set);
    assert_true(uri.rfind("postgresql://" + std::string(pg.user) + "@" + pg.host + ":" + std::to_string(pg.port) + "/", 0) == 0);
    assert_true(uri.find(pg.password) == std::string::npos);
    assert_int_equal(abc_dataset_set_count(set), 3);
    assert_string_equal(abc_dataset_set_stream_name(set, 0), "users");
    assert_string_equal(abc_dataset_set_stream_name(set, 2), "purchases");
    assert_string_equal(abc_dataset_set_stream_name(set, 3), "");

    abc_dataset *users = stream_dataset(set, "users");
    assert_string_equal(abc_dataset_table_name(users), "e2e_users");
    assert_string_equal(abc_dataset_schema(users), schema.c_str());
    assert_string_equal(abc_dataset_qualified_name(users), ("\"" + schema + "\".\"e2e_users\"").c_str());
    assert_string_equal(abc_dataset_connection_uri(users), uri.c_str());
    const std::vector<std::string> names = column_names(users);
    const std::vector<std::string> leading = {"_airbyte_raw_id", "_airbyte_extracted_at", "_airbyte_meta",
                                              "_airbyte_generation_id", "id", "created_at"};
    for (size_t i = 0; i < leading.size(); ++i) assert_string_equal(names[i].c_str(), leading[i].c_str());
    expect_column_type(users, 5, "timestamp with time zone");
    expect_column_kind(users, 5, ABC_VALUE_TIMESTAMP);
    expect_column_kind(users, 2, ABC_VALUE_JSON);
    abc_dataset_free(users);

    const ReadBack users_1 = read_and_compare(set, "users", 300, 17);
    read_and_compare(set, "products", 300, 17);
    const ReadBack purchases_1 = read_and_compare(set, "purchases", 300, 17);
    assert_int_equal(users_1.sync_ids.size(), 1);
    assert_int_equal(*users_1.sync_ids.begin(), abc_job_id(first));
    assert_int_equal(purchases_1.generations.size(), 1);

    // Second sync: another seed and count. The same datasets now read as the new rows only.
    emulator_send(emulator, "PATCH", "/v1/sources/" + source, "{\"configuration\":{\"count\":120,\"seed\":18}}");
    abc_job *second = run_sync(connection);
    const ReadBack users_2 = read_and_compare(set, "users", 120, 18);
    for (const std::string &raw_id : users_2.raw_ids) assert_int_equal(users_1.raw_ids.count(raw_id), 0);
    assert_int_equal(users_2.generations.size(), 1);
    assert_true(*users_2.generations.begin() > *users_1.generations.begin());
    assert_int_equal(users_2.sync_ids.size(), 1);
    assert_int_equal(*users_2.sync_ids.begin(), abc_job_id(second));
    read_and_compare(set, "purchases", 120, 18);

    abc_dataset_set_free(set);
    abc_dataset_options_free(options);
    abc_job_free(first);
    abc_job_free(second);
}

// Every type the reader decodes, with NULLs, from a table made with libpq (no sync needed: the
// dataset only needs the connection and destination).
static void test_every_postgres_type(void **) {
    const std::string connection = users_connection("types");
    pg_exec("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
    pg_exec("CREATE TABLE \"" + schema +
            "\".types_users (i bigint, s smallint, n numeric(12,3), nn numeric, f double precision, r real, "
            "b boolean, t text, v varchar(10), u uuid, y bytea, d date, tm time, ts timestamp, tz timestamptz, "
            "j jsonb, js json, a int[])");
    pg_exec("INSERT INTO \"" + schema +
            "\".types_users VALUES (9007199254740993, -7, 12.5, 'NaN', 'Infinity', 1.5, true, "
            "E'tab\\there \"quoted\" \\\\ back', 'short', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00ff41', "
            "'2024-02-29', '23:59:59.25', '2024-02-29 12:34:56.789', '2024-02-29 12:34:56.789+02', "
            "'{\"k\": [1, null, \"x\"]}', '[1,2]', '{1,2,3}')");
    pg_exec("INSERT INTO \"" + schema + "\".types_users DEFAULT VALUES");

    abc_dataset_options *options = options_with_password();
    abc_dataset_set *set = datasets_for(workspace, connection, options);
    abc_dataset *dataset = stream_dataset(set, "users");
    const abc_value_type expected_types[] = {
        ABC_VALUE_INTEGER, ABC_VALUE_INTEGER, ABC_VALUE_DECIMAL, ABC_VALUE_DECIMAL, ABC_VALUE_FLOAT,
        ABC_VALUE_FLOAT,   ABC_VALUE_BOOLEAN, ABC_VALUE_TEXT,    ABC_VALUE_TEXT,    ABC_VALUE_TEXT,
        ABC_VALUE_BYTES,   ABC_VALUE_DATE,    ABC_VALUE_TIME,    ABC_VALUE_DATETIME, ABC_VALUE_TIMESTAMP,
        ABC_VALUE_JSON,    ABC_VALUE_JSON,    ABC_VALUE_TEXT};
    const char *expected_native[] = {"bigint", "smallint", "numeric(12,3)", "numeric", "double precision", "real",
                                     "boolean", "text", "character varying(10)", "uuid", "bytea", "date",
                                     "time without time zone", "timestamp without time zone",
                                     "timestamp with time zone", "jsonb", "json", "integer[]"};
    size_t count = 0;
    assert_int_equal(abc_dataset_column_count(&count, dataset, nullptr), ABC_OK);
    assert_int_equal(count, 18);
    for (size_t i = 0; i < count; ++i) {
        abc_value_type type = ABC_VALUE_UNKNOWN;
        const char *native = nullptr;
        assert_int_equal(abc_dataset_column_value_type(&type, dataset, i, nullptr), ABC_OK);
        assert_int_equal(type, expected_types[i]);
        assert_int_equal(abc_dataset_column_type(&native, dataset, i, nullptr), ABC_OK);
        assert_string_equal(native, expected_native[i]);
    }

    abc_dataset_cursor *cursor = nullptr;
    assert_int_equal(abc_dataset_cursor_open(&cursor, dataset, nullptr), ABC_OK);
    int has_row = 0;
    assert_int_equal(abc_dataset_cursor_next(&has_row, cursor, nullptr), ABC_OK);
    assert_int_equal(has_row, 1);
    const char *json = nullptr;
    assert_int_equal(abc_dataset_cursor_record_json(&json, cursor, nullptr), ABC_OK);
    assert_string_equal(
        json,
        "{\"i\":9007199254740993,\"s\":-7,\"n\":12.500,\"nn\":\"NaN\",\"f\":\"Infinity\",\"r\":1.5,\"b\":true,"
        "\"t\":\"tab\\there \\\"quoted\\\" \\\\ back\",\"v\":\"short\",\"u\":\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\","
        "\"y\":\"AP9B\",\"d\":\"2024-02-29\",\"tm\":\"23:59:59.25\",\"ts\":\"2024-02-29T12:34:56.789\","
        "\"tz\":\"2024-02-29T10:34:56.789Z\",\"j\":{\"k\": [1, null, \"x\"]},\"js\":[1,2],\"a\":\"{1,2,3}\"}");
    // Typed views of the same row.
    int64_t integer = 0;
    double number = 0;
    const char *text = nullptr;
    assert_int_equal(abc_dataset_cursor_int64(&integer, cursor, 0, nullptr), ABC_OK);
    assert_int_equal(integer, 9007199254740993LL);  // beyond 2^53: exact, not through a double
    assert_int_equal(abc_dataset_cursor_double(&number, cursor, 2, nullptr), ABC_OK);
    assert_true(number == 12.5);
    assert_int_equal(abc_dataset_cursor_int64(&integer, cursor, 6, nullptr), ABC_OK);
    assert_int_equal(integer, 1);
    assert_int_equal(abc_dataset_cursor_int64(&integer, cursor, 11, nullptr), ABC_OK);
    assert_int_equal(integer, 19782);  // 2024-02-29 in days since 1970-01-01
    assert_int_equal(abc_dataset_cursor_int64(&integer, cursor, 14, nullptr), ABC_OK);
    assert_int_equal(integer, 1709202896789000LL);
    assert_int_equal(abc_dataset_cursor_text(&text, cursor, 10, nullptr), ABC_OK);
    assert_string_equal(text, "AP9B");
    abc_error *error = nullptr;
    const char *not_integer[] = {"column 7 't'", nullptr};
    expect_failure(abc_dataset_cursor_int64(&integer, cursor, 7, &error), &error, ABC_ERROR_INVALID_ARGUMENT, not_integer);
    const char *out_of_range[] = {"column 18", nullptr};
    expect_failure(abc_dataset_cursor_text(&text, cursor, 18, &error), &error, ABC_ERROR_INVALID_ARGUMENT, out_of_range);

    // The row of NULLs.
    assert_int_equal(abc_dataset_cursor_next(&has_row, cursor, nullptr), ABC_OK);
    assert_int_equal(has_row, 1);
    for (size_t i = 0; i < count; ++i) {
        int is_null = 0;
        assert_int_equal(abc_dataset_cursor_is_null(&is_null, cursor, i, nullptr), ABC_OK);
        assert_int_equal(is_null, 1);
        assert_int_equal(abc_dataset_cursor_text(&text, cursor, i, nullptr), ABC_OK);
        assert_null(text);
    }
    const char *null_value[] = {"is NULL", nullptr};
    expect_failure(abc_dataset_cursor_int64(&integer, cursor, 0, &error), &error, ABC_ERROR_INVALID_ARGUMENT, null_value);
    assert_int_equal(abc_dataset_cursor_record_json(&json, cursor, nullptr), ABC_OK);
    assert_non_null(std::strstr(json, "\"i\":null,\"s\":null"));
    assert_int_equal(abc_dataset_cursor_next(&has_row, cursor, nullptr), ABC_OK);
    assert_int_equal(has_row, 0);
    const char *past_end[] = {"past the last row", nullptr};
    expect_failure(abc_dataset_cursor_record_json(&json, cursor, &error), &error, ABC_ERROR_INVALID_ARGUMENT, past_end);
    abc_dataset_cursor_free(cursor);

    // Lifetimes: a cursor outlives its dataset and set; two cursors read at once.
    abc_dataset_cursor *first = nullptr, *second = nullptr;
    assert_int_equal(abc_dataset_cursor_open(&first, dataset, nullptr), ABC_OK);
    assert_int_equal(abc_dataset_cursor_open(&second, dataset, nullptr), ABC_OK);
    abc_dataset_free(dataset);
    abc_dataset_set_free(set);
    assert_int_equal(abc_dataset_cursor_next(&has_row, second, nullptr), ABC_OK);
    assert_int_equal(abc_dataset_cursor_next(&has_row, first, nullptr), ABC_OK);
    assert_int_equal(abc_dataset_cursor_int64(&integer, first, 1, nullptr), ABC_OK);
    assert_int_equal(integer, -7);
    abc_dataset_cursor_free(first);
    abc_dataset_cursor_free(second);
    abc_dataset_options_free(options);
}

// ssl_mode from the destination configuration reaches libpq: "disable" reads; the test server
// has no TLS, so "require" (or ssl: true) must fail to connect, saying so.
static void test_ssl_mode_from_configuration(void **) {
    const std::string source = create_source(emulator, "faker-ssl", "{\"sourceType\":\"faker\",\"count\":1}");
    pg_exec("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
    pg_exec("CREATE TABLE IF NOT EXISTS \"" + schema + "\".ssl_users (id bigint)");
    abc_dataset_options *options = options_with_password();
    struct Case {
        const char *extra;
        const char *uri_suffix;
        bool connects;
    } cases[] = {{"\"ssl_mode\":{\"mode\":\"disable\"}", "?sslmode=disable", true},
                 {"\"ssl_mode\":{\"mode\":\"require\"}", "?sslmode=require", false},
                 {"\"ssl\":true", "?sslmode=require", false}};
    for (const Case &c : cases) {
        const std::string destination = create_destination(emulator, "pg-ssl", postgres_destination_config(c.extra));
        const std::string connection =
            create_connection(emulator, "ssl", source, destination, "ssl_", "[{\"name\":\"users\"}]");
        abc_dataset_set *set = datasets_for(workspace, connection, options);
        const std::string uri = abc_dataset_set_connection_uri(set);
        assert_true(uri.size() > std::strlen(c.uri_suffix));
        assert_string_equal(uri.c_str() + uri.size() - std::strlen(c.uri_suffix), c.uri_suffix);
        abc_dataset *dataset = stream_dataset(set, "users");
        int64_t rows = -1;
        abc_error *error = nullptr;
        if (c.connects) {
            assert_int_equal(abc_dataset_row_count(&rows, dataset, nullptr), ABC_OK);
            assert_int_equal(rows, 0);
        } else {
            const char *parts[] = {"cannot connect to Postgres", "SSL", nullptr};
            expect_failure(abc_dataset_row_count(&rows, dataset, &error), &error, ABC_ERROR_TRANSPORT, parts);
        }
        abc_dataset_free(dataset);
        abc_dataset_set_free(set);
    }
    abc_dataset_options_free(options);
}

static void test_errors_name_what_to_fix(void **) {
    const std::string source = create_source(emulator, "faker-errors", "{\"sourceType\":\"faker\",\"count\":1}");
    const std::string destination = create_destination(emulator, "pg-errors", postgres_destination_config());
    const std::string connection =
        create_connection(emulator, "errors", source, destination, "never_synced_", "[{\"name\":\"users\"}]");
    abc_connection *handle = nullptr;
    assert_int_equal(abc_connection_get(&handle, workspace, connection.c_str(), nullptr), ABC_OK);
    abc_dataset_set *set = nullptr;
    abc_error *error = nullptr;

    // The API masks the password and nothing provides it.
    const char *masked[] = {"masked", "ABC_DATASET_SECRET_PASSWORD", "AIRBYTE_CLOUD_POSTGRES_PASSWORD", nullptr};
    expect_failure(abc_connection_datasets(&set, handle, nullptr, &error), &error, ABC_ERROR_INVALID_ARGUMENT, masked);
    assert_null(set);
    // The default environment variable is enough.
    setenv("AIRBYTE_CLOUD_POSTGRES_PASSWORD", pg.password, 1);
    assert_int_equal(abc_connection_datasets(&set, handle, nullptr, nullptr), ABC_OK);
    abc_dataset_set_free(set);
    unsetenv("AIRBYTE_CLOUD_POSTGRES_PASSWORD");
    // A named variable that is not set.
    abc_dataset_options *options = nullptr;
    assert_int_equal(abc_dataset_options_new(&options, nullptr), ABC_OK);
    assert_int_equal(abc_dataset_options_set_secret_env(options, ABC_DATASET_SECRET_PASSWORD, "ABC_TEST_UNSET_VARIABLE",
                                                        nullptr),
                     ABC_OK);
    const char *unset[] = {"ABC_TEST_UNSET_VARIABLE", nullptr};
    expect_failure(abc_connection_datasets(&set, handle, options, &error), &error, ABC_ERROR_INVALID_ARGUMENT, unset);

    // A wrong password: the set is made (no connection yet); reading says authentication failed.
    assert_int_equal(abc_dataset_options_set_secret(options, ABC_DATASET_SECRET_PASSWORD, "wrong-password", nullptr),
                     ABC_OK);
    assert_int_equal(abc_connection_datasets(&set, handle, options, nullptr), ABC_OK);
    abc_dataset *dataset = stream_dataset(set, "users");
    int64_t rows = 0;
    const char *auth[] = {"password authentication failed", nullptr};
    expect_failure(abc_dataset_row_count(&rows, dataset, &error), &error, ABC_ERROR_AUTH, auth);
    abc_dataset_free(dataset);
    abc_dataset_set_free(set);

    // The right password, but the stream was never synced: the table does not exist.
    assert_int_equal(abc_dataset_options_set_secret(options, ABC_DATASET_SECRET_PASSWORD, pg.password, nullptr), ABC_OK);
    assert_int_equal(abc_connection_datasets(&set, handle, options, nullptr), ABC_OK);
    dataset = stream_dataset(set, "users");
    size_t columns = 0;
    abc_dataset_cursor *cursor = nullptr;
    const char *missing[] = {"never_synced_users", "does not exist", nullptr};
    expect_failure(abc_dataset_column_count(&columns, dataset, &error), &error, ABC_ERROR_NOT_FOUND, missing);
    expect_failure(abc_dataset_row_count(&rows, dataset, &error), &error, ABC_ERROR_NOT_FOUND, missing);
    expect_failure(abc_dataset_cursor_open(&cursor, dataset, &error), &error, ABC_ERROR_NOT_FOUND, missing);
    assert_null(cursor);
    const char *no_stream[] = {"no stream 'orders'", "users", nullptr};
    abc_dataset *other = nullptr;
    expect_failure(abc_dataset_set_get(&other, set, "orders", &error), &error, ABC_ERROR_NOT_FOUND, no_stream);
    abc_dataset_free(dataset);
    abc_dataset_set_free(set);

    // Another destination type: unsupported, naming the type.
    const std::string duck = create_destination(emulator, "duck",
                                                "{\"destinationType\":\"duckdb\",\"destination_path\":\"/local/x.duckdb\"}");
    const std::string duck_connection =
        create_connection(emulator, "duck", source, duck, "", "[{\"name\":\"users\"}]");
    abc_connection *duck_handle = nullptr;
    assert_int_equal(abc_connection_get(&duck_handle, workspace, duck_connection.c_str(), nullptr), ABC_OK);
    const char *unsupported[] = {"'duckdb'", nullptr};
    expect_failure(abc_connection_datasets(&set, duck_handle, options, &error), &error, ABC_ERROR_UNSUPPORTED,
                   unsupported);
    abc_connection_free(duck_handle);

    // Argument checks name the argument.
    const char *null_out[] = {"abc_connection_datasets: out is NULL", nullptr};
    expect_failure(abc_connection_datasets(nullptr, handle, options, &error), &error, ABC_ERROR_INVALID_ARGUMENT, null_out);
    const char *bad_secret[] = {"secret", nullptr};
    expect_failure(abc_dataset_options_set_secret(options, static_cast<abc_dataset_secret>(42), "x", &error), &error,
                   ABC_ERROR_INVALID_ARGUMENT, bad_secret);
    const char *bad_url[] = {"url must start with http", nullptr};
    expect_failure(abc_dataset_options_set_snowflake_url(options, "ftp://x", &error), &error,
                   ABC_ERROR_INVALID_ARGUMENT, bad_url);
    const char *bad_page[] = {"rows", nullptr};
    expect_failure(abc_dataset_options_set_page_size(options, 0, &error), &error, ABC_ERROR_INVALID_ARGUMENT, bad_page);
    abc_dataset_free(nullptr);
    abc_dataset_set_free(nullptr);
    abc_dataset_cursor_free(nullptr);
    abc_dataset_options_free(nullptr);
    assert_int_equal(abc_dataset_set_count(nullptr), 0);
    assert_string_equal(abc_dataset_table_name(nullptr), "");
    assert_string_equal(abc_value_type_name(ABC_VALUE_TIMESTAMP), "timestamp");
    assert_string_equal(abc_value_type_name(static_cast<abc_value_type>(99)), "unknown");

    abc_dataset_options_free(options);
    abc_connection_free(handle);
}

// Handles on the same stream, from one set, used by several threads at once.
static void test_handles_in_parallel_threads(void **) {
    const std::string connection = users_connection("threads");
    pg_exec("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
    pg_exec("CREATE TABLE \"" + schema + "\".threads_users AS SELECT g AS id, 'row ' || g AS name "
            "FROM generate_series(1, 5000) AS g");
    abc_dataset_options *options = options_with_password();
    abc_dataset_set *set = datasets_for(workspace, connection, options);
    constexpr int kThreads = 4;
    long long rows[kThreads] = {0};
    long long sums[kThreads] = {0};
    int failures[kThreads] = {0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            abc_dataset *dataset = nullptr;
            if (abc_dataset_set_get(&dataset, set, "users", nullptr) != ABC_OK) {
                ++failures[t];
                return;
            }
            size_t columns = 0;
            int64_t count = 0;
            abc_dataset_cursor *cursor = nullptr;
            if (abc_dataset_column_count(&columns, dataset, nullptr) != ABC_OK || columns != 2 ||
                abc_dataset_row_count(&count, dataset, nullptr) != ABC_OK || count != 5000 ||
                abc_dataset_cursor_open(&cursor, dataset, nullptr) != ABC_OK) {
                ++failures[t];
            }
            int has_row = 1;
            while (cursor != nullptr && abc_dataset_cursor_next(&has_row, cursor, nullptr) == ABC_OK && has_row) {
                int64_t id = 0;
                if (abc_dataset_cursor_int64(&id, cursor, 0, nullptr) != ABC_OK) ++failures[t];
                sums[t] += id;
                ++rows[t];
            }
            abc_dataset_cursor_free(cursor);
            abc_dataset_free(dataset);
        });
    }
    for (std::thread &thread : threads) thread.join();
    for (int t = 0; t < kThreads; ++t) {
        assert_int_equal(failures[t], 0);
        assert_int_equal(rows[t], 5000);
        assert_int_equal(sums[t], 5000LL * 5001 / 2);
    }
    abc_dataset_set_free(set);
    abc_dataset_options_free(options);
}

// Values the binary COPY path prints itself must equal what the server prints in text (as the
// text protocol sent them): floats at every exponent, numerics of every shape, dates and
// timestamps outside years 1..9999, infinities, and types read through their text output
// (timetz, interval, inet, arrays, char(n), a composite whose fields are all NULL).
static void test_values_agree_with_server_text(void **) {
    const std::string connection = users_connection("edge");
    const std::string table = "\"" + schema + "\".edge_users";
    pg_exec("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
    pg_exec("CREATE TYPE \"" + schema + "\".pair AS (a int, b int)");
    pg_exec(
        "CREATE TABLE " + table +
        " AS SELECT i AS id, "
        "(ARRAY['0','-0','0.1','1e15','123456789012345','1e-5','0.0001','1.5e-7','1e300','5e-324',"
        "'2.2250738585072014e-308','NaN','Infinity','-Infinity','100','0.3333333333333333'])[i]::"
        "float8 AS x, "
        "(ARRAY['0.1','1e6','123456','1234567','1e-5','3.4028235e38','1e-45','NaN','-Infinity','1."
        "5'])[i]::real AS r, "
        "(ARRAY['0','0.00','-0.001','12.500','123456789.000000001','1e-20','1e30','-99999999.9999',"
        "'NaN',"
        "'Infinity','-Infinity','0.00001234','10000','1.0000'])[i]::numeric AS n, "
        "(ARRAY['2024-02-29','0001-01-01','0044-03-15 BC','10000-01-01','4713-01-01 BC','infinity',"
        "'-infinity','5874897-12-31'])[i]::date AS d, "
        "(ARRAY['10000-01-01 00:00:00','0044-03-15 12:00:00.5 BC','infinity','-infinity',"
        "'294276-12-31 23:59:59.999999'])[i]::timestamp AS ts, "
        "(ARRAY['10000-01-01 00:00:00+00','4713-11-24 00:00:00+00 BC','infinity'])[i]::timestamptz "
        "AS tz, "
        "(ARRAY['12:34:56+05:30','00:00:00+00'])[i]::timetz AS tt, "
        "(ARRAY['1 day 2 hours','-3 months'])[i]::interval AS iv, "
        "(ARRAY['192.168.1.1','10.0.0.0/8'])[i]::inet AS ip, "
        "(ARRAY['{a,\"b c\"}','{}'])[i]::text[] AS arr, (ARRAY['ab','abcde'])[i]::char(5) AS c, "
        "CASE i WHEN 1 THEN ROW(NULL, NULL)::\"" +
        schema + "\".pair WHEN 2 THEN ROW(1, 2)::\"" + schema +
        "\".pair END AS p FROM generate_series(1, 16) AS i");

    // The server's text, in the reader's session settings.
    PGconn *server = pg_connect();
    PQclear(PQexec(
        server,
        "SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO, YMD'; SET IntervalStyle TO 'iso_8601'; "
        "SET extra_float_digits TO 3"));
    PGresult *expected = PQexec(server, ("SELECT * FROM " + table + " ORDER BY id").c_str());
    assert_int_equal(PQresultStatus(expected), PGRES_TUPLES_OK);
    const int columns = PQnfields(expected);

    abc_dataset_options *options = options_with_password();
    abc_dataset_set *set = datasets_for(workspace, connection, options);
    abc_dataset *dataset = stream_dataset(set, "users");
    abc_dataset_cursor *cursor = nullptr;
    assert_int_equal(abc_dataset_cursor_open(&cursor, dataset, nullptr), ABC_OK);
    int has_row = 0, rows = 0;
    abc_error *error = nullptr;
    for (;;) {
        if (abc_dataset_cursor_next(&has_row, cursor, &error) != ABC_OK)
            fail_msg("%s", abc_error_message(error));
        if (!has_row)
            break;
        int64_t id = 0;
        assert_int_equal(abc_dataset_cursor_int64(&id, cursor, 0, nullptr), ABC_OK);
        for (int column = 1; column < columns; ++column) {
            const char *text = nullptr;
            assert_int_equal(
                abc_dataset_cursor_text(&text, cursor, static_cast<size_t>(column), nullptr),
                ABC_OK);
            const int at = static_cast<int>(id) - 1;
            if (PQgetisnull(expected, at, column)) {
                if (text != nullptr)
                    fail_msg("row %d %s: \"%s\", expected NULL", at + 1, PQfname(expected, column),
                             text);
            } else if (text == nullptr ||
                       std::strcmp(text, PQgetvalue(expected, at, column)) != 0) {
                fail_msg("row %d %s: \"%s\", expected \"%s\"", at + 1, PQfname(expected, column),
                         text ? text : "NULL", PQgetvalue(expected, at, column));
            }
        }
        const char *json = nullptr;
        assert_int_equal(abc_dataset_cursor_record_json(&json, cursor, nullptr), ABC_OK);
        cJSON *parsed = cJSON_Parse(json);
        if (parsed == nullptr)
            fail_msg("not JSON: %s", json);
        cJSON_Delete(parsed);
        ++rows;
    }
    assert_int_equal(rows, 16);
    PQclear(expected);
    PQfinish(server);
    abc_dataset_cursor_free(cursor);
    abc_dataset_free(dataset);
    abc_dataset_set_free(set);
    abc_dataset_options_free(options);
}

int main(void) {
    test_postgres probe;
    if (test_postgres_from_env(&probe) != 0) return 77;  // "SKIP: ..." printed
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sync_then_read_back),
        cmocka_unit_test(test_every_postgres_type),
        cmocka_unit_test(test_values_agree_with_server_text),
        cmocka_unit_test(test_ssl_mode_from_configuration),
        cmocka_unit_test(test_errors_name_what_to_fix),
        cmocka_unit_test(test_handles_in_parallel_threads),
    };
    return cmocka_run_group_tests(tests, set_up, tear_down);
}
