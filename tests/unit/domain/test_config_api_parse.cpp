// Unit tests of the Config API response parsers (domain/config_api_parse.h): each response type
// read from text, and malformed JSON, wrong types and missing fields each reported as a protocol
// error naming the field by its path.
#include <csetjmp>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
extern "C" {
#include <cmocka.h>
}

#include <cstring>
#include <string>
#include <vector>

#include "domain/config_api_parse.h"

using namespace airbyte_cloud;
using namespace airbyte_cloud::domain;

// A body and what the error it gives must say.
struct BadBody {
    const char *body;
    const char *expected;
};

// Each body fails to parse with a protocol error whose message holds its expected text.
template <typename T>
static void assert_protocol_errors(StatusOr<T> (*parse)(std::string_view, const std::string &),
                                   const std::string &action, std::vector<BadBody> bodies) {
    for (const BadBody &bad : bodies) {
        auto result = parse(bad.body, action);
        if (result.ok())
            fail_msg("'%s' parsed", bad.body);
        assert_int_equal(static_cast<int>(result.status().code()),
                         static_cast<int>(StatusCode::kProtocol));
        if (!strstr(result.status().message().c_str(), bad.expected))
            fail_msg("'%s' is not in '%s'", bad.expected, result.status().message().c_str());
    }
}

static const std::string kAttempts = "get the attempts of job 5";

static void test_attempts(void **) {
    auto attempts = parse_job_attempts(
        R"({"job":{"id":5},"attempts":[{"attempt":{"id":0,"status":"failed","createdAt":10,)"
        R"("endedAt":20,"recordsSynced":"3","bytesSynced":4,"failureSummary":{"failures":[)"
        R"({"failureOrigin":"source","failureType":"config_error","externalMessage":"bad key",)"
        R"("retryable":false,"timestamp":1234}]}}},{"attempt":{"id":1,"status":"running"}}]})",
        kAttempts);
    assert_true(attempts.ok());
    assert_int_equal(attempts->size(), 2);
    const AttemptInfo &first = (*attempts)[0];
    assert_int_equal(first.number, 0);
    assert_string_equal(first.status.c_str(), "failed");
    assert_int_equal(first.created_at, 10);
    assert_int_equal(first.ended_at, 20);
    assert_int_equal(first.rows, 3);
    assert_int_equal(first.bytes, 4);
    assert_int_equal(first.failures.size(), 1);
    assert_string_equal(first.failures[0].origin.c_str(), "source");
    assert_string_equal(first.failures[0].external_message.c_str(), "bad key");
    assert_int_equal(first.failures[0].retryable, 0);
    assert_int_equal(first.failures[0].timestamp_ms, 1234);
    assert_int_equal((*attempts)[1].number, 1);
    assert_int_equal((*attempts)[1].ended_at, 0);
    assert_int_equal((*attempts)[1].failures.size(), 0);
    assert_true(parse_job_attempts(R"({"attempts":[]})", kAttempts).ok());
}

static void test_attempts_errors(void **) {
    assert_protocol_errors(
        parse_job_attempts, kAttempts,
        {{R"({"attempts":[)", "malformed JSON in the response to get the attempts of job 5"},
         {"", "malformed JSON"},
         {"[]", "job 5: the body is not an object"},
         {R"({"job":{}})", "job 5: attempts is missing"},
         {R"({"attempts":{}})", "attempts is not an array"},
         {R"({"attempts":[7]})", "attempts[0] is not an object"},
         {R"({"attempts":[{}]})", "attempts[0].attempt is missing"},
         {R"({"attempts":[{"attempt":{"status":"x"}}]})", "attempts[0].attempt.id is missing"},
         {R"({"attempts":[{"attempt":{"id":0}},{"attempt":{"id":"one"}}]})",
          "attempts[1].attempt.id is not an integer"},
         {R"({"attempts":[{"attempt":{"id":0,"status":3}}]})",
          "attempts[0].attempt.status is not a string"},
         {R"({"attempts":[{"attempt":{"id":0,"failureSummary":{"failures":[{"retryable":"no"}]}}}]})",
          "attempts[0].attempt.failureSummary.failures[0].retryable is not a boolean"}});
}

static const std::string kState = "get the state of connection c1";

static void test_state(void **) {
    auto state = parse_connection_state(
        R"({"stateType":"stream","streamState":[{"streamDescriptor":{"name":"users",)"
        R"("namespace":"public"},"streamState":{"cursor":"2026"}},{"streamDescriptor":{"name":"b"}}]})",
        kState);
    assert_true(state.ok());
    assert_string_equal(state->type.c_str(), "stream");
    assert_int_equal(state->streams.size(), 2);
    assert_string_equal(state->streams[0].name_space.c_str(), "public");
    assert_string_equal(state->streams[0].state_json.c_str(), R"({"cursor":"2026"})");
    assert_string_equal(state->streams[1].state_json.c_str(), "");
    auto global = parse_connection_state(
        R"({"stateType":"global","globalState":{"shared_state":{"lsn":1},)"
        R"("streamStates":[{"streamDescriptor":{"name":"users"},"streamState":{}}]}})",
        kState);
    assert_true(global.ok());
    assert_string_equal(global->shared_state_json.c_str(), R"({"lsn":1})");
    assert_int_equal(global->streams.size(), 1);
    assert_non_null(strstr(global->json.c_str(), "\"stateType\":\"global\""));
}

static void test_state_errors(void **) {
    assert_protocol_errors(
        parse_connection_state, kState,
        {{"{\"stateType\":", "malformed JSON in the response to get the state of connection c1"},
         {"{}", "c1: stateType is missing"},
         {R"({"stateType":["stream"]})", "stateType is not a string"},
         {R"({"stateType":"stream","streamState":{}})", "streamState is not an array"},
         {R"({"stateType":"global","globalState":[]})", "globalState is not an object"},
         {R"({"stateType":"stream","streamState":[{"streamDescriptor":{"name":1}}]})",
          "streamState[0].streamDescriptor.name is not a string"}});
}

static const std::string kCatalog = "get the configured catalog of connection c1";

static void test_catalog(void **) {
    auto catalog = parse_configured_catalog(
        R"({"syncCatalog":{"streams":[{"stream":{"name":"users","namespace":"public"},)"
        R"("config":{"selected":true,"syncMode":"incremental","destinationSyncMode":"append_dedup",)"
        R"("cursorField":["meta","updated"],"primaryKey":[["id"],["a","b"]],)"
        R"("selectedFields":[{"fieldPath":["id"]}]}},{"config":{"aliasName":"orders"}}]}})",
        kCatalog);
    assert_true(catalog.ok());
    assert_int_equal(catalog->streams.size(), 2);
    const CatalogStream &users = catalog->streams[0];
    assert_string_equal(users.name.c_str(), "users");
    assert_true(users.selected);
    assert_string_equal(users.cursor_field[0].c_str(), "meta.updated");
    assert_int_equal(users.primary_key.size(), 2);
    assert_string_equal(users.primary_key[1].c_str(), "a.b");
    assert_string_equal(users.selected_fields[0].c_str(), "id");
    assert_string_equal(catalog->streams[1].name.c_str(), "orders");
    assert_false(catalog->streams[1].selected);
    assert_int_equal(strncmp(catalog->json.c_str(), "{\"streams\":", 11), 0);
}

static void test_catalog_errors(void **) {
    assert_protocol_errors(
        parse_configured_catalog, kCatalog,
        {{"{\"syncCatalog\":{}} x", "malformed JSON in the response to get the configured catalog"},
         {"{}", "connection c1: syncCatalog is missing"},
         {R"({"syncCatalog":{}})", "syncCatalog.streams is missing"},
         {R"({"syncCatalog":{"streams":"all"}})", "syncCatalog.streams is not an array"},
         {R"({"syncCatalog":{"streams":[{"config":{"primaryKey":[["id",2]]}}]}})",
          "syncCatalog.streams[0].config.primaryKey[0][1] is not a string"},
         {R"({"syncCatalog":{"streams":[{"config":{"primaryKey":["id"]}}]}})",
          "syncCatalog.streams[0].config.primaryKey[0] is not an array"},
         {R"({"syncCatalog":{"streams":[{"config":{"selected":"yes"}}]}})",
          "syncCatalog.streams[0].config.selected is not a boolean"},
         {R"({"syncCatalog":{"streams":[{"stream":"users"}]}})",
          "syncCatalog.streams[0].stream is not an object"}});
}

static const std::string kCheck = "check source s1";

static void test_check(void **) {
    auto passed = parse_check_result(R"({"status":"succeeded","jobInfo":{}})", kCheck);
    assert_true(passed.ok());
    assert_true(passed->succeeded);
    auto failed = parse_check_result(
        R"({"status":"failed","jobInfo":{"failureReason":{"externalMessage":"wrong password"}}})",
        kCheck);
    assert_true(failed.ok());
    assert_false(failed->succeeded);
    assert_string_equal(failed->message.c_str(), "wrong password");
    assert_protocol_errors(
        parse_check_result, kCheck,
        {{"nope", "malformed JSON in the response to check source s1"},
         {R"({"message":"x"})", "check source s1: status is missing"},
         {R"({"status":true})", "status is not a string"},
         {R"({"status":"failed","message":{"text":"x"}})", "message is not a string"},
         {R"({"status":"failed","jobInfo":{"failureReason":[]}})",
          "jobInfo.failureReason is not an object"}});
}

// Feeds `body` to a scanner `piece` bytes at a time; the lines it passed on are in `lines`.
static Status scan(const std::string &body, std::size_t piece, std::int64_t skip,
                   std::int64_t stop_after, std::vector<std::string> &lines) {
    LogLineScanner scanner(
        skip,
        [&](std::string_view line) {
            lines.emplace_back(line);
            return stop_after == 0 || static_cast<std::int64_t>(lines.size()) < stop_after;
        },
        "read the log of attempt 0 of job 5");
    for (std::size_t at = 0; at < body.size(); at += piece) {
        Status status = scanner.feed(std::string_view(body).substr(at, piece));
        if (!status.ok())
            return status;
    }
    Status status = scanner.finish();
    assert_int_equal(scanner.delivered(), static_cast<std::int64_t>(lines.size()));
    return status;
}

static void test_log_lines(void **) {
    const std::string body =
        R"({"attempt":{"id":0,"status":"x"},"logs":{"logLines":["a","b\n","c"]}})";
    std::vector<std::string> lines;
    assert_true(scan(body, 3, 1, 0, lines).ok());
    assert_int_equal(lines.size(), 2);
    assert_string_equal(lines[0].c_str(), "b\n");
    lines.clear();
    assert_true(scan(body, 1, 0, 1, lines).ok());  // stopped after one line: still a success
    assert_int_equal(lines.size(), 1);
    lines.clear();
    assert_true(scan(R"({"logs":{"events":[{"message":"one","level":"INFO"},{"message":"two"}]}})",
                     5, 0, 0, lines)
                    .ok());
    assert_int_equal(lines.size(), 2);
    assert_string_equal(lines[1].c_str(), "two");
}

static void test_log_errors(void **) {
    std::vector<std::string> lines;
    Status broken = scan(R"({"logs":{"logLines":["a",}})", 4, 0, 0, lines);
    assert_int_equal(static_cast<int>(broken.code()), static_cast<int>(StatusCode::kProtocol));
    assert_non_null(strstr(broken.message().c_str(),
                           "malformed JSON in the response to read the log of attempt 0 of job 5"));
    assert_non_null(strstr(broken.message().c_str(), "at byte"));
    lines.clear();
    Status truncated = scan(R"({"logs":{"logLines":["a")", 64, 0, 0, lines);
    assert_int_equal(static_cast<int>(truncated.code()), static_cast<int>(StatusCode::kProtocol));
}

int main() {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attempts),   cmocka_unit_test(test_attempts_errors),
        cmocka_unit_test(test_state),      cmocka_unit_test(test_state_errors),
        cmocka_unit_test(test_catalog),    cmocka_unit_test(test_catalog_errors),
        cmocka_unit_test(test_check),      cmocka_unit_test(test_log_lines),
        cmocka_unit_test(test_log_errors),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
