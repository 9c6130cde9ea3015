// HttpClient::send_all's engine: every request of one round driven from the calling thread on one
// curl multi handle, each with send()'s retry semantics, at most max_connections in flight.
// Internal to the transport.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "transport/curl_handle_pool.h"
#include "transport/http_client.h"
#include "transport/retrying_request.h"
#include "transport/transfer.h"

namespace airbyte_cloud::transport {

// What a round borrows from its HttpClient.
struct SendContext {
    const HttpSettings &settings;
    const Logger &logger;
    CredentialsProvider *credentials;  // may be null
    CurlHandlePool &pool;
    const std::string &user_agent;
    const std::function<void(std::chrono::milliseconds)> &sleep;
    HttpClient &client;  // for token exchanges
};

// The token for one attempt of `request` ("" when it is not authenticated).
StatusOr<std::string> token_for(const HttpRequest &request, CredentialsProvider *credentials,
                                HttpClient &client);

class ConcurrentSend {
  public:
    ConcurrentSend(const std::vector<HttpRequest> &requests, const SendContext &context);
    ~ConcurrentSend();  // detaches whatever is still attached to the pooled multi handle
    ConcurrentSend(const ConcurrentSend &) = delete;
    ConcurrentSend &operator=(const ConcurrentSend &) = delete;

    // results[i] belongs to requests[i].
    std::vector<StatusOr<HttpResponse>> run();

  private:
    using Clock = std::chrono::steady_clock;

    // One request's state.
    struct Request {
        std::size_t index = 0;
        std::unique_ptr<RetryingRequest> run;  // made when the request first starts
        std::unique_ptr<Transfer> transfer;    // the attempt in flight, if any
        CURL *handle = nullptr;                // attached to the multi handle while in flight
        std::string token;
        Clock::time_point ready_at;  // while waiting for a backoff (or the request budget) to end
        bool budgeted = false;       // the next attempt already took its place in the budget
        std::int64_t budget_epoch = 0;  // the budget's 429 count when it did
    };

    void finish(Request &state);
    void fail(Request &state, Status status);
    RetryingRequest &run_of(Request &state, Clock::time_point now);
    void start(Request &state);
    Status attach(Request &state, CURL *handle);
    void complete(CURL *handle, CURLcode code);
    void requeue_ended_backoffs(Clock::time_point now);
    void start_ready();
    void sleep_through_first_backoff(Clock::time_point now);
    bool perform(Clock::time_point now);
    bool collect_completed();
    void poll();
    std::vector<std::size_t>::iterator earliest_waiting();

    const std::vector<HttpRequest> &requests_;
    const SendContext &context_;
    CURLM *multi_ = nullptr;
    std::vector<Request> states_;
    std::vector<StatusOr<HttpResponse>> results_;
    std::deque<std::size_t> ready_;     // to start now, in request order
    std::vector<std::size_t> waiting_;  // in a backoff
    std::size_t in_flight_ = 0;
    std::size_t finished_ = 0;
};

}  // namespace airbyte_cloud::transport
