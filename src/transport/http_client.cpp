#include "transport/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <new>
#include <thread>

#include "transport/concurrent_send.h"
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
      budget_(std::make_shared<RequestBudget>(settings_.request_rate)) {
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
        std::int64_t epoch = 0;
        milliseconds wait = backoff + budget_->reserve(Clock::now() + backoff, epoch);
        while (wait.count() > 0) {
            sleep_(wait);
            wait = budget_->recheck(epoch, Clock::now());
        }
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

void HttpClient::note_rate_limit(const TransferResult &result) {
    if (result.code == CURLE_OK && result.http_status == 429) {
        budget_->on_rate_limited(
            parse_retry_after(result.retry_after, std::chrono::system_clock::now()), Clock::now(),
            logger_);
    }
}

void HttpClient::share_budget(const std::string &api_root, const std::string &credential) {
    budget_ = shared_request_budget(api_root, credential, settings_.request_rate, logger_);
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

std::vector<StatusOr<HttpResponse>> HttpClient::send_all_concurrently(
    const std::vector<HttpRequest> &requests) {
    const SendContext context{settings_, logger_, credentials_.get(), *pool_, user_agent_,
                              sleep_,    *this};
    return ConcurrentSend(requests, context).run();
}

}  // namespace airbyte_cloud::transport
