// BigQuery datasets through the public C API, against
//   1. Prism mocks of the official BigQuery v2 spec and of the token endpoint contract
//      (../shared/specs/bigquery/): the token exchange and jobs.query requests are validated
//      (a deliberately bad request proves the check works);
//   2. a loopback fixture served here, behind Prism validating proxies for both specs: the
//      service-account JWT exchange, jobs.query answered "not complete", getQueryResults polled
//      until complete, three pages by pageToken, every value type (INT64, NUMERIC, BIGNUMERIC,
//      FLOAT64, BOOL, STRING, BYTES, DATE, TIME, DATETIME, TIMESTAMP, JSON, GEOGRAPHY, REPEATED,
//      RECORD, nested and repeated RECORD) with NULLs;
//   3. the same fixture directly: 429/503 backoff, a missing table (404 notFound), token reuse,
//      and the key's own token_uri when no override is given.
// The fixture verifies the assertion's RS256 signature with the public key and checks its header
// and claims, the bearer token on every call, and each request's body and parameters.
#include <cjson/cJSON.h>
#include <httplib.h>
#include <unistd.h>

#include <csetjmp>
#include <cstdarg>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
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
std::string connection_id;  // streams users (typed), purchases (flaky), products (missing)

constexpr const char *kClientEmail = "reader@my-proj.iam.gserviceaccount.com";
constexpr const char *kGoogleTokenUri = "https://oauth2.googleapis.com/token";
constexpr const char *kTable = "`my-proj.airbyte_ds.users`";

const char *const kSchema =
    "{\"fields\":[{\"name\":\"id\",\"type\":\"INT64\",\"mode\":\"REQUIRED\"},"
    "{\"name\":\"amount\",\"type\":\"NUMERIC\",\"mode\":\"NULLABLE\"},"
    "{\"name\":\"big\",\"type\":\"BIGNUMERIC\",\"mode\":\"NULLABLE\"},"
    "{\"name\":\"ratio\",\"type\":\"FLOAT\",\"mode\":\"NULLABLE\"},"
    "{\"name\":\"ok\",\"type\":\"BOOLEAN\",\"mode\":\"NULLABLE\"},"
    "{\"name\":\"name\",\"type\":\"STRING\",\"mode\":\"NULLABLE\"},"
    "{\"name\":\"blob\",\"type\":\"BYTES\",\"mode\":\"NULLABLE\"},"
    "{\"name\":\"day\",\"type\":\"DATE\",\"mode\":\"NULLABLE\"},"
    "{\"name\":\"clock\",\"type\":\"TIME\",\"mode\":\"NULLABLE\"},"
    "{\"name\":\"local\",\"type\":\"DATETIME\",\"mode\":\"NULLABLE\"},"
    "{\"name\":\"at\",\"type\":\"TIMESTAMP\",\"mode\":\"NULLABLE\"},"
    "{\"name\":\"doc\",\"type\":\"JSON\",\"mode\":\"NULLABLE\"},"
    "{\"name\":\"place\",\"type\":\"GEOGRAPHY\",\"mode\":\"NULLABLE\"},"
    "{\"name\":\"tags\",\"type\":\"STRING\",\"mode\":\"REPEATED\"},"
    "{\"name\":\"address\",\"type\":\"RECORD\",\"mode\":\"NULLABLE\",\"fields\":["
    "{\"name\":\"city\",\"type\":\"STRING\"},{\"name\":\"zip\",\"type\":\"INTEGER\"},"
    "{\"name\":\"geo\",\"type\":\"STRUCT\",\"fields\":[{\"name\":\"lat\",\"type\":\"FLOAT64\"}]}]},"
    "{\"name\":\"items\",\"type\":\"RECORD\",\"mode\":\"REPEATED\",\"fields\":["
    "{\"name\":\"sku\",\"type\":\"STRING\"},{\"name\":\"qty\",\"type\":\"INT64\"}]}]}";

struct Row {
    const char *wire;    // the TableRow JSON
    const char *record;  // the record JSON the reader must make of it
};

const std::vector<std::vector<Row>> kPages = {
    {{"{\"f\":[{\"v\":\"1\"},{\"v\":\"12.340000000\"},{\"v\":\"123456789012345678901234567890.5\"},{\"v\":\"1.5\"},"
      "{\"v\":\"true\"},{\"v\":\"Ada\"},{\"v\":\"SGVsbG8=\"},{\"v\":\"2024-01-31\"},{\"v\":\"12:34:56.123456\"},"
      "{\"v\":\"2024-01-31T12:34:56.123456\"},{\"v\":\"1706704496123456\"},{\"v\":\"{\\\"a\\\":1}\"},"
      "{\"v\":\"POINT(1 2)\"},{\"v\":[{\"v\":\"x\"},{\"v\":\"y\"}]},"
      "{\"v\":{\"f\":[{\"v\":\"Oslo\"},{\"v\":\"150\"},{\"v\":{\"f\":[{\"v\":\"59.9\"}]}}]}},"
      "{\"v\":[{\"v\":{\"f\":[{\"v\":\"a\"},{\"v\":\"2\"}]}}]}]}",
      "{\"id\":1,\"amount\":12.340000000,\"big\":123456789012345678901234567890.5,\"ratio\":1.5,\"ok\":true,"
      "\"name\":\"Ada\",\"blob\":\"SGVsbG8=\",\"day\":\"2024-01-31\",\"clock\":\"12:34:56.123456\","
      "\"local\":\"2024-01-31T12:34:56.123456\",\"at\":\"2024-01-31T12:34:56.123456Z\",\"doc\":{\"a\":1},"
      "\"place\":\"POINT(1 2)\",\"tags\":[\"x\",\"y\"],\"address\":{\"city\":\"Oslo\",\"zip\":150,\"geo\":{\"lat\":59.9}},"
      "\"items\":[{\"sku\":\"a\",\"qty\":2}]}"},
     {"{\"f\":[{\"v\":\"2\"},{\"v\":null},{\"v\":null},{\"v\":null},{\"v\":null},{\"v\":null},{\"v\":null},"
      "{\"v\":null},{\"v\":null},{\"v\":null},{\"v\":null},{\"v\":null},{\"v\":null},{\"v\":[]},{\"v\":null},"
      "{\"v\":[]}]}",
      "{\"id\":2,\"amount\":null,\"big\":null,\"ratio\":null,\"ok\":null,\"name\":null,\"blob\":null,\"day\":null,"
      "\"clock\":null,\"local\":null,\"at\":null,\"doc\":null,\"place\":null,\"tags\":[],\"address\":null,"
      "\"items\":[]}"}},
    {{"{\"f\":[{\"v\":\"3\"},{\"v\":\"-0.5\"},{\"v\":\"0\"},{\"v\":\"NaN\"},{\"v\":\"false\"},"
      "{\"v\":\"caf\\u00e9 \\\"q\\\"\"},{\"v\":\"\"},{\"v\":\"1969-12-31\"},{\"v\":\"00:00:00\"},"
      "{\"v\":\"1970-01-01T00:00:00\"},{\"v\":\"-1\"},{\"v\":\"[1,null]\"},{\"v\":\"LINESTRING(0 0, 1 1)\"},"
      "{\"v\":[{\"v\":null}]},{\"v\":{\"f\":[{\"v\":null},{\"v\":null},{\"v\":null}]}},"
      "{\"v\":[{\"v\":{\"f\":[{\"v\":\"b\"},{\"v\":null}]}},{\"v\":{\"f\":[{\"v\":\"c\"},{\"v\":\"0\"}]}}]}]}",
      "{\"id\":3,\"amount\":-0.5,\"big\":0,\"ratio\":\"NaN\",\"ok\":false,\"name\":\"caf\xc3\xa9 \\\"q\\\"\",\"blob\":\"\","
      "\"day\":\"1969-12-31\",\"clock\":\"00:00:00\",\"local\":\"1970-01-01T00:00:00\","
      "\"at\":\"1969-12-31T23:59:59.999999Z\",\"doc\":[1,null],\"place\":\"LINESTRING(0 0, 1 1)\",\"tags\":[null],"
      "\"address\":{\"city\":null,\"zip\":null,\"geo\":null},\"items\":[{\"sku\":\"b\",\"qty\":null},"
      "{\"sku\":\"c\",\"qty\":0}]}"},
     {"{\"f\":[{\"v\":\"4\"},{\"v\":\"100\"},{\"v\":\"-1\"},{\"v\":\"-Infinity\"},{\"v\":\"true\"},{\"v\":\"\"},"
      "{\"v\":\"AP8=\"},{\"v\":\"2024-02-29\"},{\"v\":\"23:59:59.999999\"},{\"v\":\"2024-02-29T23:59:59\"},"
      "{\"v\":\"1709251199000000\"},{\"v\":\"\\\"str\\\"\"},{\"v\":\"POINT(0 0)\"},{\"v\":[{\"v\":\"only\"}]},"
      "{\"v\":{\"f\":[{\"v\":\"Bergen\"},{\"v\":\"5003\"},{\"v\":{\"f\":[{\"v\":null}]}}]}},{\"v\":[]}]}",
      "{\"id\":4,\"amount\":100,\"big\":-1,\"ratio\":\"-Infinity\",\"ok\":true,\"name\":\"\",\"blob\":\"AP8=\","
      "\"day\":\"2024-02-29\",\"clock\":\"23:59:59.999999\",\"local\":\"2024-02-29T23:59:59\","
      "\"at\":\"2024-02-29T23:59:59Z\",\"doc\":\"str\",\"place\":\"POINT(0 0)\",\"tags\":[\"only\"],"
      "\"address\":{\"city\":\"Bergen\",\"zip\":5003,\"geo\":{\"lat\":null}},\"items\":[]}"}},
    {{"{\"f\":[{\"v\":\"5\"},{\"v\":\"0.000000001\"},{\"v\":\"1000\"},{\"v\":\"1e-7\"},{\"v\":\"false\"},"
      "{\"v\":\"last\"},{\"v\":\"QQ==\"},{\"v\":\"0001-01-01\"},{\"v\":\"00:00:00.500000\"},"
      "{\"v\":\"9999-12-31T23:59:59.999999\"},{\"v\":\"0\"},{\"v\":\"{}\"},{\"v\":\"POINT(3 4)\"},{\"v\":[]},"
      "{\"v\":{\"f\":[{\"v\":\"x\"},{\"v\":\"-1\"},{\"v\":{\"f\":[{\"v\":\"-0.25\"}]}}]}},"
      "{\"v\":[{\"v\":{\"f\":[{\"v\":null},{\"v\":null}]}}]}]}",
      "{\"id\":5,\"amount\":0.000000001,\"big\":1000,\"ratio\":1e-7,\"ok\":false,\"name\":\"last\",\"blob\":\"QQ==\","
      "\"day\":\"0001-01-01\",\"clock\":\"00:00:00.500000\",\"local\":\"9999-12-31T23:59:59.999999\","
      "\"at\":\"1970-01-01T00:00:00Z\",\"doc\":{},\"place\":\"POINT(3 4)\",\"tags\":[],"
      "\"address\":{\"city\":\"x\",\"zip\":-1,\"geo\":{\"lat\":-0.25}},\"items\":[{\"sku\":null,\"qty\":null}]}"}}};

std::string rows_json(const std::vector<Row> &rows) {
    std::string out = "[";
    for (std::size_t i = 0; i < rows.size(); ++i) out += std::string(i > 0 ? "," : "") + rows[i].wire;
    return out + "]";
}

class Fixture : public FakeServer {
public:
    Fixture() : FakeServer(true) {}
    std::string public_pem;
    std::string audience = kGoogleTokenUri;  // the key's token_uri
    std::set<std::string> issued;
    int incomplete_polls = 0;
    int flaky_failures = 0;
    int page_size = 0;  // expected maxResults

    void start() {
        server_.Post("/token", [this](const httplib::Request &req, httplib::Response &res) { token(req, res); });
        server_.Post(R"(/projects/([^/]+)/queries)",
                     [this](const httplib::Request &req, httplib::Response &res) { query(req, res); });
        server_.Get(R"(/projects/([^/]+)/queries/([^/]+))",
                    [this](const httplib::Request &req, httplib::Response &res) { results(req, res); });
        serve();
    }

private:
    static std::string form_value(const std::string &body, const std::string &name) {
        const std::string key = name + "=";
        std::size_t at = body.find(key);
        while (at != std::string::npos && at > 0 && body[at - 1] != '&') at = body.find(key, at + 1);
        if (at == std::string::npos) return "";
        const std::size_t end = body.find('&', at);
        return body.substr(at + key.size(), end == std::string::npos ? std::string::npos : end - at - key.size());
    }

    void token(const httplib::Request &req, httplib::Response &res) {
        std::lock_guard<std::mutex> lock(mutex);
        ++counts["token"];
        if (req.get_header_value("Content-Type") != "application/x-www-form-urlencoded") problem("token: content type");
        if (!req.get_header_value("Authorization").empty()) problem("token: the exchange must not carry a bearer");
        if (form_value(req.body, "grant_type") != "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer") {
            problem("token: grant_type " + form_value(req.body, "grant_type"));
        }
        std::string header;
        const std::string claims_text = verify_rs256(form_value(req.body, "assertion"), public_pem, &header);
        if (claims_text.empty()) {
            problem("token: the assertion does not verify");
            res.status = 400;
            res.set_content("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}",
                            "application/json");
            return;
        }
        if (header != "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"test-key-id\"}") problem("token: header " + header);
        cJSON *claims = cJSON_Parse(claims_text.c_str());
        auto text = [&](const char *field) {
            const cJSON *value = cJSON_GetObjectItemCaseSensitive(claims, field);
            return std::string(cJSON_IsString(value) ? value->valuestring : "");
        };
        auto number = [&](const char *field) {
            const cJSON *value = cJSON_GetObjectItemCaseSensitive(claims, field);
            return cJSON_IsNumber(value) ? value->valuedouble : -1.0;
        };
        if (text("iss") != kClientEmail) problem("token: iss " + claims_text);
        if (text("aud") != audience) problem("token: aud " + claims_text);
        if (text("scope") != "https://www.googleapis.com/auth/bigquery") problem("token: scope " + claims_text);
        if (number("exp") - number("iat") != 3600) problem("token: lifetime " + claims_text);
        if (cJSON_GetObjectItemCaseSensitive(claims, "sub") != nullptr) problem("token: sub is for delegation only");
        cJSON_Delete(claims);
        const std::string access = "ya29.fixture-" + std::to_string(counts["token"]);
        issued.insert(access);
        res.set_content("{\"access_token\":\"" + access + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}",
                        "application/json");
    }

    bool authorised(const httplib::Request &req, httplib::Response &res) {
        const std::string authorization = req.get_header_value("Authorization");
        if (authorization.rfind("Bearer ", 0) != 0 || issued.count(authorization.substr(7)) == 0) {
            problem(req.path + ": not a token the fixture issued: " + authorization);
            res.status = 401;
            res.set_content("{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\","
                            "\"status\":\"UNAUTHENTICATED\"}}",
                            "application/json");
            return false;
        }
        if (req.get_header_value("Accept-Encoding").find("gzip") == std::string::npos) {
            problem(req.path + ": compressed responses not accepted");
        }
        if (req.get_header_value("User-Agent").empty()) problem(req.path + ": no User-Agent");
        if (req.matches[1] != "my-proj") problem(req.path + ": project");
        return true;
    }

    static std::string job_reference(const char *job) {
        return std::string("{\"projectId\":\"my-proj\",\"jobId\":\"") + job + "\",\"location\":\"EU\"}";
    }

    void query(const httplib::Request &req, httplib::Response &res) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!authorised(req, res)) return;
        cJSON *body = cJSON_Parse(req.body.c_str());
        const cJSON *sql = cJSON_GetObjectItemCaseSensitive(body, "query");
        const cJSON *legacy = cJSON_GetObjectItemCaseSensitive(body, "useLegacySql");
        const cJSON *format = cJSON_GetObjectItemCaseSensitive(body, "formatOptions");
        const cJSON *int64_timestamps = cJSON_GetObjectItemCaseSensitive(format, "useInt64Timestamp");
        const cJSON *request_id = cJSON_GetObjectItemCaseSensitive(body, "requestId");
        const cJSON *location = cJSON_GetObjectItemCaseSensitive(body, "location");
        const cJSON *max_results = cJSON_GetObjectItemCaseSensitive(body, "maxResults");
        if (!cJSON_IsFalse(legacy)) problem("query: useLegacySql is not false");
        if (!cJSON_IsTrue(int64_timestamps)) problem("query: formatOptions.useInt64Timestamp is not true");
        if (!cJSON_IsString(request_id) || std::strlen(request_id->valuestring) != 36) problem("query: requestId");
        if (!cJSON_IsString(location) || std::strcmp(location->valuestring, "EU") != 0) problem("query: location");
        if (!cJSON_IsNumber(max_results) || max_results->valueint != page_size) problem("query: maxResults");
        const std::string text = cJSON_IsString(sql) ? sql->valuestring : "";
        cJSON_Delete(body);
        ++counts["query " + text];
        if (text.find(".purchases`") != std::string::npos && flaky_failures > 0) {
            const int left = flaky_failures--;
            res.status = left % 2 == 0 ? 429 : 503;
            if (res.status == 429) res.set_header("Retry-After", "1");
            res.set_content("{\"error\":{\"code\":" + std::to_string(res.status) +
                                ",\"message\":\"try later\",\"errors\":[{\"reason\":\"rateLimitExceeded\"}]}}",
                            "application/json");
            return;
        }
        if (text.find(".products`") != std::string::npos) {
            res.status = 404;
            res.set_content("{\"error\":{\"code\":404,\"message\":\"Not found: Table my-proj:airbyte_ds.products was "
                            "not found in location EU\",\"errors\":[{\"message\":\"Not found\",\"domain\":\"global\","
                            "\"reason\":\"notFound\"}],\"status\":\"NOT_FOUND\"}}",
                            "application/json");
            return;
        }
        if (text.rfind("SELECT COUNT(*) FROM ", 0) == 0) {
            res.set_content("{\"kind\":\"bigquery#queryResponse\",\"jobComplete\":true,\"jobReference\":" +
                                job_reference("job_count") +
                                ",\"schema\":{\"fields\":[{\"name\":\"f0_\",\"type\":\"INTEGER\",\"mode\":"
                                "\"NULLABLE\"}]},\"rows\":[{\"f\":[{\"v\":\"5\"}]}],\"totalRows\":\"1\"}",
                            "application/json");
            return;
        }
        if (text == std::string("SELECT * FROM ") + kTable + " LIMIT 0") {
            res.set_content("{\"kind\":\"bigquery#queryResponse\",\"jobComplete\":true,\"jobReference\":" +
                                job_reference("job_columns") + ",\"schema\":" + kSchema + ",\"totalRows\":\"0\"}",
                            "application/json");
            return;
        }
        if (text == std::string("SELECT * FROM ") + kTable) {
            incomplete_polls = 1;
            res.set_content("{\"kind\":\"bigquery#queryResponse\",\"jobComplete\":false,\"jobReference\":" +
                                job_reference("job_typed") + "}",
                            "application/json");
            return;
        }
        problem("unexpected query: " + text);
        res.status = 400;
    }

    void results(const httplib::Request &req, httplib::Response &res) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!authorised(req, res)) return;
        if (req.matches[2] != "job_typed") problem("results of an unexpected job");
        if (req.get_param_value("formatOptions.useInt64Timestamp") != "true") problem("results: useInt64Timestamp");
        if (req.get_param_value("location") != "EU") problem("results: location");
        if (req.get_param_value("maxResults") != std::to_string(page_size)) problem("results: maxResults");
        const std::string token = req.get_param_value("pageToken");
        ++counts["results " + token];
        if (token.empty() && incomplete_polls > 0) {
            --incomplete_polls;
            res.set_content("{\"kind\":\"bigquery#getQueryResultsResponse\",\"jobComplete\":false,\"jobReference\":" +
                                job_reference("job_typed") + "}",
                            "application/json");
            return;
        }
        if (token == "page-3" && flaky_failures > 0) {
            --flaky_failures;
            res.status = 503;
            res.set_content("{\"error\":{\"code\":503,\"message\":\"backend\",\"errors\":[{\"reason\":\"backendError\"}]}}",
                            "application/json");
            return;
        }
        std::size_t page = token.empty() ? 0 : token == "page-2" ? 1 : token == "page-3" ? 2 : 99;
        if (page >= kPages.size()) {
            problem("results: unknown pageToken " + token);
            res.status = 400;
            return;
        }
        std::string body = "{\"kind\":\"bigquery#getQueryResultsResponse\",\"jobComplete\":true,\"jobReference\":" +
                           job_reference("job_typed") + ",\"schema\":" + kSchema + ",\"totalRows\":\"5\",\"rows\":" +
                           rows_json(kPages[page]);
        if (page + 1 < kPages.size()) body += ",\"pageToken\":\"page-" + std::to_string(page + 2) + "\"";
        res.set_content(body + "}", "application/json");
    }

};

Fixture fixture;

std::string key_json(const std::string &token_uri) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "type", "service_account");
    cJSON_AddStringToObject(root, "project_id", "my-proj");
    cJSON_AddStringToObject(root, "private_key_id", "test-key-id");
    cJSON_AddStringToObject(root, "private_key", key.private_pem.c_str());
    cJSON_AddStringToObject(root, "client_email", kClientEmail);
    cJSON_AddStringToObject(root, "token_uri", token_uri.c_str());
    char *text = cJSON_PrintUnformatted(root);
    std::string out = text;
    cJSON_free(text);
    cJSON_Delete(root);
    return out;
}

abc_dataset_options *options_for(const std::string &bigquery_url, const std::string &token_url, int page_size) {
    abc_dataset_options *options = nullptr;
    assert_int_equal(abc_dataset_options_new(&options, nullptr), ABC_OK);
    assert_int_equal(abc_dataset_options_set_bigquery_url(options, bigquery_url.c_str(), nullptr), ABC_OK);
    if (!token_url.empty()) {
        assert_int_equal(abc_dataset_options_set_token_url(options, token_url.c_str(), nullptr), ABC_OK);
    }
    assert_int_equal(abc_dataset_options_set_secret(options, ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON,
                                                    key_json(kGoogleTokenUri).c_str(), nullptr),
                     ABC_OK);
    assert_int_equal(abc_dataset_options_set_page_size(options, page_size, nullptr), ABC_OK);
    fixture.page_size = page_size;
    return options;
}

void read_typed_table(abc_dataset_set *set) {
    abc_dataset *users = stream_dataset(set, "users");
    assert_string_equal(abc_dataset_qualified_name(users), kTable);
    expect_column_count(users, 16);
    expect_column_type(users, 15, "ARRAY<STRUCT<sku STRING, qty INT64>>");
    expect_column_kind(users, 15, ABC_VALUE_ARRAY);
    expect_column_kind(users, 14, ABC_VALUE_RECORD);
    expect_column_kind(users, 10, ABC_VALUE_TIMESTAMP);
    expect_row_count(users, 5);
    abc_error *error = nullptr;

    const int page_2_before = fixture.count("results page-2");
    const int page_3_before = fixture.count("results page-3");
    abc_dataset_cursor *cursor = nullptr;
    if (abc_dataset_cursor_open(&cursor, users, &error) != ABC_OK) fail_msg("%s", abc_error_message(error));
    std::size_t page = 0, index = 0;
    int has_row = 0;
    for (;;) {
        if (abc_dataset_cursor_next(&has_row, cursor, &error) != ABC_OK) fail_msg("%s", abc_error_message(error));
        if (!has_row) break;
        while (index >= kPages[page].size()) {
            ++page;
            index = 0;
        }
        // Page p is fetched only when the cursor reaches it.
        assert_int_equal(fixture.count("results page-2") - page_2_before, page >= 1 ? 1 : 0);
        assert_int_equal(fixture.count("results page-3") - page_3_before > 0 ? 1 : 0, page >= 2 ? 1 : 0);
        const char *json = nullptr;
        assert_int_equal(abc_dataset_cursor_record_json(&json, cursor, nullptr), ABC_OK);
        assert_string_equal(json, kPages[page][index].record);
        if (page == 0 && index == 0) {
            int64_t micros = 0;
            assert_int_equal(abc_dataset_cursor_int64(&micros, cursor, 10, nullptr), ABC_OK);
            assert_int_equal(micros, 1706704496123456LL);
            const char *text = nullptr;
            assert_int_equal(abc_dataset_cursor_text(&text, cursor, 13, nullptr), ABC_OK);
            assert_string_equal(text, "[\"x\",\"y\"]");
        }
        ++index;
    }
    assert_int_equal(page, kPages.size() - 1);
    assert_int_equal(abc_dataset_cursor_rows_read(cursor), 5);
    abc_dataset_cursor_free(cursor);
    abc_dataset_free(users);
}

// Prism in `mode` (mock, or proxy to `upstream`) for the BigQuery v2 contract and for the token
// endpoint's.
void start_prisms(const char *mode, const std::string &upstream, Prism &bigquery, Prism &token) {
    start_prism_or_fail(bigquery, mode, "/bigquery/bigquery-v2.yaml", upstream);
    start_prism_or_fail(token, mode, "/bigquery/google-oauth2-token.yaml", upstream, &bigquery);
}

int set_up(void **) {
    unsetenv("AIRBYTE_CLOUD_BIGQUERY_CREDENTIALS_JSON");
    unsetenv("GOOGLE_APPLICATION_CREDENTIALS");
    return start_warehouse_suite(fixture, "bigquery",
                                 "{\"destinationType\":\"bigquery\",\"project_id\":\"my-proj\","
                                 "\"dataset_id\":\"airbyte_ds\","
                                 "\"dataset_location\":\"EU\",\"credentials_json\":\"**********\","
                                 "\"loading_method\":{\"method\":"
                                 "\"Standard\"}}",
                                 &workspace, &key, &connection_id);
}

int tear_down(void **) {
    return stop_warehouse_suite(fixture, workspace);
}

}  // namespace

static void test_coordinates_and_secrets(void **) {
    abc_dataset_options *options = options_for("https://example.invalid", "", 100);
    abc_dataset_set *set = datasets_for(workspace, connection_id, options);
    assert_string_equal(abc_dataset_set_destination_type(set), "bigquery");
    assert_string_equal(abc_dataset_set_database(set), "my-proj");
    assert_string_equal(abc_dataset_set_schema(set), "airbyte_ds");
    assert_string_equal(abc_dataset_set_connection_uri(set), "bigquery://my-proj/airbyte_ds?location=EU");
    abc_dataset_set_free(set);
    abc_dataset_options_free(options);

    abc_connection *connection = nullptr;
    assert_int_equal(abc_connection_get(&connection, workspace, connection_id.c_str(), nullptr), ABC_OK);
    abc_error *error = nullptr;
    const char *masked[] = {"masked", "ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON", "AIRBYTE_CLOUD_BIGQUERY_CREDENTIALS_JSON",
                            "GOOGLE_APPLICATION_CREDENTIALS", nullptr};
    expect_failure(abc_connection_datasets(&set, connection, nullptr, &error), &error, ABC_ERROR_INVALID_ARGUMENT, masked);
    // Google's convention works too: a key file named by GOOGLE_APPLICATION_CREDENTIALS.
    const std::string path = "/tmp/abc-datasets-key-" + std::to_string(getpid()) + ".json";
    FILE *file = std::fopen(path.c_str(), "w");
    const std::string content = key_json(kGoogleTokenUri);
    std::fwrite(content.data(), 1, content.size(), file);
    std::fclose(file);
    setenv("GOOGLE_APPLICATION_CREDENTIALS", path.c_str(), 1);
    if (abc_connection_datasets(&set, connection, nullptr, &error) != ABC_OK) fail_msg("%s", abc_error_message(error));
    abc_dataset_set_free(set);
    unsetenv("GOOGLE_APPLICATION_CREDENTIALS");
    // ...and the same file given as an option.
    abc_dataset_options *from_file = nullptr;
    assert_int_equal(abc_dataset_options_new(&from_file, nullptr), ABC_OK);
    assert_int_equal(abc_dataset_options_set_secret_file(from_file, ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON, path.c_str(),
                                                         nullptr),
                     ABC_OK);
    if (abc_connection_datasets(&set, connection, from_file, &error) != ABC_OK) fail_msg("%s", abc_error_message(error));
    abc_dataset_set_free(set);
    unlink(path.c_str());
    // A key without its private key.
    assert_int_equal(abc_dataset_options_set_secret(from_file, ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON,
                                                    "{\"type\":\"service_account\",\"client_email\":\"a@b\"}", nullptr),
                     ABC_OK);
    const char *no_key[] = {"private_key", nullptr};
    expect_failure(abc_connection_datasets(&set, connection, from_file, &error), &error, ABC_ERROR_INVALID_ARGUMENT,
                   no_key);
    abc_dataset_options_free(from_file);
    abc_connection_free(connection);
}

// The token exchange and jobs.query go to Prism mocks of the two contracts.
static void test_requests_against_prism_mocks(void **) {
    DSTEST_SKIP_WITHOUT_PRISM();
    Prism bigquery, token;
    start_prisms("mock", "", bigquery, token);
    abc_dataset_options *options = options_for(bigquery.url, token.url + "/token", 100);
    abc_dataset_set *set = datasets_for(workspace, connection_id, options);
    abc_dataset *users = stream_dataset(set, "users");
    // The mock's generated QueryResponse has a schema field with a nameless sub-field ({}), which
    // the reader reports rather than guess at; the requests that got it there were valid.
    size_t columns = 0;
    abc_error *error = nullptr;
    const char *placeholder[] = {"field 'name' is missing", nullptr};
    expect_failure(abc_dataset_column_count(&columns, users, &error), &error, ABC_ERROR_PROTOCOL, placeholder);
    int64_t rows = 0;
    const char *no_count[] = {"no count", nullptr};
    expect_failure(abc_dataset_row_count(&rows, users, &error), &error, ABC_ERROR_PROTOCOL, no_count);
    expect_no_report(prism_violations(bigquery) + prism_violations(token), "Prism rejected requests of the reader");

    // Controls: requests that break the contracts are reported.
    httplib::Client bad_query("127.0.0.1", std::atoi(bigquery.url.substr(bigquery.url.rfind(':') + 1).c_str()));
    bad_query.set_default_headers({{"Authorization", "Bearer x"}});
    auto answer = bad_query.Post("/projects/p/queries", "{\"query\":\"SELECT 1\",\"useLegacySql\":\"no\"}",
                                 "application/json");
    assert_non_null(answer);
    assert_int_equal(answer->status, 422);
    assert_false(prism_violations(bigquery).empty());
    httplib::Client bad_token("127.0.0.1", std::atoi(token.url.substr(token.url.rfind(':') + 1).c_str()));
    answer = bad_token.Post("/token", "grant_type=password&assertion=x", "application/x-www-form-urlencoded");
    assert_non_null(answer);
    assert_int_equal(answer->status, 400);  // the contract's own 400 for an invalid request
    assert_false(prism_violations(token).empty());

    abc_dataset_free(users);
    abc_dataset_set_free(set);
    abc_dataset_options_free(options);
    stop_prism(bigquery);
    stop_prism(token);
}

// The fixture behind validating proxies for both contracts: requests and responses checked.
static void test_fixture_behind_prism_proxies(void **) {
    DSTEST_SKIP_WITHOUT_PRISM();
    Prism bigquery, token;
    start_prisms("proxy", fixture.url(), bigquery, token);
    abc_dataset_options *options = options_for(bigquery.url, token.url + "/token", 2);
    abc_dataset_set *set = datasets_for(workspace, connection_id, options);
    read_typed_table(set);
    expect_no_report(fixture.report(), "the fixture saw bad requests");
    expect_no_report(prism_violations(bigquery) + prism_violations(token), "Prism found violations");
    abc_dataset_set_free(set);
    abc_dataset_options_free(options);
    stop_prism(bigquery);
    stop_prism(token);
}

static void test_fixture_direct(void **) {
    abc_dataset_options *options = options_for(fixture.url(), fixture.url() + "/token", 2);
    abc_dataset_set *set = datasets_for(workspace, connection_id, options);
    const int tokens_before = fixture.count("token");
    read_typed_table(set);
    // One exchange serves every call of the set.
    assert_int_equal(fixture.count("token") - tokens_before, 1);

    // 429 and 503 on jobs.query, 503 on a page, a missing table (404 notFound).
    const char *missing[] = {"notFound", "products was not found", nullptr};
    expect_retries_and_missing_table(fixture, set, read_typed_table,
                                     "query SELECT COUNT(*) FROM `my-proj.airbyte_ds.purchases`",
                                     "results page-3", missing);
    abc_dataset_set_free(set);
    abc_dataset_options_free(options);

    // Without a token URL override the exchange goes to the key's token_uri (and "aud" says so).
    abc_dataset_options *own = nullptr;
    assert_int_equal(abc_dataset_options_new(&own, nullptr), ABC_OK);
    assert_int_equal(abc_dataset_options_set_bigquery_url(own, fixture.url().c_str(), nullptr), ABC_OK);
    const std::string own_uri = fixture.url() + "/token";
    assert_int_equal(abc_dataset_options_set_secret(own, ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON,
                                                    key_json(own_uri).c_str(), nullptr),
                     ABC_OK);
    assert_int_equal(abc_dataset_options_set_page_size(own, 2, nullptr), ABC_OK);
    fixture.configure([&] { fixture.audience = own_uri; });
    set = datasets_for(workspace, connection_id, own);
    abc_dataset *users = stream_dataset(set, "users");
    int64_t rows = 0;
    abc_error *error = nullptr;
    if (abc_dataset_row_count(&rows, users, &error) != ABC_OK) fail_msg("%s", abc_error_message(error));
    abc_dataset_free(users);
    abc_dataset_set_free(set);
    abc_dataset_options_free(own);
    fixture.configure([] { fixture.audience = kGoogleTokenUri; });
    expect_no_report(fixture.report(), "the fixture saw bad requests");
}

// A key the token endpoint rejects: the error names the exchange and the OAuth error.
static void test_rejected_assertion(void **) {
    abc_dataset_options *options = options_for(fixture.url(), fixture.url() + "/token", 2);
    const RsaKeyPair other = make_rsa_key();
    cJSON *root = cJSON_Parse(key_json(kGoogleTokenUri).c_str());
    cJSON_ReplaceItemInObject(root, "private_key", cJSON_CreateString(other.private_pem.c_str()));
    char *text = cJSON_PrintUnformatted(root);
    assert_int_equal(abc_dataset_options_set_secret(options, ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON, text, nullptr), ABC_OK);
    cJSON_free(text);
    cJSON_Delete(root);
    abc_dataset_set *set = datasets_for(workspace, connection_id, options);
    abc_dataset *users = stream_dataset(set, "users");
    int64_t rows = 0;
    abc_error *error = nullptr;
    const char *parts[] = {"token exchange", "invalid_grant", "Invalid JWT Signature", nullptr};
    expect_failure(abc_dataset_row_count(&rows, users, &error), &error, ABC_ERROR_AUTH, parts);
    fixture.report();  // the fixture noted the bad signature; that was the point
    abc_dataset_free(users);
    abc_dataset_set_free(set);
    abc_dataset_options_free(options);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coordinates_and_secrets),
        cmocka_unit_test(test_requests_against_prism_mocks),
        cmocka_unit_test(test_fixture_behind_prism_proxies),
        cmocka_unit_test(test_fixture_direct),
        cmocka_unit_test(test_rejected_assertion),
    };
    return cmocka_run_group_tests(tests, set_up, tear_down);
}
