// Unit tests of the datasets layer without any server: table-name normalisation, connection URIs,
// JWTs (header, claims, a signature that verifies with the public key, Snowflake's fingerprint),
// Snowflake and BigQuery value decoding for every documented type, record JSON, typed views,
// secret resolution and the destination -> datasets mapping.
#include <csetjmp>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
extern "C" {
#include <cmocka.h>
}

#define ABC_TEST_JWT (ABC_WITH_SNOWFLAKE || ABC_WITH_BIGQUERY)
#if ABC_TEST_JWT
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "rsa_test_key.h"
#endif

#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

#include "datasets/codec.h"
#include "datasets/dataset.h"
#include "datasets/dataset_set.h"
#if ABC_TEST_JWT
#include "datasets/jwt.h"
#include "datasets/warehouse_credentials.h"
#endif
#include "datasets/naming.h"
#include "datasets/readers.h"
#include "datasets/warehouse_values.h"
#include "json/json.h"

using namespace airbyte_cloud;
using namespace airbyte_cloud::datasets;

static bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

// `status` has `code`, and its message names each of `parts`.
static void expect_status(const Status &status, StatusCode code,
                          std::initializer_list<const char *> parts = {}) {
    assert_int_equal(static_cast<int>(status.code()), static_cast<int>(code));
    for (const char *part : parts) {
        if (!contains(status.message(), part))
            fail_msg("'%s' does not name '%s'", status.message().c_str(), part);
    }
}

#define assert_string(actual, expected) assert_string_equal(std::string(actual).c_str(), expected)

// ---- naming ----

static void test_normalise_identifier(void **) {
    assert_string(normalise_identifier("Users"), "users");
    assert_string(normalise_identifier("my-stream.v2"), "my_stream_v2");
    assert_string(normalise_identifier("Order Items (EU)"), "order_items__eu_");
    assert_string(normalise_identifier("2fast"), "_2fast");
    assert_string(normalise_identifier("9"), "_9");
    assert_string(normalise_identifier(""), "_");
    assert_string(normalise_identifier("_already_ok_1"), "_already_ok_1");
    // Each byte of a multi-byte UTF-8 character becomes '_'.
    assert_string(normalise_identifier("caf\xc3\xa9"), "caf__");
    assert_string(stream_table_name("Airbyte_", "Purchases"), "airbyte_purchases");
    assert_string(stream_table_name("", "1stream"), "_1stream");
    assert_string(stream_table_name("pre-", "x"), "pre_x");
}

static void test_postgres_truncates_at_63_bytes(void **) {
    const std::string stream(80, 'a');
    const std::string table = stream_table_name("p_", stream, kPostgresIdentifierBytes);
    assert_int_equal(table.size(), 63);
    assert_string(table, ("p_" + std::string(61, 'a')).c_str());
    // The leading '_' counts towards the limit too.
    const std::string digits = normalise_identifier(std::string(70, '7'), kPostgresIdentifierBytes);
    assert_int_equal(digits.size(), 63);
    assert_int_equal(digits[0], '_');
    // Other destinations keep the whole name.
    assert_int_equal(stream_table_name("p_", stream).size(), 82);
}

static void test_quoting(void **) {
    assert_string(quote_sql_identifier("public"), "\"public\"");
    assert_string(quote_sql_identifier("we\"ird"), "\"we\"\"ird\"");
    assert_string(snowflake_identifier("users"), "users");
    assert_string(snowflake_identifier("MY_DB$1"), "MY_DB$1");
    assert_string(snowflake_identifier("my-db"), "\"my-db\"");
    assert_string(snowflake_identifier("1db"), "\"1db\"");
    assert_string(bigquery_table_path("my-project", "ds", "t`x"), "`my-project.ds.t\\`x`");
}

static void test_connection_uris_have_no_password(void **) {
    assert_string(postgres_uri("db.example.com", 5432, "my db", "us@er", "require"),
                  "postgresql://us%40er@db.example.com:5432/my%20db?sslmode=require");
    assert_string(postgres_uri("127.0.0.1", 55432, "postgres", "postgres", ""),
                  "postgresql://postgres@127.0.0.1:55432/postgres");
    assert_string(postgres_uri("::1", 5432, "d", "u", "disable"), "postgresql://u@[::1]:5432/d?sslmode=disable");
    assert_string(snowflake_uri("xy12345.us-east-2.aws", "AIRBYTE_USER", "DB", "public", "WH", "ROLE x"),
                  "snowflake://AIRBYTE_USER@xy12345.us-east-2.aws/DB/public?warehouse=WH&role=ROLE%20x");
    assert_string(bigquery_uri("proj", "airbyte_ds", "EU"), "bigquery://proj/airbyte_ds?location=EU");
    assert_string(bigquery_uri("proj", "ds", ""), "bigquery://proj/ds");
}

// ---- codec ----

static void test_codec(void **) {
    assert_string(base64_encode("hello"), "aGVsbG8=");
    assert_string(base64url_encode(std::string("\xfb\xff", 2)), "-_8");
    assert_string(*base64_decode("aGVsbG8="), "hello");
    assert_string(*base64_decode("aGVsbG8"), "hello");
    assert_string(*base64_decode("-_8"), std::string("\xfb\xff", 2).c_str());
    assert_false(base64_decode("a$==").has_value());
    assert_false(base64_decode("aGVsbG9=").has_value());  // "aGVsbG8=" with non-zero unused bits
    assert_string(*hex_decode("48656C6c6F"), "Hello");
    assert_false(hex_decode("abc").has_value());
    assert_false(hex_decode("zz").has_value());

    std::string json;
    append_json_string(json, std::string("a\"b\\c\n\x01\xc3\xa9", 9));
    assert_string(json, "\"a\\\"b\\\\c\\n\\u0001\xc3\xa9\"");
    assert_true(is_json_number("-12.5e3"));
    assert_true(is_json_number("0"));
    assert_false(is_json_number("01"));
    assert_false(is_json_number("NaN"));
    assert_false(is_json_number("1."));
    assert_false(is_json_number("+1"));

    assert_int_equal(days_from_civil(1970, 1, 1), 0);
    assert_int_equal(days_from_civil(2020, 1, 1), 18262);
    assert_int_equal(days_from_civil(1969, 12, 31), -1);
    assert_string(format_date(-719162), "0001-01-01");
    assert_string(format_timestamp(1597090533, 123000000, "Z"), "2020-08-10T20:15:33.123Z");
    assert_string(format_timestamp(-1, 500000000, "Z"), "1969-12-31T23:59:59.5Z");
    assert_string(format_offset(-330), "-05:30");

    std::int64_t seconds = 0, nanos = 0;
    assert_true(parse_epoch_seconds("-1.25", seconds, nanos));
    assert_int_equal(seconds, -2);
    assert_int_equal(nanos, 750000000);

    assert_int_equal(*parse_timestamp_micros("2020-08-10T20:15:33.123Z"), 1597090533123000LL);
    assert_int_equal(*parse_timestamp_micros("2020-08-11T04:15:33.123+08:00"), 1597090533123000LL);
    assert_int_equal(*parse_timestamp_micros("2020-08-10 20:15:33.123+00"), 1597090533123000LL);
    assert_int_equal(*parse_timestamp_micros("2020-08-10T15:15:33.123-0500"), 1597090533123000LL);
    assert_int_equal(*parse_timestamp_micros("2020-08-10"), 1597017600000000LL);
    assert_false(parse_timestamp_micros("2020-13-10T00:00:00Z").has_value());
    assert_false(parse_timestamp_micros("yesterday").has_value());
    assert_int_equal(*parse_time_micros("23:01:59.5"), 82919500000LL);
    assert_int_equal(*parse_date_days("2020-01-01"), 18262);

    assert_int_equal(*parse_int64("-9223372036854775808"), INT64_MIN);
    assert_false(parse_int64("9223372036854775808").has_value());
    assert_false(parse_int64("12a").has_value());
    assert_int_equal(*parse_int64("+42"), 42);
    assert_false(parse_int64("+-42").has_value());
    assert_false(parse_int64("-").has_value());
    assert_false(parse_int64("").has_value());
    assert_false(parse_int64(" 1").has_value());
    assert_true(std::isnan(*parse_double("NaN")));
    assert_true(std::isinf(*parse_double("-Infinity")));
    assert_true(*parse_double("1.5E9") == 1.5e9);
    assert_false(parse_double("1.5x").has_value());

    const std::string uuid = new_uuid();
    assert_int_equal(uuid.size(), 36);
    assert_int_equal(uuid[14], '4');
    assert_true(uuid != new_uuid());
}

#if ABC_TEST_JWT
// ---- JWT ----

static const abctest::RsaKeyPair &shared_key() {
    static const abctest::RsaKeyPair key = abctest::make_rsa_key();
    return key;
}

static void test_snowflake_account_normalisation(void **) {
    assert_string(jwt::snowflake_account_for_jwt("myorg-myacct"), "MYORG-MYACCT");
    assert_string(jwt::snowflake_account_for_jwt("xy12345.us-east-2.aws"), "XY12345");
    assert_string(jwt::snowflake_account_for_jwt("xy12345"), "XY12345");
    assert_string(jwt::snowflake_account_for_jwt("testaccount-ab12cd.global"), "TESTACCOUNT");
}

static void test_snowflake_jwt_claims_and_signature(void **) {
    const abctest::RsaKeyPair &test_key = shared_key();
    auto key = jwt::load_private_key(test_key.private_pem, "", "the test key");
    assert_true(key.ok());
    auto fingerprint = jwt::public_key_fingerprint(*key);
    assert_true(fingerprint.ok());
    assert_true(fingerprint->rfind("SHA256:", 0) == 0);
    assert_int_equal(fingerprint->size(), 7 + 44);  // base64 of 32 bytes, with padding

    auto token = jwt::snowflake_token(*key, "myorg-myacct.us-east-1", "airbyte_user", 1700000000, 3540);
    assert_true(token.ok());
    assert_string(jwt::decode_part(*token, 0), "{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    const std::string expected_claims = "{\"iss\":\"MYORG-MYACCT.AIRBYTE_USER." + *fingerprint +
                                        "\",\"sub\":\"MYORG-MYACCT.AIRBYTE_USER\",\"iat\":1700000000,"
                                        "\"exp\":1700003540}";
    assert_string(jwt::decode_part(*token, 1), expected_claims.c_str());

    auto public_key = jwt::load_public_key(test_key.public_pem);
    assert_true(public_key.ok());
    assert_true(jwt::verify(*public_key, *token));
    // The fingerprint of the public half is the same as the private key's.
    assert_string(*jwt::public_key_fingerprint(*public_key), fingerprint->c_str());

    // A changed claim, a changed signature or another key fails verification.
    std::string tampered = *token;
    const std::size_t dot = tampered.find('.');
    tampered[dot + 5] = tampered[dot + 5] == 'A' ? 'B' : 'A';
    assert_false(jwt::verify(*public_key, tampered));
    // Flip a character inside the signature: the last base64url character of a 256-byte signature
    // carries 4 padding bits, so changing it may not change the signature at all.
    std::string bad_signature = *token;
    const std::size_t signature_middle = bad_signature.rfind('.') + 100;
    bad_signature[signature_middle] = bad_signature[signature_middle] == 'A' ? 'B' : 'A';
    assert_false(jwt::verify(*public_key, bad_signature));
    const abctest::RsaKeyPair other = abctest::make_rsa_key();
    assert_false(jwt::verify(*jwt::load_public_key(other.public_pem), *token));

    // Lifetime is capped at one hour.
    assert_false(jwt::snowflake_token(*key, "a", "u", 1700000000, 3601).ok());
}

// Snowflake's RSA_PUBLIC_KEY_FP for a fixed test public key, computed with the command from
// Snowflake's key-pair documentation:
//   openssl rsa -pubin -in key.pub -outform DER | openssl dgst -sha256 -binary | openssl enc -base64
static const char kFingerprintTestKey[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAyaf9BIuLr+Hx9G/bLpAM\n"
    "m8DimB7YwP40dfZ6/CbQ0D7vzYg1ujHjrSNHjxF7X/TlmYOVq3DVwZtufmXneWu7\n"
    "S+zBiZgbyaStf4wJ6eEsrwO4xXKq3a1Sn2dYRDLngel7X1jMzBRszAh5XL+WpyE4\n"
    "H6aDjQy2wS1v7SAlTSCu1VInTe/yvo00AdS7QzKypBHRnFtfmTBABVRhnXvffriy\n"
    "G5MQhu+6Wo3ZsbiJk6vw1X06+aMPp2oT6KLLaVp+MQ8Bd5i///zW+/kkD+egVuPc\n"
    "oA5ZDmqakP9DEtwnV2IIjBGunvyniTm55ja2U/GnXQbH674iJzvnK7m69AUaDrul\n"
    "7QIDAQAB\n"
    "-----END PUBLIC KEY-----\n";

static void test_snowflake_fingerprint_known_value(void **) {
    auto key = jwt::load_public_key(kFingerprintTestKey);
    assert_true(key.ok());
    assert_string(*jwt::public_key_fingerprint(*key), "SHA256:L19cV5+xMQsKKDSB23QOp45HQ0fVS6x+OsPZuMzfkng=");
}

static void test_private_key_forms(void **) {
    // Encrypted PKCS#8 needs the passphrase; the wrong one or none is a clear error.
    const abctest::RsaKeyPair encrypted = abctest::make_rsa_key("s3cret-phrase");
    assert_true(contains(encrypted.private_pem, "ENCRYPTED"));
    assert_true(jwt::load_private_key(encrypted.private_pem, "s3cret-phrase", "the key").ok());
    auto none = jwt::load_private_key(encrypted.private_pem, "", "the Snowflake private key");
    expect_status(none.status(), StatusCode::kInvalidArgument, {"passphrase"});
    auto wrong = jwt::load_private_key(encrypted.private_pem, "nope", "the key");
    assert_false(wrong.ok());
    assert_false(contains(wrong.status().message(), "s3cret"));

    // A PEM pasted into one JSON line with literal "\n".
    std::string one_line;
    for (char c : shared_key().private_pem) {
        if (c == '\n') {
            one_line += "\\n";
        } else {
            one_line.push_back(c);
        }
    }
    assert_true(jwt::load_private_key(one_line, "", "the key").ok());
    assert_false(jwt::load_private_key("not a key", "", "the key").ok());
}

static void test_google_assertion(void **) {
    auto key = jwt::load_private_key(shared_key().private_pem, "", "the key");
    assert_true(key.ok());
    auto token = jwt::google_assertion(*key, "key-id-1", "reader@proj.iam.gserviceaccount.com",
                                       "https://www.googleapis.com/auth/bigquery", "https://oauth2.googleapis.com/token",
                                       1700000000, 3600);
    assert_true(token.ok());
    assert_string(jwt::decode_part(*token, 0), "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"key-id-1\"}");
    assert_string(jwt::decode_part(*token, 1),
                  "{\"iss\":\"reader@proj.iam.gserviceaccount.com\",\"scope\":\"https://www.googleapis.com/auth/"
                  "bigquery\",\"aud\":\"https://oauth2.googleapis.com/token\",\"iat\":1700000000,\"exp\":1700003600}");
    assert_true(jwt::verify(*jwt::load_public_key(shared_key().public_pem), *token));
    // Compact JWS: three base64url parts, nothing else (the token endpoint's pattern).
    for (char c : *token) {
        assert_true(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
    }
}

#endif  // ABC_TEST_JWT

// ---- Snowflake values ----

static json::Document parse(const std::string &text) {
    auto document = json::Document::parse(text, "test");
    if (!document.ok()) fail_msg("bad test JSON: %s", text.c_str());
    return std::move(*document);
}

static std::string snowflake(const char *type, std::int64_t scale, const char *cell_json) {
    SnowflakeColumn column{"c", type, scale, snowflake_kind(type, scale)};
    json::Document cell = parse(std::string("[") + cell_json + "]");
    Cell out;
    Status status = decode_snowflake_value(column, cell.root().at(0), out);
    if (!status.ok()) return "ERROR: " + status.message();
    std::string json;
    append_json_value(json, column.kind, out);
    return out.null ? "NULL" : out.text + " | " + json;
}

static void test_snowflake_values(void **) {
    assert_string(snowflake("FIXED", 0, "\"123\""), "123 | 123");
    assert_string(snowflake("fixed", 2, "\"12.34\""), "12.34 | 12.34");
    assert_int_equal(static_cast<int>(snowflake_kind("FIXED", 0)), static_cast<int>(ValueKind::kInteger));
    assert_int_equal(static_cast<int>(snowflake_kind("FIXED", 2)), static_cast<int>(ValueKind::kDecimal));
    assert_string(snowflake("REAL", 0, "\"1.5\""), "1.5 | 1.5");
    assert_string(snowflake("REAL", 0, "\"NaN\""), "NaN | \"NaN\"");
    assert_string(snowflake("TEXT", 0, "\"a \\\"b\\\"\""), "a \"b\" | \"a \\\"b\\\"\"");
    assert_string(snowflake("BOOLEAN", 0, "\"true\""), "true | true");
    assert_string(snowflake("boolean", 0, "\"0\""), "false | false");
    assert_string(snowflake("DATE", 0, "\"18262\""), "2020-01-01 | \"2020-01-01\"");
    assert_string(snowflake("DATE", 0, "\"-1\""), "1969-12-31 | \"1969-12-31\"");
    assert_string(snowflake("TIME", 9, "\"82919.000000000\""), "23:01:59 | \"23:01:59\"");
    assert_string(snowflake("TIME", 9, "\"82919.250000000\""), "23:01:59.25 | \"23:01:59.25\"");
    assert_string(snowflake("TIMESTAMP_NTZ", 9, "\"1597090533.123000000\""),
                  "2020-08-10T20:15:33.123 | \"2020-08-10T20:15:33.123\"");
    assert_string(snowflake("timestamp_ltz", 9, "\"1597090533.123000000\""),
                  "2020-08-10T20:15:33.123Z | \"2020-08-10T20:15:33.123Z\"");
    assert_string(snowflake("TIMESTAMP_TZ", 9, "\"1597090533.123000000 1920\""),
                  "2020-08-11T04:15:33.123+08:00 | \"2020-08-11T04:15:33.123+08:00\"");
    assert_string(snowflake("TIMESTAMP_TZ", 3, "\"1597090533.000 1440\""),
                  "2020-08-10T20:15:33Z | \"2020-08-10T20:15:33Z\"");
    assert_string(snowflake("TIMESTAMP_TZ", 0, "\"0 1140\""), "1969-12-31T19:00:00-05:00 | \"1969-12-31T19:00:00-05:00\"");
    assert_string(snowflake("BINARY", 0, "\"48656C6C6F\""), "SGVsbG8= | \"SGVsbG8=\"");
    assert_string(snowflake("VARIANT", 0, "\"{\\n  \\\"a\\\": [1, 2]\\n}\""),
                  "{\n  \"a\": [1, 2]\n} | {\n  \"a\": [1, 2]\n}");
    assert_string(snowflake("ARRAY", 0, "\"[1,2]\""), "[1,2] | [1,2]");
    assert_string(snowflake("GEOGRAPHY", 0, "\"POINT(1 2)\""), "POINT(1 2) | \"POINT(1 2)\"");
    for (const char *type : {"FIXED", "REAL", "TEXT", "BOOLEAN", "DATE", "TIME", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ",
                             "TIMESTAMP_TZ", "BINARY", "VARIANT"}) {
        assert_string(snowflake(type, 0, "null"), "NULL");
    }
    // Values outside the documented forms are protocol errors naming the column.
    assert_true(contains(snowflake("DATE", 0, "\"2020-01-01\""), "ERROR"));
    assert_true(contains(snowflake("BOOLEAN", 0, "\"maybe\""), "column 'c'"));
    assert_true(contains(snowflake("BINARY", 0, "\"XYZ\""), "ERROR"));
    assert_true(contains(snowflake("FIXED", 0, "123"), "ERROR"));  // must be a JSON string
}

static void test_snowflake_row_type(void **) {
    json::Document row_type = parse(
        "[{\"name\":\"ID\",\"type\":\"fixed\",\"scale\":0},{\"name\":\"PRICE\",\"type\":\"FIXED\",\"scale\":2},"
        "{\"name\":\"AT\",\"type\":\"TIMESTAMP_TZ\",\"scale\":9}]");
    auto columns = parse_snowflake_row_type(row_type.root());
    assert_true(columns.ok());
    assert_int_equal(columns->size(), 3);
    assert_int_equal(static_cast<int>((*columns)[0].kind), static_cast<int>(ValueKind::kInteger));
    assert_int_equal(static_cast<int>((*columns)[1].kind), static_cast<int>(ValueKind::kDecimal));
    assert_int_equal(static_cast<int>((*columns)[2].kind), static_cast<int>(ValueKind::kTimestamp));
    assert_false(parse_snowflake_row_type(parse("[{\"type\":\"TEXT\"}]").root()).ok());
    // A missing type names the entry's column.
    expect_status(parse_snowflake_row_type(parse("[{\"name\":\"ID\"}]").root()).status(),
                  StatusCode::kProtocol, {"Snowflake rowType entry 'ID'", "type"});
}

// ---- BigQuery values ----

static std::string bigquery(const char *field_json, const char *v_json) {
    json::Document field_doc = parse(std::string("{\"fields\":[") + field_json + "]}");
    auto fields = parse_bigquery_schema(field_doc.root());
    if (!fields.ok()) return "SCHEMA ERROR: " + fields.status().message();
    json::Document cell = parse(std::string("{\"v\":") + v_json + "}");
    Cell out;
    Status status = decode_bigquery_value((*fields)[0], cell.root().get("v"), out);
    if (!status.ok()) return "ERROR: " + status.message();
    std::string json;
    append_json_value(json, bigquery_kind((*fields)[0]), out);
    return out.null ? "NULL" : out.text + " | " + json;
}

static void test_bigquery_scalars(void **) {
    assert_string(bigquery("{\"name\":\"n\",\"type\":\"INT64\"}", "\"42\""), "42 | 42");
    assert_string(bigquery("{\"name\":\"n\",\"type\":\"INTEGER\"}", "\"-9223372036854775808\""),
                  "-9223372036854775808 | -9223372036854775808");
    assert_string(bigquery("{\"name\":\"n\",\"type\":\"NUMERIC\"}", "\"12.340000000\""),
                  "12.340000000 | 12.340000000");
    assert_string(bigquery("{\"name\":\"n\",\"type\":\"BIGNUMERIC\"}", "\"1e+40\""), "1e+40 | 1e+40");
    assert_string(bigquery("{\"name\":\"n\",\"type\":\"FLOAT64\"}", "\"1.5\""), "1.5 | 1.5");
    assert_string(bigquery("{\"name\":\"n\",\"type\":\"FLOAT\"}", "\"NaN\""), "NaN | \"NaN\"");
    assert_string(bigquery("{\"name\":\"n\",\"type\":\"FLOAT64\"}", "\"-Infinity\""), "-Infinity | \"-Infinity\"");
    assert_string(bigquery("{\"name\":\"b\",\"type\":\"BOOL\"}", "\"true\""), "true | true");
    assert_string(bigquery("{\"name\":\"b\",\"type\":\"BOOLEAN\"}", "\"FALSE\""), "false | false");
    assert_string(bigquery("{\"name\":\"s\",\"type\":\"STRING\"}", "\"h\\u00e9llo\""), "h\xc3\xa9llo | \"h\xc3\xa9llo\"");
    assert_string(bigquery("{\"name\":\"y\",\"type\":\"BYTES\"}", "\"SGVsbG8=\""), "SGVsbG8= | \"SGVsbG8=\"");
    assert_string(bigquery("{\"name\":\"d\",\"type\":\"DATE\"}", "\"2024-01-31\""), "2024-01-31 | \"2024-01-31\"");
    assert_string(bigquery("{\"name\":\"t\",\"type\":\"TIME\"}", "\"12:34:56.123456\""),
                  "12:34:56.123456 | \"12:34:56.123456\"");
    assert_string(bigquery("{\"name\":\"t\",\"type\":\"DATETIME\"}", "\"2024-01-31T12:34:56.123456\""),
                  "2024-01-31T12:34:56.123456 | \"2024-01-31T12:34:56.123456\"");
    // TIMESTAMP with formatOptions.useInt64Timestamp: microseconds; and the float-seconds form.
    assert_string(bigquery("{\"name\":\"ts\",\"type\":\"TIMESTAMP\"}", "\"1706284800123456\""),
                  "2024-01-26T16:00:00.123456Z | \"2024-01-26T16:00:00.123456Z\"");
    assert_string(bigquery("{\"name\":\"ts\",\"type\":\"TIMESTAMP\"}", "\"-1\""),
                  "1969-12-31T23:59:59.999999Z | \"1969-12-31T23:59:59.999999Z\"");
    assert_string(bigquery("{\"name\":\"ts\",\"type\":\"TIMESTAMP\"}", "\"1.7062848E9\""),
                  "2024-01-26T16:00:00Z | \"2024-01-26T16:00:00Z\"");
    assert_string(bigquery("{\"name\":\"j\",\"type\":\"JSON\"}", "\"{\\\"a\\\":1}\""), "{\"a\":1} | {\"a\":1}");
    assert_string(bigquery("{\"name\":\"g\",\"type\":\"GEOGRAPHY\"}", "\"POINT(1 2)\""), "POINT(1 2) | \"POINT(1 2)\"");
    assert_string(bigquery("{\"name\":\"i\",\"type\":\"INTERVAL\"}", "\"1-2 3 4:5:6\""), "1-2 3 4:5:6 | \"1-2 3 4:5:6\"");
    for (const char *type : {"INT64", "NUMERIC", "FLOAT64", "BOOL", "STRING", "BYTES", "DATE", "TIME", "DATETIME",
                             "TIMESTAMP", "JSON"}) {
        const std::string field = std::string("{\"name\":\"x\",\"type\":\"") + type + "\",\"mode\":\"NULLABLE\"}";
        assert_string(bigquery(field.c_str(), "null"), "NULL");
    }
    assert_true(contains(bigquery("{\"name\":\"n\",\"type\":\"INT64\"}", "\"4.5\""), "ERROR"));
    assert_true(contains(bigquery("{\"name\":\"b\",\"type\":\"BOOL\"}", "\"yes\""), "column 'b'"));
    assert_true(contains(bigquery("{\"name\":\"y\",\"type\":\"BYTES\"}", "\"***\""), "ERROR"));
    assert_true(contains(bigquery("{\"name\":\"d\",\"type\":\"DATE\"}", "\"31/01/2024\""), "ERROR"));
    assert_true(contains(bigquery("{\"name\":\"ts\",\"type\":\"TIMESTAMP\"}", "\"soon\""), "ERROR"));
    assert_true(contains(bigquery("{\"name\":\"n\",\"type\":\"INT64\"}", "42"), "ERROR"));
}

static void test_bigquery_repeated_and_records(void **) {
    // REPEATED scalars: a JSON array of decoded elements (NULL elements stay null).
    assert_string(bigquery("{\"name\":\"r\",\"type\":\"INT64\",\"mode\":\"REPEATED\"}",
                           "[{\"v\":\"1\"},{\"v\":\"2\"},{\"v\":null}]"),
                  "[1,2,null] | [1,2,null]");
    assert_string(bigquery("{\"name\":\"r\",\"type\":\"STRING\",\"mode\":\"REPEATED\"}", "[]"), "[] | []");
    assert_string(bigquery("{\"name\":\"r\",\"type\":\"TIMESTAMP\",\"mode\":\"REPEATED\"}", "[{\"v\":\"0\"}]"),
                  "[\"1970-01-01T00:00:00Z\"] | [\"1970-01-01T00:00:00Z\"]");
    // RECORD: a JSON object keyed by the member names, members decoded by their own types.
    const char *record = "{\"name\":\"addr\",\"type\":\"RECORD\",\"mode\":\"NULLABLE\",\"fields\":["
                         "{\"name\":\"city\",\"type\":\"STRING\"},{\"name\":\"zip\",\"type\":\"INT64\"},"
                         "{\"name\":\"geo\",\"type\":\"STRUCT\",\"fields\":[{\"name\":\"ok\",\"type\":\"BOOL\"}]}]}";
    assert_string(bigquery(record, "{\"f\":[{\"v\":\"Oslo\"},{\"v\":null},{\"v\":{\"f\":[{\"v\":\"true\"}]}}]}"),
                  "{\"city\":\"Oslo\",\"zip\":null,\"geo\":{\"ok\":true}} | "
                  "{\"city\":\"Oslo\",\"zip\":null,\"geo\":{\"ok\":true}}");
    assert_string(bigquery(record, "null"), "NULL");
    // REPEATED RECORD.
    assert_string(bigquery("{\"name\":\"items\",\"type\":\"RECORD\",\"mode\":\"REPEATED\",\"fields\":["
                           "{\"name\":\"sku\",\"type\":\"STRING\"},{\"name\":\"qty\",\"type\":\"INT64\"}]}",
                           "[{\"v\":{\"f\":[{\"v\":\"a\"},{\"v\":\"2\"}]}},{\"v\":{\"f\":[{\"v\":\"b\"},{\"v\":null}]}}]"),
                  "[{\"sku\":\"a\",\"qty\":2},{\"sku\":\"b\",\"qty\":null}] | "
                  "[{\"sku\":\"a\",\"qty\":2},{\"sku\":\"b\",\"qty\":null}]");
    // Shape errors.
    assert_true(contains(bigquery(record, "{\"f\":[{\"v\":\"Oslo\"}]}"), "ERROR"));
    assert_true(contains(bigquery("{\"name\":\"r\",\"type\":\"INT64\",\"mode\":\"REPEATED\"}", "\"1\""), "ERROR"));

    json::Document schema = parse("{\"fields\":[{\"name\":\"items\",\"type\":\"RECORD\",\"mode\":\"REPEATED\","
                                  "\"fields\":[{\"name\":\"sku\",\"type\":\"STRING\"}]},{\"name\":\"n\",\"type\":\"INT64\"}]}");
    auto fields = parse_bigquery_schema(schema.root());
    assert_true(fields.ok());
    assert_string(bigquery_type_name((*fields)[0]), "ARRAY<STRUCT<sku STRING>>");
    assert_int_equal(static_cast<int>(bigquery_kind((*fields)[0])), static_cast<int>(ValueKind::kArray));
    assert_int_equal(static_cast<int>(bigquery_kind((*fields)[1])), static_cast<int>(ValueKind::kInteger));
    assert_false(parse_bigquery_schema(parse("{}").root()).ok());
    expect_status(parse_bigquery_schema(parse("{\"fields\":[{\"name\":\"n\"}]}").root()).status(),
                  StatusCode::kProtocol, {"BigQuery schema field 'n'", "type"});
}

// ---- record JSON and typed views ----

namespace {
class VectorSource final : public RowSource {
public:
    VectorSource(std::vector<Column> columns, std::vector<std::vector<Cell>> rows)
        : columns_(std::move(columns)), rows_(std::move(rows)) {}
    const std::vector<Column> &columns() const override { return columns_; }
    StatusOr<bool> next(std::vector<Cell> &row) override {
        if (index_ >= rows_.size()) return false;
        row = rows_[index_++];
        return true;
    }

private:
    std::vector<Column> columns_;
    std::vector<std::vector<Cell>> rows_;
    std::size_t index_ = 0;
};

Cell value(const char *text) {
    Cell cell;
    cell.set(text);
    return cell;
}
}  // namespace

static void test_cursor_record_and_typed_values(void **) {
    std::vector<Column> columns = {{"id", "bigint", ValueKind::kInteger},     {"price", "numeric", ValueKind::kDecimal},
                                   {"ok", "boolean", ValueKind::kBoolean},    {"name", "text", ValueKind::kText},
                                   {"at", "timestamptz", ValueKind::kTimestamp}, {"doc", "jsonb", ValueKind::kJson},
                                   {"d", "date", ValueKind::kDate},           {"f", "float8", ValueKind::kFloat},
                                   {"none", "text", ValueKind::kText}};
    std::vector<Cell> row = {value("7"),          value("12.50"),     value("true"),
                             value("Ada \"L\""),  value("2020-08-10T20:15:33.5Z"), value("{\"a\": [1]}"),
                             value("2020-01-01"), value("Infinity"), Cell()};
    Cursor cursor(std::make_unique<VectorSource>(columns, std::vector<std::vector<Cell>>{row}));
    assert_false(cursor.record_json().ok());  // not on a row yet
    assert_true(*cursor.next());
    assert_string(**cursor.record_json(),
                  "{\"id\":7,\"price\":12.50,\"ok\":true,\"name\":\"Ada \\\"L\\\"\",\"at\":\"2020-08-10T20:15:33.5Z\","
                  "\"doc\":{\"a\": [1]},\"d\":\"2020-01-01\",\"f\":\"Infinity\",\"none\":null}");
    const std::string what = "column";
    assert_int_equal(*cell_int64(ValueKind::kInteger, **cursor.cell(0), what), 7);
    assert_true(*cell_double(ValueKind::kDecimal, **cursor.cell(1), what) == 12.5);
    assert_false(cell_int64(ValueKind::kDecimal, **cursor.cell(1), what).ok());  // 12.50 has a fraction
    assert_int_equal(*cell_int64(ValueKind::kDecimal, value("12.000"), what), 12);
    assert_int_equal(*cell_int64(ValueKind::kBoolean, **cursor.cell(2), what), 1);
    assert_false(cell_int64(ValueKind::kText, **cursor.cell(3), what).ok());
    assert_int_equal(*cell_int64(ValueKind::kTimestamp, **cursor.cell(4), what), 1597090533500000LL);
    assert_true(*cell_double(ValueKind::kTimestamp, **cursor.cell(4), what) == 1597090533.5);
    assert_int_equal(*cell_int64(ValueKind::kDate, **cursor.cell(6), what), 18262);
    assert_true(std::isinf(*cell_double(ValueKind::kFloat, **cursor.cell(7), what)));
    auto null_int = cell_int64(ValueKind::kText, **cursor.cell(8), "column 8 'none'");
    expect_status(null_int.status(), StatusCode::kInvalidArgument, {"column 8 'none' is NULL"});
    assert_false(cursor.cell(9).ok());
    assert_false(*cursor.next());
    assert_false(*cursor.next());
    assert_int_equal(cursor.rows_read(), 1);
    assert_false(cursor.cell(0).ok());
}

// ---- secrets and the destination mapping ----

static void clear_default_environment() {
    for (int i = 1; i <= kSecretCount; ++i) unsetenv(secret_default_environment(static_cast<Secret>(i)));
    unsetenv("GOOGLE_APPLICATION_CREDENTIALS");
}

static void test_secret_resolution_order(void **) {
    clear_default_environment();
    DatasetOptions options;
    json::Document config = parse("{\"password\":\"from-config\",\"masked\":\"**********\"}");
    bool found = false;
    // The configuration's own value when it is not masked.
    assert_string(*resolve_secret(options, Secret::kPassword, config.root().get("password"), found), "from-config");
    assert_true(found);
    // A masked value is no value; the default environment variable is next.
    assert_string(*resolve_secret(options, Secret::kPassword, config.root().get("masked"), found), "");
    assert_false(found);
    setenv("AIRBYTE_CLOUD_POSTGRES_PASSWORD", "from-default-env", 1);
    assert_string(*resolve_secret(options, Secret::kPassword, config.root().get("masked"), found), "from-default-env");
    assert_true(found);
    // An explicit option wins over both.
    options.secrets[static_cast<int>(Secret::kPassword)] = {SecretSource::Kind::kValue, "from-option"};
    assert_string(*resolve_secret(options, Secret::kPassword, config.root().get("password"), found), "from-option");
    // A named variable that is unset is an error naming it (and never a value).
    options.secrets[static_cast<int>(Secret::kPassword)] = {SecretSource::Kind::kEnvironment, "ABC_TEST_NO_SUCH_VAR"};
    auto unset = resolve_secret(options, Secret::kPassword, config.root().get("password"), found);
    assert_false(unset.ok());
    assert_true(contains(unset.status().message(), "ABC_TEST_NO_SUCH_VAR"));
    setenv("ABC_TEST_SECRET_VAR", "from-named-env", 1);
    options.secrets[static_cast<int>(Secret::kPassword)] = {SecretSource::Kind::kEnvironment, "ABC_TEST_SECRET_VAR"};
    assert_string(*resolve_secret(options, Secret::kPassword, json::Value(), found), "from-named-env");
    options.secrets[static_cast<int>(Secret::kPassword)] = {SecretSource::Kind::kFile, "/nonexistent/secret"};
    auto missing_file = resolve_secret(options, Secret::kPassword, json::Value(), found);
    assert_false(missing_file.ok());
    assert_true(contains(missing_file.status().message(), "/nonexistent/secret"));
    clear_default_environment();

    assert_true(is_masked("**********"));
    assert_false(is_masked("*"));
    assert_false(is_masked("pass**word"));
}

static StatusOr<DatasetSet> from_documents(const std::string &connection, const std::string &destination,
                                           const DatasetOptions &options = DatasetOptions()) {
    json::Document c = parse(connection);
    json::Document d = parse(destination);
    auto target = domain::connection_destination_from(c.root(), d.root());
    if (!target.ok()) return target.status();
    return datasets_for(*target, options, transport::HttpSettings(), Logger());
}

static const char kConnection[] =
    "{\"connectionId\":\"c-1\",\"sourceId\":\"s-1\",\"destinationId\":\"d-1\",\"prefix\":\"Air-\",\"configurations\":{\"streams\":["
    "{\"name\":\"Users\"},{\"name\":\"2024 orders\"}]}}";

static void test_unsupported_destination_names_the_type(void **) {
    auto set = from_documents(kConnection,
                              "{\"destinationId\":\"d-1\",\"name\":\"local\",\"destinationType\":\"duckdb\","
                              "\"configuration\":{\"destination_path\":\"/local/x.duckdb\"}}");
    expect_status(set.status(), StatusCode::kUnsupported, {"'duckdb'"});
    auto untyped = from_documents(kConnection,
                                  "{\"destinationId\":\"d-1\",\"name\":\"md\",\"destinationType\":\"\","
                                  "\"definitionId\":\"042ee9b5\",\"configuration\":{}}");
    expect_status(untyped.status(), StatusCode::kUnsupported, {"042ee9b5"});
}

static const char kPostgresDestination[] =
    "{\"destinationId\":\"d-1\",\"name\":\"warehouse\",\"destinationType\":\"postgres\",\"configuration\":{"
    "\"host\":\"db.internal\",\"port\":5433,\"database\":\"analytics\",\"schema\":\"Raw Data\",\"username\":\"etl\","
    "\"password\":\"**********\",\"ssl_mode\":{\"mode\":\"require\"}}}";

static void test_postgres_masked_password_is_a_clear_error(void **) {
    clear_default_environment();
    auto set = from_documents(kConnection, kPostgresDestination);
    if (!has_postgres_reader()) return;  // test_readers_switched_off covers this build
    expect_status(set.status(), StatusCode::kInvalidArgument,
                  {"masked", "ABC_DATASET_SECRET_PASSWORD", "AIRBYTE_CLOUD_POSTGRES_PASSWORD"});
}

static void test_postgres_coordinates(void **) {
    DatasetOptions options;
    options.secrets[static_cast<int>(Secret::kPassword)] = {SecretSource::Kind::kValue, "hunter2"};
    auto set = from_documents(kConnection, kPostgresDestination, options);
    if (!has_postgres_reader()) {
        expect_status(set.status(), StatusCode::kUnsupported);
        return;
    }
    assert_true(set.ok());
    assert_string(set->destination_type, "postgres");
    assert_string(set->database, "analytics");
    assert_string(set->schema, "raw_data");
    assert_string(set->connection_uri, "postgresql://etl@db.internal:5433/analytics?sslmode=require");
    assert_false(contains(set->connection_uri, "hunter2"));
    assert_int_equal(set->streams.size(), 2);
    assert_string(set->streams[0].stream, "Users");
    assert_string(set->streams[0].dataset->location().table, "air_users");
    assert_string(set->streams[1].dataset->location().table, "air_2024_orders");
    assert_string(set->streams[1].dataset->location().qualified_name, "\"raw_data\".\"air_2024_orders\"");
}

static void test_namespace_rules(void **) {
    DatasetOptions options;
    options.secrets[static_cast<int>(Secret::kPassword)] = {SecretSource::Kind::kValue, "pw"};
    auto set = from_documents(
        "{\"connectionId\":\"c\",\"sourceId\":\"s\",\"destinationId\":\"d\",\"namespaceDefinition\":\"custom_format\","
        "\"namespaceFormat\":\"src_${SOURCE_NAMESPACE}_x\",\"configurations\":{\"streams\":["
        "{\"name\":\"a\",\"namespace\":\"Sales\"},{\"name\":\"b\"}]}}",
        kPostgresDestination, options);
    if (!has_postgres_reader()) return;
    assert_true(set.ok());
    assert_string(set->streams[0].dataset->location().schema, "src_sales_x");
    assert_string(set->streams[1].dataset->location().schema, "src__x");
    auto source = from_documents(
        "{\"connectionId\":\"c\",\"sourceId\":\"s\",\"destinationId\":\"d\",\"namespaceDefinition\":\"source\","
        "\"configurations\":{\"streams\":[{\"name\":\"a\",\"namespace\":\"Sales\"},{\"name\":\"b\"}]}}",
        kPostgresDestination, options);
    assert_true(source.ok());
    assert_string(source->streams[0].dataset->location().schema, "sales");
    assert_string(source->streams[1].dataset->location().schema, "raw_data");
}

static void test_warehouse_secret_errors(void **) {
    clear_default_environment();
    auto snowflake = from_documents(
        kConnection,
        "{\"destinationId\":\"d-1\",\"name\":\"sf\",\"destinationType\":\"snowflake\",\"configuration\":{"
        "\"host\":\"xy12345.us-east-2.aws.snowflakecomputing.com\",\"role\":\"R\",\"warehouse\":\"W\","
        "\"database\":\"DB\",\"schema\":\"PUBLIC\",\"username\":\"U\",\"credentials\":{"
        "\"auth_type\":\"Username and Password\",\"password\":\"**********\"}}}");
    if (has_snowflake_reader()) {
        expect_status(snowflake.status(), StatusCode::kInvalidArgument,
                      {"SQL API does not accept", "AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY"});
    } else {
        expect_status(snowflake.status(), StatusCode::kUnsupported, {"Snowflake"});
    }
    auto key_pair = from_documents(
        kConnection,
        "{\"destinationId\":\"d-1\",\"name\":\"sf\",\"destinationType\":\"snowflake\",\"configuration\":{"
        "\"host\":\"xy12345.snowflakecomputing.com\",\"database\":\"DB\",\"schema\":\"PUBLIC\",\"username\":\"U\","
        "\"credentials\":{\"auth_type\":\"Key Pair Authentication\",\"private_key\":\"**********\"}}}");
    if (has_snowflake_reader()) {
        assert_true(contains(key_pair.status().message(), "ABC_DATASET_SECRET_PRIVATE_KEY"));
        assert_true(contains(key_pair.status().message(), "masked"));
    }
    auto bigquery_set = from_documents(
        kConnection,
        "{\"destinationId\":\"d-1\",\"name\":\"bq\",\"destinationType\":\"bigquery\",\"configuration\":{"
        "\"project_id\":\"p\",\"dataset_id\":\"d\",\"dataset_location\":\"EU\",\"credentials_json\":\"**********\"}}");
    if (has_bigquery_reader()) {
        expect_status(
            bigquery_set.status(), StatusCode::kInvalidArgument,
            {"ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON", "AIRBYTE_CLOUD_BIGQUERY_CREDENTIALS_JSON",
             "GOOGLE_APPLICATION_CREDENTIALS"});
    }
}

#if ABC_TEST_JWT
static void test_warehouse_coordinates(void **) {
    if (!has_snowflake_reader() || !has_bigquery_reader()) {
        print_message("SKIP: warehouse readers not built\n");
        return;
    }
    clear_default_environment();
    DatasetOptions options;
    options.secrets[static_cast<int>(Secret::kPrivateKey)] = {SecretSource::Kind::kValue, shared_key().private_pem};
    auto snowflake = from_documents(
        kConnection,
        "{\"destinationId\":\"d-1\",\"name\":\"sf\",\"destinationType\":\"snowflake\",\"configuration\":{"
        "\"host\":\"xy12345.us-east-2.aws.snowflakecomputing.com\",\"role\":\"R\",\"warehouse\":\"W\","
        "\"database\":\"AIRBYTE_DB\",\"schema\":\"PUBLIC\",\"username\":\"U\",\"credentials\":{"
        "\"auth_type\":\"Key Pair Authentication\",\"private_key\":\"**********\"}}}",
        options);
    assert_true(snowflake.ok());
    assert_string(snowflake->connection_uri, "snowflake://U@xy12345.us-east-2.aws/AIRBYTE_DB/public?warehouse=W&role=R");
    assert_string(snowflake->streams[0].dataset->location().qualified_name, "AIRBYTE_DB.public.air_users");
    assert_string(snowflake->streams[1].dataset->location().qualified_name, "AIRBYTE_DB.public.air_2024_orders");

    const std::string key_json = "{\"type\":\"service_account\",\"project_id\":\"p\",\"private_key_id\":\"k1\","
                                 "\"client_email\":\"r@p.iam.gserviceaccount.com\",\"token_uri\":\"https://o/token\","
                                 "\"private_key\":" +
                                 [] {
                                     std::string quoted;
                                     append_json_string(quoted, shared_key().private_pem);
                                     return quoted;
                                 }() +
                                 "}";
    DatasetOptions bq_options;
    bq_options.secrets[static_cast<int>(Secret::kServiceAccountJson)] = {SecretSource::Kind::kValue, key_json};
    auto bigquery_set = from_documents(
        kConnection,
        "{\"destinationId\":\"d-1\",\"name\":\"bq\",\"destinationType\":\"bigquery\",\"configuration\":{"
        "\"project_id\":\"my-proj\",\"dataset_id\":\"Airbyte_DS\",\"dataset_location\":\"EU\","
        "\"credentials_json\":\"**********\"}}",
        bq_options);
    assert_true(bigquery_set.ok());
    assert_string(bigquery_set->connection_uri, "bigquery://my-proj/Airbyte_DS?location=EU");
    assert_string(bigquery_set->streams[0].dataset->location().qualified_name, "`my-proj.Airbyte_DS.air_users`");
    auto bad_key = parse_service_account_key("{\"type\":\"service_account\",\"client_email\":\"x\"}");
    assert_false(bad_key.ok());
    assert_true(contains(bad_key.status().message(), "private_key"));
}
#endif  // ABC_TEST_JWT

// A reader this build was configured without is ABC_ERROR_UNSUPPORTED naming it (only checkable
// in such a build; in a full build the same destinations are accepted above).
static void test_readers_switched_off(void **) {
    const char *destinations[][3] = {
        {"postgres", "{\"host\":\"h\",\"port\":5432,\"database\":\"d\",\"username\":\"u\",\"password\":\"p\"}",
         "Postgres"},
        {"snowflake", "{\"host\":\"a.snowflakecomputing.com\",\"database\":\"D\",\"username\":\"U\"}", "Snowflake"},
        {"bigquery", "{\"project_id\":\"p\",\"dataset_id\":\"d\",\"credentials_json\":\"**********\"}", "BigQuery"}};
    const bool built[] = {has_postgres_reader(), has_snowflake_reader(), has_bigquery_reader()};
    for (int i = 0; i < 3; ++i) {
        if (built[i]) continue;
        auto set = from_documents(kConnection, std::string("{\"destinationId\":\"d-1\",\"name\":\"x\",\"destinationType\":\"") +
                                                   destinations[i][0] + "\",\"configuration\":" + destinations[i][1] + "}");
        expect_status(set.status(), StatusCode::kUnsupported);
        assert_true(contains(set.status().message(), std::string("no ") + destinations[i][2] + " reader"));
        assert_true(contains(set.status().message(), "-DABC_WITH_"));
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise_identifier),
        cmocka_unit_test(test_postgres_truncates_at_63_bytes),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_connection_uris_have_no_password),
        cmocka_unit_test(test_codec),
#if ABC_TEST_JWT
        cmocka_unit_test(test_snowflake_account_normalisation),
        cmocka_unit_test(test_snowflake_jwt_claims_and_signature),
        cmocka_unit_test(test_snowflake_fingerprint_known_value),
        cmocka_unit_test(test_private_key_forms),
        cmocka_unit_test(test_google_assertion),
#endif
        cmocka_unit_test(test_snowflake_values),
        cmocka_unit_test(test_snowflake_row_type),
        cmocka_unit_test(test_bigquery_scalars),
        cmocka_unit_test(test_bigquery_repeated_and_records),
        cmocka_unit_test(test_cursor_record_and_typed_values),
        cmocka_unit_test(test_secret_resolution_order),
        cmocka_unit_test(test_unsupported_destination_names_the_type),
        cmocka_unit_test(test_postgres_masked_password_is_a_clear_error),
        cmocka_unit_test(test_postgres_coordinates),
        cmocka_unit_test(test_namespace_rules),
        cmocka_unit_test(test_warehouse_secret_errors),
#if ABC_TEST_JWT
        cmocka_unit_test(test_warehouse_coordinates),
#endif
        cmocka_unit_test(test_readers_switched_off),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
