// Unit tests of the transport layer without a server: backoff and retry policies, status
// classification, Retry-After, URL building, the per-request retry logic, token renewal timing,
// and the failures HttpClient reports before anything reaches the network.
#include <csetjmp>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
extern "C" {
#include <cmocka.h>
}

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "transport/backoff_policy.h"
#include "transport/credentials.h"
#include "transport/http_client.h"
#include "transport/http_types.h"
#include "transport/retry_after.h"
#include "transport/retry_policy.h"
#include "transport/retrying_request.h"
#include "transport/token_renewal.h"
#include "transport/transfer.h"
#include "transport/url.h"

using namespace airbyte_cloud;
using namespace airbyte_cloud::transport;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

static bool contains(const std::string &text, const std::string &part) {
    return text.find(part) != std::string::npos;
}

// ---- ExponentialBackoff ----

static void test_backoff_grows_to_cap(void **) {
    ExponentialBackoff backoff(milliseconds(100), milliseconds(1000), 2.0, 7);
    const std::int64_t expected_caps[] = {100, 200, 400, 800, 1000, 1000, 1000};
    for (std::int64_t cap : expected_caps) {
        assert_int_equal(backoff.current().count(), cap);
        const std::int64_t delay = backoff.next_delay().count();
        assert_true(delay >= cap - cap / 2);
        assert_true(delay <= cap);
    }
}

static void test_backoff_jitter_bounds_and_spread(void **) {
    std::set<std::int64_t> seen;
    for (std::uint64_t seed = 0; seed < 400; ++seed) {
        ExponentialBackoff backoff(milliseconds(1000), milliseconds(1000), 2.0, seed);
        const std::int64_t delay = backoff.next_delay().count();
        assert_true(delay >= 500);
        assert_true(delay <= 1000);
        seen.insert(delay);
    }
    // Equal jitter spreads clients out: 400 seeds give many different delays in both halves.
    assert_true(seen.size() > 100);
    assert_true(*seen.begin() < 600);
    assert_true(*seen.rbegin() > 900);
}

static void test_backoff_same_seed_same_delays(void **) {
    ExponentialBackoff first(milliseconds(250), milliseconds(10000), 2.0, 42);
    ExponentialBackoff second(milliseconds(250), milliseconds(10000), 2.0, 42);
    for (int i = 0; i < 10; ++i)
        assert_int_equal(first.next_delay().count(), second.next_delay().count());
}

static void test_backoff_sanitises_settings(void **) {
    ExponentialBackoff zero(milliseconds(0), milliseconds(0), 0.5, 1);
    assert_int_equal(zero.current().count(), 1);
    assert_int_equal(zero.next_delay().count(), 1);  // never zero
    assert_int_equal(zero.current().count(), 1);

    ExponentialBackoff inverted(milliseconds(300), milliseconds(100), 3.0, 1);
    assert_int_equal(inverted.current().count(), 300);
    inverted.next_delay();
    assert_int_equal(inverted.current().count(), 300);

    // A huge multiplier saturates at the cap instead of overflowing.
    ExponentialBackoff huge(milliseconds(1000), milliseconds(60000), 1e300, 1);
    huge.next_delay();
    assert_int_equal(huge.current().count(), 60000);
}

static void test_backoff_multiplier_one_is_constant(void **) {
    ExponentialBackoff backoff(milliseconds(200), milliseconds(5000), 1.0, 3);
    for (int i = 0; i < 5; ++i) {
        backoff.next_delay();
        assert_int_equal(backoff.current().count(), 200);
    }
}

// ---- RetryPolicy ----

static void test_retry_policy_every_outcome(void **) {
    RetrySettings settings;
    settings.max_attempts = 4;
    RetryPolicy policy(settings);
    const AttemptOutcome outcomes[] = {
        AttemptOutcome::kSuccess,           AttemptOutcome::kNotSent,
        AttemptOutcome::kTransferFailed,    AttemptOutcome::kRetryableStatus,
        AttemptOutcome::kServerErrorStatus, AttemptOutcome::kRateLimited};
    for (AttemptOutcome outcome : outcomes) {
        for (Idempotency idempotency : {Idempotency::kIdempotent, Idempotency::kNonIdempotent}) {
            const bool idempotent = idempotency == Idempotency::kIdempotent;
            bool retryable = false;
            switch (outcome) {
                case AttemptOutcome::kSuccess:
                    retryable = false;
                    break;
                case AttemptOutcome::kNotSent:
                    retryable = true;  // never reached the server: safe even for POST /jobs
                    break;
                case AttemptOutcome::kRateLimited:
                    retryable = true;  // refused before acting: safe even for POST /jobs
                    break;
                case AttemptOutcome::kTransferFailed:
                case AttemptOutcome::kRetryableStatus:
                case AttemptOutcome::kServerErrorStatus:
                    retryable = idempotent;
                    break;
            }
            for (int attempts = 1; attempts <= 6; ++attempts) {
                const bool expected = retryable && attempts < 4;
                if (policy.should_retry(outcome, idempotency, attempts) != expected) {
                    fail_msg("outcome %d, idempotent %d, attempts %d: expected %d",
                             static_cast<int>(outcome), idempotent, attempts, expected);
                }
            }
        }
    }
}

static void test_retry_policy_single_attempt_never_retries(void **) {
    RetrySettings settings;
    settings.max_attempts = 1;
    RetryPolicy policy(settings);
    assert_false(policy.should_retry(AttemptOutcome::kNotSent, Idempotency::kIdempotent, 1));
    assert_false(
        policy.should_retry(AttemptOutcome::kRetryableStatus, Idempotency::kIdempotent, 1));
    settings.max_attempts = 0;  // nonsense setting: still at most one attempt
    assert_false(
        RetryPolicy(settings).should_retry(AttemptOutcome::kNotSent, Idempotency::kIdempotent, 1));
}

static void test_classify_http_status(void **) {
    struct Case {
        long status;
        AttemptOutcome outcome;
    };
    const Case cases[] = {
        {200, AttemptOutcome::kSuccess},         {201, AttemptOutcome::kSuccess},
        {204, AttemptOutcome::kSuccess},         {301, AttemptOutcome::kSuccess},
        {400, AttemptOutcome::kSuccess},         {401, AttemptOutcome::kSuccess},
        {403, AttemptOutcome::kSuccess},         {404, AttemptOutcome::kSuccess},
        {408, AttemptOutcome::kSuccess},         {409, AttemptOutcome::kSuccess},
        {429, AttemptOutcome::kRateLimited},     {500, AttemptOutcome::kServerErrorStatus},
        {501, AttemptOutcome::kSuccess},         {502, AttemptOutcome::kRetryableStatus},
        {503, AttemptOutcome::kRetryableStatus}, {504, AttemptOutcome::kRetryableStatus},
        {505, AttemptOutcome::kSuccess},
    };
    for (const Case &c : cases) {
        if (classify_http_status(c.status) != c.outcome)
            fail_msg("status %ld", c.status);
    }
}

// ---- Retry-After ----

// 2015-10-21 07:27:00 UTC
static std::chrono::system_clock::time_point reference_now() {
    return std::chrono::system_clock::time_point(seconds(1445412420));
}

static void test_retry_after_seconds(void **) {
    const struct {
        const char *header;
        long long wait_ms;
    } cases[] = {{"120", 120000},
                 {"0", 0},
                 {" 5 ", 5000},
                 {"7\r\n", 7000},
                 {"99999999999999999999999", 86400000}};  // at most a day
    for (const auto &one : cases)
        assert_int_equal(parse_retry_after(one.header, reference_now()), one.wait_ms);
}

static void test_retry_after_http_dates(void **) {
    const auto now = reference_now();
    assert_int_equal(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now), 60000);
    assert_int_equal(parse_retry_after("Wednesday, 21-Oct-15 07:28:00 GMT", now), 60000);
    assert_int_equal(parse_retry_after("Wed Oct 21 07:28:00 2015", now), 60000);
    // In the past: no wait.
    assert_int_equal(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now), 0);
    // Sub-second "now" counts.
    assert_int_equal(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now + milliseconds(250)),
                     59750);
}

// ---- Request budget ----

static void test_request_budget_paces_and_pauses(void **) {
    const RequestBudget::Clock::time_point t0{};
    RequestBudget budget(10);
    assert_int_equal(budget.reserve(t0).count(), 0);  // a full bucket: one request at once
    const auto second = budget.reserve(t0).count();
    const auto third = budget.reserve(t0).count();
    assert_true(second >= 100 && second <= 101);
    assert_true(third >= 200 && third <= 201);
    // A 429 pauses every later request for its Retry-After, whatever the bucket held.
    budget.on_rate_limited(2000, t0 + seconds(5));
    assert_true(budget.reserve(t0 + seconds(5)).count() >= 2000);
    const RequestBudget::State state = budget.state(t0 + seconds(6));
    assert_int_equal(state.rate_limited, 1);
    assert_int_equal(state.granted, 4);
    assert_true(state.paused_ms >= 999 && state.paused_ms <= 1000);

    RequestBudget unlimited(0);
    for (int i = 0; i < 100; i++)
        assert_int_equal(unlimited.reserve(t0).count(), 0);
    unlimited.on_rate_limited(-1, t0);  // no Retry-After: the default pause
    assert_int_equal(unlimited.reserve(t0).count(), RequestBudget::kDefaultPause.count());
}

// Places reserved before a 429 are void: their holders take new ones behind the pause, and the
// pace after the 429 stays at the lower ceiling instead of growing straight back to the rate.
static void test_request_budget_429_voids_reservations(void **) {
    const RequestBudget::Clock::time_point t0{};
    RequestBudget budget(20);
    std::int64_t first = 0, second = 0;
    budget.reserve(t0, first);
    budget.reserve(t0, second);
    budget.reserve(t0, second);  // reserved ahead: 50 ms after the first
    assert_int_equal(budget.recheck(first, t0).count(), 0);  // no 429 yet: it goes
    budget.on_rate_limited(1000, t0 + milliseconds(10));
    const auto again = budget.recheck(second, t0 + milliseconds(50));
    assert_true(again.count() >= 960);  // behind the pause
    assert_int_equal(budget.recheck(second, t0 + milliseconds(50) + again).count(), 0);
    // 0.7 × 20 = 14/s after the 429, and a hundred requests later still near it, not 20.
    std::int64_t epoch = 0;
    milliseconds last(0);
    for (int i = 0; i < 100; i++)
        last = budget.reserve(t0 + seconds(2), epoch);
    assert_true(last.count() >= 99 * 1000 / 17);
    assert_true(last.count() <= 99 * 1000 / 14 + 1000);
}

// One budget per API root and credential while someone holds it; the lowest cap asked for wins.
static void test_shared_request_budget(void **) {
    auto first = shared_request_budget("http://api/v1", "token one", 8, Logger());
    auto same = shared_request_budget("http://api/v1", "token one", 4, Logger());
    auto other_token = shared_request_budget("http://api/v1", "token two", 8, Logger());
    auto other_root = shared_request_budget("http://other/v1", "token one", 8, Logger());
    assert_ptr_equal(first.get(), same.get());
    assert_ptr_not_equal(first.get(), other_token.get());
    assert_ptr_not_equal(first.get(), other_root.get());
    const auto now = RequestBudget::Clock::now();
    assert_true(first->state(now).rate_per_second == 4);
    assert_true(other_token->state(now).rate_per_second == 8);
    same->reserve(now);
    assert_int_equal(first->state(now).granted, 1);
    first.reset();
    same.reset();
    // Nobody holds it any more: the next client of that credential starts afresh.
    auto fresh = shared_request_budget("http://api/v1", "token one", 8, Logger());
    assert_int_equal(fresh->state(now).granted, 0);
    assert_true(fresh->state(now).rate_per_second == 8);
}

// The Date header: the server's clock, which the change feed trusts over the client's.
static void test_http_date(void **) {
    assert_int_equal(parse_http_date("Wed, 21 Oct 2015 07:27:00 GMT"), 1445412420);
    assert_int_equal(parse_http_date(" Wednesday, 21-Oct-15 07:27:00 GMT "), 1445412420);
    assert_int_equal(parse_http_date(""), -1);
    assert_int_equal(parse_http_date("yesterday-ish"), -1);
}

static void test_retry_after_garbage(void **) {
    const auto now = reference_now();
    assert_int_equal(parse_retry_after("", now), -1);
    assert_int_equal(parse_retry_after("   ", now), -1);
    assert_int_equal(parse_retry_after("soon", now), -1);
    assert_int_equal(parse_retry_after("-5", now), -1);
}

// ---- URLs ----

static void test_escape_path_segment(void **) {
    assert_string_equal(escape_path_segment("../workspaces").c_str(), "..%2Fworkspaces");
    assert_string_equal(escape_path_segment("x?y").c_str(), "x%3Fy");
    assert_string_equal(escape_path_segment("a/b").c_str(), "a%2Fb");
    assert_string_equal(escape_path_segment("%").c_str(), "%25");
    assert_string_equal(escape_path_segment("%2F").c_str(), "%252F");
    assert_string_equal(escape_path_segment("\xC3\xA9t\xC3\xA9").c_str(), "%C3%A9t%C3%A9");
    assert_string_equal(escape_path_segment("a b#c&d=e;f").c_str(), "a%20b%23c%26d%3De%3Bf");
    assert_string_equal(escape_path_segment("\\").c_str(), "%5C");
    assert_string_equal(escape_path_segment("AZaz09-._~").c_str(), "AZaz09-._~");
    assert_string_equal(escape_path_segment("3fa85f64-5717-4562-b3fc-2c963f66afa6").c_str(),
                        "3fa85f64-5717-4562-b3fc-2c963f66afa6");
    assert_string_equal(escape_path_segment("").c_str(), "");
    // Dot-segments would be removed by path normalisation, changing the endpoint.
    assert_string_equal(escape_path_segment("..").c_str(), "%2E%2E");
    assert_string_equal(escape_path_segment(".").c_str(), "%2E");
    assert_string_equal(escape_path_segment("...").c_str(), "...");
    assert_string_equal(escape_path_segment(std::string_view("a\0b", 3)).c_str(), "a%00b");
    assert_string_equal(escape_path_segment("\r\n").c_str(), "%0D%0A");
}

static void test_build_query(void **) {
    assert_string_equal(build_query({}).c_str(), "");
    assert_string_equal(build_query({{"a", "1"}, {"b", "x|y"}}).c_str(), "?a=1&b=x%7Cy");
    assert_string_equal(build_query({{"orderBy", "createdAt|DESC"}}).c_str(),
                        "?orderBy=createdAt%7CDESC");
    assert_string_equal(build_query({{"q", "a&b=c d+e"}}).c_str(), "?q=a%26b%3Dc%20d%2Be");
    assert_string_equal(build_query({{"k y", ""}}).c_str(), "?k%20y=");
    assert_string_equal(build_query({{"id", "\xE2\x82\xAC"}}).c_str(), "?id=%E2%82%AC");
}

static void test_join_url(void **) {
    assert_string_equal(join_url("http://h/v1", "/workspaces").c_str(), "http://h/v1/workspaces");
    assert_string_equal(join_url("http://h/v1/", "/workspaces").c_str(), "http://h/v1/workspaces");
    assert_string_equal(join_url("http://h/v1//", "/workspaces").c_str(), "http://h/v1/workspaces");
    assert_string_equal(join_url("http://h/api/public/v1", "/jobs?x=1").c_str(),
                        "http://h/api/public/v1/jobs?x=1");
    assert_string_equal(join_url("http://h/v1", "jobs").c_str(), "http://h/v1/jobs");
    assert_string_equal(join_url("http://h/v1/", "").c_str(), "http://h/v1/");
}

static void test_http_method_name(void **) {
    assert_string_equal(http_method_name(HttpMethod::kGet), "GET");
    assert_string_equal(http_method_name(HttpMethod::kPost), "POST");
    assert_string_equal(http_method_name(HttpMethod::kPatch), "PATCH");
    assert_string_equal(http_method_name(HttpMethod::kPut), "PUT");
    assert_string_equal(http_method_name(HttpMethod::kDelete), "DELETE");
}

static void test_describe_request_masks_user_information(void **) {
    HttpRequest request;
    request.url = "https://user:pa55word@api.example.com/v1/jobs?x=a@b";
    assert_string_equal(describe_request(request).c_str(),
                        "GET https://***@api.example.com/v1/jobs?x=a@b");
    request.method = HttpMethod::kDelete;
    request.url = "http://h/v1/jobs/5";
    assert_string_equal(describe_request(request).c_str(), "DELETE http://h/v1/jobs/5");
}

// ---- Token renewal timing ----

static void test_token_renewal_time(void **) {
    const Clock::time_point issued = Clock::time_point() + std::chrono::hours(1000);
    // Airbyte's 3-minute tokens: renew when 45 s (a quarter) remain.
    assert_true(token_renewal_time(issued, seconds(180)) == issued + seconds(135));
    // Long-lived tokens: at most a minute early.
    assert_true(token_renewal_time(issued, seconds(3600)) == issued + seconds(3540));
    assert_true(token_renewal_time(issued, seconds(240)) == issued + seconds(180));
    // Short ones: a quarter early.
    assert_true(token_renewal_time(issued, seconds(1)) == issued + milliseconds(750));
    assert_true(token_renewal_time(issued, seconds(0)) == issued);
    assert_true(token_renewal_time(issued, seconds(-5)) == issued);
    // Unknown or absurd lifetime: kept until the server rejects it.
    assert_true(token_renewal_time(issued, std::nullopt) == Clock::time_point::max());
    assert_true(token_renewal_time(issued, seconds(1000000000000LL)) == Clock::time_point::max());

    assert_true(token_expiry_time(issued, seconds(180)) == issued + seconds(180));
    assert_true(token_expiry_time(issued, std::nullopt) == Clock::time_point::max());
}

static void test_token_needs_renewal(void **) {
    const Clock::time_point issued = Clock::time_point() + std::chrono::hours(1000);
    const Clock::time_point renew_at = token_renewal_time(issued, seconds(180));
    assert_true(token_needs_renewal(false, renew_at, issued));  // no token yet
    assert_false(token_needs_renewal(true, renew_at, issued));
    assert_false(token_needs_renewal(true, renew_at, issued + seconds(134)));
    assert_true(token_needs_renewal(true, renew_at, issued + seconds(135)));
    assert_true(token_needs_renewal(true, renew_at, issued + seconds(500)));
    assert_false(
        token_needs_renewal(true, Clock::time_point::max(), issued + std::chrono::hours(99)));
}

// ---- Transfer outcome classification ----

static TransferResult response_result(long status, const std::string &retry_after = "") {
    TransferResult result;
    result.code = CURLE_OK;
    result.http_status = status;
    result.request_started = true;
    result.retry_after = retry_after;
    result.body = "{\"secret-looking\":\"body\"}";
    result.timeout = milliseconds(5000);  // fast_settings().request_timeout
    return result;
}

static TransferResult failed_result(CURLcode code, bool request_started) {
    TransferResult result;
    result.code = code;
    result.request_started = request_started;
    result.curl_error = std::string(curl_easy_strerror(code)) + ": details";
    result.timeout = milliseconds(5000);  // fast_settings().request_timeout
    return result;
}

static void test_classify_transfer(void **) {
    assert_int_equal(static_cast<int>(classify_transfer(response_result(200))),
                     static_cast<int>(AttemptOutcome::kSuccess));
    assert_int_equal(static_cast<int>(classify_transfer(response_result(503))),
                     static_cast<int>(AttemptOutcome::kRetryableStatus));
    assert_int_equal(static_cast<int>(classify_transfer(response_result(500))),
                     static_cast<int>(AttemptOutcome::kServerErrorStatus));
    const CURLcode before_sending[] = {CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST,
                                       CURLE_OPERATION_TIMEDOUT, CURLE_SSL_CONNECT_ERROR};
    for (CURLcode code : before_sending) {
        assert_int_equal(static_cast<int>(classify_transfer(failed_result(code, false))),
                         static_cast<int>(AttemptOutcome::kNotSent));
    }
    const CURLcode after_sending[] = {CURLE_OPERATION_TIMEDOUT, CURLE_GOT_NOTHING, CURLE_RECV_ERROR,
                                      CURLE_PARTIAL_FILE, CURLE_SEND_ERROR};
    for (CURLcode code : after_sending) {
        assert_int_equal(static_cast<int>(classify_transfer(failed_result(code, true))),
                         static_cast<int>(AttemptOutcome::kTransferFailed));
    }
}

static void test_permanent_failures(void **) {
    assert_true(is_permanent_failure(failed_result(CURLE_UNSUPPORTED_PROTOCOL, false)));
    assert_true(is_permanent_failure(failed_result(CURLE_URL_MALFORMAT, false)));
    assert_true(is_permanent_failure(failed_result(CURLE_PEER_FAILED_VERIFICATION, false)));
    assert_false(is_permanent_failure(failed_result(CURLE_COULDNT_CONNECT, false)));
    assert_false(is_permanent_failure(failed_result(CURLE_OPERATION_TIMEDOUT, true)));
    TransferResult too_large = failed_result(CURLE_WRITE_ERROR, true);
    too_large.body_too_large = true;
    assert_true(is_permanent_failure(too_large));
}

// ---- RetryingRequest: the per-request logic of send() and send_all() ----

namespace {

struct CapturedLog {
    std::vector<std::pair<LogLevel, std::string>> lines;
    Logger logger() {
        return Logger(
            [this](LogLevel level, const std::string &line) { lines.emplace_back(level, line); },
            LogLevel::kDebug);
    }
    bool any_contains(const std::string &part) const {
        for (const auto &line : lines) {
            if (contains(line.second, part))
                return true;
        }
        return false;
    }
};

// Counts invalidations; renewal helps or not depending on `renewable`.
class FakeCredentials final : public CredentialsProvider {
  public:
    explicit FakeCredentials(bool renewable) : renewable_(renewable) {}
    StatusOr<std::string> access_token(HttpClient &) override { return std::string("token"); }
    bool invalidate(const std::string &token) override {
        invalidated.push_back(token);
        return renewable_;
    }
    std::vector<std::string> invalidated;

  private:
    bool renewable_;
};

HttpSettings fast_settings() {
    HttpSettings settings;
    settings.retry.max_attempts = 4;
    settings.retry.initial_backoff = milliseconds(100);
    settings.retry.max_backoff = milliseconds(1000);
    settings.retry.deadline = milliseconds(60000);
    settings.request_timeout = milliseconds(5000);
    return settings;
}

HttpRequest get_request() {
    HttpRequest request;
    request.url = "http://h/v1/workspaces/w";
    return request;
}

using Action = RetryingRequest::Next::Action;

// What each RetryingRequest test starts from: a captured log, fast retry settings and a GET
// (either adjustable before a RetryingRequest is made from them), and the start time.
struct RetryTest {
    CapturedLog log;
    HttpSettings settings = fast_settings();
    HttpRequest request = get_request();
    const Logger logger = log.logger();
    const Clock::time_point start = Clock::now();
};

// Macros, so that a failure names the test's line.
#define assert_action(next, wanted) \
    assert_int_equal(static_cast<int>((next).action), static_cast<int>(Action::wanted))
#define assert_code(result, wanted)                              \
    assert_int_equal(static_cast<int>((result).status().code()), \
                     static_cast<int>(StatusCode::wanted))

}  // namespace

static void test_retrying_request_retries_503_then_succeeds(void **) {
    RetryTest t;
    RetryingRequest run(t.request, t.settings, t.logger, nullptr, t.start);

    auto next = run.after_attempt(response_result(503), "", t.start);
    assert_action(next, kRetryAfterDelay);
    assert_true(next.delay.count() >= 50 && next.delay.count() <= 100);
    assert_true(t.log.any_contains(
        "retrying GET http://h/v1/workspaces/w after 503 (attempt 2 of 4, waiting "));

    next = run.after_attempt(response_result(200), "", t.start + milliseconds(100));
    assert_action(next, kFinished);
    StatusOr<HttpResponse> result = run.take_result();
    assert_true(result.ok());
    assert_int_equal(result->status, 200);
    assert_int_equal(result->attempts, 2);
    // Bodies never reach the log.
    assert_false(t.log.any_contains("secret-looking"));
}

static void test_retrying_request_gives_up_after_max_attempts(void **) {
    RetryTest t;
    RetryingRequest run(t.request, t.settings, t.logger, nullptr, t.start);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        auto next = run.after_attempt(response_result(502), "", t.start);
        assert_action(next, kRetryAfterDelay);
    }
    auto next = run.after_attempt(response_result(502), "", t.start);
    assert_action(next, kFinished);
    StatusOr<HttpResponse> result = run.take_result();
    assert_true(result.ok());  // the final HTTP status goes to the caller to map
    assert_int_equal(result->status, 502);
    assert_int_equal(result->attempts, 4);
}

static void test_retrying_request_retry_after_wins_when_longer(void **) {
    RetryTest t;
    RetryingRequest run(t.request, t.settings, t.logger, nullptr, t.start);
    auto next = run.after_attempt(response_result(429, "3"), "", t.start);
    assert_action(next, kRetryAfterDelay);
    assert_int_equal(next.delay.count(), 3000);
    // A Retry-After shorter than the backoff does not shorten it.
    RetryingRequest second(t.request, t.settings, t.logger, nullptr, t.start);
    next = second.after_attempt(response_result(503, "0"), "", t.start);
    assert_true(next.delay.count() >= 50);
}

static void test_retrying_request_never_waits_past_deadline(void **) {
    RetryTest t;
    t.settings.retry.deadline = milliseconds(2000);
    RetryingRequest run(t.request, t.settings, t.logger, nullptr, t.start);
    auto next = run.after_attempt(response_result(503, "10"), "", t.start + milliseconds(10));
    assert_action(next, kFinished);
    StatusOr<HttpResponse> result = run.take_result();
    assert_true(result.ok());
    assert_int_equal(result->status, 503);
    assert_int_equal(result->retry_after_ms, 10000);
    assert_int_equal(result->attempts, 1);
}

static void test_retrying_request_attempt_timeout_respects_deadline(void **) {
    RetryTest t;
    t.settings.request_timeout = milliseconds(5000);
    t.settings.retry.deadline = milliseconds(8000);
    RetryingRequest run(t.request, t.settings, t.logger, nullptr, t.start);
    assert_int_equal(run.attempt_timeout(t.start).count(), 5000);
    assert_int_equal(run.attempt_timeout(t.start + milliseconds(6000)).count(), 2000);
    assert_int_equal(run.attempt_timeout(t.start + milliseconds(9000)).count(), 1);

    // A timeout on an attempt shortened by the deadline reports the deadline.
    TransferResult timed_out = failed_result(CURLE_OPERATION_TIMEDOUT, true);
    timed_out.timeout = milliseconds(2000);
    t.settings.retry.max_attempts = 1;
    RetryingRequest last(t.request, t.settings, t.logger, nullptr, t.start);
    last.after_attempt(timed_out, "", t.start + milliseconds(8000));
    StatusOr<HttpResponse> result = last.take_result();
    assert_false(result.ok());
    assert_code(result, kRequestTimeout);
    assert_int_equal(result.status().detail().timeout_ms, 8000);
}

static void test_retrying_request_non_idempotent(void **) {
    RetryTest t;
    t.request.method = HttpMethod::kPost;
    t.request.url = "http://h/v1/jobs";
    t.request.idempotency = Idempotency::kNonIdempotent;

    // Connect failure: the server never saw it, so even POST /jobs is retried.
    RetryingRequest not_sent(t.request, t.settings, t.logger, nullptr, t.start);
    auto next = not_sent.after_attempt(failed_result(CURLE_COULDNT_CONNECT, false), "", t.start);
    assert_action(next, kRetryAfterDelay);

    // Sent, then the connection broke: never repeated.
    RetryingRequest dropped(t.request, t.settings, t.logger, nullptr, t.start);
    next = dropped.after_attempt(failed_result(CURLE_GOT_NOTHING, true), "", t.start);
    assert_action(next, kFinished);
    StatusOr<HttpResponse> result = dropped.take_result();
    assert_false(result.ok());
    assert_code(result, kTransport);
    assert_true(contains(result.status().message(), "POST http://h/v1/jobs: "));
    assert_true(contains(result.status().message(), curl_easy_strerror(CURLE_GOT_NOTHING)));

    // 500, 502, 503 and 504 on a non-idempotent request go straight back to the caller: the
    // server (or the server behind the gateway) may have acted.
    for (long status : {500L, 502L, 503L, 504L}) {
        RetryingRequest server_error(t.request, t.settings, t.logger, nullptr, t.start);
        next = server_error.after_attempt(response_result(status), "", t.start);
        assert_action(next, kFinished);
        assert_int_equal(server_error.take_result()->status, status);
    }

    // A 429 was refused before the server acted, so even POST /jobs is tried again.
    RetryingRequest limited(t.request, t.settings, t.logger, nullptr, t.start);
    next = limited.after_attempt(response_result(429), "", t.start);
    assert_action(next, kRetryAfterDelay);
}

static void test_retrying_request_500_retried_for_reads(void **) {
    RetryTest t;
    RetryingRequest run(t.request, t.settings, t.logger, nullptr, t.start);
    auto next = run.after_attempt(response_result(500), "", t.start);
    assert_action(next, kRetryAfterDelay);
}

static void test_retrying_request_401_renews_once_outside_budget(void **) {
    RetryTest t;
    t.settings.retry.max_attempts = 1;
    FakeCredentials credentials(true);
    RetryingRequest run(t.request, t.settings, t.logger, &credentials, t.start);

    auto next = run.after_attempt(response_result(401), "old-token", t.start);
    assert_action(next, kRetryNow);
    assert_int_equal(credentials.invalidated.size(), 1);
    assert_string_equal(credentials.invalidated[0].c_str(), "old-token");
    // The second 401 is final: renewing did not help.
    next = run.after_attempt(response_result(401), "new-token", t.start);
    assert_action(next, kFinished);
    StatusOr<HttpResponse> result = run.take_result();
    assert_int_equal(result->status, 401);
    assert_int_equal(result->attempts, 2);
    assert_int_equal(credentials.invalidated.size(), 1);
    // Tokens never reach the log.
    assert_false(t.log.any_contains("old-token"));
    assert_false(t.log.any_contains("new-token"));

    // With max_attempts = 1 the resend after 401 still happens and can succeed.
    RetryingRequest renewed(t.request, t.settings, t.logger, &credentials, t.start);
    renewed.after_attempt(response_result(401), "t1", t.start);
    next = renewed.after_attempt(response_result(200), "t2", t.start);
    assert_action(next, kFinished);
    assert_int_equal(renewed.take_result()->status, 200);
}

static void test_retrying_request_401_static_key_is_final(void **) {
    RetryTest t;
    FakeCredentials credentials(false);
    RetryingRequest run(t.request, t.settings, t.logger, &credentials, t.start);
    auto next = run.after_attempt(response_result(401), "key", t.start);
    assert_action(next, kFinished);
    assert_int_equal(run.take_result()->status, 401);

    // An unauthenticated request's 401 is never a reason to renew.
    HttpRequest unauthenticated = t.request;
    unauthenticated.authenticated = false;
    FakeCredentials renewable(true);
    RetryingRequest token_request(unauthenticated, t.settings, t.logger, &renewable, t.start);
    next = token_request.after_attempt(response_result(401), "", t.start);
    assert_action(next, kFinished);
    assert_true(renewable.invalidated.empty());
}

static void test_retrying_request_failure_statuses(void **) {
    RetryTest t;
    t.settings.retry.max_attempts = 1;
    t.settings.max_response_bytes = 1234;

    RetryingRequest timed_out(t.request, t.settings, t.logger, nullptr, t.start);
    timed_out.after_attempt(failed_result(CURLE_OPERATION_TIMEDOUT, true), "", t.start);
    StatusOr<HttpResponse> result = timed_out.take_result();
    assert_code(result, kRequestTimeout);
    assert_int_equal(result.status().detail().timeout_ms, 5000);
    assert_true(contains(result.status().message(),
                         "GET http://h/v1/workspaces/w: no response within 5000 ms"));

    t.settings.connect_timeout = milliseconds(700);
    RetryingRequest connect_timeout(t.request, t.settings, t.logger, nullptr, t.start);
    connect_timeout.after_attempt(failed_result(CURLE_OPERATION_TIMEDOUT, false), "", t.start);
    result = connect_timeout.take_result();
    assert_code(result, kRequestTimeout);
    assert_int_equal(result.status().detail().timeout_ms, 700);

    TransferResult too_large = failed_result(CURLE_WRITE_ERROR, true);
    too_large.body_too_large = true;
    t.settings.retry.max_attempts = 4;  // permanent: not retried whatever the budget
    RetryingRequest oversized(t.request, t.settings, t.logger, nullptr, t.start);
    auto next = oversized.after_attempt(too_large, "", t.start);
    assert_action(next, kFinished);
    result = oversized.take_result();
    assert_code(result, kProtocol);
    assert_true(contains(result.status().message(), "response body exceeds 1234 bytes"));

    RetryingRequest refused(t.request, t.settings, t.logger, nullptr, t.start);
    for (int i = 0; i < 3; ++i)
        refused.after_attempt(failed_result(CURLE_COULDNT_CONNECT, false), "", t.start);
    next = refused.after_attempt(failed_result(CURLE_COULDNT_CONNECT, false), "", t.start);
    assert_action(next, kFinished);
    result = refused.take_result();
    assert_code(result, kTransport);
    assert_true(contains(result.status().message(), "(after 4 attempts in "));
}

// ---- HttpClient failures that need no server ----

static void test_client_rejects_unsupported_scheme_without_retrying(void **) {
    HttpClient client(fast_settings(), nullptr, Logger());
    int sleeps = 0;
    client.set_sleep_function([&](milliseconds) { ++sleeps; });
    HttpRequest request = get_request();
    request.authenticated = false;
    request.url = "file:///etc/passwd";
    StatusOr<HttpResponse> result = client.send(request);
    assert_false(result.ok());
    // Refused by libcurl before any network: the caller's URL, not the network, is at fault.
    assert_code(result, kInvalidArgument);
    assert_int_equal(sleeps, 0);
}

static void test_client_without_credentials(void **) {
    HttpClient client(fast_settings(), nullptr, Logger());
    StatusOr<HttpResponse> result = client.send(get_request());
    assert_false(result.ok());
    assert_code(result, kUnauthenticated);
    std::vector<StatusOr<HttpResponse>> all = client.send_all({get_request(), get_request()});
    assert_int_equal(all.size(), 2);
    for (const auto &one : all) {
        assert_code(one, kUnauthenticated);
    }
    assert_true(client.send_all({}).empty());
}

static void test_client_rejects_header_injection(void **) {
    auto credentials = std::make_shared<StaticTokenCredentials>("abc\r\nX-Evil: 1");
    HttpClient client(fast_settings(), credentials, Logger());
    StatusOr<HttpResponse> result = client.send(get_request());
    assert_false(result.ok());
    assert_code(result, kInvalidArgument);
    assert_false(contains(result.status().message(), "X-Evil"));
}

static void test_global_init_is_reference_counted(void **) {
    global_init_acquire();
    global_init_acquire();
    global_init_release();
    // Still initialised: a handle can be made.
    CURL *handle = curl_easy_init();
    assert_non_null(handle);
    curl_easy_cleanup(handle);
    global_init_release();
    global_init_release();  // one release too many is harmless
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backoff_grows_to_cap),
        cmocka_unit_test(test_backoff_jitter_bounds_and_spread),
        cmocka_unit_test(test_backoff_same_seed_same_delays),
        cmocka_unit_test(test_backoff_sanitises_settings),
        cmocka_unit_test(test_backoff_multiplier_one_is_constant),
        cmocka_unit_test(test_retry_policy_every_outcome),
        cmocka_unit_test(test_retry_policy_single_attempt_never_retries),
        cmocka_unit_test(test_classify_http_status),
        cmocka_unit_test(test_retry_after_seconds),
        cmocka_unit_test(test_retry_after_http_dates),
        cmocka_unit_test(test_retry_after_garbage),
        cmocka_unit_test(test_http_date),
        cmocka_unit_test(test_request_budget_paces_and_pauses),
        cmocka_unit_test(test_request_budget_429_voids_reservations),
        cmocka_unit_test(test_shared_request_budget),
        cmocka_unit_test(test_escape_path_segment),
        cmocka_unit_test(test_build_query),
        cmocka_unit_test(test_join_url),
        cmocka_unit_test(test_http_method_name),
        cmocka_unit_test(test_describe_request_masks_user_information),
        cmocka_unit_test(test_token_renewal_time),
        cmocka_unit_test(test_token_needs_renewal),
        cmocka_unit_test(test_classify_transfer),
        cmocka_unit_test(test_permanent_failures),
        cmocka_unit_test(test_retrying_request_retries_503_then_succeeds),
        cmocka_unit_test(test_retrying_request_gives_up_after_max_attempts),
        cmocka_unit_test(test_retrying_request_retry_after_wins_when_longer),
        cmocka_unit_test(test_retrying_request_never_waits_past_deadline),
        cmocka_unit_test(test_retrying_request_attempt_timeout_respects_deadline),
        cmocka_unit_test(test_retrying_request_non_idempotent),
        cmocka_unit_test(test_retrying_request_500_retried_for_reads),
        cmocka_unit_test(test_retrying_request_401_renews_once_outside_budget),
        cmocka_unit_test(test_retrying_request_401_static_key_is_final),
        cmocka_unit_test(test_retrying_request_failure_statuses),
        cmocka_unit_test(test_client_rejects_unsupported_scheme_without_retrying),
        cmocka_unit_test(test_client_without_credentials),
        cmocka_unit_test(test_client_rejects_header_injection),
        cmocka_unit_test(test_global_init_is_reference_counted),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
