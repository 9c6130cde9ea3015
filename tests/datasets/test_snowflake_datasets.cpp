// Snowflake datasets through the public C API, against
//   1. a Prism mock of the official SQL API spec (../shared/specs/snowflake/sqlapi.yaml): every
//      request the reader sends is validated (a deliberately bad request proves the check works);
//   2. a loopback fixture served here, behind a Prism validating proxy (requests and responses
//      checked): 202 + statementStatusUrl polling, three partitions fetched lazily, every jsonv2
//      type with NULLs;
//   3. the same fixture directly: relative statementStatusUrl, 429/503 backoff (Retry-After),
//      401 then a fresh JWT, a missing table (422, code 002003), OAuth and PAT tokens.
// The fixture verifies each key-pair JWT with the public key (independent OpenSSL code) and checks
// its claims, the token-type header, the User-Agent and the request body.
#include <cjson/cJSON.h>
#include <httplib.h>

#include <atomic>
#include <csetjmp>
#include <cstdarg>
#include <cstddef>
#include <cstring>
#include <map>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>
extern "C" {
#include <cmocka.h>
}

#include "fake_server.h"
#include "support.h"

using namespace dstest;

namespace {

abc_workspace *workspace = nullptr;
RsaKeyPair key;
std::string connection_id;   // streams users (typed table), purchases (flaky), products (missing)

constexpr const char *kHandle = "01b2c3d4-0000-4abc-8def-0123456789ab";

// ---- the fixture ----

// Row i of the typed table as jsonv2 cells, and the record JSON the reader must make of it.
struct Row {
    std::vector<const char *> cells;  // nullptr = SQL NULL; every other value is a JSON string
    const char *record;
};

const char *const kRowType =
    "[{\"name\":\"ID\",\"type\":\"FIXED\",\"length\":0,\"precision\":38,\"scale\":0,\"nullable\":false},"
    "{\"name\":\"PRICE\",\"type\":\"fixed\",\"length\":0,\"precision\":10,\"scale\":2,\"nullable\":true},"
    "{\"name\":\"RATIO\",\"type\":\"REAL\",\"length\":0,\"precision\":0,\"scale\":0,\"nullable\":true},"
    "{\"name\":\"NAME\",\"type\":\"TEXT\",\"length\":100,\"precision\":0,\"scale\":0,\"nullable\":true},"
    "{\"name\":\"ACTIVE\",\"type\":\"BOOLEAN\",\"length\":0,\"precision\":0,\"scale\":0,\"nullable\":true},"
    "{\"name\":\"BORN\",\"type\":\"DATE\",\"length\":0,\"precision\":0,\"scale\":0,\"nullable\":true},"
    "{\"name\":\"WAKE\",\"type\":\"TIME\",\"length\":0,\"precision\":0,\"scale\":9,\"nullable\":true},"
    "{\"name\":\"NTZ\",\"type\":\"TIMESTAMP_NTZ\",\"length\":0,\"precision\":0,\"scale\":9,\"nullable\":true},"
    "{\"name\":\"LTZ\",\"type\":\"timestamp_ltz\",\"length\":0,\"precision\":0,\"scale\":9,\"nullable\":true},"
    "{\"name\":\"TZ\",\"type\":\"TIMESTAMP_TZ\",\"length\":0,\"precision\":0,\"scale\":9,\"nullable\":true},"
    "{\"name\":\"BIN\",\"type\":\"BINARY\",\"length\":8,\"precision\":0,\"scale\":0,\"nullable\":true},"
    "{\"name\":\"DOC\",\"type\":\"VARIANT\",\"length\":0,\"precision\":0,\"scale\":0,\"nullable\":true},"
    "{\"name\":\"TAGS\",\"type\":\"ARRAY\",\"length\":0,\"precision\":0,\"scale\":0,\"nullable\":true}]";

const std::vector<std::vector<Row>> kPartitions = {
    {{{"1", "12.34", "1.5", "Ada \"L\"", "true", "18262", "82919.000000000", "1597090533.123000000",
       "1597090533.123000000", "1597090533.123000000 1920", "48656C6C6F", "{\n  \"a\": [1, 2]\n}", "[\"x\",\"y\"]"},
      "{\"ID\":1,\"PRICE\":12.34,\"RATIO\":1.5,\"NAME\":\"Ada \\\"L\\\"\",\"ACTIVE\":true,\"BORN\":\"2020-01-01\","
      "\"WAKE\":\"23:01:59\",\"NTZ\":\"2020-08-10T20:15:33.123\",\"LTZ\":\"2020-08-10T20:15:33.123Z\","
      "\"TZ\":\"2020-08-11T04:15:33.123+08:00\",\"BIN\":\"SGVsbG8=\",\"DOC\":{\n  \"a\": [1, 2]\n},"
      "\"TAGS\":[\"x\",\"y\"]}"},
     {{"2", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
       nullptr},
      "{\"ID\":2,\"PRICE\":null,\"RATIO\":null,\"NAME\":null,\"ACTIVE\":null,\"BORN\":null,\"WAKE\":null,"
      "\"NTZ\":null,\"LTZ\":null,\"TZ\":null,\"BIN\":null,\"DOC\":null,\"TAGS\":null}"}},
    {{{"3", "-0.50", "NaN", "", "false", "-1", "0.000000001", "0", "-1.500000000", "0 1140", "", "null", "[]"},
      "{\"ID\":3,\"PRICE\":-0.50,\"RATIO\":\"NaN\",\"NAME\":\"\",\"ACTIVE\":false,\"BORN\":\"1969-12-31\","
      "\"WAKE\":\"00:00:00.000000001\",\"NTZ\":\"1970-01-01T00:00:00\",\"LTZ\":\"1969-12-31T23:59:58.5Z\","
      "\"TZ\":\"1969-12-31T19:00:00-05:00\",\"BIN\":\"\",\"DOC\":null,\"TAGS\":[]}"},
     {{"4", "100", "1e-7", "caf\xc3\xa9", "1", "19782", "43200.5", "1709202896.789", "1709202896.789",
       "1709202896.789000000 1770", "00FF", "{\"k\":true}", "[1]"},
      "{\"ID\":4,\"PRICE\":100,\"RATIO\":1e-7,\"NAME\":\"caf\xc3\xa9\",\"ACTIVE\":true,\"BORN\":\"2024-02-29\","
      "\"WAKE\":\"12:00:00.5\",\"NTZ\":\"2024-02-29T10:34:56.789\",\"LTZ\":\"2024-02-29T10:34:56.789Z\","
      "\"TZ\":\"2024-02-29T16:04:56.789+05:30\",\"BIN\":\"AP8=\",\"DOC\":{\"k\":true},\"TAGS\":[1]}"}},
    {{{"5", "0.01", "-2.25", "last", "false", "0", "0", "1", "1", "1 1440", "41", "[]", "[null]"},
      "{\"ID\":5,\"PRICE\":0.01,\"RATIO\":-2.25,\"NAME\":\"last\",\"ACTIVE\":false,\"BORN\":\"1970-01-01\","
      "\"WAKE\":\"00:00:00\",\"NTZ\":\"1970-01-01T00:00:01\",\"LTZ\":\"1970-01-01T00:00:01Z\","
      "\"TZ\":\"1970-01-01T00:00:01Z\",\"BIN\":\"QQ==\",\"DOC\":[],\"TAGS\":[null]}"}}};

std::string data_json(const std::vector<Row> &rows) {
    std::string out = "[";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (r > 0) out += ",";
        out += "[";
        for (std::size_t c = 0; c < rows[r].cells.size(); ++c) {
            if (c > 0) out += ",";
            if (rows[r].cells[c] == nullptr) {
                out += "null";
            } else {
                cJSON *text = cJSON_CreateString(rows[r].cells[c]);
                char *printed = cJSON_PrintUnformatted(text);
                out += printed;
                cJSON_free(printed);
                cJSON_Delete(text);
            }
        }
        out += "]";
    }
    return out + "]";
}

std::string result_set(const char *row_type, const std::string &data, const std::string &partition_info,
                       long long rows, const std::string &status_url) {
    return std::string("{\"code\":\"090001\",\"sqlState\":\"00000\",\"message\":\"Statement executed successfully.\",") +
           "\"statementHandle\":\"" + kHandle + "\",\"createdOn\":1597090533987,\"statementStatusUrl\":\"" +
           status_url + "\",\"resultSetMetaData\":{\"format\":\"jsonv2\",\"numRows\":" + std::to_string(rows) +
           ",\"rowType\":" + row_type + ",\"partitionInfo\":" + partition_info + ",\"nullable\":true},\"data\":" +
           data + "}";
}

class Fixture : public FakeServer {
public:
    Fixture() : FakeServer(false) {}
    std::string public_pem;
    std::string account = "XY12345";  // as the JWT must name it
    std::string user = "AIRBYTE_USER";
    std::string status_base;  // "" = relative statementStatusUrl; else an absolute prefix
    std::string expected_token_type = "KEYPAIR_JWT";
    std::string expected_bearer;  // for OAUTH / PAT: the exact token

    std::vector<std::string> tokens;
    int pending_polls = 0;      // 202 answers left before the typed result is ready
    int flaky_failures = 0;     // 429 then 503 answers left for the flaky table / partition
    bool reject_next_with_401 = false;
    bool saw_compressed_request = false;

    void start() {
        server_.Post("/api/v2/statements", [this](const httplib::Request &req, httplib::Response &res) {
            submit(req, res);
        });
        server_.Get(R"(/api/v2/statements/([0-9a-f-]+))", [this](const httplib::Request &req, httplib::Response &res) {
            status(req, res);
        });
        serve();
    }

private:
    // Checks what every request must carry; false (with a 401 answer) when authentication fails.
    bool check_common(const httplib::Request &req, httplib::Response &res) {
        if (req.get_header_value("User-Agent").empty()) problem(req.path + ": no User-Agent");
        if (req.get_header_value("Accept") != "application/json") problem(req.path + ": Accept is not application/json");
        if (req.get_header_value("Accept-Encoding").find("gzip") == std::string::npos) {
            problem(req.path + ": compressed responses not accepted");
        }
        if (req.get_header_value("X-Snowflake-Authorization-Token-Type") != expected_token_type) {
            problem(req.path + ": token type '" + req.get_header_value("X-Snowflake-Authorization-Token-Type") + "'");
        }
        const std::string authorization = req.get_header_value("Authorization");
        if (authorization.rfind("Bearer ", 0) != 0) {
            problem(req.path + ": no bearer token");
            res.status = 401;
            return false;
        }
        const std::string token = authorization.substr(7);
        tokens.push_back(token);
        if (expected_token_type == "KEYPAIR_JWT") {
            std::string header;
            const std::string claims_text = verify_rs256(token, public_pem, &header);
            if (claims_text.empty()) {
                problem(req.path + ": the JWT signature does not verify");
                res.status = 401;
                return false;
            }
            cJSON *claims = cJSON_Parse(claims_text.c_str());
            const std::string subject = account + "." + user;
            const std::string issuer = subject + "." + snowflake_fingerprint(public_pem);
            const cJSON *iss = cJSON_GetObjectItemCaseSensitive(claims, "iss");
            const cJSON *sub = cJSON_GetObjectItemCaseSensitive(claims, "sub");
            const cJSON *iat = cJSON_GetObjectItemCaseSensitive(claims, "iat");
            const cJSON *exp = cJSON_GetObjectItemCaseSensitive(claims, "exp");
            if (!cJSON_IsString(iss) || issuer != iss->valuestring) problem("JWT iss: " + claims_text);
            if (!cJSON_IsString(sub) || subject != sub->valuestring) problem("JWT sub: " + claims_text);
            const double now = static_cast<double>(time(nullptr));
            if (!cJSON_IsNumber(iat) || !cJSON_IsNumber(exp) || exp->valuedouble - iat->valuedouble > 3600 ||
                exp->valuedouble <= now || iat->valuedouble > now + 60) {
                problem("JWT lifetime: " + claims_text);
            }
            if (header != "{\"alg\":\"RS256\",\"typ\":\"JWT\"}") problem("JWT header: " + header);
            cJSON_Delete(claims);
        } else if (token != expected_bearer) {
            problem(req.path + ": bearer token is not the one configured");
        }
        if (reject_next_with_401) {
            reject_next_with_401 = false;
            ++counts["401"];
            res.status = 401;
            res.set_content("{\"code\":\"390318\",\"message\":\"JWT token is invalid.\"}", "application/json");
            return false;
        }
        return true;
    }

    std::string status_url() const {
        return status_base + "/api/v2/statements/" + kHandle + "?requestId=00000000-0000-4000-8000-000000000000";
    }

    void submit(const httplib::Request &req, httplib::Response &res) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!check_common(req, res)) return;
        static const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        if (!std::regex_match(req.get_param_value("requestId"), uuid)) problem("requestId is not a UUID v4");
        if (req.get_param_value("retry") != "true") problem("retry=true missing");
        if (req.get_header_value("Content-Type") != "application/json") problem("POST without JSON content type");
        cJSON *body = cJSON_Parse(req.body.c_str());
        const cJSON *statement = cJSON_GetObjectItemCaseSensitive(body, "statement");
        const cJSON *warehouse = cJSON_GetObjectItemCaseSensitive(body, "warehouse");
        const cJSON *role = cJSON_GetObjectItemCaseSensitive(body, "role");
        const cJSON *timeout = cJSON_GetObjectItemCaseSensitive(body, "timeout");
        if (!cJSON_IsString(warehouse) || std::strcmp(warehouse->valuestring, "LOAD_WH") != 0) problem("warehouse");
        if (!cJSON_IsString(role) || std::strcmp(role->valuestring, "READER") != 0) problem("role");
        if (!cJSON_IsNumber(timeout) || timeout->valuedouble < 1) problem("timeout");
        const std::string sql = cJSON_IsString(statement) ? statement->valuestring : "";
        cJSON_Delete(body);
        ++counts["POST " + sql];
        res.set_header("Content-Type", "application/json");

        if (sql.find(".purchases") != std::string::npos && flaky_failures > 0) {
            const int left = flaky_failures--;
            res.status = left % 2 == 0 ? 429 : 503;
            if (res.status == 429) res.set_header("Retry-After", "1");
            return;
        }
        if (sql.find(".products") != std::string::npos) {
            res.status = 422;
            res.set_content(std::string("{\"code\":\"002003\",\"sqlState\":\"42S02\",\"message\":\"SQL compilation error:\\n"
                                        "Object 'AIRBYTE_DB.PUBLIC.PRODUCTS' does not exist or not authorized.\","
                                        "\"statementHandle\":\"") + kHandle + "\"}",
                            "application/json");
            return;
        }
        if (sql == "SELECT COUNT(*) FROM AIRBYTE_DB.public.users" ||
            sql == "SELECT COUNT(*) FROM AIRBYTE_DB.public.purchases") {
            res.set_content(result_set("[{\"name\":\"COUNT(*)\",\"type\":\"FIXED\",\"scale\":0,\"nullable\":false}]",
                                       "[[\"5\"]]", "[{\"rowCount\":1,\"uncompressedSize\":10}]", 1, status_url()),
                            "application/json");
            return;
        }
        if (sql == "SELECT * FROM AIRBYTE_DB.public.users LIMIT 0") {
            res.set_content(result_set(kRowType, "[]", "[]", 0, status_url()), "application/json");
            return;
        }
        if (sql == "SELECT * FROM AIRBYTE_DB.public.users") {
            pending_polls = 2;  // answered twice more with 202 before the result is ready
            res.status = 202;
            res.set_content(std::string("{\"code\":\"333334\",\"message\":\"Asynchronous execution in progress. Use "
                                        "provided query id to perform query monitoring and management.\","
                                        "\"statementHandle\":\"") +
                                kHandle + "\",\"statementStatusUrl\":\"" + status_url() + "\"}",
                            "application/json");
            return;
        }
        problem("unexpected statement: " + sql);
        res.status = 400;
    }

    void status(const httplib::Request &req, httplib::Response &res) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!check_common(req, res)) return;
        if (req.matches[1] != kHandle) problem("status of an unknown handle");
        res.set_header("Content-Type", "application/json");
        if (req.has_param("partition")) {
            const int partition = std::atoi(req.get_param_value("partition").c_str());
            ++counts["partition " + std::to_string(partition)];
            if (partition == 2 && flaky_failures > 0) {
                --flaky_failures;
                res.status = 503;
                return;
            }
            if (partition < 1 || partition >= static_cast<int>(kPartitions.size())) {
                problem("partition out of range");
                res.status = 400;
                return;
            }
            res.set_content("{\"data\":" + data_json(kPartitions[static_cast<std::size_t>(partition)]) + "}",
                            "application/json");
            return;
        }
        ++counts["poll"];
        if (pending_polls > 0) {
            --pending_polls;
            res.status = 202;
            res.set_content(std::string("{\"code\":\"333334\",\"message\":\"Asynchronous execution in progress.\","
                                        "\"statementHandle\":\"") +
                                kHandle + "\",\"statementStatusUrl\":\"" + status_url() + "\"}",
                            "application/json");
            return;
        }
        std::string partitions = "[";
        long long total = 0;
        for (std::size_t p = 0; p < kPartitions.size(); ++p) {
            partitions += std::string(p > 0 ? "," : "") + "{\"rowCount\":" + std::to_string(kPartitions[p].size()) +
                          ",\"uncompressedSize\":1000}";
            total += static_cast<long long>(kPartitions[p].size());
        }
        partitions += "]";
        res.set_content(result_set(kRowType, data_json(kPartitions[0]), partitions, total, status_url()),
                        "application/json");
    }

};

Fixture fixture;

abc_dataset_options *options_for(const std::string &url) {
    abc_dataset_options *options = nullptr;
    assert_int_equal(abc_dataset_options_new(&options, nullptr), ABC_OK);
    assert_int_equal(abc_dataset_options_set_snowflake_url(options, url.c_str(), nullptr), ABC_OK);
    assert_int_equal(abc_dataset_options_set_secret(options, ABC_DATASET_SECRET_PRIVATE_KEY, key.private_pem.c_str(),
                                                    nullptr),
                     ABC_OK);
    assert_int_equal(abc_dataset_options_set_poll_interval(options, 5, 20, nullptr), ABC_OK);
    return options;
}

// Reads the typed table and checks every record; also that partitions are fetched lazily.
void read_typed_table(abc_dataset_set *set) {
    abc_dataset *users = stream_dataset(set, "users");
    assert_string_equal(abc_dataset_qualified_name(users), "AIRBYTE_DB.public.users");
    expect_column_count(users, 13);
    expect_column_type(users, 9, "TIMESTAMP_TZ");
    expect_column_kind(users, 1, ABC_VALUE_DECIMAL);
    expect_column_kind(users, 7, ABC_VALUE_DATETIME);
    expect_row_count(users, 5);
    abc_error *error = nullptr;

    const int polls_before = fixture.count("poll");
    const int first_before = fixture.count("partition 1");
    const int second_before = fixture.count("partition 2");
    abc_dataset_cursor *cursor = nullptr;
    if (abc_dataset_cursor_open(&cursor, users, &error) != ABC_OK) fail_msg("%s", abc_error_message(error));
    assert_int_equal(fixture.count("poll") - polls_before, 3);  // 202, 202, then the result
    std::size_t partition = 0, index = 0;
    int has_row = 0;
    while (true) {
        if (abc_dataset_cursor_next(&has_row, cursor, &error) != ABC_OK) fail_msg("%s", abc_error_message(error));
        if (!has_row) break;
        while (index >= kPartitions[partition].size()) {
            ++partition;
            index = 0;
        }
        // Partition p is fetched only when the cursor reaches it.
        assert_int_equal(fixture.count("partition 1") - first_before, partition >= 1 ? 1 : 0);
        assert_int_equal(fixture.count("partition 2") - second_before > 0 ? 1 : 0, partition >= 2 ? 1 : 0);
        const char *json = nullptr;
        assert_int_equal(abc_dataset_cursor_record_json(&json, cursor, nullptr), ABC_OK);
        assert_string_equal(json, kPartitions[partition][index].record);
        ++index;
    }
    assert_int_equal(partition, kPartitions.size() - 1);
    assert_int_equal(abc_dataset_cursor_rows_read(cursor), 5);
    abc_dataset_cursor_free(cursor);
    abc_dataset_free(users);
}

int set_up(void **) {
    for (const char *variable : {"AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY", "AIRBYTE_CLOUD_SNOWFLAKE_OAUTH_TOKEN",
                                 "AIRBYTE_CLOUD_SNOWFLAKE_PAT", "AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE"}) {
        unsetenv(variable);
    }
    return start_warehouse_suite(
        fixture, "snowflake",
        "{\"destinationType\":\"snowflake\",\"host\":\"xy12345.us-east-2.aws.snowflakecomputing."
        "com\","
        "\"role\":\"READER\",\"warehouse\":\"LOAD_WH\",\"database\":\"AIRBYTE_DB\",\"schema\":"
        "\"PUBLIC\","
        "\"username\":\"airbyte_user\",\"credentials\":{\"auth_type\":\"Key Pair Authentication\","
        "\"private_key\":\"**********\"}}",
        &workspace, &key, &connection_id);
}

int tear_down(void **) {
    return stop_warehouse_suite(fixture, workspace);
}

}  // namespace

static void test_coordinates(void **) {
    abc_dataset_options *options = options_for("https://example.invalid");
    abc_dataset_set *set = datasets_for(workspace, connection_id, options);
    assert_string_equal(abc_dataset_set_destination_type(set), "snowflake");
    assert_string_equal(abc_dataset_set_database(set), "AIRBYTE_DB");
    assert_string_equal(abc_dataset_set_schema(set), "public");
    assert_string_equal(abc_dataset_set_connection_uri(set),
                        "snowflake://airbyte_user@xy12345.us-east-2.aws/AIRBYTE_DB/public?warehouse=LOAD_WH&role=READER");
    assert_int_equal(abc_dataset_set_count(set), 3);
    abc_dataset_set_free(set);

    // The API masks the private key: without one the error says what to provide.
    abc_connection *connection = nullptr;
    assert_int_equal(abc_connection_get(&connection, workspace, connection_id.c_str(), nullptr), ABC_OK);
    abc_error *error = nullptr;
    const char *parts[] = {"ABC_DATASET_SECRET_PRIVATE_KEY", "AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY", nullptr};
    expect_failure(abc_connection_datasets(&set, connection, nullptr, &error), &error, ABC_ERROR_INVALID_ARGUMENT, parts);
    // A key that is not a key.
    abc_dataset_options *bad = nullptr;
    assert_int_equal(abc_dataset_options_new(&bad, nullptr), ABC_OK);
    assert_int_equal(abc_dataset_options_set_secret(bad, ABC_DATASET_SECRET_PRIVATE_KEY, "not a pem", nullptr), ABC_OK);
    const char *not_pem[] = {"Snowflake private key", "PEM", nullptr};
    expect_failure(abc_connection_datasets(&set, connection, bad, &error), &error, ABC_ERROR_INVALID_ARGUMENT, not_pem);
    abc_dataset_options_free(bad);
    abc_connection_free(connection);
    abc_dataset_options_free(options);
}

// Every request the reader sends goes to a Prism mock of the official spec.
static void test_requests_against_prism_mock(void **) {
    DSTEST_SKIP_WITHOUT_PRISM();
    Prism prism;
    start_prism_or_fail(prism, "mock", "/snowflake/sqlapi.yaml", "");
    abc_dataset_options *options = options_for(prism.url);
    abc_dataset_set *set = datasets_for(workspace, connection_id, options);
    abc_dataset *users = stream_dataset(set, "users");
    // The mock answers with the spec's example ResultSet: its rowType has 6 columns...
    expect_column_count(users, 6);
    abc_error *error = nullptr;
    const char *name = nullptr;
    assert_int_equal(abc_dataset_column_name(&name, users, 5, nullptr), ABC_OK);
    assert_string_equal(name, "CREATED_ON");
    abc_dataset_cursor *cursor = nullptr;
    if (abc_dataset_cursor_open(&cursor, users, &error) != ABC_OK) fail_msg("%s", abc_error_message(error));
    // ...but its example rows have 4 values (a known flaw of the spec's example), which the reader
    // reports instead of misreading.
    int has_row = 0;
    const char *mismatch[] = {"4 values for 6 columns", nullptr};
    expect_failure(abc_dataset_cursor_next(&has_row, cursor, &error), &error, ABC_ERROR_PROTOCOL, mismatch);
    abc_dataset_cursor_free(cursor);
    expect_no_report(prism_violations(prism), "Prism rejected requests of the reader");

    // Control: a request without User-Agent and token type is a violation Prism reports.
    httplib::Client client("127.0.0.1", std::atoi(prism.url.substr(prism.url.rfind(':') + 1).c_str()));
    client.set_default_headers({{"Authorization", "Bearer x"}});
    auto bad = client.Post("/api/v2/statements", "{\"statement\":5}", "application/json");
    assert_non_null(bad);
    assert_int_equal(bad->status, 422);
    assert_false(prism_violations(prism).empty());

    abc_dataset_free(users);
    abc_dataset_set_free(set);
    abc_dataset_options_free(options);
    stop_prism(prism);
}

// The fixture behind a Prism validating proxy: requests and the fixture's responses both checked.
static void test_fixture_behind_prism_proxy(void **) {
    DSTEST_SKIP_WITHOUT_PRISM();
    Prism prism;
    start_prism_or_fail(prism, "proxy", "/snowflake/sqlapi.yaml", fixture.url());
    fixture.status_base = prism.url;  // QueryStatus.statementStatusUrl is format: uri
    abc_dataset_options *options = options_for(prism.url);
    abc_dataset_set *set = datasets_for(workspace, connection_id, options);
    read_typed_table(set);
    fixture.status_base.clear();
    expect_no_report(fixture.report(), "the fixture saw bad requests");
    expect_no_report(prism_violations(prism), "Prism found violations");
    abc_dataset_set_free(set);
    abc_dataset_options_free(options);
    stop_prism(prism);
}

static void test_fixture_direct(void **) {
    // Relative statementStatusUrl, as Snowflake sends it.
    fixture.configure([] { fixture.status_base.clear(); });
    abc_dataset_options *options = options_for(fixture.url());
    abc_dataset_set *set = datasets_for(workspace, connection_id, options);
    // Relative statementStatusUrl, 202 polling, lazy partitions.
    const int partitions_before = fixture.count("partition 1");
    read_typed_table(set);
    assert_int_equal(fixture.count("partition 1") - partitions_before, 1);

    // One JWT serves many requests; after a 401 the reader mints a fresh one and retries once.
    fixture.configure([] { fixture.reject_next_with_401 = true; });
    abc_dataset *users = stream_dataset(set, "users");
    expect_row_count(users, 5);
    assert_int_equal(fixture.count("401"), 1);
    abc_dataset_free(users);

    // 429 and 503 on the statement, 503 on a partition fetch, a missing table (422, 002003).
    const char *missing[] = {"002003", "does not exist", nullptr};
    expect_retries_and_missing_table(fixture, set, read_typed_table,
                                     "POST SELECT COUNT(*) FROM AIRBYTE_DB.public.purchases",
                                     "partition 2", missing);

    expect_no_report(fixture.report(), "the fixture saw bad requests");
    abc_dataset_set_free(set);
    abc_dataset_options_free(options);
}

// OAuth tokens and programmatic access tokens go out as given, with their token type.
static void test_oauth_and_pat(void **) {
    struct Case {
        abc_dataset_secret secret;
        const char *token_type;
        const char *token;
    } cases[] = {{ABC_DATASET_SECRET_OAUTH_TOKEN, "OAUTH", "oauth-access-token-1"},
                 {ABC_DATASET_SECRET_PROGRAMMATIC_ACCESS_TOKEN, "PROGRAMMATIC_ACCESS_TOKEN", "pat-token-2"}};
    for (const Case &c : cases) {
        fixture.configure([&] {
            fixture.expected_token_type = c.token_type;
            fixture.expected_bearer = c.token;
        });
        abc_dataset_options *options = nullptr;
        assert_int_equal(abc_dataset_options_new(&options, nullptr), ABC_OK);
        assert_int_equal(abc_dataset_options_set_snowflake_url(options, fixture.url().c_str(), nullptr), ABC_OK);
        assert_int_equal(abc_dataset_options_set_secret(options, c.secret, c.token, nullptr), ABC_OK);
        abc_dataset_set *set = datasets_for(workspace, connection_id, options);
        abc_dataset *users = stream_dataset(set, "users");
        expect_row_count(users, 5);
        abc_dataset_free(users);
        abc_dataset_set_free(set);
        abc_dataset_options_free(options);
    }
    fixture.configure([] {
        fixture.expected_token_type = "KEYPAIR_JWT";
        fixture.expected_bearer.clear();
    });
    expect_no_report(fixture.report(), "the fixture saw bad requests");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coordinates),
        cmocka_unit_test(test_requests_against_prism_mock),
        cmocka_unit_test(test_fixture_behind_prism_proxy),
        cmocka_unit_test(test_fixture_direct),
        cmocka_unit_test(test_oauth_and_pat),
    };
    return cmocka_run_group_tests(tests, set_up, tear_down);
}
