// Unit tests of the domain layer's pure parts: JSON parsing of API resources, error mapping,
// ISO-8601 parsing, web addresses, the poll schedule.
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <csetjmp>
extern "C" {
#include <cmocka.h>
}

#include <cstring>
#include <string>

#include "domain/api_errors.h"
#include "domain/job_wait.h"
#include "domain/time_format.h"
#include "domain/types.h"
#include "domain/workspace.h"
#include "json/json.h"

using namespace airbyte_cloud;
using namespace airbyte_cloud::domain;

static StatusOr<JobInfo> job_from(const char *text) {
    auto document = json::Document::parse(text, "test");
    if (!document.ok()) return document.status();
    return parse_job(document->root());
}

static void test_parse_job_full(void **) {
    auto job = job_from(
        R"({"jobId":42,"status":"running","jobType":"sync","startTime":"2023-03-25T01:30:50Z",)"
        R"("connectionId":"c1","duration":"PT1M2.5S","rowsSynced":10,"bytesSynced":"2048"})");
    assert_true(job.ok());
    assert_int_equal(job->job_id, 42);
    assert_int_equal(static_cast<int>(job->state), static_cast<int>(JobState::kRunning));
    assert_string_equal(job->job_type.c_str(), "sync");
    assert_string_equal(job->connection_id.c_str(), "c1");
    assert_int_equal(job->start_time, 1679707850);
    assert_int_equal(job->duration_ms, 62500);
    assert_int_equal(job->rows_synced, 10);
    assert_int_equal(job->bytes_synced, 2048);  // numeric strings are accepted
    assert_int_equal(job->last_updated_time, 0);
}

static void test_parse_job_nulls_and_missing(void **) {
    auto job = job_from(R"({"jobId":"7","status":"pending","rowsSynced":null,"duration":null})");
    assert_true(job.ok());
    assert_int_equal(job->job_id, 7);
    assert_int_equal(job->rows_synced, 0);
    assert_int_equal(job->duration_ms, 0);

    auto missing = job_from(R"({"status":"pending"})");
    assert_false(missing.ok());
    assert_int_equal(static_cast<int>(missing.status().code()), static_cast<int>(StatusCode::kProtocol));
    assert_non_null(strstr(missing.status().message().c_str(), "jobId"));

    auto wrong_type = job_from(R"({"jobId":1,"status":5})");
    assert_false(wrong_type.ok());
    assert_non_null(strstr(wrong_type.status().message().c_str(), "status"));

    auto unknown_state = job_from(R"({"jobId":1,"status":"exploded"})");
    assert_false(unknown_state.ok());
    assert_non_null(strstr(unknown_state.status().message().c_str(), "exploded"));

    auto not_object = job_from("[1,2]");
    assert_false(not_object.ok());

    auto fractional_id = job_from(R"({"jobId":1.5,"status":"pending"})");
    assert_false(fractional_id.ok());
}

static void test_parse_connection(void **) {
    auto document = json::Document::parse(
        R"({"connectionId":"c","sourceId":"s","destinationId":"d","name":"n","prefix":"p_",)"
        R"("status":"active","configurations":{"streams":[{"name":"users"},{"name":"products"}]}})",
        "test");
    assert_true(document.ok());
    auto connection = parse_connection(document->root());
    assert_true(connection.ok());
    // The destination id is the destination's, not the source's (PyAirbyte's old bug).
    assert_string_equal(connection->destination_id.c_str(), "d");
    assert_string_equal(connection->source_id.c_str(), "s");
    assert_int_equal(connection->stream_names.size(), 2);
    assert_string_equal(connection->stream_names[1].c_str(), "products");

    auto no_destination = json::Document::parse(R"({"connectionId":"c","sourceId":"s"})", "test");
    auto parsed = parse_connection(no_destination->root());
    assert_false(parsed.ok());
    assert_non_null(strstr(parsed.status().message().c_str(), "destinationId"));
}

static void test_malformed_json_names_position(void **) {
    auto document = json::Document::parse(R"({"jobId": 1,, })", "the response to get job 1");
    assert_false(document.ok());
    const std::string &message = document.status().message();
    assert_non_null(strstr(message.c_str(), "the response to get job 1"));
    assert_non_null(strstr(message.c_str(), "at byte"));
    auto empty = json::Document::parse("", "x");
    assert_false(empty.ok());
    assert_non_null(strstr(empty.status().message().c_str(), "empty"));
}

static Status map_response(long http, const char *body) {
    transport::HttpResponse response;
    response.status = http;
    response.body = body;
    return status_from_error_response(response, "do thing");
}

static void test_error_mapping(void **) {
    struct Case {
        long http;
        const char *body;
        StatusCode code;
    } cases[] = {
        {401, R"({"type":"https://reference.airbyte.com/reference/errors#invalid-api-key","title":"invalid-api-key"})",
         StatusCode::kUnauthenticated},
        {403, "{}", StatusCode::kPermissionDenied},
        {404, R"({"type":"x#resource-not-found","title":"resource-not-found","detail":"no such job"})",
         StatusCode::kNotFound},
        {409, R"({"type":"https://reference.airbyte.com/reference/errors#try-again-later","title":"try-again-later"})",
         StatusCode::kSyncAlreadyRunning},
        {409, R"({"type":"x#409-state-conflict","title":"state-conflict"})", StatusCode::kConflict},
        {429, R"({"message": "You are being rate limited."})", StatusCode::kRateLimited},
        {503, "<html>bad gateway</html>", StatusCode::kServerError},
        {422, R"({"type":"x#unprocessable-entity","title":"unprocessable-entity","detail":"bad field","status":"422"})",
         StatusCode::kApiError},
        {400, "not json", StatusCode::kApiError},
    };
    for (const Case &c : cases) {
        Status status = map_response(c.http, c.body);
        assert_int_equal(static_cast<int>(status.code()), static_cast<int>(c.code));
        assert_int_equal(status.detail().http_status, c.http);
        assert_non_null(strstr(status.message().c_str(), "do thing"));
    }
    Status detailed = map_response(404, R"({"type":"x#resource-not-found","title":"resource-not-found","detail":"no such job"})");
    assert_string_equal(detailed.detail().problem_type.c_str(), "x#resource-not-found");
    assert_string_equal(detailed.detail().problem_detail.c_str(), "no such job");
    Status rate = map_response(429, R"({"message": "You are being rate limited."})");
    assert_string_equal(rate.detail().problem_detail.c_str(), "You are being rate limited.");
}

static void test_timestamps(void **) {
    assert_int_equal(*parse_iso8601_timestamp("1970-01-01T00:00:00Z"), 0);
    assert_int_equal(*parse_iso8601_timestamp("2023-03-25T01:30:50Z"), 1679707850);
    assert_int_equal(*parse_iso8601_timestamp("2023-03-25T01:30:50.123456Z"), 1679707850);
    assert_int_equal(*parse_iso8601_timestamp("2023-03-25T03:30:50+02:00"), 1679707850);
    assert_int_equal(*parse_iso8601_timestamp("2024-02-29T00:00:00Z"), 1709164800);
    assert_false(parse_iso8601_timestamp("2023-13-01T00:00:00Z").has_value());
    assert_false(parse_iso8601_timestamp("yesterday").has_value());
    assert_false(parse_iso8601_timestamp("2023-03-25T01:30:50Zjunk").has_value());
    assert_false(parse_iso8601_timestamp("").has_value());
}

static void test_durations(void **) {
    assert_int_equal(*parse_iso8601_duration_ms("PT8H6M12S"), (8 * 3600 + 6 * 60 + 12) * 1000LL);
    assert_int_equal(*parse_iso8601_duration_ms("PT0.5S"), 500);
    assert_int_equal(*parse_iso8601_duration_ms("P1DT1S"), 86401000LL);
    // Beyond int64 milliseconds: no value, not undefined behaviour (found by fuzzing).
    assert_false(parse_iso8601_duration_ms("PT" + std::string(60, '9') + "S").has_value());
    assert_int_equal(*parse_iso8601_duration_ms("PT0S"), 0);
    assert_false(parse_iso8601_duration_ms("P").has_value());
    assert_false(parse_iso8601_duration_ms("PT").has_value());
    assert_false(parse_iso8601_duration_ms("P1Y").has_value());  // no fixed length
    assert_false(parse_iso8601_duration_ms("8 hours").has_value());
}

static void test_web_roots(void **) {
    assert_string_equal(web_root_for_api_url("https://api.airbyte.com/v1").c_str(), "https://cloud.airbyte.com");
    assert_string_equal(web_root_for_api_url("https://api.airbyte.com/v1/").c_str(), "https://cloud.airbyte.com");
    assert_string_equal(web_root_for_api_url("http://airbyte.local:8000/api/public/v1").c_str(),
                        "http://airbyte.local:8000");
    assert_string_equal(web_root_for_api_url("http://127.0.0.1:9/v1").c_str(), "http://127.0.0.1:9");
}

static void test_poll_schedule_grows_to_cap(void **) {
    PollSchedule schedule(std::chrono::milliseconds(100), std::chrono::milliseconds(300));
    assert_int_equal(schedule.next().count(), 100);
    assert_int_equal(schedule.next().count(), 125);
    assert_int_equal(schedule.next().count(), 156);
    for (int i = 0; i < 10; ++i) schedule.next();
    assert_int_equal(schedule.next().count(), 300);
}

static void test_sync_failure_status(void **) {
    JobInfo job;
    job.job_id = 9;
    job.connection_id = "conn";
    job.state = JobState::kSucceeded;
    assert_true(sync_failure_status(job).ok());
    job.state = JobState::kCancelled;
    Status failed = sync_failure_status(job);
    assert_int_equal(static_cast<int>(failed.code()), static_cast<int>(StatusCode::kSyncFailed));
    assert_int_equal(failed.detail().job_id, 9);
    assert_string_equal(failed.detail().connection_id.c_str(), "conn");
    assert_int_equal(failed.detail().job_state, static_cast<int>(JobState::kCancelled));
}

static void test_cancel_token_wakes_sleeper(void **) {
    CancelToken token;
    assert_false(token.sleep_for(std::chrono::milliseconds(1)));
    token.cancel();
    auto start = std::chrono::steady_clock::now();
    assert_true(token.sleep_for(std::chrono::seconds(30)));
    assert_true(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_job_full),
        cmocka_unit_test(test_parse_job_nulls_and_missing),
        cmocka_unit_test(test_parse_connection),
        cmocka_unit_test(test_malformed_json_names_position),
        cmocka_unit_test(test_error_mapping),
        cmocka_unit_test(test_timestamps),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_web_roots),
        cmocka_unit_test(test_poll_schedule_grows_to_cap),
        cmocka_unit_test(test_sync_failure_status),
        cmocka_unit_test(test_cancel_token_wakes_sleeper),
    };
    return cmocka_run_group_tests_name("domain", tests, nullptr, nullptr);
}
