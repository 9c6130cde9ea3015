// The one way the library talks HTTP: pooled keep-alive curl handles, authentication, retries
// with backoff, timeouts and a response size limit. Safe to use from many threads at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/log.h"
#include "base/status.h"
#include "transport/credentials.h"
#include "transport/http_types.h"
#include "transport/request_budget.h"
#include "transport/retry_policy.h"

namespace airbyte_cloud::transport {

struct HttpSettings {
    std::chrono::milliseconds connect_timeout{10000};
    std::chrono::milliseconds request_timeout{30000};  // one attempt, connect included
    std::string ca_bundle_path;  // empty = system default
    bool verify_tls = true;
    std::string user_agent;      // empty = "libairbyte_cloud/<version> libcurl/<version>"
    std::size_t max_response_bytes = 64u * 1024u * 1024u;
    std::size_t max_connections = 16;  // per host, across the pool and concurrent sends
    RetrySettings retry;
    double request_rate = 0;  // requests per second for the whole client; 0: no limit
};

class CurlHandlePool;  // defined in curl_handle_pool.h; hidden from the domain layer
struct TransferResult;  // transfer.h

class HttpClient {
public:
    // credentials may be null: then requests marked authenticated fail with kUnauthenticated.
    HttpClient(HttpSettings settings, std::shared_ptr<CredentialsProvider> credentials,
               Logger logger);
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    // Sends one request. Retries per the retry policy (honouring Retry-After; never beyond the
    // deadline); on 401 for an authenticated request, invalidates the token and sends once more
    // when the credentials can renew. Any HTTP status that is final after retries is returned as
    // an HttpResponse (the caller maps 4xx/5xx bodies to errors). Failures to get a complete
    // response are a Status: kTransport (connect/DNS/TLS/dropped/truncated, message naming the
    // curl error), kRequestTimeout (detail.timeout_ms set), kProtocol (body over
    // max_response_bytes), kUnauthenticated (token exchange failed).
    StatusOr<HttpResponse> send(const HttpRequest &request);

    // Sends all requests concurrently from the calling thread (one curl multi handle), each with
    // the same semantics as send(). results[i] belongs to requests[i].
    std::vector<StatusOr<HttpResponse>> send_all(const std::vector<HttpRequest> &requests);

    const HttpSettings &settings() const { return settings_; }
    const Logger &logger() const { return logger_; }

    // For tests: replace the sleep used between retries (default std::this_thread::sleep_for).
    void set_sleep_function(std::function<void(std::chrono::milliseconds)> sleep);

    // For tests and statistics: connections opened so far. Keep-alive keeps this far below the
    // number of requests sent.
    std::int64_t connections_opened() const;

    // The request budget every send shares (request_rate, 429 pauses).
    RequestBudget::State budget_state() const { return budget_->state(RequestBudget::Clock::now()); }
    // For the transport's senders: the budget each attempt reserves from, and the 429 check
    // every finished attempt goes through.
    RequestBudget &budget() { return *budget_; }
    // From now on, share the budget of the process's other clients of `api_root` and
    // `credential` (shared_request_budget()).
    void share_budget(const std::string &api_root, const std::string &credential);
    void note_rate_limit(const TransferResult &result);

private:
    StatusOr<HttpResponse> send_with_retries(const HttpRequest &request);
    std::vector<StatusOr<HttpResponse>> send_all_concurrently(
        const std::vector<HttpRequest> &requests);

    HttpSettings settings_;
    std::shared_ptr<CredentialsProvider> credentials_;
    Logger logger_;
    std::string user_agent_;
    std::unique_ptr<CurlHandlePool> pool_;
    std::function<void(std::chrono::milliseconds)> sleep_;
    std::shared_ptr<RequestBudget> budget_;
};

// Process-wide libcurl initialisation, reference counted (libcurl >= 7.84 makes it thread-safe).
void global_init_acquire();
void global_init_release();

}  // namespace airbyte_cloud::transport
