#include "transport/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <new>
#include <thread>

#include "transport/curl_handle_pool.h"
#include "transport/retry_after.h"
#include "transport/retrying_request.h"
#include "transport/transfer.h"

#ifndef ABC_VERSION_STRING
#define ABC_VERSION_STRING "0.0.0"
#endif

namespace airbyte_cloud::transport {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::mutex global_init_mutex;
int global_init_references = 0;

std::string default_user_agent() {
    const curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
    std::string agent = "libairbyte_cloud/" ABC_VERSION_STRING;
    if (info != nullptr && info->version != nullptr)
        agent += std::string(" libcurl/") + info->version;
    return agent;
}

Status out_of_memory_status() {
    return Status(StatusCode::kOutOfMemory, "out of memory");
}

// Gets the token for one attempt of `request` ("" when it is not authenticated).
StatusOr<std::string> token_for(const HttpRequest &request, CredentialsProvider *credentials,
                                HttpClient &client) {
    if (!request.authenticated)
        return std::string();
    if (credentials == nullptr) {
        return Status(StatusCode::kUnauthenticated,
                      describe_request(request) + ": no credentials are configured");
    }
    return credentials->access_token(client);
}

}  // namespace

void global_init_acquire() {
    std::lock_guard<std::mutex> lock(global_init_mutex);
    if (global_init_references++ == 0)
        curl_global_init(CURL_GLOBAL_DEFAULT);
}

void global_init_release() {
    std::lock_guard<std::mutex> lock(global_init_mutex);
    if (global_init_references > 0 && --global_init_references == 0)
        curl_global_cleanup();
}

HttpClient::HttpClient(HttpSettings settings, std::shared_ptr<CredentialsProvider> credentials,
                       Logger logger)
    : settings_(std::move(settings)),
      credentials_(std::move(credentials)),
      logger_(std::move(logger)),
      sleep_([](milliseconds delay) { std::this_thread::sleep_for(delay); }),
      budget_(settings_.request_rate, logger_) {
    if (settings_.max_connections == 0)
        settings_.max_connections = 1;
    user_agent_ = settings_.user_agent.empty() ? default_user_agent() : settings_.user_agent;
    global_init_acquire();
    try {
        pool_ = std::make_unique<CurlHandlePool>(settings_.max_connections);
    } catch (...) {
        global_init_release();
        throw;
    }
}

HttpClient::~HttpClient() {
    pool_.reset();  // curl handles go before the global cleanup they depend on
    global_init_release();
}

void HttpClient::set_sleep_function(std::function<void(milliseconds)> sleep) {
    sleep_ = std::move(sleep);
}

std::int64_t HttpClient::connections_opened() const {
    return pool_->connections_opened();
}

StatusOr<HttpResponse> HttpClient::send(const HttpRequest &request) {
    try {
        return send_with_retries(request);
    } catch (const std::bad_alloc &) {
        return out_of_memory_status();
    } catch (...) {
        return InternalError(describe_request(request) + ": unexpected exception");
    }
}

StatusOr<HttpResponse> HttpClient::send_with_retries(const HttpRequest &request) {
    RetryingRequest run(request, settings_, logger_, credentials_.get(), Clock::now());
    milliseconds backoff(0);  // before a retry: the attempt goes after it, then the budget's wait
    for (;;) {
        const milliseconds wait = backoff + budget_.reserve(Clock::now() + backoff);
        if (wait.count() > 0)
            sleep_(wait);
        backoff = milliseconds(0);
        StatusOr<std::string> token = token_for(request, credentials_.get(), *this);
        if (!token.ok())
            return token.status();

        CURL *handle = pool_->acquire_easy();
        if (handle == nullptr)
            return out_of_memory_status();
        Transfer transfer(settings_, request, user_agent_);
        Status configured = transfer.configure(handle, *token, run.attempt_timeout(Clock::now()));
        if (!configured.ok()) {
            pool_->release_easy(handle, false);
            return Status(configured.code(),
                          describe_request(request) + ": " + configured.message());
        }
        const CURLcode code = curl_easy_perform(handle);
        TransferResult result = transfer.finish(handle, code);
        pool_->release_easy(handle, code == CURLE_OK);
        pool_->add_connections_opened(result.connections_opened);
        note_rate_limit(result);

        const RetryingRequest::Next next =
            run.after_attempt(std::move(result), *token, Clock::now());
        switch (next.action) {
            case RetryingRequest::Next::Action::kFinished:
                return run.take_result();
            case RetryingRequest::Next::Action::kRetryNow:
                break;
            case RetryingRequest::Next::Action::kRetryAfterDelay:
                backoff = next.delay;
                break;
        }
    }
}

std::vector<StatusOr<HttpResponse>> HttpClient::send_all(const std::vector<HttpRequest> &requests) {
    try {
        return send_all_concurrently(requests);
    } catch (const std::bad_alloc &) {
        try {
            return std::vector<StatusOr<HttpResponse>>(requests.size(), out_of_memory_status());
        } catch (...) {
            return {};
        }
    } catch (...) {
        try {
            return std::vector<StatusOr<HttpResponse>>(
                requests.size(), InternalError("send_all: unexpected exception"));
        } catch (...) {
            return {};
        }
    }
}

namespace {

// One request's state inside send_all.
struct ConcurrentRequest {
    std::size_t index = 0;
    std::unique_ptr<RetryingRequest> run;  // made when the request first starts
    std::unique_ptr<Transfer> transfer;    // the attempt in flight, if any
    CURL *handle = nullptr;                // attached to the multi handle while in flight
    std::string token;
    Clock::time_point ready_at;  // while waiting for a backoff (or the request budget) to end
    bool budgeted = false;       // the next attempt already took its place in the budget
};

}  // namespace

void HttpClient::note_rate_limit(const TransferResult &result) {
    if (result.code == CURLE_OK && result.http_status == 429) {
        budget_.on_rate_limited(parse_retry_after(result.retry_after, std::chrono::system_clock::now()),
                                Clock::now());
    }
}

std::vector<StatusOr<HttpResponse>> HttpClient::send_all_concurrently(
    const std::vector<HttpRequest> &requests) {
    const std::size_t count = requests.size();
    std::vector<StatusOr<HttpResponse>> results(count, InternalError("send_all: not sent"));
    if (count == 0)
        return results;

    CURLM *multi = pool_->acquire_multi(settings_.max_connections);
    if (multi == nullptr) {
        std::fill(results.begin(), results.end(), out_of_memory_status());
        return results;
    }

    std::vector<ConcurrentRequest> states(count);
    // Whatever way this function is left, no easy handle stays attached to the pooled multi.
    struct MultiCleanup {
        CURLM *multi;
        CurlHandlePool &pool;
        std::vector<ConcurrentRequest> &states;
        ~MultiCleanup() {
            for (ConcurrentRequest &state : states) {
                if (state.handle == nullptr)
                    continue;
                curl_multi_remove_handle(multi, state.handle);
                pool.release_multi_transfer(state.handle, false);
                state.handle = nullptr;
            }
            pool.release_multi(multi);
        }
    } cleanup{multi, *pool_, states};

    std::deque<std::size_t> ready;     // to start now, in request order
    std::vector<std::size_t> waiting;  // in a backoff
    std::size_t in_flight = 0;
    std::size_t finished = 0;
    for (std::size_t i = 0; i < count; ++i) {
        states[i].index = i;
        ready.push_back(i);
    }

    auto finish = [&](ConcurrentRequest &state) {
        results[state.index] = state.run->take_result();
        ++finished;
    };
    auto fail = [&](ConcurrentRequest &state, Status status) {
        state.run->finish_with_error(std::move(status));
        finish(state);
    };

    auto start = [&](ConcurrentRequest &state) {
        const HttpRequest &request = requests[state.index];
        if (!state.run) {
            state.run = std::make_unique<RetryingRequest>(request, settings_, logger_,
                                                          credentials_.get(), Clock::now());
        }
        StatusOr<std::string> token = token_for(request, credentials_.get(), *this);
        if (!token.ok())
            return fail(state, token.status());
        state.token = std::move(*token);

        CURL *handle = pool_->acquire_multi_transfer();
        if (handle == nullptr)
            return fail(state, out_of_memory_status());
        state.transfer = std::make_unique<Transfer>(settings_, request, user_agent_);
        Status configured = state.transfer->configure(handle, state.token,
                                                      state.run->attempt_timeout(Clock::now()));
        if (configured.ok() &&
            curl_easy_setopt(handle, CURLOPT_PRIVATE, static_cast<void *>(&state)) != CURLE_OK) {
            configured = InternalError("cannot set CURLOPT_PRIVATE");
        }
        if (!configured.ok()) {
            pool_->release_multi_transfer(handle, false);
            state.transfer.reset();
            return fail(state, Status(configured.code(),
                                      describe_request(request) + ": " + configured.message()));
        }
        const CURLMcode added = curl_multi_add_handle(multi, handle);
        if (added != CURLM_OK) {
            pool_->release_multi_transfer(handle, false);
            state.transfer.reset();
            return fail(state, InternalError(describe_request(request) + ": " +
                                             curl_multi_strerror(added)));
        }
        state.handle = handle;
        ++in_flight;
    };

    auto complete = [&](CURL *handle, CURLcode code) {
        char *private_data = nullptr;
        curl_easy_getinfo(handle, CURLINFO_PRIVATE, &private_data);
        auto &state = *reinterpret_cast<ConcurrentRequest *>(private_data);
        curl_multi_remove_handle(multi, handle);
        state.handle = nullptr;
        --in_flight;
        TransferResult result = state.transfer->finish(handle, code);
        state.transfer.reset();
        pool_->release_multi_transfer(handle, code == CURLE_OK);
        pool_->add_connections_opened(result.connections_opened);
        note_rate_limit(result);

        const Clock::time_point now = Clock::now();
        const RetryingRequest::Next next =
            state.run->after_attempt(std::move(result), state.token, now);
        switch (next.action) {
            case RetryingRequest::Next::Action::kFinished:
                finish(state);
                break;
            case RetryingRequest::Next::Action::kRetryNow:
                ready.push_back(state.index);
                break;
            case RetryingRequest::Next::Action::kRetryAfterDelay:
                state.ready_at = now + next.delay;
                waiting.push_back(state.index);
                break;
        }
    };

    auto earliest_waiting = [&]() {
        return std::min_element(waiting.begin(), waiting.end(), [&](std::size_t a, std::size_t b) {
            return states[a].ready_at < states[b].ready_at;
        });
    };

    while (finished < count) {
        const Clock::time_point now = Clock::now();
        // Requests whose backoff has ended go back in line, keeping their relative order.
        for (auto it = waiting.begin(); it != waiting.end();) {
            if (states[*it].ready_at <= now) {
                ready.push_back(*it);
                it = waiting.erase(it);
            } else {
                ++it;
            }
        }
        // At most max_connections transfers at once, which is also the multi handle's per-host
        // limit: a transfer never queues inside libcurl, where its timeout would already run.
        while (in_flight < settings_.max_connections && !ready.empty()) {
            ConcurrentRequest &state = states[ready.front()];
            ready.pop_front();
            if (!state.budgeted) {
                state.budgeted = true;
                const milliseconds budget_wait = budget_.reserve(now);
                if (budget_wait.count() > 0) {
                    state.ready_at = now + budget_wait;
                    waiting.push_back(state.index);
                    continue;
                }
            }
            state.budgeted = false;
            start(state);
        }

        if (in_flight == 0) {
            if (waiting.empty())
                continue;  // everything left is ready (or finished)
            // Nothing to drive: sleep until the first backoff ends, then let that request go
            // (even when a test replaced the sleep with one that returns at once).
            const auto first = earliest_waiting();
            const Clock::time_point ready_at = states[*first].ready_at;
            if (ready_at > now) {
                sleep_(std::chrono::ceil<milliseconds>(ready_at - now));
            }
            ready.push_back(*first);
            waiting.erase(first);
            continue;
        }

        int running = 0;
        const CURLMcode performed = curl_multi_perform(multi, &running);
        if (performed != CURLM_OK) {
            const std::string why =
                std::string("curl_multi_perform: ") + curl_multi_strerror(performed);
            for (ConcurrentRequest &state : states) {
                if (state.run && state.run->finished())
                    continue;
                if (!state.run) {
                    state.run = std::make_unique<RetryingRequest>(requests[state.index], settings_,
                                                                  logger_, credentials_.get(), now);
                }
                fail(state, InternalError(describe_request(requests[state.index]) + ": " + why));
            }
            break;
        }
        bool completed_any = false;
        int messages_left = 0;
        while (CURLMsg *message = curl_multi_info_read(multi, &messages_left)) {
            if (message->msg != CURLMSG_DONE)
                continue;
            complete(message->easy_handle, message->data.result);
            completed_any = true;
        }
        if (completed_any)
            continue;

        // Sleep until a socket is ready, libcurl's next timeout, or the first backoff ends.
        milliseconds wait(1000);
        if (!waiting.empty()) {
            const auto until = std::chrono::ceil<milliseconds>(
                states[*earliest_waiting()].ready_at - Clock::now());
            wait = std::clamp(until, milliseconds(0), wait);
        }
        curl_multi_poll(multi, nullptr, 0, static_cast<int>(wait.count()), nullptr);
    }
    return results;
}

}  // namespace airbyte_cloud::transport
