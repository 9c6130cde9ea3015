// HttpClient against airbyte-cloud-emulator: every retry rule, timeout, fault kind and token
// path end to end, plus keep-alive, send_all and one client shared by many threads.
#include <csetjmp>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
extern "C" {
#include <cmocka.h>
}

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "emulator_process.h"
#include "test_util.h"
#include "transport/credentials.h"
#include "transport/http_client.h"
#include "transport/url.h"

using namespace airbyte_cloud;
using namespace airbyte_cloud::transport;
using std::chrono::milliseconds;

namespace {

// Route counters of /_emulator/stats. A request answered by a status, drop or non_json fault
// never reaches a route, so attempts are counted with "requests" (every API request).
constexpr const char *kRequests = "requests";
constexpr const char *kWorkspaceRoute = "GET /workspaces/{id}";
constexpr const char *kWorkspaceListRoute = "GET /workspaces";
constexpr const char *kTokenRoute = "POST /applications/token";
constexpr const char *kCreateJobRoute = "POST /jobs";

bool contains(const std::string &text, const std::string &part) {
    return text.find(part) != std::string::npos;
}

emulator_process &emulator_of(void **state) {
    return *static_cast<emulator_process *>(*state);
}

int start_with(void **state, const char *const *extra_args) {
    auto *emulator = new emulator_process();
    if (emulator_start(emulator, extra_args) != 0) {
        delete emulator;
        return -1;
    }
    *state = emulator;
    return 0;
}

int start_emulator(void **state) {
    return start_with(state, nullptr);
}

int start_emulator_with_short_tokens(void **state) {
    const char *const args[] = {"--token-ttl", "1", nullptr};
    return start_with(state, args);
}

int stop_emulator(void **state) {
    auto *emulator = static_cast<emulator_process *>(*state);
    const int exit_status = emulator_stop(emulator);
    delete emulator;
    return exit_status == 0 ? 0 : -1;
}

std::string admin(const emulator_process &emulator, const char *method, const std::string &path,
                  const std::string &body, long expected_low = 200, long expected_high = 299) {
    long status = 0;
    char *response = emulator_request(&emulator, method, path.c_str(),
                                      body.empty() ? nullptr : body.c_str(), &status);
    std::string text = response != nullptr ? response : "";
    free(response);
    if (status < expected_low || status > expected_high) {
        fail_msg("%s %s -> %ld: %s", method, path.c_str(), status, text.c_str());
    }
    return text;
}

void add_fault(const emulator_process &emulator, const char *method, const char *path,
               const char *kind, int count, int status = 0, int retry_after = -1,
               int delay_ms = 0) {
    std::string body = std::string("{\"method\":\"") + method + "\",\"path\":\"" + path +
                       "\",\"kind\":\"" + kind + "\",\"count\":" + std::to_string(count);
    if (status > 0)
        body += ",\"status\":" + std::to_string(status);
    if (retry_after >= 0)
        body += ",\"retryAfter\":" + std::to_string(retry_after);
    if (delay_ms > 0)
        body += ",\"delayMs\":" + std::to_string(delay_ms);
    body += "}";
    admin(emulator, "POST", "/_emulator/faults", body);
}

// Clears faults and statistics.
void reset(const emulator_process &emulator) {
    admin(emulator, "POST", "/_emulator/reset", "{}");
}

// A top-level number of /_emulator/stats ("requests", "jobsCreated") or a route's count.
long stat(const emulator_process &emulator, const char *name) {
    const std::string text = admin(emulator, "GET", "/_emulator/stats", "");
    cJSON *root = cJSON_Parse(text.c_str());
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(root, name);
    if (value == nullptr) {
        value = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "routes"),
                                                 name);
    }
    const long result = cJSON_IsNumber(value) ? static_cast<long>(value->valuedouble) : 0;
    cJSON_Delete(root);
    return result;
}

// A source, a destination and a connection, so POST /jobs has something to start.
std::string create_connection(const emulator_process &emulator) {
    const std::string workspace = emulator.workspace_id;
    std::string source =
        admin(emulator, "POST", "/v1/sources",
              "{\"name\":\"transport-source\",\"workspaceId\":\"" + workspace +
                  "\",\"configuration\":{\"sourceType\":\"faker\",\"count\":10,\"seed\":1}}");
    std::string destination =
        admin(emulator, "POST", "/v1/destinations",
              "{\"name\":\"transport-destination\",\"workspaceId\":\"" + workspace +
                  "\",\"configuration\":{\"destinationType\":\"duckdb\",\"destination_path\":"
                  "\"/local/t.duckdb\"}}");
    std::string connection =
        admin(emulator, "POST", "/v1/connections",
              "{\"name\":\"transport\",\"sourceId\":\"" + test_json_string(source, "sourceId") +
                  "\",\"destinationId\":\"" + test_json_string(destination, "destinationId") +
                  "\",\"configurations\":{\"streams\":[{\"name\":\"users\",\"syncMode\":"
                  "\"full_refresh_overwrite\"}]}}");
    const std::string id = test_json_string(connection, "connectionId");
    if (id.empty())
        fail_msg("no connectionId in %s", connection.c_str());
    return id;
}

// Short backoffs keep the suite fast; the limits that tests probe are set per test.
HttpSettings test_settings(int max_attempts = 4,
                           milliseconds request_timeout = milliseconds(10000)) {
    HttpSettings settings;
    settings.connect_timeout = milliseconds(2000);
    settings.request_timeout = request_timeout;
    settings.retry.max_attempts = max_attempts;
    settings.retry.initial_backoff = milliseconds(10);
    settings.retry.max_backoff = milliseconds(50);
    settings.retry.deadline = milliseconds(30000);
    return settings;
}

std::shared_ptr<CredentialsProvider> api_key(const emulator_process &emulator) {
    return std::make_shared<StaticTokenCredentials>(emulator.api_key);
}

std::string token_url(const emulator_process &emulator) {
    return join_url(emulator.api_url, "/applications/token");
}

std::shared_ptr<CredentialsProvider> client_credentials(const emulator_process &emulator,
                                                        const std::string &secret) {
    return std::make_shared<ClientCredentials>(token_url(emulator), emulator.client_id, secret);
}

HttpRequest get_workspace(const emulator_process &emulator, const std::string &id) {
    HttpRequest request;
    request.url = join_url(emulator.api_url, "/workspaces/" + escape_path_segment(id));
    return request;
}

HttpRequest get_workspace(const emulator_process &emulator) {
    return get_workspace(emulator, emulator.workspace_id);
}

HttpRequest create_job(const emulator_process &emulator, const std::string &connection_id) {
    HttpRequest request;
    request.method = HttpMethod::kPost;
    request.url = join_url(emulator.api_url, "/jobs");
    request.body = "{\"connectionId\":\"" + connection_id + "\",\"jobType\":\"sync\"}";
    request.idempotency = Idempotency::kNonIdempotent;
    return request;
}

// Collects log lines (thread-safe) so tests can check what is, and is not, logged.
struct LogCapture {
    std::mutex mutex;
    std::vector<std::string> lines;
    Logger logger() {
        return Logger(
            [this](LogLevel, const std::string &line) {
                std::lock_guard<std::mutex> lock(mutex);
                lines.push_back(line);
            },
            LogLevel::kDebug);
    }
    bool any_contains(const std::string &part) {
        std::lock_guard<std::mutex> lock(mutex);
        for (const std::string &line : lines) {
            if (contains(line, part))
                return true;
        }
        return false;
    }
};

// Records the waits between attempts instead of sleeping through them.
// Records the client's backoff sleeps instead of sleeping.
struct SleepRecorder {
    explicit SleepRecorder(HttpClient &client) {
        client.set_sleep_function([this](milliseconds delay) { delays.push_back(delay); });
    }
    SleepRecorder(const SleepRecorder &) = delete;
    SleepRecorder &operator=(const SleepRecorder &) = delete;
    std::vector<milliseconds> delays;
};

int closed_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        fail_msg("cannot find a free port");
    }
    close(fd);  // nothing listens there now
    return ntohs(address.sin_port);
}

// A response (not a transport failure) with this HTTP status.
void expect_http_status(const StatusOr<HttpResponse> &response, int status) {
    if (!response.ok())
        fail_msg("no response: %s", response.status().message().c_str());
    assert_int_equal(response->status, status);
}

void expect_code(const Status &status, StatusCode code) {
    if (status.code() != code) {
        fail_msg("expected status %d, got %d: %s", static_cast<int>(code),
                 static_cast<int>(status.code()), status.message().c_str());
    }
}

}  // namespace

// ---- Retries ----

static void test_retries_retryable_statuses_then_succeeds(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpClient client(test_settings(), api_key(emulator), Logger());
    for (int status : {429, 502, 503, 504}) {
        reset(emulator);
        add_fault(emulator, "GET", "/v1/workspaces/*", "status", 2, status);
        StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
        if (!response.ok())
            fail_msg("%d: %s", status, response.status().message().c_str());
        assert_int_equal(response->status, 200);
        assert_int_equal(response->attempts, 3);
        assert_int_equal(stat(emulator, kRequests), 3);
        assert_int_equal(stat(emulator, kWorkspaceRoute), 1);
        assert_true(contains(response->body, emulator.workspace_id));
        assert_true(contains(response->content_type, "application/json"));
    }
}

static void test_gives_up_after_max_attempts(void **state) {
    const emulator_process &emulator = emulator_of(state);
    LogCapture log;
    HttpClient client(test_settings(), api_key(emulator), log.logger());
    add_fault(emulator, "GET", "/v1/workspaces/*", "status", 10, 503);
    StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
    // the final status is the caller's to map
    expect_http_status(response, 503);
    assert_int_equal(response->attempts, 4);
    assert_int_equal(stat(emulator, kRequests), 4);
    assert_true(log.any_contains("retrying GET " + get_workspace(emulator).url +
                                 " after 503 (attempt 2 of 4, waiting "));
    assert_true(log.any_contains("(attempt 4 of 4, waiting "));
}

static void test_honours_retry_after(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpClient client(test_settings(), api_key(emulator), Logger());
    SleepRecorder sleeps(client);
    add_fault(emulator, "GET", "/v1/workspaces/*", "status", 1, 429, 2);
    StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
    expect_http_status(response, 200);
    assert_int_equal(response->attempts, 2);
    assert_int_equal(sleeps.delays.size(), 1);
    // Retry-After (2 s) is longer than the 10 ms backoff, so it wins.
    assert_int_equal(sleeps.delays[0].count(), 2000);

    // The real sleep also waits that long.
    HttpClient sleeping(test_settings(), api_key(emulator), Logger());
    add_fault(emulator, "GET", "/v1/workspaces/*", "status", 1, 503, 1);
    const auto started = std::chrono::steady_clock::now();
    response = sleeping.send(get_workspace(emulator));
    const auto waited = std::chrono::steady_clock::now() - started;
    assert_int_equal(response->status, 200);
    assert_true(waited >= milliseconds(1000));
}

static void test_retry_after_beyond_deadline_is_not_awaited(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpSettings settings = test_settings();
    settings.retry.deadline = milliseconds(3000);
    HttpClient client(settings, api_key(emulator), Logger());
    SleepRecorder sleeps(client);
    add_fault(emulator, "GET", "/v1/workspaces/*", "status", 1, 503, 60);
    StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
    expect_http_status(response, 503);
    assert_int_equal(response->retry_after_ms, 60000);
    assert_int_equal(response->attempts, 1);
    assert_true(sleeps.delays.empty());
}

static void test_500_retried_for_reads_only(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpClient client(test_settings(), api_key(emulator), Logger());
    add_fault(emulator, "GET", "/v1/workspaces/*", "status", 1, 500);
    StatusOr<HttpResponse> read = client.send(get_workspace(emulator));
    assert_int_equal(read->status, 200);
    assert_int_equal(read->attempts, 2);

    const std::string connection = create_connection(emulator);
    for (int status : {500, 503}) {
        reset(emulator);
        add_fault(emulator, "POST", "/v1/jobs", "status", 1, status);
        StatusOr<HttpResponse> start = client.send(create_job(emulator, connection));
        expect_http_status(start, status);
        assert_int_equal(start->attempts, 1);
        assert_int_equal(stat(emulator, kRequests), 1);
        assert_int_equal(stat(emulator, "jobsCreated"), 0);
    }
}

static void test_dropped_connection_never_repeats_a_job_start(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpClient client(test_settings(), api_key(emulator), Logger());
    const std::string connection = create_connection(emulator);
    // Warm the connection cache so the POST could be tempted to reuse a connection.
    assert_int_equal(client.send(get_workspace(emulator))->status, 200);
    reset(emulator);

    add_fault(emulator, "POST", "/v1/jobs", "drop", 1);
    StatusOr<HttpResponse> start = client.send(create_job(emulator, connection));
    assert_false(start.ok());
    expect_code(start.status(), StatusCode::kTransport);
    assert_true(contains(start.status().message(), "POST " + create_job(emulator, connection).url));
    assert_int_equal(stat(emulator, kRequests), 1);
    assert_int_equal(stat(emulator, "jobsCreated"), 0);

    // The same fault on a read is retried (by this library, or by libcurl itself when the
    // dropped connection was a reused one).
    add_fault(emulator, "GET", "/v1/workspaces/*", "drop", 1);
    StatusOr<HttpResponse> read = client.send(get_workspace(emulator));
    expect_http_status(read, 200);
    assert_int_equal(stat(emulator, kRequests), 3);
}

static void test_connect_failure_is_retried_even_for_job_start(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpClient client(test_settings(3), api_key(emulator), Logger());
    SleepRecorder sleeps(client);
    HttpRequest request = create_job(emulator, "c");
    request.url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/v1/jobs";
    StatusOr<HttpResponse> start = client.send(request);
    assert_false(start.ok());
    expect_code(start.status(), StatusCode::kTransport);
    // Never reached a server, so all three attempts were made.
    assert_int_equal(sleeps.delays.size(), 2);
    assert_true(contains(start.status().message(), "POST " + request.url + ": "));
    assert_true(contains(start.status().message(), curl_easy_strerror(CURLE_COULDNT_CONNECT)));
    assert_true(contains(start.status().message(), "(after 3 attempts in "));
}

// ---- Timeouts and malformed responses ----

static void test_request_timeout(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpClient client(test_settings(2, milliseconds(300)), api_key(emulator), Logger());
    add_fault(emulator, "GET", "/v1/workspaces/*", "delay", 5, 0, -1, 3000);
    const auto started = std::chrono::steady_clock::now();
    StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
    const auto elapsed = std::chrono::steady_clock::now() - started;
    assert_false(response.ok());
    expect_code(response.status(), StatusCode::kRequestTimeout);
    assert_int_equal(response.status().detail().timeout_ms, 300);
    assert_true(contains(response.status().message(), "no response within 300 ms"));
    assert_true(elapsed < milliseconds(2500));
    assert_int_equal(stat(emulator, kRequests), 2);
}

static void test_timeout_of_job_start_is_not_repeated(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpClient client(test_settings(4, milliseconds(300)), api_key(emulator), Logger());
    const std::string connection = create_connection(emulator);
    reset(emulator);
    add_fault(emulator, "POST", "/v1/jobs", "delay", 5, 0, -1, 2000);
    StatusOr<HttpResponse> start = client.send(create_job(emulator, connection));
    expect_code(start.status(), StatusCode::kRequestTimeout);
    assert_int_equal(stat(emulator, kRequests), 1);
}

static void test_truncated_body_is_a_transport_error(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpClient client(test_settings(2), api_key(emulator), Logger());
    add_fault(emulator, "GET", "/v1/workspaces/*", "truncate", 10);
    StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
    assert_false(response.ok());
    expect_code(response.status(), StatusCode::kTransport);
    assert_int_equal(stat(emulator, kRequests), 2);

    // Once the fault is gone the same client (and pool) works again.
    admin(emulator, "DELETE", "/_emulator/faults", "");
    assert_int_equal(client.send(get_workspace(emulator))->status, 200);
}

static void test_oversized_body_is_a_protocol_error(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpSettings settings = test_settings();
    settings.max_response_bytes = 40;
    HttpClient client(settings, api_key(emulator), Logger());
    StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
    assert_false(response.ok());
    expect_code(response.status(), StatusCode::kProtocol);
    assert_true(contains(response.status().message(), "response body exceeds 40 bytes"));
    assert_int_equal(stat(emulator, kRequests), 1);  // not retried

    HttpSettings roomy = test_settings();
    roomy.max_response_bytes = 100000;
    HttpClient enough(roomy, api_key(emulator), Logger());
    assert_int_equal(enough.send(get_workspace(emulator))->status, 200);
}

static void test_non_json_body_is_passed_through(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpClient client(test_settings(), api_key(emulator), Logger());
    add_fault(emulator, "GET", "/v1/workspaces/*", "non_json", 1);
    StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
    assert_true(response.ok());  // judging the body is the domain layer's job
    assert_int_equal(response->attempts, 1);
    cJSON *parsed = cJSON_Parse(response->body.c_str());
    assert_null(parsed);
}

static void test_escaped_segments_stay_one_segment(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpClient client(test_settings(), api_key(emulator), Logger());
    for (const char *id : {"../workspaces", "..", "x?y", "a/b", "%", ".", "?", "#"}) {
        reset(emulator);
        StatusOr<HttpResponse> response = client.send(get_workspace(emulator, id));
        assert_true(response.ok());
        // Not found (or refused) rather than another endpoint's answer: the workspace list in
        // particular was not called.
        if (response->status != 404 && response->status != 400) {
            fail_msg("%s -> %ld: %s", id, response->status, response->body.c_str());
        }
        assert_int_equal(stat(emulator, kWorkspaceListRoute), 0);
        assert_int_equal(stat(emulator, kRequests), 1);
    }
}

// ---- Tokens ----

static void test_client_credentials_token_is_reused(void **state) {
    const emulator_process &emulator = emulator_of(state);
    LogCapture log;
    HttpClient client(test_settings(), client_credentials(emulator, emulator.client_secret),
                      log.logger());
    for (int i = 0; i < 10; ++i) {
        StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
        if (!response.ok())
            fail_msg("%s", response.status().message().c_str());
        assert_int_equal(response->status, 200);
        assert_int_equal(response->attempts, 1);
    }
    assert_int_equal(stat(emulator, kTokenRoute), 1);
    assert_int_equal(stat(emulator, kWorkspaceRoute), 10);
    assert_false(log.any_contains(emulator.client_secret));
    assert_true(log.any_contains("obtained an access token"));
}

static void test_token_is_renewed_before_expiry(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpClient client(test_settings(), client_credentials(emulator, emulator.client_secret),
                      Logger());
    assert_int_equal(client.send(get_workspace(emulator))->status, 200);
    assert_int_equal(stat(emulator, kTokenRoute), 1);
    // The token lives 1 s and is renewed once a quarter of that remains.
    std::this_thread::sleep_for(milliseconds(1100));
    StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
    assert_int_equal(response->status, 200);
    assert_int_equal(response->attempts, 1);  // renewed before sending, not after a 401
    assert_int_equal(stat(emulator, kTokenRoute), 2);
}

static void test_one_401_renews_token_and_resends(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpSettings settings = test_settings(1);  // the resend after a 401 is outside the retry budget
    HttpClient client(settings, client_credentials(emulator, emulator.client_secret), Logger());
    assert_int_equal(client.send(get_workspace(emulator))->status, 200);
    add_fault(emulator, "GET", "/v1/workspaces/*", "status", 1, 401);
    StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
    assert_int_equal(response->status, 200);
    assert_int_equal(response->attempts, 2);
    assert_int_equal(stat(emulator, kTokenRoute), 2);

    // Only once: a second 401 in a row is the answer.
    add_fault(emulator, "GET", "/v1/workspaces/*", "status", 2, 401);
    response = client.send(get_workspace(emulator));
    assert_int_equal(response->status, 401);
    assert_int_equal(response->attempts, 2);

    // A static key cannot be renewed: its 401 comes straight back.
    HttpClient keyed(settings, api_key(emulator), Logger());
    add_fault(emulator, "GET", "/v1/workspaces/*", "status", 1, 401);
    response = keyed.send(get_workspace(emulator));
    assert_int_equal(response->status, 401);
    assert_int_equal(response->attempts, 1);
}

static void test_bad_client_secret(void **state) {
    const emulator_process &emulator = emulator_of(state);
    const std::string secret = "wrong-secret-8f3a2c71d9";
    LogCapture log;
    HttpClient client(test_settings(), client_credentials(emulator, secret), log.logger());
    StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
    assert_false(response.ok());
    expect_code(response.status(), StatusCode::kUnauthenticated);
    const std::string &message = response.status().message();
    assert_true(
        contains(message, "token exchange at " + token_url(emulator) + " failed: HTTP 401"));
    assert_false(contains(message, secret));
    assert_false(contains(message, emulator.client_secret));
    assert_int_equal(response.status().detail().http_status, 401);
    assert_false(log.any_contains(secret));
    assert_int_equal(stat(emulator, kWorkspaceRoute), 0);  // never sent without a token
}

static void test_token_endpoint_unreachable(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpSettings settings = test_settings(2);
    const std::string url =
        "http://127.0.0.1:" + std::to_string(closed_port()) + "/v1/applications/token";
    auto credentials =
        std::make_shared<ClientCredentials>(url, emulator.client_id, emulator.client_secret);
    HttpClient client(settings, credentials, Logger());
    StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
    expect_code(response.status(), StatusCode::kTransport);
    assert_true(contains(response.status().message(), "token exchange at " + url + " failed: "));
    assert_false(contains(response.status().message(), emulator.client_secret));
}

// ---- Connections, send_all, threads ----

static void test_keep_alive_reuses_connections(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpClient client(test_settings(), api_key(emulator), Logger());
    for (int i = 0; i < 100; ++i) {
        StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
        if (!response.ok() || response->status != 200)
            fail_msg("request %d failed", i);
    }
    const std::int64_t opened = client.connections_opened();
    if (opened < 1 || opened > 2) {
        fail_msg("100 requests opened %lld connections", static_cast<long long>(opened));
    }

    // A job start gets a connection of its own, and closes it; reads keep reusing theirs.
    const std::string connection = create_connection(emulator);
    const std::int64_t before = client.connections_opened();
    for (int i = 0; i < 5; ++i) {
        // 200 for the first start, then 409 while that job runs: both are answers that
        // needed a connection.
        const long started = client.send(create_job(emulator, connection))->status;
        if (started != 200 && started != 409) {
            fail_msg("POST /jobs -> %ld", started);
        }
        assert_int_equal(client.send(get_workspace(emulator))->status, 200);
    }
    assert_int_equal(client.connections_opened() - before, 5);
}

static void test_send_all_fifty_requests_in_order(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpSettings settings = test_settings();
    settings.max_connections = 8;
    HttpClient client(settings, api_key(emulator), Logger());
    std::vector<HttpRequest> requests;
    for (int i = 0; i < 50; ++i) {
        char missing[40];
        std::snprintf(missing, sizeof missing, "00000000-0000-4000-8000-%012d", i);
        requests.push_back(i % 5 == 4 ? get_workspace(emulator, missing) : get_workspace(emulator));
    }
    std::vector<StatusOr<HttpResponse>> results = client.send_all(requests);
    assert_int_equal(results.size(), 50);
    for (int i = 0; i < 50; ++i) {
        if (!results[i].ok())
            fail_msg("%d: %s", i, results[i].status().message().c_str());
        assert_int_equal(results[i]->status, i % 5 == 4 ? 404 : 200);
    }
    assert_int_equal(stat(emulator, kWorkspaceRoute), 50);
    assert_true(client.connections_opened() <= 8);

    // The next call reuses the pooled multi handle's connections.
    const std::int64_t before = client.connections_opened();
    results = client.send_all(std::vector<HttpRequest>(8, get_workspace(emulator)));
    for (const auto &result : results)
        assert_int_equal(result->status, 200);
    assert_true(client.connections_opened() - before <= 1);
}

static void test_send_all_retries_each_request(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpSettings settings = test_settings();
    settings.max_connections = 4;
    HttpClient client(settings, client_credentials(emulator, emulator.client_secret), Logger());
    const std::string connection = create_connection(emulator);
    reset(emulator);
    add_fault(emulator, "GET", "/v1/workspaces/*", "status", 10, 503);
    add_fault(emulator, "POST", "/v1/jobs", "status", 1, 503);
    std::vector<HttpRequest> requests(20, get_workspace(emulator));
    requests.push_back(create_job(emulator, connection));
    std::vector<StatusOr<HttpResponse>> results = client.send_all(requests);
    assert_int_equal(results.size(), 21);
    int retried = 0;
    for (int i = 0; i < 20; ++i) {
        if (!results[i].ok())
            fail_msg("%d: %s", i, results[i].status().message().c_str());
        assert_int_equal(results[i]->status, 200);
        if (results[i]->attempts > 1)
            ++retried;
    }
    assert_true(retried >= 3);  // 10 faults over 20 requests, at most 4 attempts each
    assert_int_equal(stat(emulator, kWorkspaceRoute), 20);
    // The job start is not retried inside send_all either.
    assert_int_equal(results[20]->status, 503);
    assert_int_equal(stat(emulator, kCreateJobRoute), 0);
    assert_int_equal(stat(emulator, kTokenRoute), 1);
    assert_int_equal(stat(emulator, kRequests), 20 + 10 + 1 + 1);
}

static void test_send_all_timeouts_and_drops(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpClient client(test_settings(1, milliseconds(300)), api_key(emulator), Logger());
    add_fault(emulator, "GET", "/v1/workspaces/*", "delay", 1, 0, -1, 2000);
    std::vector<StatusOr<HttpResponse>> results =
        client.send_all(std::vector<HttpRequest>(6, get_workspace(emulator)));
    int timeouts = 0;
    for (const auto &result : results) {
        if (!result.ok()) {
            expect_code(result.status(), StatusCode::kRequestTimeout);
            assert_int_equal(result.status().detail().timeout_ms, 300);
            ++timeouts;
        } else {
            assert_int_equal(result->status, 200);
        }
    }
    assert_int_equal(timeouts, 1);
}

static void test_twenty_threads_share_one_client(void **state) {
    const emulator_process &emulator = emulator_of(state);
    HttpSettings settings = test_settings();
    settings.max_connections = 8;
    // Enough attempts for one request to meet every fault: under ThreadSanitizer threads start
    // slowly, and the first ones may take all twenty 503s between them.
    settings.retry.max_attempts = 25;
    HttpClient client(settings, client_credentials(emulator, emulator.client_secret), Logger());
    add_fault(emulator, "GET", "/v1/workspaces/*", "status", 20, 503);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 20; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 20; ++i) {
                StatusOr<HttpResponse> response = client.send(get_workspace(emulator));
                if (!response.ok() || response->status != 200)
                    ++failures;
            }
            // send_all from several threads at once too.
            for (const auto &result :
                 client.send_all(std::vector<HttpRequest>(3, get_workspace(emulator)))) {
                if (!result.ok() || result->status != 200)
                    ++failures;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    assert_int_equal(failures.load(), 0);
    assert_int_equal(stat(emulator, kWorkspaceRoute), 20 * 23);
    assert_int_equal(stat(emulator, kRequests), 20 * 23 + 20 + 1);
    // Concurrent callers shared one token exchange.
    assert_int_equal(stat(emulator, kTokenRoute), 1);
}

int main(void) {
#define WITH_EMULATOR(test) cmocka_unit_test_setup_teardown(test, start_emulator, stop_emulator)
    const struct CMUnitTest tests[] = {
        WITH_EMULATOR(test_retries_retryable_statuses_then_succeeds),
        WITH_EMULATOR(test_gives_up_after_max_attempts),
        WITH_EMULATOR(test_honours_retry_after),
        WITH_EMULATOR(test_retry_after_beyond_deadline_is_not_awaited),
        WITH_EMULATOR(test_500_retried_for_reads_only),
        WITH_EMULATOR(test_dropped_connection_never_repeats_a_job_start),
        WITH_EMULATOR(test_connect_failure_is_retried_even_for_job_start),
        WITH_EMULATOR(test_request_timeout),
        WITH_EMULATOR(test_timeout_of_job_start_is_not_repeated),
        WITH_EMULATOR(test_truncated_body_is_a_transport_error),
        WITH_EMULATOR(test_oversized_body_is_a_protocol_error),
        WITH_EMULATOR(test_non_json_body_is_passed_through),
        WITH_EMULATOR(test_escaped_segments_stay_one_segment),
        WITH_EMULATOR(test_client_credentials_token_is_reused),
        cmocka_unit_test_setup_teardown(test_token_is_renewed_before_expiry,
                                        start_emulator_with_short_tokens, stop_emulator),
        WITH_EMULATOR(test_one_401_renews_token_and_resends),
        WITH_EMULATOR(test_bad_client_secret),
        WITH_EMULATOR(test_token_endpoint_unreachable),
        WITH_EMULATOR(test_keep_alive_reuses_connections),
        WITH_EMULATOR(test_send_all_fifty_requests_in_order),
        WITH_EMULATOR(test_send_all_retries_each_request),
        WITH_EMULATOR(test_send_all_timeouts_and_drops),
        WITH_EMULATOR(test_twenty_threads_share_one_client),
    };
#undef WITH_EMULATOR
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
